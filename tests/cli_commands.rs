//! The binary as a user runs it: every subcommand on the bundled samples and on broken
//! inputs, with exit codes (0 ok, 1 check 错误/refused, 2 unreadable, 3 other) and messages.

mod common;

use common::*;
use std::path::Path;

fn sample_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap()
}

/// Sample 01 with 公开01表!C7 (一般公共预算财政拨款收入, 904.13) changed to 900.13.
fn broken_01(dir: &TempDir) -> std::path::PathBuf {
    let bytes = sample_bytes(S01);
    assert_eq!(cell_number(&bytes, "公开01表", "C7"), "904.13");
    let patched = patch_number(&bytes, "公开01表", "C7", "900.13");
    assert_eq!(cell_number(&patched, "公开01表", "C7"), "900.13");
    let p = dir.join("坏样例.xlsx");
    std::fs::write(&p, patched).unwrap();
    p
}

// ───────────────────────────── check ─────────────────────────────

#[test]
fn check_samples_have_no_errors() {
    for args in [vec![S01], vec![S02], vec![S03], vec![S03, "--prior", S03_PRIOR]] {
        let mut a = vec!["check"];
        a.extend(args.iter().copied());
        let r = juesuan(&a);
        assert_eq!(r.code, 0, "{args:?}: {r:?}");
        assert!(r.stdout.contains("错误 0 个"), "{args:?}: {r:?}");
    }
    // 01 is clean but for its three empty tables 10/11/12 (one 提示 each: read as zero, no
    // column mapping needed); 02 lacks 上年数 (one 警告 naming the rule).
    let r = juesuan(&["check", S01]);
    assert!(r.stdout.contains("错误 0 个，警告 0 个，提示 3 个") && r.stdout.contains("READ-EMPTY-TABLE"), "{r:?}");
    let r = juesuan(&["check", S02]);
    assert!(r.stdout.contains("MISSING-PRIOR") && r.stdout.contains("错误 0 个，警告 1 个"), "{r:?}");
}

#[test]
fn check_json_has_summary() {
    let r = juesuan(&["check", S02, "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("check --format json parses");
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["warnings"], 1);
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["rule"] == "MISSING-PRIOR"), "{findings:?}");
}

#[test]
fn check_broken_names_rule_sheet_and_cell() {
    let dir = TempDir::new("check-broken");
    let p = broken_01(&dir);
    let r = juesuan(&["check".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("[错误] T01-INCOME-SUM"), "{r:?}");
    assert!(r.stdout.contains("表01 本年收入合计 904.13 与 各收入行之和 900.13 不等，相差4万元"), "{r:?}");
    assert!(r.stdout.contains("坏样例.xlsx › 公开01表!C7"), "{r:?}");
    assert!(r.stdout.contains("X-T04-T01") && r.stdout.contains("公开04表!C7"), "cross-table rule with 04's cell: {r:?}");
    assert!(r.stdout.contains("错误 3 个"), "{r:?}");

    let j = juesuan(&["check".as_ref(), p.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(j.code, 1);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 3);
}

// ───────────────────────────── unreadable input ─────────────────────────────

#[test]
fn unreadable_inputs_exit_2_with_chinese_message() {
    let dir = TempDir::new("unreadable");
    let junk = dir.join("乱码.xlsx");
    let bytes: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&junk, bytes).unwrap();
    for cmd in ["check", "dump", "facts", "narrate"] {
        let r = juesuan(&[cmd.as_ref(), junk.as_os_str()]);
        assert_eq!(r.code, 2, "{cmd}: {r:?}");
        assert!(r.stderr.contains("无法读取文件") && r.stderr.contains("乱码.xlsx") && r.stderr.contains("另存为"), "{cmd}: {r:?}");
    }
    let out = dir.join("out.docx");
    let r = juesuan(&["generate".as_ref(), junk.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!out.exists());

    // An unreadable --prior is named too.
    let r = juesuan(&["check".as_ref(), S01.as_ref(), "--prior".as_ref(), junk.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("乱码.xlsx"), "{r:?}");

    let missing = dir.join("不存在.xlsx");
    let r = juesuan(&["check".as_ref(), missing.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("不存在.xlsx") && r.stderr.contains("文件或文件夹不存在"), "{r:?}");
}

#[test]
fn folder_with_one_corrupt_table_file_exits_2_naming_it() {
    let dir = TempDir::new("corrupt-member");
    let folder = dir.join("03_坏一张");
    copy_input(&root().join(S03), &folder);
    std::fs::write(folder.join("08一般公共预算财政拨款基本支出决算表.xlsx"), b"not a workbook at all").unwrap();
    let r = juesuan(&["check".as_ref(), folder.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("无法读取文件") && r.stderr.contains("08一般公共预算财政拨款基本支出决算表.xlsx"), "{r:?}");
}

/// A synthetic corpus (`sample --count`) goes through `batch` without a failure or 错误.
#[test]
fn corpus_sample_batch_succeeds() {
    let dir = TempDir::new("corpus");
    let corpus = dir.join("corpus");
    let out = dir.join("out");
    let r = juesuan(&["sample".as_ref(), "-o".as_ref(), corpus.as_os_str(), "--count".as_ref(), "3".as_ref(), "--seed".as_ref(), "7".as_ref()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已写出 3 个样例"), "{r:?}");
    let r = juesuan(&["batch".as_ref(), corpus.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("共 3 个部门：已生成 3，未变化 0，失败 0"), "{r:?}");
    let rows = sheet_rows(&out.join("汇总.xlsx"), None);
    let errors = rows[0].iter().position(|h| h == "错误").unwrap();
    assert!(rows[1..].iter().all(|r| r[errors] == "0"), "{rows:?}");
}

#[test]
fn folder_missing_table_01_exits_2_naming_the_table() {
    let dir = TempDir::new("no01");
    let folder = dir.join("03_缺表01");
    copy_input(&root().join(S03), &folder);
    std::fs::remove_file(folder.join("01收入支出决算总表.xlsx")).unwrap();
    let r = juesuan(&["check".as_ref(), folder.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("03_缺表01") && r.stderr.contains("没有找到表01 收入支出决算总表"), "{r:?}");
}

/// A workbook whose 公开01表 title was overwritten: table 01 is not found.
#[test]
fn workbook_missing_table_01_exits_2_naming_the_file() {
    let dir = TempDir::new("wb-no01");
    let p = dir.join("缺表01.xlsx");
    std::fs::write(&p, fill_text(&sample_bytes(S01), "公开01表", "A1", "备注")).unwrap();
    let r = juesuan(&["check".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("缺表01.xlsx") && r.stderr.contains("没有找到表01 收入支出决算总表") && r.stderr.contains("保留标题“收入支出决算总表”"), "{r:?}");
}

/// Two sheets titled 收入支出决算总表 (公开04表's title overwritten): both title cells are named.
#[test]
fn duplicate_table_exits_2_naming_both_cells() {
    let dir = TempDir::new("dup01");
    let p = dir.join("重复.xlsx");
    std::fs::write(&p, fill_text(&sample_bytes(S01), "公开04表", "A1", "收入支出决算总表")).unwrap();
    let r = juesuan(&["check".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("出现了两次") && r.stderr.contains("公开01表!A1") && r.stderr.contains("公开04表!A1"), "{r:?}");
}

#[test]
fn text_in_amount_cell_exits_2_naming_sheet_and_cell() {
    let dir = TempDir::new("badamount");
    let p = dir.join("文字金额.xlsx");
    std::fs::write(&p, patch_text(&sample_bytes(S01), "公开06表", "E9", "待填")).unwrap();
    let r = juesuan(&["check".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("文字金额.xlsx › 公开06表!E9") && r.stderr.contains("此处应为金额，却是“待填”"), "{r:?}");
}

// ───────────────────────────── generate ─────────────────────────────

fn assert_docx(bytes: &[u8]) {
    let names = zip_names(bytes);
    assert!(names.iter().any(|n| n == "word/document.xml"), "{names:?}");
    let charts: Vec<_> = names.iter().filter(|n| n.starts_with("word/charts/chart") && n.ends_with(".xml")).collect();
    assert_eq!(charts.len(), 7, "{names:?}");
}

#[test]
fn generate_sample_writes_docx_deterministically() {
    let dir = TempDir::new("generate");
    let a = dir.join("a.docx");
    let b = dir.join("b.docx");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), a.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已生成：") && !r.stdout.contains("草稿"), "{r:?}");
    let bytes = std::fs::read(&a).unwrap();
    assert_docx(&bytes);
    let doc = zip_text(&bytes, "word/document.xml");
    assert!(doc.contains("中共青溪区委办公室") && doc.contains("904.13万元"), "document text");
    // Chart caches hold the samples' figures: 1 = 收支总计 2022/2023, 3 = 基本/项目 shares.
    let values = |n: u8| -> Vec<String> {
        let xml = zip_text(&bytes, &format!("word/charts/chart{n}.xml"));
        xml.split("<c:v>").skip(1).map(|s| s[..s.find("</c:v>").unwrap()].to_string()).collect()
    };
    let v1 = values(1);
    assert!(v1.iter().filter(|v| *v == "861.47").count() == 2 && v1.iter().filter(|v| *v == "904.13").count() == 2, "{v1:?}");
    let v3 = values(3);
    assert!(v3.contains(&"0.7768".to_string()) && v3.contains(&"0.2232".to_string()), "{v3:?}");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), b.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(std::fs::read(&b).unwrap() == bytes, "two runs give identical bytes");
    let mut left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["a.docx", "b.docx"], "no temporary files left next to the output");
}

#[test]
fn generate_folder_with_prior() {
    let dir = TempDir::new("generate03");
    let out = dir.join("03.docx");
    let r = juesuan(&["generate".as_ref(), S03.as_ref(), "--prior".as_ref(), S03_PRIOR.as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let bytes = std::fs::read(&out).unwrap();
    assert_docx(&bytes);
    assert!(zip_text(&bytes, "word/document.xml").contains("增长6.69%"));
}

#[test]
fn generate_broken_refuses_and_keeps_existing_output() {
    let dir = TempDir::new("generate-broken");
    let input = broken_01(&dir);
    let out = dir.join("报告.docx");
    // No output before: none after.
    let r = juesuan(&["generate".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("校验发现 3 个错误，未生成报告"), "{r:?}");
    assert!(r.stdout.contains("T01-INCOME-SUM"), "refusal lists the findings: {r:?}");
    assert!(!out.exists(), "no report written");
    // An existing output is left untouched.
    let old = b"previous report bytes".to_vec();
    std::fs::write(&out, &old).unwrap();
    let r = juesuan(&["generate".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(std::fs::read(&out).unwrap(), old);
    // --force writes a draft.
    let r = juesuan(&["generate".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--force".as_ref()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("草稿") && r.stdout.contains("错误 3 个"), "{r:?}");
    let bytes = std::fs::read(&out).unwrap();
    assert_docx(&bytes);
    assert!(zip_text(&bytes, "word/document.xml").contains("草稿"), "draft marked in the document");
}

// ───────────────────────────── templates ─────────────────────────────

#[test]
fn template_override_changes_one_sentence() {
    let dir = TempDir::new("templates");
    let tpl = dir.join("tpl");
    let r = juesuan(&["templates".as_ref(), "export".as_ref(), tpl.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已导出 17 个模板到"), "{r:?}");
    let file = tpl.join("part2_01_totals.txt");
    let src = std::fs::read_to_string(&file).unwrap();
    let line = "{{ year }}年度收、支总计均为{{ totals.grand_total | wan }}。";
    assert!(src.contains(line), "exported template has the built-in sentence");
    std::fs::write(&file, src.replace(line, "{{ year }}年度全部收支合计为{{ totals.grand_total | wan }}。")).unwrap();

    let r = juesuan(&["narrate".as_ref(), S01.as_ref(), "--templates".as_ref(), tpl.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("2023年度全部收支合计为904.13万元。与2022年度相比"), "{}", r.stdout);
    assert!(!r.stdout.contains("2023年度收、支总计均为904.13万元"));
    assert!(r.stdout.contains("2023年度财政拨款收、支总计均为904.13万元"), "other sections unchanged");
    // Everything else is the built-in text.
    assert!(r.stdout.contains("2023年度本年支出合计904.13万元，其中：基本支出702.32万元，占77.68%"));

    let out = dir.join("custom.docx");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "--templates".as_ref(), tpl.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(zip_text(&std::fs::read(&out).unwrap(), "word/document.xml").contains("全部收支合计为"));
}

#[test]
fn broken_override_template_exits_3_naming_it() {
    let dir = TempDir::new("badtpl");
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(tpl.join("part2_02_income.txt"), "{% if %}坏模板\n").unwrap();
    let out = dir.join("x.docx");
    for extra in [vec![], vec!["-o".as_ref(), out.as_os_str()]] {
        let cmd = if extra.is_empty() { "narrate" } else { "generate" };
        let mut a: Vec<&std::ffi::OsStr> = vec![cmd.as_ref(), S01.as_ref(), "--templates".as_ref(), tpl.as_os_str()];
        a.extend(extra);
        let r = juesuan(&a);
        assert_eq!(r.code, 3, "{cmd}: {r:?}");
        assert!(r.stderr.contains("模板 part2_02_income.txt 第1行"), "{cmd}: {r:?}");
    }
    assert!(!out.exists());
}

// ───────────────────────────── init / sample / dump ─────────────────────────────

#[test]
fn init_writes_blank_template_with_all_tables_and_notes() {
    let dir = TempDir::new("init");
    let p = dir.join("空白模板.xlsx");
    let r = juesuan(&["init".as_ref(), "-o".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已写出空白模板"), "{r:?}");
    // Same bytes as the library writer.
    let lib = dir.join("lib.xlsx");
    juesuan::samples::write_blank_template(&lib).unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), std::fs::read(&lib).unwrap());

    // Every one of the 13 titles is on some sheet.
    let names = sheet_names(&p);
    let all_text: String = names.iter().flat_map(|n| sheet_rows(&p, Some(n))).flatten().collect::<Vec<_>>().join("\n");
    for title in [
        "收入支出决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款收入支出决算总表",
        "财政拨款支出决算明细表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款支出决算明细表",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款项目支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
        "财政拨款“三公”经费支出决算表",
    ] {
        assert!(all_text.contains(title), "title {title} missing");
    }
    // Every 说明材料 label is listed on the 说明材料 sheet.
    assert!(names.iter().any(|n| n == "说明材料"), "{names:?}");
    let notes: Vec<String> = sheet_rows(&p, Some("说明材料")).into_iter().flatten().collect();
    for label in juesuan::notes_catalog::NOTE_LABELS {
        assert!(notes.iter().any(|c| c == label.label), "说明材料 label {} missing", label.label);
    }

    // The blank template cannot be reported on as is: dump says what is missing (the year).
    let r = juesuan(&["dump".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("空白模板.xlsx") && r.stderr.contains("找不到决算年度"), "{r:?}");
}

/// Round trip of `init`: the blank template, with 年度 and 部门名称 filled in 说明材料 and one
/// amount typed into 公开01表, is read back with that amount at that cell; check then names it.
#[test]
fn init_template_filled_reads_back() {
    let dir = TempDir::new("init-fill");
    let blank = dir.join("blank.xlsx");
    assert_eq!(juesuan(&["init".as_ref(), "-o".as_ref(), blank.as_os_str()]).code, 0);
    let mut bytes = std::fs::read(&blank).unwrap();
    assert_eq!(sheet_rows(&blank, Some("说明材料"))[3][0], "年度");
    assert_eq!(sheet_rows(&blank, Some("公开01表"))[6][0], "一、一般公共预算财政拨款收入");
    bytes = fill_text(&bytes, "说明材料", "B2", "测试局");
    bytes = fill_number(&bytes, "说明材料", "B4", "2023");
    let filled = dir.join("filled.xlsx");
    std::fs::write(&filled, &bytes).unwrap();
    let r = juesuan(&["dump".as_ref(), filled.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("部门：测试局（简称：测试局）  年度：2023"), "{r:?}");
    assert!(r.stdout.contains("本年收入合计 0.00；收入总计 0.00"), "empty amounts read as zero: {r:?}");
    assert!(r.stdout.contains("绩效自评表：0 张"), "the blank 自评表 is skipped: {r:?}");
    let r = juesuan(&["check".as_ref(), filled.as_os_str()]);
    assert_eq!(r.code, 0, "an all-zero department has no 错误: {r:?}");

    // The blank 自评表 filled in (项目名称, 总额 调整后预算数 and 执行数) is read as a form.
    let mut form = fill_text(&bytes, "绩效自评表", "B2", "测试项目（2023）");
    form = fill_number(&form, "绩效自评表", "D8", "10");
    form = fill_number(&form, "绩效自评表", "E8", "8");
    let with_form = dir.join("with_form.xlsx");
    std::fs::write(&with_form, &form).unwrap();
    let r = juesuan(&["dump".as_ref(), with_form.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("绩效自评表：1 张"), "{r:?}");
    let r = juesuan(&["check".as_ref(), with_form.as_os_str()]);
    assert!(r.stdout.contains("PERF-REASON") && r.stdout.contains("with_form.xlsx › 绩效自评表!"), "80% without a 原因 is named at its cell: {r:?}");

    bytes = fill_number(&bytes, "公开01表", "C7", "100");
    std::fs::write(&filled, &bytes).unwrap();
    let r = juesuan(&["dump".as_ref(), filled.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("一般公共预算财政拨款收入 100.00"), "{r:?}");
    let r = juesuan(&["check".as_ref(), filled.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("T01-INCOME-SUM") && r.stdout.contains("filled.xlsx › 公开01表!C7"), "{r:?}");
}

#[test]
fn sample_writes_bundled_samples_byte_identical() {
    let dir = TempDir::new("sample");
    let out = dir.join("samples");
    let r = juesuan(&["sample".as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已写出 4 个样例"), "{r:?}");
    let mut compared = 0;
    for rel in [S01, S02] {
        let name = Path::new(rel).file_name().unwrap();
        assert!(std::fs::read(out.join(name)).unwrap() == sample_bytes(rel), "{rel} differs from the committed sample");
        compared += 1;
    }
    for rel in [S03, S03_PRIOR] {
        let name = Path::new(rel).file_name().unwrap();
        let committed: Vec<_> = std::fs::read_dir(root().join(rel)).unwrap().map(|e| e.unwrap().file_name()).collect();
        let written: Vec<_> = std::fs::read_dir(out.join(name)).unwrap().map(|e| e.unwrap().file_name()).collect();
        let forms = if rel == S03 { 3 } else { 0 };
        assert_eq!(committed.len(), 14 + forms, "{rel}: 13 tables + 说明材料 + one workbook per 自评表");
        assert_eq!(written.len(), committed.len(), "{rel}");
        for f in committed {
            assert!(std::fs::read(out.join(name).join(&f)).unwrap() == std::fs::read(root().join(rel).join(&f)).unwrap(), "{rel}/{f:?} differs");
            compared += 1;
        }
    }
    assert_eq!(compared, 33);
}

#[test]
fn dump_reads_samples() {
    let r = juesuan(&["dump", S01]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("部门：中共青溪区委办公室（简称：区委办）  年度：2023"), "{r:?}");
    assert!(r.stdout.contains("本年收入合计 904.13；收入总计 904.13"));
    assert!(r.stdout.contains("人员经费合计 574.32（16 行）；公用经费合计 128.00（18 行）"));
    let r = juesuan(&["dump", S03]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("单位：元（已换算为万元）"), "{r:?}");
    let r = juesuan(&["dump", S02, "--json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("dump --json parses");
    assert_eq!(v["meta"]["year"], 2023);
}

// ───────────────────────────── facts / diff / rules ─────────────────────────────

#[test]
fn facts_json_and_diff_report_changed_paths() {
    let dir = TempDir::new("diff");
    let r = juesuan(&["facts", S01, "--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("facts --json parses");
    assert_eq!(v["meta"]["department"], "中共青溪区委办公室");
    let old = dir.join("old.facts.json");
    std::fs::write(&old, &r.stdout).unwrap();

    // The same department with 公开01表 本年收入合计 (C15) changed: the diff names the paths.
    let new = facts_file(&dir, "改.xlsx", patch_number(&sample_bytes(S01), "公开01表", "C15", "905.13"));
    let r = juesuan(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("处变化"), "{r:?}");
    assert!(r.stdout.contains("income.total.value: 904.13 → 905.13"), "{r:?}");

    let r = juesuan(&["diff".as_ref(), old.as_os_str(), old.as_os_str()]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("无变化"), "{r:?}");
    // Inputs instead of facts files work too.
    let r = juesuan(&["diff", S01, S01]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("无变化"));
}

/// Writes `bytes` as workbook `name` in `dir` and its `facts --json` next to it; returns the facts path.
fn facts_file(dir: &TempDir, name: &str, bytes: Vec<u8>) -> std::path::PathBuf {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let r = juesuan(&["facts".as_ref(), input.as_os_str(), "--json".as_ref()]);
    assert_eq!(r.code, 0, "facts does not refuse on check errors: {r:?}");
    let path = dir.join(&format!("{name}.facts.json"));
    std::fs::write(&path, &r.stdout).unwrap();
    path
}

/// `diff` (and batch's changed-figures summary, which uses the same flattening) reports a
/// changed income source: `income.sources` is the list of income-source figures, not
/// provenance to skip (it once was skipped and reported as 无变化).
#[test]
fn diff_reports_changed_income_source() {
    let dir = TempDir::new("diff-sources");
    let old = facts_file(&dir, "原.xlsx", sample_bytes(S01));
    let new = facts_file(&dir, "改.xlsx", patch_number(&sample_bytes(S01), "公开01表", "C7", "900.13"));
    let (a, b) = (std::fs::read_to_string(&old).unwrap(), std::fs::read_to_string(&new).unwrap());
    assert!(a.contains("\"value\": \"904.13\"") && b.contains("\"value\": \"900.13\""), "facts do differ");
    let r = juesuan(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert!(r.stdout.contains("income.sources.0.amount.value: 904.13 → 900.13"), "{r:?}");
}

#[test]
fn rules_lists_rule_ids() {
    let r = juesuan(&["rules"]);
    assert_eq!(r.code, 0, "{r:?}");
    for id in ["T01-INCOME-SUM", "T01-BALANCE", "T04-TOTALS", "T08-PERSONNEL", "X-T02-T01", "X-T04-T01", "MISSING-PRIOR"] {
        assert!(r.stdout.contains(&format!("`{id}`")), "rule {id} missing");
    }
    assert!(r.stdout.lines().filter(|l| l.starts_with("| `")).count() >= 30);
}

// ───────────────────────────── prior year, outputs, diff, templates ─────────────────────────────

/// `--prior` with tables of the same year (here 03's own 2023 tables) is flagged (PRIOR-YEAR),
/// so no report says “与2022年度相比，收、支总计持平” from 2023's tables.
#[test]
fn prior_of_the_same_year_is_flagged() {
    let r = juesuan(&["check", S03, "--format", "json", "--prior", S03]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let flagged = v["summary"]["errors"].as_u64().unwrap() + v["summary"]["warnings"].as_u64().unwrap();
    assert!(flagged > 0, "no finding for a 2023 prior of a 2023 report: {r:?}");
}

/// `--prior` with another department's tables (01 中共青溪区委办公室 with 03's prior
/// 青溪区农业技术服务中心) is flagged (PRIOR-DEPARTMENT), so no report compares two departments.
#[test]
fn prior_of_another_department_is_flagged() {
    let r = juesuan(&["check", S01, "--format", "json", "--prior", S03_PRIOR]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let flagged = v["summary"]["errors"].as_u64().unwrap() + v["summary"]["warnings"].as_u64().unwrap();
    assert!(flagged > 0, "no finding for a prior of another department: {r:?}");
}

/// A report whose folder cannot be created or written exits 3 with a Chinese message naming
/// the output file (here the "folder" is an existing regular file).
#[test]
fn unwritable_output_names_the_file_and_exits_3() {
    let dir = TempDir::new("unwritable");
    std::fs::write(dir.join("是文件"), b"x").unwrap();
    let out = dir.join("是文件/报告.docx");
    for cmd in ["generate", "narrate"] {
        let r = juesuan(&[cmd.as_ref(), S01.as_ref(), "-o".as_ref(), out.as_os_str()]);
        assert_eq!(r.code, 3, "{cmd}: {r:?}");
        assert!(r.stderr.starts_with("错误：") && r.stderr.contains("报告.docx"), "{cmd}: {r:?}");
    }
}

/// A new output folder is created, as `batch` does for OUT_DIR.
#[test]
fn missing_output_folder_is_created() {
    let dir = TempDir::new("newfolder");
    let out = dir.join("新目录/报告.docx");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(out.is_file());
}

/// `diff` of a file that is not JSON exits 2 (and names the file: next test).
#[test]
fn diff_bad_json_exits_2() {
    let dir = TempDir::new("diff-bad");
    let bad = dir.join("坏.facts.json");
    std::fs::write(&bad, "{bad").unwrap();
    let r = juesuan(&["diff".as_ref(), bad.as_os_str(), bad.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn diff_bad_json_names_the_file() {
    let dir = TempDir::new("diff-bad-name");
    let bad = dir.join("坏.facts.json");
    std::fs::write(&bad, "{bad").unwrap();
    let r = juesuan(&["diff".as_ref(), bad.as_os_str(), bad.as_os_str()]);
    assert!(r.stderr.contains("坏.facts.json"), "{r:?}");
}

#[test]
fn misnamed_override_template_warns() {
    let dir = TempDir::new("tpl-typo");
    std::fs::write(dir.join("part2_01_total.txt"), "拼错的模板\n").unwrap();
    let r = juesuan(&["narrate".as_ref(), S01.as_ref(), "--templates".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.contains("警告：模板目录中的 part2_01_total.txt 不是内置模板的名称"), "{r:?}");
    assert!(r.stdout.contains("2023年度收、支总计均为904.13万元"), "built-in text still used");
}

#[test]
fn narrate_output_file_matches_stdout() {
    let dir = TempDir::new("narrate-o");
    let out = dir.join("预览.md");
    let r = juesuan(&["narrate".as_ref(), S02.as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已写出预览"), "{r:?}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), juesuan(&["narrate", S02]).stdout);
}

/// A report with placeholders left says so on every page, and `--final` refuses it.
#[test]
fn placeholders_make_a_visible_draft_and_final_refuses() {
    let dir = TempDir::new("generate-final");
    let out = dir.join("02.docx");
    let r = juesuan(&["generate".as_ref(), S02.as_ref(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let n: usize = r.stdout.split("待补充 ").nth(1).and_then(|s| s.split(' ').next()).and_then(|s| s.parse().ok()).expect("待补充 N 处 in the output");
    assert!(n > 0, "{r:?}");
    let bytes = std::fs::read(&out).unwrap();
    let headers: String = zip_names(&bytes).iter().filter(|p| p.starts_with("word/header")).map(|p| zip_text(&bytes, p)).collect();
    assert!(headers.contains(&format!("草稿 · 待补充{n}处")), "{headers}");
    assert!(!headers.contains("未经审核"), "no check 错误: {headers}");
    // --final refuses, names the count, and leaves the previous output untouched.
    let r = juesuan(&["generate".as_ref(), S02.as_ref(), "-o".as_ref(), out.as_os_str(), "--final".as_ref()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains(&format!("仍有 {n} 处待补充、0 个错误")), "{r:?}");
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    // Sample 01 lacks the 项目评价 text of three of its projects (附件2): --final refuses it too,
    // naming the same count as a plain run, and writes nothing.
    let out01 = dir.join("01.docx");
    let plain = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), dir.join("01-draft.docx").as_os_str()]);
    let n01: usize = plain.stdout.split("待补充 ").nth(1).and_then(|s| s.split(' ').next()).and_then(|s| s.parse().ok()).expect("待补充 N 处");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "-o".as_ref(), out01.as_os_str(), "--final".as_ref()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains(&format!("仍有 {n01} 处待补充")), "{r:?}");
    assert!(!out01.exists());
}
