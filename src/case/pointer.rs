//! JSON-pointer lookup without allocation (serde_json's `pointer` unescapes every segment into a
//! new string, which dominated validation time).

use serde_json::Value;

fn step<'a>(value: &'a Value, seg: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) if seg.contains('~') => map.get(&seg.replace("~1", "/").replace("~0", "~")),
        Value::Object(map) => map.get(seg),
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// The value at `pointer` (RFC 6901), or `None`.
pub fn lookup<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').try_fold(value, step)
}

/// The value at `pointer`, mutably.
pub fn lookup_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').try_fold(value, |v, seg| match v {
        Value::Object(map) => {
            let key = if seg.contains('~') { seg.replace("~1", "/").replace("~0", "~") } else { seg.to_string() };
            map.get_mut(&key)
        }
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn agrees_with_serde_json() {
        let v = json!({"a": {"b/c": [1, {"d~e": 2}]}, "": 3});
        for p in ["", "/a", "/a/b~1c", "/a/b~1c/1/d~0e", "/a/b~1c/5", "/x", "/", "a"] {
            assert_eq!(lookup(&v, p), v.pointer(p), "{p}");
        }
    }
}
