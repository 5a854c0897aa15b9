//! The batch manifest: what was generated from which inputs, so a rerun regenerates only
//! what changed and an interrupted batch picks up where it stopped.
//!
//! Stored as `OUT_DIR/.juesuan-manifest.json`, written atomically. One entry per input
//! (keyed by its path relative to IN_DIR) with the input hash (SHA-256 of tool version,
//! template fingerprint, options and every input byte, prior year included), the output
//! names and the department's summary row (so an unchanged department still appears in
//! 汇总.xlsx without being read again).

use super::DeptSummary;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

/// File name of the manifest inside OUT_DIR.
pub const MANIFEST_FILE: &str = ".juesuan-manifest.json";

/// One department's record.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Hash of everything the report depends on.
    pub hash: String,
    /// Report file name (in OUT_DIR), when generated.
    pub report: Option<String>,
    /// Facts side-car file name (in OUT_DIR), when generated.
    pub facts: Option<String>,
    /// SHA-256 of the report file as written: a rerun regenerates a report that is missing,
    /// truncated or otherwise differs (`None` in an older manifest: regenerated once).
    #[serde(default)]
    pub report_hash: Option<String>,
    /// The summary row of the last run.
    pub summary: DeptSummary,
}

/// The whole manifest.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// juesuan version that wrote it.
    pub tool_version: String,
    /// Entries by input key.
    pub entries: BTreeMap<String, Entry>,
}

impl Manifest {
    /// Loads the manifest of `out_dir`; a missing or unreadable one is an empty manifest
    /// (everything is regenerated, nothing is lost).
    pub fn load(out_dir: &Path) -> Manifest {
        fs::read(out_dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest atomically.
    ///
    /// # Errors
    /// I/O errors of the write.
    pub fn save(&self, out_dir: &Path) -> io::Result<()> {
        let json = serde_json::to_vec(self).map_err(io::Error::other)?;
        crate::write::write_atomic(&out_dir.join(MANIFEST_FILE), &json)
    }
}

/// Hashes the inputs of one department: `salt` (tool version, templates, options) and the
/// bytes of every file of the input (a workbook, or every file of a folder in sorted order,
/// with their relative names) and of the prior-year input.
///
/// # Errors
/// When a file cannot be read.
pub fn hash_inputs(salt: &str, input: &Path, prior: Option<&Path>) -> io::Result<String> {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    hash_path(&mut h, input)?;
    if let Some(p) = prior {
        h.update(b"\0prior\0");
        hash_path(&mut h, p)?;
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// SHA-256 (hex) of some bytes.
pub fn hash_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (hex) of a file's bytes, `None` when it cannot be read.
pub fn hash_file(path: &Path) -> Option<String> {
    fs::read(path).ok().map(|b| hash_bytes(&b))
}

fn hash_path(h: &mut Sha256, path: &Path) -> io::Result<()> {
    if path.is_dir() {
        let mut files: Vec<_> = fs::read_dir(path)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        for f in files {
            h.update(f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default().as_bytes());
            h.update(b"\0");
            h.update(fs::read(&f)?);
        }
    } else {
        h.update(fs::read(path)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_changes_with_content_and_salt() {
        let dir = std::env::temp_dir().join(format!("juesuan-hash-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.xlsx");
        fs::write(&f, b"one").unwrap();
        let h1 = hash_inputs("v1", &f, None).unwrap();
        assert_eq!(h1, hash_inputs("v1", &f, None).unwrap());
        assert_ne!(h1, hash_inputs("v2", &f, None).unwrap());
        fs::write(&f, b"two").unwrap();
        assert_ne!(h1, hash_inputs("v1", &f, None).unwrap());
        assert_eq!(h1.len(), 64);
        fs::remove_dir_all(&dir).unwrap();
    }
}
