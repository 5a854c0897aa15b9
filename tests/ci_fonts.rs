//! The render tests' LibreOffice sees the 公文 font names mapped to installed CJK fonts through
//! the FONTCONFIG_FILE that `make test` writes (system configuration + tests/fonts.conf), not
//! through a file copied into the user's home.

use std::process::Command;

fn fc(args: &[&str]) -> Option<String> {
    let out = Command::new(args[0]).args(&args[1..]).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn make_test_fontconfig_maps_official_names_and_keeps_system_fonts() {
    let Some(conf) = std::env::var_os("FONTCONFIG_FILE") else {
        println!("SKIPPED: FONTCONFIG_FILE not set (run through `make test`)");
        return;
    };
    let Some(_) = fc(&["fc-match", "--version"]) else {
        println!("SKIPPED: fc-match (fontconfig) not installed");
        return;
    };
    let conf = std::path::PathBuf::from(conf);
    let text = std::fs::read_to_string(&conf).expect("FONTCONFIG_FILE readable");
    assert!(text.contains("tests/fonts.conf") && text.contains("<include>/"), "{text}");
    let home = std::env::var("HOME").unwrap_or_default();
    assert!(home.is_empty() || !conf.starts_with(format!("{home}/.config")), "fontconfig file in the home folder: {}", conf.display());
    for (name, want) in [("仿宋_GB2312", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC"), ("楷体_GB2312", "AR PL UKai CN"), ("宋体", "Noto Serif CJK SC")] {
        let got = fc(&["fc-match", "-f", "%{family}", name]).expect("fc-match runs");
        assert!(got.contains(want), "{name} → {got}, expected {want}");
    }
    // The aliases alone would leave LibreOffice without fonts: the system configuration is included.
    let families = fc(&["fc-list", ":", "family"]).expect("fc-list runs");
    assert!(families.lines().count() > 3 && families.contains("Noto Serif CJK"), "{families}");
}
