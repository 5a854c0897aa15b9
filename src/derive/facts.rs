//! The `Facts` model: every figure the report states, derived exactly, with its provenance.
//!
//! The tree mirrors the report: [`Facts::overview`] (一), [`Facts::income`] (二),
//! [`Facts::expenditure`] (三), [`Facts::fiscal`] (四), [`Facts::general_budget`] (五),
//! [`Facts::basic`] (六), [`Facts::three_public`] (七), [`Facts::gov_fund`] /
//! [`Facts::state_capital`] (八/九), [`Facts::running_cost`], [`Facts::general_spending`],
//! [`Facts::procurement`], [`Facts::assets`], [`Facts::performance`] (十), [`Facts::glossary`]
//! (第三部分), [`Facts::texts`] (第一/四部分) and the seven [`Facts::charts`].
//!
//! Conventions (stable field names; narrate builds on them):
//! - Every amount is a [`Figure`]: the exact `value` (万元, serialised as a string), a
//!   `display` string rounded half-up to 2 decimals (`"889.16"`) and its [`Provenance`].
//! - A share is a [`Share`]: percentage at 2 decimals; shares of one list are
//!   largest-remainder adjusted so that they add up to exactly 100.00.
//! - A year-on-year comparison is a [`Change`]; a budget comparison is a [`Completion`].
//! - Nothing here is formatted for a sentence beyond `display` strings and direction words;
//!   the narrate stage chooses wording.

use crate::doc::Chart;
use crate::findings::Finding;
use crate::model::CellRef;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

// ───────────────────────────── building blocks ─────────────────────────────

/// Where a figure comes from, so a reviewer can trace it.
///
/// `label` is human-readable: `表01 本年收入合计`, `说明材料 机关运行经费`,
/// `推导: 表06 合计 ÷ 表01 本年支出合计`, `上年决算 表01 总计`. `at` is the cell when the figure
/// was read from exactly one cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Provenance {
    /// What the figure is and where it was read or how it was computed.
    pub label: String,
    /// The source cell, when read from one.
    pub at: Option<CellRef>,
}

impl fmt::Display for Provenance {
    /// `表01 本年收入合计 (公开01表!C31)` or just the label for derived figures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{} ({}!{})", self.label, at.sheet, at.a1()),
            None => f.write_str(&self.label),
        }
    }
}

/// An amount in 万元: exact value, presentation string and provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Exact value in 万元 (serialised as a string).
    pub value: Decimal,
    /// Rounded half-up to 2 decimals, no thousands separators, e.g. `"889.16"`, `"0.00"`.
    pub display: String,
    /// Where it comes from.
    pub source: Provenance,
}

/// A whole number from 说明材料 (团组, 人次, 辆, 批次 …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    /// The number.
    pub value: i64,
    /// Where it comes from.
    pub source: Provenance,
}

/// A free text from 说明材料 (line breaks are paragraph breaks).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteText {
    /// The text as entered (trimmed).
    pub text: String,
    /// Non-empty paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Where it comes from.
    pub source: Provenance,
}

/// A percentage at 2 decimals (e.g. `71.53` for 71.53%).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Share {
    /// Percentage, 2 decimals; within a list, largest-remainder adjusted (sum exactly 100.00).
    pub pct: Decimal,
    /// `pct` as text with 2 decimals, e.g. `"71.53"`, `"100.00"`, `"0.00"`.
    pub display: String,
    /// How it was computed (numerator ÷ base).
    pub source: Provenance,
}

/// One member of a list that carries shares (a pie, a “其中” list).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    /// Stable key, e.g. `general_budget`, `basic`, `201`.
    pub key: String,
    /// Label as the report prints it, e.g. `一般公共预算财政拨款收入`, `一般公共服务支出`.
    pub label: String,
    /// The amount.
    pub amount: Figure,
    /// Its share of the list's base.
    pub share: Share,
}

/// Direction of a year-on-year change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// Current above prior by at least 0.005 万元.
    #[serde(rename = "增加")]
    Increase,
    /// Current below prior by at least 0.005 万元 (x → 0 is 减少 100%).
    #[serde(rename = "减少")]
    Decrease,
    /// Difference below 0.005 万元 (including 0 → 0).
    #[serde(rename = "持平")]
    Flat,
    /// Prior is zero and current is not: no percentage (“上年无此项支出”).
    #[serde(rename = "上年无")]
    NewItem,
    /// No prior-year figure available (narrate prints 【缺少上年数】).
    #[serde(rename = "缺少上年数")]
    Missing,
}

/// A year-on-year comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Last year's figure, when known.
    pub prior: Option<Figure>,
    /// Current − prior, exact (0 when 持平); `None` when the prior is missing.
    pub delta: Option<Figure>,
    /// |delta| rounded to 2 decimals as text (for “增加X万元”); `None` when missing.
    pub delta_abs_display: Option<String>,
    /// Signed percentage (delta ÷ |prior| × 100, rounded half-up at 2 decimals);
    /// `None` when the prior is missing or zero.
    pub pct: Option<Decimal>,
    /// |pct| as text with 2 decimals (for “增长X%”); `None` with `pct`.
    pub pct_abs_display: Option<String>,
    /// 增加 / 减少 / 持平 / 上年无 / 缺少上年数.
    pub direction: Direction,
    /// True when the report should explain the change (see `DeriveOptions`).
    pub needs_reason: bool,
    /// The explanation from 说明材料, when given.
    pub reason: Option<NoteText>,
    /// The 说明材料 label that holds (or would hold) the explanation.
    pub reason_label: Option<String>,
}

/// Actual versus budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BudgetComparison {
    /// 决算数大于预算数.
    #[serde(rename = "大于")]
    Above,
    /// 决算数小于预算数.
    #[serde(rename = "小于")]
    Below,
    /// 决算数等于预算数 (difference below 0.005 万元).
    #[serde(rename = "等于")]
    Equal,
    /// No budget figure: the sentence omits the 完成预算 clause.
    #[serde(rename = "未知")]
    Unknown,
}

/// Budget execution (完成预算X%).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Completion {
    /// The budget (全年预算数), when known.
    pub budget: Option<Figure>,
    /// actual ÷ budget × 100, rounded half-up at 2 decimals; `None` when the budget is
    /// unknown or zero.
    pub rate: Option<Decimal>,
    /// `rate` as text with 2 decimals, e.g. `"100.00"`, `"96.31"`.
    pub rate_display: Option<String>,
    /// 大于 / 小于 / 等于 / 未知.
    pub comparison: BudgetComparison,
    /// True when actual ≠ budget (a known budget only).
    pub needs_reason: bool,
    /// The explanation from 说明材料, when given.
    pub reason: Option<NoteText>,
    /// The 说明材料 label that holds (or would hold) the explanation.
    pub reason_label: Option<String>,
}

// ───────────────────────────── meta and texts ─────────────────────────────

/// Where prior-year figures came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PriorSource {
    /// Last year's thirteen tables (`--prior`).
    #[serde(rename = "上年决算表")]
    PriorBook,
    /// `上年…` labels of 说明材料 only.
    #[serde(rename = "说明材料")]
    Notes,
    /// Nothing: every change is 缺少上年数.
    #[serde(rename = "无")]
    None,
}

/// Department, year and prior-year availability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetaFacts {
    /// 部门名称.
    pub department: String,
    /// 部门简称.
    pub short_name: String,
    /// 决算年度.
    pub year: i32,
    /// 上年度 (year − 1).
    pub prior_year: i32,
    /// Where prior-year figures came from.
    pub prior_source: PriorSource,
}

/// Texts from 说明材料 for 第一部分 / 第四部分 and 十(五).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Texts {
    /// 主要职能.
    pub functions: Option<NoteText>,
    /// 重点工作完成情况.
    pub key_work: Option<NoteText>,
    /// 机构设置.
    pub organisation: Option<NoteText>,
    /// 附件 (第四部分).
    pub annex: Option<NoteText>,
}

// ───────────────────────────── 第二部分 一 – 五 ─────────────────────────────

/// 一、收入支出决算总体情况 (表01 总计).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    /// 收入总计.
    pub income_grand_total: Figure,
    /// 支出总计.
    pub expenditure_grand_total: Figure,
    /// True when both totals are equal (“收、支总计均为”).
    pub totals_equal: bool,
    /// 收入总计 vs last year (needs a reason whenever it changed).
    pub income_change: Change,
    /// 支出总计 vs last year.
    pub expenditure_change: Change,
}

/// 二、收入决算情况 (表01 income side).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Income {
    /// 本年收入合计.
    pub total: Figure,
    /// 本年收入合计 vs last year.
    pub change: Change,
    /// The eight sources in table order (zero ones included), shares over their sum.
    pub sources: Vec<Part>,
    /// 使用非财政拨款结余, when the table has the line.
    pub use_of_non_fiscal_balance: Option<Figure>,
    /// 年初结转和结余, when the table has the line.
    pub begin_balance: Option<Figure>,
}

/// 三、支出决算情况 (表03 合计 columns; 表01 for the balances).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Expenditure {
    /// 本年支出合计.
    pub total: Figure,
    /// 本年支出合计 vs last year.
    pub change: Change,
    /// 基本支出 / 项目支出 / 上缴上级支出 / 经营支出 / 对附属单位补助支出 (zero ones included).
    pub parts: Vec<Part>,
    /// 结余分配, when the table has the line.
    pub surplus_distribution: Option<Figure>,
    /// 年末结转和结余, when the table has the line.
    pub end_balance: Option<Figure>,
}

/// 四、财政拨款收入支出决算总体情况 (表04).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fiscal {
    /// 财政拨款收入总计.
    pub income_grand_total: Figure,
    /// 财政拨款支出总计.
    pub expenditure_grand_total: Figure,
    /// True when both totals are equal.
    pub totals_equal: bool,
    /// 财政拨款收入总计 vs last year.
    pub income_change: Change,
    /// 财政拨款支出总计 vs last year.
    pub expenditure_change: Change,
    /// 本年收入合计 (表04).
    pub income_total: Figure,
    /// 本年支出合计 (表04 合计 column).
    pub expenditure_total: Figure,
    /// Income per fund (一般公共预算 / 政府性基金 / 国有资本经营), shares over their sum.
    pub income_by_fund: Vec<Part>,
    /// 年初财政拨款结转和结余.
    pub begin_balance: Option<Figure>,
    /// 年末财政拨款结转和结余 (合计 column).
    pub end_balance: Option<Figure>,
}

/// One segment of a subject path: `一般公共服务支出` + `201`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathSegment {
    /// The subject name at this level.
    pub name: String,
    /// The digits this level adds (`201`, `31`, `01`).
    pub digits: String,
}

/// One 项 of 一般公共预算财政拨款支出 (表06), with its budget execution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// 7-digit code.
    pub code: String,
    /// 项 name.
    pub name: String,
    /// 类 / 款 / 项 segments.
    pub segments: Vec<PathSegment>,
    /// `一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)`.
    pub path: String,
    /// 合计.
    pub amount: Figure,
    /// 基本支出 part, when the table has the column.
    pub basic: Option<Figure>,
    /// 项目支出 part, when the table has the column.
    pub project: Option<Figure>,
    /// Against 全年预算数.
    pub completion: Completion,
}

/// 五、一般公共预算财政拨款支出决算情况 (表06).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeneralBudget {
    /// 一般公共预算财政拨款支出 (表06 合计).
    pub total: Figure,
    /// Its share of 本年支出合计 (表01).
    pub share_of_expenditure: Share,
    /// vs last year.
    pub change: Change,
    /// 基本支出 (表06 合计).
    pub basic: Option<Figure>,
    /// 项目支出 (表06 合计).
    pub project: Option<Figure>,
    /// 类 rows with shares over the 类 sum (图6).
    pub by_class: Vec<Part>,
    /// Every 项 row, in table order.
    pub items: Vec<Item>,
    /// The total against its budget (Σ 项 budgets or the 合计 budget).
    pub completion: Completion,
}

// ───────────────────────────── 六 基本支出 ─────────────────────────────

/// 人员经费 or 公用经费 of 表08.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EconGroup {
    /// 人员经费合计 / 公用经费合计.
    pub amount: Figure,
    /// Names of the economic 款 with money, in code order (a 类 without 款 rows: its name).
    pub items: Vec<String>,
    /// Their codes, parallel to `items`.
    pub codes: Vec<String>,
}

/// 六、一般公共预算财政拨款基本支出决算情况.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Basic {
    /// 基本支出 (人员经费合计 + 公用经费合计 of 表08).
    pub total: Figure,
    /// 人员经费 (301 + 303).
    pub personnel: EconGroup,
    /// 公用经费 (302, 307, 310, 399 …).
    pub public: EconGroup,
    /// The two with shares over their sum.
    pub split: Vec<Part>,
}

// ───────────────────────────── 七 三公 ─────────────────────────────

/// One 三公 line: actual, budget, completion, share, change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreePublicLine {
    /// 决算数.
    pub actual: Figure,
    /// 预算数 and 完成预算.
    pub completion: Completion,
    /// Share of the 三公 total (the three parts add up to 100; `None` for the total and for
    /// 购置/运行, whose shares are of 公务用车 in `vehicle_split`).
    pub share: Option<Share>,
    /// vs last year.
    pub change: Change,
}

/// 七、财政拨款“三公”经费支出决算情况 (表13 + 说明材料).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreePublicFacts {
    /// 合计.
    pub total: ThreePublicLine,
    /// 因公出国（境）费.
    pub overseas: ThreePublicLine,
    /// 公务用车购置及运行维护费.
    pub vehicles: ThreePublicLine,
    /// 公务用车购置费.
    pub vehicle_purchase: ThreePublicLine,
    /// 公务用车运行维护费.
    pub vehicle_operation: ThreePublicLine,
    /// 公务接待费.
    pub reception: ThreePublicLine,
    /// 购置 / 运行维护 with shares of 公务用车 (sum 100 when non-zero).
    pub vehicle_split: Vec<Part>,
    /// 因公出国团组数.
    pub overseas_groups: Option<Count>,
    /// 因公出国人次.
    pub overseas_people: Option<Count>,
    /// 公务用车购置数.
    pub vehicles_purchased: Option<Count>,
    /// 公务用车保有量.
    pub vehicles_held: Option<Count>,
    /// 公务用车保有量 by type (轿车 / 越野车 / 载客汽车), those given.
    pub vehicles_held_by_type: Vec<LabelledCount>,
    /// 公务用车运行维护费用途.
    pub vehicle_operation_use: Option<NoteText>,
    /// 国内公务接待批次.
    pub domestic_batches: Option<Count>,
    /// 国内公务接待人次.
    pub domestic_people: Option<Count>,
    /// 国内公务接待费.
    pub domestic_amount: Option<Figure>,
    /// 国内公务接待内容.
    pub domestic_content: Option<NoteText>,
    /// 外事接待批次.
    pub foreign_batches: Option<Count>,
    /// 外事接待人次.
    pub foreign_people: Option<Count>,
    /// 外事接待费.
    pub foreign_amount: Option<Figure>,
    /// 三公经费预算执行说明.
    pub statement: Option<NoteText>,
}

/// A count with its label (e.g. 轿车 → 2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelledCount {
    /// e.g. `轿车`, `机要通信用车`.
    pub label: String,
    /// The count.
    pub count: Count,
}

// ───────────────────────────── 八 / 九 ─────────────────────────────

/// One non-zero subject of a fund table (10/12).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubjectAmount {
    /// Code (3/5/7 digits).
    pub code: String,
    /// Name.
    pub name: String,
    /// `类(xxx)款(xx)项(xx)` path for 项, the name alone otherwise.
    pub path: String,
    /// 本年支出 合计.
    pub amount: Figure,
}

/// 八、政府性基金预算 / 九、国有资本经营预算 财政拨款支出.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundSpending {
    /// True when the fund has any income, spending or balance.
    pub has_data: bool,
    /// 本年支出 合计 (表10 / 表12; 表04 fund column when the table is absent).
    pub total: Figure,
    /// 基本支出, when the table has the column.
    pub basic: Option<Figure>,
    /// 项目支出, when the table has the column.
    pub project: Option<Figure>,
    /// 本年收入 (表04 income line).
    pub income: Figure,
    /// Non-zero 项 (or 类 when no 项 rows), in table order.
    pub subjects: Vec<SubjectAmount>,
}

// ───────────────────────────── 十 其他重要事项 ─────────────────────────────

/// (一) 机关运行经费.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunningCost {
    /// The amount (说明材料, else 表08 公用经费合计).
    pub amount: Figure,
    /// True when approximated by 表08 公用经费合计.
    pub approximated: bool,
    /// vs last year.
    pub change: Change,
    /// 说明材料 `单位性质` says 事业单位 (not 参公) and no 机关运行经费 is stated: the report says
    /// it does not apply (no amount, no comparison).
    pub not_applicable: bool,
}

/// (二) 一般性支出: 会议费, 培训费.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeneralSpending {
    /// 会议费.
    pub meetings: Option<Figure>,
    /// 培训费.
    pub training: Option<Figure>,
}

/// (三) 政府采购.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Procurement {
    /// 政府采购支出总额.
    pub total: Option<Figure>,
    /// 货物.
    pub goods: Option<Figure>,
    /// 工程.
    pub works: Option<Figure>,
    /// 服务.
    pub services: Option<Figure>,
    /// 主要用途.
    pub purpose: Option<NoteText>,
    /// 授予中小企业合同金额.
    pub sme: Option<Figure>,
    /// Its share of the total (`None` when the total is zero or missing).
    pub sme_share: Option<Share>,
    /// 授予小微企业合同金额.
    pub small_micro: Option<Figure>,
    /// Its share of the total.
    pub small_micro_share: Option<Share>,
}

/// (四) 国有资产占用.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assets {
    /// 车辆总数.
    pub vehicles_total: Option<Count>,
    /// Vehicles by use (主要领导干部用车 …), those given, in catalogue order.
    pub vehicles_by_use: Vec<LabelledCount>,
    /// 其他用车用途.
    pub other_vehicle_use: Option<NoteText>,
    /// 单价100万元以上设备.
    pub equipment_over_1m: Option<Count>,
}

/// One project of the 项目绩效 sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectFact {
    /// 项目名称.
    pub name: String,
    /// 执行数.
    pub actual: Option<Figure>,
    /// 预算数 and 完成预算X%.
    pub completion: Completion,
    /// 绩效目标完成情况综述.
    pub summary: String,
}

/// (五) 预算绩效管理.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Performance {
    /// 预算绩效管理情况 text.
    pub management: Option<NoteText>,
    /// Projects of the 项目绩效 sheet, in sheet order.
    pub projects: Vec<ProjectFact>,
    /// One entry per 绩效自评表, in input order (they win over `projects` for figures).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<FormFact>,
}

/// One 绩效自评表 as the narrative uses it (十（四/五）, 第四部分).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormFact {
    /// 项目名称 without the system code and trailing year (`春节慰问费`).
    pub name: String,
    /// The system's project code, when given.
    pub code: Option<String>,
    /// 总额 调整后预算数.
    pub adjusted: Option<Figure>,
    /// 总额 预算执行数.
    pub actual: Option<Figure>,
    /// 自评得分 (合计 得分) as printed, and its cell.
    pub score: Option<String>,
    /// Where the score was read.
    pub score_at: Option<crate::model::CellRef>,
    /// 绩效自评综述: the form's 评价结论 (else 年度目标完成情况); empty when neither is filled.
    pub summary: String,
    /// Where the 综述 was read.
    pub summary_at: Option<crate::model::CellRef>,
}

// ───────────────────────────── 名词解释 and charts ─────────────────────────────

/// What kind of 名词解释 entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum GlossaryKind {
    /// A standard term (财政拨款收入 …).
    #[serde(rename = "术语")]
    Term,
    /// A function subject (项) used by the department.
    #[serde(rename = "科目")]
    Subject,
}

/// How a glossary explanation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum GlossaryMatch {
    /// The built-in dictionary (by code, or by term).
    #[serde(rename = "词典")]
    Dictionary,
    /// A generic name pattern (行政运行, 事业运行, 其他…支出 …).
    #[serde(rename = "通用")]
    Pattern,
    /// The department's own text, 说明材料 `名词解释：<编码>` (wins over the dictionary).
    #[serde(rename = "说明材料")]
    Notes,
    /// Unknown: the report prints a placeholder `【请补充：名词解释：<编码>】` (and a 警告
    /// DERIVE-GLOSSARY-UNKNOWN is raised).
    #[serde(rename = "未知")]
    Unknown,
}

/// One 名词解释 entry, in report order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GlossaryEntry {
    /// Term or subject path (`一般公共服务支出(201)…行政运行(01)`).
    pub term: String,
    /// The 7-digit code for a subject.
    pub code: Option<String>,
    /// Term or subject.
    pub kind: GlossaryKind,
    /// The explanation in its official wording (`指…` for terms, `反映…` for subjects);
    /// `None` when unknown (the report prints a placeholder).
    pub explanation: Option<String>,
    /// How it was found.
    pub matched: GlossaryMatch,
}

/// One of the seven charts: its data, or why it is left out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartFact {
    /// 1 to 7.
    pub number: u8,
    /// The chart (bars: 万元 at 2 decimals; pies: share fractions summing to exactly 1);
    /// `None` when all its data is zero.
    pub chart: Option<Chart>,
    /// Why the chart is omitted (narrate writes a sentence instead).
    pub omitted_reason: Option<String>,
    /// True for a bar chart that lacks the prior year (only the current year is drawn).
    pub prior_missing: bool,
}

// ───────────────────────────── the whole ─────────────────────────────

/// Everything the report states, derived from the tables, 说明材料 and the prior year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facts {
    /// Department and years.
    pub meta: MetaFacts,
    /// 第一/四部分 texts.
    pub texts: Texts,
    /// 一、收支总计.
    pub overview: Overview,
    /// 二、收入.
    pub income: Income,
    /// 三、支出.
    pub expenditure: Expenditure,
    /// 四、财政拨款.
    pub fiscal: Fiscal,
    /// 五、一般公共预算财政拨款支出.
    pub general_budget: GeneralBudget,
    /// 六、基本支出.
    pub basic: Basic,
    /// 七、“三公”经费.
    pub three_public: ThreePublicFacts,
    /// 八、政府性基金预算.
    pub gov_fund: FundSpending,
    /// 九、国有资本经营预算.
    pub state_capital: FundSpending,
    /// 十(一) 机关运行经费.
    pub running_cost: RunningCost,
    /// 十(二) 会议费/培训费.
    pub general_spending: GeneralSpending,
    /// 十(三) 政府采购.
    pub procurement: Procurement,
    /// 十(四) 国有资产.
    pub assets: Assets,
    /// 十(五) 预算绩效.
    pub performance: Performance,
    /// 第四部分 附件1/附件2 (only when the department has 自评表 or `绩效评价：`/`项目评价：` labels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<super::evaluation::Evaluation>,
    /// 第三部分 名词解释, in report order.
    pub glossary: Vec<GlossaryEntry>,
    /// 图1 … 图7, in order (always seven entries).
    pub charts: Vec<ChartFact>,
    /// Every explanation the report needs (needs_reason set), in report order.
    pub reasons: Vec<ReasonNeed>,
    /// 提示/警告 raised while deriving (approximations, unknown glossary subjects, missing
    /// reasons, missing prior-year figures …).
    pub findings: Vec<Finding>,
}

/// One explanation the report needs (a change or budget difference with `needs_reason`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReasonNeed {
    /// Where in the facts, e.g. `overview.income_change`, `general_budget.items[2].completion`.
    pub path: String,
    /// What needs explaining, e.g. `收入总计较上年增加15.37%`.
    pub subject: String,
    /// The 说明材料 label that holds the explanation.
    pub label: Option<String>,
    /// True when 说明材料 has the text.
    pub provided: bool,
}
