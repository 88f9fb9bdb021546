//! What one classification costs in allocations (issue 20: classification without per-call
//! allocation churn): the bench's short, 300-character and long texts (`benches/classify.rs`)
//! classified with the shipped ecommerce pack, through a counting global allocator.
//!
//! ```text
//! cargo run --profile fast --example classify_cost             # allocations and bytes per call
//! cargo build --profile fast --example classify_cost
//! valgrind --tool=callgrind target/fast/examples/classify_cost 300 110   # instructions: run it
//!     with 10 and with 110 calls and divide the difference by 100 (start-up and the first call,
//!     which compiles the pack's automata and model, cancel out)
//! ```

use std::alloc::System;

use complaint_rules::classify::ClassifyInput;
use complaint_rules::engine::{Engine, Options};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Calls measured per text.
const CALLS: usize = 100;

/// The bench's texts: (name, text).
fn texts() -> Vec<(&'static str, String)> {
    let short = "11月3日收到的手机屏幕有裂痕，联系客服三天无人处理，要求全额退款。";
    let chars300: String = short.repeat(10).chars().take(300).collect();
    vec![("short", short.to_string()), ("300", chars300), ("long", short.repeat(20))]
}

fn main() {
    let engine = Engine::new().unwrap();
    let opts = Options::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts = texts();
    if let [name, calls] = args.as_slice() {
        // Callgrind mode: one call to compile the pack, then `calls` more, nothing printed.
        let (_, text) = texts.iter().find(|(n, _)| n == name).expect("short, 300 or long");
        let input = ClassifyInput::text(text.as_str());
        for _ in 0..=calls.parse::<usize>().unwrap() {
            std::hint::black_box(engine.classify(&input, &opts).unwrap());
        }
        return;
    }
    println!("| text | chars | allocations per call | reallocations | bytes allocated | of which the result (its clone) | + JSON text: allocations | bytes |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, text) in &texts {
        let input = ClassifyInput::text(text.as_str());
        engine.classify(&input, &opts).unwrap();
        let region = Region::new(GLOBAL);
        for _ in 0..CALLS {
            std::hint::black_box(engine.classify(&input, &opts).unwrap());
        }
        let alone = region.change();
        let region = Region::new(GLOBAL);
        for _ in 0..CALLS {
            let result = engine.classify(&input, &opts).unwrap();
            std::hint::black_box(serde_json::to_string(&result).unwrap());
        }
        let json = region.change();
        let result = engine.classify(&input, &opts).unwrap();
        let region = Region::new(GLOBAL);
        std::hint::black_box(result.clone());
        let own = region.change();
        println!(
            "| {name} | {} | {:.1} | {:.1} | {} | {} allocations, {} bytes | {:.1} | {} |",
            text.chars().count(),
            alone.allocations as f64 / CALLS as f64,
            alone.reallocations as f64 / CALLS as f64,
            alone.bytes_allocated / CALLS,
            own.allocations,
            own.bytes_allocated,
            json.allocations as f64 / CALLS as f64,
            json.bytes_allocated / CALLS,
        );
    }
}
