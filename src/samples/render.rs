//! Renders a [`SampleDept`] (or the blank template) as XLSX laid out like real 财决 exports.

use super::bundled::Prng;
use super::names::{chinese_ordinal, ECON_CLASSES};
use super::spec::SampleDept;
use super::tables::{cents, generate, Basic08, CodeAmount, MatrixData, SubjectData, Summary01, Summary04, Tables, Three13};
use super::SampleError;
use crate::model::{Col, IncomeSource, TableId, Unit};
use crate::money::{format_wan, TEN_THOUSAND};
use crate::notes_catalog::{NoteKind, GLOSSARY_PREFIX, NOTE_LABELS, SUBJECT_REASON_PREFIX};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// How subject codes are laid out in 类/款/项 columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeLayout {
    /// The full code (`2013101`) in one cell merged over the 类/款/项 columns (久其 default).
    Merged,
    /// Split across the columns (`201` | `31` | `01`), names indented by level.
    Split,
}

/// Sheet names and order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetNaming {
    /// `公开01表` … `公开13表`, in table order, then 说明材料 / 预算数 / 项目绩效.
    Standard,
    /// Odd names (`Sheet7`, `附表十`, `表3 (2)` …) in a shuffled order (the seed is
    /// [`Style::seed`]); the 说明材料/预算数/项目绩效 sheets keep their names.
    Shuffled,
}

/// Table 08 layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocks08 {
    /// 人员经费 | 公用经费 side by side (Shanghai style).
    Two,
    /// 人员经费 | 公用经费 (302) | 公用经费 (307/310/399) (national style).
    Three,
}

/// Table 13 layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout13 {
    /// One data row under a 3-row header, 12 amounts.
    Wide,
    /// Items as rows, 预算数 · 决算数 as columns.
    Vertical,
}

/// How amounts are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountCells {
    /// Numeric cells formatted `#,##0.00`.
    Numbers,
    /// Text with thousands separators (`1,036.19`), as some touched-up exports have.
    Text,
}

/// One workbook or one folder of per-table workbooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packaging {
    /// All thirteen tables (and 说明材料 …) in one workbook `<stem>.xlsx`.
    Workbook,
    /// Folder `<stem>/` with one workbook per table plus `说明材料.xlsx`.
    Folder,
}

/// Rendering options: every way the sample exports vary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Style {
    /// State amounts in 元 although the department is specified in 万元 (exact ×10000);
    /// `false` keeps the department's own unit (a 元 department always stays in 元).
    pub yuan_override: bool,
    /// Code layout in 类/款/项 columns (and 类/款 in table 08).
    pub codes: CodeLayout,
    /// Sheet names and order.
    pub sheets: SheetNaming,
    /// Table 08 blocks.
    pub t08: Blocks08,
    /// Table 13 orientation.
    pub t13: Layout13,
    /// Numbers or text amounts.
    pub amounts: AmountCells,
    /// Leave zero amounts empty instead of `0.00`.
    pub blank_zeros: bool,
    /// Extra blank rows (between header block and header, before footnotes).
    pub extra_blank_rows: bool,
    /// Label variants (`使用非财政拨款结余（含专用结余）`, `收入总计`, `因公出国(境)费用`, `公务用车购置及运行费` …).
    pub label_variants: bool,
    /// One workbook or a folder.
    pub packaging: Packaging,
    /// Seed for shuffled sheet order / odd names.
    pub seed: u64,
}

impl Style {
    /// Standard 久其 export: merged codes, standard sheets, 08 two blocks, 13 wide, numbers.
    pub fn standard() -> Style {
        Style {
            yuan_override: false,
            codes: CodeLayout::Merged,
            sheets: SheetNaming::Standard,
            t08: Blocks08::Two,
            t13: Layout13::Wide,
            amounts: AmountCells::Numbers,
            blank_zeros: false,
            extra_blank_rows: false,
            label_variants: false,
            packaging: Packaging::Workbook,
            seed: 0,
        }
    }
    /// The folder variant of sample 03: split codes, 08 three blocks, 13 vertical.
    pub fn folder_split() -> Style {
        Style {
            codes: CodeLayout::Split,
            t08: Blocks08::Three,
            t13: Layout13::Vertical,
            packaging: Packaging::Folder,
            ..Style::standard()
        }
    }
    /// A style drawn from `seed` (corpus): every option varies.
    pub fn varied(seed: u64) -> Style {
        let mut r = Prng::new(seed);
        Style {
            yuan_override: r.chance(15),
            codes: if r.chance(50) { CodeLayout::Merged } else { CodeLayout::Split },
            sheets: if r.chance(40) { SheetNaming::Shuffled } else { SheetNaming::Standard },
            t08: if r.chance(50) { Blocks08::Two } else { Blocks08::Three },
            t13: if r.chance(70) { Layout13::Wide } else { Layout13::Vertical },
            amounts: if r.chance(20) { AmountCells::Text } else { AmountCells::Numbers },
            blank_zeros: r.chance(30),
            extra_blank_rows: r.chance(30),
            label_variants: r.chance(30),
            packaging: if r.chance(15) { Packaging::Folder } else { Packaging::Workbook },
            seed,
        }
    }
}

/// Footnote under each table.
fn footnote(id: TableId) -> &'static str {
    match id {
        TableId::T01 => "注：本表反映部门本年度的总收支和年末结转结余情况。",
        TableId::T02 => "注：本表反映部门本年度取得的各项收入情况。",
        TableId::T03 => "注：本表反映部门本年度各项支出情况。",
        TableId::T04 => "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
        TableId::T05 => "注：本表反映部门本年度财政拨款支出明细情况。",
        TableId::T06 => "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
        TableId::T07 => "注：本表反映部门本年度一般公共预算财政拨款支出明细情况。",
        TableId::T08 => "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        TableId::T09 => "注：本表反映部门本年度一般公共预算财政拨款项目支出情况。",
        TableId::T10 => "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
        TableId::T11 => "注：本表反映部门本年度国有资本经营预算财政拨款收入、支出及结转和结余情况。",
        TableId::T12 => "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
        TableId::T13 => "注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
    }
}

struct Formats {
    title: Format,
    right: Format,
    plain: Format,
    header: Format,
    cell: Format,
    amount: Format,
    text_amount: Format,
    count: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            right: Format::new().set_align(FormatAlign::Right),
            plain: Format::new(),
            header: border.clone().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            cell: border.clone(),
            amount: border.clone().set_num_format("#,##0.00"),
            text_amount: border.clone().set_align(FormatAlign::Right),
            count: border.set_align(FormatAlign::Center),
        }
    }
}

/// What the renderer needs besides the table data.
struct Ctx<'a> {
    style: &'a Style,
    name: String,
    year: Option<i32>,
    unit: Unit,
    factor: Decimal,
    blank: bool,
    f: Formats,
}

type XR<T> = Result<T, XlsxError>;

impl Ctx<'_> {
    fn unit_text(&self) -> &'static str {
        match self.unit {
            Unit::Yuan => "金额单位：元",
            Unit::Wan => "金额单位：万元",
        }
    }

    fn text(&self, ws: &mut Worksheet, r: u32, c: u16, s: &str) -> XR<()> {
        ws.write_string_with_format(r, c, s, &self.f.cell)?;
        Ok(())
    }

    fn head(&self, ws: &mut Worksheet, r1: u32, c1: u16, r2: u32, c2: u16, s: &str) -> XR<()> {
        if r1 == r2 && c1 == c2 {
            ws.write_string_with_format(r1, c1, s, &self.f.header)?;
        } else {
            ws.merge_range(r1, c1, r2, c2, s, &self.f.header)?;
        }
        Ok(())
    }

    fn merged_text(&self, ws: &mut Worksheet, r: u32, c1: u16, c2: u16, s: &str) -> XR<()> {
        if c1 == c2 {
            ws.write_string_with_format(r, c1, s, &self.f.cell)?;
        } else {
            ws.merge_range(r, c1, r, c2, s, &self.f.cell)?;
        }
        Ok(())
    }

    fn amt(&self, ws: &mut Worksheet, r: u32, c: u16, v: Decimal) -> XR<()> {
        let v = v * self.factor;
        if self.blank || (self.style.blank_zeros && v.is_zero()) {
            ws.write_blank(r, c, &self.f.cell)?;
            return Ok(());
        }
        match self.style.amounts {
            AmountCells::Numbers => {
                ws.write_number_with_format(r, c, v.to_f64().unwrap_or(0.0), &self.f.amount)?;
            }
            AmountCells::Text => {
                let s = if v.normalize().scale() <= 2 { format_wan(v, true) } else { v.normalize().to_string() };
                ws.write_string_with_format(r, c, &s, &self.f.text_amount)?;
            }
        }
        Ok(())
    }

    /// Title, 公开NN表, 编制单位 / 年度 / 金额单位; returns the first header row.
    fn header_block(&self, ws: &mut Worksheet, id: TableId, width: u16) -> XR<u32> {
        let last = width.saturating_sub(1).max(2);
        ws.merge_range(0, 0, 0, last, id.title(), &self.f.title)?;
        ws.set_row_height(0, 30)?;
        ws.write_string_with_format(1, last, id.code(), &self.f.right)?;
        ws.write_string_with_format(2, 0, format!("编制单位：{}", self.name), &self.f.plain)?;
        let year = match self.year {
            Some(y) => format!("{y}年度"),
            None => "    年度".to_string(),
        };
        ws.write_string_with_format(2, last / 2, &year, &self.f.plain)?;
        ws.write_string_with_format(2, last, self.unit_text(), &self.f.right)?;
        Ok(if self.style.extra_blank_rows { 4 } else { 3 })
    }

    fn footnote(&self, ws: &mut Worksheet, row: u32, id: TableId, extra: &str) -> XR<()> {
        let row = if self.style.extra_blank_rows { row + 1 } else { row };
        ws.write_string_with_format(row, 0, format!("{}{extra}", footnote(id)), &self.f.plain)?;
        Ok(())
    }

    fn code_cells(&self, ws: &mut Worksheet, r: u32, code: &str, name: &str) -> XR<()> {
        match self.style.codes {
            CodeLayout::Merged => {
                ws.merge_range(r, 0, r, 2, code, &self.f.cell)?;
                self.text(ws, r, 3, name)?;
            }
            CodeLayout::Split => {
                self.text(ws, r, 0, &code[..3.min(code.len())])?;
                self.text(ws, r, 1, if code.len() >= 5 { &code[3..5] } else { "" })?;
                self.text(ws, r, 2, if code.len() >= 7 { &code[5..7] } else { "" })?;
                let indent = "  ".repeat((code.len().saturating_sub(3)) / 2);
                self.text(ws, r, 3, &format!("{indent}{name}"))?;
            }
        }
        Ok(())
    }

    fn widths(&self, ws: &mut Worksheet, widths: &[(u16, f64)]) -> XR<()> {
        for (c, w) in widths {
            ws.set_column_width(*c, *w)?;
        }
        Ok(())
    }
}

/// Amount column headers: `(group, sub-labels)`; a `None` group merges each label over the
/// full header height.
type Groups<'a> = Vec<(Option<&'a str>, Vec<&'a str>)>;

fn subject_like(ctx: &Ctx, ws: &mut Worksheet, id: TableId, groups: &Groups, total: &[Decimal], rows: &[super::tables::DataRow], extra_note: &str) -> XR<()> {
    let ncols: usize = groups.iter().map(|(_, s)| s.len()).sum();
    let width = 4 + ncols as u16;
    let h = ctx.header_block(ws, id, width)?;
    ctx.head(ws, h, 0, h, 3, "项目")?;
    ctx.head(ws, h + 1, 0, h + 1, 2, "科目编码")?;
    ctx.head(ws, h + 1, 3, h + 2, 3, "科目名称")?;
    for (k, s) in ["类", "款", "项"].iter().enumerate() {
        ctx.head(ws, h + 2, k as u16, h + 2, k as u16, s)?;
    }
    let mut c = 4u16;
    for (group, subs) in groups {
        match group {
            None => {
                for s in subs {
                    ctx.head(ws, h, c, h + 2, c, s)?;
                    c += 1;
                }
            }
            Some(g) => {
                ctx.head(ws, h, c, h, c + subs.len() as u16 - 1, g)?;
                for s in subs {
                    ctx.head(ws, h + 1, c, h + 2, c, s)?;
                    c += 1;
                }
            }
        }
    }
    let r = h + 3;
    ctx.head(ws, r, 0, r, 3, "栏次")?;
    for k in 0..ncols {
        ws.write_number_with_format(r, 4 + k as u16, (k + 1) as f64, &ctx.f.count)?;
    }
    let r = r + 1;
    ctx.merged_text(ws, r, 0, 3, "合计")?;
    for (k, v) in total.iter().enumerate() {
        ctx.amt(ws, r, 4 + k as u16, *v)?;
    }
    let mut r = r + 1;
    for row in rows {
        ctx.code_cells(ws, r, &row.code, &row.name)?;
        for (k, v) in row.values.iter().enumerate() {
            ctx.amt(ws, r, 4 + k as u16, *v)?;
        }
        r += 1;
    }
    let mut w = vec![(0u16, 6.0), (1, 5.0), (2, 5.0), (3, 34.0)];
    w.extend((0..ncols).map(|k| (4 + k as u16, 15.0)));
    ctx.widths(ws, &w)?;
    ctx.footnote(ws, r, id, extra_note)
}

fn subject_table(ctx: &Ctx, ws: &mut Worksheet, id: TableId, t: &SubjectData) -> XR<()> {
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label()).collect();
    let groups: Groups = match id {
        TableId::T06 | TableId::T12 => vec![(Some("本年支出"), vec!["合计", "基本支出", "项目支出"])],
        TableId::T10 | TableId::T11 => vec![
            (None, vec![Col::BeginBalance.label(), Col::YearIncome.label()]),
            (Some("本年支出"), vec!["小计", "基本支出", "项目支出"]),
            (None, vec![Col::EndBalance.label()]),
        ],
        _ => vec![(None, labels)],
    };
    let empty = t.rows.is_empty() && !ctx.blank;
    let extra = match (empty, id) {
        (true, TableId::T10) => "本部门本年度无政府性基金预算财政拨款收支，故本表为空表。",
        (true, TableId::T11) | (true, TableId::T12) => "本部门本年度无国有资本经营预算财政拨款收支，故本表为空表。",
        _ => "",
    };
    subject_like(ctx, ws, id, &groups, &t.total, &t.rows, extra)
}

fn matrix_table(ctx: &Ctx, ws: &mut Worksheet, id: TableId, m: &MatrixData) -> XR<()> {
    let econ: Vec<&str> = ECON_CLASSES.iter().map(|(_, n)| *n).collect();
    let groups: Groups = vec![(None, vec!["合计"]), (Some("部门预算支出经济分类科目"), econ)];
    subject_like(ctx, ws, id, &groups, &m.total, &m.rows, "")
}

const INCOME_LABELS: [&str; 8] = [
    "一、一般公共预算财政拨款收入",
    "二、政府性基金预算财政拨款收入",
    "三、国有资本经营预算财政拨款收入",
    "四、上级补助收入",
    "五、事业收入",
    "六、经营收入",
    "七、附属单位上缴收入",
    "八、其他收入",
];

fn t01(ctx: &Ctx, ws: &mut Worksheet, t: &Summary01) -> XR<()> {
    let h = ctx.header_block(ws, TableId::T01, 6)?;
    ctx.head(ws, h, 0, h, 2, "收入")?;
    ctx.head(ws, h, 3, h, 5, "支出")?;
    for (c, s) in ["项目", "行次", "金额", "项目", "行次", "金额"].iter().enumerate() {
        ctx.head(ws, h + 1, c as u16, h + 1, c as u16, s)?;
    }
    for (c, s) in ["栏次", "", "1", "栏次", "", "2"].iter().enumerate() {
        ctx.head(ws, h + 2, c as u16, h + 2, c as u16, s)?;
    }
    let body = t.classes.len().max(8);
    let first = h + 3;
    let n_income = body + 4;
    for i in 0..body {
        let r = first + i as u32;
        ws.write_number_with_format(r, 1, (i + 1) as f64, &ctx.f.count)?;
        ws.write_number_with_format(r, 4, (n_income + i + 1) as f64, &ctx.f.count)?;
        if let (Some(label), Some(v)) = (INCOME_LABELS.get(i), t.income.get(i)) {
            ctx.text(ws, r, 0, label)?;
            ctx.amt(ws, r, 2, *v)?;
        } else {
            ctx.text(ws, r, 0, "")?;
            ctx.text(ws, r, 2, "")?;
        }
        match t.classes.get(i) {
            Some(c) => {
                ctx.text(ws, r, 3, &format!("{}、{}", chinese_ordinal(i + 1), c.name))?;
                ctx.amt(ws, r, 5, c.amount)?;
            }
            None => {
                ctx.text(ws, r, 3, "")?;
                ctx.text(ws, r, 5, "")?;
            }
        }
    }
    let v = ctx.style.label_variants;
    let bottom = [
        ("本年收入合计", t.income_total, "本年支出合计", t.expenditure_total),
        (if v { "使用非财政拨款结余（含专用结余）" } else { "使用非财政拨款结余" }, t.use_balance, "结余分配", t.distribution),
        ("年初结转和结余", t.begin, "年末结转和结余", t.end),
        (if v { "收入总计" } else { "总计" }, t.income_grand, if v { "支出总计" } else { "总计" }, t.expenditure_grand),
    ];
    for (k, (l1, a1, l2, a2)) in bottom.iter().enumerate() {
        let r = first + (body + k) as u32;
        ctx.text(ws, r, 0, l1)?;
        ws.write_number_with_format(r, 1, (body + k + 1) as f64, &ctx.f.count)?;
        ctx.amt(ws, r, 2, *a1)?;
        ctx.text(ws, r, 3, l2)?;
        ws.write_number_with_format(r, 4, (n_income + body + k + 1) as f64, &ctx.f.count)?;
        ctx.amt(ws, r, 5, *a2)?;
    }
    ctx.widths(ws, &[(0, 34.0), (1, 6.0), (2, 16.0), (3, 34.0), (4, 6.0), (5, 16.0)])?;
    ctx.footnote(ws, first + body as u32 + 4, TableId::T01, "")
}

const FUND_LABELS: [&str; 3] = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];

fn t04(ctx: &Ctx, ws: &mut Worksheet, t: &Summary04) -> XR<()> {
    let h = ctx.header_block(ws, TableId::T04, 9)?;
    ctx.head(ws, h, 0, h, 2, "收入")?;
    ctx.head(ws, h, 3, h, 8, "支出")?;
    let heads = ["项目", "行次", "金额", "项目", "行次", "合计", FUND_LABELS[0], FUND_LABELS[1], FUND_LABELS[2]];
    for (c, s) in heads.iter().enumerate() {
        ctx.head(ws, h + 1, c as u16, h + 1, c as u16, s)?;
    }
    for (c, s) in ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"].iter().enumerate() {
        ctx.head(ws, h + 2, c as u16, h + 2, c as u16, s)?;
    }
    let body = t.classes.len().max(3);
    let first = h + 3;
    let n_income = body + 6;
    let amounts4 = |ws: &mut Worksheet, r: u32, a: &[Decimal; 4]| -> XR<()> {
        for (k, v) in a.iter().enumerate() {
            ctx.amt(ws, r, 5 + k as u16, *v)?;
        }
        Ok(())
    };
    let blank4 = |ws: &mut Worksheet, r: u32| -> XR<()> {
        for k in 3..9u16 {
            if k != 4 {
                ctx.text(ws, r, k, "")?;
            }
        }
        Ok(())
    };
    for i in 0..body {
        let r = first + i as u32;
        ws.write_number_with_format(r, 1, (i + 1) as f64, &ctx.f.count)?;
        ws.write_number_with_format(r, 4, (n_income + i + 1) as f64, &ctx.f.count)?;
        if let (Some(label), Some(v)) = (FUND_LABELS.get(i), t.income.get(i)) {
            ctx.text(ws, r, 0, &format!("{}、{label}", chinese_ordinal(i + 1)))?;
            ctx.amt(ws, r, 2, *v)?;
        } else {
            ctx.text(ws, r, 0, "")?;
            ctx.text(ws, r, 2, "")?;
        }
        match t.classes.get(i) {
            Some(c) => {
                ctx.text(ws, r, 3, &format!("{}、{}", chinese_ordinal(i + 1), c.name))?;
                amounts4(ws, r, &c.amounts)?;
            }
            None => blank4(ws, r)?,
        }
    }
    let mut r = first + body as u32;
    let mut line_no = body;
    let mut row = |ws: &mut Worksheet, r: u32, left: &str, la: Option<Decimal>, right: Option<(&str, [Decimal; 4])>| -> XR<()> {
        line_no += 1;
        ctx.text(ws, r, 0, left)?;
        ws.write_number_with_format(r, 1, line_no as f64, &ctx.f.count)?;
        match la {
            Some(a) => ctx.amt(ws, r, 2, a)?,
            None => ctx.text(ws, r, 2, "")?,
        }
        ws.write_number_with_format(r, 4, (n_income + line_no) as f64, &ctx.f.count)?;
        match right {
            Some((label, a)) => {
                ctx.text(ws, r, 3, label)?;
                amounts4(ws, r, &a)?;
            }
            None => blank4(ws, r)?,
        }
        Ok(())
    };
    row(ws, r, "本年收入合计", Some(t.income_total), Some(("本年支出合计", t.expenditure_total)))?;
    r += 1;
    row(ws, r, "年初财政拨款结转和结余", Some(t.begin_total), Some(("年末财政拨款结转和结余", t.end)))?;
    r += 1;
    for k in 0..3 {
        let label = format!("{}、{}", chinese_ordinal(k + 1), FUND_LABELS[k]);
        let mut a = [Decimal::ZERO; 4];
        a[0] = t.end[k + 1];
        a[k + 1] = t.end[k + 1];
        row(ws, r, &format!("  {label}"), Some(t.begin[k]), Some((&format!("  {label}"), a)))?;
        r += 1;
    }
    let v = ctx.style.label_variants;
    row(
        ws,
        r,
        if v { "收入总计" } else { "总计" },
        Some(t.income_grand),
        Some((if v { "支出总计" } else { "总计" }, t.expenditure_grand)),
    )?;
    ctx.widths(ws, &[(0, 30.0), (1, 6.0), (2, 15.0), (3, 30.0), (4, 6.0), (5, 15.0), (6, 15.0), (7, 15.0), (8, 15.0)])?;
    ctx.footnote(ws, r + 1, TableId::T04, "")
}

fn t08(ctx: &Ctx, ws: &mut Worksheet, t: &Basic08) -> XR<()> {
    let split = ctx.style.codes == CodeLayout::Split;
    let bw: u16 = if split { 4 } else { 3 };
    let blocks: Vec<Vec<&CodeAmount>> = match ctx.style.t08 {
        Blocks08::Two => vec![t.personnel.iter().collect(), t.public.iter().collect()],
        Blocks08::Three => vec![
            t.personnel.iter().collect(),
            t.public.iter().filter(|r| r.code.starts_with("302")).collect(),
            t.public.iter().filter(|r| !r.code.starts_with("302")).collect(),
        ],
    };
    let nb = blocks.len() as u16;
    let h = ctx.header_block(ws, TableId::T08, nb * bw)?;
    ctx.head(ws, h, 0, h, bw - 1, "人员经费")?;
    ctx.head(ws, h, bw, h, nb * bw - 1, "公用经费")?;
    for b in 0..nb {
        let c0 = b * bw;
        if split {
            ctx.head(ws, h + 1, c0, h + 1, c0 + 1, "科目编码")?;
            ctx.head(ws, h + 2, c0, h + 2, c0, "类")?;
            ctx.head(ws, h + 2, c0 + 1, h + 2, c0 + 1, "款")?;
        } else {
            ctx.head(ws, h + 1, c0, h + 2, c0, "科目编码")?;
        }
        ctx.head(ws, h + 1, c0 + bw - 2, h + 2, c0 + bw - 2, "科目名称")?;
        ctx.head(ws, h + 1, c0 + bw - 1, h + 2, c0 + bw - 1, "决算数")?;
    }
    let first = h + 3;
    let height = blocks.iter().map(|b| b.len()).max().unwrap_or(0);
    for i in 0..height {
        let r = first + i as u32;
        for (b, block) in blocks.iter().enumerate() {
            let c0 = b as u16 * bw;
            match block.get(i) {
                Some(row) => {
                    if split {
                        ctx.text(ws, r, c0, &row.code[..3])?;
                        ctx.text(ws, r, c0 + 1, if row.code.len() == 5 { &row.code[3..] } else { "" })?;
                    } else {
                        ctx.text(ws, r, c0, &row.code)?;
                    }
                    ctx.text(ws, r, c0 + bw - 2, &row.name)?;
                    ctx.amt(ws, r, c0 + bw - 1, row.amount)?;
                }
                None => {
                    for k in 0..bw {
                        ctx.text(ws, r, c0 + k, "")?;
                    }
                }
            }
        }
    }
    let r = first + height as u32;
    ctx.merged_text(ws, r, 0, bw - 2, "人员经费合计")?;
    ctx.amt(ws, r, bw - 1, t.personnel_total)?;
    ctx.merged_text(ws, r, bw, nb * bw - 2, "公用经费合计")?;
    ctx.amt(ws, r, nb * bw - 1, t.public_total)?;
    let mut w = Vec::new();
    for b in 0..nb {
        let c0 = b * bw;
        if split {
            w.push((c0, 6.0));
            w.push((c0 + 1, 5.0));
        } else {
            w.push((c0, 9.0));
        }
        w.push((c0 + bw - 2, 26.0));
        w.push((c0 + bw - 1, 14.0));
    }
    ctx.widths(ws, &w)?;
    ctx.footnote(ws, r + 1, TableId::T08, "")
}

fn t13(ctx: &Ctx, ws: &mut Worksheet, t: &Three13) -> XR<()> {
    let v = ctx.style.label_variants;
    let overseas = if v { "因公出国(境)费用" } else { "因公出国（境）费" };
    let vehicles = if v { "公务用车购置及运行费" } else { "公务用车购置及运行维护费" };
    let operation = if v { "公务用车运行费" } else { "公务用车运行维护费" };
    match ctx.style.t13 {
        Layout13::Wide => {
            let h = ctx.header_block(ws, TableId::T13, 12)?;
            ctx.head(ws, h, 0, h + 1, 1, "合计")?;
            ctx.head(ws, h, 2, h + 1, 3, overseas)?;
            ctx.head(ws, h, 4, h, 9, vehicles)?;
            ctx.head(ws, h, 10, h + 1, 11, "公务接待费")?;
            ctx.head(ws, h + 1, 4, h + 1, 5, "小计")?;
            ctx.head(ws, h + 1, 6, h + 1, 7, "公务用车购置费")?;
            ctx.head(ws, h + 1, 8, h + 1, 9, operation)?;
            for k in 0..6u16 {
                ctx.head(ws, h + 2, 2 * k, h + 2, 2 * k, "预算数")?;
                ctx.head(ws, h + 2, 2 * k + 1, h + 2, 2 * k + 1, "决算数")?;
            }
            let r = h + 3;
            for k in 0..6usize {
                ctx.amt(ws, r, 2 * k as u16, t.budget[k])?;
                ctx.amt(ws, r, 2 * k as u16 + 1, t.actual[k])?;
            }
            ctx.widths(ws, &(0..12u16).map(|c| (c, 12.0)).collect::<Vec<_>>())?;
            ctx.footnote(ws, r + 1, TableId::T13, "")
        }
        Layout13::Vertical => {
            let h = ctx.header_block(ws, TableId::T13, 3)?;
            for (c, s) in ["项目", "预算数", "决算数"].iter().enumerate() {
                ctx.head(ws, h, c as u16, h, c as u16, s)?;
            }
            ctx.head(ws, h + 1, 0, h + 1, 0, "栏次")?;
            ctx.head(ws, h + 1, 1, h + 1, 1, "1")?;
            ctx.head(ws, h + 1, 2, h + 1, 2, "2")?;
            let purchase = "  其中：公务用车购置费".to_string();
            let op = format!("        {operation}");
            let labels = ["合计", overseas, vehicles, purchase.as_str(), op.as_str(), "公务接待费"];
            for (k, label) in labels.iter().enumerate() {
                let r = h + 2 + k as u32;
                ctx.text(ws, r, 0, label)?;
                ctx.amt(ws, r, 1, t.budget[k])?;
                ctx.amt(ws, r, 2, t.actual[k])?;
            }
            ctx.widths(ws, &[(0, 32.0), (1, 16.0), (2, 16.0)])?;
            ctx.footnote(ws, h + 8, TableId::T13, "")
        }
    }
}

fn write_table(ctx: &Ctx, ws: &mut Worksheet, id: TableId, t: &Tables) -> XR<()> {
    match id {
        TableId::T01 => t01(ctx, ws, &t.t01),
        TableId::T02 => subject_table(ctx, ws, id, &t.t02),
        TableId::T03 => subject_table(ctx, ws, id, &t.t03),
        TableId::T04 => t04(ctx, ws, &t.t04),
        TableId::T05 => matrix_table(ctx, ws, id, &t.t05),
        TableId::T06 => subject_table(ctx, ws, id, &t.t06),
        TableId::T07 => matrix_table(ctx, ws, id, &t.t07),
        TableId::T08 => t08(ctx, ws, &t.t08),
        TableId::T09 => matrix_table(ctx, ws, id, &t.t09),
        TableId::T10 => subject_table(ctx, ws, id, &t.t10),
        TableId::T11 => subject_table(ctx, ws, id, &t.t11),
        TableId::T12 => subject_table(ctx, ws, id, &t.t12),
        TableId::T13 => t13(ctx, ws, &t.t13),
    }
}

// ───────────────────────────── 说明材料, 预算数, 项目绩效 ─────────────────────────────

/// A value of the 说明材料 sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteValue {
    /// Free text.
    Text(String),
    /// Amount in 万元.
    Amount(Decimal),
    /// Whole number.
    Count(u32),
}

/// Converts an amount in the department's unit to 万元 (exact).
fn to_wan(v: Decimal, unit: Unit) -> Decimal {
    match unit {
        Unit::Wan => v,
        Unit::Yuan => (v / TEN_THOUSAND).normalize(),
    }
}

fn floor_cents(v: Decimal) -> Decimal {
    let mut r = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    r.rescale(2);
    r
}

/// The 说明材料 entries of a department, in [`NOTE_LABELS`] order followed by the
/// `项目评价：…` and `名词解释：<code>` entries (spec order) and the `预决算差异原因：<code>` entries; figures are consistent with `tables`.
pub fn note_entries(dept: &SampleDept, tables: &Tables) -> Vec<(String, NoteValue)> {
    let mut map: BTreeMap<String, NoteValue> = BTreeMap::new();
    for (k, v) in &dept.texts {
        // A count label (绩效评价：常年项目数 …) is written as a number.
        let count = crate::notes_catalog::find_label(k).filter(|l| l.kind == NoteKind::Count).and_then(|_| v.trim().parse::<u32>().ok());
        map.insert(k.clone(), count.map_or_else(|| NoteValue::Text(v.clone()), NoteValue::Count));
    }
    for (k, v) in &dept.prior_labels {
        map.insert(k.clone(), NoteValue::Amount(*v));
    }
    let e = &dept.extras;
    let u = dept.unit;
    let mut put = |k: &str, v: NoteValue| {
        map.insert(k.to_string(), v);
    };
    put("年度", NoteValue::Count(dept.year.max(0) as u32));
    put("因公出国团组数", NoteValue::Count(e.overseas_groups.0));
    put("因公出国人次", NoteValue::Count(e.overseas_groups.1));
    let vh = &e.vehicles;
    put("公务用车购置数", NoteValue::Count(vh.purchased));
    put("公务用车保有量", NoteValue::Count(vh.by_body.iter().sum()));
    put("公务用车保有量（轿车）", NoteValue::Count(vh.by_body[0]));
    put("公务用车保有量（越野车）", NoteValue::Count(vh.by_body[1]));
    put("公务用车保有量（载客汽车）", NoteValue::Count(vh.by_body[2]));
    let (db, dp, fb, fp) = e.reception_counts;
    put("国内公务接待批次", NoteValue::Count(db));
    put("国内公务接待人次", NoteValue::Count(dp));
    put("国内公务接待费", NoteValue::Amount(to_wan(cents(dept.three_actual.reception - e.foreign_reception), u)));
    put("外事接待批次", NoteValue::Count(fb));
    put("外事接待人次", NoteValue::Count(fp));
    put("外事接待费", NoteValue::Amount(to_wan(cents(e.foreign_reception), u)));
    let public_wan = to_wan(tables.t08.public_total, u);
    put(
        "机关运行经费",
        NoteValue::Amount(floor_cents(public_wan * Decimal::from(e.running_cost_pct) / Decimal::from(100))),
    );
    let econ08 = |code: &str| -> Decimal {
        to_wan(tables.t08.public.iter().filter(|r| r.code == code).map(|r| r.amount).sum(), u)
    };
    put("会议费", NoteValue::Amount(econ08("30215") + cents(e.meeting_training.0)));
    put("培训费", NoteValue::Amount(econ08("30216") + cents(e.meeting_training.1)));
    let [g, w, s] = e.procurement;
    let total = g + w + s;
    put("政府采购支出总额", NoteValue::Amount(cents(total)));
    put("政府采购货物支出", NoteValue::Amount(cents(g)));
    put("政府采购工程支出", NoteValue::Amount(cents(w)));
    put("政府采购服务支出", NoteValue::Amount(cents(s)));
    let sme = total * i64::from(e.sme_pct.0) / 100;
    let micro = (total * i64::from(e.sme_pct.1) / 100).min(sme);
    put("授予中小企业合同金额", NoteValue::Amount(cents(sme)));
    put("授予小微企业合同金额", NoteValue::Amount(cents(micro)));
    put("车辆总数", NoteValue::Count(vh.by_use.iter().sum()));
    for (k, label) in ["主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部服务用车", "其他用车"]
        .iter()
        .enumerate()
    {
        put(label, NoteValue::Count(vh.by_use[k]));
    }
    put("单价100万元以上设备", NoteValue::Count(e.big_equipment));
    let mut out: Vec<(String, NoteValue)> = Vec::new();
    for nl in NOTE_LABELS {
        if let Some(v) = map.remove(nl.label) {
            out.push((nl.label.to_string(), v));
        }
    }
    // 项目评价：<项目名称>：<小节> and 名词解释：<编码> entries, in the spec's order.
    for (k, _) in &dept.texts {
        if crate::notes_catalog::project_eval_label(k).is_some() || crate::notes_catalog::glossary_label(k).is_some() {
            if let Some(v) = map.remove(k) {
                out.push((k.clone(), v));
            }
        }
    }
    let mut seen = Vec::new();
    for l in &dept.lines {
        if let (Some(reason), true) = (&l.gap_reason, l.budget_gap != 0 && !seen.contains(&l.code)) {
            seen.push(l.code.clone());
            out.push((format!("{SUBJECT_REASON_PREFIX}{}", l.code), NoteValue::Text(reason.clone())));
        }
    }
    out
}

/// `预算数` rows: (项 code, 全年预算数, 年初预算数) in 万元, one per 一般公共预算 项 of table 06.
pub fn budget_rows(dept: &SampleDept, tables: &Tables) -> Vec<(String, Decimal, Decimal)> {
    tables
        .t06
        .rows
        .iter()
        .filter(|r| r.code.len() == 7)
        .map(|r| {
            let gap: i64 = dept
                .lines
                .iter()
                .filter(|l| l.code == r.code && l.source == IncomeSource::GeneralBudget)
                .map(|l| l.budget_gap)
                .sum();
            let full = to_wan(r.values[0], dept.unit) + cents(gap);
            let initial = if r.values[2].is_zero() { full } else { floor_cents(full * Decimal::new(9, 1)) };
            (r.code.clone(), full, initial)
        })
        .collect()
}

/// `项目绩效` rows: (项目名称, 预算数, 执行数, 综述) in 万元.
pub fn project_rows(dept: &SampleDept) -> Vec<(String, Decimal, Decimal, String)> {
    dept.lines
        .iter()
        .filter_map(|l| {
            let name = l.project_name.as_ref()?;
            let actual = to_wan(cents(l.project), dept.unit);
            let budget = actual + cents(l.budget_gap);
            let suffix = if name.ends_with("项目") { "" } else { "项目" };
            // The sheet's 预算数 / 执行数 columns carry the figures; the 综述 does not restate them.
            let progress = if l.budget_gap > 0 { "部分资金结转下年继续使用，" } else { "" };
            let summary = format!("{name}{suffix}按年度计划组织实施，{progress}产出指标和效益指标基本完成，服务对象满意度达到95%以上。");
            Some((name.clone(), budget, actual, summary))
        })
        .collect()
}

fn notes_sheet(ctx: &Ctx, ws: &mut Worksheet, entries: &[(String, NoteValue)]) -> XR<()> {
    ws.set_name("说明材料")?;
    ctx.head(ws, 0, 0, 0, 0, "项目")?;
    ctx.head(ws, 0, 1, 0, 1, "内容")?;
    let wrap = ctx.f.cell.clone().set_text_wrap();
    for (i, (label, v)) in entries.iter().enumerate() {
        let r = 1 + i as u32;
        ctx.text(ws, r, 0, label)?;
        match v {
            NoteValue::Text(s) => {
                ws.write_string_with_format(r, 1, s, &wrap)?;
            }
            NoteValue::Amount(a) => {
                ws.write_number_with_format(r, 1, a.to_f64().unwrap_or(0.0), &ctx.f.amount)?;
            }
            NoteValue::Count(n) => {
                ws.write_number_with_format(r, 1, f64::from(*n), &ctx.f.count)?;
            }
        }
    }
    ctx.widths(ws, &[(0, 34.0), (1, 80.0)])
}

fn budget_sheet(ctx: &Ctx, ws: &mut Worksheet, rows: &[(String, Decimal, Decimal)]) -> XR<()> {
    ws.set_name("预算数")?;
    for (c, s) in ["科目编码", "全年预算数", "年初预算数"].iter().enumerate() {
        ctx.head(ws, 0, c as u16, 0, c as u16, s)?;
    }
    for (i, (code, full, initial)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        ctx.text(ws, r, 0, code)?;
        ws.write_number_with_format(r, 1, full.to_f64().unwrap_or(0.0), &ctx.f.amount)?;
        ws.write_number_with_format(r, 2, initial.to_f64().unwrap_or(0.0), &ctx.f.amount)?;
    }
    ctx.widths(ws, &[(0, 14.0), (1, 16.0), (2, 16.0)])
}

fn projects_sheet(ctx: &Ctx, ws: &mut Worksheet, rows: &[(String, Decimal, Decimal, String)]) -> XR<()> {
    ws.set_name("项目绩效")?;
    for (c, s) in ["项目名称", "预算数", "执行数", "绩效目标完成情况综述"].iter().enumerate() {
        ctx.head(ws, 0, c as u16, 0, c as u16, s)?;
    }
    let wrap = ctx.f.cell.clone().set_text_wrap();
    for (i, (name, budget, actual, summary)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        ctx.text(ws, r, 0, name)?;
        ws.write_number_with_format(r, 1, budget.to_f64().unwrap_or(0.0), &ctx.f.amount)?;
        ws.write_number_with_format(r, 2, actual.to_f64().unwrap_or(0.0), &ctx.f.amount)?;
        ws.write_string_with_format(r, 3, summary, &wrap)?;
    }
    ctx.widths(ws, &[(0, 30.0), (1, 14.0), (2, 14.0), (3, 70.0)])
}

// ───────────────────────────── workbooks ─────────────────────────────

fn new_workbook() -> XR<Workbook> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2024, 3, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date).set_author("juesuan"));
    Ok(wb)
}

fn odd_name(id: TableId, rng: &mut Prng) -> String {
    let n = id.number() as usize;
    match rng.range(0, 3) {
        0 => format!("Sheet{}", n + 3),
        1 => format!("附表{}", chinese_ordinal(n)),
        2 => format!("表{n} (2)"),
        _ => format!("{}-改{n}", &id.title().chars().take(6).collect::<String>()),
    }
}

fn sheet_name(id: TableId, style: &Style, rng: &mut Prng) -> String {
    match style.sheets {
        SheetNaming::Standard => id.code(),
        SheetNaming::Shuffled => odd_name(id, rng),
    }
}

/// One sheet of an output workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Table(TableId),
    Notes,
    Budget,
    Projects,
    /// The department's `n`-th 绩效自评表.
    Form(usize),
    /// The blank 自评表 of `init`.
    BlankForm,
}

fn fill(ctx: &Ctx, wb: &mut Workbook, parts: &[Part], dept: Option<&SampleDept>, tables: &Tables, rng: &mut Prng) -> XR<()> {
    for part in parts {
        let ws = wb.add_worksheet();
        match part {
            Part::Table(id) => {
                ws.set_name(sheet_name(*id, ctx.style, rng))?;
                write_table(ctx, ws, *id, tables)?;
            }
            Part::Notes => match dept {
                Some(d) => notes_sheet(ctx, ws, &note_entries(d, tables))?,
                None => template_notes(ctx, ws)?,
            },
            Part::Budget => budget_sheet(ctx, ws, &dept.map(|d| budget_rows(d, tables)).unwrap_or_default())?,
            Part::Projects => projects_sheet(ctx, ws, &dept.map(project_rows).unwrap_or_default())?,
            Part::Form(i) => {
                let d = dept.expect("forms belong to a department");
                ws.set_name(&d.forms[*i].sheet)?;
                super::forms::write_form(ws, Some(&d.forms[*i]), d.year)?;
            }
            Part::BlankForm => {
                ws.set_name("绩效自评表")?;
                super::forms::write_form(ws, None, 2023)?;
            }
        }
    }
    Ok(())
}

fn parts_of(dept: &SampleDept) -> Vec<Part> {
    let mut parts: Vec<Part> = TableId::ALL.iter().map(|id| Part::Table(*id)).collect();
    parts.push(Part::Notes);
    if dept.budget_sheet {
        parts.push(Part::Budget);
    }
    if dept.projects_sheet {
        parts.push(Part::Projects);
    }
    parts.extend((0..dept.forms.len()).map(Part::Form));
    parts
}

fn ctx_for<'a>(dept: &SampleDept, style: &'a Style) -> Ctx<'a> {
    let (unit, factor) = match (dept.unit, style.yuan_override) {
        (Unit::Wan, true) => (Unit::Yuan, TEN_THOUSAND),
        (u, _) => (u, Decimal::ONE),
    };
    Ctx { style, name: dept.name.clone(), year: Some(dept.year), unit, factor, blank: false, f: Formats::new() }
}

/// Renders one department as a single workbook (all thirteen tables, 说明材料 and the
/// optional 预算数 / 项目绩效 sheets), whatever `style.packaging` says.
pub fn render(dept: &SampleDept, style: &Style) -> Result<Vec<u8>, SampleError> {
    let tables = generate(dept)?;
    let ctx = ctx_for(dept, style);
    let mut parts = parts_of(dept);
    let mut rng = Prng::new(style.seed);
    if style.sheets == SheetNaming::Shuffled {
        rng.shuffle(&mut parts);
    }
    let mut wb = new_workbook()?;
    fill(&ctx, &mut wb, &parts, Some(dept), &tables, &mut rng)?;
    Ok(wb.save_to_buffer()?)
}

/// Renders one department as files relative to an output directory: `<stem>.xlsx`, or for
/// [`Packaging::Folder`] `<stem>/<NN表名>.xlsx` × 13 plus `<stem>/说明材料.xlsx` (holding
/// 说明材料 and the optional 预算数 / 项目绩效 sheets).
pub fn render_files(dept: &SampleDept, style: &Style) -> Result<Vec<(String, Vec<u8>)>, SampleError> {
    match style.packaging {
        Packaging::Workbook => Ok(vec![(format!("{}.xlsx", dept.file_stem), render(dept, style)?)]),
        Packaging::Folder => {
            let tables = generate(dept)?;
            let ctx = ctx_for(dept, style);
            let mut rng = Prng::new(style.seed);
            let mut out = Vec::new();
            for id in TableId::ALL {
                let mut wb = new_workbook()?;
                fill(&ctx, &mut wb, &[Part::Table(id)], Some(dept), &tables, &mut rng)?;
                let file = match style.sheets {
                    SheetNaming::Standard => format!("{}/{:02}{}.xlsx", dept.file_stem, id.number(), id.title()),
                    SheetNaming::Shuffled => format!("{}/附件{}.xlsx", dept.file_stem, rng.range(100, 999) * 100 + i64::from(id.number())),
                };
                out.push((file, wb.save_to_buffer()?));
            }
            let mut wb = new_workbook()?;
            let extra: Vec<Part> = parts_of(dept).into_iter().filter(|p| !matches!(p, Part::Table(_) | Part::Form(_))).collect();
            fill(&ctx, &mut wb, &extra, Some(dept), &tables, &mut rng)?;
            out.push((format!("{}/说明材料.xlsx", dept.file_stem), wb.save_to_buffer()?));
            // One workbook per 绩效自评表, named after the form's sheet.
            for (i, form) in dept.forms.iter().enumerate() {
                let mut wb = new_workbook()?;
                fill(&ctx, &mut wb, &[Part::Form(i)], Some(dept), &tables, &mut rng)?;
                out.push((format!("{}/{}.xlsx", dept.file_stem, form.sheet), wb.save_to_buffer()?));
            }
            Ok(out)
        }
    }
}

// ───────────────────────────── blank template ─────────────────────────────

fn template_notes(ctx: &Ctx, ws: &mut Worksheet) -> XR<()> {
    ws.set_name("说明材料")?;
    for (c, s) in ["项目", "内容", "分组", "填写说明", "示例"].iter().enumerate() {
        ctx.head(ws, 0, c as u16, 0, c as u16, s)?;
    }
    let mut r = 1u32;
    for nl in NOTE_LABELS {
        ctx.text(ws, r, 0, nl.label)?;
        ws.write_blank(r, 1, &ctx.f.cell)?;
        ctx.text(ws, r, 2, nl.group)?;
        let kind = match nl.kind {
            NoteKind::Text => "文字",
            NoteKind::Amount => "金额（万元）",
            NoteKind::Count => "数量",
            NoteKind::Year => "年度",
        };
        ctx.text(ws, r, 3, &format!("【{kind}】{}", nl.help))?;
        ctx.text(ws, r, 4, nl.example)?;
        ws.insert_note(r, 0, &Note::new(format!("{}（{kind}）\n示例：{}", nl.help, nl.example)).set_author("juesuan"))?;
        r += 1;
    }
    // The per-code labels: label, group, help, example.
    let per_code = [
        (format!("{SUBJECT_REASON_PREFIX}2013105"), "变动原因", "【文字】某项支出决算数与预算数不一致的原因；冒号后填7位科目编码，可按需增加多行", "部分项目按合同分期支付，尾款结转下年支付。"),
        (format!("{GLOSSARY_PREFIX}2130106"), "第三部分", "【文字】名词解释中某功能分类科目的解释；冒号后填科目编码，优先于内置词典；内置词典没有的科目须填写，可按需增加多行", "反映用于科技成果转化与推广服务方面的支出。"),
    ];
    for (label, group, help, example) in per_code {
        ctx.text(ws, r, 0, &label)?;
        ws.write_blank(r, 1, &ctx.f.cell)?;
        ctx.text(ws, r, 2, group)?;
        ctx.text(ws, r, 3, help)?;
        ctx.text(ws, r, 4, example)?;
        r += 1;
    }
    ctx.widths(ws, &[(0, 34.0), (1, 50.0), (2, 12.0), (3, 60.0), (4, 40.0)])
}

fn template_tables() -> Tables {
    use super::names::{function_name, FUNCTION_CLASSES};
    use super::tables::{DataRow, FundRow};
    let z = Decimal::ZERO;
    let subjects = ["201", "20131", "2013101", "2013102", "208", "20805", "2080505", "210", "21011", "2101101", "221", "22102", "2210201"];
    let rows = |n: usize| -> Vec<DataRow> {
        subjects
            .iter()
            .map(|c| DataRow { code: c.to_string(), name: function_name(c).unwrap_or_default(), values: vec![z; n] })
            .collect()
    };
    let subject = |cols: Vec<Col>, with_rows: bool| {
        let n = cols.len();
        SubjectData { columns: cols, total: vec![z; n], rows: if with_rows { rows(n) } else { Vec::new() } }
    };
    let nm = ECON_CLASSES.len() + 1;
    let matrix = || MatrixData { total: vec![z; nm], rows: rows(nm) };
    let econ = |classes: &[&str]| -> Vec<CodeAmount> {
        let mut v = Vec::new();
        for class in classes {
            v.push(CodeAmount { code: class.to_string(), name: super::names::econ_name(class).unwrap_or_default().to_string(), amount: z });
            for (k, n) in super::names::ECON_KUAN.iter().filter(|(k, _)| k.starts_with(class)) {
                v.push(CodeAmount { code: k.to_string(), name: n.to_string(), amount: z });
            }
        }
        v
    };
    let cols10 = vec![Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::Basic, Col::Project, Col::EndBalance];
    Tables {
        t01: Summary01 {
            income: [z; 8],
            income_total: z,
            use_balance: z,
            begin: z,
            income_grand: z,
            classes: FUNCTION_CLASSES.iter().map(|(c, n)| CodeAmount { code: c.to_string(), name: n.to_string(), amount: z }).collect(),
            expenditure_total: z,
            distribution: z,
            end: z,
            expenditure_grand: z,
        },
        t02: subject(
            vec![Col::IncomeTotal, Col::FiscalGrant, Col::SuperiorSubsidy, Col::BusinessIncome, Col::OperatingIncome, Col::AffiliatedIncome, Col::OtherIncome],
            true,
        ),
        t03: subject(vec![Col::ExpenditureTotal, Col::Basic, Col::Project, Col::ToSuperior, Col::OperatingExpenditure, Col::ToAffiliated], true),
        t04: Summary04 {
            income: [z; 3],
            income_total: z,
            begin: [z; 3],
            begin_total: z,
            income_grand: z,
            classes: FUNCTION_CLASSES.iter().map(|(c, n)| FundRow { code: c.to_string(), name: n.to_string(), amounts: [z; 4] }).collect(),
            expenditure_total: [z; 4],
            end: [z; 4],
            expenditure_grand: [z; 4],
        },
        t05: matrix(),
        t06: subject(vec![Col::ExpenditureTotal, Col::Basic, Col::Project], true),
        t07: matrix(),
        t08: Basic08 { personnel: econ(&["301", "303"]), public: econ(&["302", "307", "310", "399"]), personnel_total: z, public_total: z },
        t09: matrix(),
        t10: subject(cols10.clone(), false),
        t11: subject(cols10, false),
        t12: subject(vec![Col::ExpenditureTotal, Col::Basic, Col::Project], false),
        t13: Three13 { budget: [z; 6], actual: [z; 6] },
    }
}

/// The blank input template of `juesuan init` as XLSX bytes.
pub fn render_template() -> Result<Vec<u8>, SampleError> {
    let style = Style::standard();
    let ctx = Ctx { style: &style, name: String::new(), year: None, unit: Unit::Wan, factor: Decimal::ONE, blank: true, f: Formats::new() };
    let mut parts: Vec<Part> = TableId::ALL.iter().map(|id| Part::Table(*id)).collect();
    parts.extend([Part::Notes, Part::Budget, Part::Projects, Part::BlankForm]);
    let mut wb = new_workbook()?;
    let mut rng = Prng::new(0);
    fill(&ctx, &mut wb, &parts, None, &template_tables(), &mut rng)?;
    Ok(wb.save_to_buffer()?)
}
