//! Sections 一 – 四: 收支总计 (表01), 收入 (表01), 支出 (表03), 财政拨款收支总计 (表04).

use super::facts::{Expenditure, Fiscal, Figure, Income, Overview, Part};
use super::prior::prior_figure;
use super::shares::make_parts;
use super::source::{absent_zero, from_amount};
use super::Ctx;
use crate::model::{Col, Fund, IncomeSource};

/// 一、收入支出决算总体情况.
pub fn overview(ctx: &mut Ctx) -> Overview {
    let t = &ctx.book.t01;
    let income = from_amount("表01 收入总计", &t.income_grand_total);
    let spend = from_amount("表01 支出总计", &t.expenditure_grand_total);
    let p_in = prior_figure(ctx, |b| Some(&b.t01.income_grand_total), "表01 收入总计", Some("上年收入总计"));
    let p_out = prior_figure(ctx, |b| Some(&b.t01.expenditure_grand_total), "表01 支出总计", Some("上年支出总计"));
    Overview {
        totals_equal: income.value == spend.value,
        income_change: ctx.change(income.value, p_in, true, "收支总计变动原因"),
        expenditure_change: ctx.change(spend.value, p_out, true, "收支总计变动原因"),
        income_grand_total: income,
        expenditure_grand_total: spend,
    }
}

/// Stable key of an income source.
pub fn income_key(s: IncomeSource) -> &'static str {
    match s {
        IncomeSource::GeneralBudget => "general_budget",
        IncomeSource::GovFund => "gov_fund",
        IncomeSource::StateCapital => "state_capital",
        IncomeSource::Superior => "superior",
        IncomeSource::Business => "business",
        IncomeSource::Operating => "operating",
        IncomeSource::Affiliated => "affiliated",
        IncomeSource::Other => "other",
    }
}

/// 二、收入决算情况: all eight sources in table order, shares over their sum.
pub fn income(ctx: &mut Ctx) -> Income {
    let t = &ctx.book.t01;
    let members = IncomeSource::ALL
        .iter()
        .map(|s| {
            let fig = t.income.iter().find(|l| l.source == *s).map_or_else(|| absent_zero(format!("表01 {}", s.label())), |l| from_amount(format!("表01 {}", s.label()), &l.amount));
            (income_key(*s).to_string(), s.label().to_string(), fig)
        })
        .collect();
    let total = from_amount("表01 本年收入合计", &t.income_total);
    let prior = prior_figure(ctx, |b| Some(&b.t01.income_total), "表01 本年收入合计", Some("上年本年收入合计"));
    Income {
        change: ctx.change(total.value, prior, false, "收入变动原因"),
        total,
        sources: make_parts(members, "本年收入合计（各项收入之和）"),
        use_of_non_fiscal_balance: t.use_of_non_fiscal_balance.as_ref().map(|a| from_amount("表01 使用非财政拨款结余", a)),
        begin_balance: t.begin_balance.as_ref().map(|a| from_amount("表01 年初结转和结余", a)),
    }
}

/// The five expenditure columns of 表03 with their keys.
const EXPENDITURE_COLS: [(Col, &str); 5] = [
    (Col::Basic, "basic"),
    (Col::Project, "project"),
    (Col::ToSuperior, "to_superior"),
    (Col::OperatingExpenditure, "operating"),
    (Col::ToAffiliated, "to_affiliated"),
];

/// 三、支出决算情况: 表03 合计 row, shares over the sum of the five parts.
pub fn expenditure(ctx: &mut Ctx) -> Expenditure {
    let t01 = &ctx.book.t01;
    let t03 = &ctx.book.t03;
    let members = EXPENDITURE_COLS
        .iter()
        .map(|(col, key)| {
            let label = format!("表03 合计 {}", col.label());
            let fig = t03.total_of(*col).map_or_else(|| absent_zero(&label), |a| from_amount(&label, a));
            (key.to_string(), col.label().to_string(), fig)
        })
        .collect();
    let total = match t03.total_of(Col::ExpenditureTotal) {
        Some(a) => from_amount("表03 合计 本年支出合计", a),
        None => from_amount("表01 本年支出合计", &t01.expenditure_total),
    };
    let prior = prior_figure(ctx, |b| Some(&b.t01.expenditure_total), "表01 本年支出合计", Some("上年本年支出合计"));
    Expenditure {
        change: ctx.change(total.value, prior, false, "支出变动原因"),
        total,
        parts: make_parts(members, "本年支出合计（各项支出之和）"),
        surplus_distribution: t01.surplus_distribution.as_ref().map(|a| from_amount("表01 结余分配", a)),
        end_balance: t01.end_balance.as_ref().map(|a| from_amount("表01 年末结转和结余", a)),
    }
}

/// 四、财政拨款收入支出决算总体情况 (表04).
pub fn fiscal(ctx: &mut Ctx) -> Fiscal {
    let t = &ctx.book.t04;
    let income = from_amount("表04 收入总计", &t.income_grand_total);
    let spend = from_amount("表04 支出总计", &t.expenditure_grand_total.total);
    let p_in = prior_figure(ctx, |b| Some(&b.t04.income_grand_total), "表04 收入总计", Some("上年财政拨款收入总计"));
    let p_out = prior_figure(ctx, |b| Some(&b.t04.expenditure_grand_total.total), "表04 支出总计", Some("上年财政拨款支出总计"));
    Fiscal {
        totals_equal: income.value == spend.value,
        income_change: ctx.change(income.value, p_in, false, "财政拨款收支变动原因"),
        expenditure_change: ctx.change(spend.value, p_out, false, "财政拨款收支变动原因"),
        income_grand_total: income,
        expenditure_grand_total: spend,
        income_total: from_amount("表04 本年收入合计", &t.income_total),
        expenditure_total: from_amount("表04 本年支出合计", &t.expenditure_total.total),
        income_by_fund: fund_income(ctx),
        begin_balance: t.begin_balance.as_ref().map(|a| from_amount("表04 年初财政拨款结转和结余", a)),
        end_balance: t.end_balance.as_ref().map(|f| from_amount("表04 年末财政拨款结转和结余", &f.total)),
    }
}

/// Income of the three funds (表04 lines 一/二/三).
fn fund_income(ctx: &Ctx) -> Vec<Part> {
    let t = &ctx.book.t04;
    let members = Fund::ALL
        .iter()
        .map(|f| {
            let label = format!("表04 {}", f.label());
            let fig: Figure = t.income.iter().find(|l| l.fund == *f).map_or_else(|| absent_zero(&label), |l| from_amount(&label, &l.amount));
            (fund_key(*f).to_string(), f.label().to_string(), fig)
        })
        .collect();
    make_parts(members, "财政拨款本年收入合计")
}

/// Stable key of a fund.
pub fn fund_key(f: Fund) -> &'static str {
    match f {
        Fund::General => "general_budget",
        Fund::GovFund => "gov_fund",
        Fund::StateCapital => "state_capital",
    }
}
