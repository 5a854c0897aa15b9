//! The readable listing printed by `juesuan facts` without `--json`: one line per figure with
//! its change, share or budget execution and its provenance, section by section.

use super::facts::*;
use std::fmt::Write;

/// Renders the facts as an indented, human-readable listing (Chinese labels, 万元).
pub fn render_text(f: &Facts) -> String {
    let mut out = String::new();
    let m = &f.meta;
    let _ = writeln!(out, "{} {}年度决算 事实清单（上年 {} 年，上年数来源：{}）", m.department, m.year, m.prior_year, prior_word(m.prior_source));
    sections_1_to_4(&mut out, f);
    section_5(&mut out, &f.general_budget);
    section_6(&mut out, &f.basic);
    section_7(&mut out, &f.three_public);
    sections_8_to_10(&mut out, f);
    glossary_and_charts(&mut out, f);
    for x in &f.findings {
        let _ = writeln!(out, "{x}");
    }
    out
}

fn prior_word(p: PriorSource) -> &'static str {
    match p {
        PriorSource::PriorBook => "上年决算表",
        PriorSource::Notes => "说明材料",
        PriorSource::None => "无",
    }
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "\n{text}");
}

fn fig(out: &mut String, label: &str, x: &Figure, extra: &str) {
    let _ = writeln!(out, "  {label} {}万元{extra}  [{}]", x.display, x.source);
}

fn opt_fig(out: &mut String, label: &str, x: &Option<Figure>) {
    if let Some(x) = x {
        fig(out, label, x, "");
    }
}

fn change_text(c: &Change) -> String {
    let reason = match (c.needs_reason, &c.reason) {
        (true, Some(_)) => "（需说明原因：已填）",
        (true, None) => "（需说明原因：未填）",
        _ => "",
    };
    let body = match c.direction {
        Direction::Missing => "缺少上年数".to_string(),
        Direction::Flat => "持平".to_string(),
        Direction::NewItem => format!("上年无，增加{}万元", c.delta_abs_display.as_deref().unwrap_or("")),
        d => format!("{}{}万元，{}{}%", word(d), c.delta_abs_display.as_deref().unwrap_or(""), if d == Direction::Increase { "增长" } else { "下降" }, c.pct_abs_display.as_deref().unwrap_or("")),
    };
    format!("；较上年{body}{reason}")
}

fn word(d: Direction) -> &'static str {
    if d == Direction::Increase { "增加" } else { "减少" }
}

fn completion_text(c: &Completion) -> String {
    let reason = if c.needs_reason { if c.reason.is_some() { "（差异原因：已填）" } else { "（差异原因：未填）" } } else { "" };
    match (&c.budget, &c.rate_display) {
        (None, _) => "；预算数未知".to_string(),
        (Some(b), Some(r)) => format!("；预算{}万元，完成{}%，决算数{}预算数{reason}", b.display, r, cmp_word(c.comparison)),
        (Some(b), None) => format!("；预算{}万元，决算数{}预算数{reason}", b.display, cmp_word(c.comparison)),
    }
}

fn cmp_word(c: BudgetComparison) -> &'static str {
    match c {
        BudgetComparison::Above => "大于",
        BudgetComparison::Below => "小于",
        BudgetComparison::Equal => "等于",
        BudgetComparison::Unknown => "未知",
    }
}

fn parts(out: &mut String, list: &[Part]) {
    for p in list {
        let _ = writeln!(out, "    {} {}万元，占{}%  [{}]", p.label, p.amount.display, p.share.display, p.amount.source);
    }
}

fn sections_1_to_4(out: &mut String, f: &Facts) {
    heading(out, "一、收入支出决算总体情况");
    let o = &f.overview;
    fig(out, "收入总计", &o.income_grand_total, &change_text(&o.income_change));
    fig(out, "支出总计", &o.expenditure_grand_total, &change_text(&o.expenditure_change));
    heading(out, "二、收入决算情况");
    fig(out, "本年收入合计", &f.income.total, &change_text(&f.income.change));
    parts(out, &f.income.sources);
    opt_fig(out, "使用非财政拨款结余", &f.income.use_of_non_fiscal_balance);
    opt_fig(out, "年初结转和结余", &f.income.begin_balance);
    heading(out, "三、支出决算情况");
    fig(out, "本年支出合计", &f.expenditure.total, &change_text(&f.expenditure.change));
    parts(out, &f.expenditure.parts);
    opt_fig(out, "结余分配", &f.expenditure.surplus_distribution);
    opt_fig(out, "年末结转和结余", &f.expenditure.end_balance);
    heading(out, "四、财政拨款收入支出决算总体情况");
    fig(out, "财政拨款收入总计", &f.fiscal.income_grand_total, &change_text(&f.fiscal.income_change));
    fig(out, "财政拨款支出总计", &f.fiscal.expenditure_grand_total, &change_text(&f.fiscal.expenditure_change));
    parts(out, &f.fiscal.income_by_fund);
}

fn section_5(out: &mut String, g: &GeneralBudget) {
    heading(out, "五、一般公共预算财政拨款支出决算情况");
    let extra = format!("，占本年支出合计{}%{}{}", g.share_of_expenditure.display, change_text(&g.change), completion_text(&g.completion));
    fig(out, "一般公共预算财政拨款支出", &g.total, &extra);
    parts(out, &g.by_class);
    for (n, i) in g.items.iter().enumerate() {
        let _ = writeln!(out, "    {}. {} {}万元{}  [{}]", n + 1, i.path, i.amount.display, completion_text(&i.completion), i.amount.source);
    }
}

fn section_6(out: &mut String, b: &Basic) {
    heading(out, "六、一般公共预算财政拨款基本支出决算情况");
    fig(out, "基本支出", &b.total, "");
    fig(out, "人员经费", &b.personnel.amount, &format!("，主要包括：{}", b.personnel.items.join("、")));
    fig(out, "公用经费", &b.public.amount, &format!("，主要包括：{}", b.public.items.join("、")));
}

fn section_7(out: &mut String, t: &ThreePublicFacts) {
    heading(out, "七、财政拨款“三公”经费支出决算情况");
    let lines = [("合计", &t.total), ("因公出国（境）费", &t.overseas), ("公务用车购置及运行维护费", &t.vehicles), ("  公务用车购置费", &t.vehicle_purchase), ("  公务用车运行维护费", &t.vehicle_operation), ("公务接待费", &t.reception)];
    for (label, l) in lines {
        let share = l.share.as_ref().map(|s| format!("，占{}%", s.display)).unwrap_or_default();
        fig(out, label, &l.actual, &format!("{share}{}{}", completion_text(&l.completion), change_text(&l.change)));
    }
    let counts = [("因公出国团组数", &t.overseas_groups), ("因公出国人次", &t.overseas_people), ("公务用车购置数", &t.vehicles_purchased), ("公务用车保有量", &t.vehicles_held), ("国内公务接待批次", &t.domestic_batches), ("国内公务接待人次", &t.domestic_people), ("外事接待批次", &t.foreign_batches), ("外事接待人次", &t.foreign_people)];
    for (label, c) in counts {
        if let Some(c) = c {
            let _ = writeln!(out, "  {label} {}  [{}]", c.value, c.source);
        }
    }
    opt_fig(out, "国内公务接待费", &t.domestic_amount);
    opt_fig(out, "外事接待费", &t.foreign_amount);
}

fn fund(out: &mut String, title: &str, s: &FundSpending) {
    heading(out, title);
    if !s.has_data {
        let _ = writeln!(out, "  本年度无此项收支");
        return;
    }
    fig(out, "本年支出", &s.total, "");
    for x in &s.subjects {
        let _ = writeln!(out, "    {} {}万元  [{}]", x.path, x.amount.display, x.amount.source);
    }
}

fn sections_8_to_10(out: &mut String, f: &Facts) {
    fund(out, "八、政府性基金预算财政拨款支出", &f.gov_fund);
    fund(out, "九、国有资本经营预算财政拨款支出", &f.state_capital);
    heading(out, "十、其他重要事项");
    let r = &f.running_cost;
    let approx = if r.approximated { "（以公用经费近似）" } else { "" };
    fig(out, &format!("机关运行经费{approx}"), &r.amount, &change_text(&r.change));
    opt_fig(out, "会议费", &f.general_spending.meetings);
    opt_fig(out, "培训费", &f.general_spending.training);
    let p = &f.procurement;
    for (label, x) in [("政府采购支出总额", &p.total), ("  货物", &p.goods), ("  工程", &p.works), ("  服务", &p.services), ("授予中小企业合同金额", &p.sme), ("授予小微企业合同金额", &p.small_micro)] {
        opt_fig(out, label, x);
    }
    if let Some(c) = &f.assets.vehicles_total {
        let _ = writeln!(out, "  车辆总数 {}  [{}]", c.value, c.source);
    }
    for pr in &f.performance.projects {
        let actual = pr.actual.as_ref().map_or("未填".to_string(), |a| format!("{}万元", a.display));
        let _ = writeln!(out, "  项目 {} 执行{}{}", pr.name, actual, completion_text(&pr.completion));
    }
}

fn glossary_and_charts(out: &mut String, f: &Facts) {
    heading(out, "名词解释");
    for (n, g) in f.glossary.iter().enumerate() {
        let _ = writeln!(out, "  {}.{}：{}", n + 1, g.term, g.explanation.as_deref().unwrap_or("【词典无解释】"));
    }
    heading(out, "图表");
    for c in &f.charts {
        match (&c.chart, &c.omitted_reason) {
            (Some(ch), _) => {
                let series: Vec<String> = ch.series.iter().map(|s| format!("{}={}", s.name, s.values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("/"))).collect();
                let _ = writeln!(out, "  {} [{}] {}{}", ch.caption, ch.categories.join("/"), series.join(" "), if c.prior_missing { "（缺上年）" } else { "" });
            }
            (None, reason) => {
                let _ = writeln!(out, "  图{}：不绘制（{}）", c.number, reason.as_deref().unwrap_or(""));
            }
        }
    }
}
