//! A consistent department built in code, for tests of `check`, `derive`, `narrate` and `write`.
//!
//! [`sample_book`] returns a [`Book`] shaped like a district party-committee office (only
//! 一般公共预算 money, 13 项, 三公 only 公务用车) in which every identity between the thirteen
//! tables holds exactly. [`BookSpec`] builds variants (other lines, a 政府性基金 line, other
//! 08 rows); tests then break one figure to see a rule fire. Cells are synthetic
//! (`testkit.xlsx`, sheet `公开NN表`, one row per line) but unique, so locations can be asserted.

use crate::model::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One 项-level spending line.
#[derive(Clone, Debug)]
pub struct Line {
    /// Fund: 一般公共预算 or 政府性基金 (国资 lines are not modelled here).
    pub fund: Fund,
    /// 7-digit code.
    pub code: &'static str,
    /// 基本支出.
    pub basic: Decimal,
    /// 项目支出.
    pub project: Decimal,
}

/// Everything needed to build a consistent [`Book`].
#[derive(Clone, Debug)]
pub struct BookSpec {
    /// 部门名称.
    pub department: String,
    /// 年度.
    pub year: i32,
    /// 项 lines.
    pub lines: Vec<Line>,
    /// Names of every 类/款/项 code used.
    pub names: BTreeMap<&'static str, &'static str>,
    /// 08 economic 款 rows (code, name, amount); 类 rows are summed from them.
    pub econ: Vec<(&'static str, &'static str, Decimal)>,
    /// 13: (预算数, 决算数) for 因公出国, 公务用车购置, 公务用车运行维护, 公务接待.
    pub three_public: [(Decimal, Decimal); 4],
    /// 说明材料 entries (label, text).
    pub notes: Vec<(&'static str, String)>,
}

/// Parses a decimal literal (test helper).
pub fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

/// The spec of the standard test department (all identities hold; totals 889.16万元).
pub fn sample_spec() -> BookSpec {
    let names: BTreeMap<_, _> = [
        ("201", "一般公共服务支出"), ("20113", "商贸事务"), ("2011308", "招商引资"),
        ("20131", "党委办公厅（室）及相关机构事务"), ("2013101", "行政运行"), ("2013105", "专项业务"),
        ("2013150", "事业运行"), ("2013199", "其他党委办公厅（室）及相关机构事务支出"),
        ("204", "公共安全支出"), ("20406", "司法"), ("2040601", "行政运行"),
        ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"), ("2080599", "其他行政事业单位养老支出"),
        ("20899", "其他社会保障和就业支出"), ("2089999", "其他社会保障和就业支出"),
        ("210", "卫生健康支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗"),
        ("2101102", "事业单位医疗"), ("2101103", "公务员医疗补助"),
        ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金"),
        ("212", "城乡社区支出"), ("21208", "国有土地使用权出让收入安排的支出"), ("2120899", "其他国有土地使用权出让收入安排的支出"),
    ]
    .into_iter()
    .collect();
    let g = |code, basic: &str, project: &str| Line { fund: Fund::General, code, basic: d(basic), project: d(project) };
    BookSpec {
        department: "中共测试区委员会办公室".into(),
        year: 2023,
        lines: vec![
            g("2011308", "0", "27.02"), g("2013101", "402.23", "0"), g("2013105", "0", "25.50"),
            g("2013150", "97.71", "0"), g("2013199", "0", "200.61"), g("2040601", "5.96", "0"),
            g("2080505", "54.18", "0"), g("2080599", "2.16", "0"), g("2089999", "1.00", "0"),
            g("2101101", "18.79", "0"), g("2101102", "3.69", "0"), g("2101103", "4.75", "0"),
            g("2210201", "45.56", "0"),
        ],
        names,
        econ: vec![
            ("30101", "基本工资", d("150.00")), ("30102", "津贴补贴", d("180.00")), ("30103", "奖金", d("40.00")),
            ("30107", "绩效工资", d("54.00")), ("30108", "机关事业单位基本养老保险缴费", d("54.18")),
            ("30110", "职工基本医疗保险缴费", d("23.48")), ("30111", "公务员医疗补助缴费", d("4.75")),
            ("30113", "住房公积金", d("43.93")), ("30305", "生活补助", d("5.00")),
            ("30201", "办公费", d("20.00")), ("30202", "印刷费", d("5.00")), ("30207", "邮电费", d("6.00")),
            ("30211", "差旅费", d("10.00")), ("30216", "培训费", d("3.00")), ("30226", "劳务费", d("8.00")),
            ("30228", "工会经费", d("7.00")), ("30229", "福利费", d("5.17")),
            ("30231", "公务用车运行维护费", d("12.52")), ("30299", "其他商品和服务支出", d("4.00")),
        ],
        three_public: [(d("0"), d("0")), (d("0"), d("0")), (d("12.52"), d("12.52")), (d("0"), d("0"))],
        notes: vec![
            ("部门名称", "中共测试区委员会办公室".to_string()),
            ("主要职能", "（1）负责全区重要工作综合协调。\n（2）负责区委会议的组织服务。".to_string()),
            ("机构设置", "下属事业单位4个。".to_string()),
        ],
    }
}

/// The standard consistent test department.
///
/// ```
/// let book = juesuan::testkit::sample_book();
/// assert_eq!(book.t01.income_total.value.to_string(), "889.16");
/// assert_eq!(book.t08.personnel_total.value.to_string(), "555.34");
/// ```
pub fn sample_book() -> Book {
    sample_spec().build()
}

struct Cells {
    file: Arc<str>,
}

impl Cells {
    fn at(&self, t: TableId, row: u32, col: u32) -> CellRef {
        let sheet: Arc<str> = t.code().into();
        CellRef::new(&self.file, &sheet, row, col)
    }
    fn amt(&self, t: TableId, row: u32, col: u32, value: Decimal) -> Amount {
        Amount { value, at: self.at(t, row, col) }
    }
    fn source(&self, t: TableId) -> TableSource {
        let sheet: Arc<str> = t.code().into();
        TableSource { file: self.file.clone(), sheet, title_at: self.at(t, 0, 0), unit: Unit::Wan }
    }
}

impl BookSpec {
    fn name(&self, code: &str) -> String {
        self.names.get(code).map_or_else(|| format!("科目{code}"), |s| s.to_string())
    }

    /// Sums of (basic, project) per code at every level, for lines of the given funds.
    fn rollup(&self, funds: &[Fund]) -> BTreeMap<String, (Decimal, Decimal)> {
        let mut m: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
        for l in self.lines.iter().filter(|l| funds.contains(&l.fund)) {
            for len in [3, 5, 7] {
                let e = m.entry(l.code[..len].to_string()).or_default();
                e.0 += l.basic;
                e.1 += l.project;
            }
        }
        m
    }

    fn subject_table(&self, c: &Cells, id: TableId, cols: &[Col], funds: &[Fund], f: impl Fn(Col, Decimal, Decimal) -> Decimal) -> SubjectTable {
        let roll = self.rollup(funds);
        let (tb, tp) = roll.iter().filter(|(k, _)| k.len() == 3).fold((Decimal::ZERO, Decimal::ZERO), |a, (_, v)| (a.0 + v.0, a.1 + v.1));
        let vals = |row: u32, b: Decimal, p: Decimal| -> Vec<Amount> {
            cols.iter().enumerate().map(|(i, col)| c.amt(id, row, 2 + i as u32, f(*col, b, p))).collect()
        };
        let rows = roll
            .iter()
            .enumerate()
            .map(|(i, (code, (b, p)))| SubjectRow {
                code: SubjectCode::parse(code).expect("testkit codes are valid"),
                name: self.name(code),
                values: vals(6 + i as u32, *b, *p),
            })
            .collect();
        SubjectTable { id, source: c.source(id), columns: cols.to_vec(), total: vals(5, tb, tp), rows }
    }

    fn fund_total(&self, fund: Fund) -> Decimal {
        self.lines.iter().filter(|l| l.fund == fund).map(|l| l.basic + l.project).sum()
    }

    /// Builds the consistent [`Book`].
    pub fn build(&self) -> Book {
        let c = Cells { file: "testkit.xlsx".into() };
        let all = [Fund::General, Fund::GovFund];
        let general = self.fund_total(Fund::General);
        let gov = self.fund_total(Fund::GovFund);
        let total = general + gov;
        let roll = self.rollup(&all);
        let classes: Vec<(String, Decimal, Decimal)> = roll
            .iter()
            .filter(|(k, _)| k.len() == 3)
            .map(|(k, _)| {
                let gsum = self.lines.iter().filter(|l| l.fund == Fund::General && l.code.starts_with(k.as_str())).map(|l| l.basic + l.project).sum();
                let fsum = self.lines.iter().filter(|l| l.fund == Fund::GovFund && l.code.starts_with(k.as_str())).map(|l| l.basic + l.project).sum();
                (k.clone(), gsum, fsum)
            })
            .collect();
        let t = TableId::T01;
        let income: Vec<IncomeLine> = IncomeSource::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let v = match s {
                    IncomeSource::GeneralBudget => general,
                    IncomeSource::GovFund => gov,
                    _ => Decimal::ZERO,
                };
                IncomeLine { source: *s, label: s.label().to_string(), amount: c.amt(t, 5 + i as u32, 2, v) }
            })
            .collect();
        let zero = Decimal::ZERO;
        let t01 = IncomeExpenditureSummary {
            source: c.source(t),
            income,
            income_total: c.amt(t, 30, 2, total),
            use_of_non_fiscal_balance: Some(c.amt(t, 31, 2, zero)),
            begin_balance: Some(c.amt(t, 32, 2, zero)),
            income_grand_total: c.amt(t, 33, 2, total),
            expenditure_classes: classes
                .iter()
                .enumerate()
                .map(|(i, (k, g, f))| ClassLine {
                    code: SubjectCode::parse(k).expect("valid"),
                    name: self.name(k),
                    amount: c.amt(t, 5 + i as u32, 5, *g + *f),
                })
                .collect(),
            expenditure_total: c.amt(t, 30, 5, total),
            surplus_distribution: Some(c.amt(t, 31, 5, zero)),
            end_balance: Some(c.amt(t, 32, 5, zero)),
            expenditure_grand_total: c.amt(t, 33, 5, total),
        };
        let t02 = self.subject_table(&c, TableId::T02, &[Col::IncomeTotal, Col::FiscalGrant, Col::SuperiorSubsidy, Col::BusinessIncome, Col::OperatingIncome, Col::AffiliatedIncome, Col::OtherIncome], &all, |col, b, p| match col {
            Col::IncomeTotal | Col::FiscalGrant => b + p,
            _ => Decimal::ZERO,
        });
        let t03 = self.subject_table(&c, TableId::T03, &[Col::ExpenditureTotal, Col::Basic, Col::Project, Col::ToSuperior, Col::OperatingExpenditure, Col::ToAffiliated], &all, |col, b, p| match col {
            Col::ExpenditureTotal => b + p,
            Col::Basic => b,
            Col::Project => p,
            _ => Decimal::ZERO,
        });
        let bp = |col: Col, b: Decimal, p: Decimal| match col {
            Col::ExpenditureTotal => b + p,
            Col::Basic => b,
            Col::Project => p,
            _ => Decimal::ZERO,
        };
        let t06 = self.subject_table(&c, TableId::T06, &[Col::ExpenditureTotal, Col::Basic, Col::Project], &[Fund::General], bp);
        let t4 = TableId::T04;
        let fa = |row: u32, g: Decimal, f: Decimal| FundAmounts {
            total: c.amt(t4, row, 5, g + f),
            general: Some(c.amt(t4, row, 6, g)),
            gov_fund: Some(c.amt(t4, row, 7, f)),
            state_capital: Some(c.amt(t4, row, 8, Decimal::ZERO)),
        };
        let fl = |row: u32, col: u32, fund: Fund, v: Decimal| FundLine { fund, amount: c.amt(t4, row, col, v) };
        let t04 = FiscalSummary {
            source: c.source(t4),
            income: vec![fl(5, 2, Fund::General, general), fl(6, 2, Fund::GovFund, gov), fl(7, 2, Fund::StateCapital, zero)],
            income_total: c.amt(t4, 30, 2, total),
            begin_balance: Some(c.amt(t4, 31, 2, zero)),
            begin_by_fund: vec![fl(32, 2, Fund::General, zero), fl(33, 2, Fund::GovFund, zero), fl(34, 2, Fund::StateCapital, zero)],
            income_grand_total: c.amt(t4, 35, 2, total),
            expenditure_classes: classes
                .iter()
                .enumerate()
                .map(|(i, (k, g, f))| FundClassLine { code: SubjectCode::parse(k).expect("valid"), name: self.name(k), amounts: fa(5 + i as u32, *g, *f) })
                .collect(),
            expenditure_total: fa(30, general, gov),
            end_balance: Some(fa(31, zero, zero)),
            end_by_fund: vec![],
            expenditure_grand_total: fa(35, general, gov),
        };
        let t10 = (gov != zero).then(|| {
            self.subject_table(&c, TableId::T10, &[Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::Basic, Col::Project, Col::EndBalance], &[Fund::GovFund], |col, b, p| match col {
                Col::YearIncome | Col::ExpenditureTotal => b + p,
                Col::Basic => b,
                Col::Project => p,
                _ => Decimal::ZERO,
            })
        });
        let matrix = |id: TableId, funds: &[Fund], project_only: bool| {
            let roll = self.rollup(funds);
            let mk = |row: u32, b: Decimal, p: Decimal| -> Vec<Amount> {
                if project_only {
                    vec![c.amt(id, row, 2, p)]
                } else {
                    vec![c.amt(id, row, 2, b + p), c.amt(id, row, 3, b), c.amt(id, row, 4, p)]
                }
            };
            let (tb, tp) = roll.iter().filter(|(k, _)| k.len() == 3).fold((zero, zero), |a, (_, v)| (a.0 + v.0, a.1 + v.1));
            MatrixTable {
                id,
                source: c.source(id),
                layout: MatrixLayout::FunctionRows,
                columns: if project_only { vec!["合计".into()] } else { vec!["合计".into(), "基本支出".into(), "项目支出".into()] },
                total: mk(5, tb, tp),
                rows: roll
                    .iter()
                    .filter(|(_, v)| !project_only || v.1 != zero)
                    .enumerate()
                    .map(|(i, (k, v))| MatrixRow { code: k.clone(), name: self.name(k), values: mk(6 + i as u32, v.0, v.1) })
                    .collect(),
            }
        };
        let t8 = TableId::T08;
        let mut lei: BTreeMap<&str, Decimal> = BTreeMap::new();
        for (code, _, v) in &self.econ {
            *lei.entry(&code[..3]).or_default() += *v;
        }
        let lei_name = |k: &str| match k {
            "301" => "工资福利支出",
            "302" => "商品和服务支出",
            "303" => "对个人和家庭的补助",
            "307" => "债务利息及费用支出",
            "310" => "资本性支出",
            _ => "其他支出",
        };
        let (mut personnel, mut public) = (Vec::new(), Vec::new());
        let mut row = 6u32;
        for (k, v) in &lei {
            let rows: Vec<EconRow> = std::iter::once((k.to_string(), lei_name(k).to_string(), *v))
                .chain(self.econ.iter().filter(|e| e.0.starts_with(k)).map(|e| (e.0.to_string(), e.1.to_string(), e.2)))
                .map(|(code, name, v)| {
                    row += 1;
                    let personnel = matches!(*k, "301" | "303");
                    EconRow { code: EconCode::parse(&code).expect("valid"), name, amount: c.amt(t8, row, if personnel { 2 } else { 5 }, v) }
                })
                .collect();
            if matches!(*k, "301" | "303") { personnel.extend(rows) } else { public.extend(rows) }
        }
        let ptotal: Decimal = personnel.iter().filter(|r| r.code.is_lei()).map(|r| r.amount.value).sum();
        let gtotal: Decimal = public.iter().filter(|r| r.code.is_lei()).map(|r| r.amount.value).sum();
        let t08 = BasicExpenditure { source: c.source(t8), personnel, public, personnel_total: c.amt(t8, 60, 2, ptotal), public_total: c.amt(t8, 60, 5, gtotal) };
        let t13 = TableId::T13;
        let tp = |col0: u32, pick: fn(&(Decimal, Decimal)) -> Decimal| {
            let v: Vec<Decimal> = self.three_public.iter().map(pick).collect();
            ThreePublicAmounts {
                total: c.amt(t13, 6, col0, v[0] + v[1] + v[2] + v[3]),
                overseas: c.amt(t13, 6, col0 + 2, v[0]),
                vehicles: c.amt(t13, 6, col0 + 4, v[1] + v[2]),
                vehicle_purchase: c.amt(t13, 6, col0 + 6, v[1]),
                vehicle_operation: c.amt(t13, 6, col0 + 8, v[2]),
                reception: c.amt(t13, 6, col0 + 10, v[3]),
            }
        };
        let notes_sheet: Arc<str> = "说明材料".into();
        Book {
            input: "testkit.xlsx".into(),
            meta: Meta { department: self.department.clone(), short_name: self.department.clone(), year: self.year },
            t01,
            t02: Some(t02),
            t03,
            t04,
            t05: Some(matrix(TableId::T05, &all, false)),
            t06,
            t07: Some(matrix(TableId::T07, &[Fund::General], false)),
            t08,
            t09: Some(matrix(TableId::T09, &[Fund::General], true)),
            t10,
            t11: None,
            t12: None,
            t13: ThreePublic { source: c.source(t13), budget: tp(0, |p| p.0), actual: tp(1, |p| p.1) },
            notes: self
                .notes
                .iter()
                .enumerate()
                .map(|(i, (label, text))| NoteEntry { label: normalize_label(label), text: text.clone(), at: CellRef::new(&c.file, &notes_sheet, 1 + i as u32, 1) })
                .collect(),
            budgets: vec![],
            projects: vec![],
            sanitized: vec![],
            read_findings: vec![],
            forms: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_consistent() {
        let b = sample_book();
        assert_eq!(b.t01.expenditure_total.value, d("889.16"));
        assert_eq!(b.t06.total_of(Col::Basic).unwrap().value, d("636.03"));
        assert_eq!(b.t06.total_of(Col::Project).unwrap().value, d("253.13"));
        assert_eq!(b.t08.personnel_total.value + b.t08.public_total.value, d("636.03"));
        assert_eq!(b.t08.public_total.value, d("80.69"));
        assert_eq!(b.t01.expenditure_classes.len(), 5);
        assert_eq!(b.t13.actual.total.value, d("12.52"));
        assert_eq!(b.t09.as_ref().unwrap().total[0].value, d("253.13"));
    }

    #[test]
    fn gov_fund_variant_fills_table_10() {
        let mut s = sample_spec();
        s.lines.push(Line { fund: Fund::GovFund, code: "2120899", basic: d("0"), project: d("100") });
        let b = s.build();
        assert_eq!(b.t01.income_total.value, d("989.16"));
        assert_eq!(b.t06.total_of(Col::ExpenditureTotal).unwrap().value, d("889.16"));
        assert_eq!(b.t10.as_ref().unwrap().total_of(Col::ExpenditureTotal).unwrap().value, d("100"));
        assert_eq!(b.t04.expenditure_total.fund(Fund::GovFund), d("100"));
    }
}

/// A consistent 绩效自评表 (financed wholly by 财政资金; three indicators of 30, full marks;
/// 执行率 printed with two decimals) on sheet `name` of `forms.xlsx`, for rule and derive tests.
///
/// ```
/// let f = juesuan::testkit::sample_form("春节慰问费（2023）", "4", "4");
/// assert_eq!(f.total_score.unwrap().value.to_string(), "100");
/// ```
pub fn sample_form(name: &str, adjusted: &str, actual: &str) -> PerfForm {
    let file: Arc<str> = "forms.xlsx".into();
    let sheet: Arc<str> = name.into();
    let at = |r: u32, c: u32| CellRef::new(&file, &sheet, r, c);
    let n = |v: &str, r: u32, c: u32| Some(FormNumber { value: d(v), at: at(r, c) });
    let (adj, act) = (d(adjusted), d(actual));
    let amt = |v: Decimal, r: u32, c: u32| Some(Amount { value: v, at: at(r, c) });
    let row = |fund: FormFund, r: u32, v: Option<(Decimal, Decimal)>| FormFundRow {
        fund,
        at: at(r, 1),
        initial: v.and_then(|(a, _)| amt(a, r, 2)),
        adjusted: v.and_then(|(a, _)| amt(a, r, 3)),
        actual: v.and_then(|(_, x)| amt(x, r, 4)),
        rate: v.map(|(a, x)| FormNumber { value: if a.is_zero() { Decimal::new(0, 2) } else { crate::money::round_half_up(x / a * Decimal::ONE_HUNDRED, 2) }, at: at(r, 5) }),
    };
    let ind = |i: u32, l1: &str, l2: &str, l3: &str| FormIndicator {
        level1: l1.into(), level2: l2.into(), level3: l3.into(), nature: "≥".into(), target: "90".into(), unit: "%".into(), done: "100%".into(),
        weight: n("30", 13 + i, 8), score: n("30", 13 + i, 9), reason: None, at: at(13 + i, 3),
    };
    let text = |t: &str, r: u32, c: u32| Some(FormText { text: t.into(), at: at(r, c) });
    let (code, plain) = crate::read::split_project_code(name);
    PerfForm {
        title: "部门预算项目支出绩效自评表（2023年度）".into(),
        title_at: at(0, 0),
        code,
        name: plain.clone(),
        name_at: at(1, 1),
        department: text("中共某某区委办公室", 2, 1),
        unit: text("中共某某区委办公室", 2, 7),
        goal: text(&format!("完成{plain}年度任务。"), 4, 2),
        achieved: text(&format!("{plain}年度任务全部完成。"), 4, 6),
        process: text("按计划实施。", 5, 2),
        funds: vec![
            row(FormFund::Total, 7, Some((adj, act))),
            row(FormFund::Fiscal, 8, Some((adj, act))),
            row(FormFund::SpecialAccount, 9, Some((Decimal::ZERO, Decimal::ZERO))),
            row(FormFund::Unit, 10, Some((Decimal::ZERO, Decimal::ZERO))),
            row(FormFund::Other, 11, None),
        ],
        budget_weight: n("10", 7, 6),
        budget_score: n("10", 7, 7),
        budget_reason: None,
        indicators: vec![ind(0, "产出指标", "数量指标", "完成任务数"), ind(1, "效益指标", "社会效益指标", "工作成效"), ind(2, "满意度指标", "满意度指标", "服务对象满意度")],
        total_weight: n("100", 16, 8),
        total_score: n("100", 16, 9),
        conclusion: text(&format!("{plain}圆满完成。"), 17, 1),
        problems: text("无", 18, 1),
        measures: text("无", 19, 1),
        project_lead: Some("张三".into()),
        finance_lead: Some("李四".into()),
    }
}

/// [`sample_book`] with three 绩效自评表 (one, 档案工作经费, executed below 90% with a 原因 and
/// a project code), a `预算数` sheet with 年初预算数, and some of the 附件1/附件2 labels filled in
/// (others left out, so placeholders show): the 第四部分 golden and the 自评表 typesetting
/// tests build on it.
///
/// ```
/// let b = juesuan::testkit::sample_book_with_forms();
/// assert_eq!(b.forms.len(), 3);
/// assert_eq!(b.forms[2].code.as_deref(), Some("51090423T000008811099"));
/// ```
pub fn sample_book_with_forms() -> Book {
    let mut b = sample_book();
    let mut archive = sample_form("51090423T000008811099-档案工作经费（2023）", "20", "9.61");
    archive.budget_score = Some(FormNumber { value: d("4.81"), at: archive.name_at.clone() });
    archive.total_score = Some(FormNumber { value: d("94.81"), at: archive.name_at.clone() });
    archive.budget_reason = Some(FormText { text: "部分档案数字化工作延至下年实施。".into(), at: archive.name_at.clone() });
    archive.indicators[0].level1 = "产出指标".into();
    archive.indicators[1].level1 = "产出指标".into();
    archive.indicators[1].level2 = "质量指标".into();
    archive.conclusion = Some(FormText { text: "完成40余家相关单位执法检查；异地查档46件次。".into(), at: archive.name_at.clone() });
    b.forms = vec![sample_form("春节慰问费（2023）", "4", "4"), sample_form("党史研究专项工作经费", "10", "9.97"), archive];
    let file: Arc<str> = "sample.xlsx".into();
    let sheet: Arc<str> = "说明材料".into();
    let notes = [
        ("绩效评价：机构组成", "区委办下属二级单位4个，其中参照公务员法管理的事业单位1个，其他事业单位3个。"),
        ("绩效评价：人员概况", "截至2023年末，实有编制人数37人。"),
        ("绩效评价：履职效能", "全年起草各类文稿500余篇。\n编发《安居信息》48期。"),
        ("绩效评价：常年项目数", "3"),
        ("绩效评价：绩效目标项目数", "5"),
        ("绩效评价：评价结论", "项目目标申报科学合理，资金使用合规。"),
        ("绩效评价：自评得分", "98分，等级为优"),
        ("项目评价：春节慰问费：设立背景及基本情况", "主要用于区委节日慰问一线干部职工、党员代表、基层群众。"),
        ("项目评价：档案工作经费（2023）：存在主要问题", "档案数字化进度偏慢。"),
    ];
    for (k, (label, text)) in notes.into_iter().enumerate() {
        b.notes.push(NoteEntry { label: crate::model::note_key(label), text: text.into(), at: CellRef::new(&file, &sheet, 80 + k as u32, 1) });
    }
    let budget_sheet: Arc<str> = "预算数".into();
    let codes: Vec<_> = b.t06.rows_at(Level::Xiang).map(|r| (r.code.clone(), b.t06.value(r, Col::ExpenditureTotal))).collect();
    for (k, (code, total)) in codes.into_iter().enumerate() {
        let at = CellRef::new(&file, &budget_sheet, 1 + k as u32, 2);
        let v = total.unwrap_or_default();
        b.budgets.push(BudgetLine { code, full_year: Amount { value: v, at: at.clone() }, initial: Some(Amount { value: v, at }) });
    }
    b
}
