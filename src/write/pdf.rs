//! PDF through LibreOffice: `soffice --headless --convert-to pdf` with a private profile
//! directory, so parallel conversions do not fight over one user installation.

use super::WriteError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The LibreOffice executable, if one is on `PATH` (`soffice`, then `libreoffice`).
pub fn find_soffice() -> Option<PathBuf> {
    find_in(&std::env::var_os("PATH")?)
}

/// The LibreOffice executable in a `PATH`-style list of directories.
fn find_in(path: &std::ffi::OsStr) -> Option<PathBuf> {
    for dir in std::env::split_paths(path) {
        for name in ["soffice", "libreoffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Converts `docx` to PDF in `out_dir` and returns the PDF's path (same stem, `.pdf`).
///
/// Fails with [`WriteError::SofficeMissing`] when LibreOffice is not installed, and with
/// [`WriteError::Pdf`] when the conversion fails or produces no file.
pub fn convert_to_pdf(docx: &Path, out_dir: &Path) -> Result<PathBuf, WriteError> {
    let soffice = find_soffice().ok_or(WriteError::SofficeMissing)?;
    let stem = docx
        .file_stem()
        .ok_or_else(|| WriteError::Pdf(format!("不是文件路径：{}", docx.display())))?;
    let pdf = out_dir.join(stem).with_extension("pdf");
    let profile = profile_dir();
    let output = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
        .map_err(|e| WriteError::Pdf(format!("无法启动 LibreOffice：{e}")));
    let _ = std::fs::remove_dir_all(&profile);
    let output = output?;
    if !output.status.success() || !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(WriteError::Pdf(format!("{}（{}）", output.status, stderr.trim())));
    }
    Ok(pdf)
}

/// The printed page numbers of the 目录 entries read from a rendered PDF's first pages
/// (`pdftotext -layout`), in entry order; `None` if pdftotext is missing or an entry is not
/// found with a number.
pub fn toc_pages(pdf: &Path, entries: &[String]) -> Option<Vec<String>> {
    let out = Command::new("pdftotext").args(["-layout", "-f", "1", "-l", "8"]).arg(pdf).arg("-").output().ok()?;
    if !out.status.success() {
        return None;
    }
    parse_toc_pages(&String::from_utf8_lossy(&out.stdout), entries)
}

/// Finds each entry, in order, on a line of `text` (whitespace ignored: pdftotext spaces CJK
/// from digits) and takes the number that ends that line or the next (a wrapped entry).
pub fn parse_toc_pages(text: &str, entries: &[String]) -> Option<Vec<String>> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let lines: Vec<String> = text.lines().map(squash).collect();
    let trailing_number = |l: &str| {
        let digits: String = l.chars().rev().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then(|| digits.chars().rev().collect::<String>())
    };
    let mut at = 0;
    let mut pages = Vec::with_capacity(entries.len());
    for e in entries {
        let e = squash(e);
        let start = (at..lines.len()).find(|&i| lines[i].starts_with(&e))?;
        let rest = &lines[start][e.len()..];
        let page = trailing_number(rest)
            .filter(|_| !rest.is_empty())
            .or_else(|| lines.get(start + 1).and_then(|l| trailing_number(l)))?;
        pages.push(page);
        at = start + 1;
    }
    Some(pages)
}

/// A fresh profile directory under the temp dir, unique per process and call.
fn profile_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("juesuan-lo-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_pages_are_read_in_entry_order() {
        let text = "\n                 目    录\n第一部分 部门概况 ........................ 1\n  一、部门职责 ............................ 1\n  二、机构设置 ....... 2\n第五部分 附表 ...... 19\n  一、收入支出决算总表 ................ 20\n";
        let entries: Vec<String> = ["第一部分 部门概况", "一、部门职责", "二、机构设置", "第五部分 附表", "一、收入支出决算总表"].map(String::from).to_vec();
        assert_eq!(parse_toc_pages(text, &entries).unwrap(), ["1", "1", "2", "19", "20"]);
        // An entry missing from the render → no numbers at all rather than shifted ones.
        assert!(parse_toc_pages(text, &["第六部分".to_string()]).is_none());
        // The same title twice (一、 under two parts) is matched in order.
        let twice = "一、甲 .... 3\n一、甲 .... 7\n";
        assert_eq!(parse_toc_pages(twice, &["一、甲".to_string(), "一、甲".to_string()]).unwrap(), ["3", "7"]);
    }

    #[test]
    fn missing_soffice_is_reported_in_chinese() {
        assert!(find_in(std::ffi::OsStr::new("/nonexistent-juesuan-dir")).is_none());
        let msg = WriteError::SofficeMissing.to_string();
        assert!(msg.contains("未找到 LibreOffice") && msg.contains("--pdf"), "{msg}");
    }
}
