//! `complaint-rules validate [--pack ID] [--now RFC3339] [--locale zh-CN|en|both]`.

use complaint_rules::engine::{Engine, Options};
use complaint_rules::finding::Finding;
use complaint_rules::validate::{PackRef, Status, Validation};
use serde::Serialize;
use serde_json::Value;

use super::batch::{self, Tallied};
use super::jsonl::{LocaleArg, Outcome, PackAt};

/// A `validate` line: the validation without its supplement list (the CLI's line format).
#[derive(Serialize)]
struct ValidateLine {
    status: Status,
    problems: Vec<Finding>,
    normalized: Value,
    pack: PackRef,
}

impl From<Validation> for ValidateLine {
    fn from(v: Validation) -> ValidateLine {
        ValidateLine {
            status: v.status,
            problems: v.problems,
            normalized: v.normalized,
            pack: v.pack,
        }
    }
}

impl Tallied for ValidateLine {
    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn category(&self) -> Option<&str> {
        None
    }
}

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
    let now = args.at.now()?;
    let opts = Options { pack: args.at.pack, locale: args.locale.locale()?, ..Options::at(now) };
    engine.pack(opts.pack.as_deref(), now.date_naive())?;
    batch::run("validate", args.jobs, |line| {
        Outcome::from(engine.validate_str(line, &opts).map(ValidateLine::from))
    })?;
    Ok(())
}
