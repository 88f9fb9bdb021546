//! Case JSON → validate, mask and preview: any bytes, never a panic, and the same answer twice.
#![no_main]

use complaint_rules::engine::{parse_time, Engine, Options};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(now) = parse_time("now", "2026-11-23T10:00:00+08:00") else { return };
    let opts = Options::at(now);
    let first = engine().validate_str(text, &opts).map(|v| serde_json::to_string(&v).ok());
    let again = engine().validate_str(text, &opts).map(|v| serde_json::to_string(&v).ok());
    assert_eq!(first.is_ok(), again.is_ok());
    if let (Ok(a), Ok(b)) = (&first, &again) {
        assert_eq!(a, b, "validation is deterministic");
    }
    if let Ok(case) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = engine().mask_value(&case, &opts);
        let _ = engine().preview(case, &opts);
    }
});
