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
#[cfg(feature = "full")]
pub mod classify;
#[cfg(feature = "full")]
pub mod deadline;
// The form build (without the `full` feature) keeps only the finding codes of the modules it
// leaves out: a pack's messages for them are still checked (src/pack/placeholders.rs).
#[cfg(not(feature = "full"))]
pub mod deadline {
    //! The deadline finding codes (the form build: no timeline).
    #[path = "codes.rs"]
    pub mod codes;
}
#[cfg(not(feature = "full"))]
pub mod handling {
    //! The handling finding codes (the form build: no handling checks).
    #[path = "codes.rs"]
    pub mod codes;
}
#[cfg(not(feature = "full"))]
pub mod preview {
    //! The preview finding codes (the form build: no preview).
    #[path = "codes.rs"]
    pub mod codes;
}
#[cfg(not(feature = "full"))]
pub mod rule_change {
    //! The rule-change finding codes (the form build: no rule-change checks).
    #[path = "codes.rs"]
    pub mod codes;
}
pub mod engine;
pub mod error;
pub mod finding;
#[cfg(feature = "full")]
pub mod handling;
pub mod ids;
#[cfg(feature = "full")]
pub mod impact;
pub mod money;
pub mod options;
pub mod pack;
#[cfg(feature = "full")]
pub mod preview;
#[cfg(feature = "full")]
pub mod rule_change;
pub mod session;
pub mod supplement;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::Engine;
