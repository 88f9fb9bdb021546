//! Masking of personal data for anything displayed or logged. How much of each kind of value
//! stays visible is pack data ([`MaskPolicy`]); this module only applies it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How many characters stay visible at each end of one kind of value.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keep {
    /// Characters kept at the start.
    pub start: usize,
    /// Characters kept at the end.
    pub end: usize,
}

/// Which kind of personal data a field holds.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaskKind {
    /// Identity numbers and credit codes of persons.
    IdNumber,
    /// Phone numbers.
    Mobile,
    /// E-mail: the rule applies to the local part; the domain stays.
    Email,
    /// Personal names.
    Name,
    /// Postal addresses, accounts and other free personal text.
    Other,
}

/// The pack's masking policy: the fields to mask and what each kind keeps.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskPolicy {
    /// Kept characters per kind.
    pub id_number: Keep,
    /// Kept characters for phone numbers.
    pub mobile: Keep,
    /// Kept characters of an e-mail's local part.
    pub email: Keep,
    /// Kept characters of a name.
    pub name: Keep,
    /// Kept characters of other personal text.
    pub other: Keep,
    /// JSON pointers of the case's personal fields and their kind.
    pub fields: Vec<MaskedField>,
}

/// One personal field of the case.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskedField {
    /// JSON pointer of the field.
    pub path: String,
    /// Kind of data it holds.
    pub kind: MaskKind,
}

impl MaskPolicy {
    fn keep(&self, kind: MaskKind) -> Keep {
        match kind {
            MaskKind::IdNumber => self.id_number,
            MaskKind::Mobile => self.mobile,
            MaskKind::Email => self.email,
            MaskKind::Name => self.name,
            MaskKind::Other => self.other,
        }
    }

    /// Masks one value of the given kind, e.g. `11010519491231002X` → `110105********002X`.
    pub fn mask(&self, kind: MaskKind, value: &str) -> String {
        let keep = self.keep(kind);
        if kind == MaskKind::Email {
            if let Some((local, domain)) = value.rsplit_once('@') {
                return format!("{}@{domain}", keep_ends(local, keep.start, 0, false));
            }
        }
        keep_ends(value, keep.start, keep.end, true)
    }

    /// Returns a copy of the case with every personal field masked.
    pub fn mask_case(&self, case: &Value) -> Value {
        let mut masked = case.clone();
        for field in &self.fields {
            if let Some(Value::String(s)) = super::pointer::lookup_mut(&mut masked, &field.path) {
                *s = self.mask(field.kind, s);
            }
        }
        masked
    }
}

/// Keeps `start` and `end` characters and replaces the rest with `*` (one per character when
/// `per_char`, else a fixed `***`). Short values never reveal more than half of themselves.
fn keep_ends(value: &str, start: usize, end: usize, per_char: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    let (start, end) =
        if start.saturating_add(end) >= n { (start.min(n / 2), 0) } else { (start, end) };
    let head: String = chars.iter().take(start).collect();
    let tail: String = chars.iter().skip(n.saturating_sub(end).max(start)).collect();
    let hidden = n.saturating_sub(start).saturating_sub(end);
    let stars = if per_char { "*".repeat(hidden.max(1)) } else { "***".to_string() };
    format!("{head}{stars}{tail}")
}
