//! The handling record of a case as the timeline reads it: the times of its events and the
//! extensions granted. Unknown keys are ignored, so a whole case document can be passed.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::policy::Event;
use crate::error::EngineError;

/// Event times of one case (RFC 3339; evaluated in UTC+08:00).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseTimes {
    /// When the complaint was submitted.
    #[serde(default)]
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// When receipt was acknowledged.
    #[serde(default)]
    pub acknowledged_at: Option<DateTime<FixedOffset>>,
    /// When acceptance was decided.
    #[serde(default)]
    pub accepted_at: Option<DateTime<FixedOffset>>,
    /// When the result was given.
    #[serde(default)]
    pub resolved_at: Option<DateTime<FixedOffset>>,
    /// When the complainant asked for a review.
    #[serde(default)]
    pub review_requested_at: Option<DateTime<FixedOffset>>,
    /// When the records were deleted.
    #[serde(default)]
    pub records_purged_at: Option<DateTime<FixedOffset>>,
    /// Extensions of the handling period, in the order they were granted.
    #[serde(default)]
    pub extensions: Vec<Extension>,
}

/// One extension of an extendable limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Working days added.
    pub working_days: u32,
    /// Whether the extension went through the approval procedure.
    #[serde(default)]
    pub approved: bool,
    /// Whether the complainant consented (needed beyond the cap).
    #[serde(default)]
    pub consent: bool,
}

impl CaseTimes {
    /// Parses the times from JSON text; errors name the offending key.
    pub fn from_json(json: &str) -> Result<CaseTimes, EngineError> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de).map_err(|e| EngineError::Json {
            path: e.path().to_string(),
            detail: e.into_inner().to_string(),
        })
    }

    /// The time of `event`, if it happened.
    pub fn at(&self, event: Event) -> Option<DateTime<FixedOffset>> {
        match event {
            Event::Submitted => self.submitted_at,
            Event::Acknowledged => self.acknowledged_at,
            Event::Accepted => self.accepted_at,
            Event::Resolved => self.resolved_at,
            Event::ReviewRequested => self.review_requested_at,
            Event::RecordsPurged => self.records_purged_at,
        }
        .map(|t| t.with_timezone(&crate::engine::china_offset()))
    }
}
