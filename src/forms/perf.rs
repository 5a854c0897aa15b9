//! 部门预算项目支出绩效自评表 (also titled 项目支出绩效自评表, with or without `（2023年度）`),
//! as the performance system exports it: one form per sheet (or several stacked in one
//! sheet), recognised by its title text whatever the sheet or file is called.
//!
//! Labels sit in merged cells of varying width, so every label is found by its text
//! ([`LABELS`]: one concept, its aliases) and its value is the next filled cell to the right
//! (项目名称, 主管部门, 评价结论 …), the cells under a column header (项目年度目标 ·
//! 年度目标完成情况) or the cell of a row label under a column header (预算执行情况,
//! 绩效指标). A blank cell is "not given" (`None`), a printed `0.00` is zero. Anything that
//! cannot be placed is an error at its cell.

use crate::read::ReadError;
use crate::workbook::{Cell, Grid};
use crate::read::layout;
use std::sync::LazyLock;
use crate::model::*;
use crate::money;
use rust_decimal::Decimal;

/// What a label cell of the form means: layout.txt 自评表 names each by its variant name
/// (`Fund(Fiscal)`) with the label texts that mean it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[rustfmt::skip]
pub(crate) enum Concept {
    Name, Department, Unit, Basic, GoalSection, Goal, Achieved, Process,
    BudgetSection, BudgetHead, Initial, Adjusted, Actual, Rate, Weight, Score, Reason, Fund(FormFund),
    IndicatorSection, Level1, Level2, Level3, Nature, Target, MeasureUnit, Done, Shortfall, Total,
    Conclusion, Problems, Measures, ProjectLead, FinanceLead,
}

use Concept as C;

/// The form's label vocabulary (layout.txt 自评表): each concept with its texts after
/// [`label_key`] (white space, full/half-width, a leading `1.`/`其中：`, a trailing
/// `（10分）`/`（万元）`/`（盖章）` ignored).
pub(crate) static LABELS: LazyLock<Vec<(Concept, Vec<String>)>> = LazyLock::new(|| {
    use FormFund as F;
    #[rustfmt::skip]
    let all = [C::Name, C::Department, C::Unit, C::Basic, C::GoalSection, C::Goal, C::Achieved, C::Process, C::BudgetSection, C::BudgetHead, C::Initial, C::Adjusted, C::Actual, C::Rate, C::Weight, C::Score, C::Reason,
        C::Fund(F::Total), C::Fund(F::Fiscal), C::Fund(F::SpecialAccount), C::Fund(F::Unit), C::Fund(F::Other), C::IndicatorSection, C::Level1, C::Level2, C::Level3, C::Nature, C::Target, C::MeasureUnit, C::Done, C::Shortfall, C::Total,
        C::Conclusion, C::Problems, C::Measures, C::ProjectLead, C::FinanceLead];
    let concept = |name: &str| all.into_iter().find(|c| format!("{c:?}") == name);
    layout::lines("自评表").filter_map(|f| Some((concept(f.first()?.first()?)?, f.get(1)?.iter().map(|a| label_key(a)).collect()))).collect()
});

/// Removes a trailing `(…)` group.
fn strip_paren_suffix(s: &str) -> &str {
    if let Some(body) = s.strip_suffix(')') {
        if let Some(i) = body.rfind('(') {
            if i > 0 {
                return &body[..i];
            }
        }
    }
    s
}

/// The comparison key of a label: [`normalize_label`], a leading `1.`/`2、`/`其中:` and a
/// trailing bracket group removed.
///
/// ```ignore
/// assert_eq!(label_key("预算执行情况（10分）"), "预算执行情况");
/// ```
pub(crate) fn label_key(text: &str) -> String {
    let n = normalize_label(text);
    let mut s = n.as_str();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix('、')) {
            s = r;
        }
    }
    let s = s.strip_prefix("其中:").unwrap_or(s);
    strip_paren_suffix(s).to_string()
}

/// The concept of a label text, if it is one.
pub(crate) fn concept(text: &str) -> Option<Concept> {
    let key = label_key(text);
    if key.is_empty() {
        return None;
    }
    LABELS.iter().find(|(_, aliases)| aliases.contains(&key)).map(|(c, _)| *c)
}

/// Title key: normalised, a leading `20XX年度`/`20XX年` and a trailing `(20XX年度)` removed.
fn title_key(text: &str) -> String {
    let n = normalize_label(text);
    let mut s = n.as_str();
    if s.len() > 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        let rest = &s[4..];
        s = rest.strip_prefix("年度").or_else(|| rest.strip_prefix('年')).unwrap_or(s);
    }
    let s = if let Some(body) = s.strip_suffix(')') {
        match body.rfind('(') {
            Some(i) if body[i + 1..].starts_with("20") && (body[i + 1..].ends_with('度') || body[i + 1..].ends_with('年')) => &body[..i],
            _ => s,
        }
    } else {
        s
    };
    s.to_string()
}

/// True if the text is a form title.
pub(crate) fn is_title(text: &str) -> bool {
    let k = title_key(text);
    layout::words("自评表标题").any(|t| t == k)
}

/// Rows of the form titles in a sheet: the first within the sheet's first twenty rows (a title
/// is a whole cell, so a 说明材料 text mentioning a form is never taken for one), further ones
/// anywhere below.
pub(crate) fn title_rows(g: &Grid) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for r in 0..g.height() {
        if out.is_empty() && r >= 20 {
            break;
        }
        for c in 0..g.width.min(16) {
            if matches!(g.cell(r, c), Cell::Text(_)) && is_title(&g.text(r, c)) {
                out.push((r, c));
                break;
            }
        }
    }
    out
}

/// Splits the system's project code from a name: `51090423T000008810877-春节慰问费（2023）` →
/// (`51090423T000008810877`, `春节慰问费（2023）`). A code is at least eight ASCII letters/digits,
/// six of them digits, followed by `-`, `－`, `—`, `_` or a space.
///
/// ```
/// let (code, name) = juesuan::read::split_project_code("51090423T000008810877-春节慰问费（2023）");
/// assert_eq!(code.as_deref(), Some("51090423T000008810877"));
/// assert_eq!(name, "春节慰问费（2023）");
/// ```
pub fn split_code(full: &str) -> (Option<String>, String) {
    let t = full.trim();
    let head_len = t.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let head = &t[..head_len];
    let rest = &t[head_len..];
    let digits = head.bytes().filter(u8::is_ascii_digit).count();
    if head_len >= 8 && digits >= 6 {
        for sep in ['-', '－', '—', '_', ' ', '\u{3000}'] {
            if let Some(name) = rest.strip_prefix(sep) {
                let name = name.trim_start_matches(['-', '－', '—', ' ']).trim();
                if !name.is_empty() {
                    return (Some(head.to_string()), name.to_string());
                }
            }
        }
    }
    (None, t.to_string())
}

/// A label found in the form.
#[derive(Clone, Copy, Debug)]
struct Hit {
    row: u32,
    col: u32,
    concept: Concept,
}

struct Form<'a> {
    g: &'a Grid,
    rows: std::ops::Range<u32>,
    hits: Vec<Hit>,
}

fn bad(at: CellRef, what: impl Into<String>) -> ReadError {
    ReadError::BadNote { at, what: what.into() }
}

impl<'a> Form<'a> {
    fn new(g: &'a Grid, rows: std::ops::Range<u32>) -> Self {
        let mut hits = Vec::new();
        for r in rows.clone() {
            for c in 0..g.width {
                if let Cell::Text(t) = g.cell(r, c) {
                    let head = t.split(['：', ':']).next().unwrap_or("");
                    let lead = match concept(head) {
                        Some(k @ (C::ProjectLead | C::FinanceLead)) => Some(k),
                        _ => None,
                    };
                    if let Some(k) = lead.or_else(|| concept(t)) {
                        hits.push(Hit { row: r, col: c, concept: k });
                    }
                }
            }
        }
        Form { g, rows, hits }
    }

    fn first(&self, k: Concept) -> Option<Hit> {
        self.hits.iter().copied().find(|h| h.concept == k)
    }

    fn is_label(&self, r: u32, c: u32) -> bool {
        self.hits.iter().any(|h| h.row == r && h.col == c)
    }

    /// The first filled cell right of (r, c) that is not a label.
    fn right_of(&self, r: u32, c: u32) -> Option<FormText> {
        for cc in c + 1..self.g.width {
            if self.g.text(r, cc).is_empty() {
                continue;
            }
            if self.is_label(r, cc) {
                return None;
            }
            return Some(FormText { text: self.g.value_text(r, cc), at: self.g.at(r, cc) });
        }
        None
    }

    fn value_of(&self, k: Concept) -> Option<FormText> {
        self.first(k).and_then(|h| self.right_of(h.row, h.col))
    }

    /// The column of concept `k` in header rows `rows` (a header may span two rows).
    fn column(&self, k: Concept, rows: std::ops::RangeInclusive<u32>) -> Option<u32> {
        self.hits.iter().find(|h| h.concept == k && rows.contains(&h.row)).map(|h| h.col)
    }

    fn text_at(&self, r: u32, c: Option<u32>) -> String {
        c.map(|c| self.g.value_text(r, c)).unwrap_or_default()
    }

    /// An amount: blank or `/` → `None`, otherwise a number (error at the cell).
    fn amount(&self, r: u32, c: Option<u32>) -> Result<Option<Amount>, ReadError> {
        let Some(c) = c else { return Ok(None) };
        let t = self.g.text(r, c);
        if t.is_empty() || t == "/" || t == "／" {
            return Ok(None);
        }
        self.g.amount(r, c, Unit::Wan).map(Some)
    }

    /// A plain number (权重, 得分): blank or `/` → `None`.
    fn number(&self, r: u32, c: Option<u32>, what: &str) -> Result<Option<FormNumber>, ReadError> {
        let Some(c) = c else { return Ok(None) };
        let at = self.g.at(r, c);
        match self.g.cell(r, c) {
            Cell::Empty => Ok(None),
            Cell::Num(f) => money::from_cell_f64(*f).map(|value| Some(FormNumber { value, at: at.clone() })).ok_or_else(|| bad(at, format!("{what}不是有效数字"))),
            Cell::Text(t) => {
                let t = t.trim();
                if t == "/" || t == "／" || t.is_empty() {
                    return Ok(None);
                }
                money::parse_amount_text(t).map(|value| Some(FormNumber { value, at: at.clone() })).ok_or_else(|| bad(at, format!("{what}应为数字，却是“{t}”")))
            }
            other => Err(bad(at, format!("{what}应为数字，却是“{}”", crate::workbook::cell_text(other)))),
        }
    }

    /// 预算执行率: `100.00%` (text) → 100.00; a number cell is a fraction (Excel percent
    /// format: 1 → 100%); text without `%` is taken as percent.
    fn rate(&self, r: u32, c: Option<u32>) -> Result<Option<FormNumber>, ReadError> {
        let Some(c) = c else { return Ok(None) };
        let at = self.g.at(r, c);
        match self.g.cell(r, c) {
            Cell::Empty => Ok(None),
            Cell::Num(f) => match money::from_cell_f64(*f) {
                Some(v) => Ok(Some(FormNumber { value: (v * Decimal::ONE_HUNDRED).normalize(), at })),
                None => Err(bad(at, "预算执行率不是有效数字")),
            },
            Cell::Text(t) => {
                let t = t.trim();
                if t == "/" || t == "／" {
                    return Ok(None);
                }
                let body = t.trim_end_matches(['%', '％']);
                let dp = body.split_once(['.', '．']).map_or(0, |(_, d)| d.chars().take_while(char::is_ascii_digit).count() as u32);
                money::parse_amount_text(body).map(|mut value| {
                    value.rescale(dp.min(6));
                    Some(FormNumber { value, at: at.clone() })
                }).ok_or_else(|| bad(at, format!("预算执行率应为百分数（如 100.00%），却是“{t}”")))
            }
            other => Err(bad(at, format!("预算执行率应为百分数，却是“{}”", crate::workbook::cell_text(other)))),
        }
    }

    fn reason(&self, r: u32, c: Option<u32>) -> Option<FormText> {
        let c = c?;
        let text = self.g.value_text(r, c);
        let key = normalize_label(&text);
        if text.is_empty() || layout::words("自评表说明").any(|m| key.contains(m)) {
            return None;
        }
        Some(FormText { text, at: self.g.at(r, c) })
    }

    /// 项目负责人 / 财务负责人: the text after the label (both may share one cell), else the
    /// next filled cell to the right.
    fn lead(&self, k: Concept) -> Option<String> {
        let (label, other) = if k == C::ProjectLead { ("项目负责人", "财务负责人") } else { ("财务负责人", "项目负责人") };
        for r in self.rows.clone() {
            for c in 0..self.g.width {
                let t = self.g.text(r, c);
                let Some(i) = t.find(label) else { continue };
                let mut after = t[i + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']).to_string();
                if let Some(j) = after.find(other) {
                    after.truncate(j);
                }
                let after = after.trim().to_string();
                if after.is_empty() {
                    return self.right_of(r, c).map(|v| v.text);
                }
                return Some(after);
            }
        }
        None
    }
}

/// Reads every form of a sheet whose [`title_rows`] are given.
pub(crate) fn read_forms(g: &Grid, titles: &[(u32, u32)]) -> Result<Vec<PerfForm>, ReadError> {
    let mut out = Vec::new();
    for (i, &(tr, tc)) in titles.iter().enumerate() {
        let end = titles.get(i + 1).map_or(g.height(), |t| t.0);
        out.extend(read_one(g, tr, tc, tr + 1..end)?);
    }
    Ok(out)
}

/// True when a form has no 项目名称 and not a single number: the blank form of `juesuan init`
/// (or an unused copy of it), skipped rather than reported.
fn is_blank(g: &Grid, rows: &std::ops::Range<u32>) -> bool {
    rows.clone().all(|r| (0..g.width).all(|c| !g.is_numeric(r, c)))
}

fn read_one(g: &Grid, tr: u32, tc: u32, rows: std::ops::Range<u32>) -> Result<Option<PerfForm>, ReadError> {
    let f = Form::new(g, rows.clone());
    let title_at = g.at(tr, tc);
    let title = g.text(tr, tc);
    let missing = |label: &str| bad(title_at.clone(), format!("（{title}）中找不到“{label}”。请保留导出时的标签文字"));

    let name_hit = f.first(C::Name).ok_or_else(|| missing("项目名称"))?;
    let Some(name_v) = f.right_of(name_hit.row, name_hit.col) else {
        if is_blank(g, &rows) {
            return Ok(None);
        }
        return Err(bad(g.at(name_hit.row, name_hit.col), "绩效自评表的“项目名称”未填写"));
    };
    let (code, name) = split_code(&name_v.text);

    // 项目年度目标 · 年度目标完成情况: side by side headers with the texts below, or labels.
    let (mut goal, mut achieved) = (None, None);
    match (f.first(C::Goal), f.first(C::Achieved)) {
        (Some(hg), Some(ha)) if hg.row == ha.row && hg.col < ha.col => {
            let stop = f.hits.iter().filter(|h| h.row > hg.row).map(|h| h.row).min().unwrap_or(rows.end);
            for r in hg.row + 1..stop {
                let pick = |from: u32, to: u32| (from..to).find(|&c| !g.text(r, c).is_empty()).map(|c| FormText { text: g.value_text(r, c), at: g.at(r, c) });
                if goal.is_none() {
                    goal = pick(hg.col, ha.col);
                }
                if achieved.is_none() {
                    achieved = pick(ha.col, g.width);
                }
            }
        }
        _ => {
            goal = f.value_of(C::Goal);
            achieved = f.value_of(C::Achieved);
        }
    }

    // 预算执行情况.
    let adj = f.first(C::Adjusted).ok_or_else(|| missing("调整后预算数"))?;
    let hr = adj.row;
    let hdr = hr.saturating_sub(1)..=hr;
    let col = |k| f.column(k, hdr.clone());
    let (ci, ca, cx, cr, cw, cs, cn) = (col(C::Initial), Some(adj.col), col(C::Actual), col(C::Rate), col(C::Weight), col(C::Score), col(C::Reason));
    if cx.is_none() {
        return Err(missing("预算执行数"));
    }
    let ind = f.hits.iter().copied().find(|h| h.concept == C::Level3 && h.row > hr).ok_or_else(|| missing("三级指标"))?;
    let mut funds = Vec::new();
    let (mut budget_weight, mut budget_score, mut budget_reason) = (None, None, None);
    for h in f.hits.iter().filter(|h| h.row > hr && h.row < ind.row) {
        let C::Fund(fund) = h.concept else { continue };
        if funds.iter().any(|x: &FormFundRow| x.fund == fund) {
            return Err(bad(g.at(h.row, h.col), format!("预算执行情况中“{}”行出现两次", fund.label())));
        }
        let r = h.row;
        funds.push(FormFundRow { fund, at: g.at(r, h.col), initial: f.amount(r, ci)?, adjusted: f.amount(r, ca)?, actual: f.amount(r, cx)?, rate: f.rate(r, cr)? });
        if fund == FormFund::Total {
            budget_weight = f.number(r, cw, "预算执行情况的权重")?;
            budget_score = f.number(r, cs, "预算执行情况的得分")?;
        }
        if budget_reason.is_none() {
            budget_reason = f.reason(r, cn);
        }
    }
    if !funds.iter().any(|x| x.fund == FormFund::Total) {
        return Err(missing("总额"));
    }

    // 绩效指标.
    let ihr = ind.row.saturating_sub(1)..=ind.row;
    let icol = |k| f.column(k, ihr.clone());
    let (c1, c2, c3) = (icol(C::Level1), icol(C::Level2), Some(ind.col));
    let (cnat, ctar, cunit, cdone, cw2, cs2, csh) = (icol(C::Nature), icol(C::Target), icol(C::MeasureUnit), icol(C::Done), icol(C::Weight), icol(C::Score), icol(C::Shortfall));
    if cw2.is_none() || cs2.is_none() {
        return Err(missing("绩效指标的权重/得分"));
    }
    let total = f.hits.iter().copied().find(|h| h.concept == C::Total && h.row > ind.row);
    let stop = total.map(|h| h.row).or_else(|| f.hits.iter().filter(|h| h.row > ind.row && matches!(h.concept, C::Conclusion | C::Problems | C::Measures)).map(|h| h.row).min()).unwrap_or(rows.end);
    let mut indicators = Vec::new();
    let (mut l1, mut l2) = (String::new(), String::new());
    for r in ind.row + 1..stop {
        let t1 = f.text_at(r, c1);
        let t2 = f.text_at(r, c2);
        if !t1.is_empty() {
            l1 = t1;
        }
        if !t2.is_empty() {
            l2 = t2;
        }
        let level3 = f.text_at(r, c3);
        let weight = f.number(r, cw2, "指标权重")?;
        let score = f.number(r, cs2, "指标得分")?;
        if level3.is_empty() && weight.is_none() && score.is_none() {
            continue;
        }
        let reason = csh.and_then(|c| {
            let t = g.value_text(r, c);
            (!t.is_empty()).then(|| FormText { text: t, at: g.at(r, c) })
        });
        indicators.push(FormIndicator {
            level1: l1.clone(),
            level2: l2.clone(),
            level3,
            nature: f.text_at(r, cnat),
            target: f.text_at(r, ctar),
            unit: f.text_at(r, cunit),
            done: f.text_at(r, cdone),
            weight,
            score,
            reason,
            at: g.at(r, ind.col),
        });
    }
    let (mut total_weight, mut total_score) = (None, None);
    if let Some(t) = total {
        total_weight = f.number(t.row, cw2, "合计权重")?;
        total_score = f.number(t.row, cs2, "合计得分")?;
        if total_weight.is_none() && total_score.is_none() {
            // 合计 merged across to the left of the numbers: the first two numbers after it.
            let nums: Vec<u32> = (t.col + 1..g.width).filter(|&c| g.is_numeric(t.row, c)).take(2).collect();
            total_weight = f.number(t.row, nums.first().copied(), "合计权重")?;
            total_score = f.number(t.row, nums.get(1).copied(), "合计得分")?;
        }
    }

    Ok(Some(PerfForm {
        title,
        title_at,
        code,
        name,
        name_at: name_v.at,
        department: f.value_of(C::Department),
        unit: f.value_of(C::Unit),
        goal,
        achieved,
        process: f.value_of(C::Process),
        funds,
        budget_weight,
        budget_score,
        budget_reason,
        indicators,
        total_weight,
        total_score,
        conclusion: f.value_of(C::Conclusion),
        problems: f.value_of(C::Problems),
        measures: f.value_of(C::Measures),
        project_lead: f.lead(C::ProjectLead),
        finance_lead: f.lead(C::FinanceLead),
    }))
}

#[cfg(test)]
mod tests;
