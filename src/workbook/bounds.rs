//! Extent checks for the two formats calamine loads as dense ranges (.xls, .ods): before the
//! workbook is opened, its cells are measured the way calamine will lay them out, and a file
//! whose ranges would not fit the limits is refused (`文件过大或已损坏：…`). Measuring reads
//! positions only (no values), so it is cheap and its memory is bounded by the file size.

use super::{MAX_COLS, MAX_ROWS, too_large};
use crate::model::column_letters;
use crate::read::ReadError;
use std::path::Path;

/// Cells (area of the used rectangle, summed over sheets) calamine may lay out densely for one
/// .xls/.ods workbook: about 60 bytes each for values and formulas, so ≤ 200 MB.
pub(crate) const MAX_DENSE_CELLS: u64 = 3_000_000;

/// Row elements (.ods) per workbook: calamine keeps two words per row element.
const MAX_ROW_ELEMENTS: u64 = 1_000_000;

/// The used rectangle of one sheet so far.
#[derive(Default)]
struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    fn add(&mut self, r0: u64, r1: u64, c0: u64, c1: u64) {
        self.rows = Some(self.rows.map_or((r0, r1), |(a, b)| (a.min(r0), b.max(r1))));
        self.cols = Some(self.cols.map_or((c0, c1), |(a, b)| (a.min(c0), b.max(c1))));
    }
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((a, b)), Some((c, d))) => (b - a + 1).saturating_mul(d - c + 1),
            _ => 0,
        }
    }
    /// Error if a cell lies beyond the row/column limits.
    fn check(&self, file: &str, sheet: &str) -> Result<(), ReadError> {
        if let (Some((_, r1)), Some((_, c1))) = (self.rows, self.cols) {
            if r1 >= u64::from(MAX_ROWS) || c1 >= u64::from(MAX_COLS) {
                let at = format!("{}{}", column_letters(c1.min(u64::from(u32::MAX)) as u32), r1 + 1);
                return Err(too_large(
                    file,
                    Some(sheet),
                    format!("内容延伸到 {at}，超出读取范围（每张工作表最多 {MAX_ROWS} 行、{MAX_COLS} 列）"),
                ));
            }
        }
        Ok(())
    }
}

fn total_check(file: &str, total: u64) -> Result<(), ReadError> {
    if total > MAX_DENSE_CELLS {
        return Err(too_large(file, None, format!("各工作表使用范围合计 {total} 个单元格，超过 .xls/.ods 的上限 {MAX_DENSE_CELLS}")));
    }
    Ok(())
}

// ───────────────────────────── .ods ─────────────────────────────

/// Streams `content.xml` and measures every table (repeated rows/columns included).
pub(crate) fn check_ods(path: &Path, file: &str) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let unreadable = |reason: String| ReadError::Unreadable { file: file.to_string(), reason };
    let f = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| unreadable(format!("压缩包结构损坏（{e}）")))?;
    let Ok(part) = zip.by_name("content.xml") else {
        // Not an OpenDocument spreadsheet: calamine will say so.
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let (mut sheet, mut ext) = (String::new(), Extent::default());
    let (mut row, mut row_rep, mut col) = (0u64, 1u64, 0u64);
    let mut total = 0u64;
    let mut row_elements = 0u64;
    // Depth inside a cell (its text content is skipped).
    let mut in_cell = 0u32;
    let attr = |e: &quick_xml::events::BytesStart, key: &[u8]| -> Option<u64> {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| String::from_utf8_lossy(&a.value).trim().parse::<u64>().unwrap_or(u64::MAX))
    };
    let has = |e: &quick_xml::events::BytesStart, keys: &[&[u8]]| e.attributes().flatten().any(|a| keys.contains(&a.key.as_ref()));
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).map_err(|e| unreadable(format!("content.xml 结构损坏（{e}）")))?;
        let (start, e) = match &ev {
            Event::Start(e) => (true, e.clone()),
            Event::Empty(e) => (false, e.clone()),
            Event::End(e) => {
                if in_cell > 0 {
                    in_cell -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"table:table-row" => row = row.saturating_add(row_rep),
                    b"table:table" => {
                        ext.check(file, &sheet)?;
                        total = total.saturating_add(ext.area());
                        total_check(file, total)?;
                        ext = Extent::default();
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if in_cell > 0 {
            if start {
                in_cell += 1;
            }
            continue;
        }
        match e.name().as_ref() {
            b"table:table" => {
                sheet = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"table:name")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    .unwrap_or_default();
                row = 0;
            }
            b"table:table-row" => {
                row_elements += 1;
                if row_elements > MAX_ROW_ELEMENTS {
                    return Err(too_large(file, Some(&sheet), format!("行记录超过 {MAX_ROW_ELEMENTS} 个")));
                }
                row_rep = attr(&e, b"table:number-rows-repeated").unwrap_or(1).max(1);
                col = 0;
                if !start {
                    row = row.saturating_add(row_rep);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let rep = attr(&e, b"table:number-columns-repeated").unwrap_or(1).max(1);
                // Conservative: a cell with a value type, a formula or any content counts.
                let filled = start || has(&e, &[b"office:value-type", b"table:formula", b"office:value", b"office:string-value"]);
                if filled {
                    // calamine caps repeats at 1 048 576 rows and 16 384 columns.
                    let r1 = row.saturating_add(row_rep - 1).min(1_048_575);
                    let c1 = col.saturating_add(rep - 1).min(16_383);
                    ext.add(row.min(r1), r1, col.min(c1), c1);
                    ext.check(file, &sheet)?;
                }
                col = col.saturating_add(rep);
                if start {
                    in_cell = 1;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

// ───────────────────────────── .xls ─────────────────────────────

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    b.get(o..o + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    b.get(o..o + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The streams of a compound file (CFB) that matter here: the workbook stream, and whether
/// it is an encrypted OOXML package instead.
enum Compound {
    Workbook(Vec<u8>),
    Encrypted,
    Other,
}

/// A minimal compound-file reader: header, FAT (via DIFAT), directory, and one stream
/// (regular or mini). Every chain is bounded by the sector count, so loops end.
fn read_compound(b: &[u8]) -> Result<Compound, String> {
    let bad = || "复合文档结构损坏".to_string();
    if b.len() < 512 {
        return Err(bad());
    }
    let shift = u16_at(b, 30).ok_or_else(bad)?;
    if shift != 9 && shift != 12 {
        return Err(bad());
    }
    let ss = 1usize << shift;
    let nsec = (b.len() / ss) as u32;
    let sector = |id: u32| -> Option<&[u8]> {
        let off = (id as usize + 1).checked_mul(ss)?;
        b.get(off..off + ss)
    };
    const END: u32 = 0xFFFF_FFFA;
    let mut fat_ids: Vec<u32> = (0..109).filter_map(|i| u32_at(b, 76 + 4 * i)).filter(|&id| id < END).collect();
    let mut d = u32_at(b, 68).ok_or_else(bad)?;
    let mut steps = 0;
    while d < END {
        let s = sector(d).ok_or_else(bad)?;
        fat_ids.extend((0..ss / 4 - 1).filter_map(|i| u32_at(s, 4 * i)).filter(|&id| id < END));
        d = u32_at(s, ss - 4).ok_or_else(bad)?;
        steps += 1;
        if steps > nsec {
            return Err(bad());
        }
    }
    if fat_ids.len() > nsec as usize {
        return Err(bad());
    }
    let mut fat: Vec<u32> = Vec::with_capacity(fat_ids.len() * ss / 4);
    for id in fat_ids {
        let s = sector(id).ok_or_else(bad)?;
        fat.extend((0..ss / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    let chain = |start: u32| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut n = 0usize;
        while id < END {
            out.extend_from_slice(sector(id).ok_or_else(bad)?);
            id = *fat.get(id as usize).ok_or_else(bad)?;
            n += 1;
            if n > fat.len() {
                return Err(bad());
            }
        }
        Ok(out)
    };
    let dir = chain(u32_at(b, 48).ok_or_else(bad)?)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first().ok_or_else(bad)?;
    let name_of = |e: &[u8]| -> String {
        let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64).saturating_sub(2) / 2;
        let units: Vec<u16> = (0..len).filter_map(|i| u16_at(e, 2 * i)).collect();
        String::from_utf16_lossy(&units)
    };
    let stream = |e: &[u8]| -> Result<Vec<u8>, String> {
        let start = u32_at(e, 116).ok_or_else(bad)?;
        let mut size = u64::from(u32_at(e, 120).ok_or_else(bad)?);
        if shift == 12 {
            size |= u64::from(u32_at(e, 124).ok_or_else(bad)?) << 32;
        }
        if size > b.len() as u64 {
            return Err(bad());
        }
        let cutoff = u64::from(u32_at(b, 56).ok_or_else(bad)?);
        let mut data = if size < cutoff {
            let mini = chain(u32_at(root, 116).ok_or_else(bad)?)?;
            let minifat_bytes = chain(u32_at(b, 60).ok_or_else(bad)?)?;
            let minifat: Vec<u32> = (0..minifat_bytes.len() / 4).filter_map(|i| u32_at(&minifat_bytes, 4 * i)).collect();
            let mut out = Vec::new();
            let mut id = start;
            let mut n = 0usize;
            while id < END {
                let off = id as usize * 64;
                out.extend_from_slice(mini.get(off..off + 64).ok_or_else(bad)?);
                id = *minifat.get(id as usize).ok_or_else(bad)?;
                n += 1;
                if n > minifat.len() {
                    return Err(bad());
                }
            }
            out
        } else {
            chain(start)?
        };
        if (data.len() as u64) < size {
            return Err(bad());
        }
        data.truncate(size as usize);
        Ok(data)
    };
    let mut encrypted = false;
    for e in entries.iter().skip(1) {
        if e[66] != 2 {
            continue;
        }
        match name_of(e).as_str() {
            "Workbook" | "Book" => return Ok(Compound::Workbook(stream(e)?)),
            "EncryptedPackage" => encrypted = true,
            _ => {}
        }
    }
    Ok(if encrypted { Compound::Encrypted } else { Compound::Other })
}

/// BIFF records of one substream, as calamine walks them.
fn records(s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let typ = u16_at(s, pos)?;
        let len = u16_at(s, pos + 2)? as usize;
        let data = s.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// Measures an .xls (or any compound file given as a workbook): the declared `DIMENSIONS`
/// calamine reserves for, and the used rectangle of every sheet.
pub(crate) fn check_xls(path: &Path, file: &str, ext: &str) -> Result<(), ReadError> {
    let unreadable = |reason: String| ReadError::Unreadable { file: file.to_string(), reason };
    let bytes = std::fs::read(path).map_err(|e| unreadable(format!("无法读取（{e}）")))?;
    let stream = match read_compound(&bytes).map_err(unreadable)? {
        Compound::Workbook(s) => s,
        Compound::Encrypted => return Err(unreadable("文件设置了打开密码（已加密），请先在 Excel/WPS 中取消密码".into())),
        Compound::Other => return Err(unreadable("不是工作簿（是其他 Office 复合文档，例如 .doc）".into())),
    };
    if ext != "xls" {
        return Err(unreadable(format!("是 .xls 格式，扩展名却是 .{ext}（请把扩展名改为 .xls）")));
    }
    // Globals: the sheets' names and stream offsets (BoundSheet8).
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, d) in records(&stream) {
        match typ {
            0x0085 => {
                let pos = u32_at(d, 0).unwrap_or(u32::MAX) as usize;
                let cch = d.get(6).copied().unwrap_or(0) as usize;
                let high = d.get(7).copied().unwrap_or(0) & 1 == 1;
                let name = if high {
                    let u: Vec<u16> = (0..cch).filter_map(|i| u16_at(d, 8 + 2 * i)).collect();
                    String::from_utf16_lossy(&u)
                } else {
                    d.get(8..(8 + cch).min(d.len())).map(|s| s.iter().map(|&c| c as char).collect()).unwrap_or_default()
                };
                sheets.push((pos, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut total = 0u64;
    for (pos, name) in sheets {
        let Some(sub) = stream.get(pos..) else {
            return Err(unreadable(format!("工作表“{name}”的位置超出文件范围，文件已损坏")));
        };
        let mut ext_ = Extent::default();
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (typ, d) in records(sub) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let rc = |d: &[u8]| (u64::from(u16_at(d, 0).unwrap_or(0)), u64::from(u16_at(d, 2).unwrap_or(0)));
            match typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                0x0200 => {
                    // calamine: rows = last - first + 1 (u32 arithmetic), reserved up front.
                    let (rf, rl, cf, cl) = match d.len() {
                        10 => (u32::from(u16_at(d, 0).unwrap_or(0)), u32::from(u16_at(d, 2).unwrap_or(0)), u32::from(u16_at(d, 4).unwrap_or(0)), u32::from(u16_at(d, 6).unwrap_or(0))),
                        14 | 16 => (u32_at(d, 0).unwrap_or(0), u32_at(d, 4).unwrap_or(0), u32::from(u16_at(d, 8).unwrap_or(0)), u32::from(u16_at(d, 10).unwrap_or(0))),
                        _ => continue,
                    };
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    let (rows, cols) = if rl >= 1 && cl >= 1 {
                        (u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1)), u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1)))
                    } else {
                        (1, 1)
                    };
                    if rows.saturating_mul(cols) > MAX_DENSE_CELLS {
                        return Err(too_large(file, Some(&name), format!("工作表声明的范围为 {rows} 行 × {cols} 列，超出读取范围")));
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    let (r, c) = rc(d);
                    ext_.add(r, r, c, c);
                }
                0x00BD => {
                    let (r, c0) = rc(d);
                    let c1 = d.len().checked_sub(2).and_then(|o| u16_at(d, o)).map_or(c0, u64::from);
                    ext_.add(r, r, c0.min(c1), c0.max(c1));
                }
                0x000A => break,
                _ => {}
            }
        }
        ext_.check(file, &name)?;
        total = total.saturating_add(ext_.area());
        total_check(file, total)?;
    }
    Ok(())
}
