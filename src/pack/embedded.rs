//! The packs shipped inside the engine. The list is generated at build time from the manifests
//! (`packs/<dir>/manifest.json`, see `build.rs`), so adding a pack is a data change; each pack is
//! assembled from its parts by [`super::parts::assemble`].

use crate::error::{EngineError, PackProblem};

/// Id of the default pack.
pub const DEFAULT_PACK: &str = "ecommerce";

/// (pack id, its parts as (path, text)) for every embedded pack, from the manifests.
const EMBEDDED: &[(&str, &[(&str, &str)])] =
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

/// Ids of the embedded packs.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// The parts of an embedded pack, as (path in the repository, text), in manifest order.
pub fn parts(id: &str) -> Result<&'static [(&'static str, &'static str)], EngineError> {
    EMBEDDED
        .iter()
        .find(|(pack_id, _)| *pack_id == id)
        .map(|(_, parts)| *parts)
        .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: "embedded".into() })
}

/// The assembled JSON document of an embedded pack.
pub fn document(id: &str) -> Result<String, EngineError> {
    let assembled = super::parts::assemble(parts(id)?.iter().copied())?;
    serde_json::to_string(&assembled.document).map_err(|e| EngineError::Pack {
        problems: vec![PackProblem { path: String::new(), detail: e.to_string() }],
    })
}
