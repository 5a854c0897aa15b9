//! Budget execution (完成预算X%, 决算数大于/小于/等于预算数).
//!
//! Budgets of function subjects come from table 06's `全年预算数` column when the export has
//! it, else from the optional `预算数` sheet, else they are unknown — and the sentence omits the
//! clause; 100% is never assumed. 三公 budgets come from table 13.

use super::change::FLAT_EPSILON;
use super::facts::{BudgetComparison, Completion, Figure, NoteText};
use super::shares::pct_text;
use super::source::from_amount;
use crate::model::{Book, Col, SubjectCode};
use crate::money::round_half_up;
use rust_decimal::Decimal;

/// Compares `actual` with `budget`.
///
/// Equal when they differ by less than 0.005 万元 (rate then exactly 100.00); the rate is
/// `actual ÷ budget × 100` rounded half-up at 2 decimals and is `None` for a zero or unknown
/// budget. A known budget that differs needs a reason.
///
/// ```
/// use juesuan::derive::budget::completion;
/// use juesuan::derive::{BudgetComparison, Figure, Provenance};
/// let b = Figure::new("100".parse().unwrap(), Provenance::derived("预算"));
/// let c = completion("96.305".parse().unwrap(), Some(b), None, None);
/// assert_eq!(c.comparison, BudgetComparison::Below);
/// assert_eq!(c.rate_display.as_deref(), Some("96.31"));
/// assert!(c.needs_reason);
/// ```
pub fn completion(actual: Decimal, budget: Option<Figure>, reason_label: Option<String>, reason: Option<NoteText>) -> Completion {
    let Some(budget) = budget else {
        return Completion { budget: None, rate: None, rate_display: None, comparison: BudgetComparison::Unknown, needs_reason: false, reason, reason_label };
    };
    let diff = actual - budget.value;
    let comparison = if diff.abs() < FLAT_EPSILON {
        BudgetComparison::Equal
    } else if diff.is_sign_positive() {
        BudgetComparison::Above
    } else {
        BudgetComparison::Below
    };
    let rate = match comparison {
        BudgetComparison::Equal if !budget.value.is_zero() => Some(Decimal::ONE_HUNDRED),
        _ => actual.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(budget.value)).map(|r| round_half_up(r, 2)),
    };
    Completion {
        rate_display: rate.map(pct_text),
        rate: rate.map(|r| round_half_up(r, 2)),
        needs_reason: comparison != BudgetComparison::Equal,
        comparison,
        budget: Some(budget),
        reason,
        reason_label,
    }
}

/// The 全年预算数 of a function subject: table 06's budget column, else the `预算数` sheet.
pub fn subject_budget(book: &Book, code: &SubjectCode) -> Option<Figure> {
    let t = &book.t06;
    if let Some(i) = t.col_index(Col::FullYearBudget) {
        let row = t.row(code)?;
        return row.values.get(i).map(|a| from_amount(format!("表06 {code} 全年预算数"), a));
    }
    budget_sheet(book, code)
}

/// The 全年预算数 of a subject from the `预算数` sheet only.
pub fn budget_sheet(book: &Book, code: &SubjectCode) -> Option<Figure> {
    let line = book.budgets.iter().find(|l| &l.code == code)?;
    Some(from_amount(format!("预算数 {code} 全年预算数"), &line.full_year))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::facts::Provenance;
    use crate::testkit::d;

    fn b(s: &str) -> Option<Figure> {
        Some(Figure::new(d(s), Provenance::derived("预算")))
    }

    #[test]
    fn equal_is_100_and_needs_nothing() {
        let c = completion(d("27.02"), b("27.02"), None, None);
        assert_eq!((c.comparison, c.rate_display.as_deref(), c.needs_reason), (BudgetComparison::Equal, Some("100.00"), false));
        let c = completion(d("27.024"), b("27.02"), None, None);
        assert_eq!(c.comparison, BudgetComparison::Equal);
    }

    #[test]
    fn above_budget() {
        let c = completion(d("110"), b("100"), Some("预决算差异原因：2013101".into()), None);
        assert_eq!((c.comparison, c.rate), (BudgetComparison::Above, Some(d("110.00"))));
        assert!(c.needs_reason);
    }

    #[test]
    fn unknown_budget_never_assumes_100() {
        let c = completion(d("5"), None, None, None);
        assert_eq!((c.comparison, c.rate, c.needs_reason), (BudgetComparison::Unknown, None, false));
    }

    #[test]
    fn zero_budget_has_no_rate() {
        let c = completion(d("5"), b("0"), None, None);
        assert_eq!((c.comparison, c.rate), (BudgetComparison::Above, None));
        let c = completion(d("0"), b("0"), None, None);
        assert_eq!((c.comparison, c.rate, c.needs_reason), (BudgetComparison::Equal, None, false));
    }

    #[test]
    fn zero_actual_is_0_percent() {
        let c = completion(d("0"), b("3"), None, None);
        assert_eq!((c.comparison, c.rate_display.as_deref()), (BudgetComparison::Below, Some("0.00")));
    }
}
