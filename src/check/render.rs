//! Rendering findings: grouped human text with a summary line, and JSON.

use crate::findings::{Finding, Severity, Tally};
use serde::Serialize;

/// Human output: findings grouped by severity (错误, 警告, 提示), each with its locations,
/// then the summary line `错误 N 个，警告 N 个，提示 N 个`.
///
/// ```
/// let text = juesuan::check::render_text(&[]);
/// assert_eq!(text, "未发现问题。\n错误 0 个，警告 0 个，提示 0 个\n");
/// ```
pub fn render_text(findings: &[Finding]) -> String {
    let mut s = String::new();
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        s.push_str(&format!("== {}（{} 个）==\n", sev, group.len()));
        for f in group {
            s.push_str(&format!("{f}\n"));
        }
        s.push('\n');
    }
    if findings.is_empty() {
        s.push_str("未发现问题。\n");
    }
    s.push_str(&summary(&Tally::of(findings)));
    s.push('\n');
    s
}

/// `错误 N 个，警告 N 个，提示 N 个`.
fn summary(t: &Tally) -> String {
    t.line()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: Tally,
    findings: &'a [Finding],
}

/// JSON output: `{"summary": {"errors", "warnings", "infos"}, "findings": [...]}`; amounts are
/// decimal strings (万元), cells `{file, sheet, cell}` in A1 notation.
pub fn render_json(findings: &[Finding]) -> String {
    let report = JsonReport { summary: Tally::of(findings), findings };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
