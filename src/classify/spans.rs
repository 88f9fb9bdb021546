//! Spans: byte offsets in the normalised text turned into UTF-16 code-unit offsets (what JS
//! strings index) and Unicode scalar offsets, plus the original text they cover. Conversion walks
//! the text once for all the offsets a result needs.
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use serde::{Deserialize, Serialize};

/// A range of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// Start, in Unicode scalar values.
    pub start_char: usize,
    /// End (exclusive), in Unicode scalar values.
    pub end_char: usize,
}

/// One position in every unit the result needs.
#[derive(Debug, Clone, Copy, Default)]
struct Position {
    original_byte: usize,
    utf16: usize,
    char: usize,
}

/// Positions of a set of normalised-text byte offsets.
pub(crate) struct Offsets<'a> {
    original: &'a str,
    bytes: Vec<usize>,
    positions: Vec<Position>,
}

impl<'a> Offsets<'a> {
    /// Resolves `wanted` byte offsets of `normalised` (which maps char by char onto `original`).
    pub fn new(original: &'a str, normalised: &str, mut wanted: Vec<usize>) -> Offsets<'a> {
        wanted.sort_unstable();
        wanted.dedup();
        let mut positions = Vec::with_capacity(wanted.len());
        let mut at = Position::default();
        let mut normalised_byte = 0;
        let mut pairs = normalised.chars().zip(original.chars());
        for &want in &wanted {
            while normalised_byte < want {
                let Some((n, o)) = pairs.next() else { break };
                normalised_byte = normalised_byte.saturating_add(n.len_utf8());
                at.original_byte = at.original_byte.saturating_add(o.len_utf8());
                at.utf16 = at.utf16.saturating_add(o.len_utf16());
                at.char = at.char.saturating_add(1);
            }
            positions.push(at);
        }
        Offsets { original, bytes: wanted, positions }
    }

    fn position(&self, byte: usize) -> Position {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.positions.get(i).copied().unwrap_or_default(),
            Err(_) => Position::default(),
        }
    }

    /// The span of a normalised byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (s, e) = (self.position(start), self.position(end));
        Span { start: s.utf16, end: e.utf16, start_char: s.char, end_char: e.char }
    }

    /// The original text of a normalised byte range.
    pub fn original(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (self.position(start), self.position(end));
        self.original.get(s.original_byte..e.original_byte).unwrap_or("")
    }
}
