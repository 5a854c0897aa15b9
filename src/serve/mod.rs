//! `juesuan serve`: the finance office's web page, one more front end on [`crate::pipeline`]
//! and [`crate::batch`] (handlers only parse, authorise and render; the report logic stays in
//! the pipeline, the file layout in [`workspace`]).
//!
//! ```text
//! GET  /                       bureau page (admin)          POST /upload?name=F     workbook/.zip (raw body)
//! POST /generate               全部生成 (background)         GET  /progress          JSON progress
//! GET  /progress/stream        the same as server-sent events (text/event-stream), until done
//! GET  /download/all.zip       every report                 GET  /download/summary.xlsx  汇总.xlsx
//! GET  /d/{slug}               department page              POST /d/{slug}/answers  save 说明材料 form
//! POST /d/{slug}/upload?name=F upload into this department  POST /d/{slug}/generate regenerate
//! GET  /d/{slug}/report.docx   DOCX  (/report.pdf where LibreOffice is installed)
//! GET  /d/{slug}/upload/{n}    upload n as .zip             GET  /assets/app.js, /assets/app.css
//! ```
//!
//! Access: on a loopback address everything is open. Any other address needs `--token-file`
//! (the admin token; generated and printed once when the file does not exist); each
//! department's link carries `<slug>-<sha256(secret, slug)>`, which opens only that
//! department. Tokens arrive as `?token=` once and are then kept in an HttpOnly cookie. Every
//! POST carries a CSRF token derived from the server secret and the caller.

pub mod answers;
pub mod cache;
pub mod html;
pub mod workspace;

use crate::batch::diff::FigureChange;
use crate::findings::Severity;
use crate::narrate;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use sha2::Digest;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use workspace::{valid_slug, Workspace, WorkspaceError};

/// Options of `juesuan serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to bind.
    pub addr: String,
    /// Data folder.
    pub data: PathBuf,
    /// Admin token file (required off loopback; created with a new token when missing).
    pub token_file: Option<PathBuf>,
    /// Largest upload accepted, bytes.
    pub max_upload: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { addr: "127.0.0.1:8800".into(), data: PathBuf::from("juesuan-data"), token_file: None, max_upload: 50 * 1024 * 1024 }
    }
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Bad address.
    #[error("无法解析监听地址“{0}”（应为 IP:端口，如 127.0.0.1:8800）")]
    Addr(String),
    /// Non-loopback without access control.
    #[error("拒绝启动：{0} 不是本机回环地址，局域网访问必须启用访问控制。请加上 --token-file 文件路径（文件不存在时会生成管理员令牌并打印一次）")]
    NoAccessControl(String),
    /// Token file problems.
    #[error("令牌文件 {path}：{reason}")]
    TokenFile {
        /// File.
        path: String,
        /// Why.
        reason: String,
    },
    /// Binding or runtime failure.
    #[error("无法监听 {addr}：{source}")]
    Bind {
        /// Address.
        addr: String,
        /// Cause.
        source: std::io::Error,
    },
    /// Data folder.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// A running server (for tests and `serve`).
pub struct Running {
    /// The bound address.
    pub addr: SocketAddr,
    /// The admin token when access control is on.
    pub admin_token: Option<String>,
    /// True when the admin token was generated now (print it once).
    pub token_generated: bool,
    /// The server thread.
    pub thread: std::thread::JoinHandle<()>,
    secret: String,
}

impl Running {
    /// A department's link token (only meaningful with access control on).
    pub fn department_token(&self, slug: &str) -> String {
        dept_token(&self.secret, slug)
    }
}

struct Progress {
    running: bool,
    done: usize,
    total: usize,
    current: String,
    failed: usize,
}

struct App {
    ws: Workspace,
    tera: tera::Tera,
    admin_token: Option<String>,
    secret: String,
    max_upload: usize,
    progress: Mutex<Progress>,
    views: cache::ViewCache,
    rows: cache::RowCache,
}

/// Who is asking.
#[derive(Clone, Debug, PartialEq)]
enum Access {
    Admin,
    Dept(String),
}

const COOKIE: &str = "juesuan_token";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn dept_token(secret: &str, slug: &str) -> String {
    format!("{slug}-{}", hex(&sha2::Sha256::digest(format!("dept|{secret}|{slug}").as_bytes())))
}

fn eq_const(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Binds and starts the server on a background thread.
///
/// # Errors
/// See [`ServeError`]: a non-loopback address without `token_file` refuses to start.
pub fn spawn(opts: &ServeOptions) -> Result<Running, ServeError> {
    let addr: SocketAddr = opts.addr.parse().map_err(|_| ServeError::Addr(opts.addr.clone()))?;
    let (admin_token, token_generated) = match (&opts.token_file, addr.ip().is_loopback()) {
        (Some(file), _) => load_or_create_token(file)?,
        (None, true) => (None, false),
        (None, false) => return Err(ServeError::NoAccessControl(opts.addr.clone())),
    };
    let ws = Workspace::open(&opts.data)?;
    let secret_path = opts.data.join(".secret");
    let secret = match std::fs::read_to_string(&secret_path) {
        Ok(s) if s.trim().len() >= 32 => s.trim().to_string(),
        _ => {
            let s = workspace::random_hex(32);
            crate::write::write_atomic(&secret_path, s.as_bytes()).map_err(|e| ServeError::Bind { addr: secret_path.display().to_string(), source: e })?;
            s
        }
    };
    let listener = std::net::TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr: opts.addr.clone(), source })?;
    let bound = listener.local_addr().map_err(|source| ServeError::Bind { addr: opts.addr.clone(), source })?;
    listener.set_nonblocking(true).map_err(|source| ServeError::Bind { addr: opts.addr.clone(), source })?;
    let app = Arc::new(App {
        ws,
        tera: pages(),
        admin_token: admin_token.clone(),
        secret: secret.clone(),
        max_upload: opts.max_upload,
        progress: Mutex::new(Progress { running: false, done: 0, total: 0, current: String::new(), failed: 0 }),
        views: cache::ViewCache::default(),
        rows: cache::RowCache::default(),
    });
    let router = router(app, opts.max_upload);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| ServeError::Bind { addr: opts.addr.clone(), source })?;
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => {
                    if let Err(e) = axum::serve(l, router).await {
                        eprintln!("错误：服务器停止：{e}");
                    }
                }
                Err(e) => eprintln!("错误：无法监听：{e}"),
            }
        });
    });
    Ok(Running { addr: bound, admin_token, token_generated, thread, secret })
}

fn load_or_create_token(file: &std::path::Path) -> Result<(Option<String>, bool), ServeError> {
    let err = |reason: String| ServeError::TokenFile { path: file.display().to_string(), reason };
    match std::fs::read_to_string(file) {
        Ok(s) => {
            let t = s.trim().to_string();
            if t.len() < 20 {
                return Err(err("令牌过短（至少 20 个字符）".into()));
            }
            Ok((Some(t), false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let t = workspace::random_hex(24);
            crate::write::write_atomic(file, format!("{t}\n").as_bytes()).map_err(|e| err(format!("无法写入：{e}")))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600));
            }
            Ok((Some(t), true))
        }
        Err(e) => Err(err(format!("无法读取：{e}"))),
    }
}

/// `juesuan serve --import DIR`: stores every department found in `DIR` (workbooks and
/// folders, as `juesuan batch` finds them) into the data folder as an upload would, and
/// generates each; a department whose last upload has the same files is skipped, so serving
/// again with the same `--import` adds nothing. One department's failure is reported and the
/// others go on. Returns one line per department.
///
/// # Errors
/// When `DIR` cannot be listed or the data folder cannot be opened.
pub fn import(data: &std::path::Path, dir: &std::path::Path) -> Result<Vec<String>, String> {
    let ws = Workspace::open(data).map_err(|e| e.to_string())?;
    let inputs = crate::batch::discover::discover(dir).map_err(|e| format!("无法列出 {}：{e}", dir.display()))?;
    let mut lines = Vec::new();
    // One input per department: where a folder holds two years of one department (as
    // samples/ holds 03 and its 上年 folder), the latest year is imported.
    let keyed: Vec<(PathBuf, Option<(String, String)>)> = inputs.into_iter().map(|p| {
        let key = crate::read::read_book(&p).ok().map(|b| (workspace::slug_for(&b.meta.department), b.meta.year.to_string()));
        (p, key)
    }).collect();
    let latest = |slug: &str| keyed.iter().filter_map(|(_, k)| k.as_ref()).filter(|(s, _)| s == slug).map(|(_, y)| y.clone()).max();
    let mut inputs = Vec::new();
    for (p, key) in &keyed {
        match key {
            Some((slug, year)) if latest(slug).is_some_and(|l| &l > year) => lines.push(format!("跳过 {}（同一部门的较早年度 {year}）", p.display())),
            _ => inputs.push(p.clone()),
        }
    }
    for input in inputs {
        let paths: Vec<PathBuf> = if input.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&input).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| crate::read::is_workbook_file(p)).collect()).unwrap_or_default();
            v.sort();
            v
        } else {
            vec![input.clone()]
        };
        let files: Result<workspace::Files, String> = paths
            .iter()
            .map(|p| Ok((p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), std::fs::read(p).map_err(|e| format!("{}：{e}", p.display()))?)))
            .collect();
        let shown = input.display();
        let files = match files {
            Ok(f) => f,
            Err(e) => {
                lines.push(format!("失败 {shown}：{e}"));
                continue;
            }
        };
        let same = crate::read::read_book(&input).ok().map(|b| workspace::slug_for(&b.meta.department)).and_then(|slug| {
            let st = ws.state(&slug).ok()?;
            let last = st.uploads.last()?;
            let kept = ws.dir(&slug).join("uploads").join(format!("{:04}", last.number));
            // Compared by content (an imported 说明材料.xlsx is stored under another name).
            let mut stored: Vec<Vec<u8>> = last.files.iter().filter_map(|f| std::fs::read(kept.join(f)).ok()).collect();
            let mut given: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
            stored.sort();
            given.sort();
            (stored == given).then_some(slug)
        });
        match same {
            Some(slug) => lines.push(format!("未变化 {shown}（/d/{slug}）")),
            None => match ws.add_upload(files, None) {
                Ok(slug) => lines.push(format!("已导入 {shown}（/d/{slug}）")),
                Err(e) => lines.push(format!("失败 {shown}：{e}")),
            },
        }
    }
    Ok(lines)
}

/// Runs `juesuan serve` in the foreground (prints the address and the token once).
///
/// # Errors
/// As [`spawn`].
pub fn run(opts: &ServeOptions) -> Result<(), ServeError> {
    let running = spawn(opts)?;
    println!("juesuan serve：http://{}/  （数据目录：{}）", running.addr, opts.data.display());
    match &running.admin_token {
        Some(t) if running.token_generated => {
            println!("管理员令牌（只显示这一次，已保存到令牌文件）：{t}");
            println!("财政局登录链接：http://{}/?token={t}", running.addr);
        }
        Some(_) => println!("访问控制已启用：管理员令牌见令牌文件；各部门链接在财政局页面上"),
        None => println!("本机访问（回环地址），无需登录。按 Ctrl+C 停止。"),
    }
    running.thread.join().map_err(|_| ServeError::Addr("服务器线程异常退出".into()))
}

fn router(app: Arc<App>, max_upload: usize) -> Router {
    Router::new()
        .route("/", get(bureau_page))
        .route("/assets/app.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("assets/app.js")) }))
        .route("/assets/app.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("assets/app.css")) }))
        .route("/upload", post(upload))
        .route("/generate", post(generate_all))
        .route("/progress", get(progress))
        .route("/progress/stream", get(progress_stream))
        .route("/download/all.zip", get(download_all))
        .route("/download/summary.xlsx", get(download_summary))
        .route("/d/{slug}", get(dept_page))
        .route("/d/{slug}/answers", post(save_answers))
        .route("/d/{slug}/upload", post(dept_upload))
        .route("/d/{slug}/generate", post(dept_generate))
        .route("/d/{slug}/report.docx", get(download_docx))
        .route("/d/{slug}/report.pdf", get(download_pdf))
        .route("/d/{slug}/upload/{n}", get(download_upload))
        .layer(DefaultBodyLimit::max(max_upload))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(app)
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, "content-security-policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "no-referrer");
    set(h, "cache-control", "no-store");
    res
}

// ───────────────────────────── access ─────────────────────────────

fn token_of(headers: &HeaderMap, query: &HashMap<String, String>) -> Option<String> {
    if let Some(t) = query.get("token") {
        return Some(t.clone());
    }
    let cookies = headers.get_all(header::COOKIE);
    for c in cookies.iter().filter_map(|v| v.to_str().ok()) {
        for part in c.split(';') {
            if let Some(v) = part.trim().strip_prefix(&format!("{COOKIE}=")) {
                return Some(v.to_string());
            }
        }
    }
    None
}

impl App {
    fn access(&self, headers: &HeaderMap, query: &HashMap<String, String>) -> Option<Access> {
        let Some(admin) = &self.admin_token else { return Some(Access::Admin) };
        let t = token_of(headers, query)?;
        if eq_const(&t, admin) {
            return Some(Access::Admin);
        }
        let slug = t.split('-').next()?;
        (valid_slug(slug) && eq_const(&t, &dept_token(&self.secret, slug))).then(|| Access::Dept(slug.to_string()))
    }
    fn csrf(&self, who: &Access) -> String {
        let principal = match who {
            Access::Admin => "admin".to_string(),
            Access::Dept(s) => s.clone(),
        };
        hex(&sha2::Sha256::digest(format!("csrf|{}|{principal}", self.secret).as_bytes()))[..32].to_string()
    }
    fn check_csrf(&self, who: &Access, headers: &HeaderMap, form: Option<&str>) -> Result<(), Response> {
        let given = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).or(form).unwrap_or("");
        if eq_const(given, &self.csrf(who)) { Ok(()) } else { Err(message(StatusCode::FORBIDDEN, "请求被拒绝：缺少或错误的表单令牌（CSRF）。请刷新页面后重试。")) }
    }
}

fn message(code: StatusCode, text: &str) -> Response {
    let body = format!("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/assets/app.css\"><title>juesuan</title></head><body><main><p class=\"msg\">{}</p><p><a href=\"javascript:history.back()\">返回</a></p></main></body></html>", html::esc(text));
    (code, Html(body)).into_response()
}

fn denied() -> Response {
    message(StatusCode::FORBIDDEN, "无权访问：请使用财政局分发的链接（含访问令牌）打开。")
}

/// Sets the token cookie when the token came in the query string.
fn with_cookie(mut res: Response, query: &HashMap<String, String>) -> Response {
    if let Some(t) = query.get("token").filter(|t| t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        if let Ok(v) = HeaderValue::from_str(&format!("{COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict")) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

fn dept_access(app: &App, headers: &HeaderMap, query: &HashMap<String, String>, slug: &str) -> Result<Access, Response> {
    if !valid_slug(slug) {
        return Err(message(StatusCode::NOT_FOUND, "没有这个部门"));
    }
    match app.access(headers, query) {
        Some(Access::Admin) => Ok(Access::Admin),
        Some(Access::Dept(s)) if s == slug => Ok(Access::Dept(s)),
        _ => Err(denied()),
    }
}

type Q = Query<HashMap<String, String>>;
type S = State<Arc<App>>;

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

fn ws_error(e: &WorkspaceError) -> Response {
    let code = match e {
        WorkspaceError::Upload(_) | WorkspaceError::Answer(_) => StatusCode::BAD_REQUEST,
        WorkspaceError::Stale { .. } => StatusCode::CONFLICT,
        WorkspaceError::NotFound => StatusCode::NOT_FOUND,
        WorkspaceError::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    };
    message(code, &e.to_string())
}

// ───────────────────────────── pages ─────────────────────────────

fn pages() -> tera::Tera {
    let mut t = tera::Tera::default();
    // Built-in pages: a parse failure is a programming error caught by every HTTP test.
    t.add_raw_templates([
        ("base.html", include_str!("pages/base.html")),
        ("bureau.html", include_str!("pages/bureau.html")),
        ("dept.html", include_str!("pages/dept.html")),
    ])
    .unwrap_or_else(|e| panic!("内置网页模板有误：{}", narrate::error::cause_chain(&e)));
    t
}

fn render(app: &App, name: &str, ctx: &tera::Context) -> Response {
    match app.tera.render(name, ctx) {
        Ok(s) => Html(s).into_response(),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, &format!("页面生成失败：{}", narrate::error::cause_chain(&e))),
    }
}

#[derive(Serialize)]
struct RowView {
    #[serde(flatten)]
    row: workspace::DeptRow,
    link: String,
}

/// The bureau page's context (also used by the benchmark).
fn bureau_context(app: &App) -> tera::Context {
    // Rows from the row cache (a state file is parsed again only when it changed).
    let mut rows: Vec<workspace::DeptRow> = app.ws.slugs().into_iter().filter_map(|slug| app.rows.get_or_build(&slug, &app.ws.state_path(&slug), || app.ws.row(&slug))).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let rows: Vec<RowView> = rows
        .into_iter()
        .map(|row| {
            let link = match app.admin_token {
                Some(_) => format!("/d/{}?token={}", row.slug, dept_token(&app.secret, &row.slug)),
                None => format!("/d/{}", row.slug),
            };
            RowView { row, link }
        })
        .collect();
    let mut ctx = tera::Context::new();
    let count = |c: &str| rows.iter().filter(|r| r.row.class == c).count();
    ctx.insert("summary", &[("未上传/未生成", count("none")), ("有错误", count("error")), ("待补充", count("todo")), ("已生成", count("done"))]);
    ctx.insert("rows", &rows);
    ctx.insert("csrf", &app.csrf(&Access::Admin));
    ctx.insert("tokens", &app.admin_token.is_some());
    ctx.insert("max_mb", &(app.max_upload / 1_048_576));
    ctx
}

async fn bureau_page(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    if app.access(&headers, &q) != Some(Access::Admin) {
        return match app.access(&headers, &q) {
            Some(Access::Dept(s)) => axum::response::Redirect::to(&format!("/d/{s}")).into_response(),
            _ => denied(),
        };
    }
    let a = app.clone();
    let res = blocking(move || {
        let ctx = bureau_context(&a);
        render(&a, "bureau.html", &ctx)
    })
    .await;
    with_cookie(res, &q)
}

#[derive(Serialize)]
struct FindingView {
    severity: String,
    class: &'static str,
    rule: String,
    message: String,
    locations: Vec<String>,
}

fn finding_view(f: &crate::findings::Finding) -> FindingView {
    let class = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let locations = f
        .locations
        .iter()
        .map(|l| {
            let mut s = match &l.at {
                Some(at) => format!("{} › {}!{}", file_name(&at.file), at.sheet, at.a1()),
                None => String::new(),
            };
            if !s.is_empty() {
                s.push_str("：");
            }
            s.push_str(&l.label);
            if let Some(v) = l.value {
                s.push_str(&format!(" = {}", v.normalize()));
            }
            s
        })
        .collect();
    FindingView { severity: f.severity.label().into(), class, rule: f.rule.clone(), message: f.message.clone(), locations }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Everything the department page shows, built by the pipeline (no report logic here).
fn dept_context(app: &App, slug: &str, who: &Access) -> Result<tera::Context, WorkspaceError> {
    let st = app.ws.state(slug)?;
    let mut ctx = tera::Context::new();
    let (state, class) = st.status();
    ctx.insert("slug", slug);
    ctx.insert("name", &st.name);
    ctx.insert("state", &state);
    ctx.insert("state_class", class);
    ctx.insert("revision", &st.revision);
    ctx.insert("csrf", &app.csrf(who));
    ctx.insert("admin", &(*who == Access::Admin));
    ctx.insert("max_mb", &(app.max_upload / 1_048_576));
    ctx.insert("has_report", &app.ws.report_path(slug).is_some());
    ctx.insert("has_pdf", &crate::write::pdf::find_soffice().is_some());
    ctx.insert("todo", &st.last.as_ref().map_or(0, |l| l.placeholders.len()));
    let last_error = st.last.as_ref().and_then(|l| l.error.clone());
    ctx.insert("error", &last_error);
    let changes: Vec<String> = st.last.as_ref().map(|l| change_lines(&l.changes)).unwrap_or_default();
    ctx.insert("changes", &changes);
    ctx.insert("changes_count", &st.last.as_ref().map_or(0, |l| l.changes.len()));
    let uploads: Vec<serde_json::Value> = st
        .uploads
        .iter()
        .rev()
        .map(|u| serde_json::json!({"number": u.number, "at": workspace::format_time(u.at), "files": u.files.join("、"), "count": u.changes.len(), "changes": change_lines(&u.changes)}))
        .collect();
    ctx.insert("uploads", &uploads);
    let saves: Vec<serde_json::Value> = st
        .saves
        .iter()
        .rev()
        .take(20)
        .map(|s| serde_json::json!({"at": workspace::format_time(s.at), "from": s.from_revision, "applied": s.applied, "answers": s.answers.iter().map(|(k, v)| format!("{k}：{v}")).collect::<Vec<_>>(), "changes": s.changes.len()}))
        .collect();
    ctx.insert("saves", &saves);
    // The report as the pipeline builds it from the stored input (the same Document the DOCX
    // is written from; with 错误 it is shown as the 草稿 `--force` would write), cached until
    // the stored files change.
    let view = dept_view(app, slug);
    let (doc_html, findings, placeholders, read_error) = (&view.doc_html, &view.findings, &view.placeholders, &view.read_error);
    ctx.insert("read_error", &read_error);
    ctx.insert("document", &doc_html);
    let groups: Vec<(String, Vec<FindingView>)> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s.label().to_string(), findings.iter().filter(|f| f.severity == s).map(finding_view).collect::<Vec<_>>()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("placeholders", placeholders);
    ctx.insert("fields", &answers::fields(placeholders, findings, &st.answers));
    Ok(ctx)
}

/// The pipeline's result for the department page (see [`cache`]).
fn dept_view(app: &App, slug: &str) -> Arc<cache::View> {
    let input = app.ws.input_dir(slug);
    app.views.get_or_build(slug, &input, || {
        let failed = |e: String| cache::View { doc_html: String::new(), findings: vec![], placeholders: vec![], read_error: Some(e) };
        match crate::read::read_department(&input, None) {
            Ok(dept) => {
                let settings = crate::pipeline::Settings { force: true, ..Default::default() };
                match crate::pipeline::build_report(&dept, &crate::narrate::Templates::builtin(), &settings) {
                    Ok(r) => cache::View { doc_html: html::document_html(&r.document, &r.placeholders), findings: r.findings, placeholders: r.placeholders, read_error: None },
                    Err(e) => failed(narrate::error::cause_chain(&e)),
                }
            }
            Err(e) => failed(narrate::error::cause_chain(&e)),
        }
    })
}

/// Most changed figures listed on the page per list (the rest are counted).
const CHANGES_SHOWN: usize = 200;

fn change_lines(changes: &[FigureChange]) -> Vec<String> {
    let mut v: Vec<String> = changes.iter().take(CHANGES_SHOWN).map(change_line).collect();
    if changes.len() > CHANGES_SHOWN {
        v.push(format!("……另有 {} 处（完整列表：下载两次上传，用 juesuan diff 比较）", changes.len() - CHANGES_SHOWN));
    }
    v
}

fn change_line(c: &FigureChange) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".into());
    format!("{}：{} → {}", c.path, show(&c.old), show(&c.new))
}

async fn dept_page(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>) -> Response {
    let who = match dept_access(&app, &headers, &q, &slug) {
        Ok(w) => w,
        Err(r) => return r,
    };
    let a = app.clone();
    let res = blocking(move || match dept_context(&a, &slug, &who) {
        Ok(mut ctx) => {
            if let Some(m) = q.get("msg") {
                ctx.insert("msg", m);
            }
            with_cookie(render(&a, "dept.html", &ctx), &q)
        }
        Err(e) => ws_error(&e),
    })
    .await;
    res
}

// ───────────────────────────── actions ─────────────────────────────

#[derive(Serialize)]
struct UploadResult {
    ok: bool,
    departments: Vec<String>,
    errors: Vec<String>,
}

fn do_upload(app: &App, name: &str, body: Bytes, only: Option<&str>) -> Response {
    let groups = match Workspace::split_upload(name, body.to_vec(), (app.max_upload as u64).saturating_mul(4)) {
        Ok(g) => g,
        Err(e) => return (StatusCode::BAD_REQUEST, json(UploadResult { ok: false, departments: vec![], errors: vec![e.to_string()] })).into_response(),
    };
    let mut result = UploadResult { ok: true, departments: vec![], errors: vec![] };
    for files in groups {
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        match app.ws.add_upload(files, only) {
            Ok(slug) => {
                app.views.invalidate(&slug);
                result.departments.push(slug);
            }
            Err(e) => {
                result.ok = false;
                result.errors.push(format!("{}：{e}", names.join("、")));
            }
        }
    }
    let code = if result.departments.is_empty() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    (code, json(result)).into_response()
}

async fn upload(State(app): S, headers: HeaderMap, Query(q): Q, body: Bytes) -> Response {
    let Some(who) = app.access(&headers, &q) else { return denied() };
    if let Err(r) = app.check_csrf(&who, &headers, None) {
        return r;
    }
    let only = match &who {
        Access::Admin => None,
        Access::Dept(s) => Some(s.clone()),
    };
    let name = q.get("name").cloned().unwrap_or_default();
    blocking(move || do_upload(&app, &name, body, only.as_deref())).await
}

async fn dept_upload(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>, body: Bytes) -> Response {
    let who = match dept_access(&app, &headers, &q, &slug) {
        Ok(w) => w,
        Err(r) => return r,
    };
    if let Err(r) = app.check_csrf(&who, &headers, None) {
        return r;
    }
    let name = q.get("name").cloned().unwrap_or_default();
    blocking(move || do_upload(&app, &name, body, Some(&slug))).await
}

fn form_value<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

async fn save_answers(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>, form: axum::Form<Vec<(String, String)>>) -> Response {
    let who = match dept_access(&app, &headers, &q, &slug) {
        Ok(w) => w,
        Err(r) => return r,
    };
    let form = form.0;
    if let Err(r) = app.check_csrf(&who, &headers, form_value(&form, "csrf")) {
        return r;
    }
    let Some(revision) = form_value(&form, "revision").and_then(|r| r.parse::<u64>().ok()) else {
        return message(StatusCode::BAD_REQUEST, "表单缺少版本号，请刷新页面后重试");
    };
    // Only the fields this department's page offers, each value checked (see [`answers::accept`]).
    let (a, s) = (app.clone(), slug.clone());
    let offered = blocking(move || {
        let st = a.ws.state(&s)?;
        let view = dept_view(&a, &s);
        Ok::<_, WorkspaceError>(answers::offered(&view.placeholders, &view.findings, &st.answers))
    })
    .await;
    let answers = match offered.map(|offered| answers::accept(&form, &offered)) {
        Ok(Ok(answers)) => answers,
        Ok(Err(m)) => return message(StatusCode::BAD_REQUEST, &m),
        Err(e) => return ws_error(&e),
    };
    let a = app.clone();
    let s = slug.clone();
    match blocking(move || a.ws.save_answers(&s, revision, answers)).await {
        Ok(row) => {
            app.views.invalidate(&slug);
            let msg = format!("已保存并重新生成：待补充 {} 处，{} 处数字/文字变化", row.placeholders.len(), row.changes.len());
            axum::response::Redirect::to(&format!("/d/{slug}?msg={}", url_encode(&msg))).into_response()
        }
        Err(e) => ws_error(&e),
    }
}

/// A JSON response (axum's `json` feature is left off: serde_json is already here).
fn json<T: Serialize>(value: T) -> Response {
    let body = serde_json::to_string(&value).unwrap_or_else(|_| "null".into());
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

fn url_encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn dept_generate(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>, form: axum::Form<Vec<(String, String)>>) -> Response {
    let who = match dept_access(&app, &headers, &q, &slug) {
        Ok(w) => w,
        Err(r) => return r,
    };
    if let Err(r) = app.check_csrf(&who, &headers, form_value(&form.0, "csrf")) {
        return r;
    }
    let a = app.clone();
    let s = slug.clone();
    match blocking(move || a.ws.generate(&s)).await {
        Ok(row) => axum::response::Redirect::to(&format!("/d/{slug}?msg={}", url_encode(&format!("已重新生成（{}）", row.status.label())))).into_response(),
        Err(e) => ws_error(&e),
    }
}

async fn generate_all(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    if app.access(&headers, &q) != Some(Access::Admin) {
        return denied();
    }
    if let Err(r) = app.check_csrf(&Access::Admin, &headers, None) {
        return r;
    }
    let slugs = app.ws.slugs();
    {
        let mut p = app.progress.lock().unwrap_or_else(|e| e.into_inner());
        if p.running {
            return (StatusCode::ACCEPTED, "已在生成中").into_response();
        }
        *p = Progress { running: true, done: 0, total: slugs.len(), current: String::new(), failed: 0 };
    }
    let a = app.clone();
    tokio::task::spawn_blocking(move || {
        for slug in slugs {
            let name = a.ws.state(&slug).map(|s| s.name).unwrap_or_default();
            a.progress.lock().unwrap_or_else(|e| e.into_inner()).current = name;
            let ok = a.ws.generate(&slug).is_ok_and(|r| r.status != crate::batch::Status::Failed);
            let mut p = a.progress.lock().unwrap_or_else(|e| e.into_inner());
            p.done += 1;
            p.failed += usize::from(!ok);
        }
        a.progress.lock().unwrap_or_else(|e| e.into_inner()).running = false;
    });
    (StatusCode::ACCEPTED, "已开始生成").into_response()
}

/// The progress as JSON text, and whether 全部生成 is still running.
fn progress_json(app: &App) -> (String, bool) {
    let p = app.progress.lock().unwrap_or_else(|e| e.into_inner());
    (serde_json::json!({"running": p.running, "done": p.done, "total": p.total, "current": p.current, "failed": p.failed}).to_string(), p.running)
}

async fn progress(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    if app.access(&headers, &q) != Some(Access::Admin) {
        return denied();
    }
    let (body, _) = progress_json(&app);
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
}

/// 全部生成's progress as server-sent events: one `progress` event (the `/progress` JSON) each
/// time it changes, checked every 200 ms; the stream ends after the event that says it is no
/// longer running (at once when nothing runs). The page falls back to polling `/progress`
/// where EventSource is missing or the stream breaks.
async fn progress_stream(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    if app.access(&headers, &q) != Some(Access::Admin) {
        return denied();
    }
    let events = futures_util::stream::unfold((app, None::<String>, false), |(app, last, finished)| async move {
        if finished {
            return None;
        }
        loop {
            let (body, running) = progress_json(&app);
            if last.as_deref() != Some(body.as_str()) || !running {
                let event = Event::default().event("progress").data(body.clone());
                return Some((Ok::<_, std::convert::Infallible>(event), (app, Some(body), !running)));
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    });
    Sse::new(events).keep_alive(KeepAlive::default()).into_response()
}

fn attachment(bytes: Vec<u8>, file: &str, mime: &'static str) -> Response {
    let disposition = format!("attachment; filename=\"report\"; filename*=UTF-8''{}", url_encode(file));
    let mut res = (StatusCode::OK, bytes).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn download_docx(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>) -> Response {
    if let Err(r) = dept_access(&app, &headers, &q, &slug) {
        return r;
    }
    match app.ws.report_path(&slug).and_then(|p| Some((std::fs::read(&p).ok()?, p))) {
        Some((bytes, p)) => attachment(bytes, &file_name(&p.to_string_lossy()), DOCX_MIME),
        None => message(StatusCode::NOT_FOUND, "尚未生成报告（请先更正错误或点击“重新生成”）"),
    }
}

async fn download_pdf(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath(slug): UrlPath<String>) -> Response {
    if let Err(r) = dept_access(&app, &headers, &q, &slug) {
        return r;
    }
    let Some(docx) = app.ws.report_path(&slug) else { return message(StatusCode::NOT_FOUND, "尚未生成报告") };
    let out = app.ws.dir(&slug).join("pdf");
    blocking(move || {
        let _ = std::fs::create_dir_all(&out);
        match crate::write::convert_to_pdf(&docx, &out) {
            Ok(p) => match std::fs::read(&p) {
                Ok(bytes) => attachment(bytes, &file_name(&p.to_string_lossy()), "application/pdf"),
                Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, &format!("无法读取 PDF：{e}")),
            },
            Err(e) => message(StatusCode::SERVICE_UNAVAILABLE, &format!("无法生成 PDF：{}", narrate::error::cause_chain(&e))),
        }
    })
    .await
}

async fn download_upload(State(app): S, headers: HeaderMap, Query(q): Q, UrlPath((slug, n)): UrlPath<(String, u32)>) -> Response {
    if let Err(r) = dept_access(&app, &headers, &q, &slug) {
        return r;
    }
    match app.ws.upload_zip(&slug, n) {
        Some(bytes) => attachment(bytes, &format!("上传{n:04}.zip"), "application/zip"),
        None => message(StatusCode::NOT_FOUND, "没有这次上传"),
    }
}

async fn download_all(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    if app.access(&headers, &q) != Some(Access::Admin) {
        return denied();
    }
    match blocking(move || app.ws.all_reports_zip()).await {
        Ok(bytes) => attachment(bytes, "全部报告.zip", "application/zip"),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, &format!("无法打包：{e}")),
    }
}

async fn download_summary(State(app): S, headers: HeaderMap, Query(q): Q) -> Response {
    if app.access(&headers, &q) != Some(Access::Admin) {
        return denied();
    }
    match blocking(move || app.ws.summary_xlsx()).await {
        Ok(bytes) => attachment(bytes, "汇总.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Err(e) => message(StatusCode::INTERNAL_SERVER_ERROR, &format!("无法生成汇总表：{e}")),
    }
}

/// Benchmark hooks: render the bureau page and department pages without HTTP, through the
/// same contexts, templates and view cache as the server.
#[doc(hidden)]
pub mod bench {
    use super::*;

    /// A workspace opened as the server opens it (loopback: no tokens).
    pub struct Pages(App);

    impl Pages {
        /// Opens `data`.
        pub fn open(data: &std::path::Path) -> Result<Pages, String> {
            let ws = Workspace::open(data).map_err(|e| e.to_string())?;
            Ok(Pages(App { ws, tera: pages(), admin_token: None, secret: "bench".into(), max_upload: 1, progress: Mutex::new(Progress { running: false, done: 0, total: 0, current: String::new(), failed: 0 }), views: cache::ViewCache::default(), rows: cache::RowCache::default() }))
        }
        /// The bureau page's HTML.
        pub fn bureau(&self) -> Result<String, String> {
            self.0.tera.render("bureau.html", &bureau_context(&self.0)).map_err(|e| e.to_string())
        }
        /// A department page's HTML.
        pub fn dept(&self, slug: &str) -> Result<String, String> {
            self.0.tera.render("dept.html", &dept_context(&self.0, slug, &Access::Admin).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
        }
        /// Every department's slug.
        pub fn slugs(&self) -> Vec<String> {
            self.0.ws.slugs()
        }
    }

    /// Stores one department's files (name, bytes) into `data` as an upload would, and
    /// generates its report.
    pub fn add(data: &std::path::Path, files: Vec<(String, Vec<u8>)>) -> Result<String, String> {
        let ws = Workspace::open(data).map_err(|e| e.to_string())?;
        ws.add_upload(files, None).map_err(|e| e.to_string())
    }
}
