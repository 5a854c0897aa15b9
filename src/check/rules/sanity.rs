//! Figures that no 财决 table can hold, and text the reader had to clean: negative amounts
//! where the tables never hold them (三公 items, income/expenditure totals — this year's and
//! the prior year's) are 错误, an implausible prior-year change (more than 10× either way, or
//! a sign change) is a 警告, and every cell from which the reader removed characters XML
//! forbids is a 警告 naming the cell. Nothing here is silent: a wrong figure must never reach
//! a report without a word.

use super::rid;
use crate::findings::{Finding, Severity};
use crate::model::{Amount, Book, Department};
use rust_decimal::Decimal;

/// The amounts that are never negative, with their labels.
fn never_negative(b: &Book) -> Vec<(String, &Amount)> {
    let mut v: Vec<(String, &Amount)> = vec![
        ("表01 本年收入合计".into(), &b.t01.income_total),
        ("表01 收入总计".into(), &b.t01.income_grand_total),
        ("表01 本年支出合计".into(), &b.t01.expenditure_total),
        ("表01 支出总计".into(), &b.t01.expenditure_grand_total),
        ("表04 本年收入合计".into(), &b.t04.income_total),
        ("表04 本年支出合计".into(), &b.t04.expenditure_total.total),
        ("表08 人员经费合计".into(), &b.t08.personnel_total),
        ("表08 公用经费合计".into(), &b.t08.public_total),
    ];
    for (word, a) in [("预算数", &b.t13.budget), ("决算数", &b.t13.actual)] {
        for (name, x) in [
            ("合计", &a.total),
            ("因公出国（境）费", &a.overseas),
            ("公务用车购置及运行维护费", &a.vehicles),
            ("公务用车购置费", &a.vehicle_purchase),
            ("公务用车运行维护费", &a.vehicle_operation),
            ("公务接待费", &a.reception),
        ] {
            v.push((format!("表13 {word} {name}"), x));
        }
    }
    v
}

fn negatives(b: &Book, year: &str) -> Vec<Finding> {
    never_negative(b)
        .into_iter()
        .filter(|(_, a)| a.value.is_sign_negative() && !a.value.is_zero())
        .map(|(label, a)| {
            let msg = format!("{year}{label}为负数（{}）；该项不可能为负，请核对原表（是否误录了负号或把差额填进了该格）", a.value.normalize());
            Finding::new(Severity::Error, rid("NEGATIVE-AMOUNT"), msg).at(format!("{year}{label}"), Some(a.at.clone()), Some(a.value))
        })
        .collect()
}

/// True when `old` → `new` is implausible for one department's year-on-year figure.
fn implausible(old: Decimal, new: Decimal) -> bool {
    if old.is_zero() || new.is_zero() {
        return false;
    }
    if old.is_sign_negative() != new.is_sign_negative() {
        return true;
    }
    let (a, b) = (old.abs(), new.abs());
    let ten = Decimal::from(10);
    a.checked_mul(ten).is_none_or(|x| x < b) || b.checked_mul(ten).is_none_or(|x| x < a)
}

fn prior_changes(dept: &Department) -> Vec<Finding> {
    let Some(prior) = &dept.prior else { return vec![] };
    let b = &dept.book;
    let pairs = [
        ("表01 本年收入合计", &prior.t01.income_total, &b.t01.income_total),
        ("表01 本年支出合计", &prior.t01.expenditure_total, &b.t01.expenditure_total),
        ("表01 收入总计", &prior.t01.income_grand_total, &b.t01.income_grand_total),
        ("表13 决算数 合计", &prior.t13.actual.total, &b.t13.actual.total),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| implausible(old.value, new.value))
        .map(|(label, old, new)| {
            let msg = format!(
                "{label}上年为 {}，本年为 {}：变动超过10倍或正负号改变，不像同一部门相邻两年的数字；请核对上年决算表（--prior）是否选对、金额单位是否一致",
                old.value.normalize(),
                new.value.normalize()
            );
            Finding::new(Severity::Warning, rid("PRIOR-IMPLAUSIBLE"), msg)
                .at(format!("上年 {label}"), Some(old.at.clone()), Some(old.value))
                .at(format!("本年 {label}"), Some(new.at.clone()), Some(new.value))
        })
        .collect()
}

/// The prior-year totals 说明材料 states by hand when no prior table is given (`上年收入总计` …):
/// 收入总计 and 支出总计 are one figure in table 01 (a 警告 when they differ), and each is
/// checked against this year's like a prior table's (more than 10× or a sign change: a 警告).
fn prior_notes(dept: &Department) -> Vec<Finding> {
    if dept.prior.is_some() {
        return vec![];
    }
    let b = &dept.book;
    let note = |l: &str| b.note(l).and_then(|n| crate::money::parse_amount_text(&n.text).map(|v| (v, n.at.clone())));
    let mut out = Vec::new();
    if let (Some((i, ia)), Some((e, ea))) = (note("上年收入总计"), note("上年支出总计"))
        && i != e
    {
        let msg = format!("说明材料 上年收入总计 {} 与 上年支出总计 {} 不等；表01 的收入总计与支出总计总是相等，请核对上年数", i.normalize(), e.normalize());
        let f = Finding::new(Severity::Warning, rid("NOTES-PRIOR-TOTALS"), msg).at("说明材料 上年收入总计", Some(ia), Some(i));
        out.push(f.at("说明材料 上年支出总计", Some(ea), Some(e)).diff(i.saturating_sub(e)));
    }
    let pairs = [
        ("上年收入总计", "表01 收入总计", &b.t01.income_grand_total),
        ("上年支出总计", "表01 支出总计", &b.t01.expenditure_grand_total),
        ("上年本年收入合计", "表01 本年收入合计", &b.t01.income_total),
        ("上年本年支出合计", "表01 本年支出合计", &b.t01.expenditure_total),
    ];
    for (label, what, new) in pairs {
        let Some((old, at)) = note(label).filter(|(old, _)| implausible(*old, new.value)) else { continue };
        let msg = format!("说明材料 {label} 为 {}，本年{what}为 {}：变动超过10倍或正负号改变，不像同一部门相邻两年的数字；请核对上年数（单位为万元）", old.normalize(), new.value.normalize());
        out.push(Finding::new(Severity::Warning, rid("PRIOR-IMPLAUSIBLE"), msg).at(format!("说明材料 {label}"), Some(at), Some(old)).at(format!("本年 {what}"), Some(new.at.clone()), Some(new.value)));
    }
    out
}

fn sanitized(b: &Book, year: &str) -> Vec<Finding> {
    b.sanitized
        .iter()
        .map(|at| {
            let msg = format!("{year}{at}：文字中含有 XML 不允许的控制字符，已删除（否则报告无法打开）；请检查该单元格的内容是否完整");
            Finding::new(Severity::Warning, rid("TEXT-CONTROL-CHARS"), msg).at(format!("{year}{at}"), Some(at.clone()), None)
        })
        .collect()
}

/// All rules of this family.
pub(crate) fn check(dept: &Department) -> Vec<Finding> {
    let mut out = negatives(&dept.book, "");
    out.extend(sanitized(&dept.book, ""));
    if let Some(p) = &dept.prior {
        out.extend(negatives(p, "上年 "));
        out.extend(sanitized(p, "上年 "));
    }
    out.extend(prior_changes(dept));
    out.extend(prior_notes(dept));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Severity;
    use crate::testkit::sample_book;

    fn dept(book: Book, prior: Option<Book>) -> Department {
        Department { book, prior }
    }

    /// Found by a tester: 上年收入总计 3414.96 with 上年支出总计 0.01 printed “增长34149500.00%”
    /// without a word.
    #[test]
    fn prior_figures_in_the_notes_are_checked_like_a_prior_table() {
        let note = |label: &str, text: &str| crate::model::NoteEntry { label: crate::model::note_key(label), text: text.into(), at: crate::model::CellRef::new(&"f.xlsx".into(), &"说明材料".into(), 1, 1) };
        let mut b = sample_book();
        b.notes.push(note("上年收入总计", "3414.96"));
        b.notes.push(note("上年支出总计", "0.01"));
        let f = check(&dept(b.clone(), None));
        let t: Vec<&Finding> = f.iter().filter(|f| f.rule == "NOTES-PRIOR-TOTALS").collect();
        assert_eq!(t.len(), 1, "{f:#?}");
        assert_eq!(t[0].difference, Some(Decimal::new(341495, 2)));
        let imp: Vec<&Finding> = f.iter().filter(|f| f.rule == "PRIOR-IMPLAUSIBLE").collect();
        assert_eq!(imp.len(), 1, "0.01 against this year's 889.16 is >10× (3414.96 is not): {imp:#?}");
        assert!(imp.iter().any(|f| f.message.contains("上年支出总计 为 0.01")), "{imp:#?}");
        // Plausible, equal figures: nothing.
        let mut b = sample_book();
        let grand = b.t01.income_grand_total.value.to_string();
        b.notes.push(note("上年收入总计", &grand));
        b.notes.push(note("上年支出总计", &grand));
        assert!(check(&dept(b, None)).is_empty());
    }

    #[test]
    fn negative_three_public_and_totals_are_errors() {
        let mut b = sample_book();
        b.t13.actual.reception.value = Decimal::new(-12, 1);
        let mut p = sample_book();
        p.t01.income_total.value = Decimal::new(-86147, 2);
        let f = check(&dept(b, Some(p)));
        let neg: Vec<&Finding> = f.iter().filter(|f| f.rule == "NEGATIVE-AMOUNT").collect();
        assert_eq!(neg.len(), 2, "{f:#?}");
        assert!(neg.iter().all(|f| f.severity == Severity::Error));
        assert!(neg[0].message.contains("表13 决算数 公务接待费为负数（-1.2）"), "{}", neg[0].message);
        assert!(neg[1].message.starts_with("上年 表01 本年收入合计为负数（-861.47）"), "{}", neg[1].message);
        // The prior-year sign change is also implausible.
        assert!(f.iter().any(|f| f.rule == "PRIOR-IMPLAUSIBLE" && f.message.contains("-861.47")));
    }

    #[test]
    fn tenfold_prior_change_is_a_warning_and_normal_change_is_not() {
        let b = sample_book();
        let mut p = sample_book();
        assert!(check(&dept(b.clone(), Some(p.clone()))).is_empty());
        p.t01.expenditure_total.value = b.t01.expenditure_total.value * Decimal::from(11);
        let f = check(&dept(b.clone(), Some(p)));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].rule.as_str(), f[0].severity), ("PRIOR-IMPLAUSIBLE", Severity::Warning));
        assert!(implausible(Decimal::from(100), Decimal::from(1001)) && !implausible(Decimal::from(100), Decimal::from(1000)));
        assert!(!implausible(Decimal::ZERO, Decimal::from(5)));
        assert!(implausible(Decimal::from(1), Decimal::from_str_exact("1e20").unwrap_or(Decimal::MAX)));
    }

    #[test]
    fn sanitized_cells_are_named() {
        let mut b = sample_book();
        let at = b.t01.income_total.at.clone();
        b.sanitized.push(at.clone());
        let f = check(&dept(b, None));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "TEXT-CONTROL-CHARS");
        assert!(f[0].message.contains(&at.to_string()), "{}", f[0].message);
    }
}
