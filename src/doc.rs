//! The document structure: what `narrate` produces and the writers (`write::docx`, the
//! Markdown preview) render. It is small on purpose — headings, paragraphs of runs, charts
//! with their data, the 附表 placements — and holds no WordprocessingML.

use crate::model::TableId;
use rust_decimal::Decimal;
use serde::Serialize;

/// A whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// 部门名称 (cover page).
    pub department: String,
    /// 决算年度.
    pub year: i32,
    /// True when generated with `--force` despite 错误: writers mark it 草稿.
    pub draft: bool,
    /// The body, in order.
    pub blocks: Vec<Block>,
}

/// One block of the body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    /// A heading. Level 1: 第一部分 …; 2: 一、…; 3: （一）…; 4: 1. … (numbering included in `text`).
    Heading {
        /// 1 to 4.
        level: u8,
        /// The full heading text, numbering included.
        text: String,
    },
    /// A body paragraph.
    Paragraph(Paragraph),
    /// A native chart followed by its caption (图N：…) below it.
    Chart(Chart),
    /// One of the thirteen attachment tables, typeset from the book's data.
    AnnexTable {
        /// Which table.
        table: TableId,
        /// Caption, e.g. `一、收入支出决算总表`.
        caption: String,
    },
    /// A 绩效自评表 typeset in its exported shape (第四部分 附件1), from the book's forms.
    PerfForm {
        /// 1-based number of the form in the book (input order).
        index: usize,
        /// 项目名称, for previews.
        name: String,
    },
    /// The table of contents.
    Toc,
    /// A page break.
    PageBreak,
}

/// Paragraph alignment/indent style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParaStyle {
    /// Body text, first line indented two characters.
    Body,
    /// Centred (e.g. a sentence replacing an all-zero chart is still Body; this is for titles).
    Center,
    /// No indent (lists of 附表, 附件 titles).
    Plain,
}

/// A paragraph made of runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Paragraph {
    /// Alignment/indent.
    pub style: ParaStyle,
    /// The runs.
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// The plain text of the paragraph.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A run of text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    /// The text.
    pub text: String,
    /// A placeholder (【请补充：…】): highlighted so nobody publishes it by mistake.
    pub placeholder: bool,
    /// Bold.
    pub bold: bool,
}

/// Chart type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChartKind {
    /// Clustered columns with value labels (图1, 图4, 图5).
    Bar,
    /// Pie with the share shown inside each slice (图2, 图3, 图6, 图7).
    Pie,
}

/// A chart with its data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    /// 1 to 7 (图N).
    pub number: u8,
    /// Bar or pie.
    pub kind: ChartKind,
    /// Caption text placed below the chart, e.g. `图1：收、支决算总计变动情况图`.
    pub caption: String,
    /// Category labels (bar: x-axis groups, e.g. 收入/支出; pie: slice names).
    pub categories: Vec<String>,
    /// Series. Bar: one per year (name `2023年`), values in 万元 (rounded to 2 decimals).
    /// Pie: first series = the shares as fractions that sum to exactly 1 (largest-remainder
    /// rounded, the same figures as the text); an optional second series = the amounts in 万元,
    /// written only to the embedded workbook.
    pub series: Vec<Series>,
}

/// One data series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// Series name (legend).
    pub name: String,
    /// One value per category.
    pub values: Vec<Decimal>,
}
