//! Appeal-right and procedure checks (SPEC §2.5) over how the case was or will be handled, and
//! the plain "your rights" list.

use serde::{Deserialize, Serialize};

use super::codes;
use super::notes::{ClauseRef, Notes};
use super::policy::{AppealPolicy, Right};
use crate::deadline::CaseTimes;
use crate::finding::{Audience, Bilingual};
use crate::pack::Pack;

/// Who reviews an appeal, relative to the first handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    /// A higher level.
    Higher,
    /// Independent of the first handler.
    Independent,
    /// The same level, not independent.
    Same,
    /// The first handler itself or a lower level.
    Lower,
}

/// How a settlement was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    /// The complainant said yes.
    Explicit,
    /// The complainant was made to accept.
    Forced,
    /// Taken as accepted without an answer.
    Default,
}

/// How the case was or will be handled; every field optional. Event times
/// (`acknowledged_at`, `resolved_at`, …) feed the timeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Handling {
    /// Event times and extensions.
    #[serde(flatten)]
    pub times: CaseTimes,
    /// A convenient appeal channel was offered.
    pub channel_offered: Option<bool>,
    /// A measure adverse to the complainant was taken.
    pub adverse_measure: Option<bool>,
    /// Facts, reasons and basis were given for it.
    pub reasons_given: Option<bool>,
    /// The first decision was made by automated means only.
    pub automated_only: Option<bool>,
    /// The appellant asked for a human review.
    pub human_review_requested: Option<bool>,
    /// A human review was given.
    pub human_review_given: Option<bool>,
    /// The reviewer relative to the first handler.
    pub reviewer: Option<Reviewer>,
    /// Days offered to appeal.
    pub appeal_window_days: Option<u32>,
    /// Fee charged to appeal or complain, in fen.
    pub fee_fen: Option<u64>,
    /// Rights the complainant was asked to waive (complain, report, mediate, arbitrate, sue).
    pub waivers: Vec<String>,
    /// How a settlement was accepted.
    pub settlement_acceptance: Option<Acceptance>,
    /// Penalty or damages asked of the complainant, in fen.
    pub penalty_fen: Option<u64>,
    /// The legal or clearly reasonable cap, in fen.
    pub penalty_cap_fen: Option<u64>,
    /// The handler is marketing staff.
    pub handler_marketing: Option<bool>,
    /// The handler is involved in the matter.
    pub handler_involved: Option<bool>,
    /// A third party handles the case.
    pub third_party: Option<bool>,
    /// The third party was trained.
    pub third_party_trained: Option<bool>,
    /// The final review is done.
    pub final_review_done: Option<bool>,
    /// The respondent and the complainant cannot agree.
    pub no_agreement: Option<bool>,
    /// The complaint raises a legal question.
    pub legal_question: Option<bool>,
}

/// One right, as displayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RightItem {
    /// Stable id.
    pub id: String,
    /// The right in plain words.
    pub text: Bilingual,
    /// The clause behind it.
    pub clause: ClauseRef,
}

/// Adds a finding for every breach in `h`, in the order of [`codes::CHECKS`].
pub(crate) fn check(notes: &mut Notes, policy: &AppealPolicy, h: &Handling) {
    let yes = |b: Option<bool>| b == Some(true);
    let breaches = [
        (codes::APPEAL_NO_CHANNEL, "channel_offered", h.channel_offered == Some(false)),
        (
            codes::APPEAL_NO_REASONS,
            "reasons_given",
            yes(h.adverse_measure) && !yes(h.reasons_given),
        ),
        (
            codes::APPEAL_AI_ONLY,
            "human_review_given",
            yes(h.automated_only) && yes(h.human_review_requested) && !yes(h.human_review_given),
        ),
        (
            codes::APPEAL_REVIEWER,
            "reviewer",
            matches!(h.reviewer, Some(Reviewer::Same | Reviewer::Lower)),
        ),
        (
            codes::APPEAL_WINDOW_SHORT,
            "appeal_window_days",
            h.appeal_window_days.is_some_and(|d| d < policy.min_window_days),
        ),
        (codes::APPEAL_FEE, "fee_fen", h.fee_fen.is_some_and(|f| f > 0)),
        (codes::APPEAL_WAIVER, "waivers", !h.waivers.is_empty()),
        (
            codes::SETTLEMENT_FORCED,
            "settlement_acceptance",
            matches!(h.settlement_acceptance, Some(Acceptance::Forced | Acceptance::Default)),
        ),
        (
            codes::PENALTY_EXCESSIVE,
            "penalty_fen",
            h.penalty_fen.zip(h.penalty_cap_fen).is_some_and(|(p, cap)| p > cap),
        ),
        (codes::HANDLER_MARKETING, "handler_marketing", yes(h.handler_marketing)),
        (codes::HANDLER_NOT_RECUSED, "handler_involved", yes(h.handler_involved)),
        (
            codes::HANDLER_UNTRAINED,
            "third_party_trained",
            yes(h.third_party) && !yes(h.third_party_trained),
        ),
        (codes::RIGHTS_EXTERNAL, "final_review_done", yes(h.final_review_done)),
    ];
    let min = Bilingual::same(policy.min_window_days.to_string());
    for (code, field, breached) in breaches {
        if let (true, Some(rule)) = (breached, policy.checks.get(code)) {
            // The external remedies are the complainant's to use; every other check is a duty
            // of the handler.
            let audience = if code == codes::RIGHTS_EXTERNAL {
                Audience::Complainant
            } else {
                Audience::Handler
            };
            notes.add(
                code,
                (rule.severity, audience),
                &format!("/handling/{field}"),
                &rule.clause,
                &[("min", min.clone())],
            );
        }
    }
}

/// The rights list with clauses resolved: the rights whose clause is in force on `day` and
/// whose pack setting, if any, is on.
pub(crate) fn list(
    pack: &Pack,
    rights: &[Right],
    settings: &[String],
    day: chrono::NaiveDate,
) -> Vec<RightItem> {
    rights
        .iter()
        .filter(|r| pack.clause_in_force(&r.clause, day))
        .filter(|r| r.setting.as_ref().is_none_or(|s| settings.contains(s)))
        .map(|r| RightItem {
            id: r.id.clone(),
            text: r.text.clone(),
            clause: ClauseRef::of(pack, &r.clause),
        })
        .collect()
}
