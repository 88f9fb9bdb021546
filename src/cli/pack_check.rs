//! `complaint-rules pack check FILE…`: checks pack documents, manifests or pack directories and
//! lists every problem at once, each with its JSON pointer, its part file and a message in
//! zh-CN and en (`--json` for one JSON report per file). Exit status 1 when any pack is invalid.

use std::path::PathBuf;

use complaint_rules::pack::report::{check_document, check_parts, Report};

use super::pack_files::PackFiles;

/// Arguments of `pack check`.
#[derive(clap::Args)]
pub struct Args {
    /// Pack documents, manifest.json files or directories with a manifest.json.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// One JSON line per file ({"file", "report": {"id", "version", "problems"}}) instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut invalid = 0usize;
    for file in &args.files {
        let report = match PackFiles::read(file)? {
            PackFiles::Document(text) => check_document(&text),
            PackFiles::Parts { id, parts } => check_parts(&id, &parts),
        };
        invalid += usize::from(!report.ok());
        if args.json {
            let line = serde_json::json!({"file": file.display().to_string(), "report": report});
            println!("{line}");
        } else {
            print_text(&file.display().to_string(), &report);
        }
    }
    if invalid > 0 {
        return Err(format!("{invalid} 个规则包无效 / {invalid} invalid pack(s)").into());
    }
    Ok(())
}

fn print_text(file: &str, report: &Report) {
    let name = format!(
        "{} {}",
        report.id.as_deref().unwrap_or("?"),
        report.version.as_deref().unwrap_or("?")
    );
    if report.ok() {
        println!("{file}: 通过 / ok ({name})");
        return;
    }
    let n = report.problems.len();
    println!("{file}: {n} 处问题 / {n} problem(s) ({name})");
    for p in &report.problems {
        let at = if p.path.is_empty() { "/" } else { p.path.as_str() };
        match &p.part {
            Some(part) => println!("  {at}  [{part}]"),
            None => println!("  {at}"),
        }
        println!("    zh: {}", p.message.zh);
        println!("    en: {}", p.message.en);
    }
}
