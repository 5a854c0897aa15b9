//! The department page's view of the pipeline result, cached per department.
//!
//! Building the view runs the whole pipeline (read → check → derive → narrate → write), about
//! 100 ms a department. The cache keeps the last result per department keyed by the input
//! folder's listing (every stored file's name, size and modification time, the answers
//! workbook included), so a page view after the first only lists one folder. Uploads and
//! saves also drop the entry explicitly. At most [`CAPACITY`] departments are kept (the
//! least recently used go first), so a bureau of 1,000 departments does not hold 1,000 views.

use crate::findings::Finding;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Most departments whose view is kept.
pub const CAPACITY: usize = 64;

/// What the department page shows of the pipeline's result.
#[derive(Debug)]
pub struct View {
    /// The report as HTML (the same `Document` the DOCX is written from).
    pub doc_html: String,
    /// Findings, in the pipeline's order.
    pub findings: Vec<Finding>,
    /// Placeholders, in order of first appearance.
    pub placeholders: Vec<String>,
    /// The reader's or pipeline's error when there is no report.
    pub read_error: Option<String>,
}

/// The input folder's fingerprint: (file name, size, modification time in ns), sorted.
pub type Key = Vec<(String, u64, u128)>;

/// The fingerprint of the files in `dir` (an unreadable folder gives an empty key, which the
/// pipeline then reports as its own error).
pub fn input_key(dir: &Path) -> Key {
    let mut key: Key = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let m = e.metadata().ok()?;
                    let t = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
                    Some((e.file_name().to_string_lossy().into_owned(), m.len(), t))
                })
                .collect()
        })
        .unwrap_or_default();
    key.sort();
    key
}

struct Entry {
    key: Key,
    view: Arc<View>,
    used: u64,
}

/// Per-department views.
#[derive(Default)]
pub struct ViewCache {
    map: Mutex<(u64, HashMap<String, Entry>)>,
}

impl ViewCache {
    /// The view of `slug` for the input folder `dir`: the cached one when the folder's
    /// fingerprint is unchanged, else `build()` (run without holding the lock) stored.
    pub fn get_or_build(&self, slug: &str, dir: &Path, build: impl FnOnce() -> View) -> Arc<View> {
        let key = input_key(dir);
        {
            let mut g = self.map.lock().unwrap_or_else(|e| e.into_inner());
            g.0 += 1;
            let tick = g.0;
            if let Some(e) = g.1.get_mut(slug).filter(|e| e.key == key) {
                e.used = tick;
                return e.view.clone();
            }
        }
        let view = Arc::new(build());
        let mut g = self.map.lock().unwrap_or_else(|e| e.into_inner());
        g.0 += 1;
        let tick = g.0;
        if g.1.len() >= CAPACITY && !g.1.contains_key(slug) {
            if let Some(oldest) = g.1.iter().min_by_key(|(_, e)| e.used).map(|(k, _)| k.clone()) {
                g.1.remove(&oldest);
            }
        }
        g.1.insert(slug.to_string(), Entry { key, view: view.clone(), used: tick });
        view
    }

    /// Drops the view of `slug` (after an upload or a save).
    pub fn invalidate(&self, slug: &str) {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).1.remove(slug);
    }

    /// Number of departments cached.
    pub fn len(&self) -> usize {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).1.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A file's stamp: (size, modification time in ns); `None` when it cannot be read.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())))
}

/// The bureau page's rows, one per department, keyed by the stamp of its state file (a row
/// is small, so every department is kept; a row whose state file changed is rebuilt).
#[derive(Default)]
pub struct RowCache {
    map: Mutex<HashMap<String, ((u64, u128), crate::serve::workspace::DeptRow)>>,
}

impl RowCache {
    /// The row of `slug` whose state file is `state`, from the cache when the stamp matches.
    pub fn get_or_build(&self, slug: &str, state: &Path, build: impl FnOnce() -> Option<crate::serve::workspace::DeptRow>) -> Option<crate::serve::workspace::DeptRow> {
        let stamp = stamp(state)?;
        if let Some((s, row)) = self.map.lock().unwrap_or_else(|e| e.into_inner()).get(slug) {
            if *s == stamp {
                return Some(row.clone());
            }
        }
        let row = build()?;
        self.map.lock().unwrap_or_else(|e| e.into_inner()).insert(slug.to_string(), (stamp, row.clone()));
        Some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> View {
        View { doc_html: text.into(), findings: vec![], placeholders: vec![], read_error: None }
    }

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("juesuan-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn hit_until_a_file_changes_or_is_added_then_rebuilt() {
        let dir = tmp("hit");
        std::fs::write(dir.join("a.xlsx"), b"one").unwrap();
        let c = ViewCache::default();
        let first = c.get_or_build("d", &dir, || view("v1"));
        let again = c.get_or_build("d", &dir, || panic!("must not rebuild: nothing changed"));
        assert!(Arc::ptr_eq(&first, &again));
        // A rewritten file (other size) and a new answers workbook each change the key.
        std::fs::write(dir.join("a.xlsx"), b"one two").unwrap();
        assert_eq!(c.get_or_build("d", &dir, || view("v2")).doc_html, "v2");
        std::fs::write(dir.join("说明材料.xlsx"), b"answers").unwrap();
        assert_eq!(c.get_or_build("d", &dir, || view("v3")).doc_html, "v3");
        assert_eq!(c.get_or_build("d", &dir, || view("v4")).doc_html, "v3");
        c.invalidate("d");
        assert_eq!(c.get_or_build("d", &dir, || view("v5")).doc_html, "v5");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn keeps_at_most_capacity_departments_dropping_the_least_recently_used() {
        let dir = tmp("cap");
        let c = ViewCache::default();
        for i in 0..CAPACITY {
            c.get_or_build(&format!("d{i}"), &dir, || view("x"));
        }
        c.get_or_build("d0", &dir, || panic!("d0 is cached"));
        c.get_or_build("new", &dir, || view("y"));
        assert_eq!(c.len(), CAPACITY);
        c.get_or_build("d0", &dir, || panic!("d0 was used recently and stays"));
        assert_eq!(c.get_or_build("d1", &dir, || view("rebuilt")).doc_html, "rebuilt", "d1 was the least recently used");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
