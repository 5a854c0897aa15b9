//! The reader on differently written workbooks: every bundled sample rendered in varied export
//! styles (shuffled sheets, 元, split codes, text amounts, blank zeros, 08 three blocks, 13
//! vertical, label variants, folders) reads to the same figures as its standard rendering,
//! and check finds no 错误.

mod common;

use common::TempDir;
use juesuan::derive::{derive, DeriveOptions};
use juesuan::findings::Severity;
use juesuan::model::{Book, Col, Department};
use juesuan::read::read_book;
use juesuan::samples::{bundled_with_styles, write_dept, AmountCells, Blocks08, CodeLayout, Layout13, Packaging, SampleDept, SheetNaming, Style};
use rust_decimal::Decimal;

/// The figures compared across renderings (all in 万元 after reading).
fn key(book: &Book) -> Vec<(&'static str, Decimal)> {
    let t06 = book.t06.total_of(Col::ExpenditureTotal).expect("06 合计 column").value;
    vec![
        ("01 本年收入合计", book.t01.income_total.value),
        ("01 本年支出合计", book.t01.expenditure_total.value),
        ("01 收入总计", book.t01.income_grand_total.value),
        ("06 合计", t06),
        ("08 人员经费", book.t08.personnel_total.value),
        ("08 公用经费", book.t08.public_total.value),
        ("13 决算 合计", book.t13.actual.total.value),
        ("13 决算 公务用车", book.t13.actual.vehicles.value),
        ("13 预算 合计", book.t13.budget.total.value),
    ]
}

fn normalized(v: Vec<(&'static str, Decimal)>) -> Vec<(&'static str, Decimal)> {
    v.into_iter().map(|(k, d)| (k, d.normalize())).collect()
}

fn read_styled(dir: &TempDir, spec: &SampleDept, style: &Style, tag: &str) -> Book {
    let sub = dir.join(tag);
    let path = write_dept(&sub, spec, style).unwrap_or_else(|e| panic!("{tag}: {e}"));
    read_book(&path).unwrap_or_else(|e| panic!("{} in style {style:?}: {e}", spec.file_stem))
}

/// Seeds whose styles together cover every option (chosen deterministically from the first 64).
fn covering_seeds() -> Vec<u64> {
    let checks: [fn(&Style) -> bool; 9] = [
        |s| s.yuan_override,
        |s| s.codes == CodeLayout::Split,
        |s| s.sheets == SheetNaming::Shuffled,
        |s| s.t08 == Blocks08::Three,
        |s| s.t13 == Layout13::Vertical,
        |s| s.amounts == AmountCells::Text,
        |s| s.blank_zeros,
        |s| s.label_variants,
        |s| s.packaging == Packaging::Folder,
    ];
    let mut seeds: Vec<u64> = vec![1, 2, 3];
    for (i, check) in checks.iter().enumerate() {
        if !seeds.iter().any(|&s| check(&Style::varied(s))) {
            let s = (0..64).find(|&s| check(&Style::varied(s))).unwrap_or_else(|| panic!("no seed below 64 covers option {i}"));
            seeds.push(s);
        }
    }
    seeds
}

#[test]
fn varied_styles_read_to_the_same_figures_without_errors() {
    let dir = TempDir::new("styles");
    let seeds = covering_seeds();
    assert!(seeds.len() >= 4);
    let mut checked = 0;
    for (n, (spec, _)) in bundled_with_styles().iter().enumerate() {
        let standard = read_styled(&dir, spec, &Style::standard(), &format!("{n}-std"));
        let want = normalized(key(&standard));
        assert!(want.iter().any(|(_, v)| !v.is_zero()), "figures are real");
        let want_name = standard.meta.department.clone();
        let want_facts = juesuan::pipeline::key_figures(&derive(&Department { book: standard, prior: None }, &DeriveOptions::default()));
        for &seed in &seeds {
            let style = Style::varied(seed);
            let book = read_styled(&dir, spec, &style, &format!("{n}-{seed}"));
            assert_eq!(normalized(key(&book)), want, "{} seed {seed} {style:?}", spec.file_stem);
            assert_eq!(book.meta.department, want_name, "{} seed {seed}", spec.file_stem);
            let dept = Department { book, prior: None };
            let facts = derive(&dept, &DeriveOptions::default());
            let errors: Vec<_> = juesuan::pipeline::findings(&dept, &facts).into_iter().filter(|f| f.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{} seed {seed} {style:?}: {errors:#?}", spec.file_stem);
            let got_facts = juesuan::pipeline::key_figures(&facts);
            assert_eq!(
                got_facts.iter().map(|k| (k.label.clone(), k.value.map(|v| v.normalize()))).collect::<Vec<_>>(),
                want_facts.iter().map(|k| (k.label.clone(), k.value.map(|v| v.normalize()))).collect::<Vec<_>>(),
                "{} seed {seed}: key figures of the report",
                spec.file_stem
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * seeds.len());
}

/// The bundled styles themselves (01/02 standard, 03 folder with 元, split codes, 08 three
/// blocks, 13 vertical) read to the same figures as the standard rendering of the same spec.
#[test]
fn bundled_styles_agree_with_standard_rendering() {
    let dir = TempDir::new("bundled-styles");
    for (n, (spec, style)) in bundled_with_styles().iter().enumerate() {
        let a = read_styled(&dir, spec, style, &format!("{n}-bundled"));
        let b = read_styled(&dir, spec, &Style::standard(), &format!("{n}-std"));
        assert_eq!(normalized(key(&a)), normalized(key(&b)), "{}", spec.file_stem);
    }
    // The committed 03 folder is in 元: 6,491,565.50 元 reads as exactly 649.15655 万元.
    let b = read_book(&common::root().join(common::S03)).unwrap();
    assert_eq!(b.t01.income_total.value.normalize(), "649.15655".parse::<Decimal>().unwrap());
}
