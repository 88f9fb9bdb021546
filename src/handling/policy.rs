//! The pack's `handling` section: every limit, role, threshold, list and clause the lifecycle
//! checks read. Nothing here is decided in code.

use serde::{Deserialize, Serialize};

use crate::deadline::Period;
use crate::finding::{Audience, Bilingual};

/// The handler's duties after submission. A rule the pack's sources do not impose is left out
/// (e.g. trading-member has no 24-hour acknowledgement: S003 sets none).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandlingPolicy {
    /// Most events a record may hold (bigger records are refused, not evaluated).
    pub max_events: usize,
    /// Clause of the record's own rules (append-only, in time order, each step after the one it
    /// needs): a pack choice.
    pub record_clause: String,
    /// A pending action is "at risk" when at most this many working days remain.
    pub at_risk_working_days: u32,
    /// The time limits.
    pub limits: Limits,
    /// Extensions of the resolution limit.
    pub extension: ExtensionRule,
    /// When a case counts as complex and the complainant must be told of progress.
    #[serde(default)]
    pub progress: Option<ProgressRule>,
    /// One-time notice of what is missing (一次性告知).
    #[serde(default)]
    pub supplement: Option<SupplementRule>,
    /// Payload fields a rejection must fill in.
    #[serde(default)]
    pub rejection: Option<FieldsRule>,
    /// Payload fields a result must fill in.
    #[serde(default)]
    pub result: Option<FieldsRule>,
    /// Who may decide a review, and the human decision on request.
    #[serde(default)]
    pub review: Option<ReviewRule>,
    /// Approval of compensation offered.
    #[serde(default)]
    pub compensation: Option<CompensationRule>,
    /// Who may not handle a complaint (absent: no recusal rule in the pack).
    #[serde(default)]
    pub recusal: Option<RecusalRule>,
    /// Mediation and written agreements (absent: not part of the pack's procedure).
    #[serde(default)]
    pub mediation: Option<MediationRule>,
    /// What the archived file must contain.
    pub archive: ArchiveRule,
    /// How long records are kept: the longest applicable period wins.
    pub retention: Vec<RetentionRule>,
    /// Events the handler must record when a condition holds (reports, escalations, visits).
    #[serde(default)]
    pub obligations: Vec<Obligation>,
    /// Action ids shown in the complainant view (the rest are the handler's internal steps).
    pub complainant_actions: Vec<String>,
}

/// One time limit: its period and clause.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitRule {
    /// Display name.
    pub name: Bilingual,
    /// How long it runs.
    pub period: Period,
    /// Clause id.
    pub clause: String,
}

/// The time limits of the lifecycle; a limit the pack's sources do not set is left out.
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "HandlingLimits"))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// From submission to acknowledgement.
    #[serde(default)]
    pub acknowledge: Option<LimitRule>,
    /// From submission to the acceptance decision.
    #[serde(default)]
    pub accept: Option<LimitRule>,
    /// From acceptance to the result (extendable).
    pub resolve: LimitRule,
    /// From the result to telling the complainant.
    #[serde(default)]
    pub notify_result: Option<LimitRule>,
    /// From the result notice: the complainant's window to ask for a review.
    #[serde(default)]
    pub review_window: Option<LimitRule>,
    /// From the review request to the review decision.
    #[serde(default)]
    pub review_decide: Option<LimitRule>,
    /// From the review decision to telling the complainant.
    #[serde(default)]
    pub notify_review_result: Option<LimitRule>,
}

/// Extensions of the resolution limit (S003 第十五条 in both packs' reading).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionRule {
    /// Working days approval alone can add in total; beyond, only with consent.
    pub cap_working_days: u32,
    /// Clause id.
    pub clause: String,
}

/// Progress notices for complex cases.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressRule {
    /// A case still unresolved this many working days after acceptance is complex (an extended
    /// case is complex in any event).
    pub complex_after_working_days: u32,
    /// Clause id.
    pub clause: String,
}

/// One-time notice of what is missing, and the complainant's reasonable period.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementRule {
    /// The shortest period the complainant must be given, in working days from the request.
    pub min_working_days: u32,
    /// Clause of the one-time notice.
    pub clause: String,
    /// Clause of the minimum period (a pack choice).
    pub period_clause: String,
}

/// Payload fields an event must fill in.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldsRule {
    /// Payload keys that must be non-empty.
    pub required: Vec<String>,
    /// Clause id.
    pub clause: String,
}

/// Who decides a review.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRule {
    /// Reviewer relations to the first handler that are allowed (`higher`, `independent`).
    pub allowed_relations: Vec<String>,
    /// Clause of the reviewer rule.
    pub clause: String,
    /// Clause of the human decision on request (dated: 令116号 Art. 19 from 2026-02-01).
    #[serde(default)]
    pub human_clause: Option<String>,
    /// Where the complainant can go after the final review, when the pack requires it be told
    /// on the review result notice (`remedies` of `result_notified`).
    #[serde(default)]
    pub remedies: Option<RemediesRule>,
}

/// External remedies to tell after the final review.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemediesRule {
    /// At least one of these must be named.
    pub any_of: Vec<String>,
    /// Clause id.
    pub clause: String,
}

/// Who approves compensation offered, by amount.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompensationRule {
    /// Cause classes whose compensation goes through approval (company fault).
    pub cause_classes: Vec<String>,
    /// The threshold, in fen.
    pub threshold_fen: u64,
    /// Whether an amount of exactly the threshold takes the `above` route.
    pub at_threshold_above: bool,
    /// Clause of the exact-threshold choice.
    pub at_threshold_clause: String,
    /// Roles that may approve below the threshold.
    pub below: Vec<String>,
    /// Roles that may approve above it.
    pub above: Vec<String>,
    /// Escalation targets that must be told above the threshold.
    pub above_notify: Vec<String>,
    /// Clause id.
    pub clause: String,
}

/// Handlers who must step aside (S003 第八条).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecusalRule {
    /// Roles (in `by.role`) that may not take complaints in.
    pub barred_roles: Vec<String>,
    /// Clause id.
    pub clause: String,
}

/// Mediation (S004 四).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediationRule {
    /// Parties a formal mediation (the one after a failed first) must include.
    pub formal_parties: Vec<String>,
    /// Clause of the formal mediation.
    pub clause: String,
    /// Clause of the written, signed agreement.
    pub agreement_clause: String,
    /// Clause of the performance check.
    pub performance_clause: String,
}

/// One item of the archive.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveItem {
    /// Stable id used in `archived.contents`.
    pub id: String,
    /// Display name.
    pub name: Bilingual,
}

/// What the archive must contain.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveRule {
    /// Every item the file must hold.
    pub contents: Vec<ArchiveItem>,
    /// Clause id.
    pub clause: String,
}

/// One retention period.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// How long.
    pub period: Period,
    /// The event it runs from.
    pub from: String,
    /// Clause id.
    pub clause: String,
}

/// When an obligation applies.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// Case category among these.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Severity level (`major`, `general`).
    #[serde(default)]
    pub severity: Option<String>,
    /// A classification flag (`police`, `litigation_risk`, …) was raised.
    #[serde(default)]
    pub flag: Option<String>,
    /// An event of the record matching this happened (the obligation runs from it).
    #[serde(default)]
    pub event: Option<EventMatch>,
}

/// An event of a type whose payload has the given values.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMatch {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// JSON pointer into the event → the value it must equal (a list matches when it holds it).
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, serde_json::Value>,
}

/// An event the handler must record when `when` holds, before `before` happens.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Stable id.
    pub id: String,
    /// When it applies.
    pub when: When,
    /// The event that fulfils it.
    pub needs: EventMatch,
    /// Event types it must come before (a finding when one happens first).
    pub before: Vec<String>,
    /// A limit from the triggering event (or acceptance) when the duty is urgent.
    #[serde(default)]
    pub within: Option<Period>,
    /// The next-action id while it is open.
    pub action: String,
    /// What to do, for the message.
    pub duty: Bilingual,
    /// Whom it binds.
    #[serde(default = "handler")]
    pub audience: Audience,
    /// Clause id.
    pub clause: String,
}

fn handler() -> Audience {
    Audience::Handler
}
