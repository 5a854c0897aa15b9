//! 名词解释 (第三部分): the standard terms, then one entry per function 项 the department used.
//!
//! Three built-in data files (embedded with `include_str!`):
//! - `glossary/terms.csv` — the 13 standard terms with their official explanations;
//! - `glossary/subjects.csv` — explanations of frequent function 项, matched by code **and**
//!   name (a code reused with another name falls through);
//! - `glossary/patterns.csv` — generic 项 names (行政运行, 一般行政管理事务, 机关服务, 事业运行,
//!   其他…支出), matched by name;
//! - `glossary/economic.csv` — 部门预算支出经济分类 names by code (for 表08 rows without a name).
//!
//! A department's own explanation, 说明材料 `名词解释：<编码>`, wins over all of these (it knows
//! what its subject covers). A subject with neither is an entry without explanation: the report
//! prints the placeholder `【请补充：名词解释：<编码>】` and a 警告 DERIVE-GLOSSARY-UNKNOWN names
//! the label to fill.

use super::facts::{GlossaryEntry, GlossaryKind, GlossaryMatch};
use crate::findings::{Finding, Severity};
use crate::model::{normalize_label, Book};
use crate::notes_catalog::GLOSSARY_PREFIX;

const TERMS: &str = include_str!("glossary/terms.csv");
const SUBJECTS: &str = include_str!("glossary/subjects.csv");
const PATTERNS: &str = include_str!("glossary/patterns.csv");
const ECONOMIC: &str = include_str!("glossary/economic.csv");

/// Data rows of an embedded CSV (header skipped), split into at most `n` fields.
fn rows(csv: &'static str, n: usize) -> impl Iterator<Item = Vec<&'static str>> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(move |l| l.splitn(n, ',').collect())
}

/// The standard terms, in report order; `before` selects those printed before the subjects.
fn terms(before: bool) -> Vec<GlossaryEntry> {
    let want = if before { "before" } else { "after" };
    rows(TERMS, 3)
        .filter(|r| r.first() == Some(&want))
        .filter_map(|r| {
            Some(GlossaryEntry { term: r.get(1)?.to_string(), code: None, kind: GlossaryKind::Term, explanation: Some(r.get(2)?.to_string()), matched: GlossaryMatch::Dictionary })
        })
        .collect()
}

/// The official explanation of a 项 by code (the dictionary's name must match `name`).
pub fn subject_explanation(code: &str, name: &str) -> Option<String> {
    rows(SUBJECTS, 3)
        .find(|r| r.first() == Some(&code) && r.get(1).is_some_and(|n| normalize_label(n) == normalize_label(name)))
        .and_then(|r| r.get(2).map(|s| s.to_string()))
}

/// The generic explanation of a 项 name (行政运行 …, 其他X支出).
pub fn pattern_explanation(name: &str) -> Option<String> {
    let name = name.trim();
    let fixed = rows(PATTERNS, 5).find(|r| r.first() == Some(&name)).and_then(|r| r.get(3).map(|s| s.to_string()));
    fixed.or_else(|| other_pattern(name))
}

/// `其他X支出` → `反映除上述项目以外其他用于X方面的支出。`
fn other_pattern(name: &str) -> Option<String> {
    let core = name.strip_prefix("其他")?.strip_suffix("支出")?;
    let core = core.strip_suffix('的').unwrap_or(core);
    if core.is_empty() {
        return Some("反映除上述项目以外的其他支出。".to_string());
    }
    let template = rows(PATTERNS, 5).find(|r| r.get(1) == Some(&"99")).and_then(|r| r.get(3).map(|s| s.to_string()))?;
    Some(template.replace("{款名}", core))
}

/// The 部门预算支出经济分类 name of an economic code (e.g. `30101` → 基本工资).
pub fn economic_name(code: &str) -> Option<&'static str> {
    rows(ECONOMIC, 7).find(|r| r.first() == Some(&code)).and_then(|r| r.get(2).copied())
}

/// A function subject used by the department: code, name and path text.
pub struct UsedSubject {
    /// 7-digit code.
    pub code: String,
    /// 项 name.
    pub name: String,
    /// `类(xxx)款(xx)项(xx)` text.
    pub path: String,
}

/// The whole 名词解释 list: income terms, the subjects (in code order), then the spending terms.
/// `book` gives the department's own explanations (`名词解释：<编码>`).
pub fn glossary(subjects: &[UsedSubject], book: &Book, findings: &mut Vec<Finding>) -> Vec<GlossaryEntry> {
    let mut out = terms(true);
    out.extend(subjects.iter().map(|s| subject_entry(s, book, findings)));
    out.extend(terms(false));
    out
}

/// The 说明材料 label of a subject's explanation: `名词解释：2130106`.
pub fn glossary_label(code: &str) -> String {
    format!("{GLOSSARY_PREFIX}{code}")
}

/// The department's own explanation (`名词解释：<编码>`), its paragraphs joined into one.
fn own_explanation(book: &Book, code: &str) -> Option<String> {
    let t = super::source::note_text(book, &glossary_label(code))?;
    Some(t.paragraphs.concat())
}

fn subject_entry(s: &UsedSubject, book: &Book, findings: &mut Vec<Finding>) -> GlossaryEntry {
    let found = own_explanation(book, &s.code)
        .map(|e| (e, GlossaryMatch::Notes))
        .or_else(|| subject_explanation(&s.code, &s.name).map(|e| (e, GlossaryMatch::Dictionary)))
        .or_else(|| pattern_explanation(&s.name).map(|e| (e, GlossaryMatch::Pattern)));
    let (explanation, matched) = match found {
        Some((e, m)) => (Some(e), m),
        None => {
            let label = glossary_label(&s.code);
            let message = format!("名词解释：内置词典无科目{}“{}”的解释，报告中该条为待补充；请在说明材料“{label}”中填写该科目的解释", s.code, s.name);
            findings.push(Finding::new(Severity::Warning, "DERIVE-GLOSSARY-UNKNOWN", message));
            (None, GlossaryMatch::Unknown)
        }
    };
    GlossaryEntry { term: s.path.clone(), code: Some(s.code.clone()), kind: GlossaryKind::Subject, explanation, matched }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_thirteen_terms() {
        assert_eq!(terms(true).len() + terms(false).len(), 13);
        assert!(terms(false).iter().any(|t| t.term == "机关运行经费"));
    }

    #[test]
    fn dictionary_matches_code_and_name() {
        assert!(subject_explanation("2101103", "公务员医疗补助").unwrap().contains("公务员医疗补助经费"));
        assert!(subject_explanation("2101103", "别的名称").is_none());
    }

    #[test]
    fn generic_patterns() {
        assert!(pattern_explanation("行政运行").unwrap().starts_with("反映行政单位"));
        assert!(pattern_explanation("事业运行").unwrap().starts_with("反映事业单位"));
        assert_eq!(pattern_explanation("其他行政事业单位养老支出").unwrap(), "反映除上述项目以外其他用于行政事业单位养老方面的支出。");
        assert_eq!(pattern_explanation("其他支出").unwrap(), "反映除上述项目以外的其他支出。");
        assert_eq!(pattern_explanation("其他国有土地使用权出让收入安排的支出").unwrap(), "反映除上述项目以外其他用于国有土地使用权出让收入安排方面的支出。");
        assert!(pattern_explanation("专项业务").is_none());
    }

    fn book_with(notes: &[(&str, &str)]) -> Book {
        let mut b = crate::testkit::sample_book();
        for (i, (label, text)) in notes.iter().enumerate() {
            let at = crate::model::CellRef::new(&"testkit.xlsx".into(), &"说明材料".into(), 101 + i as u32, 1);
            b.notes.push(crate::model::NoteEntry { label: crate::model::note_key(label), text: text.to_string(), at });
        }
        b
    }

    #[test]
    fn unknown_subject_is_a_warning_naming_the_label() {
        let mut f = Vec::new();
        let s = UsedSubject { code: "2019999".into(), name: "某某特殊事务".into(), path: "x".into() };
        let g = glossary(&[s], &book_with(&[]), &mut f);
        assert_eq!(g.len(), 14);
        assert_eq!(g[8].matched, GlossaryMatch::Unknown);
        assert!(g[8].explanation.is_none());
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].severity, f[0].rule.as_str()), (Severity::Warning, "DERIVE-GLOSSARY-UNKNOWN"));
        assert!(f[0].message.contains("“名词解释：2019999”"), "{}", f[0].message);
    }

    #[test]
    fn the_departments_own_explanation_fills_and_wins() {
        let unknown = UsedSubject { code: "2019999".into(), name: "某某特殊事务".into(), path: "x".into() };
        let known = UsedSubject { code: "2101103".into(), name: "公务员医疗补助".into(), path: "y".into() };
        let book = book_with(&[("名词解释：2019999", "反映某某特殊事务的支出。\n第二段。"), ("名词解释: 2101103", "反映本部门公务员医疗补助的支出。")]);
        let mut f = Vec::new();
        let g = glossary(&[unknown, known], &book, &mut f);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!((g[8].matched, g[8].explanation.as_deref()), (GlossaryMatch::Notes, Some("反映某某特殊事务的支出。第二段。")));
        assert_eq!((g[9].matched, g[9].explanation.as_deref()), (GlossaryMatch::Notes, Some("反映本部门公务员医疗补助的支出。")));
    }

    #[test]
    fn data_files_are_well_formed() {
        assert!(rows(SUBJECTS, 3).all(|r| r.len() == 3 && r[0].len() == 7 && r[2].starts_with("反映")));
        assert!(rows(SUBJECTS, 3).count() >= 45);
        assert!(rows(TERMS, 3).all(|r| r.len() == 3 && r[2].starts_with('指')));
        assert!(rows(ECONOMIC, 7).all(|r| r.len() == 7));
    }

    #[test]
    fn economic_names_by_code() {
        assert_eq!(economic_name("30101"), Some("基本工资"));
        assert_eq!(economic_name("310"), Some("资本性支出"));
        assert_eq!(economic_name("39999"), Some("其他支出"));
        assert_eq!(economic_name("30100"), None);
    }
}
