//! Structural tests of the produced DOCX: the package opens, every relationship target exists,
//! every part has a content type, the seven charts hold the expected values (caches and
//! embedded workbooks), the text holds the expected sentences, tables and fonts are as
//! specified, and the bytes are reproducible.

mod write_support;

use calamine::{Data, Reader, Xlsx};
use juesuan::doc::{Block, ChartKind, Document};
use juesuan::model::{Book, TableId};
use juesuan::testkit::{d, sample_book, sample_spec};
use juesuan::write::render_docx;
use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;
use std::collections::BTreeMap;
use std::io::Cursor;
use write_support::*;

/// The sample book with one large 项 so a `1,234.56`-style amount appears in the 附表.
fn book() -> Book {
    let mut spec = sample_spec();
    if let Some(l) = spec.lines.iter_mut().find(|l| l.code == "2013105") {
        l.project = d("1234.56");
    }
    spec.build()
}

fn render(doc: &Document) -> Vec<u8> {
    render_docx(doc, &book()).expect("renders")
}

/// Start/empty elements with their attributes, in document order.
fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut r = XmlReader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (String::from_utf8_lossy(a.key.as_ref()).to_string(), String::from_utf8_lossy(&a.value).to_string())
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Texts of the `w:p` paragraphs (w:t contents joined).
fn paragraphs(xml: &str) -> Vec<String> {
    let mut r = XmlReader::from_str(xml);
    let (mut out, mut cur, mut in_t) = (Vec::new(), String::new(), false);
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push(std::mem::take(&mut cur)),
            Event::Text(t) if in_t => cur.push_str(&t.decode().expect("utf-8")),
            Event::GeneralRef(g) if in_t => cur.push_str(match &*g.decode().expect("utf-8") {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                _ => "'",
            }),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Cached `c:v` values of a chart part, grouped by `c:cat` / `c:val` / `c:tx` in order.
fn chart_caches(xml: &str) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
    let mut r = XmlReader::from_str(xml);
    let (mut cats, mut vals, mut names) = (Vec::new(), Vec::new(), Vec::new());
    let mut section = "";
    let mut in_v = false;
    let mut first_cat_done = false;
    loop {
        match r.read_event().expect("well-formed chart XML") {
            Event::Start(e) => match e.name().as_ref() {
                b"c:cat" => section = "cat",
                b"c:val" => {
                    section = "val";
                    vals.push(Vec::new());
                }
                b"c:tx" => section = "tx",
                b"c:v" => in_v = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"c:cat" => {
                    section = "";
                    first_cat_done = true;
                }
                b"c:val" | b"c:tx" => section = "",
                b"c:v" => in_v = false,
                _ => {}
            },
            Event::Text(t) if in_v => {
                let s = t.decode().expect("utf-8").to_string();
                match section {
                    "cat" if !first_cat_done => cats.push(s),
                    "val" => vals.last_mut().expect("a val").push(s),
                    "tx" => names.push(s),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (cats, vals, names)
}

fn rels(pkg: &mut Package, name: &str) -> Vec<(String, String, String)> {
    elements(&pkg.text(name))
        .into_iter()
        .filter(|(n, _)| n == "Relationship")
        .map(|(_, a)| (a["Id"].clone(), a["Type"].clone(), a["Target"].clone()))
        .collect()
}

/// Resolves a relationship target against the folder of its source part.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn package_parts_are_well_formed_and_consistent() {
    let bytes = render(&sample_document());
    let mut pkg = Package::open(&bytes);
    let names = pkg.names();
    for n in names.iter().filter(|n| n.ends_with(".xml") || n.ends_with(".rels")) {
        let text = pkg.text(n);
        elements(&text); // panics when not well-formed
    }
    // Every relationship target exists.
    for n in names.iter().filter(|n| n.ends_with(".rels")) {
        let source_dir = n.replace("_rels/", "").trim_end_matches(".rels").rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
        for (id, ty, target) in rels(&mut pkg, n) {
            if ty.ends_with("/hyperlink") {
                continue;
            }
            let part = resolve(&source_dir, &target);
            assert!(names.contains(&part), "{n}: {id} → {target} ({part}) is missing");
        }
    }
    // Every part has a content type (Override by name or Default by extension).
    let ct = elements(&pkg.text("[Content_Types].xml"));
    let overrides: Vec<String> = ct.iter().filter(|(n, _)| n == "Override").map(|(_, a)| a["PartName"].clone()).collect();
    let defaults: Vec<String> = ct.iter().filter(|(n, _)| n == "Default").map(|(_, a)| a["Extension"].to_lowercase()).collect();
    for n in names.iter().filter(|n| !n.ends_with('/') && *n != "[Content_Types].xml") {
        let ext = n.rsplit('.').next().unwrap_or("").to_lowercase();
        assert!(overrides.contains(&format!("/{n}")) || defaults.contains(&ext), "{n} has no content type");
    }
    // Every override names an existing part.
    for o in &overrides {
        assert!(names.contains(&o.trim_start_matches('/').to_string()), "override {o} names no part");
    }
    // Seven charts, each with a chart relationship from the document.
    let doc_rels = rels(&mut pkg, "word/_rels/document.xml.rels");
    let chart_rels: Vec<_> = doc_rels.iter().filter(|(_, t, _)| t.ends_with("/relationships/chart")).collect();
    assert_eq!(chart_rels.len(), 7);
    let document = pkg.text("word/document.xml");
    for (id, _, _) in &chart_rels {
        assert_eq!(document.matches(&format!("r:id=\"{id}\"")).count(), 1, "{id} used once");
    }
    // docPr ids are unique.
    let ids: Vec<String> = elements(&document).into_iter().filter(|(n, _)| n == "wp:docPr").map(|(_, a)| a["id"].clone()).collect();
    let mut uniq = ids.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(ids.len(), uniq.len());
    assert_eq!(ids.len(), 7);
}

/// What each chart must hold: categories, series names, cached values.
/// Kind, categories, series names, values (as decimal strings) of one chart.
type Expected = (ChartKind, Vec<String>, Vec<String>, Vec<Vec<String>>);

/// Category texts as the chart shows them: a pie slice under 10% has no label on the pie, so
/// its legend entry carries the share (`教育支出 1.12%`).
fn legend_names(c: &juesuan::doc::Chart) -> Vec<String> {
    if c.kind != ChartKind::Pie {
        return c.categories.clone();
    }
    c.categories
        .iter()
        .zip(&c.series[0].values)
        .map(|(name, v)| {
            if !v.is_zero() && *v < d("0.1") {
                format!("{name} {:.2}%", (*v * d("100")).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
            } else {
                name.clone()
            }
        })
        .collect()
}

fn expected_charts(doc: &Document) -> Vec<Expected> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some((
                c.kind,
                legend_names(c),
                c.series.iter().map(|s| s.name.clone()).collect(),
                c.series.iter().map(|s| s.values.iter().map(|v| v.normalize().to_string()).collect()).collect(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn seven_charts_hold_the_expected_values_and_workbooks() {
    let doc = sample_document();
    let mut pkg = Package::open(&render(&doc));
    for (k, (kind, cats, names, vals)) in expected_charts(&doc).into_iter().enumerate() {
        let part = format!("word/charts/chart{}.xml", k + 1);
        let xml = pkg.text(&part);
        let (c, v, n) = chart_caches(&xml);
        assert_eq!(c, cats, "{part} categories");
        assert_eq!(n, names, "{part} series names");
        assert_eq!(v, vals, "{part} values");
        match kind {
            ChartKind::Pie => {
                assert!(xml.contains("<c:pieChart>"));
                assert!(xml.contains(r#"<c:numFmt formatCode="0.00%" sourceLinked="0"/>"#));
                assert!(xml.contains(r#"<c:dLblPos val="inEnd"/>"#));
                assert!(xml.contains(r#"<c:showVal val="1"/>"#));
            }
            ChartKind::Bar => {
                assert!(xml.contains("<c:barChart>"));
                assert!(xml.contains(r##"<c:numFmt formatCode="#,##0.00" sourceLinked="0"/>"##));
                assert!(xml.contains(r#"<c:showVal val="1"/>"#));
            }
        }
        // The embedded workbook opens and holds the same numbers.
        let rels = rels(&mut pkg, &format!("word/charts/_rels/chart{}.xml.rels", k + 1));
        assert_eq!(rels.len(), 1);
        let xlsx = pkg.bytes(&resolve("word/charts", &rels[0].2));
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("embedded workbook opens");
        let range = wb.worksheet_range("Sheet1").expect("Sheet1");
        for (i, cat) in cats.iter().enumerate() {
            assert_eq!(range.get_value((i as u32 + 1, 0)), Some(&Data::String(cat.clone())));
            for (s, series) in vals.iter().enumerate() {
                let want: f64 = series[i].parse().expect("number");
                match range.get_value((i as u32 + 1, s as u32 + 1)) {
                    Some(Data::Float(f)) => assert!((f - want).abs() < 1e-9, "{part} {cat}: {f} vs {want}"),
                    Some(Data::Int(n)) => assert_eq!(*n as f64, want),
                    other => panic!("{part} {cat}: {other:?}"),
                }
            }
        }
        for (s, name) in names.iter().enumerate() {
            assert_eq!(range.get_value((0, s as u32 + 1)), Some(&Data::String(name.clone())));
        }
    }
}

#[test]
fn text_captions_tables_and_placeholders() {
    let doc = sample_document();
    let bytes = render(&doc);
    let mut pkg = Package::open(&bytes);
    let xml = pkg.text("word/document.xml");
    let paras = paragraphs(&xml);
    let all = paras.join("\n");
    for s in [
        "中共测试区委员会办公室",
        "2023年度部门决算",
        "目\u{3000}\u{3000}录",
        "第一部分 部门概况",
        "2023年度本年支出合计889.16万元，其中：基本支出636.03万元，占71.53%；项目支出253.13万元，占28.47%。",
        PLACEHOLDER,
    ] {
        assert!(all.contains(s), "missing: {s}");
    }
    // The thirteen table captions, codes and the unit line.
    for id in TableId::ALL {
        assert!(paras.contains(&annex_caption(id)), "caption of {id}");
        assert!(paras.contains(&id.code()), "code of {id}");
    }
    assert!(all.contains("金额单位：万元"));
    assert!(paras.iter().any(|p| p == "1,234.56"), "a thousands-separated amount");
    assert!(all.contains("故本表无数据"), "empty 11/12 note");
    // Captions sit directly below their chart.
    let mut at = 0;
    for k in 1..=7 {
        let chart = xml[at..].find(&format!("r:id=\"rIdChart{k}\"")).map(|i| i + at).expect("chart drawing");
        let caption = xml[chart..].find(&format!("图{k}：")).map(|i| i + chart).expect("caption after chart");
        let between = &xml[chart..caption];
        assert_eq!(between.matches("<w:p>").count() + between.matches("<w:p ").count(), 1, "caption {k} is the next paragraph");
        at = caption;
    }
    // Placeholder highlighted yellow.
    let ph = xml.find(PLACEHOLDER).expect("placeholder text");
    let run_start = xml[..ph].rfind("<w:r>").expect("run");
    assert!(xml[run_start..ph].contains(r#"<w:highlight w:val="yellow" />"#));
    // Header rows repeat; landscape section for the 附表; TOC page references.
    assert!(xml.matches("<w:tblHeader />").count() >= 13);
    assert!(xml.contains(r#"w:orient="landscape""#));
    assert!(xml.contains("PAGEREF _Toc00000001"));
    assert!(!xml.contains("w14:paraId"));
    assert!(!xml.contains("@@CHART"));
}

#[test]
fn styles_fonts_and_outline_levels() {
    let mut pkg = Package::open(&render(&sample_document()));
    let styles = pkg.text("word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(styles.contains(r#"w:eastAsia="黑体""#));
    assert!(styles.contains(r#"w:eastAsia="楷体_GB2312""#));
    assert!(styles.contains(r#"<w:lang w:val="en-US" w:eastAsia="zh-CN""#));
    for lvl in 0..=3 {
        assert!(styles.contains(&format!(r#"<w:outlineLvl w:val="{lvl}" />"#)), "outline level {lvl}");
    }
    assert!(styles.contains(r#"w:line="560" w:lineRule="exact""#));
    assert!(styles.contains(r#"w:firstLine="640""#));
    let fonts = pkg.text("word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋" />"#));
    let settings = pkg.text("word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"));
    assert!(settings.contains("<w:updateFields"));
    let footers: Vec<String> = pkg.names().into_iter().filter(|n| n.starts_with("word/footer")).collect();
    assert!(!footers.is_empty());
    for f in footers {
        let t = pkg.text(&f);
        assert!(t.contains("PAGE") && t.contains("— "), "{f}");
    }
}

#[test]
fn draft_gets_a_header_and_zero_chart_a_sentence() {
    let mut doc = sample_document();
    doc.draft = true;
    for b in doc.blocks.iter_mut() {
        if let Block::Chart(c) = b
            && c.number == 7
        {
            c.series[0].values.iter_mut().for_each(|v| *v = d("0"));
        }
    }
    let mut pkg = Package::open(&render(&doc));
    let headers: Vec<String> = pkg.names().into_iter().filter(|n| n.starts_with("word/header")).collect();
    assert!(!headers.is_empty());
    assert!(headers.iter().all(|h| pkg.text(h).contains("草稿")));
    assert!(!pkg.names().contains(&"word/charts/chart7.xml".to_string()));
    let text = paragraphs(&pkg.text("word/document.xml")).join("\n");
    assert!(text.contains("“三公”经费财政拨款支出结构的数据均为0，不绘制图7。"));
    assert!(!text.contains("图7："));
}

#[test]
fn bad_chart_data_is_an_error_not_a_panic() {
    let mut doc = sample_document();
    for b in doc.blocks.iter_mut() {
        if let Block::Chart(c) = b
            && c.number == 3
        {
            c.categories.push("多余分类".into());
        }
    }
    let err = render_docx(&doc, &sample_book()).unwrap_err();
    assert!(err.to_string().contains("图3"), "{err}");
}

#[test]
fn output_is_byte_identical_in_sequence_and_across_threads() {
    let doc = sample_document();
    let book = book();
    let a = render_docx(&doc, &book).expect("renders");
    let b = render_docx(&doc, &book).expect("renders");
    assert_eq!(a, b, "twice in one thread");
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (doc, book) = (doc.clone(), book.clone());
            std::thread::spawn(move || render_docx(&doc, &book).expect("renders"))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread"), a, "another thread");
    }
    // No machine paths or clock times in the package.
    let mut pkg = Package::open(&a);
    for n in pkg.names() {
        let raw = pkg.bytes(&n);
        let s = String::from_utf8_lossy(&raw);
        assert!(!s.contains("/work/") && !s.contains("/tmp/") && !s.contains("/home/"), "{n}");
    }
    for i in 0..pkg.zip.len() {
        let f = pkg.zip.by_index(i).expect("entry");
        let t = f.last_modified().expect("time");
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
}

#[test]
fn placeholders_are_listed_with_their_heading() {
    let list = juesuan::narrate::placeholder_locations(&sample_document());
    assert_eq!(list, vec![("一、收入支出决算总体情况说明".to_string(), PLACEHOLDER.to_string())]);
}

/// Direct child names of every `tag` element in `xml`, in document order.
fn children_of(xml: &str, tag: &str) -> Vec<Vec<String>> {
    let mut r = XmlReader::from_str(xml);
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if let Some(top) = stack.last_mut() {
                    top.1.push(n.clone());
                }
                stack.push((n, Vec::new()));
            }
            Event::Empty(e) => {
                let n = String::from_utf8_lossy(e.name().as_ref()).to_string();
                if let Some(top) = stack.last_mut() {
                    top.1.push(n.clone());
                }
                if n == tag {
                    out.push(Vec::new());
                }
            }
            Event::End(_) => {
                let (n, kids) = stack.pop().expect("balanced");
                if n == tag {
                    out.push(kids);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Asserts every child is listed in `order` (an ECMA-376 wml.xsd sequence) and in that order.
fn assert_schema_order(what: &str, kids: &[String], order: &[&str]) {
    let idx: Vec<usize> = kids
        .iter()
        .map(|k| order.iter().position(|o| o == k).unwrap_or_else(|| panic!("{what}: unexpected child {k} in {kids:?}")))
        .collect();
    assert!(idx.windows(2).all(|w| w[0] <= w[1]), "{what}: out of schema order: {kids:?}");
}

/// The XML we write or patch follows the ECMA-376 transitional child order (checked against
/// the XSDs with lxml during development; the XSDs are not shipped, so the sequences that
/// matter are pinned here): `w:sectPr` (references first, `w:pgNumType` before `w:cols`),
/// `w:settings`, the chart `wp:inline`, the 附表 cells' `w:pPr`/`w:tcPr`/`w:trPr`, the
/// fontTable entries and `w:lang` last in the default run properties.
#[test]
fn patched_xml_follows_schema_child_order() {
    let mut pkg = Package::open(&render(&sample_document()));
    let doc = pkg.text("word/document.xml");
    let sect = [
        "w:headerReference", "w:footerReference", "w:type", "w:pgSz", "w:pgMar", "w:pgNumType", "w:cols", "w:titlePg",
        "w:docGrid",
    ];
    let sects = children_of(&doc, "w:sectPr");
    assert_eq!(sects.len(), 3);
    for kids in &sects {
        assert_schema_order("w:sectPr", kids, &sect);
    }
    assert!(sects[1].contains(&"w:pgNumType".to_string()) && sects[2].contains(&"w:footerReference".to_string()));
    let inline = ["wp:extent", "wp:effectExtent", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"];
    let inlines = children_of(&doc, "wp:inline");
    assert_eq!(inlines.len(), 7);
    for kids in &inlines {
        assert_eq!(kids, &inline);
    }
    // Table cells are ours (annex.rs): every pPr inside a w:tc is in CT_PPr order.
    let p_pr = ["w:pStyle", "w:keepNext", "w:keepLines", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"];
    let tables: String = doc.split("<w:tbl>").skip(1).map(|t| t.split("</w:tbl>").next().unwrap_or("")).map(|t| format!("<w:tbl>{t}</w:tbl>")).collect();
    assert!(tables.len() > 10_000);
    let cell_pprs = children_of(&tables, "w:pPr");
    assert!(cell_pprs.len() > 100);
    for kids in &cell_pprs {
        assert_schema_order("w:tc/w:p/w:pPr", kids, &p_pr);
    }
    for kids in children_of(&tables, "w:tcPr") {
        assert_schema_order("w:tcPr", &kids, &["w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"]);
    }
    for kids in children_of(&tables, "w:trPr") {
        assert_schema_order("w:trPr", &kids, &["w:cantSplit", "w:tblHeader"]);
    }
    // The 1 pt paragraph carrying a section break: spacing, rPr, sectPr.
    assert_eq!(
        children_of(&doc, "w:pPr").into_iter().filter(|k| k.contains(&"w:sectPr".to_string())).count(),
        2
    );
    for kids in children_of(&doc, "w:pPr").into_iter().filter(|k| k.contains(&"w:sectPr".to_string())) {
        assert_eq!(kids, ["w:spacing", "w:rPr", "w:sectPr"]);
    }
    let settings = pkg.text("word/settings.xml");
    let order = ["w:zoom", "w:defaultTabStop", "w:evenAndOddHeaders", "w:characterSpacingControl", "w:updateFields", "w:compat", "w:docVars"];
    let root = children_of(&settings, "w:settings");
    assert_schema_order("w:settings", &root[0], &order);
    assert!(root[0].contains(&"w:updateFields".to_string()) && root[0].contains(&"w:evenAndOddHeaders".to_string()));
    let fonts = pkg.text("word/fontTable.xml");
    for kids in children_of(&fonts, "w:font") {
        assert_schema_order("w:font", &kids, &["w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch", "w:sig"]);
    }
    let styles = pkg.text("word/styles.xml");
    let defaults = children_of(&styles, "w:rPrDefault");
    assert_eq!(defaults.len(), 1);
    let default_rpr = &children_of(&styles, "w:rPr").into_iter().find(|k| k.contains(&"w:lang".to_string())).expect("w:lang");
    assert_eq!(default_rpr.last().map(String::as_str), Some("w:lang"), "nothing after w:lang in CT_RPr that we write");
}

/// docx-rs writes `w:rPr` first in `w:pPr`, `w:sz` before `w:rFonts`, `w:jc` before
/// `w:ind`/`w:spacing`, a style's `w:rPr` before its `w:pPr`, and an empty `w:rPr` inside
/// style/numbering `w:pPr` (CT_PPrGeneral, where it is not allowed); the package step
/// reorders/drops them. Pinned on every part that has paragraphs.
#[test]
fn docx_rs_properties_are_reordered_into_schema_order() {
    let p_pr = [
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:numPr", "w:tabs",
        "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr",
    ];
    let r_pr = [
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:strike", "w:vanish", "w:color", "w:spacing",
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:shd", "w:vertAlign", "w:lang",
    ];
    let style = ["w:name", "w:basedOn", "w:next", "w:link", "w:uiPriority", "w:qFormat", "w:pPr", "w:rPr", "w:tblPr", "w:tcPr"];
    let mut pkg = Package::open(&render(&sample_document()));
    let mut parts = vec!["word/document.xml".to_string(), "word/styles.xml".into()];
    parts.extend(pkg.names().into_iter().filter(|n| n.starts_with("word/footer") || n.starts_with("word/header")));
    for name in parts {
        let xml = pkg.text(&name);
        let p_prs = children_of(&xml, "w:pPr");
        for kids in &p_prs {
            assert_schema_order(&format!("{name} w:pPr"), kids, &p_pr);
        }
        for kids in children_of(&xml, "w:rPr") {
            assert_schema_order(&format!("{name} w:rPr"), &kids, &r_pr);
        }
        if name == "word/styles.xml" || name == "word/numbering.xml" {
            assert!(p_prs.iter().all(|k| !k.contains(&"w:rPr".to_string())), "{name}: w:rPr in CT_PPrGeneral");
        }
    }
    let styles = pkg.text("word/styles.xml");
    let all = children_of(&styles, "w:style");
    assert!(all.len() > 10);
    for kids in &all {
        assert_schema_order("w:style", kids, &style);
    }
}

#[test]
fn every_numbered_section_has_odd_and_even_footers() {
    let mut pkg = Package::open(&render(&sample_document()));
    let xml = pkg.text("word/document.xml");
    let sects: Vec<&str> = xml.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sects.len(), 3, "cover+目录, body, 附表");
    assert!(!sects[0].split("</w:sectPr>").next().unwrap_or("").contains("footerReference"), "no number on the cover");
    for s in &sects[1..] {
        let s = s.split("</w:sectPr>").next().unwrap_or("");
        assert!(s.contains(r#"<w:footerReference w:type="default""#) && s.contains(r#"<w:footerReference w:type="even""#));
    }
    assert!(sects[1].contains(r#"<w:pgNumType w:start="1" />"#));
}

#[test]
#[ignore = "timing: run with --release --ignored"]
fn render_timing() {
    let (doc, book) = (sample_document(), book());
    let n = 50;
    let t = std::time::Instant::now();
    for _ in 0..n {
        render_docx(&doc, &book).expect("renders");
    }
    println!("render_docx: {:.1} ms per report", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}

/// The paragraphs (`<w:p>…</w:p>` XML) after the 目录 title up to the TOC field's end.
fn toc_paragraphs(xml: &str) -> Vec<String> {
    let start = xml.find("目\u{3000}\u{3000}录").expect("目录 title");
    let paras: Vec<String> = xml[start..].split("<w:p>").skip(1).map(|p| p.split("</w:p>").next().unwrap_or("").to_string()).collect();
    let end = paras.iter().position(|p| p.contains(r#"w:fldCharType="end""#) && !p.contains("PAGEREF")).expect("TOC field end");
    paras[..=end].to_vec()
}

/// The 目录 is a real TOC field: begin + `TOC \o "1-2" \h \z \u` + separate before the first
/// cached entry, one entry per level-1/2 heading and per 附表 title (each with a PAGEREF to its
/// bookmark), the end in its own paragraph; cached numbers are empty unless given.
#[test]
fn toc_is_a_word_toc_field_with_the_annex_titles() {
    let doc = sample_document();
    let entries = juesuan::write::toc_entries(&doc);
    let annex: Vec<String> = (0..13).map(|k| annex_caption(juesuan::model::TableId::ALL[k])).collect();
    let fifth = entries.iter().position(|e| e.contains("第五部分")).expect("第五部分 in the 目录");
    assert_eq!(entries[fifth + 1..fifth + 14].to_vec(), annex, "the 13 附表 titles under 第五部分");
    let mut pkg = Package::open(&render(&doc));
    let xml = pkg.text("word/document.xml");
    let paras = toc_paragraphs(&xml);
    assert_eq!(paras.len(), entries.len() + 1, "entries, end");
    let first = &paras[0];
    let (b, i, s) = (first.find(r#"w:fldCharType="begin""#).unwrap(), first.find("TOC \\o &quot;1-2&quot; \\h \\z \\u").or_else(|| first.find(r#"TOC \o "1-2" \h \z \u"#)).expect("TOC instruction"), first.find(r#"w:fldCharType="separate""#).unwrap());
    assert!(b < i && i < s, "begin, instruction, separate in order");
    assert_eq!(xml.matches(" TOC \\o").count(), 1);
    for (k, (p, e)) in paras[..entries.len()].iter().zip(&entries).enumerate() {
        assert!(p.contains(&format!("PAGEREF _Toc{:08} \\h", k + 1)), "entry {e}");
        assert!(p.contains(&format!(">{}</w:t>", e.replace('“', "“"))), "entry text {e}");
        // Cached page number is empty without a render.
        assert!(p.contains(r#"w:fldCharType="separate" w:dirty="false" /></w:r><w:r><w:rPr /><w:t xml:space="preserve"></w:t>"#) || p.contains("<w:t xml:space=\"preserve\"></w:t>"), "{p}");
    }
    // Every entry's bookmark exists once: headings and the 附表 titles (outline level 2).
    for k in 1..=entries.len() {
        assert_eq!(xml.matches(&format!(r#"w:name="_Toc{k:08}""#)).count(), 1, "bookmark {k}");
    }
    let annex_titles = xml.split("<w:p>").filter(|p| p.contains(r#"<w:pStyle w:val="AnnexTitle" />"#)).count();
    let annex_outlined = xml.split("<w:p>").filter(|p| p.contains(r#"<w:pStyle w:val="AnnexTitle" />"#) && p.contains(r#"<w:outlineLvl w:val="1" />"#)).count();
    assert_eq!((annex_titles, annex_outlined), (13, 13), "附表 titles in the navigation pane");
}

#[test]
fn toc_carries_given_page_numbers_and_the_measuring_render_has_no_field() {
    use juesuan::write::{render_docx_with, TocMode};
    let doc = sample_document();
    let n = juesuan::write::toc_entries(&doc).len();
    let pages: Vec<String> = (0..n).map(|k| (k + 3).to_string()).collect();
    let mut pkg = Package::open(&render_docx_with(&doc, &book(), &TocMode::Field(Some(pages.clone()))).unwrap());
    let paras = toc_paragraphs(&pkg.text("word/document.xml"));
    for (p, page) in paras[..n].iter().zip(&pages) {
        assert!(p.contains(&format!(r#"<w:t xml:space="preserve">{page}</w:t>"#)), "{page}: {p}");
    }
    let mut pkg = Package::open(&render_docx_with(&doc, &book(), &TocMode::PagerefOnly).unwrap());
    let xml = pkg.text("word/document.xml");
    assert!(!xml.contains(" TOC \\o") && xml.contains("PAGEREF _Toc00000001"));
}

#[test]
fn cover_title_is_not_bold_and_unreferenced_parts_are_not_written() {
    let mut pkg = Package::open(&render(&sample_document()));
    let styles = pkg.text("word/styles.xml");
    let cover = styles.split("<w:style ").find(|s| s.contains(r#"w:styleId="CoverTitle""#)).expect("CoverTitle style");
    assert!(!cover.contains("<w:b />") && !cover.contains("<w:b/>"), "{cover}");
    let names = pkg.names();
    for gone in ["word/comments.xml", "word/commentsExtended.xml", "word/numbering.xml", "word/footnotes.xml"] {
        assert!(!names.contains(&gone.to_string()), "{gone} is written but nothing references it");
    }
    assert!(names.contains(&"word/theme/theme1.xml".to_string()));
    let doc_rels = rels(&mut pkg, "word/_rels/document.xml.rels");
    assert!(doc_rels.iter().any(|(_, t, target)| t.ends_with("/relationships/theme") && target == "theme/theme1.xml"));
}

/// `w:tblGrid` agrees with the cells of every 附表 (WPS takes column widths from the grid):
/// each cell's `w:tcW` is the sum of the grid columns it spans (`w:gridSpan`), every row
/// covers the grid exactly, and the grid fills the landscape text width.
#[test]
fn every_table_grid_matches_its_cell_widths() {
    let bytes = render_docx(&sample_document(), &sample_book()).expect("renders");
    let doc = Package::open(&bytes).text("word/document.xml");
    let attr = |s: &str, key: &str| -> Option<usize> {
        let i = s.find(key)? + key.len();
        s[i..].split('"').next()?.parse().ok()
    };
    let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
    assert_eq!(tables.len(), 13, "thirteen 附表");
    for (t, tbl) in tables.iter().enumerate() {
        let grid_xml = &tbl[tbl.find("<w:tblGrid>").expect("grid")..tbl.find("</w:tblGrid>").expect("grid end")];
        let grid: Vec<usize> = grid_xml.split("<w:gridCol ").skip(1).map(|g| attr(g, "w:w=\"").expect("gridCol width")).collect();
        assert_eq!(grid.iter().sum::<usize>(), 13958, "table {t}: {grid:?}");
        for (r, row) in tbl.split("<w:tr>").skip(1).enumerate() {
            let mut col = 0;
            for cell in row.split("<w:tc>").skip(1) {
                let span = attr(cell, "<w:gridSpan w:val=\"").unwrap_or(1);
                let width = attr(cell, "<w:tcW w:w=\"").expect("tcW");
                assert!(col + span <= grid.len(), "table {t} row {r}: past the grid");
                assert_eq!(width, grid[col..col + span].iter().sum::<usize>(), "table {t} row {r} column {col}");
                col += span;
            }
            assert_eq!(col, grid.len(), "table {t} row {r} covers the grid");
        }
    }
}
