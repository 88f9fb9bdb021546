//! Semantic checks of the pack's `handling` section (called from pack loading): every clause id
//! exists, every code has a message, ids are unique, periods are usable.

use std::collections::BTreeSet;

use super::codes;
use super::record::TYPES;
use crate::deadline::Period;
use crate::error::PackProblem;
use crate::pack::Pack;

/// Every problem of the section; none when the pack has no `handling` section.
pub fn check_pack(pack: &Pack) -> Vec<PackProblem> {
    let Some(p) = &pack.handling else { return Vec::new() };
    let mut problems = Vec::new();
    let mut problem = |path: String, detail: String| problems.push(PackProblem { path, detail });
    let l = &p.limits;
    let limits = [
        ("acknowledge", l.acknowledge.as_ref()),
        ("accept", l.accept.as_ref()),
        ("resolve", Some(&l.resolve)),
        ("notify_result", l.notify_result.as_ref()),
        ("review_window", l.review_window.as_ref()),
        ("review_decide", l.review_decide.as_ref()),
        ("notify_review_result", l.notify_review_result.as_ref()),
    ];
    let mut clauses: Vec<(String, &str)> = vec![
        ("/handling/record_clause".into(), p.record_clause.as_str()),
        ("/handling/extension/clause".into(), p.extension.clause.as_str()),
        ("/handling/archive/clause".into(), p.archive.clause.as_str()),
    ];
    let optional = [
        ("progress/clause", p.progress.as_ref().map(|r| r.clause.as_str())),
        ("supplement/clause", p.supplement.as_ref().map(|r| r.clause.as_str())),
        ("supplement/period_clause", p.supplement.as_ref().map(|r| r.period_clause.as_str())),
        ("rejection/clause", p.rejection.as_ref().map(|r| r.clause.as_str())),
        ("result/clause", p.result.as_ref().map(|r| r.clause.as_str())),
        ("review/clause", p.review.as_ref().map(|r| r.clause.as_str())),
        ("review/human_clause", p.review.as_ref().and_then(|r| r.human_clause.as_deref())),
        (
            "review/remedies/clause",
            p.review.as_ref().and_then(|r| r.remedies.as_ref()).map(|r| r.clause.as_str()),
        ),
        ("compensation/clause", p.compensation.as_ref().map(|r| r.clause.as_str())),
        (
            "compensation/at_threshold_clause",
            p.compensation.as_ref().map(|r| r.at_threshold_clause.as_str()),
        ),
    ];
    for (name, id) in optional {
        if let Some(id) = id {
            clauses.push((format!("/handling/{name}"), id));
        }
    }
    for (name, rule) in limits {
        let Some(rule) = rule else { continue };
        clauses.push((format!("/handling/limits/{name}/clause"), rule.clause.as_str()));
        if rule.period == Period::WorkingDays(0) {
            problem(
                format!("/handling/limits/{name}/period"),
                "working_days must be at least 1".into(),
            );
        }
    }
    if let Some(r) = &p.recusal {
        clauses.push(("/handling/recusal/clause".into(), r.clause.as_str()));
    }
    if let Some(m) = &p.mediation {
        clauses.push(("/handling/mediation/clause".into(), m.clause.as_str()));
        clauses.push(("/handling/mediation/agreement_clause".into(), m.agreement_clause.as_str()));
        clauses
            .push(("/handling/mediation/performance_clause".into(), m.performance_clause.as_str()));
    }
    for (i, r) in p.retention.iter().enumerate() {
        clauses.push((format!("/handling/retention/{i}/clause"), r.clause.as_str()));
        if !TYPES.contains(&r.from.as_str()) {
            problem(
                format!("/handling/retention/{i}/from"),
                format!("unknown event type {:?}", r.from),
            );
        }
    }
    let mut ids = BTreeSet::new();
    for (i, ob) in p.obligations.iter().enumerate() {
        clauses.push((format!("/handling/obligations/{i}/clause"), ob.clause.as_str()));
        if !ids.insert(ob.id.as_str()) {
            problem(format!("/handling/obligations/{i}/id"), format!("duplicate id {:?}", ob.id));
        }
        let kinds = ob.when.event.iter().map(|m| m.kind.as_str()).chain([ob.needs.kind.as_str()]);
        for kind in kinds.chain(ob.before.iter().map(String::as_str)) {
            if !TYPES.contains(&kind) {
                problem(
                    format!("/handling/obligations/{i}"),
                    format!("unknown event type {kind:?}"),
                );
            }
        }
    }
    let mut items = BTreeSet::new();
    for (i, item) in p.archive.contents.iter().enumerate() {
        if !items.insert(item.id.as_str()) {
            problem(
                format!("/handling/archive/contents/{i}/id"),
                format!("duplicate id {:?}", item.id),
            );
        }
    }
    for (path, id) in clauses {
        problems.extend(pack.unknown_clause(path, id));
    }
    for code in codes::ALL {
        if !pack.messages.contains_key(*code) {
            problems.push(PackProblem {
                path: "/messages".into(),
                detail: format!("no message for code {code:?}"),
            });
        }
    }
    problems
}
