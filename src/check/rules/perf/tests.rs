use super::super::testutil::*;
use crate::findings::Severity;
use crate::model::{FormFund, FormNumber, FormText};
use crate::testkit::{d, sample_book, sample_form};

fn book_with(forms: Vec<crate::model::PerfForm>) -> crate::model::Book {
    let mut b = sample_book();
    b.forms = forms;
    b
}

#[test]
fn consistent_forms_give_no_finding() {
    let b = book_with(vec![sample_form("51090423T000008810877-春节慰问费（2023）", "4", "4"), sample_form("党史研究（2023）", "9.97", "9.97")]);
    let f = super::check(&b);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn printed_rate_is_checked_to_its_rounding() {
    let mut form = sample_form("档案工作经费", "20", "9.61");
    // 9.61 / 20 = 48.05% exactly; printed 48.05 is right, 48.1 (one decimal) is right too.
    let total = form.funds.iter_mut().find(|r| r.fund == FormFund::Total).unwrap();
    total.rate.as_mut().unwrap().value = d("48.1");
    form.budget_reason = Some(FormText { text: "线上检查".into(), at: form.title_at.clone() });
    let f = super::check(&book_with(vec![form.clone()]));
    assert!(only(&f, "PERF-RATE").is_empty(), "{f:#?}");
    let total = form.funds.iter_mut().find(|r| r.fund == FormFund::Total).unwrap();
    total.rate.as_mut().unwrap().value = d("100.00");
    let f = super::check(&book_with(vec![form]));
    let r = only(&f, "PERF-RATE");
    assert_eq!(r.len(), 1, "{f:#?}");
    assert!(r[0].message.contains("总额的预算执行率印为100%，按预算执行数÷调整后预算数应为48.05%"), "{}", r[0].message);
    assert_loc(r[0], 0, "档案工作经费", "F8", "100");
    assert_loc(r[0], 1, "档案工作经费", "E8", "9.61");
    assert_loc(r[0], 2, "档案工作经费", "D8", "20");
}

#[test]
fn total_must_be_the_sum_of_the_fund_rows() {
    let mut form = sample_form("春节慰问费（2023）", "4", "4");
    let unit = form.funds.iter_mut().find(|r| r.fund == FormFund::Unit).unwrap();
    unit.actual.as_mut().unwrap().value = d("1");
    let f = super::check(&book_with(vec![form]));
    let r = only(&f, "PERF-FUND-SUM");
    assert_eq!(r.len(), 1, "{f:#?}");
    assert!(r[0].message.contains("总额的预算执行数4万元不等于各资金行之和5万元"), "{}", r[0].message);
    assert_loc(r[0], 0, "春节慰问费（2023）", "E8", "4");
    assert_eq!(r[0].difference, Some(d("-1")));
}

#[test]
fn weights_and_scores() {
    let mut form = sample_form("春节慰问费（2023）", "4", "4");
    form.indicators[0].weight.as_mut().unwrap().value = d("20");
    form.indicators[1].score.as_mut().unwrap().value = d("35");
    let f = super::check(&book_with(vec![form]));
    let w = only(&f, "PERF-WEIGHTS");
    assert_eq!(w.len(), 1, "{f:#?}");
    assert!(w[0].message.contains("各绩效指标权重之和为80（应为90）"), "{}", w[0].message);
    let m = only(&f, "PERF-SCORE-MAX");
    assert_eq!(m.len(), 2, "{m:#?}");
    assert!(m.iter().any(|x| x.message.contains("指标“完成任务数”得分30大于权重20")));
    assert!(m.iter().any(|x| x.message.contains("指标“工作成效”得分35大于权重30")));
    let s = only(&f, "PERF-SCORE-SUM");
    assert_eq!(s.len(), 1);
    assert!(s[0].message.contains("合计得分100不等于预算执行得分与各指标得分之和105"), "{}", s[0].message);
    assert_loc(s[0], 0, "春节慰问费（2023）", "J17", "100");
}

#[test]
fn low_execution_or_lost_points_need_a_reason() {
    let mut form = sample_form("档案工作经费", "20", "9.61");
    form.budget_score = Some(FormNumber { value: d("4"), at: form.title_at.clone() });
    form.total_score.as_mut().unwrap().value = d("89");
    form.indicators[2].score.as_mut().unwrap().value = d("25");
    let f = super::check(&book_with(vec![form.clone()]));
    let r = only(&f, "PERF-REASON");
    assert_eq!(r.len(), 2, "{f:#?}");
    assert!(r.iter().any(|x| x.message.contains("预算执行率48.05%低于90%，但“原因”未填写")));
    assert!(r.iter().any(|x| x.message.contains("指标“服务对象满意度”得分25低于权重30")));
    assert!(r.iter().all(|x| x.severity == Severity::Warning));
    form.budget_reason = Some(FormText { text: "线上检查".into(), at: form.title_at.clone() });
    form.indicators[2].reason = Some(FormText { text: "宣传不足".into(), at: form.title_at.clone() });
    assert!(only(&super::check(&book_with(vec![form])), "PERF-REASON").is_empty());
}

#[test]
fn forms_fiscal_funds_cannot_exceed_project_expenditure() {
    let b = sample_book();
    let project = b.t06.total_of(crate::model::Col::Project).unwrap().value;
    let big = (project + d("0.01")).to_string();
    let b = book_with(vec![sample_form("甲项目", &big, &big)]);
    let f = super::check(&b);
    let x = only(&f, "X-PERF-FISCAL");
    assert_eq!(x.len(), 1, "{f:#?}");
    assert!(x[0].message.contains(&format!("各绩效自评表财政资金执行数之和{}万元大于财政拨款项目支出{}万元", big, project.normalize())), "{}", x[0].message);
    assert_loc(x[0], 0, "甲项目", "E9", &big);
    assert_eq!(&*x[0].locations[1].at.as_ref().unwrap().sheet, "公开06表");
    let ok = book_with(vec![sample_form("甲项目", &project.to_string(), &project.to_string())]);
    assert!(only(&super::check(&ok), "X-PERF-FISCAL").is_empty());
}

#[test]
fn forms_and_the_projects_sheet_are_matched_by_name() {
    let mut b = book_with(vec![sample_form("51090423T000008810877-春节慰问费（2023）", "4", "4"), sample_form("档案工作经费（2023）", "1", "1")]);
    let at = b.forms[0].title_at.clone();
    let pp = |name: &str| crate::model::ProjectPerformance { name: name.into(), budget: None, actual: None, summary: String::new(), at: at.clone() };
    b.projects = vec![pp("春节慰问费项目"), pp("会议室建设及维护运行经费")];
    let f = super::check(&b);
    let u = only(&f, "PERF-UNMATCHED");
    assert_eq!(u.len(), 2, "{u:#?}");
    assert!(u.iter().all(|x| x.severity == Severity::Info));
    assert!(u.iter().any(|x| x.message.contains("项目“会议室建设及维护运行经费”没有对应的绩效自评表")));
    assert!(u.iter().any(|x| x.message.contains("绩效自评表“档案工作经费（2023）”在“项目绩效”工作表中没有对应的行")));
    assert_eq!(super::project_key("51090423T000008810877-春节慰问费（2023）"), super::project_key("春节慰问费项目"));
}

#[test]
fn the_whole_check_runs_the_family() {
    let mut form = sample_form("档案工作经费", "20", "9.61");
    form.budget_score.as_mut().unwrap().value = d("4");
    form.total_score.as_mut().unwrap().value = d("94");
    let f = run(book_with(vec![form]));
    assert_eq!(only(&f, "PERF-REASON").len(), 1, "{f:#?}");
}

/// Found by a tester: a form sheet copied twice made “对5个项目开展了绩效自评” out of four.
#[test]
fn the_same_project_twice_is_an_error() {
    let f = super::check(&book_with(vec![sample_form("档案工作经费", "20", "20"), sample_form("档案工作经费", "20", "20")]));
    let dup = only(&f, "PERF-DUPLICATE");
    assert_eq!(dup.len(), 1, "{f:#?}");
    assert_eq!(dup[0].severity, Severity::Error);
    assert!(dup[0].message.contains("自评表“档案工作经费”重复出现"), "{}", dup[0].message);
    // The same system code under two names is one project too; two codes are two projects.
    let f = super::check(&book_with(vec![sample_form("51090423T000008810877-春节慰问费", "4", "4"), sample_form("51090423T000008810877-春节慰问", "4", "4")]));
    assert_eq!(only(&f, "PERF-DUPLICATE").len(), 1, "{f:#?}");
    let f = super::check(&book_with(vec![sample_form("51090423T000008810877-慰问费", "4", "4"), sample_form("51090423T000008810878-慰问费", "4", "4")]));
    assert!(only(&f, "PERF-DUPLICATE").is_empty(), "{f:#?}");
}
