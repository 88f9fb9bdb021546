//! Pack JSON → load (and check), then an engine using the pack when it loads.
#![no_main]

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::pack::load::load_pack;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(pack) = load_pack(text) else { return };
    // A pack that loads must also work: validate a case and classify a text with it.
    let Ok(mut engine) = Engine::new() else { return };
    if engine.add_pack(text).is_err() {
        return;
    }
    let Ok(now) = parse_time("now", "2026-11-23T10:00:00+08:00") else { return };
    let opts = Options { pack: Some(pack.id.clone()), ..Options::at(now) };
    let _ = engine.validate_str(r#"{"facts": "收到的手机屏幕有裂痕，联系客服三天无人处理。", "order": {"amount": "1299.00"}}"#, &opts);
    let classify = Options { pack: Some(pack.id.clone()), ..Options::default() };
    let _ = engine.classify(
        &complaint_rules::classify::ClassifyInput::text("买到假冒手机，要求退款1299元"),
        &classify,
    );
});
