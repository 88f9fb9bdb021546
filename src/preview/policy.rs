//! The pack's `preview` section: evidence catalogue, burden rules, routing thresholds and routes,
//! procedure checks and the rights list — and its semantic check at pack loading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::codes;
use super::notes::Severity;
use crate::case::{ComplainantKind, EvidenceKind, RequestType};
use crate::error::PackProblem;
use crate::finding::Bilingual;
use crate::pack::Pack;

/// Preview policy of a pack.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewPolicy {
    /// The evidence catalogue.
    pub evidence: Vec<EvidenceRule>,
    /// Burden-of-proof notes.
    pub burden: BurdenPolicy,
    /// Approval routing.
    pub routing: RoutingPolicy,
    /// Procedure checks over the handling object.
    pub appeal: AppealPolicy,
    /// The "your rights" list.
    pub rights: Vec<Right>,
    /// Pack settings that are on (e.g. `futures_firm`: the member company is a 期货经营机构);
    /// rights and burden prompts may apply only under a setting.
    #[serde(default)]
    pub settings: Vec<String>,
}

/// Whether an evidence item is required or recommended.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Need {
    /// Must be attached.
    Required,
    /// Helps the case.
    Recommended,
}

/// One entry of the evidence catalogue; empty condition lists match every case.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Bilingual,
    /// Attached evidence of any of these kinds satisfies it.
    pub kinds: Vec<EvidenceKind>,
    /// Required or recommended.
    pub need: Need,
    /// Only for these categories.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Only for these complainant kinds.
    #[serde(default)]
    pub complainant_kinds: Vec<ComplainantKind>,
    /// Only for these request types.
    #[serde(default)]
    pub request_types: Vec<RequestType>,
    /// True when this entry eases one side's burden (triggers the anti-abuse note).
    #[serde(default)]
    pub eased: bool,
    /// One-line reason.
    pub reason: Bilingual,
    /// Clause id.
    pub clause: String,
}

/// Burden-of-proof notes.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BurdenPolicy {
    /// Clause of the platform's duty to provide contracts and records.
    pub platform_duty: String,
    /// The reversed burden for durable goods, when the pack has one.
    #[serde(default)]
    pub reversed: Option<ReversedBurden>,
    /// Clause of the anti-abuse duty when the pack eases a burden (none in a pack that eases
    /// no burden).
    #[serde(default)]
    pub anti_abuse: Option<String>,
    /// Further proof-burden prompts (message `burden.<id>`), each shown when its setting is on
    /// and the complainant is of one of its kinds.
    #[serde(default)]
    pub prompts: Vec<BurdenPrompt>,
}

/// A proof-burden prompt fixed by law for a kind of complainant (e.g. 期货和衍生品法 Art. 51(2):
/// for an ordinary trader the futures firm proves it acted lawfully).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BurdenPrompt {
    /// Stable id; its message is `burden.<id>`.
    pub id: String,
    /// Only when this pack setting is on.
    #[serde(default)]
    pub setting: Option<String>,
    /// Only for these complainant kinds (empty: every case).
    #[serde(default)]
    pub complainant_kinds: Vec<ComplainantKind>,
    /// Clause id.
    pub clause: String,
}

/// Durable goods and renovation services: within `months` of delivery the seller proves.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReversedBurden {
    /// Goods and services terms looked for in the facts and request.
    pub goods: Vec<String>,
    /// Longer words that contain a goods term but are not goods (电视台, 电视剧): a term found
    /// inside one of them does not count.
    #[serde(default)]
    pub not_goods: Vec<String>,
    /// Negation cues (不是, 没买): a term after one in the same clause does not count.
    #[serde(default)]
    pub negations: Vec<String>,
    /// "Not bought here" phrases: when one occurs, the seller complained of did not provide the
    /// goods and no prompt is shown.
    #[serde(default)]
    pub elsewhere: Vec<String>,
    /// Months after delivery.
    pub months: u32,
    /// Clause id.
    pub clause: String,
}

/// Approval routing.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingPolicy {
    /// The compensation threshold, in fen.
    pub threshold_fen: u64,
    /// Which amount trigger an amount of exactly the threshold takes.
    pub at_threshold: Trigger,
    /// Clause of that choice.
    pub at_threshold_clause: String,
    /// Routes, each applied when its trigger holds.
    pub routes: Vec<RouteRule>,
}

/// When a route applies.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Every case.
    Always,
    /// Amount below the threshold.
    AmountBelow,
    /// Amount above the threshold.
    AmountAbove,
    /// Major complaint.
    Major,
    /// General (not major) complaint.
    General,
    /// The handling names a legal question.
    LegalQuestion,
    /// The respondent and the complainant cannot agree.
    NoAgreement,
    /// A classification flag (e.g. `litigation_risk`, `police`).
    Flag(String),
}

/// One route.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRule {
    /// Stable id; its message is `route.<id>`.
    pub id: String,
    /// When it applies.
    pub when: Trigger,
    /// Who acts, in order.
    pub steps: Vec<RouteStep>,
    /// Clause id.
    pub clause: String,
}

/// One step of a route.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    /// Role id, e.g. `general_manager`.
    pub role: String,
    /// What the role does.
    pub action: Bilingual,
}

/// Procedure checks.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealPolicy {
    /// Shortest acceptable appeal window, in days.
    pub min_window_days: u32,
    /// Severity and clause per check code (codes of [`codes::CHECKS`]; a check the pack has no
    /// basis for is left out and does not run).
    pub checks: BTreeMap<String, CheckRule>,
}

/// Severity and clause of one procedure check.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRule {
    /// How serious a breach is.
    pub severity: Severity,
    /// Clause id.
    pub clause: String,
}

/// One right of the complainant.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Right {
    /// Stable id.
    pub id: String,
    /// The right in plain words.
    pub text: Bilingual,
    /// Only when this pack setting is on.
    #[serde(default)]
    pub setting: Option<String>,
    /// Clause id.
    pub clause: String,
}

/// The settings a pack may name for rights and burden prompts.
pub const KNOWN_SETTINGS: &[&str] = &["futures_firm"];

/// Semantic checks of the `preview` section (called from pack loading): every clause id exists,
/// every message exists, every check has a rule, flags name the pack's flags.
pub fn check_pack(pack: &Pack) -> Vec<PackProblem> {
    let Some(p) = &pack.preview else { return Vec::new() };
    let mut problems = Vec::new();
    for (path, id) in clause_ids_of(p) {
        problems.extend(pack.unknown_clause(path, id));
    }
    let route_keys = p.routing.routes.iter().map(|r| format!("route.{}", r.id));
    let prompt_keys = p.burden.prompts.iter().map(|b| format!("burden.{}", b.id));
    for key in codes::all().map(str::to_string).chain(route_keys).chain(prompt_keys) {
        if !pack.messages.contains_key(&key) {
            problems.push(PackProblem {
                path: "/messages".into(),
                detail: format!("no message for code {key:?}"),
            });
        }
    }
    for code in p.appeal.checks.keys() {
        if !codes::CHECKS.contains(&code.as_str()) {
            problems.push(PackProblem {
                path: format!("/preview/appeal/checks/{code}"),
                detail: format!("unknown check {code:?}"),
            });
        }
    }
    let named = p.settings.iter().chain(
        p.burden
            .prompts
            .iter()
            .filter_map(|b| b.setting.as_ref())
            .chain(p.rights.iter().filter_map(|r| r.setting.as_ref())),
    );
    for s in named.filter(|s| !KNOWN_SETTINGS.contains(&s.as_str())) {
        problems.push(PackProblem {
            path: "/preview/settings".into(),
            detail: format!("unknown setting {s:?}"),
        });
    }
    if !matches!(p.routing.at_threshold, Trigger::AmountBelow | Trigger::AmountAbove) {
        problems.push(PackProblem {
            path: "/preview/routing/at_threshold".into(),
            detail: "must be amount_below or amount_above".into(),
        });
    }
    let flags: Vec<&str> =
        pack.classify.iter().flat_map(|c| c.flags.iter().map(|f| f.id.as_str())).collect();
    for (i, r) in p.routing.routes.iter().enumerate() {
        if let Trigger::Flag(f) = &r.when {
            if !flags.contains(&f.as_str()) {
                problems.push(PackProblem {
                    path: format!("/preview/routing/routes/{i}/when"),
                    detail: format!("unknown flag {f:?}"),
                });
            }
        }
    }
    let categories: Vec<&str> = pack.taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
    for (i, e) in p.evidence.iter().enumerate() {
        for c in e.categories.iter().filter(|c| !categories.contains(&c.as_str())) {
            problems.push(PackProblem {
                path: format!("/preview/evidence/{i}/categories"),
                detail: format!("unknown category {c:?}"),
            });
        }
    }
    problems
}

/// Every clause id the section cites, with its pointer in the pack.
pub fn clause_ids_of(p: &PreviewPolicy) -> Vec<(String, &str)> {
    let mut ids = vec![
        ("/preview/burden/platform_duty".to_string(), p.burden.platform_duty.as_str()),
        (
            "/preview/routing/at_threshold_clause".to_string(),
            p.routing.at_threshold_clause.as_str(),
        ),
    ];
    ids.extend(
        p.burden.anti_abuse.iter().map(|c| ("/preview/burden/anti_abuse".to_string(), c.as_str())),
    );
    ids.extend(
        p.burden
            .prompts
            .iter()
            .enumerate()
            .map(|(i, b)| (format!("/preview/burden/prompts/{i}/clause"), b.clause.as_str())),
    );
    ids.extend(
        p.burden
            .reversed
            .iter()
            .map(|r| ("/preview/burden/reversed/clause".to_string(), r.clause.as_str())),
    );
    ids.extend(
        p.evidence
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("/preview/evidence/{i}/clause"), e.clause.as_str())),
    );
    ids.extend(
        p.routing
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("/preview/routing/routes/{i}/clause"), r.clause.as_str())),
    );
    ids.extend(
        p.appeal
            .checks
            .iter()
            .map(|(k, c)| (format!("/preview/appeal/checks/{k}/clause"), c.clause.as_str())),
    );
    ids.extend(
        p.rights
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("/preview/rights/{i}/clause"), r.clause.as_str())),
    );
    ids
}
