//! The timeline of a case: for every limit of the pack, its due date from the case's event
//! times, whether it was met, and findings for every limit missed or at risk.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::codes::{self, finding};
use super::policy::{DeadlinePolicy, Limit, LimitKind, Period, Reference};
use super::times::CaseTimes;
use crate::calendar::civil::{add_years, end_of_day};
use crate::calendar::working::{date_out_of_range, out_of_range};
use crate::calendar::{missing_year_findings, Calendar, Reckoned, MAX_SPAN_DAYS};
use crate::error::EngineError;
use crate::finding::{Bilingual, Finding, Locale, Severity};
use crate::pack::Pack;

/// Where a limit stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Its start event has not happened.
    NotStarted,
    /// A reference limit whose law was not in force at the start.
    NotInForce,
    /// Running, with time to spare.
    Pending,
    /// Running, at most the pack's at-risk margin left.
    AtRisk,
    /// Respected.
    Met,
    /// Not respected: done late (deadline, window) or too early (minimum).
    Missed,
    /// A deadline that passed with nothing done.
    Overdue,
    /// A window that closed unused.
    Closed,
}

/// One limit on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The limit's id.
    pub id: String,
    /// The limit's name.
    pub name: Bilingual,
    /// What the limit requires.
    pub kind: LimitKind,
    /// When it started.
    pub start: Option<DateTime<FixedOffset>>,
    /// The last day (UTC+08:00) a person reads as the due date.
    #[serde(default, deserialize_with = "crate::calendar::date_text::optional_date")]
    pub due_date: Option<NaiveDate>,
    /// The instant the limit runs out (24:00 of `due_date` for day counts).
    pub due_at: Option<DateTime<FixedOffset>>,
    /// When its end event happened.
    pub done_at: Option<DateTime<FixedOffset>>,
    /// Where it stands.
    pub state: EntryState,
    /// Working days added by extensions.
    pub extended_by: u32,
    /// The law and validity of a reference limit.
    pub reference: Option<Reference>,
    /// Clause id.
    pub clause: String,
}

/// Every limit of a case, and the findings about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// In the pack's order.
    pub entries: Vec<TimelineEntry>,
    /// Errors first: limits missed or overdue, extensions refused, then warnings (at risk, years
    /// without holiday data).
    pub findings: Vec<Finding>,
}

/// Computes the timeline of `times` at `now` with the pack's limits and calendar `cal`; the
/// findings' messages in `locale`.
pub fn timeline(
    pack: &Pack,
    cal: &Calendar,
    times: &CaseTimes,
    (now, locale): (DateTime<FixedOffset>, Locale),
) -> Result<Timeline, EngineError> {
    let policy = super::policy_of(pack)?;
    let mut run =
        Run { pack, locale, policy, cal, now, missing: BTreeSet::new(), findings: Vec::new() };
    let extension = run.granted_extension(times);
    let entries = policy
        .limits
        .iter()
        .map(|limit| run.entry(limit, times, extension))
        .collect::<Result<Vec<_>, _>>()?;
    let mut findings = run.findings;
    findings.extend(missing_year_findings(pack, &run.missing, locale));
    findings.sort_by_key(|f| f.severity);
    Ok(Timeline { entries, findings })
}

struct Run<'a> {
    pack: &'a Pack,
    locale: Locale,
    policy: &'a DeadlinePolicy,
    cal: &'a Calendar,
    now: DateTime<FixedOffset>,
    missing: BTreeSet<i32>,
    findings: Vec<Finding>,
}

impl Run<'_> {
    /// Working days the extensions add: approved ones up to the cap, beyond it only with consent.
    fn granted_extension(&mut self, times: &CaseTimes) -> u32 {
        let rule = &self.policy.extension;
        let cap = Bilingual::same(rule.max_working_days.to_string());
        let mut total: u32 = 0;
        for (i, ext) in times.extensions.iter().enumerate() {
            if !ext.approved {
                let path = format!("/extensions/{i}/approved");
                self.findings.push(finding(
                    (self.pack, self.locale),
                    codes::EXTENSION_UNAPPROVED,
                    &path,
                    Severity::Error,
                    &rule.clause,
                    &[],
                ));
                continue;
            }
            let within_cap = rule.max_working_days.saturating_sub(total).min(ext.working_days);
            if within_cap < ext.working_days && !ext.consent {
                let path = format!("/extensions/{i}/consent");
                let args = [("cap", cap.clone())];
                self.findings.push(finding(
                    (self.pack, self.locale),
                    codes::EXTENSION_NEEDS_CONSENT,
                    &path,
                    Severity::Error,
                    &rule.clause,
                    &args,
                ));
                total = total.saturating_add(within_cap);
            } else {
                total = total.saturating_add(ext.working_days);
            }
        }
        total
    }

    fn entry(
        &mut self,
        limit: &Limit,
        times: &CaseTimes,
        extension: u32,
    ) -> Result<TimelineEntry, EngineError> {
        let mut entry = TimelineEntry {
            id: limit.id.clone(),
            name: limit.name.clone(),
            kind: limit.kind,
            start: times.at(limit.start),
            due_date: None,
            due_at: None,
            done_at: times.at(limit.end),
            state: EntryState::NotStarted,
            extended_by: if limit.extendable { extension } else { 0 },
            reference: limit.reference.clone(),
            clause: limit.clause.clone(),
        };
        let Some(start) = entry.start else { return Ok(entry) };
        if limit.reference.as_ref().is_some_and(|r| !r.in_force(start.date_naive())) {
            entry.state = EntryState::NotInForce;
            return Ok(entry);
        }
        let (due_date, due_at) = self.due(start, limit.period, entry.extended_by)?;
        entry.due_date = Some(due_date);
        entry.due_at = Some(due_at);
        entry.state = self.state(limit.kind, entry.done_at, due_date, due_at)?;
        if limit.reference.is_none() {
            self.report(limit, &entry, due_at);
        }
        Ok(entry)
    }

    /// The due date and instant of a period starting at `start`, lengthened by `extra` working
    /// days; the years without holiday data are kept for the warning.
    fn due(
        &mut self,
        start: DateTime<FixedOffset>,
        period: Period,
        extra: u32,
    ) -> Result<(NaiveDate, DateTime<FixedOffset>), EngineError> {
        due_of(self.cal, start, period, extra, &mut self.missing)
    }

    fn state(
        &mut self,
        kind: LimitKind,
        done: Option<DateTime<FixedOffset>>,
        due_date: NaiveDate,
        due_at: DateTime<FixedOffset>,
    ) -> Result<EntryState, EngineError> {
        let passed = self.now >= due_at;
        Ok(match (kind, done) {
            (LimitKind::Deadline | LimitKind::Window, Some(t)) => {
                if t < due_at {
                    EntryState::Met
                } else {
                    EntryState::Missed
                }
            }
            (LimitKind::Minimum, Some(t)) => {
                if t < due_at {
                    EntryState::Missed
                } else {
                    EntryState::Met
                }
            }
            (LimitKind::Deadline, None) if passed => EntryState::Overdue,
            (LimitKind::Window, None) if passed => EntryState::Closed,
            (LimitKind::Minimum, None) if passed => EntryState::Met,
            (LimitKind::Deadline, None) => {
                let left = self.cal.working_days_between(self.now.date_naive(), due_date)?;
                self.missing.extend(left.missing_years);
                if left.value <= i64::from(self.policy.at_risk_working_days) {
                    EntryState::AtRisk
                } else {
                    EntryState::Pending
                }
            }
            (LimitKind::Window | LimitKind::Minimum, None) => EntryState::Pending,
        })
    }

    /// The finding, if any, for an entry's state.
    fn report(&mut self, limit: &Limit, entry: &TimelineEntry, due_at: DateTime<FixedOffset>) {
        let (code, severity) = match (limit.kind, entry.state) {
            (LimitKind::Deadline, EntryState::Missed) => (codes::DEADLINE_MISSED, Severity::Error),
            (LimitKind::Deadline, EntryState::Overdue) => {
                (codes::DEADLINE_OVERDUE, Severity::Error)
            }
            (LimitKind::Deadline, EntryState::AtRisk) => {
                (codes::DEADLINE_AT_RISK, Severity::Warning)
            }
            (LimitKind::Window, EntryState::Missed) => (codes::WINDOW_MISSED, Severity::Warning),
            (LimitKind::Minimum, EntryState::Missed) => (codes::MINIMUM_BREACHED, Severity::Error),
            _ => return,
        };
        let due = match limit.period {
            Period::Hours(_) => due_at.format("%Y-%m-%d %H:%M").to_string(),
            _ => entry.due_date.map(|d| format!("{d} 24:00")).unwrap_or_default(),
        };
        let done =
            entry.done_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
        let args = [
            ("limit", limit.name.clone()),
            ("due", Bilingual::same(due)),
            ("done", Bilingual::same(done)),
        ];
        self.findings.push(finding(
            (self.pack, self.locale),
            code,
            limit.end.pointer(),
            severity,
            &limit.clause,
            &args,
        ));
    }
}

/// The due date and instant of `period` from `start` on calendar `cal`, lengthened by `extra`
/// working days: hours run from the instant, day counts end at 24:00 of their last day. Years
/// without holiday data are added to `missing`.
pub fn due_of(
    cal: &Calendar,
    start: DateTime<FixedOffset>,
    period: Period,
    extra: u32,
    missing: &mut BTreeSet<i32>,
) -> Result<(NaiveDate, DateTime<FixedOffset>), EngineError> {
    let mut day_end = |day: Reckoned<NaiveDate>| {
        missing.extend(day.missing_years);
        end_of_day(day.value).map(|at| (day.value, at)).ok_or_else(|| date_out_of_range(day.value))
    };
    let day = start.date_naive();
    let (mut date, mut at) = match period {
        Period::Hours(h) => {
            let at = (h <= MAX_SPAN_DAYS.saturating_mul(24))
                .then(|| start.checked_add_signed(Duration::hours(i64::from(h))))
                .flatten()
                .ok_or_else(|| out_of_range("hours", h, MAX_SPAN_DAYS.saturating_mul(24)))?;
            (at.date_naive(), at)
        }
        Period::WorkingDays(n) => day_end(cal.add_working_days(day, n)?)?,
        Period::Days(n) => day_end(cal.add_days_civil(day, n)?)?,
        Period::Years(n) => {
            let last =
                add_years(day, n).ok_or_else(|| out_of_range("years", n, MAX_SPAN_DAYS / 366))?;
            day_end(Reckoned { value: last, missing_years: BTreeSet::new() })?
        }
    };
    if extra > 0 {
        (date, at) = day_end(cal.add_working_days(date, extra)?)?;
    }
    Ok((date, at))
}
