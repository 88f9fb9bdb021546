//! The handling record: an append-only list of events `{type, at, by: {role, id?}, …payload}`.
//! Parsing checks every event's shape and names the event index and field of the first problem.

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::engine::china_offset;
use crate::error::EngineError;
use crate::finding::Bilingual;
use crate::money::Fen;

/// Why a record could not be read.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum RecordError {
    /// The record is not an object with an `events` list.
    #[error("the record must be an object with an \"events\" list")]
    NotARecord,
    /// More events than the pack accepts.
    #[error("{count} events exceed the limit of {max}")]
    TooMany {
        /// Events received.
        count: usize,
        /// The pack's limit.
        max: usize,
    },
    /// One field of one event is missing or of the wrong shape.
    #[error("event {index}, field {field:?}: {}", .detail.en)]
    Field {
        /// Index of the event in the list.
        index: usize,
        /// The field (a JSON pointer inside the event, `""` for the whole event).
        field: String,
        /// What is wrong, in both languages.
        detail: Bilingual,
    },
}

impl RecordError {
    /// The JSON pointer of the problem inside the record.
    pub fn path(&self) -> String {
        match self {
            RecordError::NotARecord | RecordError::TooMany { .. } => "/events".into(),
            RecordError::Field { index, field, .. } => format!("/events/{index}{field}"),
        }
    }

    /// The explanation in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            RecordError::NotARecord => Bilingual {
                zh: "处理记录应为含 events 列表的对象".into(),
                en: self.to_string(),
            },
            RecordError::TooMany { count, max } => Bilingual {
                zh: format!("处理记录有 {count} 个事件，超过上限 {max} 个"),
                en: self.to_string(),
            },
            RecordError::Field { index, field, detail } => Bilingual {
                zh: format!("第 {index} 个事件的字段“{field}”：{}", detail.zh),
                en: format!("event {index}, field {field:?}: {}", detail.en),
            },
        }
    }
}

impl From<RecordError> for EngineError {
    fn from(e: RecordError) -> EngineError {
        EngineError::Shape { path: e.path(), expected: e.message() }
    }
}

/// Who recorded an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Role, e.g. `customer_service`, `department_head`, `marketing`.
    pub role: String,
    /// Staff id, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The handler a case is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    /// Staff id.
    #[serde(default)]
    pub id: Option<String>,
    /// Role.
    #[serde(default)]
    pub role: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
    /// Whether the handler is marketing staff.
    #[serde(default)]
    pub marketing: bool,
    /// Whether the handler is involved in the matter complained about.
    #[serde(default)]
    pub involved: bool,
}

/// A reviewer's relation to the first handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Above the first handler's level.
    Higher,
    /// Independent of the first handler.
    Independent,
    /// The same handler or level.
    Same,
}

/// Where a case was escalated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The department head.
    DepartmentHead,
    /// Risk management / risk control.
    RiskManagement,
    /// The exchange's complaint coordination centre.
    CoordinationCentre,
    /// The police.
    Police,
    /// A regulator.
    Regulator,
}

/// How a mediation ended, when recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The parties agreed.
    Agreed,
    /// No agreement.
    Failed,
}

/// The typed payload of an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Receipt acknowledged.
    Acknowledged,
    /// Accepted for handling.
    Accepted,
    /// Not accepted (reasons and guidance are checked on the payload).
    Rejected,
    /// Materials asked for.
    SupplementRequested {
        /// JSON pointers of the missing items.
        items: Vec<String>,
        /// The complainant's due time.
        due_at: DateTime<FixedOffset>,
    },
    /// Materials supplied.
    Supplemented {
        /// JSON pointers supplied.
        items: Vec<String>,
    },
    /// Given to a handler.
    Assigned {
        /// The handler.
        handler: Handler,
    },
    /// The resolution limit extended.
    ExtensionGranted {
        /// Working days added.
        working_days: u32,
        /// Who approved it (a name, or the role / id of an object).
        approved_by: Option<String>,
        /// When the complainant consented, if asked.
        consent_at: Option<DateTime<FixedOffset>>,
    },
    /// The complainant told of progress.
    ProgressNotified {
        /// Expected completion.
        expected_by: Option<DateTime<FixedOffset>>,
    },
    /// Compensation offered.
    CompensationOffered {
        /// The amount offered.
        amount: Fen,
    },
    /// Compensation approved.
    CompensationApproved {
        /// The approver's role.
        by_role: String,
    },
    /// The result decided.
    Resolved {
        /// Whether the decision was taken by automated means only (令116号 Art. 19), when said.
        automated: Option<bool>,
    },
    /// The result (or review result) told to the complainant.
    ResultNotified {
        /// External remedies named.
        remedies: Vec<String>,
    },
    /// The complainant asked for a review.
    ReviewRequested {
        /// Whether a human decision was asked for.
        human_requested: bool,
    },
    /// The review decided.
    ReviewDecided {
        /// The reviewer's relation to the first handler.
        reviewer_relation: Relation,
        /// Whether a human decided.
        human: bool,
    },
    /// Escalated.
    Escalated {
        /// To whom.
        to: Target,
    },
    /// A mediation took place.
    MediationHeld {
        /// Who took part.
        parties: Vec<String>,
        /// How it ended, when recorded.
        outcome: Option<Outcome>,
    },
    /// An agreement signed.
    AgreementSigned {
        /// Who signed.
        signed_by: Vec<String>,
    },
    /// The agreement's performance checked.
    AgreementChecked {
        /// Whether it was performed.
        performed: bool,
    },
    /// A follow-up visit made.
    FollowUp,
    /// A lawsuit filed.
    LitigationFiled,
    /// The file archived.
    Archived {
        /// Item ids in the file.
        contents: Vec<String>,
    },
    /// The records deleted.
    RecordsPurged,
}

/// Every event type, as written in the record.
pub const TYPES: &[&str] = &[
    "acknowledged",
    "accepted",
    "rejected",
    "supplement_requested",
    "supplemented",
    "assigned",
    "extension_granted",
    "progress_notified",
    "compensation_offered",
    "compensation_approved",
    "resolved",
    "result_notified",
    "review_requested",
    "review_decided",
    "escalated",
    "mediation_held",
    "agreement_signed",
    "agreement_checked",
    "follow_up",
    "litigation_filed",
    "archived",
    "records_purged",
];

/// One event of the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event type as written (one of [`TYPES`]).
    pub kind_name: String,
    /// When it happened, in UTC+08:00.
    pub at: DateTime<FixedOffset>,
    /// Who recorded it.
    pub by: Actor,
    /// The typed payload.
    pub kind: Kind,
    /// The whole event as given (for the pack's field rules).
    pub raw: Value,
}

/// Reads the record `{events: [...]}`; at most `max` events.
pub fn parse(record: &Value, max: usize) -> Result<Vec<Event>, RecordError> {
    let events = record.get("events").and_then(Value::as_array).ok_or(RecordError::NotARecord)?;
    if events.len() > max {
        return Err(RecordError::TooMany { count: events.len(), max });
    }
    events.iter().enumerate().map(|(i, v)| parse_event(i, v)).collect()
}

/// Reads one event.
pub fn parse_event(index: usize, value: &Value) -> Result<Event, RecordError> {
    let fail = |field: &str, zh: &str, en: &str| RecordError::Field {
        index,
        field: field.to_string(),
        detail: Bilingual { zh: zh.into(), en: en.into() },
    };
    if !value.is_object() {
        return Err(fail("", "应为对象", "must be an object"));
    }
    let kind_name = value
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| TYPES.contains(t))
        .ok_or_else(|| fail("/type", "应为已知的事件类型", "must be a known event type"))?;
    let at = value
        .get("at")
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .ok_or_else(|| fail("/at", "应为 RFC 3339 时间", "must be an RFC 3339 time"))?
        .with_timezone(&china_offset());
    let by: Actor = field(index, value, "by")?;
    if by.role.trim().is_empty() {
        return Err(fail("/by/role", "不能为空", "must not be empty"));
    }
    let kind = kind_of(index, kind_name, value)?;
    Ok(Event { kind_name: kind_name.to_string(), at, by, kind, raw: value.clone() })
}

/// The typed payload of an event of type `name`.
fn kind_of(index: usize, name: &str, v: &Value) -> Result<Kind, RecordError> {
    Ok(match name {
        "acknowledged" => Kind::Acknowledged,
        "accepted" => Kind::Accepted,
        "rejected" => Kind::Rejected,
        "supplement_requested" => Kind::SupplementRequested {
            items: pointers(index, v, "items")?,
            due_at: field::<DateTime<FixedOffset>>(index, v, "due_at")?
                .with_timezone(&china_offset()),
        },
        "supplemented" => Kind::Supplemented { items: pointers(index, v, "items")? },
        "assigned" => Kind::Assigned { handler: field(index, v, "handler")? },
        "extension_granted" => {
            let working_days: u32 = field(index, v, "working_days")?;
            if working_days == 0 {
                return Err(RecordError::Field {
                    index,
                    field: "/working_days".into(),
                    detail: Bilingual {
                        zh: "应至少为 1".into(), en: "must be at least 1".into()
                    },
                });
            }
            Kind::ExtensionGranted {
                working_days,
                approved_by: optional::<Value>(index, v, "approved_by")?.and_then(|a| name_of(&a)),
                consent_at: optional::<DateTime<FixedOffset>>(index, v, "consent_at")?
                    .map(|t| t.with_timezone(&china_offset())),
            }
        }
        "progress_notified" => Kind::ProgressNotified {
            expected_by: optional::<DateTime<FixedOffset>>(index, v, "expected_by")?,
        },
        "compensation_offered" => {
            let text: String = field(index, v, "amount")?;
            let amount = Fen::parse_yuan(&text).map_err(|_| RecordError::Field {
                index,
                field: "/amount".into(),
                detail: Bilingual {
                    zh: "应为以元为单位、最多两位小数的金额字符串".into(),
                    en: "must be a yuan amount string with at most two decimals".into(),
                },
            })?;
            Kind::CompensationOffered { amount }
        }
        "compensation_approved" => {
            Kind::CompensationApproved { by_role: field(index, v, "by_role")? }
        }
        "resolved" => Kind::Resolved { automated: optional(index, v, "automated")? },
        "result_notified" => {
            Kind::ResultNotified { remedies: optional(index, v, "remedies")?.unwrap_or_default() }
        }
        "review_requested" => Kind::ReviewRequested {
            human_requested: optional(index, v, "human_requested")?.unwrap_or(false),
        },
        "review_decided" => Kind::ReviewDecided {
            reviewer_relation: field(index, v, "reviewer_relation")?,
            human: field(index, v, "human")?,
        },
        "escalated" => Kind::Escalated { to: field(index, v, "to")? },
        "mediation_held" => Kind::MediationHeld {
            parties: names(optional(index, v, "parties")?.unwrap_or_default()),
            outcome: optional(index, v, "outcome")?,
        },
        "agreement_signed" => {
            Kind::AgreementSigned { signed_by: names(field(index, v, "signed_by")?) }
        }
        "agreement_checked" => Kind::AgreementChecked { performed: field(index, v, "performed")? },
        "follow_up" => Kind::FollowUp,
        "litigation_filed" => Kind::LitigationFiled,
        "archived" => Kind::Archived { contents: field(index, v, "contents")? },
        // The type was checked against TYPES: the one left is `records_purged`.
        _ => Kind::RecordsPurged,
    })
}

/// The name of a party or approver given as a string or as an object `{role | id | name}`;
/// `None` when blank.
fn name_of(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => {
            ["role", "id", "name"].iter().find_map(|k| o.get(*k).and_then(Value::as_str))
        }
        _ => None,
    }?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The names of a list of parties (see [`name_of`]); blank entries are dropped.
fn names(list: Vec<Value>) -> Vec<String> {
    list.iter().filter_map(name_of).collect()
}

/// A required payload field of type `T`.
fn field<T: DeserializeOwned>(index: usize, v: &Value, key: &str) -> Result<T, RecordError> {
    optional(index, v, key)?.ok_or_else(|| RecordError::Field {
        index,
        field: format!("/{key}"),
        detail: Bilingual { zh: "缺失".into(), en: "is missing".into() },
    })
}

/// An optional payload field of type `T` (absent or `null` is `None`).
fn optional<T: DeserializeOwned>(
    index: usize,
    v: &Value,
    key: &str,
) -> Result<Option<T>, RecordError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_path_to_error::deserialize(value).map(Some).map_err(|e| {
            let inner = e.path().to_string();
            let field = if inner == "." {
                format!("/{key}")
            } else {
                format!("/{key}/{}", inner.replace('.', "/"))
            };
            let detail = e.into_inner().to_string();
            RecordError::Field {
                index,
                field,
                detail: Bilingual { zh: format!("类型或取值不符：{detail}"), en: detail },
            }
        }),
    }
}

/// A list of JSON pointers (each starting with `/`).
fn pointers(index: usize, v: &Value, key: &str) -> Result<Vec<String>, RecordError> {
    let items: Vec<String> = field(index, v, key)?;
    match items.iter().position(|p| !p.starts_with('/')) {
        Some(i) => Err(RecordError::Field {
            index,
            field: format!("/{key}/{i}"),
            detail: Bilingual {
                zh: "应为以“/”开头的 JSON 指针".into(),
                en: "must be a JSON pointer starting with \"/\"".into(),
            },
        }),
        None => Ok(items),
    }
}
