//! Subject names: the same 功能分类 code must carry the same name in every table that lists
//! it (01, 02, 03, 04, 05/07/09 when their rows are subjects, 06, 10, 11, 12). Names are
//! compared after label normalisation (spaces, full-/half-width punctuation) and without a
//! leading `一、` enumeration. One 警告 per differing name, naming the first table's cell and
//! the differing one. The model keeps no cell for the name itself, so the location is the
//! row's first amount cell (same row).

use super::rid;
use crate::check::grid::Grid;
use crate::findings::{Finding, Severity};
use crate::model::{normalize_label, Book, CellRef, MatrixLayout};
use std::collections::BTreeMap;

/// One occurrence of a code with its name.
struct Named {
    code: String,
    name: String,
    tag: String,
    at: Option<CellRef>,
}

/// The name-mismatch rule.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut groups: BTreeMap<String, Vec<Named>> = BTreeMap::new();
    for n in occurrences(book) {
        groups.entry(n.code.clone()).or_default().push(n);
    }
    groups.values().flat_map(|g| mismatches(g)).collect()
}

fn occurrences(book: &Book) -> Vec<Named> {
    let class = |tag: &str, code: &str, name: &str, at: &CellRef| Named { code: code.into(), name: name.into(), tag: tag.into(), at: Some(at.clone()) };
    let mut v: Vec<Named> = book.t01.expenditure_classes.iter().map(|c| class("表01", c.code.as_str(), &c.name, &c.amount.at)).collect();
    v.extend(book.t04.expenditure_classes.iter().map(|c| class("表04", c.code.as_str(), &c.name, &c.amounts.total.at)));
    let mut grids: Vec<Grid<'_>> = super::totals::subject_tables(book).into_iter().map(Grid::subject).collect();
    let matrices = [&book.t05, &book.t07, &book.t09].into_iter().flatten().filter(|t| t.layout == MatrixLayout::FunctionRows);
    grids.extend(matrices.map(Grid::matrix));
    for g in &grids {
        let tag = g.tag();
        v.extend(g.rows.iter().map(|r| Named { code: r.code.into(), name: r.name.into(), tag: tag.clone(), at: r.values.first().map(|a| a.at.clone()) }));
    }
    v.sort_by(|a, b| a.tag.cmp(&b.tag));
    v
}

/// Normalised name: label folding, and a leading `一、` / `二十三、` enumeration removed.
fn norm(name: &str) -> String {
    let n = normalize_label(name);
    match n.split_once('、') {
        Some((head, rest)) if !head.is_empty() && head.chars().all(|c| "一二三四五六七八九十".contains(c)) => rest.to_string(),
        _ => n,
    }
}

fn mismatches(group: &[Named]) -> Vec<Finding> {
    let Some(first) = group.first() else { return Vec::new() };
    let mut seen = vec![norm(&first.name)];
    let mut out = Vec::new();
    for n in &group[1..] {
        let key = norm(&n.name);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let msg = format!(
            "科目{}在{}名为“{}”，在{}名为“{}”；同一编码应使用同一名称，请核对科目编码或名称",
            n.code, first.tag, first.name, n.tag, n.name
        );
        let f = Finding::new(Severity::Warning, rid("NAMES-MISMATCH"), msg)
            .at(format!("{} {} {}", first.tag, first.code, first.name), first.at.clone(), None)
            .at(format!("{} {} {}", n.tag, n.code, n.name), n.at.clone(), None);
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::findings::Severity;
    use crate::testkit::sample_book;

    #[test]
    fn consistent_names_give_no_finding() {
        let mut b = sample_book();
        b.t01.expenditure_classes[0].name = "一、一般公共服务支出".into();
        b.t06.rows[3].name = "党委办公厅(室)及相关机构事务".into();
        assert!(super::check(&b).is_empty(), "{:#?}", super::check(&b));
    }

    #[test]
    fn same_code_different_name() {
        let mut b = sample_book();
        let r = b.t06.rows.iter_mut().find(|r| r.code.as_str() == "2013101").unwrap();
        r.name = "一般行政管理事务".into();
        b.t07.as_mut().unwrap().rows.iter_mut().find(|r| r.code == "2013101").unwrap().name = "一般行政管理事务".into();
        b.t04.expenditure_classes[1].name = "公安".into();
        let f = super::check(&b);
        let m = only(&f, "NAMES-MISMATCH");
        assert_eq!(m.len(), 2, "{m:#?}");
        let x = m.iter().find(|f| f.message.contains("2013101")).unwrap();
        assert_eq!(x.severity, Severity::Warning);
        assert!(x.message.contains("在表02名为“行政运行”，在表06名为“一般行政管理事务”"), "{}", x.message);
        assert_loc(x, 0, "公开02表", "C11", "");
        assert_loc(x, 1, "公开06表", "C11", "");
        let y = m.iter().find(|f| f.message.contains("科目204")).unwrap();
        assert_loc(y, 0, "公开01表", "F7", "");
        assert_loc(y, 1, "公开04表", "F7", "");
    }
}
