use super::super::testutil::*;
use super::*;
use crate::findings::Severity;
use crate::model::{FormNumber, FormText};
use crate::testkit::{d, sample_book, sample_book_with_forms, sample_form};

#[test]
fn every_phrase_is_read_back_from_its_example() {
    for p in CLAIM_PHRASES {
        assert!(squeeze(p.example).contains(p.phrase), "{}: example “{}” lacks the phrase", p.phrase, p.example);
        let c = claims(p.example);
        match p.claim {
            Not => assert!(c.is_empty(), "{}: “{}” read as {c:?}", p.phrase, p.example),
            claim => assert_eq!(c.first().map(|f| (f.claim, f.phrase)), Some((claim, p.phrase)), "{}: “{}”", p.phrase, p.example),
        }
    }
    // each phrase once
    for (i, a) in CLAIM_PHRASES.iter().enumerate() {
        assert!(CLAIM_PHRASES[i + 1..].iter().all(|b| b.phrase != a.phrase), "duplicate {}", a.phrase);
    }
}

#[test]
fn longest_phrase_wins_and_quotes_are_ignored() {
    assert_eq!(claims("目标未全部完成。").iter().map(|f| f.phrase).collect::<Vec<_>>(), ["未全部完成"]);
    assert_eq!(claims("自评结果均为“优”。")[0].claim, AllExcellent);
    assert_eq!(claims("自评结果均为 \"优\"")[0].claim, AllExcellent);
    assert!(claims("服务质量均为优良，已在未完成原因分析栏说明。").is_empty());
    assert!(claims("资金使用合规。").is_empty());
    let c = claims("示范推广目标基本完成，统防统治覆盖率未达目标。其余全部完成。");
    assert_eq!(c.iter().map(|f| (f.claim, f.sentence.as_str())).collect::<Vec<_>>(), [(Partial, "示范推广目标基本完成，统防统治覆盖率未达目标"), (Full, "其余全部完成")]);
}

#[test]
fn grades_follow_the_thresholds() {
    for (score, g) in [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.5", "中"), ("60", "中"), ("59.99", "差")] {
        assert_eq!(grade(d(score)), g, "{score}");
    }
}

fn note(b: &mut crate::model::Book, label: &str, text: &str) {
    b.notes.retain(|n| n.label != note_key(label));
    let at = CellRef::new(&"testkit.xlsx".into(), &"说明材料".into(), 150 + b.notes.len() as u32, 1);
    b.notes.push(crate::model::NoteEntry { label: note_key(label), text: text.into(), at });
}

#[test]
fn the_testkit_books_are_consistent() {
    assert!(check(&sample_book()).is_empty());
    assert!(check(&sample_book_with_forms()).is_empty(), "{:#?}", check(&sample_book_with_forms()));
}

/// The issue's own case: 目标基本完成 in one section, 自评结果均为“优” in another.
#[test]
fn partly_met_against_a_text_saying_all_excellent() {
    let mut b = sample_book();
    note(&mut b, "绩效评价：目标实现", "各项绩效目标基本完成。");
    note(&mut b, "附件", "部门整体和各项目自评结果均为“优”。");
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].severity, f[0].rule.as_str()), (Severity::Warning, "X-TEXT-CONTRADICTION"));
    assert_eq!(
        f[0].message,
        "附件1 三（二）3 项目目标实现情况（说明材料“绩效评价：目标实现”）写“各项绩效目标基本完成”（基本完成），而第四部分 附件（说明材料“附件”）写“部门整体和各项目自评结果均为“优””；两处说法互相矛盾，请统一（改写文字或核对自评得分）"
    );
    let cells: Vec<String> = f[0].locations.iter().map(|l| l.at.as_ref().map(|a| a.a1()).unwrap_or_default()).collect();
    let notes_at = |label: &str| b.notes.iter().find(|n| n.label == note_key(label)).map(|n| n.at.a1()).unwrap();
    assert_eq!(cells, [notes_at("绩效评价：目标实现"), notes_at("附件")]);
}

#[test]
fn partly_met_against_forms_all_at_ninety_or_more() {
    let mut b = sample_book_with_forms();
    note(&mut b, "预算绩效管理情况", "本年度项目绩效目标部分完成。");
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.starts_with("十、其他重要事项的情况说明 · 预算绩效管理情况（说明材料“预算绩效管理情况”）写“本年度项目绩效目标部分完成”（部分完成），而3张绩效自评表的合计得分均在90分以上（等级均为优：自评表“春节慰问费（2023）”100分、自评表“党史研究专项工作经费”100分、自评表“档案工作经费（2023）”94.81分）"), "{}", f[0].message);
    assert_eq!(f[0].locations.len(), 4);
    // One form at 89 (良): not all 优, and the department score alone decides.
    b.forms[2].total_score.as_mut().unwrap().value = d("89");
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("而说明材料“绩效评价：自评得分”为98分（等级为优）"), "{}", f[0].message);
    note(&mut b, "绩效评价：自评得分", "88分，等级为良");
    assert!(check(&b).is_empty(), "{:#?}", check(&b));
}

#[test]
fn a_projects_own_text_against_its_own_score() {
    let mut b = sample_book_with_forms();
    b.forms[0].conclusion = Some(FormText { text: "项目绩效目标基本完成。".into(), at: b.forms[0].name_at.clone() });
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].message, "自评表“春节慰问费（2023）”评价结论写“项目绩效目标基本完成”（基本完成），而自评表“春节慰问费（2023）”合计得分为100分（等级为优）；两处说法互相矛盾，请统一（改写文字或核对自评得分）");
    // a 项目评价 label is matched to its form by name
    b.forms[0].conclusion = None;
    note(&mut b, "项目评价：档案工作经费（2023）：评价结论", "年度目标未全部完成。");
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.starts_with("附件2 档案工作经费（2023） 评价结论（说明材料“项目评价：档案工作经费（2023）：评价结论”）写“年度目标未全部完成”（未全部完成），而自评表“档案工作经费（2023）”合计得分为94.81分"), "{}", f[0].message);
    // at 85 (良) the partial claim stands
    b.forms[2].total_score.as_mut().unwrap().value = d("85");
    assert!(check(&b).iter().all(|x| !x.message.contains("未全部完成")), "{:#?}", check(&b));
}

#[test]
fn fully_met_against_a_score_below_eighty() {
    let mut b = sample_book_with_forms();
    // sample_form's 年度目标完成情况 says 全部完成; at 75 (中) that is a contradiction.
    b.forms[1].total_score = Some(FormNumber { value: d("75"), at: b.forms[1].name_at.clone() });
    let f = check(&b);
    let own: Vec<&Finding> = f.iter().filter(|x| x.message.starts_with("自评表“党史研究专项工作经费”")).collect();
    assert_eq!(own.len(), 2, "{f:#?}"); // 年度目标完成情况 全部完成 and 评价结论 圆满完成
    assert!(own[0].message.contains("而自评表“党史研究专项工作经费”合计得分为75分（等级为中）"), "{}", own[0].message);
    // a department-wide 全部完成 against the lowest project
    note(&mut b, "绩效评价：评价结论", "部门整体绩效目标全面完成。");
    let f = check(&b);
    assert!(f.iter().any(|x| x.message.starts_with("附件1 四（二）评价结论（说明材料“绩效评价：评价结论”）写“部门整体绩效目标全面完成”（全面完成），而自评表“党史研究专项工作经费”合计得分为75分（等级为中）")), "{f:#?}");
    // at 80 (良) nothing
    b.forms[1].total_score.as_mut().unwrap().value = d("80");
    assert!(check(&b).is_empty(), "{:#?}", check(&b));
}

#[test]
fn all_excellent_against_a_form_below_ninety() {
    let mut b = sample_book_with_forms();
    note(&mut b, "附件", "3个项目自评结果均为“优”。");
    assert!(check(&b).is_empty());
    b.forms[2].total_score.as_mut().unwrap().value = d("86.5");
    let f = check(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("写“3个项目自评结果均为“优””（均为优），而自评表“档案工作经费（2023）”合计得分为86.5分（等级为良）"), "{}", f[0].message);
}

#[test]
fn no_form_no_score_no_finding() {
    let mut b = sample_book();
    note(&mut b, "预算绩效管理情况", "绩效目标基本完成。");
    assert!(check(&b).is_empty());
    let mut form = sample_form("春节慰问费（2023）", "4", "4");
    form.total_score = None;
    b.forms = vec![form];
    assert!(check(&b).is_empty(), "a form without 合计得分 proves nothing: {:#?}", check(&b));
}

#[test]
fn the_rule_runs_in_check() {
    let mut b = sample_book();
    with_notes_into(&mut b);
    assert!(only(&run(b), "X-TEXT-CONTRADICTION").len() == 1);
}

fn with_notes_into(b: &mut crate::model::Book) {
    note(b, "绩效评价：目标实现", "目标基本完成。");
    note(b, "绩效评价：自评得分", "95分，等级为优");
}
