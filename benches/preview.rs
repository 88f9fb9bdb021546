//! `cargo bench --bench preview`: the full preview of each test case, JSON text in, JSON text out,
//! with the messages in both languages and in one.

mod support;

use complaint_rules::engine::Options;
use complaint_rules::finding::Locale;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    // `preview` is the default (both languages); `preview_zh-CN` and `preview_en` format the
    // messages in one language only.
    for (group, locale) in
        [("preview", Locale::Both), ("preview_zh-CN", Locale::ZhCn), ("preview_en", Locale::En)]
    {
        let opts = Options { locale, ..Options::at(support::now()) };
        let mut group = c.benchmark_group(group);
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
