//! What every check shares: the pack, the calendar, `now`, the events, the case's classification,
//! and the collectors of findings and next actions. Every finding and action goes through here,
//! so a clause outside its validity window never produces one.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::codes::{AT_RISK as AT_RISK_CODE, LATE as LATE_CODE, OVERDUE as OVERDUE_CODE};
use super::policy::{HandlingPolicy, LimitRule};
use super::record::{Event, Kind};
use crate::calendar::Calendar;
use crate::deadline::timeline::due_of;
use crate::deadline::Period;
use crate::error::EngineError;
use crate::finding::{Audience, Bilingual, Finding, Locale, MessageArgs, Severity};
use crate::pack::Pack;

/// Where a next action stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    /// Its due time has passed.
    Overdue,
    /// At most the pack's at-risk margin left.
    AtRisk,
    /// Time to spare, or no due time.
    Pending,
}

/// A step someone must take next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextAction {
    /// Action id (`acknowledge`, `resolve`, …).
    pub action: String,
    /// When it is due, if it has a limit.
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Clause id.
    pub clause: String,
    /// Whose step it is.
    pub audience: Audience,
    /// Overdue, at risk or pending.
    pub state: ActionState,
}

/// What the case's classification tells the checks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// When the complaint was submitted.
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// Category id.
    pub category: String,
    /// Cause class id.
    pub cause_class: String,
    /// `major` or `general`.
    pub severity: String,
    /// Flag ids raised.
    pub flags: Vec<String>,
    /// Staff named in the complaint (`respondent.staff`).
    pub staff: Option<String>,
    /// What the case lacks and the complainant may add later (the validation's supplements:
    /// pointer and what to add), for the one-time request.
    pub supplements: Vec<(String, Bilingual)>,
}

/// The shared state of one evaluation.
pub struct Ctx<'a> {
    /// The pack in force.
    pub pack: &'a Pack,
    /// Its handling section.
    pub policy: &'a HandlingPolicy,
    /// The working-day calendar.
    pub cal: Calendar,
    /// The evaluation time.
    pub now: DateTime<FixedOffset>,
    /// The language(s) of the findings' messages.
    pub locale: Locale,
    /// The events, in record order.
    pub events: &'a [Event],
    /// The case's facts.
    pub facts: Facts,
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// Next actions so far.
    pub actions: Vec<NextAction>,
    /// Years computed without holiday data.
    pub missing: BTreeSet<i32>,
}

impl Ctx<'_> {
    /// Whether clause `id` is in force on `day` (unknown dates count as in force).
    pub fn in_force(&self, id: &str, day: NaiveDate) -> bool {
        self.pack.clauses.get(id).is_some_and(|c| {
            c.valid_from.is_none_or(|from| from <= day)
                && c.valid_until.is_none_or(|until| day <= until)
        })
    }

    /// Adds a handler finding when `clause` is in force on `day`.
    pub fn finding(
        &mut self,
        code: &str,
        path: String,
        clause: &str,
        day: NaiveDate,
        args: &[(&str, Bilingual)],
    ) {
        self.push(code, path, Severity::Error, Audience::Handler, clause, day, args);
    }

    /// Adds a finding of any severity and audience when `clause` is in force on `day`.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        code: &str,
        path: String,
        severity: Severity,
        audience: Audience,
        clause: &str,
        day: NaiveDate,
        args: &[(&str, Bilingual)],
    ) {
        if !self.in_force(clause, day) {
            return;
        }
        let refs: Vec<(&str, &Bilingual)> = args.iter().map(|(k, v)| (*k, v)).collect();
        self.findings.push(Finding {
            code: code.to_string(),
            path,
            severity,
            message: self.pack.fill_message(code, &refs, self.locale),
            clause: clause.to_string(),
            audience,
            args: MessageArgs::new(code, code, args),
        });
    }

    /// Adds a next action when `clause` is in force on `day`, with its state at `now`.
    pub fn action(
        &mut self,
        action: &str,
        due_at: Option<DateTime<FixedOffset>>,
        clause: &str,
        audience: Audience,
        day: NaiveDate,
    ) -> Result<(), EngineError> {
        if !self.in_force(clause, day) {
            return Ok(());
        }
        let state = match due_at {
            Some(due) => self.state_of(due)?,
            None => ActionState::Pending,
        };
        self.actions.push(NextAction {
            action: action.to_string(),
            due_at,
            clause: clause.to_string(),
            audience,
            state,
        });
        Ok(())
    }

    /// Overdue, at risk or pending at `now` for a due instant.
    pub fn state_of(&mut self, due: DateTime<FixedOffset>) -> Result<ActionState, EngineError> {
        if self.now >= due {
            return Ok(ActionState::Overdue);
        }
        let left = self.cal.working_days_between(self.now.date_naive(), due.date_naive())?;
        self.missing.extend(left.missing_years);
        Ok(if left.value <= i64::from(self.policy.at_risk_working_days) {
            ActionState::AtRisk
        } else {
            ActionState::Pending
        })
    }

    /// The due instant of `period` from `start`, lengthened by `extra` working days.
    pub fn due(
        &mut self,
        start: DateTime<FixedOffset>,
        period: Period,
        extra: u32,
    ) -> Result<DateTime<FixedOffset>, EngineError> {
        due_of(&self.cal, start, period, extra, &mut self.missing).map(|(_, at)| at)
    }

    /// Checks a limit: a late `done` is a finding at `path`; an open one past its due time is
    /// an overdue finding, close to it an at-risk warning, and either way a next action.
    #[allow(clippy::too_many_arguments)]
    pub fn limit(
        &mut self,
        rule: &LimitRule,
        action: &str,
        start: DateTime<FixedOffset>,
        extra: u32,
        done: Option<(usize, DateTime<FixedOffset>)>,
        audience: Audience,
    ) -> Result<DateTime<FixedOffset>, EngineError> {
        let due = self.due(start, rule.period, extra)?;
        let day = start.date_naive();
        let due_text = Bilingual::same(due.format("%Y-%m-%d %H:%M").to_string());
        match done {
            Some((index, at)) if at > due => {
                let args = [
                    ("limit", rule.name.clone()),
                    ("due", due_text),
                    ("done", Bilingual::same(at.format("%Y-%m-%d %H:%M").to_string())),
                ];
                self.finding(LATE_CODE, format!("/events/{index}"), &rule.clause, day, &args);
            }
            Some(_) => {}
            None => {
                let state = self.state_of(due)?;
                let args = [("limit", rule.name.clone()), ("due", due_text)];
                match state {
                    ActionState::Overdue => {
                        self.finding(OVERDUE_CODE, String::new(), &rule.clause, day, &args)
                    }
                    ActionState::AtRisk => self.push(
                        AT_RISK_CODE,
                        String::new(),
                        Severity::Warning,
                        Audience::Handler,
                        &rule.clause,
                        day,
                        &args,
                    ),
                    ActionState::Pending => {}
                }
                self.action(action, Some(due), &rule.clause, audience, day)?;
            }
        }
        Ok(due)
    }

    /// The first event of type `name` (index and event).
    pub fn first(&self, name: &str) -> Option<(usize, &Event)> {
        self.events.iter().enumerate().find(|(_, e)| e.kind_name == name)
    }

    /// The first event of type `name` after index `after`.
    pub fn first_after(&self, name: &str, after: usize) -> Option<(usize, &Event)> {
        self.events
            .iter()
            .enumerate()
            .skip(after.saturating_add(1))
            .find(|(_, e)| e.kind_name == name)
    }

    /// The events whose kind satisfies `pick`, with their indices.
    pub fn all<'e>(
        &'e self,
        pick: impl Fn(&Kind) -> bool + 'e,
    ) -> impl Iterator<Item = (usize, &'e Event)> + 'e {
        self.events.iter().enumerate().filter(move |(_, e)| pick(&e.kind))
    }
}
