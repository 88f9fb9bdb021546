//! Assembling a pack from its parts. A pack is kept as a few JSON parts (one per capability,
//! plus parts shared between packs), listed in order by the pack's `manifest.json`. Parts are
//! merged in that order: a top-level key is taken from the last part that has it, except the
//! catalogue maps ([`MERGED_KEYS`]), whose entries are merged (a later part's entry replaces an
//! earlier one with the same key), and the sections [`SECTION_KEYS`], whose keys are merged the
//! same way. A part's `$schema` reference is dropped.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{EngineError, PackProblem};

pub use super::merge::{MERGED_KEYS, SCHEMA_KEY, SECTION_KEYS};

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

/// Merges `(name, JSON text)` parts in order (see [`super::merge::merge`]); a part that is not a
/// JSON object is an error naming it.
pub fn assemble<'a>(
    parts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Assembled, EngineError> {
    let (document, origins) = super::merge::merge(parts).map_err(|e| EngineError::Pack {
        problems: vec![PackProblem { path: e.part, detail: e.detail }],
    })?;
    Ok(Assembled { document, origins })
}
