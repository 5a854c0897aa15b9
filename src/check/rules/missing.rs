//! Missing information the narrative will need, each a 警告 naming the 说明材料 label to fill:
//! 上年数 (no `--prior` and no `上年…` labels), a reason for a large change against the prior
//! year (any change of 收支总计; beyond 10% for the others) or for 三公 决算 ≠ 预算, 三公
//! details when that 三公 item is non-zero, and `预决算差异原因：<code>` for a 项 whose 决算
//! differs from its budget (table 06 budget column, else the `预算数` sheet).

use super::notes::number;
use super::rid;
use crate::check::compare::{show_wan as show, Term};
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, Col, Department, Level};
use crate::notes_catalog::SUBJECT_REASON_PREFIX;
use rust_decimal::Decimal;

/// All missing-information rules.
pub(crate) fn check(dept: &Department) -> Vec<Finding> {
    let b = &dept.book;
    let mut out: Vec<Finding> = prior_labels(dept).into_iter().collect();
    out.extend(prior_identity(dept));
    out.extend(METRICS.iter().filter_map(|m| change_reason(dept, m)));
    out.extend(three_public_reason(b));
    out.extend(three_public_details(b));
    out.extend(budget_reasons(b));
    out
}

/// The prior-year book must be last year's tables of the same department: a wrong year is a
/// 错误 (every year-on-year figure would be wrong), another name a 警告 (departments get renamed).
fn prior_identity(dept: &Department) -> Vec<Finding> {
    let Some(prior) = &dept.prior else { return vec![] };
    let (cur, old) = (&dept.book.meta, &prior.meta);
    let title = |b: &Book| Some(b.t01.source.title_at.clone());
    let mut out = Vec::new();
    if old.year != cur.year - 1 {
        let msg = format!("上年决算表（--prior）的年度为{}年，本年度为{}年，应提供{}年度的决算表", old.year, cur.year, cur.year - 1);
        out.push(Finding::new(Severity::Error, rid("PRIOR-YEAR"), msg).at("上年 表01", title(prior), None).at("本年 表01", title(&dept.book), None));
    }
    let key = |s: &str| crate::model::normalize_label(s);
    if key(&old.department) != key(&cur.department) {
        let msg = format!("上年决算表（--prior）的部门为“{}”，与本年“{}”不同；请确认提供的是本部门的上年决算表", old.department, cur.department);
        out.push(Finding::new(Severity::Warning, rid("PRIOR-DEPARTMENT"), msg).at("上年 表01", title(prior), None).at("本年 表01", title(&dept.book), None));
    }
    out
}

#[cfg(test)]
mod prior_tests {
    use super::*;
    use crate::testkit::sample_spec;

    fn dept(prior_year: i32, prior_name: &str) -> Department {
        let mut p = sample_spec();
        p.year = prior_year;
        p.department = prior_name.to_string();
        Department { book: sample_spec().build(), prior: Some(p.build()) }
    }

    #[test]
    fn last_years_book_of_the_same_department_is_accepted() {
        assert!(prior_identity(&dept(2022, "中共测试区委员会办公室")).is_empty());
        assert!(prior_identity(&Department { book: sample_spec().build(), prior: None }).is_empty());
    }

    #[test]
    fn a_prior_of_the_same_year_is_an_error() {
        let f = prior_identity(&dept(2023, "中共测试区委员会办公室"));
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].rule.as_str(), f[0].severity), ("PRIOR-YEAR", Severity::Error));
        assert!(f[0].message.contains("应提供2022年度"), "{}", f[0].message);
        assert_eq!(f[0].locations[0].at.as_ref().map(|c| c.a1()), Some("A1".to_string()));
    }

    #[test]
    fn a_prior_of_another_department_is_a_warning() {
        let f = prior_identity(&dept(2022, "某县农业技术服务中心"));
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].rule.as_str(), f[0].severity), ("PRIOR-DEPARTMENT", Severity::Warning));
        assert!(f[0].message.contains("某县农业技术服务中心"));
    }
}

/// A figure compared with the prior year.
struct Metric {
    /// Its name in the message.
    name: &'static str,
    /// The figure in a book (this year's or the prior one).
    value: fn(&Book) -> Option<Term>,
    /// The `上年…` label used when there is no prior book.
    prior_label: &'static str,
    /// The reason label to fill.
    reason: &'static str,
    /// Any change needs a reason (收支总计); otherwise a change beyond 10%.
    any_change: bool,
}

fn amt(label: &str, a: &Amount) -> Option<Term> {
    Some(Term::of(label, a))
}

/// 机关运行经费 as the report states it; none for a 事业单位 (说明材料 `单位性质`) without one.
fn running_cost(b: &Book) -> Option<Term> {
    let note = number(b, "机关运行经费").map(|(v, n)| Term { label: "说明材料 机关运行经费".into(), at: Some(n.at.clone()), value: v });
    let institution = b.note("单位性质").and_then(|n| crate::notes_catalog::unit_kind(&n.text)) == Some(crate::notes_catalog::UnitKind::Institution);
    if institution && note.as_ref().is_none_or(|t| t.value.is_zero()) {
        return None;
    }
    note.or_else(|| amt("表08 公用经费合计（近似机关运行经费）", &b.t08.public_total))
}

fn general_spending(b: &Book) -> Option<Term> {
    let t06 = b.t06.total_of(Col::ExpenditureTotal).and_then(|a| amt("表06 合计 · 本年支出合计", a));
    t06.or_else(|| b.t04.expenditure_total.general.as_ref().and_then(|a| amt("表04 本年支出合计 · 一般公共预算财政拨款", a)))
}

const METRICS: [Metric; 9] = [
    Metric { name: "收支总计", value: |b| amt("表01 收入总计", &b.t01.income_grand_total), prior_label: "上年收入总计", reason: "收支总计变动原因", any_change: true },
    Metric { name: "本年收入合计", value: |b| amt("表01 本年收入合计", &b.t01.income_total), prior_label: "上年本年收入合计", reason: "收入变动原因", any_change: false },
    Metric { name: "本年支出合计", value: |b| amt("表01 本年支出合计", &b.t01.expenditure_total), prior_label: "上年本年支出合计", reason: "支出变动原因", any_change: false },
    Metric { name: "财政拨款收支总计", value: |b| amt("表04 收入总计", &b.t04.income_grand_total), prior_label: "上年财政拨款收入总计", reason: "财政拨款收支变动原因", any_change: false },
    Metric { name: "一般公共预算财政拨款支出", value: general_spending, prior_label: "上年一般公共预算财政拨款支出", reason: "一般公共预算财政拨款支出变动原因", any_change: false },
    Metric { name: "因公出国（境）费", value: |b| amt("表13 决算数 因公出国（境）费", &b.t13.actual.overseas), prior_label: "上年因公出国（境）费", reason: "因公出国（境）费变动原因", any_change: false },
    Metric { name: "公务用车购置及运行维护费", value: |b| amt("表13 决算数 公务用车购置及运行维护费", &b.t13.actual.vehicles), prior_label: "上年公务用车购置及运行维护费", reason: "公务用车购置及运行维护费变动原因", any_change: false },
    Metric { name: "公务接待费", value: |b| amt("表13 决算数 公务接待费", &b.t13.actual.reception), prior_label: "上年公务接待费", reason: "公务接待费变动原因", any_change: false },
    Metric { name: "机关运行经费", value: running_cost, prior_label: "上年机关运行经费", reason: "机关运行经费变动原因", any_change: false },
];

/// Every `上年…` label of the catalogue.
const PRIOR_LABELS: [&str; 11] = [
    "上年收入总计", "上年支出总计", "上年本年收入合计", "上年本年支出合计", "上年财政拨款收入总计", "上年财政拨款支出总计",
    "上年一般公共预算财政拨款支出", "上年因公出国（境）费", "上年公务用车购置及运行维护费", "上年公务接待费", "上年机关运行经费",
];

fn prior_labels(dept: &Department) -> Option<Finding> {
    if dept.prior.is_some() {
        return None;
    }
    let missing: Vec<&str> = PRIOR_LABELS.iter().copied().filter(|l| number(&dept.book, l).is_none()).collect();
    if missing.is_empty() {
        return None;
    }
    let list = missing.join("、");
    let msg = if missing.len() == PRIOR_LABELS.len() {
        format!("缺少上年数：未提供上年决算表（--prior），说明材料也未填写 {list}；报告中的同比比较将显示【缺少上年数】")
    } else {
        format!("缺少部分上年数：未提供上年决算表（--prior），说明材料未填写 {list}；相应的同比比较将显示【缺少上年数】")
    };
    Some(Finding::new(Severity::Warning, rid("MISSING-PRIOR"), msg).at("说明材料", None, None))
}

/// The prior-year value of a metric: from the prior book, else from its `上年…` label.
fn prior_value(dept: &Department, m: &Metric) -> Option<Term> {
    if let Some(p) = &dept.prior {
        return (m.value)(p).map(|t| Term { label: format!("上年 {}", t.label), ..t });
    }
    number(&dept.book, m.prior_label).map(|(v, n)| Term { label: format!("说明材料 {}", m.prior_label), at: Some(n.at.clone()), value: v })
}

/// `增加5万元（增长5.25%）` / `减少…（下降…）` / `增加5万元（上年为0）`.
fn change_words(diff: Decimal, prior: Decimal) -> String {
    let (up, grow) = if diff.is_sign_negative() { ("减少", "下降") } else { ("增加", "增长") };
    let pct = diff.abs().checked_div(prior.abs()).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
    match pct {
        Some(p) if !prior.is_zero() => format!("{up}{}万元（{grow}{}%）", show(diff.abs()), show(p)),
        _ => format!("{up}{}万元（上年为0）", show(diff.abs())),
    }
}

fn beyond_threshold(diff: Decimal, prior: Decimal, any_change: bool) -> bool {
    if diff.is_zero() {
        return false;
    }
    if any_change || prior.is_zero() {
        return true;
    }
    let limit = prior.abs().checked_mul(Decimal::new(1, 1)).unwrap_or(Decimal::MAX);
    diff.abs() > limit
}

fn change_reason(dept: &Department, m: &Metric) -> Option<Finding> {
    let cur = (m.value)(&dept.book)?;
    let prior = prior_value(dept, m)?;
    let diff = cur.value.saturating_sub(prior.value);
    // A decrease to zero explains itself (nothing spent), as derive judges it.
    let to_zero = cur.value.is_zero() && !prior.value.is_zero();
    if to_zero || !beyond_threshold(diff, prior.value, m.any_change) || dept.book.note(m.reason).is_some() {
        return None;
    }
    let msg = format!("{}较上年{}，说明材料未填“{}”", m.name, change_words(diff, prior.value), m.reason);
    let f = Finding::new(Severity::Warning, rid("MISSING-REASON"), msg);
    Some(f.at(cur.label, cur.at, Some(cur.value)).at(prior.label, prior.at, Some(prior.value)).diff(diff))
}

fn three_public_reason(b: &Book) -> Option<Finding> {
    let (bud, act) = (&b.t13.budget.total, &b.t13.actual.total);
    if bud.value == act.value || b.note("三公经费预算执行说明").is_some() {
        return None;
    }
    let word = if act.value < bud.value { "小于" } else { "大于" };
    let msg = format!("“三公”经费决算数 {} 万元{word}预算数 {} 万元，说明材料未填“三公经费预算执行说明”", show(act.value), show(bud.value));
    let f = Finding::new(Severity::Warning, rid("MISSING-REASON"), msg);
    Some(f.at("表13 决算数 合计", Some(act.at.clone()), Some(act.value)).at("表13 预算数 合计", Some(bud.at.clone()), Some(bud.value)).diff(act.value.saturating_sub(bud.value)))
}

fn three_public_details(b: &Book) -> Vec<Finding> {
    let a = &b.t13.actual;
    let mut car_labels = vec!["公务用车保有量"];
    if !a.vehicle_purchase.value.is_zero() {
        car_labels.push("公务用车购置数");
    }
    if !a.vehicle_operation.value.is_zero() {
        car_labels.push("公务用车运行维护费用途");
    }
    let items: [(&str, &Amount, Vec<&str>); 3] = [
        ("因公出国（境）费", &a.overseas, vec!["因公出国团组数", "因公出国人次"]),
        ("公务用车购置及运行维护费", &a.vehicles, car_labels),
        ("公务接待费", &a.reception, vec!["国内公务接待批次", "国内公务接待人次"]),
    ];
    items
        .into_iter()
        .filter(|(_, amount, _)| !amount.value.is_zero())
        .filter_map(|(name, amount, labels)| {
            let missing: Vec<&str> = labels.into_iter().filter(|l| b.note(l).is_none()).collect();
            (!missing.is_empty()).then(|| {
                let msg = format!("{name}决算数 {} 万元，说明材料未填：{}", show(amount.value), missing.join("、"));
                Finding::new(Severity::Warning, rid("MISSING-THREE-PUBLIC"), msg).at(format!("表13 决算数 {name}"), Some(amount.at.clone()), Some(amount.value))
            })
        })
        .collect()
}

/// The budget of a subject: 06's 全年预算数 column, else the `预算数` sheet, else 06's
/// 年初预算数 column.
fn budget_of<'a>(b: &'a Book, row: &'a crate::model::SubjectRow) -> Option<(&'a Amount, &'static str)> {
    let col = |c: Col| b.t06.col_index(c).and_then(|i| row.values.get(i));
    col(Col::FullYearBudget)
        .map(|a| (a, "表06 全年预算数"))
        .or_else(|| b.budgets.iter().find(|l| l.code == row.code).map(|l| (&l.full_year, "预算数表 全年预算数")))
        .or_else(|| col(Col::InitialBudget).map(|a| (a, "表06 年初预算数")))
}

fn budget_reasons(b: &Book) -> Vec<Finding> {
    let Some(ai) = b.t06.col_index(Col::ExpenditureTotal) else { return Vec::new() };
    b.t06
        .rows_at(Level::Xiang)
        .filter_map(|row| {
            let actual = row.values.get(ai)?;
            let (budget, src) = budget_of(b, row)?;
            let reason = format!("{SUBJECT_REASON_PREFIX}{}", row.code);
            if actual.value == budget.value || b.note(&reason).is_some() {
                return None;
            }
            let rate = actual.value.checked_div(budget.value).and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
            let rate = rate.map_or(String::from("预算数为0"), |r| format!("完成预算{}%", show(r)));
            let msg = format!("{} {} 决算数 {} 万元与预算数 {} 万元不等（{rate}），说明材料未填“{reason}”", row.code, row.name, show(actual.value), show(budget.value));
            let f = Finding::new(Severity::Warning, rid("MISSING-BUDGET-REASON"), msg);
            let f = f.at(format!("表06 {} {} · 本年支出合计", row.code, row.name), Some(actual.at.clone()), Some(actual.value));
            Some(f.at(format!("{src} {}", row.code), Some(budget.at.clone()), Some(budget.value)).diff(actual.value.saturating_sub(budget.value)))
        })
        .collect()
}

#[cfg(test)]
mod tests;
