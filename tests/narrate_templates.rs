//! The template set: overrides by name, export round trip, the no-literal-figures rule, and
//! error messages for bad override templates.

mod narrate_fixture;

use juesuan::narrate::templates::BUILTIN;
use juesuan::narrate::*;
use narrate_fixture::full_view;
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan_narrate_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn paragraphs(doc: &juesuan::doc::Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            juesuan::doc::Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect()
}

#[test]
fn export_round_trip_renders_identically() {
    let dir = temp_dir("export");
    let written = export_templates(&dir).unwrap();
    assert_eq!(written.len(), BUILTIN.len() + 1, "templates plus the guide");
    assert!(dir.join("README.md").is_file());
    let reloaded = Templates::with_overrides(&dir).unwrap();
    assert_eq!(reloaded.names(), Templates::builtin().names());
    for (name, source) in BUILTIN {
        assert_eq!(reloaded.source(name), Some(*source), "{name}");
    }
    let a = narrate(&full_view(), &Templates::builtin()).unwrap();
    let b = narrate(&full_view(), &reloaded).unwrap();
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_override_file_wins_by_name_and_others_stay_builtin() {
    let dir = temp_dir("override");
    std::fs::write(
        dir.join("part2_09_state_capital.txt"),
        "## 国有资本经营预算支出决算情况说明\n本单位{{ year }}年度没有使用国有资本经营预算财政拨款。\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.md"), "not a template").unwrap();
    std::fs::write(dir.join("part2_9_typo.txt"), "无用").unwrap();
    let set = Templates::with_overrides(&dir).unwrap();
    assert_eq!(set.overridden(), ["part2_09_state_capital.txt", "part2_9_typo.txt"]);
    assert_eq!(set.added(), ["part2_9_typo.txt"]);
    assert!(set.source("notes.md").is_none());
    let doc = narrate(&full_view(), &set).unwrap();
    let texts = paragraphs(&doc);
    assert!(texts.contains(&"本单位2023年度没有使用国有资本经营预算财政拨款。".to_string()));
    assert!(!texts.iter().any(|t| t.contains("本年度无国有资本经营预算财政拨款支出")));
    assert!(texts.contains(&"本年度无政府性基金预算财政拨款支出。".to_string()), "other templates stay built-in");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_override_folder_is_an_io_error() {
    let err = Templates::with_overrides(std::path::Path::new("/nonexistent/juesuan/templates")).unwrap_err();
    assert!(matches!(err, NarrateError::Io { .. }), "{err}");
}

#[test]
fn a_misspelt_variable_names_template_line_and_variable() {
    let src = "## 收入支出决算总体情况说明\n{{ year }}年度收、支总计均为\n{{ totals.grand_totl | wan }}。\n";
    let set = Templates::builtin().with_source("part2_01_totals.txt", src);
    let err = narrate(&full_view(), &set).unwrap_err();
    match &err {
        NarrateError::Template { name, line, variable, .. } => {
            assert_eq!(name, "part2_01_totals.txt");
            assert_eq!(*line, Some(3));
            assert_eq!(variable.as_deref(), Some("totals.grand_totl"));
        }
        other => panic!("{other}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("part2_01_totals.txt") && msg.contains("第3行") && msg.contains("totals.grand_totl"), "{msg}");
}

#[test]
fn a_syntax_error_names_template_and_line() {
    let src = "## 标题\n正文\n{% if year %}未闭合\n";
    let set = Templates::builtin().with_source("part2_06_basic.txt", src);
    let err = narrate(&full_view(), &set).unwrap_err();
    match &err {
        NarrateError::Template { name, line, .. } => {
            assert_eq!(name, "part2_06_basic.txt");
            assert!(line.is_some(), "{err}");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_bad_filter_argument_fails_the_whole_render() {
    let src = "## 基本支出\n{{ basic.personnel_items | wan }}\n";
    let set = Templates::builtin().with_source("part2_06_basic.txt", src);
    let err = narrate(&full_view(), &set).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("part2_06_basic.txt") && msg.contains("第2行") && msg.contains("wan：参数 value"), "{msg}");
}

/// Templates carry wording only: every figure comes from the view. A number followed by a
/// unit (万元, 元, %, 个, 人, 人次, 辆, 批次, 台) in a built-in template fails this test.
/// Fixed phrases of the standard wording that contain a number are listed in `ALLOWED`.
#[test]
fn built_in_templates_contain_no_literal_figures() {
    const ALLOWED: [&str; 2] = ["单价100万元以上设备", "预算结余率大于10%"];
    const UNITS: [&str; 10] = ["万元", "元", "%", "％", "个", "人", "辆", "批次", "台", "次"];
    let mut found = Vec::new();
    for (name, source) in BUILTIN {
        for (i, line) in source.lines().enumerate() {
            let mut line = line.to_string();
            for allowed in ALLOWED {
                line = line.replace(allowed, "");
            }
            for hit in number_with_unit(&line, &UNITS) {
                found.push(format!("{name}:{}: {hit}", i + 1));
            }
        }
    }
    assert!(found.is_empty(), "literal figures in templates:\n{}", found.join("\n"));
}

/// Every `<digits>[.<digits>]<unit>` in `line`.
fn number_with_unit(line: &str, units: &[&str]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || ('０'..='９').contains(&chars[i]) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || ('０'..='９').contains(&chars[i]) || chars[i] == '.') {
                i += 1;
            }
            let rest: String = chars[i..].iter().collect();
            if let Some(u) = units.iter().find(|u| rest.starts_with(**u)) {
                hits.push(format!("{}{u}", chars[start..i].iter().collect::<String>()));
            }
        } else {
            i += 1;
        }
    }
    hits
}

#[test]
fn the_literal_scan_catches_figures() {
    let units = ["万元", "%"];
    assert_eq!(number_with_unit("支出12.5万元，占30%", &units), ["12.5万元", "30%"]);
    assert!(number_with_unit("{{ a | wan }}，第3行", &units).is_empty());
}

/// Tera treats a misspelt variable in `{% if %}` as false without an error. Every dotted
/// variable path a built-in template uses (rooted at a view field, or at the `s`/`o` aliases
/// of `sangong`/`other`) must exist in the serialised view.
#[test]
fn every_view_path_used_by_the_templates_exists() {
    let json = serde_json::to_value(full_view()).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (name, source) in BUILTIN {
        for path in view_paths(source) {
            checked += 1;
            if !resolves(&json, &path) {
                missing.push(format!("{name}: {path}"));
            }
        }
    }
    assert!(missing.is_empty(), "unknown view paths:\n{}", missing.join("\n"));
    assert!(checked > 100, "only {checked} paths found: the scanner is broken");
}

/// Dotted paths inside `{{ }}` and `{% %}` whose root is a view field (aliases expanded).
fn view_paths(source: &str) -> Vec<String> {
    const ROOTS: [&str; 12] = ["profile", "totals", "income", "expenditure", "fiscal", "general", "basic", "sangong", "gov_fund", "state_capital", "other", "options"];
    let mut paths = Vec::new();
    for tag in tags(source) {
        let mut in_string = false;
        let mut token = String::new();
        for ch in tag.chars().chain([' ']) {
            if ch == '"' {
                in_string = !in_string;
            }
            if !in_string && (ch.is_ascii_alphanumeric() || ch == '_' || ch == '.') {
                token.push(ch);
                continue;
            }
            let expanded = match token.split_once('.') {
                Some(("s", rest)) => format!("sangong.{rest}"),
                Some(("o", rest)) => format!("other.{rest}"),
                _ => token.clone(),
            };
            if expanded.contains('.') && ROOTS.contains(&expanded.split('.').next().unwrap_or("")) {
                paths.push(expanded);
            }
            token.clear();
        }
    }
    paths
}

/// The insides of every `{{ … }}` and `{% … %}`.
fn tags(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("{{").into_iter().chain(rest.find("{%")).min() {
        let close = if rest[start..].starts_with("{{") { "}}" } else { "%}" };
        let body = &rest[start + 2..];
        let end = body.find(close).unwrap_or(body.len());
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

fn resolves(json: &serde_json::Value, path: &str) -> bool {
    let mut cur = json;
    for key in path.split('.') {
        match cur.get(key) {
            Some(next) => cur = next,
            None => return false,
        }
    }
    true
}

#[test]
fn the_path_check_catches_a_misspelling() {
    let json = serde_json::to_value(full_view()).unwrap();
    let paths = view_paths("{% if sangong.presnt %}{{ s.abroad.actual | wan }}{{ m::num(v=o.fleet, label=\"a.b\") }}");
    assert_eq!(paths, ["sangong.presnt", "sangong.abroad.actual", "other.fleet"]);
    assert!(!resolves(&json, &paths[0]));
    assert!(resolves(&json, &paths[1]));
    assert!(!resolves(&json, &paths[2]));
}

/// A placeholder tells the finance officer which 说明材料 label to fill in, so every literal
/// label a built-in template names (`label="…"`, `【请补充：…】`, `【缺少上年数：…】`) must be a
/// label of the catalogue.
#[test]
fn placeholder_labels_are_catalogue_labels() {
    let mut unknown = Vec::new();
    let mut checked = 0;
    for (name, source) in BUILTIN {
        for label in literal_labels(source) {
            for part in label.split('、') {
                checked += 1;
                if juesuan::notes_catalog::find_label(part).is_none() {
                    unknown.push(format!("{name}: {part}"));
                }
            }
        }
    }
    assert!(unknown.is_empty(), "labels not in the 说明材料 catalogue:\n{}", unknown.join("\n"));
    assert!(checked > 20, "only {checked} labels found: the scanner is broken");
}

/// `label="X"` arguments and `【请补充：X】` / `【缺少上年数：X】` spans without template code.
fn literal_labels(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in source.split("label=\"").skip(1) {
        out.extend(piece.split('"').next().map(str::to_string));
    }
    for opening in ["【请补充：", "【缺少上年数："] {
        for piece in source.split(opening).skip(1) {
            let inner = piece.split('】').next().unwrap_or("");
            if !inner.contains("{{") && !inner.contains("{%") {
                out.push(inner.to_string());
            }
        }
    }
    out.retain(|l| !l.is_empty());
    out
}

/// Tera 1.20 panics (slicing a string by bytes) when a user template indexes a map with a
/// Chinese key; the render must come back as a template error naming the template, never a
/// panic that takes the whole run (or a batch worker) down.
#[test]
fn a_chinese_map_key_in_a_user_template_is_an_error_not_a_panic() {
    let src = "## 部门职责\n{{ profile[\"机构组成\"] }}\n";
    let set = Templates::builtin().with_source("part1_overview.txt", src);
    let err = narrate(&full_view(), &set).unwrap_err();
    match &err {
        NarrateError::Template { name, detail, .. } => {
            assert_eq!(name, "part1_overview.txt", "{err}");
            assert!(detail.contains("中文键") && detail.contains("机构组成"), "{err}");
        }
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains("第2行"), "{err}");
    // Single quotes and a key a few lines down the same way; a Chinese *value* in brackets
    // of a plain string (not an index) stays allowed.
    let src = "## 部门职责\n{% if true %}\n{{ profile['机构'] }}{% endif %}\n";
    let err = narrate(&full_view(), &Templates::builtin().with_source("part1_overview.txt", src)).unwrap_err();
    assert!(err.to_string().contains("第3行"), "{err}");
    let src = "## 部门职责\n{{ profile[\n\"机构\"] }}\n";
    let err = narrate(&full_view(), &Templates::builtin().with_source("part1_overview.txt", src)).unwrap_err();
    assert!(err.to_string().contains("第2行") && err.to_string().contains("中文键"), "a tag across lines: {err}");
    let ok = "## 部门职责\n【请补充：主要职能】[\"甲\"]{{ year }}\n";
    assert!(narrate(&full_view(), &Templates::builtin().with_source("part1_overview.txt", ok)).is_ok());
}
