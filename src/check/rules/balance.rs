//! Carry-over balance: 年初结转和结余 + 本年收入 − 本年支出 (− 结余分配) = 年末结转和结余,
//! wherever the tables give both ends: table 01 (with 使用非财政拨款结余 as income), table 04
//! per fund, and tables 10/11 (合计 row: 错误; subject rows: 警告, because 缴回 and other
//! adjustments can legitimately break it per row).

use super::rid;
use crate::check::compare::{rounded, Rule, Term};
use crate::check::grid::Grid;
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, Col, Fund, FundAmounts, SubjectTable, TableId};

/// All carry-over identities of the book.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut out: Vec<Finding> = t01(book).into_iter().collect();
    out.extend(t04(book));
    for t in [&book.t10, &book.t11].into_iter().flatten() {
        out.extend(fund_table(t, rounded(book, &[t.id])));
    }
    out
}

fn t01(book: &Book) -> Option<Finding> {
    let t = &book.t01;
    let (begin, end) = (t.begin_balance.as_ref()?, t.end_balance.as_ref()?);
    let plus = vec![
        Term::of("表01 年初结转和结余", begin),
        Term::of("表01 本年收入合计", &t.income_total),
        Term::opt("表01 使用非财政拨款结余", t.use_of_non_fiscal_balance.as_ref()),
    ];
    let minus = vec![Term::of("表01 本年支出合计", &t.expenditure_total), Term::opt("表01 结余分配", t.surplus_distribution.as_ref())];
    let what = "表01 年末结转和结余应等于年初结转和结余＋本年收入合计＋使用非财政拨款结余－本年支出合计－结余分配";
    Rule::error(rid("T01-CARRYOVER"), what, rounded(book, &[TableId::T01])).signed(Term::of("表01 年末结转和结余", end), "计算值", plus, minus)
}

fn fund_of(fa: &FundAmounts, f: Fund) -> Option<&Amount> {
    match f {
        Fund::General => fa.general.as_ref(),
        Fund::GovFund => fa.gov_fund.as_ref(),
        Fund::StateCapital => fa.state_capital.as_ref(),
    }
}

/// 年末 of one fund: the column of the 年末 row, or its sub-line.
fn t04_end(book: &Book, f: Fund) -> Option<&Amount> {
    let t = &book.t04;
    let col = t.end_balance.as_ref().and_then(|e| fund_of(e, f));
    col.or_else(|| t.end_by_fund.iter().find(|l| l.fund == f).map(|l| &l.amount))
}

fn t04(book: &Book) -> Vec<Finding> {
    let t = &book.t04;
    let r = rounded(book, &[TableId::T04]);
    let mut out = Vec::new();
    for f in Fund::ALL {
        let begin = t.begin_by_fund.iter().find(|l| l.fund == f).map(|l| &l.amount);
        let (Some(begin), Some(end)) = (begin, t04_end(book, f)) else { continue };
        let income = t.income.iter().find(|l| l.fund == f).map(|l| &l.amount);
        let name = f.label();
        let plus = vec![Term::of(format!("表04 年初 {name}"), begin), Term::opt(format!("表04 收入 {name}"), income)];
        let minus = vec![Term::opt(format!("表04 本年支出合计 · {name}"), fund_of(&t.expenditure_total, f))];
        let what = format!("表04 {name}的年末结转和结余应等于年初＋本年收入－本年支出");
        let stated = Term::of(format!("表04 年末财政拨款结转和结余 · {name}"), end);
        out.extend(Rule::error(rid("T04-CARRYOVER"), &what, r).signed(stated, "计算值", plus, minus));
    }
    out
}

/// Tables 10/11: the 合计 row (错误) and each subject row (警告).
fn fund_table(t: &SubjectTable, rounded: bool) -> Vec<Finding> {
    let cols = [Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::EndBalance].map(|c| t.col_index(c));
    let [Some(b), Some(i), Some(x), Some(e)] = cols else { return Vec::new() };
    let g = Grid::subject(t);
    let tag = g.tag();
    let total_rule = Rule::error(rid(&format!("{}-CARRYOVER", super::tname(t.id))), "", rounded);
    let row_rule = Rule { id: rid(&format!("{}-CARRYOVER-ROW", super::tname(t.id))), beyond: Severity::Warning, ..total_rule.clone() };
    let one = |rule: &Rule<'_>, what: &str, values: &[Amount], label: &dyn Fn(usize) -> String| -> Option<Finding> {
        let term = |c: usize| values.get(c).map(|a| Term::of(label(c), a));
        let rule = Rule { what, ..rule.clone() };
        rule.signed(term(e)?, "计算值", vec![term(b)?, term(i)?], vec![term(x)?])
    };
    let what_total = format!("{tag} 合计行年末结转和结余应等于年初＋本年收入－本年支出");
    let what_row = format!("{tag} 科目行年末结转和结余应等于年初＋本年收入－本年支出（结转调整可能导致不等，请核对）");
    let mut out: Vec<Finding> = one(&total_rule, &what_total, &t.total, &|c| g.total_label(c)).into_iter().collect();
    out.extend(g.rows.iter().filter_map(|r| one(&row_rule, &what_row, r.values, &|c| g.cell_label(r, c))));
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::findings::Severity;
    use crate::model::Col;
    use crate::testkit::{d, sample_book, sample_spec, Line};

    fn with_fund() -> crate::model::Book {
        let mut s = sample_spec();
        s.lines.push(Line { fund: crate::model::Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
        s.build()
    }

    #[test]
    fn consistent_books_have_no_balance_findings() {
        assert!(super::check(&sample_book()).is_empty());
        assert!(super::check(&with_fund()).is_empty());
    }

    #[test]
    fn t01_end_balance_off() {
        let mut b = sample_book();
        b.t01.end_balance.as_mut().unwrap().value = d("5");
        let f = super::check(&b);
        let c = only(&f, "T01-CARRYOVER");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].severity, Severity::Error);
        assert_loc(c[0], 0, "公开01表", "F33", "5");
        assert_loc(c[0], 1, "", "", "0");
        assert_loc(c[0], 2, "公开01表", "C33", "0");
        assert_eq!(c[0].difference, Some(d("5")));
    }

    #[test]
    fn t04_end_balance_of_a_fund_off() {
        let mut b = sample_book();
        b.t04.end_balance.as_mut().unwrap().general.as_mut().unwrap().value = d("3");
        let f = super::check(&b);
        let c = only(&f, "T04-CARRYOVER");
        assert_eq!(c.len(), 1);
        assert_loc(c[0], 0, "公开04表", "G32", "3");
        assert_loc(c[0], 3, "公开04表", "C6", "889.16");
        assert_loc(c[0], 4, "公开04表", "G31", "889.16");
        assert_eq!(c[0].difference, Some(d("3")));
    }

    #[test]
    fn t10_total_is_error_row_is_warning() {
        let mut b = with_fund();
        let t = b.t10.as_mut().unwrap();
        let e = t.col_index(Col::EndBalance).unwrap();
        t.total[e].value = d("10");
        t.rows.last_mut().unwrap().values[e].value = d("10");
        let f = super::check(&b);
        let tot = only(&f, "T10-CARRYOVER");
        assert_eq!(tot.len(), 1);
        assert_eq!(tot[0].severity, Severity::Error);
        assert_loc(tot[0], 0, "公开10表", "H6", "10");
        let rows = only(&f, "T10-CARRYOVER-ROW");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].severity, Severity::Warning);
        assert_loc(rows[0], 0, "公开10表", "H9", "10");
        assert_eq!(rows[0].difference, Some(d("10")));
    }

    #[test]
    fn t11_uses_the_same_rule() {
        let mut b = with_fund();
        let mut t = b.t10.clone().unwrap();
        t.id = crate::model::TableId::T11;
        let e = t.col_index(Col::BeginBalance).unwrap();
        t.total[e].value = d("1");
        t.rows[0].values[e].value = d("1");
        b.t11 = Some(t);
        let f = super::check(&b);
        assert_eq!(only(&f, "T11-CARRYOVER")[0].difference, Some(d("-1")));
        let rows = only(&f, "T11-CARRYOVER-ROW");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].severity, Severity::Warning);
        assert_loc(rows[0], 2, "公开10表", "C7", "1");
    }
}
