//! Where a web answer goes, and the answers workbook the server writes.
//!
//! Every field of the department page carries a key (the `label_N` form field) saying where
//! its value goes, from the placeholder's own key ([`crate::narrate::placeholder_key`]):
//!
//! | key | goes to (in `说明材料.xlsx` beside the uploads, `juesuan init`'s format) |
//! |---|---|
//! | `机构设置` (any 说明材料 label) | sheet `说明材料`, row 项目 · 内容 |
//! | `预算数：2013101` | sheet `预算数`, row 科目编码 · 全年预算数（万元） |
//! | `项目绩效：档案数字化：执行数` | sheet `项目绩效`, row 项目名称 · 预算数 · 执行数 · 绩效目标完成情况综述 |
//!
//! The reader merges these sheets over the uploaded ones (说明材料 label by label, 预算数 by
//! 科目编码, 项目绩效 by 项目名称 cell by cell), so `juesuan generate` on the stored folder gives
//! the same report as the server, and a workbook edited by hand works the same way.

use crate::findings::Finding;
use crate::model::SubjectCode;
use crate::narrate::{self, PlaceholderKey};
use crate::notes_catalog::{find_label, NoteKind};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// Prefix of a 预算数 key.
pub const BUDGET_PREFIX: &str = "预算数：";
/// Prefix of a 项目绩效 key.
pub const PROJECT_PREFIX: &str = "项目绩效：";
/// The 项目绩效 sheet's fields, in column order.
pub const PROJECT_FIELDS: [&str; 3] = ["预算数", "执行数", "绩效目标完成情况综述"];

/// Where one answer goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerKey {
    /// A 说明材料 label (the catalogue's spelling).
    Note(String),
    /// The 全年预算数 of a 功能分类 code (the `预算数` sheet).
    Budget(String),
    /// One field of a project (the `项目绩效` sheet).
    Project {
        /// 项目名称 as in the uploaded sheet.
        project: String,
        /// One of [`PROJECT_FIELDS`].
        field: String,
    },
}

impl AnswerKey {
    /// Parses a form key; `None` for anything that is not a known destination (ignored).
    ///
    /// ```
    /// use juesuan::serve::answers::AnswerKey;
    /// assert_eq!(AnswerKey::parse("机构设置"), Some(AnswerKey::Note("机构设置".into())));
    /// assert_eq!(AnswerKey::parse("预算数：2013101"), Some(AnswerKey::Budget("2013101".into())));
    /// assert_eq!(AnswerKey::parse("项目绩效：档案数字化：执行数"), Some(AnswerKey::Project { project: "档案数字化".into(), field: "执行数".into() }));
    /// assert_eq!(AnswerKey::parse("预算数：abc"), None);
    /// assert_eq!(AnswerKey::parse("随便什么"), None);
    /// ```
    pub fn parse(key: &str) -> Option<AnswerKey> {
        if let Some(code) = key.strip_prefix(BUDGET_PREFIX) {
            return SubjectCode::parse(code).map(|c| AnswerKey::Budget(c.to_string()));
        }
        if let Some(rest) = key.strip_prefix(PROJECT_PREFIX) {
            let (project, field) = rest.rsplit_once('：')?;
            return (!project.trim().is_empty() && PROJECT_FIELDS.contains(&field)).then(|| AnswerKey::Project { project: project.trim().to_string(), field: field.to_string() });
        }
        find_label(key)?;
        let canonical = crate::notes_catalog::NOTE_LABELS.iter().find(|l| crate::model::note_key(l.label) == crate::model::note_key(key)).map_or(key, |l| l.label);
        Some(AnswerKey::Note(canonical.to_string()))
    }

    /// The form key (the inverse of [`AnswerKey::parse`]).
    pub fn key(&self) -> String {
        match self {
            AnswerKey::Note(l) => l.clone(),
            AnswerKey::Budget(c) => format!("{BUDGET_PREFIX}{c}"),
            AnswerKey::Project { project, field } => format!("{PROJECT_PREFIX}{project}：{field}"),
        }
    }

    /// What the page shows above the field.
    pub fn title(&self) -> String {
        match self {
            AnswerKey::Note(l) => format!("说明材料“{l}”"),
            AnswerKey::Budget(c) => format!("科目 {c} 的全年预算数（万元）"),
            AnswerKey::Project { project, field } if field == "绩效目标完成情况综述" => format!("项目“{project}”的绩效目标完成情况综述"),
            AnswerKey::Project { project, field } => format!("项目“{project}”的{field}（万元）"),
        }
    }

    /// Where the value is written (shown as help).
    pub fn destination(&self) -> &'static str {
        match self {
            AnswerKey::Note(_) => "",
            AnswerKey::Budget(_) => "写入本部门说明材料.xlsx 的“预算数”表（科目编码 · 全年预算数），与上传工作簿中的预算数表按科目合并",
            AnswerKey::Project { .. } => "写入本部门说明材料.xlsx 的“项目绩效”表，与上传工作簿中的项目绩效表按项目名称逐格合并",
        }
    }

    /// True when the value must be an amount (万元).
    pub fn is_amount(&self) -> bool {
        match self {
            AnswerKey::Note(l) => find_label(l).is_some_and(|e| e.kind == NoteKind::Amount),
            AnswerKey::Budget(_) => true,
            AnswerKey::Project { field, .. } => field != "绩效目标完成情况综述",
        }
    }

    /// True for a multi-line text field.
    pub fn is_long(&self) -> bool {
        match self {
            AnswerKey::Note(l) => find_label(l).is_none_or(|e| e.kind == NoteKind::Text),
            AnswerKey::Budget(_) => false,
            AnswerKey::Project { field, .. } => field == "绩效目标完成情况综述",
        }
    }
}

/// An amount typed into a field: `1,234.5`, ` 12 ` …; `None` when it is not a number.
///
/// ```
/// use juesuan::serve::answers::parse_amount;
/// assert_eq!(parse_amount("1,234.50").map(|d| d.to_string()), Some("1234.50".into()));
/// assert_eq!(parse_amount("十二"), None);
/// ```
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '，').collect();
    Decimal::from_str(&t).ok()
}

/// A field of the answers form.
#[derive(Serialize)]
pub(crate) struct Field {
    id: usize,
    /// Where the value goes ([`AnswerKey`]'s form key: a 说明材料 label, `预算数：…`,
    /// `项目绩效：…：…`); the officer sees `title`, never needs to know it.
    label: String,
    /// What is asked, in words.
    title: String,
    /// Why it is asked: the placeholder text or the finding.
    reason: String,
    help: String,
    value: String,
    /// Textarea for text.
    long: bool,
    /// Set when this field is answered elsewhere (a repeated label, or no field possible).
    elsewhere: Option<String>,
}

/// The form fields: one per placeholder (in order: field i is placeholder i), then one per
/// 说明材料 label that a finding asks for, then the answers already given. Each field's key
/// comes from the placeholder's key ([`narrate::placeholder_key`]): a 说明材料 label, a
/// `预算数` row or a `项目绩效` cell; a bare 【缺少上年数】 asks for the 上年… labels that the
/// findings name.
pub(crate) fn fields(placeholders: &[String], findings: &[crate::findings::Finding], answers: &BTreeMap<String, String>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let push = |out: &mut Vec<Field>, key: AnswerKey, reason: String, elsewhere: Option<String>| {
        let help = match &key {
            AnswerKey::Note(l) => find_label(l).map(|n| n.help.to_string()).unwrap_or_default(),
            k => k.destination().to_string(),
        };
        let label = key.key();
        let value = answers.get(&label).cloned().unwrap_or_default();
        let title = if label.is_empty() { "上年数".to_string() } else { key.title() };
        out.push(Field { id: out.len(), title, long: key.is_long(), label, reason, help, value, elsewhere });
    };
    // The 上年… labels the findings name (for a bare 【缺少上年数】).
    let prior_labels: Vec<String> = crate::notes_catalog::NOTE_LABELS
        .iter()
        .filter(|n| n.label.starts_with("上年") && findings.iter().any(|f| f.message.contains(n.label)))
        .map(|n| n.label.to_string())
        .collect();
    let mut extra: Vec<(String, String)> = Vec::new();
    for p in placeholders {
        let keys: Vec<AnswerKey> = match narrate::placeholder_key(p) {
            PlaceholderKey::Notes(labels) => labels.iter().filter_map(|l| AnswerKey::parse(l)).collect(),
            PlaceholderKey::Budget(code) => AnswerKey::parse(&format!("{}{code}", BUDGET_PREFIX)).into_iter().collect(),
            PlaceholderKey::Project { project, field } => AnswerKey::parse(&format!("{}{project}：{field}", PROJECT_PREFIX)).into_iter().collect(),
            PlaceholderKey::Prior => prior_labels.iter().filter_map(|l| AnswerKey::parse(l)).collect(),
        };
        // One field per placeholder: its first key not yet asked; the others follow.
        match keys.iter().find(|k| !seen.contains(&k.key())).cloned() {
            Some(first) => {
                seen.push(first.key());
                push(&mut out, first, p.clone(), None);
            }
            None => match keys.first() {
                Some(k) => push(&mut out, k.clone(), p.clone(), Some(format!("与上方“{}”是同一项，填写一处即可", k.title()))),
                None => push(&mut out, AnswerKey::Note(String::new()), p.clone(), Some("请提供上年决算表（--prior）或在说明材料中填写对应的“上年…”项".into())),
            },
        }
        extra.extend(keys.iter().map(|k| (k.key(), p.clone())));
    }
    for f in findings {
        for n in crate::notes_catalog::NOTE_LABELS {
            if f.message.contains(&format!("“{}”", n.label)) {
                extra.push((n.label.to_string(), f.message.clone()));
            }
        }
    }
    extra.extend(answers.keys().map(|l| (l.clone(), "已填写".to_string())));
    for (key, reason) in extra {
        if !seen.contains(&key) {
            seen.push(key.clone());
            if let Some(k) = AnswerKey::parse(&key) {
                push(&mut out, k, reason, None);
            }
        }
    }
    out
}

/// The form keys the department page offers (its fields' keys), the only ones a save accepts.
pub fn offered(placeholders: &[String], findings: &[Finding], answers: &BTreeMap<String, String>) -> BTreeSet<String> {
    fields(placeholders, findings, answers).into_iter().map(|f| f.label).filter(|l| !l.is_empty()).collect()
}

/// Checks one value before it is saved, so that a saved answer can never make the department
/// unreadable or be reported as not a number: amounts (万元, within the reader's range of ±1e20),
/// whole non-negative counts, a 年度 of 2000–2099. Empty is always fine (it clears the answer).
///
/// # Errors
/// The message for the officer, naming the field and the value.
///
/// ```
/// use juesuan::serve::answers::{check_value, AnswerKey};
/// let year = AnswerKey::parse("年度").unwrap();
/// assert!(check_value(&year, "2023").is_ok());
/// assert!(check_value(&year, "1999").unwrap_err().contains("2000–2099"));
/// assert!(check_value(&AnswerKey::parse("预算数：2013101").unwrap(), "1e30").is_err());
/// ```
pub fn check_value(key: &AnswerKey, value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let kind = match key {
        AnswerKey::Note(l) => find_label(l).map_or(NoteKind::Text, |e| e.kind),
        k if k.is_amount() => NoteKind::Amount,
        _ => NoteKind::Text,
    };
    let title = key.title();
    // The reader's money range (a larger cell is refused as 超出金额范围).
    let number = parse_amount(v).filter(|d| d.abs() <= Decimal::from_i128_with_scale(10i128.pow(20), 0));
    match kind {
        NoteKind::Text => Ok(()),
        NoteKind::Amount if number.is_some() => Ok(()),
        NoteKind::Amount => Err(format!("{title}应为金额（万元，如 12.34；绝对值不超过 1e20），收到“{v}”。未保存，请返回修改。")),
        NoteKind::Count if number.is_some_and(|d| d.fract().is_zero() && !d.is_sign_negative()) => Ok(()),
        NoteKind::Count => Err(format!("{title}应为不小于 0 的整数，收到“{v}”。未保存，请返回修改。")),
        NoteKind::Year if v.len() == 4 && v.parse::<i32>().is_ok_and(|y| (2000..=2099).contains(&y)) => Ok(()),
        NoteKind::Year => Err(format!("{title}应为 2000–2099 之间的四位年份（如 2023），收到“{v}”。未保存，请返回修改。")),
    }
}

/// The answers of a submitted form (`label_N` / `value_N` pairs; `label_N` is the field's
/// key): every key must be one the page offered for this department (`offered`), every value
/// pass [`check_value`]; an empty value after a non-empty one of the same key is dropped.
///
/// # Errors
/// The message for the officer (HTTP 400): a key the page never offered, a value too long or
/// of the wrong kind. Nothing is saved then.
pub fn accept(form: &[(String, String)], offered: &BTreeSet<String>) -> Result<BTreeMap<String, String>, String> {
    let value_of = |key: &str| form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let mut answers = BTreeMap::new();
    for (k, key) in form {
        let Some(n) = k.strip_prefix("label_") else { continue };
        let Some(value) = value_of(&format!("value_{n}")) else { continue };
        let dest = AnswerKey::parse(key).filter(|d| offered.contains(&d.key()));
        let Some(dest) = dest else {
            let shown = crate::findings::printable(&key.chars().take(80).collect::<String>());
            return Err(format!("“{shown}”不是本页面为本部门提供的填写项，未保存。请刷新页面，在页面列出的输入框中填写（其他说明材料请改在上传的工作簿中填写）。"));
        };
        if value.len() > 20_000 {
            return Err(format!("{}：内容过长（最多 20000 字节）", dest.title()));
        }
        if value.trim().is_empty() && answers.contains_key(&dest.key()) {
            continue;
        }
        check_value(&dest, value)?;
        answers.insert(dest.key(), value.to_string());
    }
    Ok(answers)
}

/// The answers as a 说明材料 workbook in `juesuan init`'s format: sheet `说明材料` (项目 · 内容,
/// then 分组 and 填写说明 for reference; amounts, counts and years as numbers, text as text),
/// and when answered sheets `预算数` (科目编码 · 全年预算数 · 年初预算数) and `项目绩效`
/// (项目名称 · 预算数 · 执行数 · 绩效目标完成情况综述; unanswered cells left empty, so the
/// uploaded values stay).
///
/// # Errors
/// The workbook writer's.
pub fn workbook(answers: &BTreeMap<String, String>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut notes: Vec<(String, &String)> = Vec::new();
    let mut budgets: Vec<(String, &String)> = Vec::new();
    let mut projects: BTreeMap<String, BTreeMap<String, &String>> = BTreeMap::new();
    for (k, v) in answers {
        match AnswerKey::parse(k) {
            Some(AnswerKey::Note(l)) => notes.push((l, v)),
            Some(AnswerKey::Budget(c)) => budgets.push((c, v)),
            Some(AnswerKey::Project { project, field }) => {
                projects.entry(project).or_default().insert(field, v);
            }
            // Kept as given (an older state file): the reader treats it as a label.
            None => notes.push((k.clone(), v)),
        }
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    let number = |v: &str| parse_amount(v).and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d)).filter(|f| f.is_finite());
    let ws = wb.add_worksheet();
    ws.set_name("说明材料")?;
    for (c, h) in ["项目", "内容", "分组", "填写说明"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // Catalogue order first, then any other labels.
    let pos = |l: &str| crate::notes_catalog::NOTE_LABELS.iter().position(|n| crate::model::note_key(n.label) == crate::model::note_key(l)).unwrap_or(usize::MAX);
    notes.sort_by_key(|(l, _)| pos(l));
    for (i, (label, value)) in notes.into_iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, label.as_str())?;
        let entry = find_label(&label);
        let n = match entry.map(|e| e.kind) {
            Some(NoteKind::Amount | NoteKind::Count | NoteKind::Year) => value.trim().parse::<f64>().ok().filter(|v| v.is_finite()),
            _ => None,
        };
        match n {
            Some(v) => ws.write_number(r, 1, v)?,
            None => ws.write_string_with_format(r, 1, value.as_str(), &wrap)?,
        };
        if let Some(e) = entry {
            ws.write_string(r, 2, e.group)?;
            ws.write_string(r, 3, e.help)?;
        }
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 80)?;
    ws.set_column_width(3, 50)?;
    if !budgets.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("预算数")?;
        for (c, h) in ["科目编码", "全年预算数", "年初预算数"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, (code, value)) in budgets.into_iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, code.as_str())?;
            match number(value) {
                Some(v) => ws.write_number(r, 1, v)?,
                None => ws.write_string(r, 1, value.as_str())?,
            };
        }
        ws.set_column_width(0, 14)?;
        ws.set_column_width(1, 16)?;
        ws.set_column_width(2, 16)?;
    }
    if !projects.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("项目绩效")?;
        ws.write_string_with_format(0, 0, "项目名称", &bold)?;
        for (c, h) in PROJECT_FIELDS.iter().enumerate() {
            ws.write_string_with_format(0, 1 + c as u16, *h, &bold)?;
        }
        for (i, (project, fields)) in projects.into_iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, project.as_str())?;
            for (c, f) in PROJECT_FIELDS.iter().enumerate() {
                let Some(value) = fields.get(*f) else { continue };
                let col = 1 + c as u16;
                match (c < 2).then(|| number(value)).flatten() {
                    Some(v) => ws.write_number(r, col, v)?,
                    None => ws.write_string_with_format(r, col, value.as_str(), &wrap)?,
                };
            }
        }
        ws.set_column_width(0, 30)?;
        ws.set_column_width(3, 16)?;
        ws.set_column_width(4, 80)?;
    }
    wb.save_to_buffer()
}
