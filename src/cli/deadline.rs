//! `complaint-rules deadline [--pack ID] [--now RFC3339] [--holidays FILE]… [--locale zh-CN|en|both]`: reads JSON lines
//! `{"from":"2025-09-26","working_days":7}` or `{"from":"2025-09-24","days":7}` and writes
//! `{"due":"2025-10-13"}`, with `warnings` when a year lacks holiday data.

use std::path::PathBuf;

use complaint_rules::calendar::holidays::parse_year;
use complaint_rules::deadline::query;
use complaint_rules::engine::{Engine, Options};
use serde_json::json;

use super::jsonl::{invalid_line, map_lines, LocaleArg, PackAt};

/// Arguments of `deadline`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    at: PackAt,
    /// A holiday year in the holiday-cn JSON shape, added to the calendar (repeatable).
    #[arg(long)]
    holidays: Vec<PathBuf>,
    #[command(flatten)]
    locale: LocaleArg,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let holidays = args
        .holidays
        .iter()
        .map(|file| Ok(parse_year("holidays", &std::fs::read_to_string(file)?)?))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let locale = args.locale.locale()?;
    let opts =
        Options { pack: args.at.pack.clone(), holidays, locale, ..Options::at(args.at.now()?) };
    let (pack, cal) = engine.calendar(&opts)?;
    let answer = |q| query::answer(&pack, &cal, &q, locale);
    map_lines(|line| match query::parse(line).and_then(answer) {
        Ok(answer) => json!(answer),
        Err(e) => invalid_line(&e),
    })?;
    Ok(())
}
