//! The check stage: every identity within and across the thirteen tables, and the
//! 说明材料 facts the narrative needs, returned as [`Finding`]s (data, not errors).
//!
//! `check` never stops at the first problem and never panics: it returns every finding,
//! sorted by severity, then rule id, then location. It does not read files (see `read`),
//! derive narrative figures (see `derive`) or decide exit codes for unreadable input (the
//! CLI maps an unreadable input to exit code 2; [`exit_code`] gives 0 or 1 for findings).
//!
//! Rules live one family per file under `rules/` (totals, balance, cross-table, 三公,
//! 说明材料, names, missing information); [`rules()`] lists them all with an example message.
//! The rounding policy (differences within 0.01万元 × summed terms are 提示 when a table is
//! in 万元) is documented and implemented in `compare`.

mod catalog;
pub(crate) mod compare;
mod grid;
mod render;
mod rules;

pub use catalog::{rule, rules_markdown, RuleInfo, ROUNDING_POLICY, RULES};
pub use render::{render_json, render_text};
pub use rules::contradiction::{claims, grade, Claim, ClaimPhrase, Found, CLAIM_PHRASES};

use crate::findings::{Finding, Severity};
use crate::model::Department;
use std::cmp::Ordering;

/// Runs every rule on a department (this year's book, and last year's when given).
///
/// The result is sorted: 错误 before 警告 before 提示, then by rule id, then by the first
/// location (file, sheet, row, column), then by message — so the same input always gives the
/// same list.
///
/// ```
/// use juesuan::model::Department;
/// let dept = Department { book: juesuan::testkit::sample_book(), prior: None };
/// let findings = juesuan::check::check(&dept);
/// assert!(findings.iter().all(|f| f.severity != juesuan::findings::Severity::Error));
/// ```
pub fn check(dept: &Department) -> Vec<Finding> {
    let mut f = rules::all(dept);
    f.sort_by(order);
    f
}

/// Every rule `check` can emit (for README and `juesuan check --rules`).
pub fn rules() -> &'static [RuleInfo] {
    RULES
}

/// 0 when there is no 错误, 1 otherwise (exit code 2, unreadable input, is the CLI's).
pub fn exit_code(findings: &[Finding]) -> u8 {
    u8::from(findings.iter().any(|f| f.severity == Severity::Error))
}

fn order(a: &Finding, b: &Finding) -> Ordering {
    let loc = |f: &Finding| f.locations.first().and_then(|l| l.at.clone());
    a.severity
        .cmp(&b.severity)
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| loc(a).cmp(&loc(b)))
        .then_with(|| a.message.cmp(&b.message))
}

#[cfg(test)]
mod tests;
