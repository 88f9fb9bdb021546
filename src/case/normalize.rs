//! Normalisation of a case before any check: trimming, full-width → half-width, invisible
//! characters removed from identifiers, `x` → `X` in identity numbers, canonical credit codes.
//! The normalised case is returned to the form so the user sees what was checked.

use serde_json::Value;

use super::pointer::{lookup_mut, overlaps};
use crate::ids::uscc;
use crate::text::{normalize_code, normalize_free_text};

/// How one kind of field is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Identifier-like: half-width, no invisible characters, trimmed.
    Code,
    /// Resident identity number: as `Code`, plus an upper-case check character.
    IdNumber,
    /// Unified social credit code: as `Code`, spaces and hyphens removed, upper case.
    Uscc,
    /// Media type: as `Code`, lower case.
    MediaType,
}

/// Fields that get more than trimming. Everything else that is a string is trimmed.
const RULES: &[(&str, Rule)] = &[
    ("/complainant/id_number", Rule::IdNumber),
    ("/complainant/legal_rep_id", Rule::IdNumber),
    ("/agent/id_number", Rule::IdNumber),
    ("/complainant/uscc", Rule::Uscc),
    ("/complainant/mobile", Rule::Code),
    ("/agent/mobile", Rule::Code),
    ("/complainant/email", Rule::Code),
    ("/complainant/account", Rule::Code),
    ("/order/id", Rule::Code),
    ("/order/amount", Rule::Code),
    ("/order/paid_at", Rule::Code),
    ("/order/delivered_at", Rule::Code),
    ("/request/amount", Rule::Code),
    ("/occurred_at", Rule::Code),
    ("/submitted_at", Rule::Code),
    (MEDIA_TYPES, Rule::MediaType),
];

/// The media types of the evidence items (`*`: any item of the array).
const MEDIA_TYPES: &str = "/evidence/*/media_type";

/// Whether `text` is already what `rule` makes of it, checked without building a new string:
/// the common case of a form that sends printable ASCII.
fn is_normal(rule: Rule, text: &str) -> bool {
    let graphic = text.bytes().all(|b| b.is_ascii_graphic());
    match rule {
        Rule::Code => graphic,
        Rule::IdNumber | Rule::Uscc => {
            graphic && !text.bytes().any(|b| b.is_ascii_lowercase() || b == b'-')
        }
        Rule::MediaType => graphic && !text.bytes().any(|b| b.is_ascii_uppercase()),
    }
}

fn apply(rule: Rule, text: &str) -> String {
    match rule {
        Rule::Code => normalize_code(text),
        Rule::IdNumber => normalize_code(text).to_ascii_uppercase(),
        Rule::Uscc => uscc::canonical(&normalize_code(text)),
        Rule::MediaType => normalize_code(text).to_ascii_lowercase(),
    }
}

/// Applies `rule` to `text` in place when it is not already in its form.
fn apply_in_place(rule: Rule, text: &mut String) {
    if !is_normal(rule, text) {
        *text = apply(rule, text);
    }
}

/// `text` as normalisation leaves the string at `place` (its pointer with every array index
/// written `*`): trimmed, then the field's rule applied.
pub(crate) fn normalized_text(place: &str, text: String) -> String {
    let mut text = if text.trim().len() != text.len() { normalize_free_text(&text) } else { text };
    if let Some((_, rule)) = RULES.iter().find(|(field, _)| *field == place) {
        apply_in_place(*rule, &mut text);
    }
    text
}

/// Normalises a case in place. Values that are not strings are left as they are (the shape
/// check reports them).
pub fn normalize(case: &mut Value) {
    normalize_at(case, "");
}

/// Normalises only the value at `pointer` (and what is inside it) of an otherwise normalised
/// case: what a session does after one field changed. Every rule is per field, so this equals
/// normalising the whole case.
pub fn normalize_at(case: &mut Value, pointer: &str) {
    // Nothing there, so nothing inside it to normalise (the rest is normalised already).
    let Some(value) = lookup_mut(case, pointer) else { return };
    if normalize_text_at(value, pointer) {
        return;
    }
    trim_all_strings(value);
    let by_pointer = RULES.iter().filter(|(field, _)| *field != MEDIA_TYPES);
    for (field, rule) in by_pointer.filter(|(field, _)| overlaps(field, pointer)) {
        if let Some(Value::String(s)) = lookup_mut(case, field) {
            apply_in_place(*rule, s);
        }
    }
    if !overlaps(MEDIA_TYPES, pointer) {
        return;
    }
    if let Some(Value::Array(items)) = case.get_mut("evidence") {
        for item in items {
            if let Some(Value::String(s)) = item.get_mut("media_type") {
                apply_in_place(Rule::MediaType, s);
            }
        }
    }
}

/// Normalises `value`, the value at `pointer`, when it is a text whose rule depends on its place
/// alone — the edit of one field of a form, every keystroke — and says whether it did; otherwise
/// [`normalize_at`] has more to do (a pointer into the evidence list may hold an array index: the
/// media types are normalised item by item there).
pub fn normalize_text_at(value: &mut Value, pointer: &str) -> bool {
    match value {
        Value::String(s) if !overlaps(MEDIA_TYPES, pointer) => {
            *s = normalized_text(pointer, std::mem::take(s));
            true
        }
        _ => false,
    }
}

fn trim_all_strings(value: &mut Value) {
    match value {
        Value::String(s) if s.trim().len() != s.len() => *s = normalize_free_text(s),
        Value::Array(items) => items.iter_mut().for_each(trim_all_strings),
        Value::Object(map) => map.values_mut().for_each(trim_all_strings),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalises_identifiers_and_trims_text() {
        let mut case = json!({
            "complainant": {"id_number": " １１０１０５１９４９１２３１００２ｘ ", "uscc": "91 110000 600037341l",
                            "mobile": "１３８\u{200B}００１３８０００", "name": "  张三 "},
            "order": {"amount": "１２９９.００"},
            "evidence": [{"media_type": " Image/JPEG "}]
        });
        normalize(&mut case);
        assert_eq!(case.pointer("/complainant/id_number"), Some(&json!("11010519491231002X")));
        assert_eq!(case.pointer("/complainant/uscc"), Some(&json!("91110000600037341L")));
        assert_eq!(case.pointer("/complainant/mobile"), Some(&json!("13800138000")));
        assert_eq!(case.pointer("/complainant/name"), Some(&json!("张三")));
        assert_eq!(case.pointer("/order/amount"), Some(&json!("1299.00")));
        assert_eq!(case.pointer("/evidence/0/media_type"), Some(&json!("image/jpeg")));
    }

    /// A session's edit of one string normalises it as normalising the whole case does.
    #[test]
    fn normalising_one_edited_string_equals_normalising_all() {
        let edited = " １１０ｘ ";
        let pointers =
            ["/complainant/id_number", "/evidence/1/media_type", "/facts", "/agent/mobile"];
        // The evidence as a list, and as an object whose key looks like an index (no media rule).
        for (pointer, evidence) in
            pointers.iter().flat_map(|p| [(*p, json!([{}, {}])), (*p, json!({"1": {}}))])
        {
            let mut case = json!({"evidence": evidence, "complainant": {}, "agent": {}});
            crate::case::pointer::set(&mut case, pointer, json!(edited)).unwrap();
            let mut whole = case.clone();
            normalize(&mut whole);
            normalize_at(&mut case, pointer);
            assert_eq!(case, whole, "{pointer}");
        }
    }

    #[test]
    fn normalising_twice_equals_once() {
        let mut case = json!({"complainant": {"id_number": " １１０x ", "name": "\u{3000}李四"}});
        normalize(&mut case);
        let once = case.clone();
        normalize(&mut case);
        assert_eq!(case, once);
    }
}
