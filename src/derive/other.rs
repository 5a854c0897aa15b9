//! Section 十 (机关运行经费, 会议费/培训费, 政府采购, 国有资产, 预算绩效), the texts of
//! 第一/四部分 and the meta block — mostly 说明材料 figures.

use super::budget::completion;
use super::facts::{Assets, GeneralSpending, LabelledCount, MetaFacts, FormFact, Performance, Procurement, ProjectFact, RunningCost, Texts};
use super::prior::{prior_figure, prior_source};
use super::shares::single_share;
use super::source::{from_amount, note_amount, note_count, note_text};
use super::Ctx;
use crate::findings::{Finding, Severity};
use crate::model::Book;

/// Department, years, prior source (说明材料 `部门名称`/`部门简称`/`年度` override the header).
pub fn meta(ctx: &Ctx) -> MetaFacts {
    let book = ctx.book;
    let m = &book.meta;
    let text = |label: &str| book.note(label).map(|n| n.text.trim().to_string());
    let year = text("年度").and_then(|t| t.trim_end_matches("年度").trim_end_matches('年').parse().ok()).unwrap_or(m.year);
    MetaFacts {
        department: text("部门名称").unwrap_or_else(|| m.department.clone()),
        short_name: text("部门简称").unwrap_or_else(|| m.short_name.clone()),
        year,
        prior_year: year - 1,
        prior_source: prior_source(ctx),
    }
}

/// 第一部分 / 第四部分 texts.
pub fn texts(book: &Book) -> Texts {
    Texts { functions: note_text(book, "主要职能"), key_work: note_text(book, "重点工作完成情况"), organisation: note_text(book, "机构设置"), annex: note_text(book, "附件") }
}

/// (一) 机关运行经费: 说明材料, else 表08 公用经费合计 with a 提示.
pub fn running_cost(ctx: &mut Ctx) -> RunningCost {
    let book = ctx.book;
    let stated = note_amount(book, "机关运行经费", &mut ctx.findings);
    if not_applicable(book, stated.as_ref()) {
        let amount = stated.unwrap_or_else(|| super::source::derived(rust_decimal::Decimal::ZERO, "说明材料 单位性质：事业单位（不适用机关运行经费）"));
        let change = ctx.change(amount.value, None, false, "机关运行经费变动原因");
        return RunningCost { change, amount, approximated: false, not_applicable: true };
    }
    let approximated = stated.is_none();
    let amount = stated.unwrap_or_else(|| {
        ctx.findings.push(approximation_finding(book));
        from_amount("表08 公用经费合计（近似机关运行经费）", &book.t08.public_total)
    });
    let prior = if approximated {
        prior_figure(ctx, |b| Some(&b.t08.public_total), "表08 公用经费合计", Some("上年机关运行经费"))
    } else {
        let from_prior_notes = ctx.prior.and_then(|p| note_amount(p, "机关运行经费", &mut Vec::new()));
        from_prior_notes.map(|mut f| {
            f.source.label = format!("上年决算 {}", f.source.label);
            f
        }).or_else(|| note_amount(book, "上年机关运行经费", &mut ctx.findings))
    };
    RunningCost { change: ctx.change(amount.value, prior, false, "机关运行经费变动原因"), amount, approximated, not_applicable: false }
}

/// 机关运行经费 does not apply: 单位性质 is a 事业单位 (not 参公) and no non-zero amount is stated.
pub(crate) fn not_applicable(book: &Book, stated: Option<&super::facts::Figure>) -> bool {
    let kind = book.note("单位性质").and_then(|n| crate::notes_catalog::unit_kind(&n.text));
    kind == Some(crate::notes_catalog::UnitKind::Institution) && stated.is_none_or(|s| s.value.is_zero())
}

fn approximation_finding(book: &Book) -> Finding {
    Finding::new(Severity::Info, "DERIVE-RUNNING-COST", "说明材料未填“机关运行经费”，以表08公用经费合计近似（仅适用于行政单位和参公事业单位）")
        .at("表08 公用经费合计", Some(book.t08.public_total.at.clone()), Some(book.t08.public_total.value))
}

/// (二) 会议费 / 培训费.
pub fn general_spending(ctx: &mut Ctx) -> GeneralSpending {
    let book = ctx.book;
    GeneralSpending { meetings: note_amount(book, "会议费", &mut ctx.findings), training: note_amount(book, "培训费", &mut ctx.findings) }
}

/// (三) 政府采购.
pub fn procurement(ctx: &mut Ctx) -> Procurement {
    let book = ctx.book;
    let f = &mut ctx.findings;
    let total = note_amount(book, "政府采购支出总额", f);
    let sme = note_amount(book, "授予中小企业合同金额", f);
    let small_micro = note_amount(book, "授予小微企业合同金额", f);
    let share = |part: &Option<super::facts::Figure>, how: &str| match (part, &total) {
        (Some(p), Some(t)) => single_share(p.value, t.value, how),
        _ => None,
    };
    Procurement {
        sme_share: share(&sme, "授予中小企业合同金额 ÷ 政府采购支出总额"),
        small_micro_share: share(&small_micro, "授予小微企业合同金额 ÷ 政府采购支出总额"),
        goods: note_amount(book, "政府采购货物支出", f),
        works: note_amount(book, "政府采购工程支出", f),
        services: note_amount(book, "政府采购服务支出", f),
        purpose: note_text(book, "政府采购用途"),
        total,
        sme,
        small_micro,
    }
}

/// Vehicle-use labels of 说明材料, in catalogue order.
const VEHICLE_USES: [&str; 7] = ["主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部服务用车", "其他用车"];

/// (四) 国有资产占用.
pub fn assets(ctx: &mut Ctx) -> Assets {
    let book = ctx.book;
    let f = &mut ctx.findings;
    Assets {
        vehicles_total: note_count(book, "车辆总数", f),
        vehicles_by_use: VEHICLE_USES.iter().filter_map(|l| note_count(book, l, f).map(|count| LabelledCount { label: l.to_string(), count })).collect(),
        other_vehicle_use: note_text(book, "其他用车用途"),
        equipment_over_1m: note_count(book, "单价100万元以上设备", f),
    }
}

/// (五) 预算绩效: 说明材料 text and the 项目绩效 sheet.
pub fn performance(book: &Book) -> Performance {
    let projects = book
        .projects
        .iter()
        .map(|p| {
            let actual = p.actual.as_ref().map(|a| from_amount(format!("项目绩效 {} 执行数", p.name), a));
            let budget = p.budget.as_ref().map(|a| from_amount(format!("项目绩效 {} 预算数", p.name), a));
            let value = actual.as_ref().map_or(rust_decimal::Decimal::ZERO, |a| a.value);
            let completion = match &actual {
                Some(_) => completion(value, budget, None, None),
                None => completion(value, None, None, None),
            };
            ProjectFact { name: p.name.clone(), actual, completion, summary: p.summary.clone() }
        })
        .collect();
    let forms = book
        .forms
        .iter()
        .map(|f| {
            let total = f.fund(crate::model::FormFund::Total);
            let fig = |what: &str, a: Option<&crate::model::Amount>| a.map(|a| from_amount(format!("自评表 {} 总额 {what}", f.name), a));
            let summary = f.conclusion.as_ref().or(f.achieved.as_ref());
            FormFact {
                name: f.short_name().to_string(),
                code: f.code.clone(),
                adjusted: fig("调整后预算数", total.and_then(|t| t.adjusted.as_ref())),
                actual: fig("预算执行数", total.and_then(|t| t.actual.as_ref())),
                score: f.total_score.as_ref().map(|s| s.value.normalize().to_string()),
                score_at: f.total_score.as_ref().map(|s| s.at.clone()),
                summary: summary.map(|s| s.text.trim().to_string()).unwrap_or_default(),
                summary_at: summary.map(|s| s.at.clone()),
            }
        })
        .collect();
    Performance { management: note_text(book, "预算绩效管理情况"), projects, forms }
}
