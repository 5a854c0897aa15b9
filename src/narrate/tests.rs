use super::*;
use crate::doc::{Chart, ChartKind};

fn chart(n: u8) -> Chart {
    Chart { number: n, kind: ChartKind::Bar, caption: format!("图{n}"), categories: vec![], series: vec![] }
}

#[test]
fn context_marks_available_charts() {
    let view = View { charts: vec![chart(1), chart(7)], ..View::default() };
    let ctx = context(&view).unwrap().into_json();
    assert_eq!(ctx["chart"]["1"], true);
    assert_eq!(ctx["chart"]["2"], false);
    assert_eq!(ctx["chart"]["7"], true);
    assert!(ctx.get("charts").is_none(), "charts are not serialised");
}

#[test]
fn a_bad_year_fails_the_render() {
    let mut set = Templates::builtin();
    set = set.with_source("report.txt", "正文");
    let view = View { year: "二〇二三".into(), ..View::default() };
    let err = narrate(&view, &set).unwrap_err();
    assert!(matches!(err, NarrateError::Context(_)), "{err}");
}

#[test]
fn a_minimal_template_set_renders() {
    let set = Templates::builtin().with_source("report.txt", "# {{ department }}\n正文【请补充：甲】\n");
    let view = View { department: "某部门".into(), year: "2023".into(), ..View::default() };
    let doc = narrate(&view, &set).unwrap();
    assert_eq!(doc.year, 2023);
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(placeholders(&doc), ["【请补充：甲】"]);
}
