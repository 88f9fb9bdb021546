//! Civil-law periods (Civil Code Art. 201–203): the start day is not counted, a period in years
//! ends on the corresponding day of the last year (or that month's last day), and a period of
//! days whose last day is a day off ends on the next working day, at 24:00.

use chrono::{DateTime, Days, FixedOffset, Months, NaiveDate, NaiveTime};

use super::working::out_of_range;
use super::{Calendar, Reckoned, MAX_SPAN_DAYS};
use crate::engine::china_offset;
use crate::error::EngineError;

impl Calendar {
    /// The last day of a period of `n` calendar days starting after `from` (Art. 201), moved to
    /// the next working day when it is a day off (Art. 203). `n` is at most [`MAX_SPAN_DAYS`].
    pub fn add_days_civil(
        &self,
        from: NaiveDate,
        n: u32,
    ) -> Result<Reckoned<NaiveDate>, EngineError> {
        if n > MAX_SPAN_DAYS {
            return Err(out_of_range("days", n, MAX_SPAN_DAYS));
        }
        let last = from
            .checked_add_days(Days::new(u64::from(n)))
            .ok_or_else(|| out_of_range("days", n, MAX_SPAN_DAYS))?;
        self.roll_to_working_day(last)
    }
}

/// The corresponding day `n` years later, or the month's last day when there is none (29 Feb);
/// `None` past the representable dates or beyond [`MAX_SPAN_DAYS`].
pub fn add_years(from: NaiveDate, n: u32) -> Option<NaiveDate> {
    if n > MAX_SPAN_DAYS / 366 {
        return None;
    }
    from.checked_add_months(Months::new(n.checked_mul(12)?))
}

/// 24:00 of `date` in UTC+08:00 (= 00:00 of the next day), when a day-counted period ends.
pub fn end_of_day(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    start_of_day(date.succ_opt()?)
}

/// 00:00 of `date` in UTC+08:00.
pub fn start_of_day(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    date.and_time(NaiveTime::MIN).and_local_timezone(china_offset()).single()
}
