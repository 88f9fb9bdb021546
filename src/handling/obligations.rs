//! The pack's generic obligations: when a condition holds (category, severity, flag, or an
//! event), a given event must be recorded — before the listed later steps, and within a limit
//! when the pack gives one. Reports to risk control, escalations, IT checks, follow-up visits and
//! performance checks are all written this way in the packs.

use serde_json::Value;

use super::codes;
use super::context::Ctx;
use super::policy::{EventMatch, LimitRule, Obligation};
use super::record::Event;
use crate::error::EngineError;
use crate::finding::Bilingual;

/// Whether `event` matches: same type, and every listed field equals the value — for a list
/// field, holds the value (or every value of a list).
pub fn matches(m: &EventMatch, event: &Event) -> bool {
    m.kind == event.kind_name
        && m.fields.iter().all(|(pointer, want)| match event.raw.pointer(pointer) {
            Some(Value::Array(items)) => match want {
                Value::Array(all) => all.iter().all(|w| items.contains(w)),
                one => items.contains(one),
            },
            Some(v) => v == want,
            None => false,
        })
}

/// Checks every obligation of the pack.
pub fn check(ctx: &mut Ctx<'_>) -> Result<(), EngineError> {
    for ob in ctx.policy.obligations.clone() {
        one(ctx, &ob)?;
    }
    Ok(())
}

/// One obligation: a finding at the first listed later step recorded before it was met; while
/// it is open (and the file not archived), its next action, with its limit when it has one.
fn one(ctx: &mut Ctx<'_>, ob: &Obligation) -> Result<(), EngineError> {
    let w = &ob.when;
    let applies = (w.categories.is_empty() || w.categories.contains(&ctx.facts.category))
        && w.severity.as_ref().is_none_or(|s| *s == ctx.facts.severity)
        && w.flag.as_ref().is_none_or(|f| ctx.facts.flags.contains(f));
    if !applies {
        return Ok(());
    }
    let trigger = match &w.event {
        Some(m) => match ctx.events.iter().enumerate().find(|(_, e)| matches(m, e)) {
            Some((i, e)) => Some((i, e.at)),
            None => return Ok(()),
        },
        None => None,
    };
    let from = trigger.map_or(0, |(i, _)| i);
    let start = trigger
        .map(|(_, at)| at)
        .or_else(|| ctx.first("accepted").map(|(_, e)| e.at))
        .or(ctx.facts.submitted_at);
    let Some(start) = start else { return Ok(()) };
    let day = start.date_naive();
    let done = ctx
        .events
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, e)| matches(&ob.needs, e))
        .map(|(i, e)| (i, e.at));
    let breach = ctx
        .events
        .iter()
        .enumerate()
        .skip(from)
        .take_while(|(i, _)| done.is_none_or(|(d, _)| *i < d))
        .find(|(_, e)| ob.before.contains(&e.kind_name))
        .map(|(i, e)| (i, e.kind_name.clone()));
    if let Some((bi, before)) = &breach {
        let args = [("duty", ob.duty.clone()), ("before", Bilingual::same(before.clone()))];
        ctx.finding(codes::OBLIGATION_MISSING, format!("/events/{bi}"), &ob.clause, day, &args);
    }
    let archived = ctx.first("archived").is_some();
    match ob.within {
        Some(period) if done.is_some() || !archived => {
            let rule = LimitRule { name: ob.duty.clone(), period, clause: ob.clause.clone() };
            ctx.limit(&rule, &ob.action, start, 0, done, ob.audience)?;
        }
        None if done.is_none() && !archived => {
            ctx.action(&ob.action, None, &ob.clause, ob.audience, day)?;
        }
        _ => {}
    }
    Ok(())
}
