use super::*;
use crate::doc::{ChartKind, Series};

fn headings(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect()
}

#[test]
fn numbering_is_generated_and_resets() {
    let src = "# 部门概况\n## 部门职责\n## 机构设置\n# 决算情况说明\n## 收支\n### 总体\n### 结构\n#### 细项\n#### 细项二\n### 具体\n## 收入\n";
    let b = parse(src, &[]).unwrap();
    assert_eq!(
        headings(&b),
        ["第一部分 部门概况", "一、部门职责", "二、机构设置", "第二部分 决算情况说明", "一、收支", "（一）总体", "（二）结构", "1.细项", "2.细项二", "（三）具体", "二、收入"]
    );
}

#[test]
fn absent_optional_sections_leave_no_gap() {
    // What a template emits when 八 (optional) renders nothing: the next section is 八, not 九.
    let src = "## 七\n{}\n## 九\n".replace("{}", "");
    let b = parse(&src, &[]).unwrap();
    assert_eq!(headings(&b), ["一、七", "二、九"]);
}

#[test]
fn unnumbered_headings_do_not_count() {
    let b = parse("# 甲\n#! 目录\n# 乙\n##! 附件1\n## 丙\n", &[]).unwrap();
    assert_eq!(headings(&b), ["第一部分 甲", "目录", "第二部分 乙", "附件1", "一、丙"]);
}

#[test]
fn list_items_are_numbered_per_heading() {
    let b = parse("## 甲\n+ 一项\n中间段落\n+ 二项\n## 乙\n+ 再一项\n", &[]).unwrap();
    assert_eq!(texts(&b), ["1.一项", "中间段落", "2.二项", "1.再一项"]);
}

#[test]
fn directives() {
    let chart = Chart { number: 2, kind: ChartKind::Pie, caption: "图2：收入决算结构图".into(), categories: vec!["甲".into()], series: vec![Series { name: "占比".into(), values: vec![rust_decimal::Decimal::ONE] }] };
    let b = parse("@toc\n@pagebreak\n@center **标题**\n@plain 无缩进\n@chart 2\n@table 01\n@table 13\n@table 05 自定义表名\n", std::slice::from_ref(&chart)).unwrap();
    assert_eq!(b[0], Block::Toc);
    assert_eq!(b[1], Block::PageBreak);
    match &b[2] {
        Block::Paragraph(p) => {
            assert_eq!(p.style, ParaStyle::Center);
            assert_eq!(p.runs, vec![Run { text: "标题".into(), placeholder: false, bold: true }]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&b[3], Block::Paragraph(p) if p.style == ParaStyle::Plain));
    assert_eq!(b[4], Block::Chart(chart));
    assert_eq!(b[5], Block::AnnexTable { table: TableId::T01, caption: "一、收入支出决算总表".into() });
    assert_eq!(b[6], Block::AnnexTable { table: TableId::T13, caption: "二、财政拨款“三公”经费支出决算表".into() });
    assert_eq!(b[7], Block::AnnexTable { table: TableId::T05, caption: "三、自定义表名".into() });
}

#[test]
fn bad_directives_are_errors_with_line() {
    let e = parse("正文\n@chrat 1\n", &[]).unwrap_err();
    assert!(matches!(&e, NarrateError::Markup { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("@chrat"));
    assert!(matches!(parse("@chart x", &[]).unwrap_err(), NarrateError::Markup { .. }));
    assert!(matches!(parse("@chart 7", &[]).unwrap_err(), NarrateError::MissingChart { number: 7 }));
    assert!(matches!(parse("@table 14", &[]).unwrap_err(), NarrateError::Markup { .. }));
    assert!(matches!(parse("#####  五级", &[]).unwrap_err(), NarrateError::Markup { .. }));
    assert!(matches!(parse("##标题", &[]).unwrap_err(), NarrateError::Markup { .. }));
}

#[test]
fn escapes_keep_markup_characters_as_text() {
    let b = parse("\\# 不是标题\n\\@chart 1\n\\+ 不是列表\n", &[]).unwrap();
    assert_eq!(texts(&b), ["# 不是标题", "@chart 1", "+ 不是列表"]);
}

#[test]
fn placeholder_and_bold_runs() {
    let r = runs("主要原因是【请补充：收支总计变动原因】。**注意**【缺少上年数】【普通括号】");
    let view: Vec<(&str, bool, bool)> = r.iter().map(|r| (r.text.as_str(), r.placeholder, r.bold)).collect();
    assert_eq!(
        view,
        [
            ("主要原因是", false, false),
            ("【请补充：收支总计变动原因】", true, false),
            ("。", false, false),
            ("注意", false, true),
            ("【缺少上年数】", true, false),
            ("【普通括号】", false, false),
        ]
    );
}

#[test]
fn unterminated_placeholder_runs_to_end() {
    let r = runs("甲【请补充：没有结尾");
    assert_eq!(r.len(), 2);
    assert!(r[1].placeholder);
}

#[test]
fn forms_and_renumbering() {
    let b = parse("# 附件\n## 甲\n@form 2 春节慰问费\n@renumber\n## 乙\n### 丙\n", &[]).unwrap();
    assert_eq!(b[2], Block::PerfForm { index: 2, name: "春节慰问费".into() });
    assert_eq!(headings(&b), ["第一部分 附件", "一、甲", "一、乙", "（一）丙"]);
    for bad in ["@form", "@form 0", "@form x"] {
        let err = parse(bad, &[]).unwrap_err().to_string();
        assert!(err.contains("@form 需要自评表序号"), "{bad}: {err}");
    }
}
