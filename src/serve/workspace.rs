//! The server's data folder: one folder per department, named by a slug.
//!
//! ```text
//! DATA/<slug>/state.json         名称、版本号、上传与填写历史、最近一次生成的摘要
//! DATA/<slug>/uploads/0001/…     every upload, kept as received (never modified)
//! DATA/<slug>/in/报表/…          the current upload's workbooks + 说明材料.xlsx (the answers)
//! DATA/<slug>/output/…           the batch engine's output (DOCX, facts, manifest, 汇总.xlsx)
//! ```
//!
//! `juesuan generate DATA/<slug>/in/报表 -o x.docx` makes the same bytes as the server. All
//! report logic is the pipeline's and the batch engine's; this module only moves files.

use crate::batch::{self, diff::FigureChange, DeptSummary};
use crate::narrate::Templates;
use crate::pipeline::{self, Settings};
use crate::write::write_atomic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The input folder's name inside `in/`.
pub const INPUT_FOLDER: &str = "报表";
/// The answers workbook's file name.
pub const ANSWERS_FILE: &str = "说明材料.xlsx";
/// An uploaded file that would clash with the answers workbook is stored under this name.
const UPLOADED_NOTES_FILE: &str = "上传的说明材料.xlsx";
/// Most files accepted in one .zip.
const ZIP_MAX_ENTRIES: usize = 500;

/// Errors of the workspace, in Chinese for the page.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// A file operation failed.
    #[error("{what}：{source}")]
    Io {
        /// What was being done.
        what: String,
        /// Cause.
        source: io::Error,
    },
    /// The upload is not usable.
    #[error("{0}")]
    Upload(String),
    /// An answer that cannot be saved (the page says why; HTTP 400).
    #[error("{0}")]
    Answer(String),
    /// A stale form.
    #[error("此页面已过期：本部门的填写已被另一窗口更新为第 {current} 版（你的表单是第 {yours} 版）。你的填写已记入历史但未采用，请刷新页面核对后再保存。")]
    Stale {
        /// Current revision.
        current: u64,
        /// The form's revision.
        yours: u64,
    },
    /// No such department.
    #[error("没有这个部门")]
    NotFound,
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> WorkspaceError {
    let what = what.into();
    move |source| WorkspaceError::Io { what, source }
}

/// One upload in a department's history.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Upload {
    /// 1, 2, …
    pub number: u32,
    /// Seconds since 1970.
    pub at: u64,
    /// File names as stored.
    pub files: Vec<String>,
    /// Figures that changed against the previous report.
    #[serde(default)]
    pub changes: Vec<FigureChange>,
}

/// One save of the answers form.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerSave {
    /// The revision the form was made from.
    pub from_revision: u64,
    /// Seconds since 1970.
    pub at: u64,
    /// The submitted values (label → text).
    pub answers: BTreeMap<String, String>,
    /// False when rejected as stale.
    pub applied: bool,
    /// Figures that changed by this save.
    #[serde(default)]
    pub changes: Vec<FigureChange>,
}

/// A department's state file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DeptState {
    /// 部门名称 as read.
    pub name: String,
    /// Incremented on every applied save and upload.
    pub revision: u64,
    /// Uploads, oldest first.
    pub uploads: Vec<Upload>,
    /// The answers in effect (label → text).
    pub answers: BTreeMap<String, String>,
    /// Every save, oldest first (also the rejected ones).
    pub saves: Vec<AnswerSave>,
    /// The last generation's summary row.
    pub last: Option<DeptSummary>,
    /// Seconds since 1970 of the last change.
    pub updated: u64,
}

/// What the bureau page shows of a department.
#[derive(Clone, Debug, Serialize)]
pub struct DeptRow {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// 未上传 / 有错误 / 待补充N处 / 已生成.
    pub state: String,
    /// CSS class of the state.
    pub class: &'static str,
    /// 错误 count.
    pub errors: usize,
    /// 警告 count.
    pub warnings: usize,
    /// 待补充 count.
    pub todo: usize,
    /// Last change, `YYYY-MM-DD HH:MM` UTC.
    pub updated: String,
    /// Report file present.
    pub has_report: bool,
}

impl DeptState {
    /// The state label and its class.
    pub fn status(&self) -> (String, &'static str) {
        match &self.last {
            _ if self.uploads.is_empty() => ("未上传".into(), "none"),
            None => ("未生成".into(), "none"),
            Some(s) if s.status == batch::Status::Failed || s.tally.errors > 0 => ("有错误".into(), "error"),
            Some(s) if !s.placeholders.is_empty() => (format!("待补充{}处", s.placeholders.len()), "todo"),
            Some(_) => ("已生成".into(), "done"),
        }
    }
}

/// The data folder.
pub struct Workspace {
    root: PathBuf,
    templates: Templates,
    settings: Settings,
}

/// A department slug: 16 lowercase hex digits of the SHA-256 of the department's match key.
pub fn slug_for(name: &str) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(batch::discover::match_key(name).as_bytes());
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// True for a well-formed slug (the only department id a request may carry).
pub fn valid_slug(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Seconds since 1970.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// `YYYY-MM-DD HH:MM` (UTC) of a Unix time.
pub fn format_time(t: u64) -> String {
    if t == 0 {
        return String::new();
    }
    let days = (t / 86_400) as i64;
    let (h, m) = ((t % 86_400) / 3600, (t % 3600) / 60);
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

/// A stored file name: the last path component only, characters outside a safe set replaced,
/// never empty, never hidden, at most 100 characters.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_control() || "<>:\"|?*\0".contains(c) { '_' } else { c })
        .take(100)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() { "上传文件".into() } else { cleaned }
}

/// One department's files as received: (stored name, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

impl Workspace {
    /// Opens (creating) a data folder.
    ///
    /// # Errors
    /// When the folder cannot be created.
    pub fn open(root: &Path) -> Result<Workspace, WorkspaceError> {
        fs::create_dir_all(root.join(".tmp")).map_err(io_err(format!("无法创建数据目录 {}", root.display())))?;
        Ok(Workspace { root: root.to_path_buf(), templates: Templates::builtin(), settings: Settings::default() })
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A department's folder (the slug must be valid).
    pub fn dir(&self, slug: &str) -> PathBuf {
        self.root.join(slug)
    }

    /// The input folder that the reader and `juesuan generate` read.
    pub fn input_dir(&self, slug: &str) -> PathBuf {
        self.dir(slug).join("in").join(INPUT_FOLDER)
    }

    /// Every department slug, sorted by name.
    pub fn slugs(&self) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(&self.root)
            .map(|rd| rd.filter_map(Result::ok).filter_map(|e| e.file_name().to_str().map(str::to_string)).filter(|s| valid_slug(s)).collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// A department's state.
    ///
    /// # Errors
    /// [`WorkspaceError::NotFound`] for an unknown slug.
    pub fn state(&self, slug: &str) -> Result<DeptState, WorkspaceError> {
        if !valid_slug(slug) {
            return Err(WorkspaceError::NotFound);
        }
        let bytes = fs::read(self.dir(slug).join("state.json")).map_err(|_| WorkspaceError::NotFound)?;
        serde_json::from_slice(&bytes).map_err(|e| WorkspaceError::Io { what: "部门状态文件损坏".into(), source: io::Error::other(e) })
    }

    fn save_state(&self, slug: &str, state: &DeptState) -> Result<(), WorkspaceError> {
        let json = serde_json::to_vec_pretty(state).unwrap_or_default();
        write_atomic(&self.dir(slug).join("state.json"), &json).map_err(io_err("无法写入部门状态"))
    }

    /// Rows of the bureau page, sorted by name.
    pub fn rows(&self) -> Vec<DeptRow> {
        let mut rows: Vec<DeptRow> = self.slugs().into_iter().filter_map(|slug| self.row(&slug)).collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        rows
    }

    /// The department's lock: the batch engine's OS lock on its output folder
    /// ([`batch::lock_output_dir`], waiting), so uploads, saves and generations of one
    /// department are serialised across threads and processes, and a `juesuan batch` on the
    /// same folder is refused while the server writes it (and the server waits for it).
    /// `create`: the department may be new (an upload); otherwise an unknown one is NotFound.
    fn lock(&self, slug: &str, create: bool) -> Result<batch::OutputLock, WorkspaceError> {
        if !create && !self.dir(slug).is_dir() {
            return Err(WorkspaceError::NotFound);
        }
        batch::lock_output_dir(&self.dir(slug).join("output"), true).map_err(|e| WorkspaceError::Io { what: "无法锁定输出目录".into(), source: io::Error::other(crate::narrate::error::cause_chain(&e)) })
    }

    /// The bureau page's row of one department (`None` without a readable state file).
    pub fn row(&self, slug: &str) -> Option<DeptRow> {
        let st = self.state(slug).ok()?;
        let (state, class) = st.status();
        let (errors, warnings, todo) = st.last.as_ref().map_or((0, 0, 0), |l| (l.tally.errors, l.tally.warnings, l.placeholders.len()));
        let has_report = st.last.as_ref().and_then(|l| l.report.as_ref()).is_some_and(|r| self.dir(slug).join("output").join(r).is_file());
        Some(DeptRow { name: st.name.clone(), state, class, errors, warnings, todo, updated: format_time(st.updated), has_report, slug: slug.to_string() })
    }

    /// The state file of a department (its stamp keys the bureau page's row cache).
    pub fn state_path(&self, slug: &str) -> PathBuf {
        self.dir(slug).join("state.json")
    }

    /// Splits an upload (one workbook, or a .zip of one department's folder or of many
    /// departments) into departments' file sets.
    ///
    /// # Errors
    /// An unsupported file or a broken/oversized .zip.
    pub fn split_upload(name: &str, bytes: Vec<u8>, max_total: u64) -> Result<Vec<Files>, WorkspaceError> {
        let name = safe_file_name(name);
        let lower = name.to_lowercase();
        if lower.ends_with(".zip") {
            return unzip(&bytes, max_total);
        }
        if !crate::read::is_workbook_file(Path::new(&name)) {
            return Err(WorkspaceError::Upload(format!("不支持的文件“{name}”：请上传 xlsx/xls/xlsm/ods 工作簿或 .zip 压缩包")));
        }
        Ok(vec![vec![(name, bytes)]])
    }

    /// Reads the department name of a file set (in a scratch folder).
    fn department_of(&self, files: &Files) -> Result<String, WorkspaceError> {
        let scratch = self.root.join(".tmp").join(random_hex(8));
        let dir = scratch.join(INPUT_FOLDER);
        let result = (|| {
            write_files(&dir, files)?;
            crate::read::read_book(&dir).map(|b| b.meta.department).map_err(|e| WorkspaceError::Upload(crate::narrate::error::cause_chain(&e)))
        })();
        let _ = fs::remove_dir_all(&scratch);
        result
    }

    /// Stores an upload of a new or known department (found by the name the reader reads), and
    /// generates its report. `only` restricts it to one department (a department's own link).
    ///
    /// # Errors
    /// Unreadable workbook (the reader's message), a department other than `only`, file errors.
    pub fn add_upload(&self, files: Files, only: Option<&str>) -> Result<String, WorkspaceError> {
        let name = self.department_of(&files)?;
        let slug = slug_for(&name);
        if only.is_some_and(|o| o != slug) {
            return Err(WorkspaceError::Upload(format!("上传的工作簿属于“{name}”，不是本部门的报表")));
        }
        let _guard = self.lock(&slug, true)?;
        let mut st = self.state(&slug).unwrap_or_default();
        st.name = name;
        let number = st.uploads.last().map_or(1, |u| u.number + 1);
        let dir = self.dir(&slug);
        let kept = dir.join("uploads").join(format!("{number:04}"));
        let files: Files = files.into_iter().map(|(n, b)| (if n == ANSWERS_FILE { UPLOADED_NOTES_FILE.to_string() } else { n }, b)).collect();
        write_files(&kept, &files)?;
        // The new input folder, built beside the old one and swapped in.
        let fresh = dir.join("in.new").join(INPUT_FOLDER);
        let _ = fs::remove_dir_all(dir.join("in.new"));
        write_files(&fresh, &files)?;
        let answers = self.input_dir(&slug).join(ANSWERS_FILE);
        if answers.is_file() {
            fs::copy(&answers, fresh.join(ANSWERS_FILE)).map_err(io_err("无法复制说明材料"))?;
        }
        let _ = fs::remove_dir_all(dir.join("in.old"));
        if dir.join("in").exists() {
            fs::rename(dir.join("in"), dir.join("in.old")).map_err(io_err("无法替换输入"))?;
        }
        fs::rename(dir.join("in.new"), dir.join("in")).map_err(io_err("无法替换输入"))?;
        let _ = fs::remove_dir_all(dir.join("in.old"));
        st.uploads.push(Upload { number, at: now(), files: files.iter().map(|(n, _)| n.clone()).collect(), changes: vec![] });
        st.revision += 1;
        st.updated = now();
        self.save_state(&slug, &st)?;
        drop(_guard);
        let row = self.generate(&slug)?;
        let mut st = self.state(&slug)?;
        if let Some(u) = st.uploads.last_mut() {
            u.changes = row.changes;
        }
        self.save_state(&slug, &st)?;
        Ok(slug)
    }

    /// Saves the answers form (label → value) made from `revision`, writes the answers
    /// workbook and regenerates. Empty values remove an answer.
    ///
    /// # Errors
    /// [`WorkspaceError::Stale`] when another save came first (the submission is kept in the
    /// history); file errors.
    pub fn save_answers(&self, slug: &str, revision: u64, submitted: BTreeMap<String, String>) -> Result<DeptSummary, WorkspaceError> {
        let guard = self.lock(slug, false)?;
        let mut st = self.state(slug)?;
        let mut save = AnswerSave { from_revision: revision, at: now(), answers: submitted.clone(), applied: false, changes: vec![] };
        if revision != st.revision {
            st.saves.push(save);
            self.save_state(slug, &st)?;
            return Err(WorkspaceError::Stale { current: st.revision, yours: revision });
        }
        for (label, value) in submitted {
            let value = value.trim().to_string();
            if value.is_empty() {
                st.answers.remove(&label);
            } else {
                st.answers.insert(label, value);
            }
        }
        let book = answers_workbook(&st.answers).map_err(|e| WorkspaceError::Io { what: "无法生成说明材料工作簿".into(), source: io::Error::other(e.to_string()) })?;
        self.check_still_readable(slug, &book)?;
        let path = self.input_dir(slug).join(ANSWERS_FILE);
        write_atomic(&path, &book).map_err(io_err(format!("无法写入 {}", path.display())))?;
        st.revision += 1;
        st.updated = now();
        save.applied = true;
        st.saves.push(save);
        self.save_state(slug, &st)?;
        drop(guard);
        let row = self.generate(slug)?;
        let mut st = self.state(slug)?;
        if let Some(s) = st.saves.last_mut() {
            s.changes = row.changes.clone();
        }
        self.save_state(slug, &st)?;
        Ok(row)
    }

    /// Refuses answers that would make a readable department unreadable (a 年度 or amount the
    /// reader refuses, a renamed department …): the stored files with `book` as the answers
    /// workbook are read in a scratch folder (hard links, else copies) first. A department that
    /// cannot be read already is not blocked from saving.
    fn check_still_readable(&self, slug: &str, book: &[u8]) -> Result<(), WorkspaceError> {
        let input = self.input_dir(slug);
        let Ok(before) = crate::read::read_book(&input) else { return Ok(()) };
        let scratch = self.dir(slug).join(".answers-check");
        let _ = fs::remove_dir_all(&scratch);
        let trial = (|| -> io::Result<Result<crate::model::Book, crate::read::ReadError>> {
            fs::create_dir_all(&scratch)?;
            for e in fs::read_dir(&input)? {
                let e = e?;
                if e.file_name() != ANSWERS_FILE && e.file_type()?.is_file() {
                    let to = scratch.join(e.file_name());
                    fs::hard_link(e.path(), &to).or_else(|_| fs::copy(e.path(), &to).map(|_| ()))?;
                }
            }
            fs::write(scratch.join(ANSWERS_FILE), book)?;
            Ok(crate::read::read_book(&scratch))
        })();
        let _ = fs::remove_dir_all(&scratch);
        let shown = |m: String| m.replace(&scratch.display().to_string(), &input.display().to_string());
        match trial.map_err(io_err("无法检查填写内容"))? {
            Ok(after) if after.meta.department != before.meta.department => Err(WorkspaceError::Answer(format!(
                "保存后部门名称会由“{}”变为“{}”，未保存。部门名称请在上传的工作簿中修改后重新上传。",
                before.meta.department, after.meta.department
            ))),
            Ok(_) => Ok(()),
            Err(e) => Err(WorkspaceError::Answer(format!("保存后本部门将无法读取，未保存：{}", shown(crate::narrate::error::cause_chain(&e))))),
        }
    }

    /// Regenerates one department with the batch engine (its manifest skips an unchanged
    /// input; failures are a row, never a panic) and records the summary row.
    ///
    /// # Errors
    /// Unknown department or an output folder that cannot be written.
    pub fn generate(&self, slug: &str) -> Result<DeptSummary, WorkspaceError> {
        let guard = self.lock(slug, false)?;
        let mut st = self.state(slug)?;
        let opts = batch::BatchOptions {
            in_dir: self.dir(slug).join("in"),
            out_dir: self.dir(slug).join("output"),
            prior_dir: None,
            jobs: 1,
            force_all: false,
            salt: pipeline::salt(&self.templates, &self.settings),
            progress: false,
        };
        // Worker processes when the server is the `juesuan` binary (an abort in one upload
        // never takes the server down), in-process in library tests.
        let processor = crate::worker::processor(self.templates.clone(), self.settings.clone());
        let report = batch::run_batch_locked(&opts, processor.as_ref(), &guard).map_err(|e| WorkspaceError::Io { what: "生成失败".into(), source: io::Error::other(crate::narrate::error::cause_chain(&e)) })?;
        let row = report.rows.into_iter().next().ok_or(WorkspaceError::NotFound)?;
        let mut kept = row.clone();
        if row.status == batch::Status::Unchanged {
            // The manifest's row has no changes; keep the previous generation's.
            kept.changes = st.last.as_ref().map(|l| l.changes.clone()).unwrap_or_default();
        }
        st.last = Some(kept);
        st.updated = now();
        self.save_state(slug, &st)?;
        Ok(row)
    }

    /// The current report's path, if generated.
    pub fn report_path(&self, slug: &str) -> Option<PathBuf> {
        let st = self.state(slug).ok()?;
        let p = self.dir(slug).join("output").join(st.last?.report?);
        p.is_file().then_some(p)
    }

    /// The files of upload `number` as a .zip.
    pub fn upload_zip(&self, slug: &str, number: u32) -> Option<Vec<u8>> {
        let st = self.state(slug).ok()?;
        let u = st.uploads.iter().find(|u| u.number == number)?;
        let dir = self.dir(slug).join("uploads").join(format!("{number:04}"));
        let files: Vec<(String, PathBuf)> = u.files.iter().map(|f| (f.clone(), dir.join(f))).collect();
        zip_files(&files).ok()
    }

    /// Every generated report as one .zip (`部门名称.docx` each).
    pub fn all_reports_zip(&self) -> io::Result<Vec<u8>> {
        let files: Vec<(String, PathBuf)> = self
            .slugs()
            .iter()
            .filter_map(|s| self.report_path(s))
            .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), p)))
            .collect();
        zip_files(&files)
    }

    /// 汇总.xlsx over all departments (the batch summary workbook).
    pub fn summary_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let rows = self.slugs().iter().filter_map(|s| self.state(s).ok()?.last).collect();
        batch::summary::summary_bytes(&batch::BatchReport { rows, ..Default::default() })
    }
}

/// Random hex from the operating system's generator.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    let ok = fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if !ok {
        // No /dev/urandom: mix time and address entropy through SHA-256 (still not guessable
        // remotely, but weaker; servers run on Linux).
        use sha2::Digest;
        let seed = format!("{:?}{:p}", std::time::SystemTime::now(), &buf);
        buf = sha2::Sha256::digest(seed.as_bytes()).iter().copied().cycle().take(bytes).collect();
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_files(dir: &Path, files: &Files) -> Result<(), WorkspaceError> {
    fs::create_dir_all(dir).map_err(io_err(format!("无法创建 {}", dir.display())))?;
    for (name, bytes) in files {
        let path = dir.join(safe_file_name(name));
        write_atomic(&path, bytes).map_err(io_err(format!("无法写入 {}", path.display())))?;
    }
    Ok(())
}

fn zip_files(files: &[(String, PathBuf)]) -> io::Result<Vec<u8>> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, path) in files {
        w.start_file(name.as_str(), opts).map_err(io::Error::other)?;
        w.write_all(&fs::read(path)?)?;
    }
    Ok(w.finish().map_err(io::Error::other)?.into_inner())
}

/// A .zip's workbooks grouped into departments: a top-level folder per department, or the
/// top-level files together as one department (a folder zipped from inside).
fn unzip(bytes: &[u8], max_total: u64) -> Result<Vec<Files>, WorkspaceError> {
    let bad = |e: &dyn std::fmt::Display| WorkspaceError::Upload(format!("无法读取压缩包：{e}"));
    let mut z = zip::ZipArchive::new(io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    if z.len() > ZIP_MAX_ENTRIES {
        return Err(WorkspaceError::Upload(format!("压缩包内文件过多（{} 个，最多 {ZIP_MAX_ENTRIES} 个）", z.len())));
    }
    let mut groups: BTreeMap<String, Files> = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| bad(&e))?;
        if f.is_dir() {
            continue;
        }
        let path = f.name().replace('\\', "/");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let Some(file) = parts.last() else { continue };
        if !crate::read::is_workbook_file(Path::new(file)) || parts.iter().any(|p| p.starts_with('.') || *p == "__MACOSX") {
            continue;
        }
        // Group by the folder right above the file (a zip of many departments' folders, or of
        // one folder; files at the top are one group).
        let group = if parts.len() >= 2 { parts[parts.len() - 2].to_string() } else { String::new() };
        let mut data = Vec::new();
        let limit = max_total.saturating_sub(total) + 1;
        (&mut f).take(limit).read_to_end(&mut data).map_err(|e| bad(&e))?;
        total += data.len() as u64;
        if total > max_total {
            return Err(WorkspaceError::Upload(format!("压缩包解压后超过 {} MB 的上限", max_total / 1_048_576)));
        }
        groups.entry(group).or_default().push((safe_file_name(file), data));
    }
    if groups.is_empty() {
        return Err(WorkspaceError::Upload("压缩包中没有 xlsx/xls/xlsm/ods 工作簿".into()));
    }
    Ok(groups.into_values().collect())
}

/// The answers as a 说明材料 workbook in `juesuan init`'s format (see [`super::answers::workbook`]:
/// 说明材料 labels, `预算数` rows and `项目绩效` cells).
///
/// # Errors
/// The workbook writer's.
pub fn answers_workbook(answers: &BTreeMap<String, String>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    super::answers::workbook(answers)
}
