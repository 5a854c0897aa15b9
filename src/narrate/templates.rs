//! The template set: built-in `.txt` templates embedded with `include_str!`, overridable file
//! by file from a folder (`--templates DIR`: a file with the same name in DIR wins).

use super::error::{cause_chain, NarrateError};
use super::filters;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// The template rendered first; it includes the others.
pub const ENTRY: &str = "report.txt";

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        /// The built-in templates: (file name, source).
        pub const BUILTIN: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../templates/", $name))),)*
        ];
    };
}

builtin!(
    "report.txt",
    "macros.txt",
    "cover.txt",
    "part1_overview.txt",
    "part2_01_totals.txt",
    "part2_02_income.txt",
    "part2_03_expenditure.txt",
    "part2_04_fiscal.txt",
    "part2_05_general.txt",
    "part2_06_basic.txt",
    "part2_07_sangong.txt",
    "part2_08_gov_fund.txt",
    "part2_09_state_capital.txt",
    "part2_10_other.txt",
    "part3_glossary.txt",
    "part4_annex.txt",
    "part5_tables.txt",
);

/// A set of templates by file name.
#[derive(Clone, Debug)]
pub struct Templates {
    sources: BTreeMap<String, String>,
    overridden: Vec<String>,
}

impl Templates {
    /// The built-in set (the Sichuan 2023 format).
    pub fn builtin() -> Templates {
        let sources = BUILTIN.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
        Templates { sources, overridden: Vec::new() }
    }

    /// The built-in set with every `*.txt` file of `dir` replacing (or adding) the template of
    /// the same name.
    ///
    /// # Errors
    /// [`NarrateError::Io`] when the folder or a file cannot be read.
    pub fn with_overrides(dir: &Path) -> Result<Templates, NarrateError> {
        let mut set = Templates::builtin();
        for path in txt_files(dir)? {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let source = std::fs::read_to_string(&path).map_err(|source| NarrateError::Io { path: path.clone(), source })?;
            set.sources.insert(name.clone(), source);
            set.overridden.push(name);
        }
        Ok(set)
    }

    /// This set with one template replaced (or added) from a string.
    pub fn with_source(mut self, name: &str, source: &str) -> Templates {
        self.sources.insert(name.to_string(), source.to_string());
        self.overridden.push(name.to_string());
        self
    }

    /// Template names, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.sources.keys().map(String::as_str).collect()
    }

    /// The source of one template.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(String::as_str)
    }

    /// Names taken from the override folder, sorted.
    pub fn overridden(&self) -> &[String] {
        &self.overridden
    }

    /// Override names that are not built-in templates (new partials, or misspelt names that
    /// replace nothing), for a warning.
    pub fn added(&self) -> Vec<&str> {
        self.overridden.iter().map(String::as_str).filter(|n| !BUILTIN.iter().any(|(b, _)| b == n)).collect()
    }

    /// Renders [`ENTRY`] with `context`.
    ///
    /// # Errors
    /// [`NarrateError::Template`] naming the template, line and variable when known.
    pub fn render(&self, context: &Context) -> Result<String, NarrateError> {
        let tera = self.tera()?;
        match guarded(|| tera.render(ENTRY, context)) {
            Ok(Ok(text)) => Ok(text),
            Ok(Err(e)) => {
                let culprit = self.culprit(&tera, context);
                Err(self.template_error(culprit.unwrap_or(ENTRY), &e))
            }
            // A panic inside Tera (a user template it cannot handle): an error, never a crash.
            Err(()) => {
                let name = self.culprit(&tera, context).unwrap_or(ENTRY).to_string();
                Err(NarrateError::Template { name, line: None, variable: None, detail: "模板渲染时 Tera 内部异常（请检查最近改动的模板写法）".into() })
            }
        }
    }

    /// Tera does not say in which included template a filter failed: render each template on
    /// its own (every part is self-contained) and return the first that fails.
    fn culprit(&self, tera: &Tera, context: &Context) -> Option<&str> {
        self.sources
            .keys()
            .map(String::as_str)
            .filter(|name| *name != ENTRY)
            .find(|name| !matches!(guarded(|| tera.render(name, context)), Ok(Ok(_))))
    }

    fn tera(&self) -> Result<Tera, NarrateError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        filters::register(&mut tera);
        for (name, source) in &self.sources {
            unsupported_key(name, source)?;
            tera.add_raw_template(name, source).map_err(|e| self.template_error(name, &e))?;
        }
        tera.build_inheritance_chains().map_err(|e| self.template_error(ENTRY, &e))?;
        Ok(tera)
    }

    fn template_error(&self, fallback: &str, e: &tera::Error) -> NarrateError {
        let detail = cause_chain(e);
        let name = innermost_template(&detail).filter(|n| n != ENTRY).unwrap_or_else(|| fallback.to_string());
        // A parse error's `…` quotes list what the parser expected (`or`, `and`, …), not a
        // variable: only a render error names one.
        let variable = if parse_position(&detail).is_some() || detail.contains("Failed to parse") { None } else { quoted(&detail, '`') };
        let filter = filter_name(&detail);
        let line = parse_position(&detail).or_else(|| {
            let source = self.source(&name)?;
            match (&variable, &filter) {
                (Some(v), _) => find_line(source, v),
                (None, Some(f)) => only_line(source, &format!("| {f}")),
                _ => None,
            }
        });
        NarrateError::Template { name, line, variable, detail }
    }
}

/// Runs `f`, turning a panic into `Err(())` (Tera may panic on templates it cannot handle).
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| ())
}

/// Tera 1.20 cannot index a map by a quoted key holding non-ASCII text (`x["机构组成"]`: it
/// slices the key by character count as if bytes, and panics): refused before rendering, with
/// template, line and the expression.
fn unsupported_key(name: &str, source: &str) -> Result<(), NarrateError> {
    // Inside `{{ … }}` and `{% … %}` only (a tag may span lines): text outside is printed.
    let opens = source.match_indices("{{").chain(source.match_indices("{%")).map(|(at, _)| at + 2);
    for start in opens {
        let body = &source[start..];
        let tag = body.split("}}").next().unwrap_or("").split("%}").next().unwrap_or("");
        for (at, _) in tag.match_indices('[') {
            let rest = tag[at + 1..].trim_start();
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            let key: String = rest[1..].chars().take_while(|c| *c != q).collect();
            if !key.is_ascii() {
                let line = source[..start + at].lines().count().max(1);
                let detail = format!("模板以中文键索引映射（[{q}{key}{q}]），模板引擎 Tera 不支持这种写法：请改用视图中的英文字段名（见 templates/README.md）");
                return Err(NarrateError::Template { name: name.to_string(), line: Some(line), variable: None, detail });
            }
        }
    }
    Ok(())
}

fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, NarrateError> {
    let io = |source| NarrateError::Io { path: dir.to_path_buf(), source };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The last template named in `'…'` quotes in Tera's chain (the innermost one).
fn innermost_template(detail: &str) -> Option<String> {
    detail
        .split('\'')
        .skip(1)
        .step_by(2)
        .filter(|s| s.ends_with(".txt"))
        .last()
        .map(str::to_string)
}

/// The first text between two `q` characters.
fn quoted(detail: &str, q: char) -> Option<String> {
    let mut parts = detail.split(q);
    parts.next()?;
    parts.next().filter(|s| !s.is_empty()).map(str::to_string)
}

/// A parse error position ` --> 12:5`.
fn parse_position(detail: &str) -> Option<usize> {
    let after = detail.split("--> ").nth(1)?;
    after.split(':').next()?.trim().parse().ok()
}

/// The filter of a `Filter call 'wan' failed` message.
fn filter_name(detail: &str) -> Option<String> {
    let after = detail.split("Filter call '").nth(1)?;
    after.split('\'').next().map(str::to_string)
}

/// The 1-based line of `source` containing `needle`, when exactly one line does.
fn only_line(source: &str, needle: &str) -> Option<usize> {
    let mut hits = source.lines().enumerate().filter(|(_, l)| l.contains(needle));
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Some(i + 1),
        _ => None,
    }
}

/// The first 1-based line of `source` mentioning `variable` inside a tag.
fn find_line(source: &str, variable: &str) -> Option<usize> {
    source.lines().position(|l| l.contains(variable) && (l.contains("{{") || l.contains("{%"))).map(|i| i + 1)
}

/// The template authors' guide written beside exported templates (not a template).
pub const GUIDE: (&str, &str) = ("README.md", include_str!("../../templates/README.md"));

/// The files of `dir` that an export would overwrite and that differ from the built-in
/// template (or guide) of the same name — edits that `templates export` keeps unless `--force`.
pub fn edited_exports(dir: &Path) -> Vec<String> {
    BUILTIN
        .iter()
        .chain([&GUIDE])
        .filter(|(name, source)| std::fs::read(dir.join(name)).is_ok_and(|on_disk| on_disk != source.as_bytes()))
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Writes the built-in templates and the guide ([`GUIDE`]) into `dir` (created if needed)
/// for editing; returns the paths written.
///
/// # Errors
/// [`NarrateError::Io`] when the folder or a file cannot be written.
pub fn export_templates(dir: &Path) -> Result<Vec<PathBuf>, NarrateError> {
    std::fs::create_dir_all(dir).map_err(|source| NarrateError::Io { path: dir.to_path_buf(), source })?;
    BUILTIN
        .iter()
        .chain([&GUIDE])
        .map(|(name, source)| {
            let path = dir.join(name);
            std::fs::write(&path, source).map_err(|source| NarrateError::Io { path: path.clone(), source })?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_detail_parsing() {
        let d = "Failed to render 'report.txt'：Variable `totals.grand_totl` not found in context while rendering 'part2_01_totals.txt'";
        assert_eq!(innermost_template(d).as_deref(), Some("part2_01_totals.txt"));
        assert_eq!(quoted(d, '`').as_deref(), Some("totals.grand_totl"));
        assert_eq!(parse_position("Failed to parse 'a.txt'： --> 3:12\n  |"), Some(3));
        assert_eq!(find_line("甲\n{{ x.y }}\n", "x.y"), Some(2));
        assert_eq!(filter_name("Filter call 'wan' failed：wan：参数"), Some("wan".into()));
        assert_eq!(only_line("a\n{{ b | wan }}\n", "| wan"), Some(2));
        assert_eq!(only_line("{{ a | wan }}\n{{ b | wan }}\n", "| wan"), None);
    }
}
