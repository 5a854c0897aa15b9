//! What the reader understood of one table — a *reading*: which rows were title, unit,
//! header, 栏次, data, total and footnote; which concept each amount column means, with its
//! header text and cell; what was skipped and why. `juesuan dump --explain` (printed by
//! `crate::explain`), the reader's errors, its 警告/提示 and the tests all use it.

use crate::findings::{Finding, Severity};
use crate::model::{CellRef, TableId};

/// The reading of one table.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// Which table (`None` until located).
    pub table: Option<TableId>,
    /// `file › sheet!cell` of the title.
    pub title_at: Option<CellRef>,
    /// The unit as understood, with where it was stated.
    pub unit: String,
    /// Header rows (1-based, inclusive).
    pub header: Option<(u32, u32)>,
    /// The 栏次 row (1-based), if any, and whether it was labelled.
    pub lanci: Option<(u32, bool)>,
    /// 合计 rows (1-based).
    pub totals: Vec<u32>,
    /// Number of data rows read.
    pub data_rows: usize,
    /// The first footnote / signature row (1-based).
    pub footnote: Option<u32>,
    /// Amount columns: concept, header texts, header cell.
    pub columns: Vec<(String, String, CellRef)>,
    /// Things skipped: cell and reason.
    pub skipped: Vec<(CellRef, String)>,
    /// The reader's own findings (unknown columns 警告, empty table 提示).
    pub findings: Vec<Finding>,
}

impl Reading {
    /// Records an amount column.
    pub(crate) fn column(&mut self, concept: &str, header: &[String], at: CellRef) {
        self.columns.push((concept.to_string(), header.join(" / "), at));
    }
    /// Records something skipped.
    pub(crate) fn skip(&mut self, at: CellRef, why: impl Into<String>) {
        self.skipped.push((at, why.into()));
    }
    /// Adds a reader finding.
    pub(crate) fn finding(&mut self, severity: Severity, rule: &str, message: String, at: &CellRef) {
        self.findings.push(Finding::new(severity, rule, message).at("读取", Some(at.clone()), None));
    }
}
