//! Findings: problems found in a department's tables, as data.
//!
//! The `check` stage returns a `Vec<Finding>` instead of stopping at the first problem; the
//! reader, `derive` and `narrate` may add their own (e.g. a missing reason → 警告). Every
//! finding has a severity, a stable rule id, a Chinese message and the cells involved (both
//! sides of a cross-table rule, with their values and the difference).

use crate::model::CellRef;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    /// 错误: the tables contradict each other; `generate` refuses without `--force`.
    #[serde(rename = "错误")]
    Error,
    /// 警告: something the report needs is missing or doubtful.
    #[serde(rename = "警告")]
    Warning,
    /// 提示: information (e.g. rounding differences within tolerance).
    #[serde(rename = "提示")]
    Info,
}

impl Severity {
    /// 错误 / 警告 / 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One place a finding points at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Location {
    /// What this side is, e.g. `表01 本年收入合计`.
    pub label: String,
    /// The cell, when the value was read from one.
    pub at: Option<CellRef>,
    /// The value there (万元), when relevant.
    pub value: Option<Decimal>,
}

/// A problem found in the inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// 错误 / 警告 / 提示.
    pub severity: Severity,
    /// Stable rule id, e.g. `T01-BALANCE` (listed in README).
    pub rule: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// The cells involved (for a cross-table rule: both sides).
    pub locations: Vec<Location>,
    /// The difference between the two sides (万元), for equality rules.
    pub difference: Option<Decimal>,
}

impl Finding {
    /// A finding with no locations yet.
    pub fn new(severity: Severity, rule: &str, message: impl Into<String>) -> Self {
        Finding { severity, rule: rule.to_string(), message: message.into(), locations: Vec::new(), difference: None }
    }
    /// Adds a location.
    pub fn at(mut self, label: impl Into<String>, at: Option<CellRef>, value: Option<Decimal>) -> Self {
        self.locations.push(Location { label: label.into(), at, value });
        self
    }
    /// Sets the difference.
    pub fn diff(mut self, d: Decimal) -> Self {
        self.difference = Some(d);
        self
    }
}

impl fmt::Display for Finding {
    /// `[错误] T01-BALANCE 收入总计与支出总计不等 …` followed by one indented line per location.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {} {}", self.severity, self.rule, self.message)?;
        for loc in &self.locations {
            write!(f, "\n    {}", loc.label)?;
            if let Some(v) = loc.value {
                write!(f, " = {}", v.normalize())?;
            }
            if let Some(at) = &loc.at {
                write!(f, "  ({at})")?;
            }
        }
        if let Some(d) = self.difference {
            write!(f, "\n    差额 {}", d.normalize())?;
        }
        Ok(())
    }
}

/// Rule id of a placeholder left in a report (raised by narrate; counted as 待补充).
pub const PLACEHOLDER_RULE: &str = "NARRATE-PLACEHOLDER";

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// 错误 count.
    pub errors: usize,
    /// 警告 count.
    pub warnings: usize,
    /// 提示 count.
    pub infos: usize,
    /// 待补充: placeholders left in the report (`NARRATE-PLACEHOLDER` findings, each a distinct
    /// placeholder). Counted here, not among the 警告, so every command gives the same counts
    /// (`警告 1 个，待补充 8 处`).
    #[serde(default)]
    pub placeholders: usize,
}

impl Tally {
    /// `错误 N 个，警告 N 个，提示 N 个`, then `，待补充 N 处` when placeholders remain.
    ///
    /// ```
    /// use juesuan::findings::Tally;
    /// let t = Tally { errors: 0, warnings: 1, infos: 3, placeholders: 8 };
    /// assert_eq!(t.line(), "错误 0 个，警告 1 个，提示 3 个，待补充 8 处");
    /// ```
    pub fn line(&self) -> String {
        let mut s = format!("错误 {} 个，警告 {} 个，提示 {} 个", self.errors, self.warnings, self.infos);
        if self.placeholders > 0 {
            s.push_str(&format!("，待补充 {} 处", self.placeholders));
        }
        s
    }

    /// Counts a list of findings.
    pub fn of(findings: &[Finding]) -> Self {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                _ if f.rule == PLACEHOLDER_RULE => t.placeholders += 1,
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }
}

/// Text from a cell, safe to print on a terminal: control characters (C0, DEL, C1 — which
/// start terminal escape sequences) other than line feed and tab are shown as `\u{1b}`-style
/// escapes, the rest unchanged.
///
/// ```
/// assert_eq!(juesuan::findings::printable("a\u{1b}[31mb\u{9b}2J\tc\r"), "a\\u{1b}[31mb\\u{9b}2J\tc\\u{d}");
/// ```
pub fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}
