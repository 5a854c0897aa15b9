//! `juesuan dump --explain` (golden: `tests/golden/explain/`, regenerate deliberately with
//! `UPDATE_GOLDEN=1 cargo test --test dump_explain`) and the reader's errors and findings that
//! name the header texts seen and what to rename.

mod common;
mod read_support;

use common::{check_golden, juesuan, S01, S03};
use read_support::{sheet, standard, temp_dir, write_book};

#[test]
fn explain_of_the_bundled_samples_matches_golden() {
    for (sample, golden) in [(S01, "explain/01_区委办公室.txt"), (S03, "explain/03_农业技术服务中心.txt")] {
        let r = juesuan(&["dump", sample, "--explain"]);
        assert_eq!(r.code, 0, "{r:?}");
        check_golden(golden, &r.stdout);
    }
}

#[test]
fn explain_names_concepts_cells_and_empty_tables() {
    let r = juesuan(&["dump", S01, "--explain"]);
    let t = &r.stdout;
    assert!(t.contains("表06 一般公共预算财政拨款支出决算表\n  工作表：samples/01_区委办公室.xlsx › 公开06表；标题：A1；单位：万元"), "{t}");
    assert!(t.contains("本年支出合计 列 ← “本年支出 / 合计”（E4）"), "{t}");
    assert!(t.contains("本年支出合计 列 ← “本年支出 / 小计”（G4）"), "{t}");
    assert!(t.contains("[提示] 表12 国有资本经营预算财政拨款支出决算表 没有非零金额（空表），按零读取，无需列映射"), "{t}");
}

#[test]
fn a_misnamed_header_names_what_was_seen_and_what_to_rename() {
    let dir = temp_dir("explain-rename");
    let mut specs = standard();
    let (r, c) = sheet(&mut specs, "公开03表").replace("基本支出", "基本");
    let p = dir.join("改名.xlsx");
    write_book(&p, &specs);
    let out = juesuan(&["dump".as_ref(), p.as_os_str()]);
    assert_eq!(out.code, 2, "{out:?}");
    let cell = format!("{}{}", (b'A' + c as u8) as char, r + 1);
    assert_eq!(cell, "F4");
    // The header is unknown and holds amounts while 基本支出 is missing: rename it.
    assert!(out.stderr.contains("公开03表!F4：表03 支出决算表的表头“基本”无法识别"), "{out:?}");
    assert!(out.stderr.contains("请把") && out.stderr.contains("的表头改为“基本支出”") && out.stderr.contains("juesuan dump --explain"), "{out:?}");
}

#[test]
fn a_missing_column_error_lists_the_headers_seen() {
    let dir = temp_dir("explain-missing");
    let mut specs = standard();
    sheet(&mut specs, "公开03表").replace("本年支出合计", "");
    let p = dir.join("缺列.xlsx");
    write_book(&p, &specs);
    let out = juesuan(&["dump".as_ref(), p.as_os_str()]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("找不到“本年支出合计”列（读到的表头：") && out.stderr.contains("F4“基本支出”"), "{out:?}");
    assert!(out.stderr.contains("请把对应列的表头改为“本年支出合计”"), "{out:?}");
}

#[test]
fn an_extra_column_is_a_warning_naming_its_header() {
    let dir = temp_dir("explain-extra");
    let mut specs = standard();
    let s = sheet(&mut specs, "公开03表");
    let (r, _) = s.find("2013101");
    s.put(3, 10, "备注金额").put(r, 10, "=1.5");
    let p = dir.join("多列.xlsx");
    write_book(&p, &specs);
    let out = juesuan(&["check".as_ref(), p.as_os_str()]);
    assert!(out.stdout.contains("[警告] READ-UNKNOWN-COLUMN 表03 支出决算表 K4 的表头“备注金额”不对应本表任何一列，已忽略（该列有非零金额，请核对）"), "{out:?}");
    let ex = juesuan(&["dump".as_ref(), p.as_os_str(), "--explain".as_ref()]);
    assert!(ex.stdout.contains("跳过 K4：表头“备注金额”不是本表的任何一列，未读取"), "{ex:?}");
}

#[test]
fn a_row_reading_one_two_three_is_a_misread_layout() {
    let dir = temp_dir("explain-lanci");
    let mut specs = standard();
    // A 栏次 row of 1…6 below the 合计 row (not directly under the header): read as data it
    // would be figures; the self-check stops with a located error instead.
    let s = sheet(&mut specs, "公开03表");
    let (r, _) = s.find("2013101");
    for (i, c) in (4u16..10).enumerate() {
        s.put(r, c, &format!("={}", i + 1));
    }
    let p = dir.join("栏次.xlsx");
    write_book(&p, &specs);
    let out = juesuan(&["dump".as_ref(), p.as_os_str()]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains(&format!("公开03表!E{}：表03 支出决算表的版式可能被误读：这一行的金额是 1、2、3…，像是栏次/行次编号而不是金额", r + 1)), "{out:?}");
}
