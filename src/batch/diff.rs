//! Comparing two facts files: which figures changed since the last run.
//!
//! Facts are compared as flattened JSON (`path → value`), so the comparison needs no
//! knowledge of the Facts structure and reports every figure, text and flag that changed.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One changed value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureChange {
    /// JSON path, e.g. `income.total.value`.
    pub path: String,
    /// Old value (`None` when new).
    pub old: Option<String>,
    /// New value (`None` when removed).
    pub new: Option<String>,
}

/// Flattens a JSON value into `path → scalar text`. Provenance fields (`source`, `at`,
/// `provenance`) are skipped: a moved cell is not a changed figure. (Plural `sources`, e.g.
/// the income sources, are figures and are kept.)
pub fn flatten(value: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(value, String::new(), &mut out);
    out
}

fn walk(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    let join = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if !matches!(k.as_str(), "source" | "at" | "provenance") {
                    walk(v, join(k), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, join(&i.to_string()), out);
            }
        }
        Value::Null => {}
        Value::String(s) => {
            out.insert(path, s.clone());
        }
        other => {
            out.insert(path, other.to_string());
        }
    }
}

/// The differences between two JSON documents, in path order.
///
/// ```
/// use juesuan::batch::diff::diff_json;
/// let old = serde_json::json!({"income": {"total": "889.16"}, "year": 2022});
/// let new = serde_json::json!({"income": {"total": "900.00"}, "year": 2022});
/// let d = diff_json(&old, &new);
/// assert_eq!(d.len(), 1);
/// assert_eq!(d[0].path, "income.total");
/// assert_eq!(d[0].new.as_deref(), Some("900.00"));
/// ```
pub fn diff_json(old: &Value, new: &Value) -> Vec<FigureChange> {
    let (a, b) = (flatten(old), flatten(new));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FigureChange { path: k.clone(), old: a.get(k).cloned(), new: b.get(k).cloned() })
        .collect()
}

/// Renders changes as text lines `path: old → new`.
pub fn render_changes(changes: &[FigureChange]) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".to_string());
    changes.iter().map(|c| format!("{}: {} → {}\n", c.path, show(&c.old), show(&c.new))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn provenance_is_ignored_and_arrays_are_indexed() {
        let old = json!({"items": [{"v": "1", "source": "A1"}, {"v": "2"}]});
        let new = json!({"items": [{"v": "1", "source": "B7"}, {"v": "3"}, {"v": "4"}]});
        let d = diff_json(&old, &new);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0], FigureChange { path: "items.1.v".into(), old: Some("2".into()), new: Some("3".into()) });
        assert_eq!(d[1].old, None);
        assert_eq!(render_changes(&d[..1]), "items.1.v: 2 → 3\n");
    }
}
