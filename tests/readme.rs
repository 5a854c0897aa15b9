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
