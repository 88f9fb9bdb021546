//! `cargo bench --bench preview`: the full preview of each test case, JSON text in, JSON text out.

mod support;

use complaint_rules::preview::PreviewOptions;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let opts = PreviewOptions::at(support::now());
    let mut group = c.benchmark_group("preview");
    for (name, json) in support::cases() {
        group.bench_function(name, |b| {
            b.iter(|| {
                let case = serde_json::from_str(&json).unwrap();
                serde_json::to_string(&engine.preview(case, &opts).unwrap()).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
