//! The options of every [`Engine`](crate::Engine) call — validation, preview, session, handling,
//! the calendar calls (deadlines, due dates, working-day helpers, platform-rule changes),
//! masking and classification — in one type, [`Options`]. A call reads the fields it needs and
//! ignores the others; a field left unset gets that call's own default.
//!
//! ```
//! use complaint_rules::engine::{parse_time, Engine, Options, View};
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2026-11-23T10:00:00+08:00")?;
//! let case = serde_json::json!({"facts": "收到的电视机屏幕有裂痕"});
//! // The preview defaults to the complainant's view, handling to the staff's.
//! let preview = engine.preview(case.clone(), &Options::at(now))?;
//! assert_eq!(preview.view, View::Complainant);
//! let record = serde_json::json!({"events": []});
//! let report = engine.handling(case, &record, &Options::at(now))?;
//! assert_eq!(report.view, View::Staff);
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::calendar::HolidayYear;
#[cfg(feature = "full")]
use crate::classify::Overrides;
use crate::error::EngineError;
use crate::finding::Locale;
#[cfg(feature = "full")]
use crate::preview::Handling;

/// Whose view of a result: the complainant's (their own findings, what happens next and by
/// when, no internal route) or the staff's (everything, including approval routes and the
/// handler's compliance findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// What the complainant sees.
    Complainant,
    /// What the handler's staff see.
    Staff,
}

/// The options of an engine call. Build one with [`Options::at`] (or [`Options::default`] for a
/// classification with the latest pack version) and set the fields that differ.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The evaluation time; it also picks the pack version in force. Every call needs it but
    /// classification, which without it uses the latest version of the pack.
    pub now: Option<DateTime<FixedOffset>>,
    /// Pack id instead of the engine's default.
    pub pack: Option<String>,
    /// The language(s) of the findings' messages (errors excepted: always both) and of the
    /// preview's rendering (zh-CN when both, the default).
    pub locale: Locale,
    /// Whose view (preview, session and handling). Unset, each call keeps its own default: the
    /// complainant's for a preview or a session (what a form shows), the staff's for handling
    /// (what a case handler works from).
    pub view: Option<View>,
    /// Category, cause class or severity fixed by the user or staff (preview and session;
    /// handling reads them from the case's record).
    #[cfg(feature = "full")]
    pub overrides: Overrides,
    /// How the case was or will be handled (preview and session).
    #[cfg(feature = "full")]
    pub handling: Handling,
    /// Holiday years the caller adds for this call (holiday-cn shape), checked before use
    /// (the calendar calls).
    pub holidays: Vec<HolidayYear>,
}

impl Options {
    /// Options with only `now` set: default pack, findings in both languages, each call's
    /// default view, no overrides, no handling, no extra holiday years.
    pub fn at(now: DateTime<FixedOffset>) -> Options {
        Options { now: Some(now), ..Options::default() }
    }

    /// The evaluation time, or an error naming the missing `now` option.
    pub fn now(&self) -> Result<DateTime<FixedOffset>, EngineError> {
        self.now
            .ok_or_else(|| EngineError::Option { name: "now".into(), detail: "is required".into() })
    }
}
