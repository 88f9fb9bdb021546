//! Typed errors for calls that cannot produce a result at all (as opposed to findings about a
//! case). They cross to JS as structured objects with a code, the offending path and a bilingual
//! message.

use serde::Serialize;
use thiserror::Error;

use crate::finding::Bilingual;

/// Everything that can make an engine call fail outright.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The input was not valid JSON.
    #[error("invalid JSON at {path}: {detail}")]
    Json {
        /// Where the parse failed (line/column for text input, a pointer otherwise).
        path: String,
        /// The parser's explanation.
        detail: String,
    },
    /// The input was JSON, but not of the expected shape (e.g. not an object).
    #[error("expected {} at {path:?}", .expected.en)]
    Shape {
        /// JSON pointer of the offending value.
        path: String,
        /// What was expected there.
        expected: Bilingual,
    },
    /// The input is larger than the engine accepts.
    #[error("input of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Size received.
        size: usize,
        /// Limit applied.
        limit: usize,
    },
    /// A `now` or other option was missing or malformed.
    #[error("invalid option {name}: {detail}")]
    Option {
        /// The option's name.
        name: String,
        /// What is wrong with it.
        detail: String,
    },
    /// A policy pack failed to load; every problem is listed.
    #[error("policy pack is invalid: {}", .problems.iter().map(|p| format!("{} {}", p.path, p.detail)).collect::<Vec<_>>().join("; "))]
    Pack {
        /// Each problem with its JSON pointer inside the pack.
        problems: Vec<PackProblem>,
    },
    /// A period or date outside what the calendar computes (too many days, or past the last
    /// representable date).
    #[error("{name} = {value} is out of range (at most {max} days)")]
    Period {
        /// What was counted: `working_days`, `days`, `years`, `hours` or `date`.
        name: String,
        /// The offending count or date.
        value: String,
        /// The largest count accepted.
        max: u32,
    },
    /// No pack with that id (or none in force at the given time).
    #[error("no policy pack {id} in force at {at}")]
    UnknownPack {
        /// The requested id.
        id: String,
        /// The time at which a version was looked for.
        at: String,
    },
}

/// One problem found while loading a policy pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackProblem {
    /// JSON pointer inside the pack document.
    pub path: String,
    /// What is wrong.
    pub detail: String,
}

/// The serialisable form of an [`EngineError`], as JS and the CLI receive it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorReport {
    /// Stable code: `json`, `shape`, `too_large`, `option`, `pack`, `unknown_pack`, `period`.
    pub code: &'static str,
    /// JSON pointer or option name the error is about.
    pub path: String,
    /// Bilingual explanation.
    pub message: Bilingual,
    /// Pack problems, when the code is `pack`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<PackProblem>,
}

impl EngineError {
    /// Converts the error into its structured, bilingual report.
    pub fn report(&self) -> ErrorReport {
        let en = self.to_string();
        let (code, path, zh, problems) = match self {
            EngineError::Json { path, detail } => {
                ("json", path.clone(), format!("JSON 格式错误（{path}）：{detail}"), vec![])
            }
            EngineError::Shape { path, expected } => {
                ("shape", path.clone(), format!("“{path}”处应为{}", expected.zh), vec![])
            }
            EngineError::TooLarge { size, limit } => (
                "too_large",
                String::new(),
                format!("输入大小 {size} 字节，超过上限 {limit} 字节"),
                vec![],
            ),
            EngineError::Option { name, detail } => {
                ("option", name.clone(), format!("参数 {name} 无效：{detail}"), vec![])
            }
            EngineError::Pack { problems } => (
                "pack",
                problems.first().map(|p| p.path.clone()).unwrap_or_default(),
                format!("规则包无效，共 {} 处问题", problems.len()),
                problems.clone(),
            ),
            EngineError::Period { name, value, max } => (
                "period",
                name.clone(),
                format!("{name} = {value} 超出可计算范围（最多 {max} 天）"),
                vec![],
            ),
            EngineError::UnknownPack { id, at } => {
                ("unknown_pack", String::new(), format!("没有在 {at} 生效的规则包 {id}"), vec![])
            }
        };
        ErrorReport { code, path, message: Bilingual { zh, en }, problems }
    }
}
