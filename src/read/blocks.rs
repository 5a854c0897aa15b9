//! Column roles and side-by-side blocks, and subject codes read from label cells.

use super::error::ReadError;
use crate::workbook::Grid;
use super::locate::Header;
use crate::model::{normalize_label, CellRef, EconCode, SubjectCode};

/// What a column holds, by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Code,
    Name,
    Skip,
    Amount,
    None,
}

/// The role of a column from its header texts.
pub(crate) fn role(h: &Header, c: u32) -> Role {
    let leaf = h.leaf(c);
    if leaf.is_empty() {
        return Role::None;
    }
    match super::layout::named("标签列", leaf) {
        Some("行次") => Role::Skip,
        Some("名称") => Role::Name,
        Some(_) => Role::Code,
        None => Role::Amount,
    }
}

/// One side-by-side block: label columns then amount columns.
#[derive(Debug, Default, Clone)]
pub(crate) struct Block {
    pub code_cols: Vec<u32>,
    pub name_col: Option<u32>,
    pub amount_cols: Vec<u32>,
}

impl Block {
    /// Every label column (codes, then the name).
    pub fn label_cols(&self) -> Vec<u32> {
        let mut v = self.code_cols.clone();
        v.extend(self.name_col);
        v
    }
}

/// Splits the columns into blocks: a label column after an amount column starts a new block.
/// Columns without header text inside the label area count as code columns (split 类/款/项
/// under a merged header whose text sits in the first cell only).
pub(crate) fn blocks(h: &Header, width: u32) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut labels: Vec<(u32, Role)> = Vec::new();
    let mut cur_amounts: Vec<u32> = Vec::new();
    let finish = |labels: &mut Vec<(u32, Role)>, amounts: &mut Vec<u32>, out: &mut Vec<Block>| {
        if labels.is_empty() && amounts.is_empty() {
            return;
        }
        let name_col = labels
            .iter()
            .rev()
            .find(|(c, _)| super::layout::is_name_header(h.leaf(*c)))
            .or_else(|| labels.iter().rev().find(|(_, r)| *r == Role::Name))
            .or_else(|| labels.last())
            .map(|(c, _)| *c);
        let code_cols = labels.iter().filter(|(c, r)| Some(*c) != name_col && *r != Role::Skip).map(|(c, _)| *c).collect();
        out.push(Block { code_cols, name_col, amount_cols: std::mem::take(amounts) });
        labels.clear();
    };
    for c in 0..width {
        match role(h, c) {
            Role::Code | Role::Name => {
                if !cur_amounts.is_empty() {
                    finish(&mut labels, &mut cur_amounts, &mut out);
                }
                labels.push((c, role(h, c)));
            }
            Role::Skip => labels.push((c, Role::Skip)),
            Role::None => {
                if cur_amounts.is_empty() && !labels.is_empty() {
                    labels.push((c, Role::Code));
                }
            }
            Role::Amount => cur_amounts.push(c),
        }
    }
    finish(&mut labels, &mut cur_amounts, &mut out);
    out
}

/// Which classification a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Function,
    Economic,
}

/// Context for codes split across 类/款/项 cells with parent cells left blank.
#[derive(Debug, Default)]
pub(crate) struct CodeCtx {
    lei: Option<String>,
    kuan: Option<String>,
}

/// A code read from a row.
#[derive(Debug)]
pub(crate) struct RowCode {
    pub code: String,
    pub name: String,
    pub at: CellRef,
}

fn digits_only(t: &str) -> Option<String> {
    let s: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{3000}').collect();
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Leading digits of `2013101 行政运行` → (`2013101`, `行政运行`).
fn leading_code(t: &str) -> Option<(String, String)> {
    let t = t.trim().trim_start_matches('\'');
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 3 {
        return None;
    }
    let rest = t.get(digits.len()..).unwrap_or("").trim();
    Some((digits, rest.to_string()))
}

fn valid(code: &str, kind: Kind) -> bool {
    match kind {
        Kind::Function => SubjectCode::parse(code).is_some(),
        Kind::Economic => EconCode::parse(code).is_some(),
    }
}

/// Reads the code of a data row from the block's label cells. `Ok(None)` when the row has
/// no code at all (a text line); an error when digits are there but do not form a code.
pub(crate) fn row_code(g: &Grid, r: u32, b: &Block, ctx: &mut CodeCtx, kind: Kind) -> Result<Option<RowCode>, ReadError> {
    let name_text = b.name_col.map(|c| g.text(r, c)).unwrap_or_default();
    let mut segs: Vec<(usize, u32, String)> = Vec::new();
    for (i, &c) in b.code_cols.iter().enumerate() {
        if let Some(d) = digits_only(&g.text(r, c)) {
            segs.push((i, c, d));
        }
    }
    let (code, at, name) = if let Some((idx, c0, first)) = segs.first() {
        let mut code = if first.len() >= 3 {
            first.clone()
        } else {
            let base = if *idx == 1 { ctx.lei.clone() } else if *idx >= 2 { ctx.kuan.clone() } else { None };
            match base {
                Some(b) => format!("{b}{first:0>2}"),
                None => return Err(ReadError::BadSubjectCode { at: g.at(r, *c0), found: first.clone() }),
            }
        };
        for (_, _, d) in segs.iter().skip(1) {
            code.push_str(&format!("{d:0>2}"));
        }
        let name = match leading_code(&name_text) {
            Some((d, rest)) if d == code => rest,
            _ => name_text.trim().to_string(),
        };
        (code, g.at(r, *c0), name)
    } else {
        // Code inside a label cell: `2013101 行政运行`.
        let mut found = None;
        for c in b.label_cols() {
            if let Some((d, rest)) = leading_code(&g.text(r, c)) {
                let name = if rest.is_empty() { name_text.trim().to_string() } else { rest };
                found = Some((d, g.at(r, c), name));
                break;
            }
        }
        match found {
            Some(f) => f,
            None => return Ok(None),
        }
    };
    if !valid(&code, kind) {
        return Err(ReadError::BadSubjectCode { at, found: code });
    }
    match code.len() {
        3 => {
            ctx.lei = Some(code.clone());
            ctx.kuan = None;
        }
        5 => {
            ctx.lei = code.get(..3).map(str::to_string);
            ctx.kuan = Some(code.clone());
        }
        _ => {}
    }
    Ok(Some(RowCode { code, name: name.trim().to_string(), at }))
}

/// The normalised texts of a block's label cells in a row, first non-empty one.
pub(crate) fn first_label(g: &Grid, r: u32, cols: &[u32]) -> Option<(u32, String)> {
    cols.iter().map(|&c| (c, g.text(r, c))).find(|(_, t)| !t.is_empty()).map(|(c, t)| (c, normalize_label(&t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::Cell;

    fn t(s: &str) -> Cell {
        if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) }
    }

    #[test]
    fn split_codes_are_built_from_context() {
        let rows = vec![
            vec![t("201"), t(""), t(""), t("一般公共服务支出")],
            vec![t(""), t("31"), t(""), t("党委办公厅")],
            vec![t(""), t(""), t("01"), t("  行政运行")],
            vec![t("201"), t("31"), t("02"), t("一般行政管理事务")],
            vec![Cell::Num(2080505.0), t(""), t(""), t("养老")],
            vec![t(""), t(""), t(""), t("2101101 行政单位医疗")],
            vec![t("'20131011"), t(""), t(""), t("坏")],
            vec![t(""), t(""), Cell::Num(1.0), t("无上级")],
        ];
        let g = Grid::new("f.xlsx", "s", rows, vec![]);
        let b = Block { code_cols: vec![0, 1, 2], name_col: Some(3), amount_cols: vec![] };
        let mut ctx = CodeCtx::default();
        let mut codes = Vec::new();
        for r in 0..6 {
            let rc = row_code(&g, r, &b, &mut ctx, Kind::Function).unwrap().unwrap();
            codes.push((rc.code, rc.name));
        }
        assert_eq!(codes[2], ("2013101".to_string(), "行政运行".to_string()));
        assert_eq!(codes[3].0, "2013102");
        assert_eq!(codes[4].0, "2080505");
        assert_eq!(codes[5], ("2101101".to_string(), "行政单位医疗".to_string()));
        let err = row_code(&g, 6, &b, &mut ctx, Kind::Function).unwrap_err();
        assert!(err.to_string().contains("s!A7"), "{err}");
        let mut fresh = CodeCtx::default();
        let err = row_code(&g, 7, &b, &mut fresh, Kind::Function).unwrap_err();
        assert!(err.to_string().contains("s!C8"), "{err}");
    }
}
