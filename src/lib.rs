//! # complaint-rules
//!
//! A rules engine for consumer complaints and e-commerce transaction disputes (投诉 / 交易纠纷).
//! The core is pure — JSON in, JSON out, no clock, no I/O — and runs the same natively and in
//! WebAssembly. Every rule reads its thresholds, lists, messages and clause citations from a
//! policy pack ([`pack`]).
//!
//! ```
//! use complaint_rules::engine::{parse_time, Engine, Options};
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2026-11-23T10:00:00+08:00")?;
//! let opts = Options::at(now); // every call takes the same options ([`options`])
//! let result = engine.validate_str(r#"{"facts": "收到的手机屏幕有裂痕"}"#, &opts)?;
//! assert!(!result.problems.is_empty()); // every missing field is reported at once
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```
#![warn(missing_docs)]

pub mod calendar;
pub mod case;
pub mod classify;
pub mod deadline;
pub mod engine;
pub mod error;
pub mod finding;
pub mod handling;
pub mod ids;
pub mod impact;
pub mod money;
pub mod options;
pub mod pack;
pub mod preview;
pub mod rule_change;
pub mod session;
pub mod supplement;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::Engine;
