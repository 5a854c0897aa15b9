//! Year-on-year changes (与上年相比 增加/减少 X万元, 增长/下降 X%).
//!
//! Rules, applied to unrounded values:
//! - no prior figure → 缺少上年数 (no delta, no percentage);
//! - |current − prior| < 0.005 万元 → 持平 (delta 0; percentage 0 when the prior is non-zero,
//!   none for 0 → 0);
//! - prior 0, current not → 上年无 (no percentage: “上年无此项支出”);
//! - otherwise 增加/减少 with pct = delta ÷ |prior| × 100 rounded half-up at 2 decimals
//!   (x → 0 is 减少 100%).
//!
//! A change needs a reason when it is 上年无, or 增加/减少 with |pct| above the threshold, or
//! 增加/减少 at all for figures that always need one (收支总计). A decrease to zero (下降100%,
//! nothing spent this year) needs none: the reason, that nothing was spent, is the figure itself
//! (`下降100%。主要原因是本年度未发生公务接待支出。` says one fact twice).

use super::facts::{Change, Direction, Figure, NoteText, Provenance};
use super::shares::pct_text;
use crate::money::round_half_up;
use rust_decimal::Decimal;

/// Below this difference (万元) two amounts are 持平 / 等于.
pub const FLAT_EPSILON: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// How a change is judged and explained.
#[derive(Clone, Debug)]
pub struct ChangeRule<'a> {
    /// |pct| above this needs a reason.
    pub threshold_pct: Decimal,
    /// Any 增加/减少 needs a reason (收支总计).
    pub always: bool,
    /// The 说明材料 label holding the reason.
    pub reason_label: Option<&'a str>,
}

/// Compares `current` with `prior` (see the module rules). `reason` is the 说明材料 text found
/// under `rule.reason_label`, if any.
///
/// ```
/// use juesuan::derive::change::{change, ChangeRule};
/// use juesuan::derive::{Direction, Figure, Provenance};
/// let p = Figure::new("844.82".parse().unwrap(), Provenance::derived("上年"));
/// let rule = ChangeRule { threshold_pct: 10.into(), always: true, reason_label: None };
/// let c = change("889.16".parse().unwrap(), Some(p), &rule, None);
/// assert_eq!(c.direction, Direction::Increase);
/// assert_eq!(c.delta_abs_display.as_deref(), Some("44.34"));
/// assert_eq!(c.pct_abs_display.as_deref(), Some("5.25"));
/// assert!(c.needs_reason);
/// ```
pub fn change(current: Decimal, prior: Option<Figure>, rule: &ChangeRule, reason: Option<NoteText>) -> Change {
    let reason_label = rule.reason_label.map(String::from);
    let Some(prior) = prior else {
        return Change { prior: None, delta: None, delta_abs_display: None, pct: None, pct_abs_display: None, direction: Direction::Missing, needs_reason: false, reason, reason_label };
    };
    let (direction, delta, pct) = judge(current, prior.value);
    let needs_reason = match direction {
        Direction::Decrease if current.is_zero() => false,
        Direction::Increase | Direction::Decrease => rule.always || pct.is_none_or(|p| p.abs() > rule.threshold_pct),
        Direction::NewItem => true,
        Direction::Flat | Direction::Missing => false,
    };
    let shown = pct.map(|p| round_half_up(p, 2));
    let delta_fig = Figure::new(delta, Provenance::derived(format!("本年数 − {}", prior.source.label)));
    Change {
        delta_abs_display: Some(crate::money::format_wan(delta.abs(), false)),
        pct_abs_display: shown.map(|p| pct_text(p.abs())),
        pct: shown,
        delta: Some(delta_fig),
        prior: Some(prior),
        direction,
        needs_reason,
        reason,
        reason_label,
    }
}

/// Direction, exact delta and unrounded percentage of a change from `prior` to `current`.
fn judge(current: Decimal, prior: Decimal) -> (Direction, Decimal, Option<Decimal>) {
    let delta = current - prior;
    if delta.abs() < FLAT_EPSILON {
        let pct = (!prior.is_zero()).then_some(Decimal::ZERO);
        return (Direction::Flat, Decimal::ZERO, pct);
    }
    if prior.is_zero() {
        return (Direction::NewItem, delta, None);
    }
    let pct = delta.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(prior.abs()));
    let dir = if delta.is_sign_positive() { Direction::Increase } else { Direction::Decrease };
    (dir, delta, pct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::d;

    fn fig(s: &str) -> Option<Figure> {
        Some(Figure::new(d(s), Provenance::derived("上年")))
    }
    const RULE: ChangeRule = ChangeRule { threshold_pct: Decimal::TEN, always: false, reason_label: Some("支出变动原因") };

    #[test]
    fn increase_below_threshold_needs_no_reason() {
        let c = change(d("889.16"), fig("844.82"), &RULE, None);
        assert_eq!((c.direction, c.pct), (Direction::Increase, Some(d("5.25"))));
        assert!(!c.needs_reason);
        assert_eq!(c.reason_label.as_deref(), Some("支出变动原因"));
    }

    #[test]
    fn negative_change() {
        let c = change(d("4125.49"), fig("5393.35"), &RULE, None);
        assert_eq!(c.direction, Direction::Decrease);
        assert_eq!(c.delta.as_ref().unwrap().value, d("-1267.86"));
        assert_eq!(c.delta_abs_display.as_deref(), Some("1267.86"));
        assert_eq!(c.pct, Some(d("-23.51")));
        assert_eq!(c.pct_abs_display.as_deref(), Some("23.51"));
        assert!(c.needs_reason);
    }

    #[test]
    fn zero_to_zero_is_flat_without_pct() {
        let c = change(d("0"), fig("0"), &RULE, None);
        assert_eq!((c.direction, c.pct, c.needs_reason), (Direction::Flat, None, false));
    }

    #[test]
    fn zero_prior_has_no_percentage() {
        let c = change(d("12.5"), fig("0"), &RULE, None);
        assert_eq!((c.direction, c.pct.is_none(), c.needs_reason), (Direction::NewItem, true, true));
        assert_eq!(c.delta_abs_display.as_deref(), Some("12.50"));
    }

    #[test]
    fn to_zero_is_minus_100() {
        let c = change(d("0"), fig("6.89"), &RULE, None);
        assert_eq!((c.direction, c.pct), (Direction::Decrease, Some(d("-100.00"))));
        assert_eq!(c.pct_abs_display.as_deref(), Some("100.00"));
        // Nothing spent this year: the figure is its own reason, no clause is asked for.
        assert!(!c.needs_reason);
        assert!(!change(d("0"), fig("6.89"), &ChangeRule { always: true, ..RULE }, None).needs_reason);
        assert!(change(d("0.01"), fig("6.89"), &RULE, None).needs_reason);
    }

    #[test]
    fn sub_half_cent_is_flat() {
        let c = change(d("100.004"), fig("100"), &RULE, None);
        assert_eq!((c.direction, c.pct), (Direction::Flat, Some(d("0"))));
        assert_eq!(c.delta.unwrap().value, Decimal::ZERO);
        let c = change(d("100.005"), fig("100"), &RULE, None);
        assert_eq!(c.direction, Direction::Increase);
        assert_eq!(c.pct_abs_display.as_deref(), Some("0.01"));
    }

    #[test]
    fn missing_prior() {
        let c = change(d("1"), None, &RULE, None);
        assert_eq!((c.direction, c.delta.is_none(), c.needs_reason), (Direction::Missing, true, false));
    }

    #[test]
    fn threshold_is_strict_and_on_unrounded_pct() {
        assert!(!change(d("110"), fig("100"), &RULE, None).needs_reason);
        assert!(change(d("110.01"), fig("100"), &RULE, None).needs_reason);
        let always = ChangeRule { always: true, ..RULE };
        assert!(change(d("100.01"), fig("100"), &always, None).needs_reason);
        assert!(!change(d("100.001"), fig("100"), &always, None).needs_reason);
    }

    #[test]
    fn pct_rounds_half_up() {
        // 1.125% exactly → 1.13 (banker's would give 1.12)
        assert_eq!(change(d("101.125"), fig("100"), &RULE, None).pct, Some(d("1.13")));
        assert_eq!(change(d("98.875"), fig("100"), &RULE, None).pct, Some(d("-1.13")));
    }

    #[test]
    fn negative_prior_uses_its_magnitude() {
        let c = change(d("-5"), fig("-10"), &RULE, None);
        assert_eq!((c.direction, c.pct), (Direction::Increase, Some(d("50.00"))));
    }
}
