//! Shared fixtures of the criterion benches: the engine, `now`, and the test cases as JSON text.

#![allow(dead_code)] // each bench uses a different part of this module

use complaint_rules::engine::{parse_time, Engine};

/// The evaluation time every bench uses.
pub const NOW: &str = "2026-11-23T10:00:00+08:00";

/// The four base cases (natural / legal person, e-commerce / trading) plus one with problems.
pub fn cases() -> Vec<(&'static str, String)> {
    let base = ["natural_ecommerce", "legal_ecommerce", "natural_trading", "legal_trading"];
    let mut out: Vec<(&'static str, String)> = base
        .iter()
        .map(|name| {
            (*name, std::fs::read_to_string(format!("tests/cases/base/{name}.json")).unwrap())
        })
        .collect();
    let mut broken: serde_json::Value = serde_json::from_str(&out[0].1).unwrap();
    broken["complainant"]["mobile"] = "1381234".into();
    broken["complainant"]["id_number"] = "110105194912310021".into();
    broken["facts"] = "短".into();
    broken["declarations"]["truthful"] = false.into();
    out.push(("problems", broken.to_string()));
    out
}

/// An engine with the embedded packs.
pub fn engine() -> Engine {
    Engine::new().unwrap()
}

/// `NOW` parsed.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    parse_time("now", NOW).unwrap()
}
