//! The rule families, one file each. Every family exposes `check(&Department or &Book) ->
//! Vec<Finding>`; [`all`] runs them in a fixed order (the caller sorts).

pub(crate) mod totals;
pub(crate) mod balance;
pub(crate) mod cross;
pub(crate) mod three_public;
pub(crate) mod notes;
pub(crate) mod names;
pub(crate) mod missing;
pub(crate) mod sanity;
pub(crate) mod perf;
pub(crate) mod contradiction;

use crate::findings::Finding;
use crate::model::{Department, TableId};

/// Runs every rule family.
pub(crate) fn all(dept: &Department) -> Vec<Finding> {
    let b = &dept.book;
    let mut out = totals::check(b);
    out.extend(balance::check(b));
    out.extend(cross::check(b));
    out.extend(three_public::check(b));
    out.extend(notes::check(b));
    out.extend(names::check(b));
    out.extend(missing::check(dept));
    out.extend(sanity::check(dept));
    out.extend(b.read_findings.iter().cloned());
    out.extend(perf::check(b));
    out.extend(contradiction::check(b));
    out
}

/// The catalogued `&'static str` for a rule id built at run time (`T02-HIERARCHY`); an id
/// missing from the catalogue becomes `UNCATALOGUED` (a test guarantees none does).
pub(crate) fn rid(id: &str) -> &'static str {
    crate::check::catalog::RULES.iter().find(|r| r.id == id).map_or("UNCATALOGUED", |r| r.id)
}

/// `T02` for table 02.
pub(crate) fn tname(t: TableId) -> String {
    format!("T{:02}", t.number())
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers shared by the rule tests.
    use crate::findings::Finding;
    use crate::model::{normalize_label, Book, CellRef, Department, NoteEntry};

    /// Adds 说明材料 entries at rows 101, 102, … (A1 `B102`, `B103`, …).
    pub(crate) fn with_notes(mut b: Book, notes: &[(&str, &str)]) -> Book {
        for (i, (label, text)) in notes.iter().enumerate() {
            let at = CellRef::new(&"testkit.xlsx".into(), &"说明材料".into(), 101 + i as u32, 1);
            b.notes.push(NoteEntry { label: normalize_label(label), text: text.to_string(), at });
        }
        b
    }

    /// 说明材料 entries that make the testkit department check clean: 上年数 equal to this
    /// year's figures, 机关运行经费 and the 公务用车 details.
    pub(crate) const CLEAN_NOTES: &[(&str, &str)] = &[
        ("上年收入总计", "889.16"), ("上年支出总计", "889.16"), ("上年本年收入合计", "889.16"), ("上年本年支出合计", "889.16"),
        ("上年财政拨款收入总计", "889.16"), ("上年财政拨款支出总计", "889.16"), ("上年一般公共预算财政拨款支出", "889.16"),
        ("上年因公出国（境）费", "0"), ("上年公务用车购置及运行维护费", "12.52"), ("上年公务接待费", "0"), ("上年机关运行经费", "80.69"),
        ("机关运行经费", "80.69"), ("公务用车保有量", "3"), ("公务用车运行维护费用途", "燃料费、维修费、保险费"),
    ];

    /// The findings of one rule.
    pub(crate) fn only<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        f.iter().filter(|x| x.rule == rule).collect()
    }

    /// Runs the whole check on a book without prior year.
    pub(crate) fn run(book: Book) -> Vec<Finding> {
        crate::check::check(&Department { book, prior: None })
    }

    /// Asserts location `i`: sheet, A1 cell (empty: no cell) and value (empty: no value).
    pub(crate) fn assert_loc(f: &Finding, i: usize, sheet: &str, a1: &str, value: &str) {
        let loc = f.locations.get(i).unwrap_or_else(|| panic!("no location {i} in {f:#?}"));
        match &loc.at {
            Some(at) => {
                assert_eq!(&*at.sheet, sheet, "sheet of location {i}: {f:#?}");
                assert_eq!(at.a1(), a1, "cell of location {i}: {f:#?}");
            }
            None => assert!(a1.is_empty(), "location {i} has no cell: {f:#?}"),
        }
        let want = (!value.is_empty()).then(|| crate::testkit::d(value));
        assert_eq!(loc.value.map(|v| v.normalize()), want.map(|v| v.normalize()), "value of location {i}: {f:#?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_built_at_run_time_is_catalogued() {
        let grids = ["02", "03", "05", "06", "07", "09", "10", "11", "12"];
        for t in grids {
            for kind in ["HIERARCHY", "ORPHAN", "ROW-SUM"] {
                assert_ne!(rid(&format!("T{t}-{kind}")), "UNCATALOGUED", "T{t}-{kind}");
            }
        }
        for t in ["10", "11"] {
            for kind in ["CARRYOVER", "CARRYOVER-ROW"] {
                assert_ne!(rid(&format!("T{t}-{kind}")), "UNCATALOGUED");
            }
        }
        assert_eq!(rid("T99-NOPE"), "UNCATALOGUED");
        assert_eq!(tname(TableId::T02), "T02");
    }
}
