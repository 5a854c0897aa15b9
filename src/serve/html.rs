//! A [`Document`] as HTML: the same blocks the DOCX writer typesets (headings, paragraphs of
//! runs, the seven charts as inline SVG with the chart's own figures, placeholders marked),
//! so what the page shows is what goes into Word. No report logic: it only renders.

use crate::doc::{Block, Chart, ChartKind, Document};
use crate::money::round_half_up;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// HTML-escapes text.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The body of a document. Placeholder `i` (in order of first appearance, as
/// [`crate::narrate::placeholders`] lists them) links to the form field `#field-i`.
pub fn document_html(doc: &Document, placeholders: &[String]) -> String {
    let mut h = String::new();
    let _ = write!(h, "<h1 class=\"cover\">{}{}年度部门决算</h1>", esc(&doc.department), doc.year);
    if doc.draft {
        h.push_str("<p class=\"draft\">草稿：附表存在错误</p>");
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 4) + 1;
                let _ = write!(h, "<h{l}>{}</h{l}>", esc(text));
            }
            Block::Paragraph(p) => {
                let class = match p.style {
                    crate::doc::ParaStyle::Body => "body",
                    crate::doc::ParaStyle::Center => "center",
                    crate::doc::ParaStyle::Plain => "plain",
                };
                let _ = write!(h, "<p class=\"{class}\">");
                for r in &p.runs {
                    let text = esc(&r.text);
                    if r.placeholder {
                        let i = placeholders.iter().position(|x| *x == r.text).unwrap_or(0);
                        let _ = write!(h, "<a class=\"ph\" href=\"#field-{i}\" title=\"点击填写\">{text}</a>");
                    } else if r.bold {
                        let _ = write!(h, "<b>{text}</b>");
                    } else {
                        h.push_str(&text);
                    }
                }
                h.push_str("</p>");
            }
            Block::Chart(c) => {
                h.push_str("<figure class=\"chart\">");
                h.push_str(&chart_svg(c));
                let _ = write!(h, "<figcaption>{}</figcaption></figure>", esc(&c.caption));
            }
            Block::AnnexTable { caption, .. } => {
                let _ = write!(h, "<p class=\"annex\">附表 {}（表格见 DOCX）</p>", esc(caption));
            }
            Block::PerfForm { name, .. } => {
                let _ = write!(h, "<p class=\"annex\">绩效自评表 {}（表格见 DOCX）</p>", esc(name));
            }
            Block::Toc => h.push_str("<p class=\"toc\">〔目录〕</p>"),
            Block::PageBreak => h.push_str("<hr class=\"pb\">"),
        }
    }
    h
}

const COLOURS: [&str; 8] = ["#4472c4", "#ed7d31", "#a5a5a5", "#ffc000", "#5b9bd5", "#70ad47", "#264478", "#9e480e"];

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// A chart as SVG (presentation attributes only: the page's CSP forbids inline styles).
pub fn chart_svg(c: &Chart) -> String {
    match c.kind {
        ChartKind::Bar => bar_svg(c),
        ChartKind::Pie => pie_svg(c),
    }
}

fn bar_svg(c: &Chart) -> String {
    let (w, ht, top, bottom, left) = (560.0, 300.0, 30.0, 50.0, 20.0);
    let max = c.series.iter().flat_map(|s| s.values.iter().copied()).map(f).fold(0.0_f64, f64::max).max(1e-9);
    let groups = c.categories.len().max(1) as f64;
    let gw = (w - left * 2.0) / groups;
    let n = c.series.len().max(1) as f64;
    let bw = gw * 0.7 / n;
    let plot = ht - top - bottom;
    let mut s = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {ht}\" width=\"{w}\" height=\"{ht}\" role=\"img\" aria-label=\"{}\">", esc(&c.caption));
    let _ = write!(s, "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>", ht - bottom, w - left, ht - bottom);
    for (gi, cat) in c.categories.iter().enumerate() {
        let gx = left + gw * gi as f64 + gw * 0.15;
        for (si, series) in c.series.iter().enumerate() {
            let v = series.values.get(gi).copied().unwrap_or_default();
            let bh = (f(v) / max * plot).max(0.0);
            let x = gx + bw * si as f64;
            let y = ht - bottom - bh;
            let _ = write!(s, "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"/>", bw * 0.92, COLOURS[si % COLOURS.len()]);
            let label = crate::money::format_wan(round_half_up(v, 2), true);
            let _ = write!(s, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>", x + bw * 0.46, y - 4.0, esc(&label));
        }
        let _ = write!(s, "<text x=\"{:.1}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}</text>", left + gw * (gi as f64 + 0.5), ht - bottom + 18.0, esc(cat));
    }
    for (si, series) in c.series.iter().enumerate() {
        let x = left + 120.0 * si as f64;
        let _ = write!(s, "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>", ht - 20.0, COLOURS[si % COLOURS.len()], x + 16.0, ht - 9.0, esc(&series.name));
    }
    s.push_str("</svg>");
    s
}

fn pie_svg(c: &Chart) -> String {
    let (w, ht, cx, cy, r) = (560.0, 300.0, 150.0, 150.0, 120.0);
    let values: Vec<Decimal> = c.series.first().map(|s| s.values.clone()).unwrap_or_default();
    let total: f64 = values.iter().copied().map(f).sum::<f64>().max(1e-12);
    let mut s = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {ht}\" width=\"{w}\" height=\"{ht}\" role=\"img\" aria-label=\"{}\">", esc(&c.caption));
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, v) in values.iter().enumerate() {
        let frac = f(*v) / total;
        let colour = COLOURS[i % COLOURS.len()];
        if frac >= 0.999_999 {
            let _ = write!(s, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{colour}\"/>");
        } else if frac > 0.0 {
            let a2 = angle + frac * std::f64::consts::TAU;
            let (x1, y1, x2, y2) = (cx + r * angle.cos(), cy + r * angle.sin(), cx + r * a2.cos(), cy + r * a2.sin());
            let large = i32::from(frac > 0.5);
            let _ = write!(s, "<path d=\"M{cx},{cy} L{x1:.2},{y1:.2} A{r},{r} 0 {large} 1 {x2:.2},{y2:.2} Z\" fill=\"{colour}\" stroke=\"#fff\"/>");
            let mid = (angle + a2) / 2.0;
            if frac > 0.04 {
                let pct = crate::narrate::filters::format_pct(round_half_up(*v * Decimal::ONE_HUNDRED, 2), 2);
                let _ = write!(s, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#fff\">{}</text>", cx + r * 0.62 * mid.cos(), cy + r * 0.62 * mid.sin(), esc(&pct));
            }
            angle = a2;
        }
        let pct = crate::narrate::filters::format_pct(round_half_up(*v * Decimal::ONE_HUNDRED, 2), 2);
        let name = c.categories.get(i).map_or("", String::as_str);
        let ly = 30.0 + 22.0 * i as f64;
        let _ = write!(s, "<rect x=\"300\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"318\" y=\"{}\" font-size=\"12\">{}：{}</text>", ly - 10.0, ly, esc(name), esc(&pct));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Chart, Series};

    #[test]
    fn pie_legend_states_the_chart_shares_and_bars_their_amounts() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let pie = Chart { number: 2, kind: ChartKind::Pie, caption: "图2".into(), categories: vec!["财政拨款收入".into(), "其他收入".into()], series: vec![Series { name: "x".into(), values: vec![d("0.9712"), d("0.0288")] }] };
        let svg = chart_svg(&pie);
        assert!(svg.contains("财政拨款收入：97.12%"), "{svg}");
        assert!(svg.contains("其他收入：2.88%"));
        let bar = Chart { number: 1, kind: ChartKind::Bar, caption: "图1".into(), categories: vec!["收入".into()], series: vec![Series { name: "2023年".into(), values: vec![d("889.16")] }] };
        assert!(chart_svg(&bar).contains("889.16"));
        assert!(esc("<a href='x'>&").contains("&lt;a href=&#39;x&#39;&gt;&amp;"));
    }
}
