//! The packs shipped inside the engine. Each is kept in the repository as a few JSON parts (one
//! per capability, so each can be reviewed on its own) and assembled into one pack document here:
//! top-level keys are taken from each part in turn, and the catalogue maps (`messages`,
//! `clauses`, `fields`) and the `classify` policy (lexicon in `classify.json`, learned model in
//! `model.json`) are merged.

use serde_json::{Map, Value};

use crate::error::{EngineError, PackProblem};

/// Id of the default pack.
pub const DEFAULT_PACK: &str = "ecommerce";

/// (pack id, its parts) for every embedded pack.
const EMBEDDED: &[(&str, &[(&str, &str)])] = &[
    (
        "ecommerce",
        &[
            ("packs/ecommerce/core.json", include_str!("../../packs/ecommerce/core.json")),
            ("packs/calendar/messages.json", include_str!("../../packs/calendar/messages.json")),
            (
                "packs/ecommerce/deadlines.json",
                include_str!("../../packs/ecommerce/deadlines.json"),
            ),
            ("packs/ecommerce/classify.json", include_str!("../../packs/ecommerce/classify.json")),
            ("packs/ecommerce/model.json", include_str!("../../packs/ecommerce/model.json")),
            ("packs/preview/common.json", include_str!("../../packs/preview/common.json")),
            ("packs/ecommerce/preview.json", include_str!("../../packs/ecommerce/preview.json")),
            ("packs/handling/messages.json", include_str!("../../packs/handling/messages.json")),
            ("packs/ecommerce/handling.json", include_str!("../../packs/ecommerce/handling.json")),
        ],
    ),
    (
        "trading-member",
        &[
            (
                "packs/trading-member/core.json",
                include_str!("../../packs/trading-member/core.json"),
            ),
            ("packs/calendar/messages.json", include_str!("../../packs/calendar/messages.json")),
            (
                "packs/trading-member/deadlines.json",
                include_str!("../../packs/trading-member/deadlines.json"),
            ),
            (
                "packs/trading-member/classify.json",
                include_str!("../../packs/trading-member/classify.json"),
            ),
            (
                "packs/trading-member/model.json",
                include_str!("../../packs/trading-member/model.json"),
            ),
            ("packs/preview/common.json", include_str!("../../packs/preview/common.json")),
            (
                "packs/trading-member/preview.json",
                include_str!("../../packs/trading-member/preview.json"),
            ),
            ("packs/handling/messages.json", include_str!("../../packs/handling/messages.json")),
            (
                "packs/trading-member/handling.json",
                include_str!("../../packs/trading-member/handling.json"),
            ),
        ],
    ),
];

/// Keys whose object values are merged across parts instead of replaced.
const MERGED_KEYS: &[&str] = &["messages", "clauses", "fields", "classify"];

/// Ids of the embedded packs.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// The assembled JSON document of an embedded pack.
pub fn document(id: &str) -> Result<String, EngineError> {
    let (_, parts) = EMBEDDED
        .iter()
        .find(|(pack_id, _)| *pack_id == id)
        .ok_or_else(|| EngineError::UnknownPack { id: id.to_string(), at: "embedded".into() })?;
    let mut doc = Map::new();
    for (file, text) in *parts {
        let part: Map<String, Value> =
            serde_json::from_str(text).map_err(|e| EngineError::Pack {
                problems: vec![PackProblem { path: (*file).to_string(), detail: e.to_string() }],
            })?;
        for (key, value) in part {
            match (doc.get_mut(&key), value) {
                (Some(Value::Object(existing)), Value::Object(more))
                    if MERGED_KEYS.contains(&key.as_str()) =>
                {
                    existing.extend(more);
                }
                (_, value) => {
                    doc.insert(key, value);
                }
            }
        }
    }
    serde_json::to_string(&Value::Object(doc)).map_err(|e| EngineError::Pack {
        problems: vec![PackProblem { path: String::new(), detail: e.to_string() }],
    })
}
