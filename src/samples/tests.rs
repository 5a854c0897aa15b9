use super::*;
use crate::model::{Col, TableId, Unit};
use crate::notes_catalog::NOTE_LABELS;
use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};
use rust_decimal::Decimal;
use std::io::Cursor;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn total(t: &SubjectData, col: Col) -> Decimal {
    t.total[t.columns.iter().position(|c| *c == col).unwrap()]
}

/// Identities recomputed here from the table data (independently of `identity_violations`).
fn assert_core_identities(t: &Tables) {
    let a = &t.t01;
    assert_eq!(a.income_grand, a.expenditure_grand);
    assert_eq!(a.income_total, a.income.iter().copied().sum::<Decimal>());
    assert_eq!(a.expenditure_total, a.classes.iter().map(|c| c.amount).sum::<Decimal>());
    assert_eq!(a.income_grand, a.income_total + a.use_balance + a.begin);
    assert_eq!(total(&t.t02, Col::IncomeTotal), a.income_total);
    assert_eq!(total(&t.t03, Col::ExpenditureTotal), a.expenditure_total);
    assert_eq!(total(&t.t06, Col::ExpenditureTotal), t.t04.expenditure_total[1]);
    assert_eq!(total(&t.t06, Col::Basic), t.t08.personnel_total + t.t08.public_total);
    assert_eq!(total(&t.t06, Col::Project), t.t09.total[0]);
    let cls = |code: &str, rows: &[CodeAmount]| rows.iter().find(|r| r.code == code).map_or(Decimal::ZERO, |r| r.amount);
    assert_eq!(t.t08.personnel_total, cls("301", &t.t08.personnel) + cls("303", &t.t08.personnel));
    assert_eq!(t.t13.actual[0], t.t13.actual[1] + t.t13.actual[2] + t.t13.actual[5]);
    assert_eq!(t.t13.actual[2], t.t13.actual[3] + t.t13.actual[4]);
    assert_eq!(t.t13.budget[0], t.t13.budget[1] + t.t13.budget[2] + t.t13.budget[5]);
    for tab in [&t.t10, &t.t11] {
        let v = &tab.total;
        assert_eq!(v[5], v[0] + v[1] - v[2]);
    }
    assert_eq!(total(&t.t10, Col::YearIncome), a.income[1]);
    assert_eq!(total(&t.t12, Col::ExpenditureTotal), t.t04.expenditure_total[3]);
    // 合计 = Σ类 = Σ款 = Σ项 in 03
    for len in [3, 5, 7] {
        let s: Decimal = t.t03.rows.iter().filter(|r| r.code.len() == len).map(|r| r.values[0]).sum();
        assert_eq!(s, a.expenditure_total, "03 Σ level {len}");
    }
    assert!(identity_violations(t).is_empty(), "{:?}", identity_violations(t));
}

#[test]
fn bundled_specs_hold_every_identity() {
    let specs = bundled_specs();
    assert_eq!(specs.len(), 3);
    for spec in specs.iter().chain([prior_year(&specs[2])].iter()) {
        let t = generate(spec).unwrap();
        assert_core_identities(&t);
    }
    // 01: administrative office, only 一般公共预算, 三公 only 公务用车
    let t = generate(&specs[0]).unwrap();
    assert_eq!(t.t01.income_total, d("904.13"));
    assert_eq!(t.t01.income[0], d("904.13"));
    assert!(t.t01.income[1..].iter().all(|v| v.is_zero()));
    assert_eq!(t.t01.classes.len(), 5);
    assert_eq!(t.t06.rows.iter().filter(|r| r.code.len() == 7).count(), 14);
    assert_eq!(total(&t.t06, Col::Basic), d("702.32"));
    assert_eq!(total(&t.t06, Col::Project), d("201.81"));
    assert_eq!(t.t13.actual, [d("6.32"), d("0"), d("6.32"), d("0"), d("6.32"), d("0")]);
    // 02: carry-overs, 其他收入, 政府性基金
    let t = generate(&specs[1]).unwrap();
    assert!(t.t01.begin > Decimal::ZERO && t.t01.end > Decimal::ZERO);
    assert!(t.t01.income[7] > Decimal::ZERO);
    assert!(!t.t10.rows.is_empty());
    assert!(t.t13.actual[1] > Decimal::ZERO && t.t13.actual[5] > Decimal::ZERO);
    assert!(t.t01.classes.len() >= 5);
    // 03: 元, 事业收入
    let t = generate(&specs[2]).unwrap();
    assert_eq!(specs[2].unit, Unit::Yuan);
    assert!(t.t01.income[4] > Decimal::ZERO);
    let prior = generate(&prior_year(&specs[2])).unwrap();
    assert_eq!(prior.t01.end, t.t01.begin, "上年年末 = 本年年初");
}

#[test]
fn corpus_departments_hold_every_identity() {
    let mut sizes = Vec::new();
    for i in 0..50 {
        let spec = corpus_spec(i, 7);
        let t = generate(&spec).unwrap_or_else(|e| panic!("corpus {i}: {e}"));
        assert_core_identities(&t);
        let n = t.t03.rows.iter().filter(|r| r.code.len() == 7).count();
        assert!((10..=200).contains(&n), "corpus {i}: {n} 项");
        sizes.push(n);
    }
    assert!(sizes.contains(&200));
    assert!(sizes.iter().any(|n| *n < 40));
    let names: std::collections::BTreeSet<String> = (0..50).map(|i| corpus_spec(i, 7).file_stem).collect();
    assert_eq!(names.len(), 50);
    assert_eq!(corpus_spec(3, 7), corpus_spec(3, 7));
}

#[test]
fn inconsistent_spec_is_an_error_not_a_panic() {
    let mut spec = bundled_specs().remove(0);
    spec.lines[0].begin = spec.lines[0].basic * 2;
    assert!(matches!(generate(&spec), Err(SampleError::Inconsistent(_))));
    let mut spec = bundled_specs().remove(0);
    spec.three_actual.operation = spec.lines[0].basic * 10;
    assert!(generate(&spec).is_err());
}

// ───────────────────────────── rendered workbooks ─────────────────────────────

fn sheets(bytes: &[u8]) -> Vec<(String, Range<Data>)> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names().to_vec();
    names.into_iter().map(|n| (n.clone(), wb.worksheet_range(&n).unwrap())).collect()
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

fn find_sheet<'a>(all: &'a [(String, Range<Data>)], title: &str) -> &'a Range<Data> {
    &all.iter().find(|(_, r)| r.rows().take(2).flatten().any(|c| cell_text(c) == title)).unwrap_or_else(|| panic!("no sheet titled {title}")).1
}

/// The amount in column `col_offset` after the first cell whose text is `label`.
fn amount_right_of(r: &Range<Data>, label: &str, nth: usize) -> f64 {
    for row in r.rows() {
        if let Some(i) = row.iter().position(|c| cell_text(c).trim() == label) {
            let mut seen = 0;
            for c in &row[i + 1..] {
                if let Data::Float(f) = c {
                    if seen == nth {
                        return *f;
                    }
                    seen += 1;
                }
            }
        }
    }
    panic!("label {label} not found");
}

#[test]
fn rendered_bundled_workbook_reads_back_with_calamine() {
    let spec = bundled_specs().remove(0);
    let bytes = render(&spec, &Style::standard()).unwrap();
    let all = sheets(&bytes);
    for id in TableId::ALL {
        let r = find_sheet(&all, id.title());
        assert!(r.rows().flatten().any(|c| cell_text(c) == "金额单位：万元"), "{id}");
        assert!(r.rows().flatten().any(|c| cell_text(c) == id.code()), "{id}");
        assert!(r.rows().flatten().any(|c| cell_text(c).starts_with("注：本表反映")), "{id}");
    }
    let t01 = find_sheet(&all, TableId::T01.title());
    // 本年收入合计: 行次 then 金额
    assert_eq!(amount_right_of(t01, "本年收入合计", 1), 904.13);
    assert_eq!(amount_right_of(t01, "一、一般公共预算财政拨款收入", 1), 904.13);
    assert_eq!(amount_right_of(t01, "八、其他收入", 1), 0.0);
    assert!(t01.rows().flatten().any(|c| cell_text(c) == "年末结转和结余"));
    let t06 = find_sheet(&all, TableId::T06.title());
    assert_eq!(amount_right_of(t06, "合计", 0), 904.13);
    assert_eq!(amount_right_of(t06, "合计", 1), 702.32);
    assert_eq!(amount_right_of(t06, "行政运行", 0), 386.52);
    let t13 = find_sheet(&all, TableId::T13.title());
    assert!(t13.rows().flatten().any(|c| cell_text(c) == "公务用车购置及运行维护费"));
    let notes = &all.iter().find(|(n, _)| n == "说明材料").unwrap().1;
    assert!(notes.rows().any(|r| cell_text(&r[0]) == "上年收入总计"));
    let budget = &all.iter().find(|(n, _)| n == "预算数").unwrap().1;
    assert_eq!(budget.rows().count(), 15);
}

#[test]
fn folder_sample_uses_yuan_split_codes_three_blocks_vertical_13() {
    let spec = bundled_specs().remove(2);
    let files = render_files(&spec, &Style::folder_split()).unwrap();
    assert_eq!(files.len(), 14 + 3, "13 tables, 说明材料, one workbook per 自评表");
    assert!(files.iter().all(|(n, _)| n.starts_with("03_农业技术服务中心/")));
    assert!(files.iter().any(|(n, _)| n == "03_农业技术服务中心/绩效自评表-农业新技术示范推广.xlsx"));
    let t06 = files.iter().find(|(n, _)| n.contains("一般公共预算财政拨款支出决算表")).unwrap();
    let all = sheets(&t06.1);
    let r = &all[0].1;
    assert!(r.rows().flatten().any(|c| cell_text(c) == "金额单位：元"));
    // split: 213 | 01 | 04 then the name
    assert!(r.rows().any(|row| cell_text(&row[0]) == "213" && cell_text(&row[1]) == "01" && cell_text(&row[2]) == "04"));
    let t13 = files.iter().find(|(n, _)| n.contains("三公")).unwrap();
    let r = &sheets(&t13.1)[0].1;
    assert_eq!(amount_right_of(r, "公务接待费", 1), 5230.0);
    let t08 = files.iter().find(|(n, _)| n.contains("基本支出")).unwrap();
    let r = &sheets(&t08.1)[0].1;
    assert!(r.rows().any(|row| row.iter().filter(|c| cell_text(c) == "决算数").count() == 3));
}

#[test]
fn every_style_variant_renders_and_units_scale() {
    let spec = bundled_specs().remove(1);
    let mut style = Style::standard();
    style.yuan_override = true;
    style.amounts = AmountCells::Text;
    style.sheets = SheetNaming::Shuffled;
    style.label_variants = true;
    style.extra_blank_rows = true;
    style.seed = 5;
    let all = sheets(&render(&spec, &style).unwrap());
    let t01 = find_sheet(&all, TableId::T01.title());
    assert!(t01.rows().flatten().any(|c| cell_text(c) == "金额单位：元"));
    let t = generate(&spec).unwrap();
    let expect = crate::money::format_wan(t.t01.income_total * Decimal::from(10000), true);
    assert!(t01.rows().any(|r| cell_text(&r[0]) == "本年收入合计" && cell_text(&r[2]) == expect));
    assert!(t01.rows().flatten().any(|c| cell_text(c) == "使用非财政拨款结余（含专用结余）"));
    assert!(all.iter().all(|(n, _)| !n.starts_with("公开")));
    for seed in 0..12 {
        let st = Style::varied(seed);
        let files = render_files(&corpus_spec(seed as usize, 1), &st).unwrap();
        assert!(!files.is_empty());
    }
}

#[test]
fn blank_template_has_thirteen_tables_and_every_note_label() {
    let bytes = render_template().unwrap();
    let all = sheets(&bytes);
    for id in TableId::ALL {
        find_sheet(&all, id.title());
    }
    let notes = &all.iter().find(|(n, _)| n == "说明材料").unwrap().1;
    let labels: Vec<String> = notes.rows().map(|r| cell_text(&r[0])).collect();
    for nl in NOTE_LABELS {
        assert!(labels.iter().any(|l| l == nl.label), "missing {}", nl.label);
    }
    // The per-code labels are shown with an example code, and the reader knows them.
    for l in ["预决算差异原因：2013105", "名词解释：2130106"] {
        assert!(labels.iter().any(|x| x == l), "missing {l}");
        assert!(crate::notes_catalog::find_label(l).is_some(), "{l}");
    }
    assert!(all.iter().any(|(n, _)| n == "预算数"));
    assert!(all.iter().any(|(n, _)| n == "项目绩效"));
    let t01 = find_sheet(&all, TableId::T01.title());
    assert!(t01.rows().flatten().any(|c| cell_text(c) == "本年收入合计"));
    assert!(!t01.rows().flatten().any(|c| matches!(c, Data::Float(f) if *f > 100.0)), "amounts empty");
}

#[test]
fn output_is_byte_deterministic_and_matches_committed_samples() {
    let a = render(&bundled_specs().remove(1), &Style::standard()).unwrap();
    let b = render(&bundled_specs().remove(1), &Style::standard()).unwrap();
    assert_eq!(a, b);
    assert_eq!(render_template().unwrap(), render_template().unwrap());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for (dept, style) in bundled_with_styles() {
        for (rel, bytes) in render_files(&dept, &style).unwrap() {
            let committed = std::fs::read(root.join(&rel)).unwrap_or_else(|e| panic!("samples/{rel}: {e}"));
            assert!(committed == bytes, "samples/{rel} drifted: run the regeneration (see README)");
        }
    }
}

#[test]
fn notes_are_consistent_with_tables() {
    for spec in bundled_specs() {
        let t = generate(&spec).unwrap();
        let notes = note_entries(&spec, &t);
        let get = |k: &str| notes.iter().find(|(l, _)| l == k).map(|(_, v)| v.clone());
        let amount = |k: &str| match get(k) {
            Some(NoteValue::Amount(a)) => a,
            other => panic!("{k}: {other:?}"),
        };
        let count = |k: &str| match get(k) {
            Some(NoteValue::Count(n)) => n,
            other => panic!("{k}: {other:?}"),
        };
        let wan = |v: Decimal| if spec.unit == Unit::Yuan { v / Decimal::from(10000) } else { v };
        assert!(amount("机关运行经费") <= wan(t.t08.public_total));
        assert_eq!(
            amount("政府采购支出总额"),
            amount("政府采购货物支出") + amount("政府采购工程支出") + amount("政府采购服务支出")
        );
        assert!(amount("授予小微企业合同金额") <= amount("授予中小企业合同金额"));
        let by_use: u32 = ["主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车", "特种专业技术用车", "离退休干部服务用车", "其他用车"]
            .iter()
            .map(|k| count(k))
            .sum();
        assert_eq!(by_use, count("车辆总数"));
        assert_eq!(
            count("公务用车保有量"),
            count("公务用车保有量（轿车）") + count("公务用车保有量（越野车）") + count("公务用车保有量（载客汽车）")
        );
        assert_eq!(amount("国内公务接待费") + amount("外事接待费"), wan(t.t13.actual[5]));
        let econ = |code: &str| wan(t.t08.public.iter().find(|r| r.code == code).map_or(Decimal::ZERO, |r| r.amount));
        assert!(amount("会议费") >= econ("30215"));
        assert!(amount("培训费") >= econ("30216"));
        for (label, _) in &notes {
            assert!(crate::notes_catalog::find_label(label).is_some(), "unknown label {label}");
        }
    }
    // 02 has budgets below 100% with reasons
    let spec = bundled_specs().remove(1);
    let t = generate(&spec).unwrap();
    let rows = budget_rows(&spec, &t);
    let below: Vec<_> = rows.iter().filter(|(c, full, _)| *full > t.t06.rows.iter().find(|r| &r.code == c).unwrap().values[0]).collect();
    assert_eq!(below.len(), 2);
    let notes = note_entries(&spec, &t);
    for (code, _, _) in below {
        assert!(notes.iter().any(|(l, _)| l == &format!("预决算差异原因：{code}")));
    }
    assert_eq!(project_rows(&spec).len(), 6);
}

/// Regenerates the committed bundled samples, as `juesuan sample -o samples` does:
/// `cargo test --release --lib samples::tests::regenerate_bundled_samples -- --ignored` (samples/README.md
/// gives the same two commands; tests/readme.rs checks that they agree).
#[test]
#[ignore]
fn regenerate_bundled_samples() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let written = write_bundled(&root).unwrap();
    assert_eq!(written.len(), 4);
}

/// Prints a sample as text rows (debug aid): `SAMPLE=samples/x.xlsx cargo test --lib dump_sample -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_sample() {
    let path = std::env::var("SAMPLE").unwrap_or_else(|_| "samples/02_市委办公厅.xlsx".into());
    let bytes = if path == "template" {
        render_template().unwrap()
    } else {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
    };
    for (name, range) in sheets(&bytes) {
        println!("===== {name}");
        for row in range.rows() {
            if row.iter().any(|c| !cell_text(c).is_empty()) {
                println!("{}", row.iter().map(cell_text).collect::<Vec<_>>().join(" | "));
            }
        }
    }
}

#[test]
fn writers_create_files_on_disk() {
    let dir = std::env::temp_dir().join(format!("juesuan-samples-{}", std::process::id()));
    let bundled = write_bundled(&dir.join("b")).unwrap();
    assert_eq!(bundled.len(), 4);
    assert!(bundled[0].ends_with("01_区委办公室.xlsx") && bundled[0].is_file());
    assert!(bundled[2].ends_with("03_农业技术服务中心") && bundled[2].is_dir());
    assert!(bundled[3].join("说明材料.xlsx").is_file());
    let template = dir.join("t").join("模板.xlsx");
    write_blank_template(&template).unwrap();
    assert!(template.is_file());
    let corpus = write_corpus(&dir.join("c"), 4, 11).unwrap();
    assert_eq!(corpus.len(), 4);
    assert!(corpus.iter().all(|p| p.exists()));
    assert!(corpus[0].file_name().unwrap().to_string_lossy().starts_with("部门0001_"));
    let again = write_corpus(&dir.join("c2"), 4, 11).unwrap();
    for (a, b) in corpus.iter().zip(&again) {
        if a.is_file() {
            assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Prints the key figures of the bundled samples (for README): `cargo test --lib key_figures -- --ignored --nocapture`.
#[test]
#[ignore]
fn key_figures() {
    for (dept, _) in bundled_with_styles() {
        let t = generate(&dept).unwrap();
        println!(
            "{} [{:?}] 总计 {} 本年收入 {} 本年支出 {} 03基本 {} 03项目 {} 06 {} 人员 {} 公用 {} 年初 {} 年末 {} 三公预算 {} 三公决算 {} 收入{:?}",
            dept.file_stem,
            dept.unit,
            t.t01.income_grand,
            t.t01.income_total,
            t.t01.expenditure_total,
            total(&t.t03, Col::Basic),
            total(&t.t03, Col::Project),
            total(&t.t06, Col::ExpenditureTotal),
            t.t08.personnel_total,
            t.t08.public_total,
            t.t01.begin,
            t.t01.end,
            t.t13.budget[0],
            t.t13.actual[0],
            t.t01.income.iter().map(|v| v.to_string()).collect::<Vec<_>>()
        );
    }
}

/// The bundled 绩效自评表 read back through the reader: 01 has four sheets in the workbook
/// (seed layout, code prefixes on three, a title without the year), 03 three workbooks in its
/// folder (compact and seed layouts, blank cells); one project is below 90% with its 原因;
/// the forms raise no 绩效 finding and their 财政资金 stays within the tables.
#[test]
fn bundled_forms_read_back_and_agree_with_the_tables() {
    use crate::model::FormFund;
    let dir = std::env::temp_dir().join(format!("juesuan-sample-forms-{}", std::process::id()));
    let paths = write_bundled(&dir).unwrap();
    let read = |i: usize| crate::read::read_book(&paths[i]).unwrap();
    let b01 = read(0);
    let names: Vec<&str> = b01.forms.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["区委日常公务运转保障（2023）", "区委重要会议和文稿服务保障（2023）", "保密技术检查与电子政务运维", "全区党政办公室系统业务培训（2023）"]);
    assert_eq!(b01.forms.iter().filter(|f| f.code.is_some()).count(), 3);
    assert_eq!(b01.forms[0].code.as_deref(), Some("51012223T000008810877"));
    assert_eq!(&*b01.forms[1].title_at.sheet, "附表2 (2)");
    assert!(b01.forms[0].title.ends_with("（2023年度）") && !b01.forms[3].title.contains("2023"));
    let low = &b01.forms[2];
    let total = low.fund(FormFund::Total).unwrap();
    assert_eq!(total.adjusted.as_ref().unwrap().value, d("50.00"));
    assert_eq!(total.actual.as_ref().unwrap().value, d("41.26"));
    assert_eq!(total.rate.as_ref().unwrap().value, d("82.52"));
    assert!(low.budget_reason.as_ref().unwrap().text.contains("第四季度运维费"));
    assert_eq!(low.total_score.as_ref().unwrap().value, d("96.25"));
    // seed layout: unused fund rows print 0.00, 其他资金 is blank
    assert_eq!(low.fund(FormFund::Unit).unwrap().actual.as_ref().unwrap().value, Decimal::ZERO);
    assert!(low.fund(FormFund::Other).unwrap().actual.is_none());
    // 年中追加: 年初预算 below 调整后预算数
    let f2 = b01.forms[1].fund(FormFund::Fiscal).unwrap();
    assert_eq!((f2.initial.as_ref().unwrap().value, f2.adjusted.as_ref().unwrap().value), (d("80.00"), d("88.40")));

    let b03 = read(2);
    assert_eq!(b03.forms.len(), 3);
    let f = &b03.forms[0];
    assert!(b03.forms.iter().any(|f| f.title == "2023年度项目支出绩效自评表"));
    assert!(b03.forms.iter().any(|f| f.title == "项目支出绩效自评表"));
    assert!(b03.forms.iter().any(|f| f.code.as_deref() == Some("51092223T000009120345") && f.title.ends_with("（2023年度）")));
    let shortfall: Vec<_> = b03.forms.iter().flat_map(|f| &f.indicators).filter(|i| i.reason.is_some()).collect();
    assert_eq!(shortfall.len(), 1);
    assert_eq!(shortfall[0].level3, "重大病虫害统防统治覆盖率");
    // compact layout: unused fund rows are blank, not zero
    let compact = b03.forms.iter().find(|f| f.title == "项目支出绩效自评表").unwrap();
    assert!(compact.fund(FormFund::SpecialAccount).unwrap().actual.is_none());
    assert_eq!(compact.fund(FormFund::Fiscal).unwrap().actual.as_ref().unwrap().value, d("42.36"));
    assert!(f.project_lead.as_deref().is_some_and(|p| !p.contains("财务负责人")));
    assert!(read(1).forms.is_empty() && read(3).forms.is_empty(), "02 keeps its 项目绩效 sheet only; the prior year has no forms");

    for (i, book) in [(0, &b01), (2, &b03)] {
        let fiscal: Decimal = book.forms.iter().filter_map(|f| f.fund(FormFund::Fiscal)?.actual.as_ref().map(|a| a.value)).sum();
        let tables = book.t06.total_of(Col::Project).unwrap().value;
        assert!(fiscal <= tables, "{i}: {fiscal} > {tables}");
        let dept = crate::model::Department { book: book.clone(), prior: None };
        // No 自评表 rule fires, and no text contradicts the grades (issue 14: `目标基本完成` beside 优).
        let perf: Vec<_> = crate::check::check(&dept).into_iter().filter(|f| f.rule.contains("PERF") || f.rule == "X-TEXT-CONTRADICTION").map(|f| f.message).collect();
        assert!(perf.is_empty(), "{i}: {perf:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The 说明材料 of the bundled samples state no figure the template prints (issue 14: the
/// 项目绩效 综述 said `资金执行315.20万元` beside the 执行数 column) and fill the 绩效评价 labels.
#[test]
fn sample_free_text_restates_no_amount_and_fills_performance_labels() {
    for spec in bundled_specs() {
        let t = generate(&spec).unwrap();
        let notes = note_entries(&spec, &t);
        for (label, v) in &notes {
            if let NoteValue::Text(s) = v {
                assert!(!s.contains("万元"), "{}: {label} states an amount: {s}", spec.file_stem);
            }
        }
        for (name, _, _, summary) in project_rows(&spec) {
            assert!(!summary.contains("万元") && !summary.contains("执行率"), "{name}: {summary}");
        }
        let filled = notes.iter().filter(|(l, _)| l.starts_with("绩效评价：")).count();
        assert!(filled >= 11, "{}: {filled} 绩效评价 labels", spec.file_stem);
        if !spec.forms.is_empty() {
            assert!(notes.iter().any(|(l, v)| l == "绩效评价：常年项目数" && matches!(v, NoteValue::Count(3))), "{}", spec.file_stem);
            assert!(!notes.iter().any(|(l, _)| l == "附件"), "{}: forms replace the 附件 text", spec.file_stem);
        }
    }
    let notes = note_entries(&bundled_specs()[0], &generate(&bundled_specs()[0]).unwrap());
    let eval: Vec<&str> = notes.iter().filter(|(l, _)| l.starts_with("项目评价：")).map(|(l, _)| l.as_str()).collect();
    assert_eq!(eval.len(), 3);
    assert!(eval.iter().all(|l| crate::notes_catalog::project_eval_label(l).is_some_and(|(n, _)| n == "保密技术检查与电子政务运维")));
}

/// `init`'s blank 自评表 is read as no form at all; the same sheet with a name and figures is one.
#[test]
fn blank_template_form_is_skipped_and_a_filled_one_is_read() {
    let bytes = render_template().unwrap();
    let all = sheets(&bytes);
    let form = &all.iter().find(|(n, _)| n == "绩效自评表").expect("blank 自评表 sheet").1;
    let texts: Vec<String> = form.rows().flatten().map(cell_text).collect();
    for label in ["项目名称", "调整后预算数", "三级指标", "未完成原因分析", "评价结论"] {
        assert!(texts.iter().any(|t| t == label), "{label}");
    }
    assert!(!form.rows().flatten().any(|c| matches!(c, Data::Float(_))), "no figures in the blank form");
    let dir = std::env::temp_dir().join(format!("juesuan-blank-form-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("模板.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    // The blank template stops at the missing 年度 (forms are read before it), not at the form.
    let err = crate::read::read_book(&path).unwrap_err().to_string();
    assert!(err.contains("年度") && !err.contains("自评表"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
