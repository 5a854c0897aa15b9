use super::super::testutil::*;
use crate::findings::Severity;
use crate::model::{BudgetLine, Department, SubjectCode};
use crate::testkit::{d, sample_book};

fn run_dept(dept: &Department) -> Vec<crate::findings::Finding> {
    super::check(dept)
}

fn no_prior(b: crate::model::Book) -> Department {
    Department { book: b, prior: None }
}

#[test]
fn sample_without_notes_warns_prior_and_vehicle_details() {
    let f = run_dept(&no_prior(sample_book()));
    let p = only(&f, "MISSING-PRIOR");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(p[0].message.starts_with("缺少上年数") && p[0].message.contains("上年收入总计、上年支出总计"), "{}", p[0].message);
    let t = only(&f, "MISSING-THREE-PUBLIC");
    assert_eq!(t.len(), 1);
    assert!(t[0].message.contains("公务用车保有量、公务用车运行维护费用途"), "{}", t[0].message);
    assert_loc(t[0], 0, "公开13表", "F7", "12.52");
    assert!(only(&f, "MISSING-REASON").is_empty() && only(&f, "MISSING-BUDGET-REASON").is_empty());
}

#[test]
fn clean_notes_give_no_missing_information() {
    let f = run_dept(&no_prior(with_notes(sample_book(), CLEAN_NOTES)));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn some_prior_labels_missing() {
    let f = run_dept(&no_prior(with_notes(sample_book(), &[("上年收入总计", "889.16")])));
    let p = only(&f, "MISSING-PRIOR");
    assert!(p[0].message.starts_with("缺少部分上年数") && !p[0].message.contains("上年收入总计、"), "{}", p[0].message);
}

#[test]
fn change_reasons_from_labels() {
    let mut notes: Vec<(&str, &str)> = CLEAN_NOTES.iter().copied().filter(|(l, _)| !matches!(*l, "上年收入总计" | "上年本年收入合计" | "上年本年支出合计")).collect();
    notes.extend([("上年收入总计", "850"), ("上年本年收入合计", "850"), ("上年本年支出合计", "700")]);
    let f = run_dept(&no_prior(with_notes(sample_book(), &notes)));
    let r = only(&f, "MISSING-REASON");
    assert_eq!(r.len(), 2, "{r:#?}");
    let total = r.iter().find(|x| x.message.starts_with("收支总计")).unwrap();
    assert_eq!(total.message, "收支总计较上年增加39.16万元（增长4.61%），说明材料未填“收支总计变动原因”");
    assert_loc(total, 0, "公开01表", "C34", "889.16");
    assert_loc(total, 1, "说明材料", "B113", "850");
    assert_eq!(total.difference, Some(d("39.16")));
    let exp = r.iter().find(|x| x.message.starts_with("本年支出合计")).unwrap();
    assert!(exp.message.contains("增长27.02%") && exp.message.contains("支出变动原因"), "{}", exp.message);
    notes.extend([("收支总计变动原因", "人员增加。"), ("支出变动原因", "项目增加。")]);
    let f = run_dept(&no_prior(with_notes(sample_book(), &notes)));
    assert!(only(&f, "MISSING-REASON").is_empty());
}

#[test]
fn change_reasons_from_prior_book() {
    let mut prior = sample_book();
    prior.t13.actual.vehicles.value = d("5");
    let book = with_notes(sample_book(), &[("机关运行经费", "80.69"), ("公务用车保有量", "3"), ("公务用车运行维护费用途", "燃料费")]);
    let f = run_dept(&Department { book, prior: Some(prior) });
    assert!(only(&f, "MISSING-PRIOR").is_empty());
    let r = only(&f, "MISSING-REASON");
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(r[0].message, "公务用车购置及运行维护费较上年增加7.52万元（增长150.4%），说明材料未填“公务用车购置及运行维护费变动原因”");
    assert_loc(r[0], 0, "公开13表", "F7", "12.52");
    assert_loc(r[0], 1, "公开13表", "F7", "5");
    assert!(r[0].locations[1].label.starts_with("上年 "));
}

#[test]
fn three_public_budget_differs_from_actual() {
    let mut b = with_notes(sample_book(), CLEAN_NOTES);
    b.t13.budget.total.value = d("20");
    let f = run_dept(&no_prior(b.clone()));
    let r = only(&f, "MISSING-REASON");
    assert_eq!(r.len(), 1);
    assert!(r[0].message.contains("小于预算数 20"), "{}", r[0].message);
    assert_loc(r[0], 0, "公开13表", "B7", "12.52");
    assert_loc(r[0], 1, "公开13表", "A7", "20");
    let b = with_notes(b, &[("三公经费预算执行说明", "厉行节约。")]);
    assert!(only(&run_dept(&no_prior(b)), "MISSING-REASON").is_empty());
}

#[test]
fn subject_budget_differs_without_reason() {
    let mut b = with_notes(sample_book(), CLEAN_NOTES);
    let code = SubjectCode::parse("2013101").unwrap();
    let at = crate::model::CellRef::new(&"testkit.xlsx".into(), &"预算数".into(), 1, 1);
    b.budgets.push(BudgetLine { code, full_year: crate::model::Amount { value: d("420"), at }, initial: None });
    let f = run_dept(&no_prior(b.clone()));
    let r = only(&f, "MISSING-BUDGET-REASON");
    assert_eq!(r.len(), 1);
    assert!(r[0].message.contains("完成预算95.77%") && r[0].message.contains("预决算差异原因：2013101"), "{}", r[0].message);
    assert_loc(r[0], 0, "公开06表", "C11", "402.23");
    assert_loc(r[0], 1, "预算数", "B2", "420");
    assert_eq!(r[0].difference, Some(d("-17.77")));
    let b = with_notes(b, &[("预决算差异原因：2013101", "人员调出。")]);
    assert!(only(&run_dept(&no_prior(b)), "MISSING-BUDGET-REASON").is_empty());
}

#[test]
fn three_public_details_for_overseas_and_reception() {
    let mut b = with_notes(sample_book(), CLEAN_NOTES);
    b.t13.actual.overseas.value = d("3");
    b.t13.actual.reception.value = d("1");
    let f = run_dept(&no_prior(with_notes(b, &[("因公出国团组数", "1")])));
    let t = only(&f, "MISSING-THREE-PUBLIC");
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t.iter().any(|x| x.message == "因公出国（境）费决算数 3 万元，说明材料未填：因公出国人次"));
    assert!(t.iter().any(|x| x.message.contains("国内公务接待批次、国内公务接待人次")));
}

#[test]
fn subject_budget_from_table_06_column() {
    let mut b = with_notes(sample_book(), CLEAN_NOTES);
    b.t06.columns.push(crate::model::Col::FullYearBudget);
    for r in b.t06.rows.iter_mut() {
        let mut a = r.values[0].clone();
        a.at.col = 9;
        r.values.push(a);
    }
    let mut total = b.t06.total[0].clone();
    total.at.col = 9;
    b.t06.total.push(total);
    assert!(run_dept(&no_prior(b.clone())).is_empty());
    let r = b.t06.rows.iter_mut().find(|r| r.code.as_str() == "2013150").unwrap();
    r.values[3].value = d("100");
    let f = run_dept(&no_prior(b));
    let x = only(&f, "MISSING-BUDGET-REASON");
    assert_eq!(x.len(), 1);
    assert_loc(x[0], 1, "公开06表", "J13", "100");
    assert!(x[0].message.contains("完成预算97.71%"), "{}", x[0].message);
}
