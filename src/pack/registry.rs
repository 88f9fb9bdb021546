//! Several versions of several packs, and the choice of the one in force at a given time.
//!
//! An embedded pack is listed from what the build wrote down about it (id, version,
//! `effective_from`, see [`super::embedded`]) and its document is read the first time a call asks
//! for that version, so `Engine::new` reads no pack document. The read pack is kept in a cell
//! shared by every clone of the registry.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::embedded::Embedded;
use super::load::load_embedded;
use super::Pack;
use crate::error::{EngineError, PackProblem};

/// Packs by id, each with its versions ordered by `effective_from`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    packs: BTreeMap<String, Vec<Version>>,
}

/// One version of a pack: loaded, or embedded and read on first use.
#[derive(Debug, Clone)]
enum Version {
    Loaded(Arc<Pack>),
    Embedded(Arc<Lazy>),
}

/// An embedded pack and, once a call has asked for it, what reading its document gave.
#[derive(Debug)]
struct Lazy {
    embedded: Embedded,
    read: OnceLock<Result<Arc<Pack>, EngineError>>,
}

impl Version {
    fn version(&self) -> &str {
        match self {
            Version::Loaded(p) => &p.version,
            Version::Embedded(l) => l.embedded.version,
        }
    }

    fn effective_from(&self) -> NaiveDate {
        match self {
            Version::Loaded(p) => p.effective_from,
            Version::Embedded(l) => l.embedded.effective_from,
        }
    }

    /// The pack, reading the embedded document the first time.
    fn pack(&self) -> Result<Arc<Pack>, EngineError> {
        match self {
            Version::Loaded(p) => Ok(Arc::clone(p)),
            Version::Embedded(l) => l.read.get_or_init(|| read(&l.embedded)).clone(),
        }
    }
}

/// Reads an embedded document; a pack whose id, version or first day differs from what the
/// build wrote down (which the registry has already answered with) is an error.
fn read(embedded: &Embedded) -> Result<Arc<Pack>, EngineError> {
    let pack = load_embedded(embedded.document)?;
    let listed = (embedded.id, embedded.version, embedded.effective_from);
    if (pack.id.as_str(), pack.version.as_str(), pack.effective_from) != listed {
        return Err(EngineError::Pack {
            problems: vec![PackProblem {
                path: String::new(),
                detail: format!(
                    "embedded pack {:?} {:?} from {} was listed as {listed:?}",
                    pack.id, pack.version, pack.effective_from
                ),
            }],
        });
    }
    Ok(Arc::new(pack))
}

impl Registry {
    /// Adds a version; a version with the same id and version label replaces the old one.
    pub fn insert(&mut self, pack: Pack) {
        let id = pack.id.clone();
        self.add(id, Version::Loaded(Arc::new(pack)));
    }

    /// Adds an embedded pack, to be read the first time a call asks for it; a version with the
    /// same id and version label replaces the old one, as with [`insert`](Self::insert).
    pub fn insert_embedded(&mut self, embedded: Embedded) {
        let lazy = Lazy { embedded, read: OnceLock::new() };
        self.add(embedded.id.to_string(), Version::Embedded(Arc::new(lazy)));
    }

    fn add(&mut self, id: String, version: Version) {
        let versions = self.packs.entry(id).or_default();
        versions.retain(|v| v.version() != version.version());
        versions.push(version);
        versions.sort_by_key(Version::effective_from);
    }

    /// The version of `id` in force on `day` (the latest whose `effective_from` ≤ `day`).
    pub fn in_force(&self, id: &str, day: NaiveDate) -> Result<Arc<Pack>, EngineError> {
        self.packs
            .get(id)
            .and_then(|versions| versions.iter().rev().find(|v| v.effective_from() <= day))
            .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: day.to_string() })?
            .pack()
    }

    /// All (id, version, effective_from) triples, loaded or not.
    pub fn list(&self) -> Vec<(String, String, NaiveDate)> {
        self.packs
            .iter()
            .flat_map(|(id, versions)| {
                versions.iter().map(|v| (id.clone(), v.version().to_string(), v.effective_from()))
            })
            .collect()
    }
}
