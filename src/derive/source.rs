//! Building figures with their provenance, and reading 说明材料 values.
//!
//! Every [`Figure`] is made here: from a table cell ([`from_amount`]), from a 说明材料 label
//! ([`note_amount`], [`note_count`], [`note_text`]) or from arithmetic ([`derived`]). A 说明材料
//! value that is not a number where one is needed becomes a 警告 finding, never a silent zero.

use super::facts::{Count, Figure, NoteText, Provenance, Share};
use super::shares::pct_text;
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, CellRef};
use crate::money::{format_wan, parse_amount_text, TEN_THOUSAND};
use rust_decimal::Decimal;

impl Provenance {
    /// Provenance of a value read from one cell.
    pub fn cell(label: impl Into<String>, at: &CellRef) -> Self {
        Provenance { label: label.into(), at: Some(at.clone()) }
    }
    /// Provenance of a computed value (`推导: …`).
    pub fn derived(how: impl AsRef<str>) -> Self {
        Provenance { label: format!("推导: {}", how.as_ref()), at: None }
    }
}

impl Figure {
    /// A figure with its display string (half-up, 2 decimals).
    pub fn new(value: Decimal, source: Provenance) -> Self {
        Figure { value, display: format_wan(value, false), source }
    }
}

impl Share {
    /// A share from an already rounded percentage.
    pub fn new(pct: Decimal, source: Provenance) -> Self {
        Share { pct, display: pct_text(pct), source }
    }
}

/// A figure read from a table cell, labelled e.g. `表01 本年收入合计`.
pub fn from_amount(label: impl Into<String>, amount: &Amount) -> Figure {
    Figure::new(amount.value, Provenance::cell(label, &amount.at))
}

/// A figure computed from others.
pub fn derived(value: Decimal, how: impl AsRef<str>) -> Figure {
    Figure::new(value, Provenance::derived(how))
}

/// A zero standing for a line or column the table does not have.
pub fn absent_zero(label: impl AsRef<str>) -> Figure {
    Figure::new(Decimal::ZERO, Provenance { label: format!("{}（表中无此项，按0计）", label.as_ref()), at: None })
}

/// The 说明材料 text of a label, split into paragraphs.
pub fn note_text(book: &Book, label: &str) -> Option<NoteText> {
    let n = book.note(label)?;
    let text = n.text.trim().to_string();
    let paragraphs = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    Some(NoteText { text, paragraphs, source: Provenance::cell(format!("说明材料 {label}"), &n.at) })
}

/// The 说明材料 amount of a label in 万元 (labels ending in `（元）` are converted exactly).
///
/// A label may also be filled in 元 as `<label>（元）` (input contract §4); it is then
/// converted exactly to 万元.
pub fn note_amount(book: &Book, label: &str, findings: &mut Vec<Finding>) -> Option<Figure> {
    let yuan_label = format!("{label}（元）");
    let (label, n) = match book.note(label) {
        Some(n) => (label, n),
        None => (yuan_label.as_str(), book.note(&yuan_label)?),
    };
    let Some(mut v) = parse_amount_text(&n.text) else {
        findings.push(not_a_number(label, &n.at, "金额"));
        return None;
    };
    if label.ends_with("（元）") || label.ends_with("(元)") {
        v = (v / TEN_THOUSAND).normalize();
    }
    Some(Figure::new(v, Provenance::cell(format!("说明材料 {label}"), &n.at)))
}

/// The 说明材料 whole number of a label (团组, 人次, 辆 …).
pub fn note_count(book: &Book, label: &str, findings: &mut Vec<Finding>) -> Option<Count> {
    let n = book.note(label)?;
    let parsed = parse_amount_text(&n.text).filter(|v| v.fract().is_zero()).and_then(|v| i64::try_from(v).ok());
    let Some(value) = parsed else {
        findings.push(not_a_number(label, &n.at, "整数"));
        return None;
    };
    Some(Count { value, source: Provenance::cell(format!("说明材料 {label}"), &n.at) })
}

fn not_a_number(label: &str, at: &CellRef, what: &str) -> Finding {
    Finding::new(Severity::Warning, "DERIVE-NOTE-NUMBER", format!("说明材料“{label}”应填{what}，无法识别，已忽略"))
        .at(format!("说明材料 {label}"), Some(at.clone()), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{d, sample_spec};

    #[test]
    fn notes_are_read_with_their_cells() {
        let mut s = sample_spec();
        s.notes.push(("机关运行经费", "80.69".into()));
        s.notes.push(("公务用车保有量", "3".into()));
        s.notes.push(("会议费", "约1万".into()));
        s.notes.push(("因公出国人次", "2.5".into()));
        let b = s.build();
        let mut f = Vec::new();
        let a = note_amount(&b, "机关运行经费", &mut f).unwrap();
        assert_eq!(a.value, d("80.69"));
        assert_eq!(a.source.to_string(), "说明材料 机关运行经费 (说明材料!B5)");
        assert_eq!(note_count(&b, "公务用车保有量", &mut f).unwrap().value, 3);
        assert!(f.is_empty());
        assert!(note_amount(&b, "会议费", &mut f).is_none());
        assert!(note_count(&b, "因公出国人次", &mut f).is_none());
        assert_eq!(f.len(), 2);
        assert!(note_amount(&b, "培训费", &mut f).is_none());
        assert_eq!(f.len(), 2);
    }

    #[test]
    fn paragraphs_split_on_line_breaks() {
        let b = sample_spec().build();
        let t = note_text(&b, "主要职能").unwrap();
        assert_eq!(t.paragraphs.len(), 2);
    }

    #[test]
    fn figure_display_is_half_up() {
        assert_eq!(derived(d("25.5"), "x").display, "25.50");
        assert_eq!(derived(d("0.005"), "x").display, "0.01");
        assert_eq!(derived(d("-0.004"), "x").display, "0.00");
    }
}
