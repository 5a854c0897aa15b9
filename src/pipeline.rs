//! One department through the whole pipeline: check → derive → narrate → write.
//!
//! `generate`, `batch` and the benchmark all call [`build_report`], so a report is made the
//! same way everywhere. Reading stays with the caller ([`crate::read`]).

use crate::batch::{Failure, Job, KeyFigure, Processor, Product};
use crate::derive::{self, DeriveOptions, Facts};
use crate::doc::Document;
use crate::findings::{Finding, Severity};
use crate::model::Department;
use crate::narrate::{self, Templates, View};
use crate::{check, read, write};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// Options of one report.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Generate despite check 错误; the report is then marked 草稿.
    pub force: bool,
    /// Options of the derive stage (change threshold).
    pub derive: DeriveOptions,
}

/// Everything one run produced.
#[derive(Debug)]
pub struct Report {
    /// All findings: check, derive, and one per placeholder left in the text.
    pub findings: Vec<Finding>,
    /// The derived figures.
    pub facts: Facts,
    /// The narrative document.
    pub document: Document,
    /// Placeholders left in the text (【请补充：…】), each once, in order.
    pub placeholders: Vec<String>,
    /// The DOCX bytes.
    pub docx: Vec<u8>,
}

/// Why no report was produced.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The input could not be read.
    #[error(transparent)]
    Read(#[from] read::ReadError),
    /// check found 错误 and `--force` was not given.
    #[error("校验发现 {} 个错误，未生成报告；请先更正附表后重新生成（或使用 --force 生成草稿）", count_errors(.0))]
    Refused(Vec<Finding>),
    /// A template failed.
    #[error(transparent)]
    Narrate(#[from] narrate::NarrateError),
    /// The DOCX could not be written.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

fn count_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.severity == Severity::Error).count()
}

/// Rules of `derive` that always repeat a `check` rule (check names the same gap with its
/// cells): dropped when both stages run, so a reviewer sees each problem once.
const DERIVE_DUPLICATES_OF_CHECK: [&str; 2] = ["DERIVE-PRIOR-MISSING", "DERIVE-RUNNING-COST"];

/// All findings of a department: check's, plus derive's own without those check already
/// reports. A missing-reason 警告 of derive is kept only when it names a 说明材料 label that no
/// check finding names already (a need without a label to fill is not actionable: the text
/// states such figures without a reason clause). Sorted by severity, stable.
pub fn findings(dept: &Department, facts: &Facts) -> Vec<Finding> {
    let mut all = check::check(dept);
    let repeats_check = |f: &Finding| match f.rule.as_str() {
        "DERIVE-REASON-MISSING" => quoted_label(&f.message).is_none_or(|label| all.iter().any(|c| c.message.contains(label))),
        rule => DERIVE_DUPLICATES_OF_CHECK.contains(&rule),
    };
    let extra: Vec<Finding> = facts.findings.iter().filter(|f| !repeats_check(f)).cloned().collect();
    all.extend(extra);
    all.sort_by_key(|f| f.severity);
    all
}

/// The first 错误 of a refused department, with its rule and cell, for the batch line and the
/// 失败原因 column: `：T01-BALANCE 收入总计应等于支出总计…（01.xlsx › 公开01表!F34）；另有 2 个错误…`.
pub fn first_error(findings: &[Finding]) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    let Some(first) = errors.first() else { return String::new() };
    let cells: Vec<String> = first.locations.iter().filter_map(|l| l.at.as_ref().map(|at| at.to_string())).collect();
    let mut s = format!("：{} {}", first.rule, first.message);
    if !cells.is_empty() {
        s.push_str(&format!("（{}）", cells.join("；")));
    }
    if errors.len() > 1 {
        s.push_str(&format!("；另有 {} 个错误，见 汇总.xlsx 问题清单", errors.len() - 1));
    }
    s
}

/// The 说明材料 label a message names as `“标签”`, if any.
fn quoted_label(message: &str) -> Option<&str> {
    let start = message.rfind('“')? + '“'.len_utf8();
    let len = message[start..].find('”')?;
    Some(&message[start..start + len])
}

/// Builds a report from a department that has been read.
///
/// # Errors
/// [`PipelineError::Refused`] on check 错误 without `settings.force`; template and write errors.
pub fn build_report(dept: &Department, templates: &Templates, settings: &Settings) -> Result<Report, PipelineError> {
    let facts = derive::derive(dept, &settings.derive);
    let mut findings = findings(dept, &facts);
    let errors = count_errors(&findings);
    if errors > 0 && !settings.force {
        return Err(PipelineError::Refused(findings));
    }
    let mut view = View::from_facts(&facts);
    view.draft = errors > 0;
    let mut document = narrate::narrate(&view, templates)?;
    document.draft = errors > 0;
    let placeholders = narrate::placeholders(&document);
    findings.extend(narrate::placeholder_findings(&document));
    let docx = write::render_docx(&document, &dept.book)?;
    Ok(Report { findings, facts, document, placeholders, docx })
}

/// The figures a finance bureau compares across departments (batch 汇总.xlsx columns).
pub fn key_figures(facts: &Facts) -> Vec<KeyFigure> {
    // Rounded as the report prints them (元 tables give 万元 with up to 6 decimals).
    let f = |label: &str, v: Option<Decimal>| KeyFigure { label: label.to_string(), value: v.map(|v| crate::money::round_half_up(v, 2)) };
    let tp = &facts.three_public;
    vec![
        f("收入总计", Some(facts.overview.income_grand_total.value)),
        f("收入总计变动", facts.overview.income_change.delta.as_ref().map(|d| d.value)),
        f("本年收入合计", Some(facts.income.total.value)),
        f("本年支出合计", Some(facts.expenditure.total.value)),
        f("基本支出", part(&facts.expenditure.parts, "basic")),
        f("项目支出", part(&facts.expenditure.parts, "project")),
        f("财政拨款支出总计", Some(facts.fiscal.expenditure_grand_total.value)),
        f("一般公共预算财政拨款支出", Some(facts.general_budget.total.value)),
        f("“三公”经费", Some(tp.total.actual.value)),
        f("“三公”经费变动", tp.total.change.delta.as_ref().map(|d| d.value)),
    ]
    .into_iter()
    .chain(form_figures(facts))
    .collect()
}

/// The 绩效自评表 columns of 汇总.xlsx: 项目数, 平均得分 (of the forms with a 合计 得分) and
/// 执行率低于90%的项目数 (总额 预算执行数 ÷ 调整后预算数, the threshold of rule PERF-REASON);
/// all blank when there are no forms.
/// Their labels are [`crate::batch::summary::COUNT_FIGURES`] (not 万元).
pub fn form_figures(facts: &Facts) -> Vec<KeyFigure> {
    let forms = &facts.performance.forms;
    let some = |v: Decimal| (!forms.is_empty()).then_some(v);
    let scores: Vec<Decimal> = forms.iter().filter_map(|f| f.score.as_deref().and_then(|s| s.trim().parse::<Decimal>().ok())).collect();
    let average = (!scores.is_empty()).then(|| crate::money::round_half_up(scores.iter().sum::<Decimal>() / Decimal::from(scores.len()), 2));
    let low = forms
        .iter()
        .filter(|f| match (&f.adjusted, &f.actual) {
            (Some(a), x) if !a.value.is_zero() => x.as_ref().map_or(Decimal::ZERO, |x| x.value) / a.value * Decimal::ONE_HUNDRED < Decimal::from(90),
            _ => false,
        })
        .count();
    vec![
        KeyFigure { label: "项目数".into(), value: some(Decimal::from(forms.len())) },
        KeyFigure { label: "平均得分".into(), value: average },
        KeyFigure { label: "执行率低于90%的项目数".into(), value: some(Decimal::from(low)) },
    ]
}

fn part(parts: &[derive::Part], key: &str) -> Option<Decimal> {
    parts.iter().find(|p| p.key == key).map(|p| p.amount.value)
}

/// Everything besides the inputs that a report depends on: tool version, templates, options.
/// Part of every batch input hash, so changing a template regenerates every report.
pub fn salt(templates: &Templates, settings: &Settings) -> String {
    let mut s = format!("juesuan {}|force={}|threshold={}", env!("CARGO_PKG_VERSION"), settings.force, settings.derive.change_threshold_pct);
    for name in templates.names() {
        s.push('|');
        s.push_str(name);
        s.push('=');
        s.push_str(templates.source(name).unwrap_or(""));
    }
    s
}

/// The pipeline as the batch runner uses it.
pub struct BatchProcessor {
    templates: Templates,
    settings: Settings,
}

impl BatchProcessor {
    /// A processor with these templates and settings.
    pub fn new(templates: Templates, settings: Settings) -> Self {
        BatchProcessor { templates, settings }
    }
}

impl Processor for BatchProcessor {
    fn department_name(&self, input: &Path) -> Result<String, String> {
        // Name only: a prior year with a bad amount is still matched, and then fails with its cell.
        read::read_meta(input).map(|m| m.department).map_err(|e| narrate::error::cause_chain(&e))
    }

    fn process(&self, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Result<Product, Failure> {
        let fail = |department: Option<String>, e: &dyn std::error::Error, findings: Vec<Finding>| Failure {
            department,
            message: narrate::error::cause_chain(e),
            findings,
        };
        let book = read::read_book(&job.input).map_err(|e| fail(None, &e, vec![]))?;
        let name = book.meta.department.clone();
        let prior_path = prior_for(&name);
        let prior = match &prior_path {
            Some(p) => Some(read::read_book(p).map_err(|e| {
                let mut f = fail(Some(name.clone()), &e, vec![]);
                f.message = format!("{}{}", crate::batch::prior_unreadable(p), f.message);
                f
            })?),
            None => None,
        };
        let dept = Department { book, prior };
        let report = build_report(&dept, &self.templates, &self.settings).map_err(|e| match e {
            PipelineError::Refused(findings) => {
                let detail = first_error(&findings);
                let mut f = fail(Some(name.clone()), &PipelineError::Refused(findings.clone()), findings);
                f.message.push_str(&detail);
                f
            }
            other => fail(Some(name.clone()), &other, vec![]),
        })?;
        Ok(Product {
            department: name,
            facts_json: serde_json::to_string(&report.facts).unwrap_or_default(),
            figures: key_figures(&report.facts),
            draft: report.document.draft,
            placeholders: report.placeholders,
            findings: report.findings,
            docx: report.docx,
            prior: prior_path,
        })
    }
}
