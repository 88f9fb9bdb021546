//! Command-line parsing and dispatch; one module per subcommand.

mod jsonl;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Rules engine for consumer complaints and e-commerce disputes.
#[derive(Parser)]
#[command(name = "complaint-rules", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate JSON lines of cases from stdin; one JSON line of results per case on stdout.
    Validate(validate::Args),
    /// Print the case JSON Schema (the same file as pkg/case.schema.json).
    Schema,
}

/// Parses the arguments and runs the subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Schema => schema::run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("complaint-rules: {e}");
            ExitCode::FAILURE
        }
    }
}
