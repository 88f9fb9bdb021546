//! The pack format: every part points at the published schema, manifests list the embedded
//! packs, and loading catches the mistakes an author makes — a placeholder typo, a missing
//! placeholder, a citation outside the sources catalogue, an unknown key anywhere.

mod support;

use std::path::{Path, PathBuf};

use complaint_rules::engine::Engine;
use complaint_rules::error::{EngineError, PackProblem};
use complaint_rules::pack::embedded;
use complaint_rules::pack::parts::Manifest;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ecommerce_doc() -> Value {
    serde_json::from_str(embedded::document("ecommerce").unwrap()).unwrap()
}

/// The problems of loading `doc` (it must fail).
fn problems(doc: &Value) -> Vec<PackProblem> {
    match Engine::new().unwrap().add_pack(&doc.to_string()) {
        Err(EngineError::Pack { problems }) => problems,
        other => panic!("expected a pack error, got {other:?}"),
    }
}

fn manifests() -> Vec<(PathBuf, Manifest)> {
    let mut out: Vec<(PathBuf, Manifest)> = std::fs::read_dir(root().join("packs"))
        .unwrap()
        .map(|e| e.unwrap().path().join("manifest.json"))
        .filter(|p| p.is_file())
        .map(|p| {
            let m = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p, m)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_part_of_every_manifest_references_the_published_schema() {
    let mut parts = 0;
    for (path, manifest) in manifests() {
        let dir = path.parent().unwrap();
        for part in &manifest.parts {
            let file = dir.join(part);
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let schema = doc["$schema"].as_str().unwrap_or_else(|| panic!("{file:?}: no $schema"));
            let target = file.parent().unwrap().join(schema);
            assert!(
                target.canonicalize().unwrap() == root().join("pkg/pack.schema.json"),
                "{file:?}: $schema {schema} is not pkg/pack.schema.json"
            );
            parts += 1;
        }
    }
    assert!(parts >= 10, "only {parts} parts");
}

#[test]
fn the_embedded_packs_are_the_manifests() {
    let from_manifests: Vec<String> = manifests().into_iter().map(|(_, m)| m.id).collect();
    let embedded: Vec<&str> = embedded::ids().collect();
    assert_eq!(embedded, from_manifests);
    for id in embedded {
        let doc: Value = serde_json::from_str(embedded::document(id).unwrap()).unwrap();
        assert_eq!(doc["id"], id, "manifest id and pack id differ");
        assert!(doc.get("$schema").is_none(), "$schema leaked into the assembled {id}");
    }
}

#[test]
fn a_placeholder_typo_is_a_load_error_at_its_pointer() {
    let mut doc = ecommerce_doc();
    doc["messages"]["field.required"]["zh"] = "请填写{feild}".into();
    let found = problems(&doc);
    let at: Vec<&PackProblem> =
        found.iter().filter(|p| p.path == "/messages/field.required/zh").collect();
    assert!(at.iter().any(|p| p.detail.contains("{feild}")), "{found:?}");
    assert!(at.iter().any(|p| p.detail.contains("missing placeholder {field}")), "{found:?}");
    assert!(!found.iter().any(|p| p.path == "/messages/field.required/en"), "{found:?}");
}

#[test]
fn a_message_without_a_required_placeholder_is_a_load_error() {
    let mut doc = ecommerce_doc();
    doc["messages"]["text.too_long"]["en"] = "Too long.".into();
    doc["messages"]["route.amount_below"]["en"] = "{amount} {rule}".into();
    let found = problems(&doc);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"/messages/text.too_long/en"), "{found:?}");
    assert!(paths.contains(&"/messages/route.amount_below/en"), "{found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_citation_outside_the_sources_catalogue_is_a_load_error() {
    let mut doc = ecommerce_doc();
    let first = doc["clauses"].as_object().unwrap().keys().next().unwrap().clone();
    doc["clauses"][&first]["source"] = "某某办法".into();
    doc["sources"][0] = "S999".into();
    doc["source_catalogue"]["电子商务法"].as_object_mut().unwrap().remove("in_force_from");
    let found = problems(&doc);
    let paths: Vec<String> = found.iter().map(|p| p.path.clone()).collect();
    for want in [
        format!("/clauses/{first}/source"),
        "/sources/0".to_string(),
        "/source_catalogue/电子商务法".to_string(),
    ] {
        assert!(paths.contains(&want), "{want} missing from {found:?}");
    }
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_clause_citing_a_law_is_dated_within_the_laws_force() {
    let mut doc = ecommerce_doc();
    // Undated, dated before the law, and running past a replaced regulation's last day.
    doc["clauses"]["ECL-34"].as_object_mut().unwrap().remove("valid_from");
    doc["clauses"]["CONSUMER-46"]["valid_from"] = "1993-01-01".into();
    doc["clauses"]["IM2019-14"].as_object_mut().unwrap().remove("valid_until");
    doc["clauses"]["IM2019-21"]["valid_until"] = "2026-04-15".into();
    let found = problems(&doc);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/clauses/CONSUMER-46/valid_from",
            "/clauses/ECL-34/valid_from",
            "/clauses/IM2019-14/valid_until",
            "/clauses/IM2019-21/valid_until",
        ],
        "{found:?}"
    );
    assert!(found[0].detail.contains("1994-01-01"), "{found:?}");
    assert!(found[2].detail.contains("2026-04-14"), "{found:?}");
    // The law's own day is fine.
    let mut doc = ecommerce_doc();
    doc["clauses"]["ECL-34"]["valid_from"] = "2019-01-01".into();
    assert!(Engine::new().unwrap().add_pack(&doc.to_string()).is_ok());
}

#[test]
fn every_clause_of_the_embedded_packs_names_a_catalogue_entry() {
    for id in embedded::ids() {
        let doc: Value = serde_json::from_str(embedded::document(id).unwrap()).unwrap();
        let catalogue = doc["source_catalogue"].as_object().unwrap();
        for (clause, body) in doc["clauses"].as_object().unwrap() {
            let source = body["source"].as_str().unwrap();
            // Each `/`-separated citation is an entry's id or cited_as spelling, alone or followed
            // by a pinpoint after a space or an opening parenthesis.
            for name in source.split('/').map(str::trim) {
                let names = |n: &str| {
                    name.strip_prefix(n)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '（', '(']))
                };
                let known = catalogue.iter().any(|(k, v)| {
                    names(k)
                        || v["cited_as"]
                            .as_array()
                            .is_some_and(|a| a.iter().filter_map(Value::as_str).any(names))
                });
                assert!(known, "{id}: clause {clause} cites {name:?}");
            }
        }
    }
}

#[test]
fn an_unknown_key_is_a_load_error_in_every_section() {
    for pointer in [
        "",
        "/limits",
        "/evidence",
        "/masking",
        "/supplement",
        "/deadlines",
        "/classify",
        "/classify/model",
        "/classify/dominance",
        "/classify/attribution",
        "/preview",
        "/handling",
        "/handling/limits/resolve",
    ] {
        let mut doc = ecommerce_doc();
        doc.pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("colour".into(), 1.into());
        let found = problems(&doc);
        assert_eq!(found.len(), 1, "{pointer}: {found:?}");
        assert_eq!(found[0].path, format!("{pointer}/colour"), "{found:?}");
        assert!(found[0].detail.contains("unknown field"), "{found:?}");
    }
    let mut doc = ecommerce_doc();
    doc["messages"]["time.now"]["fr"] = "maintenant".into();
    assert_eq!(problems(&doc)[0].path, "/messages/time.now/fr");
}

#[test]
fn pack_check_lists_every_problem_with_pointer_part_and_both_languages() {
    let dir = std::env::temp_dir().join(format!("pack-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut doc = ecommerce_doc();
    doc["limits"]["colour"] = 1.into();
    doc["evidence"]["max_items"] = "twenty".into();
    doc["messages"]["field.required"]["zh"] = "请填写{feild}".into();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let out = support::run_cli(&["pack", "check", "--json", bad.to_str().unwrap()], "");
    assert!(!out.status.success());
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = line["report"]["problems"].as_array().unwrap();
    let paths: Vec<&str> = problems.iter().map(|p| p["path"].as_str().unwrap()).collect();
    for want in ["/limits/colour", "/evidence/max_items", "/messages/field.required/zh"] {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert!(problems.iter().all(|p| !p["message"]["zh"].as_str().unwrap().is_empty()));
    assert!(problems.iter().any(|p| p["message"]["zh"].as_str().unwrap().starts_with("未知字段")));

    // From a manifest, each problem names the part it lies in.
    let parts = dir.join("parts");
    std::fs::create_dir_all(&parts).unwrap();
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(root().join("packs/ecommerce/manifest.json")).unwrap(),
    )
    .unwrap();
    let mut names = Vec::new();
    for (i, part) in manifest.parts.iter().enumerate() {
        let text = std::fs::read_to_string(root().join("packs/ecommerce").join(part)).unwrap();
        let name = format!("{i}.json");
        let text =
            if part == "../common/core.json" { text.replace("{field}", "{feild}") } else { text };
        std::fs::write(parts.join(&name), text).unwrap();
        names.push(name);
    }
    let m = serde_json::json!({"id": "ecommerce", "parts": names});
    std::fs::write(parts.join("manifest.json"), m.to_string()).unwrap();
    let out = support::run_cli(&["pack", "check", parts.to_str().unwrap()], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("/messages/field.required/zh"), "{text}");
    assert!(text.contains("0.json]"), "the part is named: {text}");
    assert!(text.contains("zh: 未知占位符 {feild}"), "{text}");
    assert!(text.contains("en: unknown placeholder {feild}"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn pack_build_assembles_the_embedded_document() {
    let out = support::run_cli(&["pack", "build", "packs/trading-member"], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let built: Value = serde_json::from_slice(&out.stdout).unwrap();
    let embedded: Value =
        serde_json::from_str(embedded::document("trading-member").unwrap()).unwrap();
    assert_eq!(built, embedded);
}
