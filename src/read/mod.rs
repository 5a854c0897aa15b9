//! Reader stage: a department's thirteen 财决 tables (one workbook, or a folder of workbooks)
//! plus the department's own sheets → [`Book`]. Files become grids in `crate::workbook` (the
//! bounded loader); the department's own sheets (`说明材料` / `预算数` / `项目绩效` and the
//! 绩效自评表) are read in `crate::forms`; this module reads the thirteen tables, whose layout
//! vocabulary is data (`layout`, `layout.txt`), and assembles the book.
//!
//! Tables are recognised by their title text (normalised; `公开NN表`/`财决NN表` codes and a
//! leading `20XX年度` ignored; whole-title match, so 11/12 and 01/04/06 cannot be confused),
//! never by sheet name or position. Columns are found by header text (merged multi-row
//! headers, `栏次` rows), data rows by label (01, 04, 13) or subject code (the rest).
//! Amounts stated in 元 are converted exactly to 万元. A table without any unit cell is
//! taken as 万元 (the unit every 财决 export states); an unrecognised unit is an error.
//! Anything that cannot be placed is an error pointing at its cell — never a silent zero.

mod blocks;
mod error;
pub(crate) mod layout;
mod locate;
mod reading;
mod tables;

pub use error::ReadError;
pub use crate::forms::perf::split_code as split_project_code;
pub use crate::explain::{dump, explain};
pub use reading::Reading;

use crate::model::*;
use crate::forms::{notes, perf as perf_form};
use crate::workbook::{self as grid, Grid};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tables::Sheet;

/// Spreadsheet file extensions the reader opens in a folder.
const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// Tables whose absence stops the reader.
const REQUIRED: &[TableId] = &[TableId::T01, TableId::T03, TableId::T04, TableId::T06, TableId::T08, TableId::T13];

/// The department's own sheets (or workbooks), by name: 说明材料, 预算数, 项目绩效.
const OWN: [&str; 3] = ["说明材料", "预算数", "项目绩效"];

/// True for a spreadsheet file juesuan reads (by extension), skipping lock files `~$…` and
/// hidden files. Used for folder inputs here and for discovering departments in `batch`.
///
/// ```
/// use juesuan::read::is_workbook_file;
/// use std::path::Path;
/// assert!(is_workbook_file(Path::new("部门/公开01表.XLSX")));
/// assert!(!is_workbook_file(Path::new("~$公开01表.xlsx")));
/// assert!(!is_workbook_file(Path::new("说明.docx")));
/// ```
pub fn is_workbook_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    !name.starts_with("~$") && !name.starts_with('.') && EXTENSIONS.contains(&ext.as_str())
}

/// The workbooks of an input: the file itself, or every spreadsheet in a folder (sorted by
/// name; lock files `~$…` and hidden files skipped).
fn input_files(input: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let shown = input.display().to_string();
    if input.is_dir() {
        let entries = std::fs::read_dir(input).map_err(|e| ReadError::Unreadable { file: shown.clone(), reason: format!("无法列出文件夹：{e}") })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && is_workbook_file(p))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(ReadError::Unreadable { file: shown, reason: "文件夹中没有 xlsx/xls/xlsm/ods 工作簿".into() });
        }
        Ok(files)
    } else if input.is_file() {
        Ok(vec![input.to_path_buf()])
    } else if std::fs::symlink_metadata(input).is_ok() {
        Err(ReadError::Unreadable { file: shown, reason: "不是普通文件（可能是管道、设备或无法解析的链接）".into() })
    } else {
        Err(ReadError::Unreadable { file: shown, reason: "文件或文件夹不存在".into() })
    }
}

/// A located table plus the header-block facts of its sheet.
struct Found<'a> {
    sheet: Sheet<'a>,
    info: locate::HeaderInfo,
}

/// Reads one department's tables and supplementary sheets.
///
/// `input` is a workbook (xlsx/xls/xlsm/ods) with the thirteen tables on any sheets, or a
/// folder of workbooks (any names) plus an optional `说明材料.xlsx`.
pub fn read_book(input: &Path) -> Result<Book, ReadError> {
    read_explained(input).map(|(b, _)| b)
}

/// Reads like [`read_book`] and also returns the reading of every table (in table order;
/// an absent table has a reading without title cell).
pub fn read_explained(input: &Path) -> Result<(Book, Vec<Reading>), ReadError> {
    match read_input(input, false)? {
        Read::Book(book, readings) => Ok((book, readings)),
        Read::Meta(_) => Err(ReadError::Unreadable { file: input.display().to_string(), reason: "内部错误：只读取了部门名称".into() }),
    }
}

/// Only the 部门名称 and 年度 of an input (header blocks, 说明材料, names), without parsing the
/// tables' amounts: a prior-year workbook with a bad cell still says whose it is (`batch
/// --prior-dir` matches it, then the full read names the cell).
pub fn read_meta(input: &Path) -> Result<Meta, ReadError> {
    match read_input(input, true)? {
        Read::Meta(meta) | Read::Book(Book { meta, .. }, _) => Ok(meta),
    }
}

enum Read {
    Meta(Meta),
    Book(Book, Vec<Reading>),
}

fn read_input(input: &Path, meta_only: bool) -> Result<Read, ReadError> {
    let files = input_files(input)?;
    let mut grids: Vec<Grid> = Vec::new();
    let mut stems: Vec<String> = Vec::new();
    for f in &files {
        let gs = grid::load_workbook(f)?;
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        stems.extend(std::iter::repeat_n(stem, gs.len()));
        grids.extend(gs);
    }
    let input_name = input.display().to_string();

    let mut found: BTreeMap<TableId, Found> = BTreeMap::new();
    // The department's own sheets (说明材料, 预算数, 项目绩效): by sheet name, or an untitled sheet
    // of a workbook so named; every one of them, merged row by row below.
    let own_index = |name: &str| OWN.iter().position(|o| *o == normalize_label(name));
    let mut own: [Vec<&Grid>; 3] = Default::default();
    let mut forms = Vec::new();
    // Sheets titled like a 决算 table that is none of the thirteen (a 警告 each).
    let mut unknown = Vec::new();
    for (g, stem) in grids.iter().zip(stems.iter()) {
        if let Some(i) = own_index(&g.sheet) {
            own[i].push(g);
            continue;
        }
        let form_titles = perf_form::title_rows(g);
        if !form_titles.is_empty() {
            if !meta_only {
                forms.extend(perf_form::read_forms(g, &form_titles)?);
            }
            continue;
        }
        let Some((id, tr, tc)) = locate::find_title(g) else {
            if let Some(i) = own_index(stem) {
                own[i].push(g);
            } else if let Some((r, c)) = locate::table_like_title(g) {
                let msg = format!("工作表“{}”的标题“{}”不是13张公开表的标题之一，该表未读取；若它是某张公开表，请把标题改为标准名称（见 juesuan dump --explain）", g.sheet, g.text(r, c));
                unknown.push(crate::findings::Finding::new(crate::findings::Severity::Warning, "READ-UNKNOWN-TABLE", msg).at("读取", Some(g.at(r, c)), None));
            }
            continue;
        };
        let title_at = g.at(tr, tc);
        if let Some(prev) = found.get(&id) {
            return Err(ReadError::DuplicateTable { table: id, first: prev.sheet.source.title_at.clone(), second: title_at });
        }
        // Department, unit and year from the rows above the header band; the unit also from the
        // band itself (a unit cell taken into the header by a layout we misjudge is still read).
        let header = locate::find_header(g, tr, false);
        let header_start = header.as_ref().map_or(tr + 4, |h| h.start);
        let mut info = locate::header_info(g, 0..header_start.max(tr + 1))?;
        if info.unit.is_none() {
            info.unit = locate::header_info(g, header_start..header.as_ref().map_or(header_start, |h| h.end + 1))?.unit;
        }
        if info.year.is_none() {
            info.year = locate::find_year(&g.sheet).or_else(|| locate::find_year(stem));
        }
        let source = TableSource { file: g.file.clone(), sheet: g.sheet.clone(), title_at: title_at.clone(), unit: info.unit.unwrap_or(Unit::Wan) };
        let unit = match info.unit { Some(u) => unit_name(u).to_string(), None => "万元（未标明，按万元）".to_string() };
        let reading = Reading { table: Some(id), title_at: Some(title_at), unit, ..Reading::default() }.into();
        found.insert(id, Found { sheet: Sheet { g, id, title_row: tr, source, reading }, info });
    }

    // Label by label: sheets inside table workbooks first, then those of workbooks holding no
    // table, each in file order, and last a workbook named 说明材料 (the answers `juesuan
    // serve` writes, or the user's own); a later non-empty value replaces an earlier one.
    // 预算数 rows merge by 科目编码 and 项目绩效 rows by 项目名称 (cell by cell) the same way.
    let has_table = |file: &str| found.values().any(|f| &*f.sheet.g.file == file);
    let is_notes_file = |file: &str| Path::new(file).file_stem().and_then(|s| s.to_str()).is_some_and(|s| normalize_label(s) == "说明材料");
    let order = |g: &&Grid| (!has_table(&g.file), is_notes_file(&g.file));
    own.iter_mut().for_each(|v| v.sort_by_key(order));
    let [notes_g, budgets_g, projects_g] = own;
    let note_layers: Vec<Vec<NoteEntry>> = notes_g.into_iter().map(notes::read_notes).collect();
    let mut repeated: Vec<_> = note_layers.iter().flat_map(|l| notes::repeated("说明材料中", &l.iter().filter(|e| !e.text.trim().is_empty()).map(|e| (e.label.clone(), e.at.clone())).collect::<Vec<_>>())).collect();
    let notes = notes::merge_notes(note_layers);
    if meta_only {
        return meta(&input_name, input, &found, &notes).map(Read::Meta);
    }
    for id in REQUIRED {
        if !found.contains_key(id) {
            return Err(ReadError::MissingTable { input: input_name, table: *id, title: id.title() });
        }
    }
    let sheet = |id: TableId| found.get(&id).map(|f| &f.sheet);
    let req = |id: TableId| sheet(id).ok_or(ReadError::MissingTable { input: input_name.clone(), table: id, title: id.title() });
    let opt_subject = |id: TableId| sheet(id).map(tables::parse_subject).transpose();
    let opt_matrix = |id: TableId| sheet(id).map(tables::parse_matrix).transpose();

    let t01 = tables::parse_t01(req(TableId::T01)?)?;
    let t02 = opt_subject(TableId::T02)?;
    let t03 = tables::parse_subject(req(TableId::T03)?)?;
    let t04 = tables::parse_t04(req(TableId::T04)?)?;
    let t05 = opt_matrix(TableId::T05)?;
    let t06 = tables::parse_subject(req(TableId::T06)?)?;
    let t07 = opt_matrix(TableId::T07)?;
    let t08 = tables::parse_t08(req(TableId::T08)?)?;
    let t09 = opt_matrix(TableId::T09)?;
    let t10 = opt_subject(TableId::T10)?;
    let t11 = opt_subject(TableId::T11)?;
    let t12 = opt_subject(TableId::T12)?;
    let t13 = tables::parse_t13(req(TableId::T13)?)?;

    let budgets = budgets_g.into_iter().map(notes::read_budgets).collect::<Result<Vec<_>, _>>()?;
    let projects = projects_g.into_iter().map(notes::read_projects).collect::<Result<Vec<_>, _>>()?;
    repeated.extend(budgets.iter().flat_map(|l| notes::repeated("预算数表中科目", &l.iter().map(|b| (b.code.as_str().to_string(), b.full_year.at.clone())).collect::<Vec<_>>())));
    repeated.extend(projects.iter().flat_map(|l| notes::repeated("项目绩效表中项目", &l.iter().map(|p| (normalize_label(&p.name), p.at.clone())).collect::<Vec<_>>())));
    let (budgets, projects) = (notes::merge_budgets(budgets), notes::merge_projects(projects));

    let meta = meta(&input_name, input, &found, &notes)?;
    let readings: Vec<Reading> = TableId::ALL
        .iter()
        .map(|id| match found.get(id) {
            Some(f) => f.sheet.reading.borrow().clone(),
            None => absent_reading(*id),
        })
        .collect();
    let conflicts = meta_conflicts(&found, &meta, &notes);
    let read_findings = readings.iter().flat_map(|r| r.findings.iter().cloned()).chain(unknown).chain(conflicts).chain(repeated).collect();
    let sanitized = grids.iter().flat_map(|g| g.sanitized.iter().cloned()).collect();
    let book = Book { input: input_name, meta, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13, notes, budgets, projects, sanitized, read_findings, forms };
    Ok(Read::Book(book, readings))
}

/// The reading of a table that is not in the input (10, 11, 12 then read as zero: a 提示).
fn absent_reading(id: TableId) -> Reading {
    let mut r = Reading { table: Some(id), ..Reading::default() };
    if matches!(id, TableId::T10 | TableId::T11 | TableId::T12) {
        let f = crate::findings::Finding::new(crate::findings::Severity::Info, "READ-EMPTY-TABLE", format!("{id} 未提供，按零读取，无需列映射"));
        r.findings.push(f);
    }
    r
}

/// Name and year: 说明材料 overrides, else the header blocks (table order), else names.
fn meta(input_name: &str, input: &Path, found: &BTreeMap<TableId, Found>, notes: &[NoteEntry]) -> Result<Meta, ReadError> {
    let note = |l: &str| notes.iter().find(|n| n.label == normalize_label(l) && !n.text.trim().is_empty());
    let year = match note("年度") {
        Some(n) => {
            let digits: String = n.text.chars().filter(char::is_ascii_digit).collect();
            match digits.parse::<i32>() {
                Ok(y) if (2000..=2099).contains(&y) => y,
                _ => return Err(ReadError::BadNote { at: n.at.clone(), what: format!("“年度”应为 2000–2099 之间的四位年份（如 2023），而不是“{}”", n.text) }),
            }
        }
        None => found
            .values()
            .find_map(|f| f.info.year)
            .or_else(|| input.file_name().and_then(|n| n.to_str()).and_then(locate::find_year))
            .ok_or_else(|| ReadError::NoYear { input: input_name.to_string() })?,
    };
    let department = match note("部门名称") {
        Some(n) => n.text.trim().to_string(),
        None => found
            .values()
            .find_map(|f| f.info.department.clone())
            .ok_or_else(|| ReadError::NoDepartment { input: input_name.to_string() })?,
    };
    let short_name = note("部门简称").map_or_else(|| department.clone(), |n| n.text.trim().to_string());
    Ok(Meta { department, short_name, year })
}

/// Tables that disagree about the year or the department, or a 说明材料 年度 that no table
/// states: a 警告 each (READ-META-CONFLICT) naming the tables — typically a table of another
/// year or department mixed into the input.
fn meta_conflicts(found: &BTreeMap<TableId, Found>, meta: &Meta, notes: &[NoteEntry]) -> Vec<crate::findings::Finding> {
    use crate::findings::{Finding, Severity};
    let mut out = Vec::new();
    let mut say = |what: String, at: &CellRef| out.push(Finding::new(Severity::Warning, "READ-META-CONFLICT", what).at("读取", Some(at.clone()), None));
    // `表03 为 2022年度，其余各表为 2023年度` (the most common value last).
    let listed = |v: &[(TableId, String)]| {
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for (id, x) in v {
            match groups.iter_mut().find(|(g, _)| g == x) {
                Some((_, ids)) => ids.push(format!("表{:02}", id.number())),
                None => groups.push((x, vec![format!("表{:02}", id.number())])),
            }
        }
        groups.sort_by_key(|(_, ids)| std::cmp::Reverse(ids.len()));
        let (common, rest) = groups.split_first().map_or((None, &groups[..]), |(c, r)| (Some(c), r));
        let odd: Vec<String> = rest.iter().map(|(x, ids)| format!("{} 为 {x}", ids.join("、"))).collect();
        let common = common.map(|(x, ids)| if rest.is_empty() { format!("{} 为 {x}", ids.join("、")) } else { format!("其余各表为 {x}") });
        odd.into_iter().chain(common).collect::<Vec<_>>().join("，")
    };
    let years: Vec<(TableId, String)> = found.iter().filter_map(|(id, f)| f.info.year.map(|y| (*id, format!("{y}年度")))).collect();
    let depts: Vec<(TableId, String)> = found.iter().filter_map(|(id, f)| f.info.department.clone().map(|d| (*id, d))).collect();
    let first_at = |v: &[(TableId, String)], other: &str| v.iter().find(|(_, x)| x != other).and_then(|(id, _)| found.get(id)).map(|f| f.sheet.source.title_at.clone());
    if let Some((_, y0)) = years.first()
        && let Some(at) = first_at(&years, y0)
    {
        say(format!("各表标明的年度不一致：{}；请核对是否混入了其他年度的表", listed(&years)), &at);
    }
    let key = |d: &str| normalize_label(d).trim_end_matches("(本级)").to_string();
    if let Some((_, d0)) = depts.first()
        && let Some(at) = depts.iter().find(|(_, d)| key(d) != key(d0)).and_then(|(id, _)| found.get(id)).map(|f| f.sheet.source.title_at.clone())
    {
        say(format!("各表的编制单位不一致：{}；请核对是否混入了其他部门的表", listed(&depts)), &at);
    }
    let stated = format!("{}年度", meta.year);
    if let Some(n) = notes.iter().find(|n| n.label == normalize_label("年度") && !n.text.trim().is_empty())
        && !years.is_empty()
        && years.iter().all(|(_, y)| *y != stated)
    {
        say(format!("说明材料“年度”为 {}，而各表标明的是 {}；报告按说明材料的年度编写，请核对", meta.year, listed(&years)), &n.at);
    }
    out
}

/// Reads this year's input and, when given, last year's (`--prior`) with the same reader.
pub fn read_department(input: &Path, prior: Option<&Path>) -> Result<Department, ReadError> {
    let book = read_book(input)?;
    let prior = prior.map(read_book).transpose()?;
    Ok(Department { book, prior })
}

/// The unit as `dump` and `dump --explain` print it.
pub(crate) fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Yuan => "元（已换算为万元）",
        Unit::Wan => "万元",
    }
}

#[cfg(test)]
mod tests {
    use crate::workbook::{Cell, Grid};
    use super::*;
    use proptest::prelude::*;

    /// Cell vocabulary close to real exports, so random grids reach deep into the parsers.
    fn cell() -> impl Strategy<Value = Cell> {
        let words = prop::sample::select(vec![
            "", "", "", "项目", "行次", "金额", "决算数", "预算数", "栏次", "合计", "小计", "总计", "类", "款", "项",
            "科目编码", "科目名称", "收入", "支出", "本年支出", "基本支出", "项目支出", "本年收入合计", "本年支出合计",
            "人员经费合计", "公用经费合计", "201", "20131", "2013101", "31", "01", "301", "30101", "2013101 行政运行",
            "一、一般公共服务支出", "一般公共预算财政拨款", "年初财政拨款结转和结余", "年末结转和结余", "因公出国（境）费",
            "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "注：本表", "金额单位：元",
            "单位：万元", "部门：某局", "-", "1,234.50", "#REF!", "'2013101", "其中：", "20131011",
        ]);
        prop_oneof![
            6 => words.prop_map(|w| if w.is_empty() { Cell::Empty } else { Cell::Text(w.to_string()) }),
            2 => (-1e7f64..1e7).prop_map(Cell::Num),
            1 => Just(Cell::Err("#REF!".into())),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn parsers_never_panic_on_random_grids(
            id in prop::sample::select(TableId::ALL.to_vec()),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..24),
            merges in prop::collection::vec((0u32..10, 0u32..14, 0u32..4, 0u32..4), 0..4),
        ) {
            let mut cells = vec![vec![Cell::Text(id.title().to_string())]];
            cells.extend(rows);
            let merges = merges.into_iter().map(|(r, c, dr, dc)| (r, c, r + dr, c + dc)).collect();
            let g = Grid::new("f.xlsx", "s", cells, merges);
            let Some((found, tr, tc)) = locate::find_title(&g) else { return Ok(()) };
            prop_assert_eq!(found, id);
            let header_start = locate::find_header(&g, tr, false).map_or(tr + 4, |h| h.start);
            let Ok(info) = locate::header_info(&g, 0..header_start.max(tr + 1)) else { return Ok(()) };
            let source = TableSource { file: g.file.clone(), sheet: g.sheet.clone(), title_at: g.at(tr, tc), unit: info.unit.unwrap_or(Unit::Wan) };
            let s = Sheet { g: &g, id, title_row: tr, source, reading: Default::default() };
            let _ = match id {
                TableId::T01 => tables::parse_t01(&s).map(|_| ()),
                TableId::T04 => tables::parse_t04(&s).map(|_| ()),
                TableId::T05 | TableId::T07 | TableId::T09 => tables::parse_matrix(&s).map(|_| ()),
                TableId::T08 => tables::parse_t08(&s).map(|_| ()),
                TableId::T13 => tables::parse_t13(&s).map(|_| ()),
                _ => tables::parse_subject(&s).map(|_| ()),
            };
            let _ = notes::read_notes(&g);
            let _ = notes::read_budgets(&g);
            let _ = notes::read_projects(&g);
            let _ = perf_form::read_forms(&g, &perf_form::title_rows(&g));
        }
    }
}
