//! Staff access (bearer token of a staff account): [`audited`], which every staff route goes
//! through, and the staff-only reads `GET /v1/staff/cases/{id}` (masked, or with `?unmasked=1`
//! in clear for admins) and `GET /v1/staff/audit` (admins). Every request that names a valid
//! account — allowed or refused — is written to the append-only audit log. The lifecycle's
//! staff routes (`/v1/queue`, `/v1/cases/{id}/events`) are in `events`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{SecondsFormat, Utc};
use complaint_rules::engine::china_offset;
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::{self, Action, Role};
use super::error::ApiError;
use super::store::{AuditEntry, Staff};
use super::App;

/// Most rows one list request returns.
const MAX_ROWS: i64 = 1000;

/// Query of `GET /v1/staff/cases/{id}`.
#[derive(Debug, Deserialize)]
pub struct CaseQuery {
    /// `1` / `true`: personal data in clear (admins only).
    #[serde(default)]
    pub unmasked: Option<String>,
}

/// Query of `GET /v1/staff/audit`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// How many rows, newest first (default 100, at most 1000).
    pub limit: Option<i64>,
}

/// An error answer of a staff route: its HTTP status goes to the audit log.
pub trait Failure: From<ApiError> {
    /// The HTTP status answered.
    fn status(&self) -> StatusCode;
}

impl Failure for ApiError {
    fn status(&self) -> StatusCode {
        self.status
    }
}

/// Authenticates the staff member, checks the role may do `action`, runs `work` and audits the
/// outcome (`success` when it succeeds, else the error's status; an audit failure fails the
/// request: no unaudited staff access).
pub async fn audited<T, E, F, Fut>(
    app: &App,
    headers: &HeaderMap,
    action: Action,
    case_id: Option<&str>,
    success: StatusCode,
    work: F,
) -> Result<T, E>
where
    E: Failure,
    F: FnOnce(Staff, Role) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let token = auth::bearer(headers, None);
    let (account, role) = auth::staff(app.store.as_ref(), token.as_deref()).await?;
    let entry = |outcome: u16| AuditEntry {
        at: now_text(),
        staff_id: account.id.clone(),
        role: role.as_str().to_string(),
        action: action.as_str().to_string(),
        case_id: case_id.map(str::to_string),
        outcome: i64::from(outcome),
    };
    let result = if role.may(action) {
        work(account.clone(), role).await
    } else {
        Err(E::from(auth::forbidden(action)))
    };
    let outcome = result.as_ref().map_or_else(|e| e.status().as_u16(), |_| success.as_u16());
    app.store.audit(&entry(outcome)).await.map_err(|e| ApiError::internal(&e))?;
    result
}

/// `GET /v1/staff/cases/{id}`: the case (masked, or in clear for admins with `?unmasked=1`) and
/// its events.
pub async fn get_case(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(query): Query<CaseQuery>,
    headers: HeaderMap,
) -> Response {
    let unmasked = query.unmasked.as_deref().is_some_and(|v| v == "1" || v == "true");
    let action = if unmasked { Action::ReadCaseUnmasked } else { Action::ReadCase };
    let result = audited(&app, &headers, action, Some(&id), StatusCode::OK, |_, _| async {
        let stored = app.store.get_case(&id).await.map_err(|e| ApiError::internal(&e))?;
        let stored = stored.ok_or_else(auth::not_found)?;
        let case = if unmasked {
            let plain = app
                .keys
                .open(&stored.case_sealed, &stored.key_id, &stored.id)
                .map_err(|e| ApiError::internal(&e))?;
            serde_json::from_slice(&plain).map_err(|e| ApiError::internal(&e))?
        } else {
            stored.case_masked
        };
        let events = app.store.events(&id).await.map_err(|e| ApiError::internal(&e))?;
        Ok(json!({
            "id": stored.id,
            "received_at": stored.received_at,
            "pack": stored.envelope.get("pack"),
            "case": case,
            "events": events,
        }))
    })
    .await;
    respond(result)
}

/// `GET /v1/staff/audit?limit=N`: the latest audit rows (admins).
pub async fn get_audit(
    State(app): State<Arc<App>>,
    Query(query): Query<AuditQuery>,
    headers: HeaderMap,
) -> Response {
    let limit = query.limit.unwrap_or(100).clamp(1, MAX_ROWS);
    let result = audited(&app, &headers, Action::ReadAudit, None, StatusCode::OK, |_, _| async {
        let rows = app.store.audit_log(limit).await.map_err(|e| ApiError::internal(&e))?;
        Ok(json!({"audit": rows}))
    })
    .await;
    respond(result)
}

/// Now in UTC+08:00, RFC 3339 with milliseconds.
fn now_text() -> String {
    Utc::now().with_timezone(&china_offset()).to_rfc3339_opts(SecondsFormat::Millis, false)
}

fn respond(result: Result<Value, ApiError>) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}
