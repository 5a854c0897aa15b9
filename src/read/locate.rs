//! Finding things on a sheet by their text: the title (which table), the header block
//! (department, unit, year), the header band (multi-row, merged) and row labels.

use super::error::ReadError;
use crate::workbook::Grid;
use super::layout::{is, lines, unit_of};
use crate::model::{normalize_label, CellRef, TableId, Unit};

/// How many rows from the top are searched for a title.
const TITLE_ROWS: u32 = 6;

/// Removes `公开NN表` / `财决NN表` codes (with or without brackets) from normalised text.
fn strip_codes(s: &str) -> String {
    let (mut out, mut rest) = (String::with_capacity(s.len()), s);
    while let Some(ch) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("公开").or_else(|| rest.strip_prefix("财决")) {
            let code = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            if let (true, Some(tail)) = (code.len() < after.len(), code.strip_prefix('表')) {
                rest = tail;
                continue;
            }
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out.replace("()", "").replace("[]", "")
}

/// Normalised title text: labels folded, codes removed, anything up to a `20XX年度` dropped.
pub(crate) fn title_key(text: &str) -> String {
    let n = strip_codes(&normalize_label(text));
    match year_span(&n) {
        Some((_, end)) => n.get(end..).unwrap_or("").to_string(),
        None => n,
    }
}

/// The table a title text names (whole normalised title, never a substring).
pub(crate) fn classify_title(text: &str) -> Option<TableId> {
    let key = title_key(text);
    if key.is_empty() {
        return None;
    }
    if let Some((_, id)) = super::layout::titles().find(|(t, _)| *t == key) {
        return Some(id);
    }
    // `某局收入支出决算总表`: a department name written before the title. The longest title
    // the text ends with wins (so 财政拨款收入支出决算总表 is never read as 收入支出决算总表).
    let mut best: Option<(usize, TableId)> = None;
    for (t, id) in super::layout::titles() {
        if let Some(prefix) = key.strip_suffix(t) {
            // Words of the table vocabulary in the prefix mean it qualifies the table itself
            // (政府性基金预算…“三公”…, 项目支出决算表 are other tables), not a department name.
            let plausible = !prefix.contains(':') && !is("脚注", prefix) && !is("标题限定", prefix) && prefix.chars().count() <= 40;
            if plausible && best.is_none_or(|(len, _)| t.len() > len) {
                best = Some((t.len(), id));
            }
        }
    }
    best.map(|(_, id)| id)
}

/// Finds the title cell in the top rows of a sheet.
pub(crate) fn find_title(g: &Grid) -> Option<(TableId, u32, u32)> {
    for r in 0..TITLE_ROWS.min(g.height()) {
        for c in 0..g.width {
            let t = g.text(r, c);
            if t.is_empty() {
                continue;
            }
            if let Some(id) = classify_title(&t) {
                return Some((id, r, c));
            }
        }
    }
    None
}

/// A cell in the top rows that reads like the title of a 决算 table (`…决算…表`, codes and year
/// removed) on a sheet that holds numbers, though no title of layout.txt matches it.
pub(crate) fn table_like_title(g: &Grid) -> Option<(u32, u32)> {
    let numbers = (0..g.height()).any(|r| (0..g.width).any(|c| g.is_numeric(r, c)));
    let title = |r: u32, c: u32| {
        let k = title_key(&g.text(r, c));
        is("表样标题", &k) && k.ends_with('表') && k.chars().count() <= 40
    };
    (0..TITLE_ROWS.min(g.height())).find_map(|r| (0..g.width).find(|&c| title(r, c)).map(|c| (r, c))).filter(|_| numbers)
}

/// Byte span of `20XX年` or `20XX年度` in normalised text (not preceded by a digit): the year
/// and the byte where the span ends.
fn year_span(s: &str) -> Option<(i32, usize)> {
    s.char_indices().find_map(|(i, _)| {
        let (digits, after) = (s.get(i..i + 4)?, s.get(i + 4..)?.strip_prefix('年')?);
        if !digits.starts_with('2') || !digits.bytes().all(|b| b.is_ascii_digit()) || s[..i].ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some((digits.parse().ok()?, s.len() - after.strip_prefix('度').unwrap_or(after).len()))
    })
}

/// A year `20XX年(度)` mentioned in a text.
pub(crate) fn find_year(text: &str) -> Option<i32> {
    year_span(&normalize_label(text)).map(|(y, _)| y).filter(|y| (2000..=2099).contains(y))
}

/// What the header block above a table says.
#[derive(Debug, Default)]
pub(crate) struct HeaderInfo {
    pub department: Option<String>,
    pub unit: Option<Unit>,
    pub year: Option<i32>,
}

/// Splits `编制单位:某局金额单位:万元` into (meaning, value) pairs by the keys of layout.txt
/// 表头键 (the longest key at a place wins: `单位名称:` over `单位:`).
fn key_values(n: &str) -> Vec<(&'static str, String)> {
    let keys: Vec<(&'static str, &'static str)> = lines("表头键").flat_map(|f| f[1].iter().map(move |k| (f[0][0], *k))).collect();
    let mut hits: Vec<(usize, &'static str, usize)> = Vec::new();
    let mut i = 0;
    while i < n.len() {
        let rest = n.get(i..).unwrap_or("");
        match keys.iter().filter(|(_, k)| rest.starts_with(k)).max_by_key(|(_, k)| k.len()) {
            Some((meaning, k)) => {
                hits.push((i, meaning, k.len()));
                i += k.len();
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    let ends = hits.iter().skip(1).map(|h| h.0).chain([n.len()]);
    hits.iter().zip(ends).map(|(&(pos, meaning, len), end)| (meaning, n.get(pos + len..end).unwrap_or("").to_string())).collect()
}

/// Reads department, unit and year from the rows above the header band (and the title).
/// An unrecognised `金额单位` is an error; a table without any unit cell is taken as 万元
/// (the unit every 财决 export states; the caller records it).
pub(crate) fn header_info(g: &Grid, rows: std::ops::Range<u32>) -> Result<HeaderInfo, ReadError> {
    let mut info = HeaderInfo::default();
    for r in rows {
        for c in 0..g.width {
            let raw = g.text(r, c);
            if raw.is_empty() {
                continue;
            }
            let n = normalize_label(&raw);
            if info.year.is_none() {
                info.year = find_year(&n);
            }
            for (k, v) in key_values(&n) {
                match k {
                    "金额单位" => match unit_of(&v) {
                        Some(u) => info.unit = Some(u),
                        None => return Err(unit_error(g.at(r, c), &v)),
                    },
                    "单位" => {
                        if let Some(u) = unit_of(&v) {
                            info.unit = Some(u);
                        } else if v.split('(').next().unwrap_or(&v).ends_with('元') {
                            return Err(unit_error(g.at(r, c), &v));
                        } else if !v.is_empty() && info.department.is_none() {
                            info.department = Some(clean_department(&raw, &v));
                        }
                    }
                    _ => {
                        if !v.is_empty() && info.department.is_none() {
                            info.department = Some(clean_department(&raw, &v));
                        }
                    }
                }
            }
            // A unit alone in its cell (`万元`, `单位 元`).
            if let Some(u) = lone_unit(&n) {
                info.unit.get_or_insert(u);
            }
        }
    }
    Ok(info)
}

fn unit_error(at: CellRef, v: &str) -> ReadError {
    ReadError::UnknownUnit { at, found: v.to_string() }
}

/// The department as written (the normalised value drops spaces; keep the original
/// wording by finding the value after the colon in the raw text when possible).
fn clean_department(raw: &str, normalised_value: &str) -> String {
    let raw_after = raw.split_once(['：', ':']).map(|(_, v)| v.trim()).unwrap_or("");
    let first_part = raw_after.split(|c: char| c.is_whitespace()).next().unwrap_or("").trim();
    if !first_part.is_empty() && normalised_value.starts_with(&normalize_label(first_part)) {
        first_part.to_string()
    } else {
        normalised_value.to_string()
    }
}

/// A unit written alone in a cell, with or without a leading 单位.
fn lone_unit(n: &str) -> Option<Unit> {
    unit_of(n.strip_prefix("单位").unwrap_or(n))
}

/// True for cells that belong to the header block, not to the column headers.
fn is_block_text(n: &str) -> bool {
    let bare_year = n.trim_start_matches(|c: char| c.is_ascii_digit());
    n.contains(':') || classify_title(n).is_some() || strip_codes(n).is_empty() || lone_unit(n).is_some() || (find_year(n).is_some() && title_key(n).is_empty()) || is("年度格", bare_year)
}

/// Normalised row label with ordinal prefixes (`一、`, `（一）`, `1.`) and `其中：` removed.
pub(crate) fn row_label(text: &str) -> String {
    let mut n = normalize_label(text);
    loop {
        let before = n.clone();
        if let Some(rest) = n.strip_prefix("其中:") {
            n = rest.to_string();
        }
        if let Some(rest) = n.strip_prefix("其中") {
            n = rest.to_string();
        }
        // (一) / (1)
        if n.starts_with('(')
            && let Some(close) = n.find(')')
        {
            let inner = n.get(1..close).unwrap_or("");
            if !inner.is_empty() && inner.chars().all(is_ordinal_char) {
                n = n.get(close + 1..).unwrap_or("").to_string();
            }
        }
        // 一、 / 1. / 1、
        let ord: String = n.chars().take_while(|c| is_ordinal_char(*c)).collect();
        if !ord.is_empty() {
            let rest = n.get(ord.len()..).unwrap_or("");
            for sep in ['、', '.', '．'] {
                if let Some(r) = rest.strip_prefix(sep) {
                    n = r.to_string();
                    break;
                }
            }
        }
        if n == before {
            return n;
        }
    }
}

fn is_ordinal_char(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c)
}

/// The column headers of a table: rows `start..=end` (the `栏次` row, if any, is `end` and
/// carries no text), and per column the header texts top-down.
#[derive(Debug)]
pub(crate) struct Header {
    pub start: u32,
    pub end: u32,
    pub paths: Vec<Vec<String>>,
    /// The 栏次 row and whether it was labelled (a bare row of 1…n is not).
    pub lanci: Option<(u32, bool)>,
}

impl Header {
    /// The bottom-most header text of a column.
    pub fn leaf(&self, c: u32) -> &str {
        self.paths.get(c as usize).and_then(|p| p.last()).map_or("", |s| s.as_str())
    }
    /// All header texts of a column.
    pub fn path(&self, c: u32) -> &[String] {
        self.paths.get(c as usize).map_or(&[], |p| p.as_slice())
    }
}

/// Finds the header band below the title. `label_rows`: stop at a row whose first text is
/// 合计/总计 (detail tables, where an empty table has a 合计 row without numbers).
pub(crate) fn find_header(g: &Grid, title_row: u32, label_rows: bool) -> Option<Header> {
    let mut start = None;
    for r in title_row + 1..g.height().min(title_row + 12) {
        let mut any = false;
        let mut all_block = true;
        for c in 0..g.width {
            let t = g.text(r, c);
            if t.is_empty() {
                continue;
            }
            any = true;
            if !is_block_text(&normalize_label(&t)) {
                all_block = false;
            }
        }
        if any && !all_block {
            start = Some(r);
            break;
        }
    }
    let start = start?;
    let mut end = start;
    let mut lanci = None;
    let limit = g.height().min(start + 8);
    for r in start..limit {
        let texts: Vec<String> = (0..g.width).map(|c| normalize_label(&g.text(r, c))).collect();
        if texts.iter().any(|t| is("栏次", t)) {
            end = r;
            lanci = Some((r, true));
            break;
        }
        if r > start {
            if is_bare_lanci(g, r) {
                end = r;
                lanci = Some((r, false));
                break;
            }
            if (0..g.width).any(|c| g.is_numeric(r, c)) {
                break;
            }
            let first = texts.iter().enumerate().find(|(_, t)| !t.is_empty());
            if let (true, Some((fc, first))) = (label_rows, first) {
                // A 合计 row under a label header (项目/科目…) is data, not header.
                let above = normalize_label(&g.merged_text(start, fc as u32));
                if (is("合计行", first) && is("标签表头", &above)) || is("脚注", first) {
                    break;
                }
            }
            if texts.iter().all(|t| t.is_empty()) {
                break;
            }
        }
        end = r;
    }
    // Header texts: merged regions first, then a blank takes its left neighbour's text
    // when both sit under the same parent (a group header written only in its first cell).
    let text_rows: Vec<u32> = (start..=end).filter(|r| lanci.is_none_or(|(l, _)| l != *r)).collect();
    let w = g.width as usize;
    let mut filled: Vec<Vec<String>> = Vec::with_capacity(text_rows.len());
    for (i, &r) in text_rows.iter().enumerate() {
        let mut row: Vec<String> = (0..g.width).map(|c| normalize_label(&g.merged_text(r, c))).collect();
        let is_last = i + 1 == text_rows.len();
        if !is_last {
            for c in 1..w {
                let blank = row.get(c).is_some_and(|t| t.is_empty());
                let has_below = text_rows.get(i + 1..).unwrap_or(&[]).iter().any(|&rb| !g.text(rb, c as u32).is_empty());
                let same_parent = i == 0
                    || filled.get(i - 1).is_some_and(|above| above.get(c) == above.get(c - 1));
                if blank && has_below && same_parent {
                    let left = row.get(c - 1).cloned().unwrap_or_default();
                    if let Some(slot) = row.get_mut(c) {
                        *slot = left;
                    }
                }
            }
        }
        filled.push(row);
    }
    let mut paths = vec![Vec::new(); w];
    for row in &filled {
        for (c, t) in row.iter().enumerate() {
            if let Some(p) = paths.get_mut(c)
                && !t.is_empty()
                && p.last() != Some(t)
            {
                p.push(t.clone());
            }
        }
    }
    Some(Header { start, end, paths, lanci })
}

/// A row of only the integers 1, 2, …, n left to right (no label, so never data): a 栏次 row without its label.
fn is_bare_lanci(g: &Grid, r: u32) -> bool {
    let cells: Vec<String> = (0..g.width).map(|c| g.text(r, c)).filter(|t| !t.is_empty()).collect();
    !cells.is_empty() && cells.iter().enumerate().all(|(i, t)| *t == (i + 1).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_whole_normalised_text() {
        assert_eq!(classify_title("收入支出决算总表"), Some(TableId::T01));
        assert_eq!(classify_title("财政拨款收入支出决算总表"), Some(TableId::T04));
        assert_eq!(classify_title("一般公共预算财政拨款支出决算表"), Some(TableId::T06));
        assert_eq!(classify_title("国有资本经营预算财政拨款收入支出决算表"), Some(TableId::T11));
        assert_eq!(classify_title("国有资本经营预算财政拨款支出决算表"), Some(TableId::T12));
        assert_eq!(classify_title("2023年度 收入支出决算总表 公开01表"), Some(TableId::T01));
        assert_eq!(classify_title("某局2024年度一般公共预算财政拨款基本支出决算明细表（财决08表）"), Some(TableId::T08));
        assert_eq!(classify_title("财政拨款“三公”经费支出决算表"), Some(TableId::T13));
        assert_eq!(classify_title("一般公共预算财政拨款\"三公\"经费支出决算表"), Some(TableId::T13));
        assert_eq!(classify_title("财政拨款 ＂三公＂ 经费支出决算表"), Some(TableId::T13));
        assert_eq!(classify_title("部门决算报表"), None);
        assert_eq!(classify_title("注：本表反映收入支出决算总表的内容"), None);
        assert_eq!(classify_title("公开01表"), None);
        assert_eq!(classify_title("中共某某区委办公室财政拨款收入支出决算总表"), Some(TableId::T04));
        assert_eq!(classify_title("某局收入支出决算总表"), Some(TableId::T01));
        assert_eq!(classify_title("某局国有资本经营预算财政拨款收入支出决算表"), Some(TableId::T11));
        assert_eq!(classify_title("某局国有资本经营预算财政拨款支出决算表"), Some(TableId::T12));
        assert_eq!(classify_title("注:本表为支出决算表"), None);
        assert_eq!(classify_title("政府性基金预算财政拨款“三公”经费支出决算表"), None);
        assert_eq!(classify_title("项目支出决算表"), None);
        assert_eq!(classify_title("部门收入支出决算总表"), Some(TableId::T01));
    }

    /// A year cell left blank (`    年度`, as `juesuan init` writes it) or a unit with a remark
    /// (`单位：元（保留两位小数）`) must not hide the unit: read as 万元, every amount would be
    /// 10 000 times too large.
    #[test]
    fn a_blank_year_or_a_remark_never_hides_the_unit() {
        use crate::workbook::Cell;
        let t = |s: &str| Cell::Text(s.to_string());
        for (year, unit) in [("    年度", "金额单位：元"), ("2023 年度", "单位：元（保留两位小数）"), ("年", "金额单位：元(保留两位小数)"), ("", "元")] {
            let g = Grid::new("f.xlsx", "s", vec![vec![t("收入决算表")], vec![t("编制单位："), t(year), t(unit)], vec![t("项目"), t("本年收入合计")], vec![t("合计"), Cell::Num(1.0)]], vec![]);
            let h = find_header(&g, 0, true).unwrap();
            assert_eq!(h.start, 2, "{year} {unit}");
            assert_eq!(header_info(&g, 0..h.start).unwrap().unit, Some(Unit::Yuan), "{year} {unit}");
        }
        let g = Grid::new("f.xlsx", "s", vec![vec![t("收入决算表")], vec![t("单位：人民币千元")]], vec![]);
        assert!(matches!(header_info(&g, 0..2), Err(ReadError::UnknownUnit { .. })), "a unit-like text that is no unit is an error");
    }

    #[test]
    fn header_block_values() {
        let kv = key_values("编制单位:某局金额单位:万元");
        assert_eq!(kv, vec![("部门", "某局".to_string()), ("金额单位", "万元".to_string())]);
        assert_eq!(key_values("单位名称:某局单位:元"), vec![("部门", "某局".to_string()), ("单位", "元".to_string())]);
        assert_eq!(find_year("2023年度"), Some(2023));
        assert_eq!(find_year("某局2021年部门决算"), Some(2021));
        assert_eq!(find_year("12023年度"), None);
        assert_eq!(find_year("无年份"), None);
        assert_eq!(unit_of("元"), Some(Unit::Yuan));
        assert_eq!(unit_of("千元"), None);
    }

    #[test]
    fn row_labels_lose_ordinals() {
        assert_eq!(row_label("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(row_label("  （二）政府性基金预算财政拨款"), "政府性基金预算财政拨款");
        assert_eq!(row_label("其中：公务用车购置费"), "公务用车购置费");
        assert_eq!(row_label("3.公务接待费"), "公务接待费");
        assert_eq!(row_label("十二、农林水支出"), "农林水支出");
        assert!(is("脚注", "注:本表反映"));
    }
}
