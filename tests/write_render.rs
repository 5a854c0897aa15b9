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
    println!("rendered {pages} pages: {}", pdf.display());
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
