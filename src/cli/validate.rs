//! `complaint-rules validate [--pack ID] [--now RFC3339] [--locale zh-CN|en|both]
//! [--no-normalized]`.

use complaint_rules::engine::{Engine, Options};
use complaint_rules::finding::Finding;
use complaint_rules::validate::{PackRef, Status, Validation};
use serde::Serialize;
use serde_json::Value;

use super::batch::{self, Tallied};
use super::jsonl::{LocaleArg, Outcome, PackAt};

/// A `validate` line: the validation without its supplement list (the CLI's line format); no
/// `normalized` member with `--no-normalized`.
#[derive(Serialize)]
struct ValidateLine {
    status: Status,
    problems: Vec<Finding>,
    #[serde(skip_serializing_if = "Value::is_null")]
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
    /// Leave the normalised case out of each line (status, problems and pack only).
    #[arg(long)]
    no_normalized: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let now = args.at.now()?;
    let no_normalized = args.no_normalized;
    let opts = Options { pack: args.at.pack, locale: args.locale.locale()?, ..Options::at(now) };
    engine.pack(opts.pack.as_deref(), now.date_naive())?;
    batch::run("validate", args.jobs, |line| {
        let validation = engine.validate_str(line, &opts);
        let brief = |v: Validation| if no_normalized { v.without_normalized() } else { v };
        Outcome::from(validation.map(brief).map(ValidateLine::from))
    })?;
    Ok(())
}
