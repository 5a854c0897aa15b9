//! A plain-text preview of a [`Document`] (Markdown-like) and the list of its placeholders.

use crate::doc::{Block, Chart, ChartKind, Document, Run};
use crate::money::round_half_up;
use rust_decimal::Decimal;

/// Renders `doc` as Markdown: headings as `#`, paragraphs, charts as `［图N：…］` followed by
/// their data, annex tables by caption, placeholders left visible.
///
/// ```
/// use juesuan::doc::{Block, Document};
/// use juesuan::narrate::to_markdown;
/// let doc = Document { department: "某部门".into(), year: 2023, draft: false,
///     blocks: vec![Block::Heading { level: 2, text: "一、收入".into() }] };
/// assert_eq!(to_markdown(&doc), "**某部门**\n\n**2023年度部门决算**\n\n## 一、收入\n");
/// ```
pub fn to_markdown(doc: &Document) -> String {
    // The cover comes from the document itself, as the DOCX writer typesets it.
    let mut parts = vec![format!("**{}**", doc.department), format!("**{}年度部门决算**", doc.year)];
    if doc.draft {
        parts.push("**（草稿：附表存在校验错误）**".to_string());
    }
    parts.extend(doc.blocks.iter().map(block_markdown));
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn block_markdown(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => format!("{} {text}", "#".repeat(*level as usize)),
        Block::Paragraph(p) => escape_paragraph(p.runs.iter().map(run_markdown).collect()),
        Block::Chart(chart) => chart_markdown(chart),
        Block::AnnexTable { caption, .. } => format!("［附表：{caption}］"),
        Block::PerfForm { index, name } => format!("［自评表{index}：{name}］"),
        Block::Toc => "**目录**\n\n［目录］".to_string(),
        Block::PageBreak => "---".to_string(),
    }
}

/// A paragraph that starts like a Markdown heading or list gets a `\\`.
fn escape_paragraph(text: String) -> String {
    if text.starts_with(['#', '-', '+']) { format!("\\{text}") } else { text }
}

fn run_markdown(run: &Run) -> String {
    if run.bold { format!("**{}**", run.text) } else { run.text.clone() }
}

/// Bars: one line per series (`- 2023年：收入 889.16万元；支出 889.16万元`); pies: one line
/// per slice (`- 基本支出：71.53%`).
fn chart_markdown(chart: &Chart) -> String {
    let mut out = format!("［{}］", chart.caption);
    if chart.kind == ChartKind::Pie {
        for series in chart.series.iter().take(1) {
            for (cat, v) in chart.categories.iter().zip(&series.values) {
                out.push_str(&format!("\n- {cat}：{}", chart_value(chart.kind, *v)));
            }
        }
        return out;
    }
    for series in &chart.series {
        let values: Vec<String> = chart
            .categories
            .iter()
            .zip(&series.values)
            .map(|(cat, v)| format!("{cat} {}", chart_value(chart.kind, *v)))
            .collect();
        out.push_str(&format!("\n- {}：{}", series.name, values.join("；")));
    }
    out
}

fn chart_value(kind: ChartKind, v: Decimal) -> String {
    match kind {
        ChartKind::Bar => format!("{}万元", super::filters::format_amount(v, true, false)),
        ChartKind::Pie => super::filters::format_pct(round_half_up(v * Decimal::ONE_HUNDRED, 2), 2),
    }
}

/// The placeholder texts of `doc` (`【请补充：…】`, `【缺少上年数】` …), in order of first
/// appearance, each once.
pub fn placeholders(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, text) in placeholder_locations(doc) {
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Every placeholder run with the heading it sits under, in document order (`generate` lists
/// them so nobody publishes one by mistake).
pub fn placeholder_locations(doc: &Document) -> Vec<(String, String)> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading { text, .. } => heading = text.clone(),
            Block::Paragraph(p) => out.extend(p.runs.iter().filter(|r| r.placeholder).map(|r| (heading.clone(), r.text.clone()))),
            _ => {}
        }
    }
    out
}

