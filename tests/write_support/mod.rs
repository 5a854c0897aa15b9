//! Shared fixture for the write-stage tests: a hand-built report Document shaped like a real
//! 部门决算 report (seed 004), with seven charts of known values and the thirteen 附表.
#![allow(dead_code)]

use juesuan::doc::*;
use juesuan::model::TableId;
use rust_decimal::Decimal;
use std::io::{Cursor, Read};

pub fn d(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

pub fn body(text: &str) -> Block {
    Block::Paragraph(Paragraph { style: ParaStyle::Body, runs: vec![Run { text: text.into(), placeholder: false, bold: false }] })
}

pub fn heading(level: u8, text: &str) -> Block {
    Block::Heading { level, text: text.into() }
}

pub fn bar(number: u8, caption: &str, cats: &[&str], prior: &[&str], this: &[&str]) -> Block {
    Block::Chart(Chart {
        number,
        kind: ChartKind::Bar,
        caption: caption.into(),
        categories: cats.iter().map(|s| s.to_string()).collect(),
        series: vec![
            Series { name: "2022年".into(), values: prior.iter().map(|s| d(s)).collect() },
            Series { name: "2023年".into(), values: this.iter().map(|s| d(s)).collect() },
        ],
    })
}

pub fn pie(number: u8, caption: &str, cats: &[&str], shares: &[&str]) -> Block {
    Block::Chart(Chart {
        number,
        kind: ChartKind::Pie,
        caption: caption.into(),
        categories: cats.iter().map(|s| s.to_string()).collect(),
        series: vec![Series { name: "占比".into(), values: shares.iter().map(|s| d(s)).collect() }],
    })
}

/// The 13 附表 captions, `一、收入支出决算总表` ….
pub fn annex_caption(id: TableId) -> String {
    const N: [&str; 13] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];
    format!("{}、{}", N[id as usize], id.title())
}

pub const PLACEHOLDER: &str = "【请补充：收、支总计增长的主要原因】";

/// The sample report.
pub fn sample_document() -> Document {
    let mut blocks = vec![
        Block::Toc,
        Block::PageBreak,
        heading(1, "第一部分 部门概况"),
        heading(2, "一、部门职责"),
        body("（1）负责全区重要工作综合协调。"),
        heading(2, "二、机构设置"),
        body("下属事业单位4个。"),
        Block::PageBreak,
        heading(1, "第二部分 2023年度部门决算情况说明"),
        heading(2, "一、收入支出决算总体情况说明"),
        Block::Paragraph(Paragraph {
            style: ParaStyle::Body,
            runs: vec![
                Run { text: "2023年度收、支总计均为889.16万元。与2022年度相比，收、支总计各增加44.34万元，增长5.25%。主要变动原因是".into(), placeholder: false, bold: false },
                Run { text: PLACEHOLDER.into(), placeholder: true, bold: false },
                Run { text: "。".into(), placeholder: false, bold: false },
            ],
        }),
        bar(1, "图1：收、支决算总计变动情况", &["收入总计", "支出总计"], &["844.82", "844.82"], &["889.16", "889.16"]),
        heading(2, "二、收入决算情况说明"),
        body("2023年度本年收入合计889.16万元，其中：一般公共预算财政拨款收入889.16万元，占100.00%。"),
        pie(2, "图2：收入决算结构", &["一般公共预算财政拨款收入"], &["1"]),
        heading(2, "三、支出决算情况说明"),
        body("2023年度本年支出合计889.16万元，其中：基本支出636.03万元，占71.53%；项目支出253.13万元，占28.47%。"),
        pie(3, "图3：支出决算结构", &["基本支出", "项目支出"], &["0.7153", "0.2847"]),
        heading(2, "四、财政拨款收入支出决算总体情况说明"),
        body("2023年度财政拨款收、支总计均为889.16万元。"),
        bar(4, "图4：财政拨款收、支决算总计变动情况", &["财政拨款收入", "财政拨款支出"], &["844.82", "844.82"], &["889.16", "889.16"]),
        heading(2, "五、一般公共预算财政拨款支出决算情况说明"),
        heading(3, "（一）一般公共预算财政拨款支出决算总体情况"),
        body("2023年度一般公共预算财政拨款支出889.16万元，占本年支出合计的100.00%。"),
        bar(5, "图5：一般公共预算财政拨款支出决算变动情况", &["一般公共预算财政拨款支出"], &["844.82"], &["889.16"]),
        heading(3, "（二）一般公共预算财政拨款支出决算结构情况"),
        body("一般公共服务支出753.07万元，占84.70%；公共安全支出5.96万元，占0.67%；社会保障和就业支出57.34万元，占6.45%；卫生健康支出27.23万元，占3.06%；住房保障支出45.56万元，占5.12%。"),
        pie(
            6,
            "图6：一般公共预算财政拨款支出决算结构",
            &["一般公共服务支出", "公共安全支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"],
            &["0.8470", "0.0067", "0.0645", "0.0306", "0.0512"],
        ),
        heading(2, "六、“三公”经费财政拨款支出决算情况说明"),
        body("2023年度“三公”经费财政拨款支出决算为12.52万元。"),
        pie(7, "图7：“三公”经费财政拨款支出结构", &["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"], &["0", "1", "0"]),
        heading(1, "第三部分 名词解释"),
        body("1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。"),
        heading(1, "第四部分 附件"),
        body("无。"),
        heading(1, "第五部分 附表"),
    ];
    blocks.extend(TableId::ALL.iter().map(|id| Block::AnnexTable { table: *id, caption: annex_caption(*id) }));
    Document { department: "中共测试区委员会办公室".into(), year: 2023, draft: false, blocks }
}

/// A zip opened in memory.
pub struct Package {
    pub zip: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Package {
    pub fn open(bytes: &[u8]) -> Package {
        Package { zip: zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("the package is a zip") }
    }
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }
    pub fn bytes(&mut self, name: &str) -> Vec<u8> {
        let mut f = self.zip.by_name(name).unwrap_or_else(|_| panic!("part {name} exists"));
        let mut v = Vec::new();
        f.read_to_end(&mut v).expect("readable");
        v
    }
    pub fn text(&mut self, name: &str) -> String {
        String::from_utf8(self.bytes(name)).expect("utf-8")
    }
}
