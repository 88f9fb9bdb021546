//! The placeholders each message may use. Every finding code (and every label key) declares the
//! `{name}` placeholders the engine fills in its message: pack loading reports a message that
//! uses a name the engine never fills (a typo such as `{feild}` would otherwise be shown as is)
//! or leaves out one the message must show.

use crate::deadline::codes as deadline;
use crate::handling::codes as handling;
use crate::preview::codes as preview;
use crate::rule_change::codes as rule_change;
use crate::validate::codes as validate;

/// The placeholders of one message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholders {
    /// The message key: a finding code, a label key, or a prefix ending in `.`.
    pub key: &'static str,
    /// Names the message must use (in both languages).
    pub required: &'static [&'static str],
    /// Names the message may use.
    pub optional: &'static [&'static str],
}

const fn p(
    key: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
) -> Placeholders {
    Placeholders { key, required, optional }
}

/// Validation messages may name the field they are about.
const FIELD: &[&str] = &["field"];
const DUE: &[&str] = &["due", "limit"];
const DONE_DUE: &[&str] = &["done", "due", "limit"];
const REQUIRED_YEARS: &[&str] = &["required", "years"];
const GOODS_MONTHS: &[&str] = &["goods", "months", "until"];
const ITEM_REASON: &[&str] = &["item", "reason"];
/// Handling messages about one recorded event.
const EVENT: &[&str] = &["event"];
/// Handling messages with the due time of a duty.
const DUE_ONLY: &[&str] = &["due"];
/// Handling messages naming parties (mediation, agreement).
const PARTIES: &[&str] = &["parties"];

/// Message keys the engine fills, exactly.
pub const DECLARED: &[Placeholders] = &[
    p(validate::FIELD_TYPE, &["expected", "field"], &[]),
    p(validate::FIELD_REQUIRED, &["field"], &[]),
    p(validate::FIELD_REQUIRED_ANY_MESSAGE, &["field", "others"], &[]),
    p(validate::ID_NUMBER_FORMAT, &[], FIELD),
    p(validate::ID_NUMBER_BIRTH_DATE, &[], FIELD),
    p(validate::ID_NUMBER_CHECKSUM, &[], FIELD),
    p(validate::USCC_LENGTH, &[], FIELD),
    p(validate::USCC_FORMAT, &[], FIELD),
    p(validate::USCC_CHECKSUM, &[], FIELD),
    p(validate::MOBILE_FORMAT, &[], FIELD),
    p(validate::EMAIL_FORMAT, &[], FIELD),
    p(validate::MONEY_FORMAT, &[], FIELD),
    p(validate::MONEY_NEGATIVE, &[], FIELD),
    p(validate::MONEY_PRECISION, &[], FIELD),
    p(validate::MONEY_OVERFLOW, &[], FIELD),
    p(validate::TIME_FORMAT, &[], FIELD),
    p(validate::TIME_ORDER, &["other"], FIELD),
    p(validate::TIME_NOW_LABEL, &[], &[]),
    p(validate::TEXT_TOO_SHORT, &["min"], &["field", "len"]),
    p(validate::TEXT_TOO_LONG, &["max"], &["field", "len"]),
    p(validate::EVIDENCE_TOO_MANY, &["max"], FIELD),
    p(validate::EVIDENCE_TOO_LARGE, &["max"], &["field", "size"]),
    p(validate::EVIDENCE_MEDIA_TYPE, &["allowed"], &["field", "value"]),
    p(validate::MATERIAL_MISSING, &["material"], FIELD),
    p(validate::DECLARATION_REQUIRED, &[], FIELD),
    p(validate::AMOUNT_EXCEEDS_CAP, &["other"], &["amount", "cap", "field"]),
    p(crate::calendar::YEAR_MISSING, &["year"], &[]),
    p(validate::FIELD_REFUSED, &[], FIELD),
    p(deadline::DEADLINE_MISSED, &["due"], DONE_DUE),
    p(deadline::DEADLINE_OVERDUE, &["due"], DUE),
    p(deadline::DEADLINE_AT_RISK, &["due"], DUE),
    p(deadline::WINDOW_MISSED, &["due"], DONE_DUE),
    p(deadline::MINIMUM_BREACHED, &["due"], DONE_DUE),
    p(deadline::EXTENSION_UNAPPROVED, &[], &[]),
    p(deadline::EXTENSION_NEEDS_CONSENT, &["cap"], &[]),
    p(rule_change::NOTICE_SHORT, &["required"], &["earliest", "effective", "published"]),
    p(rule_change::NO_CONSULTATION, &[], &[]),
    p(rule_change::COMMENTS_RETENTION_SHORT, REQUIRED_YEARS, &[]),
    p(rule_change::NO_TRANSITION, &["min"], &[]),
    p(rule_change::HISTORY_SHORT, REQUIRED_YEARS, &[]),
    p(rule_change::HISTORY_NOT_DOWNLOADABLE, &[], &[]),
    p(rule_change::EXIT_BLOCKED, &[], &[]),
    p(rule_change::NO_REFUND, &[], &[]),
    p(rule_change::MISSING_INPUT, &["field"], &[]),
    p(preview::EVIDENCE_MISSING_REQUIRED, &["item"], ITEM_REASON),
    p(preview::EVIDENCE_MISSING_RECOMMENDED, &["item"], ITEM_REASON),
    p(preview::BURDEN_REVERSED, &["goods"], GOODS_MONTHS),
    p(preview::BURDEN_REVERSED_EXPIRED, &["goods"], GOODS_MONTHS),
    p(preview::BURDEN_DELIVERY_UNKNOWN, &["goods"], &[]),
    p(preview::ROUTE_AT_THRESHOLD, &["amount", "rule"], &[]),
    p(preview::APPEAL_WINDOW_SHORT, &["min"], &[]),
    p(handling::OUT_OF_ORDER, &["event", "needs"], &[]),
    p(handling::TIME_REVERSED, &["event", "previous"], &[]),
    p(handling::BEFORE_SUBMISSION, EVENT, &[]),
    p(handling::IN_FUTURE, EVENT, &[]),
    p(handling::LATE, &["due", "limit"], &["done"]),
    p(handling::OVERDUE, &["due", "limit"], &[]),
    p(handling::AT_RISK, &["due", "limit"], &[]),
    p(handling::EXTENSION_LATE, DUE_ONLY, &[]),
    p(handling::EXTENSION_UNAPPROVED, &[], &[]),
    p(handling::EXTENSION_NEEDS_CONSENT, &["cap"], DUE_ONLY),
    p(handling::PROGRESS_MISSING, &[], DUE_ONLY),
    p(handling::FIELDS_MISSING, &["fields"], EVENT),
    p(handling::SUPPLEMENT_REPEATED, &["item"], &[]),
    p(handling::SUPPLEMENT_NOT_REQUESTED, &["item"], &[]),
    p(handling::SUPPLEMENT_PERIOD_SHORT, &["min"], DUE_ONLY),
    p(handling::CLOSED_BEFORE_SUPPLEMENT_DUE, DUE_ONLY, &[]),
    p(handling::REVIEWER_NOT_INDEPENDENT, &[], &[]),
    p(handling::HUMAN_REVIEW_MISSING, &[], &[]),
    p(handling::REMEDIES_MISSING, &[], &[]),
    p(handling::REVIEW_REQUEST_LATE, DUE_ONLY, &[]),
    p(handling::COMPENSATION_WRONG_APPROVER, &["roles"], &["amount"]),
    p(handling::COMPENSATION_UNAPPROVED, &[], &["amount"]),
    p(handling::COMPENSATION_NOTIFY_MISSING, &["targets"], &[]),
    p(handling::RECUSAL_ROLE, &[], &["role"]),
    p(handling::RECUSAL_MARKETING, &[], &["role"]),
    p(handling::RECUSAL_INVOLVED, &[], &[]),
    p(handling::FORMAL_MEDIATION_MISSING, PARTIES, &[]),
    p(handling::AGREEMENT_UNSIGNED, &[], PARTIES),
    p(handling::AGREEMENT_NOT_PERFORMED, &[], &[]),
    p(handling::ARCHIVE_INCOMPLETE, &["items"], &[]),
    p(handling::PURGED_EARLY, DUE_ONLY, &[]),
    p(handling::OBLIGATION_MISSING, &["duty"], &["before"]),
    p("render.supplement", &["due", "item"], &[]),
    p("render.title", &["pack"], &[]),
    p("render.cite", &["source", "title"], &["text"]),
    p("render.category", &["name"], &[]),
    p("render.set_by", &["by"], &[]),
    p("render.due", &["date", "name"], &[]),
];

/// Message keys by prefix, for keys named after pack data: `material.<name>` (a material's
/// label) and `route.<rule id>` (a route rule's note, given the claimed amount).
pub const BY_PREFIX: &[Placeholders] = &[p("material.", &[], &[]), p("route.", &[], &["amount"])];

/// What a message key may use: its declaration, else its prefix's, else no placeholder at all.
pub fn of(key: &str) -> Placeholders {
    DECLARED
        .iter()
        .find(|d| d.key == key)
        .or_else(|| BY_PREFIX.iter().find(|d| key.starts_with(d.key)))
        .copied()
        .unwrap_or(Placeholders { key: "", required: &[], optional: &[] })
}

/// The `{name}` placeholders of a template (names of ASCII letters, digits and `_`).
pub fn used(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .collect()
}

/// Problems of one message text: unknown placeholders, then missing required ones.
pub fn problems(key: &str, template: &str) -> Vec<String> {
    let spec = of(key);
    let names = used(template);
    let allowed = |n: &str| spec.required.contains(&n) || spec.optional.contains(&n);
    let mut out: Vec<String> = names
        .iter()
        .filter(|n| !allowed(n))
        .map(|n| {
            let known: Vec<&str> = spec.required.iter().chain(spec.optional).copied().collect();
            if known.is_empty() {
                format!("unknown placeholder {{{n}}}: message {key:?} takes no placeholders")
            } else {
                format!(
                    "unknown placeholder {{{n}}}: message {key:?} may use {{{}}}",
                    known.join("}, {")
                )
            }
        })
        .collect();
    out.extend(
        spec.required
            .iter()
            .filter(|r| !names.contains(r))
            .map(|r| format!("missing placeholder {{{r}}}: message {key:?} must show it")),
    );
    out
}
