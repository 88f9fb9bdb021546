//! The merge of a pack's parts, with no other dependency than `serde_json`: the crate's
//! [`super::parts::assemble`] uses it at run time (for packs given as part files) and `build.rs`
//! includes this file to assemble the embedded packs when the crate is built, so both assemble
//! the same way.

use serde_json::{Map, Value};

/// Keys whose object values are merged across parts entry by entry instead of replaced.
pub const MERGED_KEYS: &[&str] = &["messages", "clauses", "fields", "source_catalogue"];

/// Sections merged one level deep: each of their keys is taken from the last part that has it,
/// so a part shared by several packs can hold some keys of a section and each pack the rest.
pub const SECTION_KEYS: &[&str] = &["classify", "deadlines", "preview"];

/// The key an editor reads to find the schema; not part of the pack.
pub const SCHEMA_KEY: &str = "$schema";

/// A part that could not be merged: its name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartError {
    /// The part's name (its path in the repository).
    pub part: String,
    /// What is wrong with it.
    pub detail: String,
}

/// The merged document and, for every top-level key (and every merged entry, as
/// `/messages/<key>`), the name of the part it came from.
pub type Merged = (Map<String, Value>, Vec<(String, String)>);

/// Merges `(name, JSON text)` parts in order; a part that is not a JSON object is an error
/// naming it.
pub fn merge<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Merged, PartError> {
    let mut document = Map::new();
    let mut origins: Vec<(String, String)> = Vec::new();
    for (name, text) in parts {
        let part: Map<String, Value> = serde_json::from_str(text)
            .map_err(|e| PartError { part: name.to_string(), detail: e.to_string() })?;
        for (key, value) in part {
            if key == SCHEMA_KEY {
                continue;
            }
            let at = format!("/{}", escape(&key));
            match (document.get_mut(&key), value) {
                (Some(Value::Object(existing)), Value::Object(more))
                    if MERGED_KEYS.contains(&key.as_str())
                        || SECTION_KEYS.contains(&key.as_str()) =>
                {
                    for (k, v) in more {
                        let entry = format!("{at}/{}", escape(&k));
                        origins.retain(|(p, _)| *p != entry);
                        origins.push((entry, name.to_string()));
                        existing.insert(k, v);
                    }
                }
                (_, value) => {
                    origins.retain(|(p, _)| !p.starts_with(&at));
                    origins.push((at, name.to_string()));
                    document.insert(key, value);
                }
            }
        }
    }
    Ok((document, origins))
}

/// A key as one JSON-pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
