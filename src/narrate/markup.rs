//! The line markup that templates emit, parsed into [`Block`]s.
//!
//! One line is one block; blank lines are ignored. Numbering is generated here, so a
//! template never writes 一、 or （二） and an absent optional section leaves no gap.
//!
//! | line | block |
//! |---|---|
//! | `# 部门概况` | level-1 heading, numbered `第一部分 部门概况` |
//! | `## 收入决算情况说明` | level-2 heading, numbered `二、收入决算情况说明` |
//! | `### 总体情况` | level-3 heading, numbered `（一）总体情况` |
//! | `#### 标题` | level-4 heading, numbered `1.标题` |
//! | `##! 附件1` | heading of that level, not numbered and counting nothing |
//! | `+ 财政拨款收入：指…` | body paragraph numbered `1.` `2.` …, restarting after each heading |
//! | `@center 文字` / `@plain 文字` | centred / unindented paragraph |
//! | `@chart 3` | chart 图3 from the view |
//! | `@table 01` | annex table 01, caption numbered `一、收入支出决算总表` |
//! | `@toc` / `@pagebreak` | table of contents / page break |
//! | `@form 2 春节慰问费` | the book's 2nd 绩效自评表 typeset as a table (第四部分 附件1) |
//! | `@renumber` | numbering of levels 2–4 starts again at 一、（一）1. (each report of 附件2) |
//! | `\#…` | a body paragraph starting with `#` (escape for `#`, `@`, `+`, `\`) |
//! | anything else | body paragraph |
//!
//! Inside a paragraph, `**粗体**` is bold, and a span `【请补充：…】` or `【缺少…】` becomes a
//! placeholder run.

use super::filters::chinese_number;
use super::NarrateError;
use crate::doc::{Block, Chart, ParaStyle, Paragraph, Run};
use crate::model::TableId;

/// Span openings that mark a placeholder run.
pub const PLACEHOLDER_OPENINGS: [&str; 2] = ["【请补充", "【缺少"];

/// Counters for generated numbering.
#[derive(Default)]
struct Numbering {
    headings: [u32; 4],
    item: u32,
    table: u32,
}

impl Numbering {
    fn heading(&mut self, level: usize, text: &str) -> String {
        self.headings[level - 1] += 1;
        self.headings[level..].iter_mut().for_each(|c| *c = 0);
        self.item = 0;
        let n = self.headings[level - 1];
        let cn = chinese_number(n).unwrap_or_else(|| n.to_string());
        match level {
            1 => format!("第{cn}部分 {text}"),
            2 => format!("{cn}、{text}"),
            3 => format!("（{cn}）{text}"),
            _ => format!("{n}.{text}"),
        }
    }
}

/// Parses rendered template output into blocks; `charts` supplies `@chart N`.
///
/// # Errors
/// [`NarrateError::Markup`] for an unknown `@` directive or a bad argument,
/// [`NarrateError::MissingChart`] for a chart not in `charts`.
pub fn parse(text: &str, charts: &[Chart]) -> Result<Vec<Block>, NarrateError> {
    let mut numbering = Numbering::default();
    let mut blocks = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line == "@renumber" {
            numbering.headings[1..].iter_mut().for_each(|c| *c = 0);
            numbering.item = 0;
            continue;
        }
        let block = parse_line(line, &mut numbering, charts).map_err(|e| match e {
            LineError::Message(message) => NarrateError::Markup { line: i + 1, text: line.to_string(), message },
            LineError::Chart(number) => NarrateError::MissingChart { number },
        })?;
        blocks.push(block);
    }
    Ok(blocks)
}

enum LineError {
    Message(String),
    Chart(u8),
}

fn parse_line(line: &str, numbering: &mut Numbering, charts: &[Chart]) -> Result<Block, LineError> {
    if let Some(rest) = line.strip_prefix('\\') {
        return Ok(paragraph(ParaStyle::Body, rest));
    }
    if line.starts_with('#') {
        return heading(line, numbering);
    }
    if let Some(rest) = line.strip_prefix("+ ") {
        numbering.item += 1;
        return Ok(paragraph(ParaStyle::Body, &format!("{}.{}", numbering.item, rest.trim())));
    }
    if let Some(rest) = line.strip_prefix('@') {
        return directive(rest, numbering, charts);
    }
    Ok(paragraph(ParaStyle::Body, line))
}

fn heading(line: &str, numbering: &mut Numbering) -> Result<Block, LineError> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let rest = &line[level..];
    if !(1..=4).contains(&level) {
        return Err(LineError::Message(format!("标题级别应为 1 到 4 个 #，实为 {level} 个")));
    }
    let (numbered, text) = match rest.strip_prefix('!') {
        Some(t) => (false, t.trim()),
        None if rest.starts_with(' ') => (true, rest.trim()),
        None => return Err(LineError::Message("# 之后应有空格（或 ! 表示不编号）".into())),
    };
    if text.is_empty() {
        return Err(LineError::Message("标题为空".into()));
    }
    let text = if numbered { numbering.heading(level, text) } else { text.to_string() };
    if !numbered {
        numbering.item = 0;
    }
    Ok(Block::Heading { level: level as u8, text })
}

fn directive(rest: &str, numbering: &mut Numbering, charts: &[Chart]) -> Result<Block, LineError> {
    let (name, arg) = rest.split_once(' ').map(|(n, a)| (n, a.trim())).unwrap_or((rest, ""));
    match name {
        "center" => Ok(paragraph(ParaStyle::Center, arg)),
        "plain" => Ok(paragraph(ParaStyle::Plain, arg)),
        "toc" => Ok(Block::Toc),
        "pagebreak" => Ok(Block::PageBreak),
        "chart" => chart(arg, charts),
        "table" => table(arg, numbering),
        "form" => form(arg),
        other => Err(LineError::Message(format!("未知指令 @{other}（可用：center plain toc pagebreak chart table form renumber）"))),
    }
}

fn chart(arg: &str, charts: &[Chart]) -> Result<Block, LineError> {
    let number: u8 = arg.parse().map_err(|_| LineError::Message(format!("@chart 需要图号 1 到 7，实为 \"{arg}\"")))?;
    charts.iter().find(|c| c.number == number).cloned().map(Block::Chart).ok_or(LineError::Chart(number))
}

fn table(arg: &str, numbering: &mut Numbering) -> Result<Block, LineError> {
    let (num, caption) = arg.split_once(' ').map(|(n, c)| (n, c.trim())).unwrap_or((arg, ""));
    let table = num
        .parse::<u8>()
        .ok()
        .and_then(|n| TableId::ALL.into_iter().find(|t| t.number() == n))
        .ok_or_else(|| LineError::Message(format!("@table 需要表号 01 到 13，实为 \"{num}\"")))?;
    numbering.table += 1;
    let title = if caption.is_empty() { table.title() } else { caption };
    let cn = chinese_number(numbering.table).unwrap_or_default();
    Ok(Block::AnnexTable { table, caption: format!("{cn}、{title}") })
}

fn form(arg: &str) -> Result<Block, LineError> {
    let (num, name) = arg.split_once(' ').map(|(n, c)| (n, c.trim())).unwrap_or((arg, ""));
    match num.parse::<usize>() {
        Ok(index) if index >= 1 => Ok(Block::PerfForm { index, name: name.to_string() }),
        _ => Err(LineError::Message(format!("@form 需要自评表序号（从 1 起），实为 \"{num}\""))),
    }
}

fn paragraph(style: ParaStyle, text: &str) -> Block {
    Block::Paragraph(Paragraph { style, runs: runs(text) })
}

/// Splits paragraph text into runs: `**…**` bold, `【请补充…】`/`【缺少…】` placeholders.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut rest = text;
    while !rest.is_empty() {
        let next_bold = rest.find("**");
        let next_ph = PLACEHOLDER_OPENINGS.iter().filter_map(|o| rest.find(o)).min();
        match (next_bold, next_ph) {
            (Some(b), p) if p.is_none_or(|p| b < p) => {
                push(&mut out, &rest[..b], false, bold);
                bold = !bold;
                rest = &rest[b + 2..];
            }
            (_, Some(p)) => {
                push(&mut out, &rest[..p], false, bold);
                let end = rest[p..].find('】').map(|e| p + e + '】'.len_utf8()).unwrap_or(rest.len());
                push(&mut out, &rest[p..end], true, bold);
                rest = &rest[end..];
            }
            _ => {
                push(&mut out, rest, false, bold);
                rest = "";
            }
        }
    }
    out
}

fn push(out: &mut Vec<Run>, text: &str, placeholder: bool, bold: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.placeholder == placeholder && last.bold == bold => last.text.push_str(text),
        _ => out.push(Run { text: text.to_string(), placeholder, bold }),
    }
}

#[cfg(test)]
mod tests;
