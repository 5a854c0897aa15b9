//! Worker processes: in `juesuan batch` (and `juesuan serve`) every department runs in a
//! process of its own, so that nothing a department's input does — an abort, running out of
//! memory, a crash in a library — can take the batch down with it.
//!
//! ```text
//! batch thread ──spawn `juesuan __worker` (RLIMIT_AS = memory limit)──▶ worker
//!   stdin  ▶ Request (JSON line)
//!   stdout ◀ Reply::Name (after reading the workbook) ▶ PriorReply (JSON line)
//!   stdout ◀ Reply::Done { …, docx_len } + DOCX bytes | Reply::Failed
//! a worker that exits without a reply (signal, abort, OOM) ▶ that department's Failure
//! ```
//!
//! The batch engine ([`crate::batch`]) knows nothing of processes: [`WorkerProcessor`] is a
//! [`Processor`] like the in-process [`BatchProcessor`]. The `juesuan` binary enables workers
//! at start-up ([`enable`]); a library user (tests, `juesuan-bench` unless it enables them)
//! gets in-process processing from [`processor`].

use crate::batch::{Failure, Job, KeyFigure, Processor, Product};
use crate::findings::{Finding, Location, Severity};
use crate::model::CellRef;
use crate::narrate::Templates;
use crate::pipeline::{BatchProcessor, Settings};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::{Arc, OnceLock};

/// The hidden first argument that makes `juesuan` a worker (`juesuan __worker`).
pub const WORKER_ARG: &str = "__worker";
/// Environment variable: memory limit of each worker in MB (address space, RLIMIT_AS).
pub const MEMORY_ENV: &str = "JUESUAN_WORKER_MEMORY_MB";
/// Default memory limit of a worker (MB of address space). Any input juesuan accepts (under
/// the reader's limits) needs far less; see README 可靠性.
pub const DEFAULT_MEMORY_MB: u64 = 1024;

static WORKER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Makes [`processor`] run departments in worker processes of this executable (called by the
/// `juesuan` binary's `main`; the executable must answer [`WORKER_ARG`] with [`worker_main`]).
pub fn enable(exe: PathBuf) {
    let _ = WORKER_EXE.set(exe);
}

/// The executable workers are started from, when enabled.
pub fn worker_exe() -> Option<&'static Path> {
    WORKER_EXE.get().map(PathBuf::as_path)
}

/// The memory limit of a worker in bytes: [`MEMORY_ENV`] (MB) or [`DEFAULT_MEMORY_MB`].
pub fn memory_limit() -> u64 {
    let mb = std::env::var(MEMORY_ENV).ok().and_then(|v| v.trim().parse::<u64>().ok()).filter(|mb| *mb > 0).unwrap_or(DEFAULT_MEMORY_MB);
    mb.saturating_mul(1024 * 1024)
}

/// The batch processor: worker processes when [`enable`]d, else the pipeline in this process.
pub fn processor(templates: Templates, settings: Settings) -> Box<dyn Processor> {
    match worker_exe() {
        Some(exe) => Box::new(WorkerProcessor::new(exe.to_path_buf(), &templates, settings)),
        None => Box::new(BatchProcessor::new(templates, settings)),
    }
}

/// Runs each department in a `juesuan __worker` process with a memory limit.
pub struct WorkerProcessor {
    exe: PathBuf,
    /// Template sources that differ from the built-in set (sent to every worker).
    templates: BTreeMap<String, String>,
    settings: Settings,
    memory: u64,
}

impl WorkerProcessor {
    /// Workers of `exe` with these templates and settings, limited to [`memory_limit`].
    pub fn new(exe: PathBuf, templates: &Templates, settings: Settings) -> Self {
        let builtin = Templates::builtin();
        let templates = templates
            .names()
            .into_iter()
            .filter(|n| templates.source(n) != builtin.source(n))
            .filter_map(|n| Some((n.to_string(), templates.source(n)?.to_string())))
            .collect();
        WorkerProcessor { exe, templates, settings, memory: memory_limit() }
    }

    /// The same with an explicit memory limit in bytes.
    pub fn with_memory(mut self, bytes: u64) -> Self {
        self.memory = bytes;
        self
    }

    fn request(&self, job: &Job, name_only: bool) -> Request {
        Request {
            input: job.input.clone(),
            key: job.key.clone(),
            name_only,
            force: self.settings.force,
            threshold: self.settings.derive.change_threshold_pct,
            templates: self.templates.clone(),
        }
    }

    /// Runs one worker conversation; `Err` is the department's failure message.
    fn converse(&self, req: &Request, prior_for: &dyn Fn(&str) -> Option<PathBuf>, name: &mut Option<String>) -> Result<(Reply, Vec<u8>), String> {
        let mut cmd = Command::new(&self.exe);
        cmd.arg(WORKER_ARG).env("RUST_BACKTRACE", "0").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        limit_memory(&mut cmd, self.memory);
        let mut child = cmd.spawn().map_err(|e| format!("无法启动工作进程 {}：{e}", self.exe.display()))?;
        let stderr = child.stderr.take().map(|mut err| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = (&mut err).take(64 * 1024).read_to_end(&mut buf);
                let _ = io::copy(&mut err, &mut io::sink());
                String::from_utf8_lossy(&buf).into_owned()
            })
        });
        let talk = (|| -> io::Result<Option<(Reply, Vec<u8>)>> {
            let mut stdin = child.stdin.take().ok_or_else(|| io::Error::other("stdin"))?;
            let mut out = BufReader::new(child.stdout.take().ok_or_else(|| io::Error::other("stdout"))?);
            writeln!(stdin, "{}", serde_json::to_string(req).map_err(io::Error::other)?)?;
            stdin.flush()?;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line)? == 0 {
                    return Ok(None);
                }
                let Ok(reply) = serde_json::from_str::<Reply>(&line) else { return Ok(None) };
                match reply {
                    Reply::Name { department } if req.name_only => return Ok(Some((Reply::Name { department }, Vec::new()))),
                    Reply::Name { department } => {
                        let prior = prior_for(&department);
                        *name = Some(department);
                        writeln!(stdin, "{}", serde_json::to_string(&PriorReply { prior }).map_err(io::Error::other)?)?;
                        stdin.flush()?;
                    }
                    Reply::Done(ref done) => {
                        let mut docx = vec![0; done.docx_len];
                        out.read_exact(&mut docx)?;
                        return Ok(Some((reply, docx)));
                    }
                    other => return Ok(Some((other, Vec::new()))),
                }
            }
        })();
        let status = child.wait();
        let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
        match (talk, status) {
            (Ok(Some(reply)), Ok(s)) if s.success() => Ok(reply),
            (_, Ok(s)) => Err(abnormal_end(&s, &stderr, self.memory)),
            (_, Err(e)) => Err(format!("工作进程异常：{e}")),
        }
    }
}

/// The failure message of a worker that ended without a reply.
fn abnormal_end(status: &std::process::ExitStatus, stderr: &str, memory: u64) -> String {
    use std::os::unix::process::ExitStatusExt;
    let how = match (status.signal(), status.code()) {
        (Some(sig), _) => format!("被信号 {sig}（{}）终止", signal_name(sig)),
        (None, Some(code)) => format!("以退出码 {code} 结束"),
        _ => "异常结束".to_string(),
    };
    let last = crate::findings::printable(cause_line(stderr));
    let mut s = format!("处理该部门的工作进程{how}，未生成报告");
    let out_of_memory = ["memory allocation of", "failed to spawn thread", "Cannot allocate memory"].iter().any(|m| stderr.contains(m));
    if out_of_memory {
        s.push_str(&format!("：内存用量超过每个部门的上限 {} MB（可用环境变量 {MEMORY_ENV} 调整）", memory / (1024 * 1024)));
    } else {
        s.push_str("（程序异常），请报告此输入文件");
    }
    if !last.is_empty() {
        s.push_str(&format!("；工作进程输出：{last}"));
    }
    s
}

/// The line of a worker's stderr that says what happened: the allocation failure, else the
/// panic message (the line after `panicked at`), else the first line.
fn cause_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if let Some(l) = lines.iter().find(|l| l.starts_with("memory allocation of")) {
        return l;
    }
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        return lines.get(i + 1).unwrap_or(&lines[i]);
    }
    lines.first().copied().unwrap_or("")
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        6 => "SIGABRT，程序中止",
        9 => "SIGKILL，被强制结束",
        11 => "SIGSEGV，内存访问错误",
        15 => "SIGTERM",
        _ => "信号",
    }
}

/// Sets RLIMIT_AS of the child before it executes.
fn limit_memory(cmd: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
    // SAFETY: the closure runs between fork and exec and only calls setrlimit, which is
    // async-signal-safe; it touches no memory of the parent besides the copied `limit`.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

impl Processor for WorkerProcessor {
    fn department_name(&self, input: &Path) -> Result<String, String> {
        let job = Job { key: input.display().to_string(), input: input.to_path_buf() };
        let mut name = None;
        match self.converse(&self.request(&job, true), &|_| None, &mut name)? {
            (Reply::Name { department }, _) => Ok(department),
            (Reply::Failed { message, .. }, _) => Err(message),
            _ => Err("工作进程的回复无法识别".into()),
        }
    }

    fn process(&self, job: &Job, prior_for: &dyn Fn(&str) -> Option<PathBuf>) -> Result<Product, Failure> {
        let mut name = None;
        let reply = self.converse(&self.request(job, false), prior_for, &mut name);
        match reply {
            Ok((Reply::Done(d), docx)) => Ok(Product {
                department: d.department,
                docx,
                facts_json: d.facts_json,
                figures: d.figures,
                findings: d.findings.into_iter().map(WireFinding::into_finding).collect(),
                placeholders: d.placeholders,
                draft: d.draft,
                prior: d.prior,
            }),
            Ok((Reply::Failed { department, message, findings }, _)) => {
                Err(Failure { department: department.or(name), message, findings: findings.into_iter().map(WireFinding::into_finding).collect() })
            }
            Ok(_) => Err(Failure { department: name, message: "工作进程的回复无法识别".into(), findings: vec![] }),
            Err(message) => Err(Failure { department: name, message, findings: vec![] }),
        }
    }
}

// ───────────────────────────── the wire ─────────────────────────────

#[derive(Serialize, Deserialize)]
struct Request {
    input: PathBuf,
    key: String,
    /// Only read the department name (prior-year index).
    name_only: bool,
    force: bool,
    threshold: Decimal,
    /// Templates that differ from the built-in set.
    templates: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct PriorReply {
    prior: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Done {
    department: String,
    facts_json: String,
    figures: Vec<KeyFigure>,
    findings: Vec<WireFinding>,
    placeholders: Vec<String>,
    draft: bool,
    prior: Option<PathBuf>,
    docx_len: usize,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    Name { department: String },
    Done(Done),
    Failed { department: Option<String>, message: String, findings: Vec<WireFinding> },
}

/// A [`Finding`] as it crosses the pipe (cells as plain fields).
#[derive(Serialize, Deserialize)]
struct WireFinding {
    severity: String,
    rule: String,
    message: String,
    locations: Vec<(String, Option<(String, String, u32, u32)>, Option<Decimal>)>,
    difference: Option<Decimal>,
}

impl WireFinding {
    fn from_finding(f: &Finding) -> Self {
        WireFinding {
            severity: f.severity.label().to_string(),
            rule: f.rule.clone(),
            message: f.message.clone(),
            locations: f.locations.iter().map(|l| (l.label.clone(), l.at.as_ref().map(|c| (c.file.to_string(), c.sheet.to_string(), c.row, c.col)), l.value)).collect(),
            difference: f.difference,
        }
    }

    fn into_finding(self) -> Finding {
        let severity = match self.severity.as_str() {
            "错误" => Severity::Error,
            "警告" => Severity::Warning,
            _ => Severity::Info,
        };
        let locations = self
            .locations
            .into_iter()
            .map(|(label, at, value)| Location { label, at: at.map(|(file, sheet, row, col)| CellRef { file: Arc::from(file), sheet: Arc::from(sheet), row, col }), value })
            .collect();
        Finding { severity, rule: self.rule, message: self.message, locations, difference: self.difference }
    }
}

// ───────────────────────────── the worker side ─────────────────────────────

/// `juesuan __worker`: one department, request on stdin, reply on stdout (see the module
/// docs). Exit 0 after a reply (a failed department is a reply too), 3 on a broken conversation.
pub fn worker_main() -> ExitCode {
    match serve_one() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("工作进程：{e}");
            ExitCode::from(3)
        }
    }
}

fn serve_one() -> io::Result<()> {
    let mut input = io::stdin().lock();
    let mut line = String::new();
    input.read_line(&mut line)?;
    let req: Request = serde_json::from_str(&line).map_err(io::Error::other)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let send = |reply: &Reply, docx: &[u8], out: &mut io::BufWriter<io::StdoutLock>| -> io::Result<()> {
        writeln!(out, "{}", serde_json::to_string(reply).map_err(io::Error::other)?)?;
        out.write_all(docx)?;
        out.flush()
    };
    let mut templates = Templates::builtin();
    for (name, source) in &req.templates {
        templates = templates.with_source(name, source);
    }
    let settings = Settings { force: req.force, derive: crate::derive::DeriveOptions { change_threshold_pct: req.threshold } };
    let processor = BatchProcessor::new(templates, settings);
    if req.name_only {
        let reply = match processor.department_name(&req.input) {
            Ok(department) => Reply::Name { department },
            Err(message) => Reply::Failed { department: None, message, findings: vec![] },
        };
        return send(&reply, &[], &mut out);
    }
    let job = Job { key: req.key.clone(), input: req.input.clone() };
    // The prior year is found by the department's name, which only this process has read:
    // ask the batch (it holds the prior-year index).
    let ask = |name: &str| -> Option<PathBuf> {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string(&Reply::Name { department: name.to_string() }).ok()?).ok()?;
        out.flush().ok()?;
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line).ok()?;
        serde_json::from_str::<PriorReply>(&line).ok()?.prior
    };
    drop(input);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| processor.process(&job, &ask)))
        .unwrap_or_else(|_| Err(Failure { department: None, message: "内部错误（程序异常），请报告此输入文件".into(), findings: vec![] }));
    match result {
        Ok(p) => {
            let done = Done {
                department: p.department,
                facts_json: p.facts_json,
                figures: p.figures,
                findings: p.findings.iter().map(WireFinding::from_finding).collect(),
                placeholders: p.placeholders,
                draft: p.draft,
                prior: p.prior,
                docx_len: p.docx.len(),
            };
            send(&Reply::Done(done), &p.docx, &mut out)
        }
        Err(f) => send(&Reply::Failed { department: f.department, message: f.message, findings: f.findings.iter().map(WireFinding::from_finding).collect() }, &[], &mut out),
    }
}
