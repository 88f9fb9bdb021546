//! `cargo bench --bench classify`: classification of a short, a 300-character and a long
//! complaint text with the shipped pack (lexicon + learned model), and the 300-character text
//! with the lexicon alone (the same pack without its model), so the model's cost shows.

mod support;

use complaint_rules::classify::{classify, ClassifyInput};
use complaint_rules::engine::Options;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let opts = Options::default();
    let short = "11月3日收到的手机屏幕有裂痕，联系客服三天无人处理，要求全额退款。";
    let chars300: String = short.repeat(10).chars().take(300).collect();
    let long = short.repeat(20);
    let mut group = c.benchmark_group("classify");
    for (name, text) in
        [("short", short.to_string()), ("300 chars", chars300.clone()), ("long", long)]
    {
        let input = ClassifyInput::text(&text);
        group.bench_function(name, |b| {
            b.iter(|| serde_json::to_string(&engine.classify(&input, &opts).unwrap()).unwrap())
        });
    }
    let mut lexicon_only = (*engine.pack(None, chrono::NaiveDate::MAX).unwrap()).clone();
    lexicon_only.classify = lexicon_only.classify.as_ref().map(|c| c.with_model(None));
    let input = ClassifyInput::text(&chars300);
    group.bench_function("300 chars, lexicon only", |b| {
        b.iter(|| serde_json::to_string(&classify(&lexicon_only, &input).unwrap()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
