//! Rendering whole views into documents: spot checks of key sentences per case, and the
//! golden Markdown preview of the full case (`UPDATE_GOLDEN=1 cargo test --test narrate_render`
//! rewrites it; review the diff).

mod narrate_fixture;

use juesuan::doc::{Block, Document};
use juesuan::narrate::*;
use narrate_fixture::*;

fn render(view: &View) -> Document {
    match narrate(view, &Templates::builtin()) {
        Ok(doc) => doc,
        Err(e) => panic!("render failed: {e}"),
    }
}

#[test]
fn golden_markdown_preview() {
    let md = to_markdown(&render(&full_view()));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/narrate_golden/full.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &md).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 to create)");
    if md != expected {
        let (n, (got, want)) = md.lines().zip(expected.lines()).enumerate().find(|(_, (a, b))| a != b).unwrap_or((0, ("", "")));
        panic!("preview differs from {} (UPDATE_GOLDEN=1 to accept)\nfirst difference at line {}:\n  got:  {got}\n  want: {want}", path.display(), n + 1);
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

fn headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn has_paragraph(doc: &Document, text: &str) -> bool {
    paragraphs(doc).iter().any(|p| p == text)
}

fn find_paragraph(doc: &Document, start: &str) -> String {
    paragraphs(doc).into_iter().find(|p| p.starts_with(start)).unwrap_or_else(|| panic!("no paragraph starting {start}"))
}

fn chart_numbers(doc: &Document) -> Vec<u8> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c.number),
            _ => None,
        })
        .collect()
}

#[test]
fn full_case_key_sentences() {
    let doc = render(&full_view());
    assert_eq!(doc.year, 2023);
    assert!(has_paragraph(&doc, "2023年度收、支总计均为889.16万元。与2022年度相比，收、支总计各增加44.34万元，增长5.25%。主要变动原因是人员的有关经费增加。"));
    assert!(has_paragraph(&doc, "2.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)：支出决算为402.23万元，完成预算100.00%，决算数与预算数持平。"));
    assert!(has_paragraph(&doc, "3.一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)专项业务(05)：支出决算为25.50万元，完成预算85.00%，决算数小于预算数的主要原因是部分会议改为视频方式召开，会务费减少。"));
    assert!(has_paragraph(&doc, "其中：公务用车购置支出0.00万元。全年按规定更新购置公务用车0辆。截至2023年12月31日，单位共有公务用车3辆，其中：轿车2辆、越野车1辆、载客汽车0辆。"));
    assert_eq!(chart_numbers(&doc), [1, 2, 3, 4, 5, 6, 7]);
    let h = headings(&doc);
    let part2: Vec<&String> = h.iter().filter(|t| t.contains("、") && t.ends_with("说明")).collect();
    assert_eq!(part2.len(), 10, "{part2:?}");
    assert_eq!(part2[9], "十、其他重要事项的情况说明");
    assert!(h.contains(&"第五部分 附表".to_string()));
    let tables = doc.blocks.iter().filter(|b| matches!(b, Block::AnnexTable { .. })).count();
    assert_eq!(tables, 13);
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Toc)));
}

#[test]
fn no_sangong_at_all() {
    let mut view = full_view();
    view.sangong = Sangong { present: false, change: compute_change(d("0"), Some(d("0"))), ..Sangong::default() };
    view.charts.retain(|c| c.number != 7);
    let doc = render(&view);
    assert!(has_paragraph(&doc, "2023年度本部门无“三公”经费财政拨款预算和支出：未安排因公出国（境）团组，未购置公务用车，未发生公务用车运行维护费和公务接待费。"));
    assert!(!headings(&doc).iter().any(|h| h.contains("“三公”经费财政拨款支出决算具体情况说明")));
    assert!(!chart_numbers(&doc).contains(&7));
    assert!(headings(&doc).contains(&"八、政府性基金预算支出决算情况说明".to_string()));
}

#[test]
fn no_sangong_this_year_but_last_year_explains_the_drop() {
    let mut view = full_view();
    let c = compute_change(d("0"), Some(d("6.89")));
    // The budget-execution statement never explains the change; the change's own label does.
    view.sangong = Sangong { present: false, change: c, reason: Reason::new(true, "三公经费预算执行说明", "不该出现"), change_reason: Reason::new(true, "三公经费变动原因", ""), ..Sangong::default() };
    view.charts.retain(|c| c.number != 7);
    let p = find_paragraph(&render(&view), "2023年度本部门无“三公”经费");
    assert!(p.ends_with("与2022年度相比，“三公”经费财政拨款支出减少6.89万元，下降100.00%。主要原因是【请补充：三公经费变动原因】。"), "{p}");
    assert!(!p.contains("不该出现"), "{p}");
}

#[test]
fn gov_fund_present() {
    let mut view = full_view();
    view.gov_fund = Fund {
        present: true,
        total: "32.91".into(),
        items: vec![FundItem { name: "城乡社区支出(212)国有土地使用权出让收入安排的支出(08)其他国有土地使用权出让收入安排的支出(99)".into(), amount: "32.91".into() }],
    };
    let doc = render(&view);
    assert!(has_paragraph(&doc, "2023年度政府性基金预算财政拨款支出32.91万元，主要用于以下方面：城乡社区支出(212)国有土地使用权出让收入安排的支出(08)其他国有土地使用权出让收入安排的支出(99)32.91万元。"));
    assert!(has_paragraph(&doc, "本年度无国有资本经营预算财政拨款支出。"));
}

#[test]
fn zero_funds_can_be_stated_as_zero_amounts() {
    let mut view = full_view();
    view.options.state_zero_funds = true;
    let doc = render(&view);
    assert!(has_paragraph(&doc, "2023年度政府性基金预算财政拨款支出0.00万元。"));
    assert!(has_paragraph(&doc, "2023年度国有资本经营预算财政拨款支出0.00万元。"));
}

#[test]
fn carryover_present() {
    let mut view = full_view();
    view.totals = Totals {
        grand_total: "1272.56".into(),
        income_total: "1020.75".into(),
        begin_balance: "251.81".into(),
        expenditure_total: "789.05".into(),
        end_balance: "483.51".into(),
        has_carryover: true,
        change: compute_change(d("1272.56"), Some(d("680.68"))),
        reason: Reason::new(true, "收支总计变动原因", "“两新”党组织建设等专项业务费增加"),
        ..Totals::default()
    };
    view.fiscal.grand_total = "1272.56".into();
    view.fiscal.income_total = "1020.75".into();
    view.fiscal.begin_balance = "251.81".into();
    view.fiscal.expenditure_total = "789.05".into();
    view.fiscal.end_balance = "483.51".into();
    view.fiscal.has_carryover = true;
    view.fiscal.change = compute_change(d("1272.56"), Some(d("680.68")));
    let doc = render(&view);
    let p = find_paragraph(&doc, "2023年度财政拨款收、支总计");
    assert!(p.starts_with("2023年度财政拨款收、支总计均为1272.56万元。收入总计中，本年财政拨款收入1020.75万元，年初财政拨款结转和结余251.81万元；支出总计中，本年财政拨款支出789.05万元，年末财政拨款结转和结余483.51万元。与2022年度相比，财政拨款收、支总计各增加591.88万元，增长86.95%。"), "{p}");
    assert!(has_paragraph(
        &doc,
        "2023年度收、支总计均为1272.56万元。收入总计中，本年收入合计1020.75万元，年初结转和结余251.81万元；支出总计中，本年支出合计789.05万元，年末结转和结余483.51万元。与2022年度相比，收、支总计各增加591.88万元，增长86.95%。主要变动原因是“两新”党组织建设等专项业务费增加。"
    ));
}

#[test]
fn missing_reasons_become_placeholder_runs() {
    let mut view = full_view();
    view.totals.reason.text.clear();
    view.sangong.vehicle.reason.text.clear();
    let doc = render(&view);
    let p = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if p.text().starts_with("2023年度收、支总计") => Some(p.clone()),
            _ => None,
        })
        .unwrap();
    let ph: Vec<&str> = p.runs.iter().filter(|r| r.placeholder).map(|r| r.text.as_str()).collect();
    assert_eq!(ph, ["【请补充：收支总计变动原因】"]);
    assert!(p.text().ends_with("主要变动原因是【请补充：收支总计变动原因】。"));
    let all = placeholders(&doc);
    for expected in ["【请补充：收支总计变动原因】", "【请补充：公务用车购置及运行维护费变动原因】", "【请补充：预决算差异原因：2013199】", "【请补充：档案工作经费绩效目标完成情况综述】"] {
        assert!(all.contains(&expected.to_string()), "{expected} not in {all:?}");
    }
}

#[test]
fn complete_inputs_leave_only_deliberate_placeholders() {
    let mut view = full_view();
    view.general.items[4].reason.text = "追加会议保障经费".into();
    view.other.projects[1].summary = "完成40余家单位执法检查。".into();
    assert!(placeholders(&render(&view)).is_empty());
}

#[test]
fn missing_prior_year_gives_placeholders_not_figures() {
    let mut view = full_view();
    let none = Change::default();
    view.totals.change = none.clone();
    view.totals.reason = Reason::new(false, "收支总计变动原因", "");
    view.fiscal.change = none.clone();
    view.fiscal.reason = Reason::default();
    view.general.change = none.clone();
    view.general.reason = Reason::default();
    let doc = render(&view);
    let p = find_paragraph(&doc, "2023年度收、支总计");
    // Once the placeholder is replaced by `增加X万元，增长Y%` the sentence reads as one.
    assert_eq!(p, "2023年度收、支总计均为889.16万元。与2022年度相比，收、支总计【缺少上年数：上年收入总计、上年支出总计】。");
    assert!(!p.contains("的比较"), "{p}");
    assert!(!p.contains("增加"));
    let all = placeholders(&doc);
    assert!(all.contains(&"【缺少上年数：上年收入总计、上年支出总计】".to_string()));
    assert!(all.contains(&"【缺少上年数：上年财政拨款收入总计、上年财政拨款支出总计】".to_string()));
    assert!(all.contains(&"【缺少上年数：上年一般公共预算财政拨款支出】".to_string()));
}

#[test]
fn missing_sangong_counts_are_placeholders() {
    let mut view = full_view();
    view.sangong.fleet.clear();
    view.sangong.reception = view.sangong.vehicle.clone();
    view.sangong.domestic = view.sangong.reception.actual.clone();
    view.sangong.domestic_batches.clear();
    let all = placeholders(&render(&view));
    assert!(all.contains(&"【请补充：公务用车保有量】".to_string()), "{all:?}");
    assert!(all.contains(&"【请补充：国内公务接待批次】".to_string()), "{all:?}");
}

#[test]
fn zero_foreign_reception_follows_the_template_in_full() {
    let mut view = full_view();
    view.sangong.reception = view.sangong.vehicle.clone();
    view.sangong.domestic = view.sangong.reception.actual.clone();
    view.sangong.domestic_batches = "4".into();
    view.sangong.domestic_people = "20".into();
    view.sangong.foreign = "0".into();
    view.sangong.foreign_batches = "0".into();
    view.sangong.foreign_people = "0".into();
    let doc = render(&view);
    let p = find_paragraph(&doc, "其中：国内公务接待支出");
    assert!(p.ends_with("；外事接待支出0.00万元，外事接待0批次，0人次（不包括陪同人员）。"), "{p}");
    assert!(!paragraphs(&doc).join("\n").contains("未发生外事接待"));
    assert!(!placeholders(&doc).iter().any(|p| p.contains("外事接待")), "{:?}", placeholders(&doc));
}

#[test]
fn optional_sections_shift_numbering_without_gaps() {
    let mut view = full_view();
    view.profile.key_work = "全年起草各类文稿500余篇。".into();
    view.options.include_annex = false;
    let h = headings(&render(&view));
    let pos = |t: &str| h.iter().position(|x| x == t).unwrap_or_else(|| panic!("{t} not in {h:?}"));
    assert!(pos("二、2023年度重点工作完成情况") < pos("三、机构设置"));
    assert_eq!(h.iter().filter(|t| t.starts_with("第")).cloned().collect::<Vec<_>>(), ["第一部分 部门概况", "第二部分 2023年度部门决算情况说明", "第三部分 名词解释", "第四部分 附表"]);
}

#[test]
fn general_spending_subsection_appears_only_with_data() {
    let h = headings(&render(&full_view()));
    assert!(h.contains(&"（二）政府采购支出情况".to_string()), "{h:?}");
    let mut view = full_view();
    view.other.meetings = "1.5".into();
    view.other.training = "2.3".into();
    let doc = render(&view);
    let h = headings(&doc);
    assert!(h.contains(&"（二）一般性支出情况".to_string()) && h.contains(&"（三）政府采购支出情况".to_string()), "{h:?}");
    assert!(h.contains(&"（五）预算绩效管理情况".to_string()), "{h:?}");
    assert!(has_paragraph(&doc, "2023年度，中共遂宁市安居区委员会办公室会议费支出1.50万元，培训费支出2.30万元。"));
}

#[test]
fn zero_items_are_listed_on_request() {
    let mut view = full_view();
    view.options.list_zero_items = true;
    let p = find_paragraph(&render(&view), "2023年度本年支出合计");
    assert_eq!(p, "2023年度本年支出合计889.16万元，其中：基本支出636.03万元，占71.53%；项目支出253.13万元，占28.47%；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。");
}

#[test]
fn a_multi_line_reason_stays_inside_its_sentence() {
    let mut view = full_view();
    view.totals.reason = Reason::new(true, "收支总计变动原因", "一是人员增加。\n# 二是业务量增加\n");
    let p = find_paragraph(&render(&view), "2023年度收、支总计");
    assert!(p.ends_with("主要变动原因是一是人员增加。# 二是业务量增加。"), "{p}");
}

#[test]
fn user_text_cannot_inject_markup() {
    let mut view = full_view();
    view.profile.organisation = "@chart 9\n# 不是标题".into();
    let doc = render(&view);
    assert!(has_paragraph(&doc, "@chart 9") && has_paragraph(&doc, "# 不是标题"));
}

#[test]
fn totals_whose_changes_differ_state_each_and_a_missing_side_is_never_invented() {
    let mut view = full_view();
    view.totals.expenditure_change = compute_change(d("889.16"), Some(d("850.00")));
    view.totals.changes_differ = true;
    let doc = render(&view);
    let p = find_paragraph(&doc, "2023年度收、支总计");
    assert!(p.contains("与2022年度相比，收入总计增加44.34万元，增长5.25%，支出总计增加39.16万元，增长4.61%。"), "{p}");
    // Only 收入总计 has a prior value: the pair is reported missing, naming the side to fill.
    let mut view = full_view();
    view.totals.change = Change { missing: "上年支出总计".into(), ..Change::default() };
    let p = find_paragraph(&render(&view), "2023年度收、支总计");
    assert!(p.contains("与2022年度相比，收、支总计【缺少上年数：上年支出总计】。") && !p.contains("各增加"), "{p}");
}

#[test]
fn running_cost_of_an_institution_says_it_does_not_apply() {
    let mut view = full_view();
    view.other.running_cost_not_applicable = true;
    view.other.running_cost = "0".into();
    let doc = render(&view);
    let text = paragraphs(&doc).join("\n");
    assert!(has_paragraph(&doc, "中共遂宁市安居区委员会办公室为事业单位，机关运行经费仅适用于行政单位和参照公务员法管理的事业单位，本单位不涉及机关运行经费。"), "{text}");
    assert!(!text.contains("机关运行经费支出0.00万元"), "{text}");
    assert!(!text.contains("机关运行经费持平"), "{text}");
}
