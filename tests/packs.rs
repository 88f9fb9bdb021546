//! Policy packs: loading reports every problem with its JSON pointer, and an engine holding
//! several versions applies the one in force at the case's `submitted_at`.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::error::EngineError;
use complaint_rules::pack::embedded;
use serde_json::Value;

fn ecommerce_doc() -> Value {
    serde_json::from_str(embedded::document("ecommerce").unwrap()).unwrap()
}

fn opts(now: &str) -> Options {
    Options::at(parse_time("now", now).unwrap())
}

#[test]
fn every_embedded_pack_loads_and_cites_only_known_clauses() {
    let engine = Engine::new().unwrap();
    let ids: Vec<String> = engine.packs().into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids, ["ecommerce", "trading-member"]);
}

#[test]
fn a_broken_pack_names_every_problem_by_pointer() {
    let mut doc = ecommerce_doc();
    doc["id"] = "broken".into();
    doc["required"][0]["clause"] = "NO-SUCH-CLAUSE".into();
    doc["formats"][2]["path"] = "/complainant/shoe_size".into();
    doc["lengths"][0]["min"] = 999.into();
    doc["messages"].as_object_mut().unwrap().remove("mobile.format");
    let err = Engine::new().unwrap().add_pack(&doc.to_string()).unwrap_err();
    let EngineError::Pack { problems } = err else { panic!("not a pack error: {err:?}") };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for want in ["/required/0/clause", "/formats/2/path", "/lengths/0/min", "/messages"] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
}

#[test]
fn a_type_error_in_a_pack_names_its_path() {
    let mut doc = ecommerce_doc();
    doc["evidence"]["max_items"] = "twenty".into();
    let err = Engine::new().unwrap().add_pack(&doc.to_string()).unwrap_err();
    let EngineError::Pack { problems } = err else { panic!("not a pack error") };
    assert_eq!(problems[0].path, "/evidence/max_items", "{problems:?}");
}

#[test]
fn the_version_in_force_at_submission_applies() {
    let mut engine = Engine::new().unwrap();
    let mut newer = ecommerce_doc();
    newer["version"] = "2027.1".into();
    newer["effective_from"] = "2026-12-01".into();
    // The newer version demands longer facts.
    for rule in newer["lengths"].as_array_mut().unwrap() {
        if rule["path"] == "/facts" {
            rule["min"] = 200.into();
        }
    }
    engine.add_pack(&newer.to_string()).unwrap();
    let mut case = support::base_case("natural_ecommerce");
    let before = engine.validate_value(case.clone(), &opts("2026-12-15T10:00:00+08:00")).unwrap();
    assert_eq!(before.pack.version, "2026.1", "submitted 2026-11-20: the old version applies");
    assert_eq!(before.status, complaint_rules::validate::Status::Ready);
    case["submitted_at"] = "2026-12-02T09:00:00+08:00".into();
    let after = engine.validate_value(case, &opts("2026-12-15T10:00:00+08:00")).unwrap();
    assert_eq!(after.pack.version, "2027.1");
    assert!(after.problems.iter().any(|p| p.code == "text.too_short" && p.path == "/facts"));
}
