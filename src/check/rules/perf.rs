//! 绩效自评表 rules: each form's own arithmetic (执行率, 总额, weights, scores), missing
//! reasons, the forms against the tables (财政资金 执行数 ≤ 财政拨款项目支出) and the forms
//! against the `项目绩效` sheet. The forms come from the performance system, not from the
//! 决算 export, so a failed identity is a 警告 (the report prints the form as given).

use super::rid;
use crate::findings::{Finding, Severity};
use crate::model::{normalize_label, Amount, Book, Col, FormFund, FormNumber, PerfForm};
use rust_decimal::Decimal;

/// The share of 调整后预算数 below which a 原因 is required (percent).
pub(crate) const LOW_RATE: Decimal = Decimal::from_parts(90, 0, 0, false, 0);
/// 预算执行情况 weight.
const BUDGET_WEIGHT: Decimal = Decimal::from_parts(10, 0, 0, false, 0);
/// 绩效指标 weight.
const INDICATOR_WEIGHT: Decimal = Decimal::from_parts(90, 0, 0, false, 0);

/// Runs the 绩效自评表 rules.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &book.forms {
        rate(f, &mut out);
        fund_sum(f, &mut out);
        weights(f, &mut out);
        scores(f, &mut out);
        reasons(f, &mut out);
    }
    fiscal(book, &mut out);
    matching(book, &mut out);
    duplicates(book, &mut out);
    out
}

/// Two forms of one project (same system code, or same name when either has no code): a sheet
/// copied twice would be counted and printed twice — an error naming both title cells.
fn duplicates(book: &Book, out: &mut Vec<Finding>) {
    for (i, a) in book.forms.iter().enumerate() {
        let same = |b: &&PerfForm| match (&a.code, &b.code) {
            (Some(x), Some(y)) => x == y,
            _ => normalize_label(&a.name) == normalize_label(&b.name),
        };
        if let Some(b) = book.forms[..i].iter().find(same) {
            let msg = format!("{}重复出现（{} 与 {}）：同一项目的自评表会被重复计数和印出，请删去重复的一张", tag(a), b.title_at, a.title_at);
            out.push(Finding::new(Severity::Error, rid("PERF-DUPLICATE"), msg).at("自评表", Some(b.title_at.clone()), None).at("自评表", Some(a.title_at.clone()), None));
        }
    }
}

fn tag(f: &PerfForm) -> String {
    format!("自评表“{}”", f.name)
}

/// The 执行率 computed from a row, percent, when 调整后预算数 is non-zero.
pub(crate) fn computed_rate(adjusted: Option<&Amount>, actual: Option<&Amount>) -> Option<Decimal> {
    let a = adjusted?.value;
    let x = actual.map_or(Decimal::ZERO, |x| x.value);
    (!a.is_zero()).then(|| x / a * Decimal::ONE_HUNDRED)
}

/// 预算执行率 = 预算执行数 ÷ 调整后预算数, to the printed rounding (half a unit of the last
/// printed decimal; a rate stored as a number is compared to 0.01 percentage points).
fn rate(f: &PerfForm, out: &mut Vec<Finding>) {
    for row in &f.funds {
        let (Some(printed), Some(calc)) = (row.rate.as_ref(), computed_rate(row.adjusted.as_ref(), row.actual.as_ref())) else { continue };
        let dp = printed.value.scale().min(4);
        let tolerance = Decimal::new(5, dp + 1).max(Decimal::new(5, 3));
        let diff = printed.value - calc;
        if diff.abs() > tolerance {
            let shown = crate::money::round_half_up(calc, dp.max(2));
            let msg = format!("{} {}的预算执行率印为{}%，按预算执行数÷调整后预算数应为{}%；请核对", tag(f), row.fund.label(), printed.value.normalize(), shown);
            out.push(Finding::new(Severity::Warning, rid("PERF-RATE"), msg)
                .at(format!("{} {} 预算执行率", tag(f), row.fund.label()), Some(printed.at.clone()), Some(printed.value))
                .at(format!("{} {} 预算执行数", tag(f), row.fund.label()), row.actual.as_ref().map(|a| a.at.clone()), row.actual.as_ref().map(|a| a.value))
                .at(format!("{} {} 调整后预算数", tag(f), row.fund.label()), row.adjusted.as_ref().map(|a| a.at.clone()), row.adjusted.as_ref().map(|a| a.value))
                .diff(diff));
        }
    }
}

/// 总额 = 财政资金 + 财政专户管理资金 + 单位资金 + 其他资金, for each amount column.
fn fund_sum(f: &PerfForm, out: &mut Vec<Finding>) {
    let Some(total) = f.fund(FormFund::Total) else { return };
    let parts: Vec<_> = f.funds.iter().filter(|r| r.fund != FormFund::Total).collect();
    if parts.is_empty() {
        return;
    }
    type Pick = fn(&crate::model::FormFundRow) -> Option<&Amount>;
    let cols: [(&str, Pick); 3] = [("年初预算", |r| r.initial.as_ref()), ("调整后预算数", |r| r.adjusted.as_ref()), ("预算执行数", |r| r.actual.as_ref())];
    for (name, pick) in cols {
        let Some(t) = pick(total) else { continue };
        let sum: Decimal = parts.iter().filter_map(|r| pick(r)).map(|a| a.value).sum();
        if sum != t.value {
            let msg = format!("{} 总额的{}{}万元不等于各资金行之和{}万元；请核对", tag(f), name, t.value.normalize(), sum.normalize());
            out.push(Finding::new(Severity::Warning, rid("PERF-FUND-SUM"), msg).at(format!("{} 总额 {name}", tag(f)), Some(t.at.clone()), Some(t.value)).at("各资金行之和", None, Some(sum)).diff(t.value - sum));
        }
    }
}

fn num(n: &Option<FormNumber>) -> Option<Decimal> {
    n.as_ref().map(|x| x.value)
}

/// 预算执行情况 10 + 绩效指标 90 = 合计 100.
fn weights(f: &PerfForm, out: &mut Vec<Finding>) {
    let ind: Decimal = f.indicators.iter().filter_map(|i| num(&i.weight)).sum();
    let budget = num(&f.budget_weight);
    let mut bad = Vec::new();
    if budget.is_some_and(|b| b != BUDGET_WEIGHT) || budget.is_none() {
        bad.push(format!("预算执行情况权重为{}（应为10）", budget.map_or("空白".into(), |b| b.normalize().to_string())));
    }
    if ind != INDICATOR_WEIGHT {
        bad.push(format!("各绩效指标权重之和为{}（应为90）", ind.normalize()));
    }
    if let Some(t) = num(&f.total_weight) {
        if t != BUDGET_WEIGHT + INDICATOR_WEIGHT {
            bad.push(format!("合计权重为{}（应为100）", t.normalize()));
        }
    }
    if !bad.is_empty() {
        let msg = format!("{} 权重不符合“预算执行10分＋绩效指标90分＝100分”：{}", tag(f), bad.join("，"));
        let at = f.total_weight.as_ref().or(f.budget_weight.as_ref()).map(|x| x.at.clone()).or_else(|| Some(f.title_at.clone()));
        out.push(Finding::new(Severity::Warning, rid("PERF-WEIGHTS"), msg).at(format!("{} 合计权重", tag(f)), at, num(&f.total_weight)).at("预算执行情况权重", f.budget_weight.as_ref().map(|x| x.at.clone()), budget).at("各绩效指标权重之和", None, Some(ind)));
    }
}

/// Each 得分 ≤ its 权重; 合计 得分 = 预算执行得分 + 各指标得分.
fn scores(f: &PerfForm, out: &mut Vec<Finding>) {
    let mut pairs: Vec<(String, &Option<FormNumber>, &Option<FormNumber>)> = vec![("预算执行情况".into(), &f.budget_weight, &f.budget_score)];
    pairs.extend(f.indicators.iter().map(|i| (format!("指标“{}”", i.level3), &i.weight, &i.score)));
    for (what, w, s) in pairs {
        if let (Some(w), Some(s)) = (w, s) {
            if s.value > w.value {
                let msg = format!("{} {}得分{}大于权重{}", tag(f), what, s.value.normalize(), w.value.normalize());
                out.push(Finding::new(Severity::Warning, rid("PERF-SCORE-MAX"), msg).at(format!("{} {what} 得分", tag(f)), Some(s.at.clone()), Some(s.value)).at(format!("{} {what} 权重", tag(f)), Some(w.at.clone()), Some(w.value)));
            }
        }
    }
    if let Some(t) = &f.total_score {
        let sum = num(&f.budget_score).unwrap_or_default() + f.indicators.iter().filter_map(|i| num(&i.score)).sum::<Decimal>();
        if sum != t.value {
            let msg = format!("{} 合计得分{}不等于预算执行得分与各指标得分之和{}", tag(f), t.value.normalize(), sum.normalize());
            out.push(Finding::new(Severity::Warning, rid("PERF-SCORE-SUM"), msg).at(format!("{} 合计得分", tag(f)), Some(t.at.clone()), Some(t.value)).at("预算执行得分＋各指标得分", None, Some(sum)).diff(t.value - sum));
        }
    }
}

/// 执行率 < 90% or 得分 < 权重 without a 原因 / 未完成原因分析.
fn reasons(f: &PerfForm, out: &mut Vec<Finding>) {
    if f.budget_reason.is_none() {
        let total = f.fund(FormFund::Total);
        let rate = total.and_then(|t| t.rate.as_ref().map(|r| r.value).or_else(|| computed_rate(t.adjusted.as_ref(), t.actual.as_ref())));
        let low = rate.is_some_and(|r| r < LOW_RATE);
        let lost = matches!((num(&f.budget_weight), num(&f.budget_score)), (Some(w), Some(s)) if s < w);
        if low || lost {
            let why = if low { format!("预算执行率{}%低于90%", rate.unwrap_or_default().normalize()) } else { "预算执行得分低于权重".to_string() };
            let msg = format!("{} {}，但“原因”未填写；请在自评表中说明原因", tag(f), why);
            let at = total.and_then(|t| t.rate.as_ref().map(|r| r.at.clone()).or_else(|| t.actual.as_ref().map(|a| a.at.clone())));
            out.push(Finding::new(Severity::Warning, rid("PERF-REASON"), msg).at(format!("{} 总额 预算执行率", tag(f)), at, rate));
        }
    }
    for i in &f.indicators {
        if let (Some(w), Some(s)) = (&i.weight, &i.score) {
            if s.value < w.value && i.reason.is_none() {
                let msg = format!("{} 指标“{}”得分{}低于权重{}，但“未完成原因分析”未填写", tag(f), i.level3, s.value.normalize(), w.value.normalize());
                out.push(Finding::new(Severity::Warning, rid("PERF-REASON"), msg).at(format!("{} 指标“{}” 得分", tag(f), i.level3), Some(s.at.clone()), Some(s.value)));
            }
        }
    }
}

/// Σ 财政资金 执行数 ≤ 财政拨款项目支出 (表06 + 表10 + 表12 合计行项目支出).
fn fiscal(book: &Book, out: &mut Vec<Finding>) {
    let rows: Vec<&Amount> = book.forms.iter().filter_map(|f| f.fund(FormFund::Fiscal).and_then(|r| r.actual.as_ref())).collect();
    if rows.is_empty() {
        return;
    }
    let forms: Decimal = rows.iter().map(|a| a.value).sum();
    let mut tables = Decimal::ZERO;
    let mut f = Finding::new(Severity::Warning, rid("X-PERF-FISCAL"), String::new());
    for t in [Some(&book.t06), book.t10.as_ref(), book.t12.as_ref()].into_iter().flatten() {
        if let Some(a) = t.total_of(Col::Project) {
            tables += a.value;
            f = f.at(format!("{} 合计 · 项目支出", super::tname(t.id).replace('T', "表")), Some(a.at.clone()), Some(a.value));
        }
    }
    if forms > tables {
        f.message = format!(
            "各绩效自评表财政资金执行数之和{}万元大于财政拨款项目支出{}万元（表06＋表10＋表12项目支出）；自评表的财政资金不应超过决算表的财政拨款项目支出，请核对",
            forms.normalize(),
            tables.normalize()
        );
        let mut f = f.at(format!("{}张自评表 财政资金执行数之和", rows.len()), rows.first().map(|a| a.at.clone()), Some(forms)).diff(forms - tables);
        f.locations.rotate_right(1);
        out.push(f);
    }
}

/// The comparison key of a project name: code, a trailing `（2023）` and `项目` removed.
pub(crate) fn project_key(name: &str) -> String {
    let (_, n) = crate::read::split_project_code(name);
    let k = normalize_label(&n);
    let k = match k.rfind('(') {
        Some(i) if k.ends_with(')') && k[i + 1..k.len() - 1].trim_end_matches('年').bytes().all(|b| b.is_ascii_digit()) => k[..i].to_string(),
        _ => k,
    };
    k.trim_end_matches("项目").to_string()
}

/// A 项目绩效 project without a form, or a form without a 项目绩效 row (both sources given).
fn matching(book: &Book, out: &mut Vec<Finding>) {
    if book.forms.is_empty() || book.projects.is_empty() {
        return;
    }
    for p in &book.projects {
        if !book.forms.iter().any(|f| project_key(&f.name) == project_key(&p.name)) {
            let msg = format!("“项目绩效”工作表中的项目“{}”没有对应的绩效自评表；请补充该项目的自评表或核对项目名称", p.name);
            out.push(Finding::new(Severity::Info, rid("PERF-UNMATCHED"), msg).at(format!("项目绩效 {}", p.name), Some(p.at.clone()), None));
        }
    }
    for f in &book.forms {
        if !book.projects.iter().any(|p| project_key(&p.name) == project_key(&f.name)) {
            let msg = format!("绩效自评表“{}”在“项目绩效”工作表中没有对应的行；报告以自评表为准", f.name);
            out.push(Finding::new(Severity::Info, rid("PERF-UNMATCHED"), msg).at(tag(f), Some(f.name_at.clone()), None));
        }
    }
}

#[cfg(test)]
mod tests;
