//! The time limits of the lifecycle: acknowledgement, acceptance, resolution with its
//! extensions and progress notices, the result notice, the review window, decision and notice,
//! and the complainant's supplement period.

use chrono::{DateTime, FixedOffset};

use super::codes;
use super::context::Ctx;
use super::record::Kind;
use crate::deadline::Period;
use crate::error::EngineError;
use crate::finding::{Audience, Bilingual, Severity};

/// Runs every limit.
pub fn check(ctx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let limits = ctx.policy.limits.clone();
    if let Some(submitted) = ctx.facts.submitted_at {
        if let Some(rule) = &limits.acknowledge {
            let ack = ctx.first("acknowledged").map(|(i, e)| (i, e.at));
            ctx.limit(rule, "acknowledge", submitted, 0, ack, Audience::Handler)?;
        }
        if let Some(rule) = &limits.accept {
            let decided = ctx
                .events
                .iter()
                .enumerate()
                .find(|(_, e)| matches!(e.kind, Kind::Accepted | Kind::Rejected))
                .map(|(i, e)| (i, e.at));
            if let Some(start) = acceptance_start(ctx, submitted, decided.map(|(i, _)| i)) {
                ctx.limit(rule, "decide_acceptance", start, 0, decided, Audience::Handler)?;
            }
        }
    }
    supplement_request(ctx)?;
    supplement_period(ctx)?;
    if let Some((_, accepted)) = ctx.first("accepted").map(|(i, e)| (i, e.at)) {
        resolution(ctx, accepted)?;
    }
    let closing = ctx.first("resolved").or_else(|| ctx.first("rejected")).map(|(i, e)| (i, e.at));
    let resolved = ctx.first("resolved").map(|(i, e)| (i, e.at));
    if let (Some((ri, resolved_at)), Some(rule)) = (resolved, &limits.notify_result) {
        let told = ctx.first_after("result_notified", ri).map(|(i, e)| (i, e.at));
        ctx.limit(rule, "notify_result", resolved_at, 0, told, Audience::Handler)?;
    }
    if let Some((ci, closed_at)) = closing {
        let from = ctx.first_after("result_notified", ci).map_or(closed_at, |(_, e)| e.at);
        review(ctx, ci, from)?;
    }
    Ok(())
}

/// When the acceptance limit runs from: submission, or — when materials were asked for before
/// the decision — the time they were supplied, or the end of the complainant's period if they
/// were not; `None` while the complainant's period is still running (the decision waits on them).
fn acceptance_start(
    ctx: &Ctx<'_>,
    submitted: DateTime<FixedOffset>,
    decided: Option<usize>,
) -> Option<DateTime<FixedOffset>> {
    let end = decided.unwrap_or(usize::MAX);
    let Some((ri, due_at)) =
        ctx.events.iter().enumerate().take(end).find_map(|(i, e)| match e.kind {
            Kind::SupplementRequested { due_at, .. } => Some((i, due_at)),
            _ => None,
        })
    else {
        return Some(submitted);
    };
    let supplied = ctx
        .events
        .iter()
        .skip(ri)
        .filter(|e| matches!(e.kind, Kind::Supplemented { .. }))
        .map(|e| e.at)
        .next_back();
    supplied.or((ctx.now >= due_at).then_some(due_at))
}

/// The resolution limit from acceptance, lengthened by the extensions that count, and the
/// progress notice of a complex case.
fn resolution(ctx: &mut Ctx<'_>, accepted: DateTime<FixedOffset>) -> Result<(), EngineError> {
    let rule = ctx.policy.limits.resolve.clone();
    let ext = ctx.policy.extension.clone();
    let day = accepted.date_naive();
    let resolved = ctx.first("resolved").map(|(i, e)| (i, e.at));
    let original_due = ctx.due(accepted, rule.period, 0)?;
    let mut due = original_due;
    let mut extra: u32 = 0;
    let grants: Vec<_> = ctx
        .all(|k| matches!(k, Kind::ExtensionGranted { .. }))
        .filter(|(i, _)| resolved.is_none_or(|(ri, _)| *i < ri))
        .map(|(i, e)| (i, e.at, e.kind.clone()))
        .collect();
    for (i, at, kind) in grants {
        let Kind::ExtensionGranted { working_days, approved_by, consent_at } = kind else {
            continue;
        };
        let path = format!("/events/{i}");
        let due_text = Bilingual::same(due.format("%Y-%m-%d %H:%M").to_string());
        if approved_by.as_deref().is_none_or(|a| a.trim().is_empty()) {
            ctx.finding(
                codes::EXTENSION_UNAPPROVED,
                format!("{path}/approved_by"),
                &ext.clause,
                day,
                &[],
            );
            continue;
        }
        if at >= due {
            ctx.finding(
                codes::EXTENSION_LATE,
                format!("{path}/at"),
                &ext.clause,
                day,
                &[("due", due_text)],
            );
            continue;
        }
        let within_cap = ext.cap_working_days.saturating_sub(extra).min(working_days);
        let consented = consent_at.is_some_and(|c| c < due);
        if within_cap < working_days && !consented {
            let cap = Bilingual::same(ext.cap_working_days.to_string());
            ctx.finding(
                codes::EXTENSION_NEEDS_CONSENT,
                format!("{path}/consent_at"),
                &ext.clause,
                day,
                &[("cap", cap), ("due", due_text)],
            );
            extra = extra.saturating_add(within_cap);
        } else {
            extra = extra.saturating_add(working_days);
        }
        due = ctx.due(accepted, rule.period, extra)?;
    }
    ctx.limit(&rule, "resolve", accepted, extra, resolved, Audience::Handler)?;
    progress(ctx, accepted, original_due, extra > 0, resolved.map(|(_, at)| at))
}

/// A case still open at the pack's complex mark (or extended) needs a progress notice with the
/// expected completion before the original due time.
fn progress(
    ctx: &mut Ctx<'_>,
    accepted: DateTime<FixedOffset>,
    original_due: DateTime<FixedOffset>,
    extended: bool,
    resolved: Option<DateTime<FixedOffset>>,
) -> Result<(), EngineError> {
    let Some(rule) = ctx.policy.progress.clone() else { return Ok(()) };
    let mark = ctx.due(accepted, Period::WorkingDays(rule.complex_after_working_days), 0)?;
    let end = resolved.unwrap_or(ctx.now);
    if !extended && end < mark {
        return Ok(());
    }
    let notified = ctx.events.iter().any(|e| {
        matches!(e.kind, Kind::ProgressNotified { expected_by: Some(_) }) && e.at <= original_due
    });
    if notified {
        return Ok(());
    }
    let day = accepted.date_naive();
    if end >= original_due {
        let due = Bilingual::same(original_due.format("%Y-%m-%d %H:%M").to_string());
        ctx.finding(codes::PROGRESS_MISSING, String::new(), &rule.clause, day, &[("due", due)]);
    }
    if resolved.is_none() {
        ctx.action("notify_progress", Some(original_due), &rule.clause, Audience::Handler, day)?;
    }
    Ok(())
}

/// The complainant's review window from the result notice, then the review decision and its
/// notice.
fn review(
    ctx: &mut Ctx<'_>,
    closed: usize,
    from: DateTime<FixedOffset>,
) -> Result<(), EngineError> {
    let limits = ctx.policy.limits.clone();
    let day = from.date_naive();
    let Some(window) = limits.review_window else { return Ok(()) };
    let window_end = ctx.due(from, window.period, 0)?;
    let Some((qi, asked)) = ctx.first_after("review_requested", closed).map(|(i, e)| (i, e.at))
    else {
        if ctx.now < window_end && ctx.first("archived").is_none() {
            let clause = window.clause.clone();
            ctx.action("request_review", Some(window_end), &clause, Audience::Complainant, day)?;
        }
        return Ok(());
    };
    if asked > window_end {
        let due = Bilingual::same(window_end.format("%Y-%m-%d %H:%M").to_string());
        ctx.push(
            codes::REVIEW_REQUEST_LATE,
            format!("/events/{qi}/at"),
            Severity::Warning,
            Audience::Complainant,
            &window.clause,
            day,
            &[("due", due)],
        );
    }
    let decided = ctx.first_after("review_decided", qi).map(|(i, e)| (i, e.at));
    if let Some(rule) = &limits.review_decide {
        ctx.limit(rule, "decide_review", asked, 0, decided, Audience::Handler)?;
    }
    if let (Some((di, decided_at)), Some(rule)) = (decided, &limits.notify_review_result) {
        let told = ctx.first_after("result_notified", di).map(|(i, e)| (i, e.at));
        ctx.limit(rule, "notify_review_result", decided_at, 0, told, Audience::Handler)?;
    }
    Ok(())
}

/// Each supplement request gives at least the pack's reasonable period; while one is open the
/// complainant's next step is to supply the items by its due time.
fn supplement_period(ctx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let Some(rule) = ctx.policy.supplement.clone() else { return Ok(()) };
    let requests: Vec<_> = ctx
        .all(|k| matches!(k, Kind::SupplementRequested { .. }))
        .map(|(i, e)| (i, e.at, e.kind.clone()))
        .collect();
    for (i, at, kind) in requests {
        let Kind::SupplementRequested { items, due_at } = kind else { continue };
        let day = at.date_naive();
        let least = ctx.due(at, Period::WorkingDays(rule.min_working_days), 0)?;
        if due_at < least {
            let args = [
                ("min", Bilingual::same(rule.min_working_days.to_string())),
                ("due", Bilingual::same(least.format("%Y-%m-%d %H:%M").to_string())),
            ];
            ctx.finding(
                codes::SUPPLEMENT_PERIOD_SHORT,
                format!("/events/{i}/due_at"),
                &rule.period_clause,
                day,
                &args,
            );
        }
        let supplied: Vec<&String> = ctx
            .all(|k| matches!(k, Kind::Supplemented { .. }))
            .filter(|(j, _)| *j > i)
            .flat_map(|(_, e)| match &e.kind {
                Kind::Supplemented { items } => items.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect();
        let open = items.iter().any(|item| !supplied.contains(&item));
        let closed = ctx
            .events
            .iter()
            .skip(i)
            .any(|e| matches!(e.kind, Kind::Rejected | Kind::Resolved { .. }));
        if open && !closed && ctx.now < due_at {
            ctx.action("supplement", Some(due_at), &rule.clause, Audience::Complainant, day)?;
        }
    }
    Ok(())
}

/// 一次性告知 (S002 二(二)2), the handler's side: what the case lacks is asked for before the
/// acceptance decision — a `request_supplement` action until a request is recorded (due with the
/// decision), and a warning for each item still never asked for once the case is decided or a
/// request was made without it (unless the complainant added it unasked).
fn supplement_request(ctx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let Some(clause) = ctx.policy.supplement.as_ref().map(|s| s.clause.clone()) else {
        return Ok(());
    };
    let mut asked: Vec<&String> = Vec::new();
    let mut first_request = None;
    for (i, e) in ctx.events.iter().enumerate() {
        match &e.kind {
            Kind::SupplementRequested { items, .. } => {
                first_request = first_request.or(Some((i, e.at)));
                asked.extend(items);
            }
            Kind::Supplemented { items } => asked.extend(items),
            _ => {}
        }
    }
    let never_asked: Vec<Bilingual> = ctx
        .facts
        .supplements
        .iter()
        .filter(|(missing, _)| !asked.iter().any(|item| covers(missing, item)))
        .map(|(path, what)| Bilingual {
            zh: format!("{}（{path}）", what.zh),
            en: format!("{} ({path})", what.en),
        })
        .collect();
    if never_asked.is_empty() {
        return Ok(());
    }
    let decided = ctx
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| matches!(e.kind, Kind::Accepted | Kind::Rejected | Kind::Resolved { .. }))
        .map(|(i, e)| (i, e.at));
    let at = match (first_request, decided) {
        (Some((i, at)), _) => Some((format!("/events/{i}/items"), at)),
        (None, Some((i, at))) => Some((format!("/events/{i}"), at)),
        (None, None) => None,
    };
    if let Some((path, at)) = at {
        for item in never_asked {
            let args = [("item", item)];
            let day = at.date_naive();
            let code = codes::SUPPLEMENT_NOT_REQUESTED;
            ctx.push(code, path.clone(), Severity::Warning, Audience::Handler, &clause, day, &args);
        }
        return Ok(());
    }
    let Some(submitted) = ctx.facts.submitted_at else { return Ok(()) };
    let due = match ctx.policy.limits.accept.as_ref().map(|rule| rule.period) {
        Some(period) => Some(ctx.due(submitted, period, 0)?),
        None => None,
    };
    ctx.action("request_supplement", due, &clause, Audience::Handler, submitted.date_naive())
}

/// Whether a requested or supplied pointer `item` covers the missing pointer `missing` (the same
/// value, a part of it, or a value containing it).
fn covers(missing: &str, item: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner.strip_prefix(outer).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    inside(missing, item) || inside(item, missing)
}
