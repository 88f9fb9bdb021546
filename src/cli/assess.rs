//! `complaint-rules assess [--pack ID] [--now RFC3339] [--locale zh-CN|en|both] [--view staff|complainant]`: JSON lines of cases
//! (or `{"case": …, "handling": …, "overrides": …}`) in, one preview per line out; a bad line
//! gives `{"status": "invalid", "error": …}` and the run goes on.

use complaint_rules::engine::{Engine, Options, View};
use complaint_rules::error::EngineError;
use complaint_rules::preview::Preview;
use serde_json::Value;

use super::batch::{self, Tallied};
use super::jsonl::{json_error, LocaleArg, Outcome, PackAt};

/// Arguments of `assess`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    #[command(flatten)]
    locale: LocaleArg,
    /// Whose view: staff (every finding, routes; the default for batch users) or complainant.
    #[arg(long, default_value = "staff")]
    view: String,
    #[command(flatten)]
    jobs: batch::Jobs,
}

/// The preview of one line.
fn assess_line(engine: &Engine, base: &Options, line: &str) -> Result<Preview, EngineError> {
    let mut value: Value = serde_json::from_str(line).map_err(json_error)?;
    let mut opts = base.clone();
    let case = match value.get_mut("case").map(Value::take) {
        Some(case) => {
            if let Some(h) = value.get("handling") {
                opts.handling = serde_json::from_value(h.clone()).map_err(json_error)?;
            }
            if let Some(o) = value.get("overrides") {
                opts.overrides = serde_json::from_value(o.clone()).map_err(json_error)?;
            }
            case
        }
        None => value,
    };
    engine.preview(case, &opts)
}

/// A preview line counts its status and its category.
impl Tallied for Preview {
    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn category(&self) -> Option<&str> {
        Some(&self.classification.category.id)
    }
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let locale = args.locale.locale()?;
    let view: View = serde_json::from_value(Value::String(args.view.clone())).map_err(|_| {
        EngineError::Option {
            name: "--view".into(),
            detail: format!("{:?} is not staff or complainant", args.view),
        }
    })?;
    let mut opts = Options::at(args.at.now()?);
    opts.pack = args.at.pack;
    opts.locale = locale;
    opts.view = Some(view);
    batch::run("assess", args.jobs, |line| Outcome::from(assess_line(&engine, &opts, line)))?;
    Ok(())
}
