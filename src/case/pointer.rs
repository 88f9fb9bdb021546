//! JSON-pointer lookup without allocation (serde_json's `pointer` unescapes every segment into a
//! new string, which dominated validation time).

use std::borrow::Cow;

use serde_json::Value;

/// The segments of a pointer after its leading `/`, split by a byte scan (pointers are short
/// and this runs tens of times per validation: a `split` searcher cost more than the lookups).
pub(crate) fn segments(rest: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(rest);
    std::iter::from_fn(move || {
        let (head, tail) = split_at_slash(rest?);
        rest = tail;
        Some(head)
    })
}

/// `text` up to its first `/` and what follows that `/` (`None`: no `/`), by a byte scan.
pub(crate) fn split_at_slash(text: &str) -> (&str, Option<&str>) {
    match text.bytes().position(|b| b == b'/') {
        Some(at) => (text.get(..at).unwrap_or_default(), text.get(at + 1..)),
        None => (text, None),
    }
}

/// A pointer's first segment and the rest after it (`None` when it does not start with `/`).
pub(crate) fn split_first(pointer: &str) -> Option<(&str, Option<&str>)> {
    pointer.strip_prefix('/').map(split_at_slash)
}

/// An object key from a segment, unescaped only when it holds a `~` (pack pointers never do).
pub(crate) fn key(seg: &str) -> Cow<'_, str> {
    if seg.as_bytes().contains(&b'~') {
        Cow::Owned(unescape(seg))
    } else {
        Cow::Borrowed(seg)
    }
}

/// The value at `pointer` (RFC 6901), or `None`.
pub fn lookup<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    segments(pointer.strip_prefix('/')?).try_fold(value, |node, seg| match node {
        Value::Object(map) => map.get(key(seg).as_ref()),
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The value at `pointer`, mutably.
pub fn lookup_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    segments(pointer.strip_prefix('/')?).try_fold(value, |node, seg| match node {
        Value::Object(map) => map.get_mut(key(seg).as_ref()),
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Whether a change at pointer `a` can affect a value at pointer `b` (or the reverse): one is a
/// prefix of the other, segment by segment, where a `*` segment in either matches any segment.
pub fn overlaps(a: &str, b: &str) -> bool {
    // Byte-wise, without split iterators: this runs for every rule on every keystroke.
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        let (Some((sx, rx)), Some((sy, ry))) = (segment(x), segment(y)) else { return true };
        if sx != sy && sx != b"*" && sy != b"*" {
            return false;
        }
        (x, y) = (rx, ry);
    }
}

/// The first segment of a pointer (after its `/`) and the rest, or `None` at the end.
fn segment(p: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = p.strip_prefix(b"/")?;
    let end = rest.iter().position(|b| *b == b'/').unwrap_or(rest.len());
    Some(rest.split_at(end))
}

/// Puts `value` at `pointer`, creating missing (or `null`) parent objects on the way; `-` as the
/// last segment appends to an array. Returns the pointer written (`-` resolved to the index) and
/// the value written, in place, or `None` when a parent is neither an object nor an array (or an
/// index is out of range); the document is then unchanged (nothing is created before the first
/// place that can fail).
pub fn set<'p, 'd>(
    doc: &'d mut Value,
    pointer: &'p str,
    value: Value,
) -> Option<(Cow<'p, str>, &'d mut Value)> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return pointer.is_empty().then(|| {
            *doc = value;
            (Cow::Borrowed(pointer), doc)
        });
    };
    let (parents, last) = match rest.bytes().rposition(|b| b == b'/') {
        Some(at) => (rest.get(..at), rest.get(at + 1..).unwrap_or_default()),
        None => (None, rest),
    };
    let mut node = doc;
    for seg in parents.into_iter().flat_map(segments) {
        if node.is_null() {
            *node = Value::Object(serde_json::Map::new());
        }
        node = match node {
            Value::Object(map) => member(map, seg)?,
            Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get_mut(i))?,
            _ => return None,
        };
    }
    if node.is_null() {
        *node = Value::Object(serde_json::Map::new());
    }
    match node {
        Value::Object(map) => {
            let slot = member(map, last)?;
            *slot = value;
            Some((Cow::Borrowed(pointer), slot))
        }
        Value::Array(items) => {
            let (written, slot) = if last == "-" {
                items.push(value);
                let parent = pointer.strip_suffix("/-").unwrap_or_default();
                (Cow::Owned(format!("{parent}/{}", items.len() - 1)), items.last_mut()?)
            } else {
                let slot = last.parse::<usize>().ok().and_then(|i| items.get_mut(i))?;
                *slot = value;
                (Cow::Borrowed(pointer), slot)
            };
            Some((written, slot))
        }
        _ => None,
    }
}

/// The member `seg` (a pointer segment) of `map`, added as `null` when it is not there: its key
/// is copied only then (always `Some`).
fn member<'m>(map: &'m mut serde_json::Map<String, Value>, seg: &str) -> Option<&'m mut Value> {
    let key = key(seg);
    if !map.contains_key(key.as_ref()) {
        map.insert(key.to_string(), Value::Null);
    }
    map.get_mut(key.as_ref())
}

/// A pointer segment with `~1` and `~0` decoded.
pub fn unescape(seg: &str) -> String {
    if seg.contains('~') {
        seg.replace("~1", "/").replace("~0", "~")
    } else {
        seg.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn agrees_with_serde_json() {
        let v = json!({"a": {"b/c": [1, {"d~e": 2}]}, "": 3});
        for p in ["", "/a", "/a/b~1c", "/a/b~1c/1/d~0e", "/a/b~1c/5", "/x", "/", "a", "/a/"] {
            assert_eq!(lookup(&v, p), v.pointer(p), "{p}");
            assert_eq!(lookup_mut(&mut v.clone(), p).cloned(), v.pointer(p).cloned(), "{p}");
        }
    }

    #[test]
    fn overlap_is_prefix_with_wildcards() {
        assert!(overlaps("/complainant", "/complainant/mobile"));
        assert!(overlaps("/complainant/mobile", "/complainant"));
        assert!(overlaps("/evidence/3/size", "/evidence/*/size"));
        assert!(overlaps("", "/facts"));
        assert!(!overlaps("/complainant/mobile", "/complainant/email"));
        assert!(!overlaps("/evidence/3/size", "/evidence/*/kind"));
    }

    #[test]
    fn set_creates_parents_and_refuses_scalars() {
        let mut v = json!({"a": "x", "l": [1]});
        let written =
            |v: &mut Value, p, x| set(v, p, x).map(|(at, slot)| (at.to_string(), slot.clone()));
        assert_eq!(written(&mut v, "/b/c", json!(1)), Some(("/b/c".into(), json!(1))));
        assert_eq!(written(&mut v, "/l/-", json!(2)), Some(("/l/1".into(), json!(2))));
        assert_eq!(written(&mut v, "/l/0", json!(0)), Some(("/l/0".into(), json!(0))));
        assert_eq!(written(&mut v, "/a/c", json!(1)), None);
        assert_eq!(written(&mut v, "/l/9", json!(1)), None);
        assert_eq!(v, json!({"a": "x", "b": {"c": 1}, "l": [0, 2]}));
    }
}
