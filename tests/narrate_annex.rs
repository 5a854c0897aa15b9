//! 第四部分 附件 from a department with 绩效自评表 (`testkit::sample_book_with_forms`): the
//! golden Markdown of 第四部分 (`UPDATE_GOLDEN=1 cargo test --release --test narrate_annex`
//! rewrites it; review the diff), the figures of 附件1/附件2 and 十（四/五） in the text, and the
//! 自评表 cells in `word/document.xml`.

mod write_support;

use juesuan::derive::{derive, DeriveOptions, Facts};
use juesuan::doc::{Block, Document};
use juesuan::model::Department;
use juesuan::narrate::{narrate_facts, to_markdown, Templates};
use juesuan::testkit::{sample_book, sample_book_with_forms};
use write_support::Package;

fn facts(book: juesuan::model::Book) -> Facts {
    derive(&Department { book, prior: None }, &DeriveOptions::default())
}

fn document(book: juesuan::model::Book) -> Document {
    narrate_facts(&facts(book), &Templates::builtin()).unwrap_or_else(|e| panic!("narrate: {e}"))
}

/// The blocks of 第四部分 (from its heading up to the next level-1 heading).
fn part4(doc: &Document) -> Document {
    let start = doc.blocks.iter().position(|b| matches!(b, Block::Heading { level: 1, text } if text.ends_with("附件"))).expect("第四部分");
    let len = doc.blocks[start + 1..].iter().position(|b| matches!(b, Block::Heading { level: 1, .. })).unwrap_or(doc.blocks.len() - start - 1);
    Document { blocks: doc.blocks[start..start + 1 + len].to_vec(), ..doc.clone() }
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(p.text()) } else { None }).collect()
}

fn has(doc: &Document, text: &str) -> bool {
    paragraphs(doc).iter().any(|p| p == text)
}

#[test]
fn golden_part4_markdown() {
    let md = to_markdown(&part4(&document(sample_book_with_forms())));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/narrate/annex_testkit.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &md).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    if md != expected {
        let (n, (got, want)) = md.lines().zip(expected.lines()).enumerate().find(|(_, (a, b))| a != b).unwrap_or((0, ("", "")));
        panic!("第四部分 differs from {} (UPDATE_GOLDEN=1 to accept)\nfirst difference at line {}:\n  got:  {got}\n  want: {want}", path.display(), n + 1);
    }
}

#[test]
fn annex1_figures_come_from_tables_forms_and_labels() {
    let book = sample_book_with_forms();
    let dept = book.meta.department.clone();
    let f = facts(book.clone());
    let e = f.evaluation.as_ref().expect("evaluation facts");
    // 年初预算 = Σ 预算数表 年初预算数 (the testkit sets them to the 表06 项 totals).
    let initial: rust_decimal::Decimal = book.budgets.iter().filter_map(|l| l.initial.as_ref()).map(|a| a.value).sum();
    assert_eq!(e.initial_budget.as_ref().unwrap().value, initial);
    assert!(e.initial_budget.as_ref().unwrap().source.label.contains("预算数表 年初预算数"));
    assert_eq!(e.final_income.value, book.t01.income_total.value);
    assert!(e.final_income.source.at.is_some(), "决算报表收入 names its cell");
    let doc = part4(&document(book.clone()));
    let income = paragraphs(&doc).into_iter().find(|p| p.contains("年年初预算收入")).unwrap();
    assert!(income.starts_with(&format!("{dept}2023年年初预算收入{}万元、决算报表收入889.16万元", juesuan::money::format_wan(initial, false))), "{income}");
    // 三（二）: 3 forms, Σ 调整后 34, Σ 执行 23.58 → 69.35%, one project (档案) with 结余率 > 10%.
    assert!(has(&doc, "2023年度，本部门对3个项目开展绩效自评，涉及预算总金额34.00万元，1—12月预算执行总体进度为69.35%，其中：预算结余率大于10%的项目共计1个。其中常年性项目3个，阶段（一次性）项目0个。"));
    assert!(has(&doc, "全年起草各类文稿500余篇。") && has(&doc, "编发《安居信息》48期。"));
    assert!(has(&doc, "【请补充：绩效评价：预算管理】"));
    assert!(has(&doc, "自评得分98分，等级为优。"));
    // one @form per project, in input order
    let forms: Vec<(usize, String)> = doc.blocks.iter().filter_map(|b| if let Block::PerfForm { index, name } = b { Some((*index, name.clone())) } else { None }).collect();
    assert_eq!(forms, [(1, "春节慰问费".to_string()), (2, "党史研究专项工作经费".to_string()), (3, "档案工作经费".to_string())]);
}

#[test]
fn annex2_one_report_per_project() {
    let doc = part4(&document(sample_book_with_forms()));
    let titles = paragraphs(&doc).iter().filter(|p| *p == "专项预算项目绩效评价报告").count();
    assert_eq!(titles, 3);
    assert!(has(&doc, "（档案工作经费）"));
    // amounts from the form; label text; form text as fallback; placeholders naming the label
    assert!(has(&doc, "档案工作经费年初预算安排20.00万元，调整后预算数20.00万元，预算执行数9.61万元，预算执行率48.05%。"));
    assert!(has(&doc, "主要用于区委节日慰问一线干部职工、党员代表、基层群众。"));
    assert!(has(&doc, "档案数字化进度偏慢。"));
    assert!(has(&doc, "完成40余家相关单位执法检查；异地查档46件次。"));
    assert!(has(&doc, "档案工作经费自评得分94.81分。"));
    assert!(has(&doc, "【请补充：项目评价：档案工作经费：评价目的】"));
    // each report numbers from 一、 again
    let h: Vec<String> = doc.blocks.iter().filter_map(|b| if let Block::Heading { text, .. } = b { Some(text.clone()) } else { None }).collect();
    assert_eq!(h.iter().filter(|t| *t == "一、项目概况").count(), 3);
    assert_eq!(h.iter().filter(|t| *t == "六、改进建议").count(), 3);
    // placeholders of 附件2 are catalogue labels
    for p in juesuan::narrate::placeholders(&doc) {
        if let Some(label) = p.trim_matches(['【', '】']).strip_prefix("请补充：") {
            assert!(juesuan::notes_catalog::find_label(label).is_some(), "{label}");
        }
    }
}

#[test]
fn performance_paragraph_counts_and_scores() {
    let doc = document(sample_book_with_forms());
    assert!(has(&doc, "根据预算绩效管理要求，本部门对5个项目编制了绩效目标，预算执行过程中，选取3个项目开展绩效监控，年度终了对3个项目开展了绩效自评。"));
    let scores = paragraphs(&doc).into_iter().find(|p| p.starts_with("组织对2023年度部门预算项目全面开展绩效自评")).unwrap();
    assert!(scores.contains("档案工作经费项目绩效自评得分为94.81分，绩效自评综述：完成40余家相关单位执法检查；异地查档46件次"), "{scores}");
}

#[test]
fn without_forms_part4_is_unchanged() {
    let doc = part4(&document(sample_book()));
    assert_eq!(paragraphs(&doc), ["无。"]);
}

#[test]
fn perf_forms_are_word_tables_in_document_xml() {
    let book = sample_book_with_forms();
    let doc = document(book.clone());
    let bytes = juesuan::write::render_docx(&doc, &book).unwrap_or_else(|e| panic!("write: {e}"));
    let xml = Package::open(&bytes).text("word/document.xml");
    for cell in ["51090423T000008811099-档案工作经费（2023）", "预算执行情况（10分）", "绩效指标（90分）", "其中：财政资金", "9.61", "48.05%", "4.81", "94.81", "部分档案数字化工作延至下年实施。", "服务对象满意度", "项目负责人：张三", "财务负责人：李四"] {
        assert!(xml.contains(&format!(">{cell}<")), "{cell}");
    }
    // 13 附表 + 3 自评表; each 自评表 grid has 11 columns
    assert_eq!(xml.matches("<w:tbl>").count(), 16);
    assert_eq!(xml.matches(r#"<w:gridCol w:w="1075" />"#).count(), 3);
    // a template that places a form the input lacks fails as a whole
    let mut fewer = book.clone();
    fewer.forms.truncate(2);
    let err = juesuan::write::render_docx(&doc, &fewer).unwrap_err().to_string();
    assert!(err.contains("第3张绩效自评表"), "{err}");
}

/// The report of the department with forms passes the Open XML validator with 0 findings
/// (skipped without `python3 -m openxml_audit`, except under CI). The DOCX is left at
/// `target/tmp/annex_testkit.docx` for a look (README: docs/rendered/perf_form.png).
#[test]
fn report_with_forms_has_zero_validator_findings() {
    let book = sample_book_with_forms();
    let bytes = juesuan::write::render_docx(&document(book.clone()), &book).unwrap_or_else(|e| panic!("write: {e}"));
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("annex_testkit.docx");
    std::fs::write(&path, &bytes).unwrap();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    let available = std::process::Command::new("python3").args(["-c", "import openxml_audit"]).output().is_ok_and(|o| o.status.success());
    if !available {
        assert!(!ci, "python3 -m openxml_audit is required under CI");
        eprintln!("openxml_audit not installed: validation skipped");
        return;
    }
    let out = std::process::Command::new("python3").args(["-m", "openxml_audit", "-f", "office2019", "-m", "0"]).arg(&path).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("Errors: 0"), "{text}");
}
