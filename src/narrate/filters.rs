//! The custom Tera filters, registered in one place ([`register`]).
//!
//! Each filter is a thin adapter over a pure function of strings, tested on its own. Filters
//! take the exact decimal strings of the [`super::View`] (`"889.16"`, `"-44.345"`); Tera never
//! sees a `Decimal` and templates do no arithmetic. Every error names the filter and the
//! argument, e.g. `wan：参数 value 应为十进制金额字符串，实为 "abc"`.
//!
//! | filter | input | output |
//! |---|---|---|
//! | `wan(fixed=true, sep=false, unit=true)` | `"797.1"` | `797.10万元` (四舍五入 to 2 dp, always two decimals as in the tables and charts; `fixed=false` trims) |
//! | `pct(dp=2)` | `"79.9"` (a percentage) | `79.90%` (always `dp` decimals, as on the chart labels) |
//! | `change` | `{has_prior, diff, pct}` | `增加44.34万元，增长5.25%` / `持平` / `【缺少上年数】` |
//! | `cn` | `3` | `三` |
//! | `subject(style="code")` | `[{name, code}, …]` | `一般公共服务支出(201)…行政运行(01)` |
//! | `esc` | user text | lines starting with `#`, `@`, `+` or `\` escaped for the markup |

use crate::money::{format_wan, round_half_up};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use tera::{Tera, Value};

/// Registers every custom filter on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("wan", wan_filter);
    tera.register_filter("pct", pct_filter);
    tera.register_filter("change", change_filter);
    tera.register_filter("cn", cn_filter);
    tera.register_filter("subject", subject_filter);
    tera.register_filter("esc", esc_filter);
}

type Args = HashMap<String, Value>;

fn err(filter: &str, arg: &str, msg: impl std::fmt::Display) -> tera::Error {
    tera::Error::msg(format!("{filter}：参数 {arg} {msg}"))
}

/// Parses an exact decimal from a string (or integer) value.
fn decimal_arg(filter: &str, arg: &str, v: &Value) -> tera::Result<Decimal> {
    let parsed = match v {
        Value::String(s) => parse_decimal(s),
        Value::Number(n) if n.is_i64() || n.is_u64() => parse_decimal(&n.to_string()),
        _ => None,
    };
    parsed.ok_or_else(|| err(filter, arg, format!("应为十进制数字符串（如 \"889.16\"），实为 {v}")))
}

fn parse_decimal(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim()).ok()
}

fn bool_arg(filter: &str, args: &Args, name: &str, default: bool) -> tera::Result<bool> {
    match args.get(name) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(err(filter, name, format!("应为 true 或 false，实为 {v}"))),
    }
}

/// Removes trailing zeros after the decimal point (`"25.50"` → `"25.5"`, `"0.00"` → `"0"`).
pub fn trim_zeros(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Formats an amount in 万元: rounded half-up to 2 decimals, trailing zeros dropped unless
/// `fixed`, thousands separators when `sep`.
///
/// ```
/// use juesuan::narrate::filters::format_amount;
/// assert_eq!(format_amount("889.155".parse().unwrap(), false, false), "889.16");
/// assert_eq!(format_amount("25.5".parse().unwrap(), true, true), "25.50");
/// ```
pub fn format_amount(value: Decimal, fixed: bool, sep: bool) -> String {
    let s = format_wan(value, sep);
    if fixed { s } else { trim_zeros(&s) }
}

fn wan_filter(value: &Value, args: &Args) -> tera::Result<Value> {
    let d = decimal_arg("wan", "value", value)?;
    let fixed = bool_arg("wan", args, "fixed", true)?;
    let sep = bool_arg("wan", args, "sep", false)?;
    let unit = bool_arg("wan", args, "unit", true)?;
    let s = format_amount(d, fixed, sep);
    Ok(Value::String(if unit { format!("{s}万元") } else { s }))
}

/// Formats a percentage (the input is already in percent: `"5.2478"` means 5.2478%) rounded
/// half-up to exactly `dp` decimals, as the chart labels print it: `"79.9"` → `79.90%`.
pub fn format_pct(value: Decimal, dp: u32) -> String {
    let r = round_half_up(value, dp);
    format!("{r:.prec$}%", prec = dp as usize)
}

fn pct_filter(value: &Value, args: &Args) -> tera::Result<Value> {
    let d = decimal_arg("pct", "value", value)?;
    let dp = match args.get("dp") {
        None => 2,
        Some(Value::Number(n)) if n.as_u64().is_some_and(|x| x <= 6) => n.as_u64().unwrap_or(2) as u32,
        Some(v) => return Err(err("pct", "dp", format!("应为 0 到 6 的整数，实为 {v}"))),
    };
    Ok(Value::String(format_pct(d, dp)))
}

/// The placeholder written where a prior-year figure is missing.
pub const MISSING_PRIOR: &str = "【缺少上年数】";

/// The change phrase for a year-on-year comparison.
///
/// `diff` is current − prior (万元, exact), `pct` the change in percent (empty when the prior
/// year is zero). Without a prior year the result is the [`MISSING_PRIOR`] placeholder.
///
/// ```
/// use juesuan::narrate::filters::change_phrase;
/// assert_eq!(change_phrase(true, "44.34", "5.2485").unwrap(), "增加44.34万元，增长5.25%");
/// assert_eq!(change_phrase(true, "-3", "-100").unwrap(), "减少3.00万元，下降100.00%");
/// assert_eq!(change_phrase(true, "0.001", "0").unwrap(), "持平");
/// assert_eq!(change_phrase(true, "0.01", "0.0003").unwrap(), "增加0.01万元，增长不足0.01%");
/// assert_eq!(change_phrase(true, "1.2", "").unwrap(), "增加1.20万元（上年无此项支出）");
/// assert_eq!(change_phrase(false, "", "").unwrap(), "【缺少上年数】");
/// ```
pub fn change_phrase(has_prior: bool, diff: &str, pct: &str) -> Result<String, String> {
    if !has_prior {
        return Ok(MISSING_PRIOR.to_string());
    }
    let d = parse_decimal(diff).ok_or_else(|| format!("diff 应为十进制数字符串，实为 \"{diff}\""))?;
    let rounded = round_half_up(d, 2);
    if rounded.is_zero() {
        return Ok("持平".to_string());
    }
    let (verb, rate) = if rounded.is_sign_negative() { ("减少", "下降") } else { ("增加", "增长") };
    let amount = format!("{verb}{}万元", format_amount(d.abs(), true, false));
    if pct.trim().is_empty() {
        return Ok(format!("{amount}（上年无此项支出）"));
    }
    let p = parse_decimal(pct).ok_or_else(|| format!("pct 应为十进制数字符串或空串，实为 \"{pct}\""))?;
    // A real change too small to show in two decimals is not “增长0.00%”.
    if round_half_up(p.abs(), 2).is_zero() {
        return Ok(format!("{amount}，{rate}不足0.01%"));
    }
    Ok(format!("{amount}，{rate}{}", format_pct(p.abs(), 2)))
}

fn change_filter(value: &Value, _args: &Args) -> tera::Result<Value> {
    let obj = value
        .as_object()
        .ok_or_else(|| err("change", "value", format!("应为含 has_prior、diff、pct 的对象（View 的 Change），实为 {value}")))?;
    let field = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let has_prior = match obj.get("has_prior") {
        Some(Value::Bool(b)) => *b,
        _ => return Err(err("change", "value.has_prior", "缺失或不是 true/false")),
    };
    change_phrase(has_prior, &field("diff"), &field("pct"))
        .map(Value::String)
        .map_err(|m| err("change", "value", m))
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A positive integer below 1000 in Chinese numerals (`11` → `十一`, `20` → `二十`,
/// `105` → `一百零五`); `None` otherwise.
///
/// ```
/// use juesuan::narrate::filters::chinese_number;
/// assert_eq!(chinese_number(10).as_deref(), Some("十"));
/// assert_eq!(chinese_number(13).as_deref(), Some("十三"));
/// assert_eq!(chinese_number(0), None);
/// ```
pub fn chinese_number(n: u32) -> Option<String> {
    match n {
        1..=9 => Some(DIGITS[n as usize].to_string()),
        10..=19 => Some(format!("十{}", units_digit(n))),
        20..=99 => Some(format!("{}十{}", DIGITS[(n / 10) as usize], units_digit(n))),
        100..=999 => Some(hundreds(n)),
        _ => None,
    }
}

/// The units digit of a two-digit number, empty for 0 (二十, not 二十零).
fn units_digit(n: u32) -> &'static str {
    match n % 10 {
        0 => "",
        u => DIGITS[u as usize],
    }
}

fn hundreds(n: u32) -> String {
    let rest = n % 100;
    let tail = match rest {
        0 => String::new(),
        1..=9 => format!("零{}", DIGITS[rest as usize]),
        10..=19 => format!("一{}", chinese_number(rest).unwrap_or_default()),
        _ => chinese_number(rest).unwrap_or_default(),
    };
    format!("{}百{tail}", DIGITS[(n / 100) as usize])
}

fn cn_filter(value: &Value, _args: &Args) -> tera::Result<Value> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    n.and_then(|n| u32::try_from(n).ok())
        .and_then(chinese_number)
        .map(Value::String)
        .ok_or_else(|| err("cn", "value", format!("应为 1 到 999 的整数，实为 {value}")))
}

/// Formats a subject path: `style` `"code"` gives `一般公共服务支出(201)行政运行(01)`,
/// `"level"` gives `一般公共服务支出（类）…（款）行政运行（项）`, `"name"` the names only.
pub fn subject_path(parts: &[(String, String)], style: &str) -> Result<String, String> {
    const LEVELS: [&str; 3] = ["（类）", "（款）", "（项）"];
    let mut out = String::new();
    for (i, (name, code)) in parts.iter().enumerate() {
        match style {
            "code" => out.push_str(&format!("{name}({code})")),
            "level" => out.push_str(&format!("{name}{}", LEVELS.get(i).copied().unwrap_or(""))),
            "name" => out.push_str(name),
            other => return Err(format!("style 应为 code、level 或 name，实为 \"{other}\"")),
        }
    }
    Ok(out)
}

fn subject_filter(value: &Value, args: &Args) -> tera::Result<Value> {
    let style = match args.get("style") {
        None => "code",
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err(err("subject", "style", format!("应为字符串，实为 {v}"))),
    };
    let parts = subject_parts(value).ok_or_else(|| {
        err("subject", "value", format!("应为 [{{name, code}}, …] 形式的科目路径，实为 {value}"))
    })?;
    subject_path(&parts, style).map(Value::String).map_err(|m| err("subject", "style", m))
}

fn subject_parts(value: &Value) -> Option<Vec<(String, String)>> {
    value
        .as_array()?
        .iter()
        .map(|p| Some((p.get("name")?.as_str()?.to_string(), p.get("code")?.as_str()?.to_string())))
        .collect()
}

/// Escapes user text (from 说明材料) for the line markup: a line starting with `#`, `@`, `+`
/// or `\` gets a leading `\`, so it stays a body paragraph.
///
/// ```
/// use juesuan::narrate::filters::escape_lines;
/// assert_eq!(escape_lines("#1 项目\n正文"), "\\#1 项目\n正文");
/// ```
pub fn escape_lines(text: &str) -> String {
    text.lines()
        .map(|l| if l.trim_start().starts_with(['#', '@', '+', '\\']) { format!("\\{}", l.trim_start()) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn esc_filter(value: &Value, _args: &Args) -> tera::Result<Value> {
    value
        .as_str()
        .map(|s| Value::String(escape_lines(s)))
        .ok_or_else(|| err("esc", "value", format!("应为字符串，实为 {value}")))
}

#[cfg(test)]
mod tests;
