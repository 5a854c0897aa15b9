//! Our own sheets: 说明材料 (项目 · 内容), 预算数 (科目编码 · 全年预算数 · 年初预算数) and
//! 项目绩效 (项目名称 · 预算数 · 执行数 · 绩效目标完成情况综述).

use crate::read::ReadError;
use crate::workbook::Grid;
use crate::findings::{Finding, Severity};
use crate::model::{normalize_label, BudgetLine, CellRef, NoteEntry, ProjectPerformance, SubjectCode, Unit};

/// Finds the header row whose cells name the given labels (normalised; the first label must
/// match a cell exactly, the others exactly or as part of a cell), returning the row and each
/// label's column.
fn header_row(g: &Grid, wanted: &[&str]) -> Option<(u32, Vec<Option<u32>>)> {
    for r in 0..g.height().min(15) {
        let texts: Vec<String> = (0..g.width).map(|c| normalize_label(&g.text(r, c))).collect();
        let cols: Vec<Option<u32>> = wanted
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let exact = texts.iter().position(|t| t == w);
                let loose = || if i == 0 { None } else { texts.iter().position(|t| t.contains(w)) };
                exact.or_else(loose).map(|c| c as u32)
            })
            .collect();
        if cols.first().is_some_and(Option::is_some) {
            return Some((r, cols));
        }
    }
    None
}

/// 说明材料: one entry per non-empty label.
pub(crate) fn read_notes(g: &Grid) -> Vec<NoteEntry> {
    let (start, lc, vc) = match header_row(g, &["项目", "内容"]) {
        Some((r, cols)) => {
            let lc = cols.first().copied().flatten().unwrap_or(0);
            let vc = cols.get(1).copied().flatten().unwrap_or(lc + 1);
            (r + 1, lc, vc)
        }
        None => (0, 0, 1),
    };
    let mut out = Vec::new();
    for r in start..g.height() {
        let label = crate::model::note_key(&g.text(r, lc));
        if label.is_empty() {
            continue;
        }
        out.push(NoteEntry { label, text: g.value_text(r, vc), at: g.at(r, vc) });
    }
    out
}

/// Merges 说明材料 layers label by label: a later layer's non-empty value replaces an earlier
/// one; an empty value never erases one; new labels are appended in order.
pub(crate) fn merge_notes(layers: impl IntoIterator<Item = Vec<NoteEntry>>) -> Vec<NoteEntry> {
    let mut out: Vec<NoteEntry> = Vec::new();
    for layer in layers {
        for e in layer {
            match out.iter_mut().find(|o| o.label == e.label) {
                Some(o) if !e.text.trim().is_empty() => *o = e,
                Some(_) => {}
                None => out.push(e),
            }
        }
    }
    out
}

/// Merges `预算数` layers by 科目编码: a later row replaces an earlier one of the same code
/// (its 年初预算数 only when given); new codes are appended in order.
pub(crate) fn merge_budgets(layers: impl IntoIterator<Item = Vec<BudgetLine>>) -> Vec<BudgetLine> {
    let mut out: Vec<BudgetLine> = Vec::new();
    for line in layers.into_iter().flatten() {
        match out.iter_mut().find(|o| o.code == line.code) {
            Some(o) => {
                o.full_year = line.full_year;
                if line.initial.is_some() {
                    o.initial = line.initial;
                }
            }
            None => out.push(line),
        }
    }
    out
}

/// Merges `项目绩效` layers by 项目名称, cell by cell: a later non-empty 预算数 / 执行数 /
/// 综述 replaces an earlier one; new projects are appended in order.
pub(crate) fn merge_projects(layers: impl IntoIterator<Item = Vec<ProjectPerformance>>) -> Vec<ProjectPerformance> {
    let mut out: Vec<ProjectPerformance> = Vec::new();
    for p in layers.into_iter().flatten() {
        match out.iter_mut().find(|o| normalize_label(&o.name) == normalize_label(&p.name)) {
            Some(o) => {
                if p.budget.is_some() {
                    o.budget = p.budget;
                }
                if p.actual.is_some() {
                    o.actual = p.actual;
                }
                if !p.summary.trim().is_empty() {
                    o.summary = p.summary;
                }
            }
            None => out.push(p),
        }
    }
    out
}

/// Keys given twice in one sheet (a 说明材料 label with two values, a 预算数 code or a 项目绩效
/// project on two rows): a 警告 NOTES-REPEATED at the later cell, the one that is read.
pub(crate) fn repeated(what: &str, keys: &[(String, CellRef)]) -> Vec<Finding> {
    let first = |i: usize, k: &String| keys.get(..i).and_then(|before| before.iter().find(|(j, _)| j == k));
    let msg = |k: &String, a: &CellRef, b: &CellRef| format!("{what}“{k}”出现两次（{} 与 {}），按后一处读取；请删去多余的一处", a.a1(), b.a1());
    let found = keys.iter().enumerate().filter_map(|(i, (k, at))| first(i, k).map(|(_, a)| Finding::new(Severity::Warning, "NOTES-REPEATED", msg(k, a, at)).at("读取", Some(at.clone()), None)));
    found.collect()
}

fn code_text(g: &Grid, r: u32, c: u32) -> String {
    g.text(r, c).chars().filter(|ch| !ch.is_whitespace()).collect()
}

/// `预算数` sheet.
pub(crate) fn read_budgets(g: &Grid) -> Result<Vec<BudgetLine>, ReadError> {
    let Some((hr, cols)) = header_row(g, &["科目编码", "全年预算数", "年初预算数"]) else {
        return Err(ReadError::BadNote { at: g.at(0, 0), what: "“预算数”工作表缺少表头“科目编码 | 全年预算数”，请按模板填写".into() });
    };
    let cc = cols.first().copied().flatten().unwrap_or(0);
    let Some(fc) = cols.get(1).copied().flatten() else {
        return Err(ReadError::BadNote { at: g.at(hr, cc), what: "“预算数”工作表缺少“全年预算数”列，请在表头补上".into() });
    };
    let ic = cols.get(2).copied().flatten();
    let mut out = Vec::new();
    for r in hr + 1..g.height() {
        let t = code_text(g, r, cc);
        if t.is_empty() {
            continue;
        }
        let code = SubjectCode::parse(&t).ok_or(ReadError::BadSubjectCode { at: g.at(r, cc), found: t.clone() })?;
        let full_year = g.amount(r, fc, Unit::Wan)?;
        let initial = match ic {
            Some(c) if !g.text(r, c).is_empty() => Some(g.amount(r, c, Unit::Wan)?),
            _ => None,
        };
        out.push(BudgetLine { code, full_year, initial });
    }
    Ok(out)
}

/// `项目绩效` sheet.
pub(crate) fn read_projects(g: &Grid) -> Result<Vec<ProjectPerformance>, ReadError> {
    let Some((hr, cols)) = header_row(g, &["项目名称", "预算数", "执行数", "绩效目标完成情况"]) else {
        return Err(ReadError::BadNote { at: g.at(0, 0), what: "“项目绩效”工作表缺少表头“项目名称 | 预算数 | 执行数 | 绩效目标完成情况综述”，请按模板填写".into() });
    };
    let nc = cols.first().copied().flatten().unwrap_or(0);
    let get = |i: usize| cols.get(i).copied().flatten();
    let mut out = Vec::new();
    for r in hr + 1..g.height() {
        let name = g.text(r, nc);
        if name.is_empty() {
            continue;
        }
        let amt = |c: Option<u32>| -> Result<Option<crate::model::Amount>, ReadError> {
            match c {
                Some(c) if !g.text(r, c).is_empty() => Ok(Some(g.amount(r, c, Unit::Wan)?)),
                _ => Ok(None),
            }
        };
        out.push(ProjectPerformance {
            name,
            budget: amt(get(1))?,
            actual: amt(get(2))?,
            summary: get(3).map(|c| g.value_text(r, c)).unwrap_or_default(),
            at: g.at(r, nc),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CellRef;

    fn e(label: &str, text: &str, sheet: &str) -> NoteEntry {
        let (f, s): (std::sync::Arc<str>, std::sync::Arc<str>) = ("f.xlsx".into(), sheet.into());
        NoteEntry { label: label.into(), text: text.into(), at: CellRef::new(&f, &s, 0, 1) }
    }

    #[test]
    fn budget_and_project_layers_merge_by_code_and_name_cell_by_cell() {
        use crate::model::Amount;
        let (f, s): (std::sync::Arc<str>, std::sync::Arc<str>) = ("f.xlsx".into(), "项目绩效".into());
        let at = CellRef::new(&f, &s, 1, 0);
        let amt = |v: i64| Amount { value: rust_decimal::Decimal::new(v, 2), at: at.clone() };
        let code = |c: &str| SubjectCode::parse(c).unwrap();
        let line = |c: &str, full: i64, initial: Option<i64>| BudgetLine { code: code(c), full_year: amt(full), initial: initial.map(amt) };
        let merged = merge_budgets([vec![line("2013101", 100, Some(90)), line("2013102", 200, None)], vec![line("2013101", 150, None), line("2080501", 300, None)]]);
        let got: Vec<(String, rust_decimal::Decimal, Option<rust_decimal::Decimal>)> = merged.iter().map(|l| (l.code.to_string(), l.full_year.value, l.initial.as_ref().map(|a| a.value))).collect();
        let d = |v: i64| rust_decimal::Decimal::new(v, 2);
        assert_eq!(got, [("2013101".into(), d(150), Some(d(90))), ("2013102".into(), d(200), None), ("2080501".into(), d(300), None)]);

        let p = |name: &str, budget: Option<i64>, actual: Option<i64>, summary: &str| ProjectPerformance { name: name.into(), budget: budget.map(amt), actual: actual.map(amt), summary: summary.into(), at: at.clone() };
        let merged = merge_projects([vec![p("档案数字化", Some(500), None, "")], vec![p("档案数字化", None, Some(480), "按期完成"), p("新项目", Some(1), Some(1), "x")]]);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].budget.as_ref().map(|a| a.value), merged[0].actual.as_ref().map(|a| a.value), merged[0].summary.as_str()), (Some(d(500)), Some(d(480)), "按期完成"));
        assert_eq!(merged[1].name, "新项目");
    }

    #[test]
    fn later_layers_override_label_by_label_without_erasing() {
        let inside = vec![e("主要职能", "甲", "内"), e("机构设置", "乙", "内"), e("年度", "2023", "内")];
        let answers = vec![e("机构设置", "丙", "答"), e("年度", "", "答"), e("上年机关运行经费", "60", "答")];
        let m = merge_notes([inside, answers]);
        let got: Vec<(&str, &str, &str)> = m.iter().map(|n| (n.label.as_str(), n.text.as_str(), &*n.at.sheet)).collect();
        assert_eq!(got, [("主要职能", "甲", "内"), ("机构设置", "丙", "答"), ("年度", "2023", "内"), ("上年机关运行经费", "60", "答")]);
    }
}
