//! 部门预算项目支出绩效自评表 of the samples and the corpus, and the blank form of `init`,
//! laid out as the performance system exports them (seed 004, lines 301–489).
//!
//! Two layouts: [`FormLayout::Seed`] (11 columns from A, wide merged labels, amounts as text
//! `4.00`, rates as text `100.00%`, `0.00` in unused fund rows, the printed instruction in the
//! 原因 cell) and [`FormLayout::Compact`] (12 columns from B, labels merged over B:C, other
//! label wording, amounts and rates as numbers, unused cells blank, both signatures in one
//! cell). Every figure of a form is derived from its [`FormSpec`], so 执行率, 总额, weights
//! and scores always agree.

use super::spec::{Line, SampleDept};
use crate::model::Unit;
use crate::money::{format_wan, round_half_up};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

type XR<T> = Result<T, XlsxError>;

/// How a form is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormLayout {
    /// The seed's layout; `title_year` prints `（2023年度）` after the title.
    Seed {
        /// Title with the year suffix.
        title_year: bool,
    },
    /// The compact layout; `title_year` prints a `2023年度` prefix.
    Compact {
        /// Title with the year prefix.
        title_year: bool,
    },
}

/// One 绩效指标 row.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSpec {
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标性质 (`≥`, `＝`, `定性` …).
    pub nature: String,
    /// 指标值.
    pub target: String,
    /// 度量单位.
    pub unit: String,
    /// 完成值.
    pub done: String,
    /// 权重.
    pub weight: u32,
    /// 得分 in hundredths.
    pub score: i64,
    /// 未完成原因分析 (required when 得分 < 权重).
    pub reason: Option<String>,
}

/// One project's self-evaluation form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormSpec {
    /// Sheet name (workbook input) or file stem inside the folder (folder input).
    pub sheet: String,
    /// The system's project code printed before the name, when any.
    pub code: Option<String>,
    /// 项目名称 as printed after the code.
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 实施单位.
    pub unit: String,
    /// 项目年度目标.
    pub goal: String,
    /// 年度目标完成情况.
    pub achieved: String,
    /// 项目实施内容及过程概述.
    pub process: String,
    /// 财政资金 年初预算 · 调整后预算数 · 预算执行数, cents of 万元.
    pub fiscal: [i64; 3],
    /// 单位资金 年初预算 · 调整后预算数 · 预算执行数, cents of 万元 (`None`: not used).
    pub unit_funds: Option<[i64; 3]>,
    /// 原因 of the budget part (required below 90%).
    pub reason: Option<String>,
    /// 绩效指标 (weights sum to 90).
    pub indicators: Vec<IndicatorSpec>,
    /// 评价结论.
    pub conclusion: String,
    /// 存在问题.
    pub problems: String,
    /// 改进措施.
    pub measures: String,
    /// 项目负责人, 财务负责人.
    pub leads: (String, String),
    /// Layout.
    pub layout: FormLayout,
}

impl FormSpec {
    /// 总额 年初预算 · 调整后预算数 · 预算执行数 (cents of 万元).
    pub fn total(&self) -> [i64; 3] {
        let u = self.unit_funds.unwrap_or([0; 3]);
        [self.fiscal[0] + u[0], self.fiscal[1] + u[1], self.fiscal[2] + u[2]]
    }
    /// 预算执行率 of a row, percent rounded to 2 decimals (0 when nothing was budgeted).
    pub fn rate(row: [i64; 3]) -> Decimal {
        if row[1] == 0 {
            return Decimal::ZERO;
        }
        round_half_up(Decimal::from(row[2]) * Decimal::ONE_HUNDRED / Decimal::from(row[1]), 2)
    }
    /// 预算执行情况 得分 (of 10) in hundredths: 10 × 执行率, at most 10.
    pub fn budget_score(&self) -> i64 {
        let t = self.total();
        if t[1] == 0 || t[2] >= t[1] {
            return 1000;
        }
        t[2] * 1000 / t[1]
    }
    /// 合计 得分 in hundredths.
    pub fn total_score(&self) -> i64 {
        self.budget_score() + self.indicators.iter().map(|i| i.score).sum::<i64>()
    }
    /// The printed 项目名称 (code, `-`, name).
    pub fn full_name(&self) -> String {
        match &self.code {
            Some(c) => format!("{c}-{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// An indicator row (score in hundredths).
#[allow(clippy::too_many_arguments)]
pub fn ind(l1: &str, l2: &str, l3: &str, nature: &str, target: &str, unit: &str, done: &str, weight: u32, score: i64, reason: Option<&str>) -> IndicatorSpec {
    IndicatorSpec {
        level1: l1.into(),
        level2: l2.into(),
        level3: l3.into(),
        nature: nature.into(),
        target: target.into(),
        unit: unit.into(),
        done: done.into(),
        weight,
        score,
        reason: reason.map(str::to_string),
    }
}

/// The 财政资金 执行数 of a project line in cents of 万元, never more than the tables hold
/// (元 amounts are cut to whole 0.01 万元).
pub fn line_actual_wan_cents(line: &Line, unit: Unit) -> i64 {
    match unit {
        Unit::Wan => line.project,
        Unit::Yuan => line.project / 10_000,
    }
}

/// The project line of `dept` named `name`.
pub fn project_line<'a>(dept_lines: &'a [Line], name: &str) -> Option<&'a Line> {
    dept_lines.iter().find(|l| l.project_name.as_deref() == Some(name))
}

/// A generic form for a corpus project line: 100% executed unless the line has a
/// `budget_gap`, three indicators, seed or compact layout.
pub fn corpus_form(dept: &SampleDept, line: &Line, k: usize, compact: bool) -> FormSpec {
    let name = line.project_name.clone().unwrap_or_else(|| line.name.clone());
    let actual = line_actual_wan_cents(line, dept.unit);
    let adjusted = actual + line.budget_gap;
    let low = adjusted > 0 && actual * 10 < adjusted * 9;
    let layout = if compact { FormLayout::Compact { title_year: k % 2 == 0 } } else { FormLayout::Seed { title_year: k % 2 == 1 } };
    FormSpec {
        sheet: format!("自评表{}", k + 1),
        code: (k % 3 != 2).then(|| format!("5109{:02}23T{:012}", k % 100, 8_810_000 + k as u64 * 17)),
        name: format!("{name}（{}）", dept.year),
        department: dept.name.clone(),
        unit: dept.name.clone(),
        goal: format!("按计划完成{name}年度任务。"),
        achieved: "年度任务按计划完成。".into(),
        process: format!("按年度计划组织实施{name}，资金按进度拨付。"),
        fiscal: [adjusted, adjusted, actual],
        unit_funds: None,
        reason: (line.budget_gap != 0).then(|| "部分事项按合同分期支付，尾款结转下年支付。".to_string()),
        indicators: vec![
            ind("产出指标", "数量指标", "完成工作任务", "≥", "95", "%", "100%", 40, 4000, None),
            ind("效益指标", "社会效益指标", "服务保障水平", "定性", "有效提升", "", "有效提升", 30, if low { 2800 } else { 3000 }, low.then_some("部分事项跨年度实施，效益尚未完全显现。")),
            ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "96%", 20, 2000, None),
        ],
        conclusion: if low { format!("{name}年度产出目标全部完成，部分效益尚未完全显现。") } else { format!("{name}年度目标全部完成。") },
        problems: "无".into(),
        measures: "无".into(),
        leads: ("王明".into(), "李华".into()),
        layout,
    }
}

struct Fmt {
    title: Format,
    cell: Format,
    wrap: Format,
    center: Format,
    number: Format,
    percent: Format,
}

impl Fmt {
    fn new() -> Fmt {
        let border = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Fmt {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            cell: border.clone(),
            wrap: border.clone().set_text_wrap(),
            center: border.clone().set_align(FormatAlign::Center).set_text_wrap(),
            number: border.clone().set_num_format("0.00"),
            percent: border.set_num_format("0.00%"),
        }
    }
}

/// Writes `s` into (r, c1..=c2) merged (one cell when c1 == c2; r1..=r2 rows when given).
fn put(ws: &mut Worksheet, r1: u32, r2: u32, c1: u16, c2: u16, s: &str, f: &Format) -> XR<()> {
    if r1 == r2 && c1 == c2 {
        if s.is_empty() {
            ws.write_blank(r1, c1, f)?;
        } else {
            ws.write_string_with_format(r1, c1, s, f)?;
        }
    } else {
        ws.merge_range(r1, c1, r2, c2, s, f)?;
    }
    Ok(())
}

fn num(ws: &mut Worksheet, r: u32, c: u16, hundredths: i64, f: &Format) -> XR<()> {
    ws.write_number_with_format(r, c, hundredths as f64 / 100.0, f)?;
    Ok(())
}

fn wan_text(cents: i64) -> String {
    format_wan(Decimal::new(cents, 2), false)
}

fn rate_text(row: [i64; 3]) -> String {
    let mut r = FormSpec::rate(row);
    r.rescale(2);
    format!("{r}%")
}

fn title_text(layout: FormLayout, year: i32) -> String {
    match layout {
        FormLayout::Seed { title_year: true } => format!("部门预算项目支出绩效自评表（{year}年度）"),
        FormLayout::Seed { title_year: false } => "部门预算项目支出绩效自评表".into(),
        FormLayout::Compact { title_year: true } => format!("{year}年度项目支出绩效自评表"),
        FormLayout::Compact { title_year: false } => "项目支出绩效自评表".into(),
    }
}

const INSTRUCTION: &str = "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款。";

/// Writes one form on `ws` (sheet name set by the caller). `spec = None` writes the blank
/// form of `init`: every label, no values, three empty indicator rows.
pub fn write_form(ws: &mut Worksheet, spec: Option<&FormSpec>, year: i32) -> XR<()> {
    let layout = spec.map_or(FormLayout::Seed { title_year: true }, |s| s.layout);
    match layout {
        FormLayout::Seed { .. } => seed_layout(ws, spec, year, layout),
        FormLayout::Compact { .. } => compact_layout(ws, spec.expect("compact forms have a spec"), year, layout),
    }
}

fn seed_layout(ws: &mut Worksheet, spec: Option<&FormSpec>, year: i32, layout: FormLayout) -> XR<()> {
    let f = Fmt::new();
    let text = |get: fn(&FormSpec) -> String| spec.map(get).unwrap_or_default();
    put(ws, 0, 0, 0, 10, &title_text(layout, year), &f.title)?;
    ws.set_row_height(0, 30)?;
    put(ws, 1, 1, 0, 0, "项目名称", &f.center)?;
    put(ws, 1, 1, 1, 10, &text(FormSpec::full_name), &f.cell)?;
    put(ws, 2, 2, 0, 0, "主管部门", &f.center)?;
    put(ws, 2, 2, 1, 5, &text(|s| s.department.clone()), &f.cell)?;
    put(ws, 2, 2, 6, 6, "实施单位 （盖章）", &f.center)?;
    put(ws, 2, 2, 7, 10, &text(|s| s.unit.clone()), &f.cell)?;
    put(ws, 3, 5, 0, 0, "项目基本情况", &f.center)?;
    put(ws, 3, 4, 1, 1, "1.项目年度目标完成情况", &f.center)?;
    put(ws, 3, 3, 2, 5, "项目年度目标", &f.center)?;
    put(ws, 3, 3, 6, 10, "年度目标完成情况", &f.center)?;
    put(ws, 4, 4, 2, 5, &text(|s| s.goal.clone()), &f.wrap)?;
    put(ws, 4, 4, 6, 10, &text(|s| s.achieved.clone()), &f.wrap)?;
    ws.set_row_height(4, 48)?;
    put(ws, 5, 5, 1, 1, "2.项目实施内容及过程概述", &f.center)?;
    put(ws, 5, 5, 2, 10, &text(|s| s.process.clone()), &f.wrap)?;
    ws.set_row_height(5, 48)?;
    put(ws, 6, 11, 0, 0, "预算执行情况（10分）", &f.center)?;
    for (c, h) in ["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"].iter().enumerate() {
        put(ws, 6, 6, 1 + c as u16, 1 + c as u16, h, &f.center)?;
    }
    put(ws, 6, 6, 8, 10, "原因", &f.center)?;
    let total = spec.map(FormSpec::total);
    let rows: [(&str, Option<[i64; 3]>); 5] = [
        ("总额", total),
        ("其中：财政资金", spec.map(|s| s.fiscal)),
        ("财政专户管理资金", spec.map(|_| [0; 3])),
        ("单位资金", spec.map(|s| s.unit_funds.unwrap_or([0; 3]))),
        ("其他资金", None),
    ];
    for (i, (label, amounts)) in rows.iter().enumerate() {
        let r = 7 + i as u32;
        put(ws, r, r, 1, 1, label, &f.cell)?;
        for c in 0..3u16 {
            put(ws, r, r, 2 + c, 2 + c, &amounts.map(|a| wan_text(a[c as usize])).unwrap_or_default(), &f.center)?;
        }
        put(ws, r, r, 5, 5, &amounts.map(|a| if a[1] == 0 { "0.00%".to_string() } else { rate_text(a) }).unwrap_or_default(), &f.center)?;
        if i == 0 {
            match spec {
                Some(s) => {
                    ws.write_number_with_format(r, 6, 10.0, &f.center)?;
                    num(ws, r, 7, s.budget_score(), &f.center)?;
                    put(ws, r, r, 8, 10, s.reason.as_deref().unwrap_or(INSTRUCTION), &f.wrap)?;
                }
                None => {
                    put(ws, r, r, 6, 6, "", &f.center)?;
                    put(ws, r, r, 7, 7, "", &f.center)?;
                    put(ws, r, r, 8, 10, INSTRUCTION, &f.wrap)?;
                }
            }
            ws.set_row_height(r, 60)?;
        } else {
            put(ws, r, r, 6, 6, "/", &f.center)?;
            put(ws, r, r, 7, 7, "/", &f.center)?;
            put(ws, r, r, 8, 10, "", &f.cell)?;
        }
    }
    let head = 12u32;
    let inds: Vec<IndicatorSpec> = match spec {
        Some(s) => s.indicators.clone(),
        None => vec![ind("", "", "", "", "", "", "", 0, 0, None); 3],
    };
    let n = inds.len().max(1) as u32;
    put(ws, head, head + n, 0, 0, "绩效指标（90分）", &f.center)?;
    for (c, h) in ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"].iter().enumerate() {
        put(ws, head, head, 1 + c as u16, 1 + c as u16, h, &f.center)?;
    }
    // 一级/二级指标 merged down over their rows.
    let mut i = 0usize;
    while i < inds.len() {
        let j = (i..inds.len()).take_while(|&k| inds[k].level1 == inds[i].level1).count() + i;
        put(ws, head + 1 + i as u32, head + j as u32, 1, 1, &inds[i].level1, &f.center)?;
        let mut a = i;
        while a < j {
            let b = (a..j).take_while(|&k| inds[k].level2 == inds[a].level2).count() + a;
            put(ws, head + 1 + a as u32, head + b as u32, 2, 2, &inds[a].level2, &f.center)?;
            a = b;
        }
        i = j;
    }
    for (k, x) in inds.iter().enumerate() {
        let r = head + 1 + k as u32;
        put(ws, r, r, 3, 3, &x.level3, &f.wrap)?;
        for (c, v) in [&x.nature, &x.target, &x.unit, &x.done].iter().enumerate() {
            put(ws, r, r, 4 + c as u16, 4 + c as u16, v, &f.center)?;
        }
        if spec.is_some() {
            ws.write_number_with_format(r, 8, f64::from(x.weight), &f.center)?;
            num(ws, r, 9, x.score, &f.center)?;
        } else {
            put(ws, r, r, 8, 8, "", &f.center)?;
            put(ws, r, r, 9, 9, "", &f.center)?;
        }
        put(ws, r, r, 10, 10, x.reason.as_deref().unwrap_or(""), &f.wrap)?;
    }
    let t = head + 1 + n;
    put(ws, t, t, 0, 7, "合计", &f.center)?;
    match spec {
        Some(s) => {
            ws.write_number_with_format(t, 8, 100.0, &f.center)?;
            num(ws, t, 9, s.total_score(), &f.center)?;
        }
        None => {
            put(ws, t, t, 8, 8, "", &f.center)?;
            put(ws, t, t, 9, 9, "", &f.center)?;
        }
    }
    put(ws, t, t, 10, 10, "", &f.cell)?;
    for (k, (label, v)) in [("评价结论", text(|s| s.conclusion.clone())), ("存在问题", text(|s| s.problems.clone())), ("改进措施", text(|s| s.measures.clone()))].iter().enumerate() {
        let r = t + 1 + k as u32;
        put(ws, r, r, 0, 0, label, &f.center)?;
        put(ws, r, r, 1, 10, v, &f.wrap)?;
        ws.set_row_height(r, 36)?;
    }
    let s = t + 4;
    let (pl, fl) = spec.map(|s| s.leads.clone()).unwrap_or_default();
    put(ws, s, s, 0, 5, &format!("项目负责人：{pl}"), &Format::new())?;
    put(ws, s, s, 6, 10, &format!("财务负责人：{fl}"), &Format::new())?;
    for (c, w) in [(0u16, 12.0), (1, 14.0), (2, 18.0), (3, 24.0), (4, 9.0), (5, 10.0), (6, 9.0), (7, 9.0), (8, 8.0), (9, 8.0), (10, 18.0)] {
        ws.set_column_width(c, w)?;
    }
    print_setup(ws)?;
    Ok(())
}

/// Landscape, one page wide (as the system prints a form).
fn print_setup(ws: &mut Worksheet) -> XR<()> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn compact_layout(ws: &mut Worksheet, spec: &FormSpec, year: i32, layout: FormLayout) -> XR<()> {
    let f = Fmt::new();
    put(ws, 0, 0, 1, 11, &title_text(layout, year), &f.title)?;
    ws.set_row_height(0, 30)?;
    let label_rows: [(&str, String); 4] = [
        ("项目名称", spec.full_name()),
        ("年度目标", spec.goal.clone()),
        ("目标完成情况", spec.achieved.clone()),
        ("项目实施内容及过程", spec.process.clone()),
    ];
    put(ws, 1, 1, 1, 2, label_rows[0].0, &f.center)?;
    put(ws, 1, 1, 3, 11, &label_rows[0].1, &f.cell)?;
    put(ws, 2, 2, 1, 2, "主管部门", &f.center)?;
    put(ws, 2, 2, 3, 6, &spec.department, &f.cell)?;
    put(ws, 2, 2, 7, 7, "实施单位", &f.center)?;
    put(ws, 2, 2, 8, 11, &spec.unit, &f.cell)?;
    for (k, (label, v)) in label_rows[1..].iter().enumerate() {
        let r = 3 + k as u32;
        put(ws, r, r, 1, 2, label, &f.center)?;
        put(ws, r, r, 3, 11, v, &f.wrap)?;
        ws.set_row_height(r, 36)?;
    }
    for (c, h) in ["预算执行情况(10分)", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"].iter().enumerate() {
        put(ws, 6, 6, 1 + c as u16, 1 + c as u16, h, &f.center)?;
    }
    put(ws, 6, 6, 8, 11, "偏差原因", &f.center)?;
    let rows: [(&str, Option<[i64; 3]>); 5] =
        [("资金总额", Some(spec.total())), ("其中:财政资金", Some(spec.fiscal)), ("财政专户管理资金", None), ("单位资金", spec.unit_funds), ("其他资金", None)];
    for (i, (label, amounts)) in rows.iter().enumerate() {
        let r = 7 + i as u32;
        put(ws, r, r, 1, 1, label, &f.cell)?;
        match amounts {
            Some(a) => {
                for c in 0..3u16 {
                    num(ws, r, 2 + c, a[c as usize], &f.number)?;
                }
                if a[1] != 0 {
                    ws.write_number_with_format(r, 5, a[2] as f64 / a[1] as f64, &f.percent)?;
                } else {
                    put(ws, r, r, 5, 5, "", &f.cell)?;
                }
            }
            None => {
                for c in 2..6u16 {
                    put(ws, r, r, c, c, "", &f.cell)?;
                }
            }
        }
        if i == 0 {
            ws.write_number_with_format(r, 6, 10.0, &f.center)?;
            num(ws, r, 7, spec.budget_score(), &f.center)?;
        } else {
            put(ws, r, r, 6, 6, "", &f.cell)?;
            put(ws, r, r, 7, 7, "", &f.cell)?;
        }
    }
    put(ws, 7, 11, 8, 11, spec.reason.as_deref().unwrap_or(""), &f.wrap)?;
    let head = 12u32;
    for (c, h) in ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "计量单位", "实际完成值", "分值", "得分", "未完成原因"].iter().enumerate() {
        put(ws, head, head, 1 + c as u16, 1 + c as u16, h, &f.center)?;
    }
    let mut prev = (String::new(), String::new());
    for (k, x) in spec.indicators.iter().enumerate() {
        let r = head + 1 + k as u32;
        put(ws, r, r, 1, 1, "", &f.cell)?;
        // 一级/二级指标 only where they change (the cells below are left blank, not merged).
        let l1 = if x.level1 != prev.0 { x.level1.as_str() } else { "" };
        let l2 = if x.level1 != prev.0 || x.level2 != prev.1 { x.level2.as_str() } else { "" };
        prev = (x.level1.clone(), x.level2.clone());
        for (c, v) in [l1, l2, &x.level3, &x.nature, &x.target, &x.unit, &x.done].iter().enumerate() {
            put(ws, r, r, 2 + c as u16, 2 + c as u16, v, &f.wrap)?;
        }
        ws.write_number_with_format(r, 9, f64::from(x.weight), &f.center)?;
        num(ws, r, 10, x.score, &f.center)?;
        put(ws, r, r, 11, 11, x.reason.as_deref().unwrap_or(""), &f.wrap)?;
    }
    let t = head + 1 + spec.indicators.len() as u32;
    put(ws, t, t, 1, 8, "合计", &f.center)?;
    ws.write_number_with_format(t, 9, 100.0, &f.center)?;
    num(ws, t, 10, spec.total_score(), &f.center)?;
    put(ws, t, t, 11, 11, "", &f.cell)?;
    for (k, (label, v)) in [("总体评价结论", &spec.conclusion), ("存在的问题", &spec.problems), ("改进建议", &spec.measures)].iter().enumerate() {
        let r = t + 1 + k as u32;
        put(ws, r, r, 1, 2, label, &f.center)?;
        put(ws, r, r, 3, 11, v, &f.wrap)?;
        ws.set_row_height(r, 36)?;
    }
    let s = t + 4;
    put(ws, s, s, 1, 11, &format!("项目负责人：{}    财务负责人：{}", spec.leads.0, spec.leads.1), &Format::new())?;
    ws.set_column_width(0, 2.0)?;
    for (c, w) in [(1u16, 16.0), (2, 12.0), (3, 18.0), (4, 24.0), (5, 8.0), (6, 10.0), (7, 8.0), (8, 10.0), (9, 7.0), (10, 7.0), (11, 18.0)] {
        ws.set_column_width(c, w)?;
    }
    print_setup(ws)?;
    Ok(())
}
