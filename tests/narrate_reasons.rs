//! Reason ownership: every 说明材料 reason label may only explain the sentence it belongs to.
//!
//! A testkit department has every reason needed (changes beyond the threshold, 三公 决算数 below
//! 预算数) and every reason label filled with a unique marker text. Each marker found in the
//! report must sit in (or right after) a sentence about its own subject: the 三公
//! budget-execution statement never explains a year-on-year change, and no change reason
//! explains a budget difference.

use juesuan::derive::{derive, DeriveOptions};
use juesuan::model::Department;
use juesuan::narrate::{narrate_facts, to_markdown, Templates};
use juesuan::notes_catalog::NOTE_LABELS;
use juesuan::testkit::{d, sample_spec};

/// Label → (phrases the owning sentence must contain, phrases it must not contain).
const OWNERS: &[(&str, &[&str], &[&str])] = &[
    ("收支总计变动原因", &["收、支总计", "相比"], &["财政拨款"]),
    ("财政拨款收支变动原因", &["财政拨款收、支总计", "相比"], &[]),
    ("一般公共预算财政拨款支出变动原因", &["一般公共预算财政拨款支出", "相比"], &[]),
    ("三公经费预算执行说明", &["“三公”经费财政拨款支出决算为", "决算数小于预算数的主要原因是"], &["相比"]),
    ("三公经费变动原因", &["“三公”经费财政拨款支出", "相比"], &["预算数"]),
    ("因公出国（境）费变动原因", &["因公出国（境）费支出决算", "相比"], &["预算数"]),
    ("公务用车购置及运行维护费变动原因", &["公务用车购置及运行维护费支出决算", "相比"], &["预算数"]),
    ("公务接待费变动原因", &["公务接待费支出决算", "相比"], &["预算数"]),
    ("机关运行经费变动原因", &["机关运行经费", "相比"], &["预算数"]),
];

fn marker(label: &str) -> String {
    format!("标记{label}")
}

fn report() -> String {
    report_with(&[])
}

/// The report with some reason labels holding `texts` instead of their marker.
fn report_with(texts: &[(&'static str, &str)]) -> String {
    let mut spec = sample_spec();
    // 三公: 出国 new this year, 公务用车运行 below budget, 接待 spent; all far from last year.
    spec.three_public = [(d("6"), d("3")), (d("0"), d("0")), (d("14"), d("12.52")), (d("2"), d("1.5"))];
    for (label, value) in [
        ("上年收入总计", "700"), ("上年支出总计", "700"), ("上年本年收入合计", "700"), ("上年本年支出合计", "700"),
        ("上年财政拨款收入总计", "700"), ("上年财政拨款支出总计", "700"), ("上年一般公共预算财政拨款支出", "700"),
        ("上年因公出国（境）费", "1"), ("上年公务用车购置及运行维护费", "6.89"), ("上年公务接待费", "0.5"),
        ("上年机关运行经费", "40"), ("机关运行经费", "80.69"),
    ] {
        spec.notes.push((label, value.to_string()));
    }
    for n in NOTE_LABELS.iter().filter(|n| n.group == "变动原因") {
        let text = texts.iter().find(|(l, _)| *l == n.label).map_or_else(|| marker(n.label), |(_, t)| t.to_string());
        spec.notes.push((n.label, text));
    }
    let dept = Department { book: spec.build(), prior: None };
    let facts = derive(&dept, &DeriveOptions::default());
    to_markdown(&narrate_facts(&facts, &Templates::builtin()).expect("narrates"))
}

/// The sentence holding `pos` in `line`, with the sentence before it when the marker's own
/// sentence is only `主要原因是…` (the reason of the sentence before).
fn owning_sentence(line: &str, pos: usize) -> String {
    let start = line[..pos].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let own = &line[start..];
    let own = &own[..own.find('。').unwrap_or(own.len())];
    if own.starts_with("主要原因是") || own.starts_with("主要变动原因是") {
        let before = &line[..start.saturating_sub('。'.len_utf8())];
        let prev_start = before.rfind('。').map_or(0, |i| i + '。'.len_utf8());
        return format!("{}。{own}", &before[prev_start..]);
    }
    own.to_string()
}

#[test]
fn every_reason_sits_in_the_sentence_it_explains() {
    let md = report();
    let mut seen = Vec::new();
    for (label, must, must_not) in OWNERS {
        let m = marker(label);
        for line in md.lines() {
            for (pos, _) in line.match_indices(&m) {
                let s = owning_sentence(line, pos);
                for p in *must {
                    assert!(s.contains(p), "“{label}” explains a sentence without “{p}”:\n{s}");
                }
                for p in *must_not {
                    assert!(!s.contains(p), "“{label}” explains a sentence about “{p}”:\n{s}");
                }
                seen.push(*label);
            }
        }
    }
    // The test means something only if the 三公 labels are in the report at all, each once.
    for label in ["三公经费预算执行说明", "三公经费变动原因", "因公出国（境）费变动原因", "公务接待费变动原因", "机关运行经费变动原因", "收支总计变动原因"] {
        assert_eq!(seen.iter().filter(|l| **l == label).count(), 1, "“{label}” used {:?} times\n{md}", seen.iter().filter(|l| **l == label).count());
    }
}

#[test]
fn every_reason_label_of_the_catalogue_has_an_owner() {
    for n in NOTE_LABELS.iter().filter(|n| n.group == "变动原因") {
        let used_in_text = !matches!(n.label, "收入变动原因" | "支出变动原因");
        assert_eq!(OWNERS.iter().any(|(l, _, _)| *l == n.label), used_in_text, "{}", n.label);
    }
}

#[test]
fn a_budget_comparison_is_said_once() {
    // The finance officer's statement repeats the comparison: it is said once all the same.
    let md = report_with(&[("三公经费预算执行说明", "压减公务接待规模，“三公”经费决算数小于预算数。")]);
    let line = md.lines().find(|l| l.starts_with("2023年度“三公”经费财政拨款支出决算为")).expect("三公 total");
    assert_eq!(line.matches("决算数小于预算数").count(), 1, "{line}");
    assert!(line.contains("决算数小于预算数的主要原因是压减公务接待规模。"), "{line}");
}
