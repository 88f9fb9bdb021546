//! Required fields, required materials and declarations — all read from the pack.

use crate::finding::Bilingual;
use crate::pack::Pack;
use crate::validate::codes;
use crate::validate::context::Context;

/// Required field `i`: reported at its first field unless one of its fields is filled in.
pub(super) fn required(ctx: &mut Context<'_>, i: usize) {
    let pack = ctx.pack;
    let Some(rule) = pack.required.get(i) else { return };
    // A field whose value had the wrong shape is already reported; do not also call it missing.
    let reported = |p: &String| ctx.shape.iter().any(|f| &f.path == p);
    if !ctx.applies(&rule.when) || rule.any_of.iter().any(|p| ctx.present(p) || reported(p)) {
        return;
    }
    let path = rule.any_of.first().map(String::as_str).unwrap_or_default();
    let labels: Vec<Bilingual> =
        rule.any_of.iter().map(|p| pack.field_label(p).into_owned()).collect();
    let item = Bilingual {
        zh: labels.iter().map(|b| b.zh.as_str()).collect::<Vec<_>>().join("或"),
        en: labels.iter().map(|b| b.en.as_str()).collect::<Vec<_>>().join(" or "),
    };
    let others = labels.get(1..).unwrap_or_default();
    let (key, args) = if others.is_empty() {
        (codes::FIELD_REQUIRED, Vec::new())
    } else {
        let others = Bilingual {
            zh: others.iter().map(|b| b.zh.as_str()).collect::<Vec<_>>().join("、"),
            en: others.iter().map(|b| b.en.as_str()).collect::<Vec<_>>().join(", "),
        };
        (codes::FIELD_REQUIRED_ANY_MESSAGE, vec![("others", others)])
    };
    ctx.missing(rule.on_missing, (codes::FIELD_REQUIRED, key, path), &rule.clause, item, &args);
}

/// What required field `i` reads: its fields and its condition's.
pub(super) fn required_reads(pack: &Pack, i: usize) -> Vec<&str> {
    let fields =
        pack.required.get(i).map(|r| r.any_of.iter().map(String::as_str)).into_iter().flatten();
    fields.chain(Context::CONDITION_READS).collect()
}

/// Required material `i`: one of its evidence kinds must be attached.
pub(super) fn material(ctx: &mut Context<'_>, i: usize) {
    let pack = ctx.pack;
    let Some(rule) = pack.materials.get(i) else { return };
    if ctx.applies(&rule.when)
        && !ctx.case.evidence.iter().any(|e| e.kind.is_some_and(|k| rule.any_kind.contains(&k)))
    {
        let material = pack.message(&format!("material.{}", rule.name));
        let report = (codes::MATERIAL_MISSING, codes::MATERIAL_MISSING, "/evidence");
        ctx.missing(
            rule.on_missing,
            report,
            &rule.clause,
            material.clone(),
            &[("material", material)],
        );
    }
}

/// What material `i` reads: the evidence kinds and its condition's fields.
pub(super) fn material_reads(_pack: &Pack, _i: usize) -> Vec<&'static str> {
    let mut reads = vec!["/evidence/*/kind"];
    reads.extend(Context::CONDITION_READS);
    reads
}

/// Declaration `i`: must be `true`.
pub(super) fn declaration(ctx: &mut Context<'_>, i: usize) {
    let Some(rule) = ctx.pack.declarations.get(i) else { return };
    if ctx.flag(&rule.path) != Some(true) {
        let item = ctx.pack.field_label(&rule.path).into_owned();
        let report = (codes::DECLARATION_REQUIRED, codes::DECLARATION_REQUIRED, rule.path.as_str());
        ctx.missing(rule.on_missing, report, &rule.clause, item, &[]);
    }
}

/// What declaration `i` reads: its field.
pub(super) fn declaration_reads(pack: &Pack, i: usize) -> Vec<&str> {
    pack.declarations.get(i).map(|r| r.path.as_str()).into_iter().collect()
}

/// Refused field `i`: a filing that fills it in is not accepted.
pub(super) fn refused(ctx: &mut Context<'_>, i: usize) {
    let Some(rule) = ctx.pack.refused.get(i) else { return };
    if ctx.present(&rule.path) {
        ctx.error(codes::FIELD_REFUSED, &rule.path, &rule.clause, &[]);
    }
}

/// What refused field `i` reads: the field.
pub(super) fn refused_reads(pack: &Pack, i: usize) -> Vec<&str> {
    pack.refused.get(i).map(|r| r.path.as_str()).into_iter().collect()
}
