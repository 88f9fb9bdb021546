//! Envelope → the backend's handler logic: parse the request body, then every check before a case
//! is stored (schema, clock, pack version, native re-validation, tamper check). The module is the
//! server's own source, compiled in here; only SQLite is left out.
#![no_main]

#[allow(dead_code)]
#[path = "../../src/server/envelope.rs"]
mod envelope;
#[allow(dead_code)]
#[path = "../../src/server/error.rs"]
mod error;

use complaint_rules::engine::{parse_time, Engine};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let Ok(env) = envelope::parse(&value) else { return };
    let Ok(now) = parse_time("now", "2026-11-20T10:00:00+08:00") else { return };
    // The serve command's default clock-skew allowance (24 h).
    match envelope::check(engine(), &env, now, chrono::TimeDelta::minutes(24 * 60)) {
        Ok(checked) => {
            let _ = checked.deadlines().len();
        }
        Err(e) => {
            assert!(
                e.status.is_client_error(),
                "a bad envelope is the client's error: {}",
                e.status
            );
            let _ = e.message;
        }
    }
});
