//! Finding codes of the rule-change check. Pack loading checks that each has a message.

/// Published too late before taking effect.
pub const NOTICE_SHORT: &str = "rule_change.notice_short";
/// No public consultation.
pub const NO_CONSULTATION: &str = "rule_change.no_consultation";
/// Comments kept for too short a time.
pub const COMMENTS_RETENTION_SHORT: &str = "rule_change.comments_retention_short";
/// Major impact without a transition period.
pub const NO_TRANSITION: &str = "rule_change.no_transition";
/// Historical versions not kept for long enough.
pub const HISTORY_SHORT: &str = "rule_change.history_short";
/// Historical versions not downloadable.
pub const HISTORY_NOT_DOWNLOADABLE: &str = "rule_change.history_not_downloadable";
/// Exit blocked by unreasonable conditions.
pub const EXIT_BLOCKED: &str = "rule_change.exit_blocked";
/// No refund under the old rules on exit.
pub const NO_REFUND: &str = "rule_change.no_refund";
/// A fact the check needs was not given.
pub const MISSING_INPUT: &str = "rule_change.missing_input";

/// Every message key the check looks up.
pub const ALL: &[&str] = &[
    NOTICE_SHORT,
    NO_CONSULTATION,
    COMMENTS_RETENTION_SHORT,
    NO_TRANSITION,
    HISTORY_SHORT,
    HISTORY_NOT_DOWNLOADABLE,
    EXIT_BLOCKED,
    NO_REFUND,
    MISSING_INPUT,
];
