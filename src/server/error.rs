//! API errors: an HTTP status and a bilingual body `{error: {code, message: {zh, en}}}`; a 422
//! about the case also carries `code` and `findings` at the top level.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use complaint_rules::finding::Bilingual;
use complaint_rules::preview::PreviewFinding;
use serde_json::json;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Stable machine code.
    pub code: &'static str,
    /// Bilingual explanation.
    pub message: Bilingual,
    /// The recomputed findings, for a blocked or tampered case.
    pub findings: Option<Vec<PreviewFinding>>,
    /// Seconds the client should wait before retrying (sent as `Retry-After`).
    pub retry_after: Option<i64>,
}

impl ApiError {
    /// An error with the given status.
    pub fn new(status: StatusCode, code: &'static str, zh: &str, en: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: Bilingual { zh: zh.into(), en: en.into() },
            findings: None,
            retry_after: None,
        }
    }

    /// A 422 Unprocessable Content.
    pub fn unprocessable(code: &'static str, zh: &str, en: &str) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en)
    }

    /// A 500 whose cause is logged, never sent.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        eprintln!("serve: internal error: {cause}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "服务器内部错误",
            "internal server error",
        )
    }

    /// The same error with a `Retry-After` of `seconds`.
    pub fn with_retry_after(mut self, seconds: i64) -> ApiError {
        self.retry_after = Some(seconds);
        self
    }

    /// The same error with the findings attached.
    pub fn with_findings(mut self, findings: Vec<PreviewFinding>) -> ApiError {
        self.findings = Some(findings);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = json!({"code": self.code, "message": self.message});
        let body = match self.findings {
            Some(findings) => json!({"code": self.code, "error": error, "findings": findings}),
            None => json!({"error": error}),
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(0)));
        }
        response
    }
}
