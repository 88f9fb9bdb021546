//! The submission envelope (`complaint-rules/envelope@1`): parsing and every check before the
//! case is stored — schema version, idempotency key, client clock, pack version, the native
//! re-validation and the tamper check of the preview summary.

use chrono::{DateTime, FixedOffset, TimeDelta};
use complaint_rules::deadline::TimelineEntry;
use complaint_rules::engine::{china_offset, Engine, Options};
use complaint_rules::preview::{Preview, PreviewSummary};
use complaint_rules::validate::Status;
use serde::Deserialize;
use serde_json::Value;

use super::error::ApiError;

/// The only envelope schema this server accepts.
pub const ENVELOPE_SCHEMA: &str = "complaint-rules/envelope@1";

/// The pack a client validated with.
#[derive(Debug, Clone, Deserialize)]
pub struct PackName {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

/// A parsed envelope (`engine_version` and other extra fields are informative and ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    /// The case.
    pub case: Value,
    /// The client's preview summary.
    pub preview_summary: Value,
    /// The pack the client validated with.
    pub pack: PackName,
    /// The client's idempotency key.
    pub idempotency_key: String,
    /// The client's clock at validation (RFC 3339).
    pub client_time: String,
}

/// Parses the JSON value of a request body into an envelope: 422 on an unknown schema or a
/// missing / mistyped field.
pub fn parse(value: &Value) -> Result<Envelope, ApiError> {
    match value.get("schema").and_then(Value::as_str) {
        Some(ENVELOPE_SCHEMA) => {}
        other => {
            let other = other.map_or_else(|| "(none)".to_string(), |s| format!("{s:?}"));
            return Err(ApiError::unprocessable(
                "unknown_schema",
                &format!("不支持的信封版本 {other}，应为 {ENVELOPE_SCHEMA}"),
                &format!("unsupported envelope schema {other}; expected {ENVELOPE_SCHEMA}"),
            ));
        }
    }
    Envelope::deserialize(value).map_err(|e| {
        ApiError::unprocessable(
            "envelope_shape",
            &format!("信封格式错误：{e}"),
            &format!("malformed envelope: {e}"),
        )
    })
}

/// The result of checking an envelope: the recomputed preview.
#[derive(Debug)]
pub struct Checked {
    /// The preview recomputed natively.
    pub preview: Preview,
}

impl Checked {
    /// The deadlines of the response: every timeline entry.
    pub fn deadlines(&self) -> &[TimelineEntry] {
        &self.preview.timeline
    }
}

/// Re-validates the envelope's case natively at the client's time with the pack it names, and
/// compares the summaries; the client's clock may be at most `max_skew` from the server's.
pub fn check(
    engine: &Engine,
    envelope: &Envelope,
    server_now: DateTime<FixedOffset>,
    max_skew: TimeDelta,
) -> Result<Checked, ApiError> {
    let client_time = DateTime::parse_from_rfc3339(envelope.client_time.trim())
        .map(|t| t.with_timezone(&china_offset()))
        .map_err(|e| {
            ApiError::unprocessable(
                "client_time",
                &format!("client_time 不是 RFC 3339 时间：{e}"),
                &format!("client_time is not an RFC 3339 time: {e}"),
            )
        })?;
    if (server_now - client_time).abs() > max_skew {
        let minutes = max_skew.num_minutes();
        return Err(ApiError::unprocessable(
            "client_time",
            &format!("client_time 与服务器时间相差超过 {minutes} 分钟"),
            &format!("client_time is more than {minutes} minutes away from the server clock"),
        ));
    }
    let known = engine
        .packs()
        .into_iter()
        .any(|(id, version, _)| id == envelope.pack.id && version == envelope.pack.version);
    if !known {
        return Err(unknown_pack(&envelope.pack));
    }
    let mut opts = Options::at(client_time);
    opts.pack = Some(envelope.pack.id.clone());
    let preview = engine.preview(envelope.case.clone(), &opts).map_err(|e| {
        let report = e.report();
        ApiError::unprocessable(
            "invalid_case",
            &format!("案件无法校验：{}", report.message.zh),
            &format!("the case cannot be checked: {}", report.message.en),
        )
    })?;
    if preview.pack.version != envelope.pack.version {
        return Err(unknown_pack(&envelope.pack));
    }
    if preview.status == Status::Blocked {
        return Err(ApiError::unprocessable(
            "blocked",
            "案件仍有错误，不能提交",
            "the case still has errors and cannot be submitted",
        )
        .with_findings(preview.findings));
    }
    if !summary_matches(engine, envelope, &opts, &preview.summary)? {
        return Err(ApiError::unprocessable(
            "tampered",
            "预览摘要与服务器重新计算的结果不一致",
            "the preview summary does not match the one the server recomputed",
        )
        .with_findings(preview.findings));
    }
    Ok(Checked { preview })
}

/// The summary a shell that has only `validate` sends (`pkg/shell.js`): the validation's status
/// and the codes of every problem, sorted and unique.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationDigest {
    /// Ready or blocked.
    pub status: Status,
    /// Codes of every problem, sorted and unique.
    pub codes: Vec<String>,
}

/// Whether the envelope's summary is the one recomputed here: a full preview summary, or a
/// validate-only digest recomputed from the native validation at the same time and pack.
fn summary_matches(
    engine: &Engine,
    envelope: &Envelope,
    opts: &Options,
    preview: &PreviewSummary,
) -> Result<bool, ApiError> {
    if let Ok(digest) = ValidationDigest::deserialize(&envelope.preview_summary) {
        let validation = engine
            .validate_value(envelope.case.clone(), opts)
            .map_err(|e| ApiError::internal(&e))?;
        let mut codes: Vec<String> = validation.problems.iter().map(|f| f.code.clone()).collect();
        codes.sort();
        codes.dedup();
        return Ok(digest == ValidationDigest { status: validation.status, codes });
    }
    Ok(PreviewSummary::deserialize(&envelope.preview_summary).is_ok_and(|s| &s == preview))
}

fn unknown_pack(pack: &PackName) -> ApiError {
    ApiError::unprocessable(
        "unknown_pack_version",
        &format!("服务器没有规则包 {} {}（或该版本不适用于本案）", pack.id, pack.version),
        &format!(
            "the server has no pack {} {} (or that version does not apply to this case)",
            pack.id, pack.version
        ),
    )
}
