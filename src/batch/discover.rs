//! Finding the departments in a batch input folder, and safe output names.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::read::is_workbook_file;

/// The departments in `dir`, sorted by name: every spreadsheet file is one department, and
/// every sub-folder holding spreadsheets is one department given as per-table workbooks.
///
/// # Errors
/// When `dir` cannot be listed.
pub fn discover(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if folder_has_sheets(&path) {
                found.push(path);
            }
        } else if is_workbook_file(&path) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
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
}
