//! juesuan: writes a department's 部门决算公开 report from its thirteen 财决 tables.
//!
//! The pipeline, one module per stage, each taking one value and returning one:
//!
//! ```text
//! read     XLSX/XLS/ODS (workbook or folder)  → model::Department   (typed tables, 万元, cells)
//! check    &Department                        → Vec<Finding>        (identities within/across tables)
//! derive   &Department                        → derive::Facts       (every narrative figure, exact)
//! narrate  &Facts + templates                 → doc::Document       (Tera → headings/paragraphs/charts)
//! write    &Document + &Book                  → DOCX bytes          (docx-rs + native charts)
//! batch    many departments                   → reports + 汇总.xlsx
//! ```
//!
//! `read` loads files through `workbook` (sparse, bounded grids of cells) and reads the
//! department's own sheets (说明材料, 预算数, 项目绩效, 绩效自评表) through `forms`.
//!
//! `samples` builds realistic input workbooks (bundled samples, `init` blank template,
//! benchmark corpus). `main.rs` only parses arguments and calls [`cli::run`].

pub mod money;
pub mod model;
pub mod findings;
pub mod doc;
pub mod notes_catalog;
pub(crate) mod workbook;
pub(crate) mod forms;
pub mod read;
pub mod explain;
pub mod check;
pub mod derive;
pub mod narrate;
pub mod write;
pub mod batch;
pub mod pipeline;
pub mod worker;
pub mod serve;
pub mod cli;
pub mod samples;
#[doc(hidden)]
pub mod testkit;
