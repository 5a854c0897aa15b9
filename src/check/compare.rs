//! The comparison helpers every rule uses: one place decides between 错误 and 提示.
//!
//! **Rounding policy.** Tables stated in 万元 were usually rounded from 元, so an identity
//! between them may be off by a cent per rounded figure. A difference `d ≠ 0` between two
//! sides is 提示 (with a message saying it is a rounding difference within tolerance) when
//! `|d| ≤ 0.01 × n`, where `n` is the number of terms summed on the computed side (at least
//! 1), **and** at least one table involved is stated in 万元. Otherwise it is the rule's
//! severity (错误 for identities). Tables stated in 元 are converted exactly, so between them
//! any difference is real.

use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, CellRef, TableId, Unit};
use rust_decimal::Decimal;

/// One cent in 万元 (0.01).
pub(crate) const CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// One side (or one term) of an identity: what it is, where it was read, its value.
#[derive(Clone, Debug)]
pub(crate) struct Term {
    /// Human label, e.g. `表01 本年收入合计`.
    pub label: String,
    /// The cell, when read from one.
    pub at: Option<CellRef>,
    /// The value in 万元.
    pub value: Decimal,
}

impl Term {
    /// A term read from a cell.
    pub(crate) fn of(label: impl Into<String>, a: &Amount) -> Term {
        Term { label: label.into(), at: Some(a.at.clone()), value: a.value }
    }
    /// A computed term (no cell).
    pub(crate) fn computed(label: impl Into<String>, value: Decimal) -> Term {
        Term { label: label.into(), at: None, value }
    }
    /// A term read from an optional cell; absent means zero (labelled so).
    pub(crate) fn opt(label: impl Into<String>, a: Option<&Amount>) -> Term {
        match a {
            Some(a) => Term::of(label, a),
            None => Term { label: format!("{}（未列示，按0计）", label.into()), at: None, value: Decimal::ZERO },
        }
    }
}

/// Formats a value for a message: exact, trailing zeros removed (`12.5`, `0.01`).
pub(crate) fn show(v: Decimal) -> String {
    v.normalize().to_string()
}

/// An amount (万元) as the report prints it — rounded half-up to 2 decimals, trailing zeros
/// dropped (`40.979742` → `40.98`) — for messages that quote a report figure. Comparisons of
/// cells keep [`show`]'s exact value (rounding could make two unequal cells look equal).
pub(crate) fn show_wan(v: Decimal) -> String {
    let s = crate::money::format_wan(v, false);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The rounding tolerance for an identity summing `terms` rounded figures.
pub(crate) fn tolerance(terms: usize) -> Decimal {
    let n = Decimal::from(terms.max(1) as u64);
    CENT.checked_mul(n).unwrap_or(Decimal::MAX)
}

/// Saturating sum (no panic on absurd inputs; an overflow then shows up as a difference).
pub(crate) fn total<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, |acc, v| acc.saturating_add(*v))
}

/// True when the tables may carry rounding: at least one present table is stated in 万元.
pub(crate) fn rounded(book: &Book, tables: &[TableId]) -> bool {
    tables.iter().filter_map(|t| unit_of(book, *t)).any(|u| u == Unit::Wan)
}

/// The unit a table of the book is stated in (`None` when the table is absent).
pub(crate) fn unit_of(book: &Book, t: TableId) -> Option<Unit> {
    let s = match t {
        TableId::T01 => &book.t01.source,
        TableId::T02 => &book.t02.as_ref()?.source,
        TableId::T03 => &book.t03.source,
        TableId::T04 => &book.t04.source,
        TableId::T05 => &book.t05.as_ref()?.source,
        TableId::T06 => &book.t06.source,
        TableId::T07 => &book.t07.as_ref()?.source,
        TableId::T08 => &book.t08.source,
        TableId::T09 => &book.t09.as_ref()?.source,
        TableId::T10 => &book.t10.as_ref()?.source,
        TableId::T11 => &book.t11.as_ref()?.source,
        TableId::T12 => &book.t12.as_ref()?.source,
        TableId::T13 => &book.t13.source,
    };
    Some(s.unit)
}

/// An equality rule being applied: its id, what it states, and how to grade a difference.
#[derive(Clone, Debug)]
pub(crate) struct Rule<'a> {
    /// Rule id, e.g. `T01-BALANCE`.
    pub id: &'static str,
    /// What must hold, in Chinese, e.g. `表01 收入总计应等于支出总计`.
    pub what: &'a str,
    /// Whether rounding differences are possible (a table involved is in 万元).
    pub rounded: bool,
    /// Severity of a difference beyond tolerance.
    pub beyond: Severity,
}

impl<'a> Rule<'a> {
    /// An identity rule: beyond tolerance is 错误.
    pub(crate) fn error(id: &'static str, what: &'a str, rounded: bool) -> Self {
        Rule { id, what, rounded, beyond: Severity::Error }
    }

    /// Grades `left − right` against the tolerance for `terms` terms; `None` when equal.
    fn grade(&self, diff: Decimal, terms: usize) -> Option<(Severity, String)> {
        if diff.is_zero() {
            return None;
        }
        let tol = tolerance(terms);
        if self.rounded && diff.abs() <= tol {
            let n = terms.max(1);
            let note = format!("相差{}万元，在四舍五入容差{}万元（0.01万元×{n}项）以内，视为尾差", show(diff), show(tol));
            return Some((Severity::Info, note));
        }
        Some((self.beyond, format!("相差{}万元", show(diff))))
    }

    /// `left = right`, where `right` stands for `terms` rounded figures. Both sides become
    /// locations; the difference is `left − right`.
    pub(crate) fn equal(&self, left: Term, right: Term, terms: usize) -> Option<Finding> {
        self.combine(left, right, terms, Vec::new())
    }

    /// `stated = Σ parts`. Locations: the stated cell, the computed sum, then every part.
    pub(crate) fn sum(&self, stated: Term, sum_label: &str, parts: Vec<Term>) -> Option<Finding> {
        let s = total(parts.iter().map(|p| &p.value));
        let n = parts.len();
        self.combine(stated, Term::computed(sum_label, s), n, parts)
    }

    /// `stated = Σ plus − Σ minus`; the minus terms are labelled `减：…`.
    pub(crate) fn signed(&self, stated: Term, label: &str, plus: Vec<Term>, minus: Vec<Term>) -> Option<Finding> {
        let p = total(plus.iter().map(|t| &t.value));
        let m = total(minus.iter().map(|t| &t.value));
        let n = plus.len() + minus.len();
        let minus = minus.into_iter().map(|t| Term { label: format!("减：{}", t.label), ..t });
        let parts: Vec<Term> = plus.into_iter().chain(minus).collect();
        self.combine(stated, Term::computed(label, p.saturating_sub(m)), n, parts)
    }

    fn combine(&self, left: Term, right: Term, terms: usize, parts: Vec<Term>) -> Option<Finding> {
        let diff = left.value.saturating_sub(right.value);
        let (sev, note) = self.grade(diff, terms)?;
        let msg = format!("{}：{} {} 与 {} {} 不等，{}", self.what, left.label, show(left.value), right.label, show(right.value), note);
        let f = Finding::new(sev, self.id, msg);
        let f = [left, right].into_iter().chain(parts).fold(f, |f, t| f.at(t.label, t.at, Some(t.value)));
        Some(f.diff(diff))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::d;

    fn t(v: &str) -> Term {
        Term::computed("x", d(v))
    }

    #[test]
    fn one_cent_in_six_term_sum_is_info() {
        let r = Rule::error("R", "合计应等于各项之和", true);
        let parts: Vec<Term> = ["1", "2", "3", "4", "5", "6"].iter().map(|v| t(v)).collect();
        let f = r.sum(t("21.01"), "各项之和", parts.clone()).expect("finding");
        assert_eq!(f.severity, Severity::Info);
        assert!(f.message.contains("四舍五入容差0.06万元"), "{}", f.message);
        assert_eq!(f.difference, Some(d("0.01")));
        assert_eq!(f.locations.len(), 8);
        let f = r.sum(t("21.50"), "各项之和", parts.clone()).expect("finding");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.difference, Some(d("0.5")));
        assert!(r.sum(t("21"), "各项之和", parts).is_none());
    }

    #[test]
    fn yuan_tables_have_no_tolerance() {
        let r = Rule::error("R", "应相等", false);
        let f = r.equal(t("1.0001"), t("1"), 1).expect("finding");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.difference, Some(d("0.0001")));
    }

    #[test]
    fn signed_combination_labels_minus_terms() {
        let r = Rule::error("R", "年末应等于年初加收入减支出", true);
        let f = r.signed(t("10"), "计算值", vec![t("5"), t("10")], vec![t("3")]).expect("finding");
        assert_eq!(f.locations[1].value, Some(d("12")));
        assert!(f.locations[4].label.starts_with("减："));
        assert_eq!(f.difference, Some(d("-2")));
        assert!(r.signed(t("12"), "计算值", vec![t("5"), t("10")], vec![t("3")]).is_none());
    }

    #[test]
    fn no_panic_on_extreme_values() {
        let r = Rule::error("R", "应相等", true);
        let f = r.sum(t("1"), "和", vec![Term::computed("a", Decimal::MAX), Term::computed("b", Decimal::MAX)]);
        assert_eq!(f.expect("finding").severity, Severity::Error);
    }
}
