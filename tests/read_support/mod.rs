//! Fixture workbooks for the reader tests, written with rust_xlsxwriter.
//!
//! Cell values are strings with a small convention: `=12.5` writes the number 12.5, `!#REF!`
//! writes a formula whose cached result is that error value, anything else is text (so codes
//! like `201` are text, as the 财决 export writes them).
#![allow(dead_code)]

use rust_xlsxwriter::{Format, Formula, Workbook};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One sheet: cells by (row, col) and merged ranges (r0, c0, r1, c1).
#[derive(Clone, Debug, Default)]
pub struct SheetSpec {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), String>,
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl SheetSpec {
    pub fn new(name: &str) -> Self {
        SheetSpec { name: name.to_string(), ..Default::default() }
    }
    /// Writes a row of values starting at column 0 (empty strings are skipped).
    pub fn row(&mut self, r: u32, vals: &[&str]) -> &mut Self {
        for (c, v) in vals.iter().enumerate() {
            if !v.is_empty() {
                self.cells.insert((r, c as u16), v.to_string());
            }
        }
        self
    }
    pub fn put(&mut self, r: u32, c: u16, v: &str) -> &mut Self {
        if v.is_empty() {
            self.cells.remove(&(r, c));
        } else {
            self.cells.insert((r, c), v.to_string());
        }
        self
    }
    pub fn merge(&mut self, r0: u32, c0: u16, r1: u32, c1: u16) -> &mut Self {
        self.merges.push((r0, c0, r1, c1));
        self
    }
    /// The first cell whose text equals `v`.
    pub fn find(&self, v: &str) -> (u32, u16) {
        *self.cells.iter().find(|(_, t)| t.as_str() == v).map(|(k, _)| k).unwrap_or_else(|| panic!("{v} not in {}", self.name))
    }
    /// Replaces the first cell holding `old`.
    pub fn replace(&mut self, old: &str, new: &str) -> (u32, u16) {
        let k = self.find(old);
        self.put(k.0, k.1, new);
        k
    }
}

/// Writes sheets into one workbook.
pub fn write_book(path: &Path, sheets: &[SheetSpec]) {
    let mut wb = Workbook::new();
    let fmt = Format::new();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name).unwrap();
        let mut covered = std::collections::HashSet::new();
        for &(r0, c0, r1, c1) in &s.merges {
            let v = s.cells.get(&(r0, c0)).cloned().unwrap_or_default();
            ws.merge_range(r0, c0, r1, c1, &v, &fmt).unwrap();
            for r in r0..=r1 {
                for c in c0..=c1 {
                    covered.insert((r, c));
                }
            }
        }
        for (&(r, c), v) in &s.cells {
            if covered.contains(&(r, c)) {
                continue;
            }
            if let Some(n) = v.strip_prefix('=').and_then(|n| n.parse::<f64>().ok()) {
                ws.write_number(r, c, n).unwrap();
            } else if let Some(e) = v.strip_prefix('!') {
                ws.write_formula(r, c, Formula::new("=1+1").set_result(e)).unwrap();
            } else {
                ws.write_string(r, c, v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("juesuan-read-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const DEPT: &str = "部门：中共某某区委办公室";

/// Title, code, department/year/unit rows (0..=2) for a table `width` columns wide.
fn head(s: &mut SheetSpec, title: &str, code: &str, width: u16, unit: &str) {
    s.put(0, 0, title).merge(0, 0, 0, width - 1);
    s.put(1, width - 1, code);
    s.put(2, 0, DEPT).put(2, 2, "2023年度").put(2, width - 1, unit);
}

// ───────────────────────── standard 万元 export ─────────────────────────

/// 01: rows 6.. data; 本年收入合计 at C15, 总计 at row 18.
pub fn std_t01() -> SheetSpec {
    let mut s = SheetSpec::new("公开01表");
    head(&mut s, "收入支出决算总表", "公开01表", 6, "金额单位：万元");
    s.put(3, 0, "收入").merge(3, 0, 3, 2).put(3, 3, "支出").merge(3, 3, 3, 5);
    s.row(4, &["项目", "行次", "金额", "项目", "行次", "金额"]);
    s.row(5, &["栏次", "", "=1", "栏次", "", "=2"]);
    let inc = [
        ("一、一般公共预算财政拨款收入", "=850.16"),
        ("二、政府性基金预算财政拨款收入", "=20"),
        ("三、国有资本经营预算财政拨款收入", ""),
        ("四、上级补助收入", "=0"),
        ("五、事业收入", "0.00"),
        ("六、经营收入", "-"),
        ("七、附属单位上缴收入", ""),
        ("八、其他收入", "=19"),
    ];
    let exp = [
        ("一、一般公共服务支出", "=700"),
        ("二、社会保障和就业支出", "=120.16"),
        ("三、卫生健康支出", "=40"),
        ("四、住房保障支出", "=29"),
    ];
    for i in 0..8u32 {
        let (l, v) = inc[i as usize];
        s.row(6 + i, &[l, &format!("={}", i + 1), v]);
        s.put(6 + i, 4, &format!("={}", 13 + i));
        if let Some((l, v)) = exp.get(i as usize) {
            s.put(6 + i, 3, l).put(6 + i, 5, v);
        }
    }
    s.row(14, &["本年收入合计", "=9", "=889.16", "本年支出合计", "=21", "=889.16"]);
    s.row(15, &["使用非财政拨款结余", "=10", "", "结余分配", "=22", ""]);
    s.row(16, &["年初结转和结余", "=11", "=12.5", "年末结转和结余", "=23", "=12.5"]);
    s.row(17, &["总计", "=12", "=901.66", "总计", "=24", "=901.66"]);
    s.put(19, 0, "注：本表反映部门本年度的总收支和年末结转结余情况。");
    s
}

/// Header of a subject table: 项目 over 科目编码(类/款/项) + 科目名称; amount columns from
/// column 4, each with an optional group (text, span). Returns the first data row (7 = 合计).
fn subject_head(s: &mut SheetSpec, groups: &[(&str, &[&str])]) -> u32 {
    s.put(3, 0, "项目").merge(3, 0, 3, 3);
    s.put(4, 0, "科目编码").merge(4, 0, 4, 2);
    s.put(4, 3, "科目名称").merge(4, 3, 5, 3);
    s.row(5, &["类", "款", "项"]);
    let mut c = 4u16;
    for (g, leaves) in groups {
        if leaves.is_empty() {
            s.put(3, c, g).merge(3, c, 5, c);
            c += 1;
        } else {
            let n = leaves.len() as u16;
            s.put(3, c, g);
            if n > 1 {
                s.merge(3, c, 3, c + n - 1);
            }
            for l in leaves.iter() {
                s.put(4, c, l).merge(4, c, 5, c);
                c += 1;
            }
        }
    }
    s.put(6, 0, "栏次").merge(6, 0, 6, 3);
    for i in 4..c {
        s.put(6, i, &format!("={}", i - 3));
    }
    7
}

/// Data rows of a subject table: (code, name, amounts); `合计` row first, codes merged over A:C.
fn subject_rows(s: &mut SheetSpec, start: u32, rows: &[(&str, &str, &[&str])]) {
    for (i, (code, name, vals)) in rows.iter().enumerate() {
        let r = start + i as u32;
        if *code == "合计" {
            s.put(r, 0, "合计").merge(r, 0, r, 3);
        } else {
            s.put(r, 0, code).merge(r, 0, r, 2).put(r, 3, name);
        }
        for (j, v) in vals.iter().enumerate() {
            s.put(r, 4 + j as u16, v);
        }
    }
}

pub fn std_t02() -> SheetSpec {
    let mut s = SheetSpec::new("公开02表");
    head(&mut s, "收入决算表", "公开02表", 11, "金额单位：万元");
    let cols: [(&str, &[&str]); 7] =
        [("本年收入合计", &[]), ("财政拨款收入", &[]), ("上级补助收入", &[]), ("事业收入", &[]), ("经营收入", &[]), ("附属单位上缴收入", &[]), ("其他收入", &[])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[
        ("合计", "", &["=889.16", "=870.16", "", "", "", "", "=19"]),
        ("201", "一般公共服务支出", &["=700", "=681", "", "", "", "", "=19"]),
        ("20131", "党委办公厅（室）及相关机构事务", &["=700", "=681", "", "", "", "", "=19"]),
        ("2013101", "  行政运行", &["=700", "=681", "", "", "", "", "=19"]),
        ("208", "社会保障和就业支出", &["=189.16", "=189.16", "", "", "", "", ""]),
    ]);
    s
}

pub fn std_t03() -> SheetSpec {
    let mut s = SheetSpec::new("公开03表");
    head(&mut s, "支出决算表", "公开03表", 10, "金额单位：万元");
    let cols: [(&str, &[&str]); 6] =
        [("本年支出合计", &[]), ("基本支出", &[]), ("项目支出", &[]), ("上缴上级支出", &[]), ("经营支出", &[]), ("对附属单位补助支出", &[])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[
        ("合计", "", &["=889.16", "=600", "=289.16", "", "", ""]),
        ("201", "一般公共服务支出", &["=700", "=500", "=200"]),
        ("20131", "党委办公厅（室）及相关机构事务", &["=700", "=500", "=200"]),
        ("2013101", "行政运行", &["=500", "=500", "=0"]),
        ("2013102", "一般行政管理事务", &["=200", "", "=200"]),
        ("208", "社会保障和就业支出", &["=120.16", "=60.16", "=60"]),
        ("20805", "行政事业单位养老支出", &["=120.16", "=60.16", "=60"]),
        ("2080505", "机关事业单位基本养老保险缴费支出", &["=120.16", "=60.16", "=60"]),
        ("210", "卫生健康支出", &["=40", "=20", "=20"]),
        ("21011", "行政事业单位医疗", &["=40", "=20", "=20"]),
        ("2101101", "行政单位医疗", &["=40", "=20", "=20"]),
        ("221", "住房保障支出", &["=29", "=19.84", "=9.16"]),
        ("22102", "住房改革支出", &["=29", "=19.84", "=9.16"]),
        ("2210201", "住房公积金", &["=29", "=19.84", "=9.16"]),
    ]);
    s.put(22, 0, "注：本表反映部门本年度各项支出情况。");
    s
}

/// 04: income side A:C, expenditure D:I (合计 + three funds).
pub fn std_t04() -> SheetSpec {
    let mut s = SheetSpec::new("公开04表");
    head(&mut s, "财政拨款收入支出决算总表", "公开04表", 9, "金额单位：万元");
    s.put(3, 0, "收入").merge(3, 0, 3, 2).put(3, 3, "支出").merge(3, 3, 3, 8);
    s.row(4, &["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]);
    s.row(5, &["栏次", "", "=1", "栏次", "", "=2", "=3", "=4", "=5"]);
    s.row(6, &["一、一般公共预算财政拨款", "=1", "=850.16", "一、一般公共服务支出", "=9", "=680", "=660", "=20", ""]);
    s.row(7, &["二、政府性基金预算财政拨款", "=2", "=20", "二、社会保障和就业支出", "=10", "=120.16", "=120.16", "", ""]);
    s.row(8, &["三、国有资本经营预算财政拨款", "=3", "", "三、卫生健康支出", "=11", "=40", "=40", "", ""]);
    s.row(9, &["", "=4", "", "四、住房保障支出", "=12", "=29", "=29", "", ""]);
    s.row(10, &["本年收入合计", "=5", "=870.16", "本年支出合计", "=13", "=869.16", "=849.16", "=20", ""]);
    s.row(11, &["年初财政拨款结转和结余", "=6", "=12.5", "年末财政拨款结转和结余", "=14", "=13.5", "=13.5", "", ""]);
    s.row(12, &["  一、一般公共预算财政拨款", "=7", "=12.5", "", "", "", "", "", ""]);
    s.row(13, &["  二、政府性基金预算财政拨款", "=8", "", "", "", "", "", "", ""]);
    s.row(14, &["  三、国有资本经营预算财政拨款", "=9", "", "", "", "", "", "", ""]);
    s.row(15, &["总计", "=10", "=882.66", "总计", "=15", "=882.66", "=862.66", "=20", ""]);
    s
}

/// 05 / 07 / 09 in the function-rows layout.
fn std_matrix(name: &str, title: &str, code: &str, total: &str) -> SheetSpec {
    let mut s = SheetSpec::new(name);
    head(&mut s, title, code, 9, "金额单位：万元");
    let cols: [(&str, &[&str]); 1] = [("本年支出", &["合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[
        ("合计", "", &[total, "=480", "=300", "=40", "=29.16"]),
        ("201", "一般公共服务支出", &["=660", "=400", "=230", "", "=30"]),
        ("2013101", "行政运行", &["=500", "=400", "=100", "", ""]),
    ]);
    s
}

pub fn std_t05() -> SheetSpec {
    std_matrix("公开05表", "财政拨款支出决算明细表", "公开05表", "=869.16")
}
pub fn std_t07() -> SheetSpec {
    std_matrix("公开07表", "一般公共预算财政拨款支出决算明细表", "公开07表", "=849.16")
}

pub fn std_t06() -> SheetSpec {
    let mut s = SheetSpec::new("公开06表");
    head(&mut s, "一般公共预算财政拨款支出决算表", "公开06表", 7, "金额单位：万元");
    let cols: [(&str, &[&str]); 1] = [("本年支出", &["合计", "基本支出", "项目支出"])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[
        ("合计", "", &["=849.16", "=600", "=249.16"]),
        ("201", "一般公共服务支出", &["=660", "=500", "=160"]),
        ("20131", "党委办公厅（室）及相关机构事务", &["=660", "=500", "=160"]),
        ("2013101", "行政运行", &["=500", "=500", ""]),
        ("2013102", "一般行政管理事务", &["=160", "", "=160"]),
        ("208", "社会保障和就业支出", &["=120.16", "=60.16", "=60"]),
        ("2080505", "机关事业单位基本养老保险缴费支出", &["=120.16", "=60.16", "=60"]),
        ("210", "卫生健康支出", &["=40", "=20", "=20"]),
        ("221", "住房保障支出", &["=29", "=19.84", "=9.16"]),
    ]);
    s
}

/// 08, 2 blocks, codes in one cell; footer at row 16.
pub fn std_t08() -> SheetSpec {
    let mut s = SheetSpec::new("公开08表");
    head(&mut s, "一般公共预算财政拨款基本支出决算表", "公开08表", 6, "金额单位：万元");
    s.put(3, 0, "人员经费").merge(3, 0, 3, 2).put(3, 3, "公用经费").merge(3, 3, 3, 5);
    s.row(4, &["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]);
    let left = [
        ("301", "工资福利支出", "=480"),
        ("30101", "基本工资", "=200"),
        ("30102", "津贴补贴", "=150"),
        ("30107", "绩效工资", "=130"),
        ("303", "对个人和家庭的补助", "=40"),
        ("30302", "退休费", "=40"),
    ];
    let right = [
        ("302", "商品和服务支出", "=70"),
        ("30201", "办公费", "=30"),
        ("30217", "公务接待费", "=5"),
        ("30231", "公务用车运行维护费", "=35"),
        ("310", "资本性支出", "=10"),
        ("31002", "办公设备购置", "=10"),
    ];
    for i in 0..6 {
        let (a, b, c) = left[i];
        let (d, e, f) = right[i];
        s.row(5 + i as u32, &[a, b, c, d, e, f]);
    }
    s.put(11, 0, "人员经费合计").merge(11, 0, 11, 1).put(11, 2, "=520");
    s.put(11, 3, "公用经费合计").merge(11, 3, 11, 4).put(11, 5, "=80");
    s
}

/// 09, function rows: 合计 · 商品和服务支出 · 资本性支出.
pub fn std_t09() -> SheetSpec {
    let mut s = SheetSpec::new("公开09表");
    head(&mut s, "一般公共预算财政拨款项目支出决算表", "公开09表", 7, "金额单位：万元");
    let cols: [(&str, &[&str]); 1] = [("本年支出", &["合计", "商品和服务支出", "资本性支出"])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[("合计", "", &["=249.16", "=220", "=29.16"]), ("2013102", "一般行政管理事务", &["=160", "=130", "=30"])]);
    s
}

pub fn std_t10() -> SheetSpec {
    let mut s = SheetSpec::new("公开10表");
    head(&mut s, "政府性基金预算财政拨款收入支出决算表", "公开10表", 10, "金额单位：万元");
    let cols: [(&str, &[&str]); 4] = [("年初结转和结余", &[]), ("本年收入", &[]), ("本年支出", &["小计", "基本支出", "项目支出"]), ("年末结转和结余", &[])];
    let r = subject_head(&mut s, &cols);
    subject_rows(&mut s, r, &[
        ("合计", "", &["", "=20", "=20", "", "=20", ""]),
        ("212", "城乡社区支出", &["", "=20", "=20", "", "=20", ""]),
        ("2120899", "其他国有土地使用权出让收入安排的支出", &["", "=20", "=20", "", "=20", ""]),
    ]);
    s.put(11, 0, "说明：本表金额单位为万元。");
    s
}

/// 13 wide: 3-row header (rows 3..5), 预算数/决算数 row 6, data row 7.
pub fn std_t13() -> SheetSpec {
    let mut s = SheetSpec::new("公开13表");
    head(&mut s, "财政拨款“三公”经费支出决算表", "公开13表", 12, "金额单位：万元");
    s.put(3, 0, "财政拨款“三公”经费").merge(3, 0, 3, 11);
    s.put(4, 0, "合计").merge(4, 0, 5, 1);
    s.put(4, 2, "因公出国（境）费").merge(4, 2, 5, 3);
    s.put(4, 4, "公务用车购置及运行维护费").merge(4, 4, 4, 9);
    s.put(4, 10, "公务接待费").merge(4, 10, 5, 11);
    s.put(5, 4, "小计").merge(5, 4, 5, 5);
    s.put(5, 6, "公务用车购置费").merge(5, 6, 5, 7);
    s.put(5, 8, "公务用车运行维护费").merge(5, 8, 5, 9);
    for i in 0..6u16 {
        s.put(6, 2 * i, "预算数").put(6, 2 * i + 1, "决算数");
    }
    let vals = ["=21", "=16.95", "=0", "=0", "=20.5", "=16.95", "=0", "=0", "=20.5", "=16.95", "=0.5", "=0"];
    for (i, v) in vals.iter().enumerate() {
        s.put(7, i as u16, v);
    }
    s.put(8, 0, "注：本表反映部门本年度“三公”经费支出预决算情况。");
    s
}

pub fn notes_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("说明材料");
    s.row(0, &["项目", "内容"]);
    s.row(1, &["部门简称", "区委办"]);
    s.row(2, &["主要职能", "（1）负责文电处理。\n（2）负责会务组织。"]);
    s.row(3, &["因公出国(境)费变动原因", "本年未安排出国团组。"]);
    s.row(4, &["公务用车保有量", "=3"]);
    s.row(5, &["机关运行经费", "=80.69"]);
    s
}

pub fn budget_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("预算数");
    s.row(0, &["科目编码", "全年预算数", "年初预算数"]);
    s.row(1, &["2013101", "=510", "=480"]);
    s.row(2, &["2013102", "=170.5", ""]);
    s
}

pub fn projects_sheet() -> SheetSpec {
    let mut s = SheetSpec::new("项目绩效");
    s.row(0, &["项目名称", "预算数", "执行数", "绩效目标完成情况综述"]);
    s.row(1, &["机要通信保障", "=50", "=48.5", "按期完成。"]);
    s
}

/// The standard workbook's sheets (all thirteen but 11/12, plus 说明材料/预算数/项目绩效).
pub fn standard() -> Vec<SheetSpec> {
    vec![
        std_t01(), std_t02(), std_t03(), std_t04(), std_t05(), std_t06(), std_t07(), std_t08(), std_t09(), std_t10(), std_t13(),
        notes_sheet(), budget_sheet(), projects_sheet(),
    ]
}

pub fn sheet<'a>(specs: &'a mut [SheetSpec], name: &str) -> &'a mut SheetSpec {
    specs.iter_mut().find(|s| s.name == name).unwrap()
}

// ───────────────────────── a different writer ─────────────────────────

fn dw_head(s: &mut SheetSpec, title: &str) {
    s.put(0, 0, title);
    s.put(1, 0, "编制单位：某某县农业农村局").put(1, 3, "单位：元");
}

/// 01 in 元, no 行次/栏次, text numbers, variant labels, blank rows, footnote.
pub fn dw_t01() -> SheetSpec {
    let mut s = SheetSpec::new("Sheet3");
    dw_head(&mut s, "2023年度收入支出决算总表（财决01表）");
    s.row(3, &["收入", "", "支出"]);
    s.row(4, &["项目", "决算数", "项目", "决算数"]);
    s.row(5, &["一、一般公共预算财政拨款收入", "8,501,600.00", "一、一般公共服务支出", "7,000,000"]);
    s.row(6, &["二、政府性基金预算财政拨款收入", "", "二、农林水支出", "1,891,600.00"]);
    s.row(7, &["", "", "", ""]);
    s.row(8, &["八、其他收入", "390,000.00", "", ""]);
    s.row(9, &["本年收入合计", "8,891,600.00", "本年支出合计", "8,891,600.00"]);
    s.row(10, &["使用非财政拨款结余（含专用结余）", "—", "结余分配", ""]);
    s.row(11, &["上年结转和结余", "125,000", "年末结转和结余", "125,000"]);
    s.row(12, &["收入总计", "9,016,600.00", "支出总计", "9,016,600.00"]);
    s.row(14, &["注：本表反映部门本年度的总收支和年末结转结余情况。"]);
    s
}

/// 03: split 类|款|项 columns with parents left blank, 合计 at the bottom, 元.
pub fn dw_t03() -> SheetSpec {
    let mut s = SheetSpec::new("附表-x");
    dw_head(&mut s, "支出决算表");
    s.row(3, &["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"]);
    s.row(4, &["类", "款", "项"]);
    s.row(5, &["201", "", "", "一般公共服务支出", "7,000,000.00", "5,000,000.00", "2,000,000.00"]);
    s.row(6, &["", "31", "", "党委办公厅（室）及相关机构事务", "7,000,000.00", "5,000,000.00", "2,000,000.00"]);
    s.row(7, &["", "", "01", "    行政运行", "5,000,000.00", "5,000,000.00", ""]);
    s.row(8, &["201", "31", "02", "    一般行政管理事务", "2,000,000.00", "", "2,000,000.00"]);
    s.row(9, &[]);
    s.row(10, &["213", "", "", "农林水支出", "1,891,600.00", "1,000,000", "891,600"]);
    s.row(11, &["", "01", "", "农业农村", "1,891,600.00", "1,000,000", "891,600"]);
    s.row(12, &["", "", "99", "其他农业农村支出", "1,891,600.00", "1,000,000", "891,600"]);
    s.row(13, &["合计", "", "", "", "8,891,600.00", "6,000,000.00", "2,891,600.00"]);
    s.row(15, &["注：本表反映部门本年度各项支出情况。"]);
    s
}

/// 04 in 元 with text numbers.
pub fn dw_t04() -> SheetSpec {
    let mut s = SheetSpec::new("财决 (2)");
    dw_head(&mut s, "财政拨款收入支出决算总表");
    s.row(3, &["收入", "", "支出"]);
    s.row(4, &["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]);
    s.row(5, &["一、一般公共预算财政拨款", "8,501,600.00", "一、一般公共服务支出", "7,000,000", "7,000,000", "", ""]);
    s.row(6, &["二、政府性基金预算财政拨款", "", "二、农林水支出", "1,501,600", "1,501,600", "", ""]);
    s.row(7, &["三、国有资本经营预算财政拨款", "", "", "", "", "", ""]);
    s.row(8, &["本年收入合计", "8,501,600.00", "本年支出合计", "8,501,600", "8,501,600", "", ""]);
    s.row(9, &["年初财政拨款结转和结余", "", "年末财政拨款结转和结余", "", "", "", ""]);
    s.row(10, &["总计", "8,501,600.00", "总计", "8,501,600", "8,501,600", "", ""]);
    s
}

/// 06: code inside the name cell, one label column, 合计 at top, 元.
pub fn dw_t06() -> SheetSpec {
    let mut s = SheetSpec::new("表6");
    dw_head(&mut s, "一般公共预算财政拨款支出决算表");
    s.row(3, &["项目", "本年支出", "", ""]);
    s.row(4, &["", "合计", "基本支出", "项目支出"]);
    s.row(5, &["合计", "8,501,600.00", "6,000,000.00", "2,501,600.00"]);
    s.row(6, &["201 一般公共服务支出", "7,000,000.00", "5,000,000.00", "2,000,000.00"]);
    s.row(7, &["2013101 行政运行", "5,000,000.00", "5,000,000.00", ""]);
    s.row(8, &["2013102 一般行政管理事务", "2,000,000.00", "", "2,000,000.00"]);
    s.row(9, &["2130199 其他农业农村支出", "1,501,600.00", "1,000,000", "501,600"]);
    s
}

/// 08: three blocks, codes split 类|款, footer 公用经费合计 spanning the last two blocks.
pub fn dw_t08() -> SheetSpec {
    let mut s = SheetSpec::new("基本");
    dw_head(&mut s, "一般公共预算财政拨款基本支出决算明细表");
    s.row(3, &["人员经费", "", "", "", "公用经费"]);
    s.row(4, &["经济分类科目编码", "", "科目名称", "决算数", "经济分类科目编码", "", "科目名称", "决算数", "经济分类科目编码", "", "科目名称", "决算数"]);
    s.row(5, &["类", "款", "", "", "类", "款", "", "", "类", "款"]);
    s.row(6, &["301", "", "工资福利支出", "5,000,000", "302", "", "商品和服务支出", "800,000", "310", "", "资本性支出", "150,000"]);
    s.row(7, &["", "01", "基本工资", "3,000,000", "", "01", "办公费", "500,000", "", "02", "办公设备购置", "150,000"]);
    s.row(8, &["", "02", "津贴补贴", "2,000,000", "", "31", "公务用车运行维护费", "300,000"]);
    s.row(9, &["303", "", "对个人和家庭的补助", "50,000"]);
    s.row(10, &["303", "02", "退休费", "50,000"]);
    s.row(11, &["人员经费合计", "", "", "5,050,000", "公用经费合计", "", "", "", "", "", "", "950,000"]);
    s
}

/// 09 in the economic-rows style.
pub fn dw_t09() -> SheetSpec {
    let mut s = SheetSpec::new("项目");
    dw_head(&mut s, "一般公共预算财政拨款项目支出决算表");
    s.row(3, &["经济分类科目编码", "科目名称", "决算数"]);
    s.row(4, &["合计", "", "2,501,600"]);
    s.row(5, &["302", "商品和服务支出", "2,501,600"]);
    s.row(6, &["30227", "委托业务费", "2,501,600"]);
    s
}

/// 11: present but empty (headers and a blank 合计 row).
pub fn dw_t11() -> SheetSpec {
    let mut s = SheetSpec::new("国资1");
    dw_head(&mut s, "国有资本经营预算财政拨款收入支出决算表");
    s.row(3, &["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"]);
    s.row(4, &["", "", "", "", "小计", "基本支出", "项目支出"]);
    s.row(5, &["合计"]);
    s.row(7, &["说明：本单位本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"]);
    s
}

/// 12 with one subject in 元: 1,234,567.89 元 = 123.456789 万元.
pub fn dw_t12() -> SheetSpec {
    let mut s = SheetSpec::new("国资2");
    dw_head(&mut s, "国有资本经营预算财政拨款支出决算表");
    s.row(3, &["科目编码", "科目名称", "本年支出", "", ""]);
    s.row(4, &["", "", "合计", "基本支出", "项目支出"]);
    s.row(5, &["合计", "", "1,234,567.89", "", "1,234,567.89"]);
    s.row(6, &["'2230199", "其他国有资本经营预算支出", "1234567.89", "", "1234567.89"]);
    s
}

/// 13 vertical, older title, variant labels, 元.
pub fn dw_t13() -> SheetSpec {
    let mut s = SheetSpec::new("三公");
    dw_head(&mut s, "一般公共预算财政拨款\"三公\"经费支出决算表");
    s.row(3, &["项目", "预算数", "决算数"]);
    s.row(4, &["合计", "210,000", "169,500"]);
    s.row(5, &["1.因公出国(境)费用", "", ""]);
    s.row(6, &["2.公务用车购置及运行费", "205,000", "169,500"]);
    s.row(7, &["  其中：公务用车购置费", "0", "0"]);
    s.row(8, &["        公务用车运行费", "205,000", "169,500"]);
    s.row(9, &["3.公务接待费", "5,000", "—"]);
    s
}

pub fn dw_notes() -> SheetSpec {
    let mut s = SheetSpec::new("说明材料");
    s.row(0, &["填写说明：每行一项"]);
    s.row(1, &["项目", "内容"]);
    s.row(2, &["部门名称", "某某县农业农村局（本级）"]);
    s.row(3, &["年度", "=2023"]);
    s
}

/// The different writer's sheets, shuffled, with a cover sheet.
pub fn different() -> Vec<SheetSpec> {
    let mut cover = SheetSpec::new("封面");
    cover.row(0, &["某某县农业农村局2023年度部门决算报表"]);
    vec![dw_t13(), cover, dw_t08(), dw_notes(), dw_t06(), dw_t01(), dw_t12(), dw_t04(), dw_t11(), dw_t03(), dw_t09()]
}
