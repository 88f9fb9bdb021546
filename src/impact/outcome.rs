//! The part of a preview a rule change can alter, in a form that compares and prints simply.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::preview::Preview;

/// What a pack decides about one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// `ready` or `blocked`.
    pub status: String,
    /// Every finding as `severity code path` (sorted).
    pub problems: Vec<String>,
    /// What the complainant may add later, as `path item due_date` (sorted).
    pub supplements: Vec<String>,
    /// Business category id.
    pub category: String,
    /// Severity level (`major` / `general`).
    pub severity: String,
    /// Applied route ids with their approval steps, as `id: role > role`.
    pub route: Vec<String>,
    /// Time limits as `id due_date state`.
    pub deadlines: Vec<String>,
    /// The clause behind each finding (`severity code path` → clause id) and each supplement
    /// (`path item due_date` → clause id), for blame.
    #[serde(skip)]
    pub clauses: BTreeMap<String, String>,
}

/// A JSON string value as plain text (`"ready"` → `ready`).
fn text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl Outcome {
    /// The outcome of a preview.
    pub fn of(preview: &Preview) -> Outcome {
        let mut clauses = BTreeMap::new();
        let mut problems: Vec<String> = preview
            .findings
            .iter()
            .map(|f| {
                let key = format!("{} {} {}", text(&f.severity), f.code, f.path);
                clauses.insert(key.clone(), f.clause.id.clone());
                key
            })
            .collect();
        problems.sort();
        problems.dedup();
        let mut supplements: Vec<String> = preview
            .supplements
            .iter()
            .map(|s| {
                let key = format!("{} {} {}", s.path, s.item.zh, s.due_at.format("%Y-%m-%d"));
                clauses.insert(key.clone(), s.clause.clone());
                key
            })
            .collect();
        supplements.sort();
        supplements.dedup();
        let route = preview
            .route
            .applied
            .iter()
            .map(|r| {
                let steps: Vec<&str> = r.steps.iter().map(|s| s.role.as_str()).collect();
                format!("{}: {}", r.id, steps.join(" > "))
            })
            .collect();
        let deadlines = preview
            .timeline
            .iter()
            .map(|e| {
                let due = e.due_date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
                format!("{} {due} {}", e.id, text(&e.state))
            })
            .collect();
        Outcome {
            status: text(&preview.status),
            problems,
            supplements,
            category: preview.classification.category.id.clone(),
            severity: text(&preview.classification.severity.level),
            route,
            deadlines,
            clauses,
        }
    }
}
