//! What one keystroke through a live-form session costs natively (issue 20: the session path):
//! the shipped natural-person ecommerce case, the mobile number typed one digit at a time (as
//! `benches/session.rs` and `make bench` do), counted in allocations per `Session::set`, and run
//! under callgrind for instructions.
//!
//! ```text
//! cargo run --profile fast --example keystroke_cost                 # allocations per keystroke
//! cargo build --profile fast --example keystroke_cost
//! valgrind --tool=callgrind target/fast/examples/keystroke_cost 11000   # instructions: run it with
//!     1100 and with 11000 keystrokes and divide the difference by 9900 (start-up cancels out)
//! ```

use std::alloc::System;

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::session::Session;
use serde_json::{json, Value};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The shipped natural-person ecommerce case.
const CASE: &str = include_str!("../tests/cases/base/natural_ecommerce.json");

fn main() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    let case: Value = serde_json::from_str(CASE).unwrap();
    let mut session = Session::new(&engine, case, Options::at(now)).unwrap();
    let typed: Vec<Value> = (1..=11).map(|n| json!("13812341234"[..n])).collect();
    let calls = std::env::args().nth(1).map_or(11_000, |n| n.parse::<usize>().unwrap());
    let region = Region::new(GLOBAL);
    for i in 0..calls {
        let change = session.set("/complainant/mobile", typed[i % typed.len()].clone()).unwrap();
        std::hint::black_box(serde_json::to_string(&change).unwrap());
    }
    if std::env::args().nth(1).is_none() {
        let stats = region.change();
        println!(
            "{calls} keystrokes: {:.1} allocations and {:.0} bytes allocated per keystroke (answer's JSON text included)",
            stats.allocations as f64 / calls as f64,
            stats.bytes_allocated as f64 / calls as f64
        );
    }
}
