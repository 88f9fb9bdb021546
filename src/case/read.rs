//! A case read from JSON text with normalisation applied as each string is read: one pass over
//! the text instead of a parse followed by a walk that normalises (and 15 pointer lookups).
//! The result equals [`normalize`](super::normalize::normalize) applied to the parsed text.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::normalize::normalized_text;

/// Parses `text` as JSON, normalising every string on the way (errors as `serde_json::from_str`'s).
pub fn read_normalized(text: &str) -> serde_json::Result<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut pointer = String::new();
    let value = Normalizing { pointer: &mut pointer }.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads one value; `pointer` is its place (array indices written `*`), restored when done.
struct Normalizing<'p> {
    pointer: &'p mut String,
}

impl<'de> DeserializeSeed<'de> for Normalizing<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Normalizing<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(normalized_text(self.pointer, s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(normalized_text(self.pointer, s)))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let at = self.pointer.len();
        self.pointer.push_str("/*");
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Normalizing { pointer: &mut *self.pointer })? {
            items.push(item);
        }
        self.pointer.truncate(at);
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let at = self.pointer.len();
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.pointer.push('/');
            if key.contains(['/', '~']) {
                self.pointer.push_str(&super::schema::escape_pointer(&key));
            } else {
                self.pointer.push_str(&key);
            }
            let value = map.next_value_seed(Normalizing { pointer: &mut *self.pointer })?;
            self.pointer.truncate(at);
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::normalize::normalize;

    /// One pass equals parse-then-normalise, on every rule's field and on the places where a
    /// rule's field name appears but the rule does not apply.
    #[test]
    fn one_pass_equals_parse_then_normalize() {
        let texts = [
            r#"{"complainant": {"id_number": " １１０１０５１９４９１２３１００２ｘ ", "uscc": "91 110000 600037341l",
                "mobile": "１３８\u200B００１３８０００", "name": "  张三 ", "legal_rep_id": "x"},
               "agent": {"id_number": "1x", "mobile": " 1 "}, "order": {"amount": "１２９９.００", "id": "ａ",
               "paid_at": " t", "delivered_at": "Ｔ"}, "request": {"amount": "１", "text": " 退款 "},
               "occurred_at": "２０２６", "submitted_at": " x ", "facts": "\u3000李四",
               "evidence": [{"media_type": " Image/JPEG "}, {"media_type": 3}, "s", [" A "]]}"#,
            r#"{"complainant": [{"id_number": "1x"}], "evidence": {"0": {"media_type": "A"}},
               "x": {"complainant": {"id_number": "1x"}}, "complainant/id_number": "1x",
               "order": {"amount": "１", "amount": "２"}, "n": [1, -2, 3.5, 1e-400, null, true]}"#,
            r#"{"complainant": {"uscc": null, "mobile": 138, "email": ["Ａ"]}}"#,
            r#"" １x ""#,
            "[1, \" a \"]",
        ];
        for text in texts {
            let mut expected: Value = serde_json::from_str(text).unwrap();
            normalize(&mut expected);
            assert_eq!(read_normalized(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn errors_are_serde_jsons() {
        for text in ["{", "{} x", "[1e400]", r#"{"a": tru}"#, &"[".repeat(200)] {
            let expected = serde_json::from_str::<Value>(text).unwrap_err().to_string();
            assert_eq!(read_normalized(text).unwrap_err().to_string(), expected, "{text}");
        }
    }
}
