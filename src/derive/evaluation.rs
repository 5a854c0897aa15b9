//! 第四部分 附件: the figures and texts of 附件1 部门预算绩效评价报告 and of 附件2 (one
//! 专项预算项目绩效评价报告 per 绩效自评表), and the counts of 十（四/五）.
//!
//! Sources, each named in the figure's provenance:
//! - 二、部门资金收支情况: 年初预算 = Σ `预算数` sheet 年初预算数 over the 项 lines (only when every
//!   项 line has one, else `None` → placeholder); 决算 = 表01 本年收入合计 / 本年支出合计;
//!   结转结余 = 表01 年末结转和结余.
//! - 三（二）: the 自评表 (count, Σ 总额 调整后预算数 and 预算执行数, their ratio, the count of
//!   projects whose 结余率 (调整后 − 执行) ÷ 调整后 is above 10%); 常年性项目 from the label
//!   `绩效评价：常年项目数` (一次性 = forms − 常年), placeholders otherwise.
//! - 十（四/五）: 绩效目标 / 绩效监控 project counts from the labels, else the number of forms.
//! - 附件2 texts: label `项目评价：<项目名称>：<小节>`, else the form's own field where the form has
//!   one (项目绩效目标设置 ← 项目年度目标, 评价结论 ← 评价结论, 存在主要问题 ← 存在问题,
//!   改进建议 ← 改进措施), else nothing (placeholder).
//!
//! Nothing is derived when the department has no 自评表 and no `绩效评价：`/`项目评价：` label:
//! [`evaluation`] returns `None` and 第四部分 stays as before (the `附件` text or 无。).

use super::facts::{Count, Figure, NoteText, Provenance, Share};
use super::source::{derived, from_amount, note_count, note_text};
use crate::findings::Finding;
use crate::model::{note_key, Book, Col, FormFund, Level, PerfForm};
use crate::money::round_half_up;
use crate::notes_catalog::{NOTE_LABELS, PROJECT_EVAL_PREFIX, PROJECT_EVAL_SECTIONS};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Prefix of the department-level evaluation labels.
pub const EVAL_PREFIX: &str = "绩效评价：";

/// 附件1 and 附件2 as derived.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// 附件1 texts by the label's part after `绩效评价：` (`机构组成` …); only those filled in.
    pub texts: BTreeMap<String, NoteText>,
    /// 年初预算收入 (= 年初预算支出): Σ `预算数` 年初预算数 of the 项 lines.
    pub initial_budget: Option<Figure>,
    /// 决算报表收入: 表01 本年收入合计.
    pub final_income: Figure,
    /// 决算报表支出: 表01 本年支出合计.
    pub final_expenditure: Figure,
    /// 年末结转和结余 (表01), when the table has the line.
    pub end_balance: Option<Figure>,
    /// Number of 自评表.
    pub projects: Count,
    /// Σ 总额 调整后预算数 of the forms (`None` when a form lacks it).
    pub projects_budget: Option<Figure>,
    /// Σ 总额 预算执行数 of the forms (`None` when a form lacks it).
    pub projects_actual: Option<Figure>,
    /// Σ 执行数 ÷ Σ 调整后预算数 × 100, half-up at 2 decimals (`None` when unknown or zero budget).
    pub execution: Option<Share>,
    /// Projects whose 结余率 is above 10% (`None` when a form lacks 调整后预算数 or 执行数).
    pub high_balance_projects: Option<Count>,
    /// 常年性项目个数 (label `绩效评价：常年项目数`).
    pub recurring: Option<Count>,
    /// 阶段（一次性）项目个数 = forms − 常年 (only with the label, and when not above the forms).
    pub one_off: Option<Count>,
    /// Projects with 绩效目标 (label `绩效评价：绩效目标项目数`, else the number of forms).
    pub goal_projects: Count,
    /// Projects under 绩效监控 (label `绩效评价：绩效监控项目数`, else the number of forms).
    pub monitored_projects: Count,
    /// One report per form (附件2), in form order.
    pub reports: Vec<ProjectReport>,
}

/// One 专项预算项目绩效评价报告 (附件2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectReport {
    /// 1-based number of the form (the `@form N` of the templates).
    pub form: usize,
    /// 项目名称 without code and year (`春节慰问费`).
    pub name: String,
    /// The system's project code, when given.
    pub code: Option<String>,
    /// 总额 年初预算.
    pub initial: Option<Figure>,
    /// 总额 调整后预算数.
    pub adjusted: Option<Figure>,
    /// 总额 预算执行数.
    pub actual: Option<Figure>,
    /// 总额 预算执行率 as printed on the form.
    pub rate: Option<Share>,
    /// 合计 得分 as printed.
    pub score: Option<String>,
    /// Where the score was read.
    pub score_source: Option<Provenance>,
    /// Texts by 小节 ([`PROJECT_EVAL_SECTIONS`]); only those found.
    pub texts: BTreeMap<String, NoteText>,
}

/// Whether the department has anything for 附件1/附件2.
fn has_evaluation(book: &Book) -> bool {
    let (eval, project) = (note_key(EVAL_PREFIX), note_key(PROJECT_EVAL_PREFIX));
    !book.forms.is_empty() || book.notes.iter().any(|n| !n.text.trim().is_empty() && (n.label.starts_with(&eval) || n.label.starts_with(&project)))
}

/// 附件1/附件2 facts, or `None` when the department has neither forms nor evaluation labels.
pub fn evaluation(book: &Book, income: &Figure, expenditure: &Figure, end_balance: Option<&Figure>, findings: &mut Vec<Finding>) -> Option<Evaluation> {
    if !has_evaluation(book) {
        return None;
    }
    let texts = NOTE_LABELS
        .iter()
        .filter_map(|l| l.label.strip_prefix(EVAL_PREFIX).map(|k| (k, l)))
        .filter(|(_, l)| l.kind == crate::notes_catalog::NoteKind::Text)
        .filter_map(|(k, l)| note_text(book, l.label).map(|t| (k.to_string(), t)))
        .collect();
    let n = book.forms.len();
    let forms_count = || Count { value: n as i64, source: Provenance::derived(format!("自评表个数（{n}张）")) };
    let recurring = note_count(book, "绩效评价：常年项目数", findings);
    let one_off = recurring.as_ref().filter(|r| (0..=n as i64).contains(&r.value)).map(|r| Count {
        value: n as i64 - r.value,
        source: Provenance::derived(format!("自评表个数（{n}张）− 说明材料 绩效评价：常年项目数")),
    });
    let sum = |what: &str, pick: fn(&crate::model::FormFundRow) -> Option<&crate::model::Amount>| -> Option<Figure> {
        let values: Option<Vec<Decimal>> = book.forms.iter().map(|f| f.fund(FormFund::Total).and_then(pick).map(|a| a.value)).collect();
        values.filter(|_| n > 0).map(|v| derived(v.iter().sum(), format!("Σ 自评表 总额 {what}（{n}张）")))
    };
    let projects_budget = sum("调整后预算数", |r| r.adjusted.as_ref());
    let projects_actual = sum("预算执行数", |r| r.actual.as_ref());
    let execution = match (&projects_budget, &projects_actual) {
        (Some(b), Some(a)) if !b.value.is_zero() => (a.value * Decimal::ONE_HUNDRED)
            .checked_div(b.value)
            .map(|p| Share::new(round_half_up(p, 2), Provenance::derived("Σ 自评表 预算执行数 ÷ Σ 调整后预算数"))),
        _ => None,
    };
    let high_balance_projects = high_balance(&book.forms);
    Some(Evaluation {
        texts,
        initial_budget: initial_budget(book),
        final_income: relabel(income, "决算报表收入"),
        final_expenditure: relabel(expenditure, "决算报表支出"),
        end_balance: end_balance.cloned(),
        projects: forms_count(),
        projects_budget,
        projects_actual,
        execution,
        high_balance_projects,
        recurring,
        one_off,
        goal_projects: note_count(book, "绩效评价：绩效目标项目数", findings).unwrap_or_else(forms_count),
        monitored_projects: note_count(book, "绩效评价：绩效监控项目数", findings).unwrap_or_else(forms_count),
        reports: book.forms.iter().enumerate().map(|(i, f)| report(book, i + 1, f)).collect(),
    })
}

/// The same figure, its provenance prefixed with what the report calls it.
fn relabel(f: &Figure, what: &str) -> Figure {
    let mut f = f.clone();
    f.source.label = format!("{what}: {}", f.source.label);
    f
}

/// 年初预算数: table 06's 合计 row when the export carries the column, else Σ 年初预算数 of
/// the `预算数` sheet's 项 lines, when every 项 line has one.
fn initial_budget(book: &Book) -> Option<Figure> {
    if let Some(a) = book.t06.total_of(Col::InitialBudget) {
        return Some(from_amount("表06 合计 年初预算数", a));
    }
    let lines: Vec<_> = book.budgets.iter().filter(|l| l.code.level() == Level::Xiang).collect();
    let values: Option<Vec<Decimal>> = lines.iter().map(|l| l.initial.as_ref().map(|a| a.value)).collect();
    let values = values.filter(|v| !v.is_empty())?;
    let how = format!("Σ 预算数表 年初预算数（{}个项）", values.len());
    Some(derived(values.iter().sum(), how))
}

/// Projects whose 结余率 (调整后 − 执行) ÷ 调整后 is above 10% (a zero budget has none).
fn high_balance(forms: &[PerfForm]) -> Option<Count> {
    let mut count = 0;
    for f in forms {
        let total = f.fund(FormFund::Total)?;
        let (adjusted, actual) = (total.adjusted.as_ref()?.value, total.actual.as_ref()?.value);
        if adjusted > Decimal::ZERO && (adjusted - actual) * Decimal::TEN > adjusted {
            count += 1;
        }
    }
    Some(Count { value: count, source: Provenance::derived("自评表 (调整后预算数 − 预算执行数) ÷ 调整后预算数 > 10% 的个数") })
}

/// The 说明材料 text `项目评价：<name>：<section>` under any of the project's names.
fn project_note(book: &Book, f: &PerfForm, section: &str) -> Option<NoteText> {
    let mut names = vec![f.short_name().to_string(), f.name.clone()];
    if let Some(code) = &f.code {
        names.push(format!("{code}-{}", f.name));
    }
    names.iter().find_map(|n| note_text(book, &format!("{PROJECT_EVAL_PREFIX}{n}：{section}")))
}

/// The form's own text for a 小节, where the form has one.
fn form_text(f: &PerfForm, section: &str) -> Option<NoteText> {
    let (field, what) = match section {
        "项目绩效目标设置" => (f.goal.as_ref(), "项目年度目标"),
        "评价结论" => (f.conclusion.as_ref(), "评价结论"),
        "存在主要问题" => (f.problems.as_ref(), "存在问题"),
        "改进建议" => (f.measures.as_ref(), "改进措施"),
        _ => return None,
    };
    let field = field.filter(|t| !t.text.trim().is_empty())?;
    let text = field.text.trim().to_string();
    let paragraphs = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    Some(NoteText { text, paragraphs, source: Provenance::cell(format!("自评表 {} {what}", f.name), &field.at) })
}

fn report(book: &Book, form: usize, f: &PerfForm) -> ProjectReport {
    let total = f.fund(FormFund::Total);
    let fig = |what: &str, a: Option<&crate::model::Amount>| a.map(|a| from_amount(format!("自评表 {} 总额 {what}", f.name), a));
    let texts = PROJECT_EVAL_SECTIONS
        .iter()
        .filter_map(|s| project_note(book, f, s).or_else(|| form_text(f, s)).map(|t| (s.to_string(), t)))
        .collect();
    ProjectReport {
        form,
        name: f.short_name().to_string(),
        code: f.code.clone(),
        initial: fig("年初预算", total.and_then(|t| t.initial.as_ref())),
        adjusted: fig("调整后预算数", total.and_then(|t| t.adjusted.as_ref())),
        actual: fig("预算执行数", total.and_then(|t| t.actual.as_ref())),
        rate: total
            .and_then(|t| t.rate.as_ref())
            .map(|r| Share::new(round_half_up(r.value, 2), Provenance::cell(format!("自评表 {} 总额 预算执行率", f.name), &r.at))),
        score: f.total_score.as_ref().map(|s| s.value.normalize().to_string()),
        score_source: f.total_score.as_ref().map(|s| Provenance::cell(format!("自评表 {} 合计 得分", f.name), &s.at)),
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, BudgetLine, CellRef, NoteEntry, SubjectCode};
    use crate::testkit::{d, sample_book, sample_form};

    fn note(label: &str, text: &str) -> NoteEntry {
        let at = CellRef::new(&"x.xlsx".into(), &"说明材料".into(), 3, 1);
        NoteEntry { label: note_key(label), text: text.into(), at }
    }

    fn figure(v: &str) -> Figure {
        derived(d(v), "test")
    }

    fn eval(book: &Book) -> Option<Evaluation> {
        evaluation(book, &figure("889.16"), &figure("880"), Some(&figure("9.16")), &mut Vec::new())
    }

    #[test]
    fn none_without_forms_or_labels() {
        assert!(eval(&sample_book()).is_none());
        let mut b = sample_book();
        b.notes.push(note("绩效评价：机构组成", "内设机构3个。"));
        let e = eval(&b).unwrap();
        assert_eq!(e.texts["机构组成"].text, "内设机构3个。");
        assert_eq!(e.projects.value, 0);
        assert!(e.projects_budget.is_none() && e.execution.is_none());
    }

    #[test]
    fn project_figures_from_the_forms() {
        let mut b = sample_book();
        b.forms = vec![sample_form("春节慰问费（2023）", "4", "4"), sample_form("51090423T000008811083-档案工作经费", "20", "9.61"), sample_form("党史研究", "10", "9.97")];
        let e = eval(&b).unwrap();
        assert_eq!(e.projects.value, 3);
        assert_eq!(e.projects_budget.as_ref().unwrap().value, d("34"));
        assert_eq!(e.projects_actual.as_ref().unwrap().value, d("23.58"));
        // 23.58 ÷ 34 = 69.3529…% → 69.35
        assert_eq!(e.execution.as_ref().unwrap().display, "69.35");
        // only 档案工作经费 (结余率 51.95%); 党史研究 0.3% is not above 10%
        assert_eq!(e.high_balance_projects.as_ref().unwrap().value, 1);
        assert_eq!(e.goal_projects.value, 3);
        assert!(e.goal_projects.source.label.contains("自评表个数"));
        assert!(e.recurring.is_none() && e.one_off.is_none());
        assert_eq!(e.reports[1].name, "档案工作经费");
        assert_eq!(e.reports[1].code.as_deref(), Some("51090423T000008811083"));
        assert_eq!(e.reports[1].rate.as_ref().unwrap().display, "48.05");
        assert_eq!(e.reports[1].actual.as_ref().unwrap().source.at.as_ref().unwrap().sheet.as_ref(), "51090423T000008811083-档案工作经费");
        assert_eq!(e.reports[0].score.as_deref(), Some("100"));
    }

    #[test]
    fn labels_win_and_form_texts_fill_in() {
        let mut b = sample_book();
        b.forms = vec![sample_form("春节慰问费（2023）", "4", "4")];
        b.notes.push(note("项目评价：春节慰问费：评价目的", "反映项目实施是否偏离目标。"));
        b.notes.push(note("项目评价：春节慰问费（2023）：评价结论", "总体评价良好。"));
        b.notes.push(note("绩效评价：常年项目数", "1"));
        b.notes.push(note("绩效评价：绩效监控项目数", "0"));
        let e = eval(&b).unwrap();
        let r = &e.reports[0];
        assert_eq!(r.texts["评价目的"].text, "反映项目实施是否偏离目标。");
        assert_eq!(r.texts["评价结论"].text, "总体评价良好。");
        assert_eq!(r.texts["项目绩效目标设置"].text, "完成春节慰问费（2023）年度任务。");
        assert!(r.texts["项目绩效目标设置"].source.label.contains("项目年度目标"));
        assert!(!r.texts.contains_key("评价选点"));
        assert_eq!((e.recurring.unwrap().value, e.one_off.unwrap().value), (1, 0));
        assert_eq!(e.monitored_projects.value, 0);
        assert!(e.monitored_projects.source.label.contains("说明材料"));
    }

    #[test]
    fn initial_budget_needs_every_line() {
        let mut b = sample_book();
        b.forms = vec![sample_form("甲", "1", "1")];
        let at = CellRef::new(&"x.xlsx".into(), &"预算数".into(), 2, 2);
        let line = |code: &str, init: Option<&str>| BudgetLine {
            code: SubjectCode::parse(code).unwrap(),
            full_year: Amount { value: d("1"), at: at.clone() },
            initial: init.map(|v| Amount { value: d(v), at: at.clone() }),
        };
        b.budgets = vec![line("2013101", Some("402.23")), line("2013105", Some("30")), line("201", Some("999"))];
        assert_eq!(eval(&b).unwrap().initial_budget.unwrap().value, d("432.23"));
        b.budgets.push(line("2013102", None));
        assert!(eval(&b).unwrap().initial_budget.is_none());
        // Found by a tester: an 06 export with its own 年初预算数 column still showed the
        // placeholder. The table's figure wins over the sheet.
        b.t06.columns.push(Col::InitialBudget);
        b.t06.total.push(Amount { value: d("880"), at: at.clone() });
        let f = eval(&b).unwrap().initial_budget.unwrap();
        assert_eq!(f.value, d("880"));
        assert!(f.source.label.contains("表06"), "{:?}", f.source);
    }
}
