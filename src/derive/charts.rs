//! The seven charts as [`crate::doc::Chart`] values: bars in 万元 rounded to 2 decimals (one series
//! per year: last year, then this year), pies with the text's largest-remainder shares as
//! fractions summing to exactly 1. An all-zero chart is omitted with a reason; a bar chart
//! without the prior year draws this year only and says so.

use super::facts::{Change, ChartFact, Facts, Figure, Part};
use crate::doc::{Chart, ChartKind, Series};
use crate::money::round_half_up;
use rust_decimal::Decimal;

/// Captions, in chart order.
pub const CAPTIONS: [&str; 7] = [
    "图1：收、支决算总计变动情况图",
    "图2：收入决算结构图",
    "图3：支出决算结构图",
    "图4：财政拨款收、支决算总计变动情况图",
    "图5：一般公共预算财政拨款支出决算变动情况图",
    "图6：一般公共预算财政拨款支出决算结构图",
    "图7：“三公”经费财政拨款支出结构图",
];

/// All seven charts of a (nearly complete) facts tree.
pub fn charts(f: &Facts) -> Vec<ChartFact> {
    let year = f.meta.year;
    let o = &f.overview;
    let fi = &f.fiscal;
    let g = &f.general_budget;
    let tp = &f.three_public;
    let three: Vec<Part> = [&tp.overseas, &tp.vehicles, &tp.reception]
        .iter()
        .zip(["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"])
        .filter_map(|(l, name)| l.share.clone().map(|share| Part { key: name.into(), label: name.into(), amount: l.actual.clone(), share }))
        .collect();
    vec![
        bar(1, year, &["收入", "支出"], &[(&o.income_grand_total, &o.income_change), (&o.expenditure_grand_total, &o.expenditure_change)]),
        pie(2, &f.income.sources),
        pie(3, &f.expenditure.parts),
        bar(4, year, &["收入", "支出"], &[(&fi.income_grand_total, &fi.income_change), (&fi.expenditure_grand_total, &fi.expenditure_change)]),
        bar(5, year, &["一般公共预算财政拨款支出"], &[(&g.total, &g.change)]),
        pie(6, &g.by_class),
        pie(7, &three),
    ]
}

fn caption(number: u8) -> String {
    CAPTIONS.get(usize::from(number) - 1).map_or_else(String::new, |s| s.to_string())
}

fn omitted(number: u8, reason: String) -> ChartFact {
    ChartFact { number, chart: None, omitted_reason: Some(reason), prior_missing: false }
}

/// A bar chart: categories × (last year, this year); this year only when any prior is missing.
fn bar(number: u8, year: i32, categories: &[&str], data: &[(&Figure, &Change)]) -> ChartFact {
    let current: Vec<Decimal> = data.iter().map(|(f, _)| round_half_up(f.value, 2)).collect();
    let prior: Option<Vec<Decimal>> = data.iter().map(|(_, c)| c.prior.as_ref().map(|p| round_half_up(p.value, 2))).collect();
    let all_zero = current.iter().chain(prior.iter().flatten()).all(|v| v.is_zero());
    if all_zero {
        return omitted(number, format!("{}数据均为0，不绘制图表", caption(number)));
    }
    let mut series = Vec::new();
    if let Some(values) = &prior {
        series.push(Series { name: format!("{}年", year - 1), values: values.clone() });
    }
    series.push(Series { name: format!("{year}年"), values: current });
    let chart = Chart { number, kind: ChartKind::Bar, caption: caption(number), categories: categories.iter().map(|s| s.to_string()).collect(), series };
    ChartFact { number, chart: Some(chart), omitted_reason: None, prior_missing: prior.is_none() }
}

/// A pie of the non-zero members of a share list; the values are the shares ÷ 100, then a
/// second series with the amounts in 万元 (2 decimals).
fn pie(number: u8, parts: &[Part]) -> ChartFact {
    let slices: Vec<&Part> = parts.iter().filter(|p| !p.share.pct.is_zero()).collect();
    if slices.is_empty() {
        return omitted(number, format!("{}数据均为0，不绘制图表", caption(number)));
    }
    let values = slices.iter().map(|p| (p.share.pct / Decimal::ONE_HUNDRED).normalize()).collect();
    let chart = Chart {
        number,
        kind: ChartKind::Pie,
        caption: caption(number),
        categories: slices.iter().map(|p| p.label.clone()).collect(),
        series: vec![
            Series { name: caption(number), values },
            // The amounts, for the embedded workbook (编辑数据); the pie draws the shares.
            Series { name: "金额（万元）".into(), values: slices.iter().map(|p| round_half_up(p.amount.value, 2)).collect() },
        ],
    };
    ChartFact { number, chart: Some(chart), omitted_reason: None, prior_missing: false }
}
