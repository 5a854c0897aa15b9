//! Batch: every department of a folder at once, in parallel, and again after corrections.
//!
//! ```text
//! IN_DIR ──discover──▶ inputs ──hash + manifest──▶ unchanged (skipped) | jobs
//! jobs ──N worker threads──▶ Processor::process ──▶ temp files ──rename in input order──▶ OUT_DIR
//! results ──▶ manifest (flushed as we go) + 汇总.xlsx + summary + exit code
//! ```
//!
//! The batch runner knows nothing about tables or reports: a [`Processor`] (the pipeline)
//! turns one input into a report, and the runner does the rest — parallelism, isolation of
//! failures (a panic or error in one department never stops the others), atomic outputs,
//! stable output names (in input order; a duplicate name gets `_2`), the manifest that makes
//! a rerun regenerate only what changed, and the summary workbook.

pub mod diff;
pub mod discover;
pub mod manifest;
pub mod summary;

use crate::findings::{Finding, Tally};
use diff::FigureChange;
use manifest::{Entry, Manifest};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use sha2::Digest;

/// Status of one department in a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// 已生成: the report was (re)generated.
    #[serde(rename = "已生成")]
    Generated,
    /// 未变化: inputs unchanged since the last run; the report was kept.
    #[serde(rename = "未变化")]
    Unchanged,
    /// 失败: no report (unreadable input, check 错误 without --force, …).
    #[serde(rename = "失败")]
    Failed,
}

impl Status {
    /// 已生成 / 未变化 / 失败.
    pub fn label(self) -> &'static str {
        match self {
            Status::Generated => "已生成",
            Status::Unchanged => "未变化",
            Status::Failed => "失败",
        }
    }
}

/// A finding flattened to strings, as the summary workbook and the manifest keep it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    /// 错误 / 警告 / 提示.
    pub severity: String,
    /// Rule id.
    pub rule: String,
    /// Message.
    pub message: String,
    /// Locations, `file › sheet!C12 = value` joined by `；`.
    pub locations: String,
    /// Difference, when the rule compares two values.
    pub difference: Option<Decimal>,
}

impl From<&Finding> for FindingRow {
    fn from(f: &Finding) -> Self {
        let locations = f
            .locations
            .iter()
            .map(|l| {
                let mut s = l.label.clone();
                if let Some(at) = &l.at {
                    s.push_str(&format!("（{at}）"));
                }
                if let Some(v) = l.value {
                    s.push_str(&format!(" = {}", v.normalize()));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("；");
        // A placeholder is 待补充, not a 警告 (the counts say so too: Tally::placeholders).
        let severity = if f.rule == crate::findings::PLACEHOLDER_RULE { "待补充" } else { f.severity.label() };
        FindingRow { severity: severity.to_string(), rule: f.rule.clone(), message: f.message.clone(), locations, difference: f.difference }
    }
}

/// A key figure for the summary workbook (label, value in 万元).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// Column label, e.g. `收支总计`.
    pub label: String,
    /// Value (万元); `None` when unknown (e.g. no prior year for a change).
    pub value: Option<Decimal>,
}

/// One department's row of the batch summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeptSummary {
    /// Input path relative to IN_DIR.
    pub input: String,
    /// 部门名称 (or the input name when it could not be read).
    pub department: String,
    /// Status.
    pub status: Status,
    /// Generated with --force despite 错误 (草稿).
    pub draft: bool,
    /// Key figures.
    pub figures: Vec<KeyFigure>,
    /// Finding counts.
    pub tally: Tally,
    /// Placeholders left in the report.
    pub placeholders: Vec<String>,
    /// Findings.
    pub findings: Vec<FindingRow>,
    /// Error (with its cause chain) when failed.
    pub error: Option<String>,
    /// Figures changed since the previous report of this department.
    pub changes: Vec<FigureChange>,
    /// Prior-year input used, when matched.
    pub prior: Option<String>,
    /// Milliseconds spent.
    pub elapsed_ms: u64,
    /// Report file name in OUT_DIR.
    pub report: Option<String>,
    /// 决算年度 of the input (0 when unknown: unreadable, refused, or an older manifest).
    #[serde(default)]
    pub year: i32,
}

/// What a processor is asked to do.
#[derive(Clone, Debug)]
pub struct Job {
    /// Input key (path relative to IN_DIR).
    pub key: String,
    /// The department's input (workbook or folder).
    pub input: PathBuf,
}

/// A generated report, before it is moved into place.
#[derive(Clone, Debug)]
pub struct Product {
    /// 部门名称 (names the output file).
    pub department: String,
    /// DOCX bytes.
    pub docx: Vec<u8>,
    /// The facts as JSON (kept beside the report for `diff`).
    pub facts_json: String,
    /// Key figures for the summary.
    pub figures: Vec<KeyFigure>,
    /// All findings.
    pub findings: Vec<Finding>,
    /// Placeholders left in the report.
    pub placeholders: Vec<String>,
    /// Drafted with --force despite 错误.
    pub draft: bool,
    /// Prior-year input used.
    pub prior: Option<PathBuf>,
}

/// Why a department produced no report.
#[derive(Clone, Debug)]
pub struct Failure {
    /// 部门名称, when the input could be read that far.
    pub department: Option<String>,
    /// The error with its whole cause chain.
    pub message: String,
    /// Findings (e.g. the 错误 that refused generation).
    pub findings: Vec<Finding>,
}

/// The pipeline as the batch runner sees it.
pub trait Processor: Sync {
    /// Reads only the department name of an input (used to index prior-year inputs).
    fn department_name(&self, input: &Path) -> Result<String, String>;
    /// Generates one report. `prior_for` finds the prior-year input by department name.
    fn process(&self, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Result<Product, Failure>;
}

/// Batch options (resolved from the command line).
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// IN_DIR.
    pub in_dir: PathBuf,
    /// OUT_DIR.
    pub out_dir: PathBuf,
    /// Prior-year inputs, matched by department name.
    pub prior_dir: Option<PathBuf>,
    /// Worker threads.
    pub jobs: usize,
    /// Regenerate everything.
    pub force_all: bool,
    /// Everything besides the inputs that the reports depend on (tool version, templates,
    /// options): part of every input hash.
    pub salt: String,
    /// Show a progress bar / progress lines on stderr.
    pub progress: bool,
}

/// The result of a batch.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BatchReport {
    /// One row per department, in input order.
    pub rows: Vec<DeptSummary>,
    /// Prior-year inputs that matched no department.
    pub unmatched_priors: Vec<String>,
    /// Prior-year inputs that could not be read and were not the failure of a department
    /// (their department could not be told): `path：reason`. They make the exit code non-zero.
    #[serde(default)]
    pub unreadable_priors: Vec<String>,
    /// Entries of IN_DIR skipped with a 提示 (links into IN_DIR, juesuan's own outputs).
    #[serde(default)]
    pub notices: Vec<String>,
    /// Wall time.
    pub elapsed_ms: u64,
}

impl BatchReport {
    /// Number of rows with a status.
    pub fn count(&self, status: Status) -> usize {
        self.rows.iter().filter(|r| r.status == status).count()
    }
    /// True when any department failed or a prior-year input could not be read (the exit
    /// code says so).
    pub fn any_failed(&self) -> bool {
        self.count(Status::Failed) > 0 || !self.unreadable_priors.is_empty()
    }
}

/// Errors that stop a whole batch before it starts (per-department failures never do).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// IN_DIR cannot be listed.
    #[error("无法读取输入目录 {path}（请确认目录存在且可读）")]
    InDir {
        /// The folder.
        path: String,
        /// Cause.
        source: io::Error,
    },
    /// Another batch (or the web server) holds OUT_DIR's lock.
    #[error("另一个批量任务正在写入 OUT_DIR {path}（同一输出目录同时只能有一个批量任务；请等它结束后再运行，或换一个输出目录）")]
    Busy {
        /// The folder.
        path: String,
    },
    /// OUT_DIR is IN_DIR (or --prior-dir), inside it, or holds it.
    #[error("{0}")]
    Overlap(String),
    /// OUT_DIR cannot be created or written.
    #[error("无法写入输出目录 {path}")]
    OutDir {
        /// The folder.
        path: String,
        /// Cause.
        source: io::Error,
    },
}

const TMP_DIR: &str = ".juesuan-tmp";

/// File name of the lock file inside OUT_DIR.
pub const LOCK_FILE: &str = ".juesuan-lock";

/// An exclusive OS lock (`flock`) on OUT_DIR's lock file, held by one batch (or one
/// generation of the web server) at a time, in any process. The lock belongs to the open
/// file: it ends when this value is dropped or the process dies (kill -9 included), so a lock
/// file left behind never blocks a later run. The file itself stays (removing it would let a
/// waiting process lock a file that is no longer there); it holds nothing.
#[derive(Debug)]
pub struct OutputLock {
    _file: fs::File,
    dir: PathBuf,
}

impl OutputLock {
    /// The locked folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Locks `out_dir` (created if missing) for one writer. `wait`: block until the other writer
/// ends (the web server); otherwise fail at once with [`BatchError::Busy`] (`juesuan batch`).
///
/// # Errors
/// [`BatchError::Busy`] when another process or thread holds it (and `wait` is false);
/// [`BatchError::OutDir`] when the folder or the lock file cannot be created.
pub fn lock_output_dir(out_dir: &Path, wait: bool) -> Result<OutputLock, BatchError> {
    let out_err = |source| BatchError::OutDir { path: out_dir.display().to_string(), source };
    fs::create_dir_all(out_dir).map_err(out_err)?;
    let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(out_dir.join(LOCK_FILE)).map_err(out_err)?;
    if wait {
        file.lock().map_err(out_err)?;
    } else {
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(BatchError::Busy { path: out_dir.display().to_string() }),
            Err(fs::TryLockError::Error(e)) => return Err(out_err(e)),
        }
    }
    Ok(OutputLock { _file: file, dir: out_dir.to_path_buf() })
}

/// Runs a batch, holding OUT_DIR's lock for the whole run ([`lock_output_dir`], not waiting).
///
/// # Errors
/// [`BatchError::Busy`] when another batch writes to OUT_DIR; otherwise only when IN_DIR
/// cannot be listed or OUT_DIR cannot be written; a department's failure is a row with
/// status 失败, never an error.
pub fn run_batch(opts: &BatchOptions, processor: &dyn Processor) -> Result<BatchReport, BatchError> {
    // Before the lock: refusing must not leave a lock file in the input folder.
    check_folders(opts)?;
    let lock = lock_output_dir(&opts.out_dir, false)?;
    run_batch_locked(opts, processor, &lock)
}

/// [`run_batch`] for a caller that already holds OUT_DIR's lock (the web server waits for it).
///
/// # Errors
/// As [`run_batch`]; [`BatchError::Busy`] when `lock` is not OUT_DIR's.
pub fn run_batch_locked(opts: &BatchOptions, processor: &dyn Processor, lock: &OutputLock) -> Result<BatchReport, BatchError> {
    if lock.dir() != opts.out_dir {
        return Err(BatchError::Busy { path: opts.out_dir.display().to_string() });
    }
    check_folders(opts)?;
    let started = Instant::now();
    let out_err = |source| BatchError::OutDir { path: opts.out_dir.display().to_string(), source };
    // Whatever is in the temp folder was left by a run that died (we hold the lock): remove it.
    let _ = fs::remove_dir_all(opts.out_dir.join(TMP_DIR));
    fs::create_dir_all(opts.out_dir.join(TMP_DIR)).map_err(out_err)?;
    let (inputs, notices) = discover::discover_noting(&opts.in_dir).map_err(|source| BatchError::InDir { path: opts.in_dir.display().to_string(), source })?;
    // OUT_DIR (or any earlier output folder) inside IN_DIR is not a department.
    let inputs: Vec<PathBuf> = inputs.into_iter().filter(|p| !is_output_folder(p, &opts.out_dir)).collect();
    let mut manifest = Manifest::load(&opts.out_dir);
    manifest.tool_version = env!("CARGO_PKG_VERSION").to_string();
    // No department is ever its own prior year (a prior folder overlapping IN_DIR).
    let (priors, unreadable) = index_priors(opts, processor);
    let (priors, unreadable) = (without_inputs(priors, &inputs), unreadable.into_iter().filter(|(p, _)| !is_input(p, &inputs)).collect::<Vec<_>>());
    // A prior whose department cannot be read goes to the one input named like it, so that
    // department fails naming the file (a name match, when there is one, comes first).
    let by_stem = stem_matches(&unreadable, &inputs, &opts.in_dir);
    let prior_for = |key: &str, name: &str| priors.get(&discover::match_key(name)).cloned().or_else(|| by_stem.get(key).cloned());
    let mut rows: BTreeMap<usize, DeptSummary> = BTreeMap::new();
    let mut jobs = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let key = relative_key(&opts.in_dir, input);
        match unchanged_row(opts, &manifest, &key, input, &|name| prior_for(&key, name)) {
            Some(row) => {
                rows.insert(i, row);
            }
            None => jobs.push((i, Job { key, input: input.clone() })),
        }
    }
    let progress = Progress::new(opts.progress, jobs.len());
    let (tx, rx) = mpsc::channel::<(usize, DeptSummary, Option<Staged>)>();
    let next = AtomicUsize::new(0);
    let workers = opts.jobs.max(1).min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (jobs, next, prior_for) = (&jobs, &next, &prior_for);
            scope.spawn(move || {
                while let Some((i, job)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let (row, staged) = run_one(opts, processor, job, &|name| prior_for(&job.key, name));
                    if tx.send((*i, row, staged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, (DeptSummary, Option<Staged>)> = BTreeMap::new();
        let mut last_flush = Instant::now();
        for (i, row, staged) in rx {
            pending.insert(i, (row, staged));
            // Names are assigned in input order, so duplicates resolve the same way every run.
            while let Some(entry) = pending.first_entry() {
                let i = *entry.key();
                if jobs.iter().any(|(j, _)| *j < i && !rows.contains_key(j)) {
                    break;
                }
                let (row, staged) = entry.remove();
                let row = place(opts, &mut manifest, row, staged);
                // 已生成 only once the report is in place (a failed rename says 失败).
                progress.tick(&row);
                rows.insert(i, row);
            }
            if last_flush.elapsed() > Duration::from_secs(2) {
                let _ = manifest.save(&opts.out_dir);
                last_flush = Instant::now();
            }
        }
    });
    progress.finish();
    let saved = manifest.save(&opts.out_dir);
    let _ = fs::remove_dir_all(opts.out_dir.join(TMP_DIR));
    saved.map_err(out_err)?;
    // A prior is matched when a department of its name is in the batch, even one that failed.
    let names: std::collections::HashSet<String> = rows.values().map(|r| discover::match_key(&r.department)).collect();
    let mut unmatched_priors: Vec<String> = priors.iter().filter(|(k, _)| !names.contains(*k)).map(|(_, p)| p.display().to_string()).collect();
    unmatched_priors.sort();
    let mut rows: Vec<DeptSummary> = rows.into_values().collect();
    // An unreadable prior that made its department fail is said there; the others here.
    let unreadable_priors: Vec<String> = unreadable
        .iter()
        .filter(|(p, _)| !rows.iter().any(|r| r.error.as_deref().is_some_and(|e| e.starts_with(&prior_unreadable(p)))))
        .map(|(p, reason)| if reason.contains(&p.display().to_string()) { reason.clone() } else { format!("{}：{reason}", p.display()) })
        .collect();
    flag_duplicates(&mut rows);
    flag_other_years(&mut rows);
    let report = BatchReport { rows, unmatched_priors, unreadable_priors, notices, elapsed_ms: started.elapsed().as_millis() as u64 };
    summary::write_summary(&opts.out_dir.join("汇总.xlsx"), &report).map_err(|e| out_err(io::Error::other(e.to_string())))?;
    Ok(report)
}

/// The start of the failure of a department whose prior-year input (`--prior-dir`) cannot be
/// read (the processor's message): the department fails like a broken current-year input,
/// never loses its 同比 silently.
pub fn prior_unreadable(prior: &Path) -> String {
    format!("上年决算表 {} 无法读取（--prior-dir 中与本部门匹配的上年输入），未生成报告：", prior.display())
}

/// A path made absolute with links resolved, also when it does not exist yet (its nearest
/// existing ancestor is resolved and the rest appended).
fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut tail = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(c) = cur.canonicalize() {
            return tail.iter().rev().fold(c, |acc: PathBuf, part| acc.join(part));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                cur = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses OUT_DIR equal to IN_DIR (or `--prior-dir`), inside it, or holding it: the reports
/// and 汇总.xlsx would be read back as departments (or prior years) by the next run, and an
/// output could overwrite an input.
///
/// # Errors
/// [`BatchError::Overlap`] with the message for the officer.
pub fn check_folders(opts: &BatchOptions) -> Result<(), BatchError> {
    let out = resolved(&opts.out_dir);
    let shown = opts.out_dir.display();
    let sources = std::iter::once(("输入目录", &opts.in_dir)).chain(opts.prior_dir.iter().map(|p| ("上年决算表目录（--prior-dir）", p)));
    for (what, dir) in sources {
        let d = resolved(dir);
        let problem = if out == d {
            format!("输出目录 {shown} 与{what} {} 相同", dir.display())
        } else if out.starts_with(&d) {
            format!("输出目录 {shown} 位于{what} {} 之内", dir.display())
        } else if d.starts_with(&out) {
            format!("{what} {} 位于输出目录 {shown} 之内", dir.display())
        } else {
            continue;
        };
        return Err(BatchError::Overlap(format!(
            "{problem}：报告和 汇总.xlsx 会写进输入所在的目录，下次运行会被当作输入读取，也可能覆盖输入。请另选一个与输入目录互不包含的输出目录（如与输入目录并列的“报告”目录），再用 -o 指定"
        )));
    }
    Ok(())
}

/// True for OUT_DIR itself or a folder holding a batch manifest.
fn is_output_folder(path: &Path, out_dir: &Path) -> bool {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    path.is_dir() && (same(path, out_dir) || path.join(manifest::MANIFEST_FILE).is_file())
}

/// Two inputs of the same department are almost always a mistake (an old copy left in the
/// folder): each gets a 警告 naming the other inputs.
fn flag_duplicates(rows: &mut [DeptSummary]) {
    // Inputs of different years are different reports, not duplicates (see flag_other_years).
    let key = |r: &DeptSummary| format!("{}|{}", discover::match_key(&r.department), r.year);
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for r in rows.iter().filter(|r| r.status != Status::Failed) {
        by_name.entry(key(r)).or_default().push(r.input.clone());
    }
    for r in rows.iter_mut().filter(|r| r.status != Status::Failed) {
        let Some(inputs) = by_name.get(&key(r)).filter(|v| v.len() > 1) else { continue };
        let others: Vec<&str> = inputs.iter().map(String::as_str).filter(|i| *i != r.input).collect();
        r.findings.push(FindingRow {
            severity: "警告".into(),
            rule: "BATCH-DUPLICATE".into(),
            message: format!("部门“{}”在本批中有多个输入（另见：{}），请确认是否误放了旧文件", r.department, others.join("、")),
            locations: r.input.clone(),
            difference: None,
        });
        r.tally.warnings += 1;
    }
}

/// Rule id of the 警告 on an input whose year differs from the rest of the batch.
pub const OTHER_YEAR_RULE: &str = "BATCH-OTHER-YEAR";

/// An input of another year than most of the batch (typically a `…_上年` folder left in IN_DIR)
/// gets a 警告 saying so: its report is generated on its own, it is not a second department
/// of the same name, and a prior year belongs in `--prior-dir`.
fn flag_other_years(rows: &mut [DeptSummary]) {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.year > 0) {
        *counts.entry(r.year).or_default() += 1;
    }
    // The most common year; on a tie the latest.
    let Some(main) = counts.iter().max_by_key(|(y, n)| (**n, **y)).map(|(y, _)| *y) else { return };
    for r in rows.iter_mut().filter(|r| r.year > 0 && r.year != main) {
        r.findings.push(FindingRow {
            severity: "警告".into(),
            rule: OTHER_YEAR_RULE.into(),
            message: format!(
                "输入 {} 是{}年度的决算表，本批其余为{}年度：已单独生成该年度的报告（不视为同名部门）；如它是上年决算表，请移到单独目录并用 --prior-dir 指定",
                r.input, r.year, main
            ),
            locations: r.input.clone(),
            difference: None,
        });
        r.tally.warnings += 1;
    }
}

/// Drops prior-year inputs that are themselves inputs of the batch.
fn without_inputs(priors: HashMap<String, PathBuf>, inputs: &[PathBuf]) -> HashMap<String, PathBuf> {
    priors.into_iter().filter(|(_, p)| !is_input(p, inputs)).collect()
}

/// True when `path` is (a link to) one of the inputs.
fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let path = canon(path);
    inputs.iter().any(|i| canon(i) == path)
}

/// Unreadable prior-year inputs matched to the single input of the same [`discover::stem_key`]:
/// input key → prior path.
fn stem_matches(unreadable: &[(PathBuf, String)], inputs: &[PathBuf], in_dir: &Path) -> HashMap<String, PathBuf> {
    let mut out = HashMap::new();
    for (prior, _) in unreadable {
        let key = discover::stem_key(prior);
        let same: Vec<&PathBuf> = inputs.iter().filter(|i| !key.is_empty() && discover::stem_key(i) == key).collect();
        if let [one] = same.as_slice() {
            out.entry(relative_key(in_dir, one)).or_insert_with(|| prior.clone());
        }
    }
    out
}

/// The 决算年度 in a facts JSON (`{"meta":{…,"year":2023,…}`), without parsing it all.
fn year_in_facts(json: &str) -> i32 {
    let Some(at) = json.find("\"year\":") else { return 0 };
    let digits: String = json[at + 7..].trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

fn relative_key(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).to_string_lossy().into_owned()
}

/// Reads the department names of the prior-year inputs: `match_key(name) → path`, and the
/// inputs whose name cannot be read at all (junk, no 部门名称), with the reason.
fn index_priors(opts: &BatchOptions, processor: &dyn Processor) -> (HashMap<String, PathBuf>, Vec<(PathBuf, String)>) {
    let Some(dir) = &opts.prior_dir else { return (HashMap::new(), vec![]) };
    let mut map = HashMap::new();
    let mut unreadable = Vec::new();
    for p in discover::discover(dir).unwrap_or_default() {
        match processor.department_name(&p) {
            Ok(name) => {
                map.entry(discover::match_key(&name)).or_insert(p);
            }
            Err(reason) => unreadable.push((p, reason)),
        }
    }
    (map, unreadable)
}

/// The summary row of an input whose report is up to date, or `None` if it must be generated.
fn unchanged_row(opts: &BatchOptions, manifest: &Manifest, key: &str, input: &Path, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Option<DeptSummary> {
    if opts.force_all {
        return None;
    }
    let entry = manifest.entries.get(key)?;
    let report = entry.report.as_ref()?;
    // The report must still be the one written (not deleted, truncated or replaced).
    if entry.report_hash.is_none() || manifest::hash_file(&opts.out_dir.join(report)) != entry.report_hash {
        return None;
    }
    let prior = prior_for(&entry.summary.department);
    let hash = manifest::hash_inputs(&opts.salt, input, prior.as_deref()).ok()?;
    (hash == entry.hash).then(|| DeptSummary { status: Status::Unchanged, changes: vec![], elapsed_ms: 0, ..entry.summary.clone() })
}

/// A generated report waiting in the temp folder to be moved into place.
struct Staged {
    docx: PathBuf,
    facts: PathBuf,
    hash: String,
    report_hash: String,
}

fn run_one(opts: &BatchOptions, processor: &dyn Processor, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> (DeptSummary, Option<Staged>) {
    let t0 = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| processor.process(job, prior_for)))
        .unwrap_or_else(|_| Err(Failure { department: None, message: "内部错误（程序异常），请报告此输入文件".into(), findings: vec![] }));
    let mut row = DeptSummary {
        input: job.key.clone(),
        department: job.key.clone(),
        status: Status::Failed,
        draft: false,
        figures: vec![],
        tally: Tally::default(),
        placeholders: vec![],
        findings: vec![],
        error: None,
        changes: vec![],
        prior: None,
        elapsed_ms: 0,
        report: None,
        year: 0,
    };
    let staged = match result {
        Ok(p) => match stage(opts, job, &p) {
            Ok(staged) => {
                row.department = p.department.clone();
                row.year = year_in_facts(&p.facts_json);
                row.status = Status::Generated;
                row.draft = p.draft;
                row.figures = p.figures;
                row.tally = Tally::of(&p.findings);
                row.findings = p.findings.iter().map(FindingRow::from).collect();
                row.placeholders = p.placeholders;
                row.prior = p.prior.map(|p| p.display().to_string());
                Some(staged)
            }
            Err(e) => {
                row.error = Some(format!("写出报告失败：{e}"));
                None
            }
        },
        Err(f) => {
            row.department = f.department.unwrap_or_else(|| job.key.clone());
            row.tally = Tally::of(&f.findings);
            row.findings = f.findings.iter().map(FindingRow::from).collect();
            row.error = Some(f.message);
            None
        }
    };
    row.elapsed_ms = t0.elapsed().as_millis() as u64;
    (row, staged)
}

fn stage(opts: &BatchOptions, job: &Job, p: &Product) -> io::Result<Staged> {
    let tmp = opts.out_dir.join(TMP_DIR);
    // Named after the input key (unique within a batch), never after the content: two
    // byte-identical inputs must not share a temp file.
    let id: String = sha2::Sha256::digest(job.key.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let hash = manifest::hash_inputs(&opts.salt, &job.input, p.prior.as_deref())?;
    let docx = tmp.join(format!("{id}.docx"));
    let facts = tmp.join(format!("{id}.facts.json"));
    // A failed write (full disk, read-only folder) leaves no partial temp file behind.
    let written = fs::write(&docx, &p.docx).and_then(|()| fs::write(&facts, &p.facts_json));
    if let Err(e) = written {
        let _ = fs::remove_file(&docx);
        let _ = fs::remove_file(&facts);
        return Err(e);
    }
    Ok(Staged { docx, facts, hash, report_hash: manifest::hash_bytes(&p.docx) })
}

/// Moves a staged report into place under a stable, unique name and records it.
fn place(opts: &BatchOptions, manifest: &mut Manifest, mut row: DeptSummary, staged: Option<Staged>) -> DeptSummary {
    let Some(staged) = staged else {
        return row;
    };
    let previous = manifest.entries.get(&row.input).cloned();
    let stem = match previous.as_ref().and_then(|e| e.report.as_ref()) {
        Some(r) if r.trim_end_matches(".docx").starts_with(&discover::sanitize_file_stem(&row.department)) => r.trim_end_matches(".docx").to_string(),
        _ => unique_stem(manifest, &row.input, &discover::sanitize_file_stem(&row.department)),
    };
    let report = format!("{stem}.docx");
    let facts = format!("{stem}.facts.json");
    if let Some(old) = previous.as_ref().and_then(|e| e.facts.as_ref()) {
        row.changes = changed_figures(&opts.out_dir.join(old), &staged.facts);
    }
    let moved = fs::rename(&staged.facts, opts.out_dir.join(&facts)).and_then(|_| fs::rename(&staged.docx, opts.out_dir.join(&report)));
    if let Err(e) = moved {
        let _ = fs::remove_file(&staged.docx);
        let _ = fs::remove_file(&staged.facts);
        row.status = Status::Failed;
        row.error = Some(format!("无法写入 {}：{e}", opts.out_dir.join(&report).display()));
        return row;
    }
    row.report = Some(report.clone());
    manifest.entries.insert(row.input.clone(), Entry { hash: staged.hash, report: Some(report), facts: Some(facts), report_hash: Some(staged.report_hash), summary: row.clone() });
    row
}

fn unique_stem(manifest: &Manifest, key: &str, base: &str) -> String {
    let taken = |s: &str| manifest.entries.iter().any(|(k, e)| k != key && e.report.as_deref() == Some(&format!("{s}.docx")));
    let mut stem = base.to_string();
    let mut n = 2;
    while taken(&stem) {
        stem = format!("{base}_{n}");
        n += 1;
    }
    stem
}

fn changed_figures(old: &Path, new: &Path) -> Vec<FigureChange> {
    let read = |p: &Path| fs::read(p).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    match (read(old), read(new)) {
        (Some(a), Some(b)) => diff::diff_json(&a, &b),
        _ => vec![],
    }
}

/// Progress display: a bar on a terminal, plain lines otherwise, nothing when disabled.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    plain: bool,
    total: usize,
    done: AtomicUsize,
}

impl Progress {
    fn new(enabled: bool, total: usize) -> Self {
        use std::io::IsTerminal;
        let tty = enabled && io::stderr().is_terminal();
        let bar = tty.then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
                b.set_style(style);
            }
            b
        });
        Progress { bar, plain: enabled && !tty, total, done: AtomicUsize::new(0) }
    }
    fn tick(&self, row: &DeptSummary) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(b) = &self.bar {
            b.set_message(row.department.clone());
            b.inc(1);
        } else if self.plain {
            eprintln!("[{n}/{}] {} {}（{} ms）", self.total, row.status.label(), crate::findings::printable(&row.department), row.elapsed_ms);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// The closing summary printed after a batch: counts and the slowest departments.
pub fn render_summary(report: &BatchReport) -> String {
    let warned = report.rows.iter().filter(|r| r.status != Status::Failed && r.tally.warnings > 0).count();
    let mut s = format!(
        "共 {} 个部门：已生成 {}，未变化 {}，失败 {}，有警告 {}；用时 {:.1} 秒\n",
        report.rows.len(),
        report.count(Status::Generated),
        report.count(Status::Unchanged),
        report.count(Status::Failed),
        warned,
        report.elapsed_ms as f64 / 1000.0
    );
    for r in report.rows.iter().filter(|r| r.status == Status::Failed) {
        s.push_str(&format!("失败：{}（{}）：{}\n", r.department, r.input, r.error.as_deref().unwrap_or("")));
    }
    for r in report.rows.iter().filter(|r| !r.changes.is_empty()) {
        s.push_str(&format!("{}：较上次生成有 {} 处数字/文字变化\n", r.department, r.changes.len()));
        for c in r.changes.iter().take(10) {
            s.push_str(&format!("    {}", diff::render_changes(std::slice::from_ref(c))));
        }
    }
    let mut slow: Vec<&DeptSummary> = report.rows.iter().filter(|r| r.status == Status::Generated).collect();
    slow.sort_by_key(|r| std::cmp::Reverse(r.elapsed_ms));
    if !slow.is_empty() {
        let list: Vec<String> = slow.iter().take(3).map(|r| format!("{}（{} ms）", r.department, r.elapsed_ms)).collect();
        s.push_str(&format!("最慢：{}\n", list.join("，")));
    }
    for r in report.rows.iter() {
        for f in r.findings.iter().filter(|f| f.rule == OTHER_YEAR_RULE) {
            s.push_str(&format!("其他年度：{}（报告 {}）：{}\n", r.department, r.report.as_deref().unwrap_or(""), f.message));
        }
    }
    for r in report.rows.iter().filter(|r| r.findings.iter().any(|f| f.rule == "BATCH-DUPLICATE")) {
        s.push_str(&format!("同名部门：{}（输入 {}，报告 {}）\n", r.department, r.input, r.report.as_deref().unwrap_or("")));
    }
    let todo: Vec<&DeptSummary> = report.rows.iter().filter(|r| r.status != Status::Failed && !r.placeholders.is_empty()).collect();
    if !todo.is_empty() {
        let n: usize = todo.iter().map(|r| r.placeholders.len()).sum();
        s.push_str(&format!("待补充：{} 个部门的报告共 {n} 处待补充内容（见 汇总.xlsx 待补充列；不计入警告）\n", todo.len()));
    }
    for p in &report.unmatched_priors {
        s.push_str(&format!("未匹配到本年部门的上年输入：{p}\n"));
    }
    for p in &report.unreadable_priors {
        s.push_str(&format!("无法读取的上年输入（无法判断属于哪个部门，未被使用）：{}\n", crate::findings::printable(p)));
    }
    for n in &report.notices {
        s.push_str(&format!("提示：{}\n", crate::findings::printable(n)));
    }
    s
}

#[cfg(test)]
mod tests;
