//! The classification evaluation report (issue 4): runs `classify` over the labelled set in
//! `tests/eval/complaints.jsonl` and writes `docs/eval.md` with, for the held-out test split of
//! each pack, top-1 / top-2 category accuracy, per-category precision and recall, the confusion
//! matrix, cause-class, severity and flag accuracy, and accuracy on the hard cases.
//!
//! The split is fixed by the text alone: per pack, texts are ranked by the FNV-1a 64 hash of their
//! UTF-8 bytes and the first ⌈30 %⌉ are the test split. The runner recomputes it and refuses a
//! file whose `split` fields disagree.
//!
//! ```text
//! cargo run --release --example eval                  # writes docs/eval.md, prints it
//! cargo run --release --example eval -- --errors train # lists the train split's mistakes (tuning)
//! ```
//! Tuning looks only at the train split: `--errors` refuses `test`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Instant;

use complaint_rules::classify::{Classification, ClassifyInput, ClassifyOptions, Level};
use complaint_rules::engine::Engine;
use serde::Deserialize;

const DATA: &str = "tests/eval/complaints.jsonl";
const REPORT: &str = "docs/eval.md";
const PACKS: &[&str] = &["ecommerce", "trading-member"];

#[derive(Debug, Deserialize)]
struct Labelled {
    text: String,
    pack: String,
    category: String,
    cause_class: String,
    severity: String,
    flags: Vec<String>,
    #[serde(default)]
    hard: Option<String>,
    split: String,
}

struct Outcome<'a> {
    item: &'a Labelled,
    result: Classification,
}

impl Outcome<'_> {
    fn top1(&self) -> bool {
        self.result.category.id == self.item.category
    }
    fn top2(&self) -> bool {
        self.top1() || self.result.runners_up.first().is_some_and(|r| r.id == self.item.category)
    }
    fn severity(&self) -> &'static str {
        match self.result.severity.level {
            Level::Major => "major",
            Level::General => "general",
        }
    }
    fn flags(&self) -> Vec<String> {
        self.result
            .flags
            .iter()
            .map(|f| f.id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

fn fnv1a(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The split each text must have: per pack, the ⌈30 %⌉ lowest hashes are `test`.
fn check_split(items: &[Labelled]) -> Result<(), String> {
    for pack in PACKS {
        let mut of_pack: Vec<&Labelled> = items.iter().filter(|i| i.pack == *pack).collect();
        of_pack.sort_by_key(|i| fnv1a(&i.text));
        let test = (of_pack.len() * 3).div_ceil(10);
        for (rank, item) in of_pack.iter().enumerate() {
            let want = if rank < test { "test" } else { "train" };
            if item.split != want {
                return Err(format!(
                    "{:?} is labelled {} but its hash puts it in {want}",
                    item.text, item.split
                ));
            }
        }
    }
    Ok(())
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / d as f64)
    }
}

fn count(outcomes: &[&Outcome<'_>], f: impl Fn(&Outcome<'_>) -> bool) -> usize {
    outcomes.iter().filter(|o| f(o)).count()
}

fn summary(out: &mut String, outcomes: &[&Outcome<'_>]) {
    let n = outcomes.len();
    let rows = [
        ("category top-1", count(outcomes, |o| o.top1())),
        ("category top-2", count(outcomes, |o| o.top2())),
        ("cause class", count(outcomes, |o| o.result.cause_class.id == o.item.cause_class)),
        ("severity (major/general)", count(outcomes, |o| o.severity() == o.item.severity)),
        ("flags (exact set)", count(outcomes, |o| o.flags() == o.item.flags)),
    ];
    let _ = writeln!(out, "| measure | correct | accuracy |\n|---|---:|---:|");
    for (name, ok) in rows {
        let _ = writeln!(out, "| {name} | {ok} / {n} | {} |", pct(ok, n));
    }
}

fn per_category(out: &mut String, outcomes: &[&Outcome<'_>], ids: &[String]) {
    let _ = writeln!(out, "| category | n | precision | recall |\n|---|---:|---:|---:|");
    for id in ids {
        let truth = count(outcomes, |o| o.item.category == *id);
        let predicted = count(outcomes, |o| o.result.category.id == *id);
        let hit = count(outcomes, |o| o.item.category == *id && o.top1());
        let _ = writeln!(out, "| {id} | {truth} | {} | {} |", pct(hit, predicted), pct(hit, truth));
    }
}

fn confusion(out: &mut String, outcomes: &[&Outcome<'_>], ids: &[String]) {
    let _ = writeln!(out, "Rows: labelled category; columns: predicted (by index).\n");
    let head: Vec<String> = (0..ids.len()).map(|i| i.to_string()).collect();
    let _ = writeln!(out, "| # | labelled \\ predicted | {} |", head.join(" | "));
    let _ = writeln!(out, "|---|---|{}", "---:|".repeat(ids.len()));
    for (r, row) in ids.iter().enumerate() {
        let cells: Vec<String> = ids
            .iter()
            .map(|col| {
                let c =
                    count(outcomes, |o| o.item.category == *row && o.result.category.id == *col);
                if c == 0 {
                    "·".into()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let _ = writeln!(out, "| {r} | {row} | {} |", cells.join(" | "));
    }
}

fn flag_table(out: &mut String, outcomes: &[&Outcome<'_>]) {
    let _ = writeln!(
        out,
        "| flag | labelled | raised | precision | recall |\n|---|---:|---:|---:|---:|"
    );
    for flag in ["litigation_risk", "police"] {
        let truth = count(outcomes, |o| o.item.flags.iter().any(|f| f == flag));
        let raised = count(outcomes, |o| o.flags().iter().any(|f| f == flag));
        let both = count(outcomes, |o| {
            o.item.flags.iter().any(|f| f == flag) && o.flags().iter().any(|f| f == flag)
        });
        let _ = writeln!(
            out,
            "| {flag} | {truth} | {raised} | {} | {} |",
            pct(both, raised),
            pct(both, truth)
        );
    }
}

fn hard_table(out: &mut String, outcomes: &[&Outcome<'_>]) {
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        if let Some(kind) = o.item.hard.as_deref() {
            let e = kinds.entry(kind).or_default();
            e.0 += 1;
            e.1 += usize::from(o.top1());
        }
    }
    let _ = writeln!(out, "| hard-case kind | n | top-1 |\n|---|---:|---:|");
    for (kind, (n, ok)) in kinds {
        let _ = writeln!(out, "| {kind} | {n} | {} |", pct(ok, n));
    }
}

fn report(engine: &Engine, outcomes: &[Outcome<'_>], items: &[Labelled]) -> String {
    let mut out = String::new();
    let (tests, total) =
        (count(&outcomes.iter().collect::<Vec<_>>(), |o| o.item.split == "test"), items.len());
    let _ = writeln!(
        out,
        "# Classification evaluation\n\nGenerated by `cargo run --release --example eval` (`make eval`) from `{DATA}`: {total} labelled \
         complaint texts, {tests} of them in the held-out **test** split.\n\n\
         **The split.** Per pack, texts are ranked by the FNV-1a 64 hash of their UTF-8 bytes; the first ⌈30 %⌉ form the test split, \
         the rest the train split. The runner recomputes this and refuses a data file that disagrees. Lexicon tuning looked only at \
         the train split (`--errors train`; the runner refuses `--errors test`). All figures below are for the **test split** unless \
         marked otherwise.\n\n\
         Top-2 counts a text as right when its label is the category or the first runner-up. Flags are right when the set of raised \
         flags equals the labelled set. Hard cases are labelled with their kind (negation, two topics, passing mention, sarcasm, very \
         short, no clear category, traditional characters, mixed English).\n"
    );
    for pack in PACKS {
        let ids: Vec<String> = engine
            .pack(Some(pack), chrono::NaiveDate::MAX)
            .map(|p| p.taxonomy.categories.iter().map(|c| c.id.clone()).collect())
            .unwrap_or_default();
        let test: Vec<&Outcome<'_>> =
            outcomes.iter().filter(|o| o.item.pack == *pack && o.item.split == "test").collect();
        let train: Vec<&Outcome<'_>> =
            outcomes.iter().filter(|o| o.item.pack == *pack && o.item.split == "train").collect();
        let _ = writeln!(out, "## Pack `{pack}` — test split ({} texts)\n", test.len());
        summary(&mut out, &test);
        let _ = writeln!(out, "\n### Per category (test)\n");
        per_category(&mut out, &test, &ids);
        let _ = writeln!(out, "\n### Confusion matrix (test)\n");
        confusion(&mut out, &test, &ids);
        let _ = writeln!(out, "\n### Flags (test)\n");
        flag_table(&mut out, &test);
        let _ = writeln!(out, "\n### Hard cases (test)\n");
        hard_table(&mut out, &test);
        let _ = writeln!(out, "\n### For comparison: train split ({} texts)\n", train.len());
        summary(&mut out, &train);
        out.push('\n');
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors_split = match args.as_slice() {
        [] => None,
        [flag, split] if flag == "--errors" && split == "train" => Some("train"),
        [flag, split] if flag == "--errors" && split == "test" => {
            return Err("the test split is held out: tuning looks only at --errors train".into())
        }
        _ => return Err("usage: eval [--errors train]".into()),
    };
    let items: Vec<Labelled> = std::fs::read_to_string(DATA)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    check_split(&items)?;
    let engine = Engine::new()?;
    let started = Instant::now();
    let mut outcomes = Vec::with_capacity(items.len());
    for item in &items {
        let opts = ClassifyOptions { pack: Some(item.pack.clone()), day: None };
        let result = engine.classify(&ClassifyInput::text(item.text.clone()), &opts)?;
        outcomes.push(Outcome { item, result });
    }
    let elapsed = started.elapsed();
    if let Some(split) = errors_split {
        for o in outcomes.iter().filter(|o| o.item.split == split) {
            let wrong_flags = o.flags() != o.item.flags;
            if !o.top1()
                || o.severity() != o.item.severity
                || wrong_flags
                || o.result.cause_class.id != o.item.cause_class
            {
                println!(
                    "{} | want {} {} {} {:?} | got {} {} {} {:?} | runners {:?}",
                    o.item.text,
                    o.item.category,
                    o.item.cause_class,
                    o.item.severity,
                    o.item.flags,
                    o.result.category.id,
                    o.result.cause_class.id,
                    o.severity(),
                    o.flags(),
                    o.result.runners_up.iter().map(|r| (&r.id, r.score)).collect::<Vec<_>>()
                );
            }
        }
        return Ok(());
    }
    let text = report(&engine, &outcomes, &items);
    std::fs::create_dir_all("docs")?;
    std::fs::write(REPORT, &text)?;
    print!("{text}");
    let per_text = elapsed.as_secs_f64() * 1e6 / items.len().max(1) as f64;
    println!(
        "Classified {} texts in {:.1} ms ({per_text:.1} µs per text, this build).",
        items.len(),
        elapsed.as_secs_f64() * 1e3
    );
    println!("Wrote {REPORT}.");
    Ok(())
}
