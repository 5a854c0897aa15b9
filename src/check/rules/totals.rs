//! Totals within one table: the 合计 row = Σ 类, 类 = Σ 款, 款 = Σ 项 (codes by prefix), each
//! row's total column = Σ its part columns, the fixed lines of 01 and 04, and table 08's
//! 人员经费/公用经费 totals.

use super::{rid, tname};
use crate::check::compare::{rounded, total, Rule, Term};
use crate::check::grid::{Grid, GridRow};
use crate::findings::{Finding, Severity};
use crate::model::{Amount, BasicExpenditure, Book, Col, EconRow, FundAmounts, MatrixTable, SubjectTable, TableId};

/// All within-table totals of the book.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut out = Vec::new();
    for g in grids(book) {
        out.extend(hierarchy(&g, rounded(book, &[g.id])));
    }
    for t in subject_tables(book) {
        out.extend(row_sums(t, rounded(book, &[t.id])));
    }
    for t in [&book.t05, &book.t07, &book.t09].into_iter().flatten() {
        out.extend(matrix_row_sums(t, rounded(book, &[t.id])));
    }
    out.extend(t01(book));
    out.extend(t04(book));
    out.extend(t08(&book.t08, rounded(book, &[TableId::T08])));
    out
}

/// The subject tables present in the book (02, 03, 06, 10, 11, 12).
pub(crate) fn subject_tables(book: &Book) -> Vec<&SubjectTable> {
    let opt = [&book.t02, &book.t10, &book.t11, &book.t12];
    let mut v: Vec<&SubjectTable> = vec![&book.t03, &book.t06];
    v.extend(opt.into_iter().flatten());
    v.sort_by_key(|t| t.id);
    v
}

/// Every code-row table as a grid (subject tables and the matrices 05, 07, 09).
fn grids(book: &Book) -> Vec<Grid<'_>> {
    let mut v: Vec<Grid<'_>> = subject_tables(book).into_iter().map(Grid::subject).collect();
    v.extend([&book.t05, &book.t07, &book.t09].into_iter().flatten().map(Grid::matrix));
    v
}

// ───────────── hierarchy ─────────────

fn level_words(code_len: usize) -> (&'static str, &'static str) {
    match code_len {
        3 => ("类", "款"),
        _ => ("款", "项"),
    }
}

/// 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 in every column; rows whose parent row is missing.
fn hierarchy(g: &Grid<'_>, rounded: bool) -> Vec<Finding> {
    let id = rid(&format!("{}-HIERARCHY", tname(g.id)));
    let mut out = Vec::new();
    let tops = g.tops();
    let kids: Vec<Vec<&GridRow<'_>>> = g.rows.iter().map(|r| g.children(r.code)).collect();
    for col in 0..g.columns.len() {
        out.extend(total_vs_tops(g, &tops, col, id, rounded));
        out.extend(g.rows.iter().zip(&kids).filter_map(|(r, kids)| parent_vs_children(g, r, kids, col, id, rounded)));
    }
    out.extend(orphans(g));
    out
}

/// Whether `stated = Σ parts` holds exactly, in which case [`Rule::sum`] reports nothing: the
/// labelled terms (formatted strings) are then not built at all.
fn sum_holds<'a>(stated: &Amount, parts: impl IntoIterator<Item = &'a Amount>) -> bool {
    stated.value.saturating_sub(total(parts.into_iter().map(|a| &a.value))).is_zero()
}

fn total_vs_tops(g: &Grid<'_>, tops: &[&GridRow<'_>], col: usize, id: &'static str, rounded: bool) -> Option<Finding> {
    let stated = g.total.get(col)?;
    if tops.is_empty() && !g.rows.is_empty() {
        return None; // no 类 rows: the orphan rule reports the missing parents
    }
    if sum_holds(stated, tops.iter().filter_map(|r| r.values.get(col))) {
        return None;
    }
    let what = format!("{} 合计行应等于各类之和", g.tag());
    let parts = tops.iter().filter_map(|r| r.values.get(col).map(|a| Term::of(g.cell_label(r, col), a))).collect();
    Rule::error(id, &what, rounded).sum(Term::of(g.total_label(col), stated), "各类之和", parts)
}

fn parent_vs_children(g: &Grid<'_>, row: &GridRow<'_>, kids: &[&GridRow<'_>], col: usize, id: &'static str, rounded: bool) -> Option<Finding> {
    if kids.is_empty() {
        return None;
    }
    let stated = row.values.get(col)?;
    if sum_holds(stated, kids.iter().filter_map(|r| r.values.get(col))) {
        return None;
    }
    let (up, down) = level_words(row.code.len());
    let what = format!("{} {up}{}应等于其各{down}之和", g.tag(), row.code);
    let parts = kids.iter().filter_map(|r| r.values.get(col).map(|a| Term::of(g.cell_label(r, col), a))).collect();
    Rule::error(id, &what, rounded).sum(Term::of(g.cell_label(row, col), stated), &format!("各{down}之和"), parts)
}

fn orphans(g: &Grid<'_>) -> Vec<Finding> {
    let id = rid(&format!("{}-ORPHAN", tname(g.id)));
    let missing = |r: &&GridRow<'_>| r.code.len() > 3 && g.row(&r.code[..r.code.len() - 2]).is_none();
    g.rows
        .iter()
        .filter(missing)
        .map(|r| {
            let parent = &r.code[..r.code.len() - 2];
            let (up, _) = level_words(parent.len());
            let msg = format!("{} 科目{}“{}”的上级{up}{}行缺失，无法核对层级合计；请补齐上级科目行", g.tag(), r.code, r.name, parent);
            let at = r.values.first().map(|a| a.at.clone());
            Finding::new(Severity::Warning, id, msg).at(format!("{} {} {}", g.tag(), r.code, r.name), at, None)
        })
        .collect()
}

// ───────────── row sums ─────────────

/// The total column of a subject table and the columns that must add up to it.
fn row_sum_spec(t: TableId) -> Option<(Col, &'static [Col])> {
    use Col::*;
    match t {
        TableId::T02 => Some((IncomeTotal, &[FiscalGrant, SuperiorSubsidy, BusinessIncome, OperatingIncome, AffiliatedIncome, OtherIncome])),
        TableId::T03 => Some((ExpenditureTotal, &[Basic, Project, ToSuperior, OperatingExpenditure, ToAffiliated])),
        TableId::T06 | TableId::T10 | TableId::T11 | TableId::T12 => Some((ExpenditureTotal, &[Basic, Project])),
        _ => None,
    }
}

/// Each row (合计 included): total column = Σ part columns.
fn row_sums(t: &SubjectTable, rounded: bool) -> Vec<Finding> {
    let Some((total_col, part_cols)) = row_sum_spec(t.id) else { return Vec::new() };
    let Some(ti) = t.col_index(total_col) else { return Vec::new() };
    let parts: Vec<usize> = part_cols.iter().filter_map(|c| t.col_index(*c)).collect();
    grid_row_sums(&Grid::subject(t), ti, &parts, rounded)
}

/// The leaf amount columns of a matrix table (05, 07, 09): every column after the first
/// (合计) that is neither a 合计/小计 column nor a group header of other columns
/// (`基本支出` when `基本支出/人员经费` exists).
/// A column is also a group when the domain part-of tree (read::layout) puts another present
/// column under it, whatever the header shows (flat `合计|基本支出|人员经费|公用经费|项目支出`).
fn matrix_leaves(columns: &[String]) -> Vec<usize> {
    use crate::read::layout::{is_part_of, matrix_concept};
    let has_part = |h: &str| matrix_concept(h).is_some_and(|w| columns.iter().filter_map(|o| matrix_concept(o)).any(|p| is_part_of(p, w)));
    let is_group = |h: &str| has_part(h) || columns.iter().any(|o| o.len() > h.len() && o.starts_with(h) && o[h.len()..].starts_with('/'));
    (1..columns.len()).filter(|&i| !columns[i].contains("合计") && !columns[i].contains("小计") && !is_group(&columns[i])).collect()
}

/// Matrix tables: 合计 column = Σ leaf columns, per row.
fn matrix_row_sums(t: &MatrixTable, rounded: bool) -> Vec<Finding> {
    grid_row_sums(&Grid::matrix(t), 0, &matrix_leaves(&t.columns), rounded)
}

fn grid_row_sums(g: &Grid<'_>, ti: usize, parts: &[usize], rounded: bool) -> Vec<Finding> {
    if parts.is_empty() {
        return Vec::new();
    }
    let id = rid(&format!("{}-ROW-SUM", tname(g.id)));
    let what = format!("{} {}应等于各分项列之和", g.tag(), g.columns.get(ti).map_or("合计", |s| s.as_str()));
    let rule = Rule::error(id, &what, rounded);
    let one = |values: &[Amount], label: &dyn Fn(usize) -> String| -> Option<Finding> {
        let stated = values.get(ti)?;
        if sum_holds(stated, parts.iter().filter_map(|i| values.get(*i))) {
            return None;
        }
        let stated = Term::of(label(ti), stated);
        let terms = parts.iter().filter_map(|i| values.get(*i).map(|a| Term::of(label(*i), a))).collect();
        rule.sum(stated, "各分项列之和", terms)
    };
    let mut out: Vec<Finding> = one(g.total, &|c| g.total_label(c)).into_iter().collect();
    out.extend(g.rows.iter().filter_map(|r| one(r.values, &|c| g.cell_label(r, c))));
    out
}

// ───────────── table 01 ─────────────

fn t01(book: &Book) -> Vec<Finding> {
    let t = &book.t01;
    let r = rounded(book, &[TableId::T01]);
    let inc: Vec<Term> = t.income.iter().map(|l| Term::of(format!("表01 {}", l.label), &l.amount)).collect();
    let exp: Vec<Term> = t.expenditure_classes.iter().map(|l| Term::of(format!("表01 {}", l.name), &l.amount)).collect();
    let inc_total = Term::of("表01 本年收入合计", &t.income_total);
    let exp_total = Term::of("表01 本年支出合计", &t.expenditure_total);
    let in_grand = Term::of("表01 收入总计", &t.income_grand_total);
    let out_grand = Term::of("表01 支出总计", &t.expenditure_grand_total);
    let in_parts = vec![inc_total.clone(), Term::opt("表01 使用非财政拨款结余", t.use_of_non_fiscal_balance.as_ref()), Term::opt("表01 年初结转和结余", t.begin_balance.as_ref())];
    let out_parts = vec![exp_total.clone(), Term::opt("表01 结余分配", t.surplus_distribution.as_ref()), Term::opt("表01 年末结转和结余", t.end_balance.as_ref())];
    [
        Rule::error(rid("T01-INCOME-SUM"), "表01 本年收入合计应等于各收入行之和", r).sum(inc_total, "各收入行之和", inc),
        Rule::error(rid("T01-EXPEND-SUM"), "表01 本年支出合计应等于各功能分类类级支出行之和", r).sum(exp_total, "各类支出之和", exp),
        Rule::error(rid("T01-TOTALS"), "表01 收入总计应等于本年收入合计＋使用非财政拨款结余＋年初结转和结余", r).sum(in_grand.clone(), "三项之和", in_parts),
        Rule::error(rid("T01-TOTALS"), "表01 支出总计应等于本年支出合计＋结余分配＋年末结转和结余", r).sum(out_grand.clone(), "三项之和", out_parts),
        Rule::error(rid("T01-BALANCE"), "表01 收入总计应等于支出总计", r).equal(in_grand, out_grand, 1),
    ]
    .into_iter()
    .flatten()
    .collect()
}

// ───────────── table 04 ─────────────

const FUND_COLS: [&str; 4] = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"];

/// Column `k` of a table-04 expenditure row: 0 = 合计, 1..=3 = the funds.
fn fund_col(fa: &FundAmounts, k: usize) -> Option<&Amount> {
    match k {
        0 => Some(&fa.total),
        1 => fa.general.as_ref(),
        2 => fa.gov_fund.as_ref(),
        _ => fa.state_capital.as_ref(),
    }
}

fn t04(book: &Book) -> Vec<Finding> {
    let r = rounded(book, &[TableId::T04]);
    let mut out = t04_income(book, r);
    out.extend(t04_expenditure(book, r));
    out.extend(t04_row_sums(book, r));
    out
}

fn t04_income(book: &Book, r: bool) -> Vec<Finding> {
    let t = &book.t04;
    let lines = t.income.iter().map(|l| Term::of(format!("表04 收入 {}", l.fund.label()), &l.amount)).collect();
    let inc_total = Term::of("表04 本年收入合计", &t.income_total);
    let begin = Term::opt("表04 年初财政拨款结转和结余", t.begin_balance.as_ref());
    let subs: Vec<Term> = t.begin_by_fund.iter().map(|l| Term::of(format!("表04 年初 {}", l.fund.label()), &l.amount)).collect();
    let grand = Term::of("表04 收入总计", &t.income_grand_total);
    let out_grand = Term::of("表04 支出总计 · 合计", &t.expenditure_grand_total.total);
    let begin_subs = (t.begin_balance.is_some() && !subs.is_empty())
        .then(|| Rule::error(rid("T04-TOTALS"), "表04 年初财政拨款结转和结余应等于其分预算行之和", r).sum(begin.clone(), "各分行之和", subs))
        .flatten();
    [
        Rule::error(rid("T04-INCOME-SUM"), "表04 本年收入合计应等于各财政拨款收入行之和", r).sum(inc_total.clone(), "各收入行之和", lines),
        Rule::error(rid("T04-TOTALS"), "表04 收入总计应等于本年收入合计＋年初财政拨款结转和结余", r).sum(grand.clone(), "两项之和", vec![inc_total, begin]),
        begin_subs,
        Rule::error(rid("T04-BALANCE"), "表04 收入总计应等于支出总计", r).equal(grand, out_grand, 1),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn t04_expenditure(book: &Book, r: bool) -> Vec<Finding> {
    let t = &book.t04;
    let mut out = Vec::new();
    for (k, name) in FUND_COLS.iter().enumerate() {
        let Some(stated) = fund_col(&t.expenditure_total, k) else { continue };
        let parts = t.expenditure_classes.iter().filter_map(|c| fund_col(&c.amounts, k).map(|a| Term::of(format!("表04 {} · {name}", c.name), a))).collect();
        let what = format!("表04 本年支出合计（{name}列）应等于各类支出之和");
        out.extend(Rule::error(rid("T04-EXPEND-SUM"), &what, r).sum(Term::of(format!("表04 本年支出合计 · {name}"), stated), "各类支出之和", parts));
        let Some(grand) = fund_col(&t.expenditure_grand_total, k) else { continue };
        let mut parts = vec![Term::of(format!("表04 本年支出合计 · {name}"), stated)];
        parts.extend(t04_end_terms(t, k, name));
        let what = format!("表04 支出总计（{name}列）应等于本年支出合计＋年末财政拨款结转和结余");
        out.extend(Rule::error(rid("T04-TOTALS"), &what, r).sum(Term::of(format!("表04 支出总计 · {name}"), grand), "两项之和", parts));
    }
    out
}

/// 年末 of column `k`: the cell of the 年末 row, or — when the export prints 年末 only as
/// per-fund sub-lines — the sub-line of that fund (all sub-lines for the 合计 column).
fn t04_end_terms(t: &crate::model::FiscalSummary, k: usize, name: &str) -> Vec<Term> {
    let label = format!("表04 年末财政拨款结转和结余 · {name}");
    if let Some(e) = &t.end_balance {
        return vec![Term::opt(label, fund_col(e, k))];
    }
    let fund = crate::model::Fund::ALL.get(k.wrapping_sub(1)).copied();
    let subs: Vec<Term> = t
        .end_by_fund
        .iter()
        .filter(|l| fund.is_none_or(|f| f == l.fund))
        .map(|l| Term::of(format!("表04 年末 {}", l.fund.label()), &l.amount))
        .collect();
    if subs.is_empty() { vec![Term::opt(label, None)] } else { subs }
}

fn t04_row_sums(book: &Book, r: bool) -> Vec<Finding> {
    let t = &book.t04;
    let mut rows: Vec<(String, &FundAmounts)> = t.expenditure_classes.iter().map(|c| (c.name.clone(), &c.amounts)).collect();
    rows.push(("本年支出合计".into(), &t.expenditure_total));
    rows.extend(t.end_balance.as_ref().map(|e| ("年末财政拨款结转和结余".to_string(), e)));
    rows.push(("支出总计".into(), &t.expenditure_grand_total));
    let rule = Rule::error(rid("T04-ROW-SUM"), "表04 各支出行的合计列应等于三类财政拨款列之和", r);
    rows.into_iter()
        .filter_map(|(name, fa)| {
            let parts: Vec<Term> = (1..4).filter_map(|k| fund_col(fa, k).map(|a| Term::of(format!("表04 {name} · {}", FUND_COLS[k]), a))).collect();
            (!parts.is_empty()).then(|| rule.sum(Term::of(format!("表04 {name} · 合计"), &fa.total), "三列之和", parts)).flatten()
        })
        .collect()
}

// ───────────── table 08 ─────────────

fn t08_rows(t: &BasicExpenditure) -> impl Iterator<Item = &EconRow> {
    t.personnel.iter().chain(t.public.iter())
}

/// The amounts standing for each economic 类: its 类 row, or the sum of its 款 rows when the
/// export prints no 类 row.
fn t08_classes(t: &BasicExpenditure, personnel: bool) -> Vec<Term> {
    let mut classes: Vec<String> = t08_rows(t).filter(|r| r.code.is_personnel() == personnel).map(|r| r.code.lei().as_str().to_string()).collect();
    classes.sort();
    classes.dedup();
    classes
        .iter()
        .map(|c| match t08_rows(t).find(|r| r.code.as_str() == c) {
            Some(row) => Term::of(format!("表08 {} {}", row.code, row.name), &row.amount),
            None => {
                let v = crate::check::compare::total(t08_rows(t).filter(|r| r.code.lei().as_str() == c).map(|r| &r.amount.value));
                Term::computed(format!("表08 {c} 各款之和（无类级行）"), v)
            }
        })
        .collect()
}

fn t08(t: &BasicExpenditure, r: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for lei in t08_rows(t).filter(|x| x.code.is_lei()) {
        let kids: Vec<Term> = t08_rows(t).filter(|x| !x.code.is_lei() && x.code.lei() == lei.code).map(|x| Term::of(format!("表08 {} {}", x.code, x.name), &x.amount)).collect();
        if kids.is_empty() {
            continue;
        }
        let what = format!("表08 {}{}应等于其各款之和", lei.code, lei.name);
        out.extend(Rule::error(rid("T08-HIERARCHY"), &what, r).sum(Term::of(format!("表08 {} {}", lei.code, lei.name), &lei.amount), "各款之和", kids));
    }
    let p = Rule::error(rid("T08-PERSONNEL"), "表08 人员经费合计应等于301工资福利支出＋303对个人和家庭的补助", r);
    out.extend(p.sum(Term::of("表08 人员经费合计", &t.personnel_total), "301＋303", t08_classes(t, true)));
    let g = Rule::error(rid("T08-PUBLIC"), "表08 公用经费合计应等于302、307、310、399等其余各类之和", r);
    out.extend(g.sum(Term::of("表08 公用经费合计", &t.public_total), "其余各类之和", t08_classes(t, false)));
    out
}

#[cfg(test)]
mod tests;
