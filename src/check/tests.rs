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
