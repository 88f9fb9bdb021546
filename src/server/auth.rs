//! Who is asking: the complainant's per-case access token and staff accounts with roles. What
//! each role may do is the table [`PERMISSIONS`]; routes ask [`Role::may`].

use axum::http::{header, HeaderMap, StatusCode};
use serde::Deserialize;

use super::error::ApiError;
use super::secrets::{token_hash, token_matches};
use super::store::{Staff, Store, StoredCase};

/// A staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Handles cases: reads them masked, records handling events.
    Staff,
    /// Also reads unmasked personal data and the audit log.
    Admin,
}

impl Role {
    /// The role's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    /// The role of a stored name.
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "staff" => Some(Role::Staff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether this role may do `action`.
    pub fn may(self, action: Action) -> bool {
        PERMISSIONS.iter().any(|(a, roles)| *a == action && roles.contains(&self))
    }
}

/// What a staff request does (the audit log's `action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read a case with personal data masked, with its events.
    ReadCase,
    /// Read a case with personal data in clear.
    ReadCaseUnmasked,
    /// List the open cases.
    ReadQueue,
    /// Record a handling event.
    RecordEvent,
    /// Read the audit log.
    ReadAudit,
}

impl Action {
    /// The action's name in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ReadCase => "read_case",
            Action::ReadCaseUnmasked => "read_case_unmasked",
            Action::ReadQueue => "read_queue",
            Action::RecordEvent => "record_event",
            Action::ReadAudit => "read_audit",
        }
    }
}

/// Which roles may do what. Unmasked personal data and the audit log are the admin's.
pub const PERMISSIONS: &[(Action, &[Role])] = &[
    (Action::ReadCase, &[Role::Staff, Role::Admin]),
    (Action::ReadQueue, &[Role::Staff, Role::Admin]),
    (Action::RecordEvent, &[Role::Staff, Role::Admin]),
    (Action::ReadCaseUnmasked, &[Role::Admin]),
    (Action::ReadAudit, &[Role::Admin]),
];

/// The bearer token of a request: `Authorization: Bearer T`, else the `token` query parameter
/// (for links sent by SMS).
pub fn bearer(headers: &HeaderMap, query_token: Option<&str>) -> Option<String> {
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_string());
    from_header.or_else(|| query_token.map(str::to_string)).filter(|t| !t.is_empty())
}

/// The 404 of a case that is missing or whose token is wrong: the same answer for both, so that
/// existence does not leak.
pub fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "没有该案件", "no such case")
}

/// The case `id` if `token` is its access token; else 404.
pub async fn complainant_case(
    store: &dyn Store,
    id: &str,
    token: Option<&str>,
) -> Result<StoredCase, ApiError> {
    let stored = store.get_case(id).await.map_err(|e| ApiError::internal(&e))?;
    // Hash and compare even when the case is missing, so both take the same time.
    let hash = stored.as_ref().map_or("", |c| c.token_hash.as_str());
    let matches = token_matches(token.unwrap_or_default(), hash);
    match stored {
        Some(case) if matches && token.is_some() => Ok(case),
        _ => Err(not_found()),
    }
}

/// The staff account of a request with its role; 401 without a valid staff token.
pub async fn staff(store: &dyn Store, token: Option<&str>) -> Result<(Staff, Role), ApiError> {
    let unauthorized = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "需要有效的工作人员令牌（Authorization: Bearer）",
            "a valid staff token is required (Authorization: Bearer)",
        )
    };
    let token = token.ok_or_else(unauthorized)?;
    let account = store
        .staff_by_token(&token_hash(token))
        .await
        .map_err(|e| ApiError::internal(&e))?
        .ok_or_else(unauthorized)?;
    let role = Role::parse(&account.role).ok_or_else(unauthorized)?;
    Ok((account, role))
}

/// The 403 of a role that may not do an action.
pub fn forbidden(action: Action) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "forbidden",
        &format!("该角色无权执行 {}", action.as_str()),
        &format!("this role may not {}", action.as_str()),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_comes_from_the_header_or_the_query() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h, None), None);
        assert_eq!(bearer(&h, Some("q")), Some("q".into()));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("bearer  t1 "));
        assert_eq!(bearer(&h, Some("q")), Some("t1".into()));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h, None), None);
    }

    #[test]
    fn only_admins_read_unmasked_data_and_the_audit_log() {
        assert!(Role::Staff.may(Action::ReadCase) && Role::Staff.may(Action::RecordEvent));
        assert!(!Role::Staff.may(Action::ReadCaseUnmasked) && !Role::Staff.may(Action::ReadAudit));
        assert!(Role::Admin.may(Action::ReadCaseUnmasked) && Role::Admin.may(Action::ReadAudit));
        assert_eq!(Role::parse(Role::Admin.as_str()), Some(Role::Admin));
    }
}
