use super::*;
use tera::Context;

/// Renders `tpl` with the filters registered and `ctx_json` as context.
fn render(tpl: &str, ctx_json: &str) -> Result<String, String> {
    let mut tera = Tera::default();
    register(&mut tera);
    let value: Value = serde_json::from_str(ctx_json).map_err(|e| e.to_string())?;
    let ctx = Context::from_value(value).map_err(|e| e.to_string())?;
    tera.render_str(tpl, &ctx).map_err(|e| crate::narrate::error::cause_chain(&e))
}

#[test]
fn wan_rounds_half_up_with_two_decimals() {
    // Two decimals everywhere, as in the tables, the charts and seed 002 (`797.10万元`).
    assert_eq!(render("{{ a | wan }}", r#"{"a":"889.16"}"#).unwrap(), "889.16万元");
    assert_eq!(render("{{ a | wan }}", r#"{"a":"797.1"}"#).unwrap(), "797.10万元");
    assert_eq!(render("{{ a | wan }}", r#"{"a":"0.125"}"#).unwrap(), "0.13万元");
    assert_eq!(render("{{ a | wan }}", r#"{"a":"25.50"}"#).unwrap(), "25.50万元");
    assert_eq!(render("{{ a | wan }}", r#"{"a":"0"}"#).unwrap(), "0.00万元");
    assert_eq!(render("{{ a | wan(fixed=false) }}", r#"{"a":"25.50"}"#).unwrap(), "25.5万元");
    assert_eq!(render("{{ a | wan(fixed=true, sep=true) }}", r#"{"a":"5852.771"}"#).unwrap(), "5,852.77万元");
    assert_eq!(render("{{ a | wan(unit=false) }}", r#"{"a":"1"}"#).unwrap(), "1.00");
}

#[test]
fn wan_rejects_bad_argument() {
    let e = render("{{ a | wan }}", r#"{"a":"abc"}"#).unwrap_err();
    assert!(e.contains("wan：参数 value"), "{e}");
    let e = render("{{ a | wan }}", r#"{"a":1.5}"#).unwrap_err();
    assert!(e.contains("wan：参数 value"), "{e}");
    let e = render("{{ a | wan(fixed=1) }}", r#"{"a":"1"}"#).unwrap_err();
    assert!(e.contains("wan：参数 fixed"), "{e}");
}

#[test]
fn pct_formats_percentages() {
    // As the chart labels print shares: always `dp` decimals (`79.90%`).
    assert_eq!(render("{{ a | pct }}", r#"{"a":"100.00"}"#).unwrap(), "100.00%");
    assert_eq!(render("{{ a | pct }}", r#"{"a":"79.9"}"#).unwrap(), "79.90%");
    assert_eq!(render("{{ a | pct }}", r#"{"a":"5.2485"}"#).unwrap(), "5.25%");
    assert_eq!(render("{{ a | pct(dp=1) }}", r#"{"a":"71.53"}"#).unwrap(), "71.5%");
    assert_eq!(render("{{ a | pct }}", r#"{"a":"0"}"#).unwrap(), "0.00%");
    let e = render("{{ a | pct }}", r#"{"a":""}"#).unwrap_err();
    assert!(e.contains("pct：参数 value"), "{e}");
    let e = render("{{ a | pct(dp=9) }}", r#"{"a":"1"}"#).unwrap_err();
    assert!(e.contains("pct：参数 dp"), "{e}");
}

#[test]
fn change_phrases() {
    let c = |j: &str| render("{{ c | change }}", &format!(r#"{{"c":{j}}}"#));
    assert_eq!(c(r#"{"has_prior":true,"diff":"44.34","pct":"5.25"}"#).unwrap(), "增加44.34万元，增长5.25%");
    assert_eq!(c(r#"{"has_prior":true,"diff":"-0.4","pct":"-22.47"}"#).unwrap(), "减少0.40万元，下降22.47%");
    assert_eq!(c(r#"{"has_prior":true,"diff":"0","pct":"0"}"#).unwrap(), "持平");
    assert_eq!(c(r#"{"has_prior":true,"diff":"1.2","pct":""}"#).unwrap(), "增加1.20万元（上年无此项支出）");
    assert_eq!(c(r#"{"has_prior":false,"diff":"","pct":""}"#).unwrap(), MISSING_PRIOR);
    assert!(c(r#""x""#).unwrap_err().contains("change：参数 value"));
    assert!(c(r#"{"diff":"1","pct":"1"}"#).unwrap_err().contains("has_prior"));
    assert!(c(r#"{"has_prior":true,"diff":"x","pct":"1"}"#).unwrap_err().contains("diff"));
}

#[test]
fn chinese_numbers() {
    let n = |x: u32| chinese_number(x).unwrap();
    assert_eq!(n(1), "一");
    assert_eq!(n(10), "十");
    assert_eq!(n(11), "十一");
    assert_eq!(n(20), "二十");
    assert_eq!(n(99), "九十九");
    assert_eq!(n(100), "一百");
    assert_eq!(n(105), "一百零五");
    assert_eq!(n(110), "一百一十");
    assert_eq!(n(999), "九百九十九");
    assert_eq!(chinese_number(1000), None);
    assert_eq!(render("{{ a | cn }}", r#"{"a":3}"#).unwrap(), "三");
    assert_eq!(render("{{ a | cn }}", r#"{"a":"12"}"#).unwrap(), "十二");
    assert!(render("{{ a | cn }}", r#"{"a":0}"#).unwrap_err().contains("cn：参数 value"));
}

#[test]
fn subject_paths() {
    let ctx = r#"{"p":[{"name":"一般公共服务支出","code":"201"},{"name":"党委办公厅（室）及相关机构事务","code":"31"},{"name":"行政运行","code":"01"}]}"#;
    assert_eq!(
        render("{{ p | subject }}", ctx).unwrap(),
        "一般公共服务支出(201)党委办公厅（室）及相关机构事务(31)行政运行(01)"
    );
    assert_eq!(
        render("{{ p | subject(style=\"level\") }}", ctx).unwrap(),
        "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）"
    );
    assert!(render("{{ p | subject(style=\"x\") }}", ctx).unwrap_err().contains("subject：参数 style"));
    assert!(render("{{ p | subject }}", r#"{"p":"201"}"#).unwrap_err().contains("subject：参数 value"));
}

#[test]
fn esc_escapes_markup_lines() {
    assert_eq!(render("{{ t | esc }}", r#"{"t":"@chart 1\n正文\n+ 项"}"#).unwrap(), "\\@chart 1\n正文\n\\+ 项");
    assert!(render("{{ t | esc }}", r#"{"t":3}"#).unwrap_err().contains("esc：参数 value"));
}
