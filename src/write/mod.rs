//! write: a [`Document`] and its [`Book`] → the DOCX users open.
//!
//! - [`docx`](self) assembles the text layer with docx-rs (styles after GB/T 9704, cover,
//!   目录, headings with outline levels, body, captions, draft header, footers);
//! - `charts` writes each chart's `c:chartSpace` part and its embedded workbook;
//! - `annex` typesets the thirteen 附表 in a landscape section, writing their `w:tbl` XML
//!   directly (docx-rs was too slow for thousands of cells; same bytes as before);
//! - `package` patches what docx-rs cannot write (chart drawings and relationships,
//!   `w:tblHeader`, `w:lang`, CJK fontTable entries, `w:updateFields`) and writes the zip with
//!   fixed order and times, so the same input always gives the same bytes;
//! - [`atomic`] replaces the output file atomically, [`pdf`] converts through LibreOffice.

mod annex;
pub mod atomic;
mod charts;
mod docx;
mod package;
mod perf_table;
pub mod pdf;

use crate::doc::Document;
use crate::model::Book;

pub use atomic::write_atomic;
pub use pdf::convert_to_pdf;

/// What can go wrong while writing a report.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A chart's data does not fit its shape (values vs categories, pie series count).
    #[error("图{number}的数据有误：{reason}")]
    Chart {
        /// 图N.
        number: u8,
        /// What is wrong.
        reason: String,
    },
    /// The embedded workbook of a chart could not be written.
    #[error("生成图表内嵌数据工作簿失败：{0}")]
    Workbook(String),
    /// docx-rs's output did not have the shape the patches expect (a docx-rs upgrade?).
    #[error("修补 DOCX 部件失败：{0}")]
    Patch(String),
    /// Writing the zip package failed.
    #[error("写入 DOCX 压缩包失败：{0}")]
    Zip(String),
    /// A part of the finished package is not well-formed XML (the self-check before any file
    /// is written): the report would not open, so it is not written.
    #[error("自检失败：生成的 DOCX 部件 {part} 不是合法的 XML（{reason}），报告未写出。请把输入文件发给维护者。")]
    SelfCheck {
        /// The part name.
        part: String,
        /// What the XML parser said.
        reason: String,
    },
    /// A template places a 绩效自评表 (`@form N`) the input does not have.
    #[error("模板引用了第{index}张绩效自评表（@form {index}），但输入只有{count}张")]
    MissingForm {
        /// The `@form` number.
        index: usize,
        /// How many forms the input has.
        count: usize,
    },
    /// LibreOffice is not installed.
    #[error("未找到 LibreOffice（soffice），无法生成 PDF。请安装 LibreOffice 后重试，或去掉 --pdf 只生成 DOCX。")]
    SofficeMissing,
    /// LibreOffice ran but did not produce a PDF.
    #[error("LibreOffice 转换 PDF 失败：{0}")]
    Pdf(String),
}

/// Renders the report: the DOCX package as bytes (byte-for-byte reproducible).
///
/// `doc` supplies the cover, headings, paragraphs, charts and where the 附表 go; `book`
/// supplies the thirteen tables' data for the 附表.
pub fn render_docx(doc: &Document, book: &Book) -> Result<Vec<u8>, WriteError> {
    docx::render(doc, book)
}

pub use docx::TocMode;
pub use docx::draft_header_text;

/// The 目录 entry texts in order (level-1/2 headings and 附表 titles).
pub fn toc_entries(doc: &Document) -> Vec<String> {
    docx::toc_entries(doc)
}

/// [`render_docx`] with an explicit 目录 mode (the `--pdf` path: measure the pages with
/// [`TocMode::PagerefOnly`], then write [`TocMode::Field`] with those page numbers).
pub fn render_docx_with(doc: &Document, book: &Book, toc: &TocMode) -> Result<Vec<u8>, WriteError> {
    docx::render_with(doc, book, toc)
}
