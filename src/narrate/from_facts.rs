//! The glue from derive's [`Facts`] to the [`View`]: figures become exact decimal strings,
//! enums become the words the templates test, and optional 说明材料 values become empty
//! strings (which the templates turn into visible placeholders).

use super::view::*;
use crate::derive::{self as f, Facts};
use rust_decimal::Decimal;

impl View {
    /// Builds the view of `facts`. `draft` and `options` keep their defaults; set them after.
    pub fn from_facts(facts: &Facts) -> View {
        View {
            department: facts.meta.department.clone(),
            short_name: facts.meta.short_name.clone(),
            year: facts.meta.year.to_string(),
            prior_year: facts.meta.prior_year.to_string(),
            draft: false,
            options: Options::default(),
            profile: profile(&facts.texts),
            totals: totals(facts),
            income: breakdown(&facts.income.total, &facts.income.sources),
            expenditure: breakdown(&facts.expenditure.total, &facts.expenditure.parts),
            fiscal: fiscal(&facts.fiscal),
            general: general(&facts.general_budget),
            basic: basic(&facts.basic),
            sangong: sangong(&facts.three_public),
            gov_fund: fund(&facts.gov_fund),
            state_capital: fund(&facts.state_capital),
            other: other(facts),
            glossary: facts.glossary.iter().map(glossary_entry).collect(),
            annex: note(facts.texts.annex.as_ref()),
            evaluation: facts.evaluation.as_ref().map(evaluation).unwrap_or_default(),
            charts: facts.charts.iter().filter_map(|c| c.chart.clone()).collect(),
        }
    }
}

/// The exact amount as a plain decimal string (`"889.16"`, `"0"`).
fn fig(figure: &f::Figure) -> String {
    exact(figure.value)
}

fn exact(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.to_string()
}

/// The amount, or empty when zero (for optional components such as 年初结转和结余).
fn nonzero(figure: Option<&f::Figure>) -> String {
    figure.filter(|x| !x.value.is_zero()).map(fig).unwrap_or_default()
}

/// The amount, or empty when not supplied.
fn opt(figure: Option<&f::Figure>) -> String {
    figure.map(fig).unwrap_or_default()
}

fn note(text: Option<&f::NoteText>) -> String {
    text.map(|t| t.paragraphs.join("\n")).unwrap_or_default()
}

/// A note used inside a sentence: one line.
fn note_inline(text: Option<&f::NoteText>) -> String {
    inline(&note(text))
}

fn count(c: Option<&f::Count>) -> String {
    c.map(|c| c.value.to_string()).unwrap_or_default()
}

fn change(c: &f::Change) -> Change {
    let direction = match c.direction {
        f::Direction::Increase | f::Direction::NewItem => "增加",
        f::Direction::Decrease => "减少",
        f::Direction::Flat => "持平",
        f::Direction::Missing => return Change::default(),
    };
    Change {
        has_prior: true,
        prior: opt(c.prior.as_ref()),
        diff: c.delta.as_ref().map(fig).unwrap_or_else(|| "0".into()),
        pct: c.pct.map(exact).unwrap_or_default(),
        direction: direction.to_string(),
        missing: String::new(),
    }
}

/// The changes of a 收/支 pair of totals: `(stated change, 支出 change, the two differ)`.
/// The pair is stated as one change (“收、支总计各增加…”) only when both prior totals are
/// known and the changes are equal; when a prior total is missing, the stated change is
/// missing and names every label to fill — never a change invented for the other side.
fn pair_change(income: &f::Change, expenditure: &f::Change, labels: [&str; 2]) -> (Change, Change, bool) {
    let missing: Vec<&str> = [income, expenditure].iter().zip(labels).filter(|(c, _)| c.prior.is_none()).map(|(_, l)| l).collect();
    if !missing.is_empty() {
        let stated = Change { missing: missing.join("、"), ..Change::default() };
        return (stated, change(expenditure), false);
    }
    let delta = |c: &f::Change| c.delta.as_ref().map(|d| d.value);
    (change(income), change(expenditure), delta(income) != delta(expenditure))
}

fn change_reason(c: &f::Change, default_label: &str) -> Reason {
    let label = c.reason_label.as_deref().unwrap_or(default_label);
    Reason::new(c.needs_reason, label, &note(c.reason.as_ref()))
}

fn comparison(c: &f::Completion) -> String {
    match c.comparison {
        f::BudgetComparison::Above => "大于",
        f::BudgetComparison::Below => "小于",
        f::BudgetComparison::Equal => "持平",
        f::BudgetComparison::Unknown => "",
    }
    .to_string()
}

fn share(p: &f::Part) -> Share {
    Share { name: p.label.clone(), amount: fig(&p.amount), share: p.share.display.clone(), nonzero: !p.amount.value.is_zero() }
}

fn breakdown(total: &f::Figure, parts: &[f::Part]) -> Breakdown {
    Breakdown { total: fig(total), items: parts.iter().map(share).collect() }
}

fn profile(t: &f::Texts) -> Profile {
    Profile { duties: note(t.functions.as_ref()), key_work: note(t.key_work.as_ref()), organisation: note(t.organisation.as_ref()) }
}

fn totals(facts: &Facts) -> Totals {
    let (inc, exp) = (&facts.income, &facts.expenditure);
    let mut t = Totals {
        grand_total: fig(&facts.overview.income_grand_total),
        income_total: fig(&inc.total),
        use_of_balance: nonzero(inc.use_of_non_fiscal_balance.as_ref()),
        begin_balance: nonzero(inc.begin_balance.as_ref()),
        expenditure_total: fig(&exp.total),
        surplus_distribution: nonzero(exp.surplus_distribution.as_ref()),
        end_balance: nonzero(exp.end_balance.as_ref()),
        has_carryover: false,
        change: Change::default(),
        expenditure_change: Change::default(),
        changes_differ: false,
        reason: change_reason(&facts.overview.income_change, "收支总计变动原因"),
    };
    let o = &facts.overview;
    (t.change, t.expenditure_change, t.changes_differ) = pair_change(&o.income_change, &o.expenditure_change, ["上年收入总计", "上年支出总计"]);
    t.has_carryover = [&t.use_of_balance, &t.begin_balance, &t.surplus_distribution, &t.end_balance].iter().any(|s| !s.is_empty());
    t
}

fn fiscal(x: &f::Fiscal) -> FiscalTotals {
    let begin_balance = nonzero(x.begin_balance.as_ref());
    let end_balance = nonzero(x.end_balance.as_ref());
    let (change, expenditure_change, changes_differ) = pair_change(&x.income_change, &x.expenditure_change, ["上年财政拨款收入总计", "上年财政拨款支出总计"]);
    FiscalTotals {
        grand_total: fig(&x.income_grand_total),
        income_total: fig(&x.income_total),
        expenditure_total: fig(&x.expenditure_total),
        has_carryover: !begin_balance.is_empty() || !end_balance.is_empty(),
        begin_balance,
        end_balance,
        change,
        expenditure_change,
        changes_differ,
        reason: change_reason(&x.income_change, "财政拨款收支变动原因"),
    }
}

fn general(g: &f::GeneralBudget) -> General {
    General {
        total: fig(&g.total),
        share_of_expenditure: g.share_of_expenditure.display.clone(),
        change: change(&g.change),
        reason: change_reason(&g.change, "一般公共预算财政拨款支出变动原因"),
        classes: g.by_class.iter().filter(|p| !p.amount.value.is_zero()).map(share).collect(),
        budget: opt(g.completion.budget.as_ref()),
        completion: g.completion.rate_display.clone().unwrap_or_default(),
        budgets_given: g.items.iter().any(|i| i.completion.budget.is_some()),
        items: g.items.iter().map(subject_item).collect(),
    }
}

fn subject_item(i: &f::Item) -> SubjectItem {
    let c = &i.completion;
    let label = format!("{}{}", crate::notes_catalog::SUBJECT_REASON_PREFIX, i.code);
    SubjectItem {
        code: i.code.clone(),
        path: i.segments.iter().map(|s| PathPart { name: s.name.clone(), code: s.digits.clone() }).collect(),
        actual: fig(&i.amount),
        has_budget: c.rate_display.is_some(),
        budget: opt(c.budget.as_ref()),
        completion: c.rate_display.clone().unwrap_or_default(),
        comparison: comparison(c),
        reason: Reason::new(c.needs_reason, c.reason_label.as_deref().unwrap_or(&label), &note(c.reason.as_ref())),
    }
}

fn basic(b: &f::Basic) -> Basic {
    Basic {
        total: fig(&b.total),
        personnel: fig(&b.personnel.amount),
        public: fig(&b.public.amount),
        personnel_items: b.personnel.items.clone(),
        public_items: b.public.items.clone(),
    }
}

fn sangong_item(line: &f::ThreePublicLine, label: &str) -> SangongItem {
    SangongItem {
        has_spending: !line.actual.value.is_zero(),
        actual: fig(&line.actual),
        budget: opt(line.completion.budget.as_ref()),
        completion: line.completion.rate_display.clone().unwrap_or_default(),
        share: line.share.as_ref().map(|s| s.display.clone()).unwrap_or_else(|| "0".into()),
        change: change(&line.change),
        reason: change_reason(&line.change, label),
    }
}

fn held(t: &f::ThreePublicFacts, kind: &str) -> String {
    t.vehicles_held_by_type.iter().find(|c| c.label.contains(kind)).map(|c| c.count.value.to_string()).unwrap_or_default()
}

/// The budget-execution reason of the 三公 total: only 说明材料 `三公经费预算执行说明`.
fn sangong_reason(t: &f::ThreePublicFacts) -> Reason {
    Reason::new(t.total.completion.needs_reason, "三公经费预算执行说明", &note(t.statement.as_ref()))
}

/// A 公务接待 amount (国内/外事): supplied, or `"0"` when the whole 公务接待费 is zero.
fn reception_amount(t: &f::ThreePublicFacts, amount: Option<&f::Figure>) -> String {
    match amount {
        Some(a) => fig(a),
        None if t.reception.actual.value.is_zero() => "0".into(),
        None => String::new(),
    }
}

/// A 公务接待 count: supplied, or `"0"` when its amount is zero (no money, no 批次/人次).
fn reception_count(amount: &str, c: Option<&f::Count>) -> String {
    match c {
        Some(_) => count(c),
        None if amount == "0" => "0".into(),
        None => String::new(),
    }
}

fn sangong(t: &f::ThreePublicFacts) -> Sangong {
    let domestic = reception_amount(t, t.domestic_amount.as_ref());
    let foreign = reception_amount(t, t.foreign_amount.as_ref());
    let budget_nonzero = t.total.completion.budget.as_ref().is_some_and(|b| !b.value.is_zero());
    Sangong {
        present: !t.total.actual.value.is_zero() || budget_nonzero,
        actual: fig(&t.total.actual),
        budget: opt(t.total.completion.budget.as_ref()),
        completion: t.total.completion.rate_display.clone().unwrap_or_default(),
        comparison: comparison(&t.total.completion),
        change: change(&t.total.change),
        reason: sangong_reason(t),
        change_reason: change_reason(&t.total.change, "三公经费变动原因"),
        abroad: sangong_item(&t.overseas, "因公出国（境）费变动原因"),
        abroad_groups: count(t.overseas_groups.as_ref()),
        abroad_people: count(t.overseas_people.as_ref()),
        vehicle: sangong_item(&t.vehicles, "公务用车购置及运行维护费变动原因"),
        vehicle_purchase: fig(&t.vehicle_purchase.actual),
        vehicle_operation: fig(&t.vehicle_operation.actual),
        vehicles_bought: count(t.vehicles_purchased.as_ref()),
        fleet: count(t.vehicles_held.as_ref()),
        fleet_sedan: held(t, "轿车"),
        fleet_suv: held(t, "越野车"),
        fleet_bus: held(t, "载客汽车"),
        operation_use: note_inline(t.vehicle_operation_use.as_ref()),
        reception: sangong_item(&t.reception, "公务接待费变动原因"),
        domestic_batches: reception_count(&domestic, t.domestic_batches.as_ref()),
        domestic_people: reception_count(&domestic, t.domestic_people.as_ref()),
        domestic,
        domestic_content: note_inline(t.domestic_content.as_ref()),
        foreign_batches: reception_count(&foreign, t.foreign_batches.as_ref()),
        foreign_people: reception_count(&foreign, t.foreign_people.as_ref()),
        foreign,
    }
}

fn fund(x: &f::FundSpending) -> Fund {
    Fund {
        present: x.has_data,
        total: fig(&x.total),
        items: x.subjects.iter().map(|s| FundItem { name: s.path.clone(), amount: fig(&s.amount) }).collect(),
    }
}

fn other(facts: &Facts) -> Other {
    let (rc, pr, assets) = (&facts.running_cost, &facts.procurement, &facts.assets);
    Other {
        running_cost: fig(&rc.amount),
        running_cost_approximated: rc.approximated,
        running_cost_not_applicable: rc.not_applicable,
        running_change: change(&rc.change),
        running_reason: change_reason(&rc.change, "机关运行经费变动原因"),
        meetings: opt(facts.general_spending.meetings.as_ref()),
        training: opt(facts.general_spending.training.as_ref()),
        has_procurement: pr.total.as_ref().is_some_and(|t| !t.value.is_zero()),
        procurement: opt(pr.total.as_ref()),
        procurement_goods: opt(pr.goods.as_ref()),
        procurement_works: opt(pr.works.as_ref()),
        procurement_services: opt(pr.services.as_ref()),
        procurement_use: note_inline(pr.purpose.as_ref()),
        sme: opt(pr.sme.as_ref()),
        sme_share: pr.sme_share.as_ref().map(|s| s.display.clone()).unwrap_or_default(),
        small: opt(pr.small_micro.as_ref()),
        small_share: pr.small_micro_share.as_ref().map(|s| s.display.clone()).unwrap_or_default(),
        vehicles: count(assets.vehicles_total.as_ref()),
        vehicle_types: assets.vehicles_by_use.iter().map(|c| Count { name: c.label.clone(), count: c.count.value.to_string() }).collect(),
        other_vehicle_use: note_inline(assets.other_vehicle_use.as_ref()),
        equipment: count(assets.equipment_over_1m.as_ref()),
        performance: note(facts.performance.management.as_ref()),
        projects: facts.performance.projects.iter().map(project).collect(),
        forms: facts.performance.forms.iter().map(|f| FormProject { name: f.name.clone(), score: f.score.clone().unwrap_or_default(), summary: inline(&f.summary).trim_end_matches(['。', '；']).to_string() }).collect(),
    }
}

fn project(p: &f::ProjectFact) -> Project {
    Project {
        name: p.name.clone(),
        budget: opt(p.completion.budget.as_ref()),
        actual: opt(p.actual.as_ref()),
        completion: p.completion.rate_display.clone().unwrap_or_default(),
        summary: inline(&p.summary),
    }
}

/// A glossary entry: the explanation verbatim (derive's dictionary carries the published
/// wording, `指…` or `反映…`, or the department's own); empty when unknown, so the template
/// prints the placeholder of `label` (`名词解释：<编码>`, subjects only).
fn glossary_entry(g: &f::GlossaryEntry) -> GlossaryEntry {
    let label = g.code.as_deref().map(crate::derive::glossary::glossary_label).unwrap_or_default();
    GlossaryEntry { term: g.term.clone(), text: g.explanation.as_deref().map(str::trim).unwrap_or("").to_string(), label }
}

/// `大于` / `小于` / `持平` of `actual` against `budget` (|Δ| < 0.005 万元 is 持平) and |Δ|.
fn against(actual: &f::Figure, budget: Option<&f::Figure>) -> (String, String) {
    let Some(budget) = budget else { return (String::new(), String::new()) };
    let diff = actual.value - budget.value;
    let word = if diff.abs() < Decimal::new(5, 3) {
        "持平"
    } else if diff > Decimal::ZERO {
        "大于"
    } else {
        "小于"
    };
    (word.to_string(), exact(diff.abs()))
}

/// The template keys of the 附件1 texts (`evaluation.texts.org` …): ASCII, since Tera cannot
/// index a map by a CJK key. Every `绩效评价：` text label has one (unit test).
pub(crate) const EVAL_TEXT_KEYS: [(&str, &str); 16] = [
    ("机构组成", "org"),
    ("人员概况", "staff"),
    ("履职效能", "duty"),
    ("预算管理", "budget_mgmt"),
    ("财务管理", "finance_mgmt"),
    ("资产管理", "asset_mgmt"),
    ("采购管理", "procurement_mgmt"),
    ("项目决策", "decision"),
    ("项目执行", "execution"),
    ("目标实现", "goals"),
    ("重点领域绩效分析", "key_areas"),
    ("绩效结果应用情况", "results_use"),
    ("评价结论", "conclusion"),
    ("存在问题", "problems"),
    ("改进建议", "suggestions"),
    ("自评得分", "score"),
];

/// The template keys of the 附件2 小节 (`r.texts.background` …), in `PROJECT_EVAL_SECTIONS` order.
pub(crate) const REPORT_TEXT_KEYS: [(&str, &str); 13] = [
    ("设立背景及基本情况", "background"),
    ("实施目的及支持方向", "purpose"),
    ("项目绩效目标设置", "targets"),
    ("评价目的", "eval_purpose"),
    ("预设问题及评价重点", "questions"),
    ("评价选点", "sites"),
    ("评价方法", "method"),
    ("通用指标绩效分析", "general_indicators"),
    ("专用指标绩效分析", "special_indicators"),
    ("个性指标绩效分析", "own_indicators"),
    ("评价结论", "conclusion"),
    ("存在主要问题", "problems"),
    ("改进建议", "suggestions"),
];

fn evaluation(e: &f::evaluation::Evaluation) -> Evaluation {
    let texts = EVAL_TEXT_KEYS.iter().map(|(k, key)| (key.to_string(), note(e.texts.get(*k)))).collect();
    let (income_comparison, income_diff) = against(&e.final_income, e.initial_budget.as_ref());
    let (expenditure_comparison, expenditure_diff) = against(&e.final_expenditure, e.initial_budget.as_ref());
    Evaluation {
        present: true,
        texts,
        initial_budget: opt(e.initial_budget.as_ref()),
        final_income: fig(&e.final_income),
        final_expenditure: fig(&e.final_expenditure),
        income_comparison,
        income_diff,
        expenditure_comparison,
        expenditure_diff,
        end_balance: nonzero(e.end_balance.as_ref()),
        projects: e.projects.value.to_string(),
        projects_budget: opt(e.projects_budget.as_ref()),
        projects_actual: opt(e.projects_actual.as_ref()),
        execution: e.execution.as_ref().map(|s| s.display.clone()).unwrap_or_default(),
        high_balance: count(e.high_balance_projects.as_ref()),
        recurring: count(e.recurring.as_ref()),
        one_off: count(e.one_off.as_ref()),
        goal_projects: e.goal_projects.value.to_string(),
        monitored_projects: e.monitored_projects.value.to_string(),
        reports: e.reports.iter().map(eval_report).collect(),
    }
}

fn eval_report(r: &f::evaluation::ProjectReport) -> EvalReport {
    let (adjustment, adjustment_amount) = match (&r.adjusted, &r.initial) {
        (Some(a), Some(i)) => match against(a, Some(i)) {
            (w, d) if w == "大于" => ("调增".to_string(), d),
            (w, d) if w == "小于" => ("调减".to_string(), d),
            _ => (String::new(), String::new()),
        },
        _ => (String::new(), String::new()),
    };
    EvalReport {
        form: r.form.to_string(),
        name: r.name.clone(),
        label: format!("{}{}：", crate::notes_catalog::PROJECT_EVAL_PREFIX, r.name),
        initial: opt(r.initial.as_ref()),
        adjusted: opt(r.adjusted.as_ref()),
        actual: opt(r.actual.as_ref()),
        rate: r.rate.as_ref().map(|s| s.display.clone()).unwrap_or_default(),
        adjustment,
        adjustment_amount,
        score: r.score.clone().unwrap_or_default(),
        texts: REPORT_TEXT_KEYS.iter().map(|(s, key)| (key.to_string(), note(r.texts.get(*s)))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_evaluation_label_has_a_template_key() {
        let eval: Vec<&str> = crate::notes_catalog::NOTE_LABELS
            .iter()
            .filter(|l| l.kind == crate::notes_catalog::NoteKind::Text)
            .filter_map(|l| l.label.strip_prefix(f::evaluation::EVAL_PREFIX))
            .collect();
        assert_eq!(eval, EVAL_TEXT_KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>());
        assert_eq!(crate::notes_catalog::PROJECT_EVAL_SECTIONS, REPORT_TEXT_KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>());
        assert!(EVAL_TEXT_KEYS.iter().chain(&REPORT_TEXT_KEYS).all(|(_, key)| key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    }
}
