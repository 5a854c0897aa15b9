//! Section 五: 一般公共预算财政拨款支出 (表06): total, share, change, 类 structure, every 项 with
//! its budget execution.

use super::budget::{budget_sheet, completion, subject_budget};
use super::facts::{Completion, Figure, GeneralBudget, Item, PathSegment};
use super::prior::prior_figure;
use super::shares::{make_parts, single_share};
use super::source::{derived, from_amount};
use super::Ctx;
use crate::findings::{Finding, Severity};
use crate::model::{Book, Col, Level, SubjectCode, SubjectRow};
use crate::notes_catalog::SUBJECT_REASON_PREFIX;
use rust_decimal::Decimal;

/// 五、一般公共预算财政拨款支出决算情况.
pub fn general_budget(ctx: &mut Ctx) -> GeneralBudget {
    let book = ctx.book;
    let t = &book.t06;
    let total = match t.total_of(Col::ExpenditureTotal) {
        Some(a) => from_amount("表06 合计 本年支出合计", a),
        None => derived(book.t04.expenditure_total.fund(crate::model::Fund::General), "表04 本年支出合计 一般公共预算财政拨款"),
    };
    let base = book.t01.expenditure_total.value;
    let share = single_share(total.value, base, "表06 合计 ÷ 表01 本年支出合计")
        .unwrap_or_else(|| super::facts::Share::new(Decimal::ZERO, super::facts::Provenance::derived("表01 本年支出合计为0")));
    let prior = prior_figure(ctx, |b| b.t06.total_of(Col::ExpenditureTotal), "表06 合计", Some("上年一般公共预算财政拨款支出"));
    let items = items(ctx);
    GeneralBudget {
        share_of_expenditure: share,
        change: ctx.change(total.value, prior, false, "一般公共预算财政拨款支出变动原因"),
        basic: t.total_of(Col::Basic).map(|a| from_amount("表06 合计 基本支出", a)),
        project: t.total_of(Col::Project).map(|a| from_amount("表06 合计 项目支出", a)),
        by_class: by_class(book),
        completion: total_completion(book, total.value, &items),
        items,
        total,
    }
}

/// 类 rows of 表06 (else the 一般公共预算 column of 表04's class lines) with shares over
/// their sum.
fn by_class(book: &Book) -> Vec<super::facts::Part> {
    let t = &book.t06;
    let mut members: Vec<(String, String, Figure)> = t
        .rows_at(Level::Lei)
        .filter_map(|r| {
            let a = t.col_index(Col::ExpenditureTotal).and_then(|i| r.values.get(i))?;
            Some((r.code.to_string(), r.name.trim().to_string(), from_amount(format!("表06 {} {}", r.code, r.name.trim()), a)))
        })
        .collect();
    if members.is_empty() {
        members = book
            .t04
            .expenditure_classes
            .iter()
            .filter_map(|c| {
                let a = c.amounts.general.as_ref()?;
                Some((c.code.to_string(), c.name.trim().to_string(), from_amount(format!("表04 {} 一般公共预算财政拨款", c.name.trim()), a)))
            })
            .collect();
    }
    make_parts(members, "一般公共预算财政拨款支出（各类之和）")
}

/// Every 项 of 表06 with money spent or budgeted, in table order.
/// Every lowest-level subject of table 06 (项, or a 类/款 row printed without children, as
/// some exports do), in table order.
fn items(ctx: &mut Ctx) -> Vec<Item> {
    let book = ctx.book;
    book.t06.leaf_rows().filter_map(|r| item(ctx, book, r)).collect()
}

fn item(ctx: &mut Ctx, book: &Book, r: &SubjectRow) -> Option<Item> {
    let t = &book.t06;
    let amount = t.col_index(Col::ExpenditureTotal).and_then(|i| r.values.get(i))?;
    let budget = subject_budget(book, &r.code);
    if amount.value.is_zero() && budget.as_ref().is_none_or(|b| b.value.is_zero()) {
        return None;
    }
    let segments = segments(ctx, book, &r.code);
    let col_fig = |c: Col, what: &str| t.col_index(c).and_then(|i| r.values.get(i)).map(|a| from_amount(format!("表06 {} {what}", r.code), a));
    let label = format!("{SUBJECT_REASON_PREFIX}{}", r.code);
    let reason = super::source::note_text(book, &label);
    Some(Item {
        code: r.code.to_string(),
        name: r.name.trim().to_string(),
        path: path_text(&segments),
        segments,
        basic: col_fig(Col::Basic, "基本支出"),
        project: col_fig(Col::Project, "项目支出"),
        completion: completion(amount.value, budget, Some(label), reason),
        amount: from_amount(format!("表06 {} {} 合计", r.code, r.name.trim()), amount),
    })
}

/// `一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)`.
pub fn path_text(segments: &[PathSegment]) -> String {
    segments.iter().map(|s| format!("{}({})", s.name, s.digits)).collect()
}

/// 类 / 款 / 项 segments of a code, names looked up in the book's tables.
pub fn segments(ctx: &mut Ctx, book: &Book, code: &SubjectCode) -> Vec<PathSegment> {
    let mut chain = vec![code.clone()];
    while let Some(p) = chain.last().and_then(SubjectCode::parent) {
        chain.push(p);
    }
    chain.reverse();
    chain.iter().map(|c| PathSegment { name: subject_name(ctx, book, c), digits: c.own_digits().to_string() }).collect()
}

/// The name of a function subject from 06, 03, 02, 10, 12, 11 or the 01 class lines.
pub fn subject_name(ctx: &mut Ctx, book: &Book, code: &SubjectCode) -> String {
    let tables = [Some(&book.t06), Some(&book.t03), book.t02.as_ref(), book.t10.as_ref(), book.t12.as_ref(), book.t11.as_ref()];
    let found = tables.iter().flatten().find_map(|t| t.row(code)).map(|r| r.name.trim().to_string()).filter(|n| !n.is_empty());
    let found = found.or_else(|| book.t01.expenditure_classes.iter().find(|c| &c.code == code).map(|c| c.name.trim().to_string()));
    found.unwrap_or_else(|| {
        ctx.findings.push(Finding::new(Severity::Warning, "DERIVE-SUBJECT-NAME", format!("科目{code}在各表中均无名称，报告中只能写编码")));
        String::new()
    })
}

/// The total's budget execution: 表06 合计's budget column, else Σ 项 of the `预算数` sheet when
/// every 项 has a budget, else unknown.
fn total_completion(book: &Book, actual: Decimal, items: &[Item]) -> Completion {
    let reason_label = None;
    if let Some(a) = book.t06.total_of(Col::FullYearBudget) {
        return completion(actual, Some(from_amount("表06 合计 全年预算数", a)), reason_label, None);
    }
    let all_known = !items.is_empty() && items.iter().all(|i| SubjectCode::parse(&i.code).and_then(|c| budget_sheet(book, &c)).is_some());
    let budget: Option<Figure> = all_known.then(|| {
        let sum = book.budgets.iter().filter(|l| l.code.level() == Level::Xiang).map(|l| l.full_year.value).sum();
        derived(sum, "预算数 各项全年预算数之和")
    });
    completion(actual, budget, reason_label, None)
}
