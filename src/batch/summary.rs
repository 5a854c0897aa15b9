//! `汇总.xlsx`: the workbook a finance-bureau reviewer works through after a batch.
//!
//! Sheet `部门汇总`: one row per department (status, key figures in 万元, counts of
//! 错误/警告/提示 and placeholders, changes since the last run, report file); failures are
//! highlighted. Sheet `问题清单`: every finding with its department and location. Both sheets
//! have a frozen header row and filters.

use super::{BatchReport, Status};
use rust_xlsxwriter::{
    ConditionalFormatFormula, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

const FIXED_HEAD: [&str; 4] = ["序号", "部门", "输入", "状态"];
/// Key figures that are counts or scores, not 万元 (the 绩效自评表 columns): no unit in the
/// header, no money format.
pub const COUNT_FIGURES: [&str; 3] = ["项目数", "平均得分", "执行率低于90%的项目数"];
const TAIL_HEAD: [&str; 9] = ["错误", "警告", "提示", "待补充", "变化项", "草稿", "上年输入", "报告文件", "失败原因"];

/// Writes the summary workbook atomically.
///
/// # Errors
/// Workbook or file errors.
pub fn write_summary(path: &Path, report: &BatchReport) -> Result<(), XlsxError> {
    let bytes = summary_bytes(report)?;
    crate::write::write_atomic(path, &bytes).map_err(XlsxError::IoError)
}

/// The summary workbook as bytes (deterministic: fixed creation date).
///
/// # Errors
/// Workbook errors.
pub fn summary_bytes(report: &BatchReport) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date).set_title("部门决算公开批量生成汇总"));
    departments_sheet(wb.add_worksheet(), report)?;
    findings_sheet(wb.add_worksheet(), report)?;
    wb.save_to_buffer()
}

fn header_format() -> Format {
    Format::new().set_bold().set_background_color("D9E1F2").set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap()
}

fn figure_labels(report: &BatchReport) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for f in report.rows.iter().flat_map(|r| &r.figures) {
        if !labels.contains(&f.label) {
            labels.push(f.label.clone());
        }
    }
    labels
}

fn departments_sheet(ws: &mut Worksheet, report: &BatchReport) -> Result<(), XlsxError> {
    ws.set_name("部门汇总")?;
    let labels = figure_labels(report);
    let unit = |l: &String| if COUNT_FIGURES.contains(&l.as_str()) { l.clone() } else { format!("{l}（万元）") };
    let head: Vec<String> = FIXED_HEAD.iter().map(|s| s.to_string()).chain(labels.iter().map(unit)).chain(TAIL_HEAD.iter().map(|s| s.to_string())).collect();
    let hf = header_format();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &hf)?;
    }
    let money = Format::new().set_num_format("#,##0.00");
    let plain = Format::new().set_num_format("0.##");
    for (i, r) in report.rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, (i + 1) as f64)?;
        ws.write_string(row, 1, &r.department)?;
        ws.write_string(row, 2, &r.input)?;
        ws.write_string(row, 3, r.status.label())?;
        for (j, l) in labels.iter().enumerate() {
            let v = r.figures.iter().find(|f| &f.label == l).and_then(|f| f.value);
            if let Some(v) = v.and_then(|v| v.to_string().parse::<f64>().ok()) {
                ws.write_number_with_format(row, (4 + j) as u16, v, if COUNT_FIGURES.contains(&l.as_str()) { &plain } else { &money })?;
            }
        }
        let c0 = (4 + labels.len()) as u16;
        let t = &r.tally;
        for (k, n) in [t.errors, t.warnings, t.infos, r.placeholders.len(), r.changes.len()].iter().enumerate() {
            ws.write_number(row, c0 + k as u16, *n as f64)?;
        }
        ws.write_string(row, c0 + 5, if r.draft { "是" } else { "" })?;
        ws.write_string(row, c0 + 6, r.prior.as_deref().unwrap_or(""))?;
        ws.write_string(row, c0 + 7, r.report.as_deref().unwrap_or(""))?;
        ws.write_string(row, c0 + 8, r.error.as_deref().unwrap_or(""))?;
    }
    let last_row = report.rows.len() as u32;
    let last_col = (head.len() - 1) as u16;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, last_row.max(1), last_col)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 24)?;
    for c in 4..4 + labels.len() as u16 {
        ws.set_column_width(c, 14)?;
    }
    if last_row >= 1 {
        let failed = ConditionalFormatFormula::new()
            .set_rule(format!("=$D2=\"{}\"", Status::Failed.label()).as_str())
            .set_format(Format::new().set_background_color("FFC7CE").set_font_color("9C0006"));
        ws.add_conditional_format(1, 0, last_row, last_col, &failed)?;
        let warned = ConditionalFormatFormula::new()
            .set_rule(format!("=${}2>0", crate::model::column_letters(c0_of(&labels) as u32 + 1)).as_str())
            .set_format(Format::new().set_background_color("FFEB9C"));
        ws.add_conditional_format(1, c0_of(&labels) + 1, last_row, c0_of(&labels) + 1, &warned)?;
    }
    Ok(())
}

fn c0_of(labels: &[String]) -> u16 {
    (4 + labels.len()) as u16
}

fn findings_sheet(ws: &mut Worksheet, report: &BatchReport) -> Result<(), XlsxError> {
    ws.set_name("问题清单")?;
    let head = ["部门", "输入", "严重程度", "规则", "说明", "位置", "差额（万元）"];
    let hf = header_format();
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &hf)?;
    }
    let money = Format::new().set_num_format("#,##0.00");
    let mut row = 0u32;
    for r in &report.rows {
        for f in &r.findings {
            row += 1;
            ws.write_string(row, 0, &r.department)?;
            ws.write_string(row, 1, &r.input)?;
            ws.write_string(row, 2, &f.severity)?;
            ws.write_string(row, 3, &f.rule)?;
            ws.write_string(row, 4, &f.message)?;
            ws.write_string(row, 5, &f.locations)?;
            if let Some(d) = f.difference.and_then(|d| d.to_string().parse::<f64>().ok()) {
                ws.write_number_with_format(row, 6, d, &money)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, row.max(1), (head.len() - 1) as u16)?;
    for (c, w) in [24, 20, 8, 18, 60, 60, 12].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    if row >= 1 {
        let err = ConditionalFormatFormula::new().set_rule("=$C2=\"错误\"").set_format(Format::new().set_background_color("FFC7CE"));
        ws.add_conditional_format(1, 0, row, (head.len() - 1) as u16, &err)?;
    }
    Ok(())
}
