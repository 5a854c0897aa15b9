//! Derives the thirteen tables from a [`SampleDept`] so that every identity of
//! `reference/table-layouts.md` §4 holds exactly, and checks them ([`identity_violations`]).

use super::names::{econ_name, function_name, ECON_CLASSES};
use super::spec::{Line, SampleDept, ThreePublicSpec};
use super::SampleError;
use crate::model::{Col, IncomeSource};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One row of a subject or matrix table: code, name and one amount per column.
#[derive(Clone, Debug, PartialEq)]
pub struct DataRow {
    /// 功能分类 code (3, 5 or 7 digits).
    pub code: String,
    /// Name.
    pub name: String,
    /// Amounts, in column order.
    pub values: Vec<Decimal>,
}

/// A 合计 + 类/款/项 table (02, 03, 06, 10, 11, 12).
#[derive(Clone, Debug, PartialEq)]
pub struct SubjectData {
    /// Amount columns.
    pub columns: Vec<Col>,
    /// 合计 row.
    pub total: Vec<Decimal>,
    /// Rows depth-first (类, its 款, their 项).
    pub rows: Vec<DataRow>,
}

/// A function-rows × economic-类 matrix (05, 07, 09): values are 合计 then one per
/// [`ECON_CLASSES`] entry.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixData {
    /// 合计 row (合计 first).
    pub total: Vec<Decimal>,
    /// Rows depth-first.
    pub rows: Vec<DataRow>,
}

/// A 类 line (01) or an economic line (08).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeAmount {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Amount.
    pub amount: Decimal,
}

/// 公开01表.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary01 {
    /// Income lines 一 … 八 in [`IncomeSource::ALL`] order.
    pub income: [Decimal; 8],
    /// 本年收入合计.
    pub income_total: Decimal,
    /// 使用非财政拨款结余.
    pub use_balance: Decimal,
    /// 年初结转和结余.
    pub begin: Decimal,
    /// 收入总计.
    pub income_grand: Decimal,
    /// One line per 类 present.
    pub classes: Vec<CodeAmount>,
    /// 本年支出合计.
    pub expenditure_total: Decimal,
    /// 结余分配.
    pub distribution: Decimal,
    /// 年末结转和结余.
    pub end: Decimal,
    /// 支出总计.
    pub expenditure_grand: Decimal,
}

/// A 类 line of 04: [合计, 一般公共预算, 政府性基金, 国有资本经营].
#[derive(Clone, Debug, PartialEq)]
pub struct FundRow {
    /// 类 code.
    pub code: String,
    /// Name.
    pub name: String,
    /// [合计, 一般公共预算, 政府性基金, 国有资本经营].
    pub amounts: [Decimal; 4],
}

/// 公开04表.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary04 {
    /// Income 一/二/三.
    pub income: [Decimal; 3],
    /// 本年收入合计.
    pub income_total: Decimal,
    /// 年初财政拨款结转和结余 per fund.
    pub begin: [Decimal; 3],
    /// 年初财政拨款结转和结余.
    pub begin_total: Decimal,
    /// 收入总计.
    pub income_grand: Decimal,
    /// 类 lines.
    pub classes: Vec<FundRow>,
    /// 本年支出合计 [合计, 一般, 基金, 国资].
    pub expenditure_total: [Decimal; 4],
    /// 年末财政拨款结转和结余 [合计, 一般, 基金, 国资].
    pub end: [Decimal; 4],
    /// 总计 [合计, 一般, 基金, 国资].
    pub expenditure_grand: [Decimal; 4],
}

/// 公开08表.
#[derive(Clone, Debug, PartialEq)]
pub struct Basic08 {
    /// 301, its 款, 303, its 款.
    pub personnel: Vec<CodeAmount>,
    /// 302, its 款, then 307/310/399 and their 款 when present.
    pub public: Vec<CodeAmount>,
    /// 人员经费合计.
    pub personnel_total: Decimal,
    /// 公用经费合计.
    pub public_total: Decimal,
}

/// 公开13表: [合计, 因公出国, 公务用车小计, 购置, 运行维护, 公务接待] for 预算数 and 决算数.
#[derive(Clone, Debug, PartialEq)]
pub struct Three13 {
    /// 预算数.
    pub budget: [Decimal; 6],
    /// 决算数.
    pub actual: [Decimal; 6],
}

/// The thirteen tables of one department, in the department's unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Tables {
    /// 01.
    pub t01: Summary01,
    /// 02.
    pub t02: SubjectData,
    /// 03.
    pub t03: SubjectData,
    /// 04.
    pub t04: Summary04,
    /// 05 (all 财政拨款).
    pub t05: MatrixData,
    /// 06.
    pub t06: SubjectData,
    /// 07 (一般公共预算).
    pub t07: MatrixData,
    /// 08.
    pub t08: Basic08,
    /// 09 (一般公共预算 项目支出).
    pub t09: MatrixData,
    /// 10.
    pub t10: SubjectData,
    /// 11.
    pub t11: SubjectData,
    /// 12.
    pub t12: SubjectData,
    /// 13.
    pub t13: Three13,
}

/// Cents of the unit → Decimal with 2 decimals.
pub fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn fund_index(s: IncomeSource) -> Option<usize> {
    match s {
        IncomeSource::GeneralBudget => Some(0),
        IncomeSource::GovFund => Some(1),
        IncomeSource::StateCapital => Some(2),
        _ => None,
    }
}

/// The economic profile a line's 基本支出 follows: fixed for social-security lines, else the
/// department profile.
fn special_basic(code: &str) -> Option<&'static str> {
    Some(match code {
        "2080505" => "30108",
        "2080506" => "30109",
        "2080501" | "2080502" => "30302",
        "2080801" => "30304",
        "2101101" | "2101102" => "30110",
        "2101103" => "30111",
        "2210201" => "30113",
        "2210202" | "2210203" => "30199",
        _ => return None,
    })
}

/// Splits `total` over weighted keys exactly (floor shares, remainder to the heaviest key).
pub fn allocate(total: i64, weights: &[(String, u32)], out: &mut BTreeMap<String, i64>) -> Result<(), SampleError> {
    if total == 0 {
        return Ok(());
    }
    let sum: i64 = weights.iter().map(|(_, w)| i64::from(*w)).sum();
    if sum == 0 {
        return Err(SampleError::Inconsistent("经济分类权重为空，无法分配支出".into()));
    }
    let mut given = 0i64;
    let mut heaviest = 0usize;
    for (i, (code, w)) in weights.iter().enumerate() {
        let share = total * i64::from(*w) / sum;
        given += share;
        *out.entry(code.clone()).or_insert(0) += share;
        if *w > weights[heaviest].1 {
            heaviest = i;
        }
    }
    *out.entry(weights[heaviest].0.clone()).or_insert(0) += total - given;
    Ok(())
}

/// Per fiscal line: economic 款 → cents, for 基本支出 and 项目支出.
type EconSplit = Vec<(usize, BTreeMap<String, i64>, BTreeMap<String, i64>)>;

fn econ_split(dept: &SampleDept) -> Result<EconSplit, SampleError> {
    let general = |l: &Line| l.source == IncomeSource::GeneralBudget;
    let basic_anchor = dept
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| general(l) && special_basic(&l.code).is_none() && l.basic > 0)
        .max_by_key(|(i, l)| (l.basic, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let project_anchor = dept
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| general(l) && l.project > 0)
        .max_by_key(|(i, l)| (l.project, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let a = &dept.three_actual;
    let fixed_basic = [("30212", a.overseas), ("30217", a.reception), ("30231", a.operation)];
    let fixed_basic_sum: i64 = fixed_basic.iter().map(|(_, v)| v).sum();
    if fixed_basic_sum > 0 && basic_anchor.is_none() {
        return Err(SampleError::Inconsistent("有“三公”经费决算数，但没有可承担的一般公共预算基本支出".into()));
    }
    if a.purchase > 0 && project_anchor.is_none() {
        return Err(SampleError::Inconsistent("有公务用车购置费，但没有一般公共预算项目支出".into()));
    }
    let mut out = Vec::new();
    for (i, line) in dept.lines.iter().enumerate() {
        if !line.is_fiscal() {
            continue;
        }
        let mut basic = BTreeMap::new();
        let mut project = BTreeMap::new();
        let mut basic_rest = line.basic;
        if Some(i) == basic_anchor {
            for (code, v) in fixed_basic {
                if v > 0 {
                    *basic.entry(code.to_string()).or_insert(0) += v;
                }
            }
            basic_rest -= fixed_basic_sum;
            if basic_rest < 0 {
                return Err(SampleError::Inconsistent(format!(
                    "科目{}的基本支出小于“三公”经费决算数之和",
                    line.code
                )));
            }
        }
        match special_basic(&line.code) {
            Some(code) => allocate(basic_rest, &[(code.to_string(), 1)], &mut basic)?,
            None => allocate(basic_rest, &dept.basic_profile, &mut basic)?,
        }
        let mut project_rest = line.project;
        if Some(i) == project_anchor && a.purchase > 0 {
            project.insert("31013".to_string(), a.purchase);
            project_rest -= a.purchase;
            if project_rest < 0 {
                return Err(SampleError::Inconsistent(format!("科目{}的项目支出小于公务用车购置费", line.code)));
            }
        }
        allocate(project_rest, &dept.project_profile, &mut project)?;
        out.push((i, basic, project));
    }
    Ok(out)
}

/// Builds 类/款/项 rows (sums by code prefix) from 项 items; all-zero items are dropped.
fn hierarchy(items: &[(String, String, Vec<i64>)], ncols: usize) -> Result<(Vec<Decimal>, Vec<DataRow>), SampleError> {
    let mut map: BTreeMap<String, (String, Vec<i64>)> = BTreeMap::new();
    for (code, name, values) in items {
        if values.iter().all(|v| *v == 0) {
            continue;
        }
        for (len, own) in [(3usize, false), (5, false), (7, true)] {
            let c = code[..len].to_string();
            let name = if own {
                name.clone()
            } else {
                function_name(&c).ok_or_else(|| SampleError::Inconsistent(format!("未知功能分类科目：{c}")))?
            };
            let e = map.entry(c).or_insert_with(|| (name, vec![0; ncols]));
            for (k, v) in values.iter().enumerate() {
                e.1[k] += v;
            }
        }
    }
    let mut total = vec![0i64; ncols];
    for (code, (_, v)) in &map {
        if code.len() == 3 {
            for (k, x) in v.iter().enumerate() {
                total[k] += x;
            }
        }
    }
    let rows = map
        .into_iter()
        .map(|(code, (name, v))| DataRow { code, name, values: v.into_iter().map(cents).collect() })
        .collect();
    Ok((total.into_iter().map(cents).collect(), rows))
}

fn subject(columns: Vec<Col>, items: &[(String, String, Vec<i64>)]) -> Result<SubjectData, SampleError> {
    let (total, rows) = hierarchy(items, columns.len())?;
    Ok(SubjectData { columns, total, rows })
}

fn validate(dept: &SampleDept) -> Result<(), SampleError> {
    if dept.lines.is_empty() {
        return Err(SampleError::Inconsistent(format!("{}：没有支出科目", dept.name)));
    }
    for l in &dept.lines {
        if l.code.len() != 7 || !l.code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SampleError::Inconsistent(format!("科目编码不是7位：{}", l.code)));
        }
        if [l.basic, l.project, l.begin, l.end, l.use_balance, l.distribution].iter().any(|v| *v < 0) {
            return Err(SampleError::Inconsistent(format!("科目{}有负数金额", l.code)));
        }
        if l.income() < 0 {
            return Err(SampleError::Inconsistent(format!("科目{}的本年收入为负数", l.code)));
        }
        if l.is_fiscal() && (l.use_balance != 0 || l.distribution != 0) {
            return Err(SampleError::Inconsistent(format!(
                "科目{}：财政拨款不能使用非财政拨款结余或结余分配",
                l.code
            )));
        }
    }
    for t in [&dept.three_budget, &dept.three_actual] {
        if [t.overseas, t.purchase, t.operation, t.reception].iter().any(|v| *v < 0) {
            return Err(SampleError::Inconsistent("“三公”经费不能为负数".into()));
        }
    }
    Ok(())
}

fn three(t: &ThreePublicSpec) -> [Decimal; 6] {
    [
        cents(t.total()),
        cents(t.overseas),
        cents(t.purchase + t.operation),
        cents(t.purchase),
        cents(t.operation),
        cents(t.reception),
    ]
}

fn matrix(lines: &[(usize, &Line, BTreeMap<String, i64>)]) -> Result<MatrixData, SampleError> {
    let items: Vec<(String, String, Vec<i64>)> = lines
        .iter()
        .map(|(_, l, econ)| {
            let mut v = vec![0i64; ECON_CLASSES.len() + 1];
            for (code, amount) in econ {
                if let Some(k) = ECON_CLASSES.iter().position(|(c, _)| code.starts_with(c)) {
                    v[k + 1] += amount;
                }
                v[0] += amount;
            }
            (l.code.clone(), l.name.clone(), v)
        })
        .collect();
    let (total, rows) = hierarchy(&items, ECON_CLASSES.len() + 1)?;
    Ok(MatrixData { total, rows })
}

/// Derives all thirteen tables; fails when the spec is inconsistent or (defensively) when an
/// identity would not hold.
pub fn generate(dept: &SampleDept) -> Result<Tables, SampleError> {
    validate(dept)?;
    let lines = &dept.lines;
    let by = |f: &dyn Fn(&Line) -> bool, g: &dyn Fn(&Line) -> Vec<i64>| -> Vec<(String, String, Vec<i64>)> {
        lines.iter().filter(|l| f(l)).map(|l| (l.code.clone(), l.name.clone(), g(l))).collect()
    };

    // 02
    let t02 = subject(
        vec![
            Col::IncomeTotal, Col::FiscalGrant, Col::SuperiorSubsidy, Col::BusinessIncome,
            Col::OperatingIncome, Col::AffiliatedIncome, Col::OtherIncome,
        ],
        &by(&|_| true, &|l| {
            let mut v = vec![0i64; 7];
            v[0] = l.income();
            let k = match l.source {
                IncomeSource::GeneralBudget | IncomeSource::GovFund | IncomeSource::StateCapital => 1,
                IncomeSource::Superior => 2,
                IncomeSource::Business => 3,
                IncomeSource::Operating => 4,
                IncomeSource::Affiliated => 5,
                IncomeSource::Other => 6,
            };
            v[k] = l.income();
            v
        }),
    )?;
    // 03
    let t03 = subject(
        vec![Col::ExpenditureTotal, Col::Basic, Col::Project, Col::ToSuperior, Col::OperatingExpenditure, Col::ToAffiliated],
        &by(&|_| true, &|l| {
            if l.source == IncomeSource::Operating {
                vec![l.expenditure(), 0, 0, 0, l.expenditure(), 0]
            } else {
                vec![l.expenditure(), l.basic, l.project, 0, 0, 0]
            }
        }),
    )?;
    let exp3 = vec![Col::ExpenditureTotal, Col::Basic, Col::Project];
    let t06 = subject(exp3.clone(), &by(&|l| l.source == IncomeSource::GeneralBudget, &|l| vec![l.expenditure(), l.basic, l.project]))?;
    let cols10 = vec![Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::Basic, Col::Project, Col::EndBalance];
    let row10 = |l: &Line| vec![l.begin, l.income(), l.expenditure(), l.basic, l.project, l.end];
    let t10 = subject(cols10.clone(), &by(&|l| l.source == IncomeSource::GovFund, &row10))?;
    let t11 = subject(cols10, &by(&|l| l.source == IncomeSource::StateCapital, &row10))?;
    let t12 = subject(exp3, &by(&|l| l.source == IncomeSource::StateCapital, &|l| vec![l.expenditure(), l.basic, l.project]))?;

    // 01
    let mut income = [0i64; 8];
    for l in lines {
        if let Some(k) = IncomeSource::ALL.iter().position(|s| *s == l.source) {
            income[k] += l.income();
        }
    }
    let sum = |f: &dyn Fn(&Line) -> i64| -> i64 { lines.iter().map(f).sum() };
    let income_total: i64 = income.iter().sum();
    let use_balance = sum(&|l| l.use_balance);
    let begin = sum(&|l| l.begin);
    let end = sum(&|l| l.end);
    let distribution = sum(&|l| l.distribution);
    let expenditure_total = sum(&|l| l.expenditure());
    let classes: Vec<CodeAmount> = t03
        .rows
        .iter()
        .filter(|r| r.code.len() == 3)
        .map(|r| CodeAmount { code: r.code.clone(), name: r.name.clone(), amount: r.values[0] })
        .collect();
    let t01 = Summary01 {
        income: income.map(cents),
        income_total: cents(income_total),
        use_balance: cents(use_balance),
        begin: cents(begin),
        income_grand: cents(income_total + use_balance + begin),
        classes,
        expenditure_total: cents(expenditure_total),
        distribution: cents(distribution),
        end: cents(end),
        expenditure_grand: cents(expenditure_total + distribution + end),
    };

    // 04
    let mut f_income = [0i64; 3];
    let mut f_begin = [0i64; 3];
    let mut f_end = [0i64; 3];
    let mut f_exp = [0i64; 3];
    let mut f_class: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    for l in lines {
        if let Some(k) = fund_index(l.source) {
            f_income[k] += l.income();
            f_begin[k] += l.begin;
            f_end[k] += l.end;
            f_exp[k] += l.expenditure();
            if l.expenditure() != 0 {
                f_class.entry(l.code[..3].to_string()).or_insert([0; 3])[k] += l.expenditure();
            }
        }
    }
    let four = |a: [i64; 3]| [cents(a[0] + a[1] + a[2]), cents(a[0]), cents(a[1]), cents(a[2])];
    let mut t04_classes = Vec::new();
    for (code, a) in f_class {
        let name = function_name(&code).ok_or_else(|| SampleError::Inconsistent(format!("未知功能分类科目：{code}")))?;
        t04_classes.push(FundRow { code, name, amounts: four(a) });
    }
    let f_grand = [f_exp[0] + f_end[0], f_exp[1] + f_end[1], f_exp[2] + f_end[2]];
    let t04 = Summary04 {
        income: f_income.map(cents),
        income_total: cents(f_income.iter().sum()),
        begin: f_begin.map(cents),
        begin_total: cents(f_begin.iter().sum()),
        income_grand: cents(f_income.iter().sum::<i64>() + f_begin.iter().sum::<i64>()),
        classes: t04_classes,
        expenditure_total: four(f_exp),
        end: four(f_end),
        expenditure_grand: four(f_grand),
    };

    // 05/07/08/09
    let split = econ_split(dept)?;
    let merged = |b: &BTreeMap<String, i64>, p: &BTreeMap<String, i64>| {
        let mut m = b.clone();
        for (k, v) in p {
            *m.entry(k.clone()).or_insert(0) += v;
        }
        m
    };
    let all: Vec<(usize, &Line, BTreeMap<String, i64>)> =
        split.iter().map(|(i, b, p)| (*i, &lines[*i], merged(b, p))).collect();
    let t05 = matrix(&all)?;
    let general: Vec<(usize, &Line, BTreeMap<String, i64>)> =
        all.iter().filter(|(_, l, _)| l.source == IncomeSource::GeneralBudget).cloned().collect();
    let t07 = matrix(&general)?;
    let gen_project: Vec<(usize, &Line, BTreeMap<String, i64>)> = split
        .iter()
        .filter(|(i, _, _)| lines[*i].source == IncomeSource::GeneralBudget)
        .map(|(i, _, p)| (*i, &lines[*i], p.clone()))
        .collect();
    let t09 = matrix(&gen_project)?;
    let mut econ08: BTreeMap<String, i64> = BTreeMap::new();
    for (i, b, _) in &split {
        if lines[*i].source == IncomeSource::GeneralBudget {
            for (k, v) in b {
                *econ08.entry(k.clone()).or_insert(0) += v;
            }
        }
    }
    let block = |classes: &[&str], always: &[&str]| -> Result<(Vec<CodeAmount>, i64), SampleError> {
        let mut rows = Vec::new();
        let mut total = 0i64;
        for class in classes {
            let kuan: Vec<(&String, &i64)> = econ08.iter().filter(|(k, v)| k.starts_with(class) && **v != 0).collect();
            let sum: i64 = kuan.iter().map(|(_, v)| **v).sum();
            if sum == 0 && !always.contains(class) {
                continue;
            }
            let cname = econ_name(class).ok_or_else(|| SampleError::Inconsistent(format!("未知经济分类：{class}")))?;
            rows.push(CodeAmount { code: class.to_string(), name: cname.to_string(), amount: cents(sum) });
            for (k, v) in kuan {
                let n = econ_name(k).ok_or_else(|| SampleError::Inconsistent(format!("未知经济分类：{k}")))?;
                rows.push(CodeAmount { code: k.clone(), name: n.to_string(), amount: cents(*v) });
            }
            total += sum;
        }
        Ok((rows, total))
    };
    let (personnel, p_total) = block(&["301", "303"], &["301", "303"])?;
    let (public, q_total) = block(&["302", "307", "309", "310", "312", "399"], &["302"])?;
    let t08 = Basic08 { personnel, public, personnel_total: cents(p_total), public_total: cents(q_total) };
    let t13 = Three13 { budget: three(&dept.three_budget), actual: three(&dept.three_actual) };

    let tables = Tables { t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13 };
    let broken = identity_violations(&tables);
    if !broken.is_empty() {
        return Err(SampleError::Inconsistent(format!("{}：{}", dept.name, broken.join("；"))));
    }
    Ok(tables)
}

fn total_of(t: &SubjectData, col: Col) -> Decimal {
    t.columns.iter().position(|c| *c == col).map_or(Decimal::ZERO, |i| t.total[i])
}

fn hierarchy_violations(name: &str, total: &[Decimal], rows: &[DataRow], out: &mut Vec<String>) {
    for (k, t) in total.iter().enumerate() {
        let lei: Decimal = rows.iter().filter(|r| r.code.len() == 3).map(|r| r.values[k]).sum();
        if lei != *t {
            out.push(format!("{name} 第{}列 合计≠Σ类", k + 1));
        }
        for parent in rows.iter().filter(|r| r.code.len() < 7) {
            let child_len = parent.code.len() + 2;
            let s: Decimal = rows
                .iter()
                .filter(|r| r.code.len() == child_len && r.code.starts_with(&parent.code))
                .map(|r| r.values[k])
                .sum();
            if s != parent.values[k] {
                out.push(format!("{name} {} 第{}列 ≠ 下级之和", parent.code, k + 1));
            }
        }
    }
}

/// Every identity of table-layouts.md §4 (X1–X20, exact); returns a description of each one
/// that fails (empty when all hold).
pub fn identity_violations(t: &Tables) -> Vec<String> {
    let mut v = Vec::new();
    let mut eq = |what: &str, a: Decimal, b: Decimal| {
        if a != b {
            v.push(format!("{what}：{a} ≠ {b}"));
        }
    };
    let t1 = &t.t01;
    // X1–X3
    eq("01 收入总计=支出总计", t1.income_grand, t1.expenditure_grand);
    eq("01 收入总计构成", t1.income_grand, t1.income_total + t1.use_balance + t1.begin);
    eq("01 支出总计构成", t1.expenditure_grand, t1.expenditure_total + t1.distribution + t1.end);
    eq("01 本年收入合计=Σ收入", t1.income_total, t1.income.iter().copied().sum());
    eq("01 本年支出合计=Σ类", t1.expenditure_total, t1.classes.iter().map(|c| c.amount).sum());
    // X4/X5
    eq("02 合计=01本年收入合计", total_of(&t.t02, Col::IncomeTotal), t1.income_total);
    eq("02 财政拨款=01一+二+三", total_of(&t.t02, Col::FiscalGrant), t1.income[0] + t1.income[1] + t1.income[2]);
    for (k, col) in [Col::SuperiorSubsidy, Col::BusinessIncome, Col::OperatingIncome, Col::AffiliatedIncome, Col::OtherIncome]
        .into_iter()
        .enumerate()
    {
        eq(&format!("02 {}=01", col.label()), total_of(&t.t02, col), t1.income[k + 3]);
    }
    // X6/X7
    eq("03 合计=01本年支出合计", total_of(&t.t03, Col::ExpenditureTotal), t1.expenditure_total);
    for c in &t1.classes {
        let r = t.t03.rows.iter().find(|r| r.code == c.code).map_or(Decimal::ZERO, |r| r.values[0]);
        eq(&format!("03 {}=01类", c.code), r, c.amount);
    }
    // X8/X9
    let t4 = &t.t04;
    for k in 0..3 {
        eq("04 收入=01", t4.income[k], t1.income[k]);
    }
    eq("04 本年收入合计", t4.income_total, t4.income.iter().copied().sum());
    eq("04 年初", t4.begin_total, t4.begin.iter().copied().sum());
    eq("04 收入总计", t4.income_grand, t4.income_total + t4.begin_total);
    eq("04 总计相等", t4.income_grand, t4.expenditure_grand[0]);
    for k in 0..4 {
        let s: Decimal = t4.classes.iter().map(|c| c.amounts[k]).sum();
        eq("04 本年支出合计=Σ类", t4.expenditure_total[k], s);
        eq("04 总计=支出+年末", t4.expenditure_grand[k], t4.expenditure_total[k] + t4.end[k]);
    }
    for row in t4.classes.iter().map(|c| &c.amounts).chain([&t4.expenditure_total, &t4.end, &t4.expenditure_grand]) {
        eq("04 合计=三类资金", row[0], row[1] + row[2] + row[3]);
    }
    for k in 0..3 {
        eq("04 分资金总计=收入+年初", t4.expenditure_grand[k + 1], t4.income[k] + t4.begin[k]);
    }
    // X10–X13
    let t6_total = total_of(&t.t06, Col::ExpenditureTotal);
    eq("06 合计=04一般公共预算", t6_total, t4.expenditure_total[1]);
    eq("07 合计=06", t.t07.total[0], t6_total);
    eq("05 合计=04合计", t.t05.total[0], t4.expenditure_total[0]);
    eq("06 基本=08人员+公用", total_of(&t.t06, Col::Basic), t.t08.personnel_total + t.t08.public_total);
    eq("06 项目=09合计", total_of(&t.t06, Col::Project), t.t09.total[0]);
    for r in &t.t06.rows {
        eq(&format!("06 {} 合计=基本+项目", r.code), r.values[0], r.values[1] + r.values[2]);
    }
    // X14
    let sum_class = |rows: &[CodeAmount], classes: &[&str]| -> Decimal {
        rows.iter().filter(|r| classes.contains(&r.code.as_str())).map(|r| r.amount).sum()
    };
    eq("08 人员经费=301+303", t.t08.personnel_total, sum_class(&t.t08.personnel, &["301", "303"]));
    eq(
        "08 公用经费=302+307+309+310+312+399",
        t.t08.public_total,
        sum_class(&t.t08.public, &["302", "307", "309", "310", "312", "399"]),
    );
    for rows in [&t.t08.personnel, &t.t08.public] {
        for c in rows.iter().filter(|r| r.code.len() == 3) {
            let s: Decimal = rows.iter().filter(|r| r.code.len() == 5 && r.code.starts_with(&c.code)).map(|r| r.amount).sum();
            eq(&format!("08 {}=Σ款", c.code), c.amount, s);
        }
    }
    // X16/X17
    eq("10 本年收入=01二", total_of(&t.t10, Col::YearIncome), t1.income[1]);
    eq("10 本年支出=04基金", total_of(&t.t10, Col::ExpenditureTotal), t4.expenditure_total[2]);
    eq("10 年初=04年初基金", total_of(&t.t10, Col::BeginBalance), t4.begin[1]);
    eq("10 年末=04年末基金", total_of(&t.t10, Col::EndBalance), t4.end[2]);
    eq("11 本年收入=01三", total_of(&t.t11, Col::YearIncome), t1.income[2]);
    eq("11 本年支出=04国资", total_of(&t.t11, Col::ExpenditureTotal), t4.expenditure_total[3]);
    eq("12 合计=11本年支出", total_of(&t.t12, Col::ExpenditureTotal), total_of(&t.t11, Col::ExpenditureTotal));
    for tab in [&t.t10, &t.t11] {
        for (vals, label) in tab.rows.iter().map(|r| (&r.values, r.code.as_str())).chain([(&tab.total, "合计")]) {
            eq(&format!("10/11 {label} 年末=年初+收入−支出"), vals[5], vals[0] + vals[1] - vals[2]);
            eq(&format!("10/11 {label} 支出=基本+项目"), vals[2], vals[3] + vals[4]);
        }
    }
    // X18
    for a in [&t.t13.budget, &t.t13.actual] {
        eq("13 合计=出国+车辆+接待", a[0], a[1] + a[2] + a[5]);
        eq("13 小计=购置+运行", a[2], a[3] + a[4]);
    }
    // row identities
    for r in &t.t02.rows {
        eq(&format!("02 {} 行", r.code), r.values[0], r.values[1..].iter().copied().sum());
    }
    for r in &t.t03.rows {
        eq(&format!("03 {} 行", r.code), r.values[0], r.values[1..].iter().copied().sum());
    }
    for m in [&t.t05, &t.t07, &t.t09] {
        for vals in m.rows.iter().map(|r| &r.values).chain([&m.total]) {
            eq("05/07/09 行合计=Σ经济分类", vals[0], vals[1..].iter().copied().sum());
        }
    }
    // 07 rows = 06 rows (合计), 09 rows = 06 rows (项目)
    for r in &t.t06.rows {
        let r7 = t.t07.rows.iter().find(|x| x.code == r.code).map_or(Decimal::ZERO, |x| x.values[0]);
        eq(&format!("07 {}=06合计", r.code), r7, r.values[0]);
        let r9 = t.t09.rows.iter().find(|x| x.code == r.code).map_or(Decimal::ZERO, |x| x.values[0]);
        eq(&format!("09 {}=06项目", r.code), r9, r.values[2]);
    }
    // X19: 08 economic items never exceed the matching 13 决算数
    for (code, k) in [("30212", 1usize), ("30231", 4), ("30217", 5)] {
        let e: Decimal = t.t08.public.iter().filter(|r| r.code == code).map(|r| r.amount).sum();
        if e > t.t13.actual[k] {
            v.push(format!("08 {code} {e} > 13 决算数 {}", t.t13.actual[k]));
        }
    }
    // X20
    hierarchy_violations("02", &t.t02.total, &t.t02.rows, &mut v);
    hierarchy_violations("03", &t.t03.total, &t.t03.rows, &mut v);
    hierarchy_violations("06", &t.t06.total, &t.t06.rows, &mut v);
    hierarchy_violations("10", &t.t10.total, &t.t10.rows, &mut v);
    hierarchy_violations("11", &t.t11.total, &t.t11.rows, &mut v);
    hierarchy_violations("12", &t.t12.total, &t.t12.rows, &mut v);
    hierarchy_violations("05", &t.t05.total, &t.t05.rows, &mut v);
    hierarchy_violations("07", &t.t07.total, &t.t07.rows, &mut v);
    hierarchy_violations("09", &t.t09.total, &t.t09.rows, &mut v);
    v
}
