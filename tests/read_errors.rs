//! One test per bad input: the error names the exact file, sheet and cell, and says what to do.

mod read_support;

use juesuan::model::TableId;
use juesuan::read::{read_book, ReadError};
use read_support::*;
use std::path::PathBuf;

/// Writes the standard workbook after `edit` and reads it.
fn read_edited(name: &str, edit: impl FnOnce(&mut Vec<SheetSpec>)) -> (PathBuf, ReadError) {
    let dir = temp_dir(name);
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    edit(&mut specs);
    write_book(&path, &specs);
    let err = read_book(&path).expect_err("should fail");
    (path, err)
}

fn assert_at(err: &ReadError, sheet: &str, cell: &str) {
    let msg = err.to_string();
    assert!(msg.contains(&format!("{sheet}!{cell}")), "expected {sheet}!{cell} in: {msg}");
    assert!(msg.contains("dept.xlsx"), "file missing in: {msg}");
}

#[test]
fn unreadable_file() {
    let dir = temp_dir("garbage");
    let path = dir.join("dept.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").unwrap();
    let err = read_book(&path).unwrap_err();
    assert!(matches!(err, ReadError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().contains("dept.xlsx") && err.to_string().contains("另存为"), "{err}");
    let err = read_book(&dir.join("nope.xlsx")).unwrap_err();
    assert!(err.to_string().contains("不存在"), "{err}");
    let empty = temp_dir("empty-folder");
    assert!(matches!(read_book(&empty).unwrap_err(), ReadError::Unreadable { .. }));
}

#[test]
fn a_word_document_renamed_xlsx_is_named_in_chinese() {
    use std::io::Write;
    let dir = temp_dir("docx-renamed");
    let path = dir.join("dept.xlsx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for part in ["[Content_Types].xml", "word/document.xml"] {
        z.start_file(part, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"<?xml version=\"1.0\"?><w:document/>").unwrap();
    }
    z.finish().unwrap();
    let err = read_book(&path).unwrap_err();
    assert!(matches!(err, ReadError::Unreadable { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("dept.xlsx") && msg.contains("这是Word 文档（.docx），不是 Excel/WPS 工作簿"), "{msg}");
}

#[test]
fn missing_required_table() {
    let (_, err) = read_edited("missing08", |s| s.retain(|x| x.name != "公开08表"));
    assert!(matches!(err, ReadError::MissingTable { table: TableId::T08, .. }), "{err:?}");
    assert!(err.to_string().contains("一般公共预算财政拨款基本支出决算表"), "{err}");
}

#[test]
fn optional_tables_may_be_absent() {
    let dir = temp_dir("optional");
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    specs.retain(|x| !matches!(x.name.as_str(), "公开02表" | "公开05表" | "公开07表" | "公开09表" | "公开10表"));
    write_book(&path, &specs);
    let b = read_book(&path).unwrap();
    assert!(b.t02.is_none() && b.t05.is_none() && b.t07.is_none() && b.t09.is_none() && b.t10.is_none());
}

#[test]
fn duplicate_table() {
    let (_, err) = read_edited("dup", |s| {
        let mut copy = std_t06();
        copy.name = "副本".into();
        s.push(copy);
    });
    assert!(matches!(err, ReadError::DuplicateTable { table: TableId::T06, .. }), "{err:?}");
    assert_at(&err, "公开06表", "A1");
    assert_at(&err, "副本", "A1");
}

#[test]
fn text_where_an_amount_must_be() {
    let (_, err) = read_edited("text-amount", |s| {
        sheet(s, "公开03表").replace("=289.16", "约289万");
    });
    assert!(matches!(err, ReadError::BadAmount { .. }), "{err:?}");
    assert_at(&err, "公开03表", "G8");
    assert!(err.to_string().contains("约289万"));
}

#[test]
fn formula_error_value_where_an_amount_must_be() {
    let (_, err) = read_edited("ref", |s| {
        sheet(s, "公开06表").replace("=660", "!#REF!");
    });
    assert!(matches!(err, ReadError::BadAmount { .. }), "{err:?}");
    assert_at(&err, "公开06表", "E9");
    assert!(err.to_string().contains("#REF!"), "{err}");
}

#[test]
fn unknown_unit() {
    let (_, err) = read_edited("unit", |s| {
        sheet(s, "公开04表").replace("金额单位：万元", "金额单位：千元");
    });
    assert!(matches!(err, ReadError::UnknownUnit { .. }), "{err:?}");
    assert_at(&err, "公开04表", "I3");
}

#[test]
fn subject_code_of_wrong_length() {
    let (_, err) = read_edited("code", |s| {
        sheet(s, "公开06表").replace("2013102", "20131020");
    });
    assert!(matches!(err, ReadError::BadSubjectCode { .. }), "{err:?}");
    assert_at(&err, "公开06表", "A12");
    assert!(err.to_string().contains("20131020"));
}

#[test]
fn amount_column_not_found() {
    let (_, err) = read_edited("column", |s| {
        sheet(s, "公开03表").replace("基本支出", "基本经费");
    });
    // The misnamed header holds amounts while 基本支出 is missing: the error points at it.
    assert!(matches!(err, ReadError::UnknownColumn { .. }), "{err:?}");
    assert_at(&err, "公开03表", "F4");
    assert!(err.to_string().contains("表头改为“基本支出”") && err.to_string().contains("“基本经费”"), "{err}");
}

#[test]
fn unplaced_label_in_01() {
    let (_, err) = read_edited("label01", |s| {
        sheet(s, "公开01表").replace("八、其他收入", "八、奇怪收入");
    });
    assert!(matches!(err, ReadError::UnplacedLabel { table: TableId::T01, .. }), "{err:?}");
    assert_at(&err, "公开01表", "A14");
}

#[test]
fn unplaced_label_in_04() {
    let (_, err) = read_edited("label04", |s| {
        sheet(s, "公开04表").replace("二、社会保障和就业支出", "二、未知类别支出");
    });
    assert!(matches!(err, ReadError::UnplacedLabel { table: TableId::T04, .. }), "{err:?}");
    assert_at(&err, "公开04表", "D8");
}

#[test]
fn unplaced_label_and_missing_column_in_13() {
    let dir = temp_dir("label13");
    let path = dir.join("dept.xlsx");
    let mut specs = different();
    sheet(&mut specs, "三公").replace("3.公务接待费", "3.会议费");
    write_book(&path, &specs);
    let err = read_book(&path).unwrap_err();
    assert!(matches!(err, ReadError::UnplacedLabel { table: TableId::T13, .. }), "{err:?}");
    assert_at(&err, "三公", "A10");

    let (_, err) = read_edited("col13", |s| {
        sheet(s, "公开13表").replace("公务接待费", "其他费用");
    });
    assert!(matches!(err, ReadError::MissingColumn { table: TableId::T13, .. }), "{err:?}");
    assert!(err.to_string().contains("公务接待费"), "{err}");
}

#[test]
fn missing_footer_row_in_08() {
    let (_, err) = read_edited("footer08", |s| {
        let t = sheet(s, "公开08表");
        t.replace("人员经费合计", "");
        t.replace("=520", "");
    });
    assert!(matches!(err, ReadError::MissingRow { table: TableId::T08, .. }), "{err:?}");
    assert_at(&err, "公开08表", "A1");
}

#[test]
fn no_year_found() {
    let (_, err) = read_edited("noyear", |s| {
        for t in s.iter_mut().filter(|t| t.name.starts_with("公开")) {
            t.put(2, 2, "");
        }
    });
    assert!(matches!(err, ReadError::NoYear { .. }), "{err:?}");
    assert!(err.to_string().contains("年度"), "{err}");
}

#[test]
fn no_department_found() {
    let (_, err) = read_edited("nodept", |s| {
        for t in s.iter_mut().filter(|t| t.name.starts_with("公开")) {
            t.put(2, 0, "");
        }
    });
    assert!(matches!(err, ReadError::NoDepartment { .. }), "{err:?}");
    assert!(err.to_string().contains("部门名称"), "{err}");
}

/// Self-check: a 行次 column headed `序号` is taken for the amount column of 01; its figures
/// count 1, 2, 3 … down the rows — a located 版式可能被误读 error, not a silent 1.00.
#[test]
fn numbering_column_read_as_amounts_is_a_misread() {
    let (_, err) = read_edited("misread-hangci", |s| {
        let t01 = s.iter_mut().find(|x| x.name == "公开01表").unwrap();
        t01.put(4, 1, "序号").put(4, 4, "序号");
    });
    assert!(matches!(err, ReadError::Misread { table: TableId::T01, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("版式可能被误读") && msg.contains("B4") && msg.contains("序号") && msg.contains("1、2、3"), "{msg}");
    assert_at(&err, "公开01表", "B7");
}

/// Self-check: a 栏次 row whose label is missing and whose numbers continue from another
/// block (5, 6, 7 …) is read as a data row of 03 — an error naming the row.
#[test]
fn unlabelled_numbering_row_read_as_data_is_a_misread() {
    let (_, err) = read_edited("misread-lanci-row", |s| {
        let t03 = s.iter_mut().find(|x| x.name == "公开03表").unwrap();
        t03.put(6, 0, "201");
        for c in 4..10u16 {
            t03.put(6, c, &format!("={}", c + 1));
        }
    });
    assert!(matches!(err, ReadError::Misread { table: TableId::T03, .. }), "{err:?}");
    assert!(err.to_string().contains("5、6、7"), "{err}");
    assert_at(&err, "公开03表", "E7");
}

/// Self-check: the 合计 row of 03 one column off its data rows (its figures one cell to the
/// right) is not the sum of the 类 rows, while read one column over it is: a misread error.
#[test]
fn total_row_misaligned_with_its_rows_is_a_misread() {
    let (_, err) = read_edited("misread-total-shift", |s| {
        let t03 = s.iter_mut().find(|x| x.name == "公开03表").unwrap();
        for (c, v) in [(4u16, ""), (5, "=889.16"), (6, "=600"), (7, "=289.16")] {
            t03.put(7, c, v);
        }
    });
    assert!(matches!(err, ReadError::Misread { table: TableId::T03, .. }), "{err:?}");
    assert!(err.to_string().contains("错开一列"), "{err}");
    assert_at(&err, "公开03表", "E8");
    // A plain slip in one total (no neighbouring reading fits) is left to `check`.
    let dir = temp_dir("total-slip");
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    specs.iter_mut().find(|x| x.name == "公开03表").unwrap().put(7, 5, "=601");
    write_book(&path, &specs);
    assert!(read_book(&path).is_ok());
}

/// 05/07/09 columns are matched to concepts of the layout vocabulary (`MATRIX_COLUMNS`); a
/// header matching none is a 警告 naming its header text and cell (the column is kept).
#[test]
fn unknown_matrix_column_is_a_warning_naming_its_header() {
    let dir = temp_dir("matrix-unknown");
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    specs.iter_mut().find(|x| x.name == "公开05表").unwrap().replace("资本性支出", "备用列");
    write_book(&path, &specs);
    let b = read_book(&path).unwrap();
    let f = b.read_findings.iter().find(|f| f.rule == "READ-UNKNOWN-COLUMN").expect("a READ-UNKNOWN-COLUMN warning");
    assert_eq!(f.severity, juesuan::findings::Severity::Warning);
    assert!(f.message.contains("表05") && f.message.contains("I4") && f.message.contains("“本年支出/备用列”"), "{}", f.message);
    assert_eq!(b.t05.as_ref().unwrap().columns.len(), 5);
}

/// Found by a tester: 05 titled with one traditional character (`明細`) vanished without a
/// word, and 附表五 printed zeros. A sheet titled like a 决算 table that matches none of the
/// thirteen, with numbers on it, is a 警告 naming sheet and title cell.
#[test]
fn a_table_with_an_unknown_title_is_a_warning_not_a_silent_absence() {
    let dir = temp_dir("unknown-title");
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    sheet(&mut specs, "公开05表").replace("财政拨款支出决算明细表", "财政拨款支出决算明細表");
    write_book(&path, &specs);
    let b = read_book(&path).unwrap();
    assert!(b.t05.is_none());
    let w: Vec<_> = b.read_findings.iter().filter(|f| f.rule == "READ-UNKNOWN-TABLE").collect();
    assert_eq!(w.len(), 1, "{:#?}", b.read_findings);
    assert!(w[0].message.contains("公开05表") && w[0].message.contains("财政拨款支出决算明細表"), "{}", w[0].message);
    assert_eq!(w[0].severity, juesuan::findings::Severity::Warning);
    // The standard workbook itself has none.
    write_book(&path, &standard());
    assert!(read_book(&path).unwrap().read_findings.iter().all(|f| f.rule != "READ-UNKNOWN-TABLE"));
}

/// Found by a tester: a table of another year or department mixed into the input, or a
/// 说明材料 年度 that no table states, went without a word. Each is a 警告 naming the odd table.
#[test]
fn tables_of_another_year_or_department_are_a_warning() {
    let conflicts = |edit: &dyn Fn(&mut Vec<SheetSpec>)| {
        let dir = temp_dir("meta-conflict");
        let path = dir.join("dept.xlsx");
        let mut specs = standard();
        edit(&mut specs);
        write_book(&path, &specs);
        let b = read_book(&path).unwrap();
        b.read_findings.into_iter().filter(|f| f.rule == "READ-META-CONFLICT").map(|f| f.message).collect::<Vec<_>>()
    };
    assert!(conflicts(&|_| {}).is_empty(), "the standard workbook agrees with itself");
    let m = conflicts(&|s| {
        sheet(s, "公开03表").replace("2023年度", "2022年度");
    });
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("表03 为 2022年度") && m[0].contains("其余各表为 2023年度"), "{m:?}");
    let m = conflicts(&|s| {
        sheet(s, "公开06表").replace("部门：中共某某区委办公室", "部门：某某区财政局");
    });
    assert!(m.len() == 1 && m[0].contains("表06 为 某某区财政局"), "{m:?}");
    let m = conflicts(&|s| {
        sheet(s, "说明材料").row(40, &["年度", "2024"]);
    });
    assert!(m.len() == 1 && m[0].contains("说明材料“年度”为 2024"), "{m:?}");
}

/// A 年度 outside 2000–2099 (1999 has four digits) is refused with the range in the message.
#[test]
fn year_out_of_range_states_the_range() {
    let (_, err) = read_edited("year1999", |s| {
        sheet(s, "说明材料").row(6, &["年度", "=1999"]);
    });
    assert!(matches!(err, ReadError::BadNote { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("2000–2099") && msg.contains("1999"), "{msg}");
    assert!(!msg.contains("应为四位年份"), "1999 is four digits: {msg}");
    assert_at(&err, "说明材料", "B7");
}

/// `read_meta` reads whose input it is although an amount cell holds text (batch --prior-dir
/// matches such a prior year by name, and the full read then names the cell).
#[test]
fn meta_is_read_despite_a_bad_amount() {
    let (path, err) = read_edited("meta-bad-amount", |s| {
        sheet(s, "公开08表").replace("=520", "见附件");
    });
    assert!(matches!(err, ReadError::BadAmount { .. }), "{err:?}");
    let good = temp_dir("meta-good").join("dept.xlsx");
    write_book(&good, &standard());
    let expected = read_book(&good).unwrap().meta;
    let meta = juesuan::read::read_meta(&path).expect("name and year readable");
    assert_eq!((meta.department, meta.year), (expected.department, expected.year));
}

/// Found by a tester: an empty 10 written as its title and a note (`说明：…故本表无数据。`), or
/// as its title alone, stopped the reader (找不到表头), and `无` or `/` in its amount cells too.
/// An empty table is never fatal: it reads as zeros with a 提示.
#[test]
fn empty_tables_as_a_title_and_a_note_or_with_zero_marks_read_as_empty() {
    let mut title_only = SheetSpec::new("公开10表");
    title_only.put(0, 0, "政府性基金预算财政拨款收入支出决算表");
    let mut with_note = title_only.clone();
    with_note.put(2, 0, "说明：本单位2023年度没有政府性基金预算财政拨款收入、支出，故本表无数据。");
    let marks = |m: &str| {
        let mut s = std_t10();
        let cells: Vec<(u32, u16)> = s.cells.iter().filter(|(_, v)| v.starts_with('=')).map(|(k, _)| *k).collect();
        for k in cells {
            s.put(k.0, k.1, m);
        }
        s
    };
    for (tag, t10) in [("title", title_only), ("note", with_note), ("无", marks("无")), ("slash", marks("/"))] {
        let dir = temp_dir(&format!("empty10-{tag}"));
        let path = dir.join("dept.xlsx");
        let mut specs = standard();
        *sheet(&mut specs, "公开10表") = t10;
        write_book(&path, &specs);
        let b = read_book(&path).unwrap_or_else(|e| panic!("{tag}: {e}"));
        let t = b.t10.as_ref().expect(tag);
        assert!(t.total.iter().all(|a| a.value.is_zero()) && t.rows.iter().all(|r| r.values.iter().all(|a| a.value.is_zero())), "{tag}");
        assert!(b.read_findings.iter().any(|f| f.rule == "READ-EMPTY-TABLE" && f.message.contains("表10")), "{tag}: {:#?}", b.read_findings);
    }
}

#[test]
fn a_label_code_or_project_given_twice_in_one_sheet_is_a_warning_naming_both_cells() {
    let dir = temp_dir("repeated");
    let path = dir.join("dept.xlsx");
    let mut specs = standard();
    sheet(&mut specs, "说明材料").row(6, &["部门简称", "区委办公室"]);
    sheet(&mut specs, "预算数").row(3, &["2013101", "=520", ""]);
    sheet(&mut specs, "项目绩效").row(2, &["机要通信保障", "=50", "=49", ""]);
    write_book(&path, &specs);
    let b = read_book(&path).unwrap();
    let msgs: Vec<&str> = b.read_findings.iter().filter(|f| f.rule == "NOTES-REPEATED").map(|f| f.message.as_str()).collect();
    assert_eq!(msgs, [
        "说明材料中“部门简称”出现两次（B2 与 B7），按后一处读取；请删去多余的一处",
        "预算数表中科目“2013101”出现两次（B2 与 B4），按后一处读取；请删去多余的一处",
        "项目绩效表中项目“机要通信保障”出现两次（A2 与 A3），按后一处读取；请删去多余的一处",
    ]);
    // The later one is read.
    assert_eq!(b.meta.short_name, "区委办公室");
    assert_eq!(b.budgets.iter().find(|l| l.code.as_str() == "2013101").map(|l| l.full_year.value.to_string()).as_deref(), Some("520"));
    // Once each: no warning.
    assert!(read_book(&{ let p = dir.join("once.xlsx"); write_book(&p, &standard()); p }).unwrap().read_findings.iter().all(|f| f.rule != "NOTES-REPEATED"));
}
