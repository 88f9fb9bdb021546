//! `complaint-rules pack build DIR`: assembles a pack's parts (as its `manifest.json` lists
//! them) into one pack document on stdout, after checking it; the problems go to stderr and the
//! exit status is 1 when the pack is invalid.

use std::path::PathBuf;

use complaint_rules::pack::report::{check_document, Problem};

use super::pack_files::PackFiles;

/// Arguments of `pack build`.
#[derive(clap::Args)]
pub struct Args {
    /// A directory with a manifest.json, or the manifest itself.
    dir: PathBuf,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let document = PackFiles::read(&args.dir)?.document().map_err(|e| e.to_string())?;
    let report = check_document(&document);
    if !report.ok() {
        let lines: Vec<String> = report.problems.iter().map(line).collect();
        return Err(format!("规则包无效 / invalid pack:\n{}", lines.join("\n")).into());
    }
    println!("{document}");
    Ok(())
}

fn line(p: &Problem) -> String {
    format!("  {} {} / {}", p.path, p.message.zh, p.message.en)
}
