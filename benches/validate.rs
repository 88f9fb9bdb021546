//! `cargo bench --bench validate`: validation of each test case from JSON text to JSON text (what
//! the CLI and the wasm boundary do per call).

mod support;

use complaint_rules::engine::ValidateOptions;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let opts = ValidateOptions { now: support::now(), pack: None };
    let mut group = c.benchmark_group("validate");
    for (name, json) in support::cases() {
        group.bench_function(name, |b| {
            b.iter(|| serde_json::to_string(&engine.validate_str(&json, &opts).unwrap()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
