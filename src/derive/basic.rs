//! Section 六: 基本支出 = 人员经费 (301 + 303) + 公用经费 (the rest), with the names of the
//! economic 款 that have money, in code order (表08). Economic subjects are classified by code.

use super::facts::{Basic, EconGroup, Figure};
use super::glossary::economic_name;
use super::shares::make_parts;
use super::source::{derived, from_amount};
use super::Ctx;
use crate::model::{Col, EconRow};
use std::collections::BTreeMap;

/// 六、一般公共预算财政拨款基本支出决算情况.
pub fn basic(ctx: &Ctx) -> Basic {
    let t = &ctx.book.t08;
    let all: Vec<&EconRow> = t.personnel.iter().chain(&t.public).collect();
    let personnel = group(from_amount("表08 人员经费合计", &t.personnel_total), all.iter().copied().filter(|r| r.code.is_personnel()));
    let public = group(from_amount("表08 公用经费合计", &t.public_total), all.iter().copied().filter(|r| !r.code.is_personnel()));
    let total = match ctx.book.t06.total_of(Col::Basic) {
        Some(a) => from_amount("表06 合计 基本支出", a),
        None => derived(personnel.amount.value + public.amount.value, "表08 人员经费合计 + 公用经费合计"),
    };
    let split = make_parts(
        vec![
            ("personnel".into(), "人员经费".into(), personnel.amount.clone()),
            ("public".into(), "公用经费".into(), public.amount.clone()),
        ],
        "基本支出（人员经费 + 公用经费）",
    );
    Basic { total, personnel, public, split }
}

/// The 款 with money (a 类 with money but no 款 rows stands for itself), in code order.
fn group<'a>(amount: Figure, rows: impl Iterator<Item = &'a EconRow>) -> EconGroup {
    let mut kuan: BTreeMap<String, String> = BTreeMap::new();
    let mut lei: BTreeMap<String, String> = BTreeMap::new();
    for r in rows.filter(|r| !r.amount.value.is_zero()) {
        let name = Some(r.name.trim()).filter(|n| !n.is_empty()).map(String::from).or_else(|| economic_name(r.code.as_str()).map(String::from)).unwrap_or_else(|| r.code.to_string());
        let target = if r.code.is_lei() { &mut lei } else { &mut kuan };
        target.insert(r.code.to_string(), name);
    }
    for (code, name) in lei {
        if !kuan.keys().any(|k| k.starts_with(&code)) {
            kuan.insert(code, name);
        }
    }
    let (codes, items) = kuan.into_iter().unzip();
    EconGroup { amount, items, codes }
}
