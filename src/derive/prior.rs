//! Prior-year figures: from last year's tables (`--prior`) when given, else from the `上年…`
//! labels of 说明材料, else missing (the change is then 缺少上年数).

use super::facts::{Figure, PriorSource, Provenance};
use super::source::note_amount;
use super::Ctx;
use crate::model::{Amount, Book};

/// Which prior source applies to a department.
pub fn prior_source(ctx: &Ctx) -> PriorSource {
    if ctx.prior.is_some() {
        PriorSource::PriorBook
    } else if ctx.book.notes.iter().any(|n| n.label.starts_with("上年") && !n.text.trim().is_empty()) {
        PriorSource::Notes
    } else {
        PriorSource::None
    }
}

/// A prior-year figure: `pick` on last year's book (labelled `上年决算 <label>`), else the
/// 说明材料 label `note_label` (when given), else `None`.
pub fn prior_figure(ctx: &mut Ctx, pick: impl Fn(&Book) -> Option<&Amount>, label: &str, note_label: Option<&str>) -> Option<Figure> {
    if let Some(a) = ctx.prior.and_then(pick) {
        return Some(Figure::new(a.value, Provenance::cell(format!("上年决算 {label}"), &a.at)));
    }
    let book = ctx.book;
    note_label.and_then(|l| note_amount(book, l, &mut ctx.findings))
}
