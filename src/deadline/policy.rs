//! The pack's `deadlines` section: every time limit as data — what starts it, what ends it, how
//! long it runs and which clause backs it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::calendar::policy::CalendarPolicy;
use crate::finding::Bilingual;
use crate::rule_change::RuleChangePolicy;

/// Time limits, notice periods and the calendar additions of a pack.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlinePolicy {
    /// Calendar additions and the clause of the Mon–Fri fallback warning.
    pub calendar: CalendarPolicy,
    /// A pending deadline is "at risk" when at most this many working days remain.
    pub at_risk_working_days: u32,
    /// The complaint-handling limits, in timeline order.
    pub limits: Vec<Limit>,
    /// How extensions of an extendable limit are granted.
    pub extension: ExtensionPolicy,
    /// Platform-rule change notice checks.
    pub rule_change: RuleChangePolicy,
}

/// What a limit requires of its end event.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// The platform must do it by the due time (acknowledge, accept, resolve).
    Deadline,
    /// The other party may do it until the due time (review request); late requests are noted.
    Window,
    /// It must not happen before the due time (records kept at least until then).
    Minimum,
}

/// A case event that starts or ends a limit; each is an RFC 3339 time in the case times.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The complaint was submitted (`submitted_at`).
    Submitted,
    /// Receipt was acknowledged to the complainant (`acknowledged_at`).
    Acknowledged,
    /// Acceptance was decided (`accepted_at`).
    Accepted,
    /// The result was given to the complainant (`resolved_at`).
    Resolved,
    /// The complainant asked for a review, 复核 (`review_requested_at`).
    ReviewRequested,
    /// The case records were deleted (`records_purged_at`).
    RecordsPurged,
}

impl Event {
    /// JSON pointer of the event's time in the case times.
    pub fn pointer(self) -> &'static str {
        match self {
            Event::Submitted => "/submitted_at",
            Event::Acknowledged => "/acknowledged_at",
            Event::Accepted => "/accepted_at",
            Event::Resolved => "/resolved_at",
            Event::ReviewRequested => "/review_requested_at",
            Event::RecordsPurged => "/records_purged_at",
        }
    }
}

/// The length of a limit.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Clock hours from the start instant.
    Hours(u32),
    /// The N-th working day after the start day, until 24:00.
    WorkingDays(u32),
    /// Calendar days after the start day (Civil Code Art. 201), rolled off days off (Art. 203).
    Days(u32),
    /// Years after the start day, ending on the corresponding day (Art. 202). Not rolled: the
    /// packs use years for retention minimums, where Art. 203's extension has no object.
    Years(u32),
}

/// Where a reference limit comes from and when it was in force. Reference limits bind someone
/// else (e.g. the regulator): they appear on the timeline but raise no findings.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The law, with its number and date.
    pub law: String,
    /// First day in force.
    #[serde(deserialize_with = "crate::calendar::date_text::date")]
    pub valid_from: NaiveDate,
    /// First day no longer in force, if replaced.
    #[serde(default, deserialize_with = "crate::calendar::date_text::optional_date")]
    pub valid_until: Option<NaiveDate>,
    /// What replaced it and why no limit is shown after `valid_until` (when the successor's
    /// text is not at hand, no limit is invented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<crate::finding::Bilingual>,
}

impl Reference {
    /// Whether the law was in force on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|until| day < until)
    }
}

/// One time limit.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// Stable id, e.g. `accept`.
    pub id: String,
    /// Display name.
    pub name: Bilingual,
    /// What the limit requires.
    pub kind: LimitKind,
    /// The event that starts it.
    pub start: Event,
    /// The event that satisfies (or, for a minimum, would breach) it.
    pub end: Event,
    /// How long it runs.
    pub period: Period,
    /// Whether approved extensions (see [`ExtensionPolicy`]) lengthen it.
    #[serde(default)]
    pub extendable: bool,
    /// Set for reference limits of another body, with their validity dates.
    #[serde(default)]
    pub reference: Option<Reference>,
    /// Clause id.
    pub clause: String,
}

/// Extensions of an extendable limit: approval needed, capped at `max_working_days` in total;
/// beyond the cap only with the complainant's consent.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionPolicy {
    /// Total working days approval alone can add.
    pub max_working_days: u32,
    /// Clause id.
    pub clause: String,
}
