//! Several versions of several packs, and the choice of the one in force at a given time.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Pack;
use crate::error::EngineError;

/// Packs by id, each with its versions ordered by `effective_from`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    packs: BTreeMap<String, Vec<Arc<Pack>>>,
}

impl Registry {
    /// Adds a version; a version with the same id and version label replaces the old one.
    pub fn insert(&mut self, pack: Pack) {
        let versions = self.packs.entry(pack.id.clone()).or_default();
        versions.retain(|p| p.version != pack.version);
        versions.push(Arc::new(pack));
        versions.sort_by_key(|p| p.effective_from);
    }

    /// The version of `id` in force on `day` (the latest whose `effective_from` ≤ `day`).
    pub fn in_force(&self, id: &str, day: NaiveDate) -> Result<Arc<Pack>, EngineError> {
        self.packs
            .get(id)
            .and_then(|versions| versions.iter().rev().find(|p| p.effective_from <= day))
            .cloned()
            .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: day.to_string() })
    }

    /// All loaded (id, version, effective_from) triples.
    pub fn list(&self) -> Vec<(String, String, NaiveDate)> {
        self.packs
            .values()
            .flatten()
            .map(|p| (p.id.clone(), p.version.clone(), p.effective_from))
            .collect()
    }
}
