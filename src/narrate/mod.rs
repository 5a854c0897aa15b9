//! The narrate stage: derived figures → the report's text as a [`Document`].
//!
//! ```text
//! Facts ──View::from_facts──▶ View ──Tera (templates/*.txt)──▶ line markup ──markup::parse──▶ Document
//! ```
//!
//! * [`View`] is the only thing Tera sees: strings, words and flags, no `Decimal`.
//! * Templates ([`Templates`]) are embedded `.txt` files, overridable by name from a folder.
//! * The templates emit a small line markup ([`markup`]); numbering (一、（一）1.) is generated
//!   there, never written in a template.
//! * Placeholders `【请补充：…】` / `【缺少上年数】` become placeholder runs; [`placeholders`]
//!   lists them for `generate` and `check`.
//!
//! This stage does not compute figures (derive does) and writes no DOCX (write does).

pub mod error;
pub mod filters;
mod from_facts;
pub mod markup;
pub mod preview;
pub mod templates;
pub mod view;

pub use error::NarrateError;
pub use preview::{placeholder_locations, placeholders, to_markdown};
pub use templates::{edited_exports, export_templates, Templates};
pub use view::*;

use crate::doc::Document;
use tera::Context;

/// Renders `view` with `templates` into a whole [`Document`].
///
/// # Errors
/// [`NarrateError::Template`] (a template fails to parse or render: name, line, variable),
/// [`NarrateError::Markup`] / [`NarrateError::MissingChart`] (the output is not valid markup),
/// [`NarrateError::Context`]. Nothing is returned on error: never a half-filled report.
///
/// # Examples
/// ```
/// use juesuan::narrate::{narrate, Templates, View};
/// let view = View { department: "某部门".into(), year: "2023".into(), ..View::default() };
/// // An empty view lacks the figures the templates need: the render fails as a whole,
/// // naming the template and the variable.
/// let err = narrate(&view, &Templates::builtin()).unwrap_err();
/// assert!(err.to_string().contains("模板"));
/// ```
pub fn narrate(view: &View, templates: &Templates) -> Result<Document, NarrateError> {
    let context = context(view)?;
    let text = templates.render(&context)?;
    let blocks = markup::parse(&text, &view.charts)?;
    let year = view.year.trim().parse().map_err(|_| NarrateError::Context(format!("year 应为年份，实为 \"{}\"", view.year)))?;
    Ok(Document { department: view.department.clone(), year, draft: view.draft, blocks })
}

/// [`narrate`] for derive's facts: `View::from_facts(facts)` with default options, not a draft.
///
/// # Errors
/// As [`narrate`].
pub fn narrate_facts(facts: &crate::derive::Facts, templates: &Templates) -> Result<Document, NarrateError> {
    narrate(&View::from_facts(facts), templates)
}

/// Where the value of a placeholder goes (so a form can offer the right field).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum PlaceholderKey {
    /// 说明材料 labels (one, or several for a comparison lacking several prior-year figures).
    Notes(Vec<String>),
    /// A row of the 预算数 sheet: the 科目编码 whose 全年预算数 is missing.
    Budget(String),
    /// A field of the 项目绩效 sheet: project name and column (预算数 / 执行数 / 绩效目标完成情况综述).
    Project {
        /// 项目名称.
        project: String,
        /// Column.
        field: String,
    },
    /// The prior-year tables as a whole (`--prior`).
    Prior,
}

/// The key of a placeholder text, as the templates write them.
///
/// ```
/// use juesuan::narrate::{placeholder_key, PlaceholderKey};
/// assert_eq!(placeholder_key("【请补充：机构设置】"), PlaceholderKey::Notes(vec!["机构设置".into()]));
/// assert_eq!(placeholder_key("【缺少上年数：上年收入总计、上年支出总计】"), PlaceholderKey::Notes(vec!["上年收入总计".into(), "上年支出总计".into()]));
/// assert_eq!(placeholder_key("【请补充：2013101全年预算数】"), PlaceholderKey::Budget("2013101".into()));
/// assert_eq!(placeholder_key("【请补充：档案数字化项目执行数】"), PlaceholderKey::Project { project: "档案数字化项目".into(), field: "执行数".into() });
/// assert_eq!(placeholder_key("【缺少上年数】"), PlaceholderKey::Prior);
/// ```
pub fn placeholder_key(text: &str) -> PlaceholderKey {
    let inner = text.trim().trim_start_matches('【').trim_end_matches('】');
    let Some((_, body)) = inner.split_once('：') else { return PlaceholderKey::Prior };
    if let Some(code) = body.strip_suffix("全年预算数").filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())) {
        return PlaceholderKey::Budget(code.to_string());
    }
    if crate::notes_catalog::find_label(body).is_none() {
        for field in ["绩效目标完成情况综述", "预算数", "执行数"] {
            if let Some(project) = body.strip_suffix(field).filter(|p| !p.is_empty()) {
                return PlaceholderKey::Project { project: project.to_string(), field: field.to_string() };
            }
        }
    }
    PlaceholderKey::Notes(body.split('、').map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect())
}

/// Rule id of the 警告 raised for each placeholder left in a report.
pub const PLACEHOLDER_RULE: &str = crate::findings::PLACEHOLDER_RULE;

/// One 警告 per distinct placeholder of `doc` (for `check` and `generate`).
///
/// ```
/// use juesuan::narrate::{narrate, placeholder_findings, Templates, View};
/// let set = Templates::builtin().with_source("report.txt", "主要原因是【请补充：收支总计变动原因】。");
/// let view = View { year: "2023".into(), ..View::default() };
/// let findings = placeholder_findings(&narrate(&view, &set).unwrap());
/// assert_eq!(findings.len(), 1);
/// assert!(findings[0].message.contains("收支总计变动原因"));
/// ```
pub fn placeholder_findings(doc: &Document) -> Vec<crate::findings::Finding> {
    placeholders(doc)
        .into_iter()
        .map(|p| {
            let todo = if p.starts_with("【缺少上年数") { "请提供上年决算表（--prior）或在说明材料填写上年数" } else { "请在说明材料中填写" };
            let message = format!("报告中仍有待补充内容 {p}：{todo}后重新生成");
            crate::findings::Finding::new(crate::findings::Severity::Warning, PLACEHOLDER_RULE, message)
        })
        .collect()
}

/// The Tera context: the view's fields at top level, plus `chart` (`chart["7"]` is true when
/// 图7 is available).
fn context(view: &View) -> Result<Context, NarrateError> {
    let mut context = Context::from_serialize(view).map_err(|e| NarrateError::Context(error::cause_chain(&e)))?;
    let charts: std::collections::BTreeMap<String, bool> =
        (1..=7u8).map(|n| (n.to_string(), view.charts.iter().any(|c| c.number == n))).collect();
    context.insert("chart", &charts);
    Ok(context)
}

#[cfg(test)]
mod tests;
