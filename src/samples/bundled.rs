//! The bundled sample departments and the synthetic corpus specs.

use super::names::{is_generic_kuan, xiang_name, FUNCTION_KUAN, FUNCTION_XIANG};
use super::spec::{default_basic_profile, default_project_profile, Extras, Line, SampleDept, ThreePublicSpec, Vehicles};
use crate::model::{IncomeSource, Unit};
use rust_decimal::Decimal;
use IncomeSource::{Business, GeneralBudget as Gen, GovFund, Other, StateCapital, Superior};

fn line(code: &str, source: IncomeSource, basic: i64, project: i64) -> Line {
    let name = xiang_name(code).unwrap_or_else(|| code.to_string());
    Line::new(code, &name, source, basic, project)
}

fn proj(mut l: Line, name: &str) -> Line {
    l.project_name = Some(name.to_string());
    l
}

fn carry(mut l: Line, begin: i64, end: i64) -> Line {
    l.begin = begin;
    l.end = end;
    l
}

fn gap(mut l: Line, gap: i64, reason: &str) -> Line {
    l.budget_gap = gap;
    l.gap_reason = Some(reason.to_string());
    l
}

fn texts(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

fn wan(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// 01 区委办公室: administrative office, 一般公共预算 only, 5 类 / 14 项, 三公 only 公务用车.
fn district_office() -> SampleDept {
    let lines = vec![
        line("2013101", Gen, 38652, 0),
        proj(line("2013102", Gen, 0, 6235), "区委日常公务运转保障"),
        proj(line("2013105", Gen, 0, 8840), "区委重要会议和文稿服务保障"),
        line("2013150", Gen, 9573, 0),
        gap(
            proj(line("2013199", Gen, 0, 4126), "保密技术检查与电子政务运维"),
            874,
            "电子政务外网运维服务按季度考核付款，第四季度运维费待年度验收合格后于次年支付。",
        ),
        line("2012604", Gen, 4810, 0),
        proj(line("2050803", Gen, 0, 980), "全区党政办公室系统业务培训"),
        line("2080501", Gen, 1260, 0),
        line("2080505", Gen, 5844, 0),
        line("2080506", Gen, 2218, 0),
        line("2101101", Gen, 2437, 0),
        line("2101102", Gen, 785, 0),
        line("2101103", Gen, 602, 0),
        line("2210201", Gen, 4051, 0),
    ];
    let forms = super::bundled_forms::district_office_forms(&lines);
    SampleDept {
        file_stem: "01_区委办公室".into(),
        name: "中共青溪区委办公室".into(),
        short_name: "区委办".into(),
        year: 2023,
        unit: Unit::Wan,
        lines,
        basic_profile: default_basic_profile(),
        project_profile: default_project_profile(),
        three_budget: ThreePublicSpec { overseas: 0, purchase: 0, operation: 750, reception: 0 },
        three_actual: ThreePublicSpec { overseas: 0, purchase: 0, operation: 632, reception: 0 },
        extras: Extras {
            running_cost_pct: 88,
            procurement: [1860, 0, 2245],
            sme_pct: (100, 80),
            meeting_training: (120, 235),
            overseas_groups: (0, 0),
            reception_counts: (0, 0, 0, 0),
            foreign_reception: 0,
            vehicles: Vehicles { by_use: [0, 1, 1, 0, 0, 0, 0], by_body: [1, 1, 0], purchased: 0 },
            big_equipment: 0,
        },
        texts: texts(&[
            ("部门名称", "中共青溪区委办公室"),
            ("部门简称", "区委办"),
            ("单位性质", "行政单位"),
            ("主要职能", "（1）贯彻落实党的路线、方针、政策和国家法律法规，执行上级党委和区委的指示、决定。\n（2）负责区委重要会议、重大活动的组织协调和服务保障工作。\n（3）负责区委、区委办公室文件的起草、审核、印发和督促落实工作。\n（4）负责区委机要、保密、档案和电子政务管理工作。\n（5）完成区委交办的其他任务。"),
            ("重点工作完成情况", "全年服务保障区委常委会会议32次，起草审核各类文稿460余篇，办理上级来文2100余件，开展保密技术检查45次，圆满完成各项服务保障任务。"),
            ("机构设置", "区委办公室内设综合科、秘书科、信息督查科、机要保密科4个科室，下属事业单位2个：区档案馆、区电子政务服务中心。纳入2023年度部门决算编制范围的二级预算单位包括：1.区档案馆；2.区电子政务服务中心。"),
            ("收支总计变动原因", "人员工资标准调整，在职人员增加2名，人员经费相应增加。"),
            ("收入变动原因", "财政拨款因人员经费增加而增加。"),
            ("支出变动原因", "基本支出中人员经费增加。"),
            ("财政拨款收支变动原因", "人员经费增加。"),
            ("一般公共预算财政拨款支出变动原因", "人员工资标准调整及人员增加。"),
            ("三公经费预算执行说明", "严格落实中央八项规定精神和过“紧日子”要求，从严控制公务用车运行支出，决算数小于预算数。"),
            ("三公经费变动原因", "从严控制公务用车运行支出，车辆维修费用减少、燃油费用下降。"),
            ("公务用车购置及运行维护费变动原因", "车辆维修费用减少，燃油费用下降。"),
            ("公务接待费变动原因", "本年度未发生公务接待支出。"),
            ("机关运行经费变动原因", "档案馆库房搬迁后物业管理费、水电费增加，信息系统运维服务纳入机关运行经费核算。"),
            ("公务用车运行维护费用途", "保障机要通信、应急保障等公务用车的燃料费、维修费、过路过桥费、保险费等支出"),
            ("政府采购用途", "购置办公设备，采购印刷、信息系统运维和物业服务"),
            ("预算绩效管理情况", "按照预算绩效管理要求，全面开展绩效目标编制、绩效运行监控和绩效自评，对电子政务运维项目支付进度偏慢的问题及时督促整改。"),
            ("绩效评价：机构组成", "区委办公室内设综合科、秘书科、信息督查科、机要保密科4个科室，下属区档案馆、区电子政务服务中心2个事业单位。"),
            ("绩效评价：人员概况", "编制人数46人，其中行政编制32人、事业编制14人；年末实有人数44人。"),
            ("绩效评价：履职效能", "全年服务保障区委常委会会议32次，起草审核各类文稿460余篇，办理上级来文2100余件，开展保密技术检查45次，紧急信息报送零失误，较好履行了参谋助手、督查落实和服务保障职能。"),
            ("绩效评价：预算管理", "严格按照预算批复执行，预算调整按规定程序报批；年中追加区委全会服务保障经费，电子政务运维项目因验收安排在年末，部分资金未能在年内支付。"),
            ("绩效评价：财务管理", "修订《区委办公室财务管理办法》和《公务接待管理办法》，落实经费支出事前审批、集体研究和内部审计制度，全年未发生违规支出。"),
            ("绩效评价：资产管理", "建立资产卡片台账，年末开展资产清查，资产账实相符、账账相符；闲置资产按规定调剂使用。"),
            ("绩效评价：采购管理", "严格执行政府采购程序，办公设备和信息系统运维服务全部纳入政府采购，合同签订和履约验收及时。"),
            ("绩效评价：常年项目数", "3"),
            ("绩效评价：项目决策", "项目立项依据充分，均经办公室主任会议集体研究；绩效目标与部门职责和年度工作任务相匹配，指标设置基本细化量化。"),
            ("绩效评价：项目执行", "项目按计划实施，资金按进度拨付；电子政务运维服务按季度考核付款，第四季度运维费待验收后于次年支付。"),
            ("绩效评价：目标实现", "会议服务、文稿起草、保密技术检查和业务培训等产出目标全部完成，服务对象满意度较高；运维服务合同履约进度滞后。"),
            ("绩效评价：重点领域绩效分析", "无。"),
            ("绩效评价：绩效结果应用情况", "将绩效自评结果作为改进预算管理和安排以后年度预算的重要依据，自评情况按要求向社会公开，并及时向财政部门反馈整改情况。"),
            ("绩效评价：评价结论", "部门整体支出绩效目标设置科学合理，资金使用合规，各项职能任务全面完成。"),
            ("绩效评价：存在问题", "部门整体支出绩效目标需进一步细化；个别项目资金支付进度与合同履约节点衔接不够。"),
            ("绩效评价：改进建议", "细化部门整体支出绩效目标，加强预算执行进度跟踪，按合同约定节点及时组织验收和支付。"),
            ("绩效评价：自评得分", "98分，等级为优"),
            ("绩效评价：绩效目标项目数", "4"),
            ("绩效评价：绩效监控项目数", "4"),
            ("项目评价：保密技术检查与电子政务运维：设立背景及基本情况", "为落实保密工作责任制，保障全区电子政务网络安全稳定运行，区委办公室每年安排保密技术检查和电子政务运维经费，由区电子政务服务中心具体实施。"),
            ("项目评价：保密技术检查与电子政务运维：评价结论", "项目绩效目标总体实现，保密技术检查任务超额完成，电子政务网络全年安全稳定运行；运维费支付进度滞后，影响预算执行。"),
            ("项目评价：保密技术检查与电子政务运维：改进建议", "调整运维服务验收方式为按季度验收，合同中明确分期支付节点。"),
        ]),
        forms,
        prior_labels: vec![
            ("上年收入总计".into(), wan(86147)),
            ("上年支出总计".into(), wan(86147)),
            ("上年本年收入合计".into(), wan(86147)),
            ("上年本年支出合计".into(), wan(86147)),
            ("上年财政拨款收入总计".into(), wan(86147)),
            ("上年财政拨款支出总计".into(), wan(86147)),
            ("上年一般公共预算财政拨款支出".into(), wan(86147)),
            ("上年因公出国（境）费".into(), wan(0)),
            ("上年公务用车购置及运行维护费".into(), wan(705)),
            ("上年公务接待费".into(), wan(38)),
            ("上年机关运行经费".into(), wan(7126)),
        ],
        budget_sheet: true,
        projects_sheet: false,
    }
}

/// 02 市委办公厅: carry-overs, 其他收入, 政府性基金, several 类, 因公出国, 公务接待,
/// budgets below 100% with reasons, 项目绩效.
fn city_office() -> SampleDept {
    let lines = vec![
        line("2013101", Gen, 126048, 0),
        proj(line("2013102", Gen, 0, 31520), "市委重要会议及活动服务保障"),
        gap(
            proj(line("2013105", Gen, 0, 48675), "机要保密及电子政务建设"),
            3325,
            "部分信息化建设项目按合同分期支付，尾款待验收后支付。",
        ),
        line("2013150", Gen, 40216, 0),
        gap(
            carry(proj(line("2013199", Gen, 0, 13890), "市委决策督查与专题调研"), 2000, 1250),
            1110,
            "部分调研课题跨年度实施，资金结转下年继续使用。",
        ),
        proj(line("2070199", Gen, 0, 4500), "党史文化宣传教育"),
        line("2080501", Gen, 18630, 0),
        line("2080505", Gen, 17542, 0),
        line("2080506", Gen, 6820, 0),
        line("2101101", Gen, 7215, 0),
        line("2101102", Gen, 2034, 0),
        line("2101103", Gen, 1780, 0),
        line("2210201", Gen, 12106, 0),
        carry(proj(line("2296002", GovFund, 0, 3500), "福利彩票公益金帮扶项目"), 800, 300),
        proj(line("2296003", GovFund, 0, 1200), "全民健身设施更新"),
        line("2013150", Other, 2640, 0),
        carry(line("2013199", Other, 0, 1430), 500, 200),
    ];
    SampleDept {
        file_stem: "02_市委办公厅".into(),
        name: "中共临川市委办公厅".into(),
        short_name: "市委办公厅".into(),
        year: 2023,
        unit: Unit::Wan,
        lines,
        basic_profile: default_basic_profile(),
        project_profile: default_project_profile(),
        three_budget: ThreePublicSpec { overseas: 1800, purchase: 0, operation: 3200, reception: 1200 },
        three_actual: ThreePublicSpec { overseas: 1562, purchase: 0, operation: 2847, reception: 985 },
        extras: Extras {
            running_cost_pct: 85,
            procurement: [4268, 1250, 9876],
            sme_pct: (92, 71),
            meeting_training: (1870, 965),
            overseas_groups: (2, 6),
            reception_counts: (46, 312, 1, 8),
            foreign_reception: 132,
            vehicles: Vehicles { by_use: [1, 2, 2, 0, 0, 0, 1], by_body: [3, 2, 1], purchased: 0 },
            big_equipment: 0,
        },
        texts: texts(&[
            ("部门名称", "中共临川市委办公厅"),
            ("部门简称", "市委办公厅"),
            ("主要职能", "（1）负责市委重要会议、重大活动的组织安排和服务保障。\n（2）负责市委文件、文稿的起草和审核把关。\n（3）负责对市委决策部署贯彻落实情况进行督促检查。\n（4）负责市委机要、保密、密码、档案和信息化工作。\n（5）承办市委交办的其他事项。"),
            ("重点工作完成情况", "全年组织服务市委全会2次、常委会会议41次，起草审核文稿720余篇，开展专项督查18次，完成重点课题调研12项。"),
            ("机构设置", "市委办公厅内设机构9个，下属事业单位3个：市委机要保密技术服务中心、市委党史研究室、市委办公厅机关服务中心。"),
            ("收支总计变动原因", "机要保密及电子政务建设项目支出增加，人员经费增加。"),
            ("收入变动原因", "财政拨款收入增加；彩票公益金项目资金增加。"),
            ("支出变动原因", "项目支出中机要保密及电子政务建设支出增加。"),
            ("财政拨款收支变动原因", "一般公共预算财政拨款项目支出增加。"),
            ("一般公共预算财政拨款支出变动原因", "电子政务建设和人员经费支出增加。"),
            ("三公经费预算执行说明", "严格执行中央八项规定精神，压减出国团组和公务接待规模，“三公”经费决算数小于预算数。"),
            ("因公出国（境）费变动原因", "按计划安排2个出国团组开展经贸交流，实际出行人数少于计划。"),
            ("公务用车购置及运行维护费变动原因", "车辆维修支出减少。"),
            ("公务接待费变动原因", "严格执行接待标准，压减陪同人数。"),
            ("机关运行经费变动原因", "厉行节约，办公费和差旅费减少。"),
            ("公务用车运行维护费用途", "保障主要领导干部、机要通信、应急保障等公务用车的燃料费、维修费、过路过桥费、保险费等支出"),
            ("国内公务接待内容", "接待上级部门和兄弟市州来临川调研、检查、学习交流"),
            ("政府采购用途", "购置办公设备，建设电子政务安全防护工程，采购信息系统运维、印刷和物业服务"),
            ("其他用车用途", "主要用于下乡调研和日常公务保障"),
            ("预算绩效管理情况", "对全部项目编制了绩效目标，开展绩效运行监控和绩效自评，并对机要保密及电子政务建设项目开展重点评价，评价等级为“良”。"),
            ("绩效评价：机构组成", "市委办公厅内设机构9个，下属市委机要保密技术服务中心、市委党史研究室、市委办公厅机关服务中心3个事业单位。"),
            ("绩效评价：人员概况", "编制人数128人，年末实有人数121人，其中行政人员86人、事业人员35人。"),
            ("绩效评价：履职效能", "全年组织服务市委全会2次、常委会会议41次，起草审核文稿720余篇，开展专项督查18次，完成重点课题调研12项，决策服务和督查落实成效明显。"),
            ("绩效评价：预算管理", "严格按照预算批复执行；部分信息化建设项目按合同分期支付，调研课题跨年度实施，资金按规定结转下年使用。"),
            ("绩效评价：财务管理", "健全内部控制制度，落实重大经费支出集体决策，定期开展财务收支自查。"),
            ("绩效评价：资产管理", "资产配置按标准执行，年末全面清查，资产账实相符。"),
            ("绩效评价：采购管理", "严格执行政府采购程序，电子政务安全防护工程依法公开招标。"),
            ("绩效评价：评价结论", "部门整体绩效良好，重点项目实施有序，个别信息化项目进度滞后。"),
            ("绩效评价：存在问题", "信息化建设项目前期论证不够充分，合同支付节点与预算安排衔接不紧。"),
            ("绩效评价：改进建议", "加强信息化项目前期论证，按实施进度编制预算，提高预算执行的均衡性。"),
            ("绩效评价：自评得分", "91分，等级为优"),
            ("附件", "2023年度部门整体支出绩效自评报告（见项目绩效表）。"),
        ]),
        prior_labels: Vec::new(),
        budget_sheet: true,
        projects_sheet: true,
        forms: Vec::new(),
    }
}

/// 03 农业技术服务中心 (元): 事业单位 with 事业收入 and a carry-over on it.
fn agri_centre() -> SampleDept {
    let lines = vec![
        line("2130104", Gen, 348_621_537, 0),
        proj(line("2130106", Gen, 0, 85_640_000), "农业新技术示范推广"),
        proj(line("2130108", Gen, 0, 42_365_050), "农作物重大病虫害监测防控"),
        proj(line("2130109", Gen, 0, 21_893_000), "农产品质量安全监测"),
        line("2080502", Gen, 9_532_000, 0),
        line("2080505", Gen, 36_210_864, 0),
        line("2080506", Gen, 14_484_346, 0),
        line("2101102", Gen, 15_842_033, 0),
        line("2210201", Gen, 26_157_720, 0),
        line("2130104", Business, 31_260_000, 0),
        carry(line("2130199", Business, 0, 18_600_000), 4_000_000, 2_550_000),
    ];
    let forms = super::bundled_forms::agri_centre_forms(&lines);
    SampleDept {
        file_stem: "03_农业技术服务中心".into(),
        name: "青溪区农业技术服务中心".into(),
        short_name: "农技中心".into(),
        year: 2023,
        unit: Unit::Yuan,
        lines,
        basic_profile: default_basic_profile(),
        project_profile: default_project_profile(),
        three_budget: ThreePublicSpec { overseas: 0, purchase: 0, operation: 4_500_000, reception: 800_000 },
        three_actual: ThreePublicSpec { overseas: 0, purchase: 0, operation: 3_862_050, reception: 523_000 },
        extras: Extras {
            running_cost_pct: 0,
            procurement: [3680, 0, 1525],
            sme_pct: (100, 100),
            meeting_training: (80, 320),
            overseas_groups: (0, 0),
            reception_counts: (9, 57, 0, 0),
            foreign_reception: 0,
            vehicles: Vehicles { by_use: [0, 0, 0, 0, 2, 0, 0], by_body: [0, 1, 1], purchased: 0 },
            big_equipment: 1,
        },
        texts: texts(&[
            ("部门名称", "青溪区农业技术服务中心"),
            ("部门简称", "区农技中心"),
            ("单位性质", "事业单位"),
            ("主要职能", "（1）承担全区农业新技术、新品种的引进、试验、示范和推广。\n（2）承担农作物病虫害监测预报和防控技术指导。\n（3）承担农产品质量安全检测和技术服务。\n（4）开展农民技术培训和农业技术咨询服务。"),
            ("机构设置", "本单位为区农业农村局所属公益一类事业单位，内设综合股、推广股、植保股、检测股4个股室，无下属单位。"),
            ("收支总计变动原因", "农业新技术示范推广项目资金增加，人员工资标准调整。"),
            ("收入变动原因", "财政拨款收入增加；技术服务事业收入增加。"),
            ("支出变动原因", "项目支出中农业新技术示范推广和病虫害防控支出增加。"),
            ("财政拨款收支变动原因", "农业新技术示范推广项目资金增加。"),
            ("一般公共预算财政拨款支出变动原因", "项目支出和人员经费增加。"),
            ("公务用车购置及运行维护费变动原因", "车辆老化维修减少，燃油费下降。"),
            ("公务接待费变动原因", "严格执行接待标准，接待批次减少。"),
            ("三公经费预算执行说明", "严格执行公务用车管理规定，压减车辆运行支出和公务接待支出。"),
            ("公务用车运行维护费用途", "保障病虫害监测、农产品抽检等下乡业务用车的燃料费、维修费、保险费等支出"),
            ("国内公务接待内容", "接待上级业务部门技术指导和检查"),
            ("政府采购用途", "购置农产品检测设备，采购病虫害监测服务"),
            ("名词解释：2130106", "反映用于农业科技成果转化、新技术示范推广和技术服务方面的支出。"),
            ("名词解释：2130108", "反映用于农作物病虫害监测预警、防控和统防统治等方面的支出。"),
            ("名词解释：2130109", "反映用于农产品质量安全例行监测、监督抽检和快速检测等方面的支出。"),
            ("预算绩效管理情况", "对全部项目编制了绩效目标，开展绩效运行监控和绩效自评；针对病虫害防控项目统防统治覆盖率未达目标的问题制定了整改措施。"),
            ("绩效评价：机构组成", "本单位为区农业农村局所属公益一类事业单位，内设综合股、推广股、植保股、检测股4个股室，无下属单位。"),
            ("绩效评价：人员概况", "核定事业编制38人，年末实有在职人员35人，其中专业技术人员29人。"),
            ("绩效评价：履职效能", "全年引进试验示范新品种、新技术23项，发布病虫情报24期，完成农产品检测3900余批次，开展农民技术培训40期，较好履行了农业技术推广和公益服务职能。"),
            ("绩效评价：预算管理", "严格按照预算批复执行，项目资金按进度拨付；示范物资和检测试剂集中采购节约的资金按规定收回。"),
            ("绩效评价：财务管理", "建立健全财务管理和内部控制制度，事业收入全部纳入预算管理。"),
            ("绩效评价：资产管理", "检测设备等固定资产建卡登记，定期盘点，资产账实相符。"),
            ("绩效评价：采购管理", "检测设备、示范物资和病虫害监测服务均按规定实施政府采购。"),
            ("绩效评价：常年项目数", "3"),
            ("绩效评价：项目决策", "项目立项依据中央、省、市农业技术推广政策和全区农业生产需要，绩效目标经局党组审定。"),
            ("绩效评价：项目执行", "项目按年度计划实施；病虫害防控统防统治作业受汛期降雨影响部分推迟。"),
            ("绩效评价：目标实现", "示范推广、监测预警和质量安全检测目标全部实现，仅统防统治覆盖率低于年度目标。"),
            ("绩效评价：绩效结果应用情况", "将自评结果作为下年度项目预算安排的依据，对统防统治覆盖率未达目标的问题提前储备防控物资。"),
            ("绩效评价：评价结论", "部门整体支出绩效目标总体实现，资金使用规范，农业技术推广服务成效明显。"),
            ("绩效评价：存在问题", "统防统治覆盖率受天气影响未达目标，基层快检设备老化。"),
            ("绩效评价：改进建议", "扶持专业化防治服务组织，逐步更新基层快检设备。"),
            ("绩效评价：自评得分", "96分，等级为优"),
        ]),
        prior_labels: Vec::new(),
        budget_sheet: false,
        projects_sheet: false,
        forms,
    }
}

/// A consistent prior year of `dept`: the same subjects a little lower, and the prior
/// year's 年末结转和结余 equal to this year's 年初.
pub fn prior_year(dept: &SampleDept) -> SampleDept {
    let scale = |v: i64, permille: i64| v * permille / 1000;
    let mut prior = dept.clone();
    prior.file_stem = format!("{}_上年", dept.file_stem);
    prior.year = dept.year - 1;
    for l in &mut prior.lines {
        l.basic = scale(l.basic, 941);
        l.project = scale(l.project, 917);
        l.end = l.begin;
        l.begin = scale(l.begin, 750);
        l.use_balance = 0;
        l.distribution = 0;
        l.budget_gap = 0;
        l.gap_reason = None;
    }
    for t in [&mut prior.three_budget, &mut prior.three_actual] {
        t.overseas = scale(t.overseas, 900);
        t.purchase = scale(t.purchase, 900);
        t.operation = scale(t.operation, 1083);
        t.reception = scale(t.reception, 1150);
    }
    prior.texts.retain(|(k, _)| matches!(k.as_str(), "部门名称" | "部门简称" | "主要职能" | "机构设置"));
    prior.prior_labels.clear();
    prior.forms.clear();
    prior
}

/// The bundled sample departments, in order: 01 区委办公室, 02 市委办公厅, 03 农业技术服务中心
/// (and its prior year is [`prior_year`] of the third).
pub fn bundled_specs() -> Vec<SampleDept> {
    vec![district_office(), city_office(), agri_centre()]
}

// ───────────────────────────── corpus ─────────────────────────────

/// SplitMix64: a tiny deterministic PRNG (no external crate).
#[derive(Clone, Debug)]
pub struct Prng(u64);

impl Prng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Prng {
        Prng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi` (returns `lo` when `hi < lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo + 1) as u64;
        lo + (self.next_u64() % span) as i64
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

const CORPUS_NAMES: &[&str] = &[
    "发展和改革局", "财政局", "审计局", "统计局", "司法局", "档案馆", "科学技术局", "文化广播电视和旅游局",
    "农业农村局", "应急管理局", "信访局", "机关事务服务中心", "市场监督管理局", "政协办公室", "人大常委会办公室",
    "委组织部", "委宣传部", "委统战部", "网信办", "工商业联合会", "团委", "妇女联合会", "科学技术协会",
    "农业技术推广站", "植保植检站", "档案服务中心", "融媒体中心", "社会治理服务中心",
];
const REGIONS: &[&str] = &["青溪区", "临川市", "白石县", "云岭县", "金沙区", "南浦县", "西岭市", "东坝区"];

fn is_basic_code(code: &str) -> bool {
    let suffix = &code[5..];
    matches!(suffix, "01" | "03" | "50")
        || matches!(code, "2060701" | "2130104" | "2080501" | "2080502" | "2080505" | "2080506" | "2101101" | "2101102" | "2101103" | "2210201" | "2210202" | "2210203" | "2080801")
}

fn code_pool() -> Vec<String> {
    let mut pool: Vec<String> = Vec::new();
    for (kuan, _) in FUNCTION_KUAN.iter().filter(|(k, _)| is_generic_kuan(k)) {
        for suffix in ["01", "02", "03", "50", "99"] {
            pool.push(format!("{kuan}{suffix}"));
        }
    }
    for (code, _) in FUNCTION_XIANG {
        if !pool.iter().any(|c| c == code) {
            pool.push(code.to_string());
        }
    }
    pool
}

fn source_of(code: &str) -> IncomeSource {
    if code.starts_with("22960") || code.starts_with("21208") {
        GovFund
    } else if code.starts_with("223") {
        StateCapital
    } else {
        Gen
    }
}

/// The `index`-th (0-based) synthetic corpus department for `seed`: between 10 and 200 项
/// rows, 万元 or 元, carry-overs, non-fiscal income, funds and 三公 drawn at random.
pub fn corpus_spec(index: usize, seed: u64) -> SampleDept {
    let mut rng = Prng::new(seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let unit = if rng.chance(30) { Unit::Yuan } else { Unit::Wan };
    let target = if index % 10 == 9 { 200 } else { rng.range(10, 120) as usize };
    let region = REGIONS[rng.range(0, REGIONS.len() as i64 - 1) as usize];
    let base = CORPUS_NAMES[rng.range(0, CORPUS_NAMES.len() as i64 - 1) as usize];
    let name = if base.starts_with('委') { format!("中共{region}{base}") } else { format!("{region}{base}") };
    // amounts: 万元 cents or 元 分
    let amount = |rng: &mut Prng, lo_wan: i64, hi_wan: i64| -> i64 {
        let wan_cents = rng.range(lo_wan * 100, hi_wan * 100);
        match unit {
            Unit::Wan => wan_cents,
            Unit::Yuan => wan_cents * 10_000 + rng.range(0, 9_999),
        }
    };
    let mut pool = code_pool();
    rng.shuffle(&mut pool);
    let mandatory = ["2013101", "2080505", "2101101", "2210201"];
    let mut codes: Vec<String> = mandatory.iter().map(|c| c.to_string()).collect();
    for c in pool {
        if codes.len() >= target {
            break;
        }
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    let mut lines = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let source = source_of(code);
        let (basic, project) = if is_basic_code(code) && source == Gen {
            let hi = if i == 0 { 3000 } else { 400 };
            (amount(&mut rng, 5, hi), 0)
        } else {
            (0, amount(&mut rng, 1, 300))
        };
        let mut l = line(code, source, basic, project);
        if project > 0 && rng.chance(15) {
            let end = amount(&mut rng, 0, 20);
            let begin = (l.expenditure() / 4).min(amount(&mut rng, 0, 30));
            l = carry(l, begin, end);
        }
        if project > 0 && rng.chance(40) {
            // One name per project: two subjects of the same name (一般行政管理事务 under two 款)
            // keep their projects apart by the code.
            let name = format!("{}专项工作经费", l.name.trim_start_matches("其他"));
            let taken = lines.iter().any(|o: &Line| o.project_name.as_deref() == Some(name.as_str()));
            l.project_name = Some(if taken { format!("{name}（{code}）") } else { name });
        }
        if source == Gen && rng.chance(12) {
            l.budget_gap = rng.range(1, 5000);
            l.gap_reason = Some("部分项目按进度分期支付，资金结转下年使用。".into());
        }
        lines.push(l);
    }
    // non-fiscal money on a few existing codes
    for src in [Business, Other, Superior] {
        if rng.chance(25) {
            let code = codes[rng.range(0, codes.len() as i64 - 1) as usize].clone();
            let mut l = if is_basic_code(&code) { line(&code, src, amount(&mut rng, 1, 80), 0) } else { line(&code, src, 0, amount(&mut rng, 1, 80)) };
            if rng.chance(40) {
                let begin = amount(&mut rng, 0, 10).min(l.expenditure() / 3);
                l.begin = begin;
                l.use_balance = if rng.chance(50) { begin / 2 } else { 0 };
                l.end = amount(&mut rng, 0, 5);
            }
            lines.push(l);
        }
    }
    let anchor_basic = lines[0].basic;
    let mut actual = ThreePublicSpec::default();
    let mut budget = ThreePublicSpec::default();
    let cap = (anchor_basic / 30).max(1);
    if rng.chance(70) {
        actual.operation = rng.range(0, cap);
    }
    if rng.chance(20) {
        actual.overseas = rng.range(0, cap / 2);
    }
    if rng.chance(50) {
        actual.reception = rng.range(0, cap / 3);
    }
    let project_max = lines.iter().filter(|l| l.source == Gen).map(|l| l.project).max().unwrap_or(0);
    if rng.chance(10) && project_max > 0 {
        actual.purchase = rng.range(0, project_max / 2);
    }
    for (b, a) in [
        (&mut budget.overseas, actual.overseas),
        (&mut budget.purchase, actual.purchase),
        (&mut budget.operation, actual.operation),
        (&mut budget.reception, actual.reception),
    ] {
        *b = a + a * rng.range(0, 20) / 100;
    }
    let cars = rng.range(0, 6) as u32;
    let sedans = cars / 2;
    let suvs = cars - sedans;
    let mut by_use = [0u32; 7];
    for _ in 0..cars {
        by_use[rng.range(0, 6) as usize] += 1;
    }
    let goods = rng.range(0, 5000);
    let services = rng.range(0, 8000);
    // 绩效自评表 for about a third of the departments (own generator: the draws above stay).
    let mut frng = Prng::new(seed ^ 0x5EED_F0F0 ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let with_forms = frng.chance(35);
    let compact = frng.chance(50);
    SampleDept {
        file_stem: format!("部门{:04}_{}", index + 1, name),
        short_name: base.to_string(),
        name,
        year: 2023,
        unit,
        lines,
        basic_profile: default_basic_profile(),
        project_profile: default_project_profile(),
        three_budget: budget,
        three_actual: actual,
        extras: Extras {
            running_cost_pct: if rng.chance(70) { rng.range(60, 95) as u32 } else { 0 },
            procurement: [goods, 0, services],
            sme_pct: (90, 60),
            meeting_training: (rng.range(0, 500), rng.range(0, 800)),
            overseas_groups: if actual.overseas > 0 { (1, 3) } else { (0, 0) },
            reception_counts: if actual.reception > 0 { (rng.range(1, 40) as u32, rng.range(10, 200) as u32, 0, 0) } else { (0, 0, 0, 0) },
            foreign_reception: 0,
            vehicles: Vehicles { by_use, by_body: [sedans, suvs, 0], purchased: u32::from(actual.purchase > 0) },
            big_equipment: 0,
        },
        texts: texts(&[("主要职能", "负责本部门职责范围内的各项工作。"), ("机构设置", "内设机构若干，无下属单位。")]),
        prior_labels: Vec::new(),
        budget_sheet: rng.chance(50),
        projects_sheet: rng.chance(50),
        forms: Vec::new(),
    }
    .with_corpus_forms(with_forms, compact)
}

impl SampleDept {
    /// Adds a [`super::forms::corpus_form`] for each of the first six named 一般公共预算
    /// project lines (when `on`).
    fn with_corpus_forms(mut self, on: bool, compact: bool) -> SampleDept {
        if on {
            let lines: Vec<_> = self.lines.iter().filter(|l| l.project_name.is_some() && l.source == Gen && l.project > 0).take(6).cloned().collect();
            self.forms = lines.iter().enumerate().map(|(k, l)| super::forms::corpus_form(&self, l, k, compact)).collect();
        }
        self
    }
}
