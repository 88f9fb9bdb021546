//! Rule-change impact: a draft pack added by data only (examples/packs/ecommerce-draft: the
//! ecommerce parts plus one part that lowers the evidence limit from 20 to 3 items and requires
//! proof of the order from natural persons) passes `pack check`, and `Impact` on 10 000
//! generated cases lists exactly the cases the change affects — checked against a brute-force
//! comparison of the full previews under two ordinary engines and against the rule itself read
//! off the case data.

// Only the generator is used here, not its verdict helpers.
#[allow(dead_code)]
#[path = "../examples/gen_cases.rs"]
mod gen_cases;
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use complaint_rules::engine::{parse_time, Engine, Options, View};
use complaint_rules::impact::{Impact, Kind};
use complaint_rules::pack::parts::{assemble, Manifest};
use complaint_rules::pack::{embedded, report::check_document};
use serde_json::Value;

const N: usize = 10_000;
const DRAFT: &str = "examples/packs/ecommerce-draft";

fn draft_doc() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DRAFT);
    let manifest: Manifest =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let texts: Vec<(String, String)> = manifest
        .parts
        .iter()
        .map(|p| (p.clone(), std::fs::read_to_string(dir.join(p)).unwrap()))
        .collect();
    let doc = assemble(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap().document;
    Value::Object(doc).to_string()
}

/// The preview with what a pack's identity changes (version, title in the rendering) left out.
fn comparable(engine: &Engine, pack: &str, case: &Value, now: &str) -> Value {
    let mut opts = Options::at(parse_time("now", now).unwrap());
    opts.pack = Some(pack.to_string());
    opts.view = Some(View::Staff); // as the impact run sees a case: every finding, the route
    let mut v = serde_json::to_value(engine.preview(case.clone(), &opts).unwrap()).unwrap();
    for key in ["pack", "render", "summary"] {
        v.as_object_mut().unwrap().remove(key);
    }
    v
}

/// The draft's two changes, read off the case: more than 3 evidence items, or a natural person
/// without an order record, payment record or invoice.
fn affected_by_rule(case: &Value) -> bool {
    let items = case["evidence"].as_array().cloned().unwrap_or_default();
    let natural = case["complainant"]["kind"] == "natural";
    let proof = items
        .iter()
        .any(|e| matches!(e["kind"].as_str(), Some("order_record" | "payment_record" | "invoice")));
    items.len() > 3 || (natural && !proof)
}

#[test]
fn the_draft_lists_the_ecommerce_parts_then_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| -> Manifest {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).unwrap()).unwrap()
    };
    let shipped = read("packs/ecommerce/manifest.json");
    let draft = read(&format!("{DRAFT}/manifest.json"));
    let resolve = |dir: &str, part: &str| root.join(dir).join(part).canonicalize().unwrap();
    let mut want: Vec<_> = shipped.parts.iter().map(|p| resolve("packs/ecommerce", p)).collect();
    want.push(resolve(DRAFT, "draft.json"));
    let got: Vec<_> = draft.parts.iter().map(|p| resolve(DRAFT, p)).collect();
    assert_eq!(
        got, want,
        "update {DRAFT}/manifest.json after changing packs/ecommerce/manifest.json"
    );
}

#[test]
fn the_draft_pack_added_by_data_passes_pack_check() {
    let report = check_document(&draft_doc());
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.version.as_deref(), Some("2027.1-draft"));
    let out = support::run_cli(&["pack", "check", DRAFT, "packs/ecommerce"], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn impact_lists_exactly_the_affected_cases() {
    let now = gen_cases::NOW;
    let old = embedded::document("ecommerce").unwrap();
    let new = draft_doc();
    let impact = Impact::new(old, &new, parse_time("now", now).unwrap()).unwrap();
    // Brute force: an ordinary engine holding the draft as another pack, every case previewed
    // in full under both.
    let mut brute = Engine::new().unwrap();
    let mut renamed: Value = serde_json::from_str(&new).unwrap();
    renamed["id"] = "draft".into();
    renamed["effective_from"] = "2000-01-01".into();
    brute.add_pack(&renamed.to_string()).unwrap();

    let cases: Vec<Value> = gen_cases::Generator::new(19).take(N).map(|g| g.case).collect();
    let halves: Vec<&[Value]> = cases.chunks(N / 2).collect();
    let results: Vec<(BTreeSet<usize>, BTreeSet<usize>, BTreeSet<usize>)> =
        std::thread::scope(|s| {
            let handles: Vec<_> = halves
                .iter()
                .enumerate()
                .map(|(h, part)| {
                    let (impact, brute) = (&impact, &brute);
                    s.spawn(move || {
                        let first = h * (N / 2);
                        let (listed, summary) = impact.run(first, part.iter().cloned());
                        assert_eq!(summary.affected, listed.len());
                        let listed = listed.iter().map(|c| c.case).collect();
                        let mut by_preview = BTreeSet::new();
                        let mut by_rule = BTreeSet::new();
                        for (i, case) in part.iter().enumerate() {
                            let a = comparable(brute, "ecommerce", case, now);
                            let b = comparable(brute, "draft", case, now);
                            if a != b {
                                by_preview.insert(first + i);
                            }
                            if affected_by_rule(case) {
                                by_rule.insert(first + i);
                            }
                        }
                        (listed, by_preview, by_rule)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
    let mut listed = BTreeSet::new();
    let mut by_preview = BTreeSet::new();
    let mut by_rule = BTreeSet::new();
    for (l, p, r) in results {
        listed.extend(l);
        by_preview.extend(p);
        by_rule.extend(r);
    }
    assert!(listed.len() > N / 10 && listed.len() < N, "{} affected", listed.len());
    assert_eq!(listed, by_preview, "impact vs full previews");
    assert_eq!(listed, by_rule, "impact vs the rule read off the cases");
}

#[test]
fn every_changed_case_names_its_kind_and_rule() {
    let now = parse_time("now", gen_cases::NOW).unwrap();
    let impact = Impact::new(embedded::document("ecommerce").unwrap(), &draft_doc(), now).unwrap();
    let cases = gen_cases::Generator::new(3).take(300).map(|g| g.case);
    let (listed, summary) = impact.run(0, cases);
    for c in &listed {
        assert!(c.changes.iter().any(|ch| ch.kind == Kind::Problems), "{c:?}");
        assert!(
            c.rules.iter().all(|r| r == "clause PACK-LIMITS" || r == "clause DRAFT-ORDER-PROOF"),
            "{c:?}"
        );
    }
    assert_eq!(summary.cases, 300);
    assert_eq!(summary.by_kind.get(&Kind::Problems).copied(), Some(listed.len()));
    // The new material is asked for later (on_missing: supplement), so those cases also gain a
    // supplement, blamed on the draft's clause.
    let supplemented = |c: &&complaint_rules::impact::CaseImpact| {
        c.changes.iter().any(|ch| ch.kind == Kind::Supplements)
    };
    assert!(listed.iter().any(|c| supplemented(&c)), "no supplement change in {listed:?}");
    assert!(listed
        .iter()
        .filter(supplemented)
        .all(|c| c.rules.contains(&"clause DRAFT-ORDER-PROOF".to_string())));
    let rules: usize = summary.rules.values().sum();
    assert!(rules >= listed.len(), "{summary:?}");
    // No difference between a pack and itself.
    let same = Impact::new(&draft_doc(), &draft_doc(), now).unwrap();
    let (none, _) = same.run(0, gen_cases::Generator::new(3).take(100).map(|g| g.case));
    assert!(none.is_empty());
}

#[test]
fn the_cli_writes_one_line_per_affected_case_then_the_summary() {
    let cases: Vec<Value> = gen_cases::Generator::new(5).take(60).map(|g| g.case).collect();
    let input: String = cases.iter().map(|c| format!("{c}\n")).collect();
    let args =
        ["pack", "impact", "--old", "packs/ecommerce", "--new", DRAFT, "--now", gen_cases::NOW];
    let out = support::run_cli(&args, &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, listed) = lines.split_last().unwrap();
    let now = parse_time("now", gen_cases::NOW).unwrap();
    let impact = Impact::new(embedded::document("ecommerce").unwrap(), &draft_doc(), now).unwrap();
    let (want, want_summary) = impact.run(0, cases);
    assert_eq!(listed, &serde_json::to_value(&want).unwrap().as_array().unwrap()[..]);
    assert_eq!(summary["summary"], serde_json::to_value(&want_summary).unwrap());
    assert!(!listed.is_empty());
}
