use super::super::testutil::*;
use crate::findings::Severity;
use crate::model::{Book, Col, TableId};
use crate::testkit::{d, sample_book, sample_spec, Line};

fn with_fund() -> Book {
    let mut s = sample_spec();
    s.lines.push(Line { fund: crate::model::Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    s.build()
}

fn col(t: &crate::model::SubjectTable, c: Col) -> usize {
    t.col_index(c).unwrap()
}

#[test]
fn consistent_books_have_no_cross_findings() {
    assert!(super::check(&sample_book()).is_empty(), "{:#?}", super::check(&sample_book()));
    assert!(super::check(&with_fund()).is_empty(), "{:#?}", super::check(&with_fund()));
}

#[test]
fn x_t02_t01() {
    let mut b = sample_book();
    let t = b.t02.as_mut().unwrap();
    let (fg, other) = (col(t, Col::FiscalGrant), col(t, Col::OtherIncome));
    t.total[fg].value += d("1");
    t.total[other].value = d("2");
    let f = super::check(&b);
    let x = only(&f, "X-T02-T01");
    assert_eq!(x.len(), 2, "{x:#?}");
    let fiscal = x.iter().find(|f| f.message.contains("财政拨款收入合计")).unwrap();
    assert_loc(fiscal, 0, "公开02表", "D6", "890.16");
    assert_loc(fiscal, 1, "", "", "889.16");
    assert_loc(fiscal, 2, "公开01表", "C6", "889.16");
    assert_eq!(fiscal.difference, Some(d("1")));
    let o = x.iter().find(|f| f.message.contains("其他收入")).unwrap();
    assert_loc(o, 0, "公开02表", "I6", "2");
    assert_loc(o, 1, "公开01表", "C13", "0");
    assert_eq!(o.difference, Some(d("2")));
}

#[test]
fn x_t03_t01_per_class() {
    let mut b = sample_book();
    b.t03.rows[0].values[0].value += d("1");
    let f = super::check(&b);
    let x = only(&f, "X-T03-T01");
    assert_eq!(x.len(), 1, "{x:#?}");
    assert_eq!(x[0].severity, Severity::Error);
    assert!(x[0].message.contains("类201"));
    assert_loc(x[0], 0, "公开03表", "C7", "754.07");
    assert_loc(x[0], 1, "公开01表", "F6", "753.07");
    assert_eq!(x[0].difference, Some(d("1")));
    let mut b = sample_book();
    b.t03.total[0].value -= d("0.01");
    let x = super::check(&b);
    assert_eq!(only(&x, "X-T03-T01")[0].severity, Severity::Info);
}

#[test]
fn x_t04_t01() {
    let mut b = sample_book();
    b.t04.income[0].amount.value = d("880");
    let f = super::check(&b);
    let x = only(&f, "X-T04-T01");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 0, "公开04表", "C6", "880");
    assert_loc(x[0], 1, "公开01表", "C6", "889.16");
    assert_eq!(x[0].difference, Some(d("-9.16")));
}

#[test]
fn x_t06_t04_per_class() {
    let mut b = sample_book();
    b.t04.expenditure_classes[0].amounts.general.as_mut().unwrap().value += d("1");
    let f = super::check(&b);
    let x = only(&f, "X-T06-T04");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 0, "公开06表", "C7", "753.07");
    assert_loc(x[0], 1, "公开04表", "G6", "754.07");
    assert_eq!(x[0].difference, Some(d("-1")));
}

#[test]
fn x_matrices() {
    let mut b = sample_book();
    b.t05.as_mut().unwrap().total[0].value += d("2");
    b.t07.as_mut().unwrap().total[0].value += d("1");
    let i = col(&b.t06, Col::Project);
    b.t06.total[i].value += d("1");
    let f = super::check(&b);
    let x5 = only(&f, "X-T05-T04");
    assert_eq!(x5.len(), 1);
    assert_loc(x5[0], 0, "公开05表", "C6", "891.16");
    assert_loc(x5[0], 1, "公开04表", "F31", "889.16");
    let x7 = only(&f, "X-T07-T06");
    assert_loc(x7[0], 1, "公开06表", "C6", "889.16");
    let x9 = only(&f, "X-T09-T06");
    assert_eq!(x9.len(), 1);
    assert_loc(x9[0], 0, "公开09表", "C6", "253.13");
    assert_loc(x9[0], 1, "公开06表", "E6", "254.13");
    assert_eq!(x9[0].difference, Some(d("-1")));
    let mut b = sample_book();
    b.t09.as_mut().unwrap().rows[0].values[0].value += d("1");
    let x9 = super::check(&b);
    assert!(only(&x9, "X-T09-T06")[0].message.contains("类201"));
}

#[test]
fn x_t08_t06() {
    let mut b = sample_book();
    b.t08.public_total.value += d("1");
    let f = super::check(&b);
    let x = only(&f, "X-T08-T06");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 0, "公开06表", "D6", "636.03");
    assert_loc(x[0], 1, "", "", "637.03");
    assert_loc(x[0], 3, "公开08表", "F61", "81.69");
    assert_eq!(x[0].difference, Some(d("-1")));
}

#[test]
fn x_t10_t04_missing_table_counts_as_zero() {
    let mut b = with_fund();
    b.t10 = None;
    let f = super::check(&b);
    let x = only(&f, "X-T10-T04");
    assert_eq!(x.len(), 2, "{x:#?}");
    assert!(x[0].message.contains("本年收入"));
    assert_loc(x[0], 0, "", "", "0");
    assert_loc(x[0], 1, "公开04表", "C7", "100");
    assert_loc(x[1], 1, "公开04表", "H31", "100");
    let mut b = with_fund();
    let t = b.t10.as_mut().unwrap();
    let i = col(t, Col::ExpenditureTotal);
    t.total[i].value = d("99");
    let f = super::check(&b);
    let x = only(&f, "X-T10-T04");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 0, "公开10表", "E6", "99");
    assert_eq!(x[0].difference, Some(d("-1")));
}

#[test]
fn x_t11_t12_state_capital() {
    let mut b = sample_book();
    b.t04.income[2].amount.value = d("5");
    b.t04.expenditure_total.state_capital.as_mut().unwrap().value = d("5");
    let f = super::check(&b);
    let x11 = only(&f, "X-T11-T04");
    assert_eq!(x11.len(), 2, "{x11:#?}");
    assert_loc(x11[0], 1, "公开04表", "C8", "5");
    let x12 = only(&f, "X-T12-T04");
    assert_eq!(x12.len(), 1);
    assert_loc(x12[0], 1, "公开04表", "I31", "5");
    assert!(only(&f, "X-T12-T11").is_empty());

    let mut b = with_fund();
    let mut t11 = b.t10.clone().unwrap();
    t11.id = TableId::T11;
    let mut t12 = t11.clone();
    t12.id = TableId::T12;
    t12.total[2].value = d("90");
    b.t11 = Some(t11);
    b.t12 = Some(t12);
    let f = super::check(&b);
    let x = only(&f, "X-T12-T11");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 0, "公开10表", "E6", "90");
    assert_eq!(x[0].difference, Some(d("-10")));
}

#[test]
fn x_t06_t03_inequality() {
    let mut b = sample_book();
    let r = b.t06.rows.iter_mut().find(|r| r.code.as_str() == "2013101").unwrap();
    r.values[0].value = d("500");
    let f = super::check(&b);
    let x = only(&f, "X-T06-T03");
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].severity, Severity::Warning);
    assert_loc(x[0], 0, "公开06表", "C11", "500");
    assert_loc(x[0], 1, "公开03表", "C11", "402.23");
    assert_eq!(x[0].difference, Some(d("97.77")));
}
