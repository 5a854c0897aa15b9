//! placeholder
pub fn render_text(_f: &super::Facts) -> String { String::new() }
