//! The handling lifecycle over HTTP: `POST /v1/cases/{id}/events` (staff: the engine checks
//! the event against the record before it is appended; 409 with the findings when it is out of
//! order or breaks a rule), `GET /v1/cases/{id}/events` (staff: the record and its evaluation),
//! `GET /v1/cases/{id}/status` (the complainant view) and
//! `GET /v1/queue?due_before=` (staff: open cases by next due time, overdue and at risk first).
//! Staff routes take a staff account's `Authorization: Bearer <token>` and are audited
//! ([`staff::audited`]); the status route takes the case's access token (Bearer or `?token=`).
//! The record lives in the store's append-only `case_events` log: the event as the engine sees it
//! is `{type, at, ...payload}`; the recorder's account is kept beside it (`by_role`, `by_id`).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use complaint_rules::engine::{china_offset, parse_time, Options, View};
use complaint_rules::finding::{Audience, Bilingual, Finding};
use complaint_rules::handling::{refusals, HandlingReport};
use serde_json::{json, Map, Value};

use super::auth::{self, Action};
use super::error::ApiError;
use super::routes::{parse_json, read_body, TokenQuery};
use super::secrets::new_id;
use super::staff::{self, Failure};
use super::store::{Event, NewEvent, StoredCase};
use super::App;

/// Event types after which a case is no longer open (left out of the queue).
const CLOSING: &[&str] = &["archived", "records_purged"];

/// Most open cases the queue evaluates.
const QUEUE_LIMIT: i64 = 1000;

/// A lifecycle failure: an API error, or an answer with a body of its own (409 with the findings
/// that refuse an event, 422 naming the event and field of a malformed one).
pub enum Fail {
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

impl Failure for Fail {
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

/// A storage or worker failure as a 500 (cause logged, never sent).
fn internal(e: impl std::fmt::Display) -> Fail {
    Fail::Api(ApiError::internal(&e))
}

/// The error body of a refusal or a malformed record: `{error: {code, message, path?}, findings?}`.
fn body(
    code: &str,
    message: &Bilingual,
    path: Option<&str>,
    findings: Option<&[Finding]>,
) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), json!(code));
    error.insert("message".into(), json!(message));
    if let Some(path) = path {
        error.insert("path".into(), json!(path));
    }
    let mut out = Map::new();
    out.insert("error".into(), Value::Object(error));
    if let Some(findings) = findings {
        out.insert("code".into(), json!(code));
        out.insert("findings".into(), json!(findings));
    }
    Value::Object(out)
}

fn respond(result: Result<Value, Fail>, created: bool) -> Response {
    match result {
        Ok(body) if created => (StatusCode::CREATED, Json(body)).into_response(),
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /v1/cases/{id}/events` (staff, `record_event`).
pub async fn post_event(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = staff::audited(
        &app,
        &headers,
        Action::RecordEvent,
        Some(&id),
        StatusCode::CREATED,
        |account, role| {
            let (app, id, headers) = (app.clone(), id.clone(), headers.clone());
            async move {
                let bytes = read_body(&app, &headers, body).await?;
                let event = parse_json(&bytes)?;
                append(&app, &id, event, role.as_str(), &account.id).await
            }
        },
    )
    .await;
    // Only the status is logged: never the event (personal data).
    let status = result.as_ref().map_or_else(Failure::status, |_| StatusCode::CREATED);
    eprintln!("serve: POST /v1/cases/_/events -> {}", status.as_u16());
    respond(result, true)
}

/// Checks the event against the record and appends it when the engine accepts it; 409
/// `record_changed` when another writer appended first.
async fn append(
    app: &App,
    id: &str,
    event: Value,
    by_role: &str,
    by_id: &str,
) -> Result<Value, Fail> {
    let (case, pack, events) = load(app, id).await?;
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
    let new = new_event(id, event, by_role, by_id)?;
    let expected = i64::try_from(events.len()).map_err(internal)?;
    let stored = app.store.append_event_after(&new, expected).await.map_err(internal)?;
    if stored.is_none() {
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

/// The store row of an event the engine accepted: its type and time as columns, the rest as the
/// payload, the recording account beside it.
fn new_event(id: &str, event: Value, by_role: &str, by_id: &str) -> Result<NewEvent, Fail> {
    let Value::Object(mut payload) = event else {
        return Err(internal("an accepted event is not an object"));
    };
    let mut text = |key: &str| match payload.remove(key) {
        Some(Value::String(s)) => Ok(s),
        _ => Err(internal(format!("an accepted event has no {key}"))),
    };
    let (kind, at) = (text("type")?, text("at")?);
    Ok(NewEvent {
        id: new_id("event").map_err(internal)?,
        case_id: id.to_string(),
        kind,
        at,
        by_role: by_role.to_string(),
        by_id: by_id.to_string(),
        payload: Value::Object(payload),
        recorded_at: clock().to_rfc3339_opts(SecondsFormat::Millis, false),
    })
}

/// A stored event as the engine reads it: `{type, at, ...payload}`.
fn record_event(event: Event) -> Value {
    let mut out = match event.payload {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    out.insert("type".into(), Value::String(event.kind));
    out.insert("at".into(), Value::String(event.at));
    Value::Object(out)
}

/// `GET /v1/cases/{id}/events` (staff, `read_case`): the record and the staff view of it.
pub async fn get_events(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result =
        staff::audited(&app, &headers, Action::ReadCase, Some(&id), StatusCode::OK, |_, _| async {
            let (case, pack, events) = load(&app, &id).await?;
            let report = evaluate(&app, &case, &pack, &events, clock(), View::Staff)?;
            Ok(json!({"id": id, "events": events, "handling": report}))
        })
        .await;
    respond(result, false)
}

/// `GET /v1/cases/{id}/status` (the case's access token, Bearer or `?token=`; 404 otherwise):
/// the complainant view — stage, what happens next and by when, the supplements asked for; no
/// internal route, no handler findings, no personal data.
pub async fn get_status(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let token = auth::bearer(&headers, query.token.as_deref());
        let stored = auth::complainant_case(app.store.as_ref(), &id, token.as_deref()).await?;
        let (case, pack, events) = opened(&app, stored).await?;
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
    }
    .await;
    respond(result, false)
}

/// `GET /v1/queue?due_before=RFC3339` (staff, `read_queue`): open cases with their next handler
/// action, overdue first, then at risk, then by due time; with `due_before`, only cases due
/// before it.
pub async fn get_queue(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let result =
        staff::audited(&app, &headers, Action::ReadQueue, None, StatusCode::OK, |_, _| async {
            let due_before =
                query.get("due_before").map(|t| parse_time("due_before", t)).transpose().map_err(
                    |e| {
                        let m = e.report().message;
                        ApiError::new(StatusCode::BAD_REQUEST, "due_before", &m.zh, &m.en)
                    },
                )?;
            queue(&app, due_before).await
        })
        .await;
    respond(result, false)
}

async fn queue(app: &App, due_before: Option<DateTime<FixedOffset>>) -> Result<Value, Fail> {
    let now = clock();
    let closing: Vec<String> = CLOSING.iter().map(|t| (*t).to_string()).collect();
    let mut rows = Vec::new();
    for open in app.store.open_cases(&closing, QUEUE_LIMIT).await.map_err(internal)? {
        let (case, pack, events) = load(app, &open.id).await?;
        let Ok(report) = evaluate(app, &case, &pack, &events, now, View::Staff) else { continue };
        let next = report.next_actions.iter().find(|a| a.audience == Audience::Handler);
        let Some(next) = next else { continue };
        if due_before.is_some_and(|limit| next.due_at.is_none_or(|due| due >= limit)) {
            continue;
        }
        rows.push((
            next.state,
            next.due_at,
            json!({"id": open.id, "stage": report.stage, "next": next}),
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1.is_none(), r.1));
    Ok(json!({"cases": rows.into_iter().map(|(_, _, row)| row).collect::<Vec<_>>()}))
}

/// The stored case (opened), its pack id and its events; 404 when there is no such case.
async fn load(app: &App, id: &str) -> Result<(Value, Option<String>, Vec<Value>), Fail> {
    let stored = app.store.get_case(id).await.map_err(internal)?;
    opened(app, stored.ok_or_else(auth::not_found)?).await
}

/// The case in clear (the engine checks the record against the whole case; nothing of it is
/// sent back), its pack id and its events.
async fn opened(
    app: &App,
    stored: StoredCase,
) -> Result<(Value, Option<String>, Vec<Value>), Fail> {
    let plain = app.keys.open(&stored.case_sealed, &stored.key_id, &stored.id).map_err(internal)?;
    let case: Value = serde_json::from_slice(&plain).map_err(internal)?;
    let pack = stored.envelope.pointer("/pack/id").and_then(Value::as_str).map(str::to_string);
    let events = app.store.events(&stored.id).await.map_err(internal)?;
    Ok((case, pack, events.into_iter().map(record_event).collect()))
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
    let mut opts = Options::at(now);
    opts.pack.clone_from(pack);
    opts.view = Some(view);
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
