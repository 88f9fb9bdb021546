//! Text → classify, as the wasm string path delivers it: the bytes are read as UTF-16 code units
//! and decoded the way wasm-bindgen's TextEncoder does (a lone surrogate becomes U+FFFD). The
//! first byte may blow the text up to 1 MB or 10 000 repetitions (repeated terms), and the text
//! also goes through the JSON entry point with structured fields. (The blow-up is rare — the mode
//! byte 0xFF — because a 1 MB text takes a quarter of a second under AddressSanitizer.)
#![no_main]

use complaint_rules::classify::ClassifyInput;
use complaint_rules::engine::{Engine, Options};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

const MAX_BYTES: usize = 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let units: Vec<u16> = rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    let mut text = String::from_utf16_lossy(&units);
    if mode == 0xFF && !text.is_empty() {
        let times = (MAX_BYTES / text.len()).clamp(1, 10_000);
        text = text.repeat(times);
    }
    let opts = Options::default();
    if let Ok(result) = engine().classify(&ClassifyInput::text(text.clone()), &opts) {
        let chars = text.chars().count();
        let json = serde_json::to_value(&result).expect("serialisable");
        check_spans(&json, chars);
    }
    if mode & 2 == 2 {
        let amount = text.chars().take(16).collect::<String>();
        let input = serde_json::json!({"text": text, "amount": amount, "request_type": "refund"});
        let _ = engine().classify_str(&input.to_string(), &opts);
    }
});

/// Every span lies inside the text, start before end.
fn check_spans(value: &serde_json::Value, chars: usize) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e)) = (
                map.get("start_char").and_then(|v| v.as_u64()),
                map.get("end_char").and_then(|v| v.as_u64()),
            ) {
                assert!(s <= e && e <= chars as u64, "span {s}..{e} outside {chars} chars");
            }
            map.values().for_each(|v| check_spans(v, chars));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| check_spans(v, chars)),
        _ => {}
    }
}
