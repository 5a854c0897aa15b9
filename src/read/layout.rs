//! The layout vocabulary, as data a finance officer can review: [`layout.txt`](layout.txt)
//! holds, for each table, every column and row concept with the header texts (aliases) real
//! exports print for it and its place in the part-of tree; the titles; the words that carry no
//! meaning (决算数, 金额); the 功能分类 类; the fixed rows of 01/04; the 三公 items. This file
//! parses it once and answers questions about it. Texts are compared after [`norm`], the one
//! normalisation (width, spaces, full-width spaces, brackets, quotes, line breaks). Adding an
//! alias is one word in layout.txt plus a line in the tests below.

use crate::model::{normalize_label, Col, IncomeSource, TableId};
use std::sync::LazyLock;

/// One line of layout.txt: its key and its `|`-separated fields, each a list of words.
type Line = (&'static str, Vec<Vec<&'static str>>);

static LINES: LazyLock<Vec<Line>> = LazyLock::new(|| {
    let data = include_str!("layout.txt").lines().map(|l| l.split('#').next().unwrap_or("").trim());
    data.filter_map(|l| l.split_once(' ')).map(|(k, rest)| (k, rest.split('|').map(|f| f.split_whitespace().collect()).collect())).collect()
});

/// The lines of one key, as their fields.
pub(crate) fn lines(key: &'static str) -> impl Iterator<Item = &'static [Vec<&'static str>]> {
    LINES.iter().filter(move |(k, _)| *k == key).map(|(_, f)| f.as_slice())
}

/// Field `i` of a line (empty when absent).
fn field(f: &'static [Vec<&'static str>], i: usize) -> &'static [&'static str] {
    f.get(i).map_or(&[], Vec::as_slice)
}

/// Every word of one key's lines (a word list such as 泛词).
pub(crate) fn words(key: &'static str) -> impl Iterator<Item = &'static str> {
    lines(key).flatten().flatten().copied()
}

/// One word pattern (式样) of layout.txt: `词` equal, `词*` starts with, `*词` ends with,
/// `*词*` contains.
pub(crate) fn matches(pattern: &str, t: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(_), Some(_)) if pattern.len() > 1 => t.contains(&pattern[1..pattern.len() - 1]),
        (Some(suffix), None) => t.ends_with(suffix),
        (None, Some(prefix)) => t.starts_with(prefix),
        _ => t == pattern,
    }
}

/// True when a (normalised) text matches a pattern of one key's word list.
pub(crate) fn is(key: &'static str, t: &str) -> bool {
    words(key).any(|w| matches(w, t))
}

/// The name (first word) of the first line of `key` whose patterns (second field) match `t`.
pub(crate) fn named(key: &'static str, t: &str) -> Option<&'static str> {
    lines(key).find(|f| field(f, 1).iter().any(|p| matches(p, t))).and_then(|f| field(f, 0).first().copied())
}

/// True when `t` matches a pattern of the line of `key` named `name`.
pub(crate) fn is_named(key: &'static str, name: &str, t: &str) -> bool {
    lines(key).filter(|f| field(f, 0).first() == Some(&name)).any(|f| field(f, 1).iter().any(|p| matches(p, t)))
}

/// A table by its two-digit number (`02`).
fn table(n: &str) -> Option<TableId> {
    TableId::ALL.into_iter().find(|t| n.parse() == Ok(t.number()))
}

/// Titles (normalised) and their table, including older/variant wordings.
pub(crate) fn titles() -> impl Iterator<Item = (&'static str, TableId)> {
    lines("标题").filter_map(|f| Some((*field(f, 0).first()?, table(field(f, 1).first()?)?)))
}

/// `t` without a trailing total word (`本年支出小计` → `本年支出`).
fn strip_total(t: &str) -> Option<&str> {
    words("合计词").find_map(|w| t.strip_suffix(w))
}

/// One column concept of a subject-row table (02, 03, 06, 10, 11, 12).
pub(crate) struct ColConcept {
    /// The model column; `None` for a known part that the model does not keep (人员经费 of 06).
    pub col: Option<Col>,
    /// Its name in messages.
    pub name: &'static str,
    /// Header texts (normalised) that mean it.
    pub aliases: &'static [&'static str],
    /// The concept it is a part of (part-of tree), by name.
    pub part_of: Option<&'static str>,
    /// Tables that have it.
    pub tables: Vec<TableId>,
}

static COLUMNS: LazyLock<Vec<ColConcept>> = LazyLock::new(|| {
    let cols = lines("列").filter_map(|f| {
        let name = *field(f, 0).first()?;
        let col = COLS.into_iter().find(|c| c.label() == name);
        let part_of = field(f, 1).first().copied().filter(|p| *p != "-");
        Some(ColConcept { col, name, part_of, tables: field(f, 2).iter().filter_map(|n| table(n)).collect(), aliases: field(f, 3) })
    });
    cols.collect()
});

/// Every model column (the concept of the same name reads into it).
const COLS: [Col; 18] = {
    use Col::*;
    [IncomeTotal, FiscalGrant, SuperiorSubsidy, BusinessIncome, OperatingIncome, AffiliatedIncome, OtherIncome, ExpenditureTotal, Basic, Project, ToSuperior, OperatingExpenditure, ToAffiliated, BeginBalance, YearIncome, EndBalance, InitialBudget, FullYearBudget]
};

/// Every column concept of the subject tables.
pub(crate) fn columns() -> &'static [ColConcept] {
    &COLUMNS
}

use TableId::{T02, T03, T10, T11};

/// The concept a header text means in a table: an alias, or `<group><合计|小计>` /
/// `<group>(合计)` flattened into one cell (`本年支出小计`, `本年支出（合计）`).
fn concept_of(text: &str, id: TableId) -> Option<&'static ColConcept> {
    let t = normalize_label(text).replace(['(', ')'], "");
    let of = |t: &str| columns().iter().find(|c| c.tables.contains(&id) && c.aliases.contains(&t));
    of(&t).or_else(|| strip_total(&t).and_then(of))
}

/// The table's own total concept (what a bare 合计 column means when no group says more).
fn table_total(id: TableId) -> Option<&'static ColConcept> {
    let name = if id == T02 { "本年收入合计" } else { "本年支出合计" };
    columns().iter().find(|c| c.name == name && c.tables.contains(&id))
}

/// Resolves a column from its header texts (top-down): the deepest meaningful text decides;
/// a total word (合计/小计) takes the concept of the group above it, or the table's total.
pub(crate) fn resolve(path: &[String], id: TableId) -> Option<&'static ColConcept> {
    let segs: Vec<String> = path.iter().map(|s| normalize_label(s)).filter(|s| !is("泛词", s)).collect();
    let Some(leaf) = segs.last() else {
        // Every text generic (12: 全年预算数 · 决算数; Putuo 支出 / 决算数).
        return path.last().filter(|l| is("泛词", &normalize_label(l))).and(table_total(id)).filter(|_| id != T02 && id != T10 && id != T11);
    };
    if is("合计词", leaf) {
        let group = segs.iter().rev().skip(1).find(|s| !is("合计词", s));
        return group.and_then(|g| concept_of(g, id)).or_else(|| table_total(id));
    }
    concept_of(leaf, id).or_else(|| {
        // Putuo: a group text over a generic leaf (`本年收入合计 / 决算数`) — already the leaf; a
        // `支出` group over 决算数 means the table total.
        (path.last().is_some_and(|l| is("泛词", &normalize_label(l))) && leaf.contains("支出") && segs.len() == 1).then(|| table_total(id)).flatten()
    })
}

/// The part-of parent of a concept, by name (a 经济分类 类 column of 05/07/09 is a part of
/// 本年支出合计).
pub(crate) fn parent(name: &str) -> Option<&'static str> {
    columns().iter().find(|c| c.name == name).and_then(|c| c.part_of).or_else(|| matrix_columns().any(|(n, _)| n == name).then_some("本年支出合计"))
}

/// True when concept `part` lies under `whole` in the part-of tree.
pub(crate) fn is_part_of(part: &str, whole: &str) -> bool {
    let mut p = parent(part);
    while let Some(x) = p {
        if x == whole {
            return true;
        }
        p = parent(x);
    }
    false
}

// ───────────────────────────── columns of 05 / 07 / 09 ─────────────────────────────

/// Column concepts of 05, 07 and 09 besides those of the subject tables (本年支出合计,
/// 基本支出, 项目支出, 人员经费, 公用经费 — see [`columns`]): the 经济分类 类 columns of a
/// function × economic table, each a part of 本年支出合计. Name, then aliases (normalised).
pub(crate) fn matrix_columns() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    lines("经济列").filter_map(|f| Some((*field(f, 0).first()?, field(f, 1))))
}

/// The concept a column of 05/07/09 means, from its header texts (top-down): the deepest
/// meaningful text; a total word (合计/小计) takes the group above it, else 本年支出合计.
pub(crate) fn matrix_column(path: &[String]) -> Option<&'static str> {
    let of = |t: &str| matrix_columns().find(|(_, a)| a.contains(&t)).map(|(n, _)| n).or_else(|| concept_of(t, T03).map(|c| c.name));
    let known = |t: &str| of(t).or_else(|| strip_total(t).and_then(of));
    let segs: Vec<String> = path.iter().map(|s| normalize_label(s)).filter(|s| !is("泛词", s)).collect();
    let Some(leaf) = segs.last() else { return (!path.is_empty()).then_some("本年支出合计") };
    if is("合计词", leaf) {
        // Group headers of 05/07/09 (经济组) only gather columns and mean nothing themselves.
        let group = segs.iter().rev().skip(1).find(|s| !is("合计词", s) && !is("经济组", s));
        return group.map_or(Some("本年支出合计"), |g| known(g));
    }
    known(leaf)
}

/// The concept name a matrix column's header (`基本支出/人员经费`, `人员经费`) stands for.
pub(crate) fn matrix_concept(header: &str) -> Option<&'static str> {
    matrix_column(&header.split('/').map(str::to_string).collect::<Vec<_>>())
}

// ───────────────────────────── 功能分类 类 names ─────────────────────────────

/// Maps a 类 line label (ordinal already removed) to its 3-digit code (支出功能分类 类: code
/// and names, current then older wordings).
pub(crate) fn class_code(label: &str) -> Option<(crate::model::SubjectCode, &'static str)> {
    let l = label.trim_end_matches("(类)");
    for (code, names) in lines("类").filter_map(|f| Some((*field(f, 0).first()?, field(f, 1)))) {
        for n in names.iter() {
            let short = n.strip_suffix("支出").unwrap_or(n);
            if l == *n || l == short || format!("{l}支出") == *n {
                return crate::model::SubjectCode::parse(code).map(|c| (c, names.first().copied().unwrap_or(n)));
            }
        }
    }
    None
}

// ───────────────────────────── rows of 01 / 04 ─────────────────────────────

/// A fixed row of tables 01 and 04 (named in layout.txt by its variant name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FixedRow {
    IncomeTotal,
    UseOfBalance,
    Begin,
    IncomeGrand,
    ExpenditureTotal,
    Distribution,
    End,
    ExpenditureGrand,
}

/// The enum value layout.txt names `key` (its variant name).
fn variant<T: std::fmt::Debug + Copy>(all: &[T], key: &str) -> Option<T> {
    all.iter().copied().find(|v| format!("{v:?}") == key)
}

/// The fixed row a label means on one side (`income`: left half); row labels are normalised,
/// ordinals removed.
pub(crate) fn fixed_row(label: &str, income: bool) -> Option<FixedRow> {
    use FixedRow::*;
    let side = if income { "收入" } else { "支出" };
    let found = lines("固定行").find(|f| field(f, 0).get(1) == Some(&side) && field(f, 1).iter().any(|a| matches(a, label)))?;
    variant(&[IncomeTotal, UseOfBalance, Begin, IncomeGrand, ExpenditureTotal, Distribution, End, ExpenditureGrand], field(found, 0).first()?)
}

/// A fund line of 04 (`一般公共预算财政拨款`, or with a trailing 收入).
pub(crate) fn fund_of(l: &str) -> Option<crate::model::Fund> {
    crate::model::Fund::ALL.into_iter().find(|f| l == f.label() || l.strip_suffix("收入") == Some(f.label()))
}

/// An income line of 01 (`一般公共预算财政拨款收入`, or without the trailing 收入).
pub(crate) fn income_source(l: &str) -> Option<IncomeSource> {
    IncomeSource::ALL.into_iter().find(|s| l == s.label() || Some(l) == s.label().strip_suffix("收入"))
}

// ───────────────────────────── 13 ─────────────────────────────

/// The six amounts of table 13 (named in layout.txt by their variant names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Total,
    Overseas,
    Vehicles,
    Purchase,
    Operation,
    Reception,
}

/// Items in matching order (layout.txt 三公): the item, its standard name, its keywords.
fn items() -> impl Iterator<Item = (Item, &'static str, &'static [&'static str])> {
    use Item::*;
    lines("三公").filter_map(|f| Some((variant(&[Total, Overseas, Vehicles, Purchase, Operation, Reception], field(f, 0).first()?)?, *field(f, 0).get(1)?, field(f, 1))))
}

/// The 三公 item a (row-label–normalised) text names: the first whose pattern matches wins.
pub(crate) fn item_of(l: &str) -> Option<Item> {
    items().find(|(_, _, ks)| ks.iter().any(|k| matches(k, l))).map(|(i, _, _)| i)
}

/// The standard name of an item.
pub(crate) fn item_name(item: Item) -> &'static str {
    items().find(|(i, _, _)| *i == item).map_or("", |(_, n, _)| n)
}

// ───────────────────────────── row words ─────────────────────────────

/// The 08 footer a label is: 1 人员经费合计, 2 公用经费合计, 0 none (表尾).
pub(crate) fn footer_of(l: &str) -> u8 {
    lines("表尾").find(|f| field(f, 1).contains(&l)).and_then(|f| field(f, 0).first()?.parse().ok()).unwrap_or(0)
}

/// A header that marks the name column of a block first (the first 名称 pattern of 标签列).
pub(crate) fn is_name_header(leaf: &str) -> bool {
    lines("标签列").find(|f| field(f, 0).first() == Some(&"名称")).and_then(|f| field(f, 1).first()).is_some_and(|p| matches(p, leaf))
}

/// The unit a (normalised) unit text names (单位), brackets and separators around it ignored.
/// A trailing remark in brackets is ignored (`元(保留两位小数)`).
pub(crate) fn unit_of(v: &str) -> Option<crate::model::Unit> {
    let v = v.trim_matches(|c: char| matches!(c, ')' | '(' | ',' | ';'));
    match named("单位", v.split('(').next().unwrap_or(v))? {
        "元" => Some(crate::model::Unit::Yuan),
        _ => Some(crate::model::Unit::Wan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TableId::{T06, T12};

    /// Every layout.txt line has a known key and the fields its key needs; every word is
    /// already normalised (so it can ever match a normalised text).
    #[test]
    fn layout_txt_is_well_formed() {
        let keys = [
            "标题", "泛词", "合计词", "列", "经济列", "经济组", "类", "固定行", "三公", "三公列", "财政拨款列", "合计行", "明细合计行", "基本支出合计行", "表尾", "签名", "脚注", "栏次", "标签列", "标签表头", "经济表头", "表头键", "单位", "年度格", "表样标题", "标题限定", "自评表标题", "自评表", "自评表说明",
        ];
        let fields = |k: &str| match k {
            "列" => 4,
            "标题" | "经济列" | "类" | "固定行" | "三公" | "三公列" | "财政拨款列" | "表尾" | "标签列" | "表头键" | "单位" | "自评表" => 2,
            _ => 1,
        };
        for (k, f) in LINES.iter() {
            assert!(keys.contains(k), "unknown key {k}");
            assert_eq!(f.len(), fields(k), "{k} {f:?}");
            assert!(f.iter().all(|w| !w.is_empty()), "{k} {f:?}: empty field");
            for w in f.iter().flatten().filter(|w| !["经济列", "三公"].contains(k) || !w.contains('（')) {
                assert_eq!(normalize_label(w), *w, "{k}: {w} is not normalised");
            }
        }
        assert_eq!(columns().len(), lines("列").count());
        assert!(columns().iter().all(|c| c.tables.len() == field(lines("列").find(|f| f[0][0] == c.name).unwrap(), 2).len()), "a table number");
        let parts: Vec<&str> = columns().iter().filter_map(|c| c.part_of).collect();
        assert!(parts.iter().all(|p| columns().iter().any(|c| c.name == *p)), "part_of names a concept");
        assert_eq!(COLS.iter().filter(|c| columns().iter().any(|k| k.col == Some(**c))).count(), COLS.len(), "every model column has a concept");
    }

    /// Issue 10: src/read's non-test lines (each .rs file up to its first `#[cfg(test)]`,
    /// tests.rs files excluded) were 2104 at commit 93aab5a, when the issue was filed: the
    /// reader may not grow, its knowledge goes into layout.txt. Other issues' features took
    /// the input side to 3671 (the .xls/.ods pre-check of #11, the 自评表 reader of #13); in
    /// session 6 the loader became `crate::workbook` and the department's own sheets
    /// `crate::forms`, and the reader was cut to its figure below. The input side as a whole
    /// (read + workbook + forms) is pinned as well, so that moving code cannot hide growth.
    #[test]
    fn read_line_budget() {
        fn count(dir: &std::path::Path) -> usize {
            let mut n = 0;
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    n += count(&p);
                } else if p.extension().is_some_and(|x| x == "rs") && p.file_name().is_some_and(|f| f != "tests.rs") {
                    n += std::fs::read_to_string(&p).unwrap().lines().take_while(|l| !l.contains("#[cfg(test)]")).count();
                }
            }
            n
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let read = count(&src.join("read"));
        assert!(read <= READ_BUDGET, "src/read has {read} non-test lines, budget {READ_BUDGET} (issue 10: no more than at 93aab5a)");
        let input = read + count(&src.join("workbook")) + count(&src.join("forms"));
        assert!(input <= INPUT_BUDGET, "src/read + src/workbook + src/forms have {input} non-test lines, budget {INPUT_BUDGET}");
    }
    const READ_BUDGET: usize = 2104;
    // 3574 after the move; then the Chinese error for a .docx renamed .xlsx and NOTES-REPEATED.
    const INPUT_BUDGET: usize = 3595;

    #[test]
    fn every_title_classifies_to_its_table() {
        for (t, id) in titles() {
            assert_eq!(super::super::locate::classify_title(t), Some(id), "{t}");
        }
        assert_eq!(titles().count(), 18);
        assert!(TableId::ALL.iter().all(|id| titles().any(|(_, t)| t == *id)));
    }

    #[test]
    fn every_class_name_maps_to_its_code() {
        for f in lines("类") {
            for n in field(f, 1) {
                let (code, name) = class_code(n).unwrap();
                assert_eq!(code.as_str(), f[0][0], "{n}");
                assert_eq!(name, f[1][0], "{n}");
            }
        }
    }

    #[test]
    fn every_fixed_row_and_item_word_resolves() {
        for f in lines("固定行") {
            let (name, income) = (f[0][0], f[0][1] == "收入");
            for a in field(f, 1) {
                let label = a.strip_suffix('*').map_or(a.to_string(), |p| format!("{p}(含专用结余)"));
                // 总计 is the grand total of either side.
                assert_eq!(fixed_row(&label, income).map(|r| format!("{r:?}")).as_deref(), Some(name), "{a}");
            }
        }
        for f in lines("三公") {
            let item = item_of(&example(f[1][0])).unwrap();
            assert_eq!(format!("{item:?}"), f[0][0]);
            assert_eq!(item_name(item), f[0][1]);
        }
        assert_eq!(lines("固定行").count(), 8);
        assert_eq!(items().count(), 7);
    }

    #[test]
    fn row_words() {
        for w in ["合计", "总计", "本年合计"] {
            assert!(is("合计行", w), "{w}");
        }
        assert!(!is("合计行", "小计"));
        for (l, n) in [("人员经费合计", 1), ("人员经费", 1), ("公用经费合计", 2), ("日常公用经费合计", 2), ("公用经费", 2), ("日常公用经费", 2), ("合计", 0)] {
            assert_eq!(footer_of(l), n, "{l}");
        }
        for w in words("签名") {
            assert!(is("签名", &format!("{w}:张三")), "{w}");
        }
        assert_eq!(words("签名").count(), 14);
        assert!(!is("签名", "一般公共服务支出"));
        assert!(is("泛词", "决算数") && !is("泛词", "合计") && is("合计词", "小计") && strip_total("本年支出小计") == Some("本年支出"));
    }

    /// A text that pattern `p` matches (甲 before, 乙 after where the pattern allows).
    fn example(p: &str) -> String {
        let core = p.trim_matches('*');
        format!("{}{core}{}", if p.starts_with('*') { "甲" } else { "" }, if p.ends_with('*') && p.len() > 1 { "乙" } else { "" })
    }

    #[test]
    fn patterns() {
        assert!(matches("注*", "注:本表") && !matches("注*", "附注"));
        assert!(matches("*项目", "支出项目") && !matches("*项目", "项目名称"));
        assert!(matches("*名称*", "科目名称") && matches("类", "类") && !matches("类", "类别"));
    }

    /// Every word of the row, header-block and column keys added for issue 10 answers through
    /// the function that uses it; each line's name comes back for its own patterns.
    #[test]
    fn every_pattern_of_the_row_and_header_words_is_recognised() {
        for p in words("脚注") {
            assert!(is("脚注", &example(p)), "{p}");
        }
        assert!(is("栏次", "栏次") && !is("栏次", "栏次号") && !is("脚注", "一般公共服务支出"));
        for key in ["标签列", "三公列", "财政拨款列", "单位"] {
            for f in lines(key) {
                for p in &f[1] {
                    assert!(is_named(key, f[0][0], &example(p)), "{key} {p}");
                }
            }
        }
        for f in lines("标签列") {
            for p in &f[1] {
                assert_eq!(named("标签列", &example(p)), Some(f[0][0]), "{p}");
            }
        }
        assert!(is_name_header("科目名称") && !is_name_header("项目"));
        assert_eq!(unit_of("(万元)"), Some(crate::model::Unit::Wan));
        assert_eq!(unit_of("人民币元"), Some(crate::model::Unit::Yuan));
        assert_eq!(unit_of("千元"), None);
        for key in ["标签表头", "经济表头", "明细合计行", "基本支出合计行", "标题限定"] {
            for p in words(key) {
                assert!(is(key, &example(p)), "{key} {p}");
            }
        }
        assert!(is("明细合计行", "一般公共预算支出合计") && !is("明细合计行", "人员经费合计"));
        assert!(is("基本支出合计行", "人员经费合计") && !is("基本支出合计行", "工资福利支出"));
        assert_eq!(lines("表头键").map(|f| f[0][0]).collect::<Vec<_>>(), ["部门", "金额单位", "单位"]);
    }

    fn col(path: &[&str], id: TableId) -> Option<Col> {
        resolve(&path.iter().map(|s| s.to_string()).collect::<Vec<_>>(), id).and_then(|c| c.col)
    }

    #[test]
    fn every_alias_resolves_to_its_concept_in_its_tables() {
        for c in columns() {
            for a in c.aliases {
                for &t in &c.tables {
                    let got = resolve(&[a.to_string()], t).map(|x| x.name);
                    // 本年收入 means 本年收入合计 in 02 but the 本年收入 column in 10/11.
                    assert!(got.is_some(), "{a} in {t:?}");
                    assert!(columns().iter().any(|o| Some(o.name) == got && o.aliases.contains(a)), "{a} in {t:?} → {got:?}");
                }
            }
        }
    }

    #[test]
    fn groups_merged_flattened_or_missing() {
        assert_eq!(col(&["本年支出", "合计"], T06), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["本年支出", "小计"], T10), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["本年支出小计"], T10), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["本年支出（合计）"], T03), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["支出合计"], T12), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["合计"], T06), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["合计"], T02), Some(Col::IncomeTotal));
        assert_eq!(col(&["本年收入", "合计"], T02), Some(Col::IncomeTotal));
        assert_eq!(col(&["本年收入"], T10), Some(Col::YearIncome));
        assert_eq!(col(&["财政拨款收入", "小计"], T02), Some(Col::FiscalGrant));
        assert_eq!(col(&["本年收入合计", "决算数"], T02), Some(Col::IncomeTotal));
        assert_eq!(col(&["年初结转和\n结余"], T10), Some(Col::BeginBalance));
        assert_eq!(col(&["全年预算数"], T12), Some(Col::FullYearBudget));
        assert_eq!(col(&["决算数"], T12), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["项目", "合计"], T06), Some(Col::ExpenditureTotal));
        assert_eq!(col(&["奇怪列"], T03), None);
        assert!(resolve(&["人员经费".to_string()], T06).is_some_and(|c| c.col.is_none()));
    }

    #[test]
    fn class_names_map_to_codes() {
        assert_eq!(class_code("一般公共服务支出").unwrap().0.as_str(), "201");
        assert_eq!(class_code("一般公共服务").unwrap().0.as_str(), "201");
        assert_eq!(class_code("预备费").unwrap().0.as_str(), "227");
        assert_eq!(class_code("医疗卫生与计划生育支出").unwrap().1, "卫生健康支出");
        assert!(class_code("奇怪支出").is_none());
    }

    #[test]
    fn part_of_tree() {
        assert!(is_part_of("人员经费", "基本支出"));
        assert!(is_part_of("人员经费", "本年支出合计"));
        assert!(is_part_of("项目支出", "本年支出合计"));
        assert!(!is_part_of("基本支出", "人员经费"));
        assert_eq!(matrix_concept("基本支出/人员经费"), Some("人员经费"));
        assert!(is_part_of("工资福利支出", "本年支出合计"));
    }

    #[test]
    fn matrix_columns_resolve_from_data() {
        for (name, aliases) in matrix_columns() {
            for a in aliases.iter() {
                assert_eq!(matrix_concept(&format!("部门预算支出经济分类科目/{a}")), Some(name), "{a}");
                assert_eq!(matrix_concept(a), Some(name), "{a}");
            }
        }
        assert_eq!(matrix_concept("资本性支出（基本建设）"), Some("资本性支出（基本建设）"));
        assert_eq!(matrix_concept("本年支出/合计"), Some("本年支出合计"));
        assert_eq!(matrix_concept("合计"), Some("本年支出合计"));
        assert_eq!(matrix_concept("决算数"), Some("本年支出合计"));
        assert_eq!(matrix_concept("基本支出/小计"), Some("基本支出"));
        assert_eq!(matrix_concept("基本支出合计"), Some("基本支出"));
        assert_eq!(matrix_concept("日常公用经费"), Some("公用经费"));
        assert_eq!(matrix_concept("项目支出"), Some("项目支出"));
        assert_eq!(matrix_concept("奇怪列"), None);
    }

    #[test]
    fn fixed_rows_and_items() {
        assert_eq!(fixed_row("使用非财政拨款结余(含专用结余)", true), Some(FixedRow::UseOfBalance));
        assert_eq!(fixed_row("年初财政拨款结转和结余", true), Some(FixedRow::Begin));
        assert_eq!(fixed_row("支出总计", false), Some(FixedRow::ExpenditureGrand));
        assert_eq!(fixed_row("支出总计", true), None);
        assert_eq!(income_source("事业"), Some(IncomeSource::Business));
        assert_eq!(item_of("因公出国(境)费用"), Some(Item::Overseas));
        assert_eq!(item_of("公务用车购置及运行费"), Some(Item::Vehicles));
        assert_eq!(item_of("公务用车购置费"), Some(Item::Purchase));
        assert_eq!(item_of("公务用车运行费"), Some(Item::Operation));
        assert_eq!(item_of("小计"), Some(Item::Vehicles));
        assert_eq!(item_of("会议费"), None);
        assert_eq!(item_of("\"三公\"经费支出合计"), Some(Item::Total));
        assert_eq!(item_name(Item::Operation), "公务用车运行维护费");
    }
}
