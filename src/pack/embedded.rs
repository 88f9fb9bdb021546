//! The packs shipped inside the engine. `build.rs` compiles them when the crate is built: the
//! list comes from the manifests (`packs/<dir>/manifest.json`), so adding a pack is a data change,
//! and each pack's parts are merged (by [`super::merge`]) into one compact document embedded
//! here, which [`super::load::load_embedded`] reads straight into a [`super::Pack`].

use crate::error::EngineError;

/// Id of the default pack.
pub const DEFAULT_PACK: &str = "ecommerce";

/// (pack id, its assembled JSON document) for every embedded pack, from the manifests.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

/// Ids of the embedded packs.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// The assembled JSON document of an embedded pack (compact, keys in order, no `$schema`).
pub fn document(id: &str) -> Result<&'static str, EngineError> {
    EMBEDDED
        .iter()
        .find(|(pack_id, _)| *pack_id == id)
        .map(|(_, document)| *document)
        .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: "embedded".into() })
}
