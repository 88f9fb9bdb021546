//! What the events must say: reasons and basis, one-time supplement notices, the reviewer and
//! the human decision, compensation approval by amount, recusal, mediation and agreements, the
//! archive's contents and the retention period.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::codes;
use super::context::Ctx;
use super::policy::FieldsRule;
use super::record::{Kind, Target};
use crate::error::EngineError;
use crate::finding::{Audience, Bilingual, Severity};
use crate::money::Fen;

/// The compensation route the offered amount takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompensationRoute {
    /// The amount offered, in yuan with two decimals.
    pub amount: String,
    /// Roles that may approve it.
    pub approvers: Vec<String>,
    /// Who must be told.
    pub notify: Vec<String>,
    /// Clause id.
    pub clause: String,
}

/// A finding noted while reading the events, added once the reading is done.
struct Hit {
    code: &'static str,
    path: String,
    clause: String,
    day: chrono::NaiveDate,
    args: Vec<(&'static str, Bilingual)>,
}

/// Runs every content check; returns the compensation route, if any.
pub fn check(ctx: &mut Ctx<'_>, case: &Value) -> Result<Option<CompensationRoute>, EngineError> {
    let policy = ctx.policy;
    if let Some(rule) = &policy.rejection {
        fields(ctx, "rejected", rule);
    }
    if let Some(rule) = &policy.result {
        fields(ctx, "resolved", rule);
    }
    one_time_notice(ctx, case);
    review(ctx);
    recusal(ctx);
    mediation(ctx);
    archive(ctx);
    retention(ctx)?;
    compensation(ctx)
}

/// Every event of type `kind` fills in the rule's payload fields.
fn fields(ctx: &mut Ctx<'_>, kind: &str, rule: &FieldsRule) {
    let hits: Vec<(usize, String, chrono::NaiveDate)> = ctx
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind_name == kind)
        .filter_map(|(i, e)| {
            let missing: Vec<&str> = rule
                .required
                .iter()
                .filter(|f| e.raw.get(f.as_str()).is_none_or(is_empty))
                .map(String::as_str)
                .collect();
            (!missing.is_empty()).then(|| (i, missing.join(", "), e.at.date_naive()))
        })
        .collect();
    for (i, missing, day) in hits {
        let args = [("event", Bilingual::same(kind)), ("fields", Bilingual::same(missing))];
        ctx.finding(codes::FIELDS_MISSING, format!("/events/{i}"), &rule.clause, day, &args);
    }
}

/// Null, an empty or blank string, an empty list or object.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// 一次性告知: a later request may not ask for what was already missing at the first; the case
/// may not be closed while a request's due time runs and its items are not all supplied.
fn one_time_notice(ctx: &mut Ctx<'_>, case: &Value) {
    let Some(clause) = ctx.policy.supplement.as_ref().map(|s| s.clause.clone()) else { return };
    let requests: Vec<(usize, chrono::DateTime<chrono::FixedOffset>, Vec<String>, _)> = ctx
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match &e.kind {
            Kind::SupplementRequested { items, due_at } => Some((i, e.at, items.clone(), *due_at)),
            _ => None,
        })
        .collect();
    let supplied = |from: usize, to: usize| -> Vec<String> {
        ctx.events
            .iter()
            .enumerate()
            .filter(|(j, _)| *j >= from && *j < to)
            .filter_map(|(_, e)| match &e.kind {
                Kind::Supplemented { items } => Some(items.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let mut hits = Vec::new();
    if let Some((first, first_at, first_items, _)) = requests.first() {
        let before_first = supplied(0, *first);
        let supplied_later = supplied(*first, usize::MAX);
        for (i, _, items, _) in requests.iter().skip(1) {
            for (k, item) in items.iter().enumerate() {
                let was_missing = !before_first.contains(item)
                    && (case.pointer(item).is_none_or(is_empty) || supplied_later.contains(item));
                if !first_items.contains(item) && was_missing {
                    hits.push((
                        format!("/events/{i}/items/{k}"),
                        item.clone(),
                        first_at.date_naive(),
                    ));
                }
            }
        }
    }
    let closes: Vec<(usize, chrono::DateTime<chrono::FixedOffset>)> = ctx
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, Kind::Rejected | Kind::Resolved { .. }))
        .map(|(i, e)| (i, e.at))
        .collect();
    let mut early = Vec::new();
    for (ci, closed_at) in closes {
        let running = requests.iter().find(|(ri, _, items, due_at)| {
            *ri < ci
                && *due_at > closed_at
                && items.iter().any(|item| !supplied(*ri, ci).contains(item))
        });
        if let Some((_, at, _, due_at)) = running {
            let due = Bilingual::same(due_at.format("%Y-%m-%d %H:%M").to_string());
            early.push((format!("/events/{ci}"), due, at.date_naive()));
        }
    }
    for (path, item, day) in hits {
        ctx.finding(
            codes::SUPPLEMENT_REPEATED,
            path,
            &clause,
            day,
            &[("item", Bilingual::same(item))],
        );
    }
    for (path, due, day) in early {
        ctx.finding(codes::CLOSED_BEFORE_SUPPLEMENT_DUE, path, &clause, day, &[("due", due)]);
    }
}

/// The reviewer is higher or independent; a human decides when one was asked for after an
/// automated decision; the final notice names the external remedies where the pack says so.
fn review(ctx: &mut Ctx<'_>) {
    let Some(rule) = ctx.policy.review.clone() else { return };
    let automated = ctx
        .events
        .iter()
        .find_map(|e| match e.kind {
            Kind::Resolved { automated } => Some(automated),
            _ => None,
        })
        .flatten();
    let mut out = Vec::new();
    for (i, e) in ctx.events.iter().enumerate() {
        let Kind::ReviewDecided { reviewer_relation, human } = &e.kind else { continue };
        let request =
            ctx.events.get(..i).unwrap_or_default().iter().rev().find_map(|r| match r.kind {
                Kind::ReviewRequested { human_requested } => Some((r.at, human_requested)),
                _ => None,
            });
        let day = request.map_or(e.at, |(at, _)| at).date_naive();
        let relation = serde_json::to_value(reviewer_relation)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if !rule.allowed_relations.contains(&relation) {
            out.push((
                codes::REVIEWER_NOT_INDEPENDENT,
                format!("/events/{i}/reviewer_relation"),
                rule.clause.clone(),
                day,
            ));
        }
        let asked_human = request.is_some_and(|(_, h)| h);
        if let Some(clause) = rule.human_clause.clone().filter(|_| asked_human && !human) {
            if automated != Some(false) {
                out.push((codes::HUMAN_REVIEW_MISSING, format!("/events/{i}/human"), clause, day));
            }
        }
        if let Some(remedies) = &rule.remedies {
            let notice = ctx.events.iter().enumerate().skip(i).find_map(|(j, n)| match &n.kind {
                Kind::ResultNotified { remedies } => Some((j, remedies.clone())),
                _ => None,
            });
            if let Some((j, told)) = notice {
                if !told.iter().any(|r| remedies.any_of.contains(r)) {
                    out.push((
                        codes::REMEDIES_MISSING,
                        format!("/events/{j}/remedies"),
                        remedies.clause.clone(),
                        day,
                    ));
                }
            }
        }
    }
    for (code, path, clause, day) in out {
        ctx.finding(code, path, &clause, day, &[]);
    }
}

/// S003 第八条: barred roles do not take complaints in; marketing staff and staff the complaint
/// involves do not handle it.
fn recusal(ctx: &mut Ctx<'_>) {
    let Some(rule) = ctx.policy.recusal.clone() else { return };
    let staff = ctx.facts.staff.clone().unwrap_or_default();
    let mut out = Vec::new();
    for (i, e) in ctx.events.iter().enumerate() {
        let day = e.at.date_naive();
        let takes_in = matches!(e.kind, Kind::Acknowledged | Kind::Accepted | Kind::Rejected);
        if takes_in && rule.barred_roles.contains(&e.by.role) {
            out.push((codes::RECUSAL_ROLE, format!("/events/{i}/by/role"), day, e.by.role.clone()));
        }
        if let Kind::Assigned { handler } = &e.kind {
            let role = handler.role.clone().unwrap_or_default();
            if handler.marketing || rule.barred_roles.contains(&role) {
                out.push((codes::RECUSAL_MARKETING, format!("/events/{i}/handler"), day, role));
            }
            let named =
                handler.id.as_deref().is_some_and(|id| !id.is_empty() && staff.contains(id));
            if handler.involved || named {
                out.push((
                    codes::RECUSAL_INVOLVED,
                    format!("/events/{i}/handler"),
                    day,
                    String::new(),
                ));
            }
        }
    }
    for (code, path, day, role) in out {
        ctx.finding(code, path, &rule.clause, day, &[("role", Bilingual::same(role))]);
    }
}

/// S004 四: a failed first mediation is followed by a formal one with every party the pack
/// names; an agreement is signed by every party of its mediation; a failed performance check
/// is flagged.
fn mediation(ctx: &mut Ctx<'_>) {
    let Some(rule) = ctx.policy.mediation.clone() else { return };
    let mut out: Vec<Hit> = Vec::new();
    let mut parties: Vec<String> = Vec::new();
    let mut failed_at: Option<usize> = None;
    let mut formal_held = false;
    for (i, e) in ctx.events.iter().enumerate() {
        let day = e.at.date_naive();
        match &e.kind {
            Kind::MediationHeld { parties: p, outcome } => {
                parties.clone_from(p);
                if failed_at.is_some() && rule.formal_parties.iter().all(|f| p.contains(f)) {
                    formal_held = true;
                }
                if *outcome == Some(super::record::Outcome::Failed) && failed_at.is_none() {
                    failed_at = Some(i);
                }
            }
            Kind::AgreementSigned { signed_by } => {
                let unsigned: Vec<&str> =
                    parties.iter().filter(|p| !signed_by.contains(p)).map(String::as_str).collect();
                if !unsigned.is_empty() || signed_by.is_empty() {
                    let who = Bilingual::same(unsigned.join(", "));
                    out.push(Hit {
                        code: codes::AGREEMENT_UNSIGNED,
                        path: format!("/events/{i}/signed_by"),
                        clause: rule.agreement_clause.clone(),
                        day,
                        args: vec![("parties", who)],
                    });
                }
            }
            Kind::AgreementChecked { performed: false } => {
                out.push(Hit {
                    code: codes::AGREEMENT_NOT_PERFORMED,
                    path: format!("/events/{i}"),
                    clause: rule.performance_clause.clone(),
                    day,
                    args: vec![],
                });
            }
            Kind::Resolved { .. } | Kind::Archived { .. }
                if failed_at.is_some() && !formal_held =>
            {
                let parties = Bilingual::same(rule.formal_parties.join(", "));
                out.push(Hit {
                    code: codes::FORMAL_MEDIATION_MISSING,
                    path: format!("/events/{i}"),
                    clause: rule.clause.clone(),
                    day,
                    args: vec![("parties", parties)],
                });
                failed_at = None;
            }
            _ => {}
        }
    }
    for hit in out {
        let severity = if hit.code == codes::AGREEMENT_NOT_PERFORMED {
            Severity::Warning
        } else {
            Severity::Error
        };
        ctx.push(hit.code, hit.path, severity, Audience::Handler, &hit.clause, hit.day, &hit.args);
    }
}

/// The archived file holds every item the pack lists.
fn archive(ctx: &mut Ctx<'_>) {
    let rule = ctx.policy.archive.clone();
    let mut out = Vec::new();
    for (i, e) in ctx.events.iter().enumerate() {
        let Kind::Archived { contents } = &e.kind else { continue };
        let missing: Vec<&super::policy::ArchiveItem> =
            rule.contents.iter().filter(|item| !contents.contains(&item.id)).collect();
        if !missing.is_empty() {
            let names = Bilingual {
                zh: missing.iter().map(|m| m.name.zh.as_str()).collect::<Vec<_>>().join("、"),
                en: missing.iter().map(|m| m.name.en.as_str()).collect::<Vec<_>>().join(", "),
            };
            out.push((format!("/events/{i}/contents"), e.at.date_naive(), names));
        }
    }
    for (path, day, names) in out {
        ctx.finding(codes::ARCHIVE_INCOMPLETE, path, &rule.clause, day, &[("items", names)]);
    }
}

/// Records are kept until the longest applicable retention period ends.
fn retention(ctx: &mut Ctx<'_>) -> Result<(), EngineError> {
    let Some((pi, purged)) = ctx.first("records_purged").map(|(i, e)| (i, e.at)) else {
        return Ok(());
    };
    let rules = ctx.policy.retention.clone();
    let mut longest: Option<(chrono::DateTime<chrono::FixedOffset>, String)> = None;
    for rule in &rules {
        let start = match ctx.first(&rule.from) {
            Some((_, e)) => e.at,
            None => continue,
        };
        if !ctx.in_force(&rule.clause, start.date_naive()) {
            continue;
        }
        let due = ctx.due(start, rule.period, 0)?;
        if longest.as_ref().is_none_or(|(d, _)| due > *d) {
            longest = Some((due, rule.clause.clone()));
        }
    }
    if let Some((due, clause)) = longest.filter(|(due, _)| purged < *due) {
        let args = [("due", Bilingual::same(due.format("%Y-%m-%d").to_string()))];
        ctx.finding(
            codes::PURGED_EARLY,
            format!("/events/{pi}/at"),
            &clause,
            purged.date_naive(),
            &args,
        );
    }
    Ok(())
}

/// Compensation offered in a company-fault case is approved by the role its amount's route
/// names before the case is resolved; above the threshold the named parties are told.
fn compensation(ctx: &mut Ctx<'_>) -> Result<Option<CompensationRoute>, EngineError> {
    let Some(rule) = ctx.policy.compensation.clone() else { return Ok(None) };
    if !rule.cause_classes.contains(&ctx.facts.cause_class) {
        return Ok(None);
    }
    let Some((oi, offered_at, amount)) =
        ctx.events.iter().enumerate().rev().find_map(|(i, e)| match e.kind {
            Kind::CompensationOffered { amount } => Some((i, e.at, amount)),
            _ => None,
        })
    else {
        return Ok(None);
    };
    let above = amount > Fen(rule.threshold_fen)
        || (amount == Fen(rule.threshold_fen) && rule.at_threshold_above);
    let clause = if amount == Fen(rule.threshold_fen) {
        rule.at_threshold_clause.clone()
    } else {
        rule.clause.clone()
    };
    let route = CompensationRoute {
        amount: amount.to_string(),
        approvers: if above { rule.above.clone() } else { rule.below.clone() },
        notify: if above { rule.above_notify.clone() } else { Vec::new() },
        clause: clause.clone(),
    };
    let day = offered_at.date_naive();
    let amount_text = Bilingual::same(amount.to_string());
    let approval = ctx.first_after("compensation_approved", oi).map(|(i, e)| (i, e.kind.clone()));
    let resolved = ctx.first_after("resolved", oi).map(|(i, _)| i);
    match approval {
        Some((ai, Kind::CompensationApproved { by_role }))
            if !route.approvers.contains(&by_role) =>
        {
            let args = [
                ("amount", amount_text.clone()),
                ("roles", Bilingual::same(route.approvers.join(" / "))),
            ];
            ctx.finding(
                codes::COMPENSATION_WRONG_APPROVER,
                format!("/events/{ai}/by_role"),
                &clause,
                day,
                &args,
            );
        }
        Some(_) => {}
        None => match resolved {
            Some(ri) => ctx.finding(
                codes::COMPENSATION_UNAPPROVED,
                format!("/events/{ri}"),
                &clause,
                day,
                &[("amount", amount_text.clone())],
            ),
            None => ctx.action("approve_compensation", None, &clause, Audience::Handler, day)?,
        },
    }
    let told: Vec<String> = ctx
        .events
        .iter()
        .skip(oi)
        .filter_map(|e| match e.kind {
            Kind::Escalated { to } => target_name(to),
            _ => None,
        })
        .collect();
    let untold: Vec<String> = route.notify.iter().filter(|n| !told.contains(n)).cloned().collect();
    if !untold.is_empty() {
        match resolved {
            Some(ri) => ctx.finding(
                codes::COMPENSATION_NOTIFY_MISSING,
                format!("/events/{ri}"),
                &clause,
                day,
                &[("targets", Bilingual::same(untold.join(", ")))],
            ),
            None => ctx.action("escalate", None, &clause, Audience::Handler, day)?,
        }
    }
    Ok(Some(route))
}

/// The record's name of an escalation target.
pub fn target_name(t: Target) -> Option<String> {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string))
}
