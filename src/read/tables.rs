//! Parsers for the thirteen tables. Each takes a located sheet and returns its model type.

use super::blocks::{blocks, first_label, row_code, Block, CodeCtx, Kind};
use super::error::ReadError;
use super::grid::Grid;
use super::locate::{find_header, is_footnote, row_label, Header};
use crate::model::*;
use rust_decimal::Decimal;

/// A located table: its sheet, title cell and unit.
pub(crate) struct Sheet<'a> {
    pub g: &'a Grid,
    pub id: TableId,
    pub title_row: u32,
    pub source: TableSource,
}

impl Sheet<'_> {
    /// The row where the table's data ends: the first row below the header whose first text
    /// is a footnote (`注：…`, and everything after it, e.g. `2.本表…`) or a signature line
    /// (`单位负责人：…`, `制表人：…`). Rows from there on are not data.
    fn data_end(&self, header_end: u32) -> u32 {
        (header_end + 1..self.g.height())
            .find(|&r| (0..self.g.width).map(|c| self.g.text(r, c)).find(|t| !t.is_empty()).is_some_and(|t| is_trailer(&t)))
            .unwrap_or(self.g.height())
    }
    fn unit(&self) -> Unit {
        self.source.unit
    }
    fn header(&self, label_rows: bool) -> Result<Header, ReadError> {
        find_header(self.g, self.title_row, label_rows).ok_or_else(|| ReadError::MissingColumn {
            at: self.source.title_at.clone(),
            table: self.id,
            column: "表头（项目/科目编码）".to_string(),
        })
    }
    fn missing_col(&self, h: &Header, column: &str) -> ReadError {
        ReadError::MissingColumn { at: self.g.at(h.start, 0), table: self.id, column: column.to_string() }
    }
    fn missing_row(&self, label: &str) -> ReadError {
        ReadError::MissingRow { at: self.source.title_at.clone(), table: self.id, label: label.to_string() }
    }
    fn unplaced(&self, r: u32, c: u32, label: &str) -> ReadError {
        ReadError::UnplacedLabel { at: self.g.at(r, c), table: self.id, label: label.to_string() }
    }
    fn amounts(&self, r: u32, cols: &[u32]) -> Result<Vec<Amount>, ReadError> {
        cols.iter().map(|&c| self.g.amount(r, c, self.unit())).collect()
    }
    /// True when every amount cell of the row is blank or zero (and readable).
    fn all_zero(&self, r: u32, cols: &[u32]) -> bool {
        cols.iter().all(|&c| self.g.amount(r, c, self.unit()).is_ok_and(|a| a.value.is_zero()))
    }
}

// ───────────────────────────── 功能分类 类 names ─────────────────────────────

/// 支出功能分类 类: code and names (current, then older wordings).
const CLASSES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    ("204", &["公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    ("207", &["文化旅游体育与传媒支出", "文化体育与传媒支出"]),
    ("208", &["社会保障和就业支出"]),
    ("209", &["社会保险基金支出"]),
    ("210", &["卫生健康支出", "医疗卫生与计划生育支出"]),
    ("211", &["节能环保支出"]),
    ("212", &["城乡社区支出"]),
    ("213", &["农林水支出"]),
    ("214", &["交通运输支出"]),
    ("215", &["资源勘探工业信息等支出", "资源勘探信息等支出"]),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出"]),
    ("219", &["援助其他地区支出"]),
    ("220", &["自然资源海洋气象等支出", "国土海洋气象等支出"]),
    ("221", &["住房保障支出"]),
    ("222", &["粮油物资储备支出"]),
    ("223", &["国有资本经营预算支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
    ("234", &["抗疫特别国债安排的支出", "抗疫特别国债安排的支出"]),
];

/// Maps a 类 line label (ordinal already removed) to its 3-digit code.
pub(crate) fn class_code(label: &str) -> Option<(SubjectCode, &'static str)> {
    let l = label.trim_end_matches("(类)");
    for (code, names) in CLASSES {
        for n in names.iter() {
            let short = n.strip_suffix("支出").unwrap_or(n);
            if l == *n || l == short || format!("{l}支出") == *n {
                return SubjectCode::parse(code).map(|c| (c, names.first().copied().unwrap_or(n)));
            }
        }
    }
    None
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
fn half_rows(s: &Sheet, h: &Header, b: &Block) -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    let cols = b.label_cols();
    for r in h.end + 1..s.data_end(h.end) {
        let label = first_label(s.g, r, &cols);
        match label {
            Some((c, t)) => {
                if t == "栏次" || is_footnote(&t) {
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
    out
}

/// Signature and date lines printed under exported tables.
const SIGNATURE_LINES: [&str; 14] =
    ["单位负责人", "财务负责人", "部门负责人", "主管会计", "会计主管", "制表人", "填表人", "填报人", "审核人", "复核人", "经办人", "联系电话", "填报日期", "制表日期"];

/// A footnote or signature line under a table.
fn is_trailer(text: &str) -> bool {
    let t = crate::model::normalize_label(text);
    is_footnote(&t) || SIGNATURE_LINES.iter().any(|p| t.starts_with(p))
}

fn income_source(l: &str) -> Option<IncomeSource> {
    IncomeSource::ALL.into_iter().find(|s| {
        let lab = s.label();
        l == lab || Some(l) == lab.strip_suffix("收入")
    })
}

fn fund_of(l: &str) -> Option<Fund> {
    Fund::ALL.into_iter().find(|f| {
        let lab = f.label();
        l == lab || l.strip_suffix("收入") == Some(lab)
    })
}

fn is_grand_total(l: &str, side: &str) -> bool {
    l == "总计" || l == format!("{side}总计")
}

/// 公开01表.
pub(crate) fn parse_t01(s: &Sheet) -> Result<IncomeExpenditureSummary, ReadError> {
    let h = s.header(false)?;
    let (inc, exp) = halves(s, &h)?;
    let (ic, ec) = match (inc.amount_cols.first(), exp.amount_cols.first()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => return Err(s.missing_col(&h, "金额")),
    };
    let u = s.unit();
    let mut income = Vec::new();
    let (mut income_total, mut use_bal, mut begin, mut igt) = (None, None, None, None);
    for (r, c, l) in half_rows(s, &h, &inc) {
        let a = s.g.amount(r, ic, u)?;
        if let Some(src) = income_source(&l) {
            income.push(IncomeLine { source: src, label: s.g.text(r, c), amount: a });
        } else if l == "本年收入合计" || l == "本年收入" {
            income_total = Some(a);
        } else if l.starts_with("使用非财政拨款结余") || l == "使用专用结余" {
            use_bal = Some(a);
        } else if l == "年初结转和结余" || l == "上年结转和结余" || l == "上年结转" {
            begin = Some(a);
        } else if is_grand_total(&l, "收入") {
            igt = Some(a);
        } else {
            return Err(s.unplaced(r, c, &s.g.text(r, c)));
        }
    }
    let mut classes = Vec::new();
    let (mut exp_total, mut distr, mut end, mut egt) = (None, None, None, None);
    for (r, c, l) in half_rows(s, &h, &exp) {
        let a = s.g.amount(r, ec, u)?;
        if l == "本年支出合计" || l == "本年支出" {
            exp_total = Some(a);
        } else if l == "结余分配" {
            distr = Some(a);
        } else if l == "年末结转和结余" {
            end = Some(a);
        } else if is_grand_total(&l, "支出") {
            egt = Some(a);
        } else if let Some((code, name)) = class_code(&l) {
            classes.push(ClassLine { code, name: name.to_string(), amount: a });
        } else {
            return Err(s.unplaced(r, c, &s.g.text(r, c)));
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
    let total_col = find(&|l| l.contains("合计") || l.contains("小计"))
        .or_else(|| exp.amount_cols.first().copied().filter(|_| exp.amount_cols.len() == 1))
        .ok_or_else(|| s.missing_col(&h, "支出 合计"))?;
    let gen_col = find(&|l| l.contains("一般公共预算"));
    let fund_col = find(&|l| l.contains("政府性基金"));
    let cap_col = find(&|l| l.contains("国有资本经营"));
    let u = s.unit();
    let opt = |r: u32, c: Option<u32>| -> Result<Option<Amount>, ReadError> { c.map(|c| s.g.amount(r, c, u)).transpose() };
    let fund_amounts = |r: u32| -> Result<FundAmounts, ReadError> {
        Ok(FundAmounts { total: s.g.amount(r, total_col, u)?, general: opt(r, gen_col)?, gov_fund: opt(r, fund_col)?, state_capital: opt(r, cap_col)? })
    };

    let mut income = Vec::new();
    let (mut income_total, mut begin, mut igt) = (None, None, None);
    let mut begin_by_fund = Vec::new();
    let mut in_begin = false;
    for (r, c, l) in half_rows(s, &h, &inc) {
        let a = s.g.amount(r, ic, u)?;
        if let Some(f) = fund_of(&l) {
            if in_begin { begin_by_fund.push(FundLine { fund: f, amount: a }) } else { income.push(FundLine { fund: f, amount: a }) }
        } else if l == "本年收入合计" || l == "本年收入" {
            income_total = Some(a);
        } else if l.starts_with("年初财政拨款结转和结余") || l == "年初结转和结余" || l == "上年结转和结余" {
            begin = Some(a);
            in_begin = true;
        } else if is_grand_total(&l, "收入") {
            igt = Some(a);
            in_begin = false;
        } else {
            return Err(s.unplaced(r, c, &s.g.text(r, c)));
        }
    }
    let mut classes = Vec::new();
    let (mut exp_total, mut end, mut egt) = (None, None, None);
    let mut end_by_fund = Vec::new();
    let mut in_end = false;
    for (r, c, l) in half_rows(s, &h, &exp) {
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
        } else if l == "本年支出合计" || l == "本年支出" {
            exp_total = Some(fund_amounts(r)?);
        } else if l.starts_with("年末财政拨款结转和结余") || l == "年末结转和结余" {
            end = Some(fund_amounts(r)?);
            in_end = true;
        } else if is_grand_total(&l, "支出") {
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

/// Generic header words that say nothing about the column's meaning.
fn generic(seg: &str) -> bool {
    matches!(seg, "决算数" | "金额" | "本年决算数" | "决算金额")
}

/// Maps a column's header texts to a [`Col`], deepest meaningful text first.
fn col_of(path: &[String], id: TableId) -> Option<Col> {
    let segs: Vec<&str> = path.iter().map(String::as_str).filter(|s| !generic(s)).collect();
    let leaf = *segs.last()?;
    let parent_has = |w: &str| segs.iter().rev().skip(1).any(|s| s.contains(w));
    let c = match leaf {
        "本年收入合计" => Col::IncomeTotal,
        "财政拨款收入" | "财政拨款" => Col::FiscalGrant,
        "上级补助收入" => Col::SuperiorSubsidy,
        "事业收入" => Col::BusinessIncome,
        "经营收入" => Col::OperatingIncome,
        "附属单位上缴收入" => Col::AffiliatedIncome,
        "其他收入" => Col::OtherIncome,
        "本年支出合计" | "支出合计" => Col::ExpenditureTotal,
        "基本支出" => Col::Basic,
        "项目支出" => Col::Project,
        "上缴上级支出" => Col::ToSuperior,
        "经营支出" => Col::OperatingExpenditure,
        "对附属单位补助支出" => Col::ToAffiliated,
        "年初结转和结余" | "年初结转结余" => Col::BeginBalance,
        "本年收入" => Col::YearIncome,
        "年末结转和结余" | "年末结转结余" => Col::EndBalance,
        "年初预算数" => Col::InitialBudget,
        "全年预算数" | "调整预算数" | "预算数" | "调整后预算数" => Col::FullYearBudget,
        "本年支出" => Col::ExpenditureTotal,
        "合计" | "小计" => {
            // Under a named group (财政拨款收入/小计, 本年支出/合计) the group says what it is.
            let parent = segs.iter().rev().nth(1).copied().unwrap_or("");
            let named = (!parent.is_empty() && !matches!(parent, "合计" | "小计"))
                .then(|| col_of(&[parent.to_string()], id))
                .flatten();
            if let Some(c) = named {
                c
            } else if id == TableId::T02 && parent_has("收入") && !parent_has("支出") {
                Col::IncomeTotal
            } else {
                Col::ExpenditureTotal
            }
        }
        _ => {
            // Putuo style: every amount column sub-headed 决算数 → the leaf was generic.
            if path.last().is_some_and(|l| generic(l)) && parent_has("支出") && segs.len() == 1 {
                Col::ExpenditureTotal
            } else {
                return None;
            }
        }
    };
    Some(c)
}

/// 02, 03, 06, 10, 11, 12.
pub(crate) fn parse_subject(s: &Sheet) -> Result<SubjectTable, ReadError> {
    let h = s.header(true)?;
    let bs = blocks(&h, s.g.width);
    let b = bs.into_iter().find(|b| !b.amount_cols.is_empty()).ok_or_else(|| s.missing_col(&h, "金额"))?;
    let mut columns = Vec::new();
    let mut cols = Vec::new();
    for &c in &b.amount_cols {
        let path = h.path(c);
        // 12 (some exports): 全年预算数 · 决算数 — a bare 决算数 column is the expenditure total.
        let col = col_of(path, s.id).or_else(|| (h.leaf(c) == "决算数").then_some(Col::ExpenditureTotal));
        if let Some(col) = col
            && !columns.contains(&col)
        {
            columns.push(col);
            cols.push(c);
        }
    }
    let required: &[Col] = match s.id {
        TableId::T02 => &[Col::IncomeTotal],
        TableId::T03 | TableId::T06 => &[Col::ExpenditureTotal, Col::Basic, Col::Project],
        _ => &[Col::ExpenditureTotal],
    };
    for need in required {
        if !columns.contains(need) {
            return Err(s.missing_col(&h, need.label()));
        }
    }
    let labels = b.label_cols();
    let mut ctx = CodeCtx::default();
    let mut total = None;
    let mut rows = Vec::new();
    for r in h.end + 1..s.data_end(h.end) {
        let first = first_label(s.g, r, &labels);
        if let Some((_, t)) = &first {
            if t == "栏次" || is_footnote(t) {
                continue;
            }
            if matches!(t.as_str(), "合计" | "总计" | "本年合计") {
                if total.is_none() {
                    total = Some(s.amounts(r, &cols)?);
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
            }
        }
    }
    let total = match total {
        Some(t) => t,
        None if rows.is_empty() => cols.iter().map(|&c| Amount { value: Decimal::ZERO, at: s.g.at(h.end, c) }).collect(),
        None => return Err(s.missing_row("合计")),
    };
    Ok(SubjectTable { id: s.id, source: s.source.clone(), columns, total, rows })
}

// ───────────────────────────── 05 / 07 / 09 ─────────────────────────────

/// 05, 07, 09: function or economic rows, columns kept with their header texts.
pub(crate) fn parse_matrix(s: &Sheet) -> Result<MatrixTable, ReadError> {
    let h = s.header(true)?;
    let bs: Vec<Block> = blocks(&h, s.g.width).into_iter().filter(|b| !b.amount_cols.is_empty()).collect();
    let first = bs.first().ok_or_else(|| s.missing_col(&h, "合计"))?;
    let columns: Vec<String> = first.amount_cols.iter().map(|&c| h.path(c).join("/")).collect();
    let econ_header = (0..s.g.width).any(|c| h.path(c).iter().any(|p| p.contains("经济分类")));
    let mut layout = None;
    let mut total = None;
    let mut rows = Vec::new();
    for b in &bs {
        let labels = b.label_cols();
        let mut ctx = CodeCtx::default();
        for r in h.end + 1..s.data_end(h.end) {
            let first = first_label(s.g, r, &labels);
            if let Some((_, t)) = &first {
                if t == "栏次" || is_footnote(t) {
                    continue;
                }
                if t == "合计" || t == "总计" || t.ends_with("支出合计") {
                    if total.is_none() {
                        total = Some(s.amounts(r, &b.amount_cols)?);
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
    let total = match total {
        Some(t) => t,
        None if rows.is_empty() => first.amount_cols.iter().map(|&c| Amount { value: Decimal::ZERO, at: s.g.at(h.end, c) }).collect(),
        None => return Err(s.missing_row("合计")),
    };
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
    let u = s.unit();
    let (mut personnel, mut public) = (Vec::new(), Vec::new());
    let (mut p_total, mut g_total) = (None, None);
    let mut ctxs: Vec<CodeCtx> = bs.iter().map(|_| CodeCtx::default()).collect();
    for r in h.end + 1..s.data_end(h.end) {
        // Footer labels anywhere in the row; the amount is the next amount cell to the right.
        let mut footer = false;
        for c in 0..s.g.width {
            let l = row_label(&s.g.text(r, c));
            let which = match l.as_str() {
                "人员经费合计" | "人员经费" => 1,
                "公用经费合计" | "日常公用经费合计" | "公用经费" | "日常公用经费" => 2,
                _ => 0,
            };
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
            continue;
        }
        for (b, ctx) in bs.iter().zip(ctxs.iter_mut()) {
            let labels = b.label_cols();
            let first = first_label(s.g, r, &labels);
            if let Some((_, t)) = &first
                && (t == "栏次" || is_footnote(t) || t.ends_with("合计") || t == "总计")
            {
                continue;
            }
            let Some(&ac) = b.amount_cols.first() else { continue };
            match row_code(s.g, r, b, ctx, Kind::Economic)? {
                Some(rc) => {
                    let code = EconCode::parse(&rc.code).ok_or(ReadError::BadSubjectCode { at: rc.at.clone(), found: rc.code.clone() })?;
                    let row = EconRow { code, name: rc.name, amount: s.g.amount(r, ac, u)? };
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
    }
    Ok(BasicExpenditure {
        source: s.source.clone(),
        personnel,
        public,
        personnel_total: p_total.ok_or_else(|| s.missing_row("人员经费合计"))?,
        public_total: g_total.ok_or_else(|| s.missing_row("公用经费合计"))?,
    })
}

// ───────────────────────────── 13 ─────────────────────────────

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Item {
    Total,
    Overseas,
    Vehicles,
    Purchase,
    Operation,
    Reception,
}

const ITEMS: [(Item, &str); 6] = [
    (Item::Total, "合计"),
    (Item::Overseas, "因公出国（境）费"),
    (Item::Vehicles, "公务用车购置及运行维护费"),
    (Item::Purchase, "公务用车购置费"),
    (Item::Operation, "公务用车运行维护费"),
    (Item::Reception, "公务接待费"),
];

fn item_of(seg: &str) -> Option<Item> {
    let l = row_label(seg);
    if l == "合计" || l == "总计" || l.ends_with("经费合计") {
        Some(Item::Total)
    } else if l.contains("因公出国") {
        Some(Item::Overseas)
    } else if l.contains("购置及运行") || l == "小计" {
        Some(Item::Vehicles)
    } else if l.contains("购置") {
        Some(Item::Purchase)
    } else if l.contains("运行") {
        Some(Item::Operation)
    } else if l.contains("接待") {
        Some(Item::Reception)
    } else if l.contains("三公") {
        // `“三公”经费` / `“三公”经费支出合计`: the whole (deeper header texts are tried first).
        Some(Item::Total)
    } else {
        None
    }
}

/// 公开13表: wide (one data row, 12 amounts) or vertical (items as rows).
pub(crate) fn parse_t13(s: &Sheet) -> Result<ThreePublic, ReadError> {
    let h = s.header(false)?;
    let is_budget = |c: u32| h.leaf(c).contains("预算");
    let is_actual = |c: u32| h.leaf(c).contains("决算");
    let budget_cols: Vec<u32> = (0..s.g.width).filter(|&c| is_budget(c)).collect();
    let actual_cols: Vec<u32> = (0..s.g.width).filter(|&c| is_actual(c)).collect();
    if budget_cols.is_empty() {
        return Err(s.missing_col(&h, "预算数"));
    }
    if actual_cols.is_empty() {
        return Err(s.missing_col(&h, "决算数"));
    }
    let u = s.unit();
    let mut budget: Vec<(Item, Amount)> = Vec::new();
    let mut actual: Vec<(Item, Amount)> = Vec::new();
    if budget_cols.len() <= 1 && actual_cols.len() <= 1 {
        // Vertical: items as rows.
        let (bc, ac) = match (budget_cols.first(), actual_cols.first()) {
            (Some(b), Some(a)) => (*b, *a),
            _ => return Err(s.missing_col(&h, "预算数/决算数")),
        };
        let label_cols: Vec<u32> = (0..bc.min(ac)).collect();
        for r in h.end + 1..s.data_end(h.end) {
            match first_label(s.g, r, &label_cols) {
                Some((c, t)) => {
                    if t == "栏次" || is_footnote(&t) {
                        continue;
                    }
                    let Some(item) = item_of(&t) else { return Err(s.unplaced(r, c, &s.g.text(r, c))) };
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
        let pick = |v: &[(Item, Amount)], item: Item| -> Result<Amount, ReadError> {
            let label = ITEMS.iter().find(|(i, _)| *i == item).map_or("", |(_, l)| l);
            v.iter().find(|(i, _)| *i == item).map(|(_, a)| a.clone()).ok_or_else(|| s.missing_row(label))
        };
        let mk = |v: &[(Item, Amount)]| -> Result<ThreePublicAmounts, ReadError> {
            Ok(ThreePublicAmounts {
                total: pick(v, Item::Total)?,
                overseas: pick(v, Item::Overseas)?,
                vehicles: pick(v, Item::Vehicles)?,
                vehicle_purchase: pick(v, Item::Purchase)?,
                vehicle_operation: pick(v, Item::Operation)?,
                reception: pick(v, Item::Reception)?,
            })
        };
        return Ok(ThreePublic { source: s.source.clone(), budget: mk(&budget)?, actual: mk(&actual)? });
    }
    // Wide: one data row under the header.
    let data_row = (h.end + 1..s.data_end(h.end)).find(|&r| {
        let t = first_label(s.g, r, &(0..s.g.width).collect::<Vec<_>>()).map(|(_, t)| t).unwrap_or_default();
        !t.is_empty() && t != "栏次" && !is_footnote(&t)
    });
    let col_item = |c: u32| -> Option<Item> {
        let path = h.path(c);
        path.iter().rev().skip(1).find_map(|seg| item_of(seg))
    };
    for (cols, out) in [(&budget_cols, &mut budget), (&actual_cols, &mut actual)] {
        for &c in cols.iter() {
            if let Some(item) = col_item(c)
                && !out.iter().any(|(i, _)| *i == item)
            {
                let a = match data_row {
                    Some(r) => s.g.amount(r, c, u)?,
                    None => Amount { value: Decimal::ZERO, at: s.g.at(h.end + 1, c) },
                };
                out.push((item, a));
            }
        }
    }
    let pick = |v: &[(Item, Amount)], item: Item, kind: &str| -> Result<Amount, ReadError> {
        let label = ITEMS.iter().find(|(i, _)| *i == item).map_or("", |(_, l)| l);
        v.iter().find(|(i, _)| *i == item).map(|(_, a)| a.clone()).ok_or_else(|| s.missing_col(&h, &format!("{label} {kind}")))
    };
    let mk = |v: &[(Item, Amount)], kind: &str| -> Result<ThreePublicAmounts, ReadError> {
        Ok(ThreePublicAmounts {
            total: pick(v, Item::Total, kind)?,
            overseas: pick(v, Item::Overseas, kind)?,
            vehicles: pick(v, Item::Vehicles, kind)?,
            vehicle_purchase: pick(v, Item::Purchase, kind)?,
            vehicle_operation: pick(v, Item::Operation, kind)?,
            reception: pick(v, Item::Reception, kind)?,
        })
    };
    Ok(ThreePublic { source: s.source.clone(), budget: mk(&budget, "预算数")?, actual: mk(&actual, "决算数")? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_map_to_codes() {
        assert_eq!(class_code("一般公共服务支出").unwrap().0.as_str(), "201");
        assert_eq!(class_code("一般公共服务").unwrap().0.as_str(), "201");
        assert_eq!(class_code("农林水支出").unwrap().0.as_str(), "213");
        assert_eq!(class_code("预备费").unwrap().0.as_str(), "227");
        assert_eq!(class_code("抗疫特别国债安排的支出").unwrap().0.as_str(), "234");
        assert_eq!(class_code("医疗卫生与计划生育支出").unwrap().1, "卫生健康支出");
        assert!(class_code("奇怪支出").is_none());
    }

    #[test]
    fn columns_by_header_path() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(col_of(&p(&["本年支出", "合计"]), TableId::T06), Some(Col::ExpenditureTotal));
        assert_eq!(col_of(&p(&["本年支出", "基本支出"]), TableId::T06), Some(Col::Basic));
        assert_eq!(col_of(&p(&["本年收入合计", "决算数"]), TableId::T02), Some(Col::IncomeTotal));
        assert_eq!(col_of(&p(&["年初结转和结余"]), TableId::T10), Some(Col::BeginBalance));
        assert_eq!(col_of(&p(&["全年预算数"]), TableId::T12), Some(Col::FullYearBudget));
        assert_eq!(col_of(&p(&["奇怪列"]), TableId::T03), None);
        assert_eq!(col_of(&p(&["财政拨款收入", "小计"]), TableId::T02), Some(Col::FiscalGrant));
        assert_eq!(col_of(&p(&["本年支出", "小计"]), TableId::T10), Some(Col::ExpenditureTotal));
        assert_eq!(col_of(&p(&["项目", "合计"]), TableId::T06), Some(Col::ExpenditureTotal));
    }

    #[test]
    fn three_public_items() {
        assert_eq!(item_of("因公出国(境)费用"), Some(Item::Overseas));
        assert_eq!(item_of("公务用车购置及运行费"), Some(Item::Vehicles));
        assert_eq!(item_of("其中：公务用车购置费"), Some(Item::Purchase));
        assert_eq!(item_of("公务用车运行费"), Some(Item::Operation));
        assert_eq!(item_of("小计"), Some(Item::Vehicles));
        assert_eq!(item_of("会议费"), None);
        assert_eq!(item_of("“三公”经费支出合计"), Some(Item::Total));
    }
}
