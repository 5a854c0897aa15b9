//! The 目录's page numbers: `generate --pdf` takes them from the LibreOffice render and saves
//! the DOCX with them (TOC field cache), and the PDF is that same render, so each 目录 number
//! is the printed number (“— N —”) of the page that carries the heading. Without `--pdf` the
//! output says Word/WPS fill them in. Needs soffice and pdftotext; skipped with a message if
//! either is missing.

mod common;

use common::*;
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Texts of the PDF's pages.
fn pdf_pages(pdf: &std::path::Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(|p| p.chars().filter(|c| !c.is_whitespace()).collect()).collect()
}

/// The (entry text, cached page) pairs of the DOCX's TOC field.
fn cached_entries(docx: &[u8]) -> Vec<(String, String)> {
    let xml = zip_text(docx, "word/document.xml");
    let start = xml.find(" TOC \\o").expect("a TOC field");
    let mut out = Vec::new();
    for p in xml[start..].split("<w:p>") {
        let Some(pr) = p.find("PAGEREF") else { break };
        let texts: Vec<&str> = p.split("<w:t xml:space=\"preserve\">").skip(1).map(|t| t.split("</w:t>").next().unwrap_or("")).collect();
        let page = p[pr..].split("<w:t xml:space=\"preserve\">").nth(1).and_then(|t| t.split("</w:t>").next()).unwrap_or("");
        out.push((texts[0].to_string(), page.to_string()));
    }
    out
}

#[test]
fn pdf_run_fills_the_toc_with_the_rendered_page_numbers() {
    if !have("soffice") || !have("pdftotext") {
        eprintln!("SKIPPED: soffice or pdftotext not installed; the 目录 page numbers from a render were not checked");
        return;
    }
    let dir = TempDir::new("tocpages");
    let docx = dir.join("报告.docx");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), docx.as_os_str(), "--pdf".as_ref()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("目录页码按该 PDF 的排版填入"), "{r:?}");
    let entries = cached_entries(&std::fs::read(&docx).unwrap());
    assert!(entries.len() >= 13 + 5, "{entries:?}");
    let pages = pdf_pages(&dir.join("报告.pdf"));
    let mut last = 0u32;
    for (text, page) in &entries {
        let n: u32 = page.parse().unwrap_or_else(|_| panic!("{text}: cached page {page:?} is not a number"));
        assert!(n >= last, "{text}: page {n} before {last}");
        last = n;
        // The physical page whose footer reads “— n —” carries the heading.
        let footer = format!("—{n}—");
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let hit = pages.iter().skip(2).any(|p| p.contains(&footer) && p.contains(&squashed));
        assert!(hit, "{text}: no page numbered {n} carries the heading");
    }
    assert!(entries.iter().any(|(_, p)| p != "1"), "not every entry on page 1");
}

#[test]
fn without_pdf_the_output_says_word_fills_the_page_numbers() {
    let dir = TempDir::new("tocnopdf");
    let docx = dir.join("r.docx");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), docx.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("目录页码由 Word/WPS"), "{r:?}");
    let entries = cached_entries(&std::fs::read(&docx).unwrap());
    assert!(entries.iter().all(|(_, p)| p.is_empty()), "no made-up cached numbers: {entries:?}");
}
