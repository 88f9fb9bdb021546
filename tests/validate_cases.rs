//! Table-driven validation tests: every file under `tests/cases/validate/` is a scenario — a base
//! case, a merge patch, and the exact set of (code, path) problems and the status expected.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::finding::Severity;
use serde_json::Value;

fn run(engine: &Engine, scenario: &Value) -> complaint_rules::validate::Validation {
    let opts = Options {
        pack: scenario["pack"].as_str().map(str::to_string),
        ..Options::at(parse_time("now", scenario["now"].as_str().unwrap()).unwrap())
    };
    engine.validate_value(support::scenario_case(scenario), &opts).unwrap()
}

#[test]
fn every_scenario_gives_exactly_its_expected_problems() {
    let engine = Engine::new().unwrap();
    let scenarios = support::load_all("validate");
    assert!(scenarios.len() >= 40, "only {} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for (name, scenario) in &scenarios {
        let result = run(&engine, scenario);
        let mut got: Vec<(String, String)> =
            result.problems.iter().map(|p| (p.code.clone(), p.path.clone())).collect();
        let mut want: Vec<(String, String)> = scenario["expect"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
            .collect();
        got.sort();
        want.sort();
        let status = serde_json::to_value(result.status).unwrap();
        if got != want || status != scenario["expect"]["status"] {
            failures.push(format!("{name}: status {status}, got {got:?}, want {want:?}"));
        }
        if let Some(want) = scenario["expect"].get("supplements") {
            let mut got: Vec<&str> = result.supplements.iter().map(|s| s.path.as_str()).collect();
            got.sort();
            let mut want: Vec<&str> =
                want.as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
            want.sort();
            if got != want {
                failures.push(format!("{name}: supplements {got:?}, want {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} scenario(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_finding_is_bilingual_complete_and_cites_an_existing_clause() {
    let engine = Engine::new().unwrap();
    for (name, scenario) in support::load_all("validate") {
        let result = run(&engine, &scenario);
        let day = parse_time("now", scenario["now"].as_str().unwrap()).unwrap().date_naive();
        let pack = engine.pack(scenario["pack"].as_str(), day).unwrap();
        for p in &result.problems {
            assert!(
                pack.clauses.contains_key(&p.clause),
                "{name}: {} cites unknown clause {}",
                p.code,
                p.clause
            );
            for text in [&p.message.zh, &p.message.en] {
                assert!(
                    !text.is_empty() && !text.contains('{'),
                    "{name}: unfilled message {text:?}"
                );
            }
            assert!(
                p.path.is_empty() || p.path.starts_with('/'),
                "{name}: path {:?} is not a JSON pointer",
                p.path
            );
        }
    }
}

#[test]
fn errors_come_before_warnings_and_status_follows_errors() {
    let engine = Engine::new().unwrap();
    for (name, scenario) in support::load_all("validate") {
        let result = run(&engine, &scenario);
        let severities: Vec<Severity> = result.problems.iter().map(|p| p.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted, "{name}");
        let blocked = severities.contains(&Severity::Error);
        assert_eq!(blocked, result.status == complaint_rules::validate::Status::Blocked, "{name}");
    }
}

#[test]
fn the_normalised_case_keeps_everything_the_user_entered() {
    let engine = Engine::new().unwrap();
    let mut case = support::base_case("natural_ecommerce");
    case["facts"] = Value::from(12);
    case["custom_field"] = Value::from("kept");
    case["complainant"]["mobile"] = Value::from(" １３８１２３４１２３４ ");
    let opts = Options::at(parse_time("now", "2026-11-23T10:00:00+08:00").unwrap());
    let result = engine.validate_value(case, &opts).unwrap();
    assert_eq!(result.normalized["facts"], 12);
    assert_eq!(result.normalized["custom_field"], "kept");
    assert_eq!(result.normalized["complainant"]["mobile"], "13812341234");
}

/// The case schema allows `null` for every member: a member written `null` (at the top, inside a
/// part or inside an evidence item) is unset, as if it were absent — never a type error. (`"evidence": null` once read as a list
/// of the wrong type, so the whole case was reported misshapen and read as empty.)
#[test]
fn a_member_written_null_reads_as_absent() {
    let engine = Engine::new().unwrap();
    let opts = Options::at(parse_time("now", "2026-11-23T10:00:00+08:00").unwrap());
    let findings = |case: Value| {
        let result = engine.validate_value(case, &opts).unwrap();
        let mut got: Vec<(String, String)> =
            result.problems.iter().map(|p| (p.code.clone(), p.path.clone())).collect();
        got.sort();
        got
    };
    for base in ["natural_ecommerce", "legal_trading"] {
        let case = support::base_case(base);
        let mut pointers = Vec::new();
        for (key, value) in case.as_object().unwrap() {
            pointers.push(format!("/{key}"));
            if let Value::Object(members) = value {
                pointers.extend(members.keys().map(|member| format!("/{key}/{member}")));
            }
        }
        for (i, item) in case["evidence"].as_array().into_iter().flatten().enumerate() {
            let members = item.as_object().unwrap().keys();
            pointers.extend(members.map(|member| format!("/evidence/{i}/{member}")));
        }
        assert!(pointers.len() > 20, "{base}: {pointers:?}");
        for pointer in pointers {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            let mut nulled = case.clone();
            *nulled.pointer_mut(&pointer).unwrap() = Value::Null;
            let mut absent = case.clone();
            absent.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key);
            let got = findings(nulled);
            assert!(got.iter().all(|(code, _)| code != "field.type"), "{base} {pointer}: {got:?}");
            assert_eq!(got, findings(absent), "{base} {pointer}");
        }
    }
}
