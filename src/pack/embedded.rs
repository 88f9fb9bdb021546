//! The packs shipped inside the engine. `build.rs` compiles them when the crate is built: the
//! list comes from the manifests (`packs/<dir>/manifest.json`), so adding a pack is a data change,
//! and each pack's parts are merged (by [`super::merge`]) into one compact document embedded
//! here, which [`super::load::load_embedded`] reads straight into a [`super::Pack`]. The build
//! also writes down each document's `version` and `effective_from`, so an engine can list its
//! packs and choose the version in force without reading any document (see
//! [`super::registry`], which reads one the first time a call needs it).

use chrono::NaiveDate;

use crate::error::{EngineError, PackProblem};

/// Id of the default pack.
pub const DEFAULT_PACK: &str = "ecommerce";

/// (pack id, version, effective_from, its assembled JSON document) for every embedded pack, from
/// the manifests.
const EMBEDDED: &[(&str, &str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));

/// An embedded pack as the build compiled it: what the registry knows before reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedded {
    /// The pack's id.
    pub id: &'static str,
    /// Its `version`.
    pub version: &'static str,
    /// Its `effective_from`.
    pub effective_from: NaiveDate,
    /// Its assembled JSON document.
    pub document: &'static str,
}

/// Ids of the embedded packs.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, ..)| *id)
}

/// Every embedded pack with its version and first day (the document not read).
pub fn all() -> impl Iterator<Item = Result<Embedded, EngineError>> {
    EMBEDDED.iter().map(|&(id, version, effective_from, document)| {
        let effective_from =
            crate::calendar::date_text::parse(effective_from).map_err(|e| EngineError::Pack {
                problems: vec![PackProblem {
                    path: "/effective_from".into(),
                    detail: format!("{effective_from:?} in embedded pack {id:?}: {e}"),
                }],
            })?;
        Ok(Embedded { id, version, effective_from, document })
    })
}

/// The assembled JSON document of an embedded pack (compact, keys in order, no `$schema`).
pub fn document(id: &str) -> Result<&'static str, EngineError> {
    EMBEDDED
        .iter()
        .find(|(pack_id, ..)| *pack_id == id)
        .map(|(.., document)| *document)
        .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: "embedded".into() })
}
