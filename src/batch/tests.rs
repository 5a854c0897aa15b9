//! Batch runner tests with a fake processor (the real pipeline is tested in tests/).

use super::*;

/// Inputs are small text files `name|value` (named .xlsx so discovery takes them).
struct Fake;

fn parse(input: &Path) -> (String, String) {
    let text = fs::read_to_string(input).unwrap_or_default();
    let (n, v) = text.split_once('|').unwrap_or((&text, "0"));
    (n.to_string(), v.trim().to_string())
}

impl Processor for Fake {
    fn department_name(&self, input: &Path) -> Result<String, String> {
        // `junk`: not even a name can be read; `|bad` (a bad amount): the name can.
        let (name, _) = parse(input);
        if name == "junk" { Err("不是工作簿".into()) } else { Ok(name) }
    }
    fn process(&self, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Result<Product, Failure> {
        let (name, value) = parse(&job.input);
        if let Some(p) = prior_for(&name) {
            let (pn, pv) = parse(&p);
            if pn == "junk" || pv == "bad" {
                return Err(Failure { department: Some(name), message: format!("{}F9 不是金额", prior_unreadable(&p)), findings: vec![] });
            }
        }
        if value == "panic" {
            panic!("boom");
        }
        if value == "fail" {
            return Err(Failure { department: Some(name), message: "表01 缺失".into(), findings: vec![] });
        }
        let figure = value.parse::<Decimal>().ok();
        Ok(Product {
            department: name.clone(),
            docx: format!("report of {name}: {value}").into_bytes(),
            facts_json: serde_json::json!({ "total": value }).to_string(),
            figures: vec![KeyFigure { label: "收支总计".into(), value: figure }],
            findings: vec![Finding::new(crate::findings::Severity::Warning, "W", "缺少上年数")],
            placeholders: vec![],
            draft: false,
            prior: prior_for(&name),
        })
    }
}

fn setup(tag: &str) -> (PathBuf, BatchOptions) {
    let root = std::env::temp_dir().join(format!("juesuan-batch-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let input = root.join("in");
    fs::create_dir_all(&input).unwrap();
    let opts = BatchOptions {
        in_dir: input,
        out_dir: root.join("out"),
        prior_dir: None,
        jobs: 2,
        force_all: false,
        salt: "test".into(),
        progress: false,
    };
    (root, opts)
}

fn put(opts: &BatchOptions, file: &str, content: &str) {
    fs::write(opts.in_dir.join(file), content).unwrap();
}

#[test]
fn a_failure_does_not_stop_the_others_and_is_remembered() {
    let (root, opts) = setup("fail");
    put(&opts, "a.xlsx", "甲局|100.5");
    put(&opts, "b.xlsx", "乙局|fail");
    put(&opts, "c.xlsx", "丙局|panic");
    put(&opts, "d.xlsx", "丁局|7");
    let report = run_batch(&opts, &Fake).unwrap();
    assert_eq!(report.count(Status::Generated), 2);
    assert_eq!(report.count(Status::Failed), 2);
    assert!(report.any_failed());
    assert_eq!(fs::read_to_string(opts.out_dir.join("甲局.docx")).unwrap(), "report of 甲局: 100.5");
    assert!(opts.out_dir.join("丁局.facts.json").is_file());
    assert_eq!(report.rows[1].error.as_deref(), Some("表01 缺失"));
    assert!(report.rows[2].error.as_deref().unwrap().contains("内部错误"));
    assert!(opts.out_dir.join("汇总.xlsx").is_file());
    let text = render_summary(&report);
    assert!(text.contains("已生成 2，未变化 0，失败 2"), "{text}");
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn rerun_regenerates_only_what_changed_and_reports_changed_figures() {
    let (root, opts) = setup("rerun");
    put(&opts, "a.xlsx", "甲局|1");
    put(&opts, "b.xlsx", "乙局|2");
    let first = run_batch(&opts, &Fake).unwrap();
    assert_eq!(first.count(Status::Generated), 2);
    let second = run_batch(&opts, &Fake).unwrap();
    assert_eq!(second.count(Status::Unchanged), 2);
    assert_eq!(second.rows[0].figures[0].value, Some(Decimal::ONE), "unchanged rows keep their figures");
    put(&opts, "b.xlsx", "乙局|3");
    let third = run_batch(&opts, &Fake).unwrap();
    assert_eq!((third.count(Status::Unchanged), third.count(Status::Generated)), (1, 1));
    let changes = &third.rows[1].changes;
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].old.as_deref(), changes[0].new.as_deref()), (Some("2"), Some("3")));
    let forced = run_batch(&BatchOptions { force_all: true, ..opts.clone() }, &Fake).unwrap();
    assert_eq!(forced.count(Status::Generated), 2);
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn same_department_names_do_not_overwrite_each_other() {
    let (root, opts) = setup("dup");
    put(&opts, "a.xlsx", "同名局|1");
    put(&opts, "b.xlsx", "同名局|2");
    put(&opts, "c.xlsx", "同名局|3");
    let report = run_batch(&opts, &Fake).unwrap();
    let names: Vec<_> = report.rows.iter().map(|r| r.report.clone().unwrap()).collect();
    assert_eq!(names, ["同名局.docx", "同名局_2.docx", "同名局_3.docx"]);
    assert_eq!(fs::read_to_string(opts.out_dir.join("同名局_3.docx")).unwrap(), "report of 同名局: 3");
    let again = run_batch(&BatchOptions { force_all: true, ..opts.clone() }, &Fake).unwrap();
    let names2: Vec<_> = again.rows.iter().map(|r| r.report.clone().unwrap()).collect();
    assert_eq!(names, names2, "names are stable across runs");
    assert!(again.rows.iter().all(|r| r.findings.iter().any(|f| f.rule == "BATCH-DUPLICATE" && f.severity == "警告")));
    assert!(render_summary(&again).contains("同名部门：同名局（输入 b.xlsx"), "{}", render_summary(&again));
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn prior_inputs_are_matched_by_normalised_name_and_unmatched_ones_reported() {
    let (root, mut opts) = setup("prior");
    let prior = root.join("prior");
    fs::create_dir_all(&prior).unwrap();
    fs::write(prior.join("x.xlsx"), " 甲 局 |9").unwrap();
    fs::write(prior.join("y.xlsx"), "撤销局|9").unwrap();
    opts.prior_dir = Some(prior.clone());
    put(&opts, "a.xlsx", "甲局|1");
    let report = run_batch(&opts, &Fake).unwrap();
    assert_eq!(report.rows[0].prior.as_deref(), Some(prior.join("x.xlsx").to_str().unwrap()));
    assert_eq!(report.unmatched_priors, [prior.join("y.xlsx").display().to_string()]);
    // A changed prior-year input regenerates the report.
    assert_eq!(run_batch(&opts, &Fake).unwrap().count(Status::Unchanged), 1);
    fs::write(prior.join("x.xlsx"), "甲局|10").unwrap();
    assert_eq!(run_batch(&opts, &Fake).unwrap().count(Status::Generated), 1);
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn an_interrupted_run_leaves_complete_files_and_the_next_run_completes() {
    let (root, opts) = setup("interrupt");
    put(&opts, "a.xlsx", "甲局|1");
    run_batch(&opts, &Fake).unwrap();
    // Simulate a kill mid-run: stray temp files and a report the manifest does not know.
    fs::write(opts.out_dir.join(TMP_DIR).join("x.docx"), b"partial").ok();
    fs::create_dir_all(opts.out_dir.join(TMP_DIR)).unwrap();
    fs::write(opts.out_dir.join(TMP_DIR).join("x.docx"), b"partial").unwrap();
    fs::remove_file(opts.out_dir.join(manifest::MANIFEST_FILE)).unwrap();
    put(&opts, "b.xlsx", "乙局|2");
    let report = run_batch(&opts, &Fake).unwrap();
    assert_eq!(report.count(Status::Generated), 2);
    assert_eq!(fs::read_to_string(opts.out_dir.join("甲局.docx")).unwrap(), "report of 甲局: 1");
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn summary_workbook_lists_departments_and_findings() {
    let (root, opts) = setup("summary");
    put(&opts, "a.xlsx", "甲局|1234.5");
    put(&opts, "b.xlsx", "乙局|fail");
    run_batch(&opts, &Fake).unwrap();
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(opts.out_dir.join("汇总.xlsx")).unwrap();
    let sheet = wb.worksheet_range("部门汇总").unwrap();
    assert_eq!(sheet.get_value((0, 4)).unwrap().to_string(), "收支总计（万元）");
    assert_eq!(sheet.get_value((1, 1)).unwrap().to_string(), "甲局");
    assert_eq!(sheet.get_value((1, 4)).unwrap(), &calamine::Data::Float(1234.5));
    assert_eq!(sheet.get_value((2, 3)).unwrap().to_string(), "失败");
    let findings = wb.worksheet_range("问题清单").unwrap();
    assert_eq!(findings.get_value((1, 2)).unwrap().to_string(), "警告");
    fs::remove_dir_all(root).unwrap();
}

/// OUT_DIR equal to IN_DIR, inside it, or holding it (also for --prior-dir) is refused before
/// anything is written (no lock file, no 汇总.xlsx in the input folder).
#[test]
fn an_output_folder_overlapping_the_input_folder_is_refused() {
    let (root, opts) = setup("overlap");
    put(&opts, "a.xlsx", "甲局|1");
    let refused = |out: PathBuf, input: PathBuf, prior: Option<PathBuf>| {
        let o = BatchOptions { out_dir: out, in_dir: input, prior_dir: prior, ..opts.clone() };
        match run_batch(&o, &Fake) {
            Err(BatchError::Overlap(m)) => m,
            other => panic!("not refused: {:?}", other.map(|r| r.rows)),
        }
    };
    let m = refused(opts.in_dir.clone(), opts.in_dir.clone(), None);
    assert!(m.contains("与输入目录") && m.contains("相同") && m.contains("-o"), "{m}");
    // Spelled differently (a trailing `/.`) is the same folder.
    refused(opts.in_dir.join("."), opts.in_dir.clone(), None);
    let m = refused(opts.in_dir.join("报告"), opts.in_dir.clone(), None);
    assert!(m.contains("位于输入目录") && m.contains("之内"), "{m}");
    let m = refused(root.clone(), opts.in_dir.clone(), None);
    assert!(m.contains("输入目录") && m.contains("位于输出目录"), "{m}");
    let prior = root.join("prior");
    fs::create_dir_all(&prior).unwrap();
    let m = refused(prior.clone(), opts.in_dir.clone(), Some(prior.clone()));
    assert!(m.contains("--prior-dir"), "{m}");
    let names: Vec<_> = fs::read_dir(&opts.in_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["a.xlsx"], "nothing written into the input folder");
    assert!(!opts.in_dir.join("报告").exists());
    // A sibling output folder is fine.
    assert_eq!(run_batch(&opts, &Fake).unwrap().count(Status::Generated), 1);
    fs::remove_dir_all(root).unwrap();
}

/// A 汇总.xlsx in the input folder (a batch once written into it) is skipped with a 提示.
#[test]
fn a_summary_workbook_in_the_input_folder_is_skipped_with_a_notice() {
    let (root, opts) = setup("own-summary");
    put(&opts, "a.xlsx", "甲局|1");
    put(&opts, "汇总.xlsx", "汇总|1");
    let report = run_batch(&opts, &Fake).unwrap();
    assert_eq!(report.rows.len(), 1, "{:?}", report.rows);
    assert!(render_summary(&report).contains("提示：跳过") && render_summary(&report).contains("汇总.xlsx"), "{}", render_summary(&report));
    fs::remove_dir_all(root).unwrap();
}

/// A prior-year input with a bad amount (its name readable) makes its department fail; one
/// whose name cannot be read goes to the input named like it (that department fails), or is
/// listed when no input is; either way the batch is not a success. The others are produced.
#[test]
fn an_unreadable_prior_year_input_fails_its_department_or_is_listed() {
    let (root, mut opts) = setup("prior-bad");
    let prior = root.join("prior");
    fs::create_dir_all(&prior).unwrap();
    fs::write(prior.join("x.xlsx"), "甲局|bad").unwrap();
    fs::write(prior.join("03_乙局_上年.xlsx"), "junk").unwrap();
    opts.prior_dir = Some(prior.clone());
    put(&opts, "a.xlsx", "甲局|1");
    put(&opts, "03_乙局.xlsx", "乙局|2");
    put(&opts, "c.xlsx", "丙局|3");
    let report = run_batch(&opts, &Fake).unwrap();
    let status: Vec<Status> = report.rows.iter().map(|r| r.status).collect();
    assert_eq!(status, [Status::Failed, Status::Failed, Status::Generated], "{:?}", report.rows);
    assert!(report.rows[0].error.as_deref().unwrap().contains("03_乙局_上年.xlsx"), "{:?}", report.rows[0]);
    assert!(report.rows[1].error.as_deref().unwrap().contains("x.xlsx"), "{:?}", report.rows[1]);
    assert!(report.unreadable_priors.is_empty(), "both were a department's failure: {:?}", report.unreadable_priors);
    assert!(report.any_failed());
    // Fixed: both generated, and a junk file no input is named like is listed (exit code 1).
    fs::write(prior.join("x.xlsx"), "甲局|9").unwrap();
    fs::write(prior.join("03_乙局_上年.xlsx"), "乙局|8").unwrap();
    fs::write(prior.join("坏的上年.xlsx"), "junk").unwrap();
    let report = run_batch(&opts, &Fake).unwrap();
    assert_eq!(report.count(Status::Failed), 0, "{:?}", report.rows);
    assert_eq!(report.unreadable_priors, [format!("{}：不是工作簿", prior.join("坏的上年.xlsx").display())]);
    assert!(report.any_failed());
    assert!(render_summary(&report).contains("无法读取的上年输入"), "{}", render_summary(&report));
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn an_unreadable_input_folder_is_an_error_naming_it() {
    let (root, mut opts) = setup("noin");
    opts.in_dir = root.join("没有这个目录");
    let err = run_batch(&opts, &Fake).unwrap_err();
    assert!(matches!(err, BatchError::InDir { .. }));
    assert!(err.to_string().contains("没有这个目录"), "{err}");
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_missing_truncated_or_replaced_report_is_regenerated_on_rerun() {
    let (root, opts) = setup("report-hash");
    put(&opts, "a.xlsx", "甲局|1");
    put(&opts, "b.xlsx", "乙局|2");
    put(&opts, "c.xlsx", "丙局|3");
    put(&opts, "d.xlsx", "丁局|4");
    assert_eq!(run_batch(&opts, &Fake).unwrap().count(Status::Generated), 4);
    let manifest = Manifest::load(&opts.out_dir);
    assert_eq!(manifest.entries["a.xlsx"].report_hash.as_deref(), Some(manifest::hash_bytes(b"report of \xe7\x94\xb2\xe5\xb1\x80: 1").as_str()));
    // 甲局 untouched; 乙局 truncated (as by a full disk); 丙局 replaced by other bytes; 丁局 deleted.
    let report = |n: &str| opts.out_dir.join(format!("{n}.docx"));
    let b = fs::read(report("乙局")).unwrap();
    fs::write(report("乙局"), &b[..b.len() / 2]).unwrap();
    fs::write(report("丙局"), "report of 甲局: 1").unwrap();
    fs::remove_file(report("丁局")).unwrap();
    let again = run_batch(&opts, &Fake).unwrap();
    let status: Vec<Status> = again.rows.iter().map(|r| r.status).collect();
    assert_eq!(status, [Status::Unchanged, Status::Generated, Status::Generated, Status::Generated]);
    assert_eq!(fs::read_to_string(report("乙局")).unwrap(), "report of 乙局: 2");
    assert_eq!(fs::read_to_string(report("丙局")).unwrap(), "report of 丙局: 3");
    assert_eq!(fs::read_to_string(report("丁局")).unwrap(), "report of 丁局: 4");
    assert_eq!(run_batch(&opts, &Fake).unwrap().count(Status::Unchanged), 4);
    fs::remove_dir_all(root).unwrap();
}
