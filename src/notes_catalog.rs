//! The 说明材料 labels: the public interface of our own sheet (input contract §4).
//!
//! One catalogue serves the reader (which labels are known), `init` (the blank template lists
//! every label with its instruction and an example), `check` (unknown or missing labels) and
//! `derive` (which label feeds which figure). Amount labels are in 万元 unless the label ends
//! with `（元）`.

/// What kind of value a label holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Free text (line breaks are paragraph breaks).
    Text,
    /// An amount in 万元.
    Amount,
    /// A whole number (团组, 人次, 辆 …).
    Count,
    /// A year (e.g. 2023).
    Year,
}

/// One label of the 说明材料 sheet.
#[derive(Clone, Copy, Debug)]
pub struct NoteLabel {
    /// The label exactly as `init` writes it.
    pub label: &'static str,
    /// Group shown in the template (基本, 第一部分, 变动原因, 上年数, 三公, 其他重要事项, 第四部分).
    pub group: &'static str,
    /// Kind of value.
    pub kind: NoteKind,
    /// Instruction for the finance officer.
    pub help: &'static str,
    /// An example value.
    pub example: &'static str,
}

const fn l(label: &'static str, group: &'static str, kind: NoteKind, help: &'static str, example: &'static str) -> NoteLabel {
    NoteLabel { label, group, kind, help, example }
}

use NoteKind::*;

/// Prefix of the per-subject reason labels: `预决算差异原因：2013101`.
pub const SUBJECT_REASON_PREFIX: &str = "预决算差异原因：";

// Per-project labels (附件2), a second prefix next to SUBJECT_REASON_PREFIX, paste verbatim:
/// Prefix of the per-project evaluation labels: `项目评价：春节慰问费：评价结论`.
pub const PROJECT_EVAL_PREFIX: &str = "项目评价：";
/// The 小节 of a per-project evaluation label, in the seed's order (附件2).
pub const PROJECT_EVAL_SECTIONS: &[&str] = &["设立背景及基本情况", "实施目的及支持方向", "项目绩效目标设置", "评价目的", "预设问题及评价重点", "评价选点", "评价方法", "通用指标绩效分析", "专用指标绩效分析", "个性指标绩效分析", "评价结论", "存在主要问题", "改进建议"];

/// Prefix of the per-subject glossary labels: `名词解释：2130106` holds the department's own
/// explanation of that function subject for 第三部分 名词解释. It wins over the built-in
/// dictionary (the department knows what its subject covers); without it, a subject the
/// dictionary does not know is a placeholder `【请补充：名词解释：2130106】`.
pub const GLOSSARY_PREFIX: &str = "名词解释：";

/// The subject code of a glossary label `名词解释：<编码>` (3, 5 or 7 digits, white space and
/// full-/half-width colon allowed); `None` for any other label.
///
/// ```
/// use juesuan::notes_catalog::glossary_label;
/// assert_eq!(glossary_label("名词解释：2130106").as_deref(), Some("2130106"));
/// assert_eq!(glossary_label("名词解释: 2130106 ").as_deref(), Some("2130106"));
/// assert_eq!(glossary_label("名词解释：科技推广"), None);
/// assert_eq!(glossary_label("名词解释：213010"), None);
/// ```
pub fn glossary_label(label: &str) -> Option<String> {
    let t = label.trim();
    let rest = t.strip_prefix(GLOSSARY_PREFIX).or_else(|| t.strip_prefix("名词解释:"))?;
    crate::model::SubjectCode::parse(rest.trim()).map(|c| c.as_str().to_string())
}

/// Every fixed label, in template order. (Per-subject reasons use [`SUBJECT_REASON_PREFIX`].)
pub const NOTE_LABELS: &[NoteLabel] = &[
    l("部门名称", "基本", Text, "覆盖表头“编制单位/部门”中的名称（可不填）", "中共某某区委办公室"),
    l("部门简称", "基本", Text, "正文中使用的简称（可不填，默认用部门名称）", "区委办"),
    l("年度", "基本", Year, "决算年度，覆盖表头中的年度（可不填）", "2023"),
    l("单位性质", "基本", Text, "行政单位、参照公务员法管理事业单位或事业单位；事业单位（非参公）的报告写明不涉及机关运行经费", "行政单位"),
    l("主要职能", "第一部分", Text, "部门职责，每条一段（单元格内换行即分段）", "（1）贯彻落实党的路线、方针、政策……"),
    l("重点工作完成情况", "第一部分", Text, "本年度重点工作完成情况（可不填）", "全年起草各类文稿500余篇……"),
    l("机构设置", "第一部分", Text, "内设机构、下属单位及纳入决算编制范围的二级单位", "下属事业单位4个，其中……"),
    l("收支总计变动原因", "变动原因", Text, "收、支总计较上年变动的主要原因", "人员经费增加。"),
    l("收入变动原因", "变动原因", Text, "本年收入合计较上年变动的主要原因", "财政拨款增加。"),
    l("支出变动原因", "变动原因", Text, "本年支出合计较上年变动的主要原因", "项目支出增加。"),
    l("财政拨款收支变动原因", "变动原因", Text, "财政拨款收、支总计较上年变动的主要原因", "人员经费增加。"),
    l("一般公共预算财政拨款支出变动原因", "变动原因", Text, "一般公共预算财政拨款支出较上年变动的主要原因", "人员经费增加。"),
    l("三公经费预算执行说明", "变动原因", Text, "“三公”经费决算数与预算数差异的原因（只用于预算执行句）", "严格执行中央八项规定精神，压减公务接待。"),
    l("三公经费变动原因", "变动原因", Text, "“三公”经费合计较上年变动的原因（只用于同比句）", "公务用车划入1辆，运行维护费增加。"),
    l("因公出国（境）费变动原因", "变动原因", Text, "因公出国（境）费较上年变动原因", "本年未安排出国团组。"),
    l("公务用车购置及运行维护费变动原因", "变动原因", Text, "公务用车购置及运行维护费较上年变动原因", "划入车辆1辆。"),
    l("公务接待费变动原因", "变动原因", Text, "公务接待费较上年变动原因", "压减接待批次。"),
    l("机关运行经费变动原因", "变动原因", Text, "机关运行经费较上年变动原因", "人员增加，业务量增加。"),
    l("上年收入总计", "上年数", Amount, "上年度收入总计（万元）；有上年决算表（--prior）时不必填", "844.82"),
    l("上年支出总计", "上年数", Amount, "上年度支出总计（万元）", "844.82"),
    l("上年本年收入合计", "上年数", Amount, "上年度本年收入合计（万元）", "844.82"),
    l("上年本年支出合计", "上年数", Amount, "上年度本年支出合计（万元）", "844.82"),
    l("上年财政拨款收入总计", "上年数", Amount, "上年度财政拨款收入总计（万元）", "844.82"),
    l("上年财政拨款支出总计", "上年数", Amount, "上年度财政拨款支出总计（万元）", "844.82"),
    l("上年一般公共预算财政拨款支出", "上年数", Amount, "上年度一般公共预算财政拨款支出（万元）", "844.82"),
    l("上年因公出国（境）费", "上年数", Amount, "上年度因公出国（境）费决算数（万元）", "0"),
    l("上年公务用车购置及运行维护费", "上年数", Amount, "上年度公务用车购置及运行维护费决算数（万元）", "6.89"),
    l("上年公务接待费", "上年数", Amount, "上年度公务接待费决算数（万元）", "0"),
    l("上年机关运行经费", "上年数", Amount, "上年度机关运行经费（万元）", "68.41"),
    l("因公出国团组数", "三公", Count, "全年安排因公出国（境）团组数（个）", "0"),
    l("因公出国人次", "三公", Count, "因公出国（境）人次", "0"),
    l("公务用车购置数", "三公", Count, "全年按规定更新购置公务用车数（辆）", "0"),
    l("公务用车保有量", "三公", Count, "截至年末公务用车保有量（辆）", "3"),
    l("公务用车保有量（轿车）", "三公", Count, "其中轿车（辆）", "2"),
    l("公务用车保有量（越野车）", "三公", Count, "其中越野车（辆）", "1"),
    l("公务用车保有量（载客汽车）", "三公", Count, "其中载客汽车（辆）", "0"),
    l("公务用车运行维护费用途", "三公", Text, "公务用车运行维护费主要用途", "保障机要通信、应急等公务用车的燃料费、维修费、过路过桥费、保险费等"),
    l("国内公务接待批次", "三公", Count, "国内公务接待批次", "12"),
    l("国内公务接待人次", "三公", Count, "国内公务接待人次（不包括陪同人员）", "86"),
    l("国内公务接待费", "三公", Amount, "国内公务接待支出（万元）", "1.20"),
    l("国内公务接待内容", "三公", Text, "国内公务接待主要内容", "接待上级部门调研、检查"),
    l("外事接待批次", "三公", Count, "外事接待批次", "0"),
    l("外事接待人次", "三公", Count, "外事接待人次", "0"),
    l("外事接待费", "三公", Amount, "外事接待支出（万元）", "0"),
    l("机关运行经费", "其他重要事项", Amount, "机关运行经费支出（万元）；不填则以表08公用经费近似（仅适用于行政单位）", "80.69"),
    l("会议费", "其他重要事项", Amount, "会议费支出（万元）", "1.50"),
    l("培训费", "其他重要事项", Amount, "培训费支出（万元）", "2.30"),
    l("政府采购支出总额", "其他重要事项", Amount, "政府采购支出总额（万元）", "35.60"),
    l("政府采购货物支出", "其他重要事项", Amount, "其中：政府采购货物支出（万元）", "20.00"),
    l("政府采购工程支出", "其他重要事项", Amount, "其中：政府采购工程支出（万元）", "0"),
    l("政府采购服务支出", "其他重要事项", Amount, "其中：政府采购服务支出（万元）", "15.60"),
    l("政府采购用途", "其他重要事项", Text, "政府采购主要用途", "购置办公设备、信息系统运维服务"),
    l("授予中小企业合同金额", "其他重要事项", Amount, "授予中小企业合同金额（万元）", "35.60"),
    l("授予小微企业合同金额", "其他重要事项", Amount, "其中授予小微企业合同金额（万元）", "30.00"),
    l("车辆总数", "其他重要事项", Count, "截至年末车辆总数（辆）", "3"),
    l("主要领导干部用车", "其他重要事项", Count, "主要领导干部用车（辆）", "1"),
    l("机要通信用车", "其他重要事项", Count, "机要通信用车（辆）", "1"),
    l("应急保障用车", "其他重要事项", Count, "应急保障用车（辆）", "0"),
    l("执法执勤用车", "其他重要事项", Count, "执法执勤用车（辆）", "0"),
    l("特种专业技术用车", "其他重要事项", Count, "特种专业技术用车（辆）", "0"),
    l("离退休干部服务用车", "其他重要事项", Count, "离退休干部服务用车（辆）", "0"),
    l("其他用车", "其他重要事项", Count, "其他用车（辆）", "1"),
    l("其他用车用途", "其他重要事项", Text, "其他用车主要用途", "主要用于日常公务保障"),
    l("单价100万元以上设备", "其他重要事项", Count, "单价100万元以上设备（不含车辆，台/套）", "0"),
    l("预算绩效管理情况", "其他重要事项", Text, "预算绩效管理工作开展情况（事前评估、绩效目标、绩效监控、绩效自评）", "对5个项目编制了绩效目标……"),
    l("附件", "第四部分", Text, "第四部分 附件正文（如部门整体绩效自评报告），可较长", "部门预算绩效评价报告……"),
    // ---- paste VERBATIM right after the `l("附件", "第四部分", …)` line of NOTE_LABELS ----
    l("绩效评价：机构组成", "第四部分", Text, "附件1 一（一）部门机构组成", "本部门内设机构5个，下属单位2个……"),
    l("绩效评价：人员概况", "第四部分", Text, "附件1 一（二）部门人员概况", "编制人数30人，实有人数28人……"),
    l("绩效评价：履职效能", "第四部分", Text, "附件1 三（一）1 部门履职效能分析", "全年完成……"),
    l("绩效评价：预算管理", "第四部分", Text, "附件1 三（一）2 预算管理情况", "严格按照预算批复执行……"),
    l("绩效评价：财务管理", "第四部分", Text, "附件1 三（一）3 财务管理情况", "制定了财务管理制度……"),
    l("绩效评价：资产管理", "第四部分", Text, "附件1 三（一）4 资产管理情况", "资产账实相符……"),
    l("绩效评价：采购管理", "第四部分", Text, "附件1 三（一）5 政府采购管理情况", "严格执行政府采购程序……"),
    l("绩效评价：常年项目数", "第四部分", Count, "附件1 三（二）其中常年性项目个数", "3"),
    l("绩效评价：项目决策", "第四部分", Text, "附件1 三（二）1 项目决策情况", "项目立项依据充分……"),
    l("绩效评价：项目执行", "第四部分", Text, "附件1 三（二）2 项目执行情况", "项目按计划实施……"),
    l("绩效评价：目标实现", "第四部分", Text, "附件1 三（二）3 项目目标实现情况", "各项绩效目标基本完成……"),
    l("绩效评价：重点领域绩效分析", "第四部分", Text, "附件1 三（三）部门重点领域绩效分析（可不填）", "……"),
    l("绩效评价：绩效结果应用情况", "第四部分", Text, "附件1 四（一）绩效结果应用情况", "评价结果作为下年度预算安排的重要依据……"),
    l("绩效评价：评价结论", "第四部分", Text, "附件1 四（二）评价结论", "本部门整体绩效良好……"),
    l("绩效评价：存在问题", "第四部分", Text, "附件1 四（三）存在的问题", "部分项目绩效目标设置不够细化……"),
    l("绩效评价：改进建议", "第四部分", Text, "附件1 四（四）改进建议", "进一步细化绩效目标……"),
    l("绩效评价：自评得分", "第四部分", Text, "部门整体绩效自评得分（如“95分，等级为优”）", "95分，等级为优"),
    l("绩效评价：绩效目标项目数", "第四部分", Count, "十（四）编制了绩效目标的项目个数（不填则按自评表个数）", "5"),
    l("绩效评价：绩效监控项目数", "第四部分", Count, "十（四）开展了绩效监控的项目个数（不填则按自评表个数）", "5"),
    // ---- end of verbatim block ----
];

/// The catalogue entry for a label (compared by [`crate::model::note_key`]).
///
/// ```
/// use juesuan::notes_catalog::find_label;
/// assert!(find_label("因公出国(境)费变动原因").is_some());
/// assert!(find_label("预决算差异原因：2013101").is_some());
/// assert!(find_label("“三公”经费预算执行说明").is_some());
/// assert!(find_label("项目评价：春节慰问费：评价结论").is_some());
/// assert!(find_label("项目评价：春节慰问费：没有这个小节").is_none());
/// assert!(find_label("名词解释：2130106").is_some());
/// assert!(find_label("名词解释：农业").is_none());
/// assert!(find_label("没有这个标签").is_none());
/// ```
pub fn find_label(label: &str) -> Option<NoteLabel> {
    let key = crate::model::note_key(label);
    if key.starts_with(&crate::model::note_key(SUBJECT_REASON_PREFIX)) {
        return Some(l(SUBJECT_REASON_PREFIX, "变动原因", Text, "某项支出决算数与预算数不一致的原因", ""));
    }
    if glossary_label(label).is_some() {
        return Some(l(GLOSSARY_PREFIX, "第三部分", Text, "第三部分 名词解释：冒号后填功能分类科目编码，内容为该科目的解释（优先于内置词典）", "反映用于科技成果转化与推广服务方面的支出。"));
    }
    if let Some((_, section)) = project_eval_label(label) {
        return Some(l(PROJECT_EVAL_PREFIX, "第四部分", Text, "附件2 专项预算项目绩效评价报告：冒号后填项目名称和小节", section));
    }
    NOTE_LABELS.iter().copied().find(|n| crate::model::note_key(n.label) == key)
}

/// What kind of unit a department is (说明材料 `单位性质`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum UnitKind {
    /// 行政单位.
    #[serde(rename = "行政单位")]
    Administrative,
    /// 参照公务员法管理事业单位 (参公): 机关运行经费 applies as to a 行政单位.
    #[serde(rename = "参照公务员法管理事业单位")]
    CivilServiceManaged,
    /// 事业单位 (not 参公): 机关运行经费 does not apply.
    #[serde(rename = "事业单位")]
    Institution,
}

/// Words of a `单位性质` value and the kind they mean, tried in order (参公 before 事业单位).
pub const UNIT_KIND_WORDS: [(&str, UnitKind); 5] = [
    ("参照公务员法", UnitKind::CivilServiceManaged),
    ("参公", UnitKind::CivilServiceManaged),
    ("行政", UnitKind::Administrative),
    ("机关", UnitKind::Administrative),
    ("事业单位", UnitKind::Institution),
];

/// The kind a `单位性质` value names; `None` for a value that names none.
///
/// ```
/// use juesuan::notes_catalog::{unit_kind, UnitKind};
/// assert_eq!(unit_kind("行政单位"), Some(UnitKind::Administrative));
/// assert_eq!(unit_kind("参照公务员法管理事业单位"), Some(UnitKind::CivilServiceManaged));
/// assert_eq!(unit_kind("公益一类事业单位"), Some(UnitKind::Institution));
/// assert_eq!(unit_kind("企业"), None);
/// ```
pub fn unit_kind(value: &str) -> Option<UnitKind> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    UNIT_KIND_WORDS.iter().find(|(w, _)| v.contains(w)).map(|(_, k)| *k)
}

#[cfg(test)]
mod unit_kind_tests {
    use super::*;

    #[test]
    fn every_unit_kind_word_is_recognised() {
        for (w, k) in UNIT_KIND_WORDS {
            assert_eq!(unit_kind(w), Some(k), "{w}");
        }
        assert_eq!(unit_kind("参公事业单位"), Some(UnitKind::CivilServiceManaged));
        assert_eq!(unit_kind(" 事业单位 "), Some(UnitKind::Institution));
        assert_eq!(unit_kind(""), None);
    }
}

/// Splits a per-project evaluation label `项目评价：<项目名称>：<小节>` into the project name
/// (as written, trimmed) and the catalogue's spelling of the 小节 (one of
/// [`PROJECT_EVAL_SECTIONS`]); `None` for any other label, an empty name or an unknown 小节.
///
/// ```
/// use juesuan::notes_catalog::project_eval_label;
/// assert_eq!(project_eval_label("项目评价：春节慰问费（2023）：存在主要问题"), Some(("春节慰问费（2023）".to_string(), "存在主要问题")));
/// assert_eq!(project_eval_label("项目评价: 春节慰问费 : 评价结论"), Some(("春节慰问费".to_string(), "评价结论")));
/// assert_eq!(project_eval_label("项目评价：：评价结论"), None);
/// ```
pub fn project_eval_label(label: &str) -> Option<(String, &'static str)> {
    let t = label.trim();
    let rest = t.strip_prefix(PROJECT_EVAL_PREFIX).or_else(|| t.strip_prefix("项目评价:"))?;
    let (name, section) = rest.rsplit_once(['：', ':'])?;
    let name = name.trim();
    let key = crate::model::note_key(section);
    let section = PROJECT_EVAL_SECTIONS.iter().copied().find(|s| crate::model::note_key(s) == key)?;
    (!name.is_empty() && !key.is_empty()).then(|| (name.to_string(), section))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_project_eval_section_is_a_label_and_unknown_ones_are_not() {
        for s in PROJECT_EVAL_SECTIONS {
            let label = format!("{PROJECT_EVAL_PREFIX}51090423T000008810877-春节慰问费（2023）：{s}");
            let found = find_label(&label).unwrap_or_else(|| panic!("{label} not accepted"));
            assert_eq!((found.group, found.kind), ("第四部分", NoteKind::Text), "{label}");
            assert_eq!(project_eval_label(&label).map(|(n, sec)| (n, sec.to_string())), Some(("51090423T000008810877-春节慰问费（2023）".to_string(), s.to_string())));
        }
        for bad in ["项目评价：春节慰问费", "项目评价：春节慰问费：", "项目评价：春节慰问费：结论", "项目评价：评价结论", "评价：春节慰问费：评价结论"] {
            assert!(find_label(bad).is_none(), "{bad} accepted");
        }
        // a name holding a colon keeps it; the 小节 is after the last colon
        assert_eq!(project_eval_label("项目评价：党建：专项经费：改进建议").map(|(n, _)| n).as_deref(), Some("党建：专项经费"));
    }

    #[test]
    fn performance_evaluation_labels_are_in_the_fourth_part_group() {
        let labels: Vec<&NoteLabel> = NOTE_LABELS.iter().filter(|n| n.label.starts_with("绩效评价：")).collect();
        assert_eq!(labels.len(), 19);
        for n in labels {
            assert_eq!(n.group, "第四部分", "{}", n.label);
            assert_eq!(find_label(n.label).map(|f| f.label), Some(n.label));
            if n.kind == NoteKind::Count {
                assert!(n.example.parse::<u32>().is_ok(), "{} example {}", n.label, n.example);
            }
        }
        // the block sits right after 附件, so the template lists 第四部分 together
        let i = NOTE_LABELS.iter().position(|n| n.label == "附件").unwrap();
        assert_eq!(NOTE_LABELS[i + 1].label, "绩效评价：机构组成");
    }
}
