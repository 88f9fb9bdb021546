//! `cargo bench --bench startup`: what a first `Engine::new()` costs, and its parts — the typed
//! read of every embedded pack's compiled document (what `Engine::new` does), the checked load a
//! pack given at run time goes through (parse via a JSON tree + every semantic check), and the
//! first classification (which compiles the lexicon automata and the model on first use).

mod support;

use complaint_rules::classify::ClassifyInput;
use complaint_rules::engine::Options;
use complaint_rules::pack::{embedded, load};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("engine_new", |b| b.iter(support::engine));
    let documents: Vec<&str> = embedded::ids().map(|id| embedded::document(id).unwrap()).collect();
    group.bench_function("read_embedded_packs", |b| {
        b.iter(|| documents.iter().map(|d| load::load_embedded(d).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("load_packs_checked", |b| {
        b.iter(|| documents.iter().map(|d| load::load_pack(d).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("engine_new_and_first_classify", |b| {
        b.iter(|| {
            let engine = support::engine();
            let input = ClassifyInput::text("屏幕出现大面积坏点，联系客服要求退货");
            engine.classify(&input, &Options::default()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
