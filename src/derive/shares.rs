//! Shares (占X%): largest-remainder rounding so that a list adds up to exactly 100.00.
//!
//! Quotas are computed exactly in hundredths of a percent (basis points of 10000), floored,
//! and the missing units go to the largest remainders; ties go to the earlier member of the
//! list (table order), so the result is deterministic. A single ratio that is not part of a
//! list is rounded half-up ([`ratio_pct`]).

use super::facts::{Figure, Part, Provenance, Share};
use crate::money::round_half_up;
use rust_decimal::Decimal;

/// 100.00% expressed in hundredths of a percent.
const UNITS: i64 = 10_000;

/// Shares of `values` over their sum, as percentages at 2 decimals summing to exactly 100.
///
/// Returns `None` when the sum is zero (no shares can be stated) or on overflow.
///
/// ```
/// use juesuan::derive::shares::largest_remainder;
/// let v: Vec<_> = ["1", "1", "1"].iter().map(|s| s.parse().unwrap()).collect();
/// let s = largest_remainder(&v).unwrap();
/// assert_eq!(s.iter().map(|d| d.to_string()).collect::<Vec<_>>(), ["33.34", "33.33", "33.33"]);
/// ```
pub fn largest_remainder(values: &[Decimal]) -> Option<Vec<Decimal>> {
    let sum: Decimal = values.iter().sum();
    if sum.is_zero() {
        return None;
    }
    let units = Decimal::from(UNITS);
    let quotas: Vec<Decimal> = values.iter().map(|v| v.checked_mul(units)?.checked_div(sum)).collect::<Option<_>>()?;
    let mut floors: Vec<i64> = quotas.iter().map(|q| i64::try_from(q.floor()).ok()).collect::<Option<_>>()?;
    let deficit = UNITS - floors.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| (quotas[b] - quotas[b].floor()).cmp(&(quotas[a] - quotas[a].floor())).then(a.cmp(&b)));
    for &i in order.iter().take(usize::try_from(deficit).ok()?) {
        floors[i] += 1;
    }
    Some(floors.into_iter().map(|f| Decimal::new(f, 2)).collect())
}

/// `part ÷ base × 100`, rounded half-up at 2 decimals; `None` when `base` is zero.
///
/// ```
/// use juesuan::derive::shares::ratio_pct;
/// let r = ratio_pct("1".parse().unwrap(), "3".parse().unwrap()).unwrap();
/// assert_eq!(r.to_string(), "33.33");
/// ```
pub fn ratio_pct(part: Decimal, base: Decimal) -> Option<Decimal> {
    let raw = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(base)?;
    Some(round_half_up(raw, 2))
}

/// A percentage as text with exactly 2 decimals (`"71.53"`, `"100.00"`).
pub fn pct_text(pct: Decimal) -> String {
    round_half_up(pct, 2).to_string()
}

/// Builds a list of [`Part`]s whose shares are largest-remainder rounded over the sum of the
/// amounts (`base` names that sum in the provenance). With a zero sum every share is 0.00.
pub fn make_parts(members: Vec<(String, String, Figure)>, base: &str) -> Vec<Part> {
    let values: Vec<Decimal> = members.iter().map(|m| m.2.value).collect();
    let pcts = largest_remainder(&values).unwrap_or_else(|| vec![Decimal::ZERO; values.len()]);
    members
        .into_iter()
        .zip(pcts)
        .map(|((key, label, amount), pct)| {
            let how = format!("{label} ÷ {base}（最大余数法，合计100%）");
            Part { key, label, amount, share: Share::new(pct, Provenance::derived(how)) }
        })
        .collect()
}

/// A single share `part ÷ base` (rounded half-up), or `None` for a zero base.
pub fn single_share(part: Decimal, base: Decimal, how: &str) -> Option<Share> {
    ratio_pct(part, base).map(|p| Share::new(p, Provenance::derived(how)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::d;

    fn lr(v: &[&str]) -> Vec<String> {
        let v: Vec<Decimal> = v.iter().map(|s| d(s)).collect();
        largest_remainder(&v).unwrap().iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn basic_and_project_of_sample() {
        assert_eq!(lr(&["636.03", "253.13"]), ["71.53", "28.47"]);
    }

    #[test]
    fn a_list_of_one_is_100() {
        assert_eq!(lr(&["889.16"]), ["100.00"]);
    }

    #[test]
    fn ties_go_to_the_earlier_member() {
        assert_eq!(lr(&["1", "1", "1"]), ["33.34", "33.33", "33.33"]);
        assert_eq!(lr(&["1", "1", "1", "1", "1", "1"]), ["16.67", "16.67", "16.67", "16.67", "16.66", "16.66"]);
    }

    #[test]
    fn largest_remainder_not_first() {
        // quotas 33.3266…, 33.3333…, 33.3400…: remainders .66 .33 .00 → first gets the unit
        assert_eq!(lr(&["49.99", "50", "50.01"]), ["33.33", "33.33", "33.34"]);
    }

    #[test]
    fn zeros_never_get_a_unit() {
        assert_eq!(lr(&["2", "0", "1", "0"]), ["66.67", "0.00", "33.33", "0.00"]);
    }

    #[test]
    fn zero_sum_has_no_shares() {
        assert!(largest_remainder(&[Decimal::ZERO, Decimal::ZERO]).is_none());
        assert!(largest_remainder(&[]).is_none());
    }

    #[test]
    fn plain_rounding_would_not_add_up() {
        // each 1/7 = 14.2857…% → rounded 14.29 × 7 = 100.03; largest remainder gives 100.00
        let v = vec![Decimal::ONE; 7];
        let s = largest_remainder(&v).unwrap();
        assert_eq!(s.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
        assert_eq!(ratio_pct(Decimal::ONE, Decimal::from(7)).unwrap(), d("14.29"));
    }

    #[test]
    fn ratio_half_up_and_zero_base() {
        assert_eq!(ratio_pct(d("1"), d("8")).unwrap().to_string(), "12.50");
        assert_eq!(ratio_pct(d("0.00125"), d("1")).unwrap().to_string(), "0.13");
        assert!(ratio_pct(d("1"), Decimal::ZERO).is_none());
        assert_eq!(pct_text(d("100")), "100.00");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sums_to_100_and_stays_within_a_hundredth(cents in prop::collection::vec(0i64..100_000_000, 1..12)) {
            let values: Vec<Decimal> = cents.iter().map(|c| Decimal::new(*c, 2)).collect();
            let sum: Decimal = values.iter().sum();
            match largest_remainder(&values) {
                None => prop_assert!(sum.is_zero()),
                Some(s) => {
                    prop_assert_eq!(s.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
                    for (v, p) in values.iter().zip(&s) {
                        let exact = *v * Decimal::ONE_HUNDRED / sum;
                        prop_assert!((exact - *p).abs() < Decimal::new(1, 2));
                        prop_assert!(!v.is_zero() || p.is_zero());
                    }
                }
            }
        }
    }
}
