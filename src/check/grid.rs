//! A uniform view of the code-row tables (02, 03, 06, 10, 11, 12 and the matrices 05, 07, 09)
//! so that one hierarchy check serves them all. Parent codes are prefixes: a 7-digit 项 lies
//! under its 5-digit 款, a 5-digit 款 under its 3-digit 类 (the same holds for 3/5-digit
//! economic codes).

use crate::model::{Amount, MatrixTable, SubjectTable, TableId};

/// One row: code, name and amounts (one per column).
#[derive(Clone, Copy, Debug)]
pub(crate) struct GridRow<'a> {
    /// The code digits.
    pub code: &'a str,
    /// The name as printed.
    pub name: &'a str,
    /// The amounts.
    pub values: &'a [Amount],
}

/// A table seen as code rows × labelled columns with an optional 合计 row.
#[derive(Clone, Debug)]
pub(crate) struct Grid<'a> {
    /// Which table.
    pub id: TableId,
    /// Column labels.
    pub columns: Vec<String>,
    /// The 合计 row.
    pub total: &'a [Amount],
    /// Data rows.
    pub rows: Vec<GridRow<'a>>,
}

impl<'a> Grid<'a> {
    /// View of a subject table.
    pub(crate) fn subject(t: &'a SubjectTable) -> Self {
        let rows = t.rows.iter().map(|r| GridRow { code: r.code.as_str(), name: &r.name, values: &r.values }).collect();
        let columns = t.columns.iter().map(|c| c.label().to_string()).collect();
        Grid { id: t.id, columns, total: &t.total, rows }
    }

    /// View of a matrix table (05, 07, 09); rows whose code is not 3/5/7 digits are left out.
    pub(crate) fn matrix(t: &'a MatrixTable) -> Self {
        let ok = |c: &str| matches!(c.len(), 3 | 5 | 7) && c.bytes().all(|b| b.is_ascii_digit());
        let rows = t.rows.iter().filter(|r| ok(&r.code)).map(|r| GridRow { code: &r.code, name: &r.name, values: &r.values }).collect();
        Grid { id: t.id, columns: t.columns.clone(), total: &t.total, rows }
    }

    /// `表02` style prefix.
    pub(crate) fn tag(&self) -> String {
        format!("表{:02}", self.id.number())
    }

    /// The row with this code.
    pub(crate) fn row(&self, code: &str) -> Option<&GridRow<'a>> {
        self.rows.iter().find(|r| r.code == code)
    }

    /// Rows directly under `code` (one level down).
    pub(crate) fn children(&self, code: &str) -> Vec<&GridRow<'a>> {
        self.rows.iter().filter(|r| r.code.len() == code.len() + 2 && r.code.starts_with(code)).collect()
    }

    /// Top-level rows (3-digit codes).
    pub(crate) fn tops(&self) -> Vec<&GridRow<'a>> {
        self.rows.iter().filter(|r| r.code.len() == 3).collect()
    }

    /// Label of a cell: `表02 201 一般公共服务支出 · 财政拨款收入`.
    pub(crate) fn cell_label(&self, row: &GridRow<'_>, col: usize) -> String {
        format!("{} {} {} · {}", self.tag(), row.code, row.name, self.col_name(col))
    }

    /// Label of a 合计 cell: `表02 合计 · 财政拨款收入` (`表05 合计` for the 合计 column).
    pub(crate) fn total_label(&self, col: usize) -> String {
        match self.col_name(col) {
            "合计" => format!("{} 合计", self.tag()),
            name => format!("{} 合计 · {}", self.tag(), name),
        }
    }

    fn col_name(&self, col: usize) -> &str {
        self.columns.get(col).map_or("?", |s| s.as_str())
    }
}
