//! `complaint-rules handle [--pack ID] [--now RFC3339] [--view staff|complainant] [--locale zh-CN|en|both]`: JSON lines
//! `{"case": …, "record": {"events": [...]}}` in, one handling evaluation (stage, findings, next
//! actions, timeline, route) per line out; a bad line gives `{"status": "invalid", "error": …}`
//! and the run goes on.

use complaint_rules::engine::{Engine, Options, View};
use complaint_rules::error::EngineError;
use complaint_rules::handling::HandlingReport;
use serde_json::Value;

use super::batch::{self, Tallied};
use super::jsonl::{json_error, LocaleArg, Outcome, PackAt};

/// Arguments of `handle`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    /// Whose view: staff (everything) or complainant (their findings and next steps only).
    #[arg(long, default_value = "staff")]
    view: String,
    #[command(flatten)]
    locale: LocaleArg,
    #[command(flatten)]
    jobs: batch::Jobs,
}

/// The evaluation of one line.
fn handle_line(engine: &Engine, opts: &Options, line: &str) -> Result<HandlingReport, EngineError> {
    let mut value: Value = serde_json::from_str(line).map_err(json_error)?;
    let case = value.get_mut("case").map(Value::take).ok_or_else(|| EngineError::Shape {
        path: "/case".into(),
        expected: complaint_rules::engine::case_object(),
    })?;
    let record = value.get("record").cloned().unwrap_or(Value::Null);
    engine.handling(case, &record, opts)
}

/// A handling line has no status or category of its own: the summary counts it as `ok`.
impl Tallied for HandlingReport {
    fn status(&self) -> &str {
        "ok"
    }

    fn category(&self) -> Option<&str> {
        None
    }
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let view: View = serde_json::from_value(Value::String(args.view.clone())).map_err(|_| {
        EngineError::Option {
            name: "--view".into(),
            detail: format!("{:?} is not staff or complainant", args.view),
        }
    })?;
    let mut opts = Options::at(args.at.now()?);
    opts.pack = args.at.pack;
    opts.view = Some(view);
    opts.locale = args.locale.locale()?;
    batch::run("handle", args.jobs, |line| Outcome::from(handle_line(&engine, &opts, line)))?;
    Ok(())
}
