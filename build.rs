//! Lists the embedded packs from their manifests (`packs/<dir>/manifest.json`), so adding a pack
//! is a data change: every directory of `packs/` with a manifest becomes an embedded pack, its
//! parts included in the order the manifest gives. Writes `$OUT_DIR/embedded_packs.rs`.

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

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    println!("cargo:rerun-if-changed=packs");
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
        writeln!(code, "    ({id:?}, &[")?;
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
            writeln!(code, "        ({rel:?}, include_str!({:?})),", abs.display().to_string())?;
        }
        writeln!(code, "    ]),")?;
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("embedded_packs.rs");
    std::fs::write(out, code)?;
    Ok(())
}
