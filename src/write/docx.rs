//! Document assembly with docx-rs: styles after GB/T 9704, the cover, the 目录, headings with
//! outline levels, body paragraphs, chart marker paragraphs with captions below, the 附表 in
//! a landscape section, odd/even footers “— N —” and the 草稿 header.
//!
//! The 目录 is a real Word `TOC` field (`TOC \o "1-2" \h \z \u`: headings of levels 1–2 and
//! the 附表 titles, which carry outline level 2) whose cached entries hold `PAGEREF` fields to
//! bookmarks on the headings, so 更新目录 works in Word and WPS and `w:updateFields` refreshes
//! it on open. The cached page numbers are those of a LibreOffice render when one is made
//! (`--pdf`, [`TocMode::Field`] with pages), else left empty for Word/WPS to fill. LibreOffice
//! keeps a TOC field's cached numbers, so the render that measures them uses
//! [`TocMode::PagerefOnly`]: the same entries without the surrounding field, whose PAGEREFs
//! LibreOffice computes (docx-notes §1, §5).

use super::annex::{self, TABLE_STYLE};
use super::charts;
use super::package::{self, ChartPart};
use super::perf_table;
use super::WriteError;
use crate::doc::{Block, Chart, ChartKind, Document, ParaStyle, Run as DocRun};
use crate::model::{Book, TableId};
use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, InstrPAGEREF, InstrText, LineSpacing,
    LineSpacingType, PageMargin, PageNumType, PageOrientationType, PageSize, Paragraph, Run, RunFonts, Section,
    SpecialIndentType, Style, StyleType, Tab, TabLeaderType, TabValueType,
};

/// 仿宋 (body).
pub(crate) const FANGSONG: &str = "仿宋_GB2312";
/// 楷体 (second-layer headings, captions).
pub(crate) const KAITI: &str = "楷体_GB2312";
/// 黑体 (first-layer headings).
pub(crate) const HEITI: &str = "黑体";
/// 小标宋 (cover title).
pub(crate) const XBS: &str = "方正小标宋简体";
/// 宋体 (page numbers).
pub(crate) const SONGTI: &str = "宋体";
/// Latin text and digits.
const LATIN: &str = "Times New Roman";

/// Portrait text width in twips (11906 − 1587 − 1474).
const PORTRAIT_TEXT_WIDTH: usize = 8845;
/// Chart width in EMU (14.5 cm) and heights.
const CHART_CX: u64 = 5_220_000;
const BAR_CY: u64 = 2_800_000;
const PIE_CY: u64 = 2_800_000;
/// Exact line pitch of body text: 28 pt.
const LINE_EXACT: i32 = 560;

/// One piece of section content.
enum Item {
    Para(Box<Paragraph>),
    /// A page break (dropped when it would end a section: the section break is one).
    PageBreak,
}

/// Kinds of sections: the cover (and 目录) unnumbered, the body numbered, the 附表 landscape.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Front,
    Body,
    Annex,
}

/// A section under construction.
struct Sec {
    kind: Kind,
    items: Vec<Item>,
}

/// State while walking the blocks.
struct Builder<'a> {
    doc: &'a Document,
    book: &'a Book,
    sections: Vec<Sec>,
    charts: Vec<ChartPart>,
    /// Bookmark ids (1-based) of the headings that enter the 目录, by block index.
    toc: Vec<(usize, u8, String)>,
    bookmark_of: Vec<Option<usize>>,
    annex_count: usize,
    toc_mode: TocMode,
    /// The 附表' `w:tbl` XML, swapped in for their marker paragraphs by [`package`].
    tables: Vec<String>,
}

/// How the 目录 is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TocMode {
    /// A `TOC` field; cached page numbers per entry (in 目录 order) when known, else empty.
    Field(Option<Vec<String>>),
    /// Entries with `PAGEREF` fields and no surrounding `TOC` field (for measuring pages in
    /// LibreOffice, which computes PAGEREFs but keeps a TOC field's cached text).
    PagerefOnly,
}

/// The `TOC` field instruction: outline levels 1–2 (headings and the 附表 titles), hyperlinked
/// entries, no page numbers in web view, paragraph outline levels included.
pub(crate) const TOC_INSTR: &str = r#" TOC \o "1-2" \h \z \u "#;

/// The 目录 entry texts in order (level-1/2 headings and 附表 titles).
pub(crate) fn toc_entries(doc: &Document) -> Vec<String> {
    toc_list(doc).0.into_iter().map(|(_, _, t)| t).collect()
}

/// The 目录 entries (block index, level, text) and each block's bookmark id (1-based).
type TocList = (Vec<(usize, u8, String)>, Vec<Option<usize>>);

fn toc_list(doc: &Document) -> TocList {
    let mut toc = Vec::new();
    let mut bookmark_of = vec![None; doc.blocks.len()];
    for (i, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::Heading { level, text } if *level <= 2 => {
                toc.push((i, *level, text.clone()));
                bookmark_of[i] = Some(toc.len());
            }
            // The 附表 titles enter the 目录 under 第五部分 and the navigation pane.
            Block::AnnexTable { caption, .. } => {
                toc.push((i, 2, caption.clone()));
                bookmark_of[i] = Some(toc.len());
            }
            _ => {}
        }
    }
    (toc, bookmark_of)
}

/// Builds the docx-rs document and the chart parts, then hands both to [`package`].
pub(crate) fn render(doc: &Document, book: &Book) -> Result<Vec<u8>, WriteError> {
    render_with(doc, book, &TocMode::Field(None))
}

/// [`render`] with an explicit 目录 mode.
pub(crate) fn render_with(doc: &Document, book: &Book, toc: &TocMode) -> Result<Vec<u8>, WriteError> {
    let mut b = Builder::new(doc, book);
    b.toc_mode = toc.clone();
    b.cover();
    b.walk()?;
    let (docx, charts, tables, numbered) = b.finish();
    package::assemble(docx.build(), &charts, &tables, &numbered)
}

impl<'a> Builder<'a> {
    fn new(doc: &'a Document, book: &'a Book) -> Self {
        let (toc, bookmark_of) = toc_list(doc);
        Builder {
            doc,
            book,
            sections: vec![Sec { kind: Kind::Front, items: Vec::new() }],
            charts: Vec::new(),
            toc,
            bookmark_of,
            annex_count: 0,
            toc_mode: TocMode::Field(None),
            tables: Vec::new(),
        }
    }

    fn push(&mut self, item: Item) {
        if let Some(s) = self.sections.last_mut() {
            s.items.push(item);
        }
    }

    fn para(&mut self, p: Paragraph) {
        self.push(Item::Para(Box::new(p)));
    }

    /// Starts a new section of `kind` unless the current one is of that kind.
    fn enter(&mut self, kind: Kind) {
        if self.sections.last().map(|s| s.kind) != Some(kind) {
            if let Some(s) = self.sections.last_mut() {
                while matches!(s.items.last(), Some(Item::PageBreak)) {
                    s.items.pop();
                }
            }
            self.sections.push(Sec { kind, items: Vec::new() });
        }
    }

    /// The cover page: 部门名称 and YYYY年度部门决算, then a page break.
    fn cover(&mut self) {
        let blank = || Paragraph::new().style("Cover").add_run(Run::new().add_text(""));
        for _ in 0..6 {
            self.para(blank());
        }
        self.para(Paragraph::new().style("CoverTitle").add_run(Run::new().add_text(self.doc.department.as_str())));
        self.para(blank());
        let title = format!("{}年度部门决算", self.doc.year);
        self.para(Paragraph::new().style("CoverTitle").add_run(Run::new().add_text(title)));
        if self.doc.draft {
            self.para(blank());
            self.para(Paragraph::new().style("Cover").add_run(Run::new().add_text("（草稿）").color("C00000")));
        }
    }

    /// Walks the blocks: everything before the first heading stays in the front section.
    fn walk(&mut self) -> Result<(), WriteError> {
        let blocks = &self.doc.blocks;
        let mut page_break_pending = true; // the cover always ends with a page
        for (i, block) in blocks.iter().enumerate() {
            let next_is_annex = matches!(blocks.get(i + 1), Some(Block::AnnexTable { .. }));
            match block {
                Block::Heading { .. } if next_is_annex => {
                    self.enter(Kind::Annex);
                    page_break_pending = false;
                }
                Block::Heading { .. } => {
                    if self.sections.last().map(|s| s.kind) != Some(Kind::Body) {
                        self.enter(Kind::Body);
                        page_break_pending = false;
                    }
                }
                Block::AnnexTable { .. } => {
                    if self.sections.last().map(|s| s.kind) != Some(Kind::Annex) {
                        self.enter(Kind::Annex);
                        page_break_pending = false;
                    }
                }
                _ => {
                    let in_annex = self.sections.last().map(|s| s.kind) == Some(Kind::Annex);
                    if in_annex && !matches!(block, Block::PageBreak) {
                        self.enter(Kind::Body);
                        page_break_pending = false;
                    }
                }
            }
            if page_break_pending && !matches!(block, Block::PageBreak) {
                self.page_break();
            }
            page_break_pending = false;
            self.block(i, block)?;
        }
        Ok(())
    }

    fn page_break(&mut self) {
        self.push(Item::PageBreak);
    }

    fn block(&mut self, i: usize, block: &Block) -> Result<(), WriteError> {
        match block {
            Block::Heading { level, text } => self.heading(i, *level, text),
            Block::Paragraph(p) => {
                let style = match p.style {
                    ParaStyle::Body => "Body",
                    ParaStyle::Center => "BodyCenter",
                    ParaStyle::Plain => "Plain",
                };
                let para = p.runs.iter().fold(Paragraph::new().style(style), |para, r| para.add_run(run(r)));
                self.para(para);
            }
            Block::Chart(c) => self.chart(c)?,
            Block::AnnexTable { table, caption } => self.annex(i, *table, caption),
            Block::PerfForm { index, .. } => self.perf_form(*index)?,
            Block::Toc => self.toc_block(),
            Block::PageBreak => self.page_break_unless_section_start(),
        }
        Ok(())
    }

    /// A page break, skipped at the very start of a section (the section break is one).
    fn page_break_unless_section_start(&mut self) {
        if self.sections.last().is_some_and(|s| !s.items.is_empty()) {
            self.page_break();
        }
    }

    fn heading(&mut self, i: usize, level: u8, text: &str) {
        let level = level.clamp(1, 4);
        let mut p = Paragraph::new().style(&format!("Heading{level}")).outline_lvl(usize::from(level - 1)).keep_next(true);
        if let Some(id) = self.bookmark_of.get(i).copied().flatten() {
            p = p.add_bookmark_start(id, bookmark_name(id)).add_run(Run::new().add_text(text)).add_bookmark_end(id);
        } else {
            p = p.add_run(Run::new().add_text(text));
        }
        self.para(p);
    }

    /// 目录: a title, then the `TOC` field (begin/instr/separate in the first entry, one cached
    /// entry per level-1/2 heading and 附表 title with a PAGEREF page number, end in a
    /// paragraph of its own); [`TocMode::PagerefOnly`] leaves out the field characters.
    fn toc_block(&mut self) {
        self.para(Paragraph::new().style("TocTitle").add_run(Run::new().add_text("目\u{3000}\u{3000}录")));
        let entries: Vec<(u8, String, usize)> =
            self.toc.iter().enumerate().map(|(k, (_, level, text))| (*level, text.clone(), k + 1)).collect();
        let (field, pages) = match &self.toc_mode {
            TocMode::Field(p) => (true, p.clone()),
            TocMode::PagerefOnly => (false, None),
        };
        let fld = |t: FieldCharType| Run::new().add_field_char(t, false);
        for (k, (level, text, id)) in entries.into_iter().enumerate() {
            let page = pages.as_ref().and_then(|p| p.get(k)).map_or("", String::as_str);
            let mut p = toc_entry_start(level);
            if field && k == 0 {
                p = p
                    .add_run(fld(FieldCharType::Begin))
                    .add_run(Run::new().add_instr_text(InstrText::Unsupported(TOC_INSTR.to_string())))
                    .add_run(fld(FieldCharType::Separate));
            }
            self.para(toc_entry(p, &text, id, page));
        }
        if field {
            self.para(Paragraph::new().style("TOC1").add_run(fld(FieldCharType::End)));
        }
    }

    fn chart(&mut self, c: &Chart) -> Result<(), WriteError> {
        charts::validate(c)?;
        if charts::is_empty(c) {
            self.para(Paragraph::new().style("Body").add_run(Run::new().add_text(empty_chart_sentence(c))));
            return Ok(());
        }
        let index = self.charts.len() + 1;
        let cy = if c.kind == ChartKind::Pie { PIE_CY } else { BAR_CY };
        self.charts.push(ChartPart {
            index,
            number: c.number,
            cx: CHART_CX,
            cy,
            xml: charts::chart_xml(c),
            xlsx: charts::chart_workbook(c)?,
        });
        let marker = package::marker(index);
        self.para(Paragraph::new().style("ChartPara").keep_next(true).add_run(Run::new().add_text(marker)));
        self.para(Paragraph::new().style("Caption").add_run(Run::new().add_text(c.caption.as_str())));
        Ok(())
    }

    fn annex(&mut self, i: usize, id: TableId, caption: &str) {
        let first = self.annex_count == 0 && self.sections.last().is_some_and(|s| s.items.len() <= 1);
        self.annex_count += 1;
        // Outline level 2 (under 第五部分): navigation pane and 目录.
        let title = Paragraph::new().style("AnnexTitle").outline_lvl(1).page_break_before(!first).keep_next(true);
        let title = match self.bookmark_of.get(i).copied().flatten() {
            Some(b) => title.add_bookmark_start(b, bookmark_name(b)).add_run(Run::new().add_text(caption)).add_bookmark_end(b),
            None => title.add_run(Run::new().add_text(caption)),
        };
        self.para(title);
        let code = Paragraph::new().style("AnnexMeta").align(AlignmentType::Right).keep_next(true);
        self.para(code.add_run(Run::new().add_text(id.code())));
        let meta = Paragraph::new()
            .style("AnnexMeta")
            .keep_next(true)
            .add_tab(Tab::new().val(TabValueType::Right).pos(annex::LANDSCAPE_TEXT_WIDTH))
            .add_run(Run::new().add_text(format!("部门：{}", self.book.meta.department)))
            .add_run(Run::new().add_tab().add_text("金额单位：万元"));
        self.para(meta);
        let g = annex::grid(self.book, id);
        self.tables.push(annex::table_xml(&g));
        let marker = package::table_marker(self.tables.len());
        self.para(Paragraph::new().add_run(Run::new().add_text(marker)));
        if let Some(note) = &g.empty_note {
            self.para(Paragraph::new().style("AnnexNote").add_run(Run::new().add_text(note.as_str())));
        }
    }

    /// A 绩效自评表: its title, the table (see [`perf_table`]) and the signature line.
    fn perf_form(&mut self, index: usize) -> Result<(), WriteError> {
        let count = self.book.forms.len();
        let form = index.checked_sub(1).and_then(|k| self.book.forms.get(k)).ok_or(WriteError::MissingForm { index, count })?;
        let title = if form.title.trim().is_empty() { "部门预算项目支出绩效自评表" } else { form.title.trim() };
        self.para(Paragraph::new().style("AnnexTitle").keep_next(true).add_run(Run::new().add_text(title)));
        self.tables.push(perf_table::table_xml(form));
        let marker = package::table_marker(self.tables.len());
        self.para(Paragraph::new().add_run(Run::new().add_text(marker)));
        let (lead, finance) = perf_table::signature(form);
        let sign = Paragraph::new()
            .style("AnnexNote")
            .add_tab(Tab::new().val(TabValueType::Left).pos(PORTRAIT_TEXT_WIDTH / 2))
            .add_run(Run::new().add_text(lead))
            .add_run(Run::new().add_tab().add_text(finance));
        self.para(sign);
        Ok(())
    }

    /// Assembles the docx-rs document: styles, sections, footers, headers, content types.
    fn finish(self) -> (Docx, Vec<ChartPart>, Vec<String>, Vec<bool>) {
        let mut docx = styles(Docx::new());
        let header = draft_header_text(self.doc.draft, crate::narrate::placeholders(self.doc).len());
        let n = self.sections.len();
        let numbered: Vec<bool> = self.sections.iter().map(|s| s.kind != Kind::Front).collect();
        let mut body_started = false;
        for (k, sec) in self.sections.into_iter().enumerate() {
            let restart = sec.kind != Kind::Front && !body_started;
            body_started |= sec.kind != Kind::Front;
            if k + 1 == n {
                docx = last_section(docx, sec, header.as_deref(), restart);
            } else {
                docx = docx.add_section(section(sec, restart));
            }
        }
        for c in &self.charts {
            docx.content_type = docx.content_type.add_content(format!("/{}", ChartPart::part_name(c.index)), package::CHART_CT);
            docx.content_type = docx
                .content_type
                .add_content(format!("/word/embeddings/{}", ChartPart::workbook_name(c.index)), package::XLSX_CT);
        }
        (docx, self.charts, self.tables, numbered)
    }
}

fn page_break_paragraph() -> Paragraph {
    Paragraph::new().style("Plain").add_run(Run::new().add_break(BreakType::Page))
}

/// `_Toc` bookmark names are hidden in Word; numbered in document order.
fn bookmark_name(id: usize) -> String {
    format!("_Toc{id:08}")
}

/// An empty 目录 entry paragraph of `level` (style and the dotted right tab).
fn toc_entry_start(level: u8) -> Paragraph {
    let style = if level <= 1 { "TOC1" } else { "TOC2" };
    Paragraph::new().style(style).add_tab(Tab::new().val(TabValueType::Right).leader(TabLeaderType::Dot).pos(PORTRAIT_TEXT_WIDTH))
}

/// Completes a 目录 entry: text, tab, PAGEREF field whose cached result is `page`.
fn toc_entry(p: Paragraph, text: &str, id: usize, page: &str) -> Paragraph {
    let fld = |t: FieldCharType| Run::new().add_field_char(t, false);
    p.add_run(Run::new().add_text(text))
        .add_run(Run::new().add_tab())
        .add_run(fld(FieldCharType::Begin))
        .add_run(Run::new().add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(bookmark_name(id)).hyperlink())))
        .add_run(fld(FieldCharType::Separate))
        .add_run(Run::new().add_text(page))
        .add_run(fld(FieldCharType::End))
}

/// A document run → a docx-rs run (placeholders highlighted yellow).
fn run(r: &DocRun) -> Run {
    let mut out = Run::new().add_text(r.text.as_str());
    if r.bold {
        out = out.bold();
    }
    if r.placeholder {
        out = out.highlight("yellow");
    }
    out
}

/// The sentence that replaces a chart with nothing to draw.
fn empty_chart_sentence(c: &Chart) -> String {
    let title = c.caption.split_once('：').map_or(c.caption.as_str(), |(_, t)| t);
    let title = title.trim_end_matches('图');
    format!("{title}的数据均为0，不绘制图{}。", c.number)
}

// ───────────────────────── sections ─────────────────────────

fn portrait_margin() -> PageMargin {
    PageMargin::new().top(2098).bottom(1984).left(1587).right(1474).header(851).footer(1304).gutter(0)
}

fn landscape_margin() -> PageMargin {
    PageMargin::new().top(1587).bottom(1474).left(1440).right(1440).header(720).footer(850).gutter(0)
}

fn page_size(kind: Kind) -> PageSize {
    match kind {
        Kind::Annex => PageSize::new().size(16838, 11906).orient(PageOrientationType::Landscape),
        _ => PageSize::new().size(11906, 16838),
    }
}

fn margin(kind: Kind) -> PageMargin {
    match kind {
        Kind::Annex => landscape_margin(),
        _ => portrait_margin(),
    }
}

/// An earlier section. Its header/footer references are copied from the last section by
/// [`package`] (docx-rs 0.4.22's `add_section` keeps only the first of a section's
/// headers/footers, so they are not set here).
fn section(sec: Sec, restart: bool) -> Section {
    let mut s = Section::new().page_size(page_size(sec.kind)).page_margin(margin(sec.kind));
    if sec.kind == Kind::Annex {
        s = s.page_orient(PageOrientationType::Landscape);
    }
    if restart {
        s = s.page_num_type(PageNumType::new().start(1));
    }
    for item in sec.items {
        s = match item {
            Item::Para(p) => s.add_paragraph(*p),
            Item::PageBreak => s.add_paragraph(page_break_paragraph()),
        };
    }
    s
}

fn last_section(mut docx: Docx, sec: Sec, header: Option<&str>, restart: bool) -> Docx {
    let (w, h) = if sec.kind == Kind::Annex { (16838, 11906) } else { (11906, 16838) };
    docx = docx.page_size(w, h).page_margin(margin(sec.kind));
    if sec.kind == Kind::Annex {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    if sec.kind != Kind::Front {
        docx = docx.footer(footer(false)).even_footer(footer(true));
    }
    if restart {
        docx = docx.page_num_type(PageNumType::new().start(1));
    }
    if let Some(text) = header {
        docx = docx.header(draft_header(text)).even_header(draft_header(text));
    }
    for item in sec.items {
        docx = match item {
            Item::Para(p) => docx.add_paragraph(*p),
            Item::PageBreak => docx.add_paragraph(page_break_paragraph()),
        };
    }
    docx
}

/// “— N —”: odd pages right with one character's indent, even pages left.
fn footer(even: bool) -> Footer {
    let (align, indent) = if even { (AlignmentType::Left, (Some(280), None)) } else { (AlignmentType::Right, (None, Some(280))) };
    let p = Paragraph::new()
        .style("PageFooter")
        .align(align)
        .indent(indent.0, None, indent.1, None)
        .add_run(Run::new().add_text("— "))
        .add_page_num(docx_rs::PageNum::new())
        .add_run(Run::new().add_text(" —"));
    Footer::new().add_paragraph(p)
}

/// The page header of a draft: a report with check 错误 (`--force`) or with placeholders left
/// is visibly unfinished on every page; a finished report has none.
///
/// ```
/// use juesuan::write::draft_header_text;
/// assert_eq!(draft_header_text(false, 0), None);
/// assert_eq!(draft_header_text(false, 3).as_deref(), Some("草稿 · 待补充3处"));
/// assert_eq!(draft_header_text(true, 0).as_deref(), Some("草稿 · 未经审核，不得公开"));
/// assert_eq!(draft_header_text(true, 2).as_deref(), Some("草稿 · 未经审核，不得公开 · 待补充2处"));
/// ```
pub fn draft_header_text(errors: bool, placeholders: usize) -> Option<String> {
    let todo = (placeholders > 0).then(|| format!("待补充{placeholders}处"));
    match (errors, todo) {
        (false, None) => None,
        (false, Some(t)) => Some(format!("草稿 · {t}")),
        (true, None) => Some("草稿 · 未经审核，不得公开".into()),
        (true, Some(t)) => Some(format!("草稿 · 未经审核，不得公开 · {t}")),
    }
}

/// The 草稿 mark at the top of every page of a draft.
fn draft_header(text: &str) -> Header {
    let p = Paragraph::new().style("DraftHeader").add_run(Run::new().add_text(text).color("C00000").bold());
    Header::new().add_paragraph(p)
}

// ───────────────────────── styles ─────────────────────────

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().ascii(LATIN).hi_ansi(LATIN).cs(LATIN).east_asia(east_asia)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(line)
}

fn single() -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0)
}

fn para_style(id: &str, name: &str, font: &str, half_points: usize) -> Style {
    Style::new(id, StyleType::Paragraph).name(name).fonts(fonts(font)).size(half_points).q_format(true)
}

/// All paragraph styles; docDefaults carry 仿宋 三号 and exact 28 pt.
fn styles(docx: Docx) -> Docx {
    let body_indent = Some(SpecialIndentType::FirstLine(640));
    docx.default_fonts(fonts(FANGSONG))
        .default_size(32)
        .add_style(
            para_style("Body", "正文文本", FANGSONG, 32)
                .line_spacing(exact(LINE_EXACT))
                .indent(None, body_indent, None, None)
                .align(AlignmentType::Both),
        )
        .add_style(para_style("BodyCenter", "居中正文", FANGSONG, 32).line_spacing(exact(LINE_EXACT)).align(AlignmentType::Center))
        .add_style(para_style("Plain", "无缩进正文", FANGSONG, 32).line_spacing(exact(LINE_EXACT)).align(AlignmentType::Both))
        .add_style(heading(1, HEITI, 36).indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None).align(AlignmentType::Center).line_spacing(exact(LINE_EXACT).before(240).after(240)))
        .add_style(heading(2, HEITI, 32).indent(None, body_indent, None, None))
        .add_style(heading(3, KAITI, 32).indent(None, body_indent, None, None))
        .add_style(heading(4, FANGSONG, 32).bold().indent(None, body_indent, None, None))
        .add_style(para_style("ChartPara", "图表", FANGSONG, 21).line_spacing(single().before(120)).align(AlignmentType::Center))
        .add_style(para_style("Caption", "图题", KAITI, 28).line_spacing(exact(LINE_EXACT).after(120)).align(AlignmentType::Center))
        .add_style(para_style("Cover", "封面", FANGSONG, 32).line_spacing(exact(LINE_EXACT)).align(AlignmentType::Center))
        .add_style(para_style("CoverTitle", "封面标题", XBS, 52).line_spacing(exact(900)).align(AlignmentType::Center))
        .add_style(para_style("TocTitle", "目录标题", HEITI, 36).line_spacing(exact(LINE_EXACT).after(240)).align(AlignmentType::Center))
        .add_style(para_style("TOC1", "toc 1", HEITI, 32).line_spacing(exact(LINE_EXACT)))
        .add_style(para_style("TOC2", "toc 2", FANGSONG, 32).line_spacing(exact(LINE_EXACT)).indent(Some(640), None, None, None))
        .add_style(para_style("AnnexTitle", "附表标题", HEITI, 32).line_spacing(single().after(120)).align(AlignmentType::Center))
        .add_style(para_style("AnnexMeta", "附表表头信息", FANGSONG, 21).line_spacing(single()))
        .add_style(para_style("AnnexNote", "附表说明", FANGSONG, 21).line_spacing(single().before(120)))
        .add_style(para_style(TABLE_STYLE, "表格文字", FANGSONG, 20).line_spacing(single()))
        .add_style(para_style("PageFooter", "页脚", SONGTI, 28).line_spacing(single()))
        .add_style(para_style("DraftHeader", "草稿页眉", HEITI, 24).line_spacing(single()).align(AlignmentType::Center))
}

/// `Heading N` styles with outline levels, named `heading N` so Word recognises them.
fn heading(level: usize, font: &str, half_points: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Body")
        .next("Body")
        .fonts(fonts(font))
        .size(half_points)
        .outline_lvl(level - 1)
        .line_spacing(exact(LINE_EXACT))
        .q_format(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Series;
    use rust_decimal::Decimal;

    #[test]
    fn empty_chart_sentence_names_the_chart() {
        let c = Chart {
            number: 7,
            kind: ChartKind::Pie,
            caption: "图7：“三公”经费财政拨款支出结构".into(),
            categories: vec!["a".into()],
            series: vec![Series { name: "s".into(), values: vec![Decimal::ZERO] }],
        };
        assert_eq!(empty_chart_sentence(&c), "“三公”经费财政拨款支出结构的数据均为0，不绘制图7。");
    }

    #[test]
    fn bookmark_names_are_fixed_width() {
        assert_eq!(bookmark_name(3), "_Toc00000003");
    }
}
