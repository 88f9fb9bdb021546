//! The platform-rule change check, one case per finding (and the any/all choice), driven by
//! `tests/cases/rule_change/changes.jsonl` (a compliant base change and JSON merge patches), and
//! `pack diff`.

use complaint_rules::engine::Engine;
use complaint_rules::finding::Locale;
use complaint_rules::pack::{embedded, load::load_pack, Pack};
use complaint_rules::rule_change::{check, diff_packs, ChangeKind, RuleChange};
use serde::Deserialize;
use serde_json::{Map, Value};

/// RFC 7386 merge patch.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                merge(t.entry(k.clone()).or_insert(Value::Object(Map::new())), v);
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn ecommerce_doc() -> Value {
    serde_json::from_str(embedded::document("ecommerce").expect("doc")).expect("json")
}

fn pack_with(edits: &Map<String, Value>) -> Pack {
    let mut doc = ecommerce_doc();
    for (pointer, value) in edits {
        *doc.pointer_mut(pointer).unwrap_or_else(|| panic!("no {pointer}")) = value.clone();
    }
    load_pack(&doc.to_string()).expect("pack")
}

fn summary(pack: &Pack, change: &RuleChange) -> Vec<String> {
    let findings = check(pack, change, Locale::Both).expect("check");
    for f in &findings {
        assert!(
            pack.clauses.contains_key(&f.clause),
            "{} cites unknown clause {}",
            f.code,
            f.clause
        );
        assert!(
            !f.message.zh.contains('{') && !f.message.en.contains('{'),
            "unfilled {:?}",
            f.message
        );
    }
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}",
                serde_json::to_value(f.severity).expect("sev").as_str().unwrap_or_default(),
                f.code,
                f.path,
                f.clause
            )
        })
        .collect()
}

#[derive(Deserialize)]
struct Case {
    name: String,
    patch: Value,
    pack: Map<String, Value>,
    expect: Vec<String>,
}

#[test]
fn each_requirement_and_the_any_all_choice() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/rule_change/changes.jsonl"
    ))
    .expect("file");
    let mut lines = text.lines();
    let base: Value = serde_json::from_str::<Value>(lines.next().expect("base"))
        .expect("json")
        .get("base")
        .cloned()
        .expect("base");
    let cases: Vec<Case> = lines.map(|l| serde_json::from_str(l).expect("case")).collect();
    assert!(cases.len() >= 20);
    for case in cases {
        let mut change = base.clone();
        merge(&mut change, &case.patch);
        let change: RuleChange = serde_json::from_value(change).expect("change");
        assert_eq!(summary(&pack_with(&case.pack), &change), case.expect, "{}", case.name);
    }
}

#[test]
fn facts_not_given_are_reported_never_assumed() {
    let pack = pack_with(&Map::new());
    let got = summary(&pack, &RuleChange::default());
    assert!(got.iter().all(|s| s.starts_with("warning rule_change.missing_input")), "{got:?}");
    for path in [
        "/published_at",
        "/effective_at",
        "/consultation/held",
        "/major_impact",
        "/history/kept_from",
        "/history/downloadable",
        "/exit/unreasonable_conditions",
        "/exit/refund_under_old_rules",
        "/flags/huge_user_base",
    ] {
        assert!(
            got.iter().any(|s| s.contains(&format!(" {path} "))),
            "no warning for {path}: {got:?}"
        );
    }
}

#[test]
fn pack_diff_summarises_a_new_version_for_the_check() {
    let old = ecommerce_doc();
    let mut new = old.clone();
    new["version"] = Value::from("2026.2");
    new["effective_from"] = Value::from("2026-06-01");
    new["deadlines"]["limits"][2]["period"] = serde_json::json!({"working_days": 20});
    new["limits"]["max_case_bytes"] = Value::from(2_000_000);
    let change = diff_packs(&old.to_string(), &new.to_string()).expect("diff");
    assert_eq!(change.to_version.as_deref(), Some("2026.2"));
    assert_eq!(
        change.effective_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-06-01T00:00:00+08:00")
    );
    let paths: Vec<(&str, ChangeKind)> =
        change.changes.iter().map(|c| (c.path.as_str(), c.change)).collect();
    assert_eq!(
        paths,
        [
            ("/deadlines/limits/2/period/working_days", ChangeKind::Changed),
            ("/limits/max_case_bytes", ChangeKind::Changed)
        ]
    );
    assert_eq!(change.flags.important_rights, Some(true), "a time limit is an important right");
    assert_eq!(change.flags.many_changes, Some(false));
    assert_eq!(change.flags.huge_user_base, None, "a diff cannot know the user base");
    // The summary goes straight into the check, which asks for what the diff cannot know.
    let engine = Engine::new().expect("engine");
    let pack = engine.pack(None, "2026-06-01".parse().expect("day")).expect("pack");
    let round: RuleChange =
        serde_json::from_str(&serde_json::to_string(&change).expect("json")).expect("parse");
    let got = summary(&pack, &round);
    assert!(got.iter().any(|s| s.contains("missing_input /published_at")), "{got:?}");
    assert!(
        got.iter().any(|s| s.contains("error rule_change.no_transition")),
        "major impact suggested: {got:?}"
    );
}

#[test]
fn pack_diff_counts_many_changes_and_sees_added_and_removed_values() {
    let old = ecommerce_doc();
    let mut new = old.clone();
    new["version"] = Value::from("2026.3");
    let limits = new["deadlines"]["limits"].as_array_mut().expect("limits");
    limits.pop();
    // Reworded messages keep their placeholders (pack loading checks them).
    for v in new["messages"].as_object_mut().expect("messages").values_mut().take(12) {
        let (zh, en) = (v["zh"].as_str().expect("zh"), v["en"].as_str().expect("en"));
        *v = serde_json::json!({"zh": format!("{zh}（新）"), "en": format!("{en} (new)")});
    }
    // A newly cited source must be in the sources catalogue.
    new["sources"].as_array_mut().expect("sources").push(Value::from("个人信息保护法"));
    let change = diff_packs(&old.to_string(), &new.to_string()).expect("diff");
    assert_eq!(change.flags.many_changes, Some(true));
    assert!(change
        .changes
        .iter()
        .any(|c| c.path == "/deadlines/limits/7" && c.change == ChangeKind::Removed));
    assert!(change
        .changes
        .iter()
        .any(|c| c.path.starts_with("/sources/") && c.change == ChangeKind::Added));
    assert!(diff_packs("{}", &new.to_string()).is_err(), "an invalid pack is refused");
}
