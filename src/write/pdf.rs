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
    fn missing_soffice_is_reported_in_chinese() {
        assert!(find_in(std::ffi::OsStr::new("/nonexistent-juesuan-dir")).is_none());
        let msg = WriteError::SofficeMissing.to_string();
        assert!(msg.contains("未找到 LibreOffice") && msg.contains("--pdf"), "{msg}");
    }
}
