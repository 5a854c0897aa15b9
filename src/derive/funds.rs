//! Sections 八 / 九: 政府性基金预算 (表10) and 国有资本经营预算 (表12, else 表11) 财政拨款支出,
//! with their subjects when non-zero; 表04's fund column when the table is absent.
//!
//! An absent table and an empty one (no non-zero amount: headers only, an all-zero 合计 row,
//! `本表无数据`) mean the same thing — 缺失视为零 — and give identical facts: both read
//! 表04's fund column, with no 基本支出/项目支出 split and no subjects.

use super::facts::{FundSpending, SubjectAmount};
use super::general::{path_text, segments};
use super::source::{derived, from_amount};
use super::Ctx;
use crate::model::{Col, Fund, Level, SubjectTable};

/// 八、政府性基金预算财政拨款支出.
pub fn gov_fund(ctx: &mut Ctx) -> FundSpending {
    let book = ctx.book;
    spending(ctx, with_amounts(book.t10.as_ref()), Fund::GovFund)
}

/// 九、国有资本经营预算财政拨款支出 (表12, else 表11).
pub fn state_capital(ctx: &mut Ctx) -> FundSpending {
    let book = ctx.book;
    spending(ctx, with_amounts(book.t12.as_ref()).or(with_amounts(book.t11.as_ref())), Fund::StateCapital)
}

/// The table when it holds at least one non-zero amount; an empty table counts as absent.
fn with_amounts(t: Option<&SubjectTable>) -> Option<&SubjectTable> {
    t.filter(|t| t.total.iter().chain(t.rows.iter().flat_map(|r| &r.values)).any(|a| !a.value.is_zero()))
}

fn spending(ctx: &mut Ctx, table: Option<&SubjectTable>, fund: Fund) -> FundSpending {
    let book = ctx.book;
    let income_label = format!("表04 {}", fund.label());
    let income = book.t04.income.iter().find(|l| l.fund == fund).map_or_else(|| derived(rust_decimal::Decimal::ZERO, format!("{income_label}（表中无此行）")), |l| from_amount(&income_label, &l.amount));
    let t04_spend = || derived(book.t04.expenditure_total.fund(fund), format!("表04 本年支出合计 {}", fund.label()));
    let Some(t) = table else {
        let total = t04_spend();
        let has_data = !total.value.is_zero() || !income.value.is_zero();
        return FundSpending { has_data, total, basic: None, project: None, income, subjects: Vec::new() };
    };
    let name = table_name(t);
    let total = t.total_of(Col::ExpenditureTotal).map_or_else(t04_spend, |a| from_amount(format!("{name} 合计 本年支出"), a));
    let balances = [Col::BeginBalance, Col::EndBalance, Col::YearIncome].iter().any(|c| t.total_of(*c).is_some_and(|a| !a.value.is_zero()));
    FundSpending {
        has_data: balances || !total.value.is_zero() || !income.value.is_zero(),
        basic: t.total_of(Col::Basic).map(|a| from_amount(format!("{name} 合计 基本支出"), a)),
        project: t.total_of(Col::Project).map(|a| from_amount(format!("{name} 合计 项目支出"), a)),
        subjects: subjects(ctx, t),
        total,
        income,
    }
}

fn table_name(t: &SubjectTable) -> String {
    format!("表{:02}", t.id.number())
}

/// Non-zero 项 rows (or 类 rows when the table has no 项), in table order.
fn subjects(ctx: &mut Ctx, t: &SubjectTable) -> Vec<SubjectAmount> {
    let Some(i) = t.col_index(Col::ExpenditureTotal) else { return Vec::new() };
    let level = if t.rows_at(Level::Xiang).next().is_some() { Level::Xiang } else { Level::Lei };
    let book = ctx.book;
    t.rows_at(level)
        .filter_map(|r| r.values.get(i).filter(|a| !a.value.is_zero()).map(|a| (r, a)))
        .map(|(r, a)| SubjectAmount {
            code: r.code.to_string(),
            name: r.name.trim().to_string(),
            path: if level == Level::Xiang { path_text(&segments(ctx, book, &r.code)) } else { r.name.trim().to_string() },
            amount: from_amount(format!("{} {} 本年支出", table_name(t), r.code), a),
        })
        .collect()
}
