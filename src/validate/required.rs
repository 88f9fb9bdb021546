//! Required fields, required materials and declarations — all read from the pack.

use crate::case::pointer::lookup;
use crate::finding::{Bilingual, Severity};
use crate::validate::codes;
use crate::validate::context::Context;

/// Runs the required-field, material and declaration rules.
pub fn check(ctx: &mut Context<'_>) {
    let pack = ctx.pack;
    for rule in &pack.required {
        // A field whose value had the wrong shape is already reported; do not also call it missing.
        let reported = |p: &String| ctx.findings.iter().any(|f| &f.path == p);
        if !ctx.applies(&rule.when) || rule.any_of.iter().any(|p| ctx.present(p) || reported(p)) {
            continue;
        }
        let path = rule.any_of.first().map(String::as_str).unwrap_or_default();
        let others: Vec<Bilingual> = rule.any_of.iter().skip(1).map(|p| pack.field_label(p)).collect();
        if others.is_empty() {
            ctx.error(codes::FIELD_REQUIRED, path, &rule.clause, &[]);
        } else {
            let others = Bilingual {
                zh: others.iter().map(|b| b.zh.as_str()).collect::<Vec<_>>().join("、"),
                en: others.iter().map(|b| b.en.as_str()).collect::<Vec<_>>().join(", "),
            };
            let key = codes::FIELD_REQUIRED_ANY_MESSAGE;
            ctx.report_as(codes::FIELD_REQUIRED, key, path, Severity::Error, &rule.clause, &[("others", others)]);
        }
    }
    let kinds: Vec<_> = ctx.case.evidence.iter().filter_map(|e| e.kind).collect();
    for rule in &pack.materials {
        if ctx.applies(&rule.when) && !rule.any_kind.iter().any(|k| kinds.contains(k)) {
            let material = pack.message(&format!("material.{}", rule.name));
            ctx.error(codes::MATERIAL_MISSING, "/evidence", &rule.clause, &[("material", material)]);
        }
    }
    for rule in &pack.declarations {
        if lookup(ctx.clean, &rule.path).and_then(serde_json::Value::as_bool) != Some(true) {
            ctx.error(codes::DECLARATION_REQUIRED, &rule.path, &rule.clause, &[]);
        }
    }
}
