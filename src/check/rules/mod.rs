//! The rule families, one file each. Every family exposes `check(&Department or &Book) ->
//! Vec<Finding>`; [`all`] runs them in a fixed order (the caller sorts).

pub(crate) mod totals;
pub(crate) mod balance;
pub(crate) mod cross;
pub(crate) mod three_public;
pub(crate) mod notes;
pub(crate) mod names;

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
    use crate::model::{Book, Department};

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
