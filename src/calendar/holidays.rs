//! Holiday schedules in the NateScarlet/holiday-cn JSON shape (`{"year", "days": [{"name",
//! "date", "isOffDay"}]}`): the years embedded in the engine and the parsing of more years given
//! by a pack or a caller.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{EngineError, PackProblem};

/// One year of the State Council's holiday and make-up-workday (调休) schedule.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayYear {
    /// The calendar year.
    pub year: i32,
    /// The notices the schedule comes from.
    #[serde(default)]
    pub papers: Vec<String>,
    /// Days that differ from the Mon–Fri rule (or confirm it): holidays and make-up workdays.
    /// An empty list means "not announced yet": the year is then treated as missing.
    pub days: Vec<HolidayDay>,
}

/// One listed day.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayDay {
    /// Holiday name, e.g. `春节`.
    pub name: String,
    /// The date.
    #[serde(deserialize_with = "crate::calendar::date_text::date")]
    pub date: NaiveDate,
    /// `true` for a day off (holiday), `false` for a make-up workday on a weekend.
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// The embedded years (2024–2026, copied from `reference/holidays/`).
const EMBEDDED: &[(&str, &str)] = &[
    ("packs/calendar/holidays-2024.json", include_str!("../../packs/calendar/holidays-2024.json")),
    ("packs/calendar/holidays-2025.json", include_str!("../../packs/calendar/holidays-2025.json")),
    ("packs/calendar/holidays-2026.json", include_str!("../../packs/calendar/holidays-2026.json")),
];

/// Parses one year from its JSON text; `origin` names the source in errors.
pub fn parse_year(origin: &str, json: &str) -> Result<HolidayYear, EngineError> {
    let year: HolidayYear = serde_json::from_str(json)
        .map_err(|e| EngineError::Json { path: origin.to_string(), detail: e.to_string() })?;
    let problems = problems(&year, origin);
    if problems.is_empty() {
        Ok(year)
    } else {
        Err(EngineError::Pack { problems })
    }
}

/// The embedded years, parsed.
pub fn embedded() -> Result<Vec<HolidayYear>, EngineError> {
    EMBEDDED.iter().map(|(origin, json)| parse_year(origin, json)).collect()
}

/// Consistency problems of a year (dates outside the year, a date listed twice), each with a
/// pointer under `base`.
pub fn problems(year: &HolidayYear, base: &str) -> Vec<PackProblem> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (i, day) in year.days.iter().enumerate() {
        if day.date.year() != year.year {
            out.push(PackProblem {
                path: format!("{base}/days/{i}/date"),
                detail: format!("{} is not in {}", day.date, year.year),
            });
        }
        if !seen.insert(day.date) {
            out.push(PackProblem {
                path: format!("{base}/days/{i}/date"),
                detail: format!("{} listed twice", day.date),
            });
        }
    }
    out
}
