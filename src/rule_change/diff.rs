//! `pack diff`: two versions of a pack → a [`RuleChange`] summary the check can take: every
//! changed value, the new version's effective day, and the flags the changes suggest (the
//! thresholds come from the new pack's rule-change policy). Facts a diff cannot know
//! (publication time, consultation, exit terms) are left unset for the author to fill in.

use serde_json::Value;

use super::input::{Change, ChangeKind, Flags, RuleChange};
use crate::calendar::civil::start_of_day;
use crate::case::schema::escape_pointer;
use crate::error::EngineError;
use crate::pack::load::load_pack;

/// Keys that change with every version and say nothing about the rules.
const VERSION_KEYS: &[&str] = &["/version", "/effective_from"];

/// Compares two pack documents (each is loaded and checked first).
pub fn diff_packs(old_json: &str, new_json: &str) -> Result<RuleChange, EngineError> {
    let old = load_pack(old_json)?;
    let new = load_pack(new_json)?;
    let policy = &crate::deadline::policy_of(&new)?.rule_change;
    let to_value = |pack| {
        serde_json::to_value(pack)
            .map_err(|e| EngineError::Json { path: String::new(), detail: e.to_string() })
    };
    let mut changes = Vec::new();
    diff_values("", &to_value(&old)?, &to_value(&new)?, &mut changes);
    changes.retain(|c| !VERSION_KEYS.contains(&c.path.as_str()));
    let important = changes
        .iter()
        .any(|c| policy.important_paths.iter().any(|p| c.path.starts_with(p.as_str())));
    Ok(RuleChange {
        pack: Some(new.id.clone()),
        from_version: Some(old.version.clone()),
        to_version: Some(new.version.clone()),
        effective_at: start_of_day(new.effective_from),
        flags: Flags {
            huge_user_base: None,
            many_changes: Some(changes.len() >= policy.many_changes_threshold),
            important_rights: Some(important),
        },
        major_impact: important.then_some(true),
        changes,
        ..RuleChange::default()
    })
}

/// Appends the changes from `old` to `new` under `path`: objects by key, arrays by index,
/// anything else by value.
pub fn diff_values(path: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    let change = |kind| Change { path: path.to_string(), change: kind };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, va) in a {
                let sub = format!("{path}/{}", escape_pointer(key));
                match b.get(key) {
                    Some(vb) => diff_values(&sub, va, vb, out),
                    None => out.push(Change { path: sub, change: ChangeKind::Removed }),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(Change {
                    path: format!("{path}/{}", escape_pointer(key)),
                    change: ChangeKind::Added,
                });
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                diff_values(&format!("{path}/{i}"), va, vb, out);
            }
            let kind = if a.len() > b.len() { ChangeKind::Removed } else { ChangeKind::Added };
            for i in a.len().min(b.len())..a.len().max(b.len()) {
                out.push(Change { path: format!("{path}/{i}"), change: kind });
            }
        }
        (a, b) if a != b => out.push(change(ChangeKind::Changed)),
        _ => {}
    }
}
