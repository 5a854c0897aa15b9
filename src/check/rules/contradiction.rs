//! Cross-section contradictions between what the 绩效 texts say and the grades
//! (X-TEXT-CONTRADICTION, 警告): the report prints the 说明材料 texts (十 预算绩效管理情况, 第四部分
//! 附件, 附件1 `绩效评价：…`, 附件2 `项目评价：…`) and the 绩效自评表's own 评价结论 / 年度目标完成情况
//! (十 绩效自评综述, 附件2) next to the forms' 合计得分, so a reviewer reads both. Three pairs
//! contradict each other:
//!
//! 1. a text says the goals were only partly met ([`Claim::Partial`]: 基本完成, 部分完成, 未完成…)
//!    while the grades are all 优 — every form's 合计得分 ≥ 90, or `绩效评价：自评得分` ≥ 90, or
//!    another text says so (`自评结果均为“优”`); for a project's own text, that project's score;
//! 2. a text says they were fully met ([`Claim::Full`]: 全部完成, 圆满完成…) while a project
//!    scored below 80 (中/差); for a project's own text, that project's score;
//! 3. a text says every grade is 优 ([`Claim::AllExcellent`]) while a form scored below 90.
//!
//! The vocabulary is data, [`CLAIM_PHRASES`], one entry per phrase with an example sentence
//! (a test reads every example back). Phrases are matched longest first, so `未全部完成` is a
//! partial claim and not `全部完成`, and the [`Claim::Not`] entries (`未完成原因分析`, `均为优良`)
//! swallow text that only looks like a claim. Quotes and white space are ignored
//! (`均为“优”` = `均为优`). Grades follow 财预〔2020〕10号: 90（含）以上优，80（含）–90良，
//! 60（含）–80中，60以下差 ([`grade`]).

use super::rid;
use crate::findings::{Finding, Severity};
use crate::model::{note_key, Book, CellRef, PerfForm};
use crate::notes_catalog::{find_label, project_eval_label, NoteKind};
use rust_decimal::Decimal;

/// What a phrase says about the year's 绩效 goals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Partly met.
    Partial,
    /// Fully met.
    Full,
    /// Every grade is 优.
    AllExcellent,
    /// Not a claim, although it holds a shorter phrase that is one (matched first).
    Not,
}

/// One phrase of the vocabulary, with a sentence that uses it.
#[derive(Clone, Copy, Debug)]
pub struct ClaimPhrase {
    /// The words, without quotes or white space.
    pub phrase: &'static str,
    /// What they claim.
    pub claim: Claim,
    /// A sentence using them (read back by a test: its first claim must be `claim`).
    pub example: &'static str,
}

const fn p(phrase: &'static str, claim: Claim, example: &'static str) -> ClaimPhrase {
    ClaimPhrase { phrase, claim, example }
}

use Claim::*;

/// The vocabulary of [`Claim`]s, reviewable in one place.
pub const CLAIM_PHRASES: &[ClaimPhrase] = &[
    // the goals were only partly met
    p("基本完成", Partial, "项目绩效目标基本完成。"),
    p("部分完成", Partial, "年度目标部分完成，监测点建设滞后。"),
    p("未完成", Partial, "2项产出指标未完成。"),
    p("未全部完成", Partial, "年度绩效目标未全部完成。"),
    p("未能完成", Partial, "受天气影响，统防统治任务未能完成。"),
    p("未能全部完成", Partial, "部分指标未能全部完成。"),
    p("未全面完成", Partial, "年度任务未全面完成。"),
    p("没有完成", Partial, "培训任务没有完成。"),
    p("未达到", Partial, "服务对象满意度未达到预期目标。"),
    p("未达成", Partial, "部分绩效目标未达成。"),
    // the goals were fully met
    p("全部完成", Full, "项目年度目标全部完成。"),
    p("圆满完成", Full, "圆满完成各项服务保障任务。"),
    p("全面完成", Full, "各项职能任务全面完成。"),
    p("均已完成", Full, "各项绩效指标均已完成。"),
    p("全部实现", Full, "年度绩效目标全部实现。"),
    p("全部达成", Full, "绩效目标全部达成。"),
    p("均达100%", Full, "绩效目标完成情况均达100%。"),
    // every grade is 优
    p("均为优", AllExcellent, "各项目自评结果均为“优”。"),
    p("全部为优", AllExcellent, "项目自评等级全部为优。"),
    p("均评为优", AllExcellent, "4个项目均评为优。"),
    p("均达到优", AllExcellent, "各项目自评均达到优秀等级。"),
    // look like a claim, are not
    p("未完成原因", Not, "已在“未完成原因分析”栏说明。"),
    p("无未完成", Not, "全年无未完成指标。"),
    p("没有未完成", Not, "没有未完成的指标。"),
    p("不存在未完成", Not, "不存在未完成的任务。"),
    p("执行率未达到", Not, "预算执行率未达到90%，原因是尾款次年支付。"),
    p("均为优良", Not, "服务质量均为优良。"),
];

/// The grade of a 合计得分 (财预〔2020〕10号).
///
/// ```
/// # use juesuan::check::grade;
/// # use rust_decimal::Decimal;
/// assert_eq!(grade(Decimal::from(90)), "优");
/// assert_eq!(grade(Decimal::new(8999, 2)), "良");
/// assert_eq!(grade(Decimal::from(60)), "中");
/// assert_eq!(grade(Decimal::from(59)), "差");
/// ```
pub fn grade(score: Decimal) -> &'static str {
    if score >= EXCELLENT {
        "优"
    } else if score >= GOOD {
        "良"
    } else if score >= Decimal::from(60) {
        "中"
    } else {
        "差"
    }
}

const EXCELLENT: Decimal = Decimal::from_parts(90, 0, 0, false, 0);
const GOOD: Decimal = Decimal::from_parts(80, 0, 0, false, 0);

/// A claim found in a text: what, the phrase, and the sentence holding it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The claim.
    pub claim: Claim,
    /// The phrase of [`CLAIM_PHRASES`].
    pub phrase: &'static str,
    /// The sentence of the text holding it (trimmed, shortened to 60 characters).
    pub sentence: String,
}

/// Text as matched: no white space, no quotes.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』')).collect()
}

/// The claims of a text, in sentence order; within a sentence longest phrase first, each
/// character counted once. `Not` entries are matched but not returned.
///
/// ```
/// # use juesuan::check::{claims, Claim};
/// let c = claims("目标基本完成。自评结果均为“优”；年度目标未全部完成。");
/// let kinds: Vec<Claim> = c.iter().map(|f| f.claim).collect();
/// assert_eq!(kinds, [Claim::Partial, Claim::AllExcellent, Claim::Partial]);
/// assert!(claims("已在未完成原因分析栏说明。").is_empty());
/// ```
pub fn claims(text: &str) -> Vec<Found> {
    let mut by_length: Vec<&ClaimPhrase> = CLAIM_PHRASES.iter().collect();
    by_length.sort_by_key(|p| std::cmp::Reverse(p.phrase.chars().count()));
    let mut out = Vec::new();
    for sentence in text.split(['。', '；', ';', '！', '!', '？', '?', '\n']) {
        let mut rest = squeeze(sentence);
        let mut found: Vec<(usize, &ClaimPhrase)> = Vec::new();
        for p in &by_length {
            while let Some(at) = rest.find(p.phrase) {
                found.push((at, p));
                rest.replace_range(at..at + p.phrase.len(), &"\u{0}".repeat(p.phrase.len()));
            }
        }
        found.sort_by_key(|(at, _)| *at);
        let shown = shorten(sentence.trim());
        out.extend(found.into_iter().filter(|(_, p)| p.claim != Not).map(|(_, p)| Found { claim: p.claim, phrase: p.phrase, sentence: shown.clone() }));
    }
    out
}

/// At most 60 characters, `…` when cut.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        return s.to_string();
    }
    let mut t: String = s.chars().take(59).collect();
    t.push('…');
    t
}

/// A text the report prints, where, and whose project it speaks for.
struct Said {
    /// Where the report prints it and which input it comes from.
    place: String,
    at: Option<CellRef>,
    /// The form whose project the text is about (`None`: the department as a whole).
    form: Option<usize>,
    claims: Vec<Found>,
}

/// A 合计得分 and where it was read.
struct Score {
    who: String,
    value: Decimal,
    at: Option<CellRef>,
}

/// Runs the rule.
pub(crate) fn check(book: &Book) -> Vec<Finding> {
    let said = texts(book);
    let forms: Vec<Option<Score>> = book.forms.iter().map(|f| f.total_score.as_ref().map(|s| Score { who: format!("自评表“{}”合计得分", f.name), value: s.value, at: Some(s.at.clone()) })).collect();
    let department = department_score(book);
    let mut out = Vec::new();
    for s in &said {
        let first = |c: Claim| s.claims.iter().find(|f| f.claim == c);
        let own = s.form.and_then(|i| forms.get(i)).and_then(Option::as_ref);
        if let Some(f) = first(Partial) {
            let other = match s.form {
                Some(_) => own.filter(|o| o.value >= EXCELLENT).map(score_evidence),
                None => all_excellent(&said, s, &forms, department.as_ref()),
            };
            if let Some(other) = other {
                out.push(finding(s, f, other));
            }
        }
        if let Some(f) = first(Full) {
            let low = match s.form {
                Some(_) => own.filter(|o| o.value < GOOD),
                None => lowest(&forms, department.as_ref()).filter(|o| o.value < GOOD),
            };
            if let Some(low) = low {
                out.push(finding(s, f, score_evidence(low)));
            }
        }
        if let Some(f) = first(AllExcellent) {
            let scores: Vec<&Score> = match s.form {
                Some(_) => own.into_iter().collect(),
                None => forms.iter().flatten().collect(),
            };
            if let Some(low) = scores.into_iter().filter(|o| o.value < EXCELLENT).min_by_key(|o| o.value) {
                out.push(finding(s, f, score_evidence(low)));
            }
        }
    }
    out
}

/// The other side of a contradiction: what it says, and its cells.
struct Evidence {
    text: String,
    at: Vec<(String, Option<CellRef>, Option<Decimal>)>,
}

fn score_evidence(s: &Score) -> Evidence {
    let v = s.value.normalize();
    Evidence { text: format!("{}为{v}分（等级为{}）", s.who, grade(s.value)), at: vec![(s.who.clone(), s.at.clone(), Some(s.value))] }
}

/// Why the grades are all 优, for a department-wide text: another text saying so, else every
/// form at ≥ 90, else `绩效评价：自评得分` ≥ 90.
fn all_excellent(said: &[Said], this: &Said, forms: &[Option<Score>], department: Option<&Score>) -> Option<Evidence> {
    if let Some((t, f)) = said.iter().filter(|t| !std::ptr::eq(*t, this) && t.form.is_none()).find_map(|t| t.claims.iter().find(|f| f.claim == AllExcellent).map(|f| (t, f))) {
        return Some(Evidence { text: format!("{}写“{}”", t.place, f.sentence), at: vec![(t.place.clone(), t.at.clone(), None)] });
    }
    let scores: Option<Vec<&Score>> = forms.iter().map(Option::as_ref).collect();
    if let Some(scores) = scores.filter(|s| !s.is_empty() && s.iter().all(|o| o.value >= EXCELLENT)) {
        let list: Vec<String> = scores.iter().map(|s| format!("{}{}分", s.who.trim_end_matches("合计得分"), s.value.normalize())).collect();
        let text = format!("{}张绩效自评表的合计得分均在90分以上（等级均为优：{}）", scores.len(), list.join("、"));
        return Some(Evidence { text, at: scores.iter().map(|s| (s.who.clone(), s.at.clone(), Some(s.value))).collect() });
    }
    department.filter(|d| d.value >= EXCELLENT).map(score_evidence)
}

/// The lowest score of the forms and the department.
fn lowest<'a>(forms: &'a [Option<Score>], department: Option<&'a Score>) -> Option<&'a Score> {
    forms.iter().flatten().chain(department).min_by_key(|s| s.value)
}

fn finding(s: &Said, f: &Found, other: Evidence) -> Finding {
    let message = format!("{}写“{}”（{}），而{}；两处说法互相矛盾，请统一（改写文字或核对自评得分）", s.place, f.sentence, f.phrase, other.text);
    let mut out = Finding::new(Severity::Warning, rid("X-TEXT-CONTRADICTION"), message).at(s.place.clone(), s.at.clone(), None);
    for (label, at, value) in other.at {
        out = out.at(label, at, value);
    }
    out
}

/// `绩效评价：自评得分` as a number: the first number of its text (`98分，等级为优` → 98).
fn department_score(book: &Book) -> Option<Score> {
    let n = book.note("绩效评价：自评得分")?;
    let digits: String = n.text.trim().chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: Decimal = digits.trim_end_matches('.').parse().ok()?;
    Some(Score { who: "说明材料“绩效评价：自评得分”".into(), value, at: Some(n.at.clone()) })
}

/// A stored label as the catalogue spells it (`项目评价:X:评价结论` → `项目评价：X：评价结论`).
fn shown(label: &str) -> String {
    label.replace(':', "：").replace('(', "（").replace(')', "）")
}

/// The 绩效 texts the report prints, with their places.
fn texts(book: &Book) -> Vec<Said> {
    let mut out = Vec::new();
    let eval = note_key(crate::derive::evaluation::EVAL_PREFIX);
    for n in &book.notes {
        if n.text.trim().is_empty() {
            continue;
        }
        let label = shown(&n.label);
        let (place, form) = if n.label == note_key("预算绩效管理情况") {
            ("十、其他重要事项的情况说明 · 预算绩效管理情况".to_string(), None)
        } else if n.label == note_key("附件") {
            ("第四部分 附件".to_string(), None)
        } else if n.label.starts_with(&eval) {
            let Some(entry) = find_label(&n.label).filter(|e| e.kind == NoteKind::Text) else { continue };
            // the catalogue's help names the section; a closing remark in brackets is left out
            let help = match entry.help.strip_suffix('）').and_then(|h| h.rfind('（').map(|i| &entry.help[..i])) {
                Some(h) => h,
                None => entry.help,
            };
            let place = if entry.help.starts_with("附件1") { help.to_string() } else { format!("附件1 {help}") };
            (place, None)
        } else if let Some((project, section)) = project_eval_label(&shown(&n.label)) {
            (format!("附件2 {project} {section}"), form_of(book, &project))
        } else {
            continue;
        };
        out.push(Said { place: format!("{place}（说明材料“{label}”）"), at: Some(n.at.clone()), form, claims: claims(&n.text) });
    }
    for (i, f) in book.forms.iter().enumerate() {
        for (what, t) in [("评价结论", &f.conclusion), ("年度目标完成情况", &f.achieved)] {
            if let Some(t) = t.as_ref().filter(|t| !t.text.trim().is_empty()) {
                out.push(Said { place: format!("自评表“{}”{what}", f.name), at: Some(t.at.clone()), form: Some(i), claims: claims(&t.text) });
            }
        }
    }
    out
}

/// The form a `项目评价：<项目名称>` label speaks of (by short name, name, or code-name).
fn form_of(book: &Book, project: &str) -> Option<usize> {
    let key = note_key(project);
    let names = |f: &PerfForm| {
        let mut n = vec![f.short_name().to_string(), f.name.clone()];
        if let Some(code) = &f.code {
            n.push(format!("{code}-{}", f.name));
        }
        n
    };
    book.forms.iter().position(|f| names(f).iter().any(|n| note_key(n) == key))
}

#[cfg(test)]
mod tests;
