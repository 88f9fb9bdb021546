//! `cargo bench --bench classify`: classification of a short and a long complaint text.

mod support;

use complaint_rules::classify::{ClassifyInput, ClassifyOptions};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let opts = ClassifyOptions { pack: None, day: None };
    let short = "11月3日收到的手机屏幕有裂痕，联系客服三天无人处理，要求全额退款。";
    let long = short.repeat(20);
    let mut group = c.benchmark_group("classify");
    for (name, text) in [("short", short.to_string()), ("long", long)] {
        let input = ClassifyInput::text(&text);
        group.bench_function(name, |b| {
            b.iter(|| serde_json::to_string(&engine.classify(&input, &opts).unwrap()).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
