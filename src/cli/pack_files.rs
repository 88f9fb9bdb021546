//! Reading a pack from the command line: a pack document, a `manifest.json`, or a directory
//! holding one (its parts are then read relative to the manifest).

use std::path::{Path, PathBuf};

use complaint_rules::error::{EngineError, PackProblem};
use complaint_rules::pack::parts::{assemble, Manifest};

/// A pack as given on the command line.
pub enum PackFiles {
    /// One pack document.
    Document(String),
    /// A manifest's id and its parts as (path as given, text).
    Parts {
        /// The manifest's pack id.
        id: String,
        /// The parts, in manifest order.
        parts: Vec<(String, String)>,
    },
}

impl PackFiles {
    /// Reads `path`: a directory or a file named `manifest.json` is a manifest, anything else a
    /// pack document.
    pub fn read(path: &Path) -> Result<PackFiles, Box<dyn std::error::Error>> {
        let manifest = if path.is_dir() { path.join("manifest.json") } else { path.to_path_buf() };
        if manifest.file_name().is_none_or(|n| n != "manifest.json") {
            return Ok(PackFiles::Document(read(path)?));
        }
        let m: Manifest = serde_json::from_str(&read(&manifest)?)
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
        let dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
        let parts = m
            .parts
            .iter()
            .map(|part| {
                let file: PathBuf = dir.join(part);
                read(&file).map(|text| (file.display().to_string(), text))
            })
            .collect::<Result<_, _>>()?;
        Ok(PackFiles::Parts { id: m.id, parts })
    }

    /// The pack document (parts assembled).
    pub fn document(&self) -> Result<String, EngineError> {
        match self {
            PackFiles::Document(text) => Ok(text.clone()),
            PackFiles::Parts { parts, .. } => {
                let assembled = assemble(parts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
                serde_json::to_string_pretty(&assembled.document).map_err(|e| EngineError::Pack {
                    problems: vec![PackProblem { path: String::new(), detail: e.to_string() }],
                })
            }
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
