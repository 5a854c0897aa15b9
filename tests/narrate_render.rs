//! Rendering whole views into documents: spot checks of key sentences per case, and the
//! golden Markdown preview of the full case (`UPDATE_GOLDEN=1 cargo test --test narrate_render`
//! rewrites it; review the diff).

mod narrate_fixture;

use juesuan::doc::{Block, Document};
use juesuan::narrate::*;
use narrate_fixture::*;

fn render(view: &View) -> Document {
    match narrate(view, &Templates::builtin()) {
        Ok(doc) => doc,
        Err(e) => panic!("render failed: {e}"),
    }
}

#[test]
fn golden_markdown_preview() {
    let md = to_markdown(&render(&full_view()));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/narrate_golden/full.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &md).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    assert_eq!(md, expected, "preview differs from {}", path.display());
}
