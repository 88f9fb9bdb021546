//! The calendar part of a pack's `deadlines` section: the holiday years the pack adds and the
//! clause cited when a year has no holiday data.

use serde::{Deserialize, Serialize};

use super::HolidayYear;

/// Holiday years the pack adds, and the clause cited when a year is missing.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarPolicy {
    /// Clause id of the calendar rule (holiday data, Mon–Fri fallback).
    pub clause: String,
    /// Extra years in the holiday-cn shape.
    #[serde(default)]
    pub years: Vec<HolidayYear>,
}

/// The form build's view of a pack's `deadlines` section: only its calendar, which the
/// supplement period is counted on. The other members (limits, extensions, rule changes) are
/// read by the full build's [`crate::deadline`] and skipped here.
#[cfg(not(feature = "full"))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineCalendar {
    /// Calendar additions and the clause of the Mon–Fri fallback warning.
    pub calendar: CalendarPolicy,
}
