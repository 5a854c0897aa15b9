//! The glue from derive's `Facts` to the view: a hand-built `Facts` rendered through
//! `View::from_facts`, checking the words chosen for each enum and optional value.

use juesuan::derive::*;
use juesuan::doc::{Block, Document};
use juesuan::money::{format_wan, round_half_up};
use juesuan::model::Department;
use juesuan::narrate::{narrate, narrate_facts, placeholders, to_markdown, Templates, View};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

fn src() -> Provenance {
    Provenance { label: "测试".into(), at: None }
}

fn fig(s: &str) -> Figure {
    Figure { value: d(s), display: format_wan(d(s), false), source: src() }
}

fn share(pct: &str) -> Share {
    Share { pct: d(pct), display: round_half_up(d(pct), 2).to_string(), source: src() }
}

fn part(label: &str, amount: &str, pct: &str) -> Part {
    Part { key: label.into(), label: label.into(), amount: fig(amount), share: share(pct) }
}

fn text(t: &str) -> NoteText {
    NoteText { text: t.into(), paragraphs: t.lines().map(str::to_string).collect(), source: src() }
}

fn count(n: i64) -> Count {
    Count { value: n, source: src() }
}

/// A change as derive states it (direction given explicitly).
fn chg(cur: &str, prior: Option<&str>, direction: Direction, needs: bool, reason: Option<&str>, label: &str) -> Change {
    let delta = prior.map(|p| fig(&(d(cur) - d(p)).to_string()));
    let pct = prior.filter(|p| !d(p).is_zero()).map(|p| round_half_up((d(cur) - d(p)) * Decimal::ONE_HUNDRED / d(p), 2));
    Change {
        prior: prior.map(fig),
        delta_abs_display: delta.as_ref().map(|x| format_wan(x.value.abs(), false)),
        delta,
        pct,
        pct_abs_display: pct.map(|p| p.abs().to_string()),
        direction,
        needs_reason: needs,
        reason: reason.map(text),
        reason_label: Some(label.into()),
    }
}

fn flat(v: &str) -> Change {
    chg(v, Some(v), Direction::Flat, false, None, "")
}

fn completion(actual: &str, budget: Option<&str>, reason: Option<&str>, label: &str) -> Completion {
    let rate = budget.filter(|b| !d(b).is_zero()).map(|b| round_half_up(d(actual) * Decimal::ONE_HUNDRED / d(b), 2));
    let comparison = match budget.map(|b| d(actual).cmp(&d(b))) {
        None => BudgetComparison::Unknown,
        Some(std::cmp::Ordering::Equal) => BudgetComparison::Equal,
        Some(std::cmp::Ordering::Greater) => BudgetComparison::Above,
        Some(std::cmp::Ordering::Less) => BudgetComparison::Below,
    };
    Completion {
        budget: budget.map(fig),
        rate,
        rate_display: rate.map(|r| r.to_string()),
        needs_reason: !matches!(comparison, BudgetComparison::Equal | BudgetComparison::Unknown),
        comparison,
        reason: reason.map(text),
        reason_label: Some(label.into()),
    }
}

fn segs(parts: &[(&str, &str)]) -> Vec<PathSegment> {
    parts.iter().map(|(n, c)| PathSegment { name: n.to_string(), digits: c.to_string() }).collect()
}

fn item(code: &str, parts: &[(&str, &str)], amount: &str, budget: Option<&str>, reason: Option<&str>) -> Item {
    let segments = segs(parts);
    Item {
        code: code.into(),
        name: parts[2].0.into(),
        path: segments.iter().map(|s| format!("{}({})", s.name, s.digits)).collect(),
        segments,
        amount: fig(amount),
        basic: None,
        project: None,
        completion: completion(amount, budget, reason, &format!("预决算差异原因：{code}")),
    }
}

fn line(actual: &str, budget: &str, pct: Option<&str>, change: Change) -> ThreePublicLine {
    ThreePublicLine { actual: fig(actual), completion: completion(actual, Some(budget), None, ""), share: pct.map(share), change }
}

fn no_fund() -> FundSpending {
    FundSpending { has_data: false, total: fig("0"), basic: None, project: None, income: fig("0"), subjects: vec![] }
}

fn gov_fund() -> FundSpending {
    FundSpending {
        has_data: true,
        total: fig("32.91"),
        basic: None,
        project: None,
        income: fig("32.91"),
        subjects: vec![SubjectAmount { code: "2120899".into(), name: "其他国有土地使用权出让收入安排的支出".into(), path: "城乡社区支出(212)国有土地使用权出让收入安排的支出(08)其他国有土地使用权出让收入安排的支出(99)".into(), amount: fig("32.91") }],
    }
}

fn three_public() -> ThreePublicFacts {
    let vehicle_change = chg("12.52", Some("6.89"), Direction::Increase, true, None, "公务用车购置及运行维护费变动原因");
    ThreePublicFacts {
        total: line("12.52", "12.52", None, chg("12.52", Some("6.89"), Direction::Increase, true, Some("划入车辆1辆。"), "三公经费变动原因")),
        overseas: line("0", "0", Some("0"), flat("0")),
        vehicles: line("12.52", "12.52", Some("100"), vehicle_change),
        vehicle_purchase: line("0", "0", None, flat("0")),
        vehicle_operation: line("12.52", "12.52", None, flat("12.52")),
        reception: line("0", "0", Some("0"), flat("0")),
        vehicle_split: vec![],
        overseas_groups: Some(count(0)),
        overseas_people: Some(count(0)),
        vehicles_purchased: Some(count(0)),
        vehicles_held: Some(count(3)),
        vehicles_held_by_type: vec![LabelledCount { label: "轿车".into(), count: count(2) }, LabelledCount { label: "越野车".into(), count: count(1) }],
        vehicle_operation_use: None,
        domestic_batches: None,
        domestic_people: None,
        domestic_amount: None,
        domestic_content: None,
        foreign_batches: None,
        foreign_people: None,
        foreign_amount: None,
        statement: Some(text("不用于同比句。")),
    }
}

fn general_budget() -> GeneralBudget {
    let gps = ("一般公共服务支出", "201");
    let party = ("党委办公厅（室）及相关机构事务", "31");
    GeneralBudget {
        total: fig("889.16"),
        share_of_expenditure: share("100"),
        change: chg("889.16", Some("844.82"), Direction::Increase, false, None, "一般公共预算财政拨款支出变动原因"),
        basic: None,
        project: None,
        by_class: vec![part("一般公共服务支出", "889.16", "100")],
        items: vec![
            item("2013101", &[gps, party, ("行政运行", "01")], "402.23", Some("402.23"), None),
            item("2013105", &[gps, party, ("专项业务", "05")], "25.5", Some("30"), None),
            item("2013150", &[gps, party, ("事业运行", "50")], "97.71", Some("0"), Some("年中新增事业单位")),
            item("2013199", &[gps, party, ("其他党委办公厅（室）及相关机构事务支出", "99")], "363.72", None, None),
        ],
        completion: completion("889.16", None, None, ""),
    }
}

fn facts() -> Facts {
    let total_change = chg("889.16", None, Direction::Missing, false, None, "收支总计变动原因");
    Facts {
        meta: MetaFacts { department: "某区委办公室".into(), short_name: "区委办".into(), year: 2023, prior_year: 2022, prior_source: PriorSource::Notes },
        texts: Texts { functions: Some(text("（1）职责一。\n（2）职责二。")), key_work: None, organisation: Some(text("下属事业单位4个。")), annex: None },
        overview: Overview { income_grand_total: fig("889.16"), expenditure_grand_total: fig("889.16"), totals_equal: true, income_change: total_change.clone(), expenditure_change: total_change },
        income: Income { total: fig("889.16"), change: flat("889.16"), sources: vec![part("一般公共预算财政拨款收入", "856.25", "96.30"), part("政府性基金预算财政拨款收入", "32.91", "3.70"), part("事业收入", "0", "0")], use_of_non_fiscal_balance: None, begin_balance: Some(fig("0")) },
        expenditure: Expenditure { total: fig("889.16"), change: flat("889.16"), parts: vec![part("基本支出", "636.03", "71.53"), part("项目支出", "253.13", "28.47")], surplus_distribution: None, end_balance: Some(fig("0")) },
        fiscal: Fiscal {
            income_grand_total: fig("889.16"),
            expenditure_grand_total: fig("889.16"),
            totals_equal: true,
            income_change: chg("889.16", Some("0"), Direction::NewItem, true, None, "财政拨款收支变动原因"),
            expenditure_change: chg("889.16", Some("0"), Direction::NewItem, true, None, "财政拨款收支变动原因"),
            income_total: fig("889.16"),
            expenditure_total: fig("889.16"),
            income_by_fund: vec![],
            begin_balance: None,
            end_balance: None,
        },
        general_budget: general_budget(),
        basic: Basic {
            total: fig("636.03"),
            personnel: EconGroup { amount: fig("555.34"), items: vec!["基本工资".into(), "津贴补贴".into()], codes: vec!["30101".into(), "30102".into()] },
            public: EconGroup { amount: fig("80.69"), items: vec!["办公费".into()], codes: vec!["30201".into()] },
            split: vec![],
        },
        three_public: three_public(),
        gov_fund: gov_fund(),
        state_capital: no_fund(),
        running_cost: RunningCost { amount: fig("80.69"), approximated: true, change: chg("80.69", Some("68.41"), Direction::Increase, true, Some("人员增加"), "机关运行经费变动原因"), not_applicable: false },
        general_spending: GeneralSpending { meetings: Some(fig("1.5")), training: None },
        procurement: Procurement { total: Some(fig("35.6")), goods: Some(fig("20")), works: Some(fig("0")), services: Some(fig("15.6")), purpose: Some(text("购置办公设备")), sme: Some(fig("35.6")), sme_share: Some(share("100")), small_micro: Some(fig("30")), small_micro_share: Some(share("84.27")) },
        assets: Assets { vehicles_total: Some(count(3)), vehicles_by_use: vec![LabelledCount { label: "机要通信用车".into(), count: count(1) }], other_vehicle_use: None, equipment_over_1m: Some(count(0)) },
        performance: Performance {
            management: Some(text("对5个项目编制了绩效目标。")),
            projects: vec![ProjectFact { name: "春节慰问费".into(), actual: Some(fig("4")), completion: completion("4", Some("4"), None, ""), summary: "慰问100余人。".into() }],
            forms: vec![],
        },
        evaluation: None,
        glossary: vec![
            GlossaryEntry { term: "财政拨款收入".into(), code: None, kind: GlossaryKind::Term, explanation: Some("指单位从同级财政部门取得的财政预算资金。".into()), matched: GlossaryMatch::Dictionary },
            GlossaryEntry { term: "一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)".into(), code: Some("2013101".into()), kind: GlossaryKind::Subject, explanation: Some("反映行政单位（包括实行公务员管理的事业单位）的基本支出。".into()), matched: GlossaryMatch::Pattern },
            GlossaryEntry { term: "某未知科目(299)".into(), code: Some("2999999".into()), kind: GlossaryKind::Subject, explanation: None, matched: GlossaryMatch::Unknown },
        ],
        charts: (1..=7).map(|n| ChartFact { number: n, chart: None, omitted_reason: Some("全部为零".into()), prior_missing: false }).collect(),
        reasons: vec![],
        findings: vec![],
    }
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect()
}

fn render() -> Document {
    narrate(&View::from_facts(&facts()), &Templates::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_paragraph(doc: &Document, expected: &str) {
    let all = paragraphs(doc);
    assert!(all.iter().any(|p| p == expected), "missing:\n{expected}\nparagraphs:\n{}", all.join("\n"));
}

#[test]
fn view_strings_are_exact_decimals_and_words() {
    let v = View::from_facts(&facts());
    assert_eq!((v.year.as_str(), v.prior_year.as_str()), ("2023", "2022"));
    assert_eq!(v.totals.grand_total, "889.16");
    assert!(!v.totals.has_carryover, "zero balances are not carry-over");
    assert!(!v.totals.change.has_prior);
    assert_eq!(v.fiscal.change.pct, "", "new item: no percentage");
    assert_eq!(v.general.items[0].comparison, "持平");
    assert_eq!(v.general.items[1].comparison, "小于");
    assert!(v.sangong.present);
    assert_eq!(v.sangong.fleet_sedan, "2");
    assert_eq!(v.sangong.fleet_bus, "", "not supplied");
    assert_eq!(v.glossary[0].text, "指单位从同级财政部门取得的财政预算资金。");
    assert!(v.charts.is_empty());
}

#[test]
fn facts_render_with_the_right_words() {
    let doc = render();
    assert_paragraph(&doc, "2023年度收、支总计均为889.16万元。与2022年度相比，收、支总计【缺少上年数：上年收入总计、上年支出总计】。");
    assert_paragraph(&doc, "2023年度本年收入合计889.16万元，其中：一般公共预算财政拨款收入856.25万元，占96.30%；政府性基金预算财政拨款收入32.91万元，占3.70%。");
    assert_paragraph(&doc, "2023年度财政拨款收、支总计均为889.16万元。与2022年度相比，财政拨款收、支总计各增加889.16万元（上年无此项支出）。主要变动原因是【请补充：财政拨款收支变动原因】。");
    assert_paragraph(&doc, "2023年度一般公共预算财政拨款支出889.16万元，占本年支出合计的100.00%。与2022年度相比，一般公共预算财政拨款支出增加44.34万元，增长5.25%。");
    assert_paragraph(&doc, "2.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)专项业务(05)：支出决算为25.50万元，完成预算85.00%，决算数小于预算数的主要原因是【请补充：预决算差异原因：2013105】。");
    assert_paragraph(&doc, "3.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)事业运行(50)：支出决算为97.71万元，未安排预算，决算数大于预算数的主要原因是年中新增事业单位。");
    assert_paragraph(&doc, "4.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)其他党委办公厅（室）及相关机构事务支出(99)：支出决算为363.72万元，完成预算【请补充：2013199全年预算数】。");
    assert_paragraph(&doc, "2023年度政府性基金预算财政拨款支出32.91万元，主要用于以下方面：城乡社区支出(212)国有土地使用权出让收入安排的支出(08)其他国有土地使用权出让收入安排的支出(99)32.91万元。");
    assert_paragraph(&doc, "2023年度“三公”经费财政拨款支出决算为12.52万元，完成预算100.00%，决算数与预算数持平。与2022年度相比，“三公”经费财政拨款支出增加5.63万元，增长81.71%。主要原因是划入车辆1辆。");
    assert_paragraph(&doc, "2023年度，某区委办公室政府采购支出总额35.60万元，其中：政府采购货物支出20.00万元、政府采购工程支出0.00万元、政府采购服务支出15.60万元。主要用于购置办公设备。授予中小企业合同金额35.60万元，占政府采购支出总额的100.00%，其中：授予小微企业合同金额30.00万元，占政府采购支出总额的84.27%。");
    assert_paragraph(&doc, "2023年度，某区委办公室会议费支出1.50万元，培训费支出【请补充：培训费】。");
    assert_paragraph(&doc, "1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。");
    assert_paragraph(&doc, "2.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)：反映行政单位（包括实行公务员管理的事业单位）的基本支出。");
    // A subject without an explanation is a placeholder for its 说明材料 label, never a bare name.
    assert_paragraph(&doc, "3.某未知科目(299)：【请补充：名词解释：2999999】");
    assert_paragraph(&doc, "（1）职责一。");
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Chart(_))), "omitted charts are not inserted");
    let ph = placeholders(&doc);
    assert!(ph.contains(&"【请补充：公务用车保有量（载客汽车）】".to_string()), "{ph:?}");
    assert!(ph.contains(&"【请补充：名词解释：2999999】".to_string()), "{ph:?}");
    assert_eq!(juesuan::narrate::placeholder_key("【请补充：名词解释：2999999】"), juesuan::narrate::PlaceholderKey::Notes(vec!["名词解释：2999999".into()]));
}

/// The whole chain on the testkit department: derive → view → templates → document.
fn testkit_document(prior: bool) -> Document {
    let mut spec = juesuan::testkit::sample_spec();
    spec.notes.push(("收支总计变动原因", "人员经费增加。".into()));
    let prior = prior.then(|| {
        let mut p = juesuan::testkit::sample_spec();
        p.year = spec.year - 1;
        for l in p.lines.iter_mut() {
            l.basic = round_half_up(l.basic * Decimal::new(95, 2), 2);
        }
        p.build()
    });
    let dept = Department { book: spec.build(), prior };
    let facts = derive(&dept, &DeriveOptions::default());
    narrate_facts(&facts, &Templates::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn testkit_department_renders_end_to_end() {
    let doc = testkit_document(false);
    let md = to_markdown(&doc);
    assert!(md.contains("## 十、其他重要事项的情况说明"), "{md}");
    assert!(md.contains("# 第五部分 附表"));
    assert!(placeholders(&doc).iter().any(|p| p.starts_with("【缺少上年数")), "no prior year: placeholders expected");
    let charts = doc.blocks.iter().filter(|b| matches!(b, Block::Chart(_))).count();
    assert!(charts >= 4, "bar charts and non-zero pies are inserted ({charts})");
}

#[test]
fn testkit_department_with_prior_year_has_no_missing_prior_placeholders() {
    let doc = testkit_document(true);
    let ph = placeholders(&doc);
    assert!(!ph.iter().any(|p| p.starts_with("【缺少上年数")), "{ph:?}");
    let first = paragraphs(&doc).into_iter().find(|p| p.contains("年度收、支总计均为")).expect("section 一");
    assert!(first.contains("相比，收、支总计各"), "{first}");
}

/// A subject the dictionary does not know: a 警告, a placeholder counted like any other (so the
/// report is a 草稿 and `--final` refuses it), and `名词解释：<编码>` fills it.
#[test]
fn unknown_glossary_subject_is_a_counted_placeholder_until_its_label_fills_it() {
    use juesuan::pipeline::{build_report, Settings};
    let mut spec = juesuan::testkit::sample_spec();
    spec.names.insert("2013106", "某某特殊事务");
    spec.lines.push(juesuan::testkit::Line { fund: juesuan::model::Fund::General, code: "2013106", basic: d("0"), project: d("1") });
    let report = |spec: &juesuan::testkit::BookSpec| build_report(&Department { book: spec.build(), prior: None }, &Templates::builtin(), &Settings { force: true, ..Settings::default() }).unwrap();
    let r = report(&spec);
    let ph = "【请补充：名词解释：2013106】";
    assert!(r.placeholders.iter().any(|p| p == ph), "{:?}", r.placeholders);
    let g = r.findings.iter().find(|f| f.rule == "DERIVE-GLOSSARY-UNKNOWN").expect("a finding");
    assert_eq!(g.severity, juesuan::findings::Severity::Warning);
    assert!(to_markdown(&r.document).contains(&format!("某某特殊事务(06)：{ph}")));
    spec.notes.push(("名词解释：2013106", "反映某某特殊事务方面的支出。".into()));
    let r = report(&spec);
    assert!(!r.placeholders.iter().any(|p| p == ph), "{:?}", r.placeholders);
    assert!(!r.findings.iter().any(|f| f.rule == "DERIVE-GLOSSARY-UNKNOWN"));
    assert!(to_markdown(&r.document).contains("某某特殊事务(06)：反映某某特殊事务方面的支出。"));
}
