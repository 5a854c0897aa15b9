//! The command line: clap definitions and one small function per subcommand.
//!
//! Each command reads its input, calls the pipeline stages, prints, and returns an exit code:
//! 0 success; 1 check 错误 / refused / a batch department failed; 2 input unreadable;
//! 3 template, write or other errors. Errors are printed with their whole cause chain.

/// `println!` that ends quietly on a closed stdout (`juesuan generate … | head`): a broken
/// pipe is the reader's choice, not an error, and must never panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

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
        /// 输出目录（不给则为 ./samples；其中已有文件时须明确写 -o samples 才会覆盖）
        #[arg(short, long)]
        output: Option<PathBuf>,
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
        /// 逐表说明读取情况：工作表、标题、单位、表头行、每个金额列的含义、跳过的行及原因
        #[arg(long)]
        explain: bool,
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
        /// 定稿：仍有待补充内容或校验错误时拒绝生成（退出码1）
        #[arg(long = "final")]
        final_: bool,
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
    /// 启动网页服务（财政局与各部门在浏览器中上传、补充说明材料、下载报告）
    Serve {
        /// 监听地址（非本机地址必须同时给出 --token-file）
        #[arg(long, default_value = "127.0.0.1:8800")]
        addr: String,
        /// 数据目录（每个部门一个文件夹）
        #[arg(long, default_value = "juesuan-data")]
        data: PathBuf,
        /// 管理员令牌文件（不存在时生成新令牌并打印一次）
        #[arg(long)]
        token_file: Option<PathBuf>,
        /// 单次上传大小上限（MB）
        #[arg(long, default_value_t = 50)]
        max_upload_mb: usize,
        /// 启动前导入此目录中的全部部门（工作簿或文件夹，同 batch；与上次导入相同者跳过），如 --import samples
        #[arg(long)]
        import: Option<PathBuf>,
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
        /// 覆盖目录中已修改过的模板
        #[arg(long)]
        force: bool,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Init { output } => init(&output),
        Command::Sample { output, count, seed } => sample(output.as_deref(), count, seed),
        Command::Dump { input, json, explain } => dump(&input, json, explain),
        Command::Check { input, prior, format } => cmd_check(&input, prior.as_deref(), format),
        Command::Rules => rules(),
        Command::Facts { input, prior, json, threshold } => facts(&input, prior.as_deref(), json, threshold),
        Command::Narrate { input, prior, templates, output } => cmd_narrate(&input, prior.as_deref(), templates.as_deref(), output.as_deref()),
        Command::Templates { action: TemplatesAction::Export { dir, force } } => export(&dir, force),
        Command::Generate { input, prior, templates, output, force, pdf, final_ } => generate(&input, prior.as_deref(), templates.as_deref(), &output, Finish { force, pdf, final_ }),
        Command::Batch { in_dir, output, prior_dir, templates, jobs, force, draft } => cmd_batch(in_dir, output, prior_dir, templates.as_deref(), jobs, force, draft),
        Command::Diff { old, new } => diff(&old, &new),
        Command::Serve { addr, data, token_file, max_upload_mb, import } => {
            if let Some(dir) = import {
                match crate::serve::import(&data, &dir) {
                    Ok(lines) => lines.iter().for_each(|l| say!("{l}")),
                    Err(e) => {
                        eprintln!("错误：{e}");
                        return ExitCode::from(EXIT_OTHER);
                    }
                }
            }
            let opts = crate::serve::ServeOptions { addr, data, token_file, max_upload: max_upload_mb.saturating_mul(1024 * 1024) };
            crate::serve::run(&opts).map_or_else(|e| fail(&e, EXIT_OTHER), |()| 0)
        }
    };
    ExitCode::from(code)
}

/// Exit code: input could not be read.
const EXIT_UNREADABLE: u8 = 2;
/// Exit code: templates, writing or other failures.
const EXIT_OTHER: u8 = 3;

fn fail(e: &dyn std::error::Error, code: u8) -> u8 {
    // Cell text and file names in a message never reach the terminal as escape sequences.
    eprintln!("错误：{}", crate::findings::printable(&cause_chain(e)));
    code
}

fn print_out(text: &str) {
    use std::io::Write;
    // A closed pipe (`juesuan dump x | head`) is a quiet exit, not a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// Text for the terminal (not JSON, which serde escapes itself): control characters from
/// cells escaped ([`crate::findings::printable`]).
fn print_text(text: &str) {
    print_out(&crate::findings::printable(text));
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
    read::read_department(input, prior).map_err(|e| {
        let code = fail(&e, EXIT_UNREADABLE);
        let several = departments_in(input);
        if several.len() > 1 {
            let shown: Vec<&str> = several.iter().take(5).map(String::as_str).collect();
            let more = if several.len() > shown.len() { "等" } else { "" };
            eprintln!(
                "提示：{} 中有 {} 个部门的输入（{}{more}）；本命令一次处理一个部门，整个目录请用 juesuan batch {} -o 输出目录",
                input.display(), several.len(), shown.join("、"), input.display()
            );
        }
        code
    })
}

/// The departments of a folder that failed to read as one department: its entries (batch
/// discovery) that read as a complete department on their own, by file name.
fn departments_in(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let entries = batch::discover::discover(dir).unwrap_or_default();
    entries
        .iter()
        .filter(|p| read::read_book(p).is_ok())
        .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect()
}

fn templates(dir: Option<&Path>) -> Result<Templates, u8> {
    let Some(dir) = dir else { return Ok(Templates::builtin()) };
    if !dir.is_dir() {
        eprintln!("错误：模板目录 {} 不存在或不是目录（--templates 应指向 juesuan templates export 导出的目录）", dir.display());
        return Err(EXIT_OTHER);
    }
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
            say!("已写出空白模板：{}", output.display());
            0
        }
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

fn sample(output: Option<&Path>, count: Option<usize>, seed: u64) -> u8 {
    // Without -o the target is ./samples — in a clone, the committed samples: never replaced
    // unless asked for by name.
    let default = Path::new("samples");
    let output = match output {
        Some(o) => o,
        None if std::fs::read_dir(default).is_ok_and(|mut d| d.next().is_some()) => {
            eprintln!("错误：目录 samples 已存在且不为空，未写出样例（避免覆盖其中的文件）。如确要重新写出内置样例，请明确指定：juesuan sample -o samples；或用 -o 指定其他目录");
            return 1;
        }
        None => default,
    };
    let written = match count {
        Some(n) => samples::write_corpus(output, n, seed),
        None => samples::write_bundled(output),
    };
    match written {
        Ok(paths) => {
            say!("已写出 {} 个样例到 {}", paths.len(), output.display());
            0
        }
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

fn dump(input: &Path, json: bool, explain: bool) -> u8 {
    match read::read_explained(input) {
        Ok((_, readings)) if explain => {
            print_text(&read::explain(&readings));
            0
        }
        Ok((book, _)) if json => {
            print_out(&format!("{}\n", serde_json::to_string_pretty(&book).unwrap_or_default()));
            0
        }
        Ok((book, _)) => {
            print_text(&read::dump(&book));
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
        Format::Text => print_text(&check::render_text(&findings)),
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
        print_text(&derive::render_text(&facts));
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
                say!("已写出预览：{}", path.display());
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

fn export(dir: &Path, force: bool) -> u8 {
    let edited = narrate::edited_exports(dir);
    if !edited.is_empty() && !force {
        eprintln!("错误：{} 中有 {} 个文件与内置模板不同（已修改过）：{}；未导出任何文件。如确要用内置模板覆盖，请加 --force", dir.display(), edited.len(), edited.join("、"));
        return 1;
    }
    match narrate::export_templates(dir) {
        Ok(paths) => {
            let templates = paths.iter().filter(|p| !p.ends_with(narrate::templates::GUIDE.0)).count();
            say!("已导出 {templates} 个模板到 {}（另附编写说明 {}）", dir.display(), narrate::templates::GUIDE.0);
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

/// How `generate` finishes a report: `--force`, `--pdf`, `--final`.
#[derive(Clone, Copy)]
struct Finish {
    force: bool,
    pdf: bool,
    final_: bool,
}

/// Why `--final` refuses a report: placeholders left or check 错误 (`None`: it may be published).
fn final_refusal(placeholders: usize, errors: usize) -> Option<String> {
    (placeholders > 0 || errors > 0).then(|| format!("定稿（--final）要求报告没有待补充内容和校验错误：仍有 {placeholders} 处待补充、{errors} 个错误，未生成报告（原有输出未改动）；补齐说明材料、更正附表后重新生成"))
}

fn generate(input: &Path, prior: Option<&Path>, dir: Option<&Path>, output: &Path, finish: Finish) -> u8 {
    let Finish { force, pdf, final_ } = finish;
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
            print_text(&check::render_text(&findings));
            eprintln!("错误：{}", PipelineError::Refused(findings));
            return 1;
        }
        Err(e) => return fail(&e, EXIT_OTHER),
    };
    let errors = report.findings.iter().filter(|f| f.severity == crate::findings::Severity::Error).count();
    if let Some(msg) = final_refusal(report.placeholders.len(), errors).filter(|_| final_) {
        for text in &report.placeholders {
            say!("  待补充：{text}");
        }
        eprintln!("错误：{msg}");
        return 1;
    }
    if let Err(code) = save(output, &report.docx) {
        return code;
    }
    let tally = crate::findings::Tally::of(&report.findings);
    let draft = if report.document.draft { format!("（{}）", draft_reason(&report.findings)) } else { String::new() };
    say!("已生成：{}{draft}", output.display());
    say!("校验：{}（详见 juesuan check）", tally.line());
    if pdf {
        match pdf_with_toc_pages(&report.document, &dept.book, output) {
            Ok(p) => say!("已生成 PDF：{}（目录页码按该 PDF 的排版填入 DOCX）", p.display()),
            Err(e) => return fail(&e, EXIT_OTHER),
        }
    } else {
        say!("目录页码由 Word/WPS 打开文档时更新域填入（或右键目录“更新域”）；使用 --pdf 时按 LibreOffice 排版直接填入。");
    }
    // One line per distinct placeholder (the 待补充 count above), with the headings it sits under.
    let marked = narrate::placeholder_locations(&report.document);
    if !report.placeholders.is_empty() {
        say!("以下 {} 处待补充内容已在报告中黄色高亮，发布前请补齐（填写说明材料后重新生成）：", report.placeholders.len());
        for text in &report.placeholders {
            let mut headings: Vec<&str> = Vec::new();
            for (h, _) in marked.iter().filter(|(_, t)| t == text) {
                if !headings.contains(&h.as_str()) {
                    headings.push(h);
                }
            }
            say!("  {}：{text}", headings.join("、"));
        }
    }
    0
}

/// Why a `--force` report is a 草稿, naming the problem: a prior-year problem is not an error
/// in the tables (附表); otherwise the rules that failed.
fn draft_reason(findings: &[crate::findings::Finding]) -> String {
    let errors: Vec<&crate::findings::Finding> = findings.iter().filter(|f| f.severity == crate::findings::Severity::Error).collect();
    if !errors.is_empty() && errors.iter().all(|f| f.rule.starts_with("PRIOR-")) {
        return format!("草稿：上年决算表有误——{}", errors[0].message);
    }
    let mut rules: Vec<&str> = Vec::new();
    for f in &errors {
        if !rules.contains(&f.rule.as_str()) {
            rules.push(&f.rule);
        }
    }
    format!("草稿：校验发现 {} 个错误（{}）", errors.len(), rules.join("、"))
}

/// `--pdf`: renders the report once in LibreOffice with a PAGEREF-only 目录 (LibreOffice
/// computes those page numbers), reads the numbers from that PDF, saves the DOCX again with a
/// TOC field caching them, and keeps that same render as the PDF (same pages).
fn pdf_with_toc_pages(doc: &crate::doc::Document, book: &crate::model::Book, output: &Path) -> Result<std::path::PathBuf, write::WriteError> {
    let dir = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let stem = output.file_stem().map_or_else(|| "report".into(), |s| s.to_os_string());
    let tmp = std::env::temp_dir().join(format!("juesuan-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| write::WriteError::Pdf(format!("无法创建临时目录 {}：{e}", tmp.display())))?;
    let result = (|| {
        let measure = tmp.join(&stem).with_extension("docx");
        let bytes = write::render_docx_with(doc, book, &write::TocMode::PagerefOnly)?;
        std::fs::write(&measure, bytes).map_err(|e| write::WriteError::Pdf(format!("{}：{e}", measure.display())))?;
        let rendered = write::convert_to_pdf(&measure, &tmp)?;
        match write::pdf::toc_pages(&rendered, &write::toc_entries(doc)) {
            Some(pages) => {
                let docx = write::render_docx_with(doc, book, &write::TocMode::Field(Some(pages)))?;
                write::write_atomic(output, &docx).map_err(|e| write::WriteError::Pdf(format!("无法写入 {}：{e}", output.display())))?;
            }
            None => eprintln!("警告：未能从 PDF 读出目录页码（需要 pdftotext），DOCX 目录页码留待 Word/WPS 更新域填入"),
        }
        let target = dir.join(&stem).with_extension("pdf");
        let pdf = std::fs::read(&rendered).map_err(|e| write::WriteError::Pdf(format!("{}：{e}", rendered.display())))?;
        write::write_atomic(&target, &pdf).map_err(|e| write::WriteError::Pdf(format!("无法写入 {}：{e}", target.display())))?;
        Ok(target)
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn cmd_batch(in_dir: PathBuf, output: PathBuf, prior_dir: Option<PathBuf>, dir: Option<&Path>, jobs: Option<usize>, force: bool, draft: bool) -> u8 {
    if let Some(p) = prior_dir.as_deref().filter(|p| !p.is_dir()) {
        let what = if p.exists() { "不是目录" } else { "不存在" };
        eprintln!("错误：--prior-dir {} {what}：请检查上年决算表目录的路径（不带 --prior-dir 则不作同比比较）", p.display());
        return EXIT_UNREADABLE;
    }
    if let Some(p) = prior_dir.as_deref().filter(|p| same_folder(p, &in_dir)) {
        eprintln!("错误：--prior-dir {} 与输入目录相同：每个部门都会被当作自己的上年决算表。请把上年决算表放在单独的目录中，再用 --prior-dir 指定该目录", p.display());
        return EXIT_UNREADABLE;
    }
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
    let processor = crate::worker::processor(templates, settings);
    match batch::run_batch(&opts, processor.as_ref()) {
        Ok(report) => {
            print_text(&batch::render_summary(&report));
            say!("汇总表：{}", opts.out_dir.join("汇总.xlsx").display());
            u8::from(report.any_failed())
        }
        Err(e @ (batch::BatchError::InDir { .. } | batch::BatchError::Busy { .. } | batch::BatchError::Overlap(_))) => fail(&e, EXIT_UNREADABLE),
        Err(e) => fail(&e, EXIT_OTHER),
    }
}

/// True when two paths name the same folder (after resolving `.`/`..` and links).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
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
        say!("无变化");
    } else {
        say!("共 {} 处变化：", changes.len());
        print_text(&batch::diff::render_changes(&changes));
    }
    0
}
