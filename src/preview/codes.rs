//! Every finding code and display label the preview emits or looks up; pack loading checks that
//! each has a message.

/// A required evidence item is not attached.
pub const EVIDENCE_MISSING_REQUIRED: &str = "evidence.missing_required";
/// A recommended evidence item is not attached.
pub const EVIDENCE_MISSING_RECOMMENDED: &str = "evidence.missing_recommended";
/// The platform must provide the original contracts and transaction records.
pub const BURDEN_PLATFORM_DUTY: &str = "burden.platform_duty";
/// Durable goods, defect within the period after delivery: the seller proves.
pub const BURDEN_REVERSED: &str = "burden.reversed";
/// Durable goods, but the defect was found after the period.
pub const BURDEN_REVERSED_EXPIRED: &str = "burden.reversed_expired";
/// Durable goods, but the delivery date is unknown.
pub const BURDEN_DELIVERY_UNKNOWN: &str = "burden.delivery_unknown";
/// The pack eases a burden: the platform must prevent abuse.
pub const BURDEN_ANTI_ABUSE: &str = "burden.anti_abuse";
/// The amount is exactly the threshold: the pack's rule applied.
pub const ROUTE_AT_THRESHOLD: &str = "route.at_threshold";
/// No convenient appeal channel.
pub const APPEAL_NO_CHANNEL: &str = "appeal.no_channel";
/// Adverse measure without facts, reasons and basis.
pub const APPEAL_NO_REASONS: &str = "appeal.no_reasons";
/// Automated-only decision; human review requested and not given.
pub const APPEAL_AI_ONLY: &str = "appeal.ai_only";
/// Reviewer neither higher than nor independent of the first handler.
pub const APPEAL_REVIEWER: &str = "appeal.reviewer_not_independent";
/// Appeal window shorter than the pack minimum.
pub const APPEAL_WINDOW_SHORT: &str = "appeal.window_short";
/// A fee charged for appealing or complaining.
pub const APPEAL_FEE: &str = "appeal.fee";
/// A waiver of the right to complain, report, mediate, arbitrate or sue demanded.
pub const APPEAL_WAIVER: &str = "appeal.waiver";
/// Acceptance of a settlement forced or defaulted.
pub const SETTLEMENT_FORCED: &str = "settlement.forced";
/// Penalty above the legal or reasonable cap.
pub const PENALTY_EXCESSIVE: &str = "penalty.excessive";
/// Marketing staff take the complaint.
pub const HANDLER_MARKETING: &str = "handler.marketing";
/// Staff involved in the matter did not recuse themselves.
pub const HANDLER_NOT_RECUSED: &str = "handler.not_recused";
/// Third-party handler not trained.
pub const HANDLER_UNTRAINED: &str = "handler.untrained";
/// After the final review: the external remedies.
pub const RIGHTS_EXTERNAL: &str = "rights.external_remedies";

/// The procedure checks, in display order (each needs a rule in `preview.appeal.checks`).
pub const CHECKS: &[&str] = &[
    APPEAL_NO_CHANNEL,
    APPEAL_NO_REASONS,
    APPEAL_AI_ONLY,
    APPEAL_REVIEWER,
    APPEAL_WINDOW_SHORT,
    APPEAL_FEE,
    APPEAL_WAIVER,
    SETTLEMENT_FORCED,
    PENALTY_EXCESSIVE,
    HANDLER_MARKETING,
    HANDLER_NOT_RECUSED,
    HANDLER_UNTRAINED,
    RIGHTS_EXTERNAL,
];

/// Labels of the rendering.
pub const RENDER_LABELS: &[&str] = &[
    "render.title",
    "render.status.ready",
    "render.status.blocked",
    "render.section.problems",
    "render.section.classification",
    "render.section.checklist",
    "render.section.timeline",
    "render.section.route",
    "render.section.notes",
    "render.section.rights",
    "render.cite",
    "render.category",
    "render.severity.major",
    "render.severity.general",
    "render.set_by",
    "render.item.satisfied",
    "render.item.missing",
    "render.need.required",
    "render.need.recommended",
    "render.due",
    "render.section.status",
    "render.section.supplements",
    "render.supplement",
];

/// Every fixed message key the preview looks up (route messages are `route.<id>`).
pub fn all() -> impl Iterator<Item = &'static str> {
    [
        EVIDENCE_MISSING_REQUIRED,
        EVIDENCE_MISSING_RECOMMENDED,
        BURDEN_PLATFORM_DUTY,
        BURDEN_REVERSED,
        BURDEN_REVERSED_EXPIRED,
        BURDEN_DELIVERY_UNKNOWN,
        BURDEN_ANTI_ABUSE,
        ROUTE_AT_THRESHOLD,
    ]
    .into_iter()
    .chain(CHECKS.iter().copied())
    .chain(RENDER_LABELS.iter().copied())
}
