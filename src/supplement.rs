//! Supplement later (S002 二(二)2): what a complainant may add after submitting, told once, each
//! item with the reasonable period the pack gives — counted on the working-day calendar from the
//! day of submission.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::civil::end_of_day;
use crate::calendar::Calendar;
use crate::error::EngineError;
use crate::finding::Bilingual;
use crate::pack::Pack;
use crate::validate::Gap;

/// One item to supplement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplement {
    /// Pointer of the missing field (`/evidence` for materials and evidence items).
    pub path: String,
    /// What to add.
    pub item: Bilingual,
    /// 24:00 (UTC+08:00) of the last working day of the pack's period.
    pub due_at: DateTime<FixedOffset>,
    /// Clause id of the rule asking for it.
    pub clause: String,
}

/// The supplements for `gaps` of a case submitted on `submitted` (its day in UTC+08:00): each
/// due at the end of the pack's `supplement.working_days`-th working day after that day. Empty
/// when there is nothing to add; an item listed twice is listed once.
pub fn list(
    pack: &Pack,
    gaps: Vec<Gap>,
    submitted: NaiveDate,
) -> Result<Vec<Supplement>, EngineError> {
    let Some(policy) = pack.supplement.as_ref().filter(|_| !gaps.is_empty()) else {
        return Ok(Vec::new());
    };
    let last = Calendar::for_pack(pack)?.add_working_days(submitted, policy.working_days)?.value;
    let due_at = end_of_day(last).ok_or_else(|| EngineError::Option {
        name: "submitted_at".into(),
        detail: format!("{last} is out of range"),
    })?;
    let mut out: Vec<Supplement> = Vec::with_capacity(gaps.len());
    for g in gaps {
        if !out.iter().any(|s| s.path == g.path && s.item == g.item) {
            out.push(Supplement { path: g.path, item: g.item, due_at, clause: g.clause });
        }
    }
    Ok(out)
}
