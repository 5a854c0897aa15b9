//! Layout variants of every bundled sample department: the same figures laid out the ways
//! other exports lay them out (column groups merged / flattened / missing, parts of a whole
//! as flat columns, 栏次 rows labelled / bare 1…n / absent, empty tables in every form, label
//! spellings, codes in one cell / split / inside the name / as numbers, 元 and 万元 and the
//! unit label's wording and place, titles with year / department / 公开NN表, tables not at A1,
//! 08 in one, two or three blocks, 13 wide or vertical, .xls and .ods through LibreOffice,
//! one workbook per table in a folder) and random combinations of them.
//!
//! The generator renders a [`Book`] read from the sample with its own writer (rust_xlsxwriter
//! through `read_support`), independent of `src/samples`. Every variant must derive the same
//! facts as its base (cell references stripped) and give the same findings by (rule, severity).

mod read_support;

use juesuan::derive::{derive, DeriveOptions};
use juesuan::findings::Finding;
use juesuan::model::*;
use juesuan::read::read_book;
use proptest::prelude::*;
use read_support::{temp_dir, write_book, SheetSpec};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;

// ───────────────────────────── options ─────────────────────────────

/// How a column group (本年支出 over 合计 · 基本支出 · 项目支出) is printed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Group {
    Merged,
    /// One cell: `本年支出合计` (the spelling varies with `Variant::spell`).
    Flat,
    /// No group: 合计 · 基本支出 · 项目支出 side by side.
    Missing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Lanci {
    Labelled,
    /// A bare row 1…n under the header.
    Bare,
    Absent,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Codes {
    OneCell,
    /// 类 | 款 | 项 with the parents' cells blank on child rows.
    Split,
    /// `2013101 行政运行` in the name cell.
    InName,
    /// Codes as numbers.
    Numeric,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Empty {
    /// Headers and an all-zero 合计 row.
    ZeroTotal,
    HeadersOnly,
    /// Headers and a note `说明：…故本表无数据。`.
    Note,
    /// `本表无数据` inside the body.
    NoData,
    /// The table is left out.
    Absent,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Xlsx,
    Xls,
    Ods,
    Folder,
}

#[derive(Clone, Copy, Debug)]
struct Variant {
    group: Group,
    lanci: Lanci,
    codes: Codes,
    empty: Empty,
    yuan: bool,
    /// 0: `金额单位：万元` right of row 3; 1: `单位：万元` left of row 2; 2: `（单位：元）` under the title.
    unit_place: u8,
    /// 0 plain; 1 `2023年度` before the title; 2 department before the title; 3 `公开NN表` beside the title.
    title: u8,
    /// Rows and columns before the table.
    offset: (u32, u16),
    t08_blocks: u8,
    t13_vertical: bool,
    /// Alternative spellings: `合　　计`, half-width brackets, 运行费, line breaks in headers.
    spell: bool,
    total_bottom: bool,
    /// 行次 column in 01/04.
    hangci: bool,
    /// 人员经费 · 公用经费 as flat columns beside 基本支出 in 03 and 06.
    parts: bool,
    /// Zero amounts as blank / `0.00` / `-`.
    zero: u8,
    /// Amounts as text with thousands separators.
    text_numbers: bool,
    format: Format,
}

const BASE: Variant = Variant {
    group: Group::Merged,
    lanci: Lanci::Labelled,
    codes: Codes::OneCell,
    empty: Empty::ZeroTotal,
    yuan: false,
    unit_place: 0,
    title: 0,
    offset: (0, 0),
    t08_blocks: 2,
    t13_vertical: false,
    spell: false,
    total_bottom: false,
    hangci: true,
    parts: false,
    zero: 1,
    text_numbers: false,
    format: Format::Xlsx,
};

// ───────────────────────────── sheet writer ─────────────────────────────

/// A sheet with the table's origin shifted by `Variant::offset`.
struct S {
    spec: SheetSpec,
    r0: u32,
    c0: u16,
}

impl S {
    fn new(name: &str, v: &Variant) -> S {
        S { spec: SheetSpec::new(name), r0: v.offset.0, c0: v.offset.1 }
    }
    fn put(&mut self, r: u32, c: u16, t: &str) {
        self.spec.put(r + self.r0, c + self.c0, t);
    }
    fn merge(&mut self, r0: u32, c0: u16, r1: u32, c1: u16) {
        if (r0, c0) != (r1, c1) {
            self.spec.merge(r0 + self.r0, c0 + self.c0, r1 + self.r0, c1 + self.c0);
        }
    }
    /// A header text over columns c0..=c1 (merged).
    fn group(&mut self, r: u32, c0: u16, c1: u16, t: &str) {
        self.put(r, c0, t);
        self.merge(r, c0, r, c1);
    }
}

fn amt(v: &Variant, a: &Amount) -> String {
    let x = if v.yuan { a.value * Decimal::from(10000) } else { a.value };
    if x.is_zero() {
        return match v.zero {
            0 => String::new(),
            1 => "=0".into(),
            _ => "-".into(),
        };
    }
    if v.text_numbers {
        let s = format!("{:.6}", x.normalize());
        let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{frac}") }
    } else {
        format!("={}", x.normalize())
    }
}

const ORD: [&str; 30] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九",
    "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十",
];

/// Title block rows 0..=2; returns the first header row.
fn head(s: &mut S, v: &Variant, id: TableId, dept: &str, width: u16) -> u32 {
    let unit = if v.yuan { "元" } else { "万元" };
    let title = match v.title {
        1 => format!("2023年度{}", id.title()),
        2 => format!("{dept}{}", id.title()),
        3 => format!("{}（{}）", id.title(), id.code()),
        _ => id.title().to_string(),
    };
    let title = if v.spell { title.replace('“', "\"").replace('”', "\"") } else { title };
    s.group(0, 0, width - 1, &title);
    if v.title != 3 {
        s.put(1, width - 1, &id.code());
    }
    match v.unit_place {
        1 => {
            s.put(1, 0, &format!("单位：{unit}"));
            s.put(2, 0, &format!("编制单位：{dept}"));
            s.put(2, width / 2, "2023年度");
        }
        2 => {
            s.put(1, 0, &format!("（单位：{unit}）"));
            s.put(2, 0, &format!("部门：{dept}"));
            s.put(2, width - 1, "2023年度");
        }
        _ => {
            s.put(2, 0, &format!("部门：{dept}"));
            s.put(2, width / 2, "2023年度");
            s.put(2, width - 1, &format!("金额单位：{unit}"));
        }
    }
    3
}

/// The 栏次 row (if any) at row `r` numbering `cols`; returns the first data row.
fn lanci(s: &mut S, v: &Variant, r: u32, label_col: Option<u16>, cols: &[u16]) -> u32 {
    match v.lanci {
        Lanci::Absent => r,
        Lanci::Labelled | Lanci::Bare => {
            if let (Lanci::Labelled, Some(c)) = (v.lanci, label_col) {
                s.put(r, c, "栏次");
            }
            for (i, &c) in cols.iter().enumerate() {
                s.put(r, c, &format!("={}", i + 1));
            }
            r + 1
        }
    }
}

fn total_label(v: &Variant) -> &'static str {
    if v.spell { "合　　计" } else { "合计" }
}

// ───────────────────────────── 01 / 04 ─────────────────────────────

fn halves_header(s: &mut S, v: &Variant, r: u32, right_amounts: &[&str]) -> (u32, u16, Vec<u16>, u16, Vec<u16>) {
    // 收入 | 支出 over 项目 · 行次 · 金额 (…).
    let hw: u16 = if v.hangci { 3 } else { 2 };
    let left_amount = hw - 1;
    let right0 = hw;
    let right_amt: Vec<u16> = (0..right_amounts.len() as u16).map(|i| right0 + hw - 1 + i).collect();
    let last = *right_amt.last().unwrap_or(&right0);
    s.group(r, 0, hw - 1, "收入");
    s.group(r, right0, last, "支出");
    s.put(r + 1, 0, "项目");
    s.put(r + 1, right0, "项目");
    if v.hangci {
        s.put(r + 1, 1, "行次");
        s.put(r + 1, right0 + 1, "行次");
    }
    s.put(r + 1, left_amount, if v.spell { "决算数" } else { "金额" });
    for (i, t) in right_amounts.iter().enumerate() {
        s.put(r + 1, right_amt[i], t);
    }
    let mut cols = vec![left_amount];
    cols.extend(&right_amt);
    let d = match v.lanci {
        Lanci::Absent => r + 2,
        _ => {
            if v.lanci == Lanci::Labelled {
                s.put(r + 2, 0, "栏次");
                s.put(r + 2, right0, "栏次");
            }
            for (i, &c) in cols.iter().enumerate() {
                s.put(r + 2, c, &format!("={}", i + 1));
            }
            r + 3
        }
    };
    (d, 0, vec![left_amount], right0, right_amt)
}

fn t01(v: &Variant, t: &IncomeExpenditureSummary, dept: &str) -> S {
    let mut s = S::new("公开01表", v);
    let w = if v.hangci { 6 } else { 4 };
    let r = head(&mut s, v, TableId::T01, dept, w);
    let (d, lc, la, rc, ra) = halves_header(&mut s, v, r, &[if v.spell { "决算数" } else { "金额" }]);
    let mut left: Vec<(String, &Amount)> = t.income.iter().enumerate().map(|(i, l)| (format!("{}、{}", ORD[i], l.source.label()), &l.amount)).collect();
    left.push(("本年收入合计".into(), &t.income_total));
    if let Some(a) = &t.use_of_non_fiscal_balance {
        left.push((if v.spell { "使用非财政拨款结余（含专用结余）" } else { "使用非财政拨款结余" }.into(), a));
    }
    if let Some(a) = &t.begin_balance {
        left.push(((if v.spell { "上年结转和结余" } else { "年初结转和结余" }).into(), a));
    }
    left.push(((if v.spell { "收入总计" } else { "总计" }).into(), &t.income_grand_total));
    let mut right: Vec<(String, &Amount)> = t.expenditure_classes.iter().enumerate().map(|(i, c)| (format!("{}、{}", ORD[i], c.name), &c.amount)).collect();
    right.push(("本年支出合计".into(), &t.expenditure_total));
    if let Some(a) = &t.surplus_distribution {
        right.push(("结余分配".into(), a));
    }
    if let Some(a) = &t.end_balance {
        right.push(("年末结转和结余".into(), a));
    }
    right.push(((if v.spell { "支出总计" } else { "总计" }).into(), &t.expenditure_grand_total));
    for (i, (l, a)) in left.iter().enumerate() {
        let r = d + i as u32;
        s.put(r, lc, l);
        if v.hangci {
            s.put(r, lc + 1, &format!("{}", i + 1));
        }
        s.put(r, la[0], &amt(v, a));
    }
    for (i, (l, a)) in right.iter().enumerate() {
        let r = d + i as u32;
        s.put(r, rc, l);
        if v.hangci {
            s.put(r, rc + 1, &format!("{}", i + 40));
        }
        s.put(r, ra[0], &amt(v, a));
    }
    s
}

fn t04(v: &Variant, t: &FiscalSummary, dept: &str) -> S {
    let mut s = S::new("公开04表", v);
    let w = if v.hangci { 9 } else { 7 };
    let r = head(&mut s, v, TableId::T04, dept, w);
    let (d, lc, la, rc, ra) = halves_header(&mut s, v, r, &["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]);
    let fund_name = |f: Fund| f.label().to_string();
    let mut left: Vec<(String, &Amount)> = t.income.iter().enumerate().map(|(i, l)| (format!("{}、{}", ORD[i], fund_name(l.fund)), &l.amount)).collect();
    left.push(("本年收入合计".into(), &t.income_total));
    if let Some(a) = &t.begin_balance {
        left.push(("年初财政拨款结转和结余".into(), a));
    }
    for (i, l) in t.begin_by_fund.iter().enumerate() {
        left.push((format!("  {}、{}", ORD[i], fund_name(l.fund)), &l.amount));
    }
    left.push(("总计".into(), &t.income_grand_total));
    for (i, (l, a)) in left.iter().enumerate() {
        let r = d + i as u32;
        s.put(r, lc, l);
        if v.hangci {
            s.put(r, lc + 1, &format!("{}", i + 1));
        }
        s.put(r, la[0], &amt(v, a));
    }
    let put_fa = |s: &mut S, r: u32, fa: &FundAmounts| {
        s.put(r, ra[0], &amt(v, &fa.total));
        for (k, a) in [&fa.general, &fa.gov_fund, &fa.state_capital].into_iter().enumerate() {
            if let Some(a) = a {
                s.put(r, ra[k + 1], &amt(v, a));
            }
        }
    };
    let mut r = d;
    for (i, c) in t.expenditure_classes.iter().enumerate() {
        s.put(r, rc, &format!("{}、{}", ORD[i], c.name));
        put_fa(&mut s, r, &c.amounts);
        r += 1;
    }
    s.put(r, rc, "本年支出合计");
    put_fa(&mut s, r, &t.expenditure_total);
    r += 1;
    if let Some(e) = &t.end_balance {
        s.put(r, rc, "年末财政拨款结转和结余");
        put_fa(&mut s, r, e);
        r += 1;
    }
    for (i, l) in t.end_by_fund.iter().enumerate() {
        s.put(r, rc, &format!("{}、{}", ORD[i], fund_name(l.fund)));
        s.put(r, ra[0], &amt(v, &l.amount));
        r += 1;
    }
    s.put(r, rc, "总计");
    put_fa(&mut s, r, &t.expenditure_grand_total);
    if v.hangci {
        for k in d..=r {
            s.put(k, rc + 1, &format!("{}", k - d + 30));
        }
    }
    s
}

// ───────────────────────────── code columns ─────────────────────────────

/// Writes the code/name header over `rows` header rows; returns the label columns' count.
fn code_header(s: &mut S, v: &Variant, r: u32, rows: u32, econ: bool) -> u16 {
    let last = r + rows - 1;
    let what = if econ { "经济分类科目编码" } else { "功能分类科目编码" };
    match v.codes {
        Codes::OneCell | Codes::Numeric => {
            if rows > 1 {
                s.group(r, 0, 1, "项目");
                s.put(last, 0, "科目编码");
                s.put(last, 1, "科目名称");
            } else {
                s.put(r, 0, "科目编码");
                s.put(r, 1, "科目名称");
            }
            2
        }
        Codes::Split => {
            let n: u16 = if econ { 2 } else { 3 };
            if rows > 1 {
                s.group(r, 0, n - 1, what);
                let subs = ["类", "款", "项"];
                for i in 0..n {
                    s.put(last, i, subs[i as usize]);
                }
                s.put(r, n, "科目名称");
                s.merge(r, n, last, n);
            } else {
                for i in 0..n {
                    s.put(r, i, ["类", "款", "项"][i as usize]);
                }
                s.put(r, n, "科目名称");
            }
            n + 1
        }
        Codes::InName => {
            s.put(r, 0, "项目");
            s.merge(r, 0, last, 0);
            1
        }
    }
}

/// Writes a code row's label cells; `prev` is the previous code (for blank parents).
fn code_cells(s: &mut S, v: &Variant, r: u32, code: &str, name: &str, econ: bool) {
    let indent = match code.len() {
        3 => "",
        5 => "  ",
        _ => "　　",
    };
    match v.codes {
        Codes::OneCell => {
            s.put(r, 0, code);
            s.put(r, 1, &format!("{indent}{name}"));
        }
        Codes::Numeric => {
            s.put(r, 0, &format!("={code}"));
            s.put(r, 1, name);
        }
        Codes::Split => {
            let n: u16 = if econ { 2 } else { 3 };
            match code.len() {
                3 => s.put(r, 0, code),
                5 => s.put(r, 1, &code[3..]),
                _ => s.put(r, 2, &code[5..]),
            }
            s.put(r, n, &format!("{indent}{name}"));
        }
        Codes::InName => s.put(r, 0, &format!("{indent}{code} {name}")),
    }
}

fn label_width(v: &Variant, econ: bool) -> u16 {
    match v.codes {
        Codes::OneCell | Codes::Numeric => 2,
        Codes::Split => {
            if econ { 3 } else { 4 }
        }
        Codes::InName => 1,
    }
}

// ───────────────────────────── subject tables ─────────────────────────────

/// One header column: (group text if any, leaf text).
type HCol = (Option<String>, String);

fn subject_headers(v: &Variant, t: &SubjectTable) -> Vec<(HCol, Option<Col>)> {
    let exp_group = |c: Col| matches!(c, Col::ExpenditureTotal | Col::Basic | Col::Project | Col::ToSuperior | Col::OperatingExpenditure | Col::ToAffiliated);
    let total_word = if t.id == TableId::T10 || t.id == TableId::T11 { "小计" } else { "合计" };
    let flat = if v.spell { "本年支出（合计）" } else { "本年支出合计" };
    let flat = if t.id == TableId::T10 && v.spell { "本年支出小计" } else { flat };
    let mut out = Vec::new();
    for &c in &t.columns {
        let h: HCol = match (c, v.group) {
            (Col::ExpenditureTotal, Group::Merged) => (Some("本年支出".into()), total_word.into()),
            (Col::ExpenditureTotal, Group::Flat) => (None, flat.into()),
            (Col::ExpenditureTotal, Group::Missing) => (None, total_word.into()),
            (Col::IncomeTotal, Group::Merged) if t.id == TableId::T02 => (Some("本年收入".into()), "合计".into()),
            (Col::IncomeTotal, Group::Missing) if t.id == TableId::T02 => (None, "合计".into()),
            (c, Group::Merged) if exp_group(c) && t.id != TableId::T02 => (Some("本年支出".into()), c.label().into()),
            (c, Group::Merged) if t.id == TableId::T02 => (Some("本年收入".into()), c.label().into()),
            (Col::FullYearBudget, _) => (None, "全年预算数".into()),
            (c, _) => (None, if v.spell && c == Col::BeginBalance { "年初结转和\n结余".into() } else { c.label().into() }),
        };
        out.push((h, Some(c)));
        if v.parts && c == Col::Basic && matches!(t.id, TableId::T03 | TableId::T06) {
            let g = out.last().and_then(|((g, _), _)| g.clone());
            out.push(((g.clone(), "人员经费".into()), None));
            out.push(((g, "公用经费".into()), None));
        }
    }
    out
}

fn empty_table(t: &SubjectTable) -> bool {
    t.rows.is_empty() && t.total.iter().all(|a| a.value.is_zero())
}

fn subject(v: &Variant, t: &SubjectTable, dept: &str, book: &Book) -> Option<S> {
    let is_empty = empty_table(t);
    if is_empty && v.empty == Empty::Absent && matches!(t.id, TableId::T10 | TableId::T11 | TableId::T12) {
        return None;
    }
    let mut s = S::new(&format!("公开{:02}表", t.id.number()), v);
    let heads = subject_headers(v, t);
    let lw = label_width(v, false);
    let width = lw + heads.len() as u16;
    let r = head(&mut s, v, t.id, dept, width);
    let two = heads.iter().any(|((g, _), _)| g.is_some());
    let rows = if two { 2 } else { 1 };
    code_header(&mut s, v, r, rows, false);
    let mut c = lw;
    let mut i = 0;
    while i < heads.len() {
        let ((g, leaf), _) = &heads[i];
        match g {
            Some(g) => {
                let n = heads[i..].iter().take_while(|((g2, _), _)| g2.as_ref() == Some(g)).count() as u16;
                s.group(r, c, c + n - 1, g);
                for k in 0..n {
                    s.put(r + 1, c + k, &heads[i + k as usize].0 .1);
                }
                c += n;
                i += n as usize;
            }
            None => {
                s.put(r, c, leaf);
                s.merge(r, c, r + rows - 1, c);
                c += 1;
                i += 1;
            }
        }
    }
    let amount_cols: Vec<u16> = (lw..width).collect();
    let mut d = lanci(&mut s, v, r + rows, Some(0), &amount_cols);
    // Amounts per header column (parts: 人员经费 = 基本支出 share from 08, 公用经费 the rest).
    let values = |vals: &[Amount], total_row: bool| -> Vec<String> {
        let mut out = Vec::new();
        for (k, (_, col)) in heads.iter().enumerate() {
            match col {
                Some(c) => {
                    let i = t.columns.iter().position(|x| x == c).unwrap();
                    out.push(amt(v, &vals[i]));
                }
                None => {
                    let basic = &vals[t.columns.iter().position(|x| *x == Col::Basic).unwrap()];
                    let personnel = if total_row && t.id == TableId::T06 { book.t08.personnel_total.value } else { basic.value };
                    let x = if heads[k].0 .1 == "人员经费" { personnel } else { basic.value - personnel };
                    out.push(amt(v, &Amount { value: x, at: basic.at.clone() }));
                }
            }
        }
        out
    };
    if is_empty {
        match v.empty {
            Empty::HeadersOnly | Empty::Absent => {}
            Empty::Note => s.put(d + 1, 0, "说明：本单位本年度没有相关财政拨款收入和支出，故本表无数据。"),
            Empty::NoData => s.put(d, 0, "本表无数据"),
            Empty::ZeroTotal => {
                s.put(d, 0, total_label(v));
                for (k, x) in values(&t.total, true).iter().enumerate() {
                    s.put(d, lw + k as u16, x);
                }
            }
        }
        return Some(s);
    }
    let write_total = |s: &mut S, r: u32| {
        s.put(r, 0, total_label(v));
        for (k, x) in values(&t.total, true).iter().enumerate() {
            s.put(r, lw + k as u16, x);
        }
    };
    if !v.total_bottom {
        write_total(&mut s, d);
        d += 1;
    }
    for row in &t.rows {
        code_cells(&mut s, v, d, row.code.as_str(), &row.name, false);
        for (k, x) in values(&row.values, false).iter().enumerate() {
            s.put(d, lw + k as u16, x);
        }
        d += 1;
    }
    if v.total_bottom {
        write_total(&mut s, d);
        d += 1;
    }
    s.put(d, 0, "注：本表反映部门本年度的相关情况。");
    Some(s)
}

// ───────────────────────────── 05 / 07 / 09 ─────────────────────────────

fn matrix(v: &Variant, t: &MatrixTable, dept: &str) -> S {
    let econ = t.layout == MatrixLayout::EconomicRows;
    let mut s = S::new(&format!("公开{:02}表", t.id.number()), v);
    let lw = label_width(v, econ);
    let width = lw + t.columns.len() as u16;
    let r = head(&mut s, v, t.id, dept, width);
    let split: Vec<(Option<&str>, &str)> = t.columns.iter().map(|c| c.rsplit_once('/').map_or((None, c.as_str()), |(g, l)| (Some(g), l))).collect();
    let two = split.iter().any(|(g, _)| g.is_some()) && v.group != Group::Missing;
    let rows = if two { 2 } else { 1 };
    code_header(&mut s, v, r, rows, econ);
    let mut i = 0;
    while i < split.len() {
        let c = lw + i as u16;
        match split[i] {
            (Some(g), _) if two => {
                let n = split[i..].iter().take_while(|(g2, _)| *g2 == Some(g)).count();
                s.group(r, c, c + n as u16 - 1, g);
                for k in 0..n {
                    s.put(r + 1, c + k as u16, split[i + k].1);
                }
                i += n;
            }
            (_, leaf) => {
                s.put(r, c, leaf);
                s.merge(r, c, r + rows - 1, c);
                i += 1;
            }
        }
    }
    let cols: Vec<u16> = (lw..width).collect();
    let mut d = lanci(&mut s, v, r + rows, Some(0), &cols);
    let write_total = |s: &mut S, r: u32| {
        s.put(r, 0, total_label(v));
        for (k, a) in t.total.iter().enumerate() {
            s.put(r, lw + k as u16, &amt(v, a));
        }
    };
    if !v.total_bottom {
        write_total(&mut s, d);
        d += 1;
    }
    for row in &t.rows {
        code_cells(&mut s, v, d, &row.code, &row.name, econ);
        for (k, a) in row.values.iter().enumerate() {
            s.put(d, lw + k as u16, &amt(v, a));
        }
        d += 1;
    }
    if v.total_bottom {
        write_total(&mut s, d);
    }
    s
}

// ───────────────────────────── 08 ─────────────────────────────

fn t08(v: &Variant, t: &BasicExpenditure, dept: &str) -> S {
    let mut s = S::new("公开08表", v);
    let codes = if v.codes == Codes::InName { Codes::OneCell } else { v.codes };
    let v8 = Variant { codes, ..*v };
    let lw = label_width(&v8, true);
    let bw = lw + 1;
    let n = v.t08_blocks.clamp(1, 3) as u16;
    let r = head(&mut s, v, TableId::T08, dept, bw * n);
    // Blocks: 1 = everything; 2 = 人员 | 公用; 3 = 人员 | 302 | the rest.
    let all: Vec<&EconRow> = t.personnel.iter().chain(&t.public).collect();
    let blocks: Vec<Vec<&EconRow>> = match n {
        1 => vec![all],
        2 => vec![t.personnel.iter().collect(), t.public.iter().collect()],
        _ => vec![t.personnel.iter().collect(), t.public.iter().filter(|x| x.code.lei().as_str() == "302").collect(), t.public.iter().filter(|x| x.code.lei().as_str() != "302").collect()],
    };
    let groups = match n {
        1 => vec!["基本支出"],
        2 => vec!["人员经费", "公用经费"],
        _ => vec!["人员经费", "公用经费", ""],
    };
    if n == 3 {
        s.group(r, bw, 3 * bw - 1, "公用经费");
        s.group(r, 0, bw - 1, "人员经费");
    } else {
        for (b, g) in groups.iter().enumerate() {
            let c = b as u16 * bw;
            s.group(r, c, c + bw - 1, g);
        }
    }
    let hdr = r + 1;
    let rows = if codes == Codes::Split { 2 } else { 1 };
    for b in 0..n {
        let c0 = b * bw;
        let mut tmp = S { spec: SheetSpec::new("x"), r0: 0, c0: 0 };
        code_header(&mut tmp, &v8, 0, rows, true);
        for (&(rr, cc), t) in &tmp.spec.cells {
            s.put(hdr + rr, c0 + cc, t);
        }
        for &(a, b2, c, d) in &tmp.spec.merges {
            s.merge(hdr + a, c0 + b2, hdr + c, c0 + d);
        }
        s.put(hdr, c0 + lw, if v.spell { "金额" } else { "决算数" });
        s.merge(hdr, c0 + lw, hdr + rows - 1, c0 + lw);
    }
    let amount_cols: Vec<u16> = (0..n).map(|b| b * bw + lw).collect();
    let d = lanci(&mut s, v, hdr + rows, Some(0), &amount_cols);
    let mut maxr = d;
    for (b, rows) in blocks.iter().enumerate() {
        let c0 = b as u16 * bw;
        for (i, row) in rows.iter().enumerate() {
            let mut tmp = S { spec: SheetSpec::new("x"), r0: 0, c0: 0 };
            code_cells(&mut tmp, &v8, 0, row.code.as_str(), &row.name, true);
            for (&(_, cc), txt) in &tmp.spec.cells {
                s.put(d + i as u32, c0 + cc, txt);
            }
            s.put(d + i as u32, c0 + lw, &amt(v, &row.amount));
        }
        maxr = maxr.max(d + rows.len() as u32);
    }
    if n == 1 {
        s.put(maxr, 0, "人员经费合计");
        s.put(maxr, lw, &amt(v, &t.personnel_total));
        s.put(maxr + 1, 0, if v.spell { "日常公用经费合计" } else { "公用经费合计" });
        s.put(maxr + 1, lw, &amt(v, &t.public_total));
    } else {
        s.put(maxr, 0, "人员经费合计");
        s.put(maxr, lw, &amt(v, &t.personnel_total));
        s.put(maxr, bw, "公用经费合计");
        s.put(maxr, n * bw - 1, &amt(v, &t.public_total));
    }
    s
}

// ───────────────────────────── 13 ─────────────────────────────

fn t13(v: &Variant, t: &ThreePublic, dept: &str) -> S {
    let mut s = S::new("公开13表", v);
    let names = if v.spell {
        ["合计", "因公出国(境)费用", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费"]
    } else {
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    };
    let pick = |a: &ThreePublicAmounts| [a.total.clone(), a.overseas.clone(), a.vehicles.clone(), a.vehicle_purchase.clone(), a.vehicle_operation.clone(), a.reception.clone()];
    let (b, a) = (pick(&t.budget), pick(&t.actual));
    if v.t13_vertical {
        let r = head(&mut s, v, TableId::T13, dept, 3);
        s.put(r, 0, "项目");
        s.put(r, 1, "预算数");
        s.put(r, 2, "决算数");
        let d = lanci(&mut s, v, r + 1, Some(0), &[1, 2]);
        for i in 0..6 {
            let l = if i == 3 { format!("其中：{}", names[i]) } else if i == 4 { format!("　　{}", names[i]) } else { names[i].to_string() };
            s.put(d + i as u32, 0, &l);
            s.put(d + i as u32, 1, &amt(v, &b[i]));
            s.put(d + i as u32, 2, &amt(v, &a[i]));
        }
        return s;
    }
    let r = head(&mut s, v, TableId::T13, dept, 12);
    // 合计 | 出国 | 车辆 {小计 | 购置 | 运行} | 接待, each 预算数 · 决算数.
    for (i, c) in [(0usize, 0u16), (1, 2), (5, 10)] {
        s.put(r, c, names[i]);
        s.merge(r, c, r + 1, c + 1);
    }
    s.group(r, 4, 9, names[2]);
    s.group(r + 1, 4, 5, if v.spell { "小计" } else { "小计" });
    s.group(r + 1, 6, 7, names[3]);
    s.group(r + 1, 8, 9, names[4]);
    for k in 0..6u16 {
        s.put(r + 2, 2 * k, "预算数");
        s.put(r + 2, 2 * k + 1, if v.spell { "决算\n数" } else { "决算数" });
    }
    // The wide table has no label column: its 栏次 row, when there, is bare.
    let cols: Vec<u16> = (0..12).collect();
    let d = lanci(&mut s, &Variant { lanci: if v.lanci == Lanci::Labelled { Lanci::Bare } else { v.lanci }, ..*v }, r + 3, None, &cols);
    let order = [0usize, 1, 2, 3, 4, 5];
    for (k, &i) in order.iter().enumerate() {
        s.put(d, 2 * k as u16, &amt(v, &b[i]));
        s.put(d, 2 * k as u16 + 1, &amt(v, &a[i]));
    }
    s
}

// ───────────────────────────── own sheets ─────────────────────────────

fn own_sheets(book: &Book) -> Vec<SheetSpec> {
    let mut out = Vec::new();
    if !book.notes.is_empty() {
        let mut s = SheetSpec::new("说明材料");
        s.row(0, &["项目", "内容"]);
        for (i, n) in book.notes.iter().enumerate() {
            s.put(i as u32 + 1, 0, &n.label);
            s.put(i as u32 + 1, 1, &n.text);
        }
        out.push(s);
    }
    if !book.budgets.is_empty() {
        let mut s = SheetSpec::new("预算数");
        s.row(0, &["科目编码", "全年预算数", "年初预算数"]);
        for (i, b) in book.budgets.iter().enumerate() {
            let r = i as u32 + 1;
            s.put(r, 0, b.code.as_str());
            s.put(r, 1, &format!("={}", b.full_year.value));
            if let Some(a) = &b.initial {
                s.put(r, 2, &format!("={}", a.value));
            }
        }
        out.push(s);
    }
    if !book.projects.is_empty() {
        let mut s = SheetSpec::new("项目绩效");
        s.row(0, &["项目名称", "预算数", "执行数", "绩效目标完成情况综述"]);
        for (i, p) in book.projects.iter().enumerate() {
            let r = i as u32 + 1;
            s.put(r, 0, &p.name);
            if let Some(a) = &p.budget {
                s.put(r, 1, &format!("={}", a.value));
            }
            if let Some(a) = &p.actual {
                s.put(r, 2, &format!("={}", a.value));
            }
            s.put(r, 3, &p.summary);
        }
        out.push(s);
    }
    out
}

/// Every sheet of a variant (tables, then our own sheets).
fn sheets(v: &Variant, book: &Book) -> Vec<SheetSpec> {
    let dept = book.meta.department.as_str();
    let mut out: Vec<S> = vec![t01(v, &book.t01, dept)];
    out.extend(book.t02.as_ref().and_then(|t| subject(v, t, dept, book)));
    out.extend(subject(v, &book.t03, dept, book));
    out.push(t04(v, &book.t04, dept));
    out.extend(book.t05.as_ref().map(|t| matrix(v, t, dept)));
    out.extend(subject(v, &book.t06, dept, book));
    out.extend(book.t07.as_ref().map(|t| matrix(v, t, dept)));
    out.push(t08(v, &book.t08, dept));
    out.extend(book.t09.as_ref().map(|t| matrix(v, t, dept)));
    for t in [&book.t10, &book.t11, &book.t12].into_iter().flatten() {
        out.extend(subject(v, t, dept, book));
    }
    out.push(t13(v, &book.t13, dept));
    let mut specs: Vec<SheetSpec> = out.into_iter().map(|s| s.spec).collect();
    specs.extend(own_sheets(book));
    specs
}

// ───────────────────────────── writing and converting ─────────────────────────────

/// True when LibreOffice is installed with its spreadsheet component (a probe conversion).
fn soffice_available(dir: &Path) -> bool {
    let probe = dir.join("probe.xlsx");
    let mut s = SheetSpec::new("s");
    s.put(0, 0, "x");
    write_book(&probe, &[s]);
    let out = dir.join("probe");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let ran = Command::new("soffice").args([profile.as_str(), "--headless", "--convert-to", "ods", "--outdir"]).arg(&out).arg(&probe).output();
    ran.is_ok_and(|o| o.status.success()) && out.join("probe.ods").is_file()
}

/// Converts the xlsx files to `ext` with one LibreOffice run; returns the new paths.
fn convert(files: &[PathBuf], ext: &str, out: &Path) -> Vec<PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}", out.join("lo-profile").display());
    let st = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", ext, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("run soffice");
    assert!(st.status.success(), "soffice failed: {}", String::from_utf8_lossy(&st.stderr));
    files.iter().map(|f| out.join(f.with_extension(ext).file_name().unwrap())).collect()
}

/// Writes a variant to `dir/name.xlsx` (or a folder); `.xls`/`.ods` are converted later.
fn write_variant(v: &Variant, book: &Book, dir: &Path, name: &str) -> PathBuf {
    let specs = sheets(v, book);
    if v.format == Format::Folder {
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder).unwrap();
        let (own, tables): (Vec<SheetSpec>, Vec<SheetSpec>) = specs.into_iter().partition(|s| matches!(s.name.as_str(), "说明材料" | "预算数" | "项目绩效"));
        for (i, s) in tables.into_iter().enumerate() {
            write_book(&folder.join(format!("表{i:02}.xlsx")), &[s]);
        }
        if !own.is_empty() {
            write_book(&folder.join("说明材料.xlsx"), &own);
        }
        return folder;
    }
    let path = dir.join(format!("{name}.xlsx"));
    write_book(&path, &specs);
    path
}

// ───────────────────────────── comparing ─────────────────────────────

/// Facts with every source (cell references, provenance labels) and the findings list removed.
fn stripped(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(k, _)| k != "at" && k != "source" && k != "findings").map(|(k, v)| (k, stripped(v))).collect()),
        Value::Array(a) => Value::Array(a.into_iter().map(stripped).collect()),
        other => other,
    }
}

struct Outcome {
    facts: serde_json::Value,
    findings: Vec<(String, String)>,
}

fn outcome(book: Book) -> Outcome {
    let dept = Department { book, prior: None };
    let facts = derive(&dept, &DeriveOptions::default());
    let findings: Vec<Finding> = juesuan::pipeline::findings(&dept, &facts);
    let mut f: Vec<(String, String)> = findings.iter().map(|f| (f.rule.clone(), f.severity.label().to_string())).collect();
    f.sort();
    Outcome { facts: stripped(serde_json::to_value(&facts).unwrap()), findings: f }
}

fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let p = format!("{path}.{k}");
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_difference(va, vb, &p) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{p}: missing in variant")),
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}.{k}: only in variant"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items vs {}", x.len(), y.len()));
            }
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_difference(p, q, &format!("{path}[{i}]")))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

const SAMPLES: [&str; 3] = ["samples/01_区委办公室.xlsx", "samples/02_市委办公厅.xlsx", "samples/03_农业技术服务中心"];

fn base(sample: &str) -> (Book, Outcome) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
    let mut book = read_book(&p).unwrap_or_else(|e| panic!("{sample}: {e}"));
    // The variants rewrite the thirteen tables and the 说明材料/预算数/项目绩效 sheets, not the
    // samples' 绩效自评表 (their layouts are tests/read_perf_forms.rs'): compare without them.
    book.forms.clear();
    let o = outcome(book.clone());
    (book, o)
}

/// Reads a written variant and compares it with the base; returns a failure description.
fn compare(path: &Path, want: &Outcome, what: &str) -> Option<String> {
    let book = match read_book(path) {
        Ok(b) => b,
        Err(e) => return Some(format!("{what}: not read: {e}")),
    };
    let got = outcome(book);
    if let Some(d) = first_difference(&want.facts, &got.facts, "facts") {
        return Some(format!("{what}: facts differ at {d}"));
    }
    if want.findings != got.findings {
        let extra: Vec<_> = got.findings.iter().filter(|f| !want.findings.contains(f)).collect();
        let gone: Vec<_> = want.findings.iter().filter(|f| !got.findings.contains(f)).collect();
        return Some(format!("{what}: findings differ: extra {extra:?}, missing {gone:?}"));
    }
    None
}

/// The named variants: each class of the issue and each variation of table-layouts.md.
fn named() -> Vec<(&'static str, Variant)> {
    let b = BASE;
    vec![
        ("base", b),
        ("group-flat", Variant { group: Group::Flat, ..b }),
        ("group-flat-spelled", Variant { group: Group::Flat, spell: true, ..b }),
        ("group-missing", Variant { group: Group::Missing, ..b }),
        ("parts-flat", Variant { parts: true, group: Group::Missing, ..b }),
        ("parts-merged", Variant { parts: true, ..b }),
        ("lanci-bare", Variant { lanci: Lanci::Bare, ..b }),
        ("lanci-absent", Variant { lanci: Lanci::Absent, ..b }),
        ("empty-headers-only", Variant { empty: Empty::HeadersOnly, ..b }),
        ("empty-note", Variant { empty: Empty::Note, ..b }),
        ("empty-no-data", Variant { empty: Empty::NoData, ..b }),
        ("empty-absent", Variant { empty: Empty::Absent, ..b }),
        ("spellings", Variant { spell: true, ..b }),
        ("codes-split", Variant { codes: Codes::Split, ..b }),
        ("codes-in-name", Variant { codes: Codes::InName, ..b }),
        ("codes-numeric", Variant { codes: Codes::Numeric, ..b }),
        ("yuan", Variant { yuan: true, ..b }),
        ("unit-left", Variant { unit_place: 1, yuan: true, ..b }),
        ("unit-under-title", Variant { unit_place: 2, ..b }),
        ("title-year", Variant { title: 1, ..b }),
        ("title-department", Variant { title: 2, ..b }),
        ("title-code", Variant { title: 3, ..b }),
        ("offset", Variant { offset: (2, 1), ..b }),
        ("t08-one-block", Variant { t08_blocks: 1, ..b }),
        ("t08-three-blocks", Variant { t08_blocks: 3, ..b }),
        ("t13-vertical", Variant { t13_vertical: true, ..b }),
        ("total-bottom", Variant { total_bottom: true, ..b }),
        ("no-hangci", Variant { hangci: false, ..b }),
        ("zero-blank", Variant { zero: 0, ..b }),
        ("zero-dash-text", Variant { zero: 2, text_numbers: true, ..b }),
        ("folder", Variant { format: Format::Folder, codes: Codes::Split, ..b }),
        ("xls", Variant { format: Format::Xls, ..b }),
        ("ods", Variant { format: Format::Ods, ..b }),
        ("ods-flat-bare", Variant { format: Format::Ods, group: Group::Flat, lanci: Lanci::Bare, t08_blocks: 3, ..b }),
    ]
}

#[test]
fn every_layout_variant_reads_to_the_same_facts() {
    let dir = temp_dir("layout-variants");
    let soffice = soffice_available(&dir);
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    if !soffice {
        assert!(!ci, "LibreOffice (soffice with Calc) is required under CI for the .xls/.ods variants");
        eprintln!("soffice (with Calc) not found: .xls/.ods variants skipped (install LibreOffice Calc to run them)");
    }
    let mut failures = Vec::new();
    let mut count = 0;
    let mut convert_later: Vec<(Format, PathBuf, String, usize)> = Vec::new();
    let mut bases = Vec::new();
    for (si, sample) in SAMPLES.iter().enumerate() {
        let (book, want) = base(sample);
        for (name, v) in named() {
            let tag = format!("s{si}-{name}");
            let path = write_variant(&v, &book, &dir, &tag);
            match v.format {
                Format::Xls | Format::Ods => {
                    if soffice {
                        convert_later.push((v.format, path, format!("{sample} {name}"), si));
                    }
                }
                _ => {
                    count += 1;
                    // An absent empty 10/11/12 reads to the same facts as the empty table.
                    failures.extend(compare(&path, &want, &format!("{sample} {name}")));
                }
            }
        }
        bases.push(want);
    }
    for (fmt, ext) in [(Format::Xls, "xls"), (Format::Ods, "ods")] {
        let group: Vec<&(Format, PathBuf, String, usize)> = convert_later.iter().filter(|x| x.0 == fmt).collect();
        if group.is_empty() {
            continue;
        }
        let files: Vec<PathBuf> = group.iter().map(|x| x.1.clone()).collect();
        let out = dir.join(ext);
        std::fs::create_dir_all(&out).unwrap();
        for (p, (_, _, what, si)) in convert(&files, ext, &out).iter().zip(group) {
            count += 1;
            failures.extend(compare(p, &bases[*si], what));
        }
    }
    assert!(count >= 60 || !soffice, "only {count} variants");
    assert!(failures.is_empty(), "{} of {count} variants differ:\n{}", failures.len(), failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn arb_variant() -> impl Strategy<Value = Variant> {
    (
        (prop::sample::select(vec![Group::Merged, Group::Flat, Group::Missing]), prop::sample::select(vec![Lanci::Labelled, Lanci::Bare, Lanci::Absent])),
        (prop::sample::select(vec![Codes::OneCell, Codes::Split, Codes::InName, Codes::Numeric]), prop::sample::select(vec![Empty::ZeroTotal, Empty::HeadersOnly, Empty::Note, Empty::NoData, Empty::Absent])),
        (any::<bool>(), 0u8..3, 0u8..4, (0u32..3, 0u16..3)),
        (1u8..4, any::<bool>(), any::<bool>(), any::<bool>()),
        (any::<bool>(), any::<bool>(), 0u8..3, any::<bool>()),
    )
        .prop_map(|((group, lanci), (codes, empty), (yuan, unit_place, title, offset), (t08_blocks, t13_vertical, spell, total_bottom), (hangci, parts, zero, text_numbers))| Variant {
            group, lanci, codes, empty, yuan, unit_place, title, offset, t08_blocks, t13_vertical, spell, total_bottom, hangci, parts, zero, text_numbers,
            format: Format::Xlsx,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn random_combinations_read_to_the_same_facts(v in arb_variant(), si in 0usize..3) {
        let dir = temp_dir(&format!("layout-prop-{si}"));
        let (book, want) = base(SAMPLES[si]);
        let path = write_variant(&v, &book, &dir, "v");
        let failure = compare(&path, &want, &format!("{} {v:?}", SAMPLES[si]));
        let _ = std::fs::remove_dir_all(&dir);
        prop_assert!(failure.is_none(), "{}", failure.unwrap_or_default());
    }
}

// ───────────────────────────── Open XML validity ─────────────────────────────

/// The reports of representative variants (whose annex tables differ from the base's: 元,
/// flat parts, three 08 blocks, vertical 13, absent empty tables, split codes, spellings, a
/// folder) pass `python3 -m openxml_audit -f office2019` with 0 findings. Skipped with a
/// message when the validator is missing, except under CI.
#[test]
fn representative_variant_reports_pass_openxml_audit() {
    let available = Command::new("python3").args(["-c", "import openxml_audit"]).output().is_ok_and(|o| o.status.success());
    if !available {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
        assert!(!ci, "CI is set but `python3 -m openxml_audit` is not available");
        eprintln!("SKIPPED: python3 with openxml_audit not found (pip install openxml-audit)");
        return;
    }
    let dir = temp_dir("layout-audit");
    let picks: [(usize, &str); 9] = [
        (0, "yuan"), (0, "parts-flat"), (0, "t08-three-blocks"), (0, "t13-vertical"), (0, "empty-absent"),
        (1, "codes-split"), (1, "spellings"), (2, "folder"), (2, "empty-headers-only"),
    ];
    let variants = named();
    let settings = juesuan::pipeline::Settings { force: true, ..Default::default() };
    let mut failures = Vec::new();
    for (si, name) in picks {
        let (book, _) = base(SAMPLES[si]);
        let v = variants.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap();
        let path = write_variant(&v, &book, &dir, &format!("s{si}-{name}"));
        let dept = Department { book: read_book(&path).unwrap_or_else(|e| panic!("{name}: {e}")), prior: None };
        let report = juesuan::pipeline::build_report(&dept, &juesuan::narrate::Templates::builtin(), &settings).unwrap_or_else(|e| panic!("{name}: {e}"));
        let docx = dir.join(format!("s{si}-{name}.docx"));
        std::fs::write(&docx, &report.docx).unwrap();
        let out = Command::new("python3").args(["-m", "openxml_audit", "-f", "office2019", "-m", "0"]).arg(&docx).output().expect("run openxml_audit");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        if !out.status.success() || !text.contains("Errors: 0") {
            failures.push(format!("── {} {name} ──\n{text}", SAMPLES[si]));
        }
    }
    assert!(failures.is_empty(), "openxml-audit findings:\n{}", failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
