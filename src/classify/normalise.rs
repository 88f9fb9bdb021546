//! Text normalisation before matching: full-width → half-width, character variants (traditional
//! → simplified, from the pack) and case folding. Every character maps to exactly one character
//! of the same UTF-16 length, so offsets in the normalised text are offsets in the original.

use std::collections::BTreeMap;

/// Folds one character; the result always has the same UTF-16 length as `c`.
pub fn fold_char(c: char, variants: &BTreeMap<char, char>) -> char {
    let half = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let simple = variants.get(&half).copied().unwrap_or(half);
    let mut lower = simple.to_lowercase();
    let folded = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => simple,
    };
    if folded.len_utf16() == c.len_utf16() {
        folded
    } else {
        c
    }
}

/// Normalises a whole text character by character (see [`fold_char`]).
pub fn normalise(text: &str, variants: &BTreeMap<char, char>) -> String {
    text.chars().map(|c| fold_char(c, variants)).collect()
}
