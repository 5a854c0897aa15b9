//! The explanations the report needs: every [`Change`] and [`Completion`] with
//! `needs_reason`, collected in report order, with a 警告 for each one 说明材料 lacks, and one
//! 警告 listing the figures that have no prior-year value.

use super::facts::*;
use crate::findings::{Finding, Severity};

/// A change or completion seen while walking the facts.
enum Seen<'a> {
    Change(&'a Change),
    Completion(&'a Completion),
}

/// Every change and completion of the facts with its path and a readable name.
fn walk(f: &Facts) -> Vec<(String, String, Seen<'_>)> {
    use Seen::{Change as C, Completion as P};
    let mut v = vec![
        ("overview.income_change".into(), "收入总计".into(), C(&f.overview.income_change)),
        ("overview.expenditure_change".into(), "支出总计".into(), C(&f.overview.expenditure_change)),
        ("income.change".into(), "本年收入合计".into(), C(&f.income.change)),
        ("expenditure.change".into(), "本年支出合计".into(), C(&f.expenditure.change)),
        ("fiscal.income_change".into(), "财政拨款收入总计".into(), C(&f.fiscal.income_change)),
        ("fiscal.expenditure_change".into(), "财政拨款支出总计".into(), C(&f.fiscal.expenditure_change)),
        ("general_budget.change".into(), "一般公共预算财政拨款支出".into(), C(&f.general_budget.change)),
        ("general_budget.completion".into(), "一般公共预算财政拨款支出".into(), P(&f.general_budget.completion)),
    ];
    for (n, i) in f.general_budget.items.iter().enumerate() {
        v.push((format!("general_budget.items[{n}].completion"), i.path.clone(), P(&i.completion)));
    }
    let t = &f.three_public;
    let lines = [("total", "“三公”经费", &t.total), ("overseas", "因公出国（境）费", &t.overseas), ("vehicles", "公务用车购置及运行维护费", &t.vehicles), ("reception", "公务接待费", &t.reception)];
    for (key, name, l) in lines {
        v.push((format!("three_public.{key}.completion"), name.into(), P(&l.completion)));
        v.push((format!("three_public.{key}.change"), name.into(), C(&l.change)));
    }
    if !f.running_cost.not_applicable {
        v.push(("running_cost.change".into(), "机关运行经费".into(), C(&f.running_cost.change)));
    }
    v
}

fn describe_change(name: &str, c: &Change) -> String {
    match (c.direction, &c.pct_abs_display) {
        (Direction::NewItem, _) => format!("{name}上年为0，本年新增"),
        (Direction::Increase, Some(p)) => format!("{name}较上年增长{p}%"),
        (Direction::Decrease, Some(p)) => format!("{name}较上年下降{p}%"),
        _ => format!("{name}较上年变动"),
    }
}

fn describe_completion(name: &str, c: &Completion) -> String {
    let rate = c.rate_display.as_ref().map(|r| format!("（完成预算{r}%）")).unwrap_or_default();
    let word = if c.comparison == BudgetComparison::Above { "大于" } else { "小于" };
    format!("{name}决算数{word}预算数{rate}")
}

/// The explanations needed, in report order.
pub fn reasons(f: &Facts) -> Vec<ReasonNeed> {
    walk(f)
        .into_iter()
        .filter_map(|(path, name, seen)| match seen {
            Seen::Change(c) if c.needs_reason => Some(ReasonNeed { path, subject: describe_change(&name, c), label: c.reason_label.clone(), provided: c.reason.is_some() }),
            Seen::Completion(c) if c.needs_reason => Some(ReasonNeed { path, subject: describe_completion(&name, c), label: c.reason_label.clone(), provided: c.reason.is_some() }),
            _ => None,
        })
        .collect()
}

/// 警告 for each needed explanation that 说明材料 lacks (one per label).
pub fn missing_reason_findings(needs: &[ReasonNeed]) -> Vec<Finding> {
    let mut seen = std::collections::BTreeSet::new();
    needs
        .iter()
        .filter(|n| !n.provided)
        .filter(|n| seen.insert(n.label.clone().unwrap_or_else(|| n.path.clone())))
        .map(|n| {
            let fill = n.label.as_ref().map_or_else(String::new, |l| format!("，请在说明材料“{l}”中填写原因"));
            Finding::new(Severity::Warning, "DERIVE-REASON-MISSING", format!("{}{fill}", n.subject))
        })
        .collect()
}

/// One 警告 naming the figures compared with last year that have no prior-year value.
pub fn missing_prior_finding(f: &Facts) -> Option<Finding> {
    let names: Vec<String> = walk(f)
        .into_iter()
        .filter_map(|(_, name, seen)| match seen {
            Seen::Change(c) if c.direction == Direction::Missing => Some(name),
            _ => None,
        })
        .collect();
    (!names.is_empty()).then(|| {
        Finding::new(Severity::Warning, "DERIVE-PRIOR-MISSING", format!("缺少上年数（未提供上年决算表，说明材料也无相应“上年…”项）：{}；报告中将标注【缺少上年数】", names.join("、")))
    })
}
