//! Required-field and format validation of a case (SPEC §2.1). Returns **every** problem at once,
//! each with a stable code, a JSON pointer, a severity, a bilingual message naming the field and
//! the clause that backs it.

pub mod codes;
mod context;
mod evidence;
mod formats;
mod required;
mod times;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::Case;
use crate::finding::{Finding, Locale};
use crate::pack::Pack;
pub use context::{case_day, Context, Gap};

/// Whether a case may be submitted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No error remains.
    #[default]
    Ready,
    /// At least one error.
    Blocked,
}

impl Status {
    /// The status as written in results: `ready` or `blocked`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ready => "ready",
            Status::Blocked => "blocked",
        }
    }
}

/// Which pack version a result was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

/// The result of validating one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// Ready or blocked.
    pub status: Status,
    /// Every problem, errors first, in field order within each severity.
    pub problems: Vec<Finding>,
    /// The case after normalisation, with everything the user entered kept; `null` (and left
    /// out of the JSON) after [`without_normalized`](Self::without_normalized).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub normalized: Value,
    /// The pack version applied.
    pub pack: PackRef,
    /// What the complainant may add after submitting, and by when.
    #[serde(default)]
    pub supplements: Vec<crate::supplement::Supplement>,
}

impl Validation {
    /// The validation without the normalised case: the answer a form that keeps its own values
    /// asks for (the binding's `normalized: false` option, the CLI's `--no-normalized`) — a
    /// fifth of the JSON text to write and to parse on a generated case.
    pub fn without_normalized(self) -> Validation {
        Validation { normalized: Value::Null, ..self }
    }
}

/// Validates a normalised case against a pack at `now`. `shape` are the problems the schema
/// check already found; `clean` is the case without the values of the wrong shape. Returns the
/// findings (errors first) and the items to supplement later.
pub fn validate(
    pack: &Pack,
    clean: &Value,
    case: &Case,
    (now, locale): (DateTime<FixedOffset>, Locale),
    shape: Vec<Finding>,
) -> (Vec<Finding>, Vec<Gap>) {
    let mut ctx = Context::new(pack, clean, case, (now, case_day(case, now), locale), &shape);
    for unit in units(pack) {
        unit.run(&mut ctx);
    }
    let (mut findings, gaps) = (ctx.findings, ctx.gaps);
    findings.splice(0..0, shape);
    findings.sort_by_key(|f| f.severity);
    (findings, gaps)
}

/// The kinds of rule the validator runs, in the order it runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A required field (`pack.required`).
    Required,
    /// A required material (`pack.materials`).
    Material,
    /// A declaration (`pack.declarations`).
    Declaration,
    /// A field the pack does not accept (`pack.refused`).
    Refused,
    /// A format rule (`pack.formats`).
    Format,
    /// A text-length rule (`pack.lengths`).
    Length,
    /// A time-order rule (`pack.chronology`).
    Chronology,
    /// The evidence count, size and media-type limits (`pack.evidence`, one unit).
    EvidenceLimits,
    /// An amount cap (`pack.amounts`).
    Amount,
}

/// One rule of a pack as the validator runs it: `index` is its position in the pack's list for
/// `check`. A unit's findings depend only on the fields in its [`reads`](Unit::reads) (and on
/// `now`), which is what lets a session re-run just the units an edit touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Which kind of rule.
    pub check: Check,
    /// Which rule of that kind.
    pub index: usize,
}

/// Every unit of `pack`, in run order.
pub fn units(pack: &Pack) -> impl Iterator<Item = Unit> {
    let of = |check: Check, count: usize| (0..count).map(move |index| Unit { check, index });
    of(Check::Required, pack.required.len())
        .chain(of(Check::Material, pack.materials.len()))
        .chain(of(Check::Declaration, pack.declarations.len()))
        .chain(of(Check::Refused, pack.refused.len()))
        .chain(of(Check::Format, pack.formats.len()))
        .chain(of(Check::Length, pack.lengths.len()))
        .chain(of(Check::Chronology, pack.chronology.len()))
        .chain(of(Check::EvidenceLimits, 1))
        .chain(of(Check::Amount, pack.amounts.len()))
}

impl Unit {
    /// Runs the rule, adding its findings to `ctx`.
    pub fn run(self, ctx: &mut Context<'_>) {
        let i = self.index;
        match self.check {
            Check::Required => required::required(ctx, i),
            Check::Material => required::material(ctx, i),
            Check::Declaration => required::declaration(ctx, i),
            Check::Refused => required::refused(ctx, i),
            Check::Format => formats::format(ctx, i),
            Check::Length => formats::length(ctx, i),
            Check::Chronology => times::chronology(ctx, i),
            Check::EvidenceLimits => evidence::limits(ctx),
            Check::Amount => evidence::amount(ctx, i),
        }
    }

    /// The fields the rule reads: JSON pointers, `*` standing for any array index. Each check
    /// declares these beside its code; every rule also reads `/submitted_at`, whose day decides
    /// whether its clause is in force.
    pub fn reads(self, pack: &Pack) -> Vec<&str> {
        let i = self.index;
        let mut reads = match self.check {
            Check::Required => required::required_reads(pack, i),
            Check::Material => required::material_reads(pack, i),
            Check::Declaration => required::declaration_reads(pack, i),
            Check::Refused => required::refused_reads(pack, i),
            Check::Format => formats::format_reads(pack, i),
            Check::Length => formats::length_reads(pack, i),
            Check::Chronology => times::chronology_reads(pack, i),
            Check::EvidenceLimits => evidence::limits_reads(),
            Check::Amount => evidence::amount_reads(pack, i),
        };
        reads.push("/submitted_at");
        reads
    }
}

/// `Blocked` if any finding blocks the complainant (a complainant-side error); the handler's
/// findings never do.
pub fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(Finding::blocks) {
        Status::Blocked
    } else {
        Status::Ready
    }
}
