//! The command line: clap definitions and one small function per subcommand.
//!
//! Each command reads its input, calls the pipeline stages, prints, and returns an exit code:
//! 0 success; 1 check 错误 / refused / a batch department failed; 2 input unreadable;
//! 3 template, write or other errors. Errors are printed with their whole cause chain.

use crate::narrate::error::cause_chain;
use crate::narrate::Templates;
use crate::pipeline::{self, PipelineError, Settings};
use crate::{batch, check, derive, narrate, read, samples, write};
use rust_decimal::Decimal;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// juesuan：由财决13张附表生成部门决算公开报告（DOCX，含原生图表）。
#[derive(Debug, Parser)]
#[command(name = "juesuan", version, about, long_about = None)]
pub struct Cli {
    /// 子命令
    #[command(subcommand)]
    pub command: Command,
}

/// Output format of `check`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// 文本
    Text,
    /// JSON
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 写出空白输入模板（13张表 + 说明材料），供没有导出文件时填写
    Init {
        /// 输出文件
        #[arg(short, long, default_value = "空白模板.xlsx")]
        output: PathBuf,
    },
    /// 重新生成内置样例（或 --count N 个合成部门，用于基准测试）
    Sample {
        /// 输出目录
        #[arg(short, long, default_value = "samples")]
        output: PathBuf,
        /// 生成 N 个合成部门（基准语料）而不是内置样例
        #[arg(long)]
        count: Option<usize>,
        /// 合成语料的随机种子
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// 显示读取到的内容（表、数字、单位）
    Dump {
        /// 部门输入：工作簿或按表分文件的文件夹
        input: PathBuf,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 校验表内、表间勾稽关系；有错误时退出码为1，无法读取为2
    Check {
        /// 部门输入
        input: PathBuf,
        /// 上年决算表（同样格式）
        #[arg(long)]
        prior: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// 列出全部校验规则
    Rules,
    /// 推导报告中的全部数字（带出处）
    Facts {
        /// 部门输入
        input: PathBuf,
        /// 上年决算表
        #[arg(long)]
        prior: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 需要说明原因的变动阈值（%）
        #[arg(long, default_value = "10")]
        threshold: rust_decimal::Decimal,
    },
    /// 生成报告正文的纯文本预览（Markdown）
    Narrate {
        /// 部门输入
        input: PathBuf,
        /// 上年决算表
        #[arg(long)]
        prior: Option<PathBuf>,
        /// 覆盖内置模板的模板目录（按文件名覆盖）
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 输出文件（不给则打印）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 模板管理
    Templates {
        /// 操作
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// 生成报告 DOCX（有校验错误时拒绝，除非 --force，此时标记为草稿）
    Generate {
        /// 部门输入
        input: PathBuf,
        /// 上年决算表
        #[arg(long)]
        prior: Option<PathBuf>,
        /// 模板目录
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 输出 DOCX
        #[arg(short, long)]
        output: PathBuf,
        /// 有错误也生成（草稿）
        #[arg(long)]
        force: bool,
        /// 同时用 LibreOffice 生成 PDF
        #[arg(long)]
        pdf: bool,
    },
    /// 批量生成目录下全部部门的报告
    Batch {
        /// 输入目录：每个工作簿或子文件夹是一个部门
        in_dir: PathBuf,
        /// 输出目录
        #[arg(short, long)]
        output: PathBuf,
        /// 上年输入目录（按部门名称匹配）
        #[arg(long)]
        prior_dir: Option<PathBuf>,
        /// 模板目录
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 并行数（默认：全部核心）
        #[arg(long)]
        jobs: Option<usize>,
        /// 全部重新生成（不论输入是否变化）
        #[arg(long)]
        force: bool,
        /// 有校验错误的部门也生成草稿（默认记为失败）
        #[arg(long)]
        draft: bool,
    },
    /// 比较两个 facts 文件（或两个输入）中变化的数字
    Diff {
        /// 旧：.facts.json 或部门输入
        old: PathBuf,
        /// 新：.facts.json 或部门输入
        new: PathBuf,
    },
}

/// Template subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// 把内置模板写到目录中以便修改
    Export {
        /// 目录
        dir: PathBuf,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Init { output } => init(&output),
        Command::Sample { output, count, seed } => sample(&output, count, seed),
        Command::Dump { input, json } => dump(&input, json),
        Command::Check { input, prior, format } => cmd_check(&input, prior.as_deref(), format),
        Command::Rules => rules(),
        Command::Facts { input, prior, json, threshold } => facts(&input, prior.as_deref(), json, threshold),
        Command::Narrate { input, prior, templates, output } => cmd_narrate(&input, prior.as_deref(), templates.as_deref(), output.as_deref()),
        Command::Templates { action: TemplatesAction::Export { dir } } => export(&dir),
        Command::Generate { input, prior, templates, output, force, pdf } => generate(&input, prior.as_deref(), templates.as_deref(), &output, force, pdf),
        Command::Batch { in_dir, output, prior_dir, templates, jobs, force, draft } => cmd_batch(in_dir, output, prior_dir, templates.as_deref(), jobs, force, draft),
        Command::Diff { old, new } => diff(&old, &new),
    };
    ExitCode::from(code)
}

/// Exit code: input could not be read.
const EXIT_UNREADABLE: u8 = 2;
/// Exit code: templates, writing or other failures.
const EXIT_OTHER: u8 = 3;

fn fail(e: &dyn std::error::Error, code: u8) -> u8 {
    eprintln!("错误：{}", cause_chain(e));
    code
}

fn print_out(text: &str) {
    use std::io::Write;
    // A closed pipe (`juesuan dump x | head`) is a quiet exit, not a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// Creates the folder of an output file (as `batch` does for OUT_DIR); a failure surfaces
/// when the file itself is written, with the file named.
fn ensure_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
}

/// Writes an output file atomically (creating its folder); on failure prints a Chinese
/// message naming the file and returns the exit code.
fn save(path: &Path, bytes: &[u8]) -> Result<(), u8> {
    ensure_parent(path);
    write::write_atomic(path, bytes).map_err(|e| {
        eprintln!("错误：无法写入 {}：{e}（请确认目录存在且可写）", path.display());
        EXIT_OTHER
    })
}

fn load(input: &Path, prior: Option<&Path>) -> Result<crate::model::Department, u8> {
    read::read_department(input, prior).map_err(|e| fail(&e, EXIT_UNREADABLE))
}

fn templates(dir: Option<&Path>) -> Result<Templates, u8> {
    let Some(dir) = dir else { return Ok(Templates::builtin()) };
    let t = Templates::with_overrides(dir).map_err(|e| fail(&e, EXIT_OTHER))?;
    for name in t.added() {
        eprintln!("警告：模板目录中的 {name} 不是内置模板的名称，不会被使用（文件名是否拼错？）");
    }
    Ok(t)
}

fn init(output: &Path) -> u8 {
    ensure_parent(output);
    match samples::write_blank_template(output) {
        Ok(()) => {
            println!("已写出空白模板：{}", output.display());
            0
        }
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

fn sample(output: &Path, count: Option<usize>, seed: u64) -> u8 {
    let written = match count {
        Some(n) => samples::write_corpus(output, n, seed),
        None => samples::write_bundled(output),
    };
    match written {
        Ok(paths) => {
            println!("已写出 {} 个样例到 {}", paths.len(), output.display());
            0
        }
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

fn dump(input: &Path, json: bool) -> u8 {
    match read::read_book(input) {
        Ok(book) if json => {
            print_out(&format!("{}\n", serde_json::to_string_pretty(&book).unwrap_or_default()));
            0
        }
        Ok(book) => {
            print_out(&read::dump(&book));
            0
        }
        Err(e) => fail(&e, EXIT_UNREADABLE),
    }
}

fn cmd_check(input: &Path, prior: Option<&Path>, format: Format) -> u8 {
    let dept = match load(input, prior) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let facts = derive::derive(&dept, &derive::DeriveOptions::default());
    let findings = pipeline::findings(&dept, &facts);
    match format {
        Format::Text => print_out(&check::render_text(&findings)),
        Format::Json => print_out(&format!("{}\n", check::render_json(&findings))),
    }
    check::exit_code(&findings)
}

fn rules() -> u8 {
    print_out(&check::rules_markdown());
    0
}

fn facts(input: &Path, prior: Option<&Path>, json: bool, threshold: Decimal) -> u8 {
    let dept = match load(input, prior) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let facts = derive::derive(&dept, &derive::DeriveOptions { change_threshold_pct: threshold });
    if json {
        match derive::to_json(&facts) {
            Ok(s) => print_out(&format!("{s}\n")),
            Err(e) => return fail(&e, EXIT_OTHER),
        }
    } else {
        print_out(&derive::render_text(&facts));
    }
    0
}

fn cmd_narrate(input: &Path, prior: Option<&Path>, dir: Option<&Path>, output: Option<&Path>) -> u8 {
    let (dept, templates) = match (load(input, prior), templates(dir)) {
        (Ok(d), Ok(t)) => (d, t),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let facts = derive::derive(&dept, &derive::DeriveOptions::default());
    let doc = match narrate::narrate_facts(&facts, &templates) {
        Ok(doc) => doc,
        Err(e) => return fail(&e, EXIT_OTHER),
    };
    let text = narrate::to_markdown(&doc);
    match output {
        Some(path) => match save(path, text.as_bytes()) {
            Ok(()) => {
                println!("已写出预览：{}", path.display());
                0
            }
            Err(code) => code,
        },
        None => {
            print_out(&text);
            0
        }
    }
}

fn export(dir: &Path) -> u8 {
    match narrate::export_templates(dir) {
        Ok(paths) => {
            println!("已导出 {} 个模板文件到 {}", paths.len(), dir.display());
            0
        }
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

/// The absolute form of a path that may not exist yet (its folder resolved when it exists).
fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (parent.canonicalize(), p.file_name()) {
        (Ok(d), Some(n)) => d.join(n),
        _ => p.to_path_buf(),
    }
}

/// An output must never replace an input: equal to an input file, or inside an input folder.
fn output_clash(output: &Path, inputs: &[&Path]) -> Option<String> {
    let out = resolved(output);
    inputs.iter().find_map(|i| {
        let inp = resolved(i);
        let clash = if inp.is_dir() { out.starts_with(&inp) } else { out == inp };
        clash.then(|| format!("错误：输出 {} 会覆盖或写入输入 {}，已停止（输入从不被改写）。请换一个输出路径。", output.display(), i.display()))
    })
}

fn generate(input: &Path, prior: Option<&Path>, dir: Option<&Path>, output: &Path, force: bool, pdf: bool) -> u8 {
    let inputs: Vec<&Path> = std::iter::once(input).chain(prior).collect();
    if let Some(msg) = output_clash(output, &inputs) {
        eprintln!("{msg}");
        return EXIT_UNREADABLE;
    }
    let (dept, templates) = match (load(input, prior), templates(dir)) {
        (Ok(d), Ok(t)) => (d, t),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let settings = Settings { force, ..Settings::default() };
    let report = match pipeline::build_report(&dept, &templates, &settings) {
        Ok(r) => r,
        Err(PipelineError::Refused(findings)) => {
            print_out(&check::render_text(&findings));
            eprintln!("错误：{}", PipelineError::Refused(findings));
            return 1;
        }
        Err(e) => return fail(&e, EXIT_OTHER),
    };
    if let Err(code) = save(output, &report.docx) {
        return code;
    }
    let tally = crate::findings::Tally::of(&report.findings);
    println!("已生成：{}{}", output.display(), if report.document.draft { "（草稿：附表存在错误）" } else { "" });
    println!("校验：错误 {} 个，警告 {} 个，提示 {} 个（详见 juesuan check）", tally.errors, tally.warnings, tally.infos);
    if pdf {
        let dir = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        match write::convert_to_pdf(output, dir) {
            Ok(p) => println!("已生成 PDF：{}", p.display()),
            Err(e) => return fail(&e, EXIT_OTHER),
        }
    }
    let marked = narrate::placeholder_locations(&report.document);
    if !marked.is_empty() {
        println!("以下 {} 处待补充内容已在报告中黄色高亮，发布前请补齐（填写说明材料后重新生成）：", marked.len());
        for (heading, text) in &marked {
            println!("  {heading}：{text}");
        }
    }
    0
}

fn cmd_batch(in_dir: PathBuf, output: PathBuf, prior_dir: Option<PathBuf>, dir: Option<&Path>, jobs: Option<usize>, force: bool, draft: bool) -> u8 {
    let templates = match templates(dir) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let settings = Settings { force: draft, ..Settings::default() };
    let opts = batch::BatchOptions {
        in_dir,
        out_dir: output,
        prior_dir,
        jobs: jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        force_all: force,
        salt: pipeline::salt(&templates, &settings),
        progress: true,
    };
    let processor = pipeline::BatchProcessor::new(templates, settings);
    match batch::run_batch(&opts, &processor) {
        Ok(report) => {
            print_out(&batch::render_summary(&report));
            println!("汇总表：{}", opts.out_dir.join("汇总.xlsx").display());
            u8::from(report.any_failed())
        }
        Err(e @ batch::BatchError::InDir { .. }) => fail(&e, EXIT_UNREADABLE),
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

fn facts_value(path: &Path) -> Result<serde_json::Value, u8> {
    if path.extension().is_some_and(|e| e == "json") {
        let unreadable = |e: &dyn std::fmt::Display| {
            eprintln!("错误：无法读取 facts 文件 {}：{e}（应为 juesuan facts --json 或批量生成的 .facts.json）", path.display());
            EXIT_UNREADABLE
        };
        let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
        return serde_json::from_slice(&bytes).map_err(|e| unreadable(&e));
    }
    let dept = load(path, None)?;
    let facts = derive::derive(&dept, &derive::DeriveOptions::default());
    serde_json::to_value(&facts).map_err(|e| fail(&e, EXIT_OTHER))
}

fn diff(old: &Path, new: &Path) -> u8 {
    let (a, b) = match (facts_value(old), facts_value(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let changes = batch::diff::diff_json(&a, &b);
    if changes.is_empty() {
        println!("无变化");
    } else {
        println!("共 {} 处变化：", changes.len());
        print_out(&batch::diff::render_changes(&changes));
    }
    0
}
