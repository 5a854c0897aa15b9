//! `juesuan serve`: a web field for every kind of placeholder key (说明材料 label, `预算数`
//! row, `项目绩效` cell, 上年数), the upload history with its changed figures, and the live
//! progress stream (SSE) of 全部生成.

mod serve_support;
use juesuan::samples::{self, Style};
use juesuan::serve::{spawn, ServeOptions};
use serve_support::*;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

fn start(data: &Path) -> juesuan::serve::Running {
    spawn(&ServeOptions { addr: "127.0.0.1:0".into(), data: data.to_path_buf(), token_file: None, max_upload: 50 << 20 }).expect("server starts")
}

fn upload(addr: SocketAddr, path: &str, name: &str, bytes: &[u8], csrf: &str) -> Resp {
    request(addr, "POST", &format!("{path}?name={}", enc(name)), &[("x-csrf-token", csrf)], bytes)
}

fn form(addr: SocketAddr, path: &str, fields: &[(String, String)]) -> Resp {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect();
    request(addr, "POST", path, &[("content-type", "application/x-www-form-urlencoded")], body.join("&").as_bytes())
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn sample02() -> samples::SampleDept {
    samples::bundled_specs().into_iter().find(|d| d.file_stem.starts_with("02")).expect("sample 02")
}

/// The text of the field whose hidden key is `key`: its id.
fn field_id(page: &str, key: &str) -> Option<String> {
    let marker = format!("\" value=\"{}\">", key);
    let at = page.find(&marker)?;
    let before = &page[..at];
    let start = before.rfind("name=\"label_")? + "name=\"label_".len();
    Some(before[start..].to_string())
}

/// Sheet rows of a workbook as text.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn every_placeholder_kind_gets_its_field_and_goes_to_the_right_sheet() {
    let data = tmp("serve-fields");
    let s = start(&data);
    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    // Sample 02 without its 预算数/项目绩效 sheets, plus a workbook holding both: 预算数 lacks
    // one code, and the first project lacks its 执行数 and 综述.
    let mut spec = sample02();
    spec.budget_sheet = false;
    spec.projects_sheet = false;
    let tables = samples::generate(&spec).unwrap();
    let budgets = samples::budget_rows(&spec, &tables);
    let projects = samples::project_rows(&spec);
    let (missing_code, missing_full, _) = budgets[0].clone();
    let (project, _, project_actual, _) = projects[0].clone();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("预算数").unwrap();
    for (c, h) in ["科目编码", "全年预算数", "年初预算数"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (code, full, initial)) in budgets.iter().enumerate().skip(1) {
        ws.write_string(i as u32, 0, code).unwrap();
        ws.write_number(i as u32, 1, full.to_string().parse::<f64>().unwrap()).unwrap();
        ws.write_number(i as u32, 2, initial.to_string().parse::<f64>().unwrap()).unwrap();
    }
    let ws = wb.add_worksheet().set_name("项目绩效").unwrap();
    for (c, h) in ["项目名称", "预算数", "执行数", "绩效目标完成情况综述"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (name, budget, actual, summary)) in projects.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, name).unwrap();
        ws.write_number(r, 1, budget.to_string().parse::<f64>().unwrap()).unwrap();
        if i > 0 {
            ws.write_number(r, 2, actual.to_string().parse::<f64>().unwrap()).unwrap();
            ws.write_string(r, 3, summary).unwrap();
        }
    }
    let extra = wb.save_to_buffer().unwrap();
    let main = samples::render(&spec, &Style::standard()).unwrap();
    let z = zip_of(&[("02.xlsx".into(), main), ("补充.xlsx".into(), extra)]);
    let up = upload(s.addr, "/upload", "02.zip", &z, &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    let slug = between(&up.text(), "\"departments\":[\"", "\"").unwrap().to_string();

    // One field per kind, keyed by where its value goes.
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    let budget_ph = format!("【请补充：{missing_code}全年预算数】");
    let actual_ph = format!("【请补充：{project}执行数】");
    let summary_ph = format!("【请补充：{project}绩效目标完成情况综述】");
    for p in [&budget_ph, &actual_ph, &summary_ph, &"【缺少上年数：上年收入总计、上年支出总计】".to_string()] {
        assert!(page.contains(p.as_str()), "placeholder {p} on the page");
    }
    let budget_key = format!("预算数：{missing_code}");
    let actual_key = format!("项目绩效：{project}：执行数");
    let summary_key = format!("项目绩效：{project}：绩效目标完成情况综述");
    let ids: Vec<String> = [budget_key.as_str(), actual_key.as_str(), summary_key.as_str(), "上年收入总计"].iter().map(|k| field_id(&page, k).unwrap_or_else(|| panic!("a field keyed {k}"))).collect();
    assert!(page.contains(&format!("科目 {missing_code} 的全年预算数（万元）")));
    assert!(page.contains(&format!("项目“{project}”的执行数（万元）")));
    assert!(page.contains(&format!("<textarea id=\"value_{}\"", ids[2])), "the 综述 is a text area");
    let revision = between(&page, "name=\"revision\" value=\"", "\"").unwrap().to_string();
    let todo = |p: &str| between(p, "<span id=\"todo\">", "</span>").and_then(|n| n.parse::<usize>().ok()).unwrap();
    let todo_before = todo(&page);

    // An amount that is not a number is refused, naming the field; nothing is saved.
    let mut fields = vec![("csrf".to_string(), csrf.clone()), ("revision".to_string(), revision.clone())];
    let bad = [fields.clone(), vec![(format!("label_{}", ids[0]), budget_key.clone()), (format!("value_{}", ids[0]), "四百".into())]].concat();
    let r = form(s.addr, &format!("/d/{slug}/answers"), &bad);
    assert_eq!(r.status, 400);
    assert!(r.text().contains(&format!("科目 {missing_code} 的全年预算数（万元）应为金额")), "{}", r.text());
    assert!(!data.join(&slug).join("in/报表/说明材料.xlsx").exists());

    let summary_text = "档案数字化按期完成，验收合格率百分之百。";
    let full = missing_full.to_string();
    let actual = project_actual.to_string();
    for (id, key, value) in [(&ids[0], &budget_key, full.as_str()), (&ids[1], &actual_key, actual.as_str()), (&ids[2], &summary_key, summary_text), (&ids[3], &"上年收入总计".to_string(), "3000")] {
        fields.push((format!("label_{id}"), key.clone()));
        fields.push((format!("value_{id}"), value.to_string()));
    }
    let saved = form(s.addr, &format!("/d/{slug}/answers"), &fields);
    assert_eq!(saved.status, 303, "{}", saved.text());

    // The department's own answers workbook, in `juesuan init`'s format, sheet by kind.
    let answers = data.join(&slug).join("in/报表/说明材料.xlsx");
    let notes = sheet_rows(&answers, "说明材料");
    assert_eq!(notes[0][..2], ["项目".to_string(), "内容".to_string()]);
    assert!(notes.iter().any(|r| r[0] == "上年收入总计" && r[1] == "3000"), "{notes:?}");
    assert_eq!(sheet_rows(&answers, "预算数"), [vec!["科目编码".to_string(), "全年预算数".into(), "年初预算数".into()], vec![missing_code.clone(), missing_full.normalize().to_string(), String::new()]]);
    let proj = sheet_rows(&answers, "项目绩效");
    assert_eq!(proj[0], ["项目名称", "预算数", "执行数", "绩效目标完成情况综述"]);
    assert_eq!(proj[1], [project.clone(), String::new(), project_actual.normalize().to_string(), summary_text.to_string()]);

    // Each answer removed its placeholder (the 上年 one removes one of two labels: the
    // placeholder stays, shortened).
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    for p in [&budget_ph, &actual_ph, &summary_ph] {
        assert!(!page.contains(p.as_str()), "{p} is filled");
    }
    assert!(page.contains("【缺少上年数：上年支出总计】"));
    // The count is the pipeline's own on the stored folder (at least the three filled gone).
    let stored = juesuan::read::read_department(&data.join(&slug).join("in/报表"), None).unwrap();
    let report = juesuan::pipeline::build_report(&stored, &juesuan::narrate::Templates::builtin(), &Default::default()).unwrap();
    assert_eq!(todo(&page), report.placeholders.len());
    assert!(todo(&page) <= todo_before - 3, "{} → {}", todo_before, todo(&page));
    let docx = get(s.addr, &format!("/d/{slug}/report.docx"), &[]);
    let text = docx_text(&docx.body);
    assert!(text.contains(summary_text));
    assert!(!text.contains(&budget_ph) && !text.contains(&actual_ph));
    // CLI and web stay interchangeable: `juesuan generate` on the stored folder gives the same bytes.
    let out = data.join("cli.docx");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_juesuan")).arg("generate").arg(data.join(&slug).join("in/报表")).arg("-o").arg(&out).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    assert!(std::fs::read(&out).unwrap() == docx.body, "server DOCX is byte-identical to juesuan generate");
}

#[test]
fn upload_history_lists_the_figures_that_changed_between_uploads() {
    let data = tmp("serve-history");
    let s = start(&data);
    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    let v1 = sample02();
    let mut v2 = v1.clone();
    v2.lines[0].basic += 1_000_000; // 10,000.00 more of the unit on the first line.
    let (b1, b2) = (samples::render(&v1, &Style::standard()).unwrap(), samples::render(&v2, &Style::standard()).unwrap());
    let up = upload(s.addr, "/upload", "第一版.xlsx", &b1, &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    let slug = between(&up.text(), "\"departments\":[\"", "\"").unwrap().to_string();
    assert_eq!(upload(s.addr, &format!("/d/{slug}/upload"), "第二版.xlsx", &b2, &csrf).status, 200);

    // The figures that changed, as the facts diff computes them from the two inputs.
    let dir = data.join("expected");
    std::fs::create_dir_all(&dir).unwrap();
    let facts = |bytes: &[u8], name: &str| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let dept = juesuan::read::read_department(&p, None).unwrap();
        let r = juesuan::pipeline::build_report(&dept, &juesuan::narrate::Templates::builtin(), &Default::default()).unwrap();
        serde_json::to_value(&r.facts).unwrap()
    };
    let changes = juesuan::batch::diff::diff_json(&facts(&b1, "a.xlsx"), &facts(&b2, "b.xlsx"));
    assert!(changes.iter().any(|c| c.path == "expenditure.total.value"), "支出合计 changed: {changes:?}");
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    let history = &page[page.find("<h2>上传历史</h2>").expect("history")..];
    let second = &history[history.find("第 2 次").expect("second upload listed")..history.find("第 1 次").expect("first upload listed")];
    assert!(second.contains("第二版.xlsx") && second.contains(&format!("较上一版 {} 处变化", changes.len())), "{second}");
    for c in &changes {
        let line = format!("{}：{} → {}", c.path, c.old.clone().unwrap_or_else(|| "（无）".into()), c.new.clone().unwrap_or_else(|| "（无）".into()));
        assert!(second.contains(&juesuan::serve::html::esc(&line)), "{line} listed under upload 2");
    }
    // Both uploads stay retrievable.
    for n in [1, 2] {
        assert_eq!(get(s.addr, &format!("/d/{slug}/upload/{n}"), &[]).status, 200);
    }
}

#[test]
fn generate_all_streams_its_progress_as_server_sent_events() {
    let data = tmp("serve-sse");
    let s = start(&data);
    // Nothing running: one event saying so, then the stream ends.
    let idle = get(s.addr, "/progress/stream", &[]);
    assert_eq!(idle.status, 200);
    assert!(idle.header("content-type").is_some_and(|c| c.starts_with("text/event-stream")), "{:?}", idle.headers);
    assert_eq!(idle.text().matches("event: progress").count(), 1, "{}", idle.text());
    assert!(idle.text().contains("\"running\":false"));

    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    for f in ["01_区委办公室.xlsx", "02_市委办公厅.xlsx"] {
        assert_eq!(upload(s.addr, "/upload", f, &std::fs::read(sample(f)).unwrap(), &csrf).status, 200);
    }
    assert_eq!(request(s.addr, "POST", "/generate", &[("x-csrf-token", &csrf)], b"").status, 202);
    let stream = get(s.addr, "/progress/stream", &[]);
    assert_eq!(stream.status, 200);
    let text = stream.text();
    // Every event is the /progress JSON; `done` never goes back; the last says finished.
    let events: Vec<serde_json::Value> = text
        .split("\n\n")
        .filter(|e| e.contains("event: progress"))
        .map(|e| {
            let data = e.lines().find_map(|l| l.strip_prefix("data: ")).expect("a data line");
            serde_json::from_str(data).expect("JSON")
        })
        .collect();
    assert!(!events.is_empty(), "{text}");
    let done: Vec<u64> = events.iter().map(|e| e["done"].as_u64().unwrap()).collect();
    assert!(done.windows(2).all(|w| w[0] <= w[1]), "{done:?}");
    let last = events.last().unwrap();
    assert_eq!((last["running"].as_bool(), last["done"].as_u64(), last["total"].as_u64(), last["failed"].as_u64()), (Some(false), Some(2), Some(2), Some(0)), "{text}");
    assert!(events[..events.len() - 1].iter().all(|e| e["running"] == true), "only the last event is the end: {text}");
    // The page's script follows the stream and keeps polling as the fallback.
    let js = get(s.addr, "/assets/app.js", &[]).text();
    assert!(js.contains("new EventSource(\"/progress/stream\")") && js.contains("fetch(\"/progress\""));
}

#[test]
fn import_stores_each_department_once_with_its_latest_year() {
    let data = tmp("serve-import");
    let samples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let first = juesuan::serve::import(&data, &samples_dir).unwrap();
    assert_eq!(first.iter().filter(|l| l.starts_with("已导入")).count(), 3, "{first:?}");
    assert!(first.iter().any(|l| l.starts_with("跳过") && l.contains("03_农业技术服务中心_上年")), "{first:?}");
    // Serving again with the same --import adds no upload.
    let again = juesuan::serve::import(&data, &samples_dir).unwrap();
    assert_eq!(again.iter().filter(|l| l.starts_with("未变化")).count(), 3, "{again:?}");
    let s = start(&data);
    let home = get(s.addr, "/", &[]).text();
    for name in ["中共临川市委办公厅", "农业技术服务中心"] {
        assert!(home.contains(name), "{name} on the bureau page");
    }
    assert_eq!(home.matches("/report.docx\">DOCX</a>").count(), 3, "three reports generated");
}

#[test]
fn a_glossary_placeholder_gets_a_field_that_fills_the_definition() {
    let data = tmp("serve-fields-glossary");
    let s = start(&data);
    let csrf = csrf_of(&get(s.addr, "/", &[]).text());
    // Sample 03 without its own 名词解释：<编码> texts: 2130106 is not in the dictionary.
    let mut spec = samples::bundled_specs().into_iter().find(|d| d.file_stem.starts_with("03")).expect("sample 03");
    spec.texts.retain(|(k, _)| !k.starts_with("名词解释："));
    let up = upload(s.addr, "/upload", "03.xlsx", &samples::render(&spec, &Style::standard()).unwrap(), &csrf);
    assert_eq!(up.status, 200, "{}", up.text());
    let slug = between(&up.text(), "\"departments\":[\"", "\"").unwrap().to_string();
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    let ph = "【请补充：名词解释：2130106】";
    assert!(page.contains(ph), "placeholder on the page");
    let key = "名词解释：2130106";
    let id = field_id(&page, key).expect("a field keyed 名词解释：2130106");
    assert!(page.contains("说明材料“名词解释：2130106”"));
    assert!(page.contains(&format!("<textarea id=\"value_{id}\"")), "a text area");
    let revision = between(&page, "name=\"revision\" value=\"", "\"").unwrap().to_string();
    let text = "反映用于农业科技成果转化与推广服务方面的支出。";
    let fields = vec![("csrf".to_string(), csrf), ("revision".to_string(), revision), (format!("label_{id}"), key.to_string()), (format!("value_{id}"), text.to_string())];
    let saved = form(s.addr, &format!("/d/{slug}/answers"), &fields);
    assert_eq!(saved.status, 303, "{}", saved.text());
    let notes = sheet_rows(&data.join(&slug).join("in/报表/说明材料.xlsx"), "说明材料");
    assert!(notes.iter().any(|r| r[0] == key && r[1] == text), "{notes:?}");
    let page = get(s.addr, &format!("/d/{slug}"), &[]).text();
    assert!(!page.contains(ph), "filled");
    let docx = docx_text(&get(s.addr, &format!("/d/{slug}/report.docx"), &[]).body);
    assert!(docx.contains(&format!("科技转化与推广服务(06)：{text}")), "the definition is in the report: {}", &docx[docx.find("名词解释").unwrap_or(0)..][..3000.min(docx.len() - docx.find("名词解释").unwrap_or(0))]);
}
