//! What was read, in Chinese, for people: `juesuan dump` (a summary of every table: where it
//! was found, its unit, key totals, row counts) and `juesuan dump --explain` (the reading of
//! every table). Presentation only — kept outside `src/read`, which it does not change.

use crate::model::*;
use crate::money::format_wan;
use crate::read::{unit_name, Reading};
use std::fmt::Write as _;

/// The readings in Chinese, table by table (what `juesuan dump --explain` prints).
pub fn explain(readings: &[Reading]) -> String {
    let mut out = String::new();
    for r in readings {
        let Some(id) = r.table else { continue };
        let _ = writeln!(out, "{id}");
        match &r.title_at {
            Some(at) => {
                let _ = writeln!(out, "  工作表：{} › {}；标题：{}；单位：{}", at.file, at.sheet, at.a1(), r.unit);
            }
            None => {
                let _ = writeln!(out, "  未提供");
            }
        }
        if let Some((a, b)) = r.header {
            let _ = writeln!(out, "  表头：第{a}–{b}行{}", r.lanci.map_or("；无栏次行".to_string(), |(l, lab)| format!("；栏次：第{l}行（{}）", if lab { "标注“栏次”" } else { "无标注的 1…n" })));
        }
        let totals: Vec<String> = r.totals.iter().map(|t| format!("第{t}行")).collect();
        let _ = writeln!(
            out,
            "  数据行：{} 行；合计行：{}；表注：{}",
            r.data_rows,
            if totals.is_empty() { "无".into() } else { totals.join("、") },
            r.footnote.map_or("无".into(), |f| format!("第{f}行起"))
        );
        for (concept, header, at) in &r.columns {
            let _ = writeln!(out, "  {} 列 ← “{}”（{}）", concept, header, at.a1());
        }
        for (at, why) in &r.skipped {
            let _ = writeln!(out, "  跳过 {}：{}", at.a1(), why);
        }
        for f in &r.findings {
            let _ = writeln!(out, "  [{}] {}", f.severity, f.message);
        }
    }
    out
}

fn src_line(out: &mut String, id: TableId, s: &TableSource) {
    let _ = writeln!(out, "{id}  ← {} › {}!{}  单位：{}", s.file, s.sheet, s.title_at.a1(), unit_name(s.unit));
}

fn w(a: &Amount) -> String {
    format_wan(a.value, true)
}

fn subject_summary(out: &mut String, t: &SubjectTable) {
    src_line(out, t.id, &t.source);
    let cols: Vec<String> = t.columns.iter().zip(&t.total).map(|(c, a)| format!("{} {}", c.label(), w(a))).collect();
    let _ = writeln!(out, "    合计：{}", cols.join("；"));
    let count = |l: Level| t.rows_at(l).count();
    let _ = writeln!(out, "    科目行 {} 行（类 {}，款 {}，项 {}）", t.rows.len(), count(Level::Lei), count(Level::Kuan), count(Level::Xiang));
}

fn matrix_summary(out: &mut String, t: &MatrixTable) {
    src_line(out, t.id, &t.source);
    let layout = match t.layout {
        MatrixLayout::FunctionRows => "功能分类行",
        MatrixLayout::EconomicRows => "经济分类行",
    };
    let cols: Vec<String> = t.columns.iter().zip(&t.total).map(|(c, a)| format!("{c} {}", w(a))).collect();
    let _ = writeln!(out, "    布局：{layout}；{} 列；数据行 {} 行", t.columns.len(), t.rows.len());
    let _ = writeln!(out, "    合计：{}", cols.join("；"));
}

fn absent(out: &mut String, id: TableId, zero: bool) {
    let what = if zero { "未提供（视为零）" } else { "未提供（可选）" };
    let _ = writeln!(out, "{id}  {what}");
}

/// A readable Chinese summary of what was read (for `juesuan dump`): where each table was
/// found, its unit, key totals and row counts; name and year; counts of 说明材料 entries,
/// 预算数 lines and 项目绩效 rows. Amounts in 万元, two decimals (四舍五入).
pub fn dump(book: &Book) -> String {
    let mut out = String::new();
    let m = &book.meta;
    let _ = writeln!(out, "输入：{}", book.input);
    let _ = writeln!(out, "部门：{}（简称：{}）  年度：{}", m.department, m.short_name, m.year);
    let _ = writeln!(out, "金额单位：万元");
    let _ = writeln!(out);

    let t = &book.t01;
    src_line(&mut out, TableId::T01, &t.source);
    for l in &t.income {
        let _ = writeln!(out, "    {} {}", l.source.label(), w(&l.amount));
    }
    let _ = writeln!(out, "    本年收入合计 {}；收入总计 {}", w(&t.income_total), w(&t.income_grand_total));
    let _ = writeln!(out, "    支出功能分类 {} 类；本年支出合计 {}；支出总计 {}", t.expenditure_classes.len(), w(&t.expenditure_total), w(&t.expenditure_grand_total));
    match &book.t02 {
        Some(t) => subject_summary(&mut out, t),
        None => absent(&mut out, TableId::T02, false),
    }
    subject_summary(&mut out, &book.t03);
    let t = &book.t04;
    src_line(&mut out, TableId::T04, &t.source);
    for l in &t.income {
        let _ = writeln!(out, "    {} {}", l.fund.label(), w(&l.amount));
    }
    let _ = writeln!(out, "    本年收入合计 {}；收入总计 {}", w(&t.income_total), w(&t.income_grand_total));
    let _ = writeln!(
        out,
        "    支出功能分类 {} 类；本年支出合计 {}（一般公共预算 {}）；支出总计 {}",
        t.expenditure_classes.len(),
        w(&t.expenditure_total.total),
        format_wan(t.expenditure_total.fund(Fund::General), true),
        w(&t.expenditure_grand_total.total)
    );
    match &book.t05 {
        Some(t) => matrix_summary(&mut out, t),
        None => absent(&mut out, TableId::T05, false),
    }
    subject_summary(&mut out, &book.t06);
    match &book.t07 {
        Some(t) => matrix_summary(&mut out, t),
        None => absent(&mut out, TableId::T07, false),
    }
    let t = &book.t08;
    src_line(&mut out, TableId::T08, &t.source);
    let _ = writeln!(out, "    人员经费合计 {}（{} 行）；公用经费合计 {}（{} 行）", w(&t.personnel_total), t.personnel.len(), w(&t.public_total), t.public.len());
    match &book.t09 {
        Some(t) => matrix_summary(&mut out, t),
        None => absent(&mut out, TableId::T09, false),
    }
    for (id, t) in [(TableId::T10, &book.t10), (TableId::T11, &book.t11), (TableId::T12, &book.t12)] {
        match t {
            Some(t) => subject_summary(&mut out, t),
            None => absent(&mut out, id, true),
        }
    }
    let t = &book.t13;
    src_line(&mut out, TableId::T13, &t.source);
    for (k, a) in [("预算数", &t.budget), ("决算数", &t.actual)] {
        let _ = writeln!(
            out,
            "    {k}：合计 {}；因公出国（境）费 {}；公务用车购置及运行维护费 {}（购置 {}，运行维护 {}）；公务接待费 {}",
            w(&a.total), w(&a.overseas), w(&a.vehicles), w(&a.vehicle_purchase), w(&a.vehicle_operation), w(&a.reception)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "说明材料：{} 项；预算数：{} 行；项目绩效：{} 个项目；绩效自评表：{} 张", book.notes.len(), book.budgets.len(), book.projects.len(), book.forms.len());
    out
}
