//! A platform-rule change as the check reads it (and as `pack diff` writes it). Every fact is
//! optional: a fact not given is reported as such, never assumed.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One rule change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleChange {
    /// Pack id, when produced by `pack diff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// Old version label, when produced by `pack diff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_version: Option<String>,
    /// New version label, when produced by `pack diff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_version: Option<String>,
    /// When the new rules were published (公示).
    #[serde(default)]
    pub published_at: Option<DateTime<FixedOffset>>,
    /// When they take effect (实施).
    #[serde(default)]
    pub effective_at: Option<DateTime<FixedOffset>>,
    /// The public consultation (征求意见).
    #[serde(default)]
    pub consultation: Option<Consultation>,
    /// The three conditions of the longer notice.
    #[serde(default)]
    pub flags: Flags,
    /// Whether the change may have a major impact on important rights (Art. 13).
    #[serde(default)]
    pub major_impact: Option<bool>,
    /// Transition period, in days.
    #[serde(default)]
    pub transition_days: Option<u32>,
    /// Historical versions.
    #[serde(default)]
    pub history: History,
    /// Leaving the platform under the old rules.
    #[serde(default)]
    pub exit: Exit,
    /// What changed (written by `pack diff`, informative for the check).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// The public consultation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consultation {
    /// Whether comments were sought publicly on the homepage.
    #[serde(default)]
    pub held: Option<bool>,
    /// When the consultation ended.
    #[serde(default)]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Where the comments are kept (system, archive).
    #[serde(default)]
    pub comments_kept_at: Option<String>,
    /// Until when the comments are kept.
    #[serde(default, deserialize_with = "crate::calendar::date_text::optional_date")]
    pub comments_kept_until: Option<NaiveDate>,
}

/// The conditions of the 15-day notice (Order 116 Art. 12 ¶2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// The rules concern a huge number of users.
    #[serde(default)]
    pub huge_user_base: Option<bool>,
    /// Many provisions change.
    #[serde(default)]
    pub many_changes: Option<bool>,
    /// Important rights of the parties are touched.
    #[serde(default)]
    pub important_rights: Option<bool>,
}

/// Historical versions (Art. 15).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The earliest date from which every version is kept.
    #[serde(default, deserialize_with = "crate::calendar::date_text::optional_date")]
    pub kept_from: Option<NaiveDate>,
    /// Whether users can read and download them.
    #[serde(default)]
    pub downloadable: Option<bool>,
}

/// Exit under the old rules (Art. 14).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exit {
    /// Whether leaving is subject to conditions (fees, waiting periods, …) that block it.
    #[serde(default)]
    pub unreasonable_conditions: Option<bool>,
    /// Whether fees are refunded under the rules before the change.
    #[serde(default)]
    pub refund_under_old_rules: Option<bool>,
}

/// One changed value between two pack versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// JSON pointer in the pack document.
    pub path: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
}

/// Kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with different values.
    Changed,
}
