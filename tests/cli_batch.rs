//! `juesuan batch` end to end: reports named after departments, 汇总.xlsx, incremental reruns
//! (未变化), regenerating only a changed input with its figure changes, `--force`, `--prior-dir`.

mod common;

use common::*;
use std::path::Path;

const NAMES: [&str; 3] = ["中共青溪区委办公室", "中共临川市委办公厅", "青溪区农业技术服务中心"];

fn setup(dir: &TempDir) -> (std::path::PathBuf, std::path::PathBuf) {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in [S01, S02, S03] {
        copy_input(&root().join(rel), &input.join(Path::new(rel).file_name().unwrap()));
    }
    // A corrupt workbook: deterministic garbage bytes.
    let junk: Vec<u8> = (0u32..2048).map(|i| (i.wrapping_mul(40503) >> 7) as u8).collect();
    std::fs::write(input.join("04_损坏.xlsx"), junk).unwrap();
    (input, dir.join("out"))
}

fn batch(input: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut a: Vec<&std::ffi::OsStr> = vec!["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "2".as_ref()];
    a.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
    juesuan(&a)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Rows of the 汇总 sheet keyed by the header: returns (header, rows).
fn summary(out: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rows = sheet_rows(&out.join("汇总.xlsx"), None);
    let header = rows.remove(0);
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn batch_generates_reports_summary_and_reruns_incrementally() {
    let dir = TempDir::new("batch");
    let (input, out) = setup(&dir);

    // First run: three reports, one failure → exit 1.
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("共 4 个部门：已生成 3，未变化 0，失败 1"), "{r:?}");
    assert!(r.stdout.contains("失败：04_损坏.xlsx") && r.stdout.contains("无法读取文件"), "{r:?}");
    for name in NAMES {
        let bytes = read(&out.join(format!("{name}.docx")));
        let names = zip_names(&bytes);
        assert!(names.iter().any(|n| n == "word/document.xml"));
        assert_eq!(names.iter().filter(|n| n.starts_with("word/charts/chart") && n.ends_with(".xml")).count(), 7, "{name}");
        assert!(zip_text(&bytes, "word/document.xml").contains(name), "{name} report names its department");
    }
    let docx_count = std::fs::read_dir(&out).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "docx")).count();
    assert_eq!(docx_count, 3);
    // A batch report is the same as `generate` of that input.
    let single = dir.join("single.docx");
    let g = juesuan(&["generate".as_ref(), input.join("01_区委办公室.xlsx").as_os_str(), "-o".as_ref(), single.as_os_str()]);
    assert_eq!(g.code, 0, "{g:?}");
    assert!(read(&single) == read(&out.join("中共青溪区委办公室.docx")), "batch and generate give the same report");

    let (header, rows) = summary(&out);
    assert_eq!(rows.len(), 4, "{rows:?}");
    let (dept, status, inp, income, reason) = (col(&header, "部门"), col(&header, "状态"), col(&header, "输入"), col(&header, "收入总计（万元）"), col(&header, "失败原因"));
    let failed: Vec<_> = rows.iter().filter(|r| r[status] == "失败").collect();
    assert_eq!(failed.len(), 1, "{rows:?}");
    assert_eq!(failed[0][inp], "04_损坏.xlsx");
    assert!(failed[0][reason].contains("无法读取文件"), "{:?}", failed[0]);
    let row01 = rows.iter().find(|r| r[dept] == "中共青溪区委办公室").expect("row of 01");
    assert_eq!(row01[status], "已生成");
    assert_eq!(row01[income].parse::<f64>().unwrap(), 904.13);
    let row02 = rows.iter().find(|r| r[dept] == "中共临川市委办公厅").expect("row of 02");
    assert_eq!(row02[income].parse::<f64>().unwrap(), 3414.96);
    // 绩效自评表 columns: 01 has four forms (scores 100, 100, 96.25, 99; one at 82.52%), 03 three
    // (99.51, 97, 99.72), 02 none (blank cells, not zeros).
    let (projects, average, low) = (col(&header, "项目数"), col(&header, "平均得分"), col(&header, "执行率低于90%的项目数"));
    let num = |r: &Vec<String>, c: usize| r[c].parse::<f64>().unwrap_or_else(|_| panic!("{c}: {r:?}"));
    assert_eq!((num(row01, projects), num(row01, average), num(row01, low)), (4.0, 98.81, 1.0));
    let row03 = rows.iter().find(|r| r[dept] == "青溪区农业技术服务中心").expect("row of 03");
    assert_eq!((num(row03, projects), num(row03, average), num(row03, low)), (3.0, 98.74, 0.0));
    assert_eq!((row02[projects].as_str(), row02[average].as_str(), row02[low].as_str()), ("", "", ""));
    let first: Vec<Vec<u8>> = NAMES.iter().map(|n| read(&out.join(format!("{n}.docx")))).collect();

    // Rerun: nothing changed.
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 1, "the corrupt input still fails: {r:?}");
    assert!(r.stdout.contains("已生成 0，未变化 3，失败 1"), "{r:?}");
    let (_, rows) = summary(&out);
    assert_eq!(rows.iter().filter(|r| r[status] == "未变化").count(), 3, "{rows:?}");
    for (n, bytes) in NAMES.iter().zip(&first) {
        assert!(&read(&out.join(format!("{n}.docx"))) == bytes, "{n} untouched");
    }

    // Replace 03's tables by its prior year's (same department): only 03 is regenerated and the
    // summary lists the changed figures.
    let f03 = input.join("03_农业技术服务中心");
    std::fs::remove_dir_all(&f03).unwrap();
    copy_input(&root().join(S03_PRIOR), &f03);
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("已生成 1，未变化 2，失败 1"), "{r:?}");
    assert!(r.stdout.contains("青溪区农业技术服务中心：较上次生成有"), "{r:?}");
    assert!(r.stdout.contains("处数字/文字变化"), "{r:?}");
    let prior = juesuan::read::read_book(&root().join(S03_PRIOR)).unwrap();
    assert_eq!(juesuan::money::round_half_up(prior.t08.personnel_total.value, 2).to_string(), "344.29");
    assert!(r.stdout.contains("    basic.personnel.amount.display: 366.41 → 344.29"), "人员经费 366.41 → 344.29 among the listed changes: {r:?}");
    assert!(read(&out.join("中共青溪区委办公室.docx")) == first[0]);
    assert!(read(&out.join("中共临川市委办公厅.docx")) == first[1]);
    assert!(read(&out.join("青溪区农业技术服务中心.docx")) != first[2], "03 regenerated");
    let (header, rows) = summary(&out);
    let (dept, status) = (col(&header, "部门"), col(&header, "状态"));
    let row03 = rows.iter().find(|r| r[dept] == "青溪区农业技术服务中心").unwrap();
    assert_eq!(row03[status], "已生成");
    assert_ne!(row03[col(&header, "变化项")], "", "变化项 filled: {row03:?}");

    // Edit one figure of 02 (说明材料 会议费 27.5 → 30.5): only 02 is regenerated, the change is listed.
    let f02 = input.join("02_市委办公厅.xlsx");
    std::fs::write(&f02, patch_number(&read(&f02), "说明材料", "B34", "30.5")).unwrap();
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("已生成 1，未变化 2，失败 1"), "{r:?}");
    assert!(r.stdout.contains("中共临川市委办公厅：较上次生成有"), "{r:?}");
    assert!(r.stdout.contains(": 27.5 → 30.5"), "{r:?}");
    assert!(zip_text(&read(&out.join("中共临川市委办公厅.docx")), "word/document.xml").contains("会议费支出30.50万元"));

    // --force regenerates all (same bytes for the unchanged ones: output is deterministic).
    let r = batch(&input, &out, &["--force"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("已生成 3，未变化 0，失败 1"), "{r:?}");
    assert!(read(&out.join("中共青溪区委办公室.docx")) == first[0]);
}

/// Two inputs of the same department (different contents): both reported, the second `_2`.
#[test]
fn batch_same_department_twice_gets_suffixed_names() {
    let dir = TempDir::new("batch-dup");
    let input = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&input).unwrap();
    let bytes = std::fs::read(root().join(S02)).unwrap();
    std::fs::write(input.join("a.xlsx"), &bytes).unwrap();
    std::fs::write(input.join("b.xlsx"), patch_number(&bytes, "说明材料", "B34", "30.5")).unwrap();
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 0, "{r:?}");
    let a = zip_text(&read(&out.join("中共临川市委办公厅.docx")), "word/document.xml");
    let b = zip_text(&read(&out.join("中共临川市委办公厅_2.docx")), "word/document.xml");
    assert!(a.contains("会议费支出27.50万元") && b.contains("会议费支出30.50万元"));
}

/// Two byte-identical inputs (the same workbook saved under two names) are both reported
/// (`_2`): staged files are named after the input key, not the input's bytes, so placing the
/// first never takes the second's file away (once “无法写入 …_2.docx：No such file or directory”).
/// An earlier job is held back until both copies are staged, so the race is deterministic.
#[test]
fn batch_identical_inputs_both_reported() {
    use juesuan::batch::{run_batch, BatchOptions, Failure, Job, Processor, Product};
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct HoldFirst {
        inner: juesuan::pipeline::BatchProcessor,
        done: AtomicUsize,
        tmp: PathBuf,
    }
    impl Processor for HoldFirst {
        fn department_name(&self, input: &Path) -> Result<String, String> {
            self.inner.department_name(input)
        }
        fn process(&self, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Result<Product, Failure> {
            if job.key.starts_with('0') {
                // Hold the first job until both copies have been processed and staged.
                while self.done.load(Ordering::SeqCst) < 2 || !std::fs::read_dir(&self.tmp).is_ok_and(|d| d.count() >= 2) {
                    std::thread::yield_now();
                }
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            let r = self.inner.process(job, prior_for);
            if !job.key.starts_with('0') {
                self.done.fetch_add(1, Ordering::SeqCst);
            }
            r
        }
    }

    let dir = TempDir::new("batch-identical");
    let input = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(root().join(S01), input.join("0_先.xlsx")).unwrap();
    std::fs::copy(root().join(S02), input.join("a.xlsx")).unwrap();
    std::fs::copy(root().join(S02), input.join("b.xlsx")).unwrap();
    let templates = juesuan::narrate::Templates::builtin();
    let settings = juesuan::pipeline::Settings::default();
    let opts = BatchOptions {
        in_dir: input.clone(),
        out_dir: out.clone(),
        prior_dir: None,
        jobs: 3,
        force_all: false,
        salt: juesuan::pipeline::salt(&templates, &settings),
        progress: false,
    };
    let processor = HoldFirst { inner: juesuan::pipeline::BatchProcessor::new(templates, settings), done: AtomicUsize::new(0), tmp: out.join(".juesuan-tmp") };
    let report = run_batch(&opts, &processor).expect("batch runs");
    let text = juesuan::batch::render_summary(&report);
    assert!(!text.contains("无法写入"), "{text}");
    assert!(!report.any_failed(), "{text}");
    assert!(out.join("中共临川市委办公厅.docx").is_file() && out.join("中共临川市委办公厅_2.docx").is_file());
}

#[test]
fn batch_all_good_exits_0_and_matches_priors_by_name() {
    let dir = TempDir::new("batch-prior");
    let input = dir.join("in");
    let prior = dir.join("prior");
    let out = dir.join("out");
    copy_input(&root().join(S03), &input.join("农技中心"));
    copy_input(&root().join(S03_PRIOR), &prior.join("去年的农技中心"));
    let r = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--prior-dir".as_ref(), prior.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("共 1 个部门：已生成 1，未变化 0，失败 0"), "{r:?}");
    assert!(!r.stdout.contains("未匹配到本年部门的上年输入"), "{r:?}");
    let facts: serde_json::Value = serde_json::from_slice(&read(&out.join("青溪区农业技术服务中心.facts.json"))).unwrap();
    assert_eq!(facts["meta"]["prior_year"], 2022);
    let doc = zip_text(&read(&out.join("青溪区农业技术服务中心.docx")), "word/document.xml");
    assert!(doc.contains("增长6.69%"), "year-on-year sentence from the matched prior");
}

/// A department with check 错误 fails in batch (reason in 汇总.xlsx); `--draft` generates it as 草稿.
#[test]
fn batch_refused_department_and_draft() {
    let dir = TempDir::new("batch-draft");
    let input = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&input).unwrap();
    let bytes = std::fs::read(root().join(S01)).unwrap();
    std::fs::write(input.join("坏.xlsx"), patch_number(&bytes, "公开01表", "C7", "900.13")).unwrap();
    let r = batch(&input, &out, &[]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("失败：中共青溪区委办公室（坏.xlsx）：校验发现 3 个错误"), "{r:?}");
    assert!(!out.join("中共青溪区委办公室.docx").exists());
    let (header, rows) = summary(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][col(&header, "状态")], "失败");
    assert_eq!(rows[0][col(&header, "错误")], "3");

    let r = batch(&input, &out, &["--draft"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("已生成 1"), "{r:?}");
    let doc = zip_text(&read(&out.join("中共青溪区委办公室.docx")), "word/document.xml");
    assert!(doc.contains("草稿"));
    let (header, rows) = summary(&out);
    assert_eq!(rows[0][col(&header, "状态")], "已生成");
    assert_eq!(rows[0][col(&header, "草稿")], "是", "{rows:?}");
}

/// A prior-year input that cannot be read fails its department like a broken current-year input
/// (the message names the prior file, sheet and cell) instead of a report silently without 同比;
/// the other departments are produced and the exit code is 1. A junk file in --prior-dir is
/// reported: as the failure of the department named like it, else listed at the end.
#[test]
fn batch_unreadable_prior_year_input_fails_its_department() {
    let dir = TempDir::new("batch-prior-bad");
    let (input, prior, out) = (dir.join("in"), dir.join("prior"), dir.join("out"));
    copy_input(&root().join(S03), &input.join("03_农业技术服务中心"));
    copy_input(&root().join(S02), &input.join("02_市委办公厅.xlsx"));
    copy_input(&root().join(S03_PRIOR), &prior.join("03_农业技术服务中心_上年"));
    let t03 = prior.join("03_农业技术服务中心_上年/03支出决算表.xlsx");
    std::fs::write(&t03, patch_text(&read(&t03), "公开03表", "F9", "见附件")).unwrap();
    let junk: Vec<u8> = (0u32..4000).map(|i| (i.wrapping_mul(40503) >> 7) as u8).collect();
    std::fs::write(prior.join("坏的上年.xlsx"), &junk).unwrap();
    let prior_arg = prior.to_str().unwrap();
    let r = batch(&input, &out, &["--prior-dir", prior_arg]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("已生成 1，未变化 0，失败 1"), "{r:?}");
    let line = r.stdout.lines().find(|l| l.starts_with("失败：青溪区农业技术服务中心")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("上年决算表") && line.contains("03支出决算表.xlsx › 公开03表!F9") && line.contains("见附件"), "{line}");
    assert!(!out.join("青溪区农业技术服务中心.docx").exists());
    assert!(out.join("中共临川市委办公厅.docx").is_file(), "the other department is produced");
    assert!(r.stdout.contains("无法读取的上年输入") && r.stdout.contains("坏的上年.xlsx"), "{r:?}");
    // Rerun after nothing changed: still failing (a failure is never 未变化).
    assert_eq!(batch(&input, &out, &["--prior-dir", prior_arg]).code, 1);

    // The prior repaired, and the junk file named like 02's input: 03 is generated with its
    // 同比, 02 fails naming the junk file.
    std::fs::remove_dir_all(prior.join("03_农业技术服务中心_上年")).unwrap();
    copy_input(&root().join(S03_PRIOR), &prior.join("03_农业技术服务中心_上年"));
    std::fs::rename(prior.join("坏的上年.xlsx"), prior.join("02_市委办公厅_上年.xlsx")).unwrap();
    let r = batch(&input, &out, &["--prior-dir", prior_arg]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("已生成 1，未变化 0，失败 1"), "{r:?}");
    let line = r.stdout.lines().find(|l| l.starts_with("失败：中共临川市委办公厅")).unwrap_or_else(|| panic!("{r:?}"));
    assert!(line.contains("02_市委办公厅_上年.xlsx") && line.contains("不是工作簿"), "{line}");
    assert!(!r.stdout.contains("无法读取的上年输入"), "said once, in the failure: {r:?}");
    let facts: serde_json::Value = serde_json::from_slice(&read(&out.join("青溪区农业技术服务中心.facts.json"))).unwrap();
    assert_eq!(facts["meta"]["prior_year"], 2022);
}

/// OUT_DIR equal to IN (however spelled), inside it, or holding it is refused with exit 2 before
/// anything is written into the input folder (once `batch in -o in` read its own 汇总.xlsx as a
/// department on every later run). A 汇总.xlsx left in an input folder is skipped with a 提示.
#[test]
fn batch_output_folder_overlapping_the_input_is_refused() {
    let dir = TempDir::new("batch-same");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    copy_input(&root().join(S02), &input.join("02_市委办公厅.xlsx"));
    for out in [input.clone(), input.join("."), input.join("报告"), dir.path().to_path_buf()] {
        let r = batch(&input, &out, &[]);
        assert_eq!(r.code, 2, "{}: {r:?}", out.display());
        assert!(r.stderr.contains("输出目录") && r.stderr.contains("输入目录") && r.stderr.contains("-o"), "{r:?}");
    }
    let names: Vec<String> = std::fs::read_dir(&input).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["02_市委办公厅.xlsx"], "nothing written into the input folder");

    std::fs::copy(root().join(S01), input.join("汇总.xlsx")).unwrap();
    let r = batch(&input, &dir.join("out"), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("共 1 个部门：已生成 1"), "{r:?}");
    assert!(r.stdout.contains("提示：跳过") && r.stdout.contains("汇总.xlsx"), "{r:?}");
}

/// A link inside IN to IN itself (or to an ancestor) is skipped with a 提示, not a failing
/// "department" reading every workbook twice.
#[test]
fn batch_links_to_the_input_folder_are_skipped_with_a_notice() {
    let dir = TempDir::new("batch-selfloop");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    copy_input(&root().join(S02), &input.join("02_市委办公厅.xlsx"));
    std::os::unix::fs::symlink(".", input.join("selfloop")).unwrap();
    std::os::unix::fs::symlink("..", input.join("up")).unwrap();
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", input.join("sub/up")).unwrap();
    let r = batch(&input, &dir.join("out"), &[]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("共 1 个部门：已生成 1，未变化 0，失败 0"), "{r:?}");
    assert!(r.stdout.contains("提示：跳过") && r.stdout.contains("selfloop") && r.stdout.contains("输入目录本身"), "{r:?}");
    assert!(r.stdout.contains("上级目录"), "{r:?}");
}
