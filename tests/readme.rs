//! README stays in step with the code: every check rule and every subcommand is documented.

use clap::CommandFactory;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn every_check_rule_is_listed_in_readme() {
    let text = readme();
    let missing: Vec<&str> = juesuan::check::rules().iter().map(|r| r.id).filter(|id| !text.contains(&format!("`{id}`"))).collect();
    assert!(missing.is_empty(), "rules missing from README (regenerate with `juesuan rules`): {missing:?}");
}

#[test]
fn every_subcommand_has_a_readme_section() {
    let text = readme();
    let cmd = juesuan::cli::Cli::command();
    cmd.clone().debug_assert();
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        assert!(text.contains(&format!("juesuan {name}")), "README does not show `juesuan {name}`");
    }
}

/// Every rule id a finding can carry — check's (`rid("…")`), derive's, narrate's and batch's
/// literals — is in the catalogue (`juesuan rules`), hence in README's table.
#[test]
fn every_rule_id_in_the_sources_is_catalogued() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let is_id = |s: &str| {
        s.contains('-')
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && !s.ends_with('-')
            && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && ["DERIVE-", "NARRATE-", "BATCH-", "READ-", "WRITE-", "PIPELINE-"].iter().any(|p| s.starts_with(p))
    };
    let mut ids = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("source");
        // Literals handed to a finding: `rid("X")`, `Finding::new(…, "X"`, `rule: "X"`, `_RULE: &str = "X"`.
        for lit in text.split('"').skip(1).step_by(2) {
            if is_id(lit) && !ids.contains(&lit.to_string()) {
                ids.push(lit.to_string());
            }
        }
        for part in text.split("rid(\"").skip(1) {
            let id = part.split('"').next().unwrap_or_default();
            if !id.is_empty() && !id.contains('{') && !ids.contains(&id.to_string()) {
                ids.push(id.to_string());
            }
        }
    }
    for must in ["NARRATE-PLACEHOLDER", "BATCH-DUPLICATE", "BATCH-OTHER-YEAR", "DERIVE-PRIOR-MISSING", "PRIOR-YEAR"] {
        assert!(ids.iter().any(|i| i == must), "scan misses {must}: {ids:?}");
    }
    let text = readme();
    let missing: Vec<&String> = ids.iter().filter(|id| juesuan::check::rule(id).is_none() && id.as_str() != "T99-NOPE").collect();
    assert!(missing.is_empty(), "rule ids used in src/ but not in the catalogue (check/catalog.rs): {missing:?}");
    let undocumented: Vec<&String> = ids.iter().filter(|id| id.as_str() != "T99-NOPE" && !text.contains(&format!("`{id}`"))).collect();
    assert!(undocumented.is_empty(), "rule ids missing from README's table (regenerate with `juesuan rules`): {undocumented:?}");
}

/// samples/README.md and the regenerating test say the same thing about how the bundled
/// samples are regenerated (the CLI command, and the test's own cargo command).
#[test]
fn samples_readme_and_the_regenerating_test_agree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = std::fs::read_to_string(root.join("samples/README.md")).expect("samples/README.md");
    let tests = std::fs::read_to_string(root.join("src/samples/tests.rs")).expect("src/samples/tests.rs");
    let at = tests.find("fn regenerate_bundled_samples").expect("the regenerating test");
    let doc: String = tests[..at].lines().rev().skip_while(|l| !l.starts_with("///")).take_while(|l| l.starts_with("///")).collect::<Vec<_>>().join(" ");
    let commands: Vec<&str> = doc.split('`').skip(1).step_by(2).collect();
    assert!(commands.contains(&"juesuan sample -o samples"), "{doc}");
    let cargo = commands.iter().find(|c| c.starts_with("cargo test")).expect("cargo command in the test's doc");
    assert!(cargo.contains("regenerate_bundled_samples"), "the command must name the test: {cargo}");
    for c in &commands {
        if c.starts_with("cargo") || c.starts_with("juesuan") {
            assert!(samples.contains(&format!("`{c}`")), "samples/README.md lacks `{c}`");
        }
    }
    assert!(readme().contains("`juesuan sample -o samples`"), "README.md names the same command");
}
