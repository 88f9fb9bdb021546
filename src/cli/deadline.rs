//! `complaint-rules deadline [--pack ID] [--now RFC3339] [--holidays FILE]…`: reads JSON lines
//! `{"from":"2025-09-26","working_days":7}` or `{"from":"2025-09-24","days":7}` and writes
//! `{"due":"2025-10-13"}`, with `warnings` when a year lacks holiday data.

use std::path::PathBuf;

use complaint_rules::calendar::Calendar;
use complaint_rules::deadline::query;
use complaint_rules::engine::Engine;
use serde_json::json;

use super::jsonl::{invalid_line, map_lines, PackAt};

/// Arguments of `deadline`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    /// A holiday year in the holiday-cn JSON shape, added to the calendar (repeatable).
    #[arg(long)]
    holidays: Vec<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let pack = engine.pack(args.at.pack.as_deref(), args.at.now()?.date_naive())?;
    let mut cal = Calendar::for_pack(&pack)?;
    for file in &args.holidays {
        cal.add_year_json(&std::fs::read_to_string(file)?)?;
    }
    map_lines(|line| match query::parse(line).and_then(|q| query::answer(&pack, &cal, &q)) {
        Ok(answer) => json!(answer),
        Err(e) => invalid_line(&e),
    })?;
    Ok(())
}
