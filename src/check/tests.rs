//! Tests of the stage as a whole: ordering, rendering, exit codes, the catalogue.

use super::*;
use crate::model::Department;
use crate::testkit::{d, sample_book};

fn dept(book: crate::model::Book) -> Department {
    Department { book, prior: None }
}

#[test]
fn findings_are_sorted_by_severity_then_rule() {
    let mut b = sample_book();
    b.t03.total[0].value += d("0.01");
    b.t01.expenditure_grand_total.value = d("900");
    let f = check(&dept(b));
    let keys: Vec<(Severity, &str)> = f.iter().map(|x| (x.severity, x.rule.as_str())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(exit_code(&f), 1);
}

#[test]
fn every_emitted_rule_is_catalogued() {
    let mut b = sample_book();
    b.t03.total[0].value += d("1");
    b.t01.income[0].amount.value += d("1");
    let f = check(&dept(b));
    assert!(f.iter().all(|x| rule(&x.rule).is_some()), "{f:#?}");
}

#[test]
fn text_and_json_rendering() {
    let mut b = sample_book();
    b.t01.expenditure_grand_total.value = d("900");
    let f = check(&dept(b));
    let t = Tally::of(&f);
    let text = render_text(&f);
    assert!(text.contains("== 错误（"), "{text}");
    assert!(text.contains("T01-BALANCE"));
    assert!(text.contains("testkit.xlsx › 公开01表!F34"), "{text}");
    assert!(text.ends_with(&format!("错误 {} 个，警告 {} 个，提示 {} 个\n", t.errors, t.warnings, t.infos)));
    let json: serde_json::Value = serde_json::from_str(&render_json(&f)).unwrap();
    assert_eq!(json["summary"]["errors"].as_u64(), Some(t.errors as u64));
    let bal = json["findings"].as_array().unwrap().iter().find(|x| x["rule"] == "T01-BALANCE").unwrap();
    assert_eq!(bal["severity"], "错误");
    assert_eq!(bal["locations"][1]["at"]["cell"], "F34");
    assert_eq!(bal["difference"], "-10.84");
}

use crate::findings::Tally;

#[test]
fn sample_book_checks_clean_but_for_missing_information() {
    let f = rules::testutil::run(sample_book());
    let rules: Vec<&str> = f.iter().filter(|x| x.severity != Severity::Info).map(|x| x.rule.as_str()).collect();
    assert_eq!(rules, ["MISSING-PRIOR", "MISSING-THREE-PUBLIC"], "{f:#?}");
    assert_eq!(exit_code(&f), 0);
}

#[test]
fn sample_book_with_clean_notes_has_no_finding_at_all() {
    let b = rules::testutil::with_notes(sample_book(), rules::testutil::CLEAN_NOTES);
    let f = rules::testutil::run(b);
    assert!(f.is_empty(), "{f:#?}");
    assert_eq!(render_text(&f), "未发现问题。\n错误 0 个，警告 0 个，提示 0 个\n");
}

#[test]
fn department_with_a_fund_and_prior_year_is_clean() {
    let mut s = crate::testkit::sample_spec();
    s.lines.push(crate::testkit::Line { fund: crate::model::Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    let book = rules::testutil::with_notes(s.build(), &[("机关运行经费", "80.69"), ("公务用车保有量", "3"), ("公务用车运行维护费用途", "燃料费"), ("收支总计变动原因", "新增政府性基金项目。"), ("收入变动原因", "同上。"), ("支出变动原因", "同上。"), ("财政拨款收支变动原因", "同上。")]);
    let mut prior = crate::testkit::sample_spec();
    prior.year = 2022;
    let f = check(&Department { book, prior: Some(prior.build()) });
    assert!(f.is_empty(), "{f:#?}");
}


#[test]
fn optional_tables_absent() {
    let mut b = sample_book();
    b.t02 = None;
    b.t05 = None;
    b.t07 = None;
    b.t09 = None;
    let f = rules::testutil::run(rules::testutil::with_notes(b, rules::testutil::CLEAN_NOTES));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn rules_listing() {
    assert!(rules().len() > 60);
    assert!(rules().iter().any(|r| r.id == "NOTES-RUNNING-COST" && r.severity == Severity::Warning));
    assert!(rules_markdown().contains("`MISSING-BUDGET-REASON`"));
}

#[test]
fn amounts_in_messages_are_rounded_as_the_report_prints_them() {
    // Tables in 元 give 万元 figures with up to 6 decimals; the message quotes the report's.
    let book = sample_book();
    let mut prior = crate::testkit::sample_spec().build();
    prior.meta.year = 2022;
    prior.t01.income_grand_total.value = book.t01.income_grand_total.value + d("40.979742");
    let f = check(&Department { book, prior: Some(prior) });
    let m = f.iter().find(|x| x.rule == "MISSING-REASON" && x.message.starts_with("收支总计")).unwrap_or_else(|| panic!("{f:#?}"));
    assert!(m.message.contains("减少40.98万元（下降"), "{}", m.message);
    assert!(!m.message.contains("40.979742"), "{}", m.message);
    // The cells keep their exact values.
    assert_eq!(m.difference, Some(d("-40.979742")));
}
