//! The case's fields read from the typed model by JSON pointer, so a rule finds its field with a
//! match on the pointer instead of walking a JSON tree (the walk was a seventh of a validation).

use super::{Case, Evidence};

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

/// The text fields `names` of an optional part of the case, matched against `name`.
macro_rules! text_fields {
    ($part:expr, $name:expr, [$($field:ident),* $(,)?]) => {
        match $name {
            $(stringify!($field) => Field::Text($part.and_then(|p| p.$field.as_deref())),)*
            _ => Field::Elsewhere,
        }
    };
}

impl Case {
    /// The text or yes/no field at `pointer` (unescaped RFC 6901 pointers such as
    /// `/complainant/mobile` or `/evidence/2/name`).
    pub fn field(&self, pointer: &str) -> Field<'_> {
        let Some(rest) = pointer.strip_prefix('/') else { return Field::Elsewhere };
        let (top, inner) = rest.split_once('/').map_or((rest, None), |(t, i)| (t, Some(i)));
        match (top, inner) {
            ("facts", None) => Field::Text(self.facts.as_deref()),
            ("occurred_at", None) => Field::Text(self.occurred_at.as_deref()),
            ("submitted_at", None) => Field::Text(self.submitted_at.as_deref()),
            ("complainant", Some(name)) => text_fields!(
                self.complainant.as_ref(),
                name,
                [
                    name,
                    id_number,
                    mobile,
                    email,
                    address,
                    account,
                    org_name,
                    uscc,
                    legal_rep_name,
                    legal_rep_id,
                ]
            ),
            ("agent", Some(name)) => {
                text_fields!(self.agent.as_ref(), name, [name, id_number, mobile])
            }
            ("respondent", Some(name)) => {
                text_fields!(self.respondent.as_ref(), name, [name, shop, staff])
            }
            ("order", Some(name)) => {
                text_fields!(self.order.as_ref(), name, [id, amount, paid_at, delivered_at])
            }
            ("request", Some(name)) => text_fields!(self.request.as_ref(), name, [text, amount]),
            ("declarations", Some(name)) => {
                let declarations = self.declarations.as_ref();
                match name {
                    "truthful" => Field::Flag(declarations.and_then(|d| d.truthful)),
                    "privacy_consent" => Field::Flag(declarations.and_then(|d| d.privacy_consent)),
                    _ => Field::Elsewhere,
                }
            }
            ("evidence", Some(item)) => evidence(&self.evidence, item),
            _ => Field::Elsewhere,
        }
    }
}

/// A text field of evidence item `item` (`<index>/<name>`); an item past the end holds nothing.
fn evidence<'a>(items: &'a [Evidence], item: &str) -> Field<'a> {
    let Some((index, name)) = item.split_once('/') else { return Field::Elsewhere };
    // Parsed as the JSON lookup parses an array index (`usize`), so both read the same item.
    let Ok(i) = index.parse::<usize>() else { return Field::Elsewhere };
    text_fields!(items.get(i), name, [name, media_type])
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
