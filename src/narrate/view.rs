//! The view: the only thing Tera sees.
//!
//! Nested structs of strings: exact decimal strings (`"889.16"`, formatted by the filters),
//! words chosen in Rust, and `bool` flags for the branches. No `Decimal` reaches a template
//! and templates do no arithmetic. An empty string means "not supplied"; templates turn it
//! into a visible placeholder (`【请补充：…】`), never a made-up figure.
//!
//! The charts travel with the view but are not serialised: `@chart N` takes them from
//! [`View::charts`], and templates test `chart["N"]` before inserting one.

use crate::doc::Chart;
use serde::Serialize;

/// Everything the templates can use (see the README section “模板变量”).
#[derive(Clone, Debug, Default, Serialize)]
pub struct View {
    /// 部门全称.
    pub department: String,
    /// 简称 used in running text (defaults to the full name).
    pub short_name: String,
    /// 决算年度, e.g. `"2023"`.
    pub year: String,
    /// The year before, e.g. `"2022"`.
    pub prior_year: String,
    /// Generated with `--force` despite 错误 (the writer marks it 草稿).
    pub draft: bool,
    /// Switches the templates read.
    pub options: Options,
    /// 第一部分.
    pub profile: Profile,
    /// 二、一 收入支出决算总体情况.
    pub totals: Totals,
    /// 二、二 收入决算.
    pub income: Breakdown,
    /// 二、三 支出决算.
    pub expenditure: Breakdown,
    /// 二、四 财政拨款收入支出决算总体情况.
    pub fiscal: FiscalTotals,
    /// 二、五 一般公共预算财政拨款支出.
    pub general: General,
    /// 二、六 一般公共预算财政拨款基本支出.
    pub basic: Basic,
    /// 二、七 “三公”经费.
    pub sangong: Sangong,
    /// 二、八 政府性基金预算财政拨款支出.
    pub gov_fund: Fund,
    /// 二、九 国有资本经营预算财政拨款支出.
    pub state_capital: Fund,
    /// 二、十 其他重要事项.
    pub other: Other,
    /// 第三部分 名词解释, in order.
    pub glossary: Vec<GlossaryEntry>,
    /// 第四部分 附件 (说明材料 `附件`), possibly several paragraphs.
    pub annex: String,
    /// 第四部分 附件1/附件2 and the counts of 十（四/五） (`present` false: none of it).
    pub evaluation: Evaluation,
    /// The seven charts (those derive produced), not serialised.
    #[serde(skip)]
    pub charts: Vec<Chart>,
}

/// Template switches.
#[derive(Clone, Debug, Serialize)]
pub struct Options {
    /// List zero items (`事业收入0万元，占0%`) in 二/三 instead of leaving them out.
    pub list_zero_items: bool,
    /// For an empty 政府性基金/国有资本经营 section write `支出0万元` instead of
    /// `本年度无…支出。`.
    pub state_zero_funds: bool,
    /// Write 第四部分 附件 and the 附表 list.
    pub include_annex: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { list_zero_items: false, state_zero_funds: false, include_annex: true }
    }
}

/// 第一部分 部门概况 (texts from 说明材料; line breaks are paragraph breaks).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Profile {
    /// 主要职能.
    pub duties: String,
    /// 重点工作完成情况 (may be empty).
    pub key_work: String,
    /// 机构设置.
    pub organisation: String,
}

/// A year-on-year change, as computed by derive.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Change {
    /// A prior-year figure exists.
    pub has_prior: bool,
    /// Prior-year amount (万元, exact); empty without one.
    pub prior: String,
    /// current − prior (万元, exact, signed); empty without a prior year.
    pub diff: String,
    /// Change in percent (signed); empty when the prior year is zero or missing.
    pub pct: String,
    /// `增加`, `减少`, `持平`, or empty without a prior year.
    pub direction: String,
    /// Without a prior year: the 说明材料 labels to fill (empty: the template names the label).
    pub missing: String,
}

/// A reason sentence a change needs (from 说明材料).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Reason {
    /// The change needs a reason (it is not 持平).
    pub needed: bool,
    /// The reason text; empty when not supplied (the template writes a placeholder).
    pub text: String,
    /// The 说明材料 label to fill in, e.g. `收支总计变动原因`.
    pub label: String,
}

impl Reason {
    /// A reason for `label`: `needed` and the supplied text (possibly empty).
    ///
    /// The text is made one line ([`inline`]) without its final `。` (the template adds it),
    /// and clauses that only restate the comparison the sentence already made
    /// ([`RESTATING_CLAUSES`], e.g. `决算数小于预算数`) are dropped, so a fact is said once.
    pub fn new(needed: bool, label: &str, text: &str) -> Reason {
        Reason { needed, text: without_restating(&inline(text)).trim_end_matches('。').to_string(), label: label.to_string() }
    }
}

/// Clauses that only restate what the sentence around a reason already says (决算数 against
/// 预算数), compared without quotation marks and without a leading subject of
/// [`RESTATING_SUBJECTS`]. A reason clause equal to one of them is left out.
pub const RESTATING_CLAUSES: [&str; 5] = ["决算数小于预算数", "决算数大于预算数", "决算数与预算数持平", "决算数等于预算数", "决算数与预算数一致"];

/// Subjects a restating clause may start with (`“三公”经费决算数小于预算数`).
pub const RESTATING_SUBJECTS: [&str; 3] = ["", "三公经费", "支出"];

/// True when `clause` (without its punctuation) only restates a comparison.
///
/// ```
/// use juesuan::narrate::view::restates;
/// assert!(restates("“三公”经费决算数小于预算数"));
/// assert!(!restates("压减公务接待规模"));
/// ```
pub fn restates(clause: &str) -> bool {
    let c: String = clause.chars().filter(|ch| !matches!(ch, '“' | '”' | '"' | ' ' | '　')).collect();
    RESTATING_SUBJECTS.iter().any(|s| c.strip_prefix(s).is_some_and(|rest| RESTATING_CLAUSES.contains(&rest)))
}

/// `text` without its restating clauses (see [`restates`]); the punctuation of the clause
/// before a dropped final clause becomes `。`.
///
/// ```
/// use juesuan::narrate::view::without_restating;
/// assert_eq!(without_restating("压减接待，决算数小于预算数。"), "压减接待。");
/// assert_eq!(without_restating("决算数小于预算数，主要是压减接待。"), "主要是压减接待。");
/// ```
pub fn without_restating(text: &str) -> String {
    let mut out = String::new();
    let mut clause = String::new();
    for ch in text.chars() {
        clause.push(ch);
        if matches!(ch, '，' | '；' | '。' | ',' | ';') {
            let body = clause.trim_end_matches(['，', '；', '。', ',', ';']);
            if restates(body) {
                if ch == '。' && out.ends_with(['，', '；', ',', ';']) {
                    out.pop();
                    out.push('。');
                }
            } else {
                out.push_str(&clause);
            }
            clause.clear();
        }
    }
    if !restates(&clause) {
        out.push_str(&clause);
    } else if out.ends_with(['，', '；', ',', ';']) {
        out.pop();
    }
    out
}

/// Joins the lines of a 说明材料 text for use inside a sentence: a line ending in
/// punctuation is followed directly by the next, otherwise `；` separates them.
///
/// ```
/// use juesuan::narrate::inline;
/// assert_eq!(inline("一是人员增加。\n二是业务量增加\n三是调资"), "一是人员增加。二是业务量增加；三是调资");
/// ```
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with(['。', '；', '，', '、', '！', '？', '：', ';', ',']) {
            out.push('；');
        }
        out.push_str(line);
    }
    out
}

/// One item of a structure with its share.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Share {
    /// Name, e.g. `一般公共预算财政拨款收入`.
    pub name: String,
    /// Amount (万元, exact).
    pub amount: String,
    /// Share in percent (largest-remainder rounded, e.g. `"71.53"`).
    pub share: String,
    /// The amount is not zero.
    pub nonzero: bool,
}

/// 二、一.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    /// 收入总计 (= 支出总计).
    pub grand_total: String,
    /// 本年收入合计.
    pub income_total: String,
    /// 使用非财政拨款结余 (empty when zero or absent; likewise the next three).
    pub use_of_balance: String,
    /// 年初结转和结余.
    pub begin_balance: String,
    /// 本年支出合计.
    pub expenditure_total: String,
    /// 结余分配.
    pub surplus_distribution: String,
    /// 年末结转和结余.
    pub end_balance: String,
    /// Any of 使用非财政拨款结余, 年初/年末结转和结余, 结余分配 is not zero.
    pub has_carryover: bool,
    /// Change of 收、支总计 (of 收入总计; missing when either prior total is missing).
    pub change: Change,
    /// Change of 支出总计.
    pub expenditure_change: Change,
    /// Both prior totals are known but the two changes differ: the text states each.
    pub changes_differ: bool,
    /// 收支总计变动原因.
    pub reason: Reason,
}

/// 二、二 / 二、三: a total and its parts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Breakdown {
    /// 本年收入合计 / 本年支出合计.
    pub total: String,
    /// The parts in table order (all of them; `nonzero` marks those with money).
    pub items: Vec<Share>,
}

/// 二、四.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FiscalTotals {
    /// 财政拨款收、支总计.
    pub grand_total: String,
    /// 本年财政拨款收入.
    pub income_total: String,
    /// 本年财政拨款支出.
    pub expenditure_total: String,
    /// 年初财政拨款结转和结余 (empty when zero or absent; likewise `end_balance`).
    pub begin_balance: String,
    /// 年末财政拨款结转和结余.
    pub end_balance: String,
    /// `begin_balance` or `end_balance` is not empty.
    pub has_carryover: bool,
    /// Change (of 财政拨款收入总计; missing when either prior total is missing).
    pub change: Change,
    /// Change of 财政拨款支出总计.
    pub expenditure_change: Change,
    /// Both prior totals are known but the two changes differ: the text states each.
    pub changes_differ: bool,
    /// 财政拨款收支变动原因.
    pub reason: Reason,
}

/// 二、五.
#[derive(Clone, Debug, Default, Serialize)]
pub struct General {
    /// 一般公共预算财政拨款支出.
    pub total: String,
    /// Its share of 本年支出合计 (percent).
    pub share_of_expenditure: String,
    /// Change.
    pub change: Change,
    /// 一般公共预算财政拨款支出变动原因.
    pub reason: Reason,
    /// Structure by 功能 类 (names like `一般公共服务支出`).
    pub classes: Vec<Share>,
    /// 全年预算数 of the total; empty when unknown.
    pub budget: String,
    /// 完成预算 percent of the total; empty when unknown.
    pub completion: String,
    /// True when the inputs carry budgets at all (表06 budget columns or the `预算数` sheet).
    /// Without any, the 完成预算 clause is left out (never assumed 100%); with some, a 项
    /// lacking its budget gets a placeholder.
    pub budgets_given: bool,
    /// Every 项 with money, in code order.
    pub items: Vec<SubjectItem>,
}

/// One part of a subject path.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PathPart {
    /// Name, e.g. `行政运行`.
    pub name: String,
    /// The digits this level adds, e.g. `01`.
    pub code: String,
}

/// One 功能分类 项 in 五（三）.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SubjectItem {
    /// Full 7-digit code.
    pub code: String,
    /// 类 / 款 / 项.
    pub path: Vec<PathPart>,
    /// 决算数 (万元, exact).
    pub actual: String,
    /// A non-zero budget figure exists (so 完成预算X% can be stated).
    pub has_budget: bool,
    /// 全年预算数 (empty when unknown; `"0"` when known to be zero).
    pub budget: String,
    /// 完成预算 percent; empty when the budget is unknown or zero.
    pub completion: String,
    /// `持平`, `大于` or `小于` (决算数 against 预算数); empty without a budget.
    pub comparison: String,
    /// `预决算差异原因：<code>`.
    pub reason: Reason,
}

/// 二、六.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Basic {
    /// 基本支出.
    pub total: String,
    /// 人员经费 (301 + 303).
    pub personnel: String,
    /// 公用经费 (302 + 310 …).
    pub public: String,
    /// Names of the 人员经费 款 with money, in code order.
    pub personnel_items: Vec<String>,
    /// Names of the 公用经费 款 with money, in code order.
    pub public_items: Vec<String>,
}

/// One 三公 line (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费).
#[derive(Clone, Debug, Default, Serialize)]
pub struct SangongItem {
    /// 决算数 is not zero.
    pub has_spending: bool,
    /// 决算数.
    pub actual: String,
    /// 预算数.
    pub budget: String,
    /// 完成预算 percent; empty when the budget is zero.
    pub completion: String,
    /// Share of the 三公 total (percent).
    pub share: String,
    /// Change against the prior year.
    pub change: Change,
    /// Reason for the change (说明材料 `…变动原因`).
    pub reason: Reason,
}

/// 二、七.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Sangong {
    /// Any 三公 budget or spending this year.
    pub present: bool,
    /// 决算数 total.
    pub actual: String,
    /// 预算数 total.
    pub budget: String,
    /// 完成预算 percent; empty when the budget is zero.
    pub completion: String,
    /// `持平`, `大于` or `小于` (决算数 against 预算数).
    pub comparison: String,
    /// Change against the prior year.
    pub change: Change,
    /// Why 决算数 differs from 预算数 (说明材料 `三公经费预算执行说明`; `needed` when they differ).
    pub reason: Reason,
    /// Why the total changed against last year (说明材料 `三公经费变动原因`, never the
    /// budget-execution statement).
    pub change_reason: Reason,
    /// 因公出国（境）费.
    pub abroad: SangongItem,
    /// 团组 (count string; empty when not supplied).
    pub abroad_groups: String,
    /// 人次.
    pub abroad_people: String,
    /// 公务用车购置及运行维护费.
    pub vehicle: SangongItem,
    /// 公务用车购置费.
    pub vehicle_purchase: String,
    /// 公务用车运行维护费.
    pub vehicle_operation: String,
    /// 购置数 (辆).
    pub vehicles_bought: String,
    /// 保有量 (辆).
    pub fleet: String,
    /// of which 轿车.
    pub fleet_sedan: String,
    /// of which 越野车.
    pub fleet_suv: String,
    /// of which 载客汽车.
    pub fleet_bus: String,
    /// 运行维护费主要用途.
    pub operation_use: String,
    /// 公务接待费.
    pub reception: SangongItem,
    /// 国内公务接待费.
    pub domestic: String,
    /// 国内公务接待批次.
    pub domestic_batches: String,
    /// 国内公务接待人次.
    pub domestic_people: String,
    /// 国内公务接待内容.
    pub domestic_content: String,
    /// 外事接待费.
    pub foreign: String,
    /// 外事接待批次.
    pub foreign_batches: String,
    /// 外事接待人次.
    pub foreign_people: String,
}

/// 二、八 / 二、九.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Fund {
    /// The fund has income, spending or balances this year.
    pub present: bool,
    /// 支出 total.
    pub total: String,
    /// Non-zero subjects (项, or 类 without 项 rows).
    pub items: Vec<FundItem>,
}

/// One subject of a fund's spending.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FundItem {
    /// Subject path or name, e.g. `城乡社区支出(212)…(01)`.
    pub name: String,
    /// Amount (万元, exact).
    pub amount: String,
}

/// 二、十.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Other {
    /// 机关运行经费 (empty when not supplied).
    pub running_cost: String,
    /// 机关运行经费 taken from table 08 公用经费 (approximation).
    pub running_cost_approximated: bool,
    /// The department is a 事业单位 (说明材料 `单位性质`, not 参公): 机关运行经费 does not apply.
    pub running_cost_not_applicable: bool,
    /// Change of 机关运行经费.
    pub running_change: Change,
    /// 机关运行经费变动原因.
    pub running_reason: Reason,
    /// 会议费 (empty when not supplied; with 培训费 both empty the 一般性支出 section is left out).
    pub meetings: String,
    /// 培训费 (empty when not supplied).
    pub training: String,
    /// 政府采购支出总额 supplied and not zero.
    pub has_procurement: bool,
    /// 政府采购支出总额 (empty when not supplied).
    pub procurement: String,
    /// 货物.
    pub procurement_goods: String,
    /// 工程.
    pub procurement_works: String,
    /// 服务.
    pub procurement_services: String,
    /// 主要用途.
    pub procurement_use: String,
    /// 授予中小企业合同金额.
    pub sme: String,
    /// … share of the total (percent; empty when the total is zero).
    pub sme_share: String,
    /// 授予小微企业合同金额.
    pub small: String,
    /// … share of the total (percent).
    pub small_share: String,
    /// 车辆总数.
    pub vehicles: String,
    /// Vehicles by type with a count (name, count), e.g. (`主要领导干部用车`, `"1"`).
    pub vehicle_types: Vec<Count>,
    /// 其他用车用途.
    pub other_vehicle_use: String,
    /// 单价100万元以上设备 (台/套).
    pub equipment: String,
    /// 预算绩效管理情况 (text).
    pub performance: String,
    /// Projects with performance results (项目绩效 sheet).
    pub projects: Vec<Project>,
    /// Projects with a 绩效自评表 (win over `projects`).
    pub forms: Vec<FormProject>,
}

/// One project with a 绩效自评表.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FormProject {
    /// 项目名称 (without code and year).
    pub name: String,
    /// 自评得分; empty when the form has no 合计 得分.
    pub score: String,
    /// 绩效自评综述 (评价结论); empty when missing.
    pub summary: String,
}

/// A named count.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Count {
    /// What is counted.
    pub name: String,
    /// The count.
    pub count: String,
}

/// One project of the 项目绩效 sheet.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Project {
    /// 项目名称.
    pub name: String,
    /// 预算数.
    pub budget: String,
    /// 执行数.
    pub actual: String,
    /// 完成预算 percent; empty when the budget is zero.
    pub completion: String,
    /// 绩效目标完成情况综述.
    pub summary: String,
}

/// One 名词解释 entry.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GlossaryEntry {
    /// The term, e.g. `财政拨款收入` or a subject path.
    pub term: String,
    /// The explanation, e.g. `指单位从同级财政部门取得的财政预算资金。`; empty when unknown
    /// (the template prints the placeholder `【请补充：{label}】`).
    pub text: String,
    /// The 说明材料 label that fills a subject's explanation (`名词解释：2130106`); empty for
    /// the standard terms.
    pub label: String,
}

/// 第四部分 附件1 部门预算绩效评价报告 and 附件2 (one report per 绩效自评表).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Evaluation {
    /// The department has 自评表 or 绩效评价/项目评价 labels: 附件1/附件2 are written.
    pub present: bool,
    /// 附件1 texts by ASCII key (`org` = 绩效评价：机构组成 …, see README; empty when not filled).
    pub texts: std::collections::BTreeMap<String, String>,
    /// 年初预算收入 (= 支出), Σ 预算数表 年初预算数; empty when not given.
    pub initial_budget: String,
    /// 决算报表收入 (表01 本年收入合计).
    pub final_income: String,
    /// 决算报表支出 (表01 本年支出合计).
    pub final_expenditure: String,
    /// 决算报表收入 against 年初预算: 大于 / 小于 / 持平 (empty when 年初预算 is unknown).
    pub income_comparison: String,
    /// |决算报表收入 − 年初预算|.
    pub income_diff: String,
    /// 决算报表支出 against 年初预算.
    pub expenditure_comparison: String,
    /// |决算报表支出 − 年初预算|.
    pub expenditure_diff: String,
    /// 年末结转和结余 (empty when zero or absent).
    pub end_balance: String,
    /// Number of 自评表.
    pub projects: String,
    /// Σ 调整后预算数 of the forms (empty when a form lacks it).
    pub projects_budget: String,
    /// Σ 预算执行数 of the forms.
    pub projects_actual: String,
    /// Overall execution (percent).
    pub execution: String,
    /// Projects with 结余率 above 10%.
    pub high_balance: String,
    /// 常年性项目个数 (label `绩效评价：常年项目数`; empty when not filled).
    pub recurring: String,
    /// 阶段（一次性）项目个数 (forms − 常年).
    pub one_off: String,
    /// Projects with 绩效目标 (label, else the number of forms).
    pub goal_projects: String,
    /// Projects under 绩效监控 (label, else the number of forms).
    pub monitored_projects: String,
    /// 附件2 reports, in form order.
    pub reports: Vec<EvalReport>,
}

/// One 专项预算项目绩效评价报告 (附件2).
#[derive(Clone, Debug, Default, Serialize)]
pub struct EvalReport {
    /// 1-based form number (`@form N`).
    pub form: String,
    /// 项目名称 without code and year.
    pub name: String,
    /// The label prefix of its texts: `项目评价：<name>：`.
    pub label: String,
    /// 总额 年初预算 (empty when blank on the form).
    pub initial: String,
    /// 总额 调整后预算数.
    pub adjusted: String,
    /// 总额 预算执行数.
    pub actual: String,
    /// 总额 预算执行率 (percent, as printed).
    pub rate: String,
    /// 调增 / 调减 when 调整后预算数 differs from 年初预算 (else empty).
    pub adjustment: String,
    /// |调整后预算数 − 年初预算|.
    pub adjustment_amount: String,
    /// 合计 得分.
    pub score: String,
    /// Texts by ASCII key of the 小节 (`background` = 设立背景及基本情况 …; empty when not found).
    pub texts: std::collections::BTreeMap<String, String>,
}
