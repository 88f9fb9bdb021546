//! `complaint-rules classify [--pack ID]`: JSON lines `{"id", "text", …structured fields}` in,
//! one classification per line out (`{"id", "category", "runners_up", "cause_class", "severity",
//! "flags", "amounts"}`); a bad line gives `{"status": "invalid", "error": …}` and the run goes on.

use complaint_rules::classify::ClassifyInput;
use complaint_rules::engine::{Engine, Options};
use complaint_rules::error::EngineError;
use serde_json::{json, Map, Value};

use super::batch;
use super::jsonl::invalid_line;

/// Arguments of `classify`.
#[derive(clap::Args)]
pub struct Args {
    /// Pack id (default: ecommerce).
    #[arg(long)]
    pack: Option<String>,
    #[command(flatten)]
    jobs: batch::Jobs,
}

/// Classifies one input line; the line's `id` is echoed.
fn classify_line(engine: &Engine, opts: &Options, line: &str) -> Value {
    let parsed: Result<(Value, ClassifyInput), EngineError> = serde_json::from_str::<Value>(line)
        .and_then(|v| serde_json::from_value::<ClassifyInput>(v.clone()).map(|input| (v, input)))
        .map_err(|e| EngineError::Json {
            path: format!("column {}", e.column()),
            detail: e.to_string(),
        });
    let (value, input) = match parsed {
        Ok(p) => p,
        Err(e) => return invalid_line(&e),
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match engine.classify(&input, opts).and_then(|c| {
        serde_json::to_value(c)
            .map_err(|e| EngineError::Json { path: String::new(), detail: e.to_string() })
    }) {
        Ok(Value::Object(fields)) => {
            let mut out = Map::new();
            out.insert("id".into(), id);
            out.extend(fields);
            Value::Object(out)
        }
        Ok(other) => json!({"id": id, "result": other}),
        Err(e) => {
            let mut out = invalid_line(&e);
            if let Some(o) = out.as_object_mut() {
                o.insert("id".into(), id);
            }
            out
        }
    }
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    // No `now`: the latest version of the pack.
    let opts = Options { pack: args.pack, ..Options::default() };
    engine.classify(&ClassifyInput::text(""), &opts)?;
    batch::run("classify", args.jobs, |line| classify_line(&engine, &opts, line))?;
    Ok(())
}
