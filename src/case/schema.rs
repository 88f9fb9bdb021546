//! The case's published JSON Schema (`pkg/case.schema.json`) and the shape check built on it.
//!
//! The schema is the single description of the case's shape: the engine embeds it and checks
//! input against the subset of JSON Schema it uses (`type`, `enum`, `properties`, `items`,
//! `minimum`), so the published file and the engine cannot drift apart. Values of the wrong
//! shape are reported and left out of the typed [`Case`](super::Case); the user's input is kept.

use serde_json::Value;

use crate::finding::Bilingual;

/// The published schema, as embedded at compile time.
pub const CASE_SCHEMA: &str = include_str!("../../pkg/case.schema.json");

/// What the schema expected where a value did not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// One of these JSON types (`string`, `object`, …; `null` is always allowed and not listed).
    Types(Vec<String>),
    /// One of these enumeration values.
    OneOf(Vec<String>),
    /// An integer not below this minimum.
    Minimum(i64),
}

/// One shape problem: the pointer of the offending value and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// JSON pointer of the value.
    pub path: String,
    /// What the schema expects.
    pub expected: Expected,
}

impl Expected {
    /// A bilingual description, e.g. `文本` / `text`, `以下之一：natural、legal` / `one of: natural, legal`.
    pub fn describe(&self) -> Bilingual {
        match self {
            Expected::Types(types) => {
                let zh: Vec<&str> = types.iter().map(|t| type_name_zh(t)).collect();
                let en: Vec<&str> = types.iter().map(|t| type_name_en(t)).collect();
                Bilingual { zh: zh.join("或"), en: en.join(" or ") }
            }
            Expected::OneOf(values) => {
                Bilingual { zh: format!("以下之一：{}", values.join("、")), en: format!("one of: {}", values.join(", ")) }
            }
            Expected::Minimum(min) => Bilingual { zh: format!("不小于 {min} 的整数"), en: format!("an integer ≥ {min}") },
        }
    }
}

fn type_name_zh(t: &str) -> &'static str {
    match t {
        "string" => "文本",
        "object" => "对象",
        "array" => "列表",
        "boolean" => "是/否",
        "integer" => "整数",
        _ => "数值",
    }
}

fn type_name_en(t: &str) -> &'static str {
    match t {
        "string" => "text",
        "object" => "an object",
        "array" => "a list",
        "boolean" => "true/false",
        "integer" => "an integer",
        _ => "a number",
    }
}

/// Checks `value` against the schema `schema`, appending every mismatch, and returns a copy of
/// the value with the mismatched parts removed (so the rest can still be read).
pub fn check(schema: &Value, value: &Value, path: &str, problems: &mut Vec<ShapeProblem>) -> Option<Value> {
    if let Some(expected) = mismatch(schema, value) {
        problems.push(ShapeProblem { path: path.to_string(), expected });
        return None;
    }
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let mut clean = serde_json::Map::new();
            for (key, item) in map {
                let child_path = format!("{path}/{}", escape_pointer(key));
                match props.and_then(|p| p.get(key)) {
                    Some(child_schema) => {
                        if let Some(v) = check(child_schema, item, &child_path, problems) {
                            clean.insert(key.clone(), v);
                        }
                    }
                    None => {
                        clean.insert(key.clone(), item.clone());
                    }
                }
            }
            Some(Value::Object(clean))
        }
        Value::Array(items) => {
            let item_schema = schema.get("items");
            let mut clean = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let child_path = format!("{path}/{i}");
                let checked = match item_schema {
                    Some(s) => check(s, item, &child_path, problems),
                    None => Some(item.clone()),
                };
                // Keep the array's indices stable for later pointers: a bad item becomes null.
                clean.push(checked.unwrap_or(Value::Null));
            }
            Some(Value::Array(clean))
        }
        _ => Some(value.clone()),
    }
}

/// Escapes a key for use in a JSON pointer (RFC 6901).
pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "string" => value.is_string(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        _ => false,
    }
}

/// Returns what was expected when `value` does not fit `schema` at this level.
fn mismatch(schema: &Value, value: &Value) -> Option<Expected> {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() && !types.iter().any(|t| type_matches(t, value)) {
        return Some(Expected::Types(types.iter().filter(|t| **t != "null").map(|t| t.to_string()).collect()));
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(value) {
            return Some(Expected::OneOf(options.iter().filter_map(Value::as_str).map(str::to_string).collect()));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_i64), value.as_i64()) {
        if n < min {
            return Some(Expected::Minimum(min));
        }
    }
    None
}
