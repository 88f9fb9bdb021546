//! The handling lifecycle over HTTP: `POST /v1/cases/{id}/events` (staff: the engine checks
//! the event against the record before it is appended; 409 with the findings when it is out of
//! order or breaks a rule), `GET /v1/cases/{id}/events` (staff: the record and its evaluation),
//! `GET /v1/cases/{id}/status` (the complainant view) and
//! `GET /v1/queue?due_before=` (staff: open cases by next due time, overdue and at risk first).
//! Staff routes take `Authorization: Bearer <token>`, the token given to `serve --staff-token`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, Utc};
use complaint_rules::engine::{china_offset, parse_time};
use complaint_rules::finding::{Audience, Bilingual, Finding};
use complaint_rules::handling::{refusals, HandlingOptions, HandlingReport, View};
use serde_json::{json, Value};

use super::error::ApiError;
use super::routes::{read_body, App};

/// A lifecycle failure: an API error, or an answer with a body of its own (409 with the findings
/// that refuse an event, 422 naming the event and field of a malformed one).
enum Fail {
    /// A plain API error.
    Api(ApiError),
    /// A status with its body.
    Body(StatusCode, Value),
}

impl From<ApiError> for Fail {
    fn from(e: ApiError) -> Fail {
        Fail::Api(e)
    }
}

impl Fail {
    fn status(&self) -> StatusCode {
        match self {
            Fail::Api(e) => e.status,
            Fail::Body(status, _) => *status,
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        match self {
            Fail::Api(e) => e.into_response(),
            Fail::Body(status, body) => (status, Json(body)).into_response(),
        }
    }
}

/// Runs blocking work (SQLite, the engine) off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Fail> + Send + 'static,
) -> Result<T, Fail> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Fail::Api(ApiError::internal(&e)))?
}

/// The error body of a refusal or a malformed record: `{error: {code, message, path?}, findings?}`.
fn body(
    code: &str,
    message: &Bilingual,
    path: Option<&str>,
    findings: Option<&[Finding]>,
) -> Value {
    let mut error = serde_json::Map::new();
    error.insert("code".into(), json!(code));
    error.insert("message".into(), json!(message));
    if let Some(path) = path {
        error.insert("path".into(), json!(path));
    }
    let mut out = serde_json::Map::new();
    out.insert("error".into(), Value::Object(error));
    if let Some(findings) = findings {
        out.insert("code".into(), json!(code));
        out.insert("findings".into(), json!(findings));
    }
    Value::Object(out)
}

/// `POST /v1/cases/{id}/events`.
pub async fn post_event(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        staff(&app, &headers)?;
        let bytes = read_body(&app, body).await?;
        let event: Value = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "json",
                &format!("JSON 格式错误：{e}"),
                &format!("malformed JSON: {e}"),
            )
        })?;
        blocking(move || append(&app, &id, event)).await
    }
    .await;
    // Only the status and the case id or error code are logged: never the event (personal data).
    match result {
        Ok(body) => {
            eprintln!("serve: POST /v1/cases/_/events -> 201");
            (StatusCode::CREATED, Json(body)).into_response()
        }
        Err(e) => {
            eprintln!("serve: POST /v1/cases/_/events -> {}", e.status().as_u16());
            e.into_response()
        }
    }
}

/// Checks the event against the record and appends it when the engine accepts it.
fn append(app: &App, id: &str, event: Value) -> Result<Value, Fail> {
    let (case, pack, events) = load(app, id)?;
    let now = clock();
    let before = evaluate(app, &case, &pack, &events, now, View::Staff)?;
    let mut longer = events.clone();
    longer.push(event.clone());
    let after = evaluate(app, &case, &pack, &longer, now, View::Staff)?;
    let refused = refusals(&before, &after);
    if !refused.is_empty() {
        let message = Bilingual {
            zh: "该事件不符合处理规则或先后次序，未记录".into(),
            en: "the event is out of order or breaks a handling rule; it was not recorded".into(),
        };
        return Err(Fail::Body(
            StatusCode::CONFLICT,
            body("refused", &message, None, Some(&refused)),
        ));
    }
    let stored = app
        .store
        .append_event(id, events.len(), &event)
        .map_err(|e| Fail::Api(ApiError::internal(&e)))?;
    if !stored {
        return Err(Fail::Api(ApiError::new(
            StatusCode::CONFLICT,
            "record_changed",
            "处理记录已被他人更新，请刷新后重试",
            "the record changed meanwhile; reload and try again",
        )));
    }
    Ok(
        json!({"id": id, "seq": events.len(), "stage": after.stage, "findings": after.findings, "next_actions": after.next_actions}),
    )
}

/// `GET /v1/cases/{id}/events` (staff): the record and the staff view of it.
pub async fn get_events(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        staff(&app, &headers)?;
        blocking(move || {
            let (case, pack, events) = load(&app, &id)?;
            let report = evaluate(&app, &case, &pack, &events, clock(), View::Staff)?;
            Ok(json!({"id": id, "events": events, "handling": report}))
        })
        .await
    }
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /v1/cases/{id}/status`: the complainant view — stage, what happens next and by when,
/// the supplements asked for; no internal route, no handler findings, no personal data.
pub async fn get_status(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let result = blocking(move || {
        let (case, pack, events) = load(&app, &id)?;
        let report = evaluate(&app, &case, &pack, &events, clock(), View::Complainant)?;
        let supplements: Vec<Value> = report
            .next_actions
            .iter()
            .filter(|a| a.action == "supplement")
            .filter_map(|a| {
                let request = events.iter().rev().find(|e| {
                    e.get("type").and_then(Value::as_str) == Some("supplement_requested")
                        && e.get("due_at")
                            .and_then(Value::as_str)
                            .and_then(|t| parse_time("due_at", t).ok())
                            == a.due_at
                })?;
                Some(json!({"items": request.get("items"), "due_at": a.due_at}))
            })
            .collect();
        Ok(json!({
            "id": id,
            "stage": report.stage,
            "next_actions": report.next_actions,
            "supplements": supplements,
            "findings": report.findings,
        }))
    })
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /v1/queue?due_before=RFC3339`: open cases with their next handler action, overdue
/// first, then at risk, then by due time; with `due_before`, only cases due before it.
pub async fn get_queue(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let result = async {
        staff(&app, &headers)?;
        let due_before =
            query.get("due_before").map(|t| parse_time("due_before", t)).transpose().map_err(
                |e| {
                    let m = e.report().message;
                    ApiError::new(StatusCode::BAD_REQUEST, "due_before", &m.zh, &m.en)
                },
            )?;
        blocking(move || queue(&app, due_before)).await
    }
    .await;
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

fn queue(app: &App, due_before: Option<DateTime<FixedOffset>>) -> Result<Value, Fail> {
    let now = clock();
    let mut rows = Vec::new();
    for id in app.store.open_case_ids().map_err(|e| Fail::Api(ApiError::internal(&e)))? {
        let (case, pack, events) = load(app, &id)?;
        let Ok(report) = evaluate(app, &case, &pack, &events, now, View::Staff) else { continue };
        let next = report.next_actions.iter().find(|a| a.audience == Audience::Handler);
        let Some(next) = next else { continue };
        if due_before.is_some_and(|limit| next.due_at.is_none_or(|due| due >= limit)) {
            continue;
        }
        rows.push((
            next.state,
            next.due_at,
            json!({"id": id, "stage": report.stage, "next": next}),
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1.is_none(), r.1));
    Ok(json!({"cases": rows.into_iter().map(|(_, _, row)| row).collect::<Vec<_>>()}))
}

/// The stored case, its pack id and its events; 404 when there is no such case.
fn load(app: &App, id: &str) -> Result<(Value, Option<String>, Vec<Value>), Fail> {
    let stored = app.store.get(id).map_err(|e| Fail::Api(ApiError::internal(&e)))?;
    let Some(stored) = stored else {
        return Err(Fail::Api(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "没有该案件",
            "no such case",
        )));
    };
    let pack = stored.envelope.pointer("/pack/id").and_then(Value::as_str).map(str::to_string);
    let events = app.store.events(id).map_err(|e| Fail::Api(ApiError::internal(&e)))?;
    Ok((stored.case, pack, events))
}

/// The engine's evaluation; a malformed event is a 422 naming the event and field.
fn evaluate(
    app: &App,
    case: &Value,
    pack: &Option<String>,
    events: &[Value],
    now: DateTime<FixedOffset>,
    view: View,
) -> Result<HandlingReport, Fail> {
    let mut opts = HandlingOptions::at(now);
    opts.pack.clone_from(pack);
    opts.view = view;
    app.engine.handling(case.clone(), &json!({"events": events}), &opts).map_err(|e| {
        let report = e.report();
        let body = body("record", &report.message, Some(&report.path), None);
        Fail::Body(StatusCode::UNPROCESSABLE_ENTITY, body)
    })
}

/// The server's clock in UTC+08:00 (the only place the lifecycle reads one).
fn clock() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&china_offset())
}

/// Staff routes need `Authorization: Bearer <token>` with the `--staff-token` given to `serve`;
/// without one configured they are closed.
fn staff(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match (&app.staff_token, given) {
        (Some(token), Some(given)) if constant_time_eq(token.as_bytes(), given.as_bytes()) => {
            Ok(())
        }
        (None, _) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "staff_disabled",
            "未配置工作人员令牌（serve --staff-token），工作人员接口关闭",
            "no staff token configured (serve --staff-token): staff routes are closed",
        )),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "需要有效的工作人员令牌（Authorization: Bearer …）",
            "a valid staff token is required (Authorization: Bearer …)",
        )),
    }
}

/// Equality that takes the same time whatever the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }
}
