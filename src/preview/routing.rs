//! Approval routing and escalation (SPEC §2.6): the amount against the pack's threshold, flags,
//! severity and the handling state select the pack's routes; an amount of exactly the threshold
//! takes the pack's choice and the engine says so.

use serde::Serialize;

use super::codes;
use super::notes::{ClauseRef, Notes, Severity};
use super::policy::{RouteStep, RoutingPolicy, Trigger};
use super::rights::Handling;
use crate::case::Case;
use crate::classify::{Classification, Level};
use crate::finding::{Audience, Bilingual};
use crate::money::Fen;

/// One route that applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedRoute {
    /// Route id.
    pub id: String,
    /// What triggered it.
    pub when: Trigger,
    /// Who acts, in order.
    pub steps: Vec<RouteStep>,
    /// The route in plain words, in zh-CN and en or in the one language the call asked for.
    #[serde(serialize_with = "crate::finding::message")]
    pub message: Bilingual,
    /// The clause behind it.
    pub clause: ClauseRef,
}

/// The approval route of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// The amount routed on, in fen: the request amount, else the largest amount in the text.
    pub amount_fen: Option<u64>,
    /// The threshold, in fen.
    pub threshold_fen: u64,
    /// The routes that apply, in the pack's order.
    pub applied: Vec<AppliedRoute>,
}

/// Chooses the routes and adds one finding per route to `notes`.
pub(crate) fn route(
    notes: &mut Notes,
    policy: &RoutingPolicy,
    case: &Case,
    classification: &Classification,
    handling: &Handling,
) -> Route {
    let amount = super::request_amount(case)
        .map(|f| f.0)
        .or_else(|| classification.amounts.iter().map(|a| a.fen).max());
    let amount_trigger = amount.map(|a| match a.cmp(&policy.threshold_fen) {
        std::cmp::Ordering::Less => Trigger::AmountBelow,
        std::cmp::Ordering::Greater => Trigger::AmountAbove,
        std::cmp::Ordering::Equal => policy.at_threshold.clone(),
    });
    let holds = |when: &Trigger| match when {
        Trigger::Always => true,
        Trigger::AmountBelow | Trigger::AmountAbove => amount_trigger.as_ref() == Some(when),
        Trigger::Major => classification.severity.level == Level::Major,
        Trigger::General => classification.severity.level == Level::General,
        Trigger::LegalQuestion => handling.legal_question == Some(true),
        Trigger::NoAgreement => handling.no_agreement == Some(true),
        Trigger::Flag(id) => classification.flags.iter().any(|f| &f.id == id),
    };
    let (pack, day, locale) = (notes.pack(), notes.day(), notes.locale());
    let applies =
        |r: &&super::policy::RouteRule| holds(&r.when) && pack.clause_in_force(&r.clause, day);
    let applied: Vec<AppliedRoute> = policy
        .routes
        .iter()
        .filter(applies)
        .map(|r| AppliedRoute {
            id: r.id.clone(),
            when: r.when.clone(),
            steps: r.steps.clone(),
            message: pack.fill_message(
                &format!("route.{}", r.id),
                &[("amount", &yuan(amount))],
                locale,
            ),
            clause: ClauseRef::of(pack, &r.clause),
        })
        .collect();
    let at_threshold = policy.routes.iter().find(|r| r.when == policy.at_threshold);
    if let (true, Some(rule)) = (amount == Some(policy.threshold_fen), at_threshold) {
        let rule = rule.id.clone();
        notes.add(
            codes::ROUTE_AT_THRESHOLD,
            (Severity::Info, Audience::Handler),
            "/request/amount",
            &policy.at_threshold_clause,
            &[("amount", yuan(amount)), ("rule", Bilingual::same(rule))],
        );
    }
    for (route, rule) in applied.iter().zip(policy.routes.iter().filter(applies)) {
        notes.add(
            &format!("route.{}", route.id),
            (Severity::Info, Audience::Handler),
            "",
            &rule.clause,
            &[("amount", yuan(amount))],
        );
    }
    Route { amount_fen: amount, threshold_fen: policy.threshold_fen, applied }
}

fn yuan(fen: Option<u64>) -> Bilingual {
    Bilingual::same(fen.map(|f| Fen(f).to_string()).unwrap_or_default())
}
