//! Sample and template workbooks: the bundled sample departments (`juesuan sample`), the
//! blank input template (`juesuan init`) and a synthetic benchmark corpus.
//!
//! Every workbook is derived from a [`SampleDept`] spec — 项-level lines with fund, income
//! source, 基本/项目 split and carry-overs — by [`generate`], which makes every identity
//! between the thirteen tables hold exactly (amounts are whole cents of the stated unit), and
//! rendered by [`render`] / [`render_files`] in the layouts real 财决 exports use (title,
//! `公开NN表`, `编制单位：`, `金额单位：`, merged multi-row headers, `栏次`, 行次, footnotes),
//! varied by a [`Style`]. Output is byte-deterministic.

mod bundled;
mod bundled_forms;
mod forms;
mod names;
mod render;
mod spec;
mod tables;

pub use bundled::{bundled_specs, corpus_spec, prior_year, Prng};
pub use forms::{corpus_form, FormLayout, FormSpec, IndicatorSpec};
pub use names::{function_name, xiang_name, ECON_CLASSES, ECON_KUAN, FUNCTION_CLASSES};
pub use render::{
    budget_rows, note_entries, project_rows, render, render_files, render_template, AmountCells, Blocks08,
    CodeLayout, Layout13, NoteValue, Packaging, SheetNaming, Style,
};
pub use spec::{default_basic_profile, default_project_profile, Extras, Line, SampleDept, ThreePublicSpec, Vehicles};
pub use tables::{
    allocate, cents, generate, identity_violations, Basic08, CodeAmount, DataRow, FundRow, MatrixData, SubjectData,
    Summary01, Summary04, Tables, Three13,
};

use std::path::{Path, PathBuf};

/// Errors of the sample/template writers.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// rust_xlsxwriter failed to build the workbook.
    #[error("生成工作簿失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// A file or folder could not be written.
    #[error("无法写入 {path}：{source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The department spec is inconsistent (negative income, unknown code, an identity that
    /// would not hold …).
    #[error("样例数据不一致：{0}")]
    Inconsistent(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SampleError + '_ {
    move |source| SampleError::Io { path: path.to_path_buf(), source }
}

/// Writes one department under `dir` in the given style; returns the top-level path
/// (the `.xlsx` file or the folder).
pub fn write_dept(dir: &Path, dept: &SampleDept, style: &Style) -> Result<PathBuf, SampleError> {
    for (rel, bytes) in render_files(dept, style)? {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io_err(&path))?;
    }
    Ok(match style.packaging {
        Packaging::Workbook => dir.join(format!("{}.xlsx", dept.file_stem)),
        Packaging::Folder => dir.join(&dept.file_stem),
    })
}

/// The bundled samples with their styles, in output order: `01_区委办公室.xlsx`,
/// `02_市委办公厅.xlsx`, `03_农业技术服务中心/` (folder, 元, split codes, 08 three blocks,
/// 13 vertical) and `03_农业技术服务中心_上年/` (its prior year, same style).
pub fn bundled_with_styles() -> Vec<(SampleDept, Style)> {
    let specs = bundled_specs();
    let mut out = Vec::new();
    for spec in specs {
        if spec.file_stem.starts_with("03") {
            let prior = prior_year(&spec);
            out.push((spec, Style::folder_split()));
            out.push((prior, Style::folder_split()));
        } else {
            out.push((spec, Style::standard()));
        }
    }
    out
}

/// Writes the bundled samples into `dir` (created if needed): `01_区委办公室.xlsx`,
/// `02_市委办公厅.xlsx`, `03_农业技术服务中心/` and `03_农业技术服务中心_上年/`.
/// Returns the four top-level paths.
pub fn write_bundled(dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    bundled_with_styles().iter().map(|(d, s)| write_dept(dir, d, s)).collect()
}

/// Writes the blank input template of `juesuan init` to `path`: the thirteen tables laid out
/// as real exports with empty amount cells, a `说明材料` sheet listing every
/// [`crate::notes_catalog::NOTE_LABELS`] label with its group, instruction (also as a cell
/// note) and example, and empty `预算数` / `项目绩效` sheets with their headers.
pub fn write_blank_template(path: &Path) -> Result<(), SampleError> {
    let bytes = render_template()?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    std::fs::write(path, bytes).map_err(io_err(path))
}

/// Writes a synthetic benchmark corpus of `count` departments (`部门0001_…` …) into `dir`:
/// 10 to 200 项 rows each, every identity holding, styles varied (units, code layouts, sheet
/// names and order, 08/13 layouts, text amounts, blank zeros, folders). Deterministic for a
/// given `seed`. Returns the top-level path of each department.
pub fn write_corpus(dir: &Path, count: usize, seed: u64) -> Result<Vec<PathBuf>, SampleError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    (0..count)
        .map(|i| {
            let dept = corpus_spec(i, seed);
            let style = Style::varied(seed.wrapping_add(i as u64).wrapping_mul(0x9E37_79B9));
            write_dept(dir, &dept, &style)
        })
        .collect()
}

#[cfg(test)]
mod tests;
