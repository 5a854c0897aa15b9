//! HTTP-level tests of every `juesuan serve` route: the server runs in-process on
//! 127.0.0.1:0 and is driven by a tiny std-only HTTP client (tests/serve_support).

mod serve_support;
use serve_support::*;
use juesuan::serve::{spawn, ServeOptions};
use std::io::Write;
use std::path::Path;

fn start(data: &Path, max_upload: usize, token_file: Option<&Path>) -> juesuan::serve::Running {
    let opts = ServeOptions { addr: "127.0.0.1:0".into(), data: data.to_path_buf(), token_file: token_file.map(Path::to_path_buf), max_upload };
    spawn(&opts).expect("server starts")
}

fn upload(addr: std::net::SocketAddr, path: &str, name: &str, bytes: &[u8], csrf: &str) -> Resp {
    request(addr, "POST", &format!("{path}?name={}", enc(name)), &[("x-csrf-token", csrf)], bytes)
}

fn form(addr: std::net::SocketAddr, path: &str, fields: &[(&str, &str)], extra: &[(&str, &str)]) -> Resp {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect();
    let mut headers = vec![("content-type", "application/x-www-form-urlencoded")];
    headers.extend_from_slice(extra);
    request(addr, "POST", path, &headers, body.join("&").as_bytes())
}

fn slug_of(upload_json: &str) -> String {
    between(upload_json, "\"departments\":[\"", "\"").expect("a department slug").to_string()
}

#[test]
fn upload_findings_answers_regenerate_and_downloads() {
    let data = tmp("serve-flow");
    let s = start(&data, 50 << 20, None);
    let home = get(s.addr, "/", &[]);
    assert_eq!(home.status, 200);
    for (h, v) in [("content-security-policy", "default-src 'self'"), ("x-content-type-options", "nosniff"), ("x-frame-options", "DENY"), ("referrer-policy", "no-referrer")] {
        assert!(home.header(h).is_some_and(|x| x.contains(v)), "{h} missing");
    }
    assert!(home.text().contains("还没有部门"));
    let csrf = csrf_of(&home.text());
    let sample02 = std::fs::read(sample("02_市委办公厅.xlsx")).unwrap();

    // Upload: the department appears with its state and counts.
    let up = upload(s.addr, "/upload", "02_市委办公厅.xlsx", &sample02, &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    let slug = slug_of(&up.text());
    let home = get(s.addr, "/", &[]).text();
    assert!(home.contains("中共临川市委办公厅"), "{home}");
    let todo_before = between(&home, "state todo\">待补充", "处</span>").and_then(|n| n.parse::<usize>().ok()).expect("待补充N处");
    assert_eq!(home.matches(&format!("/d/{slug}/report.docx")).count(), 1);

    // Department page: findings by severity, the document with its seven charts and
    // highlighted placeholders, and one field per placeholder with its 说明材料 label.
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    assert!(page.contains("警告（") && page.contains("MISSING-PRIOR"), "findings shown");
    let dept = juesuan::read::read_department(&sample("02_市委办公厅.xlsx"), None).unwrap();
    let report = juesuan::pipeline::build_report(&dept, &juesuan::narrate::Templates::builtin(), &Default::default()).unwrap();
    let charts = report.document.blocks.iter().filter(|b| matches!(b, juesuan::doc::Block::Chart(_))).count();
    assert_eq!(page.matches("<figure class=\"chart\"><svg").count(), charts);
    assert_eq!(report.placeholders.len(), todo_before);
    for (i, p) in report.placeholders.iter().enumerate() {
        assert!(page.contains(&format!("<a class=\"ph\" href=\"#field-{i}\" title=\"点击填写\">{p}</a>")), "placeholder {p} highlighted and linked");
    }
    let i = report.placeholders.iter().position(|p| p == "【缺少上年数：上年机关运行经费】").expect("sample 02 lacks the prior running cost");
    assert!(page.contains(&format!("<input type=\"hidden\" name=\"label_{i}\" value=\"上年机关运行经费\">")));
    let revision = between(&page, "name=\"revision\" value=\"", "\"").unwrap().to_string();

    // CSRF: the same form without its token is refused.
    let no_csrf = form(s.addr, &format!("/d/{slug}/answers"), &[("revision", &revision), (&format!("label_{i}"), "上年机关运行经费"), (&format!("value_{i}"), "50")], &[]);
    assert_eq!(no_csrf.status, 403);
    assert!(no_csrf.text().contains("CSRF"));
    assert_eq!(upload(s.addr, "/upload", "x.xlsx", &sample02, "wrong").status, 403);

    // Save answers: the answers workbook is written, the report regenerated, one placeholder gone.
    let saved = form(s.addr, &format!("/d/{slug}/answers"), &[("csrf", &csrf), ("revision", &revision), (&format!("label_{i}"), "上年机关运行经费"), (&format!("value_{i}"), "50")], &[]);
    assert_eq!(saved.status, 303, "{}", saved.text());
    let answers = data.join(&slug).join("in/报表/说明材料.xlsx");
    assert!(answers.is_file());
    let home = get(s.addr, "/", &[]).text();
    assert!(home.contains(&format!("待补充{}处", todo_before - 1)), "{home}");
    let page = get(s.addr, saved.header("location").unwrap(), &[]).text();
    assert!(page.contains(&format!("已保存并重新生成：待补充 {} 处", todo_before - 1)));
    assert!(page.contains("最近一次生成较上次的变化"), "the facts diff is shown");
    let running = report.facts.running_cost.amount.value;
    let expected = format!("机关运行经费增加{}万元", juesuan::narrate::filters::format_amount(running - rust_decimal::Decimal::from(50), false, false));

    // Download: the DOCX has the answer's effect and equals `juesuan generate` on the stored files.
    let docx = get(s.addr, &format!("/d/{slug}/report.docx"), &[]);
    assert_eq!(docx.status, 200);
    assert!(docx.header("content-disposition").unwrap().contains("attachment"));
    let text = docx_text(&docx.body);
    assert!(text.contains(&expected), "{expected} in DOCX");
    assert!(!text.contains("【缺少上年数：上年机关运行经费】"));
    let out = data.join("cli.docx");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan")).arg("generate").arg(data.join(&slug).join("in/报表")).arg("-o").arg(&out).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    assert!(std::fs::read(&out).unwrap() == docx.body, "server DOCX is byte-identical to juesuan generate");

    // A stale form (the revision before the save) is refused and kept in the history.
    let stale = form(s.addr, &format!("/d/{slug}/answers"), &[("csrf", &csrf), ("revision", &revision), (&format!("label_{i}"), "上年机关运行经费"), (&format!("value_{i}"), "60")], &[]);
    assert_eq!(stale.status, 409);
    assert!(stale.text().contains("已过期"));
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    assert!(page.contains("未采用（表单已过期）") && page.contains("上年机关运行经费：60") && page.contains("上年机关运行经费：50"));
    assert!(page.contains("value=\"50\""), "the applied answer stays");

    // Regenerate.
    let regen = form(s.addr, &format!("/d/{slug}/generate"), &[("csrf", &csrf)], &[]);
    assert_eq!(regen.status, 303);
    assert!(get(s.addr, regen.header("location").unwrap(), &[]).text().contains("已重新生成（未变化）"));

    // A second upload of the same department keeps the first, retrievable unchanged.
    let up2 = upload(s.addr, &format!("/d/{slug}/upload"), "第二版.xlsx", &sample02, &csrf);
    assert_eq!(up2.status, 200, "{}", up2.text());
    let first = get(s.addr, &format!("/d/{slug}/upload/1"), &[]);
    assert_eq!(first.status, 200);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(first.body)).unwrap();
    let mut kept = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name("02_市委办公厅.xlsx").unwrap(), &mut kept).unwrap();
    assert!(kept == sample02, "uploads are kept unmodified");
    assert!(get(s.addr, &format!("/d/{slug}"), &[]).text().contains("第 2 次"));
    assert_eq!(get(s.addr, &format!("/d/{slug}/upload/9"), &[]).status, 404);

    // Bureau downloads: all reports as .zip, 汇总.xlsx; 全部生成 with progress.
    let all = get(s.addr, "/download/all.zip", &[]);
    assert_eq!(all.status, 200);
    let z = zip::ZipArchive::new(std::io::Cursor::new(all.body)).unwrap();
    assert_eq!(z.len(), 1);
    let summary = get(s.addr, "/download/summary.xlsx", &[]);
    assert!(summary.status == 200 && summary.body.starts_with(b"PK"));
    assert!(summary.header("content-disposition").unwrap().contains(&enc("汇总.xlsx")));
    let g = request(s.addr, "POST", "/generate", &[("x-csrf-token", &csrf)], b"");
    assert_eq!(g.status, 202);
    let mut done = false;
    for _ in 0..100 {
        let p = get(s.addr, "/progress", &[]).text();
        if p.contains("\"running\":false") && p.contains("\"done\":1") {
            done = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(done, "全部生成 finishes and reports progress");
    assert_eq!(get(s.addr, "/assets/app.js", &[]).status, 200);
    assert!(get(s.addr, "/assets/app.css", &[]).header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn zips_of_many_departments_hostile_names_and_size_limit() {
    let data = tmp("serve-zip");
    let s = start(&data, 20 << 20, None);
    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    // A .zip of two departments: a folder of per-table workbooks and a single workbook.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for e in std::fs::read_dir(sample("03_农业技术服务中心")).unwrap() {
        let p = e.unwrap().path();
        w.start_file(format!("各部门/农技中心/{}", p.file_name().unwrap().to_string_lossy()), o).unwrap();
        w.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    w.start_file("各部门/区委办/01.xlsx", o).unwrap();
    w.write_all(&std::fs::read(sample("01_区委办公室.xlsx")).unwrap()).unwrap();
    let zip = w.finish().unwrap().into_inner();
    let up = upload(s.addr, "/upload", "全部.zip", &zip, &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    assert_eq!(up.text().matches("\"departments\":[\"").count(), 1);
    assert_eq!(between(&up.text(), "[", "]").unwrap().matches(',').count(), 1, "two departments");
    let home = get(s.addr, "/", &[]).text();
    assert!(home.contains("农业技术服务中心") && home.contains("区委办公室"), "{home}");

    // A hostile file name: only its last component is used, inside the data folder.
    let evil = upload(s.addr, "/upload", "../../../evil.xlsx", &std::fs::read(sample("02_市委办公厅.xlsx")).unwrap(), &csrf);
    assert_eq!(evil.status, 200, "{}", evil.text());
    let slug = slug_of(&evil.text());
    assert!(data.join(&slug).join("uploads/0001/evil.xlsx").is_file());
    assert!(!data.parent().unwrap().join("evil.xlsx").exists() && !Path::new("/evil.xlsx").exists());
    let script = upload(s.addr, "/upload", "..\\x.sh", b"#!/bin/sh", &csrf);
    assert_eq!(script.status, 400);
    assert!(script.text().contains("不支持的文件"));
    // Broken workbook: the reader's Chinese message, no department created.
    let broken = upload(s.addr, "/upload", "坏.xlsx", b"PK\x03\x04 not really a workbook", &csrf);
    assert_eq!(broken.status, 400);
    assert!(broken.text().contains("坏.xlsx"), "{}", broken.text());
    // Department ids are validated slugs: no path from a request.
    assert_eq!(get(s.addr, "/d/..%2F..%2Fetc", &[]).status, 404);
    assert_eq!(get(s.addr, "/d/0123456789abcdef/report.docx", &[]).status, 404);

    // Size limit: a server with a 1 KB limit refuses the sample with 413.
    let small = start(&tmp("serve-small"), 1024, None);
    let csrf2 = csrf_of(&get(small.addr, "/", &[]).text());
    let big = upload(small.addr, "/upload", "02.xlsx", &std::fs::read(sample("02_市委办公厅.xlsx")).unwrap(), &csrf2);
    assert_eq!(big.status, 413);
}

#[test]
fn access_control_tokens_and_non_loopback_refusal() {
    // Any non-loopback address without access control refuses to start (library and binary).
    let opts = ServeOptions { addr: "0.0.0.0:0".into(), data: tmp("serve-open"), token_file: None, max_upload: 1 << 20 };
    let err = spawn(&opts).err().expect("refuses to start");
    assert!(err.to_string().contains("拒绝启动"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan")).args(["serve", "--addr", "0.0.0.0:0", "--data"]).arg(tmp("serve-open2")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("拒绝启动"));

    let data = tmp("serve-tokens");
    let token_file = data.join("admin.token");
    let s = start(&data.join("ws"), 50 << 20, Some(&token_file));
    assert!(s.token_generated);
    let admin = s.admin_token.clone().unwrap();
    assert_eq!(std::fs::read_to_string(&token_file).unwrap().trim(), admin);
    assert_eq!(get(s.addr, "/", &[]).status, 403, "no token, no page");
    let home = get(s.addr, &format!("/?token={admin}"), &[]);
    assert_eq!(home.status, 200);
    let cookie = home.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    assert!(home.header("set-cookie").unwrap().contains("HttpOnly"));
    let csrf = csrf_of(&home.text());
    let a = slug_of(&request(s.addr, "POST", "/upload?name=02.xlsx", &[("x-csrf-token", &csrf), ("cookie", &cookie)], &std::fs::read(sample("02_市委办公厅.xlsx")).unwrap()).text());
    let up_b = request(s.addr, "POST", "/upload?name=01.xlsx", &[("x-csrf-token", &csrf), ("cookie", &cookie)], &std::fs::read(sample("01_区委办公室.xlsx")).unwrap());
    let b = slug_of(&up_b.text());
    // The bureau page hands out the department links.
    let home = get(s.addr, "/", &[("cookie", &cookie)]).text();
    let ta = s.department_token(&a);
    assert!(home.contains(&format!("{a}?token={ta}")), "{home}");
    // A department's link opens that department only.
    let pa = get(s.addr, &format!("/d/{a}?token={ta}"), &[]);
    assert_eq!(pa.status, 200);
    assert!(pa.text().contains("中共临川市委办公厅"));
    let dcookie = pa.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    assert_eq!(get(s.addr, &format!("/d/{a}"), &[("cookie", &dcookie)]).status, 200);
    assert_eq!(get(s.addr, &format!("/d/{b}?token={ta}"), &[]).status, 403);
    assert_eq!(get(s.addr, &format!("/d/{b}"), &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, &format!("/d/{b}/report.docx"), &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, &format!("/d/{b}/upload/1"), &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, "/download/all.zip", &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, "/download/summary.xlsx", &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, "/progress", &[("cookie", &dcookie)]).status, 403);
    assert_eq!(get(s.addr, &format!("/d/{a}/report.docx"), &[("cookie", &dcookie)]).status, 200);
    let bureau = get(s.addr, "/", &[("cookie", &dcookie)]);
    assert!(bureau.status / 100 == 3 && bureau.header("location") == Some(&format!("/d/{a}")[..]), "a department link never shows the bureau page");
    // Uploading another department's workbook through a department link is refused.
    let dcsrf = csrf_of(&pa.text());
    let wrong = request(s.addr, "POST", &format!("/d/{a}/upload?name=01.xlsx"), &[("x-csrf-token", &dcsrf), ("cookie", &dcookie)], &std::fs::read(sample("01_区委办公室.xlsx")).unwrap());
    assert_eq!(wrong.status, 400);
    assert!(wrong.text().contains("不是本部门"));
    // The department's CSRF token is not the bureau's.
    assert_ne!(dcsrf, csrf);
    assert_eq!(request(s.addr, "POST", "/generate", &[("x-csrf-token", &dcsrf), ("cookie", &dcookie)], b"").status, 403);
    // A forged department token (right slug, wrong digest) is refused.
    assert_eq!(get(s.addr, &format!("/d/{a}?token={a}-{}", "0".repeat(64)), &[]).status, 403);
    // The token file is reused on restart.
    let again = start(&data.join("ws"), 50 << 20, Some(&token_file));
    assert!(!again.token_generated);
    assert_eq!(again.admin_token.as_deref(), Some(admin.as_str()));
}

/// A hand-made POST with a label the page never offered (`年度`, `部门名称`, anything) is refused
/// with 400 and nothing is saved; so is a value of the wrong kind or out of the reader's range
/// for an offered field; the department stays readable, and a proper answer still saves.
#[test]
fn answers_only_for_offered_fields_with_checked_values() {
    let data = tmp("serve-tamper");
    let s = start(&data, 50 << 20, None);
    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    let up = upload(s.addr, "/upload", "02_市委办公厅.xlsx", &std::fs::read(sample("02_市委办公厅.xlsx")).unwrap(), &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    let slug = slug_of(&up.text());
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    assert!(page.contains("value=\"上年机关运行经费\""), "the page offers this field");
    assert!(!page.contains("value=\"年度\""), "the page never offers 年度");
    let revision = between(&page, "name=\"revision\" value=\"", "\"").unwrap().to_string();
    let answers = data.join(&slug).join("in/报表/说明材料.xlsx");
    let post = |label: &str, value: &str| form(s.addr, &format!("/d/{slug}/answers"), &[("csrf", &csrf), ("revision", &revision), ("label_0", label), ("value_0", value)], &[]);
    for (label, value) in [("年度", "1999"), ("部门名称", "别的部门"), ("随便什么", "x")] {
        let r = post(label, value);
        assert_eq!(r.status, 400, "{label}: {}", r.text());
        assert!(r.text().contains(&format!("“{label}”不是本页面为本部门提供的填写项")), "{}", r.text());
    }
    for value in ["五十", "100000000000000000000000"] {
        let r = post("上年机关运行经费", value);
        assert_eq!(r.status, 400, "{value}: {}", r.text());
        assert!(r.text().contains("应为金额"), "{}", r.text());
    }
    assert!(!answers.exists(), "nothing saved");
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    assert!(!page.contains("error-box"), "still readable");
    let r = post("上年机关运行经费", "50");
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(answers.is_file());
}

/// Behind the form check, the workspace itself never saves answers that would make a readable
/// department unreadable (a 年度 outside 2000–2099) or rename it.
#[test]
fn a_saved_answer_never_makes_the_department_unreadable() {
    use juesuan::serve::workspace::{Workspace, WorkspaceError};
    let root = tmp("serve-ws-check");
    let ws = Workspace::open(&root).unwrap();
    let files = Workspace::split_upload("02_市委办公厅.xlsx", std::fs::read(sample("02_市委办公厅.xlsx")).unwrap(), 50 << 20).unwrap();
    let slug = ws.add_upload(files.into_iter().next().unwrap(), None).unwrap();
    for (label, value, says) in [("年度", "1999", "2000–2099"), ("部门名称", "别的部门", "部门名称")] {
        let rev = ws.state(&slug).unwrap().revision;
        let err = ws.save_answers(&slug, rev, [(label.to_string(), value.to_string())].into()).unwrap_err();
        assert!(matches!(err, WorkspaceError::Answer(_)), "{err:?}");
        assert!(err.to_string().contains(says) && err.to_string().contains("未保存"), "{err}");
        assert!(!err.to_string().contains(".answers-check"), "names the stored folder, not the scratch copy: {err}");
        assert!(juesuan::read::read_book(&ws.input_dir(&slug)).is_ok());
        assert_eq!(ws.state(&slug).unwrap().revision, rev, "nothing saved");
    }
    assert!(!ws.dir(&slug).join(".answers-check").exists());
    let rev = ws.state(&slug).unwrap().revision;
    ws.save_answers(&slug, rev, [("年度".to_string(), "2023".to_string())].into()).expect("a valid 年度 saves");
}
