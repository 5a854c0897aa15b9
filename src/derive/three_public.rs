//! Section 七: 财政拨款“三公”经费 (表13 预算数/决算数) with shares, completion, changes and the
//! 说明材料 details (团组, 车辆, 接待批次 …).

use super::budget::completion;
use super::facts::{Change, Figure, LabelledCount, Part, ThreePublicFacts, ThreePublicLine};
use super::prior::prior_figure;
use super::shares::make_parts;
use super::source::{derived, from_amount, note_amount, note_count, note_text};
use super::Ctx;
use crate::model::{Amount, ThreePublicAmounts};

/// Label of the 说明材料 statement on 三公 budget execution.
/// It explains 决算数 against 预算数 only, never the change against last year.
const STATEMENT: &str = "三公经费预算执行说明";

/// Label of the reason for the change of the 三公 total against last year.
const TOTAL_CHANGE: &str = "三公经费变动原因";

/// One line of table 13: name, accessor, 上年 label, 变动原因 label.
struct LineSpec {
    name: &'static str,
    pick: fn(&ThreePublicAmounts) -> &Amount,
    prior_label: Option<&'static str>,
    reason_label: &'static str,
}

const OVERSEAS: LineSpec = LineSpec { name: "因公出国（境）费", pick: |a| &a.overseas, prior_label: Some("上年因公出国（境）费"), reason_label: "因公出国（境）费变动原因" };
const VEHICLES: LineSpec = LineSpec { name: "公务用车购置及运行维护费", pick: |a| &a.vehicles, prior_label: Some("上年公务用车购置及运行维护费"), reason_label: "公务用车购置及运行维护费变动原因" };
const PURCHASE: LineSpec = LineSpec { name: "公务用车购置费", pick: |a| &a.vehicle_purchase, prior_label: None, reason_label: "公务用车购置及运行维护费变动原因" };
const OPERATION: LineSpec = LineSpec { name: "公务用车运行维护费", pick: |a| &a.vehicle_operation, prior_label: None, reason_label: "公务用车购置及运行维护费变动原因" };
const RECEPTION: LineSpec = LineSpec { name: "公务接待费", pick: |a| &a.reception, prior_label: Some("上年公务接待费"), reason_label: "公务接待费变动原因" };
const TOTAL: LineSpec = LineSpec { name: "合计", pick: |a| &a.total, prior_label: None, reason_label: TOTAL_CHANGE };

/// 七、财政拨款“三公”经费支出决算情况.
pub fn three_public(ctx: &mut Ctx) -> ThreePublicFacts {
    let book = ctx.book;
    let mut overseas = line(ctx, &OVERSEAS);
    let mut vehicles = line(ctx, &VEHICLES);
    let mut reception = line(ctx, &RECEPTION);
    let shares = make_parts(
        [(&OVERSEAS, &overseas), (&VEHICLES, &vehicles), (&RECEPTION, &reception)].iter().map(|(s, l)| (s.name.to_string(), s.name.to_string(), l.actual.clone())).collect(),
        "“三公”经费合计（三项之和）",
    );
    for (l, p) in [&mut overseas, &mut vehicles, &mut reception].into_iter().zip(shares) {
        l.share = Some(p.share);
    }
    let total_prior = total_prior(ctx, [&overseas.change, &vehicles.change, &reception.change]);
    let total = line_with_prior(ctx, &TOTAL, total_prior);
    let vehicle_purchase = line(ctx, &PURCHASE);
    let vehicle_operation = line(ctx, &OPERATION);
    let vehicle_split = split(&vehicle_purchase, &vehicle_operation);
    let f = &mut ctx.findings;
    ThreePublicFacts {
        total,
        overseas,
        vehicles,
        vehicle_purchase,
        vehicle_operation,
        reception,
        vehicle_split,
        overseas_groups: note_count(book, "因公出国团组数", f),
        overseas_people: note_count(book, "因公出国人次", f),
        vehicles_purchased: note_count(book, "公务用车购置数", f),
        vehicles_held: note_count(book, "公务用车保有量", f),
        vehicles_held_by_type: ["轿车", "越野车", "载客汽车"]
            .iter()
            .filter_map(|k| note_count(book, &format!("公务用车保有量（{k}）"), f).map(|count| LabelledCount { label: k.to_string(), count }))
            .collect(),
        vehicle_operation_use: note_text(book, "公务用车运行维护费用途"),
        domestic_batches: note_count(book, "国内公务接待批次", f),
        domestic_people: note_count(book, "国内公务接待人次", f),
        domestic_amount: note_amount(book, "国内公务接待费", f),
        domestic_content: note_text(book, "国内公务接待内容"),
        foreign_batches: note_count(book, "外事接待批次", f),
        foreign_people: note_count(book, "外事接待人次", f),
        foreign_amount: note_amount(book, "外事接待费", f),
        statement: note_text(book, STATEMENT),
    }
}

fn line(ctx: &mut Ctx, spec: &LineSpec) -> ThreePublicLine {
    let pick = spec.pick;
    let prior = prior_figure(ctx, |b| Some(pick(&b.t13.actual)), &format!("表13 {} 决算数", spec.name), spec.prior_label);
    line_with_prior(ctx, spec, prior)
}

fn line_with_prior(ctx: &mut Ctx, spec: &LineSpec, prior: Option<Figure>) -> ThreePublicLine {
    let t = &ctx.book.t13;
    let actual = from_amount(format!("表13 {} 决算数", spec.name), (spec.pick)(&t.actual));
    let budget = from_amount(format!("表13 {} 预算数", spec.name), (spec.pick)(&t.budget));
    let reason = note_text(ctx.book, STATEMENT);
    ThreePublicLine {
        completion: completion(actual.value, Some(budget), Some(STATEMENT.to_string()), reason),
        share: None,
        change: ctx.change(actual.value, prior, false, spec.reason_label),
        actual,
    }
}

/// Prior 三公 total: last year's 表13 合计, else the sum of the three 上年 labels when all given.
fn total_prior(ctx: &mut Ctx, parts: [&Change; 3]) -> Option<Figure> {
    if let Some(p) = ctx.prior {
        return Some(Figure::new(p.t13.actual.total.value, super::facts::Provenance::cell("上年决算 表13 合计 决算数", &p.t13.actual.total.at)));
    }
    let priors: Option<Vec<&Figure>> = parts.iter().map(|c| c.prior.as_ref()).collect();
    priors.map(|v| derived(v.iter().map(|f| f.value).sum(), "说明材料 上年因公出国（境）费 + 上年公务用车购置及运行维护费 + 上年公务接待费"))
}

/// 购置 / 运行维护 with shares of 公务用车.
fn split(purchase: &ThreePublicLine, operation: &ThreePublicLine) -> Vec<Part> {
    make_parts(
        vec![
            ("vehicle_purchase".into(), "公务用车购置费".into(), purchase.actual.clone()),
            ("vehicle_operation".into(), "公务用车运行维护费".into(), operation.actual.clone()),
        ],
        "公务用车购置及运行维护费（购置 + 运行维护）",
    )
}
