//! The HTTP routes: `POST /v1/cases`, `GET /v1/cases/{id}`, `GET /healthz`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use complaint_rules::engine::{china_offset, Engine};
use serde_json::{json, Value};

use super::envelope;
use super::error::ApiError;
use super::store::{NewCase, Store, Stored};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Longest accepted idempotency key.
const MAX_KEY_LEN: usize = 200;

/// Shared state of the handlers.
#[derive(Debug)]
pub struct App {
    /// The rules engine with every embedded pack.
    pub engine: Engine,
    /// The case database.
    pub store: Store,
    /// Longest time to receive a request body.
    pub body_timeout: Duration,
    /// The bearer token of the staff routes (`serve --staff-token`); none: they are closed.
    pub staff_token: Option<String>,
}

/// `GET /healthz`.
pub async fn healthz(State(app): State<Arc<App>>) -> Response {
    match blocking(move || app.store.ping().map_err(|e| ApiError::internal(&e))).await {
        Ok(()) => Json(json!({"status": "ok"})).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /v1/cases`.
pub async fn post_case(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Response {
    let (status, result) = match accept(app, headers, body).await {
        Ok((status, body)) => (status, Ok(body)),
        Err(e) => (e.status, Err(e)),
    };
    let what = match &result {
        Ok(body) => format!("id={}", body.get("id").and_then(Value::as_str).unwrap_or("?")),
        Err(e) => format!("code={}", e.code),
    };
    // Only the status, the case id or the error code: never the case (personal data).
    eprintln!("serve: POST /v1/cases -> {} {what}", status.as_u16());
    match result {
        Ok(body) => (status, Json(body)).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn accept(
    app: Arc<App>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Value), ApiError> {
    if !is_json(&headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type",
            "请求内容类型须为 application/json",
            "the request content type must be application/json",
        ));
    }
    let bytes = read_body(&app, body).await?;
    let key = idempotency_key(&headers)?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "json",
            &format!("JSON 格式错误：{e}"),
            &format!("malformed JSON: {e}"),
        )
    })?;
    let envelope = envelope::parse(&value)?;
    if envelope.idempotency_key != key {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key_mismatch",
            "Idempotency-Key 请求头与信封中的 idempotency_key 不一致",
            "the Idempotency-Key header differs from the envelope's idempotency_key",
        ));
    }
    blocking(move || {
        if let Some(first) = app.store.response_for_key(&key).map_err(|e| ApiError::internal(&e))? {
            return Ok((StatusCode::OK, first));
        }
        let now = Utc::now();
        let checked = envelope::check(&app.engine, &envelope, now.with_timezone(&china_offset()))?;
        let id = new_id(now);
        let received_at =
            now.with_timezone(&china_offset()).to_rfc3339_opts(SecondsFormat::Millis, false);
        let response =
            json!({"id": id, "received_at": received_at, "deadlines": checked.deadlines()});
        let new = NewCase {
            id: &id,
            key: &key,
            received_at: &received_at,
            envelope: &value,
            case: &envelope.case,
            response: &response,
        };
        match app.store.insert(&new).map_err(|e| ApiError::internal(&e))? {
            Stored::Created(body) => Ok((StatusCode::CREATED, body)),
            Stored::Existing(body) => Ok((StatusCode::OK, body)),
        }
    })
    .await
}

/// `GET /v1/cases/{id}`: the stored case with personal data masked by its pack.
pub async fn get_case(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let result = blocking(move || {
        let stored = app.store.get(&id).map_err(|e| ApiError::internal(&e))?;
        let Some(stored) = stored else {
            return Err(ApiError::new(StatusCode::NOT_FOUND, "not_found", "没有该案件", "no such case"));
        };
        let received = DateTime::parse_from_rfc3339(&stored.received_at).map_err(|e| ApiError::internal(&e))?;
        let pack = stored.envelope.get("pack").and_then(|p| p.get("id")).and_then(Value::as_str);
        let masked = app.engine.mask_value(&stored.case, received, pack).map_err(|e| ApiError::internal(&e))?;
        Ok(json!({"id": id, "received_at": stored.received_at, "pack": stored.envelope.get("pack"), "case": masked}))
    })
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Runs blocking work (SQLite, the engine) off the async workers.
/// Reads a request body within the server's body timeout and size limit (408 / 413 otherwise).
pub(super) async fn read_body(app: &App, body: Body) -> Result<axum::body::Bytes, ApiError> {
    tokio::time::timeout(app.body_timeout, axum::body::to_bytes(body, BODY_LIMIT))
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                "请求体发送超时",
                "the request body was not received in time",
            )
        })?
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "请求体超过 1 MiB 上限",
                "the request body is larger than 1 MiB",
            )
        })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ApiError::internal(&e))?
}

/// Whether the content type is `application/json` (parameters such as charset allowed).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// The `Idempotency-Key` header: required, 1–200 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key",
            "缺少 Idempotency-Key 请求头（1–200 个字符）",
            "the Idempotency-Key header is required (1-200 characters)",
        ));
    }
    Ok(key.to_string())
}

/// A new case id: the receive time in microseconds and a process counter, in hex.
fn new_id(now: DateTime<Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("case-{:x}-{n:x}-{:x}", now.timestamp_micros(), std::process::id())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn content_type_accepts_charset_and_case() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("Application/JSON; charset=utf-8"));
        assert!(is_json(&h));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(!is_json(&h));
    }

    #[test]
    fn idempotency_key_is_required() {
        let mut h = HeaderMap::new();
        assert_eq!(idempotency_key(&h).unwrap_err().status, StatusCode::BAD_REQUEST);
        h.insert("Idempotency-Key", HeaderValue::from_static(" k1 "));
        assert_eq!(idempotency_key(&h).unwrap(), "k1");
    }
}
