//! Cross-table identities (table-layouts §4, X4–X17): each finding carries both cells with
//! their values and the difference. Absent tables 10, 11 and 12 count as zero (input
//! contract §2), so 04 money in a fund whose table is missing is reported.

use super::rid;
use crate::check::compare::{rounded, Rule, Term};
use crate::check::grid::{Grid, GridRow};
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, Col, Fund, FundAmounts, IncomeSource, MatrixLayout, MatrixTable, SubjectTable, TableId};
use std::collections::BTreeMap;

/// All cross-table identities of the book.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut out = x_t02_t01(book);
    out.extend(x_t03_t01(book));
    out.extend(x_t04_t01(book));
    out.extend(x_t06_t04(book));
    out.extend(x_matrices(book));
    out.extend(x_t08_t06(book));
    out.extend(x_fund_tables(book));
    out.extend(x_t06_t03(book));
    out
}

/// A class-level value keyed by 3-digit code, for per-类 comparisons.
type Classes = BTreeMap<String, Term>;

/// Compares two per-类 maps; a class present on one side only is compared with zero.
fn per_class(rule: &Rule<'_>, left: (&str, Classes), right: (&str, Classes)) -> Vec<Finding> {
    let codes: std::collections::BTreeSet<&String> = left.1.keys().chain(right.1.keys()).collect();
    let side = |m: &Classes, tag: &str, code: &str| m.get(code).cloned().unwrap_or_else(|| Term::computed(format!("{tag} 无类{code}行（按0计）"), rust_decimal::Decimal::ZERO));
    codes
        .into_iter()
        .filter_map(|c| {
            let what = format!("{}（类{c}）", rule.what);
            Rule { what: &what, ..rule.clone() }.equal(side(&left.1, left.0, c), side(&right.1, right.0, c), 1)
        })
        .collect()
}

/// 类 rows of a grid in one column.
fn grid_classes(g: &Grid<'_>, col: usize) -> Classes {
    g.tops().into_iter().filter_map(|r: &GridRow<'_>| Some((r.code.to_string(), Term::of(g.cell_label(r, col), r.values.get(col)?)))).collect()
}

fn total_term(t: &SubjectTable, col: Col) -> Option<Term> {
    t.total_of(col).map(|a| Term::of(format!("表{:02} 合计 · {}", t.id.number(), col.label()), a))
}

// ───────────── 02, 03, 04 against 01 ─────────────

const T02_SOURCES: [(Col, IncomeSource); 5] = [
    (Col::SuperiorSubsidy, IncomeSource::Superior),
    (Col::BusinessIncome, IncomeSource::Business),
    (Col::OperatingIncome, IncomeSource::Operating),
    (Col::AffiliatedIncome, IncomeSource::Affiliated),
    (Col::OtherIncome, IncomeSource::Other),
];

fn t01_line(book: &Book, s: IncomeSource) -> Term {
    match book.t01.income.iter().find(|l| l.source == s) {
        Some(l) => Term::of(format!("表01 {}", l.label), &l.amount),
        None => Term::computed(format!("表01 {}（未列示，按0计）", s.label()), rust_decimal::Decimal::ZERO),
    }
}

fn x_t02_t01(book: &Book) -> Vec<Finding> {
    let Some(t02) = &book.t02 else { return Vec::new() };
    let r = rounded(book, &[TableId::T01, TableId::T02]);
    let mut out = Vec::new();
    if let Some(l) = total_term(t02, Col::IncomeTotal) {
        out.extend(Rule::error(rid("X-T02-T01"), "表02 本年收入合计应等于表01 本年收入合计", r).equal(l, Term::of("表01 本年收入合计", &book.t01.income_total), 1));
    }
    if let Some(l) = total_term(t02, Col::FiscalGrant) {
        let parts = IncomeSource::ALL[..3].iter().map(|s| t01_line(book, *s)).collect();
        let rule = Rule::error(rid("X-T02-T01"), "表02 财政拨款收入合计应等于表01 三项财政拨款收入之和", r);
        out.extend(rule.sum(l, "表01 财政拨款收入（一＋二＋三）", parts));
    }
    for (col, src) in T02_SOURCES {
        let Some(l) = total_term(t02, col) else { continue };
        let what = format!("表02 {}合计应等于表01 对应收入行", col.label());
        out.extend(Rule::error(rid("X-T02-T01"), &what, r).equal(l, t01_line(book, src), 1));
    }
    out
}

fn x_t03_t01(book: &Book) -> Vec<Finding> {
    let t03 = &book.t03;
    let r = rounded(book, &[TableId::T01, TableId::T03]);
    let rule = Rule::error(rid("X-T03-T01"), "表03 本年支出合计应等于表01 对应支出行", r);
    let mut out: Vec<Finding> = total_term(t03, Col::ExpenditureTotal).and_then(|l| rule.equal(l, Term::of("表01 本年支出合计", &book.t01.expenditure_total), 1)).into_iter().collect();
    let Some(col) = t03.col_index(Col::ExpenditureTotal) else { return out };
    let left = grid_classes(&Grid::subject(t03), col);
    let right = book.t01.expenditure_classes.iter().map(|c| (c.code.as_str().to_string(), Term::of(format!("表01 {}", c.name), &c.amount))).collect();
    out.extend(per_class(&rule, ("表03", left), ("表01", right)));
    out
}

fn x_t04_t01(book: &Book) -> Vec<Finding> {
    let r = rounded(book, &[TableId::T01, TableId::T04]);
    let pairs = [(Fund::General, IncomeSource::GeneralBudget), (Fund::GovFund, IncomeSource::GovFund), (Fund::StateCapital, IncomeSource::StateCapital)];
    pairs
        .into_iter()
        .filter_map(|(f, s)| {
            let line = book.t04.income.iter().find(|l| l.fund == f);
            let left = match line {
                Some(l) => Term::of(format!("表04 收入 {}", f.label()), &l.amount),
                None => Term::computed(format!("表04 收入 {}（未列示，按0计）", f.label()), rust_decimal::Decimal::ZERO),
            };
            let what = format!("表04 {}收入应等于表01 对应收入行", f.label());
            Rule::error(rid("X-T04-T01"), &what, r).equal(left, t01_line(book, s), 1)
        })
        .collect()
}

// ───────────── 06 against 04, matrices, 08 ─────────────

fn t04_fund(fa: &FundAmounts, f: Option<Fund>) -> Option<&Amount> {
    match f {
        None => Some(&fa.total),
        Some(Fund::General) => fa.general.as_ref(),
        Some(Fund::GovFund) => fa.gov_fund.as_ref(),
        Some(Fund::StateCapital) => fa.state_capital.as_ref(),
    }
}

/// 04 class lines in one column (合计 when `f` is `None`).
fn t04_classes(book: &Book, f: Option<Fund>) -> Classes {
    let name = f.map_or("合计", |f| f.label());
    book.t04.expenditure_classes.iter().filter_map(|c| Some((c.code.as_str().to_string(), Term::of(format!("表04 {} · {name}", c.name), t04_fund(&c.amounts, f)?)))).collect()
}

fn t04_total(book: &Book, f: Option<Fund>) -> Term {
    let name = f.map_or("合计", |f| f.label());
    let label = format!("表04 本年支出合计 · {name}");
    match t04_fund(&book.t04.expenditure_total, f) {
        Some(a) => Term::of(label, a),
        None => Term::computed(format!("{label}（未列示，按0计）"), rust_decimal::Decimal::ZERO),
    }
}

fn x_t06_t04(book: &Book) -> Vec<Finding> {
    let t06 = &book.t06;
    let r = rounded(book, &[TableId::T04, TableId::T06]);
    let rule = Rule::error(rid("X-T06-T04"), "表06 应等于表04 一般公共预算财政拨款列", r);
    let mut out: Vec<Finding> = total_term(t06, Col::ExpenditureTotal).and_then(|l| rule.equal(l, t04_total(book, Some(Fund::General)), 1)).into_iter().collect();
    if let Some(col) = t06.col_index(Col::ExpenditureTotal) {
        out.extend(per_class(&rule, ("表06", grid_classes(&Grid::subject(t06), col)), ("表04", t04_classes(book, Some(Fund::General)))));
    }
    out
}

/// 05 vs 04 (合计 column), 07 vs 06 (合计), 09 vs 06 (项目支出); per 类 when rows are 功能分类.
fn x_matrices(book: &Book) -> Vec<Finding> {
    let mut out = Vec::new();
    let t06 = &book.t06;
    let g06 = Grid::subject(t06);
    if let Some(t05) = &book.t05 {
        let r = rounded(book, &[TableId::T04, TableId::T05]);
        let rule = Rule::error(rid("X-T05-T04"), "表05 合计应等于表04 本年支出合计（合计列）", r);
        out.extend(matrix_vs(t05, &rule, t04_total(book, None), t04_classes(book, None), "表04"));
    }
    for (t, col, id, what) in [(&book.t07, Col::ExpenditureTotal, "X-T07-T06", "表07 合计应等于表06 合计"), (&book.t09, Col::Project, "X-T09-T06", "表09 合计应等于表06 项目支出")] {
        let (Some(t), Some(right), Some(ci)) = (t, total_term(t06, col), t06.col_index(col)) else { continue };
        let r = rounded(book, &[t.id, TableId::T06]);
        out.extend(matrix_vs(t, &Rule::error(rid(id), what, r), right, grid_classes(&g06, ci), "表06"));
    }
    out
}

fn matrix_vs(t: &MatrixTable, rule: &Rule<'_>, right: Term, right_classes: Classes, right_tag: &str) -> Vec<Finding> {
    let g = Grid::matrix(t);
    let mut out: Vec<Finding> = t.total.first().and_then(|a| rule.equal(Term::of(g.total_label(0), a), right, 1)).into_iter().collect();
    if t.layout == MatrixLayout::FunctionRows && !t.total.is_empty() {
        out.extend(per_class(rule, (&g.tag(), grid_classes(&g, 0)), (right_tag, right_classes)));
    }
    out
}

fn x_t08_t06(book: &Book) -> Option<Finding> {
    let left = total_term(&book.t06, Col::Basic)?;
    let t08 = &book.t08;
    let parts = vec![Term::of("表08 人员经费合计", &t08.personnel_total), Term::of("表08 公用经费合计", &t08.public_total)];
    let r = rounded(book, &[TableId::T06, TableId::T08]);
    Rule::error(rid("X-T08-T06"), "表06 基本支出应等于表08 人员经费合计＋公用经费合计", r).sum(left, "表08 人员经费＋公用经费", parts)
}

// ───────────── 10, 11, 12 against 04 ─────────────

/// A column of a fund table's 合计 row; a missing table counts as zero.
fn fund_total(t: Option<&SubjectTable>, id: TableId, col: Col) -> Option<Term> {
    match t {
        Some(t) => total_term(t, col),
        None => Some(Term::computed(format!("表{:02} 合计 · {}（表缺失，按0计）", id.number(), col.label()), rust_decimal::Decimal::ZERO)),
    }
}

fn x_fund_tables(book: &Book) -> Vec<Finding> {
    let mut out = fund_table_vs_t04(book, book.t10.as_ref(), TableId::T10, Fund::GovFund, "X-T10-T04");
    out.extend(fund_table_vs_t04(book, book.t11.as_ref(), TableId::T11, Fund::StateCapital, "X-T11-T04"));
    let r = rounded(book, &[TableId::T04, TableId::T11, TableId::T12]);
    if let Some(l) = fund_total(book.t12.as_ref(), TableId::T12, Col::ExpenditureTotal) {
        let rule = Rule::error(rid("X-T12-T04"), "表12 合计应等于表04 本年支出合计（国有资本经营预算财政拨款列）", r);
        out.extend(rule.equal(l, t04_total(book, Some(Fund::StateCapital)), 1));
    }
    if let (Some(t11), Some(t12)) = (&book.t11, &book.t12) {
        let (Some(l), Some(rt)) = (total_term(t12, Col::ExpenditureTotal), total_term(t11, Col::ExpenditureTotal)) else { return out };
        out.extend(Rule::error(rid("X-T12-T11"), "表12 合计应等于表11 本年支出合计", r).equal(l, rt, 1));
    }
    out
}

fn fund_table_vs_t04(book: &Book, t: Option<&SubjectTable>, id: TableId, f: Fund, rule_id: &str) -> Vec<Finding> {
    let r = rounded(book, &[TableId::T04, id]);
    let t04 = &book.t04;
    let name = f.label();
    let line = |v: &[crate::model::FundLine], label: &str| v.iter().find(|l| l.fund == f).map(|l| Term::of(format!("表04 {label} {name}"), &l.amount));
    let end = t04.end_balance.as_ref().and_then(|e| t04_fund(e, Some(f))).map(|a| Term::of(format!("表04 年末财政拨款结转和结余 · {name}"), a));
    let pairs = [
        (Col::YearIncome, Some(line(&t04.income, "收入").unwrap_or_else(|| Term::computed(format!("表04 收入 {name}（未列示，按0计）"), rust_decimal::Decimal::ZERO))), "本年收入"),
        (Col::ExpenditureTotal, Some(t04_total(book, Some(f))), "本年支出合计"),
        (Col::BeginBalance, line(&t04.begin_by_fund, "年初"), "年初结转和结余"),
        (Col::EndBalance, end.or_else(|| line(&t04.end_by_fund, "年末")), "年末结转和结余"),
    ];
    pairs
        .into_iter()
        .filter_map(|(col, right, word)| {
            let (left, right) = (fund_total(t, id, col)?, right?);
            let what = format!("表{:02} {word}应等于表04 {name}对应数", id.number());
            Rule::error(rid(rule_id), &what, r).equal(left, right, 1)
        })
        .collect()
}

// ───────────── 06 ≤ 03 ─────────────

/// Each 06 subject (一般公共预算 only) should not exceed the same subject in 03 (all funds).
fn x_t06_t03(book: &Book) -> Vec<Finding> {
    let (t06, t03) = (&book.t06, &book.t03);
    let (Some(c6), Some(c3)) = (t06.col_index(Col::ExpenditureTotal), t03.col_index(Col::ExpenditureTotal)) else { return Vec::new() };
    let (g6, g3) = (Grid::subject(t06), Grid::subject(t03));
    g6.rows
        .iter()
        .filter_map(|r6| {
            let a6 = r6.values.get(c6)?;
            let r3 = g3.row(r6.code);
            let a3 = r3.and_then(|r| r.values.get(c3));
            let v3 = a3.map_or(rust_decimal::Decimal::ZERO, |a| a.value);
            (a6.value > v3).then(|| {
                let l3 = r3.map_or(format!("表03 无科目{}行（按0计）", r6.code), |r| g3.cell_label(r, c3));
                let msg = format!("表06 科目{}的支出大于表03 同一科目的全部支出：{} {} ＞ {} {}；一般公共预算财政拨款支出是全部支出的一部分，请核对两表", r6.code, g6.cell_label(r6, c6), crate::check::compare::show(a6.value), l3, crate::check::compare::show(v3));
                Finding::new(Severity::Warning, rid("X-T06-T03"), msg)
                    .at(g6.cell_label(r6, c6), Some(a6.at.clone()), Some(a6.value))
                    .at(l3, a3.map(|a| a.at.clone()), Some(v3))
                    .diff(a6.value.saturating_sub(v3))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
