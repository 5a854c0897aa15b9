//! The loader: a workbook file as sparse grids of cells (absolute 0-based coordinates, with
//! the merged regions), one [`Grid`] per sheet, built once; all later passes read grids.
//!
//! Loading is bounded by what a sheet really contains, never by what a file declares: xlsx
//! and xlsb cells are streamed one by one (calamine's cell readers, no dense range); for .xls
//! and .ods, where calamine builds dense ranges, the extent is measured first ([`bounds`]);
//! every zip part's inflated size is capped while it is verified. Anything beyond the limits
//! below is an error naming file and sheet (`文件过大或已损坏：…`), never a silent truncation.

mod bounds;

use crate::read::ReadError;
use crate::model::{Amount, CellRef, Unit};
use crate::money;
use calamine::{Data, DataRef, Reader, Sheets};
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::Arc;

/// Rows and columns a sheet may use (tables are a few hundred rows at most). A value beyond
/// them is an error (`文件过大或已损坏`); empty formatted cells beyond them are ignored.
pub(crate) const MAX_ROWS: u32 = 20_000;
pub(crate) const MAX_COLS: u32 = 256;
/// Non-empty cells per workbook, and bytes of cell text per workbook.
pub(crate) const MAX_CELLS: usize = 2_000_000;
pub(crate) const MAX_TEXT_BYTES: usize = 64 << 20;
/// Inflated size of any one zip part (worksheets are streamed, so this bounds time, not memory).
pub(crate) const MAX_PART_BYTES: u64 = 256 << 20;
/// Inflated size of parts calamine holds whole in memory (shared strings, styles, workbook).
pub(crate) const MAX_HELD_PART_BYTES: u64 = 32 << 20;
/// Merged regions per sheet.
pub(crate) const MAX_MERGES: usize = 50_000;

/// One cell's value, reduced to what the reader distinguishes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Num(f64),
    Text(String),
    Bool(bool),
    Err(String),
}

/// One sheet. Rows hold only their non-empty cells, sorted by column.
#[derive(Debug)]
pub(crate) struct Grid {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    rows: Vec<Vec<(u32, Cell)>>,
    merges: Vec<(u32, u32, u32, u32)>,
    pub width: u32,
    /// Cells whose text held characters XML forbids (removed on loading; a 警告 each).
    pub sanitized: Vec<CellRef>,
}

static EMPTY: Cell = Cell::Empty;

impl Grid {
    /// Builds a grid from rows of cells (used by unit tests; the loader builds sparse rows).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn new(file: &str, sheet: &str, cells: Vec<Vec<Cell>>, merges: Vec<(u32, u32, u32, u32)>) -> Self {
        let width = cells.iter().map(|r| r.len() as u32).max().unwrap_or(0);
        let rows = cells
            .into_iter()
            .map(|row| row.into_iter().enumerate().filter(|(_, c)| *c != Cell::Empty).map(|(i, c)| (i as u32, c)).collect())
            .collect();
        Grid { file: file.into(), sheet: sheet.into(), rows, merges, width, sanitized: Vec::new() }
    }

    /// Number of rows.
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The cell at (row, col); empty outside the used range.
    pub fn cell(&self, r: u32, c: u32) -> &Cell {
        let Some(row) = self.rows.get(r as usize) else { return &EMPTY };
        match row.binary_search_by_key(&c, |(col, _)| *col) {
            Ok(i) => &row[i].1,
            Err(_) => &EMPTY,
        }
    }
    /// The cell's text, trimmed (numbers rendered without float noise).
    pub fn text(&self, r: u32, c: u32) -> String {
        cell_text(self.cell(r, c))
    }

    /// The text of a value cell (说明材料, 自评表): text with its line breaks kept (CR LF as
    /// LF), trimmed; other cells as [`Grid::text`].
    pub fn value_text(&self, r: u32, c: u32) -> String {
        match self.cell(r, c) {
            Cell::Text(t) => t.replace("\r\n", "\n").replace('\r', "\n").trim().to_string(),
            _ => self.text(r, c),
        }
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
            None => if f.is_nan() { "NaN（不是数字）".into() } else { format!("{f:e}（超出金额范围，绝对值须不超过 1e20）") },
        },
        Cell::Bool(b) => b.to_string(),
        Cell::Err(e) => e.clone(),
    }
}

fn text_cell(s: &str) -> Cell {
    if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Num(*i as f64),
        Data::Float(f) => Cell::Num(*f),
        Data::String(s) => text_cell(s),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Err(format!("{e}")),
        Data::DateTime(dt) => Cell::Err(format!("日期 {}", dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn convert_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Num(*i as f64),
        DataRef::Float(f) => Cell::Num(*f),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::Error(e) => Cell::Err(format!("{e}")),
        DataRef::DateTime(dt) => Cell::Err(format!("日期 {}", dt.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// A located "too large" error (`文件过大或已损坏：…`).
pub(crate) fn too_large(file: &str, sheet: Option<&str>, what: String) -> ReadError {
    let place = match sheet {
        Some(s) => format!("{file} › {s}"),
        None => file.to_string(),
    };
    ReadError::TooLarge { place, what }
}

/// What one workbook may still hold (cells and text bytes), shared by its sheets.
struct Budget {
    cells: usize,
    text: usize,
}

/// Collects one sheet's non-empty cells, enforcing the limits as they arrive.
struct Sink<'a> {
    file: &'a str,
    sheet: &'a str,
    rows: Vec<Vec<(u32, Cell)>>,
    width: u32,
    budget: &'a mut Budget,
    sanitized: Vec<(u32, u32)>,
}

impl Sink<'_> {
    fn put(&mut self, r: u32, c: u32, mut cell: Cell) -> Result<(), ReadError> {
        // Characters XML forbids would make the report unopenable: removed here, where text
        // enters juesuan, and reported (the check stage turns each into a 警告).
        if let Cell::Text(t) | Cell::Err(t) = &mut cell {
            if t.chars().any(crate::model::is_xml_forbidden) {
                t.retain(|ch| !crate::model::is_xml_forbidden(ch));
                self.sanitized.push((r, c));
                if t.trim().is_empty() {
                    cell = Cell::Empty;
                }
            }
        }
        if cell == Cell::Empty {
            return Ok(());
        }
        if r >= MAX_ROWS || c >= MAX_COLS {
            let at = format!("{}{}", crate::model::column_letters(c), u64::from(r) + 1);
            return Err(too_large(
                self.file,
                Some(self.sheet),
                format!("单元格 {at} 有内容，超出读取范围（每张工作表最多 {MAX_ROWS} 行、{MAX_COLS} 列）"),
            ));
        }
        self.budget.cells += 1;
        if let Cell::Text(t) = &cell {
            self.budget.text += t.len();
        }
        if self.budget.cells > MAX_CELLS || self.budget.text > MAX_TEXT_BYTES {
            return Err(too_large(self.file, Some(self.sheet), format!("工作簿中有内容的单元格超过 {MAX_CELLS} 个或文字超过 {} MB", MAX_TEXT_BYTES >> 20)));
        }
        if self.rows.len() <= r as usize {
            self.rows.resize_with(r as usize + 1, Vec::new);
        }
        self.rows[r as usize].push((c, cell));
        self.width = self.width.max(c + 1);
        Ok(())
    }

    fn finish(mut self, merges: Vec<(u32, u32, u32, u32)>) -> Grid {
        for row in &mut self.rows {
            // Stream order is row-major in practice; a writer may repeat a cell (last wins).
            row.sort_by_key(|(c, _)| *c);
            let mut dedup: Vec<(u32, Cell)> = Vec::with_capacity(row.len());
            for (c, v) in row.drain(..) {
                match dedup.last_mut() {
                    Some(last) if last.0 == c => *last = (c, v),
                    _ => dedup.push((c, v)),
                }
            }
            *row = dedup;
        }
        let (file, sheet): (Arc<str>, Arc<str>) = (self.file.into(), self.sheet.into());
        let sanitized = self.sanitized.iter().map(|&(r, c)| CellRef::new(&file, &sheet, r, c)).collect();
        Grid { file, sheet, rows: self.rows, merges, width: self.width, sanitized }
    }
}

/// Opens a workbook and turns every sheet into a grid.
pub(crate) fn load_workbook(path: &Path) -> Result<Vec<Grid>, ReadError> {
    let file_name = path.display().to_string();
    // calamine may panic on some malformed inputs; the reader promises never to panic.
    let opened = std::panic::catch_unwind(|| load_inner(path, &file_name));
    match opened {
        Ok(r) => r,
        Err(_) => Err(ReadError::Unreadable { file: file_name, reason: "文件结构损坏（解析时异常）".to_string() }),
    }
}

/// What the first bytes say the file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Cfb,
}

/// Largest input file read at all (calamine holds an .xls whole in memory).
const MAX_FILE_BYTES: u64 = 128 << 20;

fn sniff(path: &Path, file: &str) -> Result<Kind, ReadError> {
    use std::io::Read;
    let unreadable = |reason: String| ReadError::Unreadable { file: file.to_string(), reason };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(format!("无法打开（{e}）")))?;
    if !meta.is_file() {
        return Err(unreadable("不是普通文件（可能是文件夹、管道或设备）".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(file, None, format!("文件有 {} MB，超过上限 {} MB", meta.len() >> 20, MAX_FILE_BYTES >> 20)));
    }
    let mut magic = [0u8; 8];
    let mut f = std::fs::File::open(path).map_err(|e| unreadable(format!("无法打开（{e}）")))?;
    let n = f.read(&mut magic).map_err(|e| unreadable(format!("无法读取（{e}）")))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if n >= 4 && (magic[..4] == *b"PK\x03\x04" || magic[..4] == *b"PK\x05\x06") {
        if ext == "xls" {
            return Err(unreadable("是 xlsx/ods（压缩包）格式，扩展名却是 .xls（请把扩展名改为 .xlsx）".into()));
        }
        return Ok(Kind::Zip);
    }
    if n == 8 && magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return Ok(Kind::Cfb);
    }
    Err(unreadable("不是工作簿（文件内容不是 xlsx/xls/ods 格式；若是网页或文本导出，请用 Excel/WPS 打开后另存为 .xlsx）".into()))
}

/// Zip-based workbooks (xlsx/xlsm/ods) carry a CRC per part; calamine does not always check
/// it, and a damaged part can then read as an empty or partial sheet (an optional table would
/// silently vanish). Every part is read through once so a damaged file is an error, and its
/// inflated size is counted on the way: parts calamine holds whole (shared strings, styles,
/// workbook) are capped at [`MAX_HELD_PART_BYTES`], streamed ones at [`MAX_PART_BYTES`].
fn verify_zip(path: &Path, file: &str) -> Result<(), ReadError> {
    use std::io::Read;
    let unreadable = |reason: String| ReadError::Unreadable { file: file.to_string(), reason };
    let f = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| unreadable(format!("压缩包结构损坏（{e}）")))?;
    if zip.len() > 10_000 {
        return Err(too_large(file, None, format!("压缩包有 {} 个部件", zip.len())));
    }
    // A zip without a workbook part is another document renamed (a .docx saved as .xlsx).
    let has = |part: &str| zip.file_names().any(|n| n.eq_ignore_ascii_case(part));
    if !["xl/workbook.xml", "xl/workbook.bin", "content.xml"].iter().any(|p| has(p)) {
        let what = if has("word/document.xml") { "Word 文档（.docx）" } else if has("ppt/presentation.xml") { "PowerPoint 演示文稿（.pptx）" } else { "压缩包" };
        return Err(unreadable(format!("这是{what}，不是 Excel/WPS 工作簿（压缩包中没有工作簿部件）；请选择财决系统导出的表格文件")));
    }
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(format!("压缩包第{}个部件损坏（{e}）", i + 1)))?;
        let name = part.name().to_string();
        let lower = name.to_ascii_lowercase();
        let streamed = lower.contains("worksheets/") || lower.ends_with("content.xml");
        let cap = if streamed { MAX_PART_BYTES } else { MAX_HELD_PART_BYTES };
        let mut limited = part.take(cap + 1);
        // The first bytes of the shared strings declare a count calamine reserves up front.
        let mut head = Vec::new();
        let shared = lower.ends_with("sharedstrings.xml");
        if shared {
            (&mut limited).take(4096).read_to_end(&mut head).map_err(|e| unreadable(format!("部件“{name}”校验失败，文件已损坏（{e}）")))?;
        }
        let rest = std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| unreadable(format!("部件“{name}”校验失败，文件已损坏（{e}）")))?;
        if head.len() as u64 + rest > cap {
            return Err(too_large(file, None, format!("部件“{name}”解压后超过 {} MB（可能是压缩炸弹）", cap >> 20)));
        }
        if shared && declared_count(&head).is_some_and(|n| n > MAX_CELLS as u64) {
            return Err(too_large(file, None, format!("共享字符串表声明的条目数超过 {MAX_CELLS}")));
        }
    }
    Ok(())
}

/// `uniqueCount="N"` in the opening `<sst>` tag.
fn declared_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("uniqueCount=")? + "uniqueCount=".len();
    let digits: String = text[at..].chars().skip(1).take_while(char::is_ascii_digit).collect();
    // More digits than u64 holds is "too many" as well.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

fn load_inner(path: &Path, file_name: &str) -> Result<Vec<Grid>, ReadError> {
    let unreadable = |reason: String| ReadError::Unreadable { file: file_name.to_string(), reason };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match sniff(path, file_name)? {
        Kind::Zip => {
            verify_zip(path, file_name)?;
            if ext == "ods" {
                bounds::check_ods(path, file_name)?;
            }
        }
        Kind::Cfb => bounds::check_xls(path, file_name, &ext)?,
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let names = wb.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    let mut budget = Budget { cells: 0, text: 0 };
    for name in names {
        let sheet_err = |e: &dyn std::fmt::Display| unreadable(format!("工作表“{name}”：{e}"));
        let mut sink = Sink { file: file_name, sheet: &name, rows: Vec::new(), width: 0, budget: &mut budget, sanitized: Vec::new() };
        let merges: Vec<calamine::Dimensions> = match &mut wb {
            Sheets::Xlsx(x) => {
                let mut rd = x.worksheet_cells_reader(&name).map_err(|e| sheet_err(&e))?;
                while let Some(rec) = rd.next_cell_with_formula_metadata().map_err(|e| sheet_err(&e))? {
                    let (r, c) = rec.pos;
                    if rec.formula.is_some() && matches!(rec.value, DataRef::Empty) {
                        let (f, s): (Arc<str>, Arc<str>) = (file_name.into(), name.as_str().into());
                        return Err(ReadError::NoCachedValue { at: CellRef::new(&f, &s, r, c) });
                    }
                    sink.put(r, c, convert_ref(&rec.value))?;
                }
                drop(rd);
                x.merge_cells_by_sheet_name(&name).unwrap_or_default()
            }
            Sheets::Xlsb(x) => {
                let mut rd = x.worksheet_cells_reader(&name).map_err(|e| sheet_err(&e))?;
                while let Some(cell) = rd.next_cell().map_err(|e| sheet_err(&e))? {
                    let (r, c) = cell.get_position();
                    sink.put(r, c, convert_ref(cell.get_value()))?;
                }
                Vec::new()
            }
            Sheets::Xls(_) | Sheets::Ods(_) => {
                // Extent measured by `bounds` before opening: these dense ranges are small.
                let range = wb.worksheet_range(&name).map_err(|e| sheet_err(&e))?;
                if let Some((r0, c0)) = range.start() {
                    for (r, c, d) in range.used_cells() {
                        sink.put(r as u32 + r0, c as u32 + c0, convert(d))?;
                    }
                }
                match &mut wb {
                    Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
                    _ => Vec::new(),
                }
            }
        };
        if merges.len() > MAX_MERGES {
            return Err(too_large(file_name, Some(&name), format!("合并单元格超过 {MAX_MERGES} 处")));
        }
        let merges = merges.into_iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
        grids.push(sink.finish(merges));
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_outside_the_money_range_are_named_not_blank() {
        assert_eq!(cell_text(&Cell::Num(1e29)), "1e29（超出金额范围，绝对值须不超过 1e20）");
        assert_eq!(cell_text(&Cell::Num(f64::NAN)), "NaN（不是数字）");
        assert_eq!(cell_text(&Cell::Num(f64::INFINITY)), "inf（超出金额范围，绝对值须不超过 1e20）");
        assert_eq!(cell_text(&Cell::Num(861.47)), "861.47");
    }

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
