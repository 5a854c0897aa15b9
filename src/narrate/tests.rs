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

#[test]
fn performance_paragraph_names_every_form_with_score_and_summary() {
    use crate::derive::{derive, DeriveOptions};
    use crate::model::Department;
    let mut book = crate::testkit::sample_book();
    let mut b = crate::testkit::sample_form("档案工作经费（2023）", "20", "9.61");
    b.total_score.as_mut().unwrap().value = crate::testkit::d("89");
    b.conclusion = None;
    b.achieved = None;
    book.forms = vec![crate::testkit::sample_form("51090423T000008810877-春节慰问费（2023）", "4", "4"), b];
    let facts = derive(&Department { book, prior: None }, &DeriveOptions::default());
    assert_eq!(facts.performance.forms[0].name, "春节慰问费");
    assert_eq!(facts.performance.forms[0].code.as_deref(), Some("51090423T000008810877"));
    assert_eq!(facts.performance.forms[1].score_at.as_ref().unwrap().a1(), "J17");
    let doc = super::narrate_facts(&facts, &super::Templates::builtin()).unwrap();
    let text: Vec<String> = doc.blocks.iter().filter_map(|b| match b { crate::doc::Block::Paragraph(p) => Some(p.text()), _ => None }).collect();
    let p = text.iter().find(|t| t.contains("绩效自评得分")).expect("the 绩效 paragraph");
    assert!(p.contains("共完成2个项目的绩效自评；春节慰问费项目绩效自评得分为100分，绩效自评综述：春节慰问费（2023）圆满完成；档案工作经费项目绩效自评得分为89分，绩效自评综述：【请补充：档案工作经费绩效自评综述】。"), "{p}");
    let json = serde_json::to_string(&facts.performance).unwrap();
    assert!(json.contains("\"score\":\"89\"") && json.contains("\"cell\":\"J17\""), "{json}");
}
