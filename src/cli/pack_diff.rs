//! `complaint-rules pack diff OLD.json NEW.json`: prints, as one JSON line, the rule-change
//! summary of going from one pack document to the other — what changed and the flags it
//! suggests — ready for `complaint-rules rule-change` once publication facts are filled in.

use std::path::PathBuf;

use complaint_rules::rule_change::diff_packs;

/// Arguments of `pack diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The pack document before the change.
    old: PathBuf,
    /// The pack document after the change.
    new: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let old = std::fs::read_to_string(&args.old)?;
    let new = std::fs::read_to_string(&args.new)?;
    let change = diff_packs(&old, &new)
        .map_err(|e| serde_json::to_string(&e.report()).unwrap_or_else(|_| e.to_string()))?;
    println!("{}", serde_json::to_string(&change)?);
    Ok(())
}
