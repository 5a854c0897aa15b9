//! Render test: the sample report through LibreOffice to PDF; page count and text checked with
//! poppler. On a machine without `soffice` (or poppler) the test prints a SKIPPED line.
//!
//! The PDF is kept in `target/write-render/` so the pages can be looked at
//! (`pdftoppm -png -r 60 target/write-render/sample.pdf page`).

mod write_support;

use juesuan::testkit::sample_book;
use juesuan::write::{convert_to_pdf, pdf::find_soffice, render_docx, write_atomic};
use std::path::PathBuf;
use std::process::Command;
use write_support::*;

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn sample_report_renders_with_libreoffice() {
    if find_soffice().is_none() {
        println!("SKIPPED: soffice not installed (LibreOffice render test)");
        eprintln!("SKIPPED: soffice not installed (LibreOffice render test)");
        return;
    }
    if !tool("pdftotext") || !tool("pdfinfo") {
        println!("SKIPPED: pdftotext/pdfinfo (poppler-utils) not installed");
        eprintln!("SKIPPED: pdftotext/pdfinfo (poppler-utils) not installed");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("write-render");
    std::fs::create_dir_all(&dir).expect("render dir");
    let docx = dir.join("sample.docx");
    let bytes = render_docx(&sample_document(), &sample_book()).expect("renders");
    write_atomic(&docx, &bytes).expect("writes");
    let pdf = convert_to_pdf(&docx, &dir).expect("LibreOffice converts");
    let info = String::from_utf8_lossy(&Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo").stdout).to_string();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    // Cover, 目录, ≥ 3 body pages with seven charts, ≥ 13 landscape table pages.
    assert!(pages >= 18, "only {pages} pages");
    let out = Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for s in ["中共测试区委员会办公室", "2023年度部门决算", "目录", "第一部分部门概况", "基本支出636.03万元，占71.53%", "金额单位：万元", "收入支出决算总表", "财政拨款“三公”经费支出决算表", "—1—"] {
        assert!(squeezed.contains(s), "PDF text lacks {s}");
    }
    for k in 1..=7 {
        assert!(squeezed.contains(&format!("图{k}：")), "PDF lacks caption 图{k}");
    }
    // Pie labels inside the slices and bar value labels are drawn as text.
    assert!(squeezed.contains("71.53%") && squeezed.contains("84.70%"), "pie labels");
    assert!(squeezed.contains("889.16") && squeezed.contains("844.82"), "bar labels");
    // No 附表 header wraps leaving its last character alone (`本年收入合` / `计`).
    let orphans = orphaned_header_tails(&text, &header_texts(&zip_text(&bytes, "word/document.xml")));
    assert!(orphans.is_empty(), "headers wrapped with one character on the last line: {orphans:?}");
    println!("rendered {pages} pages: {}", pdf.display());
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    z.by_name(name).expect("part").read_to_string(&mut s).expect("utf-8");
    s
}

/// The texts of the header rows (`w:tblHeader`) of every table.
fn header_texts(document: &str) -> Vec<String> {
    let mut out = Vec::new();
    for row in document.split("<w:tr>").skip(1) {
        let row = &row[..row.find("</w:tr>").unwrap_or(row.len())];
        if !row.contains("<w:tblHeader") {
            continue;
        }
        for cell in row.split("<w:tc>").skip(1) {
            let text: String = cell.split("<w:t").skip(1).filter_map(|t| Some(&t[t.find('>')? + 1..t.find("</w:t>")?])).collect();
            if text.chars().count() >= 2 && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// Headers whose last character stands alone on a line of the PDF text, right below a line
/// holding the rest of the header.
fn orphaned_header_tails(pdf_text: &str, headers: &[String]) -> Vec<String> {
    let lines: Vec<Vec<&str>> = pdf_text.lines().map(|l| l.split_whitespace().collect()).collect();
    let mut found = Vec::new();
    // Two-character headers are left out: a lone character under a line ending in the other one
    // is as likely a wrapped body cell (`…事务支` / `出`) as the header.
    for h in headers.iter().filter(|h| h.chars().count() >= 3) {
        let tail: String = h.chars().last().into_iter().collect();
        let head: String = h.chars().take(h.chars().count() - 1).collect();
        for (i, words) in lines.iter().enumerate() {
            let alone = words.contains(&tail.as_str());
            let above = lines[i.saturating_sub(3)..i].iter().any(|w| w.iter().any(|x| x.ends_with(head.as_str())));
            if alone && above && !found.contains(h) {
                found.push(h.clone());
            }
        }
    }
    found
}

/// The texts of the body cells (rows without `w:tblHeader`) of the 附表 (the landscape tables,
/// whose grid fills the landscape text width), without their indentation: names, not figures.
fn body_texts(document: &str) -> Vec<String> {
    let mut out = Vec::new();
    for table in document.split("<w:tbl>").skip(1) {
        let table = &table[..table.find("</w:tbl>").unwrap_or(table.len())];
        let grid: usize = table.split("<w:gridCol w:w=\"").skip(1).filter_map(|g| g.split('"').next()?.parse::<usize>().ok()).sum();
        if grid != 13958 {
            continue;
        }
        for row in table.split("<w:tr>").skip(1).filter(|r| !r.contains("<w:tblHeader")) {
            for cell in row.split("<w:tc>").skip(1) {
                let text: String = cell.split("<w:t").skip(1).filter_map(|t| Some(&t[t.find('>')? + 1..t.find("</w:t>")?])).collect();
                let text = text.trim_matches('\u{3000}').to_string();
                let figure = text.chars().all(|c| c.is_ascii_digit() || ",.-".contains(c));
                if text.chars().count() >= 2 && !figure && !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// Cell texts (body or header) whose last character stands alone on the last line of its cell: in the PDF's
/// `pdftotext -bbox-layout` output, a line of one character right after a line of the same
/// block, the two ending a body text (`其他党委办公厅（室）及相关机构事务支` / `出`).
fn orphaned_body_tails(bbox_html: &str, texts: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for block in bbox_html.split("<block").skip(1) {
        let lines: Vec<String> = block
            .split("<line").skip(1)
            .map(|l| l.split("<word").skip(1).filter_map(|w| Some(&w[w.find('>')? + 1..w.find("</word>")?])).collect())
            .collect();
        for pair in lines.windows(2) {
            let (above, alone) = (&pair[0], &pair[1]);
            let (joined, shown) = (format!("{above}{alone}"), format!("{above}/{alone}"));
            if alone.chars().count() == 1 && above.chars().count() >= 2 && texts.iter().any(|t| t.ends_with(&joined)) && !found.contains(&shown) {
                found.push(shown);
            }
        }
    }
    found
}

#[test]
fn body_orphan_detection_finds_a_wrapped_name() {
    let html = r#"<block><line><word>行政运行</word></line><line><word>其他党委办公厅（室）及相关机构事务支</word></line><line><word>出</word></line><line><word>教育支出</word></line></block><block><line><word>工资福</word></line><line><word>利</word></line></block>"#;
    let texts = vec!["其他党委办公厅（室）及相关机构事务支出".to_string(), "教育支出".to_string()];
    assert_eq!(orphaned_body_tails(html, &texts), ["其他党委办公厅（室）及相关机构事务支/出"]);
    assert!(orphaned_body_tails("<block><line><word>其他党委办公厅（室）及相关机构事务</word></line><line><word>支出</word></line></block>", &texts).is_empty());
    assert_eq!(body_texts(r#"<w:tbl><w:tblGrid><w:gridCol w:w="13958"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>科目名称</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">　　行政运行</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1,234.56</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#), ["行政运行"]);
}

/// The bundled samples' reports through LibreOffice: no 附表 body name (nor header) wraps
/// leaving its last character alone on a line (`…事务支/出`, issue 14).
#[test]
fn bundled_sample_tables_leave_no_character_alone() {
    if find_soffice().is_none() || !tool("pdftotext") {
        println!("SKIPPED: soffice or pdftotext not installed (body orphan render test)");
        eprintln!("SKIPPED: soffice or pdftotext not installed (body orphan render test)");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("write-render-samples");
    std::fs::create_dir_all(&dir).expect("render dir");
    let settings = juesuan::pipeline::Settings { force: true, ..Default::default() };
    for (stem, input, prior) in [("s01", "01_区委办公室.xlsx", None), ("s02", "02_市委办公厅.xlsx", None), ("s03", "03_农业技术服务中心", Some("03_农业技术服务中心_上年"))] {
        let dept = juesuan::read::read_department(&root.join(input), prior.map(|p| root.join(p)).as_deref()).expect("sample reads");
        let report = juesuan::pipeline::build_report(&dept, &juesuan::narrate::Templates::builtin(), &settings).expect("report");
        let docx = dir.join(format!("{stem}.docx"));
        write_atomic(&docx, &report.docx).expect("writes");
        let pdf = convert_to_pdf(&docx, &dir).expect("LibreOffice converts");
        let document = zip_text(&report.docx, "word/document.xml");
        let bbox = String::from_utf8_lossy(&Command::new("pdftotext").arg("-bbox-layout").arg(&pdf).arg("-").output().expect("pdftotext").stdout).to_string();
        let texts = body_texts(&document);
        assert!(texts.len() > 50, "{input}: {} body texts", texts.len());
        let body = orphaned_body_tails(&bbox, &texts);
        assert!(body.is_empty(), "{input}: body names wrapped with one character on the last line: {body:?}");
        // Headers by the same cell-by-cell reading (the -layout text check above would take
        // running text such as `完成预算` / `数…` for a wrapped header).
        let headers = orphaned_body_tails(&bbox, &header_texts(&document));
        assert!(headers.is_empty(), "{input}: headers wrapped with one character on the last line: {headers:?}");
    }
}

#[test]
fn orphan_detection_finds_a_wrapped_header() {
    let text = "  科目编码   本年收入合   财政拨款收\n              计           入\n  合计  904.13\n";
    let headers = vec!["本年收入合计".to_string(), "财政拨款收入".to_string(), "科目编码".to_string()];
    assert_eq!(orphaned_header_tails(text, &headers), ["本年收入合计", "财政拨款收入"]);
    assert!(orphaned_header_tails("本年收\n入合计\n", &headers).is_empty());
}

#[test]
fn draft_report_shows_the_mark_on_every_page() {
    if find_soffice().is_none() || !tool("pdftotext") {
        println!("SKIPPED: soffice or pdftotext not installed (draft render test)");
        eprintln!("SKIPPED: soffice or pdftotext not installed (draft render test)");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("write-render-draft");
    std::fs::create_dir_all(&dir).expect("render dir");
    let docx = dir.join("draft.docx");
    let mut doc = sample_document();
    doc.draft = true;
    write_atomic(&docx, &render_docx(&doc, &sample_book()).expect("renders")).expect("writes");
    let pdf = convert_to_pdf(&docx, &dir).expect("LibreOffice converts");
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 18);
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("草稿"), "page {} lacks the 草稿 mark", i + 1);
    }
}
