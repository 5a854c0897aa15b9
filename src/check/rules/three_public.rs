//! Table 13 (“三公”经费): 合计 = 因公出国 + 公务用车小计 + 公务接待 and 小计 = 购置 + 运行维护,
//! for 预算数 and 决算数; and table 08's matching economic items, which are basic spending of
//! 一般公共预算 only, must not exceed table 13's 决算数 (财政拨款, basic + project): 警告.

use super::rid;
use crate::check::compare::{rounded, show, Rule, Term};
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, EconRow, TableId, ThreePublicAmounts};

/// All 三公 rules.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let r = rounded(book, &[TableId::T13]);
    let mut out = Vec::new();
    for (word, a) in [("预算数", &book.t13.budget), ("决算数", &book.t13.actual)] {
        out.extend(sums(word, a, r));
    }
    out.extend(vs_t08(book));
    out.extend(vs_t04(book));
    out
}

/// 三公 spending is part of fiscal spending: a 决算数 合计 above table 04's 本年支出合计 cannot
/// be (typically table 13 filled in 元 under a 万元 header).
fn vs_t04(book: &Book) -> Option<Finding> {
    let (a13, a04) = (&book.t13.actual.total, &book.t04.expenditure_total.total);
    (a13.value > a04.value).then(|| {
        let msg = format!(
            "表13 决算数合计 {} 大于表04 财政拨款本年支出合计 {}；三公经费是财政拨款支出的一部分，不可能超过它，请核对表13的金额单位（是否以元填列而标为万元）",
            show(a13.value), show(a04.value)
        );
        Finding::new(Severity::Error, rid("X-T13-T04"), msg)
            .at("表13 决算数 合计", Some(a13.at.clone()), Some(a13.value))
            .at("表04 本年支出合计", Some(a04.at.clone()), Some(a04.value))
            .diff(a13.value.saturating_sub(a04.value))
    })
}

fn sums(word: &str, a: &ThreePublicAmounts, r: bool) -> Vec<Finding> {
    let t = |name: &str, x: &Amount| Term::of(format!("表13 {word} {name}"), x);
    let what = format!("表13 {word}合计应等于因公出国（境）费＋公务用车购置及运行维护费＋公务接待费");
    let parts = vec![t("因公出国（境）费", &a.overseas), t("公务用车购置及运行维护费", &a.vehicles), t("公务接待费", &a.reception)];
    let total = Rule::error(rid("T13-TOTAL"), &what, r).sum(t("合计", &a.total), "三项之和", parts);
    let what = format!("表13 {word}公务用车购置及运行维护费应等于购置费＋运行维护费");
    let parts = vec![t("公务用车购置费", &a.vehicle_purchase), t("公务用车运行维护费", &a.vehicle_operation)];
    let cars = Rule::error(rid("T13-VEHICLES"), &what, r).sum(t("公务用车购置及运行维护费", &a.vehicles), "两项之和", parts);
    total.into_iter().chain(cars).collect()
}

/// Picks one amount of table 13.
type Pick = fn(&ThreePublicAmounts) -> &Amount;

/// (08 code, 13 决算 item name, accessor).
const PAIRS: [(&str, &str, Pick); 4] = [
    ("30212", "因公出国（境）费", |a| &a.overseas),
    ("30217", "公务接待费", |a| &a.reception),
    ("30231", "公务用车运行维护费", |a| &a.vehicle_operation),
    ("31013", "公务用车购置费", |a| &a.vehicle_purchase),
];

fn vs_t08(book: &Book) -> Vec<Finding> {
    let rows: Vec<&EconRow> = book.t08.personnel.iter().chain(book.t08.public.iter()).collect();
    PAIRS
        .iter()
        .filter_map(|(code, name, get)| {
            let row = rows.iter().find(|r| r.code.as_str() == *code)?;
            let a13 = get(&book.t13.actual);
            (row.amount.value > a13.value).then(|| {
                let msg = format!(
                    "表08 {code}{} {} 大于表13 {name}决算数 {}；表08是一般公共预算基本支出，表13是全部财政拨款（含项目支出），前者不应超过后者，请核对两表",
                    row.name, show(row.amount.value), show(a13.value)
                );
                Finding::new(Severity::Warning, rid("X-T08-T13"), msg)
                    .at(format!("表08 {code} {}", row.name), Some(row.amount.at.clone()), Some(row.amount.value))
                    .at(format!("表13 决算数 {name}"), Some(a13.at.clone()), Some(a13.value))
                    .diff(row.amount.value.saturating_sub(a13.value))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::findings::Severity;
    use crate::testkit::{d, sample_book};

    #[test]
    fn consistent_book_has_no_three_public_findings() {
        assert!(super::check(&sample_book()).is_empty());
    }

    #[test]
    fn total_and_vehicle_subtotal() {
        let mut b = sample_book();
        b.t13.actual.total.value = d("13.52");
        b.t13.budget.vehicles.value = d("12.53");
        let f = super::check(&b);
        let t = only(&f, "T13-TOTAL");
        assert_eq!(t.len(), 2, "{t:#?}");
        let act = t.iter().find(|x| x.message.contains("决算数合计")).unwrap();
        assert_eq!(act.severity, Severity::Error);
        assert_loc(act, 0, "公开13表", "B7", "13.52");
        assert_loc(act, 1, "", "", "12.52");
        assert_eq!(act.difference, Some(d("1")));
        let bud = t.iter().find(|x| x.message.contains("预算数合计")).unwrap();
        assert_eq!(bud.severity, Severity::Info, "0.01 off in a 3-term sum");
        let v = only(&f, "T13-VEHICLES");
        assert_eq!(v.len(), 1);
        assert_loc(v[0], 0, "公开13表", "E7", "12.53");
        assert_eq!(v[0].difference, Some(d("0.01")));
    }

    #[test]
    fn t13_above_fiscal_spending_is_an_error() {
        let mut b = sample_book();
        let fiscal = b.t04.expenditure_total.total.value;
        b.t13.actual.total.value = fiscal + d("0.01");
        let f = super::check(&b);
        let x = only(&f, "X-T13-T04");
        assert_eq!(x.len(), 1, "{f:#?}");
        assert_eq!(x[0].severity, Severity::Error);
        assert_eq!(x[0].difference, Some(d("0.01")));
        b.t13.actual.total.value = fiscal;
        assert!(only(&super::check(&b), "X-T13-T04").is_empty(), "equal is possible");
    }

    #[test]
    fn t08_item_above_t13() {
        let mut b = sample_book();
        b.t13.actual.vehicle_operation.value = d("10");
        let f = super::check(&b);
        let x = only(&f, "X-T08-T13");
        assert_eq!(x.len(), 1);
        assert_eq!(x[0].severity, Severity::Warning);
        assert_loc(x[0], 0, "公开08表", "F26", "12.52");
        assert_loc(x[0], 1, "公开13表", "J7", "10");
        assert_eq!(x[0].difference, Some(d("2.52")));
    }
}
