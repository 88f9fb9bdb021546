//! Parallel JSON-lines batches for `assess`, `handle`, `validate` and `classify`: stdin is read
//! in chunks (constant memory: a bounded number of chunks is in flight), worker threads map each
//! line to its result (serialised straight from its type), and the results are written in input order. A progress bar is drawn
//! on stderr only when stderr is a terminal; a summary (counts by status and category, elapsed,
//! rate) is written to stderr at the end.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

/// Lines per unit of work: large enough to amortise the channel hand-offs.
const CHUNK: usize = 256;

/// The `--jobs` option shared by the batch subcommands.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Jobs {
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

impl Jobs {
    /// The number of worker threads: `--jobs`, or one per core.
    pub fn count(self) -> usize {
        self.jobs.filter(|n| *n > 0).unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
    }
}

/// A batch result line: written as JSON straight from its own type, and counted in the summary.
pub trait Tallied: Serialize {
    /// The `status` the summary counts (`ok` when the result has none, as a classification).
    fn status(&self) -> &str;
    /// The category id the summary counts, when the result has one.
    fn category(&self) -> Option<&str>;
}

/// A result built as a JSON tree (the subcommands whose lines are assembled from several parts).
impl Tallied for Value {
    fn status(&self) -> &str {
        self.get("status").and_then(Value::as_str).unwrap_or("ok")
    }

    /// A preview's `classification.category.id` or a classification's `category.id`.
    fn category(&self) -> Option<&str> {
        self.pointer("/classification/category/id")
            .or_else(|| self.pointer("/category/id"))
            .and_then(Value::as_str)
    }
}

/// What the summary counts: lines per `status` and per category.
#[derive(Debug, Default)]
struct Tally {
    lines: u64,
    statuses: HashMap<String, u64>,
    categories: HashMap<String, u64>,
}

impl Tally {
    /// Counts one result line: its status and its category.
    fn count(&mut self, result: &impl Tallied) {
        self.lines += 1;
        add_one(&mut self.statuses, result.status());
        if let Some(id) = result.category() {
            add_one(&mut self.categories, id);
        }
    }

    fn merge(&mut self, other: Tally) {
        self.lines += other.lines;
        for (k, v) in other.statuses {
            *self.statuses.entry(k).or_default() += v;
        }
        for (k, v) in other.categories {
            *self.categories.entry(k).or_default() += v;
        }
    }

    /// The summary text.
    fn report(&self, name: &str, elapsed: Duration, jobs: usize) -> String {
        let secs = elapsed.as_secs_f64();
        let rate = if secs > 0.0 { self.lines as f64 / secs } else { 0.0 };
        let sorted = |m: &HashMap<String, u64>| {
            let mut v: Vec<(&String, &u64)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
        };
        let mut out = format!(
            "complaint-rules {name}: {} lines in {secs:.2} s ({rate:.0} lines/s, {jobs} jobs, {:.0} lines/s per job)\n",
            self.lines,
            rate / jobs as f64
        );
        out.push_str(&format!("  status: {}\n", sorted(&self.statuses)));
        if !self.categories.is_empty() {
            out.push_str(&format!("  categories: {}\n", sorted(&self.categories)));
        }
        out
    }
}

/// Adds one to the count of `key` (allocating the key only the first time it is seen).
fn add_one(counts: &mut HashMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

/// A chunk of input lines and its position in the input.
type Work = (u64, Vec<String>);
/// A chunk's output (JSON lines, newline-terminated) and its tally.
type Done = (u64, io::Result<Vec<u8>>, Tally);

/// Maps every non-empty line of stdin through `f` on `jobs` threads and writes the results to
/// stdout as JSON lines, in input order; then writes the summary of subcommand `name` to stderr.
pub fn run<T: Tallied>(name: &str, jobs: Jobs, f: impl Fn(&str) -> T + Sync) -> io::Result<()> {
    let jobs = jobs.count();
    let started = Instant::now();
    let progress = progress_bar();
    let (work_tx, work_rx) = sync_channel::<Work>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<Done>(jobs * 2);
    let work_rx = Mutex::new(work_rx);
    let tally = std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_chunks(work_tx));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (work_rx, f) = (&work_rx, &f);
            scope.spawn(move || work(work_rx, &done_tx, f));
        }
        drop(done_tx);
        let written = write_in_order(&done_rx, progress.as_ref());
        // Dropping the receiver stops the reader and workers if writing failed early.
        drop(done_rx);
        let read = reader.join().unwrap_or_else(|_| Err(io::Error::other("reader thread failed")));
        read.and(written)
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    eprint!("{}", tally.report(name, started.elapsed(), jobs));
    Ok(())
}

/// Reads stdin into chunks of non-empty lines, numbered in order.
fn read_chunks(work_tx: std::sync::mpsc::SyncSender<Work>) -> io::Result<()> {
    let mut seq = 0;
    let mut chunk = Vec::with_capacity(CHUNK);
    for line in io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        chunk.push(line);
        if chunk.len() == CHUNK {
            if work_tx
                .send((seq, std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))))
                .is_err()
            {
                return Ok(());
            }
            seq += 1;
        }
    }
    if !chunk.is_empty() {
        // A closed channel means the writer stopped; its error is reported there.
        let _ = work_tx.send((seq, chunk));
    }
    Ok(())
}

/// A worker: takes chunks until the input ends, maps and serialises each line.
fn work<T: Tallied>(
    work_rx: &Mutex<Receiver<Work>>,
    done_tx: &std::sync::mpsc::SyncSender<Done>,
    f: &(impl Fn(&str) -> T + Sync),
) {
    loop {
        let next = match work_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, lines)) = next else { return };
        let mut tally = Tally::default();
        let mut out = Vec::with_capacity(lines.len() * 512);
        let written: io::Result<()> = lines.iter().try_for_each(|line| {
            let result = f(line);
            tally.count(&result);
            serde_json::to_writer(&mut out, &result)?;
            out.push(b'\n');
            Ok(())
        });
        if done_tx.send((seq, written.map(|()| out), tally)).is_err() {
            return;
        }
    }
}

/// Writes finished chunks to stdout in input order; returns the merged tally.
fn write_in_order(
    done_rx: &Receiver<Done>,
    progress: Option<&indicatif::ProgressBar>,
) -> io::Result<Tally> {
    let mut stdout = io::stdout().lock();
    let mut pending: BTreeMap<u64, (io::Result<Vec<u8>>, Tally)> = BTreeMap::new();
    let mut next = 0;
    let mut total = Tally::default();
    for (seq, out, tally) in done_rx {
        pending.insert(seq, (out, tally));
        while let Some((out, tally)) = pending.remove(&next) {
            stdout.write_all(&out?)?;
            if let Some(bar) = progress {
                bar.inc(tally.lines);
            }
            total.merge(tally);
            next += 1;
        }
    }
    stdout.flush()?;
    Ok(total)
}

/// A spinner with a count and rate on stderr, or `None` when stderr is not a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {human_pos} lines, {per_sec}, {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
