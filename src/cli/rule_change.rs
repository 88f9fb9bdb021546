//! `complaint-rules rule-change [--pack ID] [--now RFC3339] [--locale zh-CN|en|both]`: reads platform-rule changes as
//! JSON lines (e.g. the output of `pack diff`, completed) and writes `{"findings": […]}` per line.

use complaint_rules::engine::Engine;
use complaint_rules::error::EngineError;
use complaint_rules::rule_change::{check, RuleChange};
use serde_json::json;

use super::jsonl::{invalid_line, map_lines, LocaleArg, PackAt};

/// Arguments of `rule-change`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    #[command(flatten)]
    locale: LocaleArg,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let pack = engine.pack(args.at.pack.as_deref(), args.at.now()?.date_naive())?;
    let locale = args.locale.locale()?;
    map_lines(|line| {
        let change = serde_json::from_str::<RuleChange>(line).map_err(|e| EngineError::Json {
            path: format!("line {} column {}", e.line(), e.column()),
            detail: e.to_string(),
        });
        match change.and_then(|c| check(&pack, &c, locale)) {
            Ok(findings) => json!({ "findings": findings }),
            Err(e) => invalid_line(&e),
        }
    })?;
    Ok(())
}
