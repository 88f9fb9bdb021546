//! Command-line parsing and dispatch; one module per subcommand.

mod assess;
mod batch;
mod classify;
mod deadline;
mod handle;
mod jsonl;
mod pack_build;
mod pack_check;
mod pack_diff;
mod pack_files;
mod pack_impact;
mod rule_change;
mod schema;
mod serve;
mod staff;
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
    /// Due dates: JSON lines {"from","working_days"|"days"} in, {"due"[,"warnings"]} out.
    Deadline(deadline::Args),
    /// Check platform-rule changes (JSON lines) against notice and consultation rules.
    RuleChange(rule_change::Args),
    /// Classify complaint texts: JSON lines {"id","text",…structured} in, category, cause class,
    /// severity, flags and amounts out.
    Classify(classify::Args),
    /// Preview cases: JSON lines of cases (or {"case","handling","overrides"}) in, one preview per line out.
    Assess(assess::Args),
    /// Check handling records: JSON lines {"case","record":{"events":[...]}} in, stage, findings,
    /// next actions, timeline and route out.
    Handle(handle::Args),
    /// Policy-pack tools.
    #[command(subcommand)]
    Pack(PackCommand),
    /// The reference intake backend: accepts envelopes, re-validates natively, stores them
    /// (SQLite or PostgreSQL).
    Serve(serve::Args),
    /// Staff accounts of the intake backend.
    #[command(subcommand)]
    Staff(staff::Command),
}

/// `complaint-rules pack …`.
#[derive(Subcommand)]
enum PackCommand {
    /// Summarise the change between two pack documents as a rule change.
    Diff(pack_diff::Args),
    /// Check pack documents, manifests or pack directories: every problem, with its pointer.
    Check(pack_check::Args),
    /// Assemble a pack directory's parts (its manifest.json) into one pack document.
    Build(pack_build::Args),
    /// Which cases (JSON lines on stdin) a pack change treats differently, and a summary.
    Impact(pack_impact::Args),
}

/// Parses the arguments and runs the subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Schema => schema::run(),
        Command::Deadline(args) => deadline::run(args),
        Command::RuleChange(args) => rule_change::run(args),
        Command::Pack(PackCommand::Diff(args)) => pack_diff::run(args),
        Command::Pack(PackCommand::Check(args)) => pack_check::run(args),
        Command::Pack(PackCommand::Build(args)) => pack_build::run(args),
        Command::Pack(PackCommand::Impact(args)) => pack_impact::run(args),
        Command::Classify(args) => classify::run(args),
        Command::Assess(args) => assess::run(args),
        Command::Handle(args) => handle::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Staff(command) => staff::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("complaint-rules: {e}");
            ExitCode::FAILURE
        }
    }
}
