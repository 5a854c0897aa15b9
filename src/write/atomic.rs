//! Atomic file replacement: write a temporary file beside the target, fsync it, rename it
//! over the target. A failed write leaves the old file untouched.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
/// flushed to disk and renamed over `path`. On any error the temporary file is removed and
/// an existing `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, |_| Ok(()))
}

/// [`write_atomic`] with a hook run between writing the temporary file and the rename
/// (tests use it to simulate a failure at the worst moment).
fn write_atomic_with(path: &Path, bytes: &[u8], before_rename: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    let tmp = temp_path(path)?;
    let result = write_and_sync(&tmp, bytes)
        .and_then(|()| before_rename(&tmp))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    sync_dir(path);
    Ok(())
}

/// `.<name>.<pid>.<n>.tmp` in the target's directory (unique per process and call).
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "目标路径没有文件名"))?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp_name = format!(".{}.{}.{}.tmp", name.to_string_lossy(), std::process::id(), n);
    Ok(path.with_file_name(tmp_name))
}

/// Creates the file, writes everything and fsyncs it.
fn write_and_sync(tmp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = File::create(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Best effort: fsync the directory so the rename itself is durable.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("juesuan-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn replaces_the_file() {
        let d = scratch("ok");
        let p = d.join("报告.docx");
        fs::write(&p, b"old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn failure_leaves_the_old_file() {
        let d = scratch("fail");
        // The target is a non-empty directory: rename onto it fails after the temp file
        // was written; the temp file is removed and the directory is untouched.
        let p = d.join("报告.docx");
        fs::create_dir_all(p.join("inner")).unwrap();
        assert!(write_atomic(&p, b"new").is_err());
        assert!(p.join("inner").is_dir());
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn simulated_failure_before_rename_keeps_the_old_bytes() {
        let d = scratch("simulated");
        let p = d.join("报告.docx");
        fs::write(&p, b"old report").unwrap();
        let err = write_atomic_with(&p, b"new report", |_| Err(io::Error::other("disk full"))).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read(&p).unwrap(), b"old report");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn missing_directory_is_an_error() {
        let d = scratch("missing");
        let p = d.join("no/such/dir/报告.docx");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
