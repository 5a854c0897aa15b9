//! Finding the departments in a batch input folder, and safe output names.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::read::is_workbook_file;

/// The departments in `dir`, sorted by name: every spreadsheet file is one department, and
/// every sub-folder holding spreadsheets is one department given as per-table workbooks.
/// What [`discover_noting`] skips with a notice is skipped here too.
///
/// # Errors
/// When `dir` cannot be listed.
pub fn discover(dir: &Path) -> io::Result<Vec<PathBuf>> {
    discover_noting(dir).map(|(found, _)| found)
}

/// File name of the summary workbook a batch writes into OUT_DIR (never a department).
pub const SUMMARY_FILE: &str = "汇总.xlsx";

/// [`discover`], also returning a 提示 for each entry skipped although it looks like an input:
/// juesuan's own outputs (`汇总.xlsx`; the manifest and the lock file are hidden files anyway),
/// and a link to a folder that is `dir` itself, one of its ancestors (a loop), or another entry
/// of `dir` (a second copy of a department already in the batch). A link to a folder deeper
/// inside `dir` or elsewhere is a department like any folder.
///
/// # Errors
/// When `dir` cannot be listed.
pub fn discover_noting(dir: &Path) -> io::Result<(Vec<PathBuf>, Vec<String>)> {
    let mut found = Vec::new();
    let mut notes = Vec::new();
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            if is_link && let Ok(target) = path.canonicalize() {
                let why = if target == root {
                    Some("指向输入目录本身（会造成循环）")
                } else if root.starts_with(&target) {
                    Some("指向输入目录的上级目录（会造成循环）")
                } else if target.parent() == Some(root.as_path()) {
                    Some("指向输入目录中的另一项（该项已按原位置处理）")
                } else {
                    None
                };
                if let Some(why) = why {
                    notes.push(format!("跳过 {}：是链接，{why}", path.display()));
                    continue;
                }
            }
            if folder_has_sheets(&path) {
                found.push(path);
            }
        } else if is_workbook_file(&path) {
            if name == SUMMARY_FILE {
                notes.push(format!("跳过 {}：这是 juesuan batch 写出的汇总表，不是部门输入（输出目录不要放在输入目录中）", path.display()));
                continue;
            }
            found.push(path);
        }
    }
    found.sort();
    notes.sort();
    Ok((found, notes))
}

/// The name of an input as its prior-year file is likely named: the file stem (or folder name),
/// normalised like [`match_key`], without `上年`/`上年度` and `20XX年`/`20XX年度`, letters and
/// digits only. Used only for a prior-year input whose department name cannot be read.
///
/// ```
/// use juesuan::batch::discover::stem_key;
/// use std::path::Path;
/// assert_eq!(stem_key(Path::new("prior/03_农业技术服务中心_上年")), stem_key(Path::new("in/03_农业技术服务中心")));
/// assert_eq!(stem_key(Path::new("2022年度 区委办.xlsx")), stem_key(Path::new("2023年区委办.xls")));
/// ```
pub fn stem_key(path: &Path) -> String {
    let name = if path.extension().is_some_and(|_| is_workbook_file(path)) { path.file_stem() } else { path.file_name() };
    let name = match_key(&name.map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).replace("上年度", "").replace("上年", "");
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let year = chars.len() >= i + 5 && chars[i] == '2' && chars[i + 1] == '0' && chars[i + 2..i + 4].iter().all(char::is_ascii_digit) && chars[i + 4] == '年';
        if year {
            i += if chars.get(i + 5) == Some(&'度') { 6 } else { 5 };
            continue;
        }
        if chars[i].is_alphanumeric() {
            out.push(chars[i]);
        }
        i += 1;
    }
    out
}

fn folder_has_sheets(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).any(|e| is_workbook_file(&e.path())))
        .unwrap_or(false)
}

/// A file-name-safe version of a department name: path separators, reserved characters and
/// control characters become `_`, surrounding dots/spaces are trimmed, length is capped at
/// 80 characters; an empty result becomes `未命名部门`.
///
/// ```
/// use juesuan::batch::discover::sanitize_file_stem;
/// assert_eq!(sanitize_file_stem("中共某区委/办公室: 2023"), "中共某区委_办公室_ 2023");
/// assert_eq!(sanitize_file_stem(" .. "), "未命名部门");
/// ```
pub fn sanitize_file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .take(80)
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() { "未命名部门".to_string() } else { trimmed.to_string() }
}

/// Normalised department name used to match prior-year inputs: white space removed,
/// full-width forms folded, a trailing `（本级）`/`(汇总)` style qualifier kept.
///
/// ```
/// use juesuan::batch::discover::match_key;
/// assert_eq!(match_key(" 中共某区委 办公室 "), match_key("中共某区委办公室"));
/// ```
pub fn match_key(name: &str) -> String {
    crate::model::normalize_label(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_workbooks_and_folders_sorted() {
        let dir = std::env::temp_dir().join(format!("juesuan-discover-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("b_folder")).unwrap();
        fs::create_dir_all(dir.join("empty_folder")).unwrap();
        fs::write(dir.join("b_folder/01.xlsx"), b"x").unwrap();
        fs::write(dir.join("a.xlsx"), b"x").unwrap();
        fs::write(dir.join("~$a.xlsx"), b"x").unwrap();
        fs::write(dir.join("notes.txt"), b"x").unwrap();
        let found = discover(&dir).unwrap();
        let names: Vec<_> = found.iter().map(|p| p.file_name().unwrap().to_string_lossy().to_string()).collect();
        assert_eq!(names, ["a.xlsx", "b_folder"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A link to IN itself, to an ancestor, or to a department inside IN is skipped with a
    /// notice (once a failing "department"); a link to a folder elsewhere is a department; a
    /// 汇总.xlsx left in IN is skipped with a notice.
    #[test]
    fn links_into_the_input_and_own_summary_are_skipped_with_a_notice() {
        let root = std::env::temp_dir().join(format!("juesuan-discover-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let dir = root.join("in");
        fs::create_dir_all(dir.join("dept")).unwrap();
        fs::create_dir_all(root.join("elsewhere")).unwrap();
        fs::write(dir.join("dept/01.xlsx"), b"x").unwrap();
        fs::write(root.join("elsewhere/01.xlsx"), b"x").unwrap();
        fs::write(root.join("top.xlsx"), b"x").unwrap();
        fs::write(dir.join(SUMMARY_FILE), b"x").unwrap();
        std::os::unix::fs::symlink(".", dir.join("selfloop")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
        std::os::unix::fs::symlink("dept", dir.join("dept_again")).unwrap();
        std::os::unix::fs::symlink("../elsewhere", dir.join("linked")).unwrap();
        // A folder deeper inside (not itself an entry of IN) is reached only through its link.
        fs::create_dir_all(dir.join("sub/deep")).unwrap();
        fs::write(dir.join("sub/deep/01.xlsx"), b"x").unwrap();
        std::os::unix::fs::symlink("sub/deep", dir.join("nested")).unwrap();
        let (found, notes) = discover_noting(&dir).unwrap();
        let names: Vec<_> = found.iter().map(|p| p.file_name().unwrap().to_string_lossy().to_string()).collect();
        assert_eq!(names, ["dept", "linked", "nested"]);
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("selfloop") && n.contains("输入目录本身")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("up") && n.contains("上级目录")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("dept_again") && n.contains("另一项")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains(SUMMARY_FILE) && n.contains("汇总表")), "{notes:?}");
        fs::remove_dir_all(&root).unwrap();
    }
}
