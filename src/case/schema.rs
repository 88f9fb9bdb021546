//! The case's published JSON Schema (`pkg/case.schema.json`) and the shape check built on it.
//!
//! The schema is the single description of the case's shape: the engine embeds it and checks
//! input against the subset of JSON Schema it uses (`type`, `enum`, `properties`, `items`,
//! `minimum`), so the published file and the engine cannot drift apart. Values of the wrong
//! shape are reported and left out of the typed [`Case`](super::Case); the user's input is kept.

use std::sync::OnceLock;

use serde_json::Value;

use crate::error::EngineError;
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
            Expected::OneOf(values) => Bilingual {
                zh: format!("以下之一：{}", values.join("、")),
                en: format!("one of: {}", values.join(", ")),
            },
            Expected::Minimum(min) => Bilingual {
                zh: format!("不小于 {min} 的整数"),
                en: format!("an integer ≥ {min}"),
            },
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

/// The schema compiled once (at engine construction) into the subset the check reads, so a
/// check walks typed nodes instead of looking up `"type"`, `"properties"`, … in JSON maps.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// The `type` names as written (empty: any type).
    types: Vec<String>,
    /// The JSON types `types` admits, as [`type_bits`] (a keystroke's check compares bits, not
    /// names).
    admits: u8,
    /// The `enum` values, if any.
    options: Option<Vec<Value>>,
    /// The `minimum`, if any.
    minimum: Option<i64>,
    /// The schemas of the object's properties, by name (a short list scanned by length and
    /// bytes: cheaper than an ordered map's comparisons on every keystroke's check).
    properties: Vec<(String, Compiled)>,
    /// The schema of array items.
    items: Option<Box<Compiled>>,
}

/// The embedded schema ([`CASE_SCHEMA`]) compiled, once per process, the first time a case is
/// checked (an engine is made without it).
pub fn compiled() -> Result<&'static Compiled, EngineError> {
    static COMPILED: OnceLock<Result<Compiled, EngineError>> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(CASE_SCHEMA).map_err(|e| {
                EngineError::Json { path: "case.schema.json".into(), detail: e.to_string() }
            })?;
            Ok(Compiled::new(&schema))
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Compiled {
    /// Compiles a schema document (keywords other than the checked ones are ignored).
    pub fn new(schema: &Value) -> Compiled {
        let types = match schema.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => {
                ts.iter().filter_map(Value::as_str).map(str::to_string).collect()
            }
            _ => vec![],
        };
        Compiled {
            admits: types.iter().fold(0, |bits, t| bits | type_bit(t)),
            types,
            options: schema.get("enum").and_then(Value::as_array).cloned(),
            minimum: schema.get("minimum").and_then(Value::as_i64),
            properties: schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.iter().map(|(k, v)| (k.clone(), Compiled::new(v))).collect())
                .unwrap_or_default(),
            items: schema.get("items").map(|i| Box::new(Compiled::new(i))),
        }
    }

    /// The schema of property `name`.
    fn property(&self, name: &str) -> Option<&Compiled> {
        self.properties.iter().find(|(key, _)| key == name).map(|(_, schema)| schema)
    }
}

/// Checks `value` against `schema`, appending every mismatch. `at` is the pointer of `value`,
/// built only when a problem is reported.
pub fn check(schema: &Compiled, value: &Value, at: &Path<'_>, problems: &mut Vec<ShapeProblem>) {
    if let Some(expected) = mismatch(schema, value) {
        problems.push(ShapeProblem { path: at.render(), expected });
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if let Some(child_schema) = schema.property(key) {
                    check(child_schema, item, &Path::Key(at, key), problems);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = &schema.items {
                for (i, item) in items.iter().enumerate() {
                    check(item_schema, item, &Path::Index(at, i), problems);
                }
            }
        }
        _ => {}
    }
}

/// Checks only the value at `pointer` of `case` (after an edit there), appending its problems
/// with their full pointers. `false` when that is not enough — an enclosing value no longer fits
/// its schema — and the whole case must be checked instead.
pub fn check_at(
    schema: &Compiled,
    case: &Value,
    pointer: &str,
    problems: &mut Vec<ShapeProblem>,
) -> bool {
    let (mut node, mut value) = (schema, case);
    for seg in pointer.strip_prefix('/').into_iter().flat_map(super::pointer::segments) {
        if mismatch(node, value).is_some() {
            return false;
        }
        let key = super::pointer::key(seg);
        let child = match value {
            Value::Object(map) => map.get(key.as_ref()),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let child_schema = match value {
            Value::Array(_) => node.items.as_deref(),
            _ => node.property(&key),
        };
        // A place the schema does not describe (or that holds nothing) has nothing to check.
        let (Some(child), Some(child_schema)) = (child, child_schema) else { return true };
        (node, value) = (child_schema, child);
    }
    check(node, value, &Path::At(pointer), problems);
    true
}

/// A copy of `value` without the values the problems point at, so the rest can still be read:
/// object members are removed, array items become empty objects (keeping later indices stable
/// and the typed case readable).
pub fn without(value: &Value, problems: &[ShapeProblem]) -> Value {
    let mut clean = value.clone();
    for problem in problems {
        let Some((parent, last)) = problem.path.rsplit_once('/') else {
            clean = Value::Null;
            continue;
        };
        let key = last.replace("~1", "/").replace("~0", "~");
        match super::pointer::lookup_mut(&mut clean, parent) {
            Some(Value::Object(map)) => {
                map.remove(&key);
            }
            Some(Value::Array(items)) => {
                if let Some(item) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    *item = Value::Object(serde_json::Map::new());
                }
            }
            _ => {}
        }
    }
    clean
}

/// The location of a value during the check, as a linked list of segments from the root.
pub enum Path<'a> {
    /// The whole document.
    Root,
    /// A member of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
    /// A place given by its (escaped) JSON pointer.
    At(&'a str),
}

impl Path<'_> {
    /// The JSON pointer of this location.
    pub fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => format!("{}/{}", parent.render(), escape_pointer(key)),
            Path::Index(parent, i) => format!("{}/{i}", parent.render()),
            Path::At(pointer) => pointer.to_string(),
        }
    }
}

/// Escapes a key for use in a JSON pointer (RFC 6901).
pub fn escape_pointer(key: &str) -> String {
    crate::pack::merge::escape(key)
}

/// The bit of JSON Schema type `name` (none for a name the check does not know: it admits
/// nothing).
fn type_bit(name: &str) -> u8 {
    match name {
        "string" => 1,
        "object" => 2,
        "array" => 4,
        "boolean" => 8,
        "null" => 16,
        "integer" => 32,
        "number" => 64,
        _ => 0,
    }
}

/// The bits of the JSON Schema types `value` is an instance of (an integer is a number too;
/// constant-folded: no name is compared at run time).
fn type_bits(value: &Value) -> u8 {
    match value {
        Value::String(_) => type_bit("string"),
        Value::Object(_) => type_bit("object"),
        Value::Array(_) => type_bit("array"),
        Value::Bool(_) => type_bit("boolean"),
        Value::Null => type_bit("null"),
        Value::Number(n) if n.is_u64() || n.is_i64() => type_bit("integer") | type_bit("number"),
        Value::Number(_) => type_bit("number"),
    }
}

/// Returns what was expected when `value` does not fit `schema` at this level.
fn mismatch(schema: &Compiled, value: &Value) -> Option<Expected> {
    if !schema.types.is_empty() && schema.admits & type_bits(value) == 0 {
        return Some(Expected::Types(
            schema.types.iter().filter(|t| *t != "null").cloned().collect(),
        ));
    }
    if let Some(options) = &schema.options {
        if !options.contains(value) {
            return Some(Expected::OneOf(
                options.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            ));
        }
    }
    if let (Some(min), Some(n)) = (schema.minimum, value.as_i64()) {
        if n < min {
            return Some(Expected::Minimum(min));
        }
    }
    None
}
