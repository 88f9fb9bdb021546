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

/// The property `key` of a JS object.
fn prop(object: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn create_and_session_answer_ok_or_error_instead_of_throwing() {
    let bad = RawEngine::create(Some("no-such-pack".into()), None);
    assert!(prop(&bad, "ok").is_undefined());
    assert_eq!(prop(&prop(&bad, "error"), "code").as_string().as_deref(), Some("unknown_pack"));
    let bad_packs = RawEngine::create(None, Some("[1".into()));
    assert_eq!(prop(&prop(&bad_packs, "error"), "path").as_string().as_deref(), Some("packs"));

    let made = RawEngine::create(None, None);
    assert!(prop(&made, "error").is_undefined());
    let engine = RawEngine::new(None, None).unwrap();
    let refused = engine.session("[]", NOW);
    assert_eq!(prop(&prop(&refused, "error"), "code").as_string().as_deref(), Some("shape"));
    let no_now = engine.session(CASE, "{}");
    assert_eq!(prop(&prop(&no_now, "error"), "path").as_string().as_deref(), Some("now"));
    let started = engine.session(CASE, NOW);
    assert!(prop(&started, "ok").is_object(), "a session is answered as {{ok}}");
}
