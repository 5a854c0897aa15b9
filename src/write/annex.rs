//! 第五部分 附表: the thirteen tables of a [`Book`] as Word tables.
//!
//! Each table is first described as a [`Grid`] (column widths, header paths, body rows of
//! [`Cell`]s) and then turned into WordprocessingML by one generic writer. Header paths
//! such as `["公务用车购置及运行维护费", "小计", "预算数"]` become merged multi-row headers
//! (gridSpan across, vMerge down); header rows are marked `cantSplit` and `w:tblHeader` so
//! they repeat on every page. Amounts are right-aligned with thousands separators (万元).
//!
//! The table XML is written directly by [`write_table`] (docx-rs was the report's bottleneck
//! for these thousands of cells); the document builder leaves a marker paragraph where each
//! table goes and the package step swaps the XML in, as for charts.

use crate::model::*;
use crate::money::format_wan;
use rust_decimal::Decimal;

/// Usable width of a landscape A4 page in twips (16838 − 2 × 1440).
pub(crate) const LANDSCAPE_TEXT_WIDTH: usize = 13958;
/// Paragraph style of table text.
pub(crate) const TABLE_STYLE: &str = "TableText";

/// Horizontal alignment of a cell's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    /// Names, labels.
    Left,
    /// Codes, 行次, headers.
    Center,
    /// Amounts.
    Right,
}

/// One body cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cell {
    /// Text.
    pub text: String,
    /// Alignment.
    pub align: Align,
    /// Columns spanned.
    pub span: usize,
    /// Bold (合计 rows).
    pub bold: bool,
}

impl Cell {
    fn left(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), align: Align::Left, span: 1, bold: false }
    }
    fn center(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), align: Align::Center, span: 1, bold: false }
    }
    fn amount(v: Decimal) -> Cell {
        Cell { text: format_wan(v, true), align: Align::Right, span: 1, bold: false }
    }
    fn opt_amount(v: Option<&Amount>) -> Cell {
        v.map_or_else(|| Cell::center(""), |a| Cell::amount(a.value))
    }
    fn empty() -> Cell {
        Cell::center("")
    }
    fn span(mut self, n: usize) -> Cell {
        self.span = n;
        self
    }
    fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
}

/// A table before typesetting.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Grid {
    /// Column widths in twips (sum ≈ [`LANDSCAPE_TEXT_WIDTH`]).
    pub widths: Vec<usize>,
    /// One header path per column (top to bottom).
    pub headers: Vec<Vec<String>>,
    /// Body rows; spans add up to the column count.
    pub rows: Vec<Vec<Cell>>,
    /// A note printed under the table when it has no data.
    pub empty_note: Option<String>,
}

/// The grid of one of the thirteen tables, its column widths fitted to the header text
/// ([`fit_widths`]).
pub(crate) fn grid(book: &Book, id: TableId) -> Grid {
    let mut g = base_grid(book, id);
    fit_widths(&mut g, flexible_columns(id));
    g
}

/// The name columns of a table: they take the width the others leave (names wrap well).
fn flexible_columns(id: TableId) -> &'static [usize] {
    match id {
        TableId::T01 | TableId::T04 => &[0, 3],
        TableId::T08 => &[1, 4],
        TableId::T13 => &[],
        _ => &[1],
    }
}

/// Twips of one CJK character of table text (`TableText` is 10 pt).
pub(crate) const CHAR_TWIPS: usize = 200;
/// Twips of a cell besides its text: Word's default cell margins (2 × 108) and slack for
/// line-breaking rules.
pub(crate) const CELL_PAD_TWIPS: usize = 236;
/// Word's default left and right cell margins together (2 × 108 twips).
const WORD_CELL_MARGINS: usize = 216;
/// Narrowest name column, in characters.
const MIN_NAME_CHARS: usize = 6;

/// Text width in half-character units: CJK and full-width characters 2, others 1.
fn half_units(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Lines of `text` in a cell of `width` twips, and the characters on its last line
/// (counting every character as a full one, as header texts are CJK).
pub(crate) fn header_lines(text: &str, width: usize) -> (usize, usize) {
    let n = text.chars().count();
    let per_line = (width.saturating_sub(CELL_PAD_TWIPS) / CHAR_TWIPS).max(1);
    if n <= per_line {
        return (1, n);
    }
    let lines = n.div_ceil(per_line);
    (lines, n - (lines - 1) * per_line)
}

/// A header wraps leaving one character alone on its last line (`本年收入合/计`). As for body
/// text ([`body_orphaned`]), the width is tried with [`CELL_PAD_TWIPS`] and with Word's bare
/// cell margins (2 × 108): LibreOffice fits five characters into 1222 twips (`上缴上级支/出`),
/// where the padded count says four.
pub(crate) fn orphaned(text: &str, width: usize) -> bool {
    let (lines, last) = header_lines(text, width);
    // header_lines takes CELL_PAD_TWIPS off; 20 twips more width is the bare margins' count
    let (bare_lines, bare_last) = header_lines(text, width + (CELL_PAD_TWIPS - WORD_CELL_MARGINS));
    (lines > 1 && last == 1) || (bare_lines > 1 && bare_last == 1)
}

/// The narrowest width of at least `min` twips at which `text` has no orphaned character.
fn fit_up(text: &str, min: usize) -> usize {
    let mut w = min.max(CELL_PAD_TWIPS + CHAR_TWIPS);
    while orphaned(text, w) {
        w = ((w.saturating_sub(CELL_PAD_TWIPS) / CHAR_TWIPS) + 1) * CHAR_TWIPS + CELL_PAD_TWIPS;
    }
    w
}

/// The widest width of at most `max` twips at which `text` has no orphaned character (two
/// characters a line at the least).
fn fit_down(text: &str, max: usize) -> usize {
    let mut w = max;
    while orphaned(text, w) && w > CELL_PAD_TWIPS + 2 * CHAR_TWIPS {
        w = ((w - CELL_PAD_TWIPS) / CHAR_TWIPS - 1) * CHAR_TWIPS + CELL_PAD_TWIPS;
    }
    w
}

/// The header text a column has to itself (its deepest part).
fn leaf(g: &Grid, c: usize) -> &str {
    g.headers[c].last().map_or("", String::as_str)
}

/// The widest unspanned body text of column `c`, in twips with padding.
fn body_need(g: &Grid, c: usize) -> usize {
    let mut need = 0;
    for row in &g.rows {
        let mut col = 0;
        for cell in row {
            if col == c && cell.span == 1 {
                need = need.max(half_units(&cell.text) * CHAR_TWIPS / 2 + CELL_PAD_TWIPS);
            }
            col += cell.span;
        }
    }
    need
}

/// Column widths from the header texts (10 pt CJK characters) within the page width: every
/// column other than the name columns (`flexible`) gets the narrowest width that holds its
/// body text and leaves no header character alone on a line; the name columns then grow to
/// their preset widths, the other columns share what is left (each at a width without an
/// orphan, so headers take fewer lines), and the name columns take the remainder. With too many columns for that, the columns
/// share the page equally, each narrowed to a width without an orphaned header character.
/// Headers spanning several columns are checked and widened the same way. The widths always
/// add up to [`LANDSCAPE_TEXT_WIDTH`].
pub(crate) fn fit_widths(g: &mut Grid, flexible: &[usize]) {
    let n = g.widths.len();
    if n == 0 {
        return;
    }
    let flex: Vec<usize> = flexible.iter().copied().filter(|c| *c < n).collect();
    let fixed: Vec<usize> = (0..n).filter(|c| !flex.contains(c)).collect();
    let min_flex = MIN_NAME_CHARS * CHAR_TWIPS + CELL_PAD_TWIPS;
    let mut w: Vec<usize> = (0..n).map(|c| if flex.contains(&c) { min_flex } else { fit_up(leaf(g, c), body_need(g, c)) }).collect();
    let need: usize = w.iter().sum();
    if need > LANDSCAPE_TEXT_WIDTH && !fixed.is_empty() {
        let share = LANDSCAPE_TEXT_WIDTH.saturating_sub(flex.len() * min_flex) / fixed.len();
        for &c in &fixed {
            w[c] = fit_down(leaf(g, c), share);
        }
        for &c in &flex {
            w[c] = min_flex;
        }
    }
    let before = w.clone();
    widen_spanning_headers(g, &mut w, &flex);
    if w.iter().sum::<usize>() > LANDSCAPE_TEXT_WIDTH {
        w = before;
    }
    // Name columns up to their preset width first; then the other columns share what is left,
    // each kept at a width without an orphaned header character (fewer header lines).
    let preset: Vec<usize> = g.widths.clone();
    let mut rest = LANDSCAPE_TEXT_WIDTH.saturating_sub(w.iter().sum());
    for &c in &flex {
        let add = preset[c].saturating_sub(w[c]).min(rest);
        w[c] += add;
        rest -= add;
    }
    if !flex.is_empty() && !fixed.is_empty() && rest > 0 {
        let share = rest / fixed.len();
        for &c in &fixed {
            w[c] = fit_down(leaf(g, c), w[c] + share).max(w[c]);
        }
        let before = w.clone();
        widen_spanning_headers(g, &mut w, &flex);
        if w.iter().sum::<usize>() > LANDSCAPE_TEXT_WIDTH {
            w = before;
        }
    }
    let used: usize = w.iter().sum();
    let rest = LANDSCAPE_TEXT_WIDTH.saturating_sub(used);
    if flex.is_empty() {
        // No name column: the extra goes to the columns whose header stays on one line anyway.
        let roomy: Vec<usize> = (0..n).filter(|c| header_lines(leaf(g, *c), w[*c]).0 == 1).collect();
        let takers = if roomy.is_empty() { (0..n).collect() } else { roomy };
        spread(&mut w, &takers, rest, |_| 1);
    } else {
        spread(&mut w, &flex, rest, |c| preset[c].max(1));
    }
    avoid_body_orphans(g, &mut w, &flex, &fixed);
    g.widths = w;
}

/// Characters a line may not start with, and characters it may not end with (the CJK line
/// breaking rules Word and LibreOffice apply: a break before `）` moves back one character).
const NO_LINE_START: &[char] = &['）', ')', '，', '。', '、', '：', '；', '”', '’', '》', '】', '！', '？', '·'];
const NO_LINE_END: &[char] = &['（', '(', '“', '‘', '《', '【'];

/// The characters on each line of body text in `room` twips of text width (CJK and full-width
/// characters [`CHAR_TWIPS`], ASCII half), breaking between any two characters except where
/// [`NO_LINE_START`] / [`NO_LINE_END`] forbid it.
fn body_lines(text: &str, room: usize) -> Vec<usize> {
    let chars: Vec<char> = text.chars().collect();
    let width = |c: char| if c.is_ascii() { CHAR_TWIPS / 2 } else { CHAR_TWIPS };
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let (mut end, mut used) = (start, 0);
        while end < chars.len() && (end == start || used + width(chars[end]) <= room) {
            used += width(chars[end]);
            end += 1;
        }
        if end < chars.len() {
            let mut b = end;
            while b > start + 1 && (NO_LINE_START.contains(&chars[b]) || NO_LINE_END.contains(&chars[b - 1])) {
                b -= 1;
            }
            end = b;
        }
        lines.push(end - start);
        start = end;
    }
    lines
}

/// A body text that wraps leaving one character alone on its last line (`…事务支` / `出`) in a
/// cell `width` twips wide. Both Word's cell margins (2 × 108) and the header rule's slack
/// ([`CELL_PAD_TWIPS`]) are tried, so a width at the edge of a line count counts as orphaned.
pub(crate) fn body_orphaned(text: &str, width: usize) -> bool {
    [WORD_CELL_MARGINS, CELL_PAD_TWIPS].iter().any(|pad| {
        let lines = body_lines(text, width.saturating_sub(*pad).max(CHAR_TWIPS));
        lines.len() > 1 && lines.last() == Some(&1)
    })
}

/// Whether a body cell of column `c` (unspanned) would leave an orphaned character at `width`.
fn column_orphaned(g: &Grid, c: usize, width: usize) -> bool {
    g.rows.iter().any(|row| {
        let mut col = 0;
        row.iter().any(|cell| {
            let hit = col == c && cell.span == 1 && body_orphaned(&cell.text, width);
            col += cell.span;
            hit
        })
    })
}

/// Whether some header cell (leaf or spanning group) leaves one character alone at widths `w`.
fn any_header_orphan(g: &Grid, w: &[usize]) -> bool {
    header_cells_of(&g.headers, w).into_iter().flatten().any(|c| !c.text.is_empty() && orphaned(&c.text, c.width))
}

/// Name columns whose body text would wrap leaving one character alone (`…事务支/出`) are made
/// a little narrower or wider — half a character at a time, up to six characters, the nearest
/// first. Width given up goes to one other column (the other name column first, then the others
/// from the widest); width taken comes from the other columns in turn, 10 twips at a time, each
/// keeping room for its figures. A move is taken only when no body name of the columns involved
/// is then orphaned and no header leaves a character alone. The widths keep their sum.
fn avoid_body_orphans(g: &Grid, w: &mut [usize], flex: &[usize], fixed: &[usize]) {
    let min_flex = MIN_NAME_CHARS * CHAR_TWIPS + CELL_PAD_TWIPS;
    for &c in flex {
        if !column_orphaned(g, c, w[c]) {
            continue;
        }
        let mut others: Vec<usize> = flex.iter().copied().filter(|k| *k != c).collect();
        let mut rest: Vec<usize> = fixed.to_vec();
        rest.sort_by_key(|k| (std::cmp::Reverse(w[*k]), *k));
        others.extend(rest);
        // the narrowest width a column may be given (a name column's names stay unorphaned)
        let fits = |k: usize, width: usize| {
            if flex.contains(&k) {
                width >= min_flex && !column_orphaned(g, k, width)
            } else {
                width >= body_need(g, k) && !orphaned(leaf(g, k), width)
            }
        };
        let found = (1..=12i64).flat_map(|step| [-step, step]).find_map(|step| {
            let new_c = usize::try_from(w[c] as i64 + step * (CHAR_TWIPS as i64 / 2)).ok().filter(|n| *n >= min_flex)?;
            if column_orphaned(g, c, new_c) {
                return None;
            }
            let mut probe = w.to_vec();
            probe[c] = new_c;
            if new_c < w[c] {
                let give = w[c] - new_c;
                let k = others.iter().copied().find(|&k| fits(k, w[k] + give) && { let mut p = probe.clone(); p[k] += give; !any_header_orphan(g, &p) })?;
                probe[k] += give;
            } else {
                let mut need = new_c - w[c];
                while need > 0 {
                    let before = need;
                    for &k in &others {
                        if need > 0 && probe[k] >= 10 && fits(k, probe[k] - 10) {
                            probe[k] -= 10;
                            need -= 10.min(need);
                        }
                    }
                    if need == before {
                        return None;
                    }
                }
                let sum: usize = probe.iter().sum();
                let target: usize = w.iter().sum();
                // 10-twip steps may take a little too much: the excess goes back to the last donor
                if sum < target {
                    let k = *others.iter().rev().find(|k| probe[**k] < w[**k])?;
                    probe[k] += target - sum;
                }
            }
            (!any_header_orphan(g, &probe)).then_some(probe)
        });
        if let Some(probe) = found {
            w.copy_from_slice(&probe);
        }
    }
}

/// Adds `rest` twips to the columns `to`, in proportion to `weight`, the rounding remainder
/// to the last.
fn spread(w: &mut [usize], to: &[usize], rest: usize, weight: impl Fn(usize) -> usize) {
    let total: usize = to.iter().map(|c| weight(*c)).sum();
    if to.is_empty() || total == 0 {
        return;
    }
    let mut given = 0;
    for (i, &c) in to.iter().enumerate() {
        let add = if i + 1 == to.len() { rest - given } else { rest * weight(c) / total };
        w[c] += add;
        given += add;
    }
}

/// A header spanning several columns whose text would leave one character alone gets the
/// missing width on its last column that is not a name column.
fn widen_spanning_headers(g: &Grid, w: &mut [usize], flex: &[usize]) {
    let mut probe = g.clone();
    probe.widths = w.to_vec();
    for row in header_cells(&probe) {
        let mut col = 0;
        for cell in row {
            let cols = col..col + cell.span;
            col += cell.span;
            if cell.span < 2 || cell.text.is_empty() {
                continue;
            }
            let width: usize = w[cols.clone()].iter().sum();
            let target = fit_up(&cell.text, width);
            if let Some(c) = cols.clone().rev().find(|c| !flex.contains(c)) {
                w[c] += target - width;
            }
        }
    }
}

fn base_grid(book: &Book, id: TableId) -> Grid {
    match id {
        TableId::T01 => t01(&book.t01),
        TableId::T04 => t04(&book.t04),
        TableId::T08 => t08(&book.t08),
        TableId::T13 => t13(&book.t13),
        TableId::T02 => subject_or_empty(book, id, book.t02.as_ref()),
        TableId::T03 => subject_or_empty(book, id, Some(&book.t03)),
        TableId::T06 => subject_or_empty(book, id, Some(&book.t06)),
        TableId::T10 => subject_or_empty(book, id, book.t10.as_ref()),
        TableId::T11 => subject_or_empty(book, id, book.t11.as_ref()),
        TableId::T12 => subject_or_empty(book, id, book.t12.as_ref()),
        TableId::T05 => matrix_or_empty(book, id, book.t05.as_ref()),
        TableId::T07 => matrix_or_empty(book, id, book.t07.as_ref()),
        TableId::T09 => matrix_or_empty(book, id, book.t09.as_ref()),
    }
}

/// Chinese numeral for 1..=99 (一, 十, 十一, 二十三 …).
pub(crate) fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n].into(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// Splits `total` twips into fixed columns plus equal shares for the rest.
fn widths(fixed: &[usize], rest: usize) -> Vec<usize> {
    let used: usize = fixed.iter().sum();
    let share = LANDSCAPE_TEXT_WIDTH.saturating_sub(used).checked_div(rest).unwrap_or(0);
    fixed.iter().copied().chain(std::iter::repeat_n(share, rest)).collect()
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

// ───────────────────────── 01 ─────────────────────────

fn t01(t: &IncomeExpenditureSummary) -> Grid {
    let headers = vec![
        path(&["收入", "项目"]), path(&["收入", "行次"]), path(&["收入", "金额"]),
        path(&["支出", "项目"]), path(&["支出", "行次"]), path(&["支出", "金额"]),
    ];
    let left: Vec<(String, Option<Decimal>)> = t
        .income
        .iter()
        .map(|l| {
            let n = IncomeSource::ALL.iter().position(|s| *s == l.source).unwrap_or(0) + 1;
            (format!("{}、{}", cn_number(n), l.source.label()), Some(l.amount.value))
        })
        .collect();
    let right: Vec<(String, Option<Decimal>)> = t
        .expenditure_classes
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{}、{}", cn_number(i + 1), c.name), Some(c.amount.value)))
        .collect();
    let v = |a: &Option<Amount>| a.as_ref().map(|a| a.value);
    let bottom = [
        (("本年收入合计", Some(t.income_total.value)), ("本年支出合计", Some(t.expenditure_total.value))),
        (("使用非财政拨款结余", v(&t.use_of_non_fiscal_balance)), ("结余分配", v(&t.surplus_distribution))),
        (("年初结转和结余", v(&t.begin_balance)), ("年末结转和结余", v(&t.end_balance))),
        (("总计", Some(t.income_grand_total.value)), ("总计", Some(t.expenditure_grand_total.value))),
    ];
    Grid { widths: vec![4100, 700, 2179, 4100, 700, 2179], headers, rows: two_sided(&left, &right, &bottom), empty_note: None }
}

/// Rows of a two-sided table (01): left and right lists side by side, then the bottom lines.
/// A labelled line of one side: label and amount (blank when absent).
type Line<'a> = (&'a str, Option<Decimal>);

fn two_sided(left: &[(String, Option<Decimal>)], right: &[(String, Option<Decimal>)], bottom: &[(Line<'_>, Line<'_>)]) -> Vec<Vec<Cell>> {
    let n = left.len().max(right.len());
    let total_left = n + bottom.len();
    let mut rows = Vec::with_capacity(total_left);
    let side = |item: Option<&(String, Option<Decimal>)>, no: usize| -> [Cell; 3] {
        match item {
            Some((label, v)) => [Cell::left(label.clone()), Cell::center(no.to_string()), v.map_or_else(Cell::empty, Cell::amount)],
            None => [Cell::empty(), Cell::center(no.to_string()), Cell::empty()],
        }
    };
    for i in 0..n {
        let mut row = side(left.get(i), i + 1).to_vec();
        row.extend(side(right.get(i), total_left + i + 1));
        rows.push(row);
    }
    for (j, ((ll, lv), (rl, rv))) in bottom.iter().enumerate() {
        let mut row = side(Some(&(ll.to_string(), *lv)), n + j + 1).to_vec();
        row.extend(side(Some(&(rl.to_string(), *rv)), total_left + n + j + 1));
        row[0] = Cell::center(*ll).bold();
        row[3] = Cell::center(*rl).bold();
        rows.push(row);
    }
    rows
}

// ───────────────────────── 04 ─────────────────────────

fn t04(t: &FiscalSummary) -> Grid {
    let headers = vec![
        path(&["收入", "项目"]), path(&["收入", "行次"]), path(&["收入", "金额"]),
        path(&["支出", "项目"]), path(&["支出", "行次"]), path(&["支出", "合计"]),
        path(&["支出", "一般公共预算财政拨款"]), path(&["支出", "政府性基金预算财政拨款"]),
        path(&["支出", "国有资本经营预算财政拨款"]),
    ];
    let mut left: Vec<(String, Option<Decimal>, bool)> = t
        .income
        .iter()
        .map(|l| (format!("{}、{}", cn_number(fund_no(l.fund)), l.fund.label()), Some(l.amount.value), false))
        .collect();
    let mut right: Vec<(String, Option<&FundAmounts>, bool)> = t
        .expenditure_classes
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{}、{}", cn_number(i + 1), c.name), Some(&c.amounts), false))
        .collect();
    let n = left.len().max(right.len());
    left.resize(n, (String::new(), None, false));
    right.resize(n, (String::new(), None, false));
    left.push(("本年收入合计".into(), Some(t.income_total.value), true));
    right.push(("本年支出合计".into(), Some(&t.expenditure_total), true));
    left.push(("年初财政拨款结转和结余".into(), t.begin_balance.as_ref().map(|a| a.value), true));
    right.push(("年末财政拨款结转和结余".into(), t.end_balance.as_ref(), true));
    let subs = t.begin_by_fund.len().max(t.end_by_fund.len());
    for i in 0..subs {
        let sub = |l: Option<&FundLine>| l.map(|l| (format!("  {}、{}", cn_number(fund_no(l.fund)), l.fund.label()), l.amount.value));
        let (ll, lv) = sub(t.begin_by_fund.get(i)).map_or((String::new(), None), |(s, v)| (s, Some(v)));
        left.push((ll, lv, false));
        right.push((sub(t.end_by_fund.get(i)).map_or(String::new(), |(s, _)| s), None, false));
    }
    left.push(("总计".into(), Some(t.income_grand_total.value), true));
    right.push(("总计".into(), Some(&t.expenditure_grand_total), true));
    let end_sub: Vec<Option<Decimal>> = (0..right.len())
        .map(|i| {
            let k = i.checked_sub(n + 2)?;
            (k < subs).then(|| t.end_by_fund.get(k).map(|l| l.amount.value)).flatten()
        })
        .collect();
    let total = left.len();
    let rows = left
        .iter()
        .zip(&right)
        .enumerate()
        .map(|(i, (l, r))| t04_row(i, total, l, r, end_sub[i]))
        .collect();
    Grid { widths: vec![3300, 600, 1300, 3300, 600, 1250, 1250, 1250, 1108], headers, rows, empty_note: None }
}

fn fund_no(f: Fund) -> usize {
    Fund::ALL.iter().position(|x| *x == f).unwrap_or(0) + 1
}

fn t04_row(
    i: usize,
    total: usize,
    l: &(String, Option<Decimal>, bool),
    r: &(String, Option<&FundAmounts>, bool),
    end_sub: Option<Decimal>,
) -> Vec<Cell> {
    let label = |s: &str, bold: bool| if bold { Cell::center(s).bold() } else { Cell::left(s) };
    let mut row = vec![label(&l.0, l.2), Cell::center((i + 1).to_string()), l.1.map_or_else(Cell::empty, Cell::amount)];
    row.push(label(&r.0, r.2));
    row.push(Cell::center((total + i + 1).to_string()));
    match r.1 {
        Some(fa) => {
            row.push(Cell::amount(fa.total.value));
            row.push(Cell::opt_amount(fa.general.as_ref()));
            row.push(Cell::opt_amount(fa.gov_fund.as_ref()));
            row.push(Cell::opt_amount(fa.state_capital.as_ref()));
        }
        None => {
            row.push(end_sub.map_or_else(Cell::empty, Cell::amount));
            row.extend([Cell::empty(), Cell::empty(), Cell::empty()]);
        }
    }
    row
}

// ───────────────────────── subject tables ─────────────────────────

/// Columns a subject table has when it is absent from the input.
fn default_columns(id: TableId) -> Vec<Col> {
    match id {
        TableId::T02 => vec![
            Col::IncomeTotal, Col::FiscalGrant, Col::SuperiorSubsidy, Col::BusinessIncome, Col::OperatingIncome,
            Col::AffiliatedIncome, Col::OtherIncome,
        ],
        TableId::T10 | TableId::T11 => vec![
            Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::Basic, Col::Project, Col::EndBalance,
        ],
        _ => vec![Col::ExpenditureTotal, Col::Basic, Col::Project],
    }
}

/// The header path of a subject-table column (10/11 group 本年支出 over 小计/基本/项目).
fn subject_header(id: TableId, col: Col) -> Vec<String> {
    let grouped = matches!(id, TableId::T10 | TableId::T11);
    match (grouped, col) {
        (true, Col::ExpenditureTotal) => path(&["本年支出", "小计"]),
        (true, Col::Basic | Col::Project) => path(&["本年支出", col.label()]),
        _ => path(&[col.label()]),
    }
}

/// What an empty table's note says is missing.
fn empty_subject(id: TableId) -> &'static str {
    match id {
        TableId::T10 => "政府性基金预算财政拨款收入、支出",
        TableId::T11 => "国有资本经营预算财政拨款收入、支出",
        TableId::T12 => "国有资本经营预算财政拨款支出",
        _ => "相关数据",
    }
}

fn empty_note(book: &Book, id: TableId) -> String {
    format!("说明：{}{}年度没有{}，故本表无数据。", book.meta.department, book.meta.year, empty_subject(id))
}

fn subject_or_empty(book: &Book, id: TableId, t: Option<&SubjectTable>) -> Grid {
    let columns = t.map_or_else(|| default_columns(id), |t| t.columns.clone());
    let mut headers = vec![path(&["科目编码"]), path(&["科目名称"])];
    headers.extend(columns.iter().map(|c| subject_header(id, *c)));
    let widths = widths(&[1300, 3600], columns.len());
    let has_data = t.is_some_and(|t| !t.rows.is_empty() || t.total.iter().any(|a| !a.value.is_zero()));
    let rows = match t {
        Some(t) if has_data => subject_rows(t),
        _ => vec![total_row(&vec![Decimal::ZERO; columns.len()])],
    };
    Grid { widths, headers, rows, empty_note: (!has_data).then(|| empty_note(book, id)) }
}

/// The 合计 row: label across code and name, amounts bold.
fn total_row(values: &[Decimal]) -> Vec<Cell> {
    let mut row = vec![Cell::center("合计").span(2).bold()];
    row.extend(values.iter().map(|v| Cell::amount(*v).bold()));
    row
}

fn subject_rows(t: &SubjectTable) -> Vec<Vec<Cell>> {
    let totals: Vec<Decimal> = t.total.iter().map(|a| a.value).collect();
    let mut rows = vec![total_row(&totals)];
    for r in &t.rows {
        let mut row = vec![Cell::center(r.code.as_str()), Cell::left(indent_name(&r.name, r.code.as_str().len()))];
        row.extend(r.values.iter().map(|a| Cell::amount(a.value)));
        row.resize(t.columns.len() + 2, Cell::empty());
        rows.push(row);
    }
    rows
}

/// Names of 款/项 are indented one/two full-width spaces, as the exports print them.
fn indent_name(name: &str, code_len: usize) -> String {
    let depth = match code_len {
        5 => 1,
        7 => 2,
        _ => 0,
    };
    format!("{}{}", "\u{3000}".repeat(depth), name)
}

// ───────────────────────── matrix tables ─────────────────────────

fn matrix_or_empty(book: &Book, id: TableId, t: Option<&MatrixTable>) -> Grid {
    let columns: Vec<String> = t.map_or_else(|| vec!["合计".into(), "基本支出".into(), "项目支出".into()], |t| t.columns.clone());
    let lead = match t.map(|t| t.layout) {
        Some(MatrixLayout::EconomicRows) => ["经济分类科目编码", "科目名称"],
        _ => ["科目编码", "科目名称"],
    };
    let mut headers = vec![path(&[lead[0]]), path(&[lead[1]])];
    headers.extend(columns.iter().map(|c| c.split('/').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()));
    let fixed = if columns.len() > 8 { [1000, 2400] } else { [1300, 3600] };
    let has_data = t.is_some_and(|t| !t.rows.is_empty() || t.total.iter().any(|a| !a.value.is_zero()));
    let rows = match t {
        Some(t) if has_data => matrix_rows(t),
        _ => vec![total_row(&vec![Decimal::ZERO; columns.len()])],
    };
    Grid { widths: widths(&fixed, columns.len()), headers, rows, empty_note: (!has_data).then(|| empty_note(book, id)) }
}

fn matrix_rows(t: &MatrixTable) -> Vec<Vec<Cell>> {
    let totals: Vec<Decimal> = t.total.iter().map(|a| a.value).collect();
    let mut rows = vec![total_row(&totals)];
    for r in &t.rows {
        let mut row = vec![Cell::center(r.code.as_str()), Cell::left(indent_name(&r.name, r.code.len()))];
        row.extend(r.values.iter().map(|a| Cell::amount(a.value)));
        row.resize(t.columns.len() + 2, Cell::empty());
        rows.push(row);
    }
    rows
}

// ───────────────────────── 08 ─────────────────────────

fn t08(t: &BasicExpenditure) -> Grid {
    let headers = vec![
        path(&["人员经费", "科目编码"]), path(&["人员经费", "科目名称"]), path(&["人员经费", "决算数"]),
        path(&["公用经费", "科目编码"]), path(&["公用经费", "科目名称"]), path(&["公用经费", "决算数"]),
    ];
    let n = t.personnel.len().max(t.public.len());
    let side = |r: Option<&EconRow>| -> [Cell; 3] {
        match r {
            Some(r) => [
                Cell::center(r.code.as_str()),
                Cell::left(if r.code.is_lei() { r.name.clone() } else { format!("\u{3000}{}", r.name) }),
                Cell::amount(r.amount.value),
            ],
            None => [Cell::empty(), Cell::empty(), Cell::empty()],
        }
    };
    let mut rows: Vec<Vec<Cell>> = (0..n)
        .map(|i| {
            let mut row = side(t.personnel.get(i)).to_vec();
            row.extend(side(t.public.get(i)));
            row
        })
        .collect();
    rows.push(vec![
        Cell::center("人员经费合计").span(2).bold(),
        Cell::amount(t.personnel_total.value).bold(),
        Cell::center("公用经费合计").span(2).bold(),
        Cell::amount(t.public_total.value).bold(),
    ]);
    Grid { widths: vec![1100, 4079, 1800, 1100, 4079, 1800], headers, rows, empty_note: None }
}

// ───────────────────────── 13 ─────────────────────────

fn t13(t: &ThreePublic) -> Grid {
    let groups: [&[&str]; 6] = [
        &["合计"],
        &["因公出国（境）费"],
        &["公务用车购置及运行维护费", "小计"],
        &["公务用车购置及运行维护费", "公务用车购置费"],
        &["公务用车购置及运行维护费", "公务用车运行维护费"],
        &["公务接待费"],
    ];
    let mut headers = Vec::new();
    for g in groups {
        for leaf in ["预算数", "决算数"] {
            let mut p = path(g);
            p.push(leaf.into());
            headers.push(p);
        }
    }
    let pick = |a: &ThreePublicAmounts| {
        [&a.total, &a.overseas, &a.vehicles, &a.vehicle_purchase, &a.vehicle_operation, &a.reception].map(|x| x.value)
    };
    let (b, d) = (pick(&t.budget), pick(&t.actual));
    let row = (0..6).flat_map(|i| [Cell::amount(b[i]), Cell::amount(d[i])]).collect();
    Grid { widths: widths(&[], 12), headers, rows: vec![row], empty_note: None }
}

// ───────────────────────── typesetting ─────────────────────────

/// One header slot: which part of the column's path it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Slot {
    /// Path prefix up to and including the shown part (identity for horizontal merging).
    key: Vec<String>,
    /// Index of the shown part.
    part: usize,
}

/// The header slot of column path `p` at header row `r` of `depth` rows.
fn slot(p: &[String], r: usize, depth: usize) -> Slot {
    let len = p.len().max(1);
    let part = if r + 1 == depth {
        len - 1
    } else if r + 1 < len {
        r
    } else {
        len.saturating_sub(2)
    };
    let part = part.min(p.len().saturating_sub(1));
    Slot { key: p.iter().take(part + 1).cloned().collect(), part }
}

/// One typeset header cell: text, width, columns spanned, vertical merge.
#[derive(Clone, Debug, PartialEq, Eq)]
struct HeaderCell {
    text: String,
    width: usize,
    span: usize,
    merge: Option<VMerge>,
}

/// Vertical merge of a header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VMerge {
    Restart,
    Continue,
}

/// Header rows: gridSpan for equal neighbouring slots, vMerge for a slot repeated downwards.
fn header_cells(g: &Grid) -> Vec<Vec<HeaderCell>> {
    header_cells_of(&g.headers, &g.widths)
}

/// [`header_cells`] of column paths `headers` at `widths`.
fn header_cells_of(headers: &[Vec<String>], widths: &[usize]) -> Vec<Vec<HeaderCell>> {
    let depth = headers.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let slots: Vec<Vec<Slot>> = (0..depth).map(|r| headers.iter().map(|p| slot(p, r, depth)).collect()).collect();
    (0..depth)
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < headers.len() {
                let mut span = 1;
                while c + span < headers.len() && slots[r][c + span] == slots[r][c] {
                    span += 1;
                }
                let width: usize = widths[c..c + span].iter().sum();
                let cont = r > 0 && slots[r - 1][c] == slots[r][c];
                let starts = r + 1 < depth && slots[r + 1][c] == slots[r][c];
                let text = if cont { String::new() } else { slots[r][c].key.last().cloned().unwrap_or_default() };
                let merge = if cont {
                    Some(VMerge::Continue)
                } else if starts {
                    Some(VMerge::Restart)
                } else {
                    None
                };
                cells.push(HeaderCell { text, width, span, merge });
                c += span;
            }
            cells
        })
        .collect()
}

// ───────────────────────── WordprocessingML ─────────────────────────
//
// The 附表 are written as `w:tbl` XML directly: docx-rs spends most of the report's time
// building thousands of small cells. The bytes are those docx-rs 0.4.22 produced for the
// same table after the package patches (no `w14:paraId`, `w:tblHeader` after `w:cantSplit`,
// no `w:type` on `w:gridCol`) and one schema fix: the cell paragraphs' `w:pPr` has no empty
// leading `<w:rPr />` (ECMA-376 puts `w:rPr` after `w:jc` in CT_PPr). A unit test checks
// this against docx-rs.

/// Appends `text` to `out` escaped as docx-rs escapes run text (`&<>"'`; CR and LF dropped).
/// Characters XML forbids are dropped as a backstop (the reader already removes them).
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    push_xml(out, text, true);
}

/// The one XML text escaper of the DOCX parts: `&<>"'` as entities, characters XML forbids
/// dropped, and CR/LF dropped when `drop_breaks` (run text) or kept (chart parts).
pub(crate) fn push_xml(out: &mut String, text: &str, drop_breaks: bool) {
    let cleaned: String;
    let text = if text.chars().any(crate::model::is_xml_forbidden) {
        cleaned = text.chars().filter(|&c| !crate::model::is_xml_forbidden(c)).collect();
        &cleaned
    } else {
        text
    };
    let mut rest = text;
    let special: &[char] = if drop_breaks { &['&', '<', '>', '"', '\'', '\n', '\r'] } else { &['&', '<', '>', '"', '\''] };
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'"' => out.push_str("&quot;"),
            b'\'' => out.push_str("&apos;"),
            _ => {}
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends a decimal number.
/// `<w:tbl>` with its properties (fixed layout, single black borders of `border` eighths of a
/// point, aligned `jc`) and its `w:tblGrid`: the start every table of the report shares.
pub(crate) fn push_table_start(out: &mut String, widths: &[usize], border: u8, jc: &str) {
    use std::fmt::Write as _;
    let _ = write!(out, r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa" /><w:jc w:val="{jc}" /><w:tblBorders>"#, widths.iter().sum::<usize>());
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(out, r#"<w:{side} w:val="single" w:sz="{border}" w:space="0" w:color="000000" />"#);
    }
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed" /></w:tblPr><w:tblGrid>"#);
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}" />"#);
    }
    out.push_str("</w:tblGrid>");
}

pub(crate) fn push_num(out: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// `<w:tc>`: properties, then one `TableText` paragraph with one run. The paragraph's
/// `w:pPr` holds `w:pStyle` then `w:jc` (CT_PPr order); docx-rs's empty leading `<w:rPr />`
/// is left out, since `w:rPr` may only come near the end of `w:pPr`.
fn write_cell(out: &mut String, text: &str, width: usize, span: usize, merge: Option<VMerge>, align: Align, bold: bool) {
    out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
    push_num(out, width);
    out.push_str(r#"" w:type="dxa" />"#);
    if span > 1 {
        out.push_str(r#"<w:gridSpan w:val=""#);
        push_num(out, span);
        out.push_str(r#"" />"#);
    }
    match merge {
        Some(VMerge::Restart) => out.push_str(r#"<w:vMerge w:val="restart" />"#),
        Some(VMerge::Continue) => out.push_str(r#"<w:vMerge w:val="continue" />"#),
        None => {}
    }
    out.push_str(r#"<w:vAlign w:val="center" /></w:tcPr><w:p><w:pPr><w:pStyle w:val=""#);
    out.push_str(TABLE_STYLE);
    out.push_str(match align {
        Align::Left => r#"" /><w:jc w:val="left" /></w:pPr><w:r>"#,
        Align::Center => r#"" /><w:jc w:val="center" /></w:pPr><w:r>"#,
        Align::Right => r#"" /><w:jc w:val="right" /></w:pPr><w:r>"#,
    });
    out.push_str(if bold { "<w:rPr><w:b /><w:bCs /></w:rPr>" } else { "<w:rPr />" });
    out.push_str(r#"<w:t xml:space="preserve">"#);
    push_escaped(out, text);
    out.push_str("</w:t></w:r></w:p></w:tc>");
}

/// Appends the `w:tbl` element of a grid: fixed layout, single borders, the header rows
/// repeated on every page (`w:tblHeader`), amounts right-aligned.
pub(crate) fn write_table(out: &mut String, g: &Grid) {
    push_table_start(out, &g.widths, 2, "left");
    for row in header_cells(g) {
        out.push_str("<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
        for c in &row {
            write_cell(out, &c.text, c.width, c.span, c.merge, Align::Center, true);
        }
        out.push_str("</w:tr>");
    }
    for cells in &g.rows {
        out.push_str("<w:tr><w:trPr />");
        let mut col = 0;
        for cell in cells {
            let end = (col + cell.span).min(g.widths.len());
            let width: usize = g.widths[col.min(end)..end].iter().sum();
            write_cell(out, &cell.text, width, cell.span, None, cell.align, cell.bold);
            col = end;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// The `w:tbl` XML of a grid (see [`write_table`]).
pub(crate) fn table_xml(g: &Grid) -> String {
    let cells: usize = g.rows.iter().map(Vec::len).sum::<usize>() + g.headers.len() * 2;
    let mut out = String::with_capacity(1024 + cells * 260);
    write_table(&mut out, g);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::sample_book;

    fn spans(g: &Grid) -> Vec<usize> {
        g.rows.iter().map(|r| r.iter().map(|c| c.span).sum()).collect()
    }

    #[test]
    fn every_row_fills_the_grid() {
        let book = sample_book();
        for id in TableId::ALL {
            let g = grid(&book, id);
            assert_eq!(g.widths.len(), g.headers.len(), "{id}");
            assert!(spans(&g).iter().all(|n| *n == g.headers.len()), "{id}: {:?}", spans(&g));
            let total: usize = g.widths.iter().sum();
            assert!(total <= LANDSCAPE_TEXT_WIDTH && total + 20 >= LANDSCAPE_TEXT_WIDTH - 20, "{id}: {total}");
        }
    }

    #[test]
    fn header_lines_and_orphans() {
        let w = |chars: usize| chars * CHAR_TWIPS + CELL_PAD_TWIPS;
        assert_eq!(header_lines("本年收入合计", w(6)), (1, 6));
        assert_eq!(header_lines("本年收入合计", w(5)), (2, 1));
        assert!(orphaned("本年收入合计", w(5)) && orphaned("财政拨款收入", w(5)));
        assert!(!orphaned("本年收入合计", w(4)) && !orphaned("本年收入合计", w(3)));
        assert_eq!(fit_up("本年收入合计", w(5)), w(6));
        assert_eq!(fit_down("本年收入合计", w(5)), w(4));
        assert_eq!(fit_up("行次", 0), w(2));
    }

    /// Every header cell of `g` (leaves and spanning groups) at its final width.
    fn orphans(g: &Grid) -> Vec<String> {
        header_cells(g).into_iter().flatten().filter(|c| orphaned(&c.text, c.width)).map(|c| format!("{}@{}", c.text, c.width)).collect()
    }

    #[test]
    fn no_header_leaves_one_character_on_a_line() {
        let mut books = vec![sample_book()];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for name in ["01_区委办公室.xlsx", "02_市委办公厅.xlsx", "03_农业技术服务中心"] {
            books.push(crate::read::read_book(&root.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")));
        }
        for book in &books {
            for id in TableId::ALL {
                let g = grid(book, id);
                assert!(orphans(&g).is_empty(), "{id}: {:?} widths {:?}", orphans(&g), g.widths);
                assert_eq!(g.widths.iter().sum::<usize>(), LANDSCAPE_TEXT_WIDTH, "{id}");
            }
        }
    }

    #[test]
    fn body_lines_break_as_cjk_text_does() {
        let room = |chars: usize| chars * CHAR_TWIPS;
        let name = "\u{3000}\u{3000}其他党委办公厅（室）及相关机构事务支出";
        assert_eq!(name.chars().count(), 21);
        assert_eq!(body_lines(name, room(10)), [9, 10, 2]); // a line never ends with （
        assert_eq!(body_lines(name, room(20)), [20, 1]);
        assert_eq!(body_lines(name, room(21)), [21]);
        // a line neither starts with ） nor ends with （: 室） may not be split, nor （室
        assert_eq!(body_lines("党委办公厅（室）及相关机构事务", room(7)), [5, 7, 3]);
        assert_eq!(body_lines("ab一二", room(2)), [3, 1]);
        assert!(body_orphaned(name, 20 * CHAR_TWIPS + 216));
        assert!(!body_orphaned(name, 21 * CHAR_TWIPS + CELL_PAD_TWIPS));
        assert!(!body_orphaned(name, 19 * CHAR_TWIPS + CELL_PAD_TWIPS));
    }

    /// Body name cells (the name columns) of every table of the testkit book and the bundled
    /// samples wrap without leaving one character alone on their last line (`…事务支` / `出`).
    #[test]
    fn no_body_name_leaves_one_character_on_a_line() {
        let mut books = vec![sample_book()];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for name in ["01_区委办公室.xlsx", "02_市委办公厅.xlsx", "03_农业技术服务中心", "03_农业技术服务中心_上年"] {
            books.push(crate::read::read_book(&root.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")));
        }
        for book in &books {
            for id in TableId::ALL {
                let g = grid(book, id);
                for &c in flexible_columns(id) {
                    let at_column = |r: &Vec<Cell>| r.iter().scan(0, |col, cell| { let start = *col; *col += cell.span; Some((start, cell)) }).find(|(start, _)| *start == c).map(|(_, cell)| cell.clone());
                    let bad: Vec<String> = g.rows.iter().filter_map(at_column).filter(|cell| cell.span == 1 && body_orphaned(&cell.text, g.widths[c])).map(|cell| cell.text).collect();
                    let names: Vec<String> = g.rows.iter().filter_map(at_column).map(|c| c.text).collect();
                    assert!(bad.is_empty(), "{} {id} column {c} at {}: {bad:?} (widths {:?}) {names:?}", book.meta.department, g.widths[c], g.widths);
                    assert!(!column_orphaned(&g, c, g.widths[c]));
                }
                assert!(orphans(&g).is_empty(), "{id}: {:?}", orphans(&g));
                assert_eq!(g.widths.iter().sum::<usize>(), LANDSCAPE_TEXT_WIDTH, "{id}");
            }
        }
    }

    #[test]
    fn widths_follow_the_header_text() {
        let book = sample_book();
        let g = grid(&book, TableId::T01);
        // 行次 stays narrow, 金额 holds its figures, the 项目 columns take the rest.
        assert!(g.widths[1] < g.widths[2] && g.widths[2] < g.widths[0], "{:?}", g.widths);
        let g = grid(&book, TableId::T03);
        let long = g.headers.iter().position(|h| h.last().is_some_and(|t| t.chars().count() >= 6));
        if let Some(c) = long {
            assert!(!orphaned(leaf(&g, c), g.widths[c]));
        }
        // Too many columns for their natural widths: equal shares, still no orphan.
        let mut wide = Grid { widths: vec![1000; 16], headers: (0..16).map(|_| path(&["本年收入合计"])).collect(), rows: vec![], empty_note: None };
        fit_widths(&mut wide, &[]);
        assert_eq!(wide.widths.iter().sum::<usize>(), LANDSCAPE_TEXT_WIDTH);
        assert!(orphans(&wide).is_empty(), "{:?}", wide.widths);
    }

    #[test]
    fn absent_tables_have_a_note() {
        let book = sample_book();
        assert!(grid(&book, TableId::T11).empty_note.unwrap().contains("国有资本经营预算财政拨款收入、支出"));
        assert!(grid(&book, TableId::T10).empty_note.is_some());
        assert!(grid(&book, TableId::T03).empty_note.is_none());
    }

    #[test]
    fn amounts_are_formatted_with_separators() {
        let book = sample_book();
        let g = grid(&book, TableId::T03);
        assert_eq!(g.rows[0][1].text, "889.16");
        assert_eq!(g.rows[0][1].align, Align::Right);
        assert_eq!(g.rows[0][0].text, "合计");
    }

    #[test]
    fn header_slots_merge() {
        let p = path(&["公务用车购置及运行维护费", "小计", "预算数"]);
        assert_eq!(slot(&p, 0, 3).key, path(&["公务用车购置及运行维护费"]));
        assert_eq!(slot(&p, 2, 3).part, 2);
        let single = path(&["合计", "预算数"]);
        assert_eq!(slot(&single, 0, 3), slot(&single, 1, 3));
        assert_eq!(slot(&single, 2, 3).part, 1);
        let code = path(&["科目编码"]);
        assert_eq!(slot(&code, 0, 2), slot(&code, 1, 2));
    }

    /// The docx-rs table the 附表 were built with before [`write_table`] (the reference).
    fn docx_rs_table(g: &Grid) -> docx_rs::Table {
        use docx_rs::{AlignmentType, Paragraph, Run, Table, TableCell, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType};
        let cell = |text: &str, width: usize, span: usize, merge: Option<VMerge>, align: Align, bold: bool| {
            let align = match align {
                Align::Left => AlignmentType::Left,
                Align::Center => AlignmentType::Center,
                Align::Right => AlignmentType::Right,
            };
            let mut run = Run::new().add_text(text);
            if bold {
                run = run.bold();
            }
            let p = Paragraph::new().style(TABLE_STYLE).align(align).add_run(run);
            let mut c = TableCell::new().add_paragraph(p).width(width, WidthType::Dxa).vertical_align(VAlignType::Center);
            if span > 1 {
                c = c.grid_span(span);
            }
            match merge {
                Some(VMerge::Continue) => c.vertical_merge(VMergeType::Continue),
                Some(VMerge::Restart) => c.vertical_merge(VMergeType::Restart),
                None => c,
            }
        };
        let mut rows: Vec<TableRow> = header_cells(g)
            .iter()
            .map(|r| TableRow::new(r.iter().map(|c| cell(&c.text, c.width, c.span, c.merge, Align::Center, true)).collect()).cant_split())
            .collect();
        for cells in &g.rows {
            let mut col = 0;
            let mut out = Vec::new();
            for c in cells {
                let end = (col + c.span).min(g.widths.len());
                let width: usize = g.widths[col.min(end)..end].iter().sum();
                out.push(cell(&c.text, width, c.span, None, c.align, c.bold));
                col = end;
            }
            rows.push(TableRow::new(out));
        }
        Table::new(rows).set_grid(g.widths.clone()).layout(TableLayoutType::Fixed).width(g.widths.iter().sum(), WidthType::Dxa)
    }

    /// docx-rs's XML for a grid after the package patches.
    fn reference_xml(g: &Grid) -> String {
        use docx_rs::BuildXML;
        let raw = String::from_utf8(docx_rs_table(g).build()).unwrap();
        let s = crate::write::package::strip_para_ids(&raw)
            .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
            .replace("<w:pPr><w:rPr />", "<w:pPr>");
        crate::write::package::strip_grid_col_type(&s)
    }

    #[test]
    fn table_xml_matches_docx_rs_for_every_table() {
        let book = sample_book();
        for id in TableId::ALL {
            let g = grid(&book, id);
            assert_eq!(table_xml(&g), reference_xml(&g), "{id}");
        }
    }

    fn tiny() -> Grid {
        Grid {
            widths: vec![1000, 2000, 3000],
            headers: vec![path(&["编码"]), path(&["金额", "预算"]), path(&["金额", "决算"])],
            rows: vec![
                vec![Cell::center("合计").span(2).bold(), Cell::amount(Decimal::new(123456789, 2)).bold()],
                vec![Cell::center("201"), Cell::left("A&B <公司> \"甲\" '乙'\r\n"), Cell::empty()],
            ],
            empty_note: None,
        }
    }

    #[test]
    fn tiny_table_xml() {
        let xml = table_xml(&tiny());
        assert_eq!(xml, reference_xml(&tiny()));
        assert!(xml.starts_with(r#"<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa" />"#), "{xml}");
        assert!(xml.contains(r#"<w:tblGrid><w:gridCol w:w="1000" /><w:gridCol w:w="2000" /><w:gridCol w:w="3000" /></w:tblGrid>"#));
        assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
        assert!(xml.contains(r#"<w:tcW w:w="5000" w:type="dxa" /><w:gridSpan w:val="2" /><w:vAlign"#));
        assert!(xml.contains(r#"<w:tcW w:w="1000" w:type="dxa" /><w:vMerge w:val="restart" />"#));
        assert!(xml.contains(r#"<w:tcW w:w="1000" w:type="dxa" /><w:vMerge w:val="continue" />"#));
        assert!(xml.contains(r#"<w:jc w:val="right" /></w:pPr><w:r><w:rPr><w:b /><w:bCs /></w:rPr><w:t xml:space="preserve">1,234,567.89</w:t>"#));
        assert!(xml.contains("A&amp;B &lt;公司&gt; &quot;甲&quot; &apos;乙&apos;</w:t>"), "{xml}");
        assert!(xml.ends_with("</w:tr></w:tbl>"));
    }

    /// Child element names of every `<tag>…</tag>` in `xml` (direct children only).
    fn children_of(xml: &str, tag: &str) -> Vec<Vec<String>> {
        use quick_xml::events::Event;
        let mut r = quick_xml::Reader::from_str(xml);
        let mut stack: Vec<(String, Vec<String>)> = Vec::new();
        let mut out = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Start(e) => {
                    let n = String::from_utf8_lossy(e.name().as_ref()).to_string();
                    if let Some(top) = stack.last_mut() {
                        top.1.push(n.clone());
                    }
                    stack.push((n, Vec::new()));
                }
                Event::Empty(e) => {
                    let n = String::from_utf8_lossy(e.name().as_ref()).to_string();
                    if let Some(top) = stack.last_mut() {
                        top.1.push(n.clone());
                    }
                    if n == tag {
                        out.push(Vec::new());
                    }
                }
                Event::End(_) => {
                    let (n, kids) = stack.pop().unwrap();
                    if n == tag {
                        out.push(kids);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    /// True when `kids` follow the relative order of `order` (every kid must be listed).
    fn in_order(kids: &[String], order: &[&str]) -> bool {
        let idx: Vec<Option<usize>> = kids.iter().map(|k| order.iter().position(|o| o == k)).collect();
        idx.iter().all(Option::is_some) && idx.windows(2).all(|w| w[0] <= w[1])
    }

    /// ECMA-376 (transitional wml.xsd) child order of what [`write_table`] writes:
    /// CT_TblPr, CT_TcPr, CT_PPr (`w:rPr` after `w:jc`), CT_Tc / CT_Row / CT_Tbl content.
    #[test]
    fn table_xml_follows_schema_child_order() {
        let tbl_pr = ["w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"];
        let borders = ["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"];
        let tc_pr = ["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar", "w:vAlign"];
        let p_pr = ["w:pStyle", "w:keepNext", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"];
        let book = sample_book();
        let mut xml = table_xml(&tiny());
        for id in TableId::ALL {
            xml.push_str(&table_xml(&grid(&book, id)));
        }
        for (tag, order) in [("w:tblPr", &tbl_pr[..]), ("w:tblBorders", &borders[..]), ("w:tcPr", &tc_pr[..]), ("w:pPr", &p_pr[..])] {
            let all = children_of(&xml, tag);
            assert!(!all.is_empty(), "{tag}");
            for kids in all {
                assert!(in_order(&kids, order), "{tag}: {kids:?}");
            }
        }
        for kids in children_of(&xml, "w:tbl") {
            assert_eq!(kids[..2], ["w:tblPr", "w:tblGrid"]);
            assert!(kids[2..].iter().all(|k| k == "w:tr"), "{kids:?}");
        }
        for kids in children_of(&xml, "w:tr") {
            assert_eq!(kids[0], "w:trPr");
            assert!(kids[1..].iter().all(|k| k == "w:tc"), "{kids:?}");
        }
        for kids in children_of(&xml, "w:tc") {
            assert_eq!(kids, ["w:tcPr", "w:p"]);
        }
        assert!(!xml.contains("<w:pPr><w:rPr"));
    }

    #[test]
    fn escaping() {
        let mut s = String::new();
        push_escaped(&mut s, "a&b<c>d\"e'f\r\ng");
        assert_eq!(s, "a&amp;b&lt;c&gt;d&quot;e&apos;fg");
        s.clear();
        push_escaped(&mut s, "纯文本");
        assert_eq!(s, "纯文本");
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(13), "十三");
        assert_eq!(cn_number(24), "二十四");
    }

    #[test]
    fn t01_rows_align_sides() {
        let book = sample_book();
        let g = grid(&book, TableId::T01);
        let last = g.rows.last().unwrap();
        assert_eq!(last[0].text, "总计");
        assert_eq!(last[2].text, "889.16");
        assert_eq!(last[5].text, "889.16");
        assert_eq!(g.rows[0][0].text, "一、一般公共预算财政拨款收入");
    }
}
