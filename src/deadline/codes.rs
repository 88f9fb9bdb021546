//! Finding codes of the time-limit checks, and the one way findings are built from the pack's
//! message templates (shared with the rule-change check).

use crate::finding::{Bilingual, Finding, Locale, MessageArgs, Severity};
use crate::pack::Pack;

/// A deadline was met late.
pub const DEADLINE_MISSED: &str = "deadline.missed";
/// A deadline passed and the event has not happened.
pub const DEADLINE_OVERDUE: &str = "deadline.overdue";
/// A deadline is close and the event has not happened.
pub const DEADLINE_AT_RISK: &str = "deadline.at_risk";
/// A request came after its window closed.
pub const WINDOW_MISSED: &str = "window.missed";
/// Something that must last a minimum time ended early (records deleted too soon).
pub const MINIMUM_BREACHED: &str = "minimum.breached";
/// An extension without approval (not counted).
pub const EXTENSION_UNAPPROVED: &str = "extension.unapproved";
/// Extensions beyond the cap without the complainant's consent (excess not counted).
pub const EXTENSION_NEEDS_CONSENT: &str = "extension.needs_consent";

/// Every message key the time-limit checks look up.
pub const ALL: &[&str] = &[
    crate::calendar::YEAR_MISSING,
    DEADLINE_MISSED,
    DEADLINE_OVERDUE,
    DEADLINE_AT_RISK,
    WINDOW_MISSED,
    MINIMUM_BREACHED,
    EXTENSION_UNAPPROVED,
    EXTENSION_NEEDS_CONSENT,
];

/// A finding with the pack's message for `code` in `locale`, its placeholders filled from `args`.
pub fn finding(
    (pack, locale): (&Pack, Locale),
    code: &str,
    path: &str,
    severity: Severity,
    clause: &str,
    args: &[(&str, Bilingual)],
) -> Finding {
    let refs: Vec<(&str, &Bilingual)> = args.iter().map(|(k, v)| (*k, v)).collect();
    Finding {
        code: code.to_string(),
        path: path.to_string(),
        severity,
        message: pack.fill_message(code, &refs, locale),
        clause: clause.to_string(),
        audience: crate::finding::Audience::Handler,
        args: MessageArgs::new(code, code, args),
    }
}
