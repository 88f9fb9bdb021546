//! `cargo bench --bench deadlines`: the timeline of each case in tests/cases/deadlines/timelines.jsonl.

mod support;

use complaint_rules::calendar::Calendar;
use complaint_rules::deadline::{timeline, CaseTimes};
use complaint_rules::engine::parse_time;
use complaint_rules::finding::Locale;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let lines = std::fs::read_to_string("tests/cases/deadlines/timelines.jsonl").unwrap();
    let cases: Vec<(CaseTimes, chrono::DateTime<chrono::FixedOffset>)> = lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let now = parse_time("now", v["now"].as_str().unwrap()).unwrap();
            (CaseTimes::from_json(&v["times"].to_string()).unwrap(), now)
        })
        .collect();
    c.bench_function("deadlines/timelines", |b| {
        b.iter(|| {
            for (times, now) in &cases {
                let pack = engine.pack(None, now.date_naive()).unwrap();
                let cal = Calendar::for_pack(&pack).unwrap();
                serde_json::to_string(&timeline(&pack, &cal, times, (*now, Locale::Both)).unwrap())
                    .unwrap();
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
