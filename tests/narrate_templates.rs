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
    assert_eq!(written.len(), BUILTIN.len());
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
    let set = Templates::with_overrides(&dir).unwrap();
    assert_eq!(set.overridden(), ["part2_09_state_capital.txt"]);
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
    const ALLOWED: [&str; 1] = ["单价100万元以上设备"];
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
