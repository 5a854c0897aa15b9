//! Shared helpers of the integration tests: running the binary, temp dirs, golden files,
//! patching one cell of an XLSX, reading zip parts.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// The package root (tests run the binary from here so sample paths stay relative).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Relative paths of the bundled samples (relative to [`root`]).
pub const S01: &str = "samples/01_区委办公室.xlsx";
pub const S02: &str = "samples/02_市委办公厅.xlsx";
pub const S03: &str = "samples/03_农业技术服务中心";
pub const S03_PRIOR: &str = "samples/03_农业技术服务中心_上年";

/// Result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}", self.code, self.stdout, self.stderr)
    }
}

/// Runs `juesuan args…` in the package root.
pub fn juesuan<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run juesuan");
    Run {
        code: out.status.code().expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("juesuan-it-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Compares `actual` with `tests/golden/<rel>`, or rewrites it when `UPDATE_GOLDEN` is set.
pub fn check_golden(rel: &str, actual: &str) {
    let path = root().join("tests/golden").join(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{}\n", actual.trim_end())).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing golden file {} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected.trim_end() != actual.trim_end() {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{rel}: output differs from {} at line {} (UPDATE_GOLDEN=1 to accept, then review the diff)\nexpected: {:?}\nactual:   {:?}",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// Names of the entries of a zip archive.
pub fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..z.len()).map(|i| z.by_index(i).unwrap().name().to_string()).collect()
}

/// One entry of a zip archive as text.
pub fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut f = z.by_name(name).unwrap_or_else(|_| panic!("no {name} in archive"));
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// Rewrites `xlsx` with every entry copied except the worksheet of `sheet`, in which the
/// numeric cell `cell` (A1) gets the value `value`. Panics if the cell is not found as a
/// plain number cell, so a test cannot silently patch nothing.
pub fn patch_number(xlsx: &[u8], sheet: &str, cell: &str, value: &str) -> Vec<u8> {
    patch_cell(xlsx, sheet, cell, |cell_xml| {
        assert!(!cell_xml.contains("t=\"") && cell_xml.contains("<v>"), "{cell} is not a number cell: {cell_xml}");
        let v = cell_xml.find("<v>").expect("value") + 3;
        format!("{}{value}</v></c>", &cell_xml[..v])
    })
}

/// Like [`patch_number`], but the cell becomes the inline text `text`.
pub fn patch_text(xlsx: &[u8], sheet: &str, cell: &str, text: &str) -> Vec<u8> {
    patch_cell(xlsx, sheet, cell, |_| format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>"))
}

/// Fills an existing cell (empty or not; e.g. of the blank template) with a number, keeping its style.
pub fn fill_number(xlsx: &[u8], sheet: &str, cell: &str, value: &str) -> Vec<u8> {
    patch_cell(xlsx, sheet, cell, |old| format!("<c r=\"{cell}\"{}><v>{value}</v></c>", style_attr(old)))
}

/// Fills an existing cell (empty or not) with inline text, keeping its style.
pub fn fill_text(xlsx: &[u8], sheet: &str, cell: &str, text: &str) -> Vec<u8> {
    patch_cell(xlsx, sheet, cell, |old| format!("<c r=\"{cell}\"{} t=\"inlineStr\"><is><t>{text}</t></is></c>", style_attr(old)))
}

fn style_attr(cell_xml: &str) -> String {
    match cell_xml.find(" s=\"") {
        Some(i) => {
            let rest = &cell_xml[i + 4..];
            format!(" s=\"{}\"", &rest[..rest.find('"').unwrap()])
        }
        None => String::new(),
    }
}

/// Replaces the XML of one existing cell (`<c r="…" …>…</c>`) by `f(old)`.
pub fn patch_cell(xlsx: &[u8], sheet: &str, cell: &str, f: impl Fn(&str) -> String) -> Vec<u8> {
    let workbook = zip_text(xlsx, "xl/workbook.xml");
    let rels = zip_text(xlsx, "xl/_rels/workbook.xml.rels");
    let tag = format!("<sheet name=\"{sheet}\"");
    let at = workbook.find(&tag).unwrap_or_else(|| panic!("no sheet {sheet}"));
    let rid = attr(&workbook[at..], "r:id");
    let rat = rels.find(&format!("Id=\"{rid}\"")).expect("relationship of the sheet");
    let start = rels[..rat].rfind('<').unwrap();
    let target = attr(&rels[start..], "Target");
    let part = if let Some(t) = target.strip_prefix('/') { t.to_string() } else { format!("xl/{target}") };

    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut patched = false;
    for i in 0..z.len() {
        let mut entry = z.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        drop(entry);
        if name == part {
            let xml = String::from_utf8(data).unwrap();
            let open = format!("<c r=\"{cell}\"");
            let c = xml
                .match_indices(&open)
                .map(|(i, _)| i)
                .find(|&i| matches!(xml.as_bytes()[i + open.len()], b' ' | b'>' | b'/'))
                .unwrap_or_else(|| panic!("no cell {cell} in {part}"));
            let open_end = c + xml[c..].find('>').unwrap() + 1;
            let end = if xml[..open_end].ends_with("/>") { open_end } else { c + xml[c..].find("</c>").unwrap() + 4 };
            let cell_xml = &xml[c..end];
            data = format!("{}{}{}", &xml[..c], f(cell_xml), &xml[end..]).into_bytes();
            patched = true;
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(patched, "sheet part {part} not found");
    out.finish().unwrap().into_inner()
}

/// The number held by cell `cell` of `sheet` (as written in the XML).
pub fn cell_number(xlsx: &[u8], sheet: &str, cell: &str) -> String {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let (row, col) = a1(cell);
    range.get_value((row, col)).map(|v| v.to_string()).unwrap_or_default()
}

fn a1(cell: &str) -> (u32, u32) {
    let letters: String = cell.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = cell[letters.len()..].parse::<u32>().unwrap() - 1;
    (row, col)
}

fn attr(xml: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let s = xml.find(&key).unwrap_or_else(|| panic!("no attribute {name}")) + key.len();
    xml[s..s + xml[s..].find('"').unwrap()].to_string()
}

/// Copies a file or a folder (recursively) to `to`.
pub fn copy_input(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy_input(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Rows of a sheet of an xlsx file as strings.
pub fn sheet_rows(path: &Path, sheet: Option<&str>) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let name = match sheet {
        Some(s) => s.to_string(),
        None => wb.sheet_names()[0].clone(),
    };
    let range = wb.worksheet_range(&name).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// All sheet names of an xlsx file.
pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::{open_workbook_auto, Reader};
    let wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    wb.sheet_names().to_vec()
}
