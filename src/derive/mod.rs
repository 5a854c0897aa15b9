//! The derive stage: `&Department` → [`Facts`], every narrative figure derived exactly.
//!
//! Figures of 第二部分 (and of 第三/四部分 and the charts) come from here and nowhere else:
//! templates never compute, and nothing is typed by hand. Every figure keeps its provenance.
//! This stage does not check identities between tables (that is `check`) and does not choose
//! wording (that is `narrate`).
//!
//! Arithmetic is `Decimal` throughout; rounding only through [`crate::money::round_half_up`]
//! (half away from zero), only for presentation. Module map: [`shares`] (largest remainder),
//! [`change`] (year-on-year), [`budget`] (完成预算), [`glossary`] (名词解释), [`charts`] (图1–7),
//! [`reasons`] (needed explanations), [`text`] (the `juesuan facts` listing); one module per
//! report section for the rest ([`summary`] 一–四, [`general`] 五, [`basic`] 六,
//! [`three_public`] 七, [`funds`] 八/九, [`other`] 十 and texts).
//!
//! # Rules
//! - **Shares** of one list (each pie, each “其中” list) are computed exactly over the sum of
//!   the list and rounded by the largest-remainder method to hundredths of a percent, so they
//!   add up to exactly 100.00; ties go to the earlier member; zero members stay 0.00; a zero
//!   sum gives 0.00 everywhere (and the pie is omitted). Pies carry the same shares ÷ 100.
//!   A lone ratio (一般公共预算 ÷ 本年支出合计, 中小企业 ÷ 采购总额) is rounded half-up.
//! - **Changes** are computed on unrounded values: |Δ| < 0.005 万元 → 持平 (0 → 0 included);
//!   0 → x → 上年无 (no percentage); x → 0 → 减少 100%; pct = Δ ÷ |prior| × 100, rounded
//!   half-up at 2 decimals. No prior figure → 缺少上年数.
//! - **Completion** = actual ÷ budget × 100 (half-up, 2 decimals); |actual − budget| < 0.005 →
//!   等于 (rate exactly 100.00); zero budget → no rate; unknown budget → 未知, no rate, and the
//!   sentence omits the clause.
//! - **needs_reason**: a change beyond `change_threshold_pct` (strictly, unrounded), any
//!   上年无, any change of 收支总计; a known budget that differs from the actual (项, 三公).
//!   The reason text comes from the 说明材料 label named in `reason_label`.

pub mod basic;
pub mod budget;
pub mod change;
pub mod charts;
pub mod evaluation;
pub mod facts;
pub mod funds;
pub mod general;
pub mod glossary;
pub mod other;
pub mod prior;
pub mod reasons;
pub mod shares;
pub mod source;
pub mod summary;
pub mod text;
pub mod three_public;

pub use facts::*;
pub use text::render_text;

use crate::findings::Finding;
use crate::model::{Book, Department};
use rust_decimal::Decimal;
use serde::Serialize;

/// Options of the derive stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeriveOptions {
    /// A year-on-year change whose |percentage| exceeds this (in %) needs a reason.
    /// 收支总计 needs one for any change. Default 10.
    pub change_threshold_pct: Decimal,
}

impl Default for DeriveOptions {
    fn default() -> Self {
        DeriveOptions { change_threshold_pct: Decimal::TEN }
    }
}

/// What every section builder sees: the inputs, the options and the findings so far.
pub struct Ctx<'a> {
    /// This year's book.
    pub book: &'a Book,
    /// Last year's book, when given.
    pub prior: Option<&'a Book>,
    /// Options.
    pub opts: &'a DeriveOptions,
    /// Findings raised while deriving.
    pub findings: Vec<Finding>,
}

impl Ctx<'_> {
    /// A year-on-year change with its reason from 说明材料 `reason_label`.
    pub fn change(&mut self, current: Decimal, prior: Option<Figure>, always: bool, reason_label: &str) -> Change {
        let rule = change::ChangeRule { threshold_pct: self.opts.change_threshold_pct, always, reason_label: Some(reason_label) };
        change::change(current, prior, &rule, source::note_text(self.book, reason_label))
    }
}

/// Derives every figure of the report from a department's tables, 说明材料 and prior year.
///
/// Never panics and never fails: what cannot be derived is `None`/unknown in the facts, and
/// approximations or gaps are reported in [`Facts::findings`].
///
/// ```
/// use juesuan::derive::{derive, DeriveOptions};
/// use juesuan::model::Department;
/// let dept = Department { book: juesuan::testkit::sample_book(), prior: None };
/// let facts = derive(&dept, &DeriveOptions::default());
/// assert_eq!(facts.income.total.display, "889.16");
/// assert_eq!(facts.charts.len(), 7);
/// ```
pub fn derive(dept: &Department, opts: &DeriveOptions) -> Facts {
    let mut ctx = Ctx { book: &dept.book, prior: dept.prior.as_ref(), opts, findings: Vec::new() };
    let general_budget = general::general_budget(&mut ctx);
    let gov_fund = funds::gov_fund(&mut ctx);
    let state_capital = funds::state_capital(&mut ctx);
    let subjects = used_subjects(&general_budget, &gov_fund, &state_capital);
    let mut facts = Facts {
        meta: other::meta(&ctx),
        texts: other::texts(ctx.book),
        overview: summary::overview(&mut ctx),
        income: summary::income(&mut ctx),
        expenditure: summary::expenditure(&mut ctx),
        fiscal: summary::fiscal(&mut ctx),
        basic: basic::basic(&ctx),
        three_public: three_public::three_public(&mut ctx),
        running_cost: other::running_cost(&mut ctx),
        general_spending: other::general_spending(&mut ctx),
        procurement: other::procurement(&mut ctx),
        assets: other::assets(&mut ctx),
        performance: other::performance(ctx.book),
        evaluation: None,
        glossary: glossary::glossary(&subjects, ctx.book, &mut ctx.findings),
        general_budget,
        gov_fund,
        state_capital,
        charts: Vec::new(),
        reasons: Vec::new(),
        findings: Vec::new(),
    };
    facts.evaluation = evaluation::evaluation(ctx.book, &facts.income.total, &facts.expenditure.total, facts.expenditure.end_balance.as_ref(), &mut ctx.findings);
    facts.charts = charts::charts(&facts);
    facts.reasons = reasons::reasons(&facts);
    ctx.findings.extend(reasons::missing_reason_findings(&facts.reasons));
    ctx.findings.extend(reasons::missing_prior_finding(&facts));
    facts.findings = dedup(ctx.findings);
    facts
}

/// Findings without repeats (same rule and message), in first-seen order.
fn dedup(findings: Vec<Finding>) -> Vec<Finding> {
    let mut seen = std::collections::BTreeSet::new();
    findings.into_iter().filter(|f| seen.insert((f.rule.clone(), f.message.clone()))).collect()
}

/// The facts as pretty-printed JSON (what `juesuan facts --json` prints; Decimals as strings,
/// provenance included).
///
/// # Errors
/// Only if serde_json fails to serialise, which the facts' types do not provoke.
pub fn to_json(facts: &Facts) -> serde_json::Result<String> {
    serde_json::to_string_pretty(facts)
}

/// The 项 used by the department (表06 items, then 表10/12 subjects), unique, in code order.
fn used_subjects(g: &GeneralBudget, gf: &FundSpending, sc: &FundSpending) -> Vec<glossary::UsedSubject> {
    let mut m = std::collections::BTreeMap::new();
    for i in &g.items {
        m.entry(i.code.clone()).or_insert_with(|| (i.name.clone(), i.path.clone()));
    }
    for s in gf.subjects.iter().chain(&sc.subjects).filter(|s| s.code.len() == 7) {
        m.entry(s.code.clone()).or_insert_with(|| (s.name.clone(), s.path.clone()));
    }
    m.into_iter().map(|(code, (name, path))| glossary::UsedSubject { code, name, path }).collect()
}

#[cfg(test)]
mod tests;
