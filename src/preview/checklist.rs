//! The proof-burden checklist (SPEC §2.4): evidence items for the category, complainant kind and
//! request type, each satisfied or missing; the platform's duty to provide records; the reversed
//! burden for durable goods; the anti-abuse note when the pack eases a burden.

use chrono::{DateTime, FixedOffset, Months};
use serde::{Deserialize, Serialize};

use super::codes;
use super::notes::{ClauseRef, Notes, Severity};
use super::policy::{EvidenceRule, Need, PreviewPolicy, ReversedBurden};
use crate::calendar::civil::end_of_day;
use crate::case::{Case, EvidenceKind};
use crate::classify::Classification;
use crate::engine::china_offset;
use crate::finding::{Audience, Bilingual};
use crate::validate::Gap;

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

/// Builds the checklist and adds the burden findings to `notes`; a missing required item is
/// also a gap to supplement later (added to `gaps`). An item whose clause is not in force on
/// the case's day is left out.
pub(crate) fn build(
    notes: &mut Notes,
    gaps: &mut Vec<Gap>,
    policy: &PreviewPolicy,
    case: &Case,
    classification: &Classification,
    now: DateTime<FixedOffset>,
) -> Vec<ChecklistItem> {
    let (pack, day) = (notes.pack(), notes.day());
    let applicable: Vec<&EvidenceRule> = policy
        .evidence
        .iter()
        .filter(|r| applies(r, case, classification) && pack.clause_in_force(&r.clause, day))
        .collect();
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
            if item.need == Need::Required {
                gaps.push(Gap {
                    path: "/evidence".into(),
                    item: item.name.clone(),
                    clause: rule.clause.clone(),
                });
            }
            notes.add(
                code,
                (severity, Audience::Complainant),
                "/evidence",
                &rule.clause,
                &[("item", item.name.clone()), ("reason", item.reason.clone())],
            );
        }
    }
    let info = (Severity::Info, Audience::Complainant);
    notes.add(codes::BURDEN_PLATFORM_DUTY, info, "", &policy.burden.platform_duty, &[]);
    if let Some(reversed) = &policy.burden.reversed {
        reversed_burden(notes, reversed, case, now);
    }
    let kind = case.complainant.as_ref().and_then(|c| c.kind);
    for prompt in &policy.burden.prompts {
        let setting_on = prompt.setting.as_ref().is_none_or(|s| policy.settings.contains(s));
        let kind_ok = prompt.complainant_kinds.is_empty()
            || kind.is_some_and(|k| prompt.complainant_kinds.contains(&k));
        if setting_on && kind_ok {
            notes.add(&format!("burden.{}", prompt.id), info, "", &prompt.clause, &[]);
        }
    }
    if let Some(anti_abuse) = policy.burden.anti_abuse.as_deref() {
        if applicable.iter().any(|r| r.eased) {
            let handler = (Severity::Info, Audience::Handler);
            notes.add(codes::BURDEN_ANTI_ABUSE, handler, "", anti_abuse, &[]);
        }
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

/// Durable goods named in the facts or request (消法 Art. 23(3)): inside the period after
/// delivery the seller proves there was no defect. The period is counted the Civil Code way
/// (Arts. 201–203): from the day after delivery to 24:00 of the corresponding day `months`
/// later (the month's last day when there is none). The defect counts as found at
/// `occurred_at`, else `submitted_at`, else `now`. A term counts only as a word of its own (not
/// inside a longer non-goods word, not after a negation in the same clause), and not at all
/// when the text says the goods were bought elsewhere. The longest term found is shown (电视机
/// over 电视, 装饰装修 over 装修); among equally long ones, the first in the list.
fn reversed_burden(
    notes: &mut Notes,
    reversed: &ReversedBurden,
    case: &Case,
    now: DateTime<FixedOffset>,
) {
    let texts: Vec<&str> =
        [case.facts.as_deref(), case.request.as_ref().and_then(|r| r.text.as_deref())]
            .into_iter()
            .flatten()
            .collect();
    if texts.iter().any(|t| reversed.elsewhere.iter().any(|e| t.contains(e.as_str()))) {
        return;
    }
    let found = reversed
        .goods
        .iter()
        .enumerate()
        .filter(|(_, g)| texts.iter().any(|t| names_goods(reversed, t, g)))
        .max_by_key(|(i, g)| (g.chars().count(), std::cmp::Reverse(*i)));
    let Some((_, goods)) = found else {
        return;
    };
    let goods = Bilingual::same(goods.clone());
    let info = (Severity::Info, Audience::Complainant);
    let delivered = time(case.order.as_ref().and_then(|o| o.delivered_at.as_deref()));
    let last_day =
        delivered.and_then(|d| d.date_naive().checked_add_months(Months::new(reversed.months)));
    let Some((last_day, end)) = last_day.and_then(|d| end_of_day(d).map(|end| (d, end))) else {
        let args = [("goods", goods)];
        notes.add(
            codes::BURDEN_DELIVERY_UNKNOWN,
            info,
            "/order/delivered_at",
            &reversed.clause,
            &args,
        );
        return;
    };
    let found = time(case.occurred_at.as_deref())
        .or_else(|| time(case.submitted_at.as_deref()))
        .unwrap_or(now);
    let code = if found < end { codes::BURDEN_REVERSED } else { codes::BURDEN_REVERSED_EXPIRED };
    let args = [
        ("goods", goods),
        ("months", Bilingual::same(reversed.months.to_string())),
        ("until", Bilingual::same(last_day.to_string())),
    ];
    notes.add(code, info, "/order/delivered_at", &reversed.clause, &args);
}

/// Whether `text` names `term` as goods: some occurrence is not inside a listed non-goods word
/// and has no negation cue before it in its clause.
fn names_goods(reversed: &ReversedBurden, text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, _)| {
        let inside_other = reversed.not_goods.iter().any(|word| {
            word.match_indices(term).any(|(offset, _)| {
                at.checked_sub(offset)
                    .and_then(|start| text.get(start..))
                    .is_some_and(|rest| rest.starts_with(word.as_str()))
            })
        });
        let before = text.get(..at).unwrap_or_default();
        let clause = before.rsplit(|c| CLAUSE_BREAKS.contains(&c)).next().unwrap_or_default();
        let negated = reversed.negations.iter().any(|n| clause.contains(n.as_str()));
        !inside_other && !negated
    })
}

/// Punctuation that ends a clause, for the negation look-back.
const CLAUSE_BREAKS: &[char] =
    &['，', '。', '；', '！', '？', '、', ',', '.', ';', '!', '?', '\n', '\r'];
