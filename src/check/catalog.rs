//! The rule catalogue: every rule id a finding can carry — check's, then derive's, narrate's
//! and batch's (tests/readme.rs scans the sources so none is missing) — with its severity, what it checks and
//! an example message. README's rule table and `juesuan check --rules` are printed from it
//! ([`rules_markdown`]), so the list cannot drift from the code.

use crate::findings::Severity::{self, Error, Info, Warning};
use serde::Serialize;

/// One rule of the check stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id, e.g. `T01-BALANCE`.
    pub id: &'static str,
    /// Severity when the rule fails beyond tolerance.
    pub severity: Severity,
    /// True when a non-zero difference within the rounding tolerance (0.01万元 × number of
    /// summed terms, some table in 万元) is reported as 提示 instead.
    pub rounding: bool,
    /// What the rule checks (Chinese).
    pub title: &'static str,
    /// An example message.
    pub example: &'static str,
}

const fn r(id: &'static str, severity: Severity, rounding: bool, title: &'static str, example: &'static str) -> RuleInfo {
    RuleInfo { id, severity, rounding, title, example }
}

macro_rules! hier {
    ($t:literal) => { hier!($t, "本年支出合计") };
    ($t:literal, $col:literal) => {
        r(concat!("T", $t, "-HIERARCHY"), Error, true,
          concat!("表", $t, " 每一金额列：合计行＝各类之和，类＝其各款之和，款＝其各项之和（按科目编码前缀；无款行的类不核对）"),
          concat!("表", $t, " 款20131应等于其各项之和：表", $t, " 20131 党委办公厅（室）及相关机构事务 · ", $col, " 726.05 与 各项之和 726.55 不等，相差-0.5万元"))
    };
}
macro_rules! orphan {
    ($t:literal) => {
        r(concat!("T", $t, "-ORPHAN"), Warning, false,
          concat!("表", $t, " 款/项行的上级科目行缺失"),
          concat!("表", $t, " 科目2040601“行政运行”的上级款20406行缺失，无法核对层级合计；请补齐上级科目行"))
    };
}
macro_rules! rowsum {
    ($t:literal, $title:literal) => { rowsum!($t, $title, "本年支出合计") };
    ($t:literal, $title:literal, $col:literal) => {
        r(concat!("T", $t, "-ROW-SUM"), Error, true, concat!("表", $t, " 每行（含合计行）", $title),
          concat!("表", $t, " ", $col, "应等于各分项列之和：表", $t, " 204 公共安全支出 · ", $col, " 5.96 与 各分项列之和 6.96 不等，相差-1万元"))
    };
}

/// Every rule, grouped by family (totals, balance, cross-table, 三公, 说明材料, names, missing).
pub const RULES: &[RuleInfo] = &[
    // totals within one table
    r("T01-INCOME-SUM", Error, true, "表01 本年收入合计＝收入行一至八之和", "表01 本年收入合计应等于各收入行之和：表01 本年收入合计 889.16 与 各收入行之和 892.16 不等，相差-3万元"),
    r("T01-EXPEND-SUM", Error, true, "表01 本年支出合计＝各功能分类类级支出行之和", "表01 本年支出合计应等于各功能分类类级支出行之和：表01 本年支出合计 889.16 与 各类支出之和 888.16 不等，相差1万元"),
    r("T01-TOTALS", Error, true, "表01 收入总计＝本年收入合计＋使用非财政拨款结余＋年初结转和结余；支出总计＝本年支出合计＋结余分配＋年末结转和结余", "表01 支出总计应等于本年支出合计＋结余分配＋年末结转和结余：表01 支出总计 900 与 三项之和 889.16 不等，相差10.84万元"),
    r("T01-BALANCE", Error, true, "表01 收入总计＝支出总计", "表01 收入总计应等于支出总计：表01 收入总计 889.16 与 表01 支出总计 900 不等，相差-10.84万元"),
    hier!("02", "本年收入合计"), rowsum!("02", "本年收入合计＝财政拨款收入＋上级补助收入＋事业收入＋经营收入＋附属单位上缴收入＋其他收入", "本年收入合计"), orphan!("02"),
    hier!("03"), rowsum!("03", "本年支出合计＝基本支出＋项目支出＋上缴上级支出＋经营支出＋对附属单位补助支出"), orphan!("03"),
    r("T04-INCOME-SUM", Error, true, "表04 本年收入合计＝一般公共预算、政府性基金预算、国有资本经营预算财政拨款收入之和", "表04 本年收入合计应等于各财政拨款收入行之和：表04 本年收入合计 880 与 各收入行之和 889.16 不等，相差-9.16万元"),
    r("T04-EXPEND-SUM", Error, true, "表04 本年支出合计（合计列及各资金列）＝各类支出之和", "表04 本年支出合计（一般公共预算财政拨款列）应等于各类支出之和：表04 本年支出合计 · 一般公共预算财政拨款 889.16 与 各类支出之和 890.16 不等，相差-1万元"),
    r("T04-ROW-SUM", Error, true, "表04 每个支出行：合计＝一般公共预算＋政府性基金＋国有资本经营预算财政拨款", "表04 各支出行的合计列应等于三类财政拨款列之和：表04 一般公共服务支出 · 合计 753.07 与 三列之和 754.07 不等，相差-1万元"),
    r("T04-TOTALS", Error, true, "表04 收入总计＝本年收入合计＋年初财政拨款结转和结余；年初＝其分预算行之和；支出总计（每列）＝本年支出合计＋年末财政拨款结转和结余", "表04 支出总计（合计列）应等于本年支出合计＋年末财政拨款结转和结余：表04 支出总计 · 合计 889.16 与 两项之和 890.16 不等，相差-1万元"),
    r("T04-BALANCE", Error, true, "表04 收入总计＝支出总计（合计列）", "表04 收入总计应等于支出总计：表04 收入总计 889.16 与 表04 支出总计 · 合计 1 不等，相差888.16万元"),
    hier!("05", "合计"), rowsum!("05", "合计＝各末级金额列之和（不含合计/小计列和分组标题列；只有合计列时不核对）", "合计"), orphan!("05"),
    hier!("06"), rowsum!("06", "合计＝基本支出＋项目支出"), orphan!("06"),
    hier!("07", "合计"), rowsum!("07", "合计＝各末级金额列之和（不含合计/小计列和分组标题列；只有合计列时不核对）", "合计"), orphan!("07"),
    r("T08-HIERARCHY", Error, true, "表08 经济分类类＝其各款之和", "表08 302商品和服务支出应等于其各款之和：表08 302 商品和服务支出 80.69 与 各款之和 81.69 不等，相差-1万元"),
    r("T08-PERSONNEL", Error, true, "表08 人员经费合计＝301工资福利支出＋303对个人和家庭的补助", "表08 人员经费合计应等于301工资福利支出＋303对个人和家庭的补助：表08 人员经费合计 556.34 与 301＋303 555.34 不等，相差1万元"),
    r("T08-PUBLIC", Error, true, "表08 公用经费合计＝302、307、310、399等其余经济分类类之和", "表08 公用经费合计应等于302、307、310、399等其余各类之和：表08 公用经费合计 80.69 与 其余各类之和 81.69 不等，相差-1万元"),
    hier!("09", "合计"), rowsum!("09", "合计＝各末级金额列之和（不含合计/小计列和分组标题列；只有合计列时不核对）", "合计"), orphan!("09"),
    hier!("10"), rowsum!("10", "本年支出合计＝基本支出＋项目支出"), orphan!("10"),
    hier!("11"), rowsum!("11", "本年支出合计＝基本支出＋项目支出"), orphan!("11"),
    hier!("12"), rowsum!("12", "合计＝基本支出＋项目支出"), orphan!("12"),
    // balance (carry-over)
    r("T01-CARRYOVER", Error, true, "表01 年初结转和结余＋本年收入合计＋使用非财政拨款结余－本年支出合计－结余分配＝年末结转和结余", "表01 年末结转和结余应等于年初结转和结余＋本年收入合计＋使用非财政拨款结余－本年支出合计－结余分配：表01 年末结转和结余 5 与 计算值 0 不等，相差5万元"),
    r("T04-CARRYOVER", Error, true, "表04 每类财政拨款：年初结转和结余＋本年收入－本年支出＝年末结转和结余", "表04 一般公共预算财政拨款的年末结转和结余应等于年初＋本年收入－本年支出：表04 年末财政拨款结转和结余 · 一般公共预算财政拨款 3 与 计算值 0 不等，相差3万元"),
    r("T10-CARRYOVER", Error, true, "表10 合计行：年初结转和结余＋本年收入－本年支出合计＝年末结转和结余", "表10 合计行年末结转和结余应等于年初＋本年收入－本年支出：表10 合计 · 年末结转和结余 10 与 计算值 0 不等，相差10万元"),
    r("T10-CARRYOVER-ROW", Warning, true, "表10 每个科目行：年初＋本年收入－本年支出＝年末（结转调整可能使其不成立，故为警告）", "表10 科目行年末结转和结余应等于年初＋本年收入－本年支出（结转调整可能导致不等，请核对）：表10 2120899 其他国有土地使用权出让收入安排的支出 · 年末结转和结余 10 与 计算值 0 不等，相差10万元"),
    r("T11-CARRYOVER", Error, true, "表11 合计行：年初结转和结余＋本年收入－本年支出合计＝年末结转和结余", "表11 合计行年末结转和结余应等于年初＋本年收入－本年支出：表11 合计 · 年末结转和结余 10 与 计算值 0 不等，相差10万元"),
    r("T11-CARRYOVER-ROW", Warning, true, "表11 每个科目行：年初＋本年收入－本年支出＝年末（警告）", "表11 科目行年末结转和结余应等于年初＋本年收入－本年支出（结转调整可能导致不等，请核对）：表11 22301 … · 年末结转和结余 10 与 计算值 0 不等，相差10万元"),
    // cross-table
    r("X-T02-T01", Error, true, "表02 合计行本年收入合计＝表01 本年收入合计；表02 财政拨款收入＝表01 收入行一＋二＋三；上级补助/事业/经营/附属单位上缴/其他收入＝表01 对应收入行", "表02 财政拨款收入合计应等于表01 三项财政拨款收入之和：表02 合计 · 财政拨款收入 890.16 与 表01 财政拨款收入（一＋二＋三） 889.16 不等，相差1万元"),
    r("X-T03-T01", Error, true, "表03 合计行本年支出合计＝表01 本年支出合计；表03 每个类＝表01 对应类级支出行", "表03 本年支出合计应等于表01 对应支出行（类201）：表03 201 一般公共服务支出 · 本年支出合计 754.07 与 表01 一般公共服务支出 753.07 不等，相差1万元"),
    r("X-T04-T01", Error, true, "表04 各财政拨款收入行＝表01 对应收入行（一、二、三）", "表04 一般公共预算财政拨款收入应等于表01 对应收入行：表04 收入 一般公共预算财政拨款 880 与 表01 一般公共预算财政拨款收入 889.16 不等，相差-9.16万元"),
    r("X-T05-T04", Error, true, "表05 合计＝表04 本年支出合计（合计列）", "表05 合计应等于表04 本年支出合计（合计列）：表05 合计 891.16 与 表04 本年支出合计 · 合计 889.16 不等，相差2万元"),
    r("X-T06-T04", Error, true, "表06 合计＝表04 本年支出合计（一般公共预算财政拨款列）；表06 每个类＝表04 对应类行（一般公共预算列）", "表06 应等于表04 一般公共预算财政拨款列（类201）：表06 201 一般公共服务支出 · 本年支出合计 753.07 与 表04 一般公共服务支出 · 一般公共预算财政拨款 754.07 不等，相差-1万元"),
    r("X-T07-T06", Error, true, "表07 合计＝表06 合计", "表07 合计应等于表06 合计：表07 合计 890.16 与 表06 合计 · 本年支出合计 889.16 不等，相差1万元"),
    r("X-T08-T06", Error, true, "表06 合计行基本支出＝表08 人员经费合计＋公用经费合计", "表06 基本支出应等于表08 人员经费合计＋公用经费合计：表06 合计 · 基本支出 636.03 与 表08 人员经费＋公用经费 637.03 不等，相差-1万元"),
    r("X-T09-T06", Error, true, "表09 合计＝表06 合计行项目支出", "表09 合计应等于表06 项目支出：表09 合计 253.13 与 表06 合计 · 项目支出 254.13 不等，相差-1万元"),
    r("X-T10-T04", Error, true, "表10 合计行：本年收入＝表04 政府性基金收入；本年支出合计＝表04 政府性基金列本年支出合计；年初/年末＝表04 政府性基金年初/年末（表10缺失按0计）", "表10 本年支出合计应等于表04 政府性基金预算财政拨款对应数：表10 合计 · 本年支出合计（表缺失，按0计） 0 与 表04 本年支出合计 · 政府性基金预算财政拨款 100 不等，相差-100万元"),
    r("X-T11-T04", Error, true, "表11 合计行：本年收入＝表04 国有资本经营预算收入；本年支出合计＝表04 国有资本经营预算列；年初/年末同理（表11缺失按0计）", "表11 本年收入应等于表04 国有资本经营预算财政拨款对应数：表11 合计 · 本年收入 5 与 表04 收入 国有资本经营预算财政拨款 0 不等，相差5万元"),
    r("X-T12-T04", Error, true, "表12 合计＝表04 本年支出合计（国有资本经营预算列）（表12缺失按0计）", "表12 合计应等于表04 本年支出合计（国有资本经营预算财政拨款列）：表12 合计 · 本年支出合计 5 与 表04 本年支出合计 · 国有资本经营预算财政拨款 0 不等，相差5万元"),
    r("X-T12-T11", Error, true, "表12 合计＝表11 合计行本年支出合计", "表12 合计应等于表11 本年支出合计：表12 合计 · 本年支出合计 5 与 表11 合计 · 本年支出合计 4 不等，相差1万元"),
    r("X-T06-T03", Warning, false, "表06 每个科目（一般公共预算财政拨款）不应大于表03 同一科目（全部资金）", "表06 科目2013101的支出大于表03 同一科目的全部支出：表06 2013101 行政运行 · 本年支出合计 500 ＞ 表03 2013101 行政运行 · 本年支出合计 402.23；一般公共预算财政拨款支出是全部支出的一部分，请核对两表"),
    // 三公
    r("T13-TOTAL", Error, true, "表13 合计＝因公出国（境）费＋公务用车购置及运行维护费＋公务接待费（预算数、决算数各一）", "表13 决算数合计应等于因公出国（境）费＋公务用车购置及运行维护费＋公务接待费：表13 决算数 合计 13.52 与 三项之和 12.52 不等，相差1万元"),
    r("T13-VEHICLES", Error, true, "表13 公务用车购置及运行维护费＝公务用车购置费＋公务用车运行维护费（预算数、决算数各一）", "表13 预算数公务用车购置及运行维护费应等于购置费＋运行维护费：表13 预算数 公务用车购置及运行维护费 12.52 与 两项之和 13.52 不等，相差-1万元"),
    r("X-T08-T13", Warning, false, "表08 30212因公出国（境）费用、30217公务接待费、30231公务用车运行维护费、31013公务用车购置 不应大于表13 对应决算数", "表08 30231公务用车运行维护费 12.52 大于表13 公务用车运行维护费决算数 10；表08是一般公共预算基本支出，表13是全部财政拨款（含项目支出），前者不应超过后者，请核对两表"),
    // 说明材料
    r("NOTES-UNKNOWN", Warning, false, "说明材料中有无法识别的标签（不会被使用）", "说明材料标签“上年收入总额”无法识别，该行不会被使用；请对照 juesuan init 生成的模板修改标签"),
    r("NOTES-NOT-NUMBER", Error, false, "说明材料中金额/数量/年度标签的内容不是数字", "说明材料“政府采购支出总额”应填写数字（万元），实际为“约35万”"),
    r("NOTES-RUNNING-COST", Warning, false, "说明材料机关运行经费大于表08 公用经费合计（机关运行经费可能含项目支出或其他资金，故为警告）", "说明材料机关运行经费 90 大于表08 公用经费合计 80.69；机关运行经费通常不超过基本支出中的公用经费，请核对（如含项目支出中的运行经费，请在说明中注明）"),
    r("NOTES-RUNNING-COST-APPROX", Info, false, "说明材料未填机关运行经费，报告以表08 公用经费合计近似（仅适用于行政单位）", "说明材料未填“机关运行经费”，报告将以表08 公用经费合计 80.69 万元近似；该近似仅适用于行政单位和参公事业单位"),
    r("NOTES-PROCUREMENT", Error, true, "说明材料政府采购货物＋工程＋服务支出＝政府采购支出总额", "说明材料政府采购货物、工程、服务支出之和应等于政府采购支出总额：说明材料 政府采购支出总额 35.6 与 货物＋工程＋服务 36.6 不等，相差-1万元"),
    r("NOTES-SME", Error, false, "说明材料授予中小企业合同金额不大于政府采购支出总额；授予小微企业合同金额不大于授予中小企业合同金额", "说明材料 授予小微企业合同金额 40 大于说明材料 授予中小企业合同金额 35.6（小微企业是中小企业的一部分）"),
    r("NOTES-VEHICLES", Error, false, "说明材料各类车辆数之和＝车辆总数", "说明材料各类用车之和 4 辆与车辆总数 3 辆不等"),
    r("NOTES-FLEET", Error, false, "说明材料公务用车保有量（轿车＋越野车＋载客汽车）＝公务用车保有量", "说明材料公务用车保有量分车型之和 2 辆与公务用车保有量 3 辆不等"),
    r("NOTES-RECEPTION", Error, true, "说明材料国内公务接待费＋外事接待费＝表13 公务接待费决算数", "说明材料国内公务接待费与外事接待费之和应等于表13 公务接待费决算数：表13 决算数 公务接待费 0 与 国内＋外事接待费 1.2 不等，相差-1.2万元"),
    // names
    r("NAMES-MISMATCH", Warning, false, "同一科目编码在各表中的名称不一致（表01、02、03、04、05、06、07、09、10、11、12）", "科目2013101在表02名为“行政运行”，在表06名为“一般行政管理事务”；同一编码应使用同一名称，请核对科目编码或名称"),
    // missing information
    r("PRIOR-YEAR", Error, false, "--prior 上年决算表的年度应为本年度减一（否则所有同比数字都是错的）", "上年决算表（--prior）的年度为2023年，本年度为2023年，应提供2022年度的决算表"),
    r("PRIOR-DEPARTMENT", Warning, false, "--prior 上年决算表的部门名称与本年不同（部门更名时可忽略）", "上年决算表（--prior）的部门为“某县农业技术服务中心”，与本年“中共某区委办公室”不同；请确认提供的是本部门的上年决算表"),
    r("MISSING-PRIOR", Warning, false, "没有上年数（无 --prior 上年决算表，也未填说明材料“上年…”标签），报告中的同比句将显示【缺少上年数】", "缺少上年数：未提供上年决算表（--prior），说明材料也未填写 上年收入总计、上年支出总计、……；报告中的同比比较将显示【缺少上年数】"),
    r("MISSING-REASON", Warning, false, "收支总计有任何变动，或本年收入/本年支出/财政拨款收支总计/一般公共预算财政拨款支出/三公各项/机关运行经费较上年变动超过10%，或三公决算数与预算数不同，而未填对应的变动原因标签", "收支总计较上年增加44.34万元（增长5.25%），说明材料未填“收支总计变动原因”"),
    r("MISSING-THREE-PUBLIC", Warning, false, "三公经费决算数非零而未填对应的三公详情标签（团组数、人次、车辆数、接待批次等）", "公务用车购置及运行维护费决算数 12.52 万元，说明材料未填：公务用车保有量、公务用车运行维护费用途"),
    r("MISSING-BUDGET-REASON", Warning, false, "某项支出决算数与预算数（表06预算列或“预算数”工作表）不等，而未填“预决算差异原因：<科目编码>”", "2013101 行政运行 决算数 402.23 万元与预算数 420 万元不等（完成预算95.77%），说明材料未填“预决算差异原因：2013101”"),
    // derive (推导): findings of the figures themselves; those that repeat a check rule are
    // dropped when both run (pipeline::findings), so `generate` shows each problem once.
    r("DERIVE-NOTE-NUMBER", Warning, false, "推导：说明材料中应填数字（金额、数量）的标签无法识别，该项被忽略", "说明材料“公务用车保有量”应填整数，无法识别，已忽略"),
    r("DERIVE-REASON-MISSING", Warning, false, "推导：报告需要说明原因的变动或预决算差异缺少原因（仅当其说明材料标签未被 check 的规则指出时显示）", "一般公共服务支出(201)行政运行(01)决算数小于预算数（完成预算95.77%），请在说明材料“预决算差异原因：2010101”中填写原因"),
    r("DERIVE-PRIOR-MISSING", Warning, false, "推导：同比比较缺少上年数（与 MISSING-PRIOR 重复时不显示）", "缺少上年数（未提供上年决算表，说明材料也无相应“上年…”项）：收支总计、本年收入合计；报告中将标注【缺少上年数】"),
    r("DERIVE-RUNNING-COST", Info, false, "推导：机关运行经费以表08 公用经费合计近似（与 NOTES-RUNNING-COST-APPROX 重复时不显示）", "说明材料未填“机关运行经费”，以表08公用经费合计近似（仅适用于行政单位和参公事业单位）"),
    r("DERIVE-GLOSSARY-UNKNOWN", Info, false, "推导：名词解释词典中没有某科目的解释，报告中只列名称", "名词解释：内置词典无科目2130106“科技转化与推广服务”的解释，报告中只列名称，请补充"),
    r("DERIVE-SUBJECT-NAME", Warning, false, "推导：某科目编码在各表中都没有名称，报告中只能写编码", "科目2019901在各表中均无名称，报告中只能写编码"),
    // narrate (成文)
    r("NARRATE-PLACEHOLDER", Warning, false, "成文：报告中仍有待补充内容（【请补充：…】、【缺少上年数：…】，黄色高亮）；计为“待补充 N 处”，不计入警告个数", "报告中仍有待补充内容 【缺少上年数：上年收入总计、上年支出总计】：请提供上年决算表（--prior）或在说明材料填写上年数后重新生成"),
    // batch (批量)
    r("BATCH-DUPLICATE", Warning, false, "批量：同一年度的同一部门在本批中有多个输入（常为误放的旧文件）", "部门“青溪区农业技术服务中心”在本批中有多个输入（另见：03_农业技术服务中心_副本），请确认是否误放了旧文件"),
    r("BATCH-OTHER-YEAR", Warning, false, "批量：某输入的年度与本批其余输入不同（如误放在输入目录中的“…_上年”目录）；单独生成该年度报告，不视为同名部门", "输入 03_农业技术服务中心_上年 是2022年度的决算表，本批其余为2023年度：已单独生成该年度的报告（不视为同名部门）；如它是上年决算表，请移到单独目录并用 --prior-dir 指定"),
    // impossible figures and cleaned text (sanity)
    r("NEGATIVE-AMOUNT", Error, false, "本年或上年（--prior）表01/04 收支合计与总计、表08 人员/公用经费合计、表13 三公各项为负数（这些格不可能为负）", "表13 决算数 公务接待费为负数（-1.2）；该项不可能为负，请核对原表（是否误录了负号或把差额填进了该格）"),
    r("PRIOR-IMPLAUSIBLE", Warning, false, "上年（--prior）表01 收支合计、收入总计、表13 三公合计与本年相比变动超过10倍或正负号改变", "表01 本年收入合计上年为 -861.47，本年为 889.16：变动超过10倍或正负号改变，不像同一部门相邻两年的数字；请核对上年决算表（--prior）是否选对、金额单位是否一致"),
    r("TEXT-CONTROL-CHARS", Warning, false, "单元格文字含 XML 不允许的控制字符（已由读取器删除）", "01.xlsx › 说明材料!B3：文字中含有 XML 不允许的控制字符，已删除（否则报告无法打开）；请检查该单元格的内容是否完整"),
];

/// The rounding policy, as printed under the rule table.
pub const ROUNDING_POLICY: &str = "容差规则：万元表通常由元四舍五入而来，等式两边可能相差几分钱。差额不为0、但绝对值不超过 0.01万元 × 参与求和的项数（至少1项），且涉及的表中至少有一张以万元列示时，记为“提示”（信息中注明“在四舍五入容差以内，视为尾差”）；超出容差，或涉及的表都以元列示（元换算为万元是精确的），记为该规则的级别（等式规则为“错误”）。说明材料中的金额按万元手工填写，视为已四舍五入。Rounding: a non-zero difference within 0.01万元 × the number of summed terms is 提示 when any table involved is stated in 万元; beyond that, or between tables stated in 元, it is the rule's severity.";

/// The catalogue entry of a rule id.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// The rule table as Markdown (for README and `juesuan check --rules`).
pub fn rules_markdown() -> String {
    let mut s = String::from("| 规则 | 级别 | 检查内容 | 示例信息 |\n|---|---|---|---|\n");
    for r in RULES {
        let sev = if r.rounding { format!("{}（容差内为提示）", r.severity) } else { r.severity.to_string() };
        s.push_str(&format!("| `{}` | {} | {} | {} |\n", r.id, sev, r.title, r.example));
    }
    s.push('\n');
    s.push_str(ROUNDING_POLICY);
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_readable() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(a.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'), "{}", a.id);
            assert!(RULES[i + 1..].iter().all(|b| b.id != a.id), "duplicate {}", a.id);
        }
        assert!(rule("T01-BALANCE").is_some());
        assert!(rule("NOPE").is_none());
    }

    #[test]
    fn markdown_lists_every_rule() {
        let md = rules_markdown();
        assert_eq!(md.lines().count(), RULES.len() + 4);
        assert!(md.ends_with(&format!("{ROUNDING_POLICY}\n")));
        assert!(md.contains("| `T13-TOTAL` | 错误（容差内为提示） |"));
    }
}
