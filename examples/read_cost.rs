//! What reading a case costs natively, step by step (issue 20: what a reader without the JSON
//! tree would save): the JSON parsed and thrown away (the floor any reader pays), parsed into a
//! `serde_json::Value` tree, into the normalised tree the engine builds, the typed case read
//! straight from the text (what a reader without the tree would cost before its normalising and
//! shape check), and the engine's read: the normalised tree plus the shape check and the typed
//! read. Median of five rounds, µs per case, cases as JSON lines on
//! stdin.
//!
//! ```text
//! cargo run --release --example gen_cases -- --n 5000 --seed 42 > /tmp/cases.jsonl
//! cargo run --release --example read_cost < /tmp/cases.jsonl
//! ```

use std::io::Read;
use std::time::Instant;

use complaint_rules::case::read::read_normalized;
use complaint_rules::case::{schema, Case};
use serde::de::IgnoredAny;
use serde_json::Value;

/// One way of reading a case: its name and the work done on each line.
type Step<'a> = (&'a str, &'a dyn Fn(&str));

/// Median over five rounds of `step` applied to every line, in µs per line.
fn per_case(lines: &[&str], step: impl Fn(&str)) -> f64 {
    let mut rounds: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            lines.iter().for_each(|line| step(line));
            start.elapsed().as_secs_f64() * 1e6 / lines.len().max(1) as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[2]
}

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let compiled = schema::compiled().unwrap();
    let steps: [Step; 5] = [
        ("parsed and thrown away (IgnoredAny)", &|l| {
            serde_json::from_str::<IgnoredAny>(l).unwrap();
        }),
        ("parsed into a Value tree", &|l| {
            serde_json::from_str::<Value>(l).unwrap();
        }),
        ("parsed into the normalised tree (the engine's read)", &|l| {
            read_normalized(l).unwrap();
        }),
        (
            "typed case straight from the text (serde's derive: no normalising, no shape check)",
            &|l| {
                serde_json::from_str::<Case>(l).unwrap();
            },
        ),
        ("normalised tree + shape check + typed read", &|l| {
            let tree = read_normalized(l).unwrap();
            let mut problems = Vec::new();
            schema::check(compiled, &tree, &schema::Path::Root, &mut problems);
            Case::from_json(&tree).unwrap();
        }),
    ];
    println!("{} cases, median of 5 rounds", lines.len());
    for (name, step) in steps {
        println!("{:>8.2} µs  {name}", per_case(&lines, step));
    }
}
