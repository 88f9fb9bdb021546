//! `cargo bench --bench session`: one keystroke through a session (`set` of the mobile number,
//! cycling through what a user types) against validating the whole case again.

mod support;

use complaint_rules::engine::Options;
use complaint_rules::session::Session;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

fn bench(c: &mut Criterion) {
    let engine = support::engine();
    let (_, json) = support::cases().swap_remove(0);
    let case: Value = serde_json::from_str(&json).unwrap();
    let typed: Vec<Value> = (1..=11).map(|n| json!("13812341234"[..n])).collect();
    let mut group = c.benchmark_group("keystroke");
    let mut session = Session::new(&engine, case.clone(), Options::at(support::now())).unwrap();
    let mut i = 0;
    group.bench_function("session_set", |b| {
        b.iter(|| {
            i += 1;
            session.set("/complainant/mobile", typed[i % typed.len()].clone()).unwrap()
        })
    });
    let opts = Options::at(support::now());
    let mut doc = case;
    group.bench_function("full_validate", |b| {
        b.iter(|| {
            i += 1;
            doc["complainant"]["mobile"] = typed[i % typed.len()].clone();
            engine.validate_value(doc.clone(), &opts).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
