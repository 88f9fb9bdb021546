//! The pack's rule-change policy (`deadlines.rule_change`): notice periods, the 15-day trigger,
//! retention periods, and the clause of each check.

use serde::{Deserialize, Serialize};

/// How the longer notice is triggered by the three flags (huge user base, many changes,
/// important rights).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Any one flag (the reading of Order 116 Art. 12 ¶2 the default packs take).
    Any,
    /// All three flags together.
    All,
}

/// How the notice period is counted between publication and taking effect.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCounting {
    /// Civil Code Art. 201: the publication day is not counted and the N days must have run out
    /// (24:00 of publication day + N) before the rule takes effect.
    Civil,
    /// Effective date minus publication date ≥ N days.
    DateDifference,
}

/// Rule-change checks (Order 116 Art. 10–15; E-Commerce Law Art. 34).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleChangePolicy {
    /// Minimum notice, in days (Art. 12 ¶1: 7).
    pub notice_days: u32,
    /// Minimum notice when the trigger holds (Art. 12 ¶2: 15).
    pub major_notice_days: u32,
    /// Whether any flag or all flags trigger the longer notice.
    pub major_trigger: Trigger,
    /// How notice days are counted.
    pub notice_counting: NoticeCounting,
    /// Years consultation comments are kept from the end of consultation (Art. 11: 3).
    pub comments_retention_years: u32,
    /// Years of history versions kept before the new version takes effect (Art. 15: 3).
    pub history_years: u32,
    /// Shortest transition period, in days, accepted where impact is major (Art. 13 names none).
    pub min_transition_days: u32,
    /// `pack diff`: this many changed values or more suggest "many changes".
    pub many_changes_threshold: usize,
    /// `pack diff`: changes under these pointer prefixes suggest "important rights".
    pub important_paths: Vec<String>,
    /// The clause of each check.
    pub clauses: RuleChangeClauses,
}

/// Clause ids of the rule-change checks.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleChangeClauses {
    /// 7-day notice.
    pub notice: String,
    /// 15-day notice.
    pub major_notice: String,
    /// Public consultation.
    pub consultation: String,
    /// Comments kept.
    pub comments: String,
    /// Transition period.
    pub transition: String,
    /// History versions kept and downloadable.
    pub history: String,
    /// Exit not blocked.
    pub exit: String,
    /// Refund under the old rules.
    pub refund: String,
}

impl RuleChangeClauses {
    /// (name, clause id) of every entry, for pack checks.
    pub fn all(&self) -> [(&'static str, &str); 8] {
        [
            ("notice", &self.notice),
            ("major_notice", &self.major_notice),
            ("consultation", &self.consultation),
            ("comments", &self.comments),
            ("transition", &self.transition),
            ("history", &self.history),
            ("exit", &self.exit),
            ("refund", &self.refund),
        ]
    }
}
