//! The proof-burden checklist (SPEC §2.4): evidence items for the category, complainant kind and
//! request type, each satisfied or missing; the platform's duty to provide records; the reversed
//! burden for durable goods; the anti-abuse note when the pack eases a burden.

use chrono::{DateTime, FixedOffset, Months};
use serde::{Deserialize, Serialize};

use super::codes;
use super::notes::{ClauseRef, Notes, Severity};
use super::policy::{EvidenceRule, Need, PreviewPolicy, ReversedBurden};
use crate::case::{Case, EvidenceKind};
use crate::classify::Classification;
use crate::engine::china_offset;
use crate::finding::Bilingual;

/// Whether an item is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    /// An attached item has one of the kinds.
    Satisfied,
    /// Nothing of these kinds is attached.
    Missing,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// Catalogue id.
    pub id: String,
    /// Display name.
    pub name: Bilingual,
    /// Kinds that satisfy it.
    pub kinds: Vec<EvidenceKind>,
    /// Required or recommended.
    pub need: Need,
    /// Satisfied or missing.
    pub status: ItemStatus,
    /// Why it is asked for.
    pub reason: Bilingual,
    /// The clause behind it.
    pub clause: ClauseRef,
}

/// Builds the checklist and adds the burden findings to `notes`.
pub(crate) fn build(
    notes: &mut Notes,
    policy: &PreviewPolicy,
    case: &Case,
    classification: &Classification,
    now: DateTime<FixedOffset>,
) -> Vec<ChecklistItem> {
    let applicable: Vec<&EvidenceRule> =
        policy.evidence.iter().filter(|r| applies(r, case, classification)).collect();
    let attached: Vec<EvidenceKind> = case.evidence.iter().filter_map(|e| e.kind).collect();
    let items: Vec<ChecklistItem> = applicable
        .iter()
        .map(|r| ChecklistItem {
            id: r.id.clone(),
            name: r.name.clone(),
            kinds: r.kinds.clone(),
            need: r.need,
            status: if r.kinds.iter().any(|k| attached.contains(k)) {
                ItemStatus::Satisfied
            } else {
                ItemStatus::Missing
            },
            reason: r.reason.clone(),
            clause: ClauseRef::of(notes.pack(), &r.clause),
        })
        .collect();
    for (item, rule) in items.iter().zip(&applicable) {
        if item.status == ItemStatus::Missing {
            let (code, severity) = match item.need {
                Need::Required => (codes::EVIDENCE_MISSING_REQUIRED, Severity::Warning),
                Need::Recommended => (codes::EVIDENCE_MISSING_RECOMMENDED, Severity::Info),
            };
            notes.add(
                code,
                severity,
                "/evidence",
                &rule.clause,
                &[("item", item.name.clone()), ("reason", item.reason.clone())],
            );
        }
    }
    notes.add(codes::BURDEN_PLATFORM_DUTY, Severity::Info, "", &policy.burden.platform_duty, &[]);
    if let Some(reversed) = &policy.burden.reversed {
        reversed_burden(notes, reversed, case, now);
    }
    if applicable.iter().any(|r| r.eased) {
        notes.add(codes::BURDEN_ANTI_ABUSE, Severity::Info, "", &policy.burden.anti_abuse, &[]);
    }
    items
}

fn applies(rule: &EvidenceRule, case: &Case, classification: &Classification) -> bool {
    let kind = case.complainant.as_ref().and_then(|c| c.kind);
    let request = case.request.as_ref().and_then(|r| r.kind);
    (rule.categories.is_empty() || rule.categories.contains(&classification.category.id))
        && (rule.complainant_kinds.is_empty()
            || kind.is_some_and(|k| rule.complainant_kinds.contains(&k)))
        && (rule.request_types.is_empty()
            || request.is_some_and(|r| rule.request_types.contains(&r)))
}

fn time(text: Option<&str>) -> Option<DateTime<FixedOffset>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&china_offset()))
}

/// Durable goods named in the facts or request: inside the period after delivery the seller
/// proves there was no defect. The defect counts as found at `occurred_at`, else `submitted_at`,
/// else `now`. The longest term of the pack's list that occurs is shown (电视机 over 电视,
/// 装饰装修 over 装修); among equally long ones, the first in the list.
fn reversed_burden(
    notes: &mut Notes,
    reversed: &ReversedBurden,
    case: &Case,
    now: DateTime<FixedOffset>,
) {
    let text = [case.facts.as_deref(), case.request.as_ref().and_then(|r| r.text.as_deref())];
    let found = reversed
        .goods
        .iter()
        .enumerate()
        .filter(|(_, g)| text.iter().flatten().any(|t| t.contains(g.as_str())))
        .max_by_key(|(i, g)| (g.chars().count(), std::cmp::Reverse(*i)));
    let Some((_, goods)) = found else {
        return;
    };
    let goods = Bilingual::same(goods.clone());
    let delivered = time(case.order.as_ref().and_then(|o| o.delivered_at.as_deref()));
    let Some(end) = delivered.and_then(|d| d.checked_add_months(Months::new(reversed.months)))
    else {
        notes.add(
            codes::BURDEN_DELIVERY_UNKNOWN,
            Severity::Info,
            "/order/delivered_at",
            &reversed.clause,
            &[("goods", goods)],
        );
        return;
    };
    let found = time(case.occurred_at.as_deref())
        .or_else(|| time(case.submitted_at.as_deref()))
        .unwrap_or(now);
    let code = if found <= end { codes::BURDEN_REVERSED } else { codes::BURDEN_REVERSED_EXPIRED };
    let args = [
        ("goods", goods),
        ("months", Bilingual::same(reversed.months.to_string())),
        ("until", Bilingual::same(end.date_naive().to_string())),
    ];
    notes.add(code, Severity::Info, "/order/delivered_at", &reversed.clause, &args);
}
