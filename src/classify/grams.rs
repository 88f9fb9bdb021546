//! Character n-grams (1 to [`MAX_N`] characters) of a normalised text, the features of the
//! learned model. Each n-gram is keyed by its characters packed into a `u64` (21 bits each), so
//! no string is built per n-gram. ASCII digits all count as `0` (numbers in any notation share
//! their shape); whitespace and control characters break n-grams.

/// Longest n-gram, in characters.
pub(crate) const MAX_N: usize = 3;

const BITS: u32 = 21;
const MASK: u64 = (1 << BITS) - 1;

/// One n-gram occurrence: its key and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Gram {
    /// Packed characters.
    pub key: u64,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

/// The character an n-gram key uses for `c`, or `None` when `c` breaks n-grams.
fn key_char(c: char) -> Option<u64> {
    if c.is_whitespace() || c.is_control() {
        return None;
    }
    let c = if c.is_ascii_digit() { '0' } else { c };
    Some(u64::from(u32::from(c)))
}

/// Calls `f` for every n-gram of `text`, in text order (shorter first at each end position).
pub(crate) fn each(text: &str, mut f: impl FnMut(Gram)) {
    // The previous two characters: (key char, start byte), most recent first.
    let mut window: [(u64, usize); MAX_N - 1] = [(0, 0); MAX_N - 1];
    let mut filled = 0usize;
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        let Some(k) = key_char(c) else {
            filled = 0;
            continue;
        };
        f(Gram { key: k, start, end });
        let mut key = k;
        for (i, &(prev, prev_start)) in window.iter().enumerate().take(filled) {
            key |= prev << (BITS * (i as u32 + 1));
            f(Gram { key, start: prev_start, end });
        }
        window.rotate_right(1);
        if let Some(first) = window.first_mut() {
            *first = (k, start);
        }
        filled = (filled + 1).min(MAX_N - 1);
    }
}

/// The key of an n-gram written out (already normalised), or `None` when it is not 1 to
/// [`MAX_N`] characters that n-grams can hold.
pub(crate) fn key_of(gram: &str) -> Option<u64> {
    let mut key = 0u64;
    let mut n = 0usize;
    for c in gram.chars() {
        n += 1;
        if n > MAX_N {
            return None;
        }
        key = (key << BITS) | key_char(c)?;
    }
    (n > 0).then_some(key)
}

/// The n-gram a key stands for (digits as `0`).
pub(crate) fn text_of(key: u64) -> String {
    let mut chars = Vec::with_capacity(MAX_N);
    let mut rest = key;
    while rest != 0 {
        chars.push(char::from_u32((rest & MASK) as u32).unwrap_or('\u{FFFD}'));
        rest >>= BITS;
    }
    chars.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_cover_one_to_three_characters_and_round_trip() {
        let mut seen = Vec::new();
        each("退款3 天", |g| seen.push((text_of(g.key), g.start, g.end)));
        let want: Vec<(String, usize, usize)> = [
            ("退", 0, 3),
            ("款", 3, 6),
            ("退款", 0, 6),
            ("0", 6, 7),
            ("款0", 3, 7),
            ("退款0", 0, 7),
            ("天", 8, 11),
        ]
        .iter()
        .map(|(t, s, e)| (t.to_string(), *s, *e))
        .collect();
        assert_eq!(seen, want);
        assert_eq!(key_of("退款0"), key_of("退款7"));
        assert_eq!(key_of("退款还钱"), None);
        assert_eq!(key_of(""), None);
        assert_eq!(key_of("a b"), None);
    }
}
