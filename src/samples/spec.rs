//! The department spec the generator works from: 项-level lines and the few department-level
//! facts (三公, vehicles, procurement, texts) that the tables cannot carry.
//!
//! Amounts in a spec are integer **cents of the department's unit** (分 when the unit is 元,
//! 0.01 万元 when it is 万元), so every derived sum is exact.

use crate::model::{IncomeSource, Unit};

/// One 项-level expenditure line: a function subject funded from one income source.
/// Several lines may share a code (e.g. 事业运行 paid from both 财政拨款 and 事业收入).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// 7-digit 功能分类 项 code.
    pub code: String,
    /// 项 name as printed.
    pub name: String,
    /// Where the money comes from (the three 财政拨款 funds or a non-fiscal source).
    pub source: IncomeSource,
    /// 基本支出, in cents of the unit.
    pub basic: i64,
    /// 项目支出, in cents of the unit.
    pub project: i64,
    /// 年初结转和结余 of this line.
    pub begin: i64,
    /// 年末结转和结余 of this line.
    pub end: i64,
    /// 使用非财政拨款结余 spent on this line (non-fiscal sources only).
    pub use_balance: i64,
    /// 结余分配 charged to this line (non-fiscal sources only).
    pub distribution: i64,
    /// Project name for the `项目绩效` sheet (project lines only).
    pub project_name: Option<String>,
    /// 全年预算数 minus 决算数 (cents of 万元) for the `预算数` sheet; 0 = 100% completion.
    pub budget_gap: i64,
    /// 预决算差异原因 text when `budget_gap` ≠ 0.
    pub gap_reason: Option<String>,
}

impl Line {
    /// A line with only 基本支出 or 项目支出 and no carry-over.
    pub fn new(code: &str, name: &str, source: IncomeSource, basic: i64, project: i64) -> Line {
        Line {
            code: code.to_string(),
            name: name.to_string(),
            source,
            basic,
            project,
            begin: 0,
            end: 0,
            use_balance: 0,
            distribution: 0,
            project_name: None,
            budget_gap: 0,
            gap_reason: None,
        }
    }
    /// 本年收入 of this line: expenditure + 年末 − 年初 − 使用结余 + 结余分配.
    pub fn income(&self) -> i64 {
        self.basic + self.project + self.end - self.begin - self.use_balance + self.distribution
    }
    /// 本年支出 of this line.
    pub fn expenditure(&self) -> i64 {
        self.basic + self.project
    }
    /// True when the line is 财政拨款 (one of the three funds).
    pub fn is_fiscal(&self) -> bool {
        matches!(self.source, IncomeSource::GeneralBudget | IncomeSource::GovFund | IncomeSource::StateCapital)
    }
}

/// 三公 amounts (cents of the unit): 因公出国, 公务用车购置, 公务用车运行维护, 公务接待.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreePublicSpec {
    /// 因公出国（境）费.
    pub overseas: i64,
    /// 公务用车购置费.
    pub purchase: i64,
    /// 公务用车运行维护费.
    pub operation: i64,
    /// 公务接待费.
    pub reception: i64,
}

impl ThreePublicSpec {
    /// 合计.
    pub fn total(&self) -> i64 {
        self.overseas + self.purchase + self.operation + self.reception
    }
}

/// Vehicle counts: by use (the seven 其他重要事项 labels) and by body type (三公 labels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vehicles {
    /// 主要领导干部用车, 机要通信用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 离退休干部服务用车, 其他用车.
    pub by_use: [u32; 7],
    /// 轿车, 越野车, 载客汽车.
    pub by_body: [u32; 3],
    /// 公务用车购置数 this year.
    pub purchased: u32,
}

/// Department-level figures of the 说明材料 sheet (amounts in cents of 万元).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// 机关运行经费 as a percentage of 公用经费 (0 = not an administrative unit: `0`).
    pub running_cost_pct: u32,
    /// 政府采购 货物, 工程, 服务 (cents of 万元).
    pub procurement: [i64; 3],
    /// Share of procurement awarded to 中小企业 / 小微企业, in percent.
    pub sme_pct: (u32, u32),
    /// 会议费, 培训费 paid from 项目支出 (cents of 万元); the 说明材料 figures add table 08's
    /// 30215 / 30216 (基本支出) to these.
    pub meeting_training: (i64, i64),
    /// 因公出国团组数, 人次.
    pub overseas_groups: (u32, u32),
    /// 国内公务接待 批次, 人次; 外事接待 批次, 人次.
    pub reception_counts: (u32, u32, u32, u32),
    /// 外事接待费 part of 公务接待费 (cents of the unit).
    pub foreign_reception: i64,
    /// Vehicles.
    pub vehicles: Vehicles,
    /// 单价100万元以上设备 count.
    pub big_equipment: u32,
}

/// A department to generate: everything the thirteen tables and the extra sheets derive from.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleDept {
    /// Output name (file or folder stem), e.g. `01_区委办公室`.
    pub file_stem: String,
    /// 编制单位 full name.
    pub name: String,
    /// 部门简称.
    pub short_name: String,
    /// 决算年度.
    pub year: i32,
    /// Unit the amounts are stated in.
    pub unit: Unit,
    /// 项-level lines.
    pub lines: Vec<Line>,
    /// Economic 款 weights for 基本支出 of 运行 lines (行政运行/事业运行 …).
    pub basic_profile: Vec<(String, u32)>,
    /// Economic 款 weights for 项目支出.
    pub project_profile: Vec<(String, u32)>,
    /// 三公 预算数.
    pub three_budget: ThreePublicSpec,
    /// 三公 决算数.
    pub three_actual: ThreePublicSpec,
    /// Figures for 说明材料.
    pub extras: Extras,
    /// Free-text 说明材料 entries (label, text), in sheet order.
    pub texts: Vec<(String, String)>,
    /// `上年…` entries in 万元 (label, value), for year-on-year without a prior workbook.
    pub prior_labels: Vec<(String, rust_decimal::Decimal)>,
    /// Write a `预算数` sheet.
    pub budget_sheet: bool,
    /// Write a `项目绩效` sheet.
    pub projects_sheet: bool,
    /// 绩效自评表, one per project: sheets of the workbook, or one workbook each in a folder.
    pub forms: Vec<super::forms::FormSpec>,
}

/// Default 基本支出 economic profile of an administrative or public-service unit.
pub fn default_basic_profile() -> Vec<(String, u32)> {
    [
        ("30101", 190), ("30102", 170), ("30103", 60), ("30106", 8), ("30107", 110), ("30112", 6),
        ("30199", 14), ("30201", 22), ("30202", 6), ("30205", 5), ("30206", 14), ("30207", 8),
        ("30209", 15), ("30211", 12), ("30213", 9), ("30215", 4), ("30216", 5), ("30228", 16),
        ("30229", 10), ("30239", 30), ("30299", 8), ("30305", 3), ("31002", 6),
    ]
    .iter()
    .map(|(c, w)| (c.to_string(), *w))
    .collect()
}

/// Default 项目支出 economic profile.
pub fn default_project_profile() -> Vec<(String, u32)> {
    [
        ("30201", 8), ("30202", 10), ("30211", 6), ("30213", 5), ("30218", 6), ("30226", 14),
        ("30227", 25), ("30299", 6), ("30309", 2), ("31002", 6), ("31007", 10), ("39999", 2),
    ]
    .iter()
    .map(|(c, w)| (c.to_string(), *w))
    .collect()
}
