//! `make bench`: measures juesuan on this machine and prints the figures README quotes.
//!
//! ```text
//! juesuan-bench [--count N] [--dir DIR] [--serve-count M] [--serve-only]
//! ```
//! 1. generates a corpus of N synthetic departments (10–200 项 rows each) with the sample
//!    generator, 2. times one report end to end (read → check → derive → narrate → write with
//!    charts and 附表) over repeated runs, 3. runs a full batch in a child process, each department in a
//!    `juesuan __worker` process as `juesuan batch` does (peak memory = the batch process's
//!    VmHWM and the largest worker's ru_maxrss), 4. runs the no-change rerun. Timings are wall-clock on whatever
//!    else the machine is doing; run it on an idle machine.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child-batch") {
        return child_batch(&args[2..]);
    }
    if args.get(1).map(String::as_str) == Some("--one") {
        let inputs: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
        return match single_report(&inputs) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench 失败：{e}");
                ExitCode::FAILURE
            }
        };
    }
    let count = flag(&args, "--count").and_then(|s| s.parse().ok()).unwrap_or(1000usize);
    let dir = PathBuf::from(flag(&args, "--dir").unwrap_or_else(|| "target/bench".into()));
    let serve_count = flag(&args, "--serve-count").and_then(|s| s.parse().ok()).unwrap_or(count);
    if args.iter().any(|a| a == "--serve-only") {
        return match serve_pages(serve_count, &dir.join("serve")) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench 失败：{e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(count, &dir, serve_count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench 失败：{e}");
            ExitCode::FAILURE
        }
    }
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn run(count: usize, dir: &Path, serve_count: usize) -> Result<(), String> {
    let corpus = dir.join("corpus");
    let out = dir.join("out");
    let _ = std::fs::remove_dir_all(dir);
    let t = Instant::now();
    let inputs = juesuan::samples::write_corpus(&corpus, count, 2026).map_err(|e| e.to_string())?;
    println!("语料：{count} 个部门，生成用时 {:.1} s", t.elapsed().as_secs_f64());
    single_report(&inputs)?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    for label in ["全量批处理", "无变化重跑"] {
        let o = Command::new(&exe).arg("--child-batch").arg(&corpus).arg(&out).output().map_err(|e| e.to_string())?;
        print!("{label}：{}", String::from_utf8_lossy(&o.stdout));
    }
    serve_pages(serve_count, &dir.join("serve"))
}

/// `juesuan serve`: a workspace of `count` corpus departments (each renamed `…NNNN` so that
/// every one is its own department: the corpus repeats names; uploaded as the server stores
/// them, on all cores), then the bureau page (10 renders) and the middle department's page (first
/// view and 30 cached views), in-process through the server's own contexts and templates.
fn serve_pages(count: usize, data: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(data);
    let t = Instant::now();
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| -> Result<(), String> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= count {
                            return Ok(());
                        }
                        let mut dept = juesuan::samples::corpus_spec(i, 2026);
                        dept.name = format!("{}{:04}", dept.name, i + 1);
                        let style = juesuan::samples::Style::varied(2026u64.wrapping_add(i as u64).wrapping_mul(0x9E37_79B9));
                        let files = juesuan::samples::render_files(&dept, &style).map_err(|e| e.to_string())?;
                        let files = files.into_iter().map(|(n, b)| (n.rsplit('/').next().unwrap_or(&n).to_string(), b)).collect();
                        juesuan::serve::bench::add(data, files).map_err(|e| format!("{}：{e}", dept.name))?;
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().map_err(|_| "上传线程异常".to_string())?)
    })?;
    let pages = juesuan::serve::bench::Pages::open(data)?;
    let slugs = pages.slugs();
    println!("网页服务：{} 个部门上传并生成用时 {:.1} s", slugs.len(), t.elapsed().as_secs_f64());
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[v.len() - 1])
    };
    // Cold: the first render parses every state file; then the row cache answers.
    let t = Instant::now();
    let size = pages.bureau()?.len();
    let cold = t.elapsed().as_secs_f64() * 1000.0;
    let mut bureau = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        std::hint::black_box(pages.bureau()?.len());
        bureau.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (m, w) = median(&mut bureau);
    println!("  财政局页面（{} 个部门，{} KB）：首次 {cold:.1} ms；之后中位数 {m:.1} ms，最慢 {w:.1} ms（10 次）", slugs.len(), size / 1024);
    let slug = slugs.get(slugs.len() / 2).ok_or("工作区为空")?;
    let t = Instant::now();
    let size = pages.dept(slug)?.len();
    let first = t.elapsed().as_secs_f64() * 1000.0;
    let mut dept = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        std::hint::black_box(pages.dept(slug)?.len());
        dept.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (m, w) = median(&mut dept);
    println!("  部门页面（{} KB）：首次（运行流水线）{first:.1} ms；缓存后中位数 {m:.1} ms，最慢 {w:.1} ms（30 次）", size / 1024);
    Ok(())
}

/// Times one mid-sized department end to end, 30 runs, median and worst.
fn single_report(inputs: &[PathBuf]) -> Result<(), String> {
    let input = inputs.get(inputs.len() / 2).ok_or("语料为空")?;
    let templates = juesuan::narrate::Templates::builtin();
    let settings = juesuan::pipeline::Settings::default();
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let dept = juesuan::read::read_department(input, None).map_err(|e| e.to_string())?;
        let report = juesuan::pipeline::build_report(&dept, &templates, &settings).map_err(|e| e.to_string())?;
        std::hint::black_box(report.docx.len());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!("单份报告（{}）：中位数 {:.1} ms，最慢 {:.1} ms（30 次）", input.display(), times[times.len() / 2], times[times.len() - 1]);
    stage_breakdown(input, &templates)
}

/// Median time of each stage for one department (what to optimise first).
fn stage_breakdown(input: &Path, templates: &juesuan::narrate::Templates) -> Result<(), String> {
    let mut t = [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..15 {
        let clock = Instant::now();
        let dept = juesuan::read::read_department(input, None).map_err(|e| e.to_string())?;
        t[0].push(clock.elapsed());
        let clock = Instant::now();
        let facts = juesuan::derive::derive(&dept, &Default::default());
        t[1].push(clock.elapsed());
        let clock = Instant::now();
        std::hint::black_box(juesuan::pipeline::findings(&dept, &facts));
        t[2].push(clock.elapsed());
        let clock = Instant::now();
        let doc = juesuan::narrate::narrate_facts(&facts, templates).map_err(|e| e.to_string())?;
        t[3].push(clock.elapsed());
        let clock = Instant::now();
        std::hint::black_box(juesuan::write::render_docx(&doc, &dept.book).map_err(|e| e.to_string())?);
        t[4].push(clock.elapsed());
    }
    let median = |v: &mut Vec<std::time::Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let names = ["读取", "推导", "校验", "成文", "写出"];
    let parts: Vec<String> = names.iter().zip(t.iter_mut()).map(|(n, v)| format!("{n} {:.1} ms", median(v))).collect();
    println!("  分阶段中位数：{}", parts.join("，"));
    Ok(())
}

/// Runs one batch in this (child) process and prints wall time and peak memory.
fn child_batch(args: &[String]) -> ExitCode {
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else { return ExitCode::FAILURE };
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let opts = juesuan::batch::BatchOptions {
        in_dir: input.into(),
        out_dir: out.into(),
        prior_dir: None,
        jobs,
        force_all: false,
        salt: juesuan::pipeline::salt(&juesuan::narrate::Templates::builtin(), &juesuan::pipeline::Settings::default()),
        progress: false,
    };
    // As `juesuan batch` runs: every department in a `juesuan __worker` process (the binary
    // beside this one, built by `make bench`).
    let Some(worker) = std::env::current_exe().ok().map(|e| e.with_file_name("juesuan")).filter(|e| e.is_file()) else {
        println!("失败：找不到 juesuan 可执行文件（先 cargo build --release）");
        return ExitCode::FAILURE;
    };
    juesuan::worker::enable(worker);
    let processor = juesuan::worker::processor(juesuan::narrate::Templates::builtin(), juesuan::pipeline::Settings::default());
    let t = Instant::now();
    match juesuan::batch::run_batch(&opts, processor.as_ref()) {
        Ok(r) => {
            println!(
                "{} 个部门（生成 {}，未变化 {}，失败 {}），用时 {:.2} s，峰值内存 {} MB（批量进程）/ {} MB（单个工作进程最大），{} 线程",
                r.rows.len(),
                r.count(juesuan::batch::Status::Generated),
                r.count(juesuan::batch::Status::Unchanged),
                r.count(juesuan::batch::Status::Failed),
                t.elapsed().as_secs_f64(),
                peak_mb(),
                children_peak_mb(),
                jobs
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("失败：{e}");
            ExitCode::FAILURE
        }
    }
}

/// The largest peak resident memory of the worker processes (getrusage RUSAGE_CHILDREN:
/// ru_maxrss of the largest waited-for child, KB on Linux), in MB.
fn children_peak_mb() -> String {
    // SAFETY: getrusage only writes the rusage struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
        return "?".into();
    }
    format!("{:.0}", usage.ru_maxrss as f64 / 1024.0)
}

/// Peak resident memory of this process (VmHWM), in MB.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or_else(|| "?".to_string(), |kb| format!("{:.0}", kb as f64 / 1024.0))
}
