//! Golden tests of the derive stage: the full `facts --json` of each case is compared with a
//! reviewed file in `tests/golden/facts/<name>.json`. Regenerate (then review the diff) with
//! `UPDATE_GOLDEN=1 cargo test --test derive_golden`.

use juesuan::derive::{derive, DeriveOptions};
use juesuan::model::Department;
use std::path::PathBuf;

/// Compares `actual` with the golden file `name`, or rewrites it when `UPDATE_GOLDEN` is set.
fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/facts").join(format!("{name}.json"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, format!("{actual}\n")).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing golden file {} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected.trim_end() != actual.trim_end() {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!("{name}: facts differ from {} at line {} (UPDATE_GOLDEN=1 to accept)\nexpected: {:?}\nactual:   {:?}", path.display(), first + 1, expected.lines().nth(first), actual.lines().nth(first));
    }
}

fn facts_json(dept: &Department) -> String {
    serde_json::to_string_pretty(&derive(dept, &DeriveOptions::default())).expect("facts serialise")
}

#[test]
fn testkit_sample() {
    let dept = Department { book: juesuan::testkit::sample_book(), prior: None };
    check_golden("testkit_sample", &facts_json(&dept));
}

#[test]
fn testkit_sample_with_prior_and_notes() {
    let mut prior = juesuan::testkit::sample_spec();
    prior.year = 2022;
    for l in prior.lines.iter_mut() {
        l.basic = juesuan::money::round_half_up(l.basic * rust_decimal::Decimal::new(95, 2), 2);
    }
    prior.three_public[2] = (juesuan::testkit::d("8"), juesuan::testkit::d("6.89"));
    let mut spec = juesuan::testkit::sample_spec();
    spec.lines.push(juesuan::testkit::Line { fund: juesuan::model::Fund::GovFund, code: "2120899", basic: juesuan::testkit::d("0"), project: juesuan::testkit::d("100") });
    spec.notes.push(("收支总计变动原因", "人员经费增加。".into()));
    spec.notes.push(("机关运行经费", "80.69".into()));
    spec.notes.push(("公务用车保有量", "3".into()));
    let dept = Department { book: spec.build(), prior: Some(prior.build()) };
    check_golden("testkit_sample_with_prior", &facts_json(&dept));
}

#[test]
#[ignore = "prints the text listing for manual review"]
fn print_text_listing() {
    let dept = Department { book: juesuan::testkit::sample_book(), prior: None };
    println!("{}", juesuan::derive::render_text(&derive(&dept, &DeriveOptions::default())));
}
