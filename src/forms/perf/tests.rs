//! The 自评表 reader on forms in two layouts: the seed's export (11 columns, wide merged
//! labels, `0.00` cells, code prefix, `%` text) and a compact one (labels as `1.` / `其中：`
//! variants, numbers as numbers, blank cells, no code, two signatures in one cell).

use super::*;
use crate::workbook::{Cell, Grid};

fn t(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }
}
fn n(v: f64) -> Cell {
    Cell::Num(v)
}
fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|s| t(s)).collect()
}

/// The seed's layout (seed 004, lines 301–489), 11 columns A..K.
pub(crate) fn seed_style() -> Grid {
    let mut rows = vec![
        row(&["部门预算项目支出绩效自评表（2023年度）"]),
        row(&["项目名称", "51090423T000008810877-春节慰问费（2023）"]),
        row(&["主管部门", "中国共产党遂宁市安居区委员会办公室部门", "", "", "", "", "实施单位 （盖章）", "中国共产党遂宁市安居区委员会办公室"]),
        row(&["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "", "", "", "年度目标完成情况"]),
        row(&["", "", "节日慰问一线干部职工 、党员代表、基层群众。", "", "", "", "区委节日慰问一线干部职工 、党员代表、基层群众100余人。"]),
        row(&["", "2.项目实施内容及过程概述", "区委节日慰问一线干部职工、党员代表、基层群众100余人。"]),
        row(&["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]),
        row(&["", "总额", "4.00", "4.00", "4.00", "100.00%", "10", "10", "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）"]),
        row(&["", "其中：财政资金", "4.00", "4.00", "4.00", "100.00%", "/", "/", ""]),
        row(&["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", ""]),
        row(&["", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", ""]),
        row(&["", "其他资金", "", "", "", "", "/", "/", ""]),
        row(&["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]),
        row(&["", "产出指标", "数量指标", "节日开展一线干部职工及群众慰问", "＞", "80", "人", "100%", "10", "10", ""]),
        row(&["", "", "质量指标", "慰问准确率", "＝", "100", "%", "100%", "20", "20", ""]),
        row(&["", "", "时效指标", "完成时限", "＝", "2023", "年", "100%", "10", "10", ""]),
        row(&["", "效益指标", "可持续影响指标", "提高各个行业工作激情。", "定性", "良好", "", "100%", "20", "20", ""]),
        row(&["", "满意度指标", "满意度指标", "服务对象满意度", "≥", "90", "%", "100%", "10", "10", ""]),
        row(&["", "成本指标", "经济成本指标", "对一线班干部职工及群众慰问400元/人", "＝", "400", "元/人", "100%", "20", "20", ""]),
        row(&["合计", "", "", "", "", "", "", "", "100", "100", ""]),
        row(&["评价结论", "圆满完成2023年区委慰问工作。"]),
        row(&["存在问题", "无"]),
        row(&["改进措施", "无"]),
        row(&["项目负责人：许成程", "", "", "", "", "", "财务负责人：刘慧"]),
    ];
    rows[0].resize(11, Cell::Empty);
    Grid::new("区委办.xlsx", "Sheet7", rows, vec![(0, 0, 0, 10), (1, 1, 1, 10), (3, 0, 5, 0), (6, 0, 11, 0), (12, 0, 18, 0), (13, 1, 15, 1), (19, 0, 19, 7)])
}

/// A compact layout: title with a leading year, labels in other columns, numbers as
/// numbers, 执行率 as a fraction, blank 单位资金, goal/achieved as label rows, a shortfall
/// reason, 合计 merged to the left of the numbers, both signatures in one cell.
pub(crate) fn compact_style() -> Grid {
    let rows = vec![
        row(&["", "2023年度项目支出绩效自评表"]),
        row(&["", "项目名称", "", "档案工作经费"]),
        row(&["", "主管部门", "", "某局", "实施单位", "某局档案馆"]),
        row(&["", "年度目标", "", "完成40余家单位执法检查"]),
        row(&["", "目标完成情况", "", "完成42家"]),
        row(&["", "项目实施内容及过程", "", "开展检查"]),
        row(&["", "预算执行情况(10分)", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "偏差原因"]),
        vec![t(""), t("资金总额"), n(20.0), n(20.0), n(9.61), n(0.4805), n(10.0), n(4.0), t("部分检查改为线上开展，节约经费")],
        vec![t(""), t("其中:财政资金"), n(20.0), n(20.0), n(9.61), n(0.4805), t(""), t(""), t("")],
        vec![t(""), t("单位资金"), t(""), t(""), t(""), t(""), t(""), t(""), t("")],
        row(&["", "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "计量单位", "实际完成值", "分值", "得分", "未完成原因"]),
        vec![t(""), t(""), t("产出指标"), t("数量指标"), t("执法检查单位数"), t("≥"), t("40"), t("家"), t("42"), n(45.0), n(45.0), t("")],
        vec![t(""), t(""), t("满意度指标"), t("满意度指标"), t("群众满意率"), t("≥"), t("90"), t("%"), t("80%"), n(45.0), n(40.0), t("宣传不足")],
        vec![t(""), t("合计"), t(""), t(""), t(""), t(""), t(""), t(""), t(""), n(100.0), n(89.0), t("")],
        row(&["", "总体评价结论", "", "基本完成"]),
        row(&["", "存在的问题", "", "执行进度偏慢"]),
        row(&["", "改进建议", "", "加快进度"]),
        row(&["", "项目负责人：张三  财务负责人：李四"]),
    ];
    Grid::new("档案.xlsx", "自评", rows, vec![(1, 1, 1, 2), (7, 1, 9, 1)])
}

#[test]
fn every_label_alias_maps_to_its_concept() {
    for (k, aliases) in LABELS.iter() {
        for a in aliases {
            assert_eq!(concept(a), Some(*k), "{a}");
            assert_eq!(concept(&format!(" {a}（10分） ")), Some(*k), "{a} with a score suffix");
        }
    }
    assert_eq!(concept("其中：财政资金"), Some(C::Fund(FormFund::Fiscal)));
    assert_eq!(concept("2.项目实施内容及过程概述"), Some(C::Process));
    assert_eq!(concept("实施单位 （盖章）"), Some(C::Unit));
    assert_eq!(concept("1.项目年度目标完成情况"), Some(C::GoalSection));
    assert_eq!(concept("产出指标"), None);
    assert_eq!(concept("无"), None);
    // Every concept has its line in layout.txt.
    assert_eq!(LABELS.len(), 37);
    // No alias is claimed by two concepts.
    for (i, (k, aliases)) in LABELS.iter().enumerate() {
        for (k2, other) in &LABELS[i + 1..] {
            for a in aliases {
                assert!(!other.contains(a), "{a}: {k:?} and {k2:?}");
            }
        }
    }
}

#[test]
fn titles_are_recognised_by_text() {
    for t in ["部门预算项目支出绩效自评表（2023年度）", "部门预算项目支出绩效自评表", "项目支出绩效自评表(2024年度)", "2023年度项目支出绩效自评表", " 项目支出绩效自评表 "] {
        assert!(is_title(t), "{t}");
    }
    for t in ["部门整体支出绩效自评表", "项目支出绩效自评表说明", "一般公共预算财政拨款项目支出决算表"] {
        assert!(!is_title(t), "{t}");
    }
}

#[test]
fn project_codes_are_split_off() {
    let cases = [
        ("51090423T000008810877-春节慰问费（2023）", Some("51090423T000008810877"), "春节慰问费（2023）"),
        ("51090423T000008811083－党史研究专项工作经费（2023）", Some("51090423T000008811083"), "党史研究专项工作经费（2023）"),
        ("510904230000001 档案工作经费", Some("510904230000001"), "档案工作经费"),
        ("2023-春节慰问", None, "2023-春节慰问"),
        ("信息化建设及运行维护经费", None, "信息化建设及运行维护经费"),
        ("ABCDEFGH-名称", None, "ABCDEFGH-名称"),
    ];
    for (full, code, name) in cases {
        let (c, nm) = split_code(full);
        assert_eq!(c.as_deref(), code, "{full}");
        assert_eq!(nm, name, "{full}");
    }
}

#[test]
fn reads_the_seed_layout() {
    let g = seed_style();
    let titles = title_rows(&g);
    assert_eq!(titles, vec![(0, 0)]);
    let forms = read_forms(&g, &titles).unwrap();
    assert_eq!(forms.len(), 1);
    let f = &forms[0];
    assert_eq!(f.code.as_deref(), Some("51090423T000008810877"));
    assert_eq!(f.name, "春节慰问费（2023）");
    assert_eq!(f.short_name(), "春节慰问费");
    assert_eq!(f.name_at.a1(), "B2");
    assert_eq!(f.department.as_ref().unwrap().text, "中国共产党遂宁市安居区委员会办公室部门");
    assert_eq!(f.unit.as_ref().unwrap().text, "中国共产党遂宁市安居区委员会办公室");
    assert_eq!(f.goal.as_ref().unwrap().at.a1(), "C5");
    assert!(f.achieved.as_ref().unwrap().text.contains("100余人"));
    assert_eq!(f.process.as_ref().unwrap().at.a1(), "C6");
    assert_eq!(f.funds.len(), 5);
    let total = f.fund(FormFund::Total).unwrap();
    assert_eq!(total.adjusted.as_ref().unwrap().value.to_string(), "4");
    assert_eq!(total.actual.as_ref().unwrap().at.a1(), "E8");
    assert_eq!(total.rate.as_ref().unwrap().value.to_string(), "100.00");
    let unit = f.fund(FormFund::Unit).unwrap();
    assert_eq!(unit.actual.as_ref().unwrap().value.to_string(), "0", "0.00 is zero");
    let other = f.fund(FormFund::Other).unwrap();
    assert!(other.initial.is_none() && other.actual.is_none() && other.rate.is_none(), "blank is not given");
    assert_eq!(f.budget_weight.as_ref().unwrap().value.to_string(), "10");
    assert_eq!(f.budget_score.as_ref().unwrap().at.a1(), "H8");
    assert!(f.budget_reason.is_none(), "the printed instruction is not a reason");
    assert_eq!(f.indicators.len(), 6);
    let q = &f.indicators[1];
    assert_eq!((q.level1.as_str(), q.level2.as_str(), q.level3.as_str()), ("产出指标", "质量指标", "慰问准确率"));
    assert_eq!((q.nature.as_str(), q.target.as_str(), q.unit.as_str(), q.done.as_str()), ("＝", "100", "%", "100%"));
    assert_eq!(q.weight.as_ref().unwrap().value.to_string(), "20");
    assert_eq!(q.at.a1(), "D15");
    assert_eq!(f.indicators[4].level1, "满意度指标");
    assert_eq!(f.total_weight.as_ref().unwrap().at.a1(), "I20");
    assert_eq!(f.total_score.as_ref().unwrap().value.to_string(), "100");
    assert_eq!(f.conclusion.as_ref().unwrap().text, "圆满完成2023年区委慰问工作。");
    assert_eq!(f.problems.as_ref().unwrap().text, "无");
    assert_eq!(f.project_lead.as_deref(), Some("许成程"));
    assert_eq!(f.finance_lead.as_deref(), Some("刘慧"));
}

#[test]
fn reads_the_compact_layout() {
    let g = compact_style();
    let titles = title_rows(&g);
    assert_eq!(titles, vec![(0, 1)]);
    let f = &read_forms(&g, &titles).unwrap()[0];
    assert_eq!(f.title, "2023年度项目支出绩效自评表");
    assert_eq!(f.code, None);
    assert_eq!(f.name, "档案工作经费");
    assert_eq!(f.unit.as_ref().unwrap().text, "某局档案馆");
    assert_eq!(f.goal.as_ref().unwrap().text, "完成40余家单位执法检查");
    assert_eq!(f.achieved.as_ref().unwrap().text, "完成42家");
    let total = f.fund(FormFund::Total).unwrap();
    assert_eq!(total.actual.as_ref().unwrap().value.to_string(), "9.61");
    assert_eq!(total.rate.as_ref().unwrap().value.to_string(), "48.05", "a number cell is a fraction");
    assert!(f.fund(FormFund::Fiscal).is_some());
    assert!(f.fund(FormFund::SpecialAccount).is_none());
    assert!(f.fund(FormFund::Unit).unwrap().actual.is_none());
    assert_eq!(f.budget_score.as_ref().unwrap().value.to_string(), "4");
    assert_eq!(f.budget_reason.as_ref().unwrap().text, "部分检查改为线上开展，节约经费");
    assert_eq!(f.budget_reason.as_ref().unwrap().at.a1(), "I8");
    assert_eq!(f.indicators.len(), 2);
    assert_eq!(f.indicators[1].reason.as_ref().unwrap().text, "宣传不足");
    assert_eq!(f.indicators[1].done, "80%");
    assert_eq!(f.total_score.as_ref().unwrap().value.to_string(), "89");
    assert_eq!(f.conclusion.as_ref().unwrap().text, "基本完成");
    assert_eq!(f.measures.as_ref().unwrap().text, "加快进度");
    assert_eq!(f.project_lead.as_deref(), Some("张三"));
    assert_eq!(f.finance_lead.as_deref(), Some("李四"));
}

#[test]
fn stacked_forms_in_one_sheet() {
    let a = seed_style();
    let b = compact_style();
    let mut rows: Vec<Vec<Cell>> = (0..a.height()).map(|r| (0..a.width).map(|c| a.cell(r, c).clone()).collect()).collect();
    rows.push(vec![]);
    rows.extend((0..b.height()).map(|r| (0..b.width).map(|c| b.cell(r, c).clone()).collect::<Vec<_>>()));
    let g = Grid::new("x.xlsx", "全部", rows, vec![]);
    let titles = title_rows(&g);
    assert_eq!(titles.len(), 2);
    let forms = read_forms(&g, &titles).unwrap();
    assert_eq!(forms[0].indicators.len(), 6);
    assert_eq!(forms[1].name, "档案工作经费");
    assert_eq!(forms[1].name_at.a1(), "D27");
}

/// A form under a few lines of cover text (a tester's form titled on row 9 was skipped) is a
/// form; a title cell far down a sheet is not.
#[test]
fn a_title_far_down_a_sheet_is_not_a_form() {
    let mut rows: Vec<Vec<Cell>> = (0..8).map(|_| row(&["说明"])).collect();
    rows.push(row(&["部门预算项目支出绩效自评表"]));
    assert_eq!(title_rows(&Grid::new("x.xlsx", "自评", rows.clone(), vec![])), vec![(8, 0)]);
    let mut rows: Vec<Vec<Cell>> = (0..20).map(|_| row(&["说明"])).collect();
    rows.push(row(&["部门预算项目支出绩效自评表"]));
    assert!(title_rows(&Grid::new("x.xlsx", "自评", rows, vec![])).is_empty());
}

#[test]
fn bad_cells_are_located_errors() {
    let g = seed_style();
    let mut rows: Vec<Vec<Cell>> = (0..g.height()).map(|r| (0..g.width).map(|c| g.cell(r, c).clone()).collect()).collect();
    rows[7][4] = t("约4万");
    let g2 = Grid::new("区委办.xlsx", "Sheet7", rows.clone(), vec![]);
    let e = read_forms(&g2, &title_rows(&g2)).unwrap_err().to_string();
    assert!(e.contains("区委办.xlsx › Sheet7!E8") && e.contains("约4万"), "{e}");

    rows[7][4] = t("4.00");
    rows[13][9] = t("满分");
    let g3 = Grid::new("区委办.xlsx", "Sheet7", rows.clone(), vec![]);
    let e = read_forms(&g3, &title_rows(&g3)).unwrap_err().to_string();
    assert!(e.contains("Sheet7!J14") && e.contains("指标得分应为数字，却是“满分”"), "{e}");

    rows[13][9] = t("10");
    rows[7][5] = t("百分百");
    let g4 = Grid::new("区委办.xlsx", "Sheet7", rows.clone(), vec![]);
    let e = read_forms(&g4, &title_rows(&g4)).unwrap_err().to_string();
    assert!(e.contains("Sheet7!F8") && e.contains("百分数"), "{e}");

    rows[7][5] = t("100%");
    rows[1][1] = Cell::Empty;
    let g5 = Grid::new("区委办.xlsx", "Sheet7", rows.clone(), vec![]);
    let e = read_forms(&g5, &title_rows(&g5)).unwrap_err().to_string();
    assert!(e.contains("Sheet7!A2") && e.contains("项目名称”未填写"), "{e}");

    rows[1][1] = t("春节慰问费");
    rows[6][3] = t("预算");
    let g6 = Grid::new("区委办.xlsx", "Sheet7", rows, vec![]);
    let e = read_forms(&g6, &title_rows(&g6)).unwrap_err().to_string();
    assert!(e.contains("Sheet7!A1") && e.contains("找不到“调整后预算数”"), "{e}");
}
