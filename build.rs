//! Compiles the embedded packs from their manifests (`packs/<dir>/manifest.json`), so adding a
//! pack is a data change: every directory of `packs/` with a manifest becomes an embedded pack,
//! its parts merged in the order the manifest gives (by `src/pack/merge.rs`, the same merge the
//! engine runs for part files) into one compact document, `$OUT_DIR/pack-<id>.json`. The engine
//! reads that document straight into its typed pack the first time a call needs the pack: no
//! assembly, no second parse; the semantic checks of every embedded pack run in `cargo test`
//! (tests/packs_embedded.rs). Writes `$OUT_DIR/embedded_packs.rs`, the (id, version,
//! effective_from, document) table: the engine lists the packs and chooses the version in force
//! from the first three, without reading a document. Built without the `full` feature (the
//! form module), each document keeps only what a form reads ([`form_document`]).

#[path = "src/pack/merge.rs"]
#[allow(dead_code)] // the build uses the merge, not every constant the engine reads from it
mod merge;

// The message keys a form looks up: the validator's, and the calendar's warning.
#[path = "src/validate/codes.rs"]
#[allow(dead_code)] // the build reads the list, not each constant
mod validate_codes;

#[path = "src/calendar/codes.rs"]
mod calendar_codes;

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// `dir/part` with `..` resolved, relative to the crate root, `/`-separated.
fn part_path(dir: &Path, part: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for c in dir.join(part).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    out.join("/")
}

/// A pack document as the form build embeds it: without the sections only the full build reads
/// (`classify`, with its learned model, `preview`, `handling`), with only the calendar of
/// `deadlines` (the supplement period is counted on it), with only the messages a form looks up
/// (the validator's codes, each material's name, the calendar's warning) and with only the
/// clauses the rest of the document still cites (a rule applies only inside its clause's window).
fn form_document(
    mut document: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    for section in ["classify", "preview", "handling"] {
        document.remove(section);
    }
    if let Some(deadlines) = document.get_mut("deadlines").and_then(|d| d.as_object_mut()) {
        deadlines.retain(|key, _| key == "calendar");
    }
    let materials: Vec<String> = document
        .get("materials")
        .and_then(|m| m.as_array())
        .into_iter()
        .flatten()
        .filter_map(|rule| rule.get("name")?.as_str().map(|name| format!("material.{name}")))
        .collect();
    if let Some(messages) = document.get_mut("messages").and_then(|m| m.as_object_mut()) {
        messages.retain(|key, _| {
            validate_codes::ALL.contains(&key.as_str())
                || key == calendar_codes::YEAR_MISSING
                || materials.contains(key)
        });
    }
    if let Some(serde_json::Value::Object(mut clauses)) = document.remove("clauses") {
        let mut cited = std::collections::BTreeSet::new();
        for value in document.values() {
            collect_strings(value, &mut cited);
        }
        clauses.retain(|id, _| cited.contains(id.as_str()));
        document.insert("clauses".into(), serde_json::Value::Object(clauses));
    }
    document
}

/// Every string value inside `value`, at any depth.
fn collect_strings<'a>(
    value: &'a serde_json::Value,
    out: &mut std::collections::BTreeSet<&'a str>,
) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s);
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(members) => {
            members.values().for_each(|v| collect_strings(v, out))
        }
        _ => {}
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed=packs");
    // The form module (built without the `full` feature) embeds only what a form reads.
    let full = std::env::var_os("CARGO_FEATURE_FULL").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("packs"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("manifest.json").is_file())
        .collect();
    dirs.sort();
    let mut code = String::from("&[\n");
    for dir in dirs {
        let manifest_path = dir.join("manifest.json");
        println!("cargo:rerun-if-changed={}", manifest_path.display());
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest_path)?)?;
        let id = manifest
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{}: \"id\" must be a string", manifest_path.display()))?;
        let parts = manifest
            .get("parts")
            .and_then(|v| v.as_array())
            .ok_or_else(|| format!("{}: \"parts\" must be an array", manifest_path.display()))?;
        let rel_dir = dir.strip_prefix(&root)?;
        let mut texts: Vec<(String, String)> = Vec::new();
        for part in parts {
            let part = part.as_str().ok_or_else(|| {
                format!("{}: every part must be a string", manifest_path.display())
            })?;
            let rel = part_path(rel_dir, part);
            let abs = root.join(&rel);
            if !abs.is_file() {
                return Err(format!("{}: part {part:?} not found", manifest_path.display()).into());
            }
            println!("cargo:rerun-if-changed={}", abs.display());
            texts.push((rel, std::fs::read_to_string(&abs)?));
        }
        let (document, _origins) =
            merge::merge(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
                format!("{}: part {}: {}", manifest_path.display(), e.part, e.detail)
            })?;
        // The version and first day, read by the engine before (and without) the document.
        let member = |name: &str| {
            document.get(name).and_then(|v| v.as_str()).map(str::to_string).ok_or_else(|| {
                format!("{}: the merged pack's {name:?} must be a string", manifest_path.display())
            })
        };
        let (version, effective_from) = (member("version")?, member("effective_from")?);
        if member("id")? != id {
            return Err(format!(
                "{}: the merged pack's \"id\" is not {id:?}",
                manifest_path.display()
            )
            .into());
        }
        let document = if full { document } else { form_document(document) };
        let compiled = out_dir.join(format!("pack-{id}.json"));
        std::fs::write(&compiled, serde_json::to_string(&document)?)?;
        writeln!(
            code,
            "    ({id:?}, {version:?}, {effective_from:?}, include_str!({:?})),",
            compiled.display().to_string()
        )?;
    }
    code.push_str("]\n");
    std::fs::write(out_dir.join("embedded_packs.rs"), code)?;
    Ok(())
}
