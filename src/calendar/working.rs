//! Working-day arithmetic. "N working days" after a start day is the N-th working day after it
//! (the start day itself is never counted, Civil Code Art. 201).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::{is_weekday, Calendar, Reckoned, MAX_SPAN_DAYS, MAX_WORKING_DAYS};
use crate::error::EngineError;

impl Calendar {
    /// Whether `date` is a working day: listed days follow the schedule, other days Mon–Fri.
    pub fn is_working_day(&self, date: NaiveDate) -> Reckoned<bool> {
        let mut missing = BTreeSet::new();
        let value = self.working(date, &mut missing);
        Reckoned { value, missing_years: missing }
    }

    /// The `n`-th working day after `from` (`n` ≥ 1, at most [`MAX_WORKING_DAYS`]).
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        n: u32,
    ) -> Result<Reckoned<NaiveDate>, EngineError> {
        if n == 0 || n > MAX_WORKING_DAYS {
            return Err(out_of_range("working_days", n, MAX_WORKING_DAYS));
        }
        let mut missing = BTreeSet::new();
        let mut day = from;
        let mut counted: u32 = 0;
        for _ in 0..MAX_SPAN_DAYS {
            day = next_day(day)?;
            if self.working(day, &mut missing) {
                counted = counted.saturating_add(1);
                if counted == n {
                    return Ok(Reckoned { value: day, missing_years: missing });
                }
            }
        }
        Err(out_of_range("working_days", n, MAX_WORKING_DAYS))
    }

    /// The number of working days in (`a`, `b`] — so `working_days_between(d, add_working_days(d,
    /// n)) == n` — negative when `b` is before `a`.
    pub fn working_days_between(
        &self,
        a: NaiveDate,
        b: NaiveDate,
    ) -> Result<Reckoned<i64>, EngineError> {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let span = hi.signed_duration_since(lo).num_days();
        if span > i64::from(MAX_SPAN_DAYS) {
            return Err(EngineError::Period {
                name: "date".into(),
                value: format!("{a}..{b}"),
                max: MAX_SPAN_DAYS,
            });
        }
        let mut missing = BTreeSet::new();
        let count = lo
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= hi)
            .filter(|d| self.working(*d, &mut missing))
            .count();
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        Ok(Reckoned { value: count.saturating_mul(sign), missing_years: missing })
    }

    /// `date` if it is a working day, else the next working day (Civil Code Art. 203).
    pub fn roll_to_working_day(&self, date: NaiveDate) -> Result<Reckoned<NaiveDate>, EngineError> {
        let mut missing = BTreeSet::new();
        let mut day = date;
        for _ in 0..MAX_SPAN_DAYS {
            if self.working(day, &mut missing) {
                return Ok(Reckoned { value: day, missing_years: missing });
            }
            day = next_day(day)?;
        }
        Err(date_out_of_range(date))
    }

    /// Whether `date` is a working day, noting its year in `missing` when it has no data.
    pub(super) fn working(&self, date: NaiveDate, missing: &mut BTreeSet<i32>) -> bool {
        self.listed_working_day(date).unwrap_or_else(|| {
            missing.insert(date.year());
            is_weekday(date)
        })
    }
}

/// The day after `day`, or a range error at the end of the representable dates.
pub(super) fn next_day(day: NaiveDate) -> Result<NaiveDate, EngineError> {
    day.succ_opt().ok_or_else(|| date_out_of_range(day))
}

/// The error for a count `n` of `name` (`working_days`, `days`, …) above `max`.
pub fn out_of_range(name: &str, n: u32, max: u32) -> EngineError {
    EngineError::Period { name: name.into(), value: n.to_string(), max }
}

/// The error for a period that runs past the representable dates.
pub fn date_out_of_range(date: chrono::NaiveDate) -> EngineError {
    EngineError::Period { name: "date".into(), value: date.to_string(), max: MAX_SPAN_DAYS }
}
