//! 绩效自评表 read from real xlsx files written with rust_xlsxwriter: forms as extra sheets
//! of the department's workbook (seed layout: wide merged labels, code prefixes, `0.00` and
//! `100.00%` text) and, in a folder input, one workbook per project with a compact layout
//! (numbers as numbers, blank cells, other label wording, odd file names).

mod read_support;

use juesuan::model::*;
use juesuan::read::{dump, read_book};
use read_support::*;

/// The seed's layout, 11 columns, with its merges.
fn seed_form(sheet: &str, code_name: &str, money: [&str; 3], rate: &str, score: &str, reason: &str) -> SheetSpec {
    let mut s = SheetSpec::new(sheet);
    s.row(0, &["部门预算项目支出绩效自评表（2023年度）"]);
    s.row(1, &["项目名称", code_name]);
    s.row(2, &["主管部门", "中共某某区委办公室", "", "", "", "", "实施单位 （盖章）", "中共某某区委办公室"]);
    s.row(3, &["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "", "", "", "年度目标完成情况"]);
    s.row(4, &["", "", "节日慰问一线干部职工。", "", "", "", "慰问100余人。"]);
    s.row(5, &["", "2.项目实施内容及过程概述", "实地慰问。"]);
    s.row(6, &["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]);
    s.row(7, &["", "总额", money[0], money[1], money[2], rate, "=10", score, reason]);
    s.row(8, &["", "其中：财政资金", money[0], money[1], money[2], rate, "/", "/"]);
    s.row(9, &["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"]);
    s.row(10, &["", "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"]);
    s.row(11, &["", "其他资金", "", "", "", "", "/", "/"]);
    s.row(12, &["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]);
    s.row(13, &["", "产出指标", "数量指标", "慰问人数", "＞", "80", "人", "100%", "=40", "=40"]);
    s.row(14, &["", "", "时效指标", "完成时限", "＝", "2023", "年", "100%", "=20", "=20"]);
    s.row(15, &["", "满意度指标", "满意度指标", "服务对象满意度", "≥", "90", "%", "100%", "=30", "=30"]);
    s.row(16, &["合计", "", "", "", "", "", "", "", "=100", "=100"]);
    s.row(17, &["评价结论", "圆满完成慰问工作。"]);
    s.row(18, &["存在问题", "无"]);
    s.row(19, &["改进措施", "无"]);
    s.row(20, &["项目负责人：许成程", "", "", "", "", "", "财务负责人：刘慧"]);
    s.merges = vec![(0, 0, 0, 10), (1, 1, 1, 10), (2, 1, 2, 5), (2, 7, 2, 10), (3, 0, 5, 0), (3, 2, 3, 5), (3, 6, 3, 10), (4, 2, 4, 5), (4, 6, 4, 10), (5, 2, 5, 10), (6, 0, 11, 0), (12, 0, 15, 0), (13, 1, 14, 1), (16, 0, 16, 7), (17, 1, 17, 10), (18, 1, 18, 10), (19, 1, 19, 10), (20, 0, 20, 5), (20, 6, 20, 10)];
    s
}

/// A compact layout: title in B with a year prefix, labels in merged B:C, numbers as numbers,
/// 执行率 as a fraction, goal/achieved as label rows, no code, signatures in one cell.
fn compact_form(sheet: &str, name: &str, actual: &str, rate: &str) -> SheetSpec {
    let mut s = SheetSpec::new(sheet);
    s.row(0, &["", "2023年度项目支出绩效自评表"]);
    s.row(1, &["", "项目名称", "", name]);
    s.row(2, &["", "主管部门", "", "中共某某区委办公室", "实施单位", "区档案馆"]);
    s.row(3, &["", "年度目标", "", "完成执法检查"]);
    s.row(4, &["", "目标完成情况", "", "完成42家"]);
    s.row(5, &["", "预算执行情况(10分)", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "偏差原因"]);
    s.row(6, &["", "资金总额", "=20", "=20", actual, rate, "=10", "=4", "部分检查改为线上开展"]);
    s.row(7, &["", "其中:财政资金", "=20", "=20", actual, rate]);
    s.row(8, &["", "单位资金"]);
    s.row(9, &["", "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "计量单位", "实际完成值", "分值", "得分", "未完成原因"]);
    s.row(10, &["", "", "产出指标", "数量指标", "执法检查单位数", "≥", "40", "家", "42", "=45", "=45"]);
    s.row(11, &["", "", "满意度指标", "满意度指标", "群众满意率", "≥", "90", "%", "80%", "=45", "=40", "宣传不足"]);
    s.row(12, &["", "合计", "", "", "", "", "", "", "", "=100", "=89"]);
    s.row(13, &["", "总体评价结论", "", "基本完成"]);
    s.row(14, &["", "项目负责人：张三  财务负责人：李四"]);
    s.merges = vec![(0, 1, 0, 11), (1, 1, 1, 2), (2, 1, 2, 2), (3, 1, 3, 2), (4, 1, 4, 2), (6, 8, 8, 8), (12, 1, 12, 8), (13, 1, 13, 2)];
    s
}

#[test]
fn forms_on_extra_sheets_of_the_workbook() {
    let dir = temp_dir("perf_sheets");
    let path = dir.join("区委办.xlsx");
    let mut sheets = standard();
    sheets.push(seed_form("Sheet7", "51090423T000008810877-春节慰问费（2023）", ["4.00", "4.00", "4.00"], "100.00%", "=10", "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因"));
    sheets.push(seed_form("附表2", "51090423T000008811083-党史研究专项工作经费（2023）", ["10.00", "9.97", "9.97"], "100.00%", "=10", ""));
    write_book(&path, &sheets);
    let b = read_book(&path).unwrap();
    assert_eq!(b.forms.len(), 2);
    let f = &b.forms[0];
    assert_eq!(&*f.title_at.sheet, "Sheet7");
    assert_eq!(f.code.as_deref(), Some("51090423T000008810877"));
    assert_eq!(f.short_name(), "春节慰问费");
    assert_eq!(f.fund(FormFund::Total).unwrap().actual.as_ref().unwrap().at.a1(), "E8");
    assert_eq!(f.fund(FormFund::Unit).unwrap().actual.as_ref().unwrap().value.to_string(), "0");
    assert!(f.fund(FormFund::Other).unwrap().actual.is_none());
    assert_eq!(f.indicators.len(), 3);
    assert_eq!(f.indicators[1].level1, "产出指标", "merged 一级指标 carried down");
    assert_eq!(f.total_score.as_ref().unwrap().value.to_string(), "100");
    assert!(f.budget_reason.is_none());
    let g = &b.forms[1];
    assert_eq!(g.short_name(), "党史研究专项工作经费");
    assert_eq!(g.fund(FormFund::Total).unwrap().adjusted.as_ref().unwrap().value.to_string(), "9.97");
    // the thirteen tables are unaffected
    assert_eq!(b.t01.income_total.value.to_string(), "889.16");
    assert!(dump(&b).contains("绩效自评表：2 张"), "{}", dump(&b));
}

#[test]
fn one_workbook_per_project_in_a_folder() {
    let dir = temp_dir("perf_folder");
    write_book(&dir.join("决算公开表.xlsx"), &standard());
    write_book(&dir.join("导出(1).xlsx"), &[compact_form("Sheet1", "档案工作经费", "=9.61", "=0.4805")]);
    write_book(&dir.join("zz.xlsx"), &[seed_form("打印", "51090423T000008811265 信息化建设及运行维护经费（2023）", ["10.00", "9.74", "9.74"], "100.00%", "=10", "")]);
    let b = read_book(&dir).unwrap();
    assert_eq!(b.forms.len(), 2);
    let a = b.forms.iter().find(|f| f.name == "档案工作经费").unwrap();
    assert!(a.title_at.file.ends_with("导出(1).xlsx"));
    assert_eq!(a.code, None);
    let t = a.fund(FormFund::Total).unwrap();
    assert_eq!(t.actual.as_ref().unwrap().value.to_string(), "9.61");
    assert_eq!(t.rate.as_ref().unwrap().value.to_string(), "48.05");
    assert_eq!(a.budget_reason.as_ref().unwrap().text, "部分检查改为线上开展");
    assert!(a.fund(FormFund::Unit).unwrap().adjusted.is_none(), "blank row");
    assert_eq!(a.indicators[1].reason.as_ref().unwrap().text, "宣传不足");
    assert_eq!(a.total_score.as_ref().unwrap().at.a1(), "K13");
    assert_eq!(a.finance_lead.as_deref(), Some("李四"));
    let c = b.forms.iter().find(|f| f.code.as_deref() == Some("51090423T000008811265")).unwrap();
    assert_eq!(c.name, "信息化建设及运行维护经费（2023）");
}

#[test]
fn a_broken_form_names_its_cell() {
    let dir = temp_dir("perf_broken");
    let path = dir.join("区委办.xlsx");
    let mut sheets = standard();
    let mut f = seed_form("春节", "春节慰问费", ["4.00", "4.00", "四万"], "100.00%", "=10", "");
    f.put(13, 9, "满分");
    sheets.push(f);
    write_book(&path, &sheets);
    let e = read_book(&path).unwrap_err().to_string();
    assert!(e.contains("区委办.xlsx › 春节!E8") && e.contains("四万"), "{e}");
}
