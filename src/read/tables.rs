//! Parsers for the thirteen tables. Each takes a located sheet and returns its model type.

use super::blocks::{blocks, first_label, row_code, Block, CodeCtx, Kind};
use super::error::ReadError;
use crate::workbook::Grid;
use super::layout::{class_code, fixed_row, fund_of, income_source, is, is_named, item_name, item_of, matrix_column, resolve, columns, footer_of, FixedRow, Item};
use super::locate::{find_header, row_label, Header};
use super::reading::Reading;
use crate::findings::Severity;
use crate::model::*;
use rust_decimal::Decimal;
use std::cell::RefCell;

/// A located table: its sheet, title cell and unit.
pub(crate) struct Sheet<'a> {
    pub g: &'a Grid,
    pub id: TableId,
    pub title_row: u32,
    pub source: TableSource,
    pub reading: RefCell<Reading>,
}

impl Sheet<'_> {
    /// The row where the table's data ends: the first row below the header whose first text
    /// is a footnote (`注：…`, and everything after it, e.g. `2.本表…`) or a signature line
    /// (`单位负责人：…`, `制表人：…`). Rows from there on are not data.
    fn data_end(&self, header_end: u32) -> u32 {
        let end = (header_end + 1..self.g.height())
            .find(|&r| (0..self.g.width).map(|c| self.g.text(r, c)).find(|t| !t.is_empty()).map(|t| normalize_label(&t)).is_some_and(|t| is("脚注", &t) || is("签名", &t)));
        self.reading.borrow_mut().footnote = end.map(|e| e + 1);
        end.unwrap_or(self.g.height())
    }
    fn skip(&self, at: CellRef, why: String) {
        self.reading.borrow_mut().skip(at, why);
    }
    fn total_row(&self, r: u32) {
        self.reading.borrow_mut().totals.push(r + 1);
    }
    /// Records the concept of each amount column.
    fn columns(&self, h: &Header, cols: &[(u32, &str)]) {
        let mut rd = self.reading.borrow_mut();
        for &(c, concept) in cols {
            rd.column(concept, h.path(c), self.g.at(h.start, c));
        }
    }
    fn header(&self, label_rows: bool) -> Result<Header, ReadError> {
        let h = find_header(self.g, self.title_row, label_rows).ok_or_else(|| ReadError::MissingColumn {
            at: self.source.title_at.clone(),
            table: self.id,
            column: "表头（项目/科目编码）".to_string(),
            seen: String::new(),
        })?;
        let mut rd = self.reading.borrow_mut();
        rd.header = Some((h.start + 1, h.end + 1));
        rd.lanci = h.lanci.map(|(r, l)| (r + 1, l));
        Ok(h)
    }
    /// A column that cannot be found: the error names the header texts seen.
    fn missing_col(&self, h: &Header, column: &str) -> ReadError {
        let seen: Vec<String> = (0..self.g.width).filter(|&c| !h.path(c).is_empty()).map(|c| format!("{}“{}”", self.g.at(h.start, c).a1(), h.path(c).join("/"))).collect();
        ReadError::MissingColumn { at: self.g.at(h.start, 0), table: self.id, column: column.to_string(), seen: seen.join("、") }
    }
    fn missing_row(&self, label: &str) -> ReadError {
        ReadError::MissingRow { at: self.source.title_at.clone(), table: self.id, label: label.to_string() }
    }
    fn unplaced(&self, r: u32, c: u32, label: &str) -> ReadError {
        ReadError::UnplacedLabel { at: self.g.at(r, c), table: self.id, label: label.to_string() }
    }
    /// The amounts of a row; a row reading 1, 2, 3 … is a 栏次 row read as data (an error).
    fn amounts(&self, r: u32, cols: &[u32]) -> Result<Vec<Amount>, ReadError> {
        let v: Vec<Amount> = cols.iter().map(|&c| self.g.amount(r, c, self.source.unit)).collect::<Result<_, _>>()?;
        self.numbering(&v, "这一行的金额")?;
        Ok(v)
    }
    /// Self-check: three or more amounts each one more than the last (1, 2, 3 … or 13, 14,
    /// 15 … as printed) are 栏次/行次 numbers read as figures — a located error, never a figure.
    fn numbering<'a>(&self, v: impl IntoIterator<Item = &'a Amount>, what: &str) -> Result<(), ReadError> {
        let v: Vec<&Amount> = v.into_iter().collect();
        let scale = if self.source.unit == Unit::Yuan { Decimal::from(10_000) } else { Decimal::ONE };
        let raw: Vec<Decimal> = v.iter().map(|a| a.value * scale).collect();
        let counts = raw.len() >= 3 && raw.iter().all(|x| x.fract().is_zero()) && raw.windows(2).all(|w| w.get(1).zip(w.first()).is_some_and(|(b, a)| *b - *a == Decimal::ONE));
        match v.first() {
            Some(first) if counts => {
                let shown: Vec<String> = raw.iter().take(3).map(|x| x.normalize().to_string()).collect();
                Err(ReadError::Misread { at: first.at.clone(), table: self.id, what: format!("{what}是 {}…，像是栏次/行次编号而不是金额", shown.join("、")) })
            }
            _ => Ok(()),
        }
    }
    /// Self-check of each amount column down its data rows (see [`Sheet::numbering`]).
    fn numbering_down(&self, h: &Header, cols: &[u32], rows: &[&[Amount]]) -> Result<(), ReadError> {
        for (j, &c) in cols.iter().enumerate() {
            let what = format!("{} 列“{}”自上而下的金额", self.g.at(h.start, c).a1(), h.path(c).join("/"));
            self.numbering(rows.iter().filter_map(|v| v.get(j)), &what)?;
        }
        Ok(())
    }
    /// Self-check of a 合计 row against its top-level rows (类, else the shortest codes): not
    /// their sum column by column, while read one column to the left or right it is — the
    /// total row and the data rows were read misaligned (an error; a plain arithmetic slip is
    /// left to `check`).
    fn total_shift(&self, total: &[Amount], rows: &[&[Amount]]) -> Result<(), ReadError> {
        let sums: Vec<Decimal> = (0..total.len()).map(|j| rows.iter().filter_map(|v| v.get(j)).map(|a| a.value).sum()).collect();
        let val = |j: usize| total.get(j).map(|a| a.value);
        if rows.is_empty() || sums.iter().enumerate().all(|(j, s)| Some(*s) == val(j)) {
            return Ok(());
        }
        for (d, side) in [(1, "右"), (-1, "左")] {
            let pairs: Vec<(Decimal, usize, Decimal)> = sums.iter().enumerate().filter_map(|(j, s)| j.checked_add_signed(d).filter(|k| *k < sums.len()).and_then(|k| sums.get(k).map(|t| (*s, k, *t)))).collect();
            let fits = pairs.iter().all(|(s, k, _)| Some(*s) == val(*k)) && pairs.iter().any(|(s, _, t)| s != t);
            if let (true, Some(first)) = (fits, total.first()) {
                let what = format!("合计行不等于各科目行之和，而向{side}错开一列后恰好相等（合计行与数据行的金额可能错了一列）");
                return Err(ReadError::Misread { at: first.at.clone(), table: self.id, what });
            }
        }
        Ok(())
    }
    /// The self-checks of a code-row table — each column down, then the 合计 row against the
    /// top-level (shortest-code) rows, given as (code length, amounts) — and its total: the 合计
    /// row, zeros when there are no rows either, else a missing-row error.
    fn checked_total(&self, h: &Header, cols: &[u32], total: Option<Vec<Amount>>, rows: &[(usize, &[Amount])]) -> Result<Vec<Amount>, ReadError> {
        self.numbering_down(h, cols, &rows.iter().map(|(_, v)| *v).collect::<Vec<_>>())?;
        let top = rows.iter().map(|(n, _)| *n).min().unwrap_or(3);
        match total {
            Some(t) => self.total_shift(&t, &rows.iter().filter(|(n, _)| *n == top).map(|(_, v)| *v).collect::<Vec<_>>()).map(|()| t),
            None if rows.is_empty() => Ok(cols.iter().map(|&c| Amount { value: Decimal::ZERO, at: self.g.at(h.end, c) }).collect()),
            None => Err(self.missing_row("合计")),
        }
    }
    /// True when no cell of `rows` outside `skip` holds a non-zero number.
    fn zero_in(&self, rows: std::ops::Range<u32>, skip: &[u32]) -> bool {
        rows.into_iter().all(|r| (0..self.g.width).filter(|c| !skip.contains(c)).all(|c| !self.g.is_numeric(r, c) || self.g.amount(r, c, self.source.unit).is_ok_and(|a| a.value.is_zero())))
    }
    /// True when every amount cell of the row is blank or zero (and readable).
    fn all_zero(&self, r: u32, cols: &[u32]) -> bool {
        cols.iter().all(|&c| self.g.amount(r, c, self.source.unit).is_ok_and(|a| a.value.is_zero()))
    }
}

// ───────────────────────────── 01 / 04 ─────────────────────────────

/// The two halves of a fixed-row table.
fn halves(s: &Sheet, h: &Header) -> Result<(Block, Block), ReadError> {
    let bs: Vec<Block> = blocks(h, s.g.width).into_iter().filter(|b| b.name_col.is_some() && !b.amount_cols.is_empty()).collect();
    let mut it = bs.into_iter();
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => Ok((a, b)),
        (Some(_), None) => Err(s.missing_col(h, "支出 项目/金额")),
        _ => Err(s.missing_col(h, "收入 项目/金额")),
    }
}

/// The label rows of one half: (row, label column, normalised label).
fn half_rows(s: &Sheet, h: &Header, b: &Block) -> Result<Vec<(u32, u32, String)>, ReadError> {
    let mut out = Vec::new();
    let cols = b.label_cols();
    for r in h.end + 1..s.data_end(h.end) {
        let label = first_label(s.g, r, &cols);
        match label {
            Some((c, t)) => {
                if is("栏次", &t) || is("脚注", &t) {
                    continue;
                }
                out.push((r, c, row_label(&t)));
            }
            None => {
                // A blank label with an amount cannot be placed.
                if !s.all_zero(r, &b.amount_cols) {
                    out.push((r, b.name_col.unwrap_or(0), String::new()));
                }
            }
        }
    }
    s.reading.borrow_mut().data_rows += out.len();
    for &c in &b.amount_cols {
        // Unreadable cells are reported by the caller, row by row.
        if let Ok(v) = out.iter().map(|(r, _, _)| s.g.amount(*r, c, s.source.unit)).collect::<Result<Vec<_>, _>>() {
            s.numbering(&v, &format!("{} 列“{}”自上而下的金额", s.g.at(h.start, c).a1(), h.path(c).join("/")))?;
        }
    }
    Ok(out)
}

/// 公开01表.
pub(crate) fn parse_t01(s: &Sheet) -> Result<IncomeExpenditureSummary, ReadError> {
    let h = s.header(false)?;
    let (inc, exp) = halves(s, &h)?;
    let (ic, ec) = match (inc.amount_cols.first(), exp.amount_cols.first()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => return Err(s.missing_col(&h, "金额")),
    };
    s.columns(&h, &[(ic, "收入 金额"), (ec, "支出 金额")]);
    let u = s.source.unit;
    let mut income = Vec::new();
    let (mut income_total, mut use_bal, mut begin, mut igt) = (None, None, None, None);
    for (r, c, l) in half_rows(s, &h, &inc)? {
        let a = s.g.amount(r, ic, u)?;
        if let Some(src) = income_source(&l) {
            income.push(IncomeLine { source: src, label: s.g.text(r, c), amount: a });
            continue;
        }
        match fixed_row(&l, true) {
            Some(FixedRow::IncomeTotal) => income_total = Some(a),
            Some(FixedRow::UseOfBalance) => use_bal = Some(a),
            Some(FixedRow::Begin) => begin = Some(a),
            Some(FixedRow::IncomeGrand) => igt = Some(a),
            _ => return Err(s.unplaced(r, c, &s.g.text(r, c))),
        }
    }
    let mut classes = Vec::new();
    let (mut exp_total, mut distr, mut end, mut egt) = (None, None, None, None);
    for (r, c, l) in half_rows(s, &h, &exp)? {
        let a = s.g.amount(r, ec, u)?;
        match (fixed_row(&l, false), class_code(&l)) {
            (Some(FixedRow::ExpenditureTotal), _) => exp_total = Some(a),
            (Some(FixedRow::Distribution), _) => distr = Some(a),
            (Some(FixedRow::End), _) => end = Some(a),
            (Some(_), _) => egt = Some(a),
            (None, Some((code, name))) => classes.push(ClassLine { code, name: name.to_string(), amount: a }),
            (None, None) => return Err(s.unplaced(r, c, &s.g.text(r, c))),
        }
    }
    Ok(IncomeExpenditureSummary {
        source: s.source.clone(),
        income,
        income_total: income_total.ok_or_else(|| s.missing_row("本年收入合计"))?,
        use_of_non_fiscal_balance: use_bal,
        begin_balance: begin,
        income_grand_total: igt.ok_or_else(|| s.missing_row("收入 总计"))?,
        expenditure_classes: classes,
        expenditure_total: exp_total.ok_or_else(|| s.missing_row("本年支出合计"))?,
        surplus_distribution: distr,
        end_balance: end,
        expenditure_grand_total: egt.ok_or_else(|| s.missing_row("支出 总计"))?,
    })
}

/// 公开04表.
pub(crate) fn parse_t04(s: &Sheet) -> Result<FiscalSummary, ReadError> {
    let h = s.header(false)?;
    let (inc, exp) = halves(s, &h)?;
    let ic = *inc.amount_cols.first().ok_or_else(|| s.missing_col(&h, "金额"))?;
    let find = |pred: &dyn Fn(&str) -> bool| exp.amount_cols.iter().copied().find(|c| pred(h.leaf(*c)));
    let total_col = find(&|l| is_named("财政拨款列", "合计", l))
        .or_else(|| exp.amount_cols.first().copied().filter(|_| exp.amount_cols.len() == 1))
        .ok_or_else(|| s.missing_col(&h, "支出 合计"))?;
    let gen_col = find(&|l| is_named("财政拨款列", "一般公共预算财政拨款", l));
    let fund_col = find(&|l| is_named("财政拨款列", "政府性基金预算财政拨款", l));
    let cap_col = find(&|l| is_named("财政拨款列", "国有资本经营预算财政拨款", l));
    let named = [(Some(ic), "收入 金额"), (Some(total_col), "支出 合计"), (gen_col, "支出 一般公共预算财政拨款"), (fund_col, "支出 政府性基金预算财政拨款"), (cap_col, "支出 国有资本经营预算财政拨款")];
    s.columns(&h, &named.iter().filter_map(|(c, n)| c.map(|c| (c, *n))).collect::<Vec<_>>());
    let u = s.source.unit;
    let opt = |r: u32, c: Option<u32>| -> Result<Option<Amount>, ReadError> { c.map(|c| s.g.amount(r, c, u)).transpose() };
    let fund_amounts = |r: u32| -> Result<FundAmounts, ReadError> {
        Ok(FundAmounts { total: s.g.amount(r, total_col, u)?, general: opt(r, gen_col)?, gov_fund: opt(r, fund_col)?, state_capital: opt(r, cap_col)? })
    };

    let mut income = Vec::new();
    let (mut income_total, mut begin, mut igt) = (None, None, None);
    let mut begin_by_fund = Vec::new();
    let mut in_begin = false;
    for (r, c, l) in half_rows(s, &h, &inc)? {
        let a = s.g.amount(r, ic, u)?;
        if let Some(f) = fund_of(&l) {
            if in_begin { begin_by_fund.push(FundLine { fund: f, amount: a }) } else { income.push(FundLine { fund: f, amount: a }) }
            continue;
        }
        match fixed_row(&l, true) {
            Some(FixedRow::IncomeTotal) => income_total = Some(a),
            Some(FixedRow::Begin) => (begin, in_begin) = (Some(a), true),
            Some(FixedRow::IncomeGrand) => (igt, in_begin) = (Some(a), false),
            _ => return Err(s.unplaced(r, c, &s.g.text(r, c))),
        }
    }
    let mut classes = Vec::new();
    let (mut exp_total, mut end, mut egt) = (None, None, None);
    let mut end_by_fund = Vec::new();
    let mut in_end = false;
    for (r, c, l) in half_rows(s, &h, &exp)? {
        if let Some(f) = fund_of(&l) {
            if !in_end {
                return Err(s.unplaced(r, c, &s.g.text(r, c)));
            }
            let own = match f {
                Fund::General => gen_col,
                Fund::GovFund => fund_col,
                Fund::StateCapital => cap_col,
            };
            let total = s.g.amount(r, total_col, u)?;
            let amount = match own {
                Some(oc) if total.value.is_zero() && s.g.is_numeric(r, oc) => s.g.amount(r, oc, u)?,
                _ => total,
            };
            end_by_fund.push(FundLine { fund: f, amount });
        } else if fixed_row(&l, false) == Some(FixedRow::ExpenditureTotal) {
            exp_total = Some(fund_amounts(r)?);
        } else if fixed_row(&l, false) == Some(FixedRow::End) {
            end = Some(fund_amounts(r)?);
            in_end = true;
        } else if fixed_row(&l, false) == Some(FixedRow::ExpenditureGrand) {
            egt = Some(fund_amounts(r)?);
            in_end = false;
        } else if let Some((code, name)) = class_code(&l) {
            classes.push(FundClassLine { code, name: name.to_string(), amounts: fund_amounts(r)? });
        } else {
            return Err(s.unplaced(r, c, &s.g.text(r, c)));
        }
    }
    Ok(FiscalSummary {
        source: s.source.clone(),
        income,
        income_total: income_total.ok_or_else(|| s.missing_row("本年收入合计"))?,
        begin_balance: begin,
        begin_by_fund,
        income_grand_total: igt.ok_or_else(|| s.missing_row("收入 总计"))?,
        expenditure_classes: classes,
        expenditure_total: exp_total.ok_or_else(|| s.missing_row("本年支出合计"))?,
        end_balance: end,
        end_by_fund,
        expenditure_grand_total: egt.ok_or_else(|| s.missing_row("支出 总计"))?,
    })
}

// ───────────────────────────── subject tables ─────────────────────────────

/// The model columns a table has when it carries no amounts (an empty table needs no mapping).
fn default_columns(id: TableId) -> Vec<Col> {
    columns().iter().filter(|k| k.tables.contains(&id) && k.part_of != Some("基本支出")).filter_map(|k| k.col).filter(|c| !matches!(c, Col::InitialBudget | Col::FullYearBudget)).collect()
}

/// True when no cell below the header (outside the label columns) holds a non-zero amount.
fn no_amounts(s: &Sheet, h: &Header, labels: &[u32]) -> bool {
    s.zero_in(h.end + 1..s.data_end(h.end), labels)
}

/// An empty table (no non-zero amount): all zero, with a 提示 instead of a column mapping.
fn empty_subject(s: &Sheet) -> SubjectTable {
    let columns = default_columns(s.id);
    let total = columns.iter().map(|_| Amount { value: Decimal::ZERO, at: s.source.title_at.clone() }).collect();
    empty_note(s);
    SubjectTable { id: s.id, source: s.source.clone(), columns, total, rows: Vec::new() }
}

fn empty_note(s: &Sheet) {
    let msg = format!("{} 没有非零金额（空表），按零读取，无需列映射", s.id);
    s.reading.borrow_mut().finding(Severity::Info, "READ-EMPTY-TABLE", msg, &s.source.title_at);
}

/// 02, 03, 06, 10, 11, 12.
pub(crate) fn parse_subject(s: &Sheet) -> Result<SubjectTable, ReadError> {
    // A title with nothing but a note (`说明：…故本表无数据。`) under it has no header: empty.
    let h = match s.header(true) {
        Ok(h) => h,
        Err(_) if s.zero_in(s.title_row + 1..s.g.height(), &[]) => return Ok(empty_subject(s)),
        Err(e) => return Err(e),
    };
    let bs = blocks(&h, s.g.width);
    let Some(b) = bs.into_iter().find(|b| !b.amount_cols.is_empty()) else {
        return if no_amounts(s, &h, &[]) { Ok(empty_subject(s)) } else { Err(s.missing_col(&h, "金额")) };
    };
    let labels = b.label_cols();
    let empty = no_amounts(s, &h, &labels);
    let (mut columns, mut cols, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    for &c in &b.amount_cols {
        let (path, at) = (h.path(c), s.g.at(h.start, c));
        match resolve(path, s.id) {
            Some(k) if k.col.is_some_and(|col| !columns.contains(&col)) => {
                columns.extend(k.col);
                cols.push(c);
                s.columns(&h, &[(c, k.name)]);
            }
            Some(k) if k.col.is_some() => s.skip(at, format!("“{}”与前面的“{}”列重复，未读取", path.join("/"), k.name)),
            Some(k) => s.skip(at, format!("“{}”是{}的组成部分，本表不单独使用", path.join("/"), k.part_of.unwrap_or(""))),
            None => unknown.push((c, path.join("/"), at)),
        }
    }
    // A column matching no concept: a 警告 naming it, unless it holds amounts while a concept of
    // this table's identities is missing (it is then probably that concept, misspelt).
    let missing: Vec<&str> = default_columns(s.id).into_iter().filter(|c| !columns.contains(c)).map(Col::label).collect();
    for (c, text, at) in unknown.into_iter().filter(|_| !empty) {
        let nonzero = (h.end + 1..s.data_end(h.end)).any(|r| s.g.amount(r, c, s.source.unit).is_ok_and(|a| !a.value.is_zero()));
        if nonzero && !missing.is_empty() {
            return Err(ReadError::UnknownColumn { at, table: s.id, header: text, expected: missing.join("”或“") });
        }
        s.skip(at.clone(), format!("表头“{text}”不是本表的任何一列，未读取"));
        let msg = format!("{} {} 的表头“{text}”不对应本表任何一列，已忽略{}", s.id, at.a1(), if nonzero { "（该列有非零金额，请核对）" } else { "" });
        s.reading.borrow_mut().finding(Severity::Warning, "READ-UNKNOWN-COLUMN", msg, &at);
    }
    let required: &[Col] = match s.id {
        TableId::T02 => &[Col::IncomeTotal],
        TableId::T03 | TableId::T06 => &[Col::ExpenditureTotal, Col::Basic, Col::Project],
        _ => &[Col::ExpenditureTotal],
    };
    if let Some(need) = required.iter().find(|n| !columns.contains(n)) {
        return if empty { Ok(empty_subject(s)) } else { Err(s.missing_col(&h, need.label())) };
    }
    if empty {
        empty_note(s);
    }
    let mut ctx = CodeCtx::default();
    let mut total = None;
    let mut rows = Vec::new();
    for r in h.end + 1..s.data_end(h.end) {
        let first = first_label(s.g, r, &labels);
        if let Some((_, t)) = &first {
            if is("栏次", &t) || is("脚注", t) {
                continue;
            }
            if is("合计行", t) {
                if total.is_none() {
                    total = Some(s.amounts(r, &cols)?);
                    s.total_row(r);
                }
                continue;
            }
        }
        match row_code(s.g, r, &b, &mut ctx, Kind::Function)? {
            Some(rc) => rows.push(SubjectRow {
                code: SubjectCode::parse(&rc.code).ok_or(ReadError::BadSubjectCode { at: rc.at.clone(), found: rc.code.clone() })?,
                name: rc.name,
                values: s.amounts(r, &cols)?,
            }),
            None => {
                if !s.all_zero(r, &cols) {
                    let (c, t) = first.unwrap_or((cols.first().copied().unwrap_or(0), String::new()));
                    return Err(s.unplaced(r, c, &t));
                }
                if let Some((c, t)) = first {
                    s.skip(s.g.at(r, c), format!("“{t}”没有科目编码，金额为零，不是数据行"));
                }
            }
        }
    }
    s.reading.borrow_mut().data_rows = rows.len();
    let total = s.checked_total(&h, &cols, total, &rows.iter().map(|r| (r.code.as_str().len(), r.values.as_slice())).collect::<Vec<_>>())?;
    Ok(SubjectTable { id: s.id, source: s.source.clone(), columns, total, rows })
}

// ───────────────────────────── 05 / 07 / 09 ─────────────────────────────

/// 05, 07, 09: function or economic rows, columns kept with their header texts.
pub(crate) fn parse_matrix(s: &Sheet) -> Result<MatrixTable, ReadError> {
    let h = s.header(true)?;
    let bs: Vec<Block> = blocks(&h, s.g.width).into_iter().filter(|b| !b.amount_cols.is_empty()).collect();
    let first = bs.first().ok_or_else(|| s.missing_col(&h, "合计"))?;
    // Columns keep their header texts (the annex prints them); their concepts (layout.rs) go
    // into the reading, and a header matching none is a 警告 naming it.
    let columns: Vec<String> = first.amount_cols.iter().map(|&c| h.path(c).join("/")).collect();
    for (&c, text) in first.amount_cols.iter().zip(&columns) {
        match matrix_column(h.path(c)) {
            Some(concept) => s.columns(&h, &[(c, concept)]),
            None => {
                let at = s.g.at(h.start, c);
                s.columns(&h, &[(c, "（未识别）")]);
                let msg = format!("{} {} 的表头“{text}”不对应本表任何一列（按原表头保留，作为分项参与合计核对）", s.id, at.a1());
                s.reading.borrow_mut().finding(Severity::Warning, "READ-UNKNOWN-COLUMN", msg, &at);
            }
        }
    }
    let econ_header = (0..s.g.width).any(|c| h.path(c).iter().any(|p| is("经济表头", p)));
    let mut layout = None;
    let mut total = None;
    let mut rows = Vec::new();
    for b in &bs {
        let labels = b.label_cols();
        let mut ctx = CodeCtx::default();
        for r in h.end + 1..s.data_end(h.end) {
            let first = first_label(s.g, r, &labels);
            if let Some((_, t)) = &first {
                if is("栏次", &t) || is("脚注", t) {
                    continue;
                }
                if is("明细合计行", t) {
                    if total.is_none() {
                        total = Some(s.amounts(r, &b.amount_cols)?);
                        s.total_row(r);
                    }
                    continue;
                }
            }
            let kind = match layout {
                Some(MatrixLayout::EconomicRows) => Kind::Economic,
                Some(MatrixLayout::FunctionRows) => Kind::Function,
                None => {
                    // Decide from the first code: 3xx is economic, 2xx functional.
                    let probe = first.as_ref().map(|(_, t)| t.trim_start_matches('\'').to_string()).unwrap_or_default();
                    let digit = labels.iter().map(|&c| s.g.text(r, c)).find_map(|t| t.trim().trim_start_matches('\'').chars().next().filter(char::is_ascii_digit));
                    match digit.or_else(|| probe.chars().next().filter(char::is_ascii_digit)) {
                        Some('3') => Kind::Economic,
                        Some(_) => Kind::Function,
                        None if econ_header => Kind::Economic,
                        None => Kind::Function,
                    }
                }
            };
            match row_code(s.g, r, b, &mut ctx, kind)? {
                Some(rc) => {
                    layout.get_or_insert(if kind == Kind::Economic { MatrixLayout::EconomicRows } else { MatrixLayout::FunctionRows });
                    rows.push(MatrixRow { code: rc.code, name: rc.name, values: s.amounts(r, &b.amount_cols)? });
                }
                None => {
                    if !s.all_zero(r, &b.amount_cols) {
                        let (c, t) = first.unwrap_or((b.amount_cols.first().copied().unwrap_or(0), String::new()));
                        return Err(s.unplaced(r, c, &t));
                    }
                }
            }
        }
    }
    let total = s.checked_total(&h, &first.amount_cols, total, &rows.iter().map(|r| (r.code.len(), r.values.as_slice())).collect::<Vec<_>>())?;
    s.reading.borrow_mut().data_rows = rows.len();
    let layout = layout.unwrap_or(if econ_header { MatrixLayout::EconomicRows } else { MatrixLayout::FunctionRows });
    Ok(MatrixTable { id: s.id, source: s.source.clone(), layout, columns, total, rows })
}

// ───────────────────────────── 08 ─────────────────────────────

/// 公开08表: 2 or 3 side-by-side blocks of economic rows, footer 人员经费合计 / 公用经费合计.
pub(crate) fn parse_t08(s: &Sheet) -> Result<BasicExpenditure, ReadError> {
    let h = s.header(false)?;
    let bs: Vec<Block> = blocks(&h, s.g.width).into_iter().filter(|b| !b.amount_cols.is_empty()).collect();
    if bs.is_empty() {
        return Err(s.missing_col(&h, "决算数"));
    }
    let amount_cols: Vec<u32> = bs.iter().flat_map(|b| b.amount_cols.iter().copied()).collect();
    let u = s.source.unit;
    let (mut personnel, mut public) = (Vec::new(), Vec::new());
    let (mut p_total, mut g_total) = (None, None);
    let mut footers = Vec::new();
    for r in h.end + 1..s.data_end(h.end) {
        // Footer labels anywhere in the row; the amount is the next amount cell to the right.
        let mut footer = false;
        for c in 0..s.g.width {
            let l = row_label(&s.g.text(r, c));
            let which = footer_of(&l);
            if which == 0 {
                continue;
            }
            footer = true;
            let right: Vec<u32> = amount_cols.iter().copied().filter(|&ac| ac > c).collect();
            let ac = right.iter().copied().find(|&ac| !s.g.text(r, ac).is_empty()).or(right.first().copied());
            let Some(ac) = ac else { return Err(s.missing_col(&h, "决算数")) };
            let a = s.g.amount(r, ac, u)?;
            if which == 1 { p_total.get_or_insert(a); } else { g_total.get_or_insert(a); }
        }
        if footer {
            footers.push(r);
            s.total_row(r);
        }
    }
    // Block by block, top to bottom: rows keep the order of the printed blocks.
    s.columns(&h, &bs.iter().filter_map(|b| b.amount_cols.first().map(|&c| (c, "决算数"))).collect::<Vec<_>>());
    for b in &bs {
        let mut ctx = CodeCtx::default();
        let labels = b.label_cols();
        let mut block_amounts = Vec::new();
        for r in (h.end + 1..s.data_end(h.end)).filter(|r| !footers.contains(r)) {
            let first = first_label(s.g, r, &labels);
            if let Some((_, t)) = &first
                && (is("栏次", &t) || is("脚注", t) || is("基本支出合计行", t))
            {
                continue;
            }
            let Some(&ac) = b.amount_cols.first() else { continue };
            match row_code(s.g, r, b, &mut ctx, Kind::Economic)? {
                Some(rc) => {
                    let code = EconCode::parse(&rc.code).ok_or(ReadError::BadSubjectCode { at: rc.at.clone(), found: rc.code.clone() })?;
                    let row = EconRow { code, name: rc.name, amount: s.g.amount(r, ac, u)? };
                    block_amounts.push(row.amount.clone());
                    if row.code.is_personnel() { personnel.push(row) } else { public.push(row) }
                }
                None => {
                    if !s.all_zero(r, &[ac]) {
                        let (c, t) = first.unwrap_or((ac, String::new()));
                        return Err(s.unplaced(r, c, &t));
                    }
                }
            }
        }
        if let Some(&ac) = b.amount_cols.first() {
            s.numbering_down(&h, &[ac], &block_amounts.iter().map(std::slice::from_ref).collect::<Vec<_>>())?;
        }
    }
    s.reading.borrow_mut().data_rows = personnel.len() + public.len();
    Ok(BasicExpenditure {
        source: s.source.clone(),
        personnel,
        public,
        personnel_total: p_total.ok_or_else(|| s.missing_row("人员经费合计"))?,
        public_total: g_total.ok_or_else(|| s.missing_row("公用经费合计"))?,
    })
}

// ───────────────────────────── 13 ─────────────────────────────

/// 公开13表: wide (one data row, 12 amounts) or vertical (items as rows).
pub(crate) fn parse_t13(s: &Sheet) -> Result<ThreePublic, ReadError> {
    let h = s.header(false)?;
    let is_budget = |c: u32| is_named("三公列", "预算数", h.leaf(c));
    let is_actual = |c: u32| is_named("三公列", "决算数", h.leaf(c));
    let budget_cols: Vec<u32> = (0..s.g.width).filter(|&c| is_budget(c)).collect();
    let actual_cols: Vec<u32> = (0..s.g.width).filter(|&c| is_actual(c)).collect();
    if budget_cols.is_empty() {
        return Err(s.missing_col(&h, "预算数"));
    }
    if actual_cols.is_empty() {
        return Err(s.missing_col(&h, "决算数"));
    }
    let u = s.source.unit;
    let mut budget: Vec<(Item, Amount)> = Vec::new();
    let mut actual: Vec<(Item, Amount)> = Vec::new();
    if budget_cols.len() <= 1 && actual_cols.len() <= 1 {
        // Vertical: items as rows.
        let (bc, ac) = match (budget_cols.first(), actual_cols.first()) {
            (Some(b), Some(a)) => (*b, *a),
            _ => return Err(s.missing_col(&h, "预算数/决算数")),
        };
        let label_cols: Vec<u32> = (0..bc.min(ac)).collect();
        s.columns(&h, &[(bc, "预算数"), (ac, "决算数")]);
        for r in h.end + 1..s.data_end(h.end) {
            match first_label(s.g, r, &label_cols) {
                Some((c, t)) => {
                    if is("栏次", &t) || is("脚注", &t) {
                        continue;
                    }
                    let Some(item) = item_of(&row_label(&t)) else { return Err(s.unplaced(r, c, &s.g.text(r, c))) };
                    if !budget.iter().any(|(i, _)| *i == item) {
                        budget.push((item, s.g.amount(r, bc, u)?));
                        actual.push((item, s.g.amount(r, ac, u)?));
                    }
                }
                None => {
                    if !s.all_zero(r, &[bc, ac]) {
                        return Err(s.unplaced(r, label_cols.first().copied().unwrap_or(0), ""));
                    }
                }
            }
        }
        s.numbering(budget.iter().map(|(_, a)| a), "预算数列自上而下的金额")?;
        s.numbering(actual.iter().map(|(_, a)| a), "决算数列自上而下的金额")?;
        let missing = |item: Item| s.missing_row(item_name(item));
        return Ok(ThreePublic { source: s.source.clone(), budget: amounts13(&budget, &missing)?, actual: amounts13(&actual, &missing)? });
    }
    // Wide: one data row under the header.
    let data_row = (h.end + 1..s.data_end(h.end)).find(|&r| {
        let t = first_label(s.g, r, &(0..s.g.width).collect::<Vec<_>>()).map(|(_, t)| t).unwrap_or_default();
        !t.is_empty() && !is("栏次", &t) && !is("脚注", &t)
    });
    let col_item = |c: u32| -> Option<Item> {
        let path = h.path(c);
        path.iter().rev().skip(1).find_map(|seg| item_of(&row_label(seg)))
    };
    s.reading.borrow_mut().data_rows = usize::from(data_row.is_some());
    for (cols, out, kind) in [(&budget_cols, &mut budget, "预算数"), (&actual_cols, &mut actual, "决算数")] {
        for &c in cols.iter() {
            if let Some(item) = col_item(c)
                && !out.iter().any(|(i, _)| *i == item)
            {
                s.columns(&h, &[(c, &format!("{} {kind}", item_name(item)))]);
                let a = match data_row {
                    Some(r) => s.g.amount(r, c, u)?,
                    None => Amount { value: Decimal::ZERO, at: s.g.at(h.end + 1, c) },
                };
                out.push((item, a));
            }
        }
    }
    let mut wide: Vec<&Amount> = budget.iter().chain(&actual).map(|(_, a)| a).collect();
    wide.sort_by_key(|a| a.at.col);
    s.numbering(wide, "这一行的金额")?;
    let h = &h;
    let miss = |kind: &'static str| move |item: Item| s.missing_col(h, &format!("{} {kind}", item_name(item)));
    Ok(ThreePublic { source: s.source.clone(), budget: amounts13(&budget, &miss("预算数"))?, actual: amounts13(&actual, &miss("决算数"))? })
}

/// The six 三公 amounts from (item, amount) pairs; `missing` makes the error for an absent item.
fn amounts13(v: &[(Item, Amount)], missing: &dyn Fn(Item) -> ReadError) -> Result<ThreePublicAmounts, ReadError> {
    let pick = |item: Item| v.iter().find(|(i, _)| *i == item).map(|(_, a)| a.clone()).ok_or_else(|| missing(item));
    Ok(ThreePublicAmounts {
        total: pick(Item::Total)?,
        overseas: pick(Item::Overseas)?,
        vehicles: pick(Item::Vehicles)?,
        vehicle_purchase: pick(Item::Purchase)?,
        vehicle_operation: pick(Item::Operation)?,
        reception: pick(Item::Reception)?,
    })
}
