//! A full view shaped like seed 004 (a district party-committee office, 2023), plus variants.
#![allow(dead_code)]

use juesuan::doc::{Chart, ChartKind, Series};
use juesuan::narrate::*;
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

fn share(name: &str, amount: &str, share: &str) -> Share {
    Share { name: name.into(), amount: amount.into(), share: share.into(), nonzero: d(amount) != Decimal::ZERO }
}

/// The change between two amounts, as derive states it (percent rounded half-up to 2 dp).
pub fn compute_change(current: Decimal, prior: Option<Decimal>) -> Change {
    let Some(prior) = prior else { return Change::default() };
    let diff = current - prior;
    let pct = (diff * Decimal::ONE_HUNDRED).checked_div(prior).map(|p| juesuan::money::round_half_up(p, 2).to_string());
    let direction = match juesuan::money::round_half_up(diff, 2) {
        x if x.is_zero() => "持平",
        x if x.is_sign_negative() => "减少",
        _ => "增加",
    };
    Change { has_prior: true, prior: prior.normalize().to_string(), diff: diff.normalize().to_string(), pct: pct.unwrap_or_default(), direction: direction.into(), missing: String::new() }
}

fn change(cur: &str, prior: &str) -> Change {
    compute_change(d(cur), Some(d(prior)))
}

fn path(parts: &[(&str, &str)]) -> Vec<PathPart> {
    parts.iter().map(|(n, c)| PathPart { name: n.to_string(), code: c.to_string() }).collect()
}

fn item(code: &str, parts: &[(&str, &str)], actual: &str, budget: &str, reason: &str) -> SubjectItem {
    let cmp = match d(actual).cmp(&d(budget)) {
        std::cmp::Ordering::Equal => "持平",
        std::cmp::Ordering::Greater => "大于",
        std::cmp::Ordering::Less => "小于",
    };
    let completion = juesuan::money::round_half_up(d(actual) * Decimal::ONE_HUNDRED / d(budget), 2).to_string();
    SubjectItem {
        code: code.into(),
        path: path(parts),
        actual: actual.into(),
        has_budget: true,
        budget: budget.into(),
        completion,
        comparison: cmp.into(),
        reason: Reason::new(cmp != "持平", &format!("预决算差异原因：{code}"), reason),
    }
}

fn sangong_item(actual: &str, budget: &str, share: &str, prior: &str, label: &str, reason: &str) -> SangongItem {
    let c = change(actual, prior);
    let needed = c.direction != "持平";
    let completion = if d(budget).is_zero() { String::new() } else { juesuan::money::round_half_up(d(actual) * Decimal::ONE_HUNDRED / d(budget), 2).to_string() };
    SangongItem { has_spending: !d(actual).is_zero(), actual: actual.into(), budget: budget.into(), completion, share: share.into(), change: c, reason: Reason::new(needed, label, reason) }
}

fn charts() -> Vec<Chart> {
    let bar = |n: u8, caption: &str, cats: &[&str], cur: &[&str], prior: &[&str]| Chart {
        number: n,
        kind: ChartKind::Bar,
        caption: caption.into(),
        categories: cats.iter().map(|s| s.to_string()).collect(),
        series: vec![
            Series { name: "2022年".into(), values: prior.iter().map(|v| d(v)).collect() },
            Series { name: "2023年".into(), values: cur.iter().map(|v| d(v)).collect() },
        ],
    };
    let pie = |n: u8, caption: &str, cats: &[&str], vals: &[&str]| Chart {
        number: n,
        kind: ChartKind::Pie,
        caption: caption.into(),
        categories: cats.iter().map(|s| s.to_string()).collect(),
        series: vec![Series { name: "占比".into(), values: vals.iter().map(|v| d(v)).collect() }],
    };
    vec![
        bar(1, "图1：收、支决算总计变动情况图", &["收入", "支出"], &["889.16", "889.16"], &["844.82", "844.82"]),
        pie(2, "图2：收入决算结构图", &["一般公共预算财政拨款收入"], &["1"]),
        pie(3, "图3：支出决算结构图", &["基本支出", "项目支出"], &["0.7153", "0.2847"]),
        bar(4, "图4：财政拨款收、支决算总计变动情况", &["收入", "支出"], &["889.16", "889.16"], &["844.82", "844.82"]),
        bar(5, "图5：一般公共预算财政拨款支出决算变动情况", &["一般公共预算财政拨款支出"], &["889.16"], &["844.82"]),
        pie(6, "图6：一般公共预算财政拨款支出决算结构", &["一般公共服务支出", "公共安全支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"], &["0.8469", "0.0067", "0.0645", "0.0306", "0.0513"]),
        pie(7, "图7：“三公”经费财政拨款支出结构", &["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"], &["0", "1", "0"]),
    ]
}

fn income() -> Breakdown {
    let names = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"];
    let mut items: Vec<Share> = names.iter().map(|n| share(n, "0", "0")).collect();
    items[0] = share(names[0], "889.16", "100.00");
    Breakdown { total: "889.16".into(), items }
}

fn expenditure() -> Breakdown {
    Breakdown {
        total: "889.16".into(),
        items: vec![
            share("基本支出", "636.03", "71.53"),
            share("项目支出", "253.13", "28.47"),
            share("上缴上级支出", "0", "0"),
            share("经营支出", "0", "0"),
            share("对附属单位补助支出", "0", "0"),
        ],
    }
}

fn general() -> General {
    let gps = ("一般公共服务支出", "201");
    let party = ("党委办公厅（室）及相关机构事务", "31");
    General {
        total: "889.16".into(),
        share_of_expenditure: "100.00".into(),
        change: change("889.16", "844.82"),
        reason: Reason::new(true, "一般公共预算财政拨款支出变动原因", "人员经费增加"),
        classes: vec![
            share("一般公共服务支出", "753.07", "84.69"),
            share("公共安全支出", "5.96", "0.67"),
            share("社会保障和就业支出", "57.34", "6.45"),
            share("卫生健康支出", "27.23", "3.06"),
            share("住房保障支出", "45.56", "5.13"),
        ],
        budget: "889.16".into(),
        completion: "100.00".into(),
        budgets_given: true,
        items: vec![
            item("2011308", &[gps, ("商贸事务", "13"), ("招商引资", "08")], "27.02", "27.02", ""),
            item("2013101", &[gps, party, ("行政运行", "01")], "402.23", "402.23", ""),
            item("2013105", &[gps, party, ("专项业务", "05")], "25.5", "30", "部分会议改为视频方式召开，会务费减少"),
            item("2013150", &[gps, party, ("事业运行", "50")], "97.71", "97.71", ""),
            item("2013199", &[gps, party, ("其他党委办公厅（室）及相关机构事务支出", "99")], "200.61", "195.61", ""),
            item("2040601", &[("公共安全支出", "204"), ("司法", "06"), ("行政运行", "01")], "5.96", "5.96", ""),
            item("2080505", &[("社会保障和就业支出", "208"), ("行政事业单位养老支出", "05"), ("机关事业单位基本养老保险缴费支出", "05")], "57.34", "57.34", ""),
            item("2101101", &[("卫生健康支出", "210"), ("行政事业单位医疗", "11"), ("行政单位医疗", "01")], "27.23", "27.23", ""),
            item("2210201", &[("住房保障支出", "221"), ("住房改革支出", "02"), ("住房公积金", "01")], "45.56", "45.56", ""),
        ],
    }
}

fn sangong() -> Sangong {
    Sangong {
        present: true,
        actual: "12.52".into(),
        budget: "12.52".into(),
        completion: "100.00".into(),
        comparison: "持平".into(),
        change: change("12.52", "6.89"),
        reason: Reason::new(false, "三公经费预算执行说明", ""),
        change_reason: Reason::new(true, "三公经费变动原因", "原区委区政府接待办公室车辆1辆划入我办"),
        abroad: sangong_item("0", "0", "0", "0", "因公出国（境）费变动原因", ""),
        abroad_groups: "0".into(),
        abroad_people: "0".into(),
        vehicle: sangong_item("12.52", "12.52", "100.00", "6.89", "公务用车购置及运行维护费变动原因", "原区委区政府接待办公室车辆1辆划入我办"),
        vehicle_purchase: "0".into(),
        vehicle_operation: "12.52".into(),
        vehicles_bought: "0".into(),
        fleet: "3".into(),
        fleet_sedan: "2".into(),
        fleet_suv: "1".into(),
        fleet_bus: "0".into(),
        operation_use: "保障机要通信、应急等公务用车的燃料费、维修费、过路过桥费、保险费等".into(),
        reception: sangong_item("0", "0", "0", "0", "公务接待费变动原因", ""),
        domestic: "0".into(),
        domestic_batches: "0".into(),
        domestic_people: "0".into(),
        domestic_content: String::new(),
        foreign: "0".into(),
        foreign_batches: "0".into(),
        foreign_people: "0".into(),
    }
}

fn other() -> Other {
    let count = |n: &str, c: &str| Count { name: n.into(), count: c.into() };
    Other {
        running_cost: "80.69".into(),
        running_cost_approximated: false,
        running_cost_not_applicable: false,
        running_change: change("80.69", "68.41"),
        running_reason: Reason::new(true, "机关运行经费变动原因", "增加民主党派服务地方发展促进中心，人员增加，工作业务量增加"),
        has_procurement: false,
        procurement: "0".into(),
        vehicles: "3".into(),
        vehicle_types: vec![count("主要领导干部用车", "1"), count("机要通信用车", "1"), count("其他用车", "1")],
        other_vehicle_use: "用于日常公务保障".into(),
        equipment: "0".into(),
        performance: "根据预算绩效管理要求，本部门在2023年度预算编制阶段，组织对春节慰问费项目等5个项目开展了预算事前绩效评估，对5个项目编制了绩效目标，预算执行过程中，选取5个项目开展绩效监控。".into(),
        projects: vec![
            Project { name: "春节慰问费".into(), budget: "4".into(), actual: "4".into(), completion: "100.00".into(), summary: "区委节日慰问一线干部职工、党员代表、基层群众100余人。".into() },
            Project { name: "档案工作经费".into(), budget: "20".into(), actual: "9.61".into(), completion: "48.05".into(), summary: String::new() },
        ],
        ..Other::default()
    }
}

fn glossary() -> Vec<GlossaryEntry> {
    let g = |t: &str, x: &str| GlossaryEntry { term: t.into(), text: x.into(), label: String::new() };
    vec![
        g("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
        g("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
        g("一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)", "反映行政单位（包括实行公务员管理的事业单位）的基本支出。"),
        g("“三公”经费", "指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ]
}

/// The seed-004-like case: everything present, prior year known, reasons supplied.
pub fn full_view() -> View {
    View {
        department: "中共遂宁市安居区委员会办公室".into(),
        short_name: "区委办".into(),
        year: "2023".into(),
        prior_year: "2022".into(),
        draft: false,
        options: Options::default(),
        profile: Profile {
            duties: "（1）贯彻落实党的路线、方针、政策和国家法律法规。\n（2）负责全区重要工作综合协调工作。".into(),
            key_work: String::new(),
            organisation: "安居区委办下属事业单位4个，其中行政单位0个，参照公务员法管理的事业单位1个，其他事业单位3个。".into(),
        },
        totals: Totals {
            grand_total: "889.16".into(),
            income_total: "889.16".into(),
            expenditure_total: "889.16".into(),
            change: change("889.16", "844.82"),
            reason: Reason::new(true, "收支总计变动原因", "人员的有关经费增加。"),
            ..Totals::default()
        },
        income: income(),
        expenditure: expenditure(),
        fiscal: FiscalTotals {
            grand_total: "889.16".into(),
            income_total: "889.16".into(),
            expenditure_total: "889.16".into(),
            change: change("889.16", "844.82"),
            reason: Reason::new(true, "财政拨款收支变动原因", "人员的有关经费增加"),
            ..FiscalTotals::default()
        },
        general: general(),
        basic: Basic {
            total: "636.03".into(),
            personnel: "555.34".into(),
            public: "80.69".into(),
            personnel_items: vec!["基本工资".into(), "津贴补贴".into(), "奖金".into(), "住房公积金".into()],
            public_items: vec!["办公费".into(), "印刷费".into(), "公务用车运行维护费".into()],
        },
        sangong: sangong(),
        gov_fund: Fund::default(),
        state_capital: Fund::default(),
        other: other(),
        glossary: glossary(),
        annex: "附件1\n部门预算绩效评价报告\n# 一、部门基本情况".into(),
        evaluation: Evaluation::default(),
        charts: charts(),
    }
}
