//! 第四部分 附件1: a 绩效自评表 ([`PerfForm`]) typeset as a Word table in its exported shape.
//!
//! One fixed grid of eleven columns on the portrait text width serves every part of the form:
//! 项目名称 · 主管部门/实施单位 · 项目基本情况 (年度目标, 完成情况, 实施内容) · 预算执行情况
//! (年初预算 · 调整后预算数 · 预算执行数 · 预算执行率 · 权重 · 得分 · 原因, the 原因 cell merged down
//! the fund rows) · 绩效指标 (一级/二级指标 merged down while they repeat) · 合计 · 评价结论 ·
//! 存在问题 · 改进措施. Section labels on the left are merged down their rows (`w:vMerge`),
//! wider cells span grid columns (`w:gridSpan`); every `w:tcW` is the sum of the `w:gridCol`
//! widths it spans (WPS lays out by the grid, Word by the cell widths: they agree). The
//! signature line (项目负责人/财务负责人) is a paragraph after the table, written by `docx`.
//!
//! A blank cell of the form stays blank; a printed 0.00 stays 0.00.

use super::annex::{push_escaped, push_num, push_table_start, TABLE_STYLE};
use crate::model::{FormFund, FormNumber, PerfForm};
use crate::money::{format_wan, round_half_up};

/// Grid column widths in twips (sum = the portrait text width 8845).
/// 0 section label · 1 一级指标 · 2 二级指标 · 3 三级指标/年初预算 · 4 指标性质 · 5 指标值 ·
/// 6 度量单位/预算执行数 · 7 完成值/预算执行率 · 8 权重 · 9 得分 · 10 原因.
pub(crate) const GRID: [usize; 11] = [800, 750, 800, 1100, 570, 550, 900, 1000, 600, 700, 1075];

/// Horizontal alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
}

/// Vertical merge of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Merge {
    Restart,
    Continue,
}

/// One cell: text (line breaks are paragraphs), grid columns spanned, merge, alignment.
#[derive(Clone, Debug, PartialEq)]
struct Tc {
    text: String,
    span: usize,
    merge: Option<Merge>,
    align: Align,
    bold: bool,
}

fn c(text: impl Into<String>, span: usize) -> Tc {
    Tc { text: text.into(), span, merge: None, align: Align::Center, bold: false }
}

fn left(text: impl Into<String>, span: usize) -> Tc {
    Tc { align: Align::Left, ..c(text, span) }
}

fn right(text: impl Into<String>, span: usize) -> Tc {
    Tc { align: Align::Right, ..c(text, span) }
}

impl Tc {
    fn restart(mut self) -> Tc {
        self.merge = Some(Merge::Restart);
        self
    }
    fn bold(mut self) -> Tc {
        self.bold = true;
        self
    }
}

/// The continuation of a vertically merged cell spanning `span` columns.
fn cont(span: usize) -> Tc {
    Tc { merge: Some(Merge::Continue), ..c("", span) }
}

fn text_of(t: Option<&crate::model::FormText>) -> String {
    t.map(|t| t.text.trim().to_string()).unwrap_or_default()
}

fn num(n: Option<&FormNumber>) -> String {
    n.map(|n| n.value.normalize().to_string()).unwrap_or_default()
}

fn rate(n: Option<&FormNumber>) -> String {
    n.map(|n| format!("{:.2}%", round_half_up(n.value, 2))).unwrap_or_default()
}

fn amount(a: Option<&crate::model::Amount>) -> String {
    a.map(|a| format_wan(a.value, true)).unwrap_or_default()
}

/// The rows of the table (each row's spans add up to [`GRID`]'s length).
fn rows(f: &PerfForm) -> Vec<Vec<Tc>> {
    let mut rows = Vec::new();
    let name = match &f.code {
        Some(code) => format!("{code}-{}", f.name),
        None => f.name.clone(),
    };
    rows.push(vec![c("项目名称", 2).bold(), left(name, 9)]);
    rows.push(vec![c("主管部门", 2).bold(), left(text_of(f.department.as_ref()), 4), c("实施单位（盖章）", 2).bold(), left(text_of(f.unit.as_ref()), 3)]);
    // 项目基本情况
    rows.push(vec![c("项目基本情况", 1).bold().restart(), c("1.项目年度目标完成情况", 2).restart(), c("项目年度目标", 4), c("年度目标完成情况", 4)]);
    rows.push(vec![cont(1), cont(2), left(text_of(f.goal.as_ref()), 4), left(text_of(f.achieved.as_ref()), 4)]);
    rows.push(vec![cont(1), c("2.项目实施内容及过程概述", 2), left(text_of(f.process.as_ref()), 8)]);
    // 预算执行情况
    rows.push(vec![
        c("预算执行情况（10分）", 1).bold().restart(),
        c("年度预算数（万元）", 2),
        c("年初预算", 1),
        c("调整后预算数", 2),
        c("预算执行数", 1),
        c("预算执行率", 1),
        c("权重", 1),
        c("得分", 1),
        c("原因", 1),
    ]);
    for (k, fund) in [FormFund::Total, FormFund::Fiscal, FormFund::SpecialAccount, FormFund::Unit, FormFund::Other].into_iter().enumerate() {
        let r = f.fund(fund);
        let (weight, score) = if fund == FormFund::Total { (num(f.budget_weight.as_ref()), num(f.budget_score.as_ref())) } else { ("/".into(), "/".into()) };
        let reason = if k == 0 { left(text_of(f.budget_reason.as_ref()), 1).restart() } else { cont(1) };
        rows.push(vec![
            cont(1),
            left(fund.label(), 2),
            right(amount(r.and_then(|r| r.initial.as_ref())), 1),
            right(amount(r.and_then(|r| r.adjusted.as_ref())), 2),
            right(amount(r.and_then(|r| r.actual.as_ref())), 1),
            right(rate(r.and_then(|r| r.rate.as_ref())), 1),
            c(weight, 1),
            c(score, 1),
            reason,
        ]);
    }
    // 绩效指标
    rows.push(vec![
        c("绩效指标（90分）", 1).bold().restart(),
        c("一级指标", 1),
        c("二级指标", 1),
        c("三级指标", 1),
        c("指标性质", 1),
        c("指标值", 1),
        c("度量单位", 1),
        c("完成值", 1),
        c("权重", 1),
        c("得分", 1),
        c("未完成原因分析", 1),
    ]);
    let mut prev: Option<(&str, &str)> = None;
    for ind in &f.indicators {
        let same1 = prev.is_some_and(|(l1, _)| l1 == ind.level1 && !l1.is_empty());
        let same2 = same1 && prev.is_some_and(|(_, l2)| l2 == ind.level2 && !l2.is_empty());
        prev = Some((&ind.level1, &ind.level2));
        rows.push(vec![
            cont(1),
            if same1 { cont(1) } else { c(&ind.level1, 1).restart() },
            if same2 { cont(1) } else { c(&ind.level2, 1).restart() },
            left(&ind.level3, 1),
            c(&ind.nature, 1),
            c(&ind.target, 1),
            c(&ind.unit, 1),
            c(&ind.done, 1),
            c(num(ind.weight.as_ref()), 1),
            c(num(ind.score.as_ref()), 1),
            left(text_of(ind.reason.as_ref()), 1),
        ]);
    }
    rows.push(vec![c("合计", 8).bold(), c(num(f.total_weight.as_ref()), 1).bold(), c(num(f.total_score.as_ref()), 1).bold(), c("", 1)]);
    for (label, t) in [("评价结论", &f.conclusion), ("存在问题", &f.problems), ("改进措施", &f.measures)] {
        rows.push(vec![c(label, 2).bold(), left(text_of(t.as_ref()), 9)]);
    }
    drop_lone_restarts(&mut rows);
    rows
}

/// A `restart` with no `continue` below it is no merge at all: plain cell.
fn drop_lone_restarts(rows: &mut [Vec<Tc>]) {
    let starts: Vec<Vec<usize>> = rows.iter().map(|r| col_starts(r)).collect();
    for i in 0..rows.len() {
        for k in 0..rows[i].len() {
            if rows[i][k].merge != Some(Merge::Restart) {
                continue;
            }
            let col = starts[i][k];
            let continued = rows.get(i + 1).is_some_and(|next| {
                starts[i + 1].iter().position(|&s| s == col).is_some_and(|j| next[j].merge == Some(Merge::Continue))
            });
            if !continued {
                rows[i][k].merge = None;
            }
        }
    }
}

/// The first grid column of each cell of a row.
fn col_starts(row: &[Tc]) -> Vec<usize> {
    let mut col = 0;
    row.iter()
        .map(|t| {
            let s = col;
            col += t.span;
            s
        })
        .collect()
}


/// `<w:tc>`: width, span, merge, centred vertically; one `TableText` paragraph per line.
fn write_cell(out: &mut String, t: &Tc, width: usize) {
    out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
    push_num(out, width);
    out.push_str(r#"" w:type="dxa" />"#);
    if t.span > 1 {
        out.push_str(r#"<w:gridSpan w:val=""#);
        push_num(out, t.span);
        out.push_str(r#"" />"#);
    }
    match t.merge {
        Some(Merge::Restart) => out.push_str(r#"<w:vMerge w:val="restart" />"#),
        Some(Merge::Continue) => out.push_str(r#"<w:vMerge w:val="continue" />"#),
        None => {}
    }
    out.push_str(r#"<w:vAlign w:val="center" /></w:tcPr>"#);
    let jc = match t.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    };
    let lines: Vec<&str> = t.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    for line in lines {
        out.push_str(r#"<w:p><w:pPr><w:pStyle w:val=""#);
        out.push_str(TABLE_STYLE);
        out.push_str(r#"" /><w:jc w:val=""#);
        out.push_str(jc);
        out.push_str(r#"" /></w:pPr><w:r>"#);
        out.push_str(if t.bold { "<w:rPr><w:b /><w:bCs /></w:rPr>" } else { "<w:rPr />" });
        out.push_str(r#"<w:t xml:space="preserve">"#);
        push_escaped(out, line);
        out.push_str("</w:t></w:r></w:p>");
    }
    out.push_str("</w:tc>");
}

/// The `w:tbl` XML of a form: fixed layout, single borders, rows kept whole on a page.
pub(crate) fn table_xml(f: &PerfForm) -> String {
    let mut out = String::with_capacity(16 * 1024);
    push_table_start(&mut out, &GRID, 4, "center");
    for row in rows(f) {
        out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>");
        let mut col = 0;
        for t in &row {
            let end = (col + t.span).min(GRID.len());
            write_cell(&mut out, t, GRID[col.min(end)..end].iter().sum());
            col = end;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// The signature line under the table: `项目负责人：…` and `财务负责人：…` (blank names stay blank).
pub(crate) fn signature(f: &PerfForm) -> (String, String) {
    let name = |n: &Option<String>| n.as_deref().map(str::trim).unwrap_or("").to_string();
    (format!("项目负责人：{}", name(&f.project_lead)), format!("财务负责人：{}", name(&f.finance_lead)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::sample_form;

    #[test]
    fn every_row_fills_the_grid_and_merges_line_up() {
        let mut f = sample_form("51090423T000008810877-春节慰问费（2023）", "4", "4");
        f.indicators[1].level1 = "产出指标".into();
        let rows = rows(&f);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.iter().map(|t| t.span).sum::<usize>(), GRID.len(), "row {i}");
        }
        // every continue sits under a restart or continue of the same columns
        for i in 1..rows.len() {
            let (above, here) = (col_starts(&rows[i - 1]), col_starts(&rows[i]));
            for (k, t) in rows[i].iter().enumerate().filter(|(_, t)| t.merge == Some(Merge::Continue)) {
                let j = above.iter().position(|&s| s == here[k]).unwrap_or_else(|| panic!("row {i} cell {k}: no cell above"));
                assert!(rows[i - 1][j].merge.is_some() && rows[i - 1][j].span == t.span, "row {i} cell {k}");
            }
        }
        assert_eq!(GRID.iter().sum::<usize>(), 8845);
    }

    #[test]
    fn table_holds_the_forms_figures() {
        let mut f = sample_form("51090423T000008811083-档案工作经费", "1234.5", "9.61");
        f.budget_reason = Some(crate::model::FormText { text: "项目延期。".into(), at: f.name_at.clone() });
        let xml = table_xml(&f);
        for text in ["51090423T000008811083-档案工作经费", "1,234.50", "9.61", "0.78%", "其中：财政资金", "项目延期。", "服务对象满意度", "未完成原因分析", "档案工作经费圆满完成。"] {
            assert!(xml.contains(&format!(">{text}<")), "{text}");
        }
        // 其他资金 is blank on the form: blank cells, not 0.00
        assert_eq!((xml.matches(">0.00<").count(), xml.matches(">0.00%<").count()), (6, 2));
        assert_eq!(xml.matches("<w:gridCol ").count(), 11);
        assert!(xml.contains(r#"<w:vMerge w:val="restart" />"#) && xml.contains(r#"<w:gridSpan w:val="9" />"#));
        // tcW = Σ gridCol of the span: 项目名称 (2 columns) and its value (9 columns)
        assert!(xml.contains(r#"<w:tcW w:w="1550" w:type="dxa" /><w:gridSpan w:val="2" />"#));
        assert!(xml.contains(r#"<w:tcW w:w="7295" w:type="dxa" /><w:gridSpan w:val="9" />"#));
        assert_eq!(signature(&f), ("项目负责人：张三".to_string(), "财务负责人：李四".to_string()));
    }

    #[test]
    fn repeated_indicator_levels_merge_down() {
        let mut f = sample_form("甲", "1", "1");
        f.indicators[1].level1 = "产出指标".into();
        let rows = rows(&f);
        let first = rows.iter().position(|r| r.len() == 11 && r[3].text == "完成任务数").unwrap();
        assert_eq!(rows[first][1].merge, Some(Merge::Restart));
        assert_eq!(rows[first + 1][1].merge, Some(Merge::Continue));
        assert_eq!(rows[first + 2][1].merge, None);
        assert_eq!(rows[first + 2][1].text, "满意度指标");
    }
}
