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
use crate::finding::{Finding, Severity};
use crate::pack::Pack;
pub use context::Context;

/// Whether a case may be submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No error remains.
    Ready,
    /// At least one error.
    Blocked,
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
    /// The case after normalisation, with everything the user entered kept.
    pub normalized: Value,
    /// The pack version applied.
    pub pack: PackRef,
}

/// Validates a normalised case against a pack at `now`. `shape` are the problems the schema
/// check already found; `clean` is the case without the values of the wrong shape.
pub fn validate(pack: &Pack, clean: &Value, case: &Case, now: DateTime<FixedOffset>, shape: Vec<Finding>) -> Vec<Finding> {
    let mut ctx = Context::new(pack, clean, case, now);
    ctx.findings.extend(shape);
    required::check(&mut ctx);
    formats::check(&mut ctx);
    times::check(&mut ctx);
    evidence::check(&mut ctx);
    let mut findings = ctx.findings;
    findings.sort_by_key(|f| f.severity);
    findings
}

/// `Blocked` if any finding is an error.
pub fn status_of(findings: &[Finding]) -> Status {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::Blocked
    } else {
        Status::Ready
    }
}
