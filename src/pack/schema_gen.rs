//! Generates the published pack format, `pkg/pack.schema.json`, from the [`Pack`] types (the
//! schemars derive exists only in test builds) and fails when the committed file is stale.
//! `UPDATE_PACK_SCHEMA=1 cargo test --lib pack::schema_gen` rewrites it.

use serde_json::{json, Map, Value};

use super::Pack;

/// Where the published schema lives, relative to the crate root.
const PATH: &str = "pkg/pack.schema.json";

/// Types of an upstream format the pack embeds as is: holiday-cn's year files carry `$schema`,
/// `$id` and keys of their own, and callers pass the same files, so these stay open.
const UPSTREAM_FORMATS: &[&str] = &["/$defs/HolidayYear", "/$defs/HolidayDay"];

/// The published schema: the schema of [`Pack`], loosened at the top level so that one pack part
/// (which holds only some sections) validates too, and allowing the `$schema` reference.
fn published() -> Value {
    let mut schema = schemars::schema_for!(Pack).to_value();
    if let Some(root) = schema.as_object_mut() {
        root.remove("required");
        root.insert("title".into(), json!("complaint-rules policy pack (or one part of a pack)"));
        root.insert(
            "description".into(),
            json!(
                "A policy pack, or one part of it. Parts listed in a pack's manifest.json are \
                 merged into one document (see docs/packs.md); the merged document must have \
                 every section that Pack requires. Generated from the Rust types: do not edit."
            ),
        );
        // A shared part may hold only some keys of these sections (see pack::parts).
        for section in ["ClassifyPolicy", "DeadlinePolicy", "PreviewPolicy"] {
            if let Some(Value::Object(def)) = root.get_mut("$defs").and_then(|d| d.get_mut(section))
            {
                def.remove("required");
            }
        }
        if let Some(Value::Object(props)) = root.get_mut("properties") {
            props.insert(
                "$schema".into(),
                json!({"type": "string", "description": "Path or URL of this schema, for editors."}),
            );
        }
    }
    schema
}

/// Every object schema that lists properties, with its pointer in the schema.
fn object_schemas<'a>(
    at: String,
    node: &'a Value,
    out: &mut Vec<(String, &'a Map<String, Value>)>,
) {
    match node {
        Value::Object(map) => {
            if map.contains_key("properties") {
                out.push((at.clone(), map));
            }
            for (k, v) in map {
                object_schemas(format!("{at}/{k}"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                object_schemas(format!("{at}/{i}"), v, out);
            }
        }
        _ => {}
    }
}

#[test]
fn published_schema_is_generated_from_the_types() {
    let mut text = serde_json::to_string_pretty(&published()).unwrap();
    text.push('\n');
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
    if std::env::var_os("UPDATE_PACK_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{PATH} is stale: run UPDATE_PACK_SCHEMA=1 cargo test --lib pack::schema_gen"
    );
}

#[test]
fn every_pack_object_refuses_unknown_keys() {
    let schema = published();
    let mut objects = Vec::new();
    object_schemas(String::new(), &schema, &mut objects);
    assert!(objects.len() > 20, "only {} object schemas found", objects.len());
    let open: Vec<&String> = objects
        .iter()
        .filter(|(at, _)| !UPSTREAM_FORMATS.iter().any(|u| at.ends_with(u)))
        .filter(|(_, map)| map.get("additionalProperties") != Some(&json!(false)))
        .map(|(at, _)| at)
        .collect();
    assert!(open.is_empty(), "pack types without deny_unknown_fields: {open:?}");
}
