//! `complaint-rules validate [--pack ID] [--now RFC3339]`.

use complaint_rules::engine::{Engine, ValidateOptions};
use serde_json::json;

use super::batch;
use super::jsonl::{invalid_line, now_or_clock};

/// Arguments of `validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Pack id (default: ecommerce).
    #[arg(long)]
    pack: Option<String>,
    /// Evaluation time, RFC 3339 (default: the system clock).
    #[arg(long)]
    now: Option<String>,
    #[command(flatten)]
    jobs: batch::Jobs,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let opts = ValidateOptions { now: now_or_clock(args.now.as_deref())?, pack: args.pack };
    engine.pack(opts.pack.as_deref(), opts.now.date_naive())?;
    batch::run("validate", args.jobs, |line| match engine.validate_str(line, &opts) {
        Ok(v) => json!({"status": v.status, "problems": v.problems, "normalized": v.normalized, "pack": v.pack}),
        Err(e) => invalid_line(&e),
    })?;
    Ok(())
}
