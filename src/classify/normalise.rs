//! Text normalisation before matching: full-width → half-width, character variants (traditional
//! → simplified, from the pack) and case folding. Every character maps to exactly one character
//! of the same UTF-16 length, so offsets in the normalised text are offsets in the original.

use std::collections::BTreeMap;

/// Folds one character; the result always has the same UTF-16 length as `c`.
pub fn fold_char(c: char, variants: &BTreeMap<char, char>) -> char {
    fold_with(c, |c| variants.get(&c).copied())
}

/// [`fold_char`] with the variants looked up by `variant`.
#[inline]
fn fold_with(c: char, variant: impl Fn(char) -> Option<char>) -> char {
    let half = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let simple = variant(half).unwrap_or(half);
    // Fast paths (same result, no case-table search): ASCII, and the CJK block from U+3000 to
    // U+9FFF (punctuation, kana, ideographs), which has no case.
    let folded = if simple.is_ascii() {
        simple.to_ascii_lowercase()
    } else if ('\u{3000}'..='\u{9FFF}').contains(&simple) {
        simple
    } else {
        let mut lower = simple.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => simple,
        }
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

/// A pack's variants compiled for folding texts: a bit per character of the Basic Multilingual
/// Plane says whether it has a variant, so most characters cost one bit test instead of a
/// search of the map; those that do (and any beyond the plane) are found in a sorted table.
pub(crate) struct Variants {
    bits: Vec<u64>,
    table: Vec<(char, char)>,
}

impl Variants {
    /// Compiles `variants`.
    pub fn new(variants: &BTreeMap<char, char>) -> Variants {
        let mut bits = vec![0u64; 0x1_0000 / 64];
        for &c in variants.keys() {
            let i = u32::from(c) as usize;
            if let Some(word) = bits.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        Variants { bits, table: variants.iter().map(|(&a, &b)| (a, b)).collect() }
    }

    fn get(&self, c: char) -> Option<char> {
        let i = u32::from(c) as usize;
        if let Some(word) = self.bits.get(i / 64) {
            if word & (1 << (i % 64)) == 0 {
                return None;
            }
        }
        let at = self.table.binary_search_by_key(&c, |&(a, _)| a).ok()?;
        self.table.get(at).map(|&(_, b)| b)
    }

    /// Normalises a whole text, as [`normalise`] does with the map these were compiled from.
    /// Allocated once at the length of `text` (a fold keeps a character's UTF-16 length, and
    /// nearly always its UTF-8 length; full-width forms only shrink); the runs of characters
    /// that fold to themselves (most of a text) are copied as they are, not char by char.
    pub fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        // `text` is in `out` up to this byte.
        let mut copied = 0;
        for (at, c) in text.char_indices() {
            let folded = fold_with(c, |c| self.get(c));
            if folded != c {
                out.push_str(text.get(copied..at).unwrap_or(""));
                out.push(folded);
                copied = at + c.len_utf8();
            }
        }
        out.push_str(text.get(copied..).unwrap_or(""));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold without fast paths, as it was written first.
    fn reference(c: char, variants: &BTreeMap<char, char>) -> char {
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

    #[test]
    fn the_fast_paths_fold_every_character_as_the_case_tables_do() {
        let variants: BTreeMap<char, char> =
            [('這', '这'), ('Ａ', 'B'), ('𠀀', 'a'), ('\u{FFFF}', 'x')].into();
        let compiled = Variants::new(&variants);
        let mut all = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(fold_char(c, &variants), reference(c, &variants), "U+{:04X}", u32::from(c));
            all.push(c);
        }
        assert_eq!(compiled.normalise(&all), normalise(&all, &variants));
    }
}
