use super::super::testutil::*;
use crate::findings::Severity;
use crate::model::{Col, SubjectCode, TableId};
use crate::testkit::{d, sample_book};

#[test]
fn consistent_book_has_no_total_findings() {
    let f = super::check(&sample_book());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn t02_hierarchy_kuan_not_sum_of_xiang() {
    let mut b = sample_book();
    let t = b.t02.as_mut().unwrap();
    let i = t.col_index(Col::FiscalGrant).unwrap();
    let row = t.rows.iter_mut().find(|r| r.code.as_str() == "2013101").unwrap();
    row.values[i].value += d("0.5");
    let f = super::check(&b);
    let h = only(&f, "T02-HIERARCHY");
    assert_eq!(h.len(), 1, "{h:#?}");
    assert_eq!(h[0].severity, Severity::Error);
    assert_loc(h[0], 0, "公开02表", "D10", "726.05");
    assert_eq!(h[0].locations[1].value, Some(d("726.55")));
    assert_eq!(h[0].difference, Some(d("-0.5")));
    assert_eq!(only(&f, "T02-ROW-SUM").len(), 1);
}

#[test]
fn t03_total_row_not_sum_of_classes_within_tolerance_is_info() {
    let mut b = sample_book();
    b.t03.total[0].value += d("0.01");
    let f = super::check(&b);
    let h = only(&f, "T03-HIERARCHY");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].severity, Severity::Info);
    assert!(h[0].message.contains("四舍五入容差0.05万元"), "{}", h[0].message);
    assert_loc(h[0], 0, "公开03表", "C6", "889.17");
    assert_eq!(only(&f, "T03-ROW-SUM")[0].severity, Severity::Info);
}

#[test]
fn yuan_tables_get_no_tolerance() {
    let mut b = sample_book();
    b.t03.source.unit = crate::model::Unit::Yuan;
    b.t03.total[0].value += d("0.01");
    let f = super::check(&b);
    assert_eq!(only(&f, "T03-HIERARCHY")[0].severity, Severity::Error);
}

#[test]
fn t06_row_sum_and_orphan() {
    let mut b = sample_book();
    let row = b.t06.rows.iter_mut().find(|r| r.code.as_str() == "2040601").unwrap();
    row.values[1].value += d("1");
    let f = super::check(&b);
    let rs = only(&f, "T06-ROW-SUM");
    assert_eq!(rs.len(), 1);
    assert_loc(rs[0], 0, "公开06表", "C17", "5.96");
    assert_eq!(rs[0].locations[1].value, Some(d("6.96")));
    assert_eq!(rs[0].difference, Some(d("-1")));

    let mut b = sample_book();
    b.t06.rows.retain(|r| r.code.as_str() != "20406");
    let f = super::check(&b);
    let o = only(&f, "T06-ORPHAN");
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].severity, Severity::Warning);
    assert!(o[0].message.contains("20406"));
    assert_loc(o[0], 0, "公开06表", "C17", "");
}

#[test]
fn class_without_kuan_rows_is_fine() {
    let mut b = sample_book();
    b.t06.rows.retain(|r| r.code.as_str().len() == 3);
    let f = super::check(&b);
    assert!(only(&f, "T06-HIERARCHY").is_empty() && only(&f, "T06-ORPHAN").is_empty(), "{f:#?}");
}

#[test]
fn matrix_tables_get_hierarchy_too() {
    let mut b = sample_book();
    let t = b.t05.as_mut().unwrap();
    t.total[0].value += d("2");
    let f = super::check(&b);
    let h = only(&f, "T05-HIERARCHY");
    assert_eq!(h.len(), 1);
    assert_loc(h[0], 0, "公开05表", "C6", "891.16");
}

#[test]
fn matrix_row_sums_use_leaf_columns() {
    let cols = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(super::matrix_leaves(&cols(&["合计", "基本支出", "基本支出/人员经费", "基本支出/公用经费", "项目支出"])), [2, 3, 4]);
    assert_eq!(super::matrix_leaves(&cols(&["合计", "基本支出/小计", "基本支出/人员经费", "项目支出"])), [2, 3]);
    // Flat header: the part-of tree, not the header, says 人员经费/公用经费 are parts of 基本支出.
    assert_eq!(super::matrix_leaves(&cols(&["合计", "基本支出", "人员经费", "公用经费", "项目支出"])), [2, 3, 4]);
    assert!(super::matrix_leaves(&cols(&["合计"])).is_empty());
    let mut b = sample_book();
    b.t07.as_mut().unwrap().rows[0].values[2].value += d("1");
    let f = super::check(&b);
    let r = only(&f, "T07-ROW-SUM");
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_loc(r[0], 0, "公开07表", "C7", "753.07");
    assert_loc(r[0], 3, "公开07表", "E7", "254.13");
    assert_eq!(r[0].difference, Some(d("-1")));
}

#[test]
fn t10_t11_t12_hierarchy_and_row_sums() {
    let mut s = crate::testkit::sample_spec();
    s.lines.push(crate::testkit::Line { fund: crate::model::Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    let mut b = s.build();
    assert!(super::check(&b).is_empty());
    let t = b.t10.as_mut().unwrap();
    let i = t.col_index(Col::Project).unwrap();
    t.rows.iter_mut().find(|r| r.code == SubjectCode::parse("21208").unwrap()).unwrap().values[i].value = d("90");
    let f = super::check(&b);
    assert_eq!(only(&f, "T10-HIERARCHY").len(), 2, "{f:#?}");
    assert_eq!(only(&f, "T10-ROW-SUM").len(), 1);
    let mut t11 = b.t10.clone().unwrap();
    t11.id = crate::model::TableId::T11;
    b.t11 = Some(t11.clone());
    t11.id = crate::model::TableId::T12;
    b.t12 = Some(t11);
    let f = super::check(&b);
    assert_eq!(only(&f, "T11-HIERARCHY").len(), 2);
    assert_eq!(only(&f, "T12-ROW-SUM").len(), 1);
}

#[test]
fn t01_lines() {
    let mut b = sample_book();
    b.t01.income[1].amount.value = d("3");
    let f = super::check(&b);
    let s = only(&f, "T01-INCOME-SUM");
    assert_eq!(s.len(), 1);
    assert_loc(s[0], 0, "公开01表", "C31", "889.16");
    assert_eq!(s[0].locations[1].value, Some(d("892.16")));
    assert_eq!(s[0].difference, Some(d("-3")));

    let mut b = sample_book();
    b.t01.expenditure_classes[0].amount.value -= d("1");
    let f = super::check(&b);
    assert_loc(only(&f, "T01-EXPEND-SUM")[0], 0, "公开01表", "F31", "889.16");
}

#[test]
fn t01_totals_and_balance() {
    let mut b = sample_book();
    b.t01.expenditure_grand_total.value = d("900");
    let f = super::check(&b);
    let bal = only(&f, "T01-BALANCE");
    assert_eq!(bal.len(), 1);
    assert_loc(bal[0], 0, "公开01表", "C34", "889.16");
    assert_loc(bal[0], 1, "公开01表", "F34", "900");
    assert_eq!(bal[0].difference, Some(d("-10.84")));
    let tot = only(&f, "T01-TOTALS");
    assert_eq!(tot.len(), 1);
    assert_loc(tot[0], 0, "公开01表", "F34", "900");
}

#[test]
fn t04_lines() {
    let mut b = sample_book();
    b.t04.income_total.value = d("880");
    b.t04.expenditure_classes[0].amounts.general.as_mut().unwrap().value += d("1");
    b.t04.end_balance.as_mut().unwrap().total.value = d("1");
    let f = super::check(&b);
    let inc = only(&f, "T04-INCOME-SUM");
    assert_eq!(inc.len(), 1);
    assert_loc(inc[0], 0, "公开04表", "C31", "880");
    let exp = only(&f, "T04-EXPEND-SUM");
    assert_eq!(exp.len(), 1);
    assert_loc(exp[0], 0, "公开04表", "G31", "889.16");
    let rows = only(&f, "T04-ROW-SUM");
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_loc(rows[0], 0, "公开04表", "F6", "753.07");
    let tot = only(&f, "T04-TOTALS");
    assert_eq!(tot.len(), 2, "{tot:#?}");
    assert_eq!(only(&f, "T04-BALANCE").len(), 0);
    let mut b = sample_book();
    b.t04.expenditure_grand_total.total.value = d("1");
    assert_loc(only(&super::check(&b), "T04-BALANCE")[0], 1, "公开04表", "F36", "1");
}

#[test]
fn t08_totals() {
    let mut b = sample_book();
    b.t08.personnel_total.value = d("556.34");
    let f = super::check(&b);
    let p = only(&f, "T08-PERSONNEL");
    assert_eq!(p.len(), 1);
    assert_loc(p[0], 0, "公开08表", "C61", "556.34");
    assert_eq!(p[0].locations[1].value, Some(d("555.34")));
    assert_eq!(p[0].difference, Some(d("1")));

    let mut b = sample_book();
    let row = b.t08.public.iter_mut().find(|r| r.code.as_str() == "30201").unwrap();
    row.amount.value = d("21");
    let f = super::check(&b);
    let h = only(&f, "T08-HIERARCHY");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].difference, Some(d("-1")));
    assert!(only(&f, "T08-PUBLIC").is_empty());
    b.t08.public.retain(|r| !r.code.is_lei());
    let f = super::check(&b);
    assert_eq!(only(&f, "T08-PUBLIC")[0].difference, Some(d("-1")));
}

fn full_book() -> crate::model::Book {
    let mut s = crate::testkit::sample_spec();
    s.lines.push(crate::testkit::Line { fund: crate::model::Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    let mut b = s.build();
    for id in [TableId::T11, TableId::T12] {
        let mut t = b.t10.clone().unwrap();
        t.id = id;
        if id == TableId::T11 { b.t11 = Some(t) } else { b.t12 = Some(t) }
    }
    let mut t9 = b.t07.clone().unwrap();
    t9.id = TableId::T09;
    b.t09 = Some(t9);
    b
}

fn subject_mut(b: &mut crate::model::Book, id: TableId) -> &mut crate::model::SubjectTable {
    match id {
        TableId::T02 => b.t02.as_mut().unwrap(),
        TableId::T03 => &mut b.t03,
        TableId::T06 => &mut b.t06,
        TableId::T10 => b.t10.as_mut().unwrap(),
        TableId::T11 => b.t11.as_mut().unwrap(),
        _ => b.t12.as_mut().unwrap(),
    }
}

fn matrix_mut(b: &mut crate::model::Book, id: TableId) -> &mut crate::model::MatrixTable {
    match id {
        TableId::T05 => b.t05.as_mut().unwrap(),
        TableId::T07 => b.t07.as_mut().unwrap(),
        _ => b.t09.as_mut().unwrap(),
    }
}

fn expect(b: &crate::model::Book, id: TableId, rule: &str, n: usize) {
    let f = super::check(b);
    let rule = format!("T{:02}-{rule}", id.number());
    let got = only(&f, &rule);
    assert_eq!(got.len(), n, "{rule}: {f:#?}");
    let tag = format!("表{:02}", id.number());
    assert!(got.iter().all(|x| x.locations[0].label.starts_with(&tag) && x.locations[0].at.is_some()), "{rule}: {got:#?}");
}

#[test]
fn every_code_table_has_hierarchy_row_sum_and_orphan_rules() {
    assert!(super::check(&full_book()).is_empty(), "{:#?}", super::check(&full_book()));
    for id in [TableId::T02, TableId::T03, TableId::T06, TableId::T10, TableId::T11, TableId::T12] {
        let mut b = full_book();
        let t = subject_mut(&mut b, id);
        let c = t.col_index(Col::ExpenditureTotal).or(t.col_index(Col::IncomeTotal)).unwrap();
        t.rows.iter_mut().rev().find(|r| r.code.as_str().len() == 7).unwrap().values[c].value += d("1");
        expect(&b, id, "HIERARCHY", 1);
        expect(&b, id, "ROW-SUM", 1);
        let mut b = full_book();
        let t = subject_mut(&mut b, id);
        let i = t.rows.iter().position(|r| r.code.as_str().len() == 5).unwrap();
        t.rows.remove(i);
        expect(&b, id, "ORPHAN", 1);
    }
    for id in [TableId::T05, TableId::T07, TableId::T09] {
        let mut b = full_book();
        matrix_mut(&mut b, id).rows.iter_mut().rev().find(|r| r.code.len() == 7).unwrap().values[0].value += d("1");
        expect(&b, id, "HIERARCHY", 1);
        expect(&b, id, "ROW-SUM", 1);
        let mut b = full_book();
        let t = matrix_mut(&mut b, id);
        let i = t.rows.iter().position(|r| r.code.len() == 3).unwrap();
        t.rows.remove(i);
        expect(&b, id, "ORPHAN", 2);
    }
}

#[test]
fn t04_end_balance_printed_as_sub_lines() {
    let mut b = sample_book();
    let e = b.t04.end_balance.take().unwrap();
    let mut line = crate::model::FundLine { fund: crate::model::Fund::General, amount: e.general.clone().unwrap() };
    line.amount.value = d("5");
    b.t04.end_by_fund.push(line);
    b.t04.expenditure_grand_total.total.value += d("5");
    b.t04.expenditure_grand_total.general.as_mut().unwrap().value += d("5");
    b.t04.begin_by_fund[0].amount.value = d("5");
    b.t04.begin_balance.as_mut().unwrap().value = d("5");
    b.t04.income_grand_total.value += d("5");
    assert!(super::check(&b).is_empty(), "{:#?}", super::check(&b));
    b.t04.end_by_fund[0].amount.value = d("4");
    let f = super::check(&b);
    let t = only(&f, "T04-TOTALS");
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_loc(t[0], 3, "公开04表", "G32", "4");
}
