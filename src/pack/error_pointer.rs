//! The JSON pointer of the value a deserialisation error is about, found from the error's line and
//! column in the text. serde_json reports where reading stopped, not which member it was reading;
//! walking the text up to that place gives the member. This replaces a path-tracking wrapper
//! around the pack types' deserialiser, which doubled that code in the wasm module.

use crate::case::schema::escape_pointer;

/// One open container on the way to the error.
enum Frame {
    /// An object and the key of the member being read (from its key to the `,` or `}` after
    /// its value).
    Object(Option<String>),
    /// An array, the index of the item being read and whether that item has begun.
    Array(usize, bool),
}

/// The JSON pointer (RFC 6901) of the innermost member being read at `line`:`column` (serde_json's
/// one-based line, column in bytes) of `json`. Members whose reading had finished are not on it:
/// an error found at an object's closing brace (a missing member) points at the object.
pub fn pointer_at(json: &str, line: usize, column: usize) -> String {
    let end = byte_offset(json, line, column);
    let bytes = json.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'{' => {
                begin_item(&mut frames);
                frames.push(Frame::Object(None));
            }
            b'[' => {
                begin_item(&mut frames);
                frames.push(Frame::Array(0, false));
            }
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(index, begun)) => {
                    *index += 1;
                    *begun = false;
                }
                None => {}
            },
            b'"' => {
                let close = string_end(bytes, i);
                if let Some(Frame::Object(key @ None)) = frames.last_mut() {
                    let raw = json.get(i..close.min(json.len())).unwrap_or_default();
                    *key = Some(serde_json::from_str::<String>(raw).unwrap_or_default());
                } else {
                    begin_item(&mut frames);
                }
                i = close;
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => begin_item(&mut frames),
        }
        i += 1;
    }
    frames
        .iter()
        .filter_map(|frame| match frame {
            Frame::Object(Some(key)) => Some(format!("/{}", escape_pointer(key))),
            Frame::Array(index, true) => Some(format!("/{index}")),
            _ => None,
        })
        .collect()
}

/// Marks the current array item as begun (a value started inside an array).
fn begin_item(frames: &mut [Frame]) {
    if let Some(Frame::Array(_, begun)) = frames.last_mut() {
        *begun = true;
    }
}

/// The byte just past the string that opens at `open` (or the end of the text).
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The byte offset of serde_json's `line`:`column` (bytes read on that line) in `json`.
fn byte_offset(json: &str, line: usize, column: usize) -> usize {
    let line_start: usize =
        json.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column).min(json.len())
}

#[cfg(test)]
mod tests {
    use super::pointer_at;

    /// The pointer serde_json's error position gives for `T` read from `json`.
    fn pointer_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let e = serde_json::from_str::<T>(json).unwrap_err();
        pointer_at(json, e.line(), e.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
        #[serde(default)]
        list: Vec<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<Inner>,
    }

    #[test]
    fn a_wrong_type_points_at_the_member() {
        let json = r#"{"name": "x", "items": [{"n": 1}, {"n": "two"}]}"#;
        assert_eq!(pointer_of_error::<Outer>(json), "/items/1/n");
    }

    #[test]
    fn an_unknown_member_points_at_itself_and_a_missing_one_at_its_object() {
        assert_eq!(
            pointer_of_error::<Outer>(r#"{"name": "x", "items": [{"n": 1, "m/~": 2}]}"#),
            "/items/0/m~1~0"
        );
        assert_eq!(
            pointer_of_error::<Outer>(r#"{"name": "x", "items": [{"n": 1}, {"list": []}]}"#),
            "/items/1"
        );
        assert_eq!(pointer_of_error::<Outer>(r#"{"items": []}"#), "");
    }

    #[test]
    fn nested_arrays_strings_with_escapes_and_lines_are_followed() {
        let json =
            "{\"name\": \"a \\\" b, ] }\",\n \"items\": [\n  {\"n\": 1, \"list\": [1, 2, -3]}]}";
        assert_eq!(pointer_of_error::<Outer>(json), "/items/0/list/2");
    }
}
