//! Evidence limits (count, size, media type) and cross-field amount caps.

use crate::finding::Severity;
use crate::money::Fen;
use crate::pack::Pack;
use crate::validate::codes;
use crate::validate::context::{num, Context};
use crate::validate::formats::yuan;

/// The evidence limits: item count, file sizes, media types.
pub(super) fn limits(ctx: &mut Context<'_>) {
    let policy = &ctx.pack.evidence;
    let items = &ctx.case.evidence;
    if items.len() > policy.max_items {
        ctx.error(
            codes::EVIDENCE_TOO_MANY,
            "/evidence",
            &policy.clause,
            &[("max", num(policy.max_items))],
        );
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(size) = item.size.filter(|s| *s > policy.max_bytes) {
            let mb = |b: u64| num(format!("{:.1} MB", b as f64 / 1_048_576.0));
            let args = [("max", mb(policy.max_bytes)), ("size", mb(size))];
            ctx.error(
                codes::EVIDENCE_TOO_LARGE,
                &format!("/evidence/{i}/size"),
                &policy.clause,
                &args,
            );
        }
        if let Some(mt) = item.media_type.as_deref().filter(|m| !m.is_empty()) {
            if !policy.media_types.iter().any(|allowed| allowed == mt) {
                let args = [("value", num(mt)), ("allowed", num(policy.media_types.join(", ")))];
                ctx.error(
                    codes::EVIDENCE_MEDIA_TYPE,
                    &format!("/evidence/{i}/media_type"),
                    &policy.clause,
                    &args,
                );
            }
        }
    }
}

/// What the evidence limits read: the list (its length, sizes and media types).
pub(super) fn limits_reads() -> Vec<&'static str> {
    vec!["/evidence"]
}

/// Amount cap `i`: a warning when the amount exceeds its cap for the request types it covers.
pub(super) fn amount(ctx: &mut Context<'_>, i: usize) {
    let Some(rule) = ctx.pack.amounts.get(i) else { return };
    let request_type = ctx.case.request.as_ref().and_then(|r| r.kind);
    if !request_type.is_some_and(|t| rule.request_types.contains(&t)) {
        return;
    }
    let amount = ctx.text(&rule.amount).and_then(|t| Fen::parse_yuan(t).ok());
    let cap = ctx.text(&rule.cap).and_then(|t| Fen::parse_yuan(t).ok());
    if let (Some(amount), Some(cap)) = (amount, cap) {
        if amount > cap {
            let args = [
                ("other", ctx.pack.field_label(&rule.cap).into_owned()),
                ("amount", yuan(amount)),
                ("cap", yuan(cap)),
            ];
            ctx.report(
                codes::AMOUNT_EXCEEDS_CAP,
                &rule.amount,
                Severity::Warning,
                &rule.clause,
                &args,
            );
        }
    }
}

/// What amount cap `i` reads: the request type, the amount and the cap.
pub(super) fn amount_reads(pack: &Pack, i: usize) -> Vec<&str> {
    let fields =
        pack.amounts.get(i).map(|r| [r.amount.as_str(), r.cap.as_str()]).into_iter().flatten();
    fields.chain(["/request/type"]).collect()
}
