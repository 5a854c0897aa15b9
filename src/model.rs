//! The typed model of one department's thirteen 财决 tables plus 说明材料 — the value that
//! `read` produces and every later stage (`check`, `derive`, `write`) consumes.
//!
//! All amounts are [`Decimal`] in 万元 (converted exactly from 元 by the reader when the table
//! says `金额单位：元`). Every amount remembers the cell it was read from ([`CellRef`]), so a
//! finding or a derived figure can always point back at file, sheet and cell.
//! This module holds data only; it does not read, check or compute.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

// ───────────────────────────── locations ─────────────────────────────

/// A cell in a source workbook: file, sheet and 0-based row/column (shown as A1 notation).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// The workbook file (as given on the command line).
    pub file: Arc<str>,
    /// The sheet name.
    pub sheet: Arc<str>,
    /// 0-based row index.
    pub row: u32,
    /// 0-based column index.
    pub col: u32,
}

impl CellRef {
    /// Builds a cell reference.
    pub fn new(file: &Arc<str>, sheet: &Arc<str>, row: u32, col: u32) -> Self {
        CellRef { file: file.clone(), sheet: sheet.clone(), row, col }
    }

    /// The cell in A1 notation, e.g. `C12`.
    ///
    /// ```
    /// use juesuan::model::CellRef;
    /// use std::sync::Arc;
    /// let f: Arc<str> = "a.xlsx".into();
    /// let s: Arc<str> = "表1".into();
    /// assert_eq!(CellRef::new(&f, &s, 11, 2).a1(), "C12");
    /// assert_eq!(CellRef::new(&f, &s, 0, 27).a1(), "AB1");
    /// ```
    pub fn a1(&self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }
}

/// True for characters XML 1.0 forbids in a document (C0 controls other than tab, line feed
/// and carriage return; U+FFFE, U+FFFF). Word, WPS and LibreOffice refuse a part holding one.
///
/// ```
/// assert!(juesuan::model::is_xml_forbidden('\u{1}'));
/// assert!(!juesuan::model::is_xml_forbidden('\n'));
/// ```
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Column letters for a 0-based column index (0 → `A`, 26 → `AA`).
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        s.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl fmt::Display for CellRef {
    /// `文件 › 工作表!C12`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {}!{}", self.file, self.sheet, self.a1())
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CellRef", 3)?;
        st.serialize_field("file", &*self.file)?;
        st.serialize_field("sheet", &*self.sheet)?;
        st.serialize_field("cell", &self.a1())?;
        st.end()
    }
}

/// An amount in 万元 and the cell it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    /// Value in 万元, exact.
    pub value: Decimal,
    /// Where it was read.
    pub at: CellRef,
}

/// The unit a table states in its header block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// 元 (converted to 万元 on reading).
    #[serde(rename = "元")]
    Yuan,
    /// 万元.
    #[serde(rename = "万元")]
    Wan,
}

// ───────────────────────────── codes ─────────────────────────────

/// Level of a 功能分类 subject code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Level {
    /// 类 (3 digits).
    #[serde(rename = "类")]
    Lei,
    /// 款 (5 digits).
    #[serde(rename = "款")]
    Kuan,
    /// 项 (7 digits).
    #[serde(rename = "项")]
    Xiang,
}

/// A 支出功能分类 subject code: 3 (类), 5 (款) or 7 (项) digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SubjectCode(String);

impl SubjectCode {
    /// Parses a code; `None` unless it is 3, 5 or 7 ASCII digits.
    ///
    /// ```
    /// use juesuan::model::{SubjectCode, Level};
    /// let c = SubjectCode::parse("2013101").unwrap();
    /// assert_eq!(c.level(), Level::Xiang);
    /// assert_eq!(c.parent().unwrap().as_str(), "20131");
    /// assert_eq!(c.lei().as_str(), "201");
    /// assert_eq!(c.own_digits(), "01");
    /// assert!(SubjectCode::parse("2013").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        let ok = matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| SubjectCode(s.to_string()))
    }
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// 类, 款 or 项.
    pub fn level(&self) -> Level {
        match self.0.len() {
            3 => Level::Lei,
            5 => Level::Kuan,
            _ => Level::Xiang,
        }
    }
    /// The parent code (项 → 款 → 类); `None` for a 类.
    pub fn parent(&self) -> Option<SubjectCode> {
        match self.0.len() {
            5 => Some(SubjectCode(self.0[..3].to_string())),
            7 => Some(SubjectCode(self.0[..5].to_string())),
            _ => None,
        }
    }
    /// The 类 this code belongs to.
    pub fn lei(&self) -> SubjectCode {
        SubjectCode(self.0[..3].to_string())
    }
    /// The 款 this code belongs to (`None` for a 类).
    pub fn kuan(&self) -> Option<SubjectCode> {
        (self.0.len() >= 5).then(|| SubjectCode(self.0[..5].to_string()))
    }
    /// The digits this level adds: `201` for a 类, `31` for 款 `20131`, `01` for 项 `2013101`.
    pub fn own_digits(&self) -> &str {
        match self.0.len() {
            3 => &self.0,
            5 => &self.0[3..],
            _ => &self.0[5..],
        }
    }
    /// True if `self` is `other` or lies under it.
    pub fn is_within(&self, other: &SubjectCode) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for SubjectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A 部门预算支出经济分类 code: 3 (类, e.g. 301) or 5 digits (款, e.g. 30101).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct EconCode(String);

impl EconCode {
    /// Parses a 3- or 5-digit economic code starting with 3.
    ///
    /// ```
    /// use juesuan::model::EconCode;
    /// let c = EconCode::parse("30217").unwrap();
    /// assert_eq!(c.lei().as_str(), "302");
    /// assert!(!c.is_lei());
    /// assert!(EconCode::parse("2013101").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        let ok = matches!(s.len(), 3 | 5) && s.starts_with('3') && s.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| EconCode(s.to_string()))
    }
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// True for a 类 (3 digits).
    pub fn is_lei(&self) -> bool {
        self.0.len() == 3
    }
    /// The 类 of this code.
    pub fn lei(&self) -> EconCode {
        EconCode(self.0[..3].to_string())
    }
    /// 人员经费 (301, 303) or 公用经费 (everything else), per the 基本支出 split.
    pub fn is_personnel(&self) -> bool {
        matches!(&self.0[..3], "301" | "303")
    }
}

impl fmt::Display for EconCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// ───────────────────────────── tables ─────────────────────────────

/// The thirteen attachment tables (Sichuan order, 2021–2024 exports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TableId {
    /// 01 收入支出决算总表
    T01,
    /// 02 收入决算表
    T02,
    /// 03 支出决算表
    T03,
    /// 04 财政拨款收入支出决算总表
    T04,
    /// 05 财政拨款支出决算明细表
    T05,
    /// 06 一般公共预算财政拨款支出决算表
    T06,
    /// 07 一般公共预算财政拨款支出决算明细表
    T07,
    /// 08 一般公共预算财政拨款基本支出决算表
    T08,
    /// 09 一般公共预算财政拨款项目支出决算表
    T09,
    /// 10 政府性基金预算财政拨款收入支出决算表
    T10,
    /// 11 国有资本经营预算财政拨款收入支出决算表
    T11,
    /// 12 国有资本经营预算财政拨款支出决算表
    T12,
    /// 13 财政拨款“三公”经费支出决算表
    T13,
}

impl TableId {
    /// All thirteen, in order.
    pub const ALL: [TableId; 13] = [
        TableId::T01, TableId::T02, TableId::T03, TableId::T04, TableId::T05, TableId::T06,
        TableId::T07, TableId::T08, TableId::T09, TableId::T10, TableId::T11, TableId::T12,
        TableId::T13,
    ];
    /// 1..=13.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }
    /// The canonical (current Sichuan) title.
    ///
    /// ```
    /// use juesuan::model::TableId;
    /// assert_eq!(TableId::T13.title(), "财政拨款“三公”经费支出决算表");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            TableId::T01 => "收入支出决算总表",
            TableId::T02 => "收入决算表",
            TableId::T03 => "支出决算表",
            TableId::T04 => "财政拨款收入支出决算总表",
            TableId::T05 => "财政拨款支出决算明细表",
            TableId::T06 => "一般公共预算财政拨款支出决算表",
            TableId::T07 => "一般公共预算财政拨款支出决算明细表",
            TableId::T08 => "一般公共预算财政拨款基本支出决算表",
            TableId::T09 => "一般公共预算财政拨款项目支出决算表",
            TableId::T10 => "政府性基金预算财政拨款收入支出决算表",
            TableId::T11 => "国有资本经营预算财政拨款收入支出决算表",
            TableId::T12 => "国有资本经营预算财政拨款支出决算表",
            TableId::T13 => "财政拨款“三公”经费支出决算表",
        }
    }
    /// The export code, e.g. `公开01表`.
    pub fn code(self) -> String {
        format!("公开{:02}表", self.number())
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "表{:02} {}", self.number(), self.title())
    }
}

/// Where a table was found and in which unit it was stated.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableSource {
    /// Workbook file.
    pub file: Arc<str>,
    /// Sheet name.
    pub sheet: Arc<str>,
    /// The title cell.
    pub title_at: CellRef,
    /// Unit as stated in the header block (`金额单位：…`).
    pub unit: Unit,
}

/// The eight income sources of table 01 (lines 一 … 八).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum IncomeSource {
    /// 一般公共预算财政拨款收入
    GeneralBudget,
    /// 政府性基金预算财政拨款收入
    GovFund,
    /// 国有资本经营预算财政拨款收入
    StateCapital,
    /// 上级补助收入
    Superior,
    /// 事业收入
    Business,
    /// 经营收入
    Operating,
    /// 附属单位上缴收入
    Affiliated,
    /// 其他收入
    Other,
}

impl IncomeSource {
    /// All eight, in table order.
    pub const ALL: [IncomeSource; 8] = [
        IncomeSource::GeneralBudget, IncomeSource::GovFund, IncomeSource::StateCapital,
        IncomeSource::Superior, IncomeSource::Business, IncomeSource::Operating,
        IncomeSource::Affiliated, IncomeSource::Other,
    ];
    /// The standard label (without the 一、 prefix).
    pub fn label(self) -> &'static str {
        match self {
            IncomeSource::GeneralBudget => "一般公共预算财政拨款收入",
            IncomeSource::GovFund => "政府性基金预算财政拨款收入",
            IncomeSource::StateCapital => "国有资本经营预算财政拨款收入",
            IncomeSource::Superior => "上级补助收入",
            IncomeSource::Business => "事业收入",
            IncomeSource::Operating => "经营收入",
            IncomeSource::Affiliated => "附属单位上缴收入",
            IncomeSource::Other => "其他收入",
        }
    }
}

/// The three 财政拨款 funds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Fund {
    /// 一般公共预算财政拨款
    General,
    /// 政府性基金预算财政拨款
    GovFund,
    /// 国有资本经营预算财政拨款
    StateCapital,
}

impl Fund {
    /// All three, in table order.
    pub const ALL: [Fund; 3] = [Fund::General, Fund::GovFund, Fund::StateCapital];
    /// Standard label.
    pub fn label(self) -> &'static str {
        match self {
            Fund::General => "一般公共预算财政拨款",
            Fund::GovFund => "政府性基金预算财政拨款",
            Fund::StateCapital => "国有资本经营预算财政拨款",
        }
    }
}

/// One income line of table 01.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncomeLine {
    /// Which source.
    pub source: IncomeSource,
    /// The label as printed.
    pub label: String,
    /// The amount.
    pub amount: Amount,
}

/// One 功能分类 类 line on the expenditure side of table 01.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassLine {
    /// 3-digit 类 code (mapped from the name).
    pub code: SubjectCode,
    /// Name without the 一、 prefix, e.g. `一般公共服务支出`.
    pub name: String,
    /// The amount.
    pub amount: Amount,
}

/// 公开01表 收入支出决算总表.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncomeExpenditureSummary {
    /// Where and in which unit.
    pub source: TableSource,
    /// Income lines 一 … 八 (those present in the export).
    pub income: Vec<IncomeLine>,
    /// 本年收入合计.
    pub income_total: Amount,
    /// 使用非财政拨款结余 (含专用结余).
    pub use_of_non_fiscal_balance: Option<Amount>,
    /// 年初结转和结余.
    pub begin_balance: Option<Amount>,
    /// 收入 总计.
    pub income_grand_total: Amount,
    /// Expenditure lines, one per 功能 类.
    pub expenditure_classes: Vec<ClassLine>,
    /// 本年支出合计.
    pub expenditure_total: Amount,
    /// 结余分配.
    pub surplus_distribution: Option<Amount>,
    /// 年末结转和结余.
    pub end_balance: Option<Amount>,
    /// 支出 总计.
    pub expenditure_grand_total: Amount,
}

impl IncomeExpenditureSummary {
    /// The amount of one income source (zero when the line is absent).
    pub fn income(&self, source: IncomeSource) -> Decimal {
        self.income.iter().find(|l| l.source == source).map_or(Decimal::ZERO, |l| l.amount.value)
    }
}

/// An amount column of a subject-row table (02, 03, 06, 10, 11, 12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Col {
    /// 本年收入合计 (02).
    IncomeTotal,
    /// 财政拨款收入 (02).
    FiscalGrant,
    /// 上级补助收入 (02).
    SuperiorSubsidy,
    /// 事业收入 (02).
    BusinessIncome,
    /// 经营收入 (02).
    OperatingIncome,
    /// 附属单位上缴收入 (02).
    AffiliatedIncome,
    /// 其他收入 (02).
    OtherIncome,
    /// 本年支出合计 / 本年支出 合计 / 小计 (03, 06, 10, 11, 12).
    ExpenditureTotal,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 上缴上级支出 (03).
    ToSuperior,
    /// 经营支出 (03).
    OperatingExpenditure,
    /// 对附属单位补助支出 (03).
    ToAffiliated,
    /// 年初结转和结余 (10, 11).
    BeginBalance,
    /// 本年收入 (10, 11).
    YearIncome,
    /// 年末结转和结余 (10, 11).
    EndBalance,
    /// 年初预算数 (optional, 06/12).
    InitialBudget,
    /// 全年预算数 / 调整预算数 (optional, 06/12).
    FullYearBudget,
}

impl Col {
    /// The header text of this column as exports print it.
    pub fn label(self) -> &'static str {
        match self {
            Col::IncomeTotal => "本年收入合计",
            Col::FiscalGrant => "财政拨款收入",
            Col::SuperiorSubsidy => "上级补助收入",
            Col::BusinessIncome => "事业收入",
            Col::OperatingIncome => "经营收入",
            Col::AffiliatedIncome => "附属单位上缴收入",
            Col::OtherIncome => "其他收入",
            Col::ExpenditureTotal => "本年支出合计",
            Col::Basic => "基本支出",
            Col::Project => "项目支出",
            Col::ToSuperior => "上缴上级支出",
            Col::OperatingExpenditure => "经营支出",
            Col::ToAffiliated => "对附属单位补助支出",
            Col::BeginBalance => "年初结转和结余",
            Col::YearIncome => "本年收入",
            Col::EndBalance => "年末结转和结余",
            Col::InitialBudget => "年初预算数",
            Col::FullYearBudget => "全年预算数",
        }
    }
}

/// One row of a subject-row table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubjectRow {
    /// 功能分类 code.
    pub code: SubjectCode,
    /// Name as printed (trimmed).
    pub name: String,
    /// One amount per column of the table, in the order of [`SubjectTable::columns`].
    pub values: Vec<Amount>,
}

/// A table of 功能分类 rows × amount columns with a 合计 row: 02, 03, 06, 10, 11, 12.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubjectTable {
    /// Which table.
    pub id: TableId,
    /// Where and in which unit.
    pub source: TableSource,
    /// The amount columns found, in sheet order.
    pub columns: Vec<Col>,
    /// The 合计 row's amounts (same order as `columns`).
    pub total: Vec<Amount>,
    /// Subject rows in sheet order (类, its 款, their 项, …).
    pub rows: Vec<SubjectRow>,
}

impl SubjectTable {
    /// Index of a column, if the table has it.
    pub fn col_index(&self, col: Col) -> Option<usize> {
        self.columns.iter().position(|c| *c == col)
    }
    /// The lowest-level rows (项, or a 类/款 printed without children, as some exports do), in
    /// table order.
    pub fn leaf_rows(&self) -> impl Iterator<Item = &SubjectRow> {
        self.rows.iter().filter(|r| !self.rows.iter().any(|c| c.code.level() > r.code.level() && c.code.is_within(&r.code)))
    }
    /// The 合计 amount of a column (`None` when the table lacks the column).
    pub fn total_of(&self, col: Col) -> Option<&Amount> {
        self.col_index(col).and_then(|i| self.total.get(i))
    }
    /// A row's amount in a column.
    pub fn value(&self, row: &SubjectRow, col: Col) -> Option<Decimal> {
        self.col_index(col).and_then(|i| row.values.get(i)).map(|a| a.value)
    }
    /// Rows at one level.
    pub fn rows_at(&self, level: Level) -> impl Iterator<Item = &SubjectRow> {
        self.rows.iter().filter(move |r| r.code.level() == level)
    }
    /// The row with this code.
    pub fn row(&self, code: &SubjectCode) -> Option<&SubjectRow> {
        self.rows.iter().find(|r| &r.code == code)
    }
}

/// Amounts of one row of table 04's expenditure side: 合计 and the three funds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundAmounts {
    /// 合计.
    pub total: Amount,
    /// 一般公共预算财政拨款.
    pub general: Option<Amount>,
    /// 政府性基金预算财政拨款.
    pub gov_fund: Option<Amount>,
    /// 国有资本经营预算财政拨款.
    pub state_capital: Option<Amount>,
}

impl FundAmounts {
    /// The amount of one fund (zero when absent).
    pub fn fund(&self, fund: Fund) -> Decimal {
        let a = match fund {
            Fund::General => &self.general,
            Fund::GovFund => &self.gov_fund,
            Fund::StateCapital => &self.state_capital,
        };
        a.as_ref().map_or(Decimal::ZERO, |a| a.value)
    }
}

/// One line naming a fund with an amount (table 04 income side, 年初/年末 sub-lines).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundLine {
    /// Which fund.
    pub fund: Fund,
    /// The amount.
    pub amount: Amount,
}

/// One 类 line of table 04's expenditure side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FundClassLine {
    /// 3-digit 类 code.
    pub code: SubjectCode,
    /// Name without the 一、 prefix.
    pub name: String,
    /// The amounts.
    pub amounts: FundAmounts,
}

/// 公开04表 财政拨款收入支出决算总表.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FiscalSummary {
    /// Where and in which unit.
    pub source: TableSource,
    /// Income lines 一/二/三.
    pub income: Vec<FundLine>,
    /// 本年收入合计.
    pub income_total: Amount,
    /// 年初财政拨款结转和结余 (the line itself).
    pub begin_balance: Option<Amount>,
    /// Its sub-lines per fund.
    pub begin_by_fund: Vec<FundLine>,
    /// 收入 总计.
    pub income_grand_total: Amount,
    /// Expenditure 类 lines.
    pub expenditure_classes: Vec<FundClassLine>,
    /// 本年支出合计 (per fund column).
    pub expenditure_total: FundAmounts,
    /// 年末财政拨款结转和结余 (per fund column).
    pub end_balance: Option<FundAmounts>,
    /// Its sub-lines per fund, when printed as rows.
    pub end_by_fund: Vec<FundLine>,
    /// 支出 总计 (per fund column).
    pub expenditure_grand_total: FundAmounts,
}

impl FiscalSummary {
    /// Income of one fund (zero when absent).
    pub fn income(&self, fund: Fund) -> Decimal {
        self.income.iter().find(|l| l.fund == fund).map_or(Decimal::ZERO, |l| l.amount.value)
    }
}

/// Layout of the matrix tables 05, 07 and 09 (detected from the headers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MatrixLayout {
    /// Rows are 功能分类 subjects; columns 合计 + economic 类 (or 基本/项目).
    FunctionRows,
    /// Rows are economic codes (301, 30101 …); columns 合计 · 基本支出 (人员/公用) · 项目支出 or 决算数.
    EconomicRows,
}

/// One row of a matrix table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatrixRow {
    /// The code as printed (功能 3/5/7 digits or 经济 3/5 digits).
    pub code: String,
    /// Name.
    pub name: String,
    /// One amount per column.
    pub values: Vec<Amount>,
}

/// 05, 07, 09: a detail matrix whose columns vary by year; kept with its header texts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatrixTable {
    /// Which table.
    pub id: TableId,
    /// Where and in which unit.
    pub source: TableSource,
    /// The detected layout.
    pub layout: MatrixLayout,
    /// Header text of each amount column (multi-row headers joined with `/`), first is 合计.
    pub columns: Vec<String>,
    /// The 合计 row.
    pub total: Vec<Amount>,
    /// Data rows in sheet order.
    pub rows: Vec<MatrixRow>,
}

/// One economic row of table 08.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EconRow {
    /// Economic code (类 301 or 款 30101).
    pub code: EconCode,
    /// Name as printed.
    pub name: String,
    /// 决算数.
    pub amount: Amount,
}

/// 公开08表 一般公共预算财政拨款基本支出决算(明细)表.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BasicExpenditure {
    /// Where and in which unit.
    pub source: TableSource,
    /// 人员经费 rows (301, 303 and their 款), in sheet order.
    pub personnel: Vec<EconRow>,
    /// 公用经费 rows (302, 307, 310, 399 … and their 款), in sheet order.
    pub public: Vec<EconRow>,
    /// 人员经费合计.
    pub personnel_total: Amount,
    /// 公用经费合计.
    pub public_total: Amount,
}

/// The six amounts of table 13 for one of 预算数 / 决算数.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreePublicAmounts {
    /// 合计.
    pub total: Amount,
    /// 因公出国（境）费.
    pub overseas: Amount,
    /// 公务用车购置及运行维护费 小计.
    pub vehicles: Amount,
    /// 公务用车购置费.
    pub vehicle_purchase: Amount,
    /// 公务用车运行维护费.
    pub vehicle_operation: Amount,
    /// 公务接待费.
    pub reception: Amount,
}

/// 公开13表 财政拨款“三公”经费支出决算表.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreePublic {
    /// Where and in which unit.
    pub source: TableSource,
    /// 预算数.
    pub budget: ThreePublicAmounts,
    /// 决算数.
    pub actual: ThreePublicAmounts,
}

// ───────────────────────────── 说明材料 and extra sheets ─────────────────────────────

/// One `项目 · 内容` line of the 说明材料 sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteEntry {
    /// Normalised label (spaces trimmed, full-width/half-width punctuation folded).
    pub label: String,
    /// The value text (line breaks kept: they are paragraph breaks).
    pub text: String,
    /// Where the value sits.
    pub at: CellRef,
}

/// One line of the optional `预算数` sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetLine {
    /// 功能分类 code.
    pub code: SubjectCode,
    /// 全年预算数 (万元).
    pub full_year: Amount,
    /// 年初预算数 (万元), when given.
    pub initial: Option<Amount>,
}

/// One row of the optional `项目绩效` sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectPerformance {
    /// 项目名称.
    pub name: String,
    /// 预算数 (万元).
    pub budget: Option<Amount>,
    /// 执行数 (万元).
    pub actual: Option<Amount>,
    /// 绩效目标完成情况综述.
    pub summary: String,
    /// The row's name cell.
    pub at: CellRef,
}

// ───────────────────────────── 绩效自评表 ─────────────────────────────

/// A text value of a 绩效自评表 and its cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormText {
    /// The text (line breaks kept).
    pub text: String,
    /// Where it was read.
    pub at: CellRef,
}

/// A number of a 绩效自评表 that is not money (权重, 得分, 预算执行率 in percent) and its cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormNumber {
    /// The value (a 执行率 in percent: `100.00%` → 100.00).
    pub value: Decimal,
    /// Where it was read.
    pub at: CellRef,
}

/// Which line of 预算执行情况 a fund row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum FormFund {
    /// 总额.
    #[serde(rename = "总额")]
    Total,
    /// 其中：财政资金.
    #[serde(rename = "财政资金")]
    Fiscal,
    /// 财政专户管理资金.
    #[serde(rename = "财政专户管理资金")]
    SpecialAccount,
    /// 单位资金.
    #[serde(rename = "单位资金")]
    Unit,
    /// 其他资金.
    #[serde(rename = "其他资金")]
    Other,
}

impl FormFund {
    /// The label as the form prints it.
    pub fn label(self) -> &'static str {
        match self {
            FormFund::Total => "总额",
            FormFund::Fiscal => "其中：财政资金",
            FormFund::SpecialAccount => "财政专户管理资金",
            FormFund::Unit => "单位资金",
            FormFund::Other => "其他资金",
        }
    }
}

/// One row of 预算执行情况. A blank cell is `None`, a printed `0.00` is `Some(0)`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormFundRow {
    /// Which row.
    pub fund: FormFund,
    /// The row label's cell.
    pub at: CellRef,
    /// 年初预算 (万元).
    pub initial: Option<Amount>,
    /// 调整后预算数 (万元).
    pub adjusted: Option<Amount>,
    /// 预算执行数 (万元).
    pub actual: Option<Amount>,
    /// 预算执行率 as printed (percent).
    pub rate: Option<FormNumber>,
}

/// One row of 绩效指标.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormIndicator {
    /// 一级指标 (carried down from the merged cell above when blank).
    pub level1: String,
    /// 二级指标 (carried down likewise).
    pub level2: String,
    /// 三级指标.
    pub level3: String,
    /// 指标性质 (＝ ≥ ＞ 定性 …).
    pub nature: String,
    /// 指标值.
    pub target: String,
    /// 度量单位.
    pub unit: String,
    /// 完成值.
    pub done: String,
    /// 权重.
    pub weight: Option<FormNumber>,
    /// 得分.
    pub score: Option<FormNumber>,
    /// 未完成原因分析.
    pub reason: Option<FormText>,
    /// The row's 三级指标 cell.
    pub at: CellRef,
}

/// One 部门预算项目支出绩效自评表 (项目支出绩效自评表), as exported by the performance system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PerfForm {
    /// The title as printed, e.g. `部门预算项目支出绩效自评表（2023年度）`.
    pub title: String,
    /// The title cell.
    pub title_at: CellRef,
    /// The system's project code prefix (`51090423T000008810877`), when the name carries one.
    pub code: Option<String>,
    /// 项目名称 without the code (`春节慰问费（2023）`).
    pub name: String,
    /// The 项目名称 value cell.
    pub name_at: CellRef,
    /// 主管部门.
    pub department: Option<FormText>,
    /// 实施单位.
    pub unit: Option<FormText>,
    /// 项目年度目标.
    pub goal: Option<FormText>,
    /// 年度目标完成情况.
    pub achieved: Option<FormText>,
    /// 项目实施内容及过程概述.
    pub process: Option<FormText>,
    /// 预算执行情况 rows in form order (总额 first).
    pub funds: Vec<FormFundRow>,
    /// 预算执行情况 权重 (on the 总额 row; 10).
    pub budget_weight: Option<FormNumber>,
    /// 预算执行情况 得分.
    pub budget_score: Option<FormNumber>,
    /// 原因 (the printed instruction `1.预算执行率=…` is not a reason and is dropped).
    pub budget_reason: Option<FormText>,
    /// 绩效指标 rows.
    pub indicators: Vec<FormIndicator>,
    /// 合计 权重.
    pub total_weight: Option<FormNumber>,
    /// 合计 得分.
    pub total_score: Option<FormNumber>,
    /// 评价结论.
    pub conclusion: Option<FormText>,
    /// 存在问题.
    pub problems: Option<FormText>,
    /// 改进措施.
    pub measures: Option<FormText>,
    /// 项目负责人.
    pub project_lead: Option<String>,
    /// 财务负责人.
    pub finance_lead: Option<String>,
}

impl PerfForm {
    /// A 预算执行情况 row.
    pub fn fund(&self, f: FormFund) -> Option<&FormFundRow> {
        self.funds.iter().find(|r| r.fund == f)
    }
    /// The name without a trailing year in brackets: `春节慰问费（2023）` → `春节慰问费`.
    ///
    /// ```
    /// # use juesuan::model::*;
    /// # let at = CellRef::new(&"f".into(), &"s".into(), 0, 0);
    /// # let mut f = PerfForm { title: String::new(), title_at: at.clone(), code: None, name: "春节慰问费（2023）".into(), name_at: at, department: None, unit: None, goal: None, achieved: None, process: None, funds: vec![], budget_weight: None, budget_score: None, budget_reason: None, indicators: vec![], total_weight: None, total_score: None, conclusion: None, problems: None, measures: None, project_lead: None, finance_lead: None };
    /// assert_eq!(f.short_name(), "春节慰问费");
    /// f.name = "党史研究(2023年)".into();
    /// assert_eq!(f.short_name(), "党史研究");
    /// f.name = "档案工作经费".into();
    /// assert_eq!(f.short_name(), "档案工作经费");
    /// ```
    pub fn short_name(&self) -> &str {
        let n = self.name.trim();
        for (open, close) in [('（', '）'), ('(', ')')] {
            if let Some(body) = n.strip_suffix(close) {
                if let Some(i) = body.rfind(open) {
                    let inner = &body[i + open.len_utf8()..];
                    let digits = inner.trim_end_matches('年');
                    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && i > 0 {
                        return body[..i].trim_end();
                    }
                }
            }
        }
        n
    }
}

/// Department-level facts from the header blocks, possibly overridden by 说明材料.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meta {
    /// 部门名称.
    pub department: String,
    /// 部门简称 (defaults to the name).
    pub short_name: String,
    /// 决算年度, e.g. 2023.
    pub year: i32,
}

/// One department's thirteen tables and supplementary sheets, as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Book {
    /// The input path (workbook or folder), as given.
    pub input: String,
    /// Name and year.
    pub meta: Meta,
    /// 01 (required).
    pub t01: IncomeExpenditureSummary,
    /// 02 (optional: the narrative uses 01 for income).
    pub t02: Option<SubjectTable>,
    /// 03 (required).
    pub t03: SubjectTable,
    /// 04 (required).
    pub t04: FiscalSummary,
    /// 05 (optional).
    pub t05: Option<MatrixTable>,
    /// 06 (required).
    pub t06: SubjectTable,
    /// 07 (optional).
    pub t07: Option<MatrixTable>,
    /// 08 (required).
    pub t08: BasicExpenditure,
    /// 09 (optional).
    pub t09: Option<MatrixTable>,
    /// 10 (absent means zero).
    pub t10: Option<SubjectTable>,
    /// 11 (absent means zero).
    pub t11: Option<SubjectTable>,
    /// 12 (absent means zero).
    pub t12: Option<SubjectTable>,
    /// 13 (required).
    pub t13: ThreePublic,
    /// 说明材料 entries.
    pub notes: Vec<NoteEntry>,
    /// `预算数` sheet lines.
    pub budgets: Vec<BudgetLine>,
    /// `项目绩效` sheet rows.
    pub projects: Vec<ProjectPerformance>,
    /// Cells whose text held characters XML forbids; the reader removed them (a 警告 each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sanitized: Vec<CellRef>,
    /// The reader's own findings (unknown header 警告, empty table 提示); not part of `dump --json`.
    #[serde(skip)]
    pub read_findings: Vec<crate::findings::Finding>,
    /// 绩效自评表 forms, in input order (file, sheet, row).
    pub forms: Vec<PerfForm>,
}

impl Book {
    /// The 说明材料 text for a label (matched after normalisation), if filled in.
    pub fn note(&self, label: &str) -> Option<&NoteEntry> {
        let key = note_key(label);
        self.notes.iter().find(|n| n.label == key && !n.text.trim().is_empty())
    }
}

/// One department to report on: this year's book and, optionally, last year's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Department {
    /// This year's tables.
    pub book: Book,
    /// Last year's tables (`--prior`), read by the same reader.
    pub prior: Option<Book>,
}

/// The matching key of a 说明材料 label: [`normalize_label`] with quotes removed, so that
/// `“三公”经费预算执行说明` and `三公经费预算执行说明` are the same label.
///
/// ```
/// use juesuan::model::note_key;
/// assert_eq!(note_key("“三公”经费预算执行说明"), note_key("三公经费预算执行说明"));
/// ```
pub fn note_key(s: &str) -> String {
    normalize_label(s).replace('"', "")
}

/// Normalises a label for matching: removes all white space, folds full-width ASCII
/// punctuation and letters/digits to half-width, and unifies quotes and brackets.
///
/// ```
/// use juesuan::model::normalize_label;
/// assert_eq!(normalize_label(" 因公出国(境)费 "), normalize_label("因公出国（境）费"));
/// assert_eq!(normalize_label("财政拨款\"三公\"经费"), normalize_label("财政拨款“三公”经费"));
/// ```
pub fn normalize_label(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' | '＂' | '「' | '」' | '‘' | '’' | '\'' => '"',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}
