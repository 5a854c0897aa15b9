//! The department's own sheets, beside the thirteen 财决 tables: `说明材料` (项目 · 内容),
//! `预算数` and `项目绩效` ([`notes`]), and the 部门预算项目支出绩效自评表 of the performance
//! system ([`perf`]). The reader stage (`crate::read`) finds them in the input and calls these
//! readers on their grids; their words live in `read/layout.txt` with the tables' words.

pub(crate) mod notes;
pub(crate) mod perf;
