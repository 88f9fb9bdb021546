//! Complaint time limits: timeline scenarios from `tests/cases/deadlines/timelines.jsonl`, the
//! due-date query, and the pack data (every clause id exists, bad packs are refused).

use std::collections::BTreeMap;

use complaint_rules::calendar::Calendar;
use complaint_rules::deadline::{query, timeline, CaseTimes, EntryState, Timeline};
use complaint_rules::engine::{parse_time, Engine};
use complaint_rules::error::EngineError;
use complaint_rules::finding::Locale;
use complaint_rules::pack::{embedded, load::load_pack};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Scenario {
    name: String,
    now: String,
    times: Value,
    states: BTreeMap<String, String>,
    due: BTreeMap<String, String>,
    #[serde(default)]
    extended_by: BTreeMap<String, u32>,
    /// "severity code path", in the order reported.
    findings: Vec<String>,
}

fn run(engine: &Engine, s: &Scenario) -> Timeline {
    let now = parse_time("now", &s.now).expect("now");
    let pack = engine.pack(None, now.date_naive()).expect("pack");
    let times = CaseTimes::from_json(&s.times.to_string()).expect("times");
    timeline(&pack, &Calendar::for_pack(&pack).expect("calendar"), &times, (now, Locale::Both))
        .expect("timeline")
}

#[test]
fn timeline_scenarios() {
    let engine = Engine::new().expect("engine");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/deadlines/timelines.jsonl"
    ))
    .expect("file");
    let scenarios: Vec<Scenario> =
        text.lines().map(|l| serde_json::from_str(l).expect("scenario")).collect();
    assert!(scenarios.len() >= 7);
    for s in &scenarios {
        let t = run(&engine, s);
        let entry = |id: &str| {
            t.entries
                .iter()
                .find(|e| e.id == id)
                .unwrap_or_else(|| panic!("{}: no entry {id}", s.name))
        };
        for (id, state) in &s.states {
            assert_eq!(
                &serde_json::to_value(entry(id).state).expect("state"),
                state,
                "{}: state of {id}",
                s.name
            );
        }
        for (id, due) in &s.due {
            assert_eq!(
                entry(id).due_date.map(|d| d.to_string()).as_deref(),
                Some(due.as_str()),
                "{}: due of {id}",
                s.name
            );
        }
        for (id, days) in &s.extended_by {
            assert_eq!(entry(id).extended_by, *days, "{}: extension of {id}", s.name);
        }
        let got: Vec<String> = t
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    serde_json::to_value(f.severity).expect("sev").as_str().unwrap_or_default(),
                    f.code,
                    f.path
                )
            })
            .collect();
        assert_eq!(got, s.findings, "{}", s.name);
        for f in &t.findings {
            assert!(
                !f.message.zh.contains('{') && !f.message.en.contains('{'),
                "{}: unfilled placeholder in {:?}",
                s.name,
                f.message
            );
        }
    }
}

#[test]
fn a_day_counted_limit_ends_at_24_00() {
    let engine = Engine::new().expect("engine");
    let now = parse_time("now", "2025-09-28T23:59:59+08:00").expect("now");
    let pack = engine.pack(None, now.date_naive()).expect("pack");
    let times =
        CaseTimes::from_json(r#"{"submitted_at": "2025-09-26T10:00:00+08:00"}"#).expect("times");
    let t = timeline(&pack, &Calendar::for_pack(&pack).expect("cal"), &times, (now, Locale::Both))
        .expect("timeline");
    let accept = t.entries.iter().find(|e| e.id == "accept").expect("accept");
    assert_eq!(accept.due_at.map(|d| d.to_rfc3339()).as_deref(), Some("2025-09-29T00:00:00+08:00"));
    assert_eq!(accept.state, EntryState::AtRisk, "not overdue before 24:00");
    let later = parse_time("now", "2025-09-29T00:00:00+08:00").expect("now");
    let t =
        timeline(&pack, &Calendar::for_pack(&pack).expect("cal"), &times, (later, Locale::Both))
            .expect("timeline");
    assert_eq!(
        t.entries.iter().find(|e| e.id == "accept").map(|e| e.state),
        Some(EntryState::Overdue)
    );
}

#[test]
fn times_are_read_in_utc_plus_8() {
    let engine = Engine::new().expect("engine");
    let now = parse_time("now", "2025-10-01T00:00:00Z").expect("now");
    let pack = engine.pack(None, now.date_naive()).expect("pack");
    // 2025-09-25T17:00Z is 2025-09-26 01:00 in Beijing: the start day is the 26th.
    let times = CaseTimes::from_json(r#"{"submitted_at": "2025-09-25T17:00:00Z"}"#).expect("times");
    let t = timeline(&pack, &Calendar::for_pack(&pack).expect("cal"), &times, (now, Locale::Both))
        .expect("timeline");
    let accept = t.entries.iter().find(|e| e.id == "accept").expect("accept");
    assert_eq!(accept.due_date.map(|d| d.to_string()).as_deref(), Some("2025-09-28"));
}

#[test]
fn bad_times_are_typed_errors_naming_the_key() {
    match CaseTimes::from_json(r#"{"accepted_at": "yesterday"}"#) {
        Err(EngineError::Json { path, .. }) => assert_eq!(path, "accepted_at"),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn due_queries() {
    let engine = Engine::new().expect("engine");
    let pack = engine.pack(None, "2026-01-01".parse().expect("day")).expect("pack");
    let cal = Calendar::for_pack(&pack).expect("cal");
    let ask =
        |json: &str| query::parse(json).and_then(|q| query::answer(&pack, &cal, &q, Locale::Both));
    assert_eq!(
        ask(r#"{"from":"2025-09-26","working_days":7}"#).expect("ok").due.to_string(),
        "2025-10-13"
    );
    assert_eq!(ask(r#"{"from":"2025-09-24","days":7}"#).expect("ok").due.to_string(), "2025-10-09");
    let warned = ask(r#"{"from":"2027-03-01","working_days":3}"#).expect("ok");
    assert_eq!(warned.warnings.len(), 1);
    assert!(warned.warnings[0].message.en.contains("2027"));
    assert!(matches!(
        ask(r#"{"from":"2025-09-24","days":7,"working_days":1}"#),
        Err(EngineError::Shape { .. })
    ));
    assert!(matches!(ask(r#"{"from":"2025-09-24"}"#), Err(EngineError::Shape { .. })));
    assert!(matches!(
        ask(r#"{"from":"2025-09-24","working_days":-1}"#),
        Err(EngineError::Json { .. })
    ));
    assert!(matches!(
        ask(r#"{"from":"2025-09-24","working_days":4000000}"#),
        Err(EngineError::Period { .. })
    ));
}

/// Every string under a key named `clause` or inside `clauses`, with its pointer.
fn clause_refs(value: &Value, path: &str, inside_clauses: bool, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{path}/{k}");
                if let (true, Value::String(id)) = (k == "clause" || inside_clauses, v) {
                    out.push((p.clone(), id.clone()));
                }
                clause_refs(v, &p, k == "clauses", out);
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| clause_refs(v, &format!("{path}/{i}"), false, out)),
        _ => {}
    }
}

#[test]
fn every_clause_the_deadlines_section_cites_is_in_the_catalogue() {
    for id in embedded::ids() {
        let doc: Value = serde_json::from_str(embedded::document(id).expect("doc")).expect("json");
        let mut refs = Vec::new();
        clause_refs(&doc["deadlines"], "/deadlines", false, &mut refs);
        assert!(refs.len() >= 10, "{id}: found only {} clause references", refs.len());
        for (path, clause) in refs {
            assert!(
                doc["clauses"].get(&clause).is_some(),
                "{id}: {path} cites unknown clause {clause}"
            );
        }
        // The choices made where the seeds lost digits are flagged as such.
        let choices: Vec<&str> = doc["clauses"]
            .as_object()
            .expect("clauses")
            .iter()
            .filter(|(_, c)| c["pack_choice"] == Value::Bool(true))
            .map(|(k, _)| k.as_str())
            .collect();
        for k in ["PACK-CALENDAR", "S002-2.5.1"] {
            assert!(choices.contains(&k), "{id}: {k} should be a pack choice");
        }
    }
}

#[test]
fn a_pack_citing_an_unknown_clause_or_missing_a_message_is_refused() {
    let mut doc: Value =
        serde_json::from_str(embedded::document("ecommerce").expect("doc")).expect("json");
    doc["deadlines"]["limits"][1]["clause"] = Value::from("NO-SUCH-CLAUSE");
    doc["deadlines"]["rule_change"]["clauses"]["refund"] = Value::from("NOPE");
    doc["messages"].as_object_mut().expect("messages").remove("deadline.overdue");
    match load_pack(&doc.to_string()) {
        Err(EngineError::Pack { problems }) => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert!(paths.contains(&"/deadlines/limits/1/clause"), "{paths:?}");
            assert!(paths.contains(&"/deadlines/rule_change/clauses/refund"), "{paths:?}");
            assert!(problems.iter().any(|p| p.detail.contains("deadline.overdue")), "{problems:?}");
        }
        other => panic!("expected pack problems, got {other:?}"),
    }
}

#[test]
fn limits_are_data_a_pack_can_change() {
    let mut doc: Value =
        serde_json::from_str(embedded::document("ecommerce").expect("doc")).expect("json");
    doc["version"] = Value::from("test");
    doc["deadlines"]["limits"][2]["period"] = serde_json::json!({"working_days": 5});
    let pack = load_pack(&doc.to_string()).expect("pack");
    let now = parse_time("now", "2025-09-29T10:00:00+08:00").expect("now");
    let times =
        CaseTimes::from_json(r#"{"accepted_at": "2025-09-26T10:00:00+08:00"}"#).expect("times");
    let t = timeline(&pack, &Calendar::for_pack(&pack).expect("cal"), &times, (now, Locale::Both))
        .expect("timeline");
    let resolve = t.entries.iter().find(|e| e.id == "resolve").expect("resolve");
    assert_eq!(resolve.due_date.map(|d| d.to_string()).as_deref(), Some("2025-10-10"));
}

/// Runs the CLI with `args`, feeding `input` on stdin; returns stdout's lines as JSON.
fn cli(args: &[&str], input: &str) -> Vec<Value> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("run");
    assert!(out.status.success(), "{args:?} failed");
    String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn cli_deadline_answers_every_line_and_goes_on_after_a_bad_one() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/deadlines/working_days.jsonl"
    ))
    .expect("file");
    let mut input = String::new();
    let mut expected = Vec::new();
    for line in file.lines() {
        let mut v: Value = serde_json::from_str(line).expect("json");
        expected.push(v["due"].take());
        v.as_object_mut().expect("object").remove("due");
        input.push_str(&format!("{v}\n"));
    }
    input.push_str("not json\n{\"from\":\"2025-09-24\",\"days\":7}\n{\"from\":\"2027-03-01\",\"working_days\":3}\n");
    let out = cli(&["deadline"], &input);
    assert_eq!(out.len(), expected.len() + 3);
    for (got, want) in out.iter().zip(&expected) {
        assert_eq!(got, &serde_json::json!({ "due": want }));
    }
    let tail = &out[expected.len()..];
    assert_eq!(tail[0]["status"], "invalid");
    assert_eq!(tail[1], serde_json::json!({"due": "2025-10-09"}));
    assert_eq!(tail[2]["due"], "2027-03-04");
    assert_eq!(tail[2]["warnings"][0]["code"], "calendar.year_missing");
}

#[test]
fn cli_pack_diff_feeds_cli_rule_change() {
    let dir = std::env::temp_dir().join(format!("complaint-rules-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let old: Value =
        serde_json::from_str(embedded::document("ecommerce").expect("doc")).expect("json");
    let mut new = old.clone();
    new["version"] = Value::from("2026.9");
    new["deadlines"]["extension"]["max_working_days"] = Value::from(30);
    let (a, b) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&a, old.to_string()).expect("write");
    std::fs::write(&b, new.to_string()).expect("write");
    let diff = cli(&["pack", "diff", a.to_str().expect("path"), b.to_str().expect("path")], "");
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0]["changes"][0]["path"], "/deadlines/extension/max_working_days");
    assert_eq!(diff[0]["flags"]["important_rights"], true);
    let checked =
        cli(&["rule-change", "--now", "2026-06-01T00:00:00+08:00"], &format!("{}\n", diff[0]));
    let codes: Vec<&str> = checked[0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"rule_change.no_transition")
            && codes.contains(&"rule_change.missing_input"),
        "{codes:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
