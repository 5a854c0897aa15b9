//! 说明材料 (our own sheet): unknown labels (警告), amount/count labels whose text is not a
//! number (错误 at that cell), and figures that contradict each other or the tables:
//! 机关运行经费 above 08 公用经费 (警告: 机关运行经费 as defined for 财决附01 may include
//! running costs paid from project funds, so it can exceed 08's basic 公用经费 without the
//! tables being wrong — but it usually signals a mistake), 政府采购 parts, 中小企业/小微,
//! vehicles by type, 公务用车保有量 by type, and 接待费 against table 13.

use super::rid;
use crate::check::compare::{show, Rule, Term};
use crate::findings::{Finding, Severity};
use crate::model::{Book, NoteEntry};
use crate::money::{parse_amount_text, TEN_THOUSAND};
use crate::notes_catalog::{find_label, NoteKind};
use rust_decimal::Decimal;

/// All 说明材料 rules.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let mut out: Vec<Finding> = book.notes.iter().filter_map(unknown).collect();
    out.extend(book.notes.iter().filter_map(not_number));
    out.extend(running_cost(book));
    out.extend(unit_kind(book));
    out.extend(procurement(book));
    out.extend(sme(book));
    out.extend(parts_vs_total(book, "NOTES-VEHICLES", "车辆总数", &VEHICLE_TYPES, "各类用车之和"));
    out.extend(parts_vs_total(book, "NOTES-FLEET", "公务用车保有量", &FLEET_TYPES, "公务用车保有量分车型之和"));
    out.extend(reception(book));
    out.extend(book.notes.iter().filter_map(|n| unmatched(book, n)));
    out.extend(budget_lines(book));
    out
}

/// The `预算数` sheet: a line whose code is no row of table 06 is never used (a 警告); a
/// negative budget cannot be (an error: it would print `完成预算-100.00%`).
fn budget_lines(book: &Book) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in &book.budgets {
        if !book.t06.rows.iter().any(|r| r.code == l.code) {
            let msg = format!("预算数表科目“{}”不在表06中，该行不会被使用；请核对科目编码", l.code);
            out.push(Finding::new(Severity::Warning, rid("BUDGET-UNMATCHED"), msg).at(format!("预算数 {}", l.code), Some(l.full_year.at.clone()), None));
        }
        for (what, a) in [("全年预算数", Some(&l.full_year)), ("年初预算数", l.initial.as_ref())] {
            if let Some(a) = a.filter(|a| a.value.is_sign_negative() && !a.value.is_zero()) {
                let msg = format!("预算数表科目“{}”的{what}为负数（{}）；预算数不可能为负，请核对", l.code, a.value.normalize());
                out.push(Finding::new(Severity::Error, rid("BUDGET-NEGATIVE"), msg).at(format!("预算数 {} {what}", l.code), Some(a.at.clone()), Some(a.value)));
            }
        }
    }
    out
}

/// A per-subject or per-project label whose subject or project the input does not have: the
/// text would silently go unused (`预决算差异原因：2019999`, `项目评价：没有的项目：评价结论`).
fn unmatched(book: &Book, n: &NoteEntry) -> Option<Finding> {
    let key = crate::model::note_key;
    let what = if let Some(code) = n.label.strip_prefix(&key(crate::notes_catalog::SUBJECT_REASON_PREFIX)) {
        (!book.t06.leaf_rows().any(|r| r.code.as_str() == code)).then(|| format!("科目编码“{code}”不是表06中的项级科目"))?
    } else {
        let (name, _) = crate::notes_catalog::project_eval_label(&n.label)?;
        let names = |f: &crate::model::PerfForm| [Some(f.short_name().to_string()), Some(f.name.clone()), f.code.as_ref().map(|c| format!("{c}-{}", f.name))];
        (!book.forms.iter().any(|f| names(f).into_iter().flatten().any(|x| key(&x) == key(&name)))).then(|| format!("项目“{name}”没有对应的绩效自评表"))?
    };
    let msg = format!("说明材料“{}”中的{what}，该段文字不会被使用；请核对编码或项目名称", n.label);
    Some(Finding::new(Severity::Warning, rid("NOTES-UNMATCHED"), msg).at(format!("说明材料 {}", n.label), Some(n.at.clone()), None))
}

/// The catalogue kind of a label; `（元）` variants of amount labels are amounts too.
fn kind_of(label: &str) -> Option<NoteKind> {
    if let Some(l) = find_label(label) {
        return Some(l.kind);
    }
    let base = label.strip_suffix("(元)")?;
    find_label(base).filter(|l| l.kind == NoteKind::Amount).map(|l| l.kind)
}

fn unknown(n: &NoteEntry) -> Option<Finding> {
    kind_of(&n.label).is_none().then(|| {
        let msg = format!("说明材料标签“{}”无法识别，该行不会被使用；请对照 juesuan init 生成的模板修改标签", n.label);
        Finding::new(Severity::Warning, rid("NOTES-UNKNOWN"), msg).at(format!("说明材料 {}", n.label), Some(n.at.clone()), None)
    })
}

/// Parses the text of a numeric label; counts and years must be whole non-negative numbers.
fn parse(kind: NoteKind, text: &str) -> Option<Decimal> {
    let v = parse_amount_text(text)?;
    match kind {
        NoteKind::Count | NoteKind::Year => (v.fract().is_zero() && !v.is_sign_negative()).then_some(v),
        _ => Some(v),
    }
}

fn not_number(n: &NoteEntry) -> Option<Finding> {
    let kind = kind_of(&n.label)?;
    let unit = match kind {
        NoteKind::Text => return None,
        NoteKind::Amount if n.label.ends_with("(元)") => "元",
        NoteKind::Amount => "万元",
        NoteKind::Count => "整数",
        NoteKind::Year => "年份",
    };
    if n.text.trim().is_empty() || parse(kind, &n.text).is_some() {
        return None;
    }
    let msg = format!("说明材料“{}”应填写数字（{unit}），实际为“{}”", n.label, n.text.trim());
    Some(Finding::new(Severity::Error, rid("NOTES-NOT-NUMBER"), msg).at(format!("说明材料 {}", n.label), Some(n.at.clone()), None))
}

/// A numeric 说明材料 value (万元 for amounts; a `（元）` variant is converted), with its entry.
pub(crate) fn number<'a>(book: &'a Book, label: &str) -> Option<(Decimal, &'a NoteEntry)> {
    let kind = find_label(label).map_or(NoteKind::Amount, |l| l.kind);
    if let Some(n) = book.note(label) {
        return parse(kind, &n.text).map(|v| (v, n));
    }
    let n = book.note(&format!("{label}（元）"))?;
    parse(kind, &n.text).and_then(|v| v.checked_div(TEN_THOUSAND)).map(|v| (v, n))
}

fn term(book: &Book, label: &str) -> Option<Term> {
    number(book, label).map(|(v, n)| Term { label: format!("说明材料 {label}"), at: Some(n.at.clone()), value: v })
}

fn term_or_zero(book: &Book, label: &str) -> Term {
    term(book, label).unwrap_or_else(|| Term::computed(format!("说明材料 {label}（未填，按0计）"), Decimal::ZERO))
}

/// A `单位性质` value that names no kind (行政单位 / 参照公务员法管理事业单位 / 事业单位).
fn unit_kind(book: &Book) -> Option<Finding> {
    let n = book.note("单位性质")?;
    crate::notes_catalog::unit_kind(&n.text).is_none().then(|| {
        let msg = format!("说明材料“单位性质”应为 行政单位、参照公务员法管理事业单位 或 事业单位，实为“{}”；按行政单位处理（机关运行经费照常说明）", n.text.trim());
        Finding::new(Severity::Warning, rid("NOTES-UNIT-KIND"), msg).at("说明材料 单位性质", Some(n.at.clone()), None)
    })
}

fn running_cost(book: &Book) -> Option<Finding> {
    let public = &book.t08.public_total;
    let is_institution = book.note("单位性质").and_then(|n| crate::notes_catalog::unit_kind(&n.text)) == Some(crate::notes_catalog::UnitKind::Institution);
    let Some(rc) = term(book, "机关运行经费") else {
        if is_institution {
            return None; // a 事业单位 has no 机关运行经费: nothing to approximate
        }
        let msg = format!("说明材料未填“机关运行经费”，报告将以表08 公用经费合计 {} 万元近似；该近似仅适用于行政单位和参公事业单位", crate::check::compare::show_wan(public.value));
        return Some(Finding::new(Severity::Info, rid("NOTES-RUNNING-COST-APPROX"), msg).at("表08 公用经费合计", Some(public.at.clone()), Some(public.value)));
    };
    (rc.value > public.value).then(|| {
        let msg = format!(
            "说明材料机关运行经费 {} 大于表08 公用经费合计 {}；机关运行经费通常不超过基本支出中的公用经费，请核对（如含项目支出中的运行经费，请在说明中注明）",
            show(rc.value), show(public.value)
        );
        Finding::new(Severity::Warning, rid("NOTES-RUNNING-COST"), msg)
            .at(rc.label.clone(), rc.at.clone(), Some(rc.value))
            .at("表08 公用经费合计", Some(public.at.clone()), Some(public.value))
            .diff(rc.value.saturating_sub(public.value))
    })
}

fn procurement(book: &Book) -> Option<Finding> {
    let total = term(book, "政府采购支出总额")?;
    let labels = ["政府采购货物支出", "政府采购工程支出", "政府采购服务支出"];
    if labels.iter().all(|l| number(book, l).is_none()) {
        return None;
    }
    let parts = labels.iter().map(|l| term_or_zero(book, l)).collect();
    let what = "说明材料政府采购货物、工程、服务支出之和应等于政府采购支出总额";
    Rule::error(rid("NOTES-PROCUREMENT"), what, true).sum(total, "货物＋工程＋服务", parts)
}

fn greater(id: &'static str, big: Term, small: Term, why: &str) -> Option<Finding> {
    (big.value > small.value).then(|| {
        let msg = format!("{} {} 大于{} {}（{why}）", big.label, show(big.value), small.label, show(small.value));
        let d = big.value.saturating_sub(small.value);
        Finding::new(Severity::Error, id, msg).at(big.label, big.at, Some(big.value)).at(small.label, small.at, Some(small.value)).diff(d)
    })
}

fn sme(book: &Book) -> Vec<Finding> {
    let (total, sme, micro) = (term(book, "政府采购支出总额"), term(book, "授予中小企业合同金额"), term(book, "授予小微企业合同金额"));
    let id = rid("NOTES-SME");
    let a = sme.clone().zip(total).and_then(|(s, t)| greater(id, s, t, "授予中小企业的合同金额是政府采购支出的一部分"));
    let b = micro.zip(sme).and_then(|(m, s)| greater(id, m, s, "小微企业是中小企业的一部分"));
    a.into_iter().chain(b).collect()
}

const VEHICLE_TYPES: [&str; 7] = ["主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部服务用车", "其他用车"];
const FLEET_TYPES: [&str; 3] = ["公务用车保有量（轿车）", "公务用车保有量（越野车）", "公务用车保有量（载客汽车）"];

/// A count total against its parts by type (exact: counts are whole numbers).
fn parts_vs_total(book: &Book, id: &str, total: &str, parts: &[&str], sum_label: &str) -> Option<Finding> {
    let t = term(book, total)?;
    let given: Vec<Term> = parts.iter().filter_map(|p| term(book, p)).collect();
    if given.is_empty() {
        return None;
    }
    let sum = crate::check::compare::total(given.iter().map(|p| &p.value));
    (sum != t.value).then(|| {
        let msg = format!("说明材料{sum_label} {} 辆与{total} {} 辆不等", show(sum), show(t.value));
        let f = Finding::new(Severity::Error, rid(id), msg).at(t.label.clone(), t.at.clone(), Some(t.value)).at(sum_label, None, Some(sum));
        given.into_iter().fold(f, |f, p| f.at(p.label, p.at, Some(p.value))).diff(t.value.saturating_sub(sum))
    })
}

fn reception(book: &Book) -> Option<Finding> {
    let labels = ["国内公务接待费", "外事接待费"];
    if labels.iter().all(|l| number(book, l).is_none()) {
        return None;
    }
    let a = &book.t13.actual.reception;
    let parts = labels.iter().map(|l| term_or_zero(book, l)).collect();
    let what = "说明材料国内公务接待费与外事接待费之和应等于表13 公务接待费决算数";
    // 说明材料 amounts are typed in 万元 by hand, i.e. rounded: the tolerance always applies.
    Rule::error(rid("NOTES-RECEPTION"), what, true).sum(Term::of("表13 决算数 公务接待费", a), "国内＋外事接待费", parts)
}

/// True when the label is a 说明材料 label of the catalogue (after normalisation).
#[cfg(test)]
fn known(label: &str) -> bool {
    kind_of(&crate::model::normalize_label(label)).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::findings::Severity;
    use crate::testkit::{d, sample_book};

    /// Found by a tester: per-subject and per-project texts whose subject or project is not
    /// in the input were dropped without a word.
    #[test]
    fn budget_lines_of_unknown_subjects_or_negative_are_reported() {
        let mut b = sample_book();
        let at = b.t06.total[0].at.clone();
        let code = b.t06.rows.iter().find(|r| r.code.as_str().len() == 7).unwrap().code.clone();
        let line = |c: &str, v: &str| crate::model::BudgetLine { code: crate::model::SubjectCode::parse(c).unwrap(), full_year: crate::model::Amount { value: d(v), at: at.clone() }, initial: None };
        b.budgets = vec![line(code.as_str(), "10"), line("2019999", "5"), line(code.as_str(), "-3")];
        let f = super::check(&b);
        assert_eq!(only(&f, "BUDGET-UNMATCHED").len(), 1, "{f:#?}");
        let neg = only(&f, "BUDGET-NEGATIVE");
        assert!(neg.len() == 1 && neg[0].severity == Severity::Error && neg[0].message.contains("-3"), "{f:#?}");
    }

    #[test]
    fn a_subject_or_project_label_that_matches_nothing_is_a_warning() {
        let mut b = crate::testkit::sample_book_with_forms();
        let leaf = b.t06.rows.iter().find(|r| r.code.as_str().len() == 7).unwrap().code.to_string();
        let project = b.forms[0].name.clone();
        let ok = [format!("预决算差异原因：{leaf}"), format!("项目评价：{project}：评价结论")];
        let bad = ["预决算差异原因：201".to_string(), "预决算差异原因：2019999".into(), "项目评价：没有的项目：评价结论".into()];
        b = with_notes(b, &ok.iter().chain(&bad).map(|l| (l.as_str(), "文字")).collect::<Vec<_>>());
        let f = super::check(&b);
        let u = only(&f, "NOTES-UNMATCHED");
        assert_eq!(u.len(), 3, "{f:#?}");
        assert!(u.iter().all(|x| x.severity == Severity::Warning));
        assert!(u[2].message.contains("项目“没有的项目”没有对应的绩效自评表"), "{}", u[2].message);
    }

    #[test]
    fn consistent_notes_give_no_finding() {
        let b = with_notes(sample_book(), &[
            ("机关运行经费", "80.69"), ("政府采购支出总额", "35.60"), ("政府采购货物支出", "20"), ("政府采购服务支出", "15.6"),
            ("授予中小企业合同金额", "35.6"), ("授予小微企业合同金额", "30"), ("车辆总数", "3"), ("主要领导干部用车", "1"),
            ("机要通信用车", "1"), ("其他用车", "1"), ("公务用车保有量", "3"), ("公务用车保有量（轿车）", "2"),
            ("公务用车保有量(越野车)", "1"), ("国内公务接待费", "0"), ("外事接待费（元）", "0"), ("年度", "2023"),
        ]);
        let f = super::check(&b);
        assert!(f.is_empty(), "{f:#?}");
        assert!(super::known("外事接待费（元）") && !super::known("主要职能（元）"));
    }

    #[test]
    fn unknown_label_and_not_a_number() {
        let b = with_notes(sample_book(), &[("上年收入总额", "800"), ("政府采购支出总额", "约35万"), ("车辆总数", "2.5"), ("主要职能", "文字")]);
        let f = super::check(&b);
        let u = only(&f, "NOTES-UNKNOWN");
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].severity, Severity::Warning);
        assert!(u[0].message.contains("上年收入总额"));
        assert_loc(u[0], 0, "说明材料", "B102", "");
        let n = only(&f, "NOTES-NOT-NUMBER");
        assert_eq!(n.len(), 2, "{n:#?}");
        assert_eq!(n[0].severity, Severity::Error);
        assert!(n[0].message.contains("约35万"));
        assert_loc(n[0], 0, "说明材料", "B103", "");
        assert_loc(n[1], 0, "说明材料", "B104", "");
    }

    #[test]
    fn running_cost_above_public_funds() {
        let f = super::check(&with_notes(sample_book(), &[("机关运行经费", "90")]));
        let r = only(&f, "NOTES-RUNNING-COST");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].severity, Severity::Warning);
        assert_loc(r[0], 0, "说明材料", "B102", "90");
        assert_loc(r[0], 1, "公开08表", "F61", "80.69");
        assert_eq!(r[0].difference, Some(d("9.31")));
        assert!(only(&f, "NOTES-RUNNING-COST-APPROX").is_empty());
        let f = super::check(&sample_book());
        let a = only(&f, "NOTES-RUNNING-COST-APPROX");
        assert_eq!(a[0].severity, Severity::Info);
        assert_loc(a[0], 0, "公开08表", "F61", "80.69");
    }

    #[test]
    fn unit_kind_is_checked_and_an_institution_is_not_approximated() {
        let f = super::check(&with_notes(sample_book(), &[("单位性质", "事业单位")]));
        assert!(only(&f, "NOTES-RUNNING-COST-APPROX").is_empty());
        assert!(only(&f, "NOTES-UNIT-KIND").is_empty());
        let f = super::check(&with_notes(sample_book(), &[("单位性质", "参照公务员法管理事业单位")]));
        assert_eq!(only(&f, "NOTES-RUNNING-COST-APPROX").len(), 1);
        let f = super::check(&with_notes(sample_book(), &[("单位性质", "国有企业")]));
        let u = only(&f, "NOTES-UNIT-KIND");
        assert_eq!(u.len(), 1);
        assert!(u[0].message.contains("国有企业"), "{}", u[0].message);
        assert_loc(u[0], 0, "说明材料", "B102", "");
    }

    #[test]
    fn procurement_parts_and_sme() {
        let b = with_notes(sample_book(), &[("政府采购支出总额", "35.6"), ("政府采购货物支出", "21"), ("政府采购服务支出", "15.6"), ("授予中小企业合同金额", "36"), ("授予小微企业合同金额", "40"), ("机关运行经费", "1")]);
        let f = super::check(&b);
        let p = only(&f, "NOTES-PROCUREMENT");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Error);
        assert_loc(p[0], 0, "说明材料", "B102", "35.6");
        assert_loc(p[0], 1, "", "", "36.6");
        assert_loc(p[0], 3, "", "", "0");
        assert_eq!(p[0].difference, Some(d("-1")));
        let s = only(&f, "NOTES-SME");
        assert_eq!(s.len(), 2);
        assert_loc(s[0], 0, "说明材料", "B105", "36");
        assert_loc(s[0], 1, "说明材料", "B102", "35.6");
        assert_loc(s[1], 0, "说明材料", "B106", "40");
        assert_eq!(s[1].difference, Some(d("4")));
    }

    #[test]
    fn vehicles_and_fleet_by_type() {
        let b = with_notes(sample_book(), &[("车辆总数", "3"), ("机要通信用车", "2"), ("其他用车", "2"), ("公务用车保有量", "3"), ("公务用车保有量（轿车）", "2")]);
        let f = super::check(&b);
        let v = only(&f, "NOTES-VEHICLES");
        assert_eq!(v.len(), 1);
        assert_loc(v[0], 0, "说明材料", "B102", "3");
        assert_loc(v[0], 1, "", "", "4");
        assert_eq!(v[0].difference, Some(d("-1")));
        let fl = only(&f, "NOTES-FLEET");
        assert_eq!(fl.len(), 1);
        assert_loc(fl[0], 0, "说明材料", "B105", "3");
        assert_loc(fl[0], 2, "说明材料", "B106", "2");
    }

    #[test]
    fn reception_against_table_13() {
        let b = with_notes(sample_book(), &[("国内公务接待费", "1.2")]);
        let f = super::check(&b);
        let r = only(&f, "NOTES-RECEPTION");
        assert_eq!(r.len(), 1);
        assert_loc(r[0], 0, "公开13表", "L7", "0");
        assert_loc(r[0], 2, "说明材料", "B102", "1.2");
        assert_eq!(r[0].difference, Some(d("-1.2")));
        let b = with_notes(sample_book(), &[("外事接待费（元）", "100")]);
        let f = super::check(&b);
        let r = only(&f, "NOTES-RECEPTION");
        assert_eq!(r[0].severity, Severity::Info, "0.01万元 within tolerance: {r:#?}");
    }
}
