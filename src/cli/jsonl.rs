//! JSON-lines plumbing shared by the batch subcommands: read stdin line by line, write one JSON
//! line per input line, keep going on bad lines.

use std::io::{self, BufRead, BufWriter, Write};

use chrono::{DateTime, FixedOffset, Utc};
use complaint_rules::engine::{china_offset, parse_time};
use complaint_rules::error::{EngineError, ErrorReport};
use complaint_rules::finding::Locale;
use serde::Serialize;
use serde_json::Value;

use super::batch::Tallied;

/// The `--locale` option of the subcommands that write findings (for `assess` also the language
/// of the rendering: zh-CN when both).
#[derive(clap::Args)]
pub struct LocaleArg {
    /// Language(s) of the findings' messages: zh-CN, en or both (the default).
    #[arg(long)]
    locale: Option<String>,
}

impl LocaleArg {
    /// The locale asked for: both languages when the option is absent.
    pub fn locale(&self) -> Result<Locale, EngineError> {
        self.locale.as_deref().map_or(Ok(Locale::Both), |text| {
            text.parse().map_err(|e| match e {
                EngineError::Option { detail, .. } => {
                    EngineError::Option { name: "--locale".into(), detail }
                }
                other => other,
            })
        })
    }
}

/// The `--pack` and `--now` options of the subcommands that evaluate at a time: the pack id
/// (default: ecommerce) and the time that picks the pack version in force.
#[derive(clap::Args)]
pub struct PackAt {
    /// Pack id (default: ecommerce).
    #[arg(long)]
    pub pack: Option<String>,
    /// Evaluation time, RFC 3339; picks the pack version in force (default: the system clock).
    #[arg(long)]
    pub now: Option<String>,
}

impl PackAt {
    /// The evaluation time: `--now`, or the system clock.
    pub fn now(&self) -> Result<DateTime<FixedOffset>, EngineError> {
        now_or_clock(self.now.as_deref())
    }
}

/// The `--now` option, or the system clock (the CLI is the only place that reads it).
pub fn now_or_clock(now: Option<&str>) -> Result<DateTime<FixedOffset>, EngineError> {
    match now {
        Some(text) => parse_time("--now", text),
        None => Ok(Utc::now().with_timezone(&china_offset())),
    }
}

/// A JSON (de)serialisation error of one input line, as the engine's typed error.
pub fn json_error(e: serde_json::Error) -> EngineError {
    EngineError::Json { path: format!("column {}", e.column()), detail: e.to_string() }
}

/// The line written for input that could not be processed: `{"status": "invalid", "error"}`.
#[derive(Serialize)]
pub struct InvalidLine {
    status: &'static str,
    error: ErrorReport,
}

impl InvalidLine {
    /// The line for `error`.
    pub fn new(error: &EngineError) -> InvalidLine {
        InvalidLine { status: "invalid", error: error.report() }
    }
}

/// The line written for input that could not be processed, as a JSON tree (for the subcommands
/// that assemble their lines from several parts).
pub fn invalid_line(error: &EngineError) -> Value {
    serde_json::to_value(InvalidLine::new(error)).unwrap_or_default()
}

/// A line's typed result, or the line written for input that could not be processed; written
/// straight from the types, without a JSON tree.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Outcome<T> {
    /// The result.
    Done(T),
    /// The input could not be processed.
    Invalid(InvalidLine),
}

impl<T> From<Result<T, EngineError>> for Outcome<T> {
    fn from(result: Result<T, EngineError>) -> Outcome<T> {
        match result {
            Ok(done) => Outcome::Done(done),
            Err(e) => Outcome::Invalid(InvalidLine::new(&e)),
        }
    }
}

impl<T: Tallied> Tallied for Outcome<T> {
    fn status(&self) -> &str {
        match self {
            Outcome::Done(done) => done.status(),
            Outcome::Invalid(line) => line.status,
        }
    }

    fn category(&self) -> Option<&str> {
        match self {
            Outcome::Done(done) => done.category(),
            Outcome::Invalid(_) => None,
        }
    }
}

/// Applies `f` to every non-empty line of stdin and writes its result as one JSON line.
pub fn map_lines(mut f: impl FnMut(&str) -> Value) -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        serde_json::to_writer(&mut out, &f(&line))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
