//! The case's fields read from the typed model by JSON pointer, so a rule finds its field with a
//! match on the pointer instead of walking a JSON tree (the walk was a seventh of a validation).

use serde_json::Value;

use super::pointer::{split_at_slash, split_first};
use super::Case;

/// What the typed case holds at a pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    /// A text field: its value when it is set.
    Text(Option<&'a str>),
    /// A yes/no field: its value when it is set.
    Flag(Option<bool>),
    /// The pointer names no text or yes/no field of the model (an object, a list, an enumeration,
    /// a number or a place outside the model): read it from the JSON case.
    Elsewhere,
}

/// The typed case's text fields, listed once: the top-level ones, those of each optional part
/// and those of each item of a list. [`Case::field`] reads them by pointer and
/// [`Case::text_mut`] writes them.
macro_rules! case_fields {
    (
        top: [$($top:ident),*],
        parts: [$($part:ident: [$($field:ident),*]),*],
        items: [$($list:ident: [$($item_field:ident),*]),*]
    ) => {
        impl Case {
            /// The text or yes/no field at `pointer` (unescaped RFC 6901 pointers such as
            /// `/complainant/mobile` or `/evidence/2/name`).
            pub fn field(&self, pointer: &str) -> Field<'_> {
                let Some((top, inner)) = split_first(pointer) else { return Field::Elsewhere };
                match (top, inner) {
                    $((stringify!($top), None) => Field::Text(self.$top.as_deref()),)*
                    $((stringify!($part), Some(name)) => match name {
                        $(stringify!($field) => Field::Text(
                            self.$part.as_ref().and_then(|p| p.$field.as_deref()),
                        ),)*
                        _ => Field::Elsewhere,
                    },)*
                    ("declarations", Some(name)) => {
                        let declarations = self.declarations.as_ref();
                        match name {
                            "truthful" => Field::Flag(declarations.and_then(|d| d.truthful)),
                            "privacy_consent" => {
                                Field::Flag(declarations.and_then(|d| d.privacy_consent))
                            }
                            _ => Field::Elsewhere,
                        }
                    }
                    // An item past the end holds nothing.
                    $((stringify!($list), Some(item)) => match list_item(item) {
                        $(Some((i, stringify!($item_field))) => Field::Text(
                            self.$list.get(i).and_then(|e| e.$item_field.as_deref()),
                        ),)*
                        _ => Field::Elsewhere,
                    },)*
                    _ => Field::Elsewhere,
                }
            }

            /// The text field at `pointer`, to write, when the case holds the part it belongs
            /// to (`None` for any other place, or a part not there: read that part again).
            pub fn text_mut(&mut self, pointer: &str) -> Option<&mut Option<String>> {
                let (top, inner) = split_first(pointer)?;
                match (top, inner) {
                    $((stringify!($top), None) => Some(&mut self.$top),)*
                    $((stringify!($part), Some(name)) => {
                        let part = self.$part.as_mut()?;
                        match name {
                            $(stringify!($field) => Some(&mut part.$field),)*
                            _ => None,
                        }
                    })*
                    $((stringify!($list), Some(item)) => {
                        let (i, name) = list_item(item)?;
                        let item = self.$list.get_mut(i)?;
                        match name {
                            $(stringify!($item_field) => Some(&mut item.$item_field),)*
                            _ => None,
                        }
                    })*
                    _ => None,
                }
            }
        }
    };
}

case_fields!(
    top: [facts, occurred_at, submitted_at],
    parts: [
        complainant: [
            name, id_number, mobile, email, address, account, org_name, uscc, legal_rep_name,
            legal_rep_id
        ],
        agent: [name, id_number, mobile],
        respondent: [name, shop, staff],
        order: [id, amount, paid_at, delivered_at],
        request: [text, amount]
    ],
    items: [evidence: [name, media_type]]
);

impl Case {
    /// Writes the text field at `pointer` from its value in the JSON case after an edit there
    /// (`null` or absent: unset), as reading the case again would. `false`, with nothing
    /// written, when `pointer` is not a text field of a part the case holds or the value is not
    /// text: then the part must be read again.
    pub fn refresh_text(&mut self, pointer: &str, value: Option<&Value>) -> bool {
        let text = match value {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text),
            Some(_) => return false,
        };
        let Some(slot) = self.text_mut(pointer) else { return false };
        match (slot.as_mut(), text) {
            (Some(old), Some(text)) => old.clone_from(text),
            (_, text) => *slot = text.cloned(),
        }
        true
    }
}

/// A list item's pointer inside the list (`<index>/<name>`) as index and field name.
fn list_item(item: &str) -> Option<(usize, &str)> {
    let (index, name) = split_at_slash(item);
    // Parsed as the JSON lookup parses an array index (`usize`), so both read the same item.
    Some((index.parse::<usize>().ok()?, name?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::pointer::lookup;
    use serde_json::{json, Value};

    /// Every text and yes/no field the model reads answers as the JSON case does.
    #[test]
    fn typed_fields_answer_as_the_json_case() {
        let case = json!({
            "complainant": {"kind": "natural", "name": "张三", "mobile": "13800138000", "uscc": ""},
            "agent": {"name": "李四"},
            "order": {"id": "A1", "amount": "12.00"},
            "request": {"text": "退款"},
            "facts": "坏了",
            "submitted_at": "2026-11-23T10:00:00+08:00",
            "declarations": {"truthful": true, "privacy_consent": false},
            "evidence": [{"name": "a.jpg", "media_type": "image/jpeg"}, {"kind": "photo"}]
        });
        let typed: Case = serde_json::from_value(case.clone()).unwrap();
        let pointers = [
            "/facts",
            "/occurred_at",
            "/submitted_at",
            "/complainant/name",
            "/complainant/mobile",
            "/complainant/uscc",
            "/complainant/email",
            "/complainant/legal_rep_id",
            "/agent/name",
            "/agent/mobile",
            "/respondent/name",
            "/respondent/shop",
            "/order/id",
            "/order/amount",
            "/order/paid_at",
            "/request/text",
            "/request/amount",
            "/declarations/truthful",
            "/declarations/privacy_consent",
            "/evidence/0/name",
            "/evidence/0/media_type",
            "/evidence/1/name",
            "/evidence/2/name",
            "/evidence/00/name",
            "/evidence/+1/name",
        ];
        for pointer in pointers {
            let expected = match lookup(&case, pointer) {
                Some(Value::Bool(b)) => Field::Flag(Some(*b)),
                Some(v) if pointer.starts_with("/declarations") => panic!("{pointer}: {v}"),
                None if pointer.starts_with("/declarations") => Field::Flag(None),
                v => Field::Text(v.and_then(Value::as_str)),
            };
            assert_eq!(typed.field(pointer), expected, "{pointer}");
        }
    }

    /// Writing a text field in place leaves the typed case as reading the edited case again
    /// does, and refuses (writing nothing) where only a new read can tell.
    #[test]
    fn a_text_field_written_in_place_equals_the_case_read_again() {
        let base = json!({
            "complainant": {"kind": "natural", "mobile": "138"},
            "order": {"id": "A1"},
            "facts": "坏了",
            "evidence": [{"name": "a.jpg"}]
        });
        let edits = [
            ("/complainant/mobile", json!("13800138000"), true),
            ("/complainant/mobile", Value::Null, true),
            ("/complainant/email", json!("a@b.cn"), true),
            ("/order/delivered_at", json!("2026-11-01T10:00:00+08:00"), true),
            ("/facts", json!("屏幕坏了"), true),
            ("/submitted_at", json!("2026-11-23T10:00:00+08:00"), true),
            ("/evidence/0/media_type", json!("image/jpeg"), true),
            ("/evidence/0/name", Value::Null, true),
            // Not text, a part the case does not hold, a new item, not a text field.
            ("/complainant/mobile", json!(138), false),
            ("/agent/name", json!("李四"), false),
            ("/evidence/-", json!({"name": "b.jpg"}), false),
            ("/complainant/kind", json!("legal"), false),
            ("/evidence/0/size", json!(12), false),
        ];
        for (pointer, value, written) in edits {
            let mut typed: Case = serde_json::from_value(base.clone()).unwrap();
            let before = typed.clone();
            let mut edited = base.clone();
            crate::case::pointer::set(&mut edited, pointer, value).unwrap();
            let ok = typed.refresh_text(pointer, lookup(&edited, pointer));
            assert_eq!(ok, written, "{pointer}");
            if written {
                assert_eq!(typed, serde_json::from_value::<Case>(edited).unwrap(), "{pointer}");
            } else {
                assert_eq!(typed, before, "{pointer}");
            }
        }
    }

    #[test]
    fn objects_enumerations_and_numbers_are_read_elsewhere() {
        let typed = Case::default();
        for pointer in [
            "",
            "/agent",
            "/evidence",
            "/complainant/kind",
            "/evidence/0/size",
            "/unknown",
            "/order/x",
        ] {
            assert_eq!(typed.field(pointer), Field::Elsewhere, "{pointer}");
        }
    }
}
