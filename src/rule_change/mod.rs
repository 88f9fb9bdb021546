//! Platform-rule changes (SPEC §2.3; Order 116 Art. 10–15, E-Commerce Law Art. 34, S001 五):
//! the notice / consultation / transition / history / exit check, and `pack diff`, which turns
//! two versions of a pack into a change the check can take.
//!
//! ```
//! use complaint_rules::engine::Engine;
//! use complaint_rules::finding::Locale;
//! use complaint_rules::rule_change::{check, RuleChange};
//! let engine = Engine::new()?;
//! let pack = engine.pack(None, chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default())?;
//! let change: RuleChange = serde_json::from_str(r#"{
//!     "published_at": "2026-03-01T10:00:00+08:00", "effective_at": "2026-03-05T00:00:00+08:00"
//! }"#).map_err(|e| complaint_rules::error::EngineError::Json { path: String::new(), detail: e.to_string() })?;
//! assert!(check(&pack, &change, Locale::Both)?.iter().any(|f| f.code == "rule_change.notice_short"));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

mod check;
pub mod codes;
pub mod diff;
pub mod input;
pub mod policy;

pub use check::check;
pub use diff::diff_packs;
pub use input::{Change, ChangeKind, Consultation, Exit, Flags, History, RuleChange};
pub use policy::{NoticeCounting, RuleChangeClauses, RuleChangePolicy, Trigger};
