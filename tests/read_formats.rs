//! The reader on realistic workbooks: a standard 万元 export, a different writer (元, split
//! codes, text numbers, shuffled odd sheet names, vertical 13, 3-block 08), a folder input.

mod read_support;

use juesuan::model::*;
use juesuan::read::{dump, read_book, read_department};
use read_support::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn standard_export_is_read_completely() {
    let dir = temp_dir("standard");
    let path = dir.join("区委办.xlsx");
    write_book(&path, &standard());
    let b = read_book(&path).unwrap();

    assert_eq!(b.meta.year, 2023);
    assert_eq!(b.meta.department, "中共某某区委办公室");
    assert_eq!(b.meta.short_name, "区委办");

    // 01
    let t = &b.t01;
    assert_eq!(t.source.unit, Unit::Wan);
    assert_eq!(&*t.source.sheet, "公开01表");
    assert_eq!(t.source.title_at.a1(), "A1");
    assert_eq!(t.income_total.value, d("889.16"));
    assert_eq!(t.income_total.at.a1(), "C15");
    assert_eq!(t.income.len(), 8);
    assert_eq!(t.income(IncomeSource::GeneralBudget), d("850.16"));
    assert_eq!(t.income(IncomeSource::Other), d("19"));
    assert_eq!(t.income(IncomeSource::Business), Decimal::ZERO);
    assert_eq!(t.begin_balance.as_ref().unwrap().value, d("12.5"));
    assert_eq!(t.use_of_non_fiscal_balance.as_ref().unwrap().value, Decimal::ZERO);
    assert_eq!(t.income_grand_total.value, d("901.66"));
    let codes: Vec<&str> = t.expenditure_classes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["201", "208", "210", "221"]);
    assert_eq!(t.expenditure_classes[1].amount.value, d("120.16"));
    assert_eq!(t.expenditure_classes[1].name, "社会保障和就业支出");
    assert_eq!(t.expenditure_total.value, d("889.16"));
    assert_eq!(t.end_balance.as_ref().unwrap().value, d("12.5"));
    assert_eq!(t.expenditure_grand_total.value, d("901.66"));

    // 02
    let t02 = b.t02.as_ref().unwrap();
    assert_eq!(t02.columns.len(), 7);
    assert_eq!(t02.total_of(Col::IncomeTotal).unwrap().value, d("889.16"));
    assert_eq!(t02.total_of(Col::FiscalGrant).unwrap().value, d("870.16"));
    assert_eq!(t02.total_of(Col::OtherIncome).unwrap().value, d("19"));
    let r = t02.row(&SubjectCode::parse("2013101").unwrap()).unwrap();
    assert_eq!(r.name, "行政运行");

    // 03
    let t03 = &b.t03;
    assert_eq!(t03.columns, [Col::ExpenditureTotal, Col::Basic, Col::Project, Col::ToSuperior, Col::OperatingExpenditure, Col::ToAffiliated]);
    assert_eq!(t03.total_of(Col::Basic).unwrap().value, d("600"));
    assert_eq!(t03.total_of(Col::Project).unwrap().value, d("289.16"));
    assert_eq!(t03.rows.len(), 13);
    assert_eq!(t03.rows_at(Level::Lei).count(), 4);
    let r = t03.row(&SubjectCode::parse("2210201").unwrap()).unwrap();
    assert_eq!(t03.value(r, Col::Basic), Some(d("19.84")));
    assert_eq!(r.values[0].at.a1(), "E21");

    // 04
    let t04 = &b.t04;
    assert_eq!(t04.income(Fund::General), d("850.16"));
    assert_eq!(t04.income(Fund::GovFund), d("20"));
    assert_eq!(t04.income_total.value, d("870.16"));
    assert_eq!(t04.begin_balance.as_ref().unwrap().value, d("12.5"));
    assert_eq!(t04.begin_by_fund.len(), 3);
    assert_eq!(t04.begin_by_fund[0].amount.value, d("12.5"));
    assert_eq!(t04.expenditure_classes.len(), 4);
    assert_eq!(t04.expenditure_classes[0].amounts.fund(Fund::GovFund), d("20"));
    assert_eq!(t04.expenditure_total.fund(Fund::General), d("849.16"));
    assert_eq!(t04.end_balance.as_ref().unwrap().total.value, d("13.5"));
    assert_eq!(t04.expenditure_grand_total.total.value, d("882.66"));

    // 05 / 07 / 09
    let t05 = b.t05.as_ref().unwrap();
    assert_eq!(t05.layout, MatrixLayout::FunctionRows);
    assert_eq!(t05.columns.len(), 5);
    assert!(t05.columns[1].ends_with("工资福利支出"), "{:?}", t05.columns);
    assert_eq!(t05.total[0].value, d("869.16"));
    assert_eq!(b.t07.as_ref().unwrap().total[0].value, d("849.16"));
    assert_eq!(b.t09.as_ref().unwrap().rows[0].code, "2013102");

    // 06
    assert_eq!(b.t06.total_of(Col::ExpenditureTotal).unwrap().value, d("849.16"));
    assert_eq!(b.t06.rows.len(), 8);

    // 08
    let t08 = &b.t08;
    assert_eq!(t08.personnel_total.value, d("520"));
    assert_eq!(t08.public_total.value, d("80"));
    assert_eq!(t08.personnel.len(), 6);
    assert_eq!(t08.public.len(), 6);
    assert_eq!(t08.public[2].code.as_str(), "30217");
    assert_eq!(t08.public[2].amount.value, d("5"));

    // 10, 11, 12
    let t10 = b.t10.as_ref().unwrap();
    assert_eq!(t10.columns, [Col::BeginBalance, Col::YearIncome, Col::ExpenditureTotal, Col::Basic, Col::Project, Col::EndBalance]);
    assert_eq!(t10.total_of(Col::YearIncome).unwrap().value, d("20"));
    assert!(b.t11.is_none() && b.t12.is_none());

    // 13 wide
    let t13 = &b.t13;
    assert_eq!(t13.budget.total.value, d("21"));
    assert_eq!(t13.budget.vehicles.value, d("20.5"));
    assert_eq!(t13.budget.vehicle_operation.value, d("20.5"));
    assert_eq!(t13.budget.reception.value, d("0.5"));
    assert_eq!(t13.actual.total.value, d("16.95"));
    assert_eq!(t13.actual.vehicles.value, d("16.95"));
    assert_eq!(t13.actual.reception.value, Decimal::ZERO);
    assert_eq!(t13.actual.total.at.a1(), "B8");

    // 说明材料 / 预算数 / 项目绩效
    assert_eq!(b.notes.len(), 5);
    let n = b.note("因公出国（境）费变动原因").unwrap();
    assert_eq!(n.text, "本年未安排出国团组。");
    assert_eq!(b.note("主要职能").unwrap().text, "（1）负责文电处理。\n（2）负责会务组织。");
    assert_eq!(b.note("机关运行经费").unwrap().text, "80.69");
    assert_eq!(b.note("公务用车保有量").unwrap().text, "3");
    assert_eq!(b.budgets.len(), 2);
    assert_eq!(b.budgets[0].code.as_str(), "2013101");
    assert_eq!(b.budgets[0].full_year.value, d("510"));
    assert_eq!(b.budgets[0].initial.as_ref().unwrap().value, d("480"));
    assert!(b.budgets[1].initial.is_none());
    assert_eq!(b.projects.len(), 1);
    assert_eq!(b.projects[0].actual.as_ref().unwrap().value, d("48.5"));
    assert_eq!(b.projects[0].summary, "按期完成。");

    // dump
    let text = dump(&b);
    assert!(text.contains("中共某某区委办公室"), "{text}");
    assert!(text.contains("本年收入合计 889.16"), "{text}");
    assert!(text.contains("公开03表!A1"), "{text}");
    assert!(text.contains("人员经费合计 520.00"), "{text}");
    assert!(text.contains("表11 国有资本经营预算财政拨款收入支出决算表  未提供（视为零）"), "{text}");
    assert!(text.contains("说明材料：5 项"), "{text}");
    let json = serde_json::to_string_pretty(&b).unwrap();
    assert!(json.contains("\"889.16\""));
}

#[test]
fn different_writer_style_is_read() {
    let dir = temp_dir("different");
    let path = dir.join("某某县农业农村局.xlsx");
    write_book(&path, &different());
    let b = read_book(&path).unwrap();

    assert_eq!(b.meta.department, "某某县农业农村局（本级）");
    assert_eq!(b.meta.year, 2023);

    let t = &b.t01;
    assert_eq!(t.source.unit, Unit::Yuan);
    assert_eq!(&*t.source.sheet, "Sheet3");
    assert_eq!(t.income_total.value, d("889.16"));
    assert_eq!(t.income(IncomeSource::GeneralBudget), d("850.16"));
    assert_eq!(t.income(IncomeSource::Other), d("39"));
    assert_eq!(t.use_of_non_fiscal_balance.as_ref().unwrap().value, Decimal::ZERO);
    assert_eq!(t.begin_balance.as_ref().unwrap().value, d("12.5"));
    assert_eq!(t.income_grand_total.value, d("901.66"));
    assert_eq!(t.expenditure_classes[1].code.as_str(), "213");
    assert_eq!(t.expenditure_classes[1].amount.value, d("189.16"));

    let t03 = &b.t03;
    let codes: Vec<&str> = t03.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["201", "20131", "2013101", "2013102", "213", "21301", "2130199"]);
    assert_eq!(t03.rows[2].name, "行政运行");
    assert_eq!(t03.total_of(Col::ExpenditureTotal).unwrap().value, d("889.16"));
    assert_eq!(t03.total_of(Col::ExpenditureTotal).unwrap().at.a1(), "E14");
    assert_eq!(t03.total_of(Col::Project).unwrap().value, d("289.16"));

    assert_eq!(b.t04.income_total.value, d("850.16"));
    assert_eq!(b.t04.expenditure_classes[1].code.as_str(), "213");
    assert_eq!(b.t04.end_balance.as_ref().unwrap().total.value, Decimal::ZERO);

    let t06 = &b.t06;
    assert_eq!(t06.rows.len(), 4);
    assert_eq!(t06.rows[1].code.as_str(), "2013101");
    assert_eq!(t06.rows[1].name, "行政运行");
    assert_eq!(t06.total_of(Col::Project).unwrap().value, d("250.16"));

    let t08 = &b.t08;
    assert_eq!(t08.personnel_total.value, d("505"));
    assert_eq!(t08.public_total.value, d("95"));
    assert_eq!(t08.public_total.at.a1(), "L12");
    let p: Vec<&str> = t08.personnel.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(p, ["301", "30101", "30102", "303", "30302"]);
    let g: Vec<&str> = t08.public.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(g, ["302", "30201", "30231", "310", "31002"]);

    let t09 = b.t09.as_ref().unwrap();
    assert_eq!(t09.layout, MatrixLayout::EconomicRows);
    assert_eq!(t09.total[0].value, d("250.16"));

    assert!(b.t10.is_none());
    let t11 = b.t11.as_ref().unwrap();
    assert!(t11.rows.is_empty());
    assert!(t11.total.iter().all(|a| a.value.is_zero()));
    let t12 = b.t12.as_ref().unwrap();
    assert_eq!(t12.rows[0].code.as_str(), "2230199");
    assert_eq!(t12.rows[0].values[0].value, d("123.456789"));
    assert_eq!(t12.total_of(Col::Project).unwrap().value, d("123.456789"));

    let t13 = &b.t13;
    assert_eq!(t13.budget.total.value, d("21"));
    assert_eq!(t13.actual.total.value, d("16.95"));
    assert_eq!(t13.actual.vehicles.value, d("16.95"));
    assert_eq!(t13.budget.reception.value, d("0.5"));
    assert_eq!(t13.actual.reception.value, Decimal::ZERO);
    assert_eq!(t13.actual.overseas.value, Decimal::ZERO);
    assert_eq!(t13.actual.vehicle_operation.at.a1(), "C9");
    assert!(b.t02.is_none() && b.t05.is_none() && b.t07.is_none());
    assert!(dump(&b).contains("元（已换算为万元）"));
}

#[test]
fn folder_input_with_notes_workbook() {
    let dir = temp_dir("folder");
    let specs = standard();
    for s in &specs {
        if matches!(s.name.as_str(), "说明材料" | "预算数" | "项目绩效") {
            continue;
        }
        write_book(&dir.join(format!("表{}.xlsx", s.name)), std::slice::from_ref(s));
    }
    let own: Vec<SheetSpec> = specs.iter().filter(|s| matches!(s.name.as_str(), "说明材料" | "预算数" | "项目绩效")).cloned().collect();
    write_book(&dir.join("说明材料.xlsx"), &own);
    std::fs::write(dir.join("~$表公开01表.xlsx"), b"lock").unwrap();
    std::fs::write(dir.join("readme.txt"), "not a workbook").unwrap();
    let b = read_book(&dir).unwrap();
    assert_eq!(b.t01.income_total.value, d("889.16"));
    assert!(b.t01.source.file.ends_with("表公开01表.xlsx"));
    assert_eq!(b.t13.actual.total.value, d("16.95"));
    assert_eq!(b.notes.len(), 5);
    assert_eq!(b.budgets.len(), 2);
    assert_eq!(b.projects.len(), 1);

    // A 说明材料.xlsx whose only sheet has another name is still the notes sheet.
    let mut n = notes_sheet();
    n.name = "Sheet1".into();
    write_book(&dir.join("说明材料.xlsx"), &[n]);
    let b2 = read_book(&dir).unwrap();
    assert_eq!(b2.notes.len(), 5);
    assert!(b2.budgets.is_empty() && b2.projects.is_empty());
    // So are 预算数.xlsx and 项目绩效.xlsx whose only sheet is called Sheet1.
    for (file, mut sheet) in [("预算数.xlsx", budget_sheet()), ("项目绩效.xlsx", projects_sheet())] {
        sheet.name = "Sheet1".into();
        write_book(&dir.join(file), &[sheet]);
    }
    let b3 = read_book(&dir).unwrap();
    assert_eq!(b3.budgets.iter().map(|l| (l.code.as_str().to_string(), l.full_year.value)).collect::<Vec<_>>(), [("2013101".to_string(), d("510")), ("2013102".to_string(), d("170.5"))]);
    assert_eq!(b3.projects.first().map(|p| (p.name.as_str(), p.actual.as_ref().map(|a| a.value))), Some(("机要通信保障", Some(d("48.5")))));
    std::fs::remove_file(dir.join("预算数.xlsx")).unwrap();
    std::fs::remove_file(dir.join("项目绩效.xlsx")).unwrap();

    let dept = read_department(&dir, Some(&dir)).unwrap();
    assert_eq!(dept.prior.unwrap().t01.income_total.value, d("889.16"));
}

#[test]
fn year_and_department_overrides_and_fallbacks() {
    let dir = temp_dir("meta");
    let mut specs = standard();
    for s in specs.iter_mut() {
        if s.name.starts_with("公开") {
            s.put(2, 2, "");
        }
    }
    sheet(&mut specs, "说明材料").row(6, &["年度", "2022"]).row(7, &["部门名称", "中共某某区委办"]);
    let path = dir.join("x.xlsx");
    write_book(&path, &specs);
    let b = read_book(&path).unwrap();
    assert_eq!(b.meta.year, 2022);
    assert_eq!(b.meta.department, "中共某某区委办");

    // Year from the file name when nothing else says it.
    let mut specs = standard();
    for s in specs.iter_mut() {
        if s.name.starts_with("公开") {
            s.put(2, 2, "");
        }
    }
    let path = dir.join("某单位2021年度决算.xlsx");
    write_book(&path, &specs);
    assert_eq!(read_book(&path).unwrap().meta.year, 2021);
}

#[test]
fn headers_without_merged_cells_read_the_same() {
    // WPS/LibreOffice copies often lose merges: group texts then sit in the first cell only.
    let dir = temp_dir("nomerge");
    let merged = dir.join("merged.xlsx");
    let plain = dir.join("plain.xlsx");
    write_book(&merged, &standard());
    let mut specs = standard();
    for s in specs.iter_mut() {
        s.merges.clear();
    }
    write_book(&plain, &specs);
    let a = serde_json::to_string(&read_book(&merged).unwrap()).unwrap().replace("merged.xlsx", "F");
    let b = serde_json::to_string(&read_book(&plain).unwrap()).unwrap().replace("plain.xlsx", "F");
    assert_eq!(a, b);
}

#[test]
fn putuo_style_decision_columns_and_total_at_bottom() {
    // Every amount column sub-headed 决算数; 合计 last; no 栏次; codes in one column.
    let dir = temp_dir("putuo");
    let mut specs = standard();
    let mut s = SheetSpec::new("收入表");
    s.row(0, &["收入决算表"]);
    s.row(1, &["编制单位：上海市普陀区某局", "", "", "单位：万元"]);
    s.row(2, &["项目", "", "本年收入合计", "财政拨款收入", "其他收入"]);
    s.row(3, &["功能分类科目编码", "科目名称", "决算数", "决算数", "决算数"]);
    s.row(4, &["208", "社会保障和就业支出", "4,733.14", "4,700.00", "33.14"]);
    s.row(5, &["20805", "行政事业单位养老支出", "4,733.14", "4,700.00", "33.14"]);
    s.row(6, &["合计", "", "4,733.14", "4,700.00", "33.14"]);
    specs.retain(|x| x.name != "公开02表");
    specs.push(s);
    let p = dir.join("普陀.xlsx");
    write_book(&p, &specs);
    let b = read_book(&p).unwrap();
    let t = b.t02.unwrap();
    assert_eq!(t.columns, [Col::IncomeTotal, Col::FiscalGrant, Col::OtherIncome]);
    assert_eq!(t.total_of(Col::IncomeTotal).unwrap().value, d("4733.14"));
    assert_eq!(t.total_of(Col::IncomeTotal).unwrap().at.a1(), "C7");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].code.as_str(), "20805");
}

#[test]
fn summary_halves_headed_only_by_income_and_expenditure() {
    // 01 without 项目/行次 headers: 收入 | 金额 | 支出 | 金额; 08 with an extra 合计 row.
    let dir = temp_dir("halves");
    let mut specs = standard();
    let mut s = SheetSpec::new("总表");
    s.row(0, &["收入支出决算总表"]);
    s.row(1, &["部门：某某局", "", "2023年度", "金额单位：万元"]);
    s.row(2, &["收入", "金额", "支出", "金额"]);
    s.row(3, &["一、一般公共预算财政拨款收入", "100", "一、教育支出", "100"]);
    s.row(4, &["本年收入合计", "100", "本年支出合计", "100"]);
    s.row(5, &["总计", "100", "总计", "100"]);
    specs.retain(|x| x.name != "公开01表");
    specs.push(s);
    sheet(&mut specs, "公开08表").row(12, &["基本支出合计", "", "=600"]);
    let p = dir.join("a.xlsx");
    write_book(&p, &specs);
    let b = read_book(&p).unwrap();
    assert_eq!(b.t01.expenditure_classes[0].code.as_str(), "205");
    assert_eq!(b.t01.income_total.value, d("100"));
    assert_eq!(b.t01.income_total.at.a1(), "B5");
    assert_eq!(b.t08.personnel_total.value, d("520"));
}

/// Found by a tester: a header block whose year cell is left blank (`    年度`, as `juesuan
/// init` writes it) made the row count as the header, so `单位：元` was never read and every
/// amount came out 10 000 times too large; so did `单位：元（保留两位小数）`. Both read in 元.
#[test]
fn a_blank_year_cell_or_a_unit_remark_keeps_the_unit() {
    for (tag, year, unit) in [("blank-year", "    年度", "单位：元"), ("remark", "", "单位：元（保留两位小数）"), ("both", "年度", "金额单位：元（保留两位小数）")] {
        let dir = temp_dir(&format!("unit-{tag}"));
        let path = dir.join("某某县农业农村局.xlsx");
        let mut specs = different();
        for s in specs.iter_mut().filter(|s| s.cells.get(&(1, 3)).is_some_and(|t| t == "单位：元")) {
            s.put(1, 3, unit);
            if !year.is_empty() {
                s.put(1, 2, year);
            }
        }
        write_book(&path, &specs);
        let b = read_book(&path).unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert_eq!(b.t01.source.unit, Unit::Yuan, "{tag}");
        assert_eq!(b.t01.income_total.value, d("889.16"), "{tag}");
        assert_eq!(b.t13.source.unit, Unit::Yuan, "{tag}");
    }
}
