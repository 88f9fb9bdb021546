//! `complaint-rules validate [--pack ID] [--now RFC3339] [--locale zh-CN|en|both]`.

use complaint_rules::engine::{Engine, ValidateOptions};
use serde_json::json;

use super::batch;
use super::jsonl::{invalid_line, LocaleArg, PackAt};

/// Arguments of `validate`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    #[command(flatten)]
    locale: LocaleArg,
    #[command(flatten)]
    jobs: batch::Jobs,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let opts =
        ValidateOptions { now: args.at.now()?, pack: args.at.pack, locale: args.locale.locale()? };
    engine.pack(opts.pack.as_deref(), opts.now.date_naive())?;
    batch::run("validate", args.jobs, |line| match engine.validate_str(line, &opts) {
        Ok(v) => {
            json!({"status": v.status, "problems": v.problems, "normalized": v.normalized, "pack": v.pack})
        }
        Err(e) => invalid_line(&e),
    })?;
    Ok(())
}
