//! The labelled complaint texts shared by `make train` and `make eval`: the project's first set
#![allow(dead_code)] // Shared by two examples; each reads only part of it.
//! (`tests/eval/complaints.jsonl`, writer `O`) and the writers' batches under
//! `data/complaints/<writer>/<batch>.jsonl`, read in path order.

use std::path::{Path, PathBuf};

use complaint_rules::classify::{Example, TrainOptions};
use serde::Deserialize;

/// The first labelled set (writer `O`).
pub const FIRST_SET: &str = "tests/eval/complaints.jsonl";
/// The writers' batches.
pub const BATCHES: &str = "data/complaints";
/// The writers kept out of training: a check on texts no choice was made with.
pub const HELD_OUT: &str = "data/heldout";

/// One labelled text.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub text: String,
    pub pack: String,
    pub category: String,
    pub cause_class: String,
    pub severity: String,
    pub flags: Vec<String>,
    /// Register (`elderly_dictated`, `dialect`, `real_like`, …); the first set uses its hard-case
    /// kind, or `plain`.
    #[serde(default)]
    pub style: Option<String>,
    /// `A`, `B`, or `O` for the first set.
    #[serde(default)]
    pub writer: Option<String>,
    #[serde(default)]
    pub batch: Option<String>,
    #[serde(default)]
    pub ambiguous: bool,
    #[serde(default)]
    pub hard: Option<String>,
}

impl Labelled {
    pub fn writer(&self) -> &str {
        self.writer.as_deref().unwrap_or("O")
    }
    pub fn style(&self) -> &str {
        self.style.as_deref().or(self.hard.as_deref()).unwrap_or("plain")
    }
}

/// The training examples among `items`: every text but those its writer marked ambiguous (two
/// categories defensible). Chosen by leave-one-writer-out over twenty writers: ecommerce 88.7 ->
/// 89.1 %, trading-member 92.4 -> 92.3 % pooled top-1, every text (ambiguous ones too) scored.
pub fn examples<'a>(items: impl IntoIterator<Item = &'a Labelled>) -> Vec<Example<'a>> {
    let clear = items.into_iter().filter(|i| !i.ambiguous);
    clear.map(|i| Example { text: &i.text, category: &i.category }).collect()
}

fn read(path: &Path) -> Result<Vec<Labelled>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let item: Labelled =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        out.push(item);
    }
    Ok(out)
}

/// Every labelled text and the files read, in path order.
pub fn load() -> Result<(Vec<Labelled>, Vec<String>), Box<dyn std::error::Error>> {
    let mut files = vec![PathBuf::from(FIRST_SET)];
    files.extend(batch_files(Path::new(BATCHES))?);
    read_all(&files)
}

/// The texts of the writers kept out of training (`data/heldout/<writer>/`), and the files read:
/// never read by `make train`, scored by `make eval` with the shipped model.
pub fn load_held_out() -> Result<(Vec<Labelled>, Vec<String>), Box<dyn std::error::Error>> {
    read_all(&batch_files(Path::new(HELD_OUT))?)
}

/// The `.jsonl` files one level below `root` (one folder per writer), sorted; none when `root`
/// does not exist.
fn batch_files(root: &Path) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let mut batches = Vec::new();
    if let Ok(writers) = std::fs::read_dir(root) {
        for writer in writers {
            let dir = writer?.path();
            if dir.is_dir() {
                for f in std::fs::read_dir(&dir)? {
                    let f = f?.path();
                    if f.extension().is_some_and(|e| e == "jsonl") {
                        batches.push(f);
                    }
                }
            }
        }
    }
    batches.sort();
    Ok(batches)
}

/// The texts of `files`, in order, and the files' paths.
fn read_all(files: &[PathBuf]) -> Result<(Vec<Labelled>, Vec<String>), Box<dyn std::error::Error>> {
    let mut items = Vec::new();
    for f in files {
        items.extend(read(f)?);
    }
    Ok((items, files.iter().map(|f| f.display().to_string()).collect()))
}

/// The training options of `make train` with `key=value` overrides (`--set keep_per_class=400`),
/// so a setting can be measured (`eval --lowo --set …`) and then written (`train --set …`).
pub fn options(sets: &[String]) -> Result<TrainOptions, Box<dyn std::error::Error>> {
    let mut o = TrainOptions::default();
    for set in sets {
        let (key, value) = set.split_once('=').ok_or_else(|| format!("{set:?}: want key=value"))?;
        match key {
            "seed" => o.seed = value.parse()?,
            "epochs" => o.epochs = value.parse()?,
            "learning_rate" => o.learning_rate = value.parse()?,
            "l2" => o.l2 = value.parse()?,
            "min_count" => o.min_count = value.parse()?,
            "keep_per_class" => o.keep_per_class = value.parse()?,
            "levels" => o.levels = value.parse()?,
            "lexicon_weight" => o.lexicon_weight = value.parse()?,
            "lexicon_offset" => o.lexicon_offset = value.parse()?,
            "dropout" => o.dropout = value.parse()?,
            "offset_dropout" => o.offset_dropout = value.parse()?,
            "min_chars_without_terms" => o.min_chars_without_terms = value.parse()?,
            _ => return Err(format!("{key:?}: not a training option").into()),
        }
    }
    Ok(o)
}

/// The `--set key=value` arguments of `args`, and the other arguments.
pub fn split_sets(args: &[String]) -> Result<(Vec<String>, Vec<String>), String> {
    let (mut sets, mut rest) = (Vec::new(), Vec::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--set" {
            sets.push(it.next().ok_or("--set needs key=value")?.clone());
        } else {
            rest.push(a.clone());
        }
    }
    Ok((sets, rest))
}
