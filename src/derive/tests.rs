//! Tests of the whole derive stage on the testkit department and its variants.

use super::*;
use crate::model::{BudgetLine, Col, Department, Fund, SubjectCode};
use crate::testkit::{d, sample_book, sample_spec, BookSpec, Line};
use proptest::prelude::*;

fn facts_of(book: crate::model::Book) -> Facts {
    derive(&Department { book, prior: None }, &DeriveOptions::default())
}

fn share_sum(parts: &[Part]) -> Decimal {
    parts.iter().map(|p| p.share.pct).sum()
}

#[test]
fn sample_expenditure_split() {
    let f = facts_of(sample_book());
    let p = &f.expenditure.parts;
    assert_eq!((p[0].label.as_str(), p[0].amount.display.as_str(), p[0].share.display.as_str()), ("基本支出", "636.03", "71.53"));
    assert_eq!((p[1].label.as_str(), p[1].amount.display.as_str(), p[1].share.display.as_str()), ("项目支出", "253.13", "28.47"));
    assert_eq!(share_sum(p), d("100"));
    assert_eq!(f.expenditure.total.display, "889.16");
    assert_eq!(f.income.sources[0].share.display, "100.00");
}

#[test]
fn sample_class_structure_adds_up() {
    let f = facts_of(sample_book());
    let c = &f.general_budget.by_class;
    let shown: Vec<(&str, &str)> = c.iter().map(|p| (p.amount.display.as_str(), p.share.display.as_str())).collect();
    // Plain rounding would give 84.69/0.67/6.45/3.06/5.12 = 99.99; the largest remainder
    // (201: .449 after 208: .88) receives the missing hundredth.
    assert_eq!(shown, [("753.07", "84.70"), ("5.96", "0.67"), ("57.34", "6.45"), ("27.23", "3.06"), ("45.56", "5.12")]);
    assert_eq!(share_sum(c), d("100.00"));
    let pie = f.charts[5].chart.as_ref().unwrap();
    assert_eq!(pie.series[0].values.iter().sum::<Decimal>(), Decimal::ONE);
    assert_eq!(pie.series[0].values[0], d("0.847"));
    assert_eq!(f.general_budget.share_of_expenditure.display, "100.00");
}

#[test]
fn sample_items_have_paths_and_unknown_budgets() {
    let f = facts_of(sample_book());
    let items = &f.general_budget.items;
    assert_eq!(items.len(), 13);
    assert_eq!(items[1].path, "一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)");
    assert_eq!(items[1].amount.display, "402.23");
    assert!(items.iter().all(|i| i.completion.comparison == BudgetComparison::Unknown && i.completion.rate.is_none()));
    assert_eq!(items[1].completion.reason_label.as_deref(), Some("预决算差异原因：2013101"));
}

#[test]
fn sample_basic_names_in_code_order() {
    let f = facts_of(sample_book());
    assert_eq!(f.basic.total.display, "636.03");
    assert_eq!(f.basic.personnel.amount.display, "555.34");
    assert_eq!(f.basic.personnel.items.first().map(String::as_str), Some("基本工资"));
    assert_eq!(f.basic.personnel.items.last().map(String::as_str), Some("生活补助"));
    assert_eq!(f.basic.public.amount.display, "80.69");
    assert_eq!(f.basic.public.codes, ["30201", "30202", "30207", "30211", "30216", "30226", "30228", "30229", "30231", "30299"]);
}

#[test]
fn zero_econ_rows_are_not_named_and_lei_without_kuan_stands_alone() {
    let mut s = sample_spec();
    s.econ.retain(|e| e.0 != "30305");
    s.econ.push(("30103", "奖金", d("0")));
    let mut b = s.build();
    b.t08.public.push(crate::model::EconRow { code: crate::model::EconCode::parse("310").unwrap(), name: "资本性支出".into(), amount: b.t08.public_total.clone() });
    let f = facts_of(b);
    assert!(!f.basic.personnel.items.contains(&"生活补助".to_string()));
    assert_eq!(f.basic.public.items.last().map(String::as_str), Some("资本性支出"));
}

#[test]
fn sample_three_public() {
    let f = facts_of(sample_book());
    let t = &f.three_public;
    assert_eq!(t.total.actual.display, "12.52");
    assert_eq!(t.total.completion.rate_display.as_deref(), Some("100.00"));
    assert_eq!(t.vehicles.share.as_ref().unwrap().display, "100.00");
    assert_eq!(t.overseas.share.as_ref().unwrap().display, "0.00");
    assert_eq!(t.vehicle_split[1].share.display, "100.00");
    assert_eq!(f.charts[6].chart.as_ref().unwrap().categories, ["公务用车购置及运行维护费"]);
}

#[test]
fn three_public_below_budget_needs_reason() {
    let mut s = sample_spec();
    s.three_public[2] = (d("15"), d("12.52"));
    s.notes.push(("三公经费预算执行说明", "厉行节约。".into()));
    let f = facts_of(s.build());
    let c = &f.three_public.total.completion;
    assert_eq!((c.comparison, c.rate_display.as_deref(), c.needs_reason), (BudgetComparison::Below, Some("83.47"), true));
    assert_eq!(c.reason.as_ref().unwrap().text, "厉行节约。");
}

#[test]
fn all_zero_three_public_omits_chart_7() {
    let mut s = sample_spec();
    s.three_public[2] = (d("0"), d("0"));
    let f = facts_of(s.build());
    assert!(f.charts[6].chart.is_none());
    assert!(f.charts[6].omitted_reason.is_some());
}

#[test]
fn missing_prior_flags_bars() {
    let f = facts_of(sample_book());
    assert_eq!(f.meta.prior_source, PriorSource::None);
    assert_eq!(f.overview.income_change.direction, Direction::Missing);
    for n in [0, 3, 4] {
        let c = &f.charts[n];
        assert!(c.prior_missing);
        assert_eq!(c.chart.as_ref().unwrap().series.len(), 1);
    }
}

#[test]
fn prior_from_notes() {
    let mut s = sample_spec();
    s.notes.push(("上年收入总计", "844.82".into()));
    s.notes.push(("上年一般公共预算财政拨款支出", "844.82".into()));
    s.notes.push(("一般公共预算财政拨款支出变动原因", "人员经费增加。".into()));
    let f = facts_of(s.build());
    assert_eq!(f.meta.prior_source, PriorSource::Notes);
    let c = &f.overview.income_change;
    assert_eq!((c.direction, c.delta_abs_display.as_deref(), c.pct_abs_display.as_deref()), (Direction::Increase, Some("44.34"), Some("5.25")));
    assert!(c.needs_reason, "收支总计 always needs a reason");
    let g = &f.general_budget.change;
    assert!(!g.needs_reason, "5.25% is within the 10% threshold");
    assert!(g.reason.is_some());
    assert_eq!(f.overview.expenditure_change.direction, Direction::Missing);
    assert!(f.charts[0].prior_missing);
    assert!(!f.charts[4].prior_missing);
}

#[test]
fn threshold_is_configurable() {
    let mut s = sample_spec();
    s.notes.push(("上年一般公共预算财政拨款支出", "844.82".into()));
    let dept = Department { book: s.build(), prior: None };
    let f = derive(&dept, &DeriveOptions { change_threshold_pct: d("5") });
    assert!(f.general_budget.change.needs_reason);
}

fn with_budgets(spec: &BookSpec, budgets: &[(&str, &str)]) -> crate::model::Book {
    let mut b = spec.build();
    let at = b.t06.total[0].at.clone();
    b.budgets = budgets
        .iter()
        .map(|(c, v)| BudgetLine { code: SubjectCode::parse(c).unwrap(), full_year: crate::model::Amount { value: d(v), at: at.clone() }, initial: None })
        .collect();
    b
}

#[test]
fn budgets_from_the_budget_sheet() {
    let mut s = sample_spec();
    s.notes.push(("预决算差异原因：2013105", "部分项目下年实施。".into()));
    let all: Vec<(&str, String)> = s.lines.iter().map(|l| (l.code, (l.basic + l.project).to_string())).collect();
    let mut budgets: Vec<(&str, &str)> = all.iter().map(|(c, v)| (*c, v.as_str())).collect();
    budgets.retain(|b| b.0 != "2013105");
    budgets.push(("2013105", "30"));
    let f = facts_of(with_budgets(&s, &budgets));
    let item = f.general_budget.items.iter().find(|i| i.code == "2013105").unwrap();
    assert_eq!((item.completion.comparison, item.completion.rate_display.as_deref()), (BudgetComparison::Below, Some("85.00")));
    assert!(item.completion.needs_reason);
    assert_eq!(item.completion.reason.as_ref().unwrap().text, "部分项目下年实施。");
    let ok = f.general_budget.items.iter().find(|i| i.code == "2013101").unwrap();
    assert_eq!((ok.completion.comparison, ok.completion.needs_reason), (BudgetComparison::Equal, false));
    let total = &f.general_budget.completion;
    assert_eq!(total.budget.as_ref().unwrap().display, "893.66");
    assert_eq!(total.rate_display.as_deref(), Some("99.50"));
}

#[test]
fn partial_budget_sheet_leaves_total_unknown() {
    let s = sample_spec();
    let f = facts_of(with_budgets(&s, &[("2013101", "402.23")]));
    assert_eq!(f.general_budget.completion.comparison, BudgetComparison::Unknown);
    assert_eq!(f.general_budget.items[0].completion.comparison, BudgetComparison::Unknown);
    assert_eq!(f.general_budget.items[1].completion.comparison, BudgetComparison::Equal);
}

#[test]
fn budgets_from_table_06_column_win() {
    let mut b = with_budgets(&sample_spec(), &[("2013101", "1")]);
    let t = &mut b.t06;
    t.columns.push(Col::FullYearBudget);
    let mut total = t.total[0].clone();
    total.value = d("900");
    t.total.push(total);
    for r in t.rows.iter_mut() {
        let mut a = r.values[0].clone();
        if r.code.as_str() == "2013101" {
            a.value = d("410");
        }
        r.values.push(a);
    }
    let f = facts_of(b);
    let i = f.general_budget.items.iter().find(|i| i.code == "2013101").unwrap();
    assert_eq!((i.completion.comparison, i.completion.rate_display.as_deref()), (BudgetComparison::Below, Some("98.10")));
    assert!(i.completion.budget.as_ref().unwrap().source.label.starts_with("表06"));
    assert_eq!(f.general_budget.completion.rate_display.as_deref(), Some("98.80"));
}

/// An empty 10/11/12 (headers only or an all-zero 合计 row) and an absent one are the same
/// thing (缺失视为零): identical facts, both saying 本年度无此项收支.
#[test]
fn empty_and_absent_fund_tables_give_identical_facts() {
    let absent = sample_book();
    assert!(absent.t10.is_none() && absent.t11.is_none() && absent.t12.is_none());
    let mut empty = absent.clone();
    let mut with_gov = sample_spec();
    with_gov.lines.push(Line { fund: Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    let template = with_gov.build().t10.expect("t10 built");
    for id in [crate::model::TableId::T10, crate::model::TableId::T11, crate::model::TableId::T12] {
        let mut t = template.clone();
        t.id = id;
        t.rows.clear();
        for a in &mut t.total {
            a.value = Decimal::ZERO;
        }
        match id {
            crate::model::TableId::T10 => empty.t10 = Some(t),
            crate::model::TableId::T11 => empty.t11 = Some(t),
            _ => empty.t12 = Some(t),
        }
    }
    let (fa, fe) = (facts_of(absent), facts_of(empty));
    assert_eq!(fa.gov_fund, fe.gov_fund);
    assert_eq!(fa.state_capital, fe.state_capital);
    assert!(!fe.gov_fund.has_data && fe.gov_fund.basic.is_none() && fe.gov_fund.subjects.is_empty());
    assert_eq!(serde_json::to_value(&fa).unwrap(), serde_json::to_value(&fe).unwrap());
    let text = render_text(&fe);
    assert!(text.contains("八、政府性基金预算财政拨款支出\n  本年度无此项收支"), "{text}");
}

#[test]
fn gov_fund_subjects() {
    let mut s = sample_spec();
    s.lines.push(Line { fund: Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
    let f = facts_of(s.build());
    assert!(f.gov_fund.has_data);
    assert_eq!(f.gov_fund.total.display, "100.00");
    assert_eq!(f.gov_fund.subjects[0].path, "城乡社区支出(212)国有土地使用权出让收入安排的支出(08)其他国有土地使用权出让收入安排的支出(99)");
    assert!(!f.state_capital.has_data);
    assert!(f.glossary.iter().any(|g| g.code.as_deref() == Some("2120899")));
    assert_eq!(share_sum(&f.income.sources), d("100"));
    assert_eq!(f.general_budget.share_of_expenditure.display, "89.89");
}

#[test]
fn running_cost_approximation_is_flagged() {
    let f = facts_of(sample_book());
    assert!(f.running_cost.approximated);
    assert_eq!(f.running_cost.amount.display, "80.69");
    assert!(f.findings.iter().any(|x| x.rule == "DERIVE-RUNNING-COST"));
    let mut s = sample_spec();
    s.notes.push(("机关运行经费", "75.10".into()));
    s.notes.push(("上年机关运行经费", "68.41".into()));
    let f = facts_of(s.build());
    assert!(!f.running_cost.approximated);
    assert_eq!(f.running_cost.change.pct_abs_display.as_deref(), Some("9.78"));
}

#[test]
fn running_cost_of_an_institution_does_not_apply() {
    let mut s = sample_spec();
    s.notes.push(("单位性质", "公益一类事业单位".into()));
    s.notes.push(("上年机关运行经费", "68.41".into()));
    let f = facts_of(s.build());
    assert!(f.running_cost.not_applicable && !f.running_cost.approximated);
    assert!(f.running_cost.amount.value.is_zero());
    assert!(!f.findings.iter().any(|x| x.rule == "DERIVE-RUNNING-COST" || x.message.contains("机关运行经费")), "{:?}", f.findings);
    assert!(!f.reasons.iter().any(|r| r.path.starts_with("running_cost")));
    // 参公 units report it as 行政单位 do.
    let mut s = sample_spec();
    s.notes.push(("单位性质", "参照公务员法管理事业单位".into()));
    let f = facts_of(s.build());
    assert!(!f.running_cost.not_applicable && f.running_cost.approximated);
}

#[test]
fn unknown_subject_in_glossary() {
    let mut s = sample_spec();
    s.names.insert("2013106", "某某特殊事务");
    s.lines.push(Line { fund: Fund::General, code: "2013106", basic: d("0"), project: d("1") });
    let f = facts_of(s.build());
    let g = f.glossary.iter().find(|g| g.code.as_deref() == Some("2013106")).unwrap();
    assert_eq!((g.matched, g.explanation.is_none()), (GlossaryMatch::Unknown, true));
    assert!(f.findings.iter().any(|x| x.rule == "DERIVE-GLOSSARY-UNKNOWN" && x.severity == crate::findings::Severity::Warning));
    // The 说明材料 label fills it, and the warning goes.
    s.notes.push(("名词解释：2013106", "反映某某特殊事务方面的支出。".into()));
    let f = facts_of(s.build());
    let g = f.glossary.iter().find(|g| g.code.as_deref() == Some("2013106")).unwrap();
    assert_eq!((g.matched, g.explanation.as_deref()), (GlossaryMatch::Notes, Some("反映某某特殊事务方面的支出。")));
    assert!(!f.findings.iter().any(|x| x.rule == "DERIVE-GLOSSARY-UNKNOWN"));
}

#[test]
fn amounts_converted_from_yuan_stay_exact() {
    // 元 → 万元 gives up to 6 decimals; figures keep them, displays round half-up.
    let mut s = sample_spec();
    s.lines[0].project = d("27.024567");
    let f = facts_of(s.build());
    let i = &f.general_budget.items[0];
    assert_eq!((i.amount.value, i.amount.display.as_str()), (d("27.024567"), "27.02"));
    assert_eq!(f.general_budget.total.value, d("889.164567"));
    assert_eq!(share_sum(&f.general_budget.by_class), d("100"));
}

#[test]
fn procurement_and_assets_from_notes() {
    let mut s = sample_spec();
    for (l, v) in [("政府采购支出总额", "35.60"), ("授予中小企业合同金额", "35.60"), ("授予小微企业合同金额", "30"), ("车辆总数", "3"), ("机要通信用车", "1")] {
        s.notes.push((l, v.into()));
    }
    let f = facts_of(s.build());
    assert_eq!(f.procurement.sme_share.as_ref().unwrap().display, "100.00");
    assert_eq!(f.procurement.small_micro_share.as_ref().unwrap().display, "84.27");
    assert_eq!(f.assets.vehicles_total.as_ref().unwrap().value, 3);
    assert_eq!(f.assets.vehicles_by_use[0].label, "机要通信用车");
}

#[test]
fn text_listing_mentions_the_figures() {
    let t = render_text(&facts_of(sample_book()));
    assert!(t.contains("本年支出合计 889.16万元"));
    assert!(t.contains("基本支出 636.03万元，占71.53%"));
    assert!(t.contains("缺少上年数"));
    assert!(t.contains("行政运行(01)"));
    assert!(t.contains("DERIVE-RUNNING-COST"));
}

// ───────────────────────────── property test ─────────────────────────────

/// Random consistent specs: every testkit line gets a random amount (cents, possibly zero).
fn arb_spec() -> impl Strategy<Value = BookSpec> {
    let n = sample_spec().lines.len();
    let m = sample_spec().econ.len();
    (prop::collection::vec((0i64..5_000_000, 0i64..5_000_000), n), prop::collection::vec(0i64..1_000_000, m), prop::collection::vec((0i64..100_000, 0i64..100_000), 4), 0i64..3_000_000)
        .prop_map(|(lines, econ, tp, fund)| {
            let mut s = sample_spec();
            for (l, (b, p)) in s.lines.iter_mut().zip(lines) {
                l.basic = Decimal::new(b, 2);
                l.project = Decimal::new(p, 2);
            }
            for (e, v) in s.econ.iter_mut().zip(econ) {
                e.2 = Decimal::new(v, 2);
            }
            for (slot, (b, a)) in s.three_public.iter_mut().zip(tp) {
                *slot = (Decimal::new(b, 2), Decimal::new(a, 2));
            }
            if fund > 0 {
                s.lines.push(Line { fund: Fund::GovFund, code: "2120899", basic: Decimal::ZERO, project: Decimal::new(fund, 2) });
            }
            s
        })
}

fn assert_list(parts: &[Part]) {
    let sum: Decimal = parts.iter().map(|p| p.amount.value).sum();
    let shares = share_sum(parts);
    if sum.is_zero() {
        assert!(shares.is_zero());
    } else {
        assert_eq!(shares, Decimal::ONE_HUNDRED);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn shares_sum_to_100_and_totals_match(spec in arb_spec()) {
        let book = spec.build();
        let f = facts_of(book.clone());
        for list in [&f.income.sources, &f.expenditure.parts, &f.fiscal.income_by_fund, &f.general_budget.by_class, &f.basic.split, &f.three_public.vehicle_split] {
            assert_list(list);
        }
        let three: Vec<Decimal> = [&f.three_public.overseas, &f.three_public.vehicles, &f.three_public.reception].iter().filter_map(|l| l.share.as_ref().map(|s| s.pct)).collect();
        let three_sum: Decimal = three.iter().sum();
        prop_assert!(three_sum == Decimal::ONE_HUNDRED || (three_sum.is_zero() && f.three_public.total.actual.value.is_zero()));
        for c in f.charts.iter().filter_map(|c| c.chart.as_ref()).filter(|c| c.kind == crate::doc::ChartKind::Pie) {
            prop_assert_eq!(c.series[0].values.iter().sum::<Decimal>(), Decimal::ONE);
        }
        prop_assert_eq!(f.income.total.value, book.t01.income_total.value);
        prop_assert_eq!(f.expenditure.total.value, book.t01.expenditure_total.value);
        prop_assert_eq!(f.overview.income_grand_total.value, book.t01.income_grand_total.value);
        prop_assert_eq!(f.fiscal.expenditure_grand_total.value, book.t04.expenditure_grand_total.total.value);
        prop_assert_eq!(f.general_budget.total.value, book.t06.total_of(Col::ExpenditureTotal).unwrap().value);
        let items: Decimal = f.general_budget.items.iter().map(|i| i.amount.value).sum();
        prop_assert_eq!(items, f.general_budget.total.value);
        prop_assert_eq!(f.basic.personnel.amount.value + f.basic.public.amount.value, book.t08.personnel_total.value + book.t08.public_total.value);
        prop_assert_eq!(f.three_public.total.actual.value, book.t13.actual.total.value);
        prop_assert_eq!(f.gov_fund.total.value, book.t04.expenditure_total.fund(Fund::GovFund));
    }
}

#[test]
fn needed_reasons_are_listed_and_missing_ones_warned() {
    let mut s = sample_spec();
    s.notes.push(("上年收入总计", "844.82".into()));
    s.notes.push(("上年支出总计", "844.82".into()));
    s.notes.push(("上年公务用车购置及运行维护费", "6.89".into()));
    s.notes.push(("公务用车购置及运行维护费变动原因", "划入车辆1辆。".into()));
    let f = facts_of(s.build());
    let paths: Vec<&str> = f.reasons.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["overview.income_change", "overview.expenditure_change", "three_public.vehicles.change"]);
    assert!(f.reasons[2].provided);
    assert_eq!(f.reasons[0].subject, "收入总计较上年增长5.25%");
    let warned: Vec<&Finding> = f.findings.iter().filter(|x| x.rule == "DERIVE-REASON-MISSING").collect();
    assert_eq!(warned.len(), 1, "one warning per label");
    assert!(warned[0].message.contains("收支总计变动原因"));
    let prior = f.findings.iter().find(|x| x.rule == "DERIVE-PRIOR-MISSING").unwrap();
    assert!(prior.message.contains("本年收入合计"));
    assert!(prior.message.contains("：本年收入合计、"), "收入总计 has its prior: {}", prior.message);
}

#[test]
fn complete_prior_book_raises_no_prior_warning() {
    let prior = sample_book();
    let dept = Department { book: sample_book(), prior: Some(prior) };
    let f = derive(&dept, &DeriveOptions::default());
    assert!(!f.findings.iter().any(|x| x.rule == "DERIVE-PRIOR-MISSING"), "{:?}", f.findings);
    assert_eq!(f.overview.income_change.direction, Direction::Flat);
    assert!(f.reasons.is_empty());
}

#[test]
fn notes_override_name_and_year() {
    let mut s = sample_spec();
    s.notes.push(("部门简称", "区委办".into()));
    s.notes.push(("年度", "2024".into()));
    let f = facts_of(s.build());
    assert_eq!((f.meta.short_name.as_str(), f.meta.year, f.meta.prior_year), ("区委办", 2024, 2023));
    assert!(to_json(&f).unwrap().contains("\"short_name\": \"区委办\""));
}

#[test]
fn classes_fall_back_to_table_04() {
    let mut b = sample_book();
    b.t06.rows.retain(|r| r.code.level() != crate::model::Level::Lei);
    let f = facts_of(b);
    let c = &f.general_budget.by_class;
    assert_eq!(c.len(), 5);
    assert!(c[0].amount.source.label.starts_with("表04"));
    assert_eq!(share_sum(c), d("100"));
}

#[test]
fn nameless_subject_is_reported_once() {
    let mut s = sample_spec();
    s.lines.push(Line { fund: Fund::General, code: "2019901", basic: d("0"), project: d("1") });
    s.lines.push(Line { fund: Fund::General, code: "2019902", basic: d("0"), project: d("1") });
    let mut b = s.build();
    for t in [Some(&mut b.t06), Some(&mut b.t03), b.t02.as_mut()].into_iter().flatten() {
        t.rows.iter_mut().filter(|r| r.code.as_str() == "20199").for_each(|r| r.name = " ".into());
    }
    let f = facts_of(b);
    let i = f.general_budget.items.iter().find(|i| i.code == "2019901").unwrap();
    assert_eq!(i.path, "一般公共服务支出(201)(99)科目2019901(01)");
    assert_eq!(f.findings.iter().filter(|x| x.rule == "DERIVE-SUBJECT-NAME").count(), 1);
}

#[test]
fn table_06_without_xiang_rows_lists_its_lowest_rows() {
    // Some exports print 06 down to 款 only: the 款 rows are then the items, never "no spending".
    let mut book = sample_book();
    book.t06.rows.retain(|r| r.code.as_str().len() < 7);
    let f = facts_of(book);
    let codes: Vec<&str> = f.general_budget.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["20113", "20131", "20406", "20805", "20899", "21011", "22102"]);
    let kuan = &f.general_budget.items[1];
    assert_eq!(kuan.amount.value, d("726.05"));
    assert!(kuan.path.ends_with("党委办公厅（室）及相关机构事务(31)"), "{}", kuan.path);
}

#[test]
fn amount_labels_in_yuan_are_converted() {
    let mut book = sample_book();
    let at = book.notes[0].at.clone();
    book.notes.push(crate::model::NoteEntry { label: crate::model::normalize_label("机关运行经费(元)"), text: "1126400".into(), at });
    let f = facts_of(book);
    assert_eq!(f.running_cost.amount.value, d("112.64"));
    assert!(!f.running_cost.approximated);
}
