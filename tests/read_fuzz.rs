//! The reader never panics: arbitrary bytes, truncated and bit-flipped real workbooks, and
//! random cell contents all end in `Ok` or a `ReadError`.

mod read_support;

use juesuan::read::read_book;
use proptest::prelude::*;
use read_support::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn real_xlsx() -> &'static (PathBuf, Vec<u8>) {
    static CELL: OnceLock<(PathBuf, Vec<u8>)> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = temp_dir("fuzz-seed");
        let p = dir.join("seed.xlsx");
        write_book(&p, &standard());
        let bytes = std::fs::read(&p).unwrap();
        (p, bytes)
    })
}

fn scratch(tag: &str, ext: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-read-{}-fuzz-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("case.{ext}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in prop::sample::select(vec!["xlsx", "xls", "ods", "xlsm"])) {
        let p = scratch("bytes", ext);
        std::fs::write(&p, &bytes).unwrap();
        prop_assert!(read_book(&p).is_err());
    }

    #[test]
    fn truncated_workbook_is_an_error(cut in 0usize..100_000) {
        let (_, bytes) = real_xlsx();
        let n = cut % bytes.len();
        let p = scratch("trunc", "xlsx");
        std::fs::write(&p, &bytes[..n]).unwrap();
        prop_assert!(read_book(&p).is_err());
    }

    #[test]
    fn bit_flipped_workbook_never_panics_nor_misreads(pos in 0usize..1_000_000, bit in 0u8..8) {
        let (seed, bytes) = real_xlsx();
        let original = read_book(seed).unwrap();
        let mut b = bytes.clone();
        let i = pos % b.len();
        b[i] ^= 1 << bit;
        let p = scratch("flip", "xlsx");
        std::fs::write(&p, &b).unwrap();
        if let Ok(book) = read_book(&p) {
            // A flip the zip layer tolerates (timestamps, padding) must not change any figure.
            let (a, b) = (figures(&book, &p), figures(&original, seed));
            if a != b {
                let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                let ctx = |s: &str| s.chars().skip(at.saturating_sub(150)).take(300).collect::<String>();
                prop_assert!(false, "flip at {} changed the book:\n{}\n---\n{}", i, ctx(&a), ctx(&b));
            }
        }
    }

    #[test]
    fn random_cell_contents_never_panic(sheet_i in 0usize..14, r in 0u32..25, c in 0u16..13, v in "\\PC{0,12}|=[0-9]{1,9}(\\.[0-9]{1,4})?|![#]REF!") {
        let mut specs = standard();
        let i = sheet_i % specs.len();
        specs[i].put(r, c, &v);
        let p = scratch("cells", "xlsx");
        write_book(&p, &specs);
        let _ = read_book(&p);
    }
}

/// The book as JSON with its file paths blanked (to compare reads of two files).
fn figures(book: &juesuan::model::Book, p: &std::path::Path) -> String {
    serde_json::to_string(book).unwrap().replace(&p.display().to_string(), "<file>")
}
