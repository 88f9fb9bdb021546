//! The stage machine: which events need which before them, the stage each event leads to, the
//! order and dating of the record, and the timeline of stages.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::codes;
use super::context::Ctx;
use super::record::Event;
use crate::finding::{Audience, Bilingual, Severity};

/// Event types that need one of the listed types earlier in the record.
const NEEDS: &[(&str, &[&str])] = &[
    ("supplemented", &["supplement_requested"]),
    ("assigned", &["accepted"]),
    ("extension_granted", &["accepted"]),
    ("progress_notified", &["accepted"]),
    ("compensation_offered", &["accepted"]),
    ("compensation_approved", &["compensation_offered"]),
    ("resolved", &["accepted"]),
    ("result_notified", &["resolved", "rejected", "review_decided"]),
    ("review_requested", &["resolved", "rejected"]),
    ("review_decided", &["review_requested"]),
    ("mediation_held", &["accepted"]),
    ("agreement_signed", &["mediation_held"]),
    ("agreement_checked", &["agreement_signed"]),
    ("follow_up", &["resolved", "rejected"]),
    ("archived", &["resolved", "rejected"]),
    ("records_purged", &["archived"]),
];

/// What may still be recorded once the file is archived.
const AFTER_ARCHIVE: &[&str] = &["records_purged", "litigation_filed", "escalated"];

/// The stage an event leads to (`None`: the stage does not change).
fn stage_after(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "acknowledged" => "acknowledged",
        "accepted" => "accepted",
        "rejected" => "rejected",
        "supplement_requested" => "awaiting_supplement",
        "assigned" => "investigating",
        "mediation_held" | "agreement_signed" | "agreement_checked" => "mediation",
        "resolved" => "resolved",
        "result_notified" => "notified",
        "review_requested" => "under_review",
        "review_decided" => "reviewed",
        "litigation_filed" => "litigation",
        "follow_up" => "followed_up",
        "archived" => "archived",
        "records_purged" => "purged",
        _ => return None,
    })
}

/// The stage before any event.
pub const SUBMITTED: &str = "submitted";

/// One event on the timeline, with the stage it left the case in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// Index in the record.
    pub index: usize,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The recorder's role.
    pub role: String,
    /// The stage after it.
    pub stage: String,
}

/// Checks order and dates, and returns the timeline; the stage is the last item's (or
/// `submitted`).
pub fn walk(ctx: &mut Ctx<'_>) -> Vec<TimelineItem> {
    let mut stage = SUBMITTED.to_string();
    let mut before_supplement = stage.clone();
    let mut items = Vec::with_capacity(ctx.events.len());
    let clause = ctx.policy.record_clause.clone();
    let events: Vec<Event> = ctx.events.to_vec();
    for (i, e) in events.iter().enumerate() {
        let day = e.at.date_naive();
        let path = format!("/events/{i}");
        let earlier = events.get(..i).unwrap_or_default();
        let args = [("event", Bilingual::same(e.kind_name.clone()))];
        if let Some(prev) = earlier.last().filter(|p| e.at < p.at) {
            let when = Bilingual::same(prev.at.format("%Y-%m-%d %H:%M").to_string());
            ctx.finding(
                codes::TIME_REVERSED,
                format!("{path}/at"),
                &clause,
                day,
                &[("event", Bilingual::same(e.kind_name.clone())), ("previous", when)],
            );
        }
        if ctx.facts.submitted_at.is_some_and(|s| e.at < s) {
            ctx.finding(codes::BEFORE_SUBMISSION, format!("{path}/at"), &clause, day, &args);
        }
        let skew = chrono::Duration::seconds(ctx.pack.limits.clock_skew_seconds);
        if ctx.now.checked_add_signed(skew).is_some_and(|latest| e.at > latest) {
            ctx.push(
                codes::IN_FUTURE,
                format!("{path}/at"),
                Severity::Error,
                Audience::Handler,
                &clause,
                day,
                &args,
            );
        }
        let needs = NEEDS.iter().find(|(k, _)| *k == e.kind_name).map(|(_, n)| *n);
        let missing_need =
            needs.is_some_and(|n| !earlier.iter().any(|p| n.contains(&p.kind_name.as_str())));
        let after_close = earlier.iter().any(|p| p.kind_name == "records_purged")
            || (earlier.iter().any(|p| p.kind_name == "archived")
                && !AFTER_ARCHIVE.contains(&e.kind_name.as_str()));
        if missing_need || after_close {
            let need = needs.map(|n| n.join(" | ")).unwrap_or_else(|| "—".into());
            ctx.finding(
                codes::OUT_OF_ORDER,
                path,
                &clause,
                day,
                &[
                    ("event", Bilingual::same(e.kind_name.clone())),
                    ("needs", Bilingual::same(need)),
                ],
            );
        }
        match (e.kind_name.as_str(), stage_after(&e.kind_name)) {
            ("supplemented", _) => stage = before_supplement.clone(),
            ("supplement_requested", Some(next)) => {
                if stage != next {
                    before_supplement = stage.clone();
                }
                stage = next.to_string();
            }
            (_, Some(next)) => stage = next.to_string(),
            (_, None) => {}
        }
        items.push(TimelineItem {
            index: i,
            kind: e.kind_name.clone(),
            at: e.at,
            role: e.by.role.clone(),
            stage: stage.clone(),
        });
    }
    items
}
