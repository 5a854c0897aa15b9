//! The reader's one error type. Every variant names the file, the sheet and the cell (A1)
//! where that makes sense, says what is wrong and what to do about it.

use crate::model::{CellRef, TableId};

/// Everything that can stop the reader. `Display` is a Chinese sentence with file, sheet and
/// cell, followed by what the finance officer should do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or is not a readable spreadsheet (corrupted, wrong format).
    #[error("无法读取文件 {file}：{reason}。请确认它是完好的 xlsx/xls/xlsm/ods 工作簿（可用 Excel 或 WPS 打开后另存为 .xlsx 再试）。")]
    Unreadable {
        /// The file or folder.
        file: String,
        /// What the spreadsheet library said.
        reason: String,
    },
    /// A workbook, sheet or zip part beyond the reader's limits (or declaring absurd sizes).
    #[error("文件过大或已损坏：{place}：{what}。请删除表格以外的内容，或用 Excel/WPS 打开后另存为 .xlsx 再试。")]
    TooLarge {
        /// `file` or `file › sheet`.
        place: String,
        /// What exceeded which limit.
        what: String,
    },
    /// A formula cell saved without its computed value (reading it as 0 would be wrong).
    #[error("{at}：此单元格是公式，但文件中没有保存计算结果（常见于程序生成的表格），按 0 读取会得出错误的数字。请在 Excel/WPS 中打开并保存后再试。")]
    NoCachedValue {
        /// The formula cell.
        at: CellRef,
    },
    /// A required table (01, 03, 04, 06, 08, 13) was not found in the input.
    #[error("在 {input} 中没有找到{table}。请确认该表在工作簿中（任一工作表），且表头顶部保留标题“{title}”。")]
    MissingTable {
        /// The workbook or folder.
        input: String,
        /// Which table.
        table: TableId,
        /// Its canonical title.
        title: &'static str,
    },
    /// Two sheets claim the same table.
    #[error("{table}出现了两次：{first} 与 {second}。请删除或改名其中多余的一张（标题只能保留一处）。")]
    DuplicateTable {
        /// Which table.
        table: TableId,
        /// The first title cell.
        first: CellRef,
        /// The second title cell.
        second: CellRef,
    },
    /// Text, an error value (`#REF!` …) or anything else where an amount must be.
    #[error("{at}：此处应为金额，却是“{found}”。请改为数字（空白、0、-、/、无 均表示零）；若为公式错误请修正公式或粘贴为数值。")]
    BadAmount {
        /// The cell.
        at: CellRef,
        /// What the cell holds.
        found: String,
    },
    /// A unit cell states something other than 元 / 万元.
    #[error("{at}：无法识别的金额单位“{found}”。请写为“金额单位：元”或“金额单位：万元”。")]
    UnknownUnit {
        /// The cell.
        at: CellRef,
        /// The unit text.
        found: String,
    },
    /// A subject code that is not 3/5/7 digits (功能分类) or 3/5 digits starting with 3 (经济分类).
    #[error("{at}：科目编码“{found}”无效（功能分类应为3、5或7位数字，经济分类应为3或5位以3开头的数字）。请改正编码。")]
    BadSubjectCode {
        /// The cell.
        at: CellRef,
        /// The code text.
        found: String,
    },
    /// A required amount column was not found by its header text.
    #[error("{at}：{table}中找不到“{column}”列（读到的表头：{seen}）。请把对应列的表头改为“{column}”，或运行 juesuan dump --explain 查看读取情况。")]
    MissingColumn {
        /// The first header cell of the table.
        at: CellRef,
        /// Which table.
        table: TableId,
        /// The column sought.
        column: String,
        /// The header texts seen, with their cells.
        seen: String,
    },
    /// An amount column whose header matches no concept, holding amounts an identity needs.
    #[error("{at}：{table}的表头“{header}”无法识别，而该列有金额、本表又缺少“{expected}”列。请把 {at} 的表头改为“{expected}”，或运行 juesuan dump --explain 查看读取情况。")]
    UnknownColumn {
        /// The header cell.
        at: CellRef,
        /// Which table.
        table: TableId,
        /// The header text.
        header: String,
        /// The concepts the table lacks.
        expected: String,
    },
    /// The post-read self-check: the figures look like a misread layout.
    #[error("{at}：{table}的版式可能被误读：{what}。请核对表头与栏次行，或运行 juesuan dump --explain 查看读取情况。")]
    Misread {
        /// The cell.
        at: CellRef,
        /// Which table.
        table: TableId,
        /// What looks wrong.
        what: String,
    },
    /// A row label in 01/04/13 (or a row in a detail table) that cannot be placed.
    #[error("{at}：{table}中的行“{label}”无法识别，为避免漏数已停止。请改为标准行名（见导出模板），或删除该行后重试。")]
    UnplacedLabel {
        /// The label cell.
        at: CellRef,
        /// Which table.
        table: TableId,
        /// The label text.
        label: String,
    },
    /// A required row (e.g. 本年收入合计, 人员经费合计, 三公 items) is missing.
    #[error("{at}：{table}中缺少“{label}”行。请补上该行（按导出模板的行名）后重试。")]
    MissingRow {
        /// The table's title cell.
        at: CellRef,
        /// Which table.
        table: TableId,
        /// The row sought.
        label: String,
    },
    /// No year found anywhere.
    #[error("在 {input} 中找不到决算年度（表头、标题、工作表名、文件名都没有“20XX年度”）。请在“说明材料”工作表中填写“年度”，例如 2023。")]
    NoYear {
        /// The workbook or folder.
        input: String,
    },
    /// No department name found anywhere.
    #[error("在 {input} 中找不到部门名称（表头没有“编制单位：”或“部门：”）。请在“说明材料”工作表中填写“部门名称”。")]
    NoDepartment {
        /// The workbook or folder.
        input: String,
    },
    /// A value in 说明材料/预算数/项目绩效 or a 绩效自评表 that cannot be used.
    #[error("{at}：{what}。")]
    BadNote {
        /// The cell.
        at: CellRef,
        /// What is wrong and what to do.
        what: String,
    },
}
