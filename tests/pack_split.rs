//! Shared parts: what every pack shares lives in packs/common/, each pack keeps only its
//! differences. The engine's assembled packs equal the packs assembled from the unsplit parts
//! (each common part folded back into the pack's own), and the split is what
//! scripts/split-packs.py writes (so the lead can re-run it after content changes).

use std::process::Command;

use complaint_rules::pack::embedded;
use serde_json::Value;

fn script(args: &[&str]) -> std::process::Output {
    Command::new("python3")
        .arg("scripts/split-packs.py")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs")
}

#[test]
fn the_assembled_packs_equal_the_unsplit_documents() {
    for id in embedded::ids() {
        let out = script(&["--unsplit", id]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let unsplit: Value = serde_json::from_slice(&out.stdout).unwrap();
        let assembled: Value = serde_json::from_str(embedded::document(id).unwrap()).unwrap();
        assert_eq!(assembled, unsplit, "{id}");
    }
}

#[test]
fn the_split_is_the_scripts_and_leaves_only_differences() {
    let out = script(&["--check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = |p: &str| -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let common = read("packs/common/core.json");
    let messages = common["messages"].as_object().unwrap();
    assert!(messages.len() >= 30, "the shared messages are common: {}", messages.len());
    for id in ["ecommerce", "trading-member"] {
        let own = read(&format!("packs/{id}/core.json"));
        for (key, value) in own["messages"].as_object().into_iter().flatten() {
            assert_ne!(messages.get(key), Some(value), "{id} repeats the common message {key}");
        }
    }
}
