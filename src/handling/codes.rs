//! Finding codes of the handling lifecycle. Every code has a message in the pack.

/// An event came before one it needs (e.g. a result before acceptance).
pub const OUT_OF_ORDER: &str = "handling.out_of_order";
/// An event is dated before the one before it.
pub const TIME_REVERSED: &str = "handling.time_reversed";
/// An event is dated before the complaint was submitted.
pub const BEFORE_SUBMISSION: &str = "handling.before_submission";
/// An event is dated after `now`.
pub const IN_FUTURE: &str = "handling.in_future";
/// A duty done after its limit.
pub const LATE: &str = "handling.late";
/// A duty not done and its limit passed.
pub const OVERDUE: &str = "handling.overdue";
/// A duty not done and its limit close.
pub const AT_RISK: &str = "handling.at_risk";
/// An extension granted at or after the due time it extends.
pub const EXTENSION_LATE: &str = "handling.extension_late";
/// An extension without an approver.
pub const EXTENSION_UNAPPROVED: &str = "handling.extension_unapproved";
/// An extension beyond the cap without consent given before the extended due time.
pub const EXTENSION_NEEDS_CONSENT: &str = "handling.extension_needs_consent";
/// A complex case without a progress notice naming the expected completion.
pub const PROGRESS_MISSING: &str = "handling.progress_missing";
/// An event lacks payload fields the pack requires (reasons, guidance, basis).
pub const FIELDS_MISSING: &str = "handling.fields_missing";
/// A later supplement request asks for something already missing at the first one.
pub const SUPPLEMENT_REPEATED: &str = "handling.supplement_repeated";
/// Something the case lacks was never asked for: the case was decided without a request, or
/// the request left it out and no later one asked for it.
pub const SUPPLEMENT_NOT_REQUESTED: &str = "handling.supplement_not_requested";
/// A supplement request gives less than the pack's reasonable period.
pub const SUPPLEMENT_PERIOD_SHORT: &str = "handling.supplement_period_short";
/// The case was closed while the complainant's supplement period was still running.
pub const CLOSED_BEFORE_SUPPLEMENT_DUE: &str = "handling.closed_before_supplement_due";
/// A review decided by the same handler or level.
pub const REVIEWER_NOT_INDEPENDENT: &str = "handling.reviewer_not_independent";
/// A human decision was asked for and not given.
pub const HUMAN_REVIEW_MISSING: &str = "handling.human_review_missing";
/// The review result notice names no external remedy.
pub const REMEDIES_MISSING: &str = "handling.remedies_missing";
/// The complainant asked for a review after the window closed.
pub const REVIEW_REQUEST_LATE: &str = "handling.review_request_late";
/// Compensation approved by a role the amount's route does not name.
pub const COMPENSATION_WRONG_APPROVER: &str = "handling.compensation_wrong_approver";
/// The case was resolved with offered compensation not approved.
pub const COMPENSATION_UNAPPROVED: &str = "handling.compensation_unapproved";
/// Compensation above the threshold without telling whom the pack names.
pub const COMPENSATION_NOTIFY_MISSING: &str = "handling.compensation_notify_missing";
/// The complaint was taken in by a barred role (marketing staff).
pub const RECUSAL_ROLE: &str = "handling.recusal_role";
/// The case was assigned to marketing staff.
pub const RECUSAL_MARKETING: &str = "handling.recusal_marketing";
/// The case was assigned to staff the complaint involves.
pub const RECUSAL_INVOLVED: &str = "handling.recusal_involved";
/// A failed first mediation was not followed by a formal one with every party.
pub const FORMAL_MEDIATION_MISSING: &str = "handling.formal_mediation_missing";
/// The agreement lacks a party's signature.
pub const AGREEMENT_UNSIGNED: &str = "handling.agreement_unsigned";
/// The agreement's performance check found it not performed.
pub const AGREEMENT_NOT_PERFORMED: &str = "handling.agreement_not_performed";
/// The archive lacks items the pack lists.
pub const ARCHIVE_INCOMPLETE: &str = "handling.archive_incomplete";
/// Records purged before the longest retention period ended.
pub const PURGED_EARLY: &str = "handling.purged_early";
/// A required event (report, escalation, visit, check) missing before a later step.
pub const OBLIGATION_MISSING: &str = "handling.obligation_missing";

/// Every code, for the pack check.
pub const ALL: &[&str] = &[
    OUT_OF_ORDER,
    TIME_REVERSED,
    BEFORE_SUBMISSION,
    IN_FUTURE,
    LATE,
    OVERDUE,
    AT_RISK,
    EXTENSION_LATE,
    EXTENSION_UNAPPROVED,
    EXTENSION_NEEDS_CONSENT,
    PROGRESS_MISSING,
    FIELDS_MISSING,
    SUPPLEMENT_REPEATED,
    SUPPLEMENT_NOT_REQUESTED,
    SUPPLEMENT_PERIOD_SHORT,
    CLOSED_BEFORE_SUPPLEMENT_DUE,
    REVIEWER_NOT_INDEPENDENT,
    HUMAN_REVIEW_MISSING,
    REMEDIES_MISSING,
    REVIEW_REQUEST_LATE,
    COMPENSATION_WRONG_APPROVER,
    COMPENSATION_UNAPPROVED,
    COMPENSATION_NOTIFY_MISSING,
    RECUSAL_ROLE,
    RECUSAL_MARKETING,
    RECUSAL_INVOLVED,
    FORMAL_MEDIATION_MISSING,
    AGREEMENT_UNSIGNED,
    AGREEMENT_NOT_PERFORMED,
    ARCHIVE_INCOMPLETE,
    PURGED_EARLY,
    OBLIGATION_MISSING,
];

/// Codes that describe how late a duty is: a fact to record, never a reason to refuse the
/// event that records it. Every other error a new event causes makes the backend refuse it.
pub const LATENESS: &[&str] = &[LATE, OVERDUE, AT_RISK, PROGRESS_MISSING];
