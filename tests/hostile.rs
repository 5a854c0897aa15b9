//! Hostile inputs and faults (issue 11), generated at test time from the bundled samples:
//! a stray cell at XFD1048576 (alone and inside a batch of good departments), a formula
//! without its cached value, control characters in the department name, a zip bomb in the
//! shared strings, a text file and a FIFO named .xlsx. Exit codes and messages are asserted;
//! peak memory where `/usr/bin/time` can measure it.

mod common;

use common::*;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// Rewrites every part of a zip through `f(name, bytes)`.
fn rewrite(zip_bytes: &[u8], f: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        drop(e);
        let data = f(&name, data);
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sample workbook with `snippet` added at the end of its first worksheet's sheetData.
fn with_cells(snippet: &str) -> Vec<u8> {
    let bytes = std::fs::read(root().join(S01)).unwrap();
    let done = std::cell::Cell::new(false);
    let out = rewrite(&bytes, |name, data| {
        if !done.get() && name.starts_with("xl/worksheets/sheet") {
            done.set(true);
            String::from_utf8(data).unwrap().replacen("</sheetData>", &format!("{snippet}</sheetData>"), 1).into_bytes()
        } else {
            data
        }
    });
    assert!(done.get());
    out
}

/// Peak RSS (KB) of `juesuan args…` via GNU time, when installed.
fn peak_kb(args: &[&std::ffi::OsStr]) -> Option<u64> {
    if !Path::new("/usr/bin/time").exists() {
        return None;
    }
    let out = std::process::Command::new("/usr/bin/time").arg("-v").arg(env!("CARGO_BIN_EXE_juesuan")).args(args).current_dir(root()).output().ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines().find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): ")).and_then(|v| v.trim().parse().ok())
}

#[test]
fn finding1_cell_at_xfd1048576_is_refused_with_bounded_memory() {
    let dir = TempDir::new("xfd");
    let f = dir.join("远端单元格.xlsx");
    let bytes = with_cells(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    assert!(bytes.len() < 64 * 1024, "small file: {} bytes", bytes.len());
    std::fs::write(&f, bytes).unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("文件过大或已损坏") && r.stderr.contains("远端单元格.xlsx › 公开01表") && r.stderr.contains("XFD1048576"), "{r:?}");
    if let Some(kb) = peak_kb(&["dump".as_ref(), f.as_os_str()]) {
        assert!(kb < 500 * 1024, "peak {kb} KB");
    }
    // An empty formatted cell out there is harmless (nothing to read).
    std::fs::write(&f, with_cells(r#"<row r="1048576"><c r="XFD1048576" s="0"/></row>"#)).unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
}

#[test]
fn finding1_batch_survives_the_xfd_file() {
    let dir = TempDir::new("xfd-batch");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in [S01, S02, S03] {
        copy_input(&root().join(rel), &input.join(Path::new(rel).file_name().unwrap()));
    }
    std::fs::write(input.join("04_远端单元格.xlsx"), with_cells(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)).unwrap();
    let out = dir.join("out");
    let r = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "2".as_ref()]);
    assert_eq!(r.code, 1, "{r:?}");
    for name in ["中共青溪区委办公室.docx", "中共临川市委办公厅.docx", "青溪区农业技术服务中心.docx", "汇总.xlsx"] {
        assert!(out.join(name).is_file(), "{name} missing: {r:?}");
    }
    let rows = sheet_rows(&out.join("汇总.xlsx"), None);
    assert!(rows.iter().flatten().any(|c| c.contains("文件过大或已损坏")), "{rows:?}");
}

#[test]
fn finding3_formula_without_cached_value_is_a_located_error() {
    let dir = TempDir::new("formula");
    let f = dir.join("公式.xlsx");
    std::fs::write(&f, with_cells(r#"<row r="900"><c r="B900"><f>SUM(B1:B3)</f></c></row>"#)).unwrap();
    let r = juesuan(&["generate".as_ref(), f.as_os_str(), "-o".as_ref(), dir.join("r.docx").as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("公式.xlsx › 公开01表!B900") && r.stderr.contains("请在 Excel/WPS 中打开并保存后再试"), "{r:?}");
    assert!(!dir.join("r.docx").exists());
    // A formula with its cached value reads as that value.
    std::fs::write(&f, with_cells(r#"<row r="900"><c r="B900"><f>1+1</f><v>2</v></c></row>"#)).unwrap();
    assert_eq!(juesuan(&["dump".as_ref(), f.as_os_str()]).code, 0);
}

#[test]
fn finding2_control_characters_are_removed_with_a_warning_and_the_report_parses() {
    let dir = TempDir::new("ctl");
    let f = dir.join("控制字符.xlsx");
    let bytes = std::fs::read(root().join(S01)).unwrap();
    let name = "中共青溪区委办公室";
    let bytes = rewrite(&bytes, |_, d| String::from_utf8(d).unwrap().replace(name, "中共_x0001_青溪&#11;区委办公室").into_bytes());
    std::fs::write(&f, bytes).unwrap();
    let docx = dir.join("r.docx");
    let r = juesuan(&["generate".as_ref(), f.as_os_str(), "-o".as_ref(), docx.as_os_str()]);
    assert_eq!(r.code, 0, "{r:?}");
    let r = juesuan(&["check".as_ref(), f.as_os_str()]);
    assert!(r.stdout.contains("TEXT-CONTROL-CHARS") && r.stdout.contains("控制字符.xlsx › 公开01表!A3"), "{r:?}");
    let out = std::fs::read(&docx).unwrap();
    for part in zip_names(&out).into_iter().filter(|n| n.ends_with(".xml") || n.ends_with(".rels")) {
        let text = zip_text(&out, &part);
        assert!(!text.chars().any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)), "{part}");
        let mut rd = quick_xml::Reader::from_str(&text);
        loop {
            match rd.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{part}: {e}"),
            }
        }
    }
    assert!(zip_text(&out, "word/document.xml").contains(name));
}

#[test]
fn finding1_shared_strings_bomb_is_refused() {
    let dir = TempDir::new("bomb");
    let f = dir.join("炸弹.xlsx");
    let bytes = std::fs::read(root().join(S01)).unwrap();
    let pad = " ".repeat(40 << 20);
    let bytes = rewrite(&bytes, |name, d| {
        if name.ends_with("sharedStrings.xml") {
            String::from_utf8(d).unwrap().replacen("</sst>", &format!("<!--{pad}--></sst>"), 1).into_bytes()
        } else {
            d
        }
    });
    assert!(bytes.len() < 1 << 20);
    std::fs::write(&f, bytes).unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("文件过大或已损坏") && r.stderr.contains("sharedStrings.xml"), "{r:?}");
    // A declared count calamine would reserve for.
    let bytes = std::fs::read(root().join(S01)).unwrap();
    let bytes = rewrite(&bytes, |name, d| {
        if name.ends_with("sharedStrings.xml") {
            let s = String::from_utf8(d).unwrap();
            let at = s.find("uniqueCount=\"").unwrap() + 13;
            let end = at + s[at..].find('"').unwrap();
            format!("{}999999999999{}", &s[..at], &s[end..]).into_bytes()
        } else {
            d
        }
    });
    std::fs::write(&f, bytes).unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("共享字符串表声明的条目数"), "{r:?}");
}

#[test]
fn finding5_messages_say_what_the_thing_is() {
    let dir = TempDir::new("what");
    let f = dir.join("网页.xlsx");
    std::fs::write(&f, "<html><body>不是表格</body></html>").unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("网页.xlsx") && r.stderr.contains("不是工作簿"), "{r:?}");
    let fifo = dir.join("管道.xlsx");
    if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let r = juesuan(&["dump".as_ref(), fifo.as_os_str()]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("不是普通文件"), "{r:?}");
    }
    // An xlsx named .xls.
    let f = dir.join("改名.xls");
    std::fs::copy(root().join(S01), &f).unwrap();
    let r = juesuan(&["dump".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("扩展名却是 .xls"), "{r:?}");
}

#[test]
fn finding5_output_never_replaces_an_input() {
    let dir = TempDir::new("clash");
    let f = dir.join("本部门.xlsx");
    std::fs::copy(root().join(S01), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let r = juesuan(&["generate".as_ref(), f.as_os_str(), "-o".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("会覆盖或写入输入"), "{r:?}");
    assert_eq!(std::fs::read(&f).unwrap(), before, "input unchanged");
    // Inside an input folder.
    let folder = dir.join("部门");
    copy_input(&root().join(S03), &folder);
    let r = juesuan(&["generate".as_ref(), folder.as_os_str(), "-o".as_ref(), folder.join("报告.docx").as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!folder.join("报告.docx").exists());
}

/// Finding 1, worker isolation: every department of a batch runs in a `juesuan __worker`
/// process with an address-space limit (JUESUAN_WORKER_MEMORY_MB). A real workbook whose
/// reading needs more than the limit — 54 MB of cell text inflated from a 110 KB file, under
/// the reader's 64 MB text limit — aborts its worker; the batch still writes every good
/// report, 汇总.xlsx and the manifest, names the department's failure and exits 1.
#[test]
fn finding1_worker_abort_out_of_memory_is_one_department_failure() {
    let dir = TempDir::new("worker-oom");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in [S01, S02, S03] {
        copy_input(&root().join(rel), &input.join(Path::new(rel).file_name().unwrap()));
    }
    let text = "长".repeat(30_000);
    let rows: String = (0..600).map(|k| format!(r#"<row r="{r}"><c r="Z{r}" t="inlineStr"><is><t>{text}</t></is></c></row>"#, r = 9000 + k)).collect();
    std::fs::write(input.join("04_大段文字.xlsx"), with_cells(&rows)).unwrap();
    let out = dir.join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "2".as_ref()])
        .env("JUESUAN_WORKER_MEMORY_MB", "48")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert_eq!(run.status.code(), Some(1), "{stdout}\n{stderr}");
    for name in ["中共青溪区委办公室.docx", "中共临川市委办公厅.docx", "青溪区农业技术服务中心.docx", "汇总.xlsx", ".juesuan-manifest.json"] {
        assert!(out.join(name).is_file(), "{name} missing: {stdout}\n{stderr}");
    }
    assert!(stdout.contains("共 4 个部门：已生成 3，未变化 0，失败 1"), "{stdout}");
    assert!(stdout.contains("失败：04_大段文字.xlsx") && stdout.contains("内存用量超过每个部门的上限 48 MB"), "{stdout}");
    let rows = sheet_rows(&out.join("汇总.xlsx"), None);
    assert!(rows.iter().flatten().any(|c| c.contains("工作进程") && c.contains("内存用量超过")), "{rows:?}");
    // With the default limit the same workbook is read (its text is within the reader's limits).
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan")).args(["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]).output().unwrap();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(!stdout.contains("内存用量超过"), "{stdout}");
}

/// Starts `juesuan batch IN -o OUT` and waits (up to 20 s) until it holds OUT's lock.
fn start_batch_holding_lock(input: &Path, out: &Path) -> std::process::Child {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "1".as_ref()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lock = out.join(".juesuan-lock");
    let t = std::time::Instant::now();
    loop {
        if let Ok(f) = std::fs::File::open(&lock) {
            if matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)) {
                return child;
            }
        }
        assert!(t.elapsed() < std::time::Duration::from_secs(20), "the first batch never took the lock");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A folder of `n` copies of sample 01 (a batch that runs for a few seconds).
fn many_departments(dir: &TempDir, n: usize) -> std::path::PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        std::fs::copy(root().join(S01), input.join(format!("{i:02}_副本.xlsx"))).unwrap();
    }
    input
}

/// Finding 4: two `juesuan batch` processes on one output folder. The second exits 2 at once
/// with `另一个批量任务正在写入 OUT_DIR` naming the folder and writes nothing; the first
/// completes every report; a rerun afterwards finds them all unchanged.
#[test]
fn finding4_second_batch_on_the_same_folder_exits_2() {
    let dir = TempDir::new("two-batches");
    let input = many_departments(&dir, 24);
    let out = dir.join("out");
    let mut first = start_batch_holding_lock(&input, &out);
    let second = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(second.code, 2, "{second:?}");
    assert!(second.stderr.contains("另一个批量任务正在写入 OUT_DIR") && second.stderr.contains(&out.display().to_string()), "{second:?}");
    assert!(first.wait().unwrap().success());
    let again = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stdout.contains("共 24 个部门：已生成 0，未变化 24，失败 0"), "{again:?}");
}

/// Finding 4: a batch killed with SIGKILL leaves its lock file behind, but the OS lock died
/// with it: the next batch runs (no stale-lock message) and completes every report.
#[test]
fn finding4_lock_of_a_killed_batch_does_not_block() {
    let dir = TempDir::new("stale-lock");
    let input = many_departments(&dir, 24);
    let out = dir.join("out");
    let mut first = start_batch_holding_lock(&input, &out);
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(out.join(".juesuan-lock").is_file());
    let next = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(next.code, 0, "{next:?}");
    assert!(next.stdout.contains("共 24 个部门："), "{next:?}");
    assert!(next.stdout.contains("失败 0"), "{next:?}");
}

/// Files left in OUT_DIR's temp folder (none after any run, failed or not).
fn temp_files(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.join(".juesuan-tmp")).map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default()
}

/// Finding 5: a report that cannot be moved into place (here a folder already has its name,
/// which fails even for root) is that department's 失败 — the progress line never says 已生成
/// for it — the others arrive, and no temp file stays behind.
#[test]
fn finding5_failed_rename_is_failure_not_generated_and_leaves_no_temp_files() {
    let dir = TempDir::new("rename-fault");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in [S01, S02] {
        copy_input(&root().join(rel), &input.join(Path::new(rel).file_name().unwrap()));
    }
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("中共临川市委办公厅.docx")).unwrap();
    let r = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--jobs".as_ref(), "2".as_ref()]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stderr.contains("失败 中共临川市委办公厅") && !r.stderr.contains("已生成 中共临川市委办公厅"), "{r:?}");
    assert!(r.stderr.contains("已生成 中共青溪区委办公室"), "{r:?}");
    assert!(r.stdout.contains("已生成 1，未变化 0，失败 1") && r.stdout.contains("无法写入"), "{r:?}");
    assert!(out.join("中共青溪区委办公室.docx").is_file() && out.join("汇总.xlsx").is_file());
    assert_eq!(temp_files(&out), Vec::<String>::new());
}

/// Finding 5 / fault test: a read-only output folder holding a previous good run. The batch
/// runs as an unprivileged user (`setpriv`; root ignores permissions), exits non-zero naming
/// the folder, claims nothing as 已生成, and every previous report is untouched. Skipped with
/// a message when setpriv cannot drop privileges; under CI=true that is a failure.
#[test]
fn fault_read_only_output_folder_keeps_the_previous_reports() {
    let dir = TempDir::new("read-only");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in [S01, S02] {
        copy_input(&root().join(rel), &input.join(Path::new(rel).file_name().unwrap()));
    }
    let out = dir.join("out");
    let first = juesuan(&["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(first.code, 0, "{first:?}");
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&out).unwrap().filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    // Everyone may read and traverse; only root may write (the unprivileged child may not).
    use std::os::unix::fs::PermissionsExt;
    for p in [dir.path(), input.as_path(), out.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let probe = std::process::Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        assert!(std::env::var("CI").is_err(), "CI: setpriv cannot run the child as an unprivileged user, the read-only fault test cannot run");
        eprintln!("跳过：setpriv 无法以非特权用户运行子进程（CI=true 时此测试失败）");
        return;
    }
    let run = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_juesuan"))
        .args(["batch".as_ref(), input.as_os_str(), "-o".as_ref(), out.as_os_str(), "--force".as_ref()])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert_ne!(run.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stderr.contains("无法写入输出目录") && stderr.contains(&out.display().to_string()), "{stdout}\n{stderr}");
    assert!(!stdout.contains("已生成") && !stderr.contains("已生成"), "{stdout}\n{stderr}");
    for (p, bytes) in before {
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{} changed", p.display());
    }
    assert_eq!(temp_files(&out), Vec::<String>::new());
}

/// Finding 5: terminal escape sequences in names and cell text reach the terminal escaped
/// (`\u{1b}`), never raw — here in the file name an error message quotes.
#[test]
fn finding5_escape_sequences_are_printed_escaped() {
    let dir = TempDir::new("escape");
    let f = dir.join("坏\u{1b}[2J\u{9b}31m.xlsx");
    std::fs::write(&f, "not a workbook").unwrap();
    let r = juesuan(&["check".as_ref(), f.as_os_str()]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(!r.all().contains('\u{1b}') && !r.all().contains('\u{9b}'), "{r:?}");
    assert!(r.stderr.contains("坏\\u{1b}[2J\\u{9b}31m.xlsx"), "{r:?}");
}

/// The sample workbook with the first decimal amount of its first worksheet replaced by `v`.
fn with_first_amount(v: &str) -> Vec<u8> {
    let bytes = std::fs::read(root().join(S01)).unwrap();
    let done = std::cell::Cell::new(false);
    let out = rewrite(&bytes, |name, data| {
        if done.get() || !name.starts_with("xl/worksheets/sheet") {
            return data;
        }
        let xml = String::from_utf8(data).unwrap();
        let mut from = 0;
        while let Some(i) = xml[from..].find("<v>").map(|i| from + i + 3) {
            let j = i + xml[i..].find("</v>").unwrap();
            if xml[i..j].contains('.') && xml[i..j].parse::<f64>().is_ok() {
                done.set(true);
                return format!("{}{v}{}", &xml[..i], &xml[j..]).into_bytes();
            }
            from = j;
        }
        xml.into_bytes()
    });
    assert!(done.get());
    out
}

#[test]
fn finding5_huge_or_nan_amounts_are_named_in_the_message() {
    let dir = TempDir::new("huge");
    let f = dir.join("大数.xlsx");
    for (v, shown) in [("1e29", "却是“1e29（超出金额范围"), ("NaN", "却是“NaN（不是数字）”")] {
        std::fs::write(&f, with_first_amount(v)).unwrap();
        let r = juesuan(&["check".as_ref(), f.as_os_str()]);
        assert_eq!(r.code, 2, "{v}: {r:?}");
        assert!(r.stderr.contains("大数.xlsx › ") && r.stderr.contains(shown), "{v}: {r:?}");
    }
}
