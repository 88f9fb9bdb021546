//! The embedded packs are compiled by `build.rs` (parts merged into one compact document) and
//! read at start-up without the semantic checks. These tests are what makes that safe: the
//! compiled document is what the engine's own assembly makes of the manifest's part files, every
//! embedded pack passes every check, and the typed read gives the same pack as the checked load.

use std::path::Path;

use complaint_rules::pack::load::{check, load_embedded, load_pack};
use complaint_rules::pack::parts::{assemble, Manifest};
use complaint_rules::pack::{embedded, Pack};
use serde_json::Value;

/// The pack assembled at run time from `packs/<dir>/manifest.json` and its part files.
fn assembled_from_files(id: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    for entry in std::fs::read_dir(&root).unwrap() {
        let manifest_path = entry.unwrap().path().join("manifest.json");
        let Ok(text) = std::fs::read_to_string(&manifest_path) else { continue };
        let manifest: Manifest = serde_json::from_str(&text).unwrap();
        if manifest.id != id {
            continue;
        }
        let dir = manifest_path.parent().unwrap();
        let parts: Vec<(String, String)> = manifest
            .parts
            .iter()
            .map(|p| (p.clone(), std::fs::read_to_string(dir.join(p)).unwrap()))
            .collect();
        let assembled = assemble(parts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
        return Value::Object(assembled.document);
    }
    panic!("no manifest for {id}");
}

#[test]
fn every_manifest_is_embedded_and_compiled_as_the_engine_assembles_it() {
    let ids: Vec<&str> = embedded::ids().collect();
    assert_eq!(ids, ["ecommerce", "trading-member"]);
    for id in ids {
        let compiled: Value = serde_json::from_str(embedded::document(id).unwrap()).unwrap();
        assert_eq!(compiled, assembled_from_files(id), "{id}");
        assert!(compiled.get("$schema").is_none(), "{id}: the editor's $schema key is dropped");
        let text = embedded::document(id).unwrap();
        assert!(!text.contains("\n  "), "{id}: the compiled document is compact");
    }
}

#[test]
fn every_embedded_pack_passes_every_check() {
    for id in embedded::ids() {
        let pack: Pack = load_embedded(embedded::document(id).unwrap()).unwrap();
        assert_eq!(check(&pack), vec![], "{id}");
    }
}

#[test]
fn the_typed_read_gives_the_checked_pack() {
    for id in embedded::ids() {
        let document = embedded::document(id).unwrap();
        assert_eq!(load_embedded(document).unwrap(), load_pack(document).unwrap(), "{id}");
    }
}

#[test]
fn a_document_that_does_not_read_gets_the_checked_loads_error_with_its_pointer() {
    let mut doc: Value = serde_json::from_str(embedded::document("ecommerce").unwrap()).unwrap();
    doc["limits"]["max_case_bytes"] = "many".into();
    let err = load_embedded(&doc.to_string()).unwrap_err().to_string();
    assert!(err.contains("/limits/max_case_bytes"), "{err}");
}

#[test]
fn what_the_build_wrote_down_about_each_pack_is_what_its_document_says() {
    let listed: Vec<_> = embedded::all().map(Result::unwrap).collect();
    assert_eq!(listed.len(), embedded::ids().count());
    for e in listed {
        let pack = load_embedded(e.document).unwrap();
        assert_eq!(
            (e.id, e.version, e.effective_from),
            (pack.id.as_str(), pack.version.as_str(), pack.effective_from)
        );
        assert_eq!(e.document, embedded::document(e.id).unwrap());
    }
}

#[test]
fn a_new_engine_lists_the_packs_it_reads_on_first_use() {
    let engine = complaint_rules::engine::Engine::new().unwrap();
    let clone = engine.clone();
    for (id, version, from) in engine.packs() {
        let pack = clone.pack(Some(&id), from).unwrap();
        assert_eq!(
            (pack.id.as_str(), pack.version.as_str(), pack.effective_from),
            (id.as_str(), version.as_str(), from)
        );
        assert!(
            std::sync::Arc::ptr_eq(&pack, &engine.pack(Some(&id), from).unwrap()),
            "{id}: clones share the read pack"
        );
        assert_eq!(*pack, load_embedded(embedded::document(&id).unwrap()).unwrap());
    }
}
