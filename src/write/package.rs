//! Extends docx-rs's output with what it cannot write, then writes the zip ourselves.
//!
//! docx-rs builds the text layer into an [`XMLDocx`] (one `Vec<u8>` per part). Here we
//! patch those parts with exact-string edits on its known serialisation, each anchor checked:
//! - `word/document.xml`: chart marker runs → inline `c:chart` drawings; `w14:paraId`
//!   attributes dropped (docx-rs takes them from a per-thread counter, so they would differ
//!   between runs); `<w:tblHeader/>` added to header rows (marked with `w:cantSplit`);
//!   last, the 附表 marker paragraphs → the tables' `w:tbl` XML written by `annex`;
//! - `word/_rels/document.xml.rels`: one `…/relationships/chart` entry per chart;
//! - `word/styles.xml`: `w:lang` (zh-CN) in the document defaults;
//! - `word/fontTable.xml`: the CJK fonts with `w:altName` fallbacks;
//! - `word/settings.xml`: `w:updateFields` so Word refreshes the 目录 page numbers;
//! - schema order (ECMA-376 transitional `wml.xsd`) restored where docx-rs writes children
//!   out of sequence and the fix is a cheap reorder: every `w:sectPr` (docx-rs puts
//!   `w:footerReference` and `w:pgNumType` after `w:cols`) and the `w:settings` root
//!   (`w:defaultTabStop` before `w:zoom`, `w:evenAndOddHeaders` after `w:compat`); every
//!   `w:pPr`/`w:rPr` of the document, footers and styles (`w:rPr` first in `w:pPr`,
//!   `w:sz` before `w:rFonts`, `w:jc` before `w:ind`/`w:spacing`) and every `w:style`
//!   (`w:rPr` before `w:pPr`); the empty `<w:rPr />` docx-rs puts in style and numbering
//!   `w:pPr` (CT_PPrGeneral, which has no `w:rPr`) is dropped.
//!
//! Then the zip is written with a fixed entry order, the fixed 1980-01-01 time and deflate,
//! so the same input always gives the same bytes.

use super::WriteError;
use super::charts;
use docx_rs::XMLDocx;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// Content type of a chart part.
pub(crate) const CHART_CT: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/// Content type of an embedded workbook.
pub(crate) const XLSX_CT: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Relationship type of a chart.
const CHART_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
/// Marker text placed in a chart paragraph by the document builder.
pub(crate) const MARKER_PREFIX: &str = "@@CHART";
/// Marker text suffix.
const MARKER_SUFFIX: &str = "@@";

/// One chart to add to the package: its number (图N), drawing size and parts.
pub(crate) struct ChartPart {
    /// 1-based position among the package's charts (chartK.xml).
    pub index: usize,
    /// 图N.
    pub number: u8,
    /// Width in EMU.
    pub cx: u64,
    /// Height in EMU.
    pub cy: u64,
    /// `c:chartSpace` XML.
    pub xml: String,
    /// Embedded workbook bytes.
    pub xlsx: Vec<u8>,
}

impl ChartPart {
    /// `word/charts/chartK.xml`.
    pub(crate) fn part_name(index: usize) -> String {
        format!("word/charts/chart{index}.xml")
    }
    /// `word/embeddings/Microsoft_Excel_WorksheetK.xlsx`.
    pub(crate) fn workbook_name(index: usize) -> String {
        format!("Microsoft_Excel_Worksheet{index}.xlsx")
    }
}

/// Marker text of an 附表 paragraph placed by the document builder.
pub(crate) const TABLE_MARKER_PREFIX: &str = "@@TABLE";

/// The marker text of 附表 table `k` (1-based, `@@TABLEk@@`).
pub(crate) fn table_marker(index: usize) -> String {
    format!("{TABLE_MARKER_PREFIX}{index}{MARKER_SUFFIX}")
}

/// The marker text of chart index `k` (`@@CHARTk@@`).
pub(crate) fn marker(index: usize) -> String {
    format!("{MARKER_PREFIX}{index}{MARKER_SUFFIX}")
}

/// Patches the built parts and writes the package.
///
/// `numbered[i]` tells whether section `i` (in document order) shows page numbers: those get
/// the last section's footer references; every section gets its header references (草稿).
///
/// `tables[k - 1]` is the `w:tbl` XML that replaces the paragraph holding `@@TABLEk@@`; they
/// are swapped in last, so the other patches only copy the (small) rest of the document.
pub(crate) fn assemble(mut x: XMLDocx, charts: &[ChartPart], tables: &[String], numbered: &[bool]) -> Result<Vec<u8>, WriteError> {
    x.document = patch_document(&x.document, charts)?;
    x.document = share_headers_footers(&x.document, numbered)?;
    x.document = order_sect_prs(&x.document, numbered.len())?;
    x.document = order_properties(&x.document, "document.xml")?;
    x.document = insert_tables(&x.document, tables)?;
    x.document_rels = patch_rels(&x.document_rels, charts)?;
    x.styles = insert_before(&x.styles, "</w:rPr></w:rPrDefault>", LANG, "styles.xml")?;
    x.font_table = insert_before(&x.font_table, "</w:fonts>", &cjk_fonts(), "fontTable.xml")?;
    x.settings = insert_before(&x.settings, "<w:compat>", UPDATE_FIELDS, "settings.xml")?;
    x.settings = order_settings(&x.settings)?;
    x.styles = order_styles(&x.styles)?;
    x.numberings = drop_general_ppr_rpr(&x.numberings);
    x.content_type = patch_content_types(&x.content_type)?;
    x.document_rels = patch_document_rels_parts(&x.document_rels)?;
    for h in x.headers.iter_mut().chain(x.footers.iter_mut()) {
        *h = strip_para_ids(&String::from_utf8_lossy(h)).into_bytes();
        *h = order_properties(h, "页眉页脚")?;
    }
    write_zip(&x, charts)
}

/// `w:lang` for the document defaults.
const LANG: &str = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA" />"#;
/// Ask Word to update fields (the 目录 PAGEREFs) when the document is opened.
const UPDATE_FIELDS: &str = r#"<w:updateFields w:val="true" />"#;

/// Inserts `what` before the single occurrence of `anchor`.
fn insert_before(part: &[u8], anchor: &str, what: &str, name: &str) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(part).map_err(|e| WriteError::Patch(format!("{name} 不是 UTF-8：{e}")))?;
    let at = s
        .find(anchor)
        .ok_or_else(|| WriteError::Patch(format!("{name} 中找不到 {anchor}")))?;
    let mut out = String::with_capacity(s.len() + what.len());
    out.push_str(&s[..at]);
    out.push_str(what);
    out.push_str(&s[at..]);
    Ok(out.into_bytes())
}

/// fontTable entries for the 公文 fonts, each with an `altName` a stock Windows has.
fn cjk_fonts() -> String {
    let fonts = [
        ("仿宋_GB2312", "仿宋", "modern"),
        ("楷体_GB2312", "楷体", "modern"),
        ("黑体", "SimHei", "modern"),
        ("宋体", "SimSun", "auto"),
        ("方正小标宋简体", "宋体", "auto"),
    ];
    let mut s = String::new();
    for (name, alt, family) in fonts {
        s.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}" /><w:charset w:val="86" /><w:family w:val="{family}" /><w:pitch w:val="fixed" /></w:font>"#
        ));
    }
    s
}

/// Single pass over `document.xml`: chart markers → drawings, `w14:paraId` dropped,
/// `w:tblHeader` after `w:cantSplit`.
fn patch_document(doc: &[u8], charts: &[ChartPart]) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(doc).map_err(|e| WriteError::Patch(format!("document.xml 不是 UTF-8：{e}")))?;
    let s = strip_para_ids(s);
    let s = s
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .replace("<w:p><w:pPr><w:sectPr>", SECT_PARA);
    replace_markers(&strip_grid_col_type(&s), charts)
}

/// Drops the non-schema `w:type` attribute docx-rs writes on `w:gridCol`.
pub(crate) fn strip_grid_col_type(s: &str) -> String {
    const COL: &str = "<w:gridCol ";
    const ATTR: &str = r#" w:type="dxa""#;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(COL) {
        let end = rest[at..].find("/>").map_or(rest.len(), |e| at + e + 2);
        out.push_str(&rest[..at]);
        out.push_str(&rest[at..end].replace(ATTR, ""));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The empty paragraph docx-rs adds to carry a section's `sectPr` is made 1 pt high, so it
/// cannot push a blank page after a full one.
const SECT_PARA: &str = r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact" /><w:rPr><w:sz w:val="2" /></w:rPr><w:sectPr>"#;

/// Removes every ` w14:paraId="…"` attribute (optional and ignorable; docx-rs numbers them
/// from a per-thread counter, which would make output depend on earlier work).
pub(crate) fn strip_para_ids(s: &str) -> String {
    const ATTR: &str = r#" w14:paraId=""#;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(ATTR) {
        out.push_str(&rest[..at]);
        let after = &rest[at + ATTR.len()..];
        match after.find('"') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces each marker run `<w:r>…@@CHARTk@@…</w:r>` by the chart's drawing run.
fn replace_markers(s: &str, charts: &[ChartPart]) -> Result<Vec<u8>, WriteError> {
    let mut out = String::with_capacity(s.len() + charts.len() * 1024);
    let mut rest = s;
    let mut found = 0usize;
    while let Some(at) = rest.find(MARKER_PREFIX) {
        let run_start = rest[..at]
            .rfind("<w:r>")
            .ok_or_else(|| WriteError::Patch("图表占位符不在 w:r 中".into()))?;
        let tail = &rest[at..];
        let num_end = tail[MARKER_PREFIX.len()..]
            .find(MARKER_SUFFIX)
            .ok_or_else(|| WriteError::Patch("图表占位符不完整".into()))?;
        let index: usize = tail[MARKER_PREFIX.len()..MARKER_PREFIX.len() + num_end]
            .parse()
            .map_err(|_| WriteError::Patch("图表占位符编号无效".into()))?;
        let run_end = tail
            .find("</w:r>")
            .ok_or_else(|| WriteError::Patch("图表占位符所在 w:r 未闭合".into()))?;
        let part = charts
            .iter()
            .find(|c| c.index == index)
            .ok_or_else(|| WriteError::Patch(format!("图表占位符 {index} 没有对应的图表")))?;
        out.push_str(&rest[..run_start]);
        write_drawing_run(&mut out, part);
        rest = &tail[run_end + "</w:r>".len()..];
        found += 1;
    }
    out.push_str(rest);
    if found != charts.len() {
        return Err(WriteError::Patch(format!("找到{found}个图表占位符，应为{}个", charts.len())));
    }
    Ok(out.into_bytes())
}

/// Replaces each marker paragraph `<w:p>…@@TABLEk@@…</w:p>` by `tables[k - 1]`.
fn insert_tables(doc: &[u8], tables: &[String]) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(doc).map_err(|e| WriteError::Patch(format!("document.xml 不是 UTF-8：{e}")))?;
    let mut out = String::with_capacity(s.len() + tables.iter().map(String::len).sum::<usize>());
    let mut rest = s;
    let mut found = 0usize;
    while let Some(at) = rest.find(TABLE_MARKER_PREFIX) {
        let para_start = rest[..at]
            .rfind("<w:p>")
            .ok_or_else(|| WriteError::Patch("附表占位符不在 w:p 中".into()))?;
        let tail = &rest[at + TABLE_MARKER_PREFIX.len()..];
        let num_end = tail.find(MARKER_SUFFIX).ok_or_else(|| WriteError::Patch("附表占位符不完整".into()))?;
        let index: usize = tail[..num_end].parse().map_err(|_| WriteError::Patch("附表占位符编号无效".into()))?;
        let para_end = tail.find("</w:p>").ok_or_else(|| WriteError::Patch("附表占位符所在 w:p 未闭合".into()))?;
        let table = index
            .checked_sub(1)
            .and_then(|k| tables.get(k))
            .ok_or_else(|| WriteError::Patch(format!("附表占位符 {index} 没有对应的表格")))?;
        out.push_str(&rest[..para_start]);
        out.push_str(table);
        rest = &tail[para_end + "</w:p>".len()..];
        found += 1;
    }
    out.push_str(rest);
    if found != tables.len() {
        return Err(WriteError::Patch(format!("找到{found}个附表占位符，应为{}个", tables.len())));
    }
    Ok(out.into_bytes())
}

// Write the <w:r><w:drawing><wp:inline> run holding a chart.
fn write_drawing_run(out: &mut String, c: &ChartPart) {
    let k = c.index;
    out.push_str(&format!(
        concat!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
            r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
            r#"<wp:docPr id="{k}" name="图表 {k}" descr="图{n}"/><wp:cNvGraphicFramePr/>"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
            r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#,
            r#"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart{k}"/>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ),
        cx = c.cx,
        cy = c.cy,
        k = k,
        n = c.number
    ));
}

/// Copies the last section's `headerReference`s (all sections) and `footerReference`s
/// (numbered sections) to the earlier sections' `sectPr`, at the start where the schema
/// wants them. All sections thus share the same header/footer parts.
fn share_headers_footers(doc: &[u8], numbered: &[bool]) -> Result<Vec<u8>, WriteError> {
    const OPEN: &str = "<w:sectPr>";
    let s = std::str::from_utf8(doc).map_err(|e| WriteError::Patch(format!("document.xml 不是 UTF-8：{e}")))?;
    let starts: Vec<usize> = s.match_indices(OPEN).map(|(i, _)| i).collect();
    if starts.len() != numbered.len() {
        return Err(WriteError::Patch(format!("document.xml 有{}个分节，应为{}个", starts.len(), numbered.len())));
    }
    let Some(&last) = starts.last() else { return Ok(doc.to_vec()) };
    let last_sect = &s[last..s[last..].find("</w:sectPr>").map_or(s.len(), |e| last + e)];
    let headers = references(last_sect, "<w:headerReference ");
    let footers = references(last_sect, "<w:footerReference ");
    let mut out = String::with_capacity(s.len() + starts.len() * (headers.len() + footers.len()));
    let mut prev = 0;
    for (k, &at) in starts.iter().enumerate().take(starts.len() - 1) {
        let insert_at = at + OPEN.len();
        out.push_str(&s[prev..insert_at]);
        out.push_str(&headers);
        if numbered[k] {
            out.push_str(&footers);
        }
        prev = insert_at;
    }
    out.push_str(&s[prev..]);
    Ok(out.into_bytes())
}

/// The concatenated `<w:…Reference … />` elements starting with `prefix` in `sect`.
fn references(sect: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = sect;
    while let Some(at) = rest.find(prefix) {
        let end = rest[at..].find("/>").map_or(rest.len(), |e| at + e + 2);
        out.push_str(&rest[at..end]);
        rest = &rest[end..];
    }
    out
}

/// CT_SectPr child order (wml.xsd).
const SECT_PR_ORDER: &[&str] = &[
    "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar",
    "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
    "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
    "w:sectPrChange",
];

/// CT_Settings child order (wml.xsd), the part of it docx-rs and we can write.
const SETTINGS_ORDER: &[&str] = &[
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:mirrorMargins",
    "w:trackRevisions", "w:documentProtection", "w:defaultTabStop", "w:autoHyphenation", "w:evenAndOddHeaders",
    "w:characterSpacingControl", "w:updateFields", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
    "w:rsids", "w:themeFontLang", "w:clrSchemeMapping", "w:shapeDefaults", "w:decimalSymbol", "w:listSeparator",
];

/// CT_PPr child order (wml.xsd).
const PPR_ORDER: &[&str] = &[
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
];

/// CT_ParaRPr / CT_RPr child order (wml.xsd).
const RPR_ORDER: &[&str] = &[
    "w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps",
    "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange",
];

/// CT_Style child order (wml.xsd).
const STYLE_ORDER: &[&str] = &[
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
    "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
    "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
];

/// Puts the children of every `tag` element of `s` (open tag with or without attributes,
/// not self-closing, no same-name nesting) into `order`.
fn order_all(s: &str, tag: &str, order: &[&str], part: &str) -> Result<String, WriteError> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        let tag_len = after.find('>').ok_or_else(|| WriteError::Patch(format!("{part} 中 <{tag} 不完整")))?;
        // `<w:pPrDefault>`, `<w:styles …>` share the prefix; `<w:rPr />` has no children.
        if !after.starts_with(['>', ' ']) || after[..tag_len].ends_with('/') {
            let skip = at + open.len();
            out.push_str(&rest[..skip]);
            rest = &rest[skip..];
            continue;
        }
        let inner_start = at + open.len() + tag_len + 1;
        let len = rest[inner_start..].find(&close).ok_or_else(|| WriteError::Patch(format!("{part} 中 {tag} 未闭合")))?;
        let sorted = reorder_children(&rest[inner_start..inner_start + len], order)
            .ok_or_else(|| WriteError::Patch(format!("{part} 中 {tag} 内容无法解析")))?;
        out.push_str(&rest[..inner_start]);
        out.push_str(&sorted);
        rest = &rest[inner_start + len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Every `w:pPr` then every `w:rPr` of a part in schema order.
fn order_properties(part: &[u8], name: &str) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(part).map_err(|e| WriteError::Patch(format!("{name} 不是 UTF-8：{e}")))?;
    let s = order_all(s, "w:pPr", PPR_ORDER, name)?;
    Ok(order_all(&s, "w:rPr", RPR_ORDER, name)?.into_bytes())
}

/// Drops the empty `<w:rPr />` docx-rs writes first in a style's or numbering level's
/// `w:pPr` (CT_PPrGeneral has no `w:rPr`).
fn drop_general_ppr_rpr(part: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(part).replace("<w:pPr><w:rPr /></w:pPr>", "").replace("<w:pPr><w:rPr />", "<w:pPr>").into_bytes()
}

/// `styles.xml`: CT_PPrGeneral without `w:rPr`, then style, pPr and rPr children in order.
fn order_styles(styles: &[u8]) -> Result<Vec<u8>, WriteError> {
    let s = drop_general_ppr_rpr(styles);
    let s = order_properties(&s, "styles.xml")?;
    let s = std::str::from_utf8(&s).map_err(|e| WriteError::Patch(format!("styles.xml 不是 UTF-8：{e}")))?;
    Ok(order_all(s, "w:style", STYLE_ORDER, "styles.xml")?.into_bytes())
}

/// The direct child elements of `inner` (content of one element, no text between
/// children), each as its full slice with its qualified name; `None` if it is not that.
fn child_elements(inner: &str) -> Option<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let body = rest.strip_prefix('<')?;
        let name_len = body.find([' ', '/', '>'])?;
        let name = &body[..name_len];
        if name.starts_with(['/', '?', '!']) || name.is_empty() {
            return None;
        }
        let tag_end = body.find('>')? + 1;
        let end = if body[..tag_end].ends_with("/>") {
            tag_end + 1
        } else {
            // Same-name nesting does not occur in the parts reordered here; the first close tag ends it.
            let close = format!("</{name}>");
            let at = body.find(&close)?;
            at + close.len() + 1
        };
        out.push((name, &rest[..end]));
        rest = &rest[end..];
    }
    Some(out)
}

/// `inner` with its direct children stably sorted into `order` (unlisted names last).
/// `None` if `inner` is not a plain sequence of elements.
fn reorder_children(inner: &str, order: &[&str]) -> Option<String> {
    let mut kids = child_elements(inner)?;
    kids.sort_by_key(|(name, _)| order.iter().position(|o| o == name).unwrap_or(order.len()));
    Some(kids.iter().map(|(_, xml)| *xml).collect())
}

/// Puts the children of each of the `expected` `<w:sectPr>` elements into CT_SectPr order.
fn order_sect_prs(doc: &[u8], expected: usize) -> Result<Vec<u8>, WriteError> {
    const OPEN: &str = "<w:sectPr>";
    const CLOSE: &str = "</w:sectPr>";
    let s = std::str::from_utf8(doc).map_err(|e| WriteError::Patch(format!("document.xml 不是 UTF-8：{e}")))?;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut found = 0usize;
    while let Some(at) = rest.find(OPEN) {
        let inner_start = at + OPEN.len();
        let len = rest[inner_start..]
            .find(CLOSE)
            .ok_or_else(|| WriteError::Patch("document.xml 中 w:sectPr 未闭合".into()))?;
        let inner = &rest[inner_start..inner_start + len];
        let sorted = reorder_children(inner, SECT_PR_ORDER)
            .ok_or_else(|| WriteError::Patch("document.xml 中 w:sectPr 内容无法解析".into()))?;
        out.push_str(&rest[..inner_start]);
        out.push_str(&sorted);
        rest = &rest[inner_start + len..];
        found += 1;
    }
    out.push_str(rest);
    if found != expected {
        return Err(WriteError::Patch(format!("document.xml 有{found}个 w:sectPr，应为{expected}个")));
    }
    Ok(out.into_bytes())
}

/// Puts the children of the `w:settings` root into CT_Settings order.
fn order_settings(settings: &[u8]) -> Result<Vec<u8>, WriteError> {
    const CLOSE: &str = "</w:settings>";
    let s = std::str::from_utf8(settings).map_err(|e| WriteError::Patch(format!("settings.xml 不是 UTF-8：{e}")))?;
    let open = s.find("<w:settings ").ok_or_else(|| WriteError::Patch("settings.xml 中找不到 <w:settings".into()))?;
    let inner_start = open + s[open..].find('>').ok_or_else(|| WriteError::Patch("settings.xml 根元素不完整".into()))? + 1;
    let inner_end = s.rfind(CLOSE).ok_or_else(|| WriteError::Patch(format!("settings.xml 中找不到 {CLOSE}")))?;
    let sorted = reorder_children(&s[inner_start..inner_end], SETTINGS_ORDER)
        .ok_or_else(|| WriteError::Patch("settings.xml 内容无法解析".into()))?;
    Ok(format!("{}{sorted}{}", &s[..inner_start], &s[inner_end..]).into_bytes())
}

/// The theme part (colours and the 黑体/仿宋 font scheme; Word expects a theme relationship
/// from the main document, and chart scheme colours resolve against it).
pub(crate) const THEME_PART: &str = "word/theme/theme1.xml";
/// Content of [`THEME_PART`].
const THEME_XML: &str = include_str!("theme.xml");
/// Content type of the theme part.
const THEME_CT: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
/// Relationship type of the theme part.
const THEME_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// Parts docx-rs declares but the package does not write (see [`parts`]).
const UNWRITTEN: &[&str] = &["/word/comments.xml", "/word/commentsExtended.xml", "/word/numbering.xml", "/word/footnotes.xml"];

/// `[Content_Types].xml`: overrides of the unwritten parts dropped, the theme's added.
fn patch_content_types(ct: &[u8]) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(ct).map_err(|e| WriteError::Patch(format!("[Content_Types].xml 不是 UTF-8：{e}")))?;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("<Override ") {
        let end = rest[at..].find("/>").map_or(rest.len(), |e| at + e + 2);
        let el = &rest[at..end];
        out.push_str(&rest[..at]);
        if !UNWRITTEN.iter().any(|p| el.contains(&format!(r#"PartName="{p}""#))) {
            out.push_str(el);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let theme = format!(r#"<Override PartName="/{THEME_PART}" ContentType="{THEME_CT}" />"#);
    insert_before(out.as_bytes(), "</Types>", &theme, "[Content_Types].xml")
}

/// `document.xml.rels`: relationships to unwritten parts dropped, the theme's added.
fn patch_document_rels_parts(rels: &[u8]) -> Result<Vec<u8>, WriteError> {
    let s = std::str::from_utf8(rels).map_err(|e| WriteError::Patch(format!("document.xml.rels 不是 UTF-8：{e}")))?;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("<Relationship ") {
        let end = rest[at..].find("/>").map_or(rest.len(), |e| at + e + 2);
        let el = &rest[at..end];
        out.push_str(&rest[..at]);
        if !UNWRITTEN.iter().any(|p| el.contains(&format!(r#"Target="{}""#, p.trim_start_matches("/word/")))) {
            out.push_str(el);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let theme = format!(r#"<Relationship Id="rIdTheme1" Type="{THEME_REL}" Target="theme/theme1.xml" />"#);
    insert_before(out.as_bytes(), "</Relationships>", &theme, "document.xml.rels")
}

/// Adds one chart relationship per chart to `document.xml.rels`.
fn patch_rels(rels: &[u8], charts: &[ChartPart]) -> Result<Vec<u8>, WriteError> {
    let mut add = String::new();
    for c in charts {
        add.push_str(&format!(
            r#"<Relationship Id="rIdChart{k}" Type="{CHART_REL}" Target="charts/chart{k}.xml" />"#,
            k = c.index
        ));
    }
    insert_before(rels, "</Relationships>", &add, "document.xml.rels")
}

/// Every part of the package, in the order written.
pub(crate) fn parts<'a>(x: &'a XMLDocx, charts: &'a [ChartPart]) -> Vec<(String, Part<'a>)> {
    let mut v: Vec<(String, Part<'a>)> = vec![
        ("[Content_Types].xml".into(), Part::Xml(&x.content_type)),
        ("_rels/.rels".into(), Part::Xml(&x.rels)),
        ("docProps/app.xml".into(), Part::Xml(&x.doc_props.app)),
        ("docProps/core.xml".into(), Part::Xml(&x.doc_props.core)),
        ("docProps/custom.xml".into(), Part::Xml(&x.doc_props.custom)),
        ("word/_rels/document.xml.rels".into(), Part::Xml(&x.document_rels)),
        ("word/document.xml".into(), Part::Xml(&x.document)),
        ("word/styles.xml".into(), Part::Xml(&x.styles)),
        ("word/settings.xml".into(), Part::Xml(&x.settings)),
        ("word/fontTable.xml".into(), Part::Xml(&x.font_table)),
        (THEME_PART.into(), Part::Text(THEME_XML)),
    ];
    // docx-rs also builds comments.xml, commentsExtended.xml, numbering.xml and footnotes.xml;
    // the report uses none of them and nothing references them, so they are not written.
    for (i, h) in x.headers.iter().enumerate() {
        v.push((format!("word/header{}.xml", i + 1), Part::Xml(h)));
        if let Some(r) = x.header_rels.get(i) {
            v.push((format!("word/_rels/header{}.xml.rels", i + 1), Part::Xml(r)));
        }
    }
    for (i, f) in x.footers.iter().enumerate() {
        v.push((format!("word/footer{}.xml", i + 1), Part::Xml(f)));
        if let Some(r) = x.footer_rels.get(i) {
            v.push((format!("word/_rels/footer{}.xml.rels", i + 1), Part::Xml(r)));
        }
    }
    for c in charts {
        v.push((ChartPart::part_name(c.index), Part::Text(c.xml.as_str())));
        v.push((
            format!("word/charts/_rels/chart{}.xml.rels", c.index),
            Part::Owned(charts::chart_rels_xml(&ChartPart::workbook_name(c.index))),
        ));
        v.push((format!("word/embeddings/{}", ChartPart::workbook_name(c.index)), Part::Binary(&c.xlsx)));
    }
    v
}

/// The bytes of one part.
pub(crate) enum Part<'a> {
    /// An XML part built by docx-rs.
    Xml(&'a [u8]),
    /// A text part we wrote.
    Text(&'a str),
    /// A text part built on the fly.
    Owned(String),
    /// Already-compressed binary (xlsx): stored, not deflated.
    Binary(&'a [u8]),
}

/// Parses one XML part once (well-formed, end tags matching, no character XML forbids):
/// a part that fails is an error, so no report that would not open is ever written.
pub(crate) fn self_check(name: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let fail = |reason: String| WriteError::SelfCheck { part: name.to_string(), reason };
    let text = std::str::from_utf8(bytes).map_err(|e| fail(format!("不是 UTF-8：{e}")))?;
    if let Some(c) = text.chars().find(|&c| crate::model::is_xml_forbidden(c)) {
        return Err(fail(format!("含有 XML 不允许的字符 U+{:04X}", c as u32)));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(fail(format!("位置 {}：{e}", reader.buffer_position()))),
        }
    }
    if depth != 0 {
        return Err(fail("元素未闭合".into()));
    }
    Ok(())
}

/// Writes the zip: fixed order, fixed time (1980-01-01), deflate level 1 (xlsx stored).
fn write_zip(x: &XMLDocx, charts: &[ChartPart]) -> Result<Vec<u8>, WriteError> {
    let zerr = |e: zip::result::ZipError| WriteError::Zip(e.to_string());
    let ioerr = |e: std::io::Error| WriteError::Zip(e.to_string());
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let deflate = base.compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    let stored = base.compression_method(zip::CompressionMethod::Stored);
    for (name, part) in parts(x, charts) {
        let (opts, bytes): (SimpleFileOptions, &[u8]) = match &part {
            Part::Xml(b) => (deflate, b),
            Part::Text(t) => (deflate, t.as_bytes()),
            Part::Owned(t) => (deflate, t.as_bytes()),
            Part::Binary(b) => (stored, b),
        };
        if name.ends_with(".xml") || name.ends_with(".rels") {
            self_check(&name, bytes)?;
        }
        zw.start_file(name, opts).map_err(zerr)?;
        zw.write_all(bytes).map_err(ioerr)?;
    }
    Ok(zw.finish().map_err(zerr)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn para_ids_are_stripped() {
        let s = r#"<w:p w14:paraId="0000002a"><w:pPr /></w:p><w:p w14:paraId="1"/>"#;
        assert_eq!(strip_para_ids(s), r#"<w:p><w:pPr /></w:p><w:p/>"#);
    }

    #[test]
    fn grid_col_type_is_dropped_but_cell_width_type_kept() {
        let s = r#"<w:gridCol w:w="700" w:type="dxa" /><w:tcW w:w="700" w:type="dxa" />"#;
        assert_eq!(strip_grid_col_type(s), r#"<w:gridCol w:w="700" /><w:tcW w:w="700" w:type="dxa" />"#);
    }

    #[test]
    fn insert_before_requires_the_anchor() {
        assert_eq!(insert_before(b"<a></a>", "</a>", "x", "t").unwrap(), b"<a>x</a>");
        assert!(insert_before(b"<a></a>", "</b>", "x", "t").is_err());
    }

    #[test]
    fn table_marker_paragraphs_become_tables() {
        let para = |k: usize| format!(r#"<w:p><w:pPr><w:rPr /></w:pPr><w:r><w:rPr /><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, table_marker(k));
        let doc = format!("<w:body><w:p><w:pPr /></w:p>{}<w:p>x</w:p>{}</w:body>", para(1), para(2));
        let tables = vec!["<w:tbl>1</w:tbl>".to_string(), "<w:tbl>2</w:tbl>".to_string()];
        let out = insert_tables(doc.as_bytes(), &tables).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<w:body><w:p><w:pPr /></w:p><w:tbl>1</w:tbl><w:p>x</w:p><w:tbl>2</w:tbl></w:body>"
        );
        assert!(insert_tables(doc.as_bytes(), &tables[..1]).is_err());
        assert!(insert_tables(para(1).as_bytes(), &tables).is_err());
        assert_eq!(insert_tables(b"<w:p>x</w:p>", &[]).unwrap(), b"<w:p>x</w:p>");
    }

    fn part(index: usize) -> ChartPart {
        ChartPart { index, number: index as u8, cx: 10, cy: 20, xml: String::new(), xlsx: vec![] }
    }

    #[test]
    fn markers_become_drawings() {
        let doc = format!(
            r#"<w:p><w:r><w:rPr /><w:t xml:space="preserve">{}</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p>"#,
            marker(1)
        );
        let out = String::from_utf8(replace_markers(&doc, &[part(1)]).unwrap()).unwrap();
        assert!(out.starts_with("<w:p><w:r><w:drawing><wp:inline"));
        assert!(out.contains(r#"r:id="rIdChart1""#));
        assert!(out.contains(r#"<wp:extent cx="10" cy="20"/>"#));
        assert!(out.ends_with("<w:p><w:r><w:t>x</w:t></w:r></w:p>"));
        assert!(!out.contains(MARKER_PREFIX));
    }

    #[test]
    fn missing_marker_is_an_error() {
        assert!(replace_markers("<w:p/>", &[part(1)]).is_err());
    }

    #[test]
    fn earlier_sections_share_the_last_sections_references() {
        let doc = concat!(
            "<w:sectPr><w:pgSz /></w:sectPr>",
            "<w:sectPr><w:pgSz /></w:sectPr>",
            r#"<w:sectPr><w:pgSz /><w:headerReference w:type="default" r:id="rIdHeader1" /><w:footerReference w:type="default" r:id="rIdFooter1" /><w:footerReference w:type="even" r:id="rIdFooter2" /></w:sectPr>"#
        );
        let out = String::from_utf8(share_headers_footers(doc.as_bytes(), &[false, true, true]).unwrap()).unwrap();
        let sects: Vec<&str> = out.split("</w:sectPr>").collect();
        assert_eq!(sects[0], r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1" /><w:pgSz />"#);
        assert!(sects[1].contains("rIdFooter1") && sects[1].contains("rIdFooter2") && sects[1].contains("rIdHeader1"));
        assert!(share_headers_footers(doc.as_bytes(), &[true]).is_err());
    }

    #[test]
    fn sect_pr_children_are_put_in_schema_order() {
        let doc = concat!(
            r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:cols w:num="1" /><w:pgNumType w:start="1" /></w:sectPr></w:pPr></w:p>"#,
            r#"<w:sectPr><w:pgSz w:w="2" /><w:cols w:num="1" /><w:footerReference w:type="default" r:id="rIdFooter1" /><w:footerReference w:type="even" r:id="rIdFooter2" /></w:sectPr>"#,
        );
        let out = String::from_utf8(order_sect_prs(doc.as_bytes(), 2).unwrap()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="1" /><w:pgMar w:top="1" /><w:pgNumType w:start="1" /><w:cols w:num="1" /></w:sectPr></w:pPr></w:p>"#,
                r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1" /><w:footerReference w:type="even" r:id="rIdFooter2" /><w:pgSz w:w="2" /><w:cols w:num="1" /></w:sectPr>"#,
            )
        );
        assert!(order_sect_prs(doc.as_bytes(), 3).is_err(), "the count of sections is checked");
        assert!(order_sect_prs(b"<w:sectPr>text</w:sectPr>", 1).is_err());
    }

    #[test]
    fn settings_children_are_put_in_schema_order() {
        let s = concat!(
            r#"<?xml version="1.0"?><w:settings xmlns:w="w"><w:defaultTabStop w:val="840" /><w:zoom w:percent="100" />"#,
            r#"<w:updateFields w:val="true" /><w:compat><w:useFELayout /><w:compatSetting w:val="15" /></w:compat><w:evenAndOddHeaders /></w:settings>"#
        );
        let out = String::from_utf8(order_settings(s.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<?xml version="1.0"?><w:settings xmlns:w="w"><w:zoom w:percent="100" /><w:defaultTabStop w:val="840" />"#,
                r#"<w:evenAndOddHeaders /><w:updateFields w:val="true" /><w:compat><w:useFELayout /><w:compatSetting w:val="15" /></w:compat></w:settings>"#
            )
        );
        assert!(order_settings(b"<w:document></w:document>").is_err());
    }

    #[test]
    fn unlisted_children_go_last_and_text_is_refused() {
        assert_eq!(reorder_children("<w:x /><w:cols /><w:pgSz />", SECT_PR_ORDER).unwrap(), "<w:pgSz /><w:cols /><w:x />");
        assert_eq!(reorder_children("", SECT_PR_ORDER).unwrap(), "");
        assert!(reorder_children("<w:a>x</w:a> ", SECT_PR_ORDER).is_none());
    }

    #[test]
    fn paragraph_and_run_properties_are_put_in_schema_order() {
        let doc = concat!(
            r#"<w:p><w:pPr><w:rPr><w:sz w:val="2" /><w:rFonts w:eastAsia="黑体" /></w:rPr><w:pStyle w:val="H" /><w:jc w:val="center" /><w:keepNext /></w:pPr>"#,
            r#"<w:r><w:rPr /><w:t>a</w:t></w:r><w:r><w:rPr><w:sz w:val="2" /><w:b /></w:rPr><w:t>b</w:t></w:r></w:p><w:pPrDefault><w:pPr /></w:pPrDefault>"#
        );
        let out = String::from_utf8(order_properties(doc.as_bytes(), "t").unwrap()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<w:p><w:pPr><w:pStyle w:val="H" /><w:keepNext /><w:jc w:val="center" /><w:rPr><w:rFonts w:eastAsia="黑体" /><w:sz w:val="2" /></w:rPr></w:pPr>"#,
                r#"<w:r><w:rPr /><w:t>a</w:t></w:r><w:r><w:rPr><w:b /><w:sz w:val="2" /></w:rPr><w:t>b</w:t></w:r></w:p><w:pPrDefault><w:pPr /></w:pPrDefault>"#
            )
        );
        assert!(order_properties(b"<w:pPr>x</w:pPr>", "t").is_err());
    }

    #[test]
    fn styles_are_put_in_schema_order_without_rpr_in_ppr() {
        let styles = concat!(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1" /><w:rPr><w:sz w:val="36" /><w:rFonts w:eastAsia="黑体" /></w:rPr>"#,
            r#"<w:pPr><w:rPr /><w:jc w:val="center" /><w:spacing w:line="560" /></w:pPr><w:basedOn w:val="Normal" /><w:qFormat /></w:style></w:styles>"#
        );
        let out = String::from_utf8(order_styles(styles.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<w:styles xmlns:w="w"><w:docDefaults><w:pPrDefault></w:pPrDefault></w:docDefaults>"#,
                r#"<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1" /><w:basedOn w:val="Normal" /><w:qFormat />"#,
                r#"<w:pPr><w:spacing w:line="560" /><w:jc w:val="center" /></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体" /><w:sz w:val="36" /></w:rPr></w:style></w:styles>"#
            )
        );
    }

    #[test]
    fn unwritten_parts_leave_content_types_and_rels_and_the_theme_enters() {
        let ct = concat!(
            r#"<Types><Override PartName="/word/comments.xml" ContentType="c" /><Override PartName="/word/document.xml" ContentType="d" />"#,
            r#"<Override PartName="/word/numbering.xml" ContentType="n" /><Override PartName="/word/commentsExtended.xml" ContentType="e" /></Types>"#
        );
        let out = String::from_utf8(patch_content_types(ct.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<Types><Override PartName="/word/document.xml" ContentType="d" /><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" /></Types>"#
        );
        let rels = r#"<Relationships><Relationship Id="rId1" Type="s" Target="styles.xml" /><Relationship Id="rId5" Type="x" Target="commentsExtended.xml" /></Relationships>"#;
        let out = String::from_utf8(patch_document_rels_parts(rels.as_bytes()).unwrap()).unwrap();
        assert!(out.contains("styles.xml") && !out.contains("commentsExtended"));
        assert!(out.contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml""#));
        assert!(THEME_XML.contains("<a:clrScheme") && THEME_XML.contains("<a:fontScheme") && THEME_XML.contains("<a:fmtScheme"));
    }

    #[test]
    fn rels_get_chart_entries() {
        let rels = b"<Relationships></Relationships>";
        let out = String::from_utf8(patch_rels(rels, &[part(1), part(2)]).unwrap()).unwrap();
        assert!(out.contains(r#"Id="rIdChart2""#) && out.contains(r#"Target="charts/chart2.xml""#));
    }
}
