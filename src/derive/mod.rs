//! The derive stage: `&Department` → [`Facts`], every narrative figure derived exactly.
//!
//! Figures of 第二部分 (and of 第三/四部分 and the charts) come from here and nowhere else:
//! templates never compute, and nothing is typed by hand. Every figure keeps its provenance.
//! This stage does not check identities between tables (that is `check`) and does not choose
//! wording (that is `narrate`).

pub mod facts;

pub use facts::*;

use rust_decimal::Decimal;
use serde::Serialize;

/// Options of the derive stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeriveOptions {
    /// A year-on-year change whose |percentage| exceeds this (in %) needs a reason.
    /// 收支总计 needs one for any change. Default 10.
    pub change_threshold_pct: Decimal,
}

impl Default for DeriveOptions {
    fn default() -> Self {
        DeriveOptions { change_threshold_pct: Decimal::TEN }
    }
}
