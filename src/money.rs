//! Money: the one door in (cell numbers → [`Decimal`]) and the one rounding rule (四舍五入).
//!
//! Every amount in juesuan is a [`Decimal`] in 万元. Floats exist only at the boundary where
//! calamine hands us a cell's `f64`; [`from_cell_f64`] turns it into a `Decimal` exactly once.
//! Rounding happens only when a figure is presented, always through [`round_half_up`]
//! (`MidpointAwayFromZero`; rust_decimal's `round_dp` is banker's rounding and is never used).

use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// Ten thousand: 1 万元 = 10000 元.
pub const TEN_THOUSAND: Decimal = Decimal::from_parts(10000, 0, 0, false, 0);

/// Rounds half away from zero (四舍五入) to `dp` decimals; never returns negative zero.
///
/// ```
/// use juesuan::money::round_half_up;
/// use rust_decimal::Decimal;
/// assert_eq!(round_half_up("2.345".parse().unwrap(), 2).to_string(), "2.35");
/// assert_eq!(round_half_up("-2.345".parse().unwrap(), 2).to_string(), "-2.35");
/// assert_eq!(round_half_up("-0.001".parse().unwrap(), 2).to_string(), "0.00");
/// ```
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r.rescale(dp);
    r
}

/// Converts an amount in 元 to 万元 exactly (no rounding).
///
/// ```
/// use juesuan::money::yuan_to_wan;
/// assert_eq!(yuan_to_wan("12345.67".parse().unwrap()).to_string(), "1.234567");
/// ```
pub fn yuan_to_wan(yuan: Decimal) -> Decimal {
    (yuan / TEN_THOUSAND).normalize()
}

/// The one conversion from a spreadsheet float to a `Decimal`.
///
/// Spreadsheet numbers are binary doubles; cached formula results carry noise such as
/// `0.30000000000000004`. Amounts in the tables have at most 2 decimals (元 or 万元) and
/// 万元 converted from 元 at most 6, so the value is taken at 6 decimals, rounded from the
/// exact binary value, then normalised. Returns `None` for NaN, infinity or magnitudes that
/// do not fit a `Decimal`.
///
/// ```
/// use juesuan::money::from_cell_f64;
/// assert_eq!(from_cell_f64(0.1 + 0.2).unwrap().to_string(), "0.3");
/// assert_eq!(from_cell_f64(1036.19).unwrap().to_string(), "1036.19");
/// assert_eq!(from_cell_f64(-0.0).unwrap().to_string(), "0");
/// assert!(from_cell_f64(f64::NAN).is_none());
/// ```
pub fn from_cell_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() || value.abs() > 1e20 {
        return None;
    }
    let mut d = Decimal::from_str(&format!("{value:.6}")).ok()?.normalize();
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Parses an amount written as text: thousands separators, full-width digits and signs,
/// surrounding spaces, a leading apostrophe, and the zero marks `-`, `—`, `－` and the empty
/// string are accepted. Returns `None` for anything else (the caller reports the cell).
///
/// ```
/// use juesuan::money::parse_amount_text;
/// assert_eq!(parse_amount_text(" 1,036.19 ").unwrap().to_string(), "1036.19");
/// assert_eq!(parse_amount_text("—").unwrap().to_string(), "0");
/// assert_eq!(parse_amount_text("无").unwrap().to_string(), "0");
/// assert_eq!(parse_amount_text("１２.５").unwrap().to_string(), "12.5");
/// assert!(parse_amount_text("约12万").is_none());
/// ```
pub fn parse_amount_text(text: &str) -> Option<Decimal> {
    let folded: String = text
        .trim()
        .trim_start_matches('\'')
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | '−' => Some('-'),
            '，' | ',' | ' ' | '\u{3000}' | '\u{a0}' => None,
            other => Some(other),
        })
        .collect();
    match folded.as_str() {
        // Zero marks: a dash, and `/` or `无` as hand-filled empty tables write them.
        "" | "-" | "—" | "——" | "--" | "/" | "／" | "无" => return Some(Decimal::ZERO),
        _ => {}
    }
    let (neg, body) = match folded.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.to_string()),
        None => (false, folded),
    };
    if !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+') {
        return None;
    }
    let mut d = Decimal::from_str(&body).ok()?.normalize();
    if neg {
        d = -d;
    }
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Formats an amount (万元) rounded half-up to 2 decimals, optionally with thousands separators.
///
/// ```
/// use juesuan::money::format_wan;
/// assert_eq!(format_wan("1234.565".parse().unwrap(), true), "1,234.57");
/// assert_eq!(format_wan("889.16".parse().unwrap(), false), "889.16");
/// assert_eq!(format_wan("-1234567.1".parse().unwrap(), true), "-1,234,567.10");
/// ```
pub fn format_wan(value: Decimal, thousands: bool) -> String {
    let r = round_half_up(value, 2);
    let s = r.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let int = if thousands { group_thousands(int) } else { int.to_string() };
    let sign = if r.is_sign_negative() && !r.is_zero() { "-" } else { "" };
    format!("{sign}{int}.{frac}")
}

fn group_thousands(int: &str) -> String {
    let bytes = int.as_bytes();
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*b as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        assert_eq!(round_half_up(d("0.125"), 2), d("0.13"));
        assert_eq!(round_half_up(d("0.135"), 2), d("0.14"));
        assert_eq!(round_half_up(d("-0.125"), 2), d("-0.13"));
        assert_eq!(round_half_up(d("5"), 2).to_string(), "5.00");
    }

    #[test]
    fn yuan_conversion_is_exact() {
        assert_eq!(yuan_to_wan(d("8891600.00")), d("889.16"));
        assert_eq!(yuan_to_wan(d("1")), d("0.0001"));
    }

    #[test]
    fn text_amounts() {
        assert_eq!(parse_amount_text("(12.50)"), Some(d("-12.5")));
        assert_eq!(parse_amount_text("'2013101"), Some(d("2013101")));
        assert_eq!(parse_amount_text("#REF!"), None);
        assert_eq!(parse_amount_text("0.00"), Some(Decimal::ZERO));
    }

    #[test]
    fn float_noise_is_removed() {
        assert_eq!(from_cell_f64(889.16 - 0.0000000001), Some(d("889.16")));
        assert_eq!(from_cell_f64(1e30), None);
    }
}
