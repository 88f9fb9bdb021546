//! `make train`: trains the learned category model of each embedded pack on every labelled text
//! (see `examples/labelled`) and writes it to `packs/<pack>/model.json`, byte for byte the same
//! on every run (fixed seed, sorted data, integer weights).
//!
//! ```text
//! cargo run --release --example train
//! cargo run --release --example train -- --set keep_per_class=400   # other options, to measure
//! ```

mod labelled;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use complaint_rules::classify::{train, ClassifyModel, TrainOptions};
use complaint_rules::engine::Engine;

const PACKS: &[&str] = &["ecommerce", "trading-member"];

/// The model as a pack part: `{"classify": {"model": …}}` (with the `$schema` reference every
/// pack part carries), one line per category and weight.
fn render(model: &ClassifyModel) -> Result<String, serde_json::Error> {
    let mut out = String::from(
        "{\n  \"$schema\": \"../../pkg/pack.schema.json\",\n  \"classify\": {\n    \"model\": {\n",
    );
    let line = |out: &mut String, key: &str, value: String| {
        let _ = writeln!(out, "      \"{key}\": {value},");
    };
    line(&mut out, "trained", serde_json::to_string(&model.trained)?);
    line(&mut out, "scale", serde_json::to_string(&model.scale)?);
    line(&mut out, "lexicon_weight", serde_json::to_string(&model.lexicon_weight)?);
    line(&mut out, "explain", serde_json::to_string(&model.explain)?);
    line(&mut out, "runner_up_min_percent", serde_json::to_string(&model.runner_up_min_percent)?);
    line(
        &mut out,
        "min_chars_without_terms",
        serde_json::to_string(&model.min_chars_without_terms)?,
    );
    line(&mut out, "bias", serde_json::to_string(&model.bias)?);
    out.push_str("      \"weights\": {\n");
    // One line per category and weight, the strongest positive weight first.
    let grouped: BTreeMap<String, BTreeMap<i32, String>> =
        serde_json::from_str(&serde_json::to_string(&model.weights)?)?;
    let mut rows: Vec<String> = Vec::new();
    for (id, groups) in &grouped {
        let lines: Vec<String> = groups
            .iter()
            .rev()
            .map(|(w, grams)| Ok(format!("          \"{w}\": {}", serde_json::to_string(grams)?)))
            .collect::<Result<_, serde_json::Error>>()?;
        rows.push(format!(
            "        {}: {{\n{}\n        }}",
            serde_json::to_string(id)?,
            lines.join(",\n")
        ));
    }
    out.push_str(&rows.join(",\n"));
    out.push_str("\n      }\n    }\n  }\n}\n");
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (sets, rest) = labelled::split_sets(&args)?;
    if !rest.is_empty() {
        return Err("usage: train [--set key=value]…".into());
    }
    let defaults = labelled::options(&sets)?;
    let (items, files) = labelled::load()?;
    let engine = Engine::new()?;
    for pack_id in PACKS {
        let pack = engine.pack(Some(pack_id), chrono::NaiveDate::MAX)?;
        let examples = labelled::examples(items.iter().filter(|i| i.pack == *pack_id));
        let opts = TrainOptions { data: files.clone(), ..defaults.clone() };
        let model = train(&pack, &examples, &opts)?;
        let path = format!("packs/{pack_id}/model.json");
        std::fs::write(&path, render(&model)?)?;
        let grams: usize = model.weights.table()?.values().map(|g| g.len()).sum();
        println!("{path}: {} texts, {grams} weights", examples.len());
    }
    Ok(())
}
