//! Errors of the narrate stage. A failed render never yields a half-filled report: every
//! function returns either a whole [`crate::doc::Document`] or one of these.

use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong while turning a view into a document.
#[derive(Debug, Error)]
pub enum NarrateError {
    /// A template failed to parse or render. `detail` holds Tera's whole cause chain.
    #[error("模板 {name}{}：{detail}{}", line.map(|l| format!(" 第{l}行")).unwrap_or_default(), variable.as_ref().map(|v| format!("（变量 {v}）")).unwrap_or_default())]
    Template {
        /// The template file name, e.g. `part2_01_totals.txt`.
        name: String,
        /// 1-based line in that template, when known.
        line: Option<usize>,
        /// The variable involved, when known.
        variable: Option<String>,
        /// Tera's messages, outermost first, joined with `：`.
        detail: String,
    },
    /// A line of rendered markup is not understood (e.g. `@chart x`).
    #[error("模板输出第{line}行无法解析：{message}（内容：{text}）")]
    Markup {
        /// 1-based line of the rendered text.
        line: usize,
        /// The offending line.
        text: String,
        /// What is wrong.
        message: String,
    },
    /// `@chart N` asks for a chart the view does not carry.
    #[error("模板引用了图{number}，但推导结果中没有该图（请用 chart[\"{number}\"] 判断后再插入）")]
    MissingChart {
        /// The chart number.
        number: u8,
    },
    /// The view could not be turned into a Tera context.
    #[error("无法构造模板变量：{0}")]
    Context(String),
    /// Reading or writing a template file failed.
    #[error("模板文件 {path}：{source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Every message of an error's cause chain, outermost first, joined with `：`.
///
/// Tera's top-level message is only "Failed to render 'x'"; the real cause is further down.
pub fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cur = err.source();
    while let Some(e) = cur {
        let msg = e.to_string();
        // An error that already prints its cause (`模板文件 x：No such file…`) is not repeated.
        if !parts.last().is_some_and(|p| p.ends_with(&msg)) {
            parts.push(msg);
        }
        cur = e.source();
    }
    parts.join("：")
}
