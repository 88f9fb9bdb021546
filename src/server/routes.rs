//! The public routes: `POST /v1/cases`, `GET /v1/cases/{id}` (complainant token),
//! `POST /v1/validate` (stateless), `GET /healthz`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use complaint_rules::engine::{china_offset, Options};
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth;
use super::envelope::{self, Envelope};
use super::error::ApiError;
use super::secrets::{new_id, new_token, token_hash};
use super::store::{NewCase, Stored};
use super::App;

/// Longest accepted idempotency key.
const MAX_KEY_LEN: usize = 200;

/// The rate-limit window, in seconds.
const RATE_WINDOW_SECS: i64 = 60;

/// The `?token=` query of complainant routes.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    /// The access token, for links sent by SMS.
    pub token: Option<String>,
}

/// `GET /healthz`.
pub async fn healthz(State(app): State<Arc<App>>) -> Response {
    match app.store.ping().await {
        Ok(()) => Json(json!({"status": "ok"})).into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// `POST /v1/cases`.
pub async fn post_case(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (status, result) = match accept(app, peer, headers, body).await {
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

/// Counts the request against the client's window; 429 with Retry-After past the limit.
async fn rate_limit(app: &App, peer: SocketAddr) -> Result<(), ApiError> {
    if app.rate_limit == 0 {
        return Ok(());
    }
    let now = Utc::now().timestamp();
    let window = now - now.rem_euclid(RATE_WINDOW_SECS);
    let count =
        app.store.hit(&peer.ip().to_string(), window).await.map_err(|e| ApiError::internal(&e))?;
    if count > i64::from(app.rate_limit) {
        let wait = (window + RATE_WINDOW_SECS - now).max(1);
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            &format!("提交过于频繁，请 {wait} 秒后重试"),
            &format!("too many submissions; retry in {wait} s"),
        )
        .with_retry_after(wait));
    }
    Ok(())
}

async fn accept(
    app: Arc<App>,
    peer: SocketAddr,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Value), ApiError> {
    rate_limit(&app, peer).await?;
    let bytes = read_body(&app, &headers, body).await?;
    let key = idempotency_key(&headers)?;
    let (value, envelope) = parse_envelope(&bytes)?;
    if envelope.idempotency_key != key {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key_mismatch",
            "Idempotency-Key 请求头与信封中的 idempotency_key 不一致",
            "the Idempotency-Key header differs from the envelope's idempotency_key",
        ));
    }
    if let Some(first) =
        app.store.response_for_key(&key).await.map_err(|e| ApiError::internal(&e))?
    {
        return Ok((StatusCode::OK, first));
    }
    let now = Utc::now();
    let worker = app.clone();
    let (new, token) =
        tokio::task::spawn_blocking(move || prepare(&worker, key, value, &envelope, now))
            .await
            .map_err(|e| ApiError::internal(&e))??;
    match app.store.insert_case(&new).await.map_err(|e| ApiError::internal(&e))? {
        Stored::Created => {
            let mut body = new.response.clone();
            if let Some(o) = body.as_object_mut() {
                o.insert("access_token".into(), json!(token));
            }
            Ok((StatusCode::CREATED, body))
        }
        Stored::Existing(first) => Ok((StatusCode::OK, first)),
    }
}

/// Reads a JSON request body within the body limit and timeout: 415, 408 or 413 otherwise.
pub(super) async fn read_body(
    app: &App,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_type",
            "请求内容类型须为 application/json",
            "the request content type must be application/json",
        ));
    }
    let read = tokio::time::timeout(app.body_timeout, axum::body::to_bytes(body, app.body_limit));
    let bytes = read
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
                &format!("请求体超过 {} 字节上限", app.body_limit),
                &format!("the request body is larger than {} bytes", app.body_limit),
            )
        })?;
    Ok(bytes)
}

/// Parses a request body as JSON; 400 `json` naming the syntax error.
pub(super) fn parse_json(bytes: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "json",
            &format!("JSON 格式错误：{e}"),
            &format!("malformed JSON: {e}"),
        )
    })
}

/// Parses a body into its JSON value and envelope.
fn parse_envelope(bytes: &[u8]) -> Result<(Value, Envelope), ApiError> {
    let value = parse_json(bytes)?;
    let envelope = envelope::parse(&value)?;
    Ok((value, envelope))
}

/// Checks the envelope natively and builds the row: a random id, a fresh access token (only its
/// hash kept), the case masked and sealed, the envelope without its case.
fn prepare(
    app: &App,
    key: String,
    mut value: Value,
    envelope: &Envelope,
    now: DateTime<Utc>,
) -> Result<(NewCase, String), ApiError> {
    let local = now.with_timezone(&china_offset());
    let checked = envelope::check(&app.engine, envelope, local, app.max_skew)?;
    let id = new_id("case").map_err(|e| ApiError::internal(&e))?;
    let token = new_token("cat").map_err(|e| ApiError::internal(&e))?;
    let received_at = local.to_rfc3339_opts(SecondsFormat::Millis, false);
    let response = json!({"id": id, "received_at": received_at, "deadlines": checked.deadlines()});
    let case_masked = app
        .engine
        .mask_value(
            &envelope.case,
            &Options { pack: Some(envelope.pack.id.clone()), ..Options::at(local) },
        )
        .map_err(|e| ApiError::internal(&e))?;
    let plain = serde_json::to_vec(&envelope.case).map_err(|e| ApiError::internal(&e))?;
    let (case_sealed, key_id) = app.keys.seal(&plain, &id).map_err(|e| ApiError::internal(&e))?;
    if let Some(o) = value.as_object_mut() {
        o.remove("case");
    }
    let new = NewCase {
        id,
        key,
        received_at,
        envelope: value,
        case_masked,
        case_sealed,
        key_id,
        token_hash: token_hash(&token),
        response,
    };
    Ok((new, token))
}

/// `POST /v1/validate`: stateless re-validation of an envelope for backends in other languages.
/// The same checks as `POST /v1/cases` (schema, clock, pack, native preview, summary) without
/// storing anything or needing an idempotency key: 200 with the recomputed summary and
/// deadlines, or the same error `POST /v1/cases` would give.
pub async fn post_validate(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let bytes = read_body(&app, &headers, body).await?;
        let (_, envelope) = parse_envelope(&bytes)?;
        let now = Utc::now().with_timezone(&china_offset());
        let worker = app.clone();
        tokio::task::spawn_blocking(move || {
            let checked = envelope::check(&worker.engine, &envelope, now, worker.max_skew)?;
            Ok::<_, ApiError>(json!({
                "status": checked.preview.status,
                "summary": checked.preview.summary,
                "deadlines": checked.deadlines(),
            }))
        })
        .await
        .map_err(|e| ApiError::internal(&e))?
    }
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /v1/cases/{id}` with the case's access token: the stored case with personal data masked.
pub async fn get_case(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let token = auth::bearer(&headers, query.token.as_deref());
    match auth::complainant_case(app.store.as_ref(), &id, token.as_deref()).await {
        Ok(stored) => Json(json!({
            "id": stored.id,
            "received_at": stored.received_at,
            "pack": stored.envelope.get("pack"),
            "case": stored.case_masked,
        }))
        .into_response(),
        Err(e) => e.into_response(),
    }
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
