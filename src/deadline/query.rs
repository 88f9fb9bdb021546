//! One-off due-date questions, as the `deadline` CLI and `dueJson` receive them:
//! `{"from":"2025-09-26","working_days":7}` or `{"from":"2025-09-24","days":7}`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{missing_year_findings, Calendar};
use crate::error::EngineError;
use crate::finding::{Bilingual, Finding, Locale};
use crate::pack::Pack;

/// A due-date question: exactly one of `working_days` and `days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueQuery {
    /// The start day (not counted).
    #[serde(deserialize_with = "crate::calendar::date_text::date")]
    pub from: NaiveDate,
    /// The N-th working day after `from`.
    #[serde(default)]
    pub working_days: Option<u32>,
    /// N calendar days after `from`, rolled to a working day (Civil Code Art. 203).
    #[serde(default)]
    pub days: Option<u32>,
}

/// The answer: the due date, and a warning per year without holiday data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueAnswer {
    /// The last day of the period.
    #[serde(deserialize_with = "crate::calendar::date_text::date")]
    pub due: NaiveDate,
    /// Years that fell back to Mon–Fri.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Finding>,
}

/// Parses a question from JSON text.
pub fn parse(json: &str) -> Result<DueQuery, EngineError> {
    serde_json::from_str(json).map_err(|e| EngineError::Json {
        path: format!("line {} column {}", e.line(), e.column()),
        detail: e.to_string(),
    })
}

/// Answers a question; warnings take their message (in `locale`) and clause from `pack`.
pub fn answer(
    pack: &Pack,
    cal: &Calendar,
    query: &DueQuery,
    locale: Locale,
) -> Result<DueAnswer, EngineError> {
    let due = match (query.working_days, query.days) {
        (Some(n), None) => cal.add_working_days(query.from, n)?,
        (None, Some(n)) => cal.add_days_civil(query.from, n)?,
        _ => {
            return Err(EngineError::Shape {
                path: String::new(),
                expected: Bilingual {
                    zh: "“working_days”与“days”两者之一".into(),
                    en: "exactly one of \"working_days\" and \"days\"".into(),
                },
            })
        }
    };
    Ok(DueAnswer {
        due: due.value,
        warnings: missing_year_findings(pack, &due.missing_years, locale),
    })
}
