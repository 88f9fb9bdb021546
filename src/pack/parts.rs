//! Assembling a pack from its parts. A pack is kept as a few JSON parts (one per capability,
//! plus parts shared between packs), listed in order by the pack's `manifest.json`. Parts are
//! merged in that order: a top-level key is taken from the last part that has it, except the
//! catalogue maps ([`MERGED_KEYS`]), whose entries are merged (a later part's entry replaces an
//! earlier one with the same key), and the sections [`SECTION_KEYS`], whose keys are merged the
//! same way. A part's `$schema` reference is dropped.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{EngineError, PackProblem};

/// Keys whose object values are merged across parts entry by entry instead of replaced.
pub const MERGED_KEYS: &[&str] = &["messages", "clauses", "fields", "source_catalogue"];

/// Sections merged one level deep: each of their keys is taken from the last part that has it,
/// so a part shared by several packs can hold some keys of a section and each pack the rest.
pub const SECTION_KEYS: &[&str] = &["classify", "deadlines", "preview"];

/// The key an editor reads to find the schema; not part of the pack.
pub const SCHEMA_KEY: &str = "$schema";

/// A pack's `manifest.json`: its id and its parts, as paths relative to the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The pack id; the assembled pack's `id` must equal it.
    pub id: String,
    /// The parts, merged in this order.
    pub parts: Vec<String>,
}

/// The assembled document, and for every top-level key (and every merged catalogue entry, as
/// `/messages/<key>`) the name of the part it came from.
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    /// The pack document.
    pub document: Map<String, Value>,
    /// (JSON pointer, part name) pairs.
    pub origins: Vec<(String, String)>,
}

impl Assembled {
    /// The part a pointer of the assembled document comes from (the longest matching origin).
    pub fn origin_of(&self, pointer: &str) -> Option<&str> {
        self.origins
            .iter()
            .filter(|(at, _)| {
                pointer
                    .strip_prefix(at.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
            })
            .max_by_key(|(at, _)| at.len())
            .map(|(_, part)| part.as_str())
    }
}

/// Merges `(name, JSON text)` parts in order; a part that is not a JSON object is an error
/// naming it.
pub fn assemble<'a>(
    parts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Assembled, EngineError> {
    let mut out = Assembled::default();
    for (name, text) in parts {
        let part: Map<String, Value> =
            serde_json::from_str(text).map_err(|e| EngineError::Pack {
                problems: vec![PackProblem { path: name.to_string(), detail: e.to_string() }],
            })?;
        for (key, value) in part {
            if key == SCHEMA_KEY {
                continue;
            }
            let at = format!("/{}", crate::case::schema::escape_pointer(&key));
            match (out.document.get_mut(&key), value) {
                (Some(Value::Object(existing)), Value::Object(more))
                    if MERGED_KEYS.contains(&key.as_str())
                        || SECTION_KEYS.contains(&key.as_str()) =>
                {
                    for (k, v) in more {
                        let entry = format!("{at}/{}", crate::case::schema::escape_pointer(&k));
                        out.origins.retain(|(p, _)| *p != entry);
                        out.origins.push((entry, name.to_string()));
                        existing.insert(k, v);
                    }
                }
                (_, value) => {
                    out.origins.retain(|(p, _)| !p.starts_with(&at));
                    out.origins.push((at, name.to_string()));
                    out.document.insert(key, value);
                }
            }
        }
    }
    Ok(out)
}
