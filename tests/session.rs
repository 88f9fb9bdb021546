//! The session path: after random edit sequences over every validation and preview scenario, the
//! session's findings equal a full re-validation of the edited case, and the reported changes
//! add up to that list.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::finding::Finding;
use complaint_rules::session::Session;
use serde_json::{json, Value};

/// A small deterministic generator (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// Pointers a form edits: every leaf of the scenario's case plus places that may not exist yet.
fn pointers(case: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| walk(x, format!("{at}/{k}"), out)),
            Value::Array(a) => {
                a.iter().enumerate().for_each(|(i, x)| walk(x, format!("{at}/{i}"), out))
            }
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(case, String::new(), &mut out);
    out.retain(|p| !p.is_empty());
    let extra = [
        "/complainant/kind",
        "/complainant/uscc",
        "/agent",
        "/agent/name",
        "/evidence/-",
        "/evidence/0/media_type",
        "/evidence/0/size",
        "/submitted_at",
        "/occurred_at",
        "/request/type",
        "/request/amount",
        "/order/amount",
        "/declarations/truthful",
        "/facts",
        "/complainant/mobile",
        "/complainant/id_number",
    ];
    out.extend(extra.iter().map(|s| s.to_string()));
    out
}

/// Values a form might send: good ones taken from the case, bad text, wrong types.
fn values(case: &Value) -> Vec<Value> {
    fn leaves(v: &Value, out: &mut Vec<Value>) {
        match v {
            Value::Object(m) => m.values().for_each(|x| leaves(x, out)),
            Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
            other => out.push(other.clone()),
        }
    }
    let mut out = vec![
        json!(""),
        json!("  "),
        json!(" 1381234 "),
        json!("13812341234"),
        json!("１３８１２３４１２３４"),
        json!("abc"),
        json!("natural"),
        json!("legal"),
        json!("refund"),
        json!("exchange"),
        json!("-5"),
        json!("99999.999"),
        json!("1299.00"),
        json!("2026-11-24T10:00:00+08:00"),
        json!("2020-01-01T00:00:00+08:00"),
        json!("not a time"),
        json!("短"),
        json!("11010519491231002x"),
        json!("91350100M000100Y43"),
        json!("image/GIF"),
        json!("photo"),
        json!(true),
        json!(false),
        json!(null),
        json!(7),
        json!(-1),
        json!(999_999_999),
        json!({}),
        json!([]),
        json!({"kind": "photo", "name": "a.jpg", "size": 1024, "media_type": "image/jpeg"}),
        json!({"name": "代理人", "mobile": "13900001111", "id_number": "110105194912310021"}),
    ];
    leaves(case, &mut out);
    out
}

fn sorted(mut list: Vec<Finding>) -> Vec<String> {
    let mut keys: Vec<String> =
        list.drain(..).map(|f| serde_json::to_string(&f).unwrap()).collect();
    keys.sort();
    keys
}

#[test]
fn incremental_results_equal_full_validation_after_random_edits() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    let mut scenarios: Vec<(String, Value)> = support::load_all("validate");
    scenarios.extend(support::load_all("preview"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut edits = 0;
    for (name, scenario) in &scenarios {
        let start = support::scenario_case(scenario);
        if !start.is_object() {
            continue;
        }
        let (ptrs, vals) = (pointers(&start), values(&start));
        for run in 0..4 {
            let mut raw = start.clone();
            let mut session = Session::new(&engine, raw.clone(), Options::at(now)).unwrap();
            let mut current = session.findings();
            for step in 0..40 {
                let pointer = &ptrs[rng.below(ptrs.len())];
                let value = vals[rng.below(vals.len())].clone();
                let mut next = raw.clone();
                let Ok(change) = session.set(pointer, value.clone()) else { continue };
                assert!(
                    set_plain(&mut next, pointer, value),
                    "{name} run {run} step {step}: session accepted {pointer}"
                );
                raw = next;
                edits += 1;
                let full = engine.validate_value(raw.clone(), &Options::at(now)).unwrap();
                let at = format!("{name} run {run} step {step} after set {pointer}");
                assert_eq!(session.findings(), full.problems, "{at}: findings");
                assert_eq!(session.case(), &full.normalized, "{at}: normalised case");
                assert_eq!(change.status, full.status, "{at}: status");
                // The change turns the previous list into the new one.
                let mut expected = sorted(current.clone());
                for f in &change.removed {
                    let key = serde_json::to_string(f).unwrap();
                    let i = expected
                        .iter()
                        .position(|k| *k == key)
                        .unwrap_or_else(|| panic!("{at}: removed {key} was not there"));
                    expected.remove(i);
                }
                expected.extend(change.added.iter().map(|f| serde_json::to_string(f).unwrap()));
                expected.sort();
                current = session.findings();
                assert_eq!(expected, sorted(current.clone()), "{at}: change does not add up");
            }
        }
    }
    assert!(edits > 1000, "only {edits} edits were applied");
}

/// The reference: the same edit applied with serde_json's own pointer API on the raw case.
fn set_plain(doc: &mut Value, pointer: &str, value: Value) -> bool {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    let mut node = doc;
    for seg in parent.split('/').skip(1) {
        if node.is_null() {
            *node = json!({});
        }
        node = match node {
            Value::Object(m) => m.entry(seg.to_string()).or_insert(Value::Null),
            Value::Array(a) => match seg.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
    }
    if node.is_null() {
        *node = json!({});
    }
    match node {
        Value::Object(m) => {
            m.insert(last.to_string(), value);
            true
        }
        Value::Array(a) if last == "-" => {
            a.push(value);
            true
        }
        Value::Array(a) => a
            .get_mut(last.parse::<usize>().unwrap_or(usize::MAX))
            .map(|slot| *slot = value)
            .is_some(),
        _ => false,
    }
}

#[test]
fn an_edit_reports_only_what_it_changed() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    let case = support::base_case("natural_ecommerce");
    let mut session = Session::new(&engine, case, Options::at(now)).unwrap();
    let before = session.findings();
    let change = session.set("/complainant/mobile", json!("1381234")).unwrap();
    let codes: Vec<(&str, &str)> =
        change.added.iter().map(|f| (f.code.as_str(), f.path.as_str())).collect();
    assert_eq!(codes, [("mobile.format", "/complainant/mobile")]);
    assert!(change.removed.is_empty());
    let change = session.set("/complainant/mobile", json!(" 13812341234 ")).unwrap();
    assert_eq!(change.removed.len(), 1);
    assert!(change.added.is_empty());
    assert_eq!(session.findings(), before);
    let same = session.set("/complainant/mobile", json!("13812341234")).unwrap();
    assert!(same.added.is_empty() && same.removed.is_empty());
}

#[test]
fn a_bad_pointer_is_refused_and_changes_nothing() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    let mut session =
        Session::new(&engine, support::base_case("natural_ecommerce"), Options::at(now)).unwrap();
    let before = session.case().clone();
    let e = session.set("/facts/x", json!("a")).unwrap_err();
    assert!(e.to_string().contains("/facts/x"), "{e}");
    assert!(session.set("", json!(1)).is_err());
    assert_eq!(session.case(), &before);
}

#[test]
fn preview_of_a_session_is_the_preview_of_its_case() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    let mut session =
        Session::new(&engine, support::base_case("natural_ecommerce"), Options::at(now)).unwrap();
    session.set("/request/amount", json!("5000")).unwrap();
    let direct = engine.preview(session.case().clone(), &Options::at(now)).unwrap();
    let via = session.preview().unwrap();
    assert_eq!(serde_json::to_value(via).unwrap(), serde_json::to_value(direct).unwrap());
    assert!(session.findings().iter().any(|f| f.code == "amount.exceeds_cap"));
}
