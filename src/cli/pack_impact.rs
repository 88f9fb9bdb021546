//! `complaint-rules pack impact --old A --new B [--now T]`: JSON lines of cases on stdin (the
//! archive, or generated cases); one JSON line on stdout per case the new pack treats
//! differently (status, problems, category, severity, route, deadlines, with the rules
//! responsible), then one summary line `{"summary": …}`. A pack is a document, a manifest or a
//! pack directory. Cases are spread over worker threads; the output keeps input order.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;

use complaint_rules::impact::{CaseImpact, Impact, Summary};
use serde_json::{json, Value};

use super::batch::Jobs;
use super::jsonl::now_or_clock;
use super::pack_files::PackFiles;

/// Arguments of `pack impact`.
#[derive(clap::Args)]
pub struct Args {
    /// The pack in force (document, manifest.json or pack directory).
    #[arg(long)]
    old: PathBuf,
    /// The draft (document, manifest.json or pack directory).
    #[arg(long)]
    new: PathBuf,
    /// Evaluation time, RFC 3339 (default: the system clock).
    #[arg(long)]
    now: Option<String>,
    #[command(flatten)]
    jobs: Jobs,
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let old = PackFiles::read(&args.old)?.document()?;
    let new = PackFiles::read(&args.new)?.document()?;
    let impact = Impact::new(&old, &new, now_or_clock(args.now.as_deref())?)
        .map_err(|e| serde_json::to_string(&e.report()).unwrap_or_else(|_| e.to_string()))?;
    let lines: Vec<String> = io::stdin()
        .lock()
        .lines()
        .filter(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .collect::<io::Result<_>>()?;
    let jobs = args.jobs.count().max(1);
    let chunk = lines.len().div_ceil(jobs).max(1);
    let results: Vec<(Vec<CaseImpact>, Summary)> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let impact = &impact;
                scope.spawn(move || run_chunk(impact, n * chunk, part))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    for (impacts, part) in results {
        for i in impacts {
            serde_json::to_writer(&mut out, &i)?;
            out.write_all(b"\n")?;
        }
        summary.merge(part);
    }
    serde_json::to_writer(&mut out, &json!({ "summary": summary }))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// The impacts of the cases `first..` of one chunk of input lines. A line that is not JSON
/// reaches both packs as a string, which both refuse alike.
fn run_chunk(impact: &Impact, first: usize, lines: &[String]) -> (Vec<CaseImpact>, Summary) {
    impact.run(
        first,
        lines.iter().map(|l| serde_json::from_str(l).unwrap_or_else(|_| Value::String(l.clone()))),
    )
}
