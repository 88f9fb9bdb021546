//! Overrides: the user or staff fixes the category, cause class or severity. The fixed value
//! replaces the engine's, which is kept beside it as `suggested`.

use serde::{Deserialize, Serialize};

use super::{Choice, Classification, Level, Severity};
use crate::error::EngineError;
use crate::finding::Bilingual;
use crate::pack::{Pack, TaxonomyEntry};

/// Who fixed a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SetBy {
    /// The complainant, in the form.
    User,
    /// A staff member.
    Staff,
}

/// A category or cause class fixed by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetValue {
    /// Taxonomy id.
    pub id: String,
    /// Who set it.
    pub by: SetBy,
}

/// A severity fixed by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetSeverity {
    /// The level.
    pub level: Level,
    /// Who set it.
    pub by: SetBy,
}

/// Values fixed by the user or staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Business category.
    #[serde(default)]
    pub category: Option<SetValue>,
    /// Cause class.
    #[serde(default)]
    pub cause_class: Option<SetValue>,
    /// Severity level.
    #[serde(default)]
    pub severity: Option<SetSeverity>,
}

fn known(entries: &[TaxonomyEntry], set: &SetValue, path: &str) -> Result<(), EngineError> {
    if entries.iter().any(|e| e.id == set.id) {
        return Ok(());
    }
    let ids = entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", ");
    Err(EngineError::Shape {
        path: path.into(),
        expected: Bilingual { zh: format!("以下之一：{ids}"), en: format!("one of: {ids}") },
    })
}

fn set_choice(choice: &mut Choice, set: &SetValue) {
    let fixed = Choice {
        id: set.id.clone(),
        confidence: 1.0,
        matches: Vec::new(),
        negated: Vec::new(),
        model_matches: Vec::new(),
        principle: None,
        set_by: Some(set.by),
        suggested: None,
    };
    let suggested = std::mem::replace(choice, fixed);
    choice.suggested = Some(Box::new(suggested));
}

/// Applies `overrides` to `result`; an id unknown to the pack's taxonomy is an error.
pub fn apply(
    result: &mut Classification,
    overrides: &Overrides,
    pack: &Pack,
) -> Result<(), EngineError> {
    if let Some(set) = &overrides.category {
        known(&pack.taxonomy.categories, set, "/overrides/category/id")?;
        set_choice(&mut result.category, set);
    }
    if let Some(set) = &overrides.cause_class {
        known(&pack.taxonomy.cause_classes, set, "/overrides/cause_class/id")?;
        set_choice(&mut result.cause_class, set);
        result.cause_class.principle =
            pack.classify.as_ref().and_then(|p| p.principles.get(&set.id)).cloned();
    }
    if let Some(set) = &overrides.severity {
        let fixed = Severity {
            level: set.level,
            reasons: Vec::new(),
            set_by: Some(set.by),
            suggested: None,
        };
        let suggested = std::mem::replace(&mut result.severity, fixed);
        result.severity.suggested = Some(Box::new(suggested));
    }
    Ok(())
}
