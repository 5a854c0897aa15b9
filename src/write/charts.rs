//! Native DrawingML charts: a [`Chart`] becomes a `c:chartSpace` part (written directly,
//! one `write_*` function per element, explicit colours and every `show*` flag so that
//! LibreOffice, Word and WPS agree) plus a small embedded workbook (rust_xlsxwriter) so that
//! 编辑数据 works in Word/WPS.
//!
//! Cached values (`c:strCache`/`c:numCache`) carry the exact decimals of the [`Chart`]; the
//! workbook holds the same numbers at the cells the `c:f` formulas name.

use super::WriteError;
use crate::doc::{Chart, ChartKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use std::fmt::Write as _;

/// Series colours for bar charts (one per year).
const BAR_COLOURS: [&str; 4] = ["2F5597", "C55A11", "548235", "7F6000"];
/// Slice colours for pie charts (dark enough for white labels).
const PIE_COLOURS: [&str; 10] = [
    "2F5597", "C55A11", "548235", "BF8F00", "7030A0", "1F7A7A", "A52A2A", "595959", "2E75B6", "806000",
];
/// The sheet the chart formulas refer to.
const SHEET: &str = "Sheet1";

/// True when the chart has nothing to draw (no categories, no series, or every value zero).
pub(crate) fn is_empty(chart: &Chart) -> bool {
    chart.categories.is_empty()
        || chart.series.is_empty()
        || chart.series.iter().all(|s| s.values.iter().all(|v| v.is_zero()))
}

/// Checks that every series has one value per category (and pies exactly one series).
pub(crate) fn validate(chart: &Chart) -> Result<(), WriteError> {
    let bad = |reason: String| WriteError::Chart { number: chart.number, reason };
    for s in &chart.series {
        if s.values.len() != chart.categories.len() {
            return Err(bad(format!(
                "系列“{}”有{}个数值，但有{}个分类",
                s.name,
                s.values.len(),
                chart.categories.len()
            )));
        }
    }
    // A pie draws its first series (the shares); an optional second one holds the amounts,
    // which only the embedded workbook shows (编辑数据).
    if chart.kind == ChartKind::Pie && !(1..=2).contains(&chart.series.len()) {
        return Err(bad(format!("饼图应有1个系列（占比）及可选的金额系列，实际{}个", chart.series.len())));
    }
    Ok(())
}

/// The `word/charts/chartN.xml` part for a chart.
pub(crate) fn chart_xml(chart: &Chart) -> String {
    let mut w = String::with_capacity(8 * 1024);
    w.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    write_chart_space(&mut w, chart);
    w
}

// Write the <c:chartSpace> element.
fn write_chart_space(w: &mut String, chart: &Chart) {
    w.push_str(concat!(
        r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart""#,
        r#" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#,
        r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    w.push_str(r#"<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:style val="2"/>"#);
    write_chart(w, chart);
    write_no_line_sp_pr(w);
    write_tx_pr(w, 1000, None);
    write_external_data(w);
    w.push_str("</c:chartSpace>");
}

// Write the <c:chart> element.
fn write_chart(w: &mut String, chart: &Chart) {
    w.push_str(r#"<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>"#);
    match chart.kind {
        ChartKind::Bar => {
            write_bar_chart(w, chart);
            write_cat_ax(w);
            write_val_ax(w, chart);
        }
        ChartKind::Pie => write_pie_chart(w, chart),
    }
    w.push_str("</c:plotArea>");
    write_legend(w, chart.kind);
    w.push_str(r#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#);
}

// Write the <c:barChart> element.
fn write_bar_chart(w: &mut String, chart: &Chart) {
    w.push_str(r#"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#);
    for (i, s) in chart.series.iter().enumerate() {
        write_bar_ser(w, chart, i, &s.name, &s.values);
    }
    w.push_str(r#"<c:gapWidth val="120"/><c:overlap val="-10"/>"#);
    w.push_str(r#"<c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>"#);
}

// Write the <c:ser> element of a bar chart.
fn write_bar_ser(w: &mut String, chart: &Chart, i: usize, name: &str, values: &[Decimal]) {
    let _ = write!(w, r#"<c:ser><c:idx val="{i}"/><c:order val="{i}"/>"#);
    write_ser_tx(w, i, name);
    write_solid_sp_pr(w, BAR_COLOURS[i % BAR_COLOURS.len()]);
    w.push_str(r#"<c:invertIfNegative val="0"/>"#);
    write_d_lbls(w, "#,##0.00", "outEnd", "000000", &[]);
    write_cat(w, &chart.categories);
    write_val(w, i, values, "#,##0.00");
    w.push_str("</c:ser>");
}

// Write the <c:pieChart> element.
fn write_pie_chart(w: &mut String, chart: &Chart) {
    w.push_str(r#"<c:pieChart><c:varyColors val="1"/>"#);
    if let Some(s) = chart.series.first() {
        write_pie_ser(w, chart, &s.name, &s.values);
    }
    w.push_str(r#"<c:firstSliceAng val="0"/></c:pieChart>"#);
}

// Write the <c:ser> element of a pie chart.
fn write_pie_ser(w: &mut String, chart: &Chart, name: &str, values: &[Decimal]) {
    w.push_str(r#"<c:ser><c:idx val="0"/><c:order val="0"/>"#);
    write_ser_tx(w, 0, name);
    for i in 0..values.len() {
        write_d_pt(w, i, values.len() > 1);
    }
    // Only slices of at least INSIDE_LABEL_MIN carry their percentage inside (they span ≥ 36°,
    // so two such labels cannot meet); a smaller slice's share goes into its legend entry
    // (`教育支出 1.12%`), which never overlaps whatever the distribution.
    let hidden: Vec<usize> = values.iter().enumerate().filter(|(_, v)| **v < INSIDE_LABEL_MIN).map(|(i, _)| i).collect();
    write_d_lbls(w, "0.00%", "inEnd", "FFFFFF", &hidden);
    write_cat(w, &pie_categories(chart));
    write_val(w, 0, values, "0.00%");
    w.push_str("</c:ser>");
}

/// Smallest share (as a fraction) whose label is drawn inside its slice.
pub(crate) const INSIDE_LABEL_MIN: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// A pie's category texts as the legend shows them: a slice too small for an inside label
/// gets its share appended (`教育支出 1.12%`, two decimals as on the labels); others as is.
pub(crate) fn pie_categories(chart: &Chart) -> Vec<String> {
    let shares = chart.series.first().map(|s| s.values.as_slice()).unwrap_or_default();
    chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| match shares.get(i) {
            Some(v) if !v.is_zero() && *v < INSIDE_LABEL_MIN => {
                let pct = crate::money::round_half_up(*v * Decimal::ONE_HUNDRED, 2);
                format!("{c} {pct:.2}%")
            }
            _ => c.clone(),
        })
        .collect()
}

// Write the <c:dPt> element (one pie slice with its own colour).
fn write_d_pt(w: &mut String, i: usize, border: bool) {
    let _ = write!(w, r#"<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>"#);
    let colour = PIE_COLOURS[i % PIE_COLOURS.len()];
    let line = if border { r#"<a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln>"# } else { "<a:ln><a:noFill/></a:ln>" };
    let _ = write!(w, r#"<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{line}</c:spPr></c:dPt>"#);
}

// Write the <c:tx> element of a series (its name, cell B1, C1, …).
fn write_ser_tx(w: &mut String, i: usize, name: &str) {
    let col = column_letter(i + 1);
    let _ = write!(
        w,
        r#"<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>"#,
        escape(name)
    );
}

// Write the <c:dLbls> element: value labels, all six show* flags explicit.
fn write_d_lbls(w: &mut String, num_fmt: &str, pos: &str, colour: &str, hidden: &[usize]) {
    w.push_str("<c:dLbls>");
    for i in hidden {
        let _ = write!(w, r#"<c:dLbl><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>"#);
    }
    let _ = write!(w, r#"<c:numFmt formatCode="{}" sourceLinked="0"/>"#, escape(num_fmt));
    w.push_str(r#"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"#);
    write_tx_pr(w, 1000, Some(colour));
    let _ = write!(w, r#"<c:dLblPos val="{pos}"/>"#);
    w.push_str(concat!(
        r#"<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>"#,
        r#"<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>"#,
        "</c:dLbls>"
    ));
}

// Write the <c:cat> element (category names, A2:A{n+1}).
fn write_cat(w: &mut String, categories: &[String]) {
    let last = categories.len() + 1;
    let _ = write!(
        w,
        r#"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${last}</c:f><c:strCache><c:ptCount val="{}"/>"#,
        categories.len()
    );
    for (i, c) in categories.iter().enumerate() {
        let _ = write!(w, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, escape(c));
    }
    w.push_str("</c:strCache></c:strRef></c:cat>");
}

// Write the <c:val> element (values of series i, column B, C, …).
fn write_val(w: &mut String, i: usize, values: &[Decimal], fmt: &str) {
    let col = column_letter(i + 1);
    let last = values.len() + 1;
    let _ = write!(
        w,
        r#"<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${last}</c:f><c:numCache><c:formatCode>{}</c:formatCode><c:ptCount val="{}"/>"#,
        escape(fmt),
        values.len()
    );
    for (i, v) in values.iter().enumerate() {
        let _ = write!(w, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, v.normalize());
    }
    w.push_str("</c:numCache></c:numRef></c:val>");
}

// Write the <c:catAx> element.
fn write_cat_ax(w: &mut String) {
    w.push_str(r#"<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling>"#);
    w.push_str(r#"<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>"#);
    w.push_str(r#"<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#);
    write_line_sp_pr(w, "808080");
    write_tx_pr(w, 1000, Some("000000"));
    w.push_str(r#"<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/>"#);
    w.push_str(r#"<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#);
}

// Write the <c:valAx> element.
fn write_val_ax(w: &mut String, chart: &Chart) {
    let min = if chart.series.iter().flat_map(|s| &s.values).all(|v| !v.is_sign_negative()) { r#"<c:min val="0"/>"# } else { "" };
    let _ = write!(w, r#"<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>{min}</c:scaling>"#);
    w.push_str(r#"<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines>"#);
    write_line_sp_pr(w, "D9D9D9");
    w.push_str("</c:majorGridlines>");
    write_axis_title(w, "单位：万元");
    w.push_str(r##"<c:numFmt formatCode="#,##0" sourceLinked="0"/>"##);
    w.push_str(r#"<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#);
    write_line_sp_pr(w, "808080");
    write_tx_pr(w, 900, Some("000000"));
    w.push_str(r#"<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>"#);
}

// Write an axis <c:title> (horizontal text, e.g. the unit 单位：万元).
fn write_axis_title(w: &mut String, text: &str) {
    let _ = write!(
        w,
        concat!(
            r#"<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0">"#,
            r#"<a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/></a:defRPr></a:pPr>"#,
            r#"<a:r><a:rPr lang="zh-CN" sz="900" b="0"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/></a:rPr><a:t>{}</a:t></a:r></a:p></c:rich></c:tx>"#,
            r#"<c:overlay val="0"/></c:title>"#
        ),
        escape(text)
    );
}

// Write the <c:legend> element (below the plot).
fn write_legend(w: &mut String, kind: ChartKind) {
    let pos = match kind {
        ChartKind::Bar => "b",
        ChartKind::Pie => "r",
    };
    let _ = write!(w, r#"<c:legend><c:legendPos val="{pos}"/><c:overlay val="0"/>"#);
    write_tx_pr(w, 1000, Some("000000"));
    w.push_str("</c:legend>");
}

// Write a <c:spPr> element with a solid fill.
fn write_solid_sp_pr(w: &mut String, colour: &str) {
    let _ = write!(w, r#"<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>"#);
}

// Write a <c:spPr> element that is a thin line.
fn write_line_sp_pr(w: &mut String, colour: &str) {
    let _ = write!(
        w,
        r#"<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr>"#
    );
}

// Write the chart space's <c:spPr> element (white background, no border).
fn write_no_line_sp_pr(w: &mut String) {
    w.push_str(r#"<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"#);
}

// Write a <c:txPr> element: size, optional colour, Latin and East-Asian typefaces.
fn write_tx_pr(w: &mut String, size: u32, colour: Option<&str>) {
    let _ = write!(w, r#"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="0">"#);
    if let Some(c) = colour {
        let _ = write!(w, r#"<a:solidFill><a:srgbClr val="{c}"/></a:solidFill>"#);
    }
    w.push_str(r#"<a:latin typeface="Times New Roman"/><a:ea typeface="仿宋_GB2312"/>"#);
    w.push_str(r#"</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>"#);
}

// Write the <c:externalData> element pointing at the embedded workbook.
fn write_external_data(w: &mut String) {
    w.push_str(r#"<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>"#);
}

/// The chart part's relationships (`word/charts/_rels/chartN.xml.rels`).
pub(crate) fn chart_rels_xml(workbook_name: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/{}"/>"#,
            "</Relationships>"
        ),
        workbook_name
    )
}

/// The embedded workbook: categories in A2…, one series per column from B, names in row 1.
/// Its creation date is fixed so the bytes are reproducible.
pub(crate) fn chart_workbook(chart: &Chart) -> Result<Vec<u8>, WriteError> {
    let err = |e: rust_xlsxwriter::XlsxError| WriteError::Workbook(format!("图{}：{e}", chart.number));
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let amount = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.00%");
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(err)?;
    ws.set_column_width(0, 28).map_err(err)?;
    let categories = if chart.kind == ChartKind::Pie { pie_categories(chart) } else { chart.categories.clone() };
    for (r, c) in categories.iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, c).map_err(err)?;
    }
    for (i, s) in chart.series.iter().enumerate() {
        let col = i as u16 + 1;
        ws.set_column_width(col, 14).map_err(err)?;
        ws.write_string(0, col, &s.name).map_err(err)?;
        // A pie's first series is the shares; everything else is 万元.
        let fmt = if chart.kind == ChartKind::Pie && i == 0 { &share } else { &amount };
        for (r, v) in s.values.iter().enumerate() {
            ws.write_number_with_format(r as u32 + 1, col, v.to_f64().unwrap_or(0.0), fmt).map_err(err)?;
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// Column letter for a 0-based index below 26 (A, B, …); charts never have more series.
fn column_letter(i: usize) -> String {
    crate::model::column_letters(i as u32)
}

/// Escapes text for XML character data and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::annex::push_xml(&mut out, s, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Series;

    fn pie() -> Chart {
        Chart {
            number: 2,
            kind: ChartKind::Pie,
            caption: "图2：收入决算结构".into(),
            categories: vec!["一般公共预算财政拨款收入".into(), "其他收入".into(), "事业收入".into()],
            series: vec![Series { name: "占比".into(), values: vec!["0.7153".parse().unwrap(), "0.2847".parse().unwrap(), Decimal::ZERO] }],
        }
    }

    #[test]
    fn pie_labels_are_the_shares_inside_the_slices() {
        let x = chart_xml(&pie());
        assert!(x.contains(r#"<c:numFmt formatCode="0.00%" sourceLinked="0"/>"#));
        assert!(x.contains(r#"<c:dLblPos val="inEnd"/>"#));
        assert!(x.contains(r#"<c:showVal val="1"/>"#) && x.contains(r#"<c:showPercent val="0"/>"#));
        assert!(x.contains(r#"<c:pt idx="0"><c:v>0.7153</c:v></c:pt>"#));
        // The zero slice has no label.
        assert!(x.contains(r#"<c:dLbl><c:idx val="2"/><c:delete val="1"/></c:dLbl>"#));
        assert_eq!(x.matches("<c:dPt>").count(), 3);
    }

    fn shares(v: &[&str]) -> Chart {
        Chart {
            number: 6,
            kind: ChartKind::Pie,
            caption: "图6".into(),
            categories: (0..v.len()).map(|i| format!("类{i}")).collect(),
            series: vec![Series { name: "占比".into(), values: v.iter().map(|s| s.parse().unwrap()).collect() }],
        }
    }

    /// Labels drawn on the pie, by slice index (those without a `c:delete` entry).
    fn inside_labels(x: &str, n: usize) -> Vec<usize> {
        (0..n).filter(|i| !x.contains(&format!(r#"<c:dLbl><c:idx val="{i}"/><c:delete val="1"/></c:dLbl>"#))).collect()
    }

    /// No two labels can overlap for any distribution: only slices of ≥ 10% (≥ 36° of arc) are
    /// labelled inside; every smaller one shows its share in the legend (one line each).
    #[test]
    fn pie_labels_never_overlap_small_shares_go_to_the_legend() {
        for v in [
            vec!["0.9774", "0.0112", "0.0114"],
            vec!["0.6523", "0.0112", "0.2050", "0.0114", "0.0087", "0.0190", "0.0824", "0.0100"],
            vec!["0.5", "0.5"],
        ] {
            let c = shares(&v);
            let x = chart_xml(&c);
            let inside = inside_labels(&x, v.len());
            let legend = pie_categories(&c);
            for (i, s) in v.iter().enumerate() {
                let share: Decimal = s.parse().unwrap();
                if share >= INSIDE_LABEL_MIN {
                    assert!(inside.contains(&i), "{v:?}: slice {i} keeps its label inside");
                    assert_eq!(legend[i], format!("类{i}"));
                } else {
                    assert!(!inside.contains(&i), "{v:?}: slice {i} ({s}) must not be labelled on the pie");
                    let pct = crate::money::round_half_up(share * Decimal::ONE_HUNDRED, 2);
                    assert_eq!(legend[i], format!("类{i} {pct:.2}%"));
                    assert!(x.contains(&format!("<c:v>类{i} {pct:.2}%</c:v>")), "legend entry in the cache");
                }
            }
            // Adjacent inside labels are ≥ 36° apart (mid-angles of two slices ≥ 10% each).
            assert!(inside.iter().all(|&i| c.series[0].values[i] >= INSIDE_LABEL_MIN));
        }
        let l = pie_categories(&shares(&["0.9774", "0.0112", "0.0114"]));
        assert_eq!(l, ["类0", "类1 1.12%", "类2 1.14%"]);
    }

    #[test]
    fn pie_workbook_holds_amounts_as_well_as_shares() {
        let mut c = shares(&["0.7153", "0.2847"]);
        c.series.push(Series { name: "金额（万元）".into(), values: vec!["636.01".parse().unwrap(), "253.15".parse().unwrap()] });
        assert!(validate(&c).is_ok());
        let x = chart_xml(&c);
        assert_eq!(x.matches("<c:ser>").count(), 1, "the pie draws the shares only");
        let wb = chart_workbook(&c).unwrap();
        // The amounts column: sheet XML inside the xlsx holds both 636.01 and 0.7153.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(wb)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
        assert!(sheet.contains("<v>636.01</v>") && sheet.contains("<v>0.7153</v>") && sheet.contains("<v>253.15</v>"), "{sheet}");
        c.series.push(c.series[0].clone());
        assert!(validate(&c).is_err());
    }

    #[test]
    fn bar_values_axis_states_the_unit() {
        let c = Chart { kind: ChartKind::Bar, ..shares(&["1", "2"]) };
        let x = chart_xml(&c);
        let ax = &x[x.find("<c:valAx>").unwrap()..];
        assert!(ax.contains("<a:t>单位：万元</a:t>"), "{ax}");
        assert!(ax.find("</c:majorGridlines><c:title>").is_some() && ax.find("</c:title><c:numFmt").is_some(), "schema position");
    }

    #[test]
    fn bar_has_value_labels_and_axes() {
        let c = Chart {
            number: 1,
            kind: ChartKind::Bar,
            caption: "图1".into(),
            categories: vec!["收入".into(), "支出".into()],
            series: vec![
                Series { name: "2022年".into(), values: vec!["844.82".parse().unwrap(), "844.82".parse().unwrap()] },
                Series { name: "2023年".into(), values: vec!["889.16".parse().unwrap(), "889.16".parse().unwrap()] },
            ],
        };
        let x = chart_xml(&c);
        assert_eq!(x.matches("<c:ser>").count(), 2);
        assert!(x.contains(r##"<c:numFmt formatCode="#,##0.00" sourceLinked="0"/>"##));
        assert!(x.contains("<c:f>Sheet1!$C$2:$C$3</c:f>"));
        assert!(x.contains("<c:catAx>") && x.contains("<c:valAx>"));
        assert!(x.contains(r#"<a:ea typeface="仿宋_GB2312"/>"#));
    }

    /// What Word itself writes and what WPS/Word need (docx-notes §2): `c:roundedCorners`
    /// explicit and right after `c:lang`, a plain `c:style` (no mc:AlternateContent), caches on
    /// every reference, and the workbook linked by `c:externalData` as the last child.
    #[test]
    fn chart_space_children_follow_the_schema_and_word() {
        for x in [chart_xml(&pie()), chart_xml(&Chart { kind: ChartKind::Bar, ..pie() })] {
            let head = r#"<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:style val="2"/><c:chart>"#;
            assert!(x.contains(head), "{x}");
            assert!(!x.contains("AlternateContent"));
            assert_eq!(x.matches("<c:strRef>").count(), x.matches("<c:strCache>").count());
            assert_eq!(x.matches("<c:numRef>").count(), x.matches("<c:numCache>").count());
            assert!(x.matches("<c:numRef>").count() >= 1 && x.matches("<c:strRef>").count() >= 2);
            assert!(x.ends_with(r#"</c:txPr><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#));
        }
        assert!(chart_rels_xml("W.xlsx").contains(r#"Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/W.xlsx""#));
    }

    #[test]
    fn validation_and_emptiness() {
        let mut c = pie();
        assert!(validate(&c).is_ok());
        assert!(!is_empty(&c));
        c.series[0].values.pop();
        assert!(validate(&c).is_err());
        c.series[0].values = vec![Decimal::ZERO; 3];
        assert!(is_empty(&c));
    }

    #[test]
    fn workbook_is_reproducible() {
        let a = chart_workbook(&pie()).unwrap();
        let b = chart_workbook(&pie()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a<&>\"'"), "a&lt;&amp;&gt;&quot;&apos;");
    }
}
