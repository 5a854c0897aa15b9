//! What the commands say is true and helpful (issue 12): one count of 警告 and 待补充
//! everywhere, every rule id documented, batch on odd folders, templates export, template
//! errors, a batch folder given to `check`, `--force` with a prior-year problem, `sample`.

mod common;

use common::*;
use std::path::Path;

/// `错误 N 个，警告 N 个` → N of 警告.
fn warnings_in(text: &str) -> usize {
    let at = text.find("警告 ").unwrap_or_else(|| panic!("no 警告 count in {text}"));
    text[at + "警告 ".len()..].split(' ').next().unwrap().parse().unwrap()
}

fn batch(input: &Path, out: &Path, extra: &[&std::ffi::OsStr]) -> Run {
    let mut a: Vec<&std::ffi::OsStr> = vec!["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "2".as_ref()];
    a.extend(extra.iter().copied());
    juesuan(&a)
}

fn copy_into(dir: &Path, rel: &str) {
    std::fs::create_dir_all(dir).unwrap();
    copy_input(&root().join(rel), &dir.join(Path::new(rel).file_name().unwrap()));
}

#[test]
fn generate_check_and_batch_give_the_same_warning_and_placeholder_counts() {
    let check = juesuan(&["check", S03]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(check.stdout.contains("错误 0 个，警告 1 个，提示 3 个\n"), "{check:?}");
    let dir = TempDir::new("counts");
    let docx = dir.join("r.docx");
    let gen_run = juesuan(&["generate".as_ref(), S03.as_ref(), "-o".as_ref(), docx.as_os_str()]);
    assert_eq!(gen_run.code, 0, "{gen_run:?}");
    // The 35 placeholders (7 prior-year figures, 27 附件2 sections of 3 projects, 1 more) are 待补充, not 警告: the same 警告 count as check.
    assert!(gen_run.stdout.contains("校验：错误 0 个，警告 1 个，提示 3 个，待补充 35 处"), "{gen_run:?}");
    assert_eq!(warnings_in(&gen_run.stdout), warnings_in(&check.stdout));
    assert!(gen_run.stdout.contains("以下 35 处待补充内容"), "{gen_run:?}");
    let listed = gen_run.stdout.lines().filter(|l| l.starts_with("  ") && l.contains("【缺少上年数")).count();
    assert_eq!(listed, 7, "{gen_run:?}");

    let input = dir.join("in");
    copy_into(&input, S03);
    let out = dir.join("out");
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("有警告 1"), "{r:?}");
    assert!(r.stdout.contains("待补充：1 个部门的报告共 35 处待补充内容"), "{r:?}");
    let mut rows = sheet_rows(&out.join("汇总.xlsx"), Some("部门汇总"));
    let head = rows.remove(0);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {head:?}"));
    assert_eq!(rows[0][col("警告")], "1", "{rows:?}");
    assert_eq!(rows[0][col("待补充")], "35", "{rows:?}");
    let issues = sheet_rows(&out.join("汇总.xlsx"), Some("问题清单"));
    let placeholder_rows: Vec<&Vec<String>> = issues.iter().filter(|r| r.iter().any(|c| c == "NARRATE-PLACEHOLDER")).collect();
    assert_eq!(placeholder_rows.len(), 35);
    assert!(placeholder_rows.iter().all(|r| r.iter().any(|c| c == "待补充") && !r.iter().any(|c| c == "警告")), "{placeholder_rows:?}");
    assert_eq!(issues.iter().filter(|r| r.iter().any(|c| c == "警告")).count(), 1, "{issues:?}");
}

#[test]
fn rules_lists_the_ids_of_every_stage() {
    let r = juesuan(&["rules"]);
    assert_eq!(r.code, 0);
    for id in ["NARRATE-PLACEHOLDER", "BATCH-DUPLICATE", "BATCH-OTHER-YEAR", "DERIVE-GLOSSARY-UNKNOWN", "DERIVE-REASON-MISSING", "DERIVE-PRIOR-MISSING", "DERIVE-RUNNING-COST", "DERIVE-NOTE-NUMBER", "DERIVE-SUBJECT-NAME"] {
        assert!(r.stdout.contains(&format!("| `{id}` |")), "{id} missing from juesuan rules");
    }
}

#[test]
fn batch_with_a_prior_year_folder_says_so_and_reports_no_duplicate() {
    let dir = TempDir::new("other-year");
    let input = dir.join("in");
    copy_into(&input, S03);
    copy_into(&input, S03_PRIOR);
    let out = dir.join("out");
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("其他年度：青溪区农业技术服务中心"), "{r:?}");
    assert!(r.stdout.contains("输入 03_农业技术服务中心_上年 是2022年度的决算表，本批其余为2023年度"), "{r:?}");
    assert!(r.stdout.contains("--prior-dir"), "{r:?}");
    assert!(!r.stdout.lines().any(|l| l.starts_with("同名部门：")) && !r.stdout.contains("多个输入"), "not a duplicate: {r:?}");
    let issues = sheet_rows(&out.join("汇总.xlsx"), Some("问题清单"));
    assert!(issues.iter().any(|r| r.iter().any(|c| c == "BATCH-OTHER-YEAR")));
    assert!(!issues.iter().any(|r| r.iter().any(|c| c == "BATCH-DUPLICATE")), "{issues:?}");
}

#[test]
fn prior_dir_equal_to_the_input_folder_is_refused() {
    let dir = TempDir::new("prior-same");
    let input = dir.join("in");
    copy_into(&input, S03);
    let out = dir.join("out");
    let same = input.join(".");
    let r = batch(&input, &out, &["--prior-dir".as_ref(), same.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("与输入目录相同") && r.stderr.contains("单独的目录"), "{r:?}");
    assert!(!out.join("汇总.xlsx").exists());
}

#[cfg(unix)]
#[test]
fn no_department_is_its_own_prior_year() {
    let dir = TempDir::new("prior-self");
    let input = dir.join("in");
    copy_into(&input, S03);
    let priors = dir.join("priors");
    std::fs::create_dir_all(&priors).unwrap();
    // The prior folder holds (a link to) the very input.
    std::os::unix::fs::symlink(input.join("03_农业技术服务中心"), priors.join("03_链接")).unwrap();
    let out = dir.join("out");
    let r = batch(&input, &out, &["--prior-dir".as_ref(), priors.as_os_str()]);
    assert_eq!(r.code, 0, "no PRIOR-YEAR refusal: the input was not used as its own prior: {r:?}");
    assert!(!r.stdout.contains("失败："), "{r:?}");
}

#[test]
fn refused_department_names_rule_and_cell_and_its_prior_is_not_unmatched() {
    let dir = TempDir::new("refused");
    let input = dir.join("in");
    copy_into(&input, S03);
    // A "prior" of the same year (2023): PRIOR-YEAR 错误, so the department is refused.
    let priors = dir.join("priors");
    copy_into(&priors, S03);
    let out = dir.join("out");
    let r = batch(&input, &out, &["--prior-dir".as_ref(), priors.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    let line = r.stdout.lines().find(|l| l.starts_with("失败：")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("PRIOR-YEAR") && line.contains("应提供2022年度"), "{line}");
    assert!(line.contains("公开01表!A1"), "names the cell: {line}");
    assert!(!r.stdout.contains("未匹配到本年部门的上年输入"), "the prior was matched (and refused): {r:?}");
}

#[test]
fn templates_export_keeps_edited_files_unless_forced() {
    let dir = TempDir::new("export");
    let t = dir.join("tpl");
    let r = juesuan(&["templates".as_ref(), "export".as_ref(), t.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let n = juesuan::narrate::templates::BUILTIN.len();
    assert!(r.stdout.contains(&format!("已导出 {n} 个模板到")) && r.stdout.contains("另附编写说明 README.md"), "{r:?}");
    // Unchanged files are simply rewritten.
    assert_eq!(juesuan(&["templates".as_ref(), "export".as_ref(), t.as_os_str()]).code, 0);
    let edited = t.join("part2_01_totals.txt");
    std::fs::write(&edited, "我改过的模板\n").unwrap();
    let r = juesuan(&["templates".as_ref(), "export".as_ref(), t.as_os_str()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("part2_01_totals.txt") && r.stderr.contains("--force"), "{r:?}");
    assert_eq!(std::fs::read_to_string(&edited).unwrap(), "我改过的模板\n", "edit kept");
    let r = juesuan(&["templates".as_ref(), "export".as_ref(), t.as_os_str(), "--force".as_ref()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_ne!(std::fs::read_to_string(&edited).unwrap(), "我改过的模板\n", "overwritten with --force");
}

#[test]
fn template_syntax_error_names_no_variable_and_missing_folder_is_said_once() {
    let dir = TempDir::new("tpl-syntax");
    std::fs::write(dir.join("part2_01_totals.txt"), "第一行\n{% if a or %}x{% endif %}\n").unwrap();
    let r = juesuan(&["narrate".as_ref(), S01.as_ref(), "--templates".as_ref(), dir.path().as_os_str()]);
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("part2_01_totals.txt") && r.stderr.contains("第2行"), "{r:?}");
    assert!(!r.stderr.contains("（变量"), "a parse error names no variable: {r:?}");

    let missing = dir.join("没有这个目录");
    let r = juesuan(&["generate".as_ref(), S01.as_ref(), "--templates".as_ref(), missing.as_os_str(), "-o".as_ref(), dir.join("x.docx").as_os_str()]);
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(r.stderr.matches("没有这个目录").count(), 1, "{r:?}");
    assert!(r.stderr.contains("不存在或不是目录"), "{r:?}");
    assert!(!dir.join("x.docx").exists());
}

#[test]
fn cause_is_printed_once() {
    let e = juesuan::narrate::NarrateError::Io { path: "x/y.txt".into(), source: std::io::Error::new(std::io::ErrorKind::NotFound, "找不到") };
    assert_eq!(juesuan::narrate::error::cause_chain(&e), "模板文件 x/y.txt：找不到");
}

#[test]
fn check_on_a_folder_of_departments_points_to_batch() {
    let r = juesuan(&["check", "samples"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("samples 中有 4 个部门的输入"), "{r:?}");
    assert!(r.stderr.contains("juesuan batch samples -o"), "{r:?}");
    // A per-table folder of one department is not mistaken for several.
    let r = juesuan(&["check", S03]);
    assert!(!r.stderr.contains("juesuan batch"), "{r:?}");
}

#[test]
fn force_with_only_a_prior_year_problem_names_it() {
    let dir = TempDir::new("force-prior");
    let docx = dir.join("r.docx");
    let r = juesuan(&["generate".as_ref(), S03.as_ref(), "--prior".as_ref(), S03.as_ref(), "--force".as_ref(), "-o".as_ref(), docx.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("草稿：上年决算表有误") && r.stdout.contains("应提供2022年度的决算表"), "{r:?}");
    assert!(!r.stdout.contains("附表存在错误"), "{r:?}");
    // An error in the tables themselves is named by its rule.
    let bytes = patch_number(&std::fs::read(root().join(S01)).unwrap(), "公开01表", "C7", "900.13");
    let bad = dir.join("坏.xlsx");
    std::fs::write(&bad, bytes).unwrap();
    let r = juesuan(&["generate".as_ref(), bad.as_os_str(), "--force".as_ref(), "-o".as_ref(), docx.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("草稿：校验发现") && r.stdout.contains("T01-INCOME-SUM"), "{r:?}");
}

#[test]
fn sample_without_output_keeps_an_existing_samples_folder() {
    let before = std::fs::read(root().join(S01)).unwrap();
    let r = juesuan(&["sample"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("samples 已存在") && r.stderr.contains("juesuan sample -o samples"), "{r:?}");
    assert_eq!(std::fs::read(root().join(S01)).unwrap(), before);
    // In a folder without samples/, the default still works.
    let dir = TempDir::new("sample-default");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan")).arg("sample").current_dir(dir.path()).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read(dir.join("samples/01_区委办公室.xlsx")).unwrap(), before);
}

#[test]
fn batch_with_a_mistyped_prior_dir_stops_with_exit_2() {
    let dir = TempDir::new("prior-dir-missing");
    let input = dir.join("in");
    copy_into(&input, S03);
    let out = dir.join("out");
    let missing = dir.join("上年目录_拼错");
    let r = batch(&input, &out, &["--prior-dir".as_ref(), missing.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("--prior-dir") && r.stderr.contains("不存在"), "{r:?}");
    assert!(!out.join("汇总.xlsx").exists(), "nothing is generated: {r:?}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    use std::process::{Command, Stdio};
    // `juesuan check … | head -0`: the reader of stdout is gone before juesuan prints.
    let mut child = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["check", S03])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run juesuan");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
