//! The layout vocabulary, as data a finance officer can review: for each table, every column
//! and row concept with the header texts (aliases) real exports print for it and its place in
//! the part-of tree; the words that carry no meaning (决算数, 金额); the 三公 items. Texts are
//! compared after [`norm`], the one normalisation (width, spaces, full-width spaces, brackets,
//! quotes, line breaks). Adding an alias is one line here plus a line in the tests below.

use crate::model::{normalize_label, Col, IncomeSource, TableId};

/// The one normalisation of header and label texts: [`normalize_label`] (white space and
/// full-width spaces and line breaks removed, full-width folded, brackets and quotes unified).
pub(crate) fn norm(text: &str) -> String {
    normalize_label(text)
}

/// Header words that say nothing about a column's meaning.
pub(crate) const GENERIC: &[&str] = &["决算数", "金额", "本年决算数", "决算金额", "本年数"];

/// Words that mean "the total of the group above (or of the table)".
pub(crate) const TOTAL_WORDS: &[&str] = &["合计", "小计", "总计", "本年合计"];

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
    pub tables: &'static [TableId],
}

use TableId::{T02, T03, T06, T10, T11, T12};

const EXP: &[TableId] = &[T03, T06, T10, T11, T12];

/// Every column concept of the subject tables.
pub(crate) const COLUMNS: &[ColConcept] = &[
    ColConcept { col: Some(Col::IncomeTotal), name: "本年收入合计", aliases: &["本年收入合计", "本年收入", "收入合计"], part_of: None, tables: &[T02] },
    ColConcept { col: Some(Col::FiscalGrant), name: "财政拨款收入", aliases: &["财政拨款收入", "财政拨款"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::SuperiorSubsidy), name: "上级补助收入", aliases: &["上级补助收入"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::BusinessIncome), name: "事业收入", aliases: &["事业收入"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::OperatingIncome), name: "经营收入", aliases: &["经营收入"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::AffiliatedIncome), name: "附属单位上缴收入", aliases: &["附属单位上缴收入"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::OtherIncome), name: "其他收入", aliases: &["其他收入"], part_of: Some("本年收入合计"), tables: &[T02] },
    ColConcept { col: Some(Col::BeginBalance), name: "年初结转和结余", aliases: &["年初结转和结余", "年初结转结余", "上年结转和结余"], part_of: None, tables: &[T10, T11] },
    ColConcept { col: Some(Col::YearIncome), name: "本年收入", aliases: &["本年收入", "本年收入合计"], part_of: None, tables: &[T10, T11] },
    ColConcept { col: Some(Col::ExpenditureTotal), name: "本年支出合计", aliases: &["本年支出合计", "本年支出", "支出合计", "本年支出小计"], part_of: None, tables: EXP },
    ColConcept { col: Some(Col::Basic), name: "基本支出", aliases: &["基本支出"], part_of: Some("本年支出合计"), tables: EXP },
    ColConcept { col: Some(Col::Project), name: "项目支出", aliases: &["项目支出"], part_of: Some("本年支出合计"), tables: EXP },
    ColConcept { col: None, name: "人员经费", aliases: &["人员经费"], part_of: Some("基本支出"), tables: EXP },
    ColConcept { col: None, name: "公用经费", aliases: &["公用经费", "日常公用经费"], part_of: Some("基本支出"), tables: EXP },
    ColConcept { col: Some(Col::ToSuperior), name: "上缴上级支出", aliases: &["上缴上级支出"], part_of: Some("本年支出合计"), tables: &[T03] },
    ColConcept { col: Some(Col::OperatingExpenditure), name: "经营支出", aliases: &["经营支出"], part_of: Some("本年支出合计"), tables: &[T03] },
    ColConcept { col: Some(Col::ToAffiliated), name: "对附属单位补助支出", aliases: &["对附属单位补助支出"], part_of: Some("本年支出合计"), tables: &[T03] },
    ColConcept { col: Some(Col::EndBalance), name: "年末结转和结余", aliases: &["年末结转和结余", "年末结转结余"], part_of: None, tables: &[T10, T11] },
    ColConcept { col: Some(Col::InitialBudget), name: "年初预算数", aliases: &["年初预算数"], part_of: None, tables: &[T06, T12] },
    ColConcept { col: Some(Col::FullYearBudget), name: "全年预算数", aliases: &["全年预算数", "调整预算数", "预算数", "调整后预算数"], part_of: None, tables: &[T06, T12] },
];

/// The concept a header text means in a table: an alias, or `<group><合计|小计>` /
/// `<group>(合计)` flattened into one cell (`本年支出小计`, `本年支出（合计）`).
fn concept_of(text: &str, id: TableId) -> Option<&'static ColConcept> {
    let t = norm(text).replace(['(', ')'], "");
    let of = |t: &str| COLUMNS.iter().find(|c| c.tables.contains(&id) && c.aliases.contains(&t));
    of(&t).or_else(|| TOTAL_WORDS.iter().find_map(|w| t.strip_suffix(w)).and_then(of))
}

/// The table's own total concept (what a bare 合计 column means when no group says more).
fn table_total(id: TableId) -> Option<&'static ColConcept> {
    let name = if id == T02 { "本年收入合计" } else { "本年支出合计" };
    COLUMNS.iter().find(|c| c.name == name && c.tables.contains(&id))
}

/// Resolves a column from its header texts (top-down): the deepest meaningful text decides;
/// a total word (合计/小计) takes the concept of the group above it, or the table's total.
pub(crate) fn resolve(path: &[String], id: TableId) -> Option<&'static ColConcept> {
    let segs: Vec<String> = path.iter().map(|s| norm(s)).filter(|s| !GENERIC.contains(&s.as_str())).collect();
    let Some(leaf) = segs.last() else {
        // Every text generic (12: 全年预算数 · 决算数; Putuo 支出 / 决算数).
        return path.last().filter(|l| GENERIC.contains(&norm(l).as_str())).and(table_total(id)).filter(|_| id != T02 && id != T10 && id != T11);
    };
    if TOTAL_WORDS.contains(&leaf.as_str()) {
        let group = segs.iter().rev().skip(1).find(|s| !TOTAL_WORDS.contains(&s.as_str()));
        return group.and_then(|g| concept_of(g, id)).or_else(|| table_total(id));
    }
    concept_of(leaf, id).or_else(|| {
        // Putuo: a group text over a generic leaf (`本年收入合计 / 决算数`) — already the leaf; a
        // `支出` group over 决算数 means the table total.
        (path.last().is_some_and(|l| GENERIC.contains(&norm(l).as_str())) && leaf.contains("支出") && segs.len() == 1).then(|| table_total(id)).flatten()
    })
}

/// The part-of parent of a concept, by name (a 经济分类 类 column of 05/07/09 is a part of
/// 本年支出合计).
pub(crate) fn parent(name: &str) -> Option<&'static str> {
    COLUMNS.iter().find(|c| c.name == name).and_then(|c| c.part_of).or_else(|| MATRIX_COLUMNS.iter().any(|(n, _)| *n == name).then_some("本年支出合计"))
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
/// 基本支出, 项目支出, 人员经费, 公用经费 — see [`COLUMNS`]): the 经济分类 类 columns of a
/// function × economic table, each a part of 本年支出合计. Name, then aliases (normalised).
pub(crate) const MATRIX_COLUMNS: &[(&str, &[&str])] = &[
    ("工资福利支出", &["工资福利支出"]),
    ("商品和服务支出", &["商品和服务支出"]),
    ("对个人和家庭的补助", &["对个人和家庭的补助", "对个人和家庭的补助支出"]),
    ("债务利息及费用支出", &["债务利息及费用支出", "债务利息支出"]),
    ("资本性支出（基本建设）", &["资本性支出(基本建设)", "基本建设支出"]),
    ("资本性支出", &["资本性支出"]),
    ("对企业补助（基本建设）", &["对企业补助(基本建设)"]),
    ("对企业补助", &["对企业补助"]),
    ("对社会保障基金补助", &["对社会保障基金补助"]),
    ("其他支出", &["其他支出"]),
];

/// Group headers of 05/07/09 that only gather columns and mean nothing themselves.
pub(crate) const MATRIX_GROUPS: &[&str] = &["部门预算支出经济分类科目", "政府预算支出经济分类科目", "支出经济分类科目", "经济分类科目", "本年支出"];

/// The concept a column of 05/07/09 means, from its header texts (top-down): the deepest
/// meaningful text; a total word (合计/小计) takes the group above it, else 本年支出合计.
pub(crate) fn matrix_column(path: &[String]) -> Option<&'static str> {
    let of = |t: &str| MATRIX_COLUMNS.iter().find(|(_, a)| a.contains(&t)).map(|(n, _)| *n).or_else(|| concept_of(t, T03).map(|c| c.name));
    let known = |t: &str| of(t).or_else(|| TOTAL_WORDS.iter().find_map(|w| t.strip_suffix(w)).and_then(of));
    let segs: Vec<String> = path.iter().map(|s| norm(s)).filter(|s| !GENERIC.contains(&s.as_str())).collect();
    let Some(leaf) = segs.last() else { return (!path.is_empty()).then_some("本年支出合计") };
    if TOTAL_WORDS.contains(&leaf.as_str()) {
        let group = segs.iter().rev().skip(1).find(|s| !TOTAL_WORDS.contains(&s.as_str()) && !MATRIX_GROUPS.contains(&s.as_str()));
        return group.map_or(Some("本年支出合计"), |g| known(g));
    }
    known(leaf)
}

/// The concept name a matrix column's header (`基本支出/人员经费`, `人员经费`) stands for.
pub(crate) fn matrix_concept(header: &str) -> Option<&'static str> {
    matrix_column(&header.split('/').map(str::to_string).collect::<Vec<_>>())
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
pub(crate) fn class_code(label: &str) -> Option<(crate::model::SubjectCode, &'static str)> {
    let l = label.trim_end_matches("(类)");
    for (code, names) in CLASSES {
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

/// A fixed row of tables 01 and 04.
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

/// Row labels (normalised, ordinals removed) per fixed row; `…*` matches a prefix.
pub(crate) const FIXED_ROWS: &[(FixedRow, &[&str])] = &[
    (FixedRow::IncomeTotal, &["本年收入合计", "本年收入"]),
    (FixedRow::UseOfBalance, &["使用非财政拨款结余*", "使用专用结余"]),
    (FixedRow::Begin, &["年初财政拨款结转和结余*", "年初结转和结余", "上年结转和结余", "上年结转"]),
    (FixedRow::IncomeGrand, &["总计", "收入总计"]),
    (FixedRow::ExpenditureTotal, &["本年支出合计", "本年支出"]),
    (FixedRow::Distribution, &["结余分配"]),
    (FixedRow::End, &["年末财政拨款结转和结余*", "年末结转和结余"]),
    (FixedRow::ExpenditureGrand, &["总计", "支出总计"]),
];

/// The fixed row a label means on one side (`income`: left half).
pub(crate) fn fixed_row(label: &str, income: bool) -> Option<FixedRow> {
    let sides: &[FixedRow] = if income {
        &[FixedRow::IncomeTotal, FixedRow::UseOfBalance, FixedRow::Begin, FixedRow::IncomeGrand]
    } else {
        &[FixedRow::ExpenditureTotal, FixedRow::Distribution, FixedRow::End, FixedRow::ExpenditureGrand]
    };
    FIXED_ROWS.iter().filter(|(r, _)| sides.contains(r)).find(|(_, ls)| ls.iter().any(|a| matches_alias(label, a))).map(|(r, _)| *r)
}

fn matches_alias(label: &str, alias: &str) -> bool {
    match alias.strip_suffix('*') {
        Some(prefix) => label.starts_with(prefix),
        None => label == alias,
    }
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

/// The six amounts of table 13.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Total,
    Overseas,
    Vehicles,
    Purchase,
    Operation,
    Reception,
}

/// Items in matching order: the first whose keyword a label contains (exact for `=…`) wins,
/// so 公务用车购置及运行(维护)费 is the whole before 购置费 and 运行(维护)费 are its parts.
pub(crate) const ITEMS: &[(Item, &str, &[&str])] = &[
    (Item::Total, "合计", &["=合计", "=总计", "经费合计"]),
    (Item::Overseas, "因公出国（境）费", &["因公出国"]),
    (Item::Vehicles, "公务用车购置及运行维护费", &["购置及运行", "=小计"]),
    (Item::Purchase, "公务用车购置费", &["购置"]),
    (Item::Operation, "公务用车运行维护费", &["运行"]),
    (Item::Reception, "公务接待费", &["接待"]),
    (Item::Total, "合计", &["三公"]),
];

/// The 三公 item a (row-label–normalised) text names.
pub(crate) fn item_of(l: &str) -> Option<Item> {
    ITEMS.iter().find(|(_, _, ks)| ks.iter().any(|k| k.strip_prefix('=').map_or(l.contains(k), |e| l == e))).map(|(i, _, _)| *i)
}

/// The standard name of an item.
pub(crate) fn item_name(item: Item) -> &'static str {
    ITEMS.iter().find(|(i, _, _)| *i == item).map_or("", |(_, n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(path: &[&str], id: TableId) -> Option<Col> {
        resolve(&path.iter().map(|s| s.to_string()).collect::<Vec<_>>(), id).and_then(|c| c.col)
    }

    #[test]
    fn every_alias_resolves_to_its_concept_in_its_tables() {
        for c in COLUMNS {
            for a in c.aliases {
                for &t in c.tables {
                    let got = resolve(&[a.to_string()], t).map(|x| x.name);
                    // 本年收入 means 本年收入合计 in 02 but the 本年收入 column in 10/11.
                    assert!(got.is_some(), "{a} in {t:?}");
                    assert!(COLUMNS.iter().any(|o| Some(o.name) == got && o.aliases.contains(a)), "{a} in {t:?} → {got:?}");
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
        for (name, aliases) in MATRIX_COLUMNS {
            for a in aliases.iter() {
                assert_eq!(matrix_concept(&format!("部门预算支出经济分类科目/{a}")), Some(*name), "{a}");
                assert_eq!(matrix_concept(a), Some(*name), "{a}");
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
