//! Complaint time limits (SPEC §2.3): acknowledge, accept, finish (with extensions), review
//! window, record retention, and the regulator's dated reference limits — all read from the
//! pack's `deadlines` section — turned into a [`Timeline`] for a case.
//!
//! ```
//! use complaint_rules::calendar::Calendar;
//! use complaint_rules::deadline::{timeline, CaseTimes};
//! use complaint_rules::engine::{parse_time, Engine};
//! use complaint_rules::finding::Locale;
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2025-10-20T09:00:00+08:00")?;
//! let pack = engine.pack(None, now.date_naive())?;
//! let times = CaseTimes::from_json(r#"{"submitted_at": "2025-09-30T20:00:00+08:00"}"#)?;
//! let t = timeline(&pack, &Calendar::for_pack(&pack)?, &times, (now, Locale::Both))?;
//! assert!(t.findings.iter().any(|f| f.code == "deadline.overdue"));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod codes;
pub mod policy;
pub mod query;
pub mod timeline;
pub mod times;

use std::collections::BTreeSet;

pub use policy::{DeadlinePolicy, Limit, LimitKind, Period};
pub use timeline::{timeline, EntryState, Timeline, TimelineEntry};
pub use times::{CaseTimes, Extension};

use crate::calendar::holidays;
use crate::error::{EngineError, PackProblem};
use crate::pack::Pack;

/// The pack's `deadlines` section, or an error naming the pack that lacks one.
pub fn policy_of(pack: &Pack) -> Result<&DeadlinePolicy, EngineError> {
    pack.deadlines.as_ref().ok_or_else(|| EngineError::Pack {
        problems: vec![PackProblem {
            path: "/deadlines".into(),
            detail: format!("pack {} {} has no deadlines section", pack.id, pack.version),
        }],
    })
}

/// Semantic checks of the `deadlines` section (called from pack loading): clause ids exist,
/// messages exist for every code, limit ids are unique, periods are usable, holiday years are
/// consistent. A pack without the section has no problems here.
pub fn check_pack(pack: &Pack) -> Vec<PackProblem> {
    let Some(policy) = &pack.deadlines else { return Vec::new() };
    let mut problems = Vec::new();
    let mut clause = |path: String, id: &str| problems.extend(pack.unknown_clause(path, id));
    clause("/deadlines/calendar/clause".into(), &policy.calendar.clause);
    clause("/deadlines/extension/clause".into(), &policy.extension.clause);
    for (i, limit) in policy.limits.iter().enumerate() {
        clause(format!("/deadlines/limits/{i}/clause"), &limit.clause);
    }
    for (name, id) in policy.rule_change.clauses.all() {
        clause(format!("/deadlines/rule_change/clauses/{name}"), id);
    }
    let mut ids = BTreeSet::new();
    for (i, limit) in policy.limits.iter().enumerate() {
        if !ids.insert(limit.id.as_str()) {
            problems.push(PackProblem {
                path: format!("/deadlines/limits/{i}/id"),
                detail: format!("duplicate limit id {:?}", limit.id),
            });
        }
        if limit.start == limit.end {
            problems.push(PackProblem {
                path: format!("/deadlines/limits/{i}/end"),
                detail: "a limit must end on another event than it starts".into(),
            });
        }
        if limit.period == Period::WorkingDays(0) {
            problems.push(PackProblem {
                path: format!("/deadlines/limits/{i}/period"),
                detail: "working_days must be at least 1".into(),
            });
        }
    }
    for code in codes::ALL.iter().chain(crate::rule_change::codes::ALL) {
        if !pack.messages.contains_key(*code) {
            problems.push(PackProblem {
                path: "/messages".into(),
                detail: format!("no message for code {code:?}"),
            });
        }
    }
    for (i, year) in policy.calendar.years.iter().enumerate() {
        problems.extend(holidays::problems(year, &format!("/deadlines/calendar/years/{i}")));
    }
    problems
}
