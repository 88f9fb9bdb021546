//! The mainland-China working-day calendar (SPEC §2.3): statutory holidays and make-up workdays
//! (调休) as data, working-day arithmetic, and civil-law period counting (Civil Code Art. 201–203).
//!
//! Every computation reports the years it touched that have no holiday data: for those it falls
//! back to Mon–Fri, and the caller turns [`Reckoned::missing_years`] into a warning finding with
//! [`missing_year_findings`] — never silently.
//!
//! ```
//! use chrono::NaiveDate;
//! use complaint_rules::calendar::Calendar;
//! let cal = Calendar::embedded()?;
//! let from = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap_or_default();
//! let due = cal.add_working_days(from, 7)?;
//! assert_eq!(due.value.to_string(), "2025-10-13");
//! assert!(due.missing_years.is_empty());
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

#[cfg(feature = "full")]
pub mod call;
pub mod civil;
pub mod codes;
pub mod date_text;
pub mod holidays;
pub mod policy;
pub mod working;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::error::EngineError;
use crate::finding::{Bilingual, Finding, Locale, MessageArgs, Severity};
use crate::pack::Pack;
pub use holidays::{HolidayDay, HolidayYear};

pub use codes::YEAR_MISSING;

/// The longest period, in days, the calendar computes (about 100 years). Larger inputs get an
/// [`EngineError::Period`] instead of a long loop.
pub const MAX_SPAN_DAYS: u32 = 36_600;

/// The most working days [`Calendar::add_working_days`] adds (about 40 years).
pub const MAX_WORKING_DAYS: u32 = 10_000;

/// A value computed from the calendar, with the years it looked at that have no data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoned<T> {
    /// The result.
    pub value: T,
    /// Years consulted for which the Mon–Fri fallback was used.
    pub missing_years: BTreeSet<i32>,
}

/// A calendar value with its warnings, as JS and the CLI receive it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warned<T> {
    /// The result.
    pub value: T,
    /// One `calendar.year_missing` warning per year without data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Finding>,
}

impl<T> Reckoned<T> {
    /// The value with its missing years turned into the pack's warning findings, their
    /// messages in `locale`.
    pub fn warned(self, pack: &Pack, locale: Locale) -> Warned<T> {
        let warnings = missing_year_findings(pack, &self.missing_years, locale);
        Warned { warnings, value: self.value }
    }
}

/// Holiday data by year: for each listed date, whether it is a day off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, BTreeMap<NaiveDate, bool>>,
}

impl Calendar {
    /// The calendar with the embedded years (2024–2026). Parsed once, then cloned.
    pub fn embedded() -> Result<Calendar, EngineError> {
        static EMBEDDED: OnceLock<Result<Calendar, EngineError>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                let mut cal = Calendar::default();
                holidays::embedded()?.into_iter().for_each(|y| cal.add_year(y));
                Ok(cal)
            })
            .clone()
    }

    /// The embedded calendar plus the years the pack adds (`deadlines.calendar.years`).
    pub fn for_pack(pack: &Pack) -> Result<Calendar, EngineError> {
        let mut cal = Calendar::embedded()?;
        for year in pack.deadlines.iter().flat_map(|d| d.calendar.years.iter()) {
            cal.add_year(year.clone());
        }
        Ok(cal)
    }

    /// Adds (or replaces) a year. A year whose `days` list is empty has not been announced and
    /// stays missing. Check the year first with [`holidays::problems`] when it comes from input.
    pub fn add_year(&mut self, year: HolidayYear) {
        if year.days.is_empty() {
            return;
        }
        let days = year.days.into_iter().map(|d| (d.date, d.is_off_day)).collect();
        self.years.insert(year.year, days);
    }

    /// Parses and adds a year given as holiday-cn JSON.
    pub fn add_year_json(&mut self, json: &str) -> Result<i32, EngineError> {
        let year = holidays::parse_year("holidays", json)?;
        let number = year.year;
        self.add_year(year);
        Ok(number)
    }

    /// Whether the calendar has data for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// Whether `date` is a working day; `None` when its year has no data.
    fn listed_working_day(&self, date: NaiveDate) -> Option<bool> {
        let year = self.years.get(&date.year())?;
        Some(year.get(&date).map_or_else(|| is_weekday(date), |off| !off))
    }
}

/// Monday to Friday.
fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// One warning finding per year without holiday data, naming the year; message and clause come
/// from the pack's `calendar.year_missing` message (in `locale`) and `deadlines.calendar.clause`.
pub fn missing_year_findings(pack: &Pack, years: &BTreeSet<i32>, locale: Locale) -> Vec<Finding> {
    let clause = pack.deadlines.as_ref().map(|d| d.calendar.clause.clone()).unwrap_or_default();
    years
        .iter()
        .map(|year| {
            let year = Bilingual::same(year.to_string());
            Finding {
                code: YEAR_MISSING.to_string(),
                path: String::new(),
                severity: Severity::Warning,
                message: pack.fill_message(YEAR_MISSING, &[("year", &year)], locale),
                clause: clause.clone(),
                audience: crate::finding::Audience::Handler,
                args: MessageArgs::new(YEAR_MISSING, YEAR_MISSING, &[("year", year.clone())]),
            }
        })
        .collect()
}
