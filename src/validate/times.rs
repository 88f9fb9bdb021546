//! Time ordering: e.g. occurred ≤ submitted ≤ now, with the pack's clock-skew tolerance.
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use chrono::{DateTime, Duration, FixedOffset};

use crate::pack::load::NOW;
use crate::pack::Pack;
use crate::validate::codes;
use crate::validate::context::Context;

fn time_at(ctx: &Context<'_>, pointer: &str) -> Option<DateTime<FixedOffset>> {
    if pointer == NOW {
        return Some(ctx.now);
    }
    ctx.text(pointer).and_then(|t| DateTime::parse_from_rfc3339(t).ok())
}

/// Chronology rule `i`. Times that do not parse are left to the format rules.
pub(super) fn chronology(ctx: &mut Context<'_>, i: usize) {
    // A pack's skew beyond chrono's range is clamped, never a panic.
    let skew = Duration::try_seconds(ctx.pack.limits.clock_skew_seconds).unwrap_or(Duration::MAX);
    let Some(rule) = ctx.pack.chronology.get(i) else { return };
    let (Some(earlier), Some(later)) = (time_at(ctx, &rule.earlier), time_at(ctx, &rule.later))
    else {
        return;
    };
    // A time too close to the end of chrono's range to add the skew to is never "too late".
    if later.checked_add_signed(skew).is_some_and(|limit| earlier > limit) {
        // Report at the field the user can change: the non-`$now` side, preferring `earlier`.
        let path = if rule.earlier == NOW { &rule.later } else { &rule.earlier };
        let other = if rule.later == NOW {
            ctx.pack.message(codes::TIME_NOW_LABEL)
        } else {
            ctx.pack.field_label(&rule.later).into_owned()
        };
        ctx.error(codes::TIME_ORDER, path, &rule.clause, &[("other", other)]);
    }
}

/// What chronology rule `i` reads: its two times (`$now` is fixed for a run and matches no field).
pub(super) fn chronology_reads(pack: &Pack, i: usize) -> Vec<&str> {
    let times = pack
        .chronology
        .get(i)
        .map(|r| [r.earlier.as_str(), r.later.as_str()])
        .into_iter()
        .flatten();
    times.filter(|t| *t != NOW).collect()
}
