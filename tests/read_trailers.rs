//! Lines under a table that are not data: multi-line footnotes and signature rows (as real
//! exports print them) must not make a workbook unreadable nor change any figure.

mod read_support;

use juesuan::read::read_book;
use read_support::*;

/// Adds `2.…` footnote continuation and a signature row under the last used row of a sheet.
fn add_trailers(s: &mut SheetSpec) {
    let last = s.cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
    s.put(last + 1, 0, "注：1.本表反映部门本年度情况。");
    s.put(last + 2, 0, "2.本表金额转换为万元时，因四舍五入可能存在尾数误差。");
    s.put(last + 3, 0, "单位负责人：张三").put(last + 3, 2, "财务负责人：李四").put(last + 3, 4, "制表人：王五");
}

#[test]
fn multi_line_footnotes_and_signature_rows_are_not_data() {
    let dir = temp_dir("trailers");
    let plain = dir.join("plain.xlsx");
    write_book(&plain, &standard());
    let mut sheets = standard();
    for name in ["公开01表", "公开03表", "公开04表", "公开06表", "公开08表", "公开13表"] {
        add_trailers(sheet(&mut sheets, name));
    }
    let signed = dir.join("signed.xlsx");
    write_book(&signed, &sheets);
    let (a, b) = (read_book(&plain).unwrap(), read_book(&signed).unwrap_or_else(|e| panic!("{e}")));
    // Same tables, cell for cell (only the file name differs).
    let json = |book: &juesuan::model::Book, file: &std::path::Path| {
        serde_json::to_string(&(&book.t01, &book.t03, &book.t04, &book.t06, &book.t08, &book.t13)).unwrap().replace(file.to_str().unwrap(), "F")
    };
    assert_eq!(json(&a, &plain), json(&b, &signed));
    assert_eq!(b.t01.income_total.value.to_string(), "889.16");
}
