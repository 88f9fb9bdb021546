//! The engine compiled to wasm32 and run under Node (wasm-bindgen-test): the binding answers with
//! `{ok}` / `{error}` JSON and survives bad input. Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use complaint_rules::wasm::RawEngine;
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const NOW: &str = r#"{"now": "2026-11-23T10:00:00+08:00"}"#;
const CASE: &str = include_str!("cases/base/natural_ecommerce.json");

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn validates_a_ready_case_in_wasm() {
    let engine = RawEngine::new(None, None).unwrap();
    let a = answer(&engine.validate_json(CASE, NOW));
    assert_eq!(a["ok"]["status"], "ready", "{a}");
}

#[wasm_bindgen_test]
fn reports_every_problem_of_an_empty_case() {
    let engine = RawEngine::new(None, None).unwrap();
    let a = answer(&engine.validate_json("{}", NOW));
    assert_eq!(a["ok"]["status"], "blocked");
    assert!(a["ok"]["problems"].as_array().unwrap().len() >= 10, "{a}");
}

#[wasm_bindgen_test]
fn bad_input_is_a_structured_error_and_the_engine_lives_on() {
    let engine = RawEngine::new(None, None).unwrap();
    for bad in ["", "nul", "[1,2", "\"text\"", "[]", "42", &"[".repeat(10_000)] {
        let a = answer(&engine.validate_json(bad, NOW));
        assert!(a["error"]["code"].is_string(), "{bad:.20}: {a}");
    }
    let a = answer(&engine.validate_json(CASE, r#"{"now": "2026-02-30T00:00:00+08:00"}"#));
    assert_eq!(a["error"]["code"], "option");
    let a = answer(&engine.validate_json(CASE, NOW));
    assert_eq!(a["ok"]["status"], "ready");
}

#[wasm_bindgen_test]
fn the_trading_member_pack_is_selectable() {
    let engine = RawEngine::new(Some("trading-member".into()), None).unwrap();
    let a = answer(&engine.validate_json(CASE, NOW));
    // The e-commerce base case lacks the signed complaint and ID copy S003 requires.
    let codes: Vec<&str> =
        a["ok"]["problems"].as_array().unwrap().iter().filter_map(|p| p["code"].as_str()).collect();
    assert!(codes.contains(&"material.missing"), "{a}");
    assert_eq!(a["ok"]["pack"]["id"], "trading-member");
}
