//! A sheet as a dense grid of cells (absolute 0-based coordinates), with its merged regions.
//! Loading a workbook turns every sheet into a [`Grid`] once; all later passes read grids.

use super::error::ReadError;
use crate::model::{Amount, CellRef, Unit};
use crate::money;
use calamine::{Data, Reader, Sheets};
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::Arc;

/// Sheets larger than this are cut (tables are a few hundred rows at most; a stray
/// formatted cell at row 1 048 576 must not make us allocate a million rows).
const MAX_ROWS: u32 = 20_000;
const MAX_COLS: u32 = 256;

/// One cell's value, reduced to what the reader distinguishes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Num(f64),
    Text(String),
    Bool(bool),
    Err(String),
}

/// One sheet.
#[derive(Debug)]
pub(crate) struct Grid {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    cells: Vec<Vec<Cell>>,
    merges: Vec<(u32, u32, u32, u32)>,
    pub width: u32,
}

static EMPTY: Cell = Cell::Empty;

impl Grid {
    /// Builds a grid from rows of cells (used by the loader and by unit tests).
    pub fn new(file: &str, sheet: &str, cells: Vec<Vec<Cell>>, merges: Vec<(u32, u32, u32, u32)>) -> Self {
        let width = cells.iter().map(|r| r.len() as u32).max().unwrap_or(0);
        Grid { file: file.into(), sheet: sheet.into(), cells, merges, width }
    }

    /// Number of rows.
    pub fn height(&self) -> u32 {
        self.cells.len() as u32
    }

    /// The cell at (row, col); empty outside the used range.
    pub fn cell(&self, r: u32, c: u32) -> &Cell {
        self.cells.get(r as usize).and_then(|row| row.get(c as usize)).unwrap_or(&EMPTY)
    }

    /// The cell's text, trimmed (numbers rendered without float noise).
    pub fn text(&self, r: u32, c: u32) -> String {
        cell_text(self.cell(r, c))
    }

    /// The text of a header cell: a cell inside a merged region takes the region's text.
    pub fn merged_text(&self, r: u32, c: u32) -> String {
        for &(r0, c0, r1, c1) in &self.merges {
            if r >= r0 && r <= r1 && c >= c0 && c <= c1 {
                return self.text(r0, c0);
            }
        }
        self.text(r, c)
    }

    /// A reference to a cell.
    pub fn at(&self, r: u32, c: u32) -> CellRef {
        CellRef::new(&self.file, &self.sheet, r, c)
    }

    /// Reads an amount and converts it to 万元. Empty, `-`, `—`, `0.00` are zero; text
    /// numbers with separators are accepted; anything else is an error at this cell.
    pub fn amount(&self, r: u32, c: u32, unit: Unit) -> Result<Amount, ReadError> {
        let at = self.at(r, c);
        let raw = match self.cell(r, c) {
            Cell::Empty => Some(Decimal::ZERO),
            Cell::Num(f) => money::from_cell_f64(*f),
            Cell::Text(t) => money::parse_amount_text(t),
            Cell::Bool(b) => return Err(ReadError::BadAmount { at, found: b.to_string() }),
            Cell::Err(e) => return Err(ReadError::BadAmount { at, found: e.clone() }),
        };
        let Some(v) = raw else {
            return Err(ReadError::BadAmount { at, found: self.text(r, c) });
        };
        let value = match unit {
            Unit::Wan => v,
            Unit::Yuan => money::yuan_to_wan(v),
        };
        Ok(Amount { value, at })
    }

    /// True if the cell holds a number (or numeric text) that is not just a zero mark.
    pub fn is_numeric(&self, r: u32, c: u32) -> bool {
        match self.cell(r, c) {
            Cell::Num(_) => true,
            Cell::Text(t) => {
                let t = t.trim();
                t.chars().any(|ch| ch.is_ascii_digit()) && money::parse_amount_text(t).is_some()
            }
            _ => false,
        }
    }
}

/// Text of a cell: strings trimmed (a leading apostrophe dropped), integral numbers without
/// `.0`, other numbers through the money door (no float noise).
pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().trim_start_matches('\'').trim().to_string(),
        Cell::Num(f) => match money::from_cell_f64(*f) {
            Some(d) => d.normalize().to_string(),
            None => String::new(),
        },
        Cell::Bool(b) => b.to_string(),
        Cell::Err(e) => e.clone(),
    }
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Num(*i as f64),
        Data::Float(f) => Cell::Num(*f),
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Err(format!("{e}")),
        Data::DateTime(dt) => Cell::Err(format!("日期 {}", dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// Opens a workbook and turns every sheet into a grid.
pub(crate) fn load_workbook(path: &Path) -> Result<Vec<Grid>, ReadError> {
    let file_name = path.display().to_string();
    let unreadable = |reason: String| ReadError::Unreadable { file: file_name.clone(), reason };
    // calamine may panic on some malformed inputs; the reader promises never to panic.
    let opened = std::panic::catch_unwind(|| load_inner(path, &file_name));
    match opened {
        Ok(r) => r.map_err(unreadable),
        Err(_) => Err(unreadable("文件结构损坏（解析时异常）".to_string())),
    }
}

/// Zip-based workbooks (xlsx/xlsm/ods) carry a CRC per part; calamine does not always check
/// it, and a damaged part can then read as an empty or partial sheet (an optional table would
/// silently vanish). Every part is read through once so a damaged file is an error.
fn verify_zip(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut magic = [0u8; 4];
    if f.read_exact(&mut magic).is_err() || magic != *b"PK\x03\x04" {
        return Ok(());
    }
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| format!("压缩包结构损坏（{e}）"))?;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| format!("压缩包第{}个部件损坏（{e}）", i + 1))?;
        let name = part.name().to_string();
        std::io::copy(&mut part, &mut std::io::sink()).map_err(|e| format!("部件“{name}”校验失败，文件已损坏（{e}）"))?;
    }
    Ok(())
}

fn load_inner(path: &Path, file_name: &str) -> Result<Vec<Grid>, String> {
    verify_zip(path)?;
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let names = wb.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let range = wb.worksheet_range(&name).map_err(|e| format!("工作表“{name}”：{e}"))?;
        let merges: Vec<(u32, u32, u32, u32)> = match &mut wb {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        }
        .into_iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
        let mut cells: Vec<Vec<Cell>> = Vec::new();
        if let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) {
            let r1 = r1.min(MAX_ROWS);
            let c1 = c1.min(MAX_COLS);
            cells.resize_with(r1 as usize + 1, Vec::new);
            for (r, c, d) in range.used_cells() {
                let (ar, ac) = (r as u32 + r0, c as u32 + c0);
                if ar > r1 || ac > c1 {
                    continue;
                }
                if let Some(row) = cells.get_mut(ar as usize) {
                    if row.len() <= ac as usize {
                        row.resize(ac as usize + 1, Cell::Empty);
                    }
                    if let Some(slot) = row.get_mut(ac as usize) {
                        *slot = convert(d);
                    }
                }
            }
        }
        grids.push(Grid::new(file_name, &name, cells, merges));
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_zero_marks_text_errors_and_units() {
        let g = Grid::new(
            "f.xlsx",
            "s",
            vec![vec![
                Cell::Empty,
                Cell::Text("-".into()),
                Cell::Text("1,036.19".into()),
                Cell::Num(1234567.89),
                Cell::Err("#REF!".into()),
                Cell::Text("约12万".into()),
            ]],
            vec![],
        );
        assert!(g.amount(0, 0, Unit::Wan).unwrap().value.is_zero());
        assert!(g.amount(0, 1, Unit::Wan).unwrap().value.is_zero());
        assert_eq!(g.amount(0, 2, Unit::Wan).unwrap().value.to_string(), "1036.19");
        assert_eq!(g.amount(0, 3, Unit::Yuan).unwrap().value.to_string(), "123.456789");
        let e = g.amount(0, 4, Unit::Wan).unwrap_err().to_string();
        assert!(e.contains("f.xlsx › s!E1") && e.contains("#REF!"), "{e}");
        assert!(g.amount(0, 5, Unit::Wan).is_err());
        assert_eq!(cell_text(&Cell::Num(2013101.0)), "2013101");
        assert_eq!(cell_text(&Cell::Text(" '201 ".into())), "201");
    }
}
