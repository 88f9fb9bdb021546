//! `cargo bench --bench validate`: validation of each test case from JSON text to JSON text (what
//! the CLI and the wasm boundary do per call), with the messages in both languages and in one.

mod support;

use complaint_rules::engine::Options;
use complaint_rules::finding::Locale;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    // `validate` is the default (both languages); `validate_zh-CN` and `validate_en` format the
    // messages in one language only.
    for (group, locale) in
        [("validate", Locale::Both), ("validate_zh-CN", Locale::ZhCn), ("validate_en", Locale::En)]
    {
        let opts = Options { locale, ..Options::at(support::now()) };
        let mut group = c.benchmark_group(group);
        for (name, json) in support::cases() {
            group.bench_function(name, |b| {
                b.iter(|| {
                    serde_json::to_string(&engine.validate_str(&json, &opts).unwrap()).unwrap()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
