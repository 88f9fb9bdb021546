//! Text normalisation shared by every check: trimming, full-width → half-width, and removal of
//! invisible characters that users paste into identifiers.

/// Converts full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to their
/// half-width forms; everything else is kept.
pub fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// True for characters that are invisible or change text direction (zero-width space/joiners,
/// BOM, LRM/RLM and the bidi embedding/isolate controls) — never meaningful inside an identifier.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Normalises free text: trims surrounding whitespace (including the ideographic space).
pub fn normalize_free_text(text: &str) -> String {
    text.trim().to_string()
}

/// Normalises an identifier-like value (ID numbers, phone numbers, codes, amounts, e-mail):
/// half-width, invisible characters removed, trimmed.
pub fn normalize_code(text: &str) -> String {
    // The common case, printable ASCII without spaces, is already normal.
    if text.bytes().all(|b| b.is_ascii_graphic()) {
        return text.to_string();
    }
    to_half_width(text).chars().filter(|c| !is_invisible(*c)).collect::<String>().trim().to_string()
}

/// Number of Unicode scalar values — how text limits are counted.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_become_half_width() {
        assert_eq!(to_half_width("１３８００１３８０００ＡＢｘ"), "13800138000ABx");
        assert_eq!(to_half_width("中文\u{3000}保留"), "中文 保留");
    }

    #[test]
    fn invisible_characters_are_dropped_from_codes() {
        assert_eq!(normalize_code(" 1381\u{200B}234\u{202E}5678 "), "13812345678");
    }

    #[test]
    fn normalising_twice_equals_once() {
        for s in [" ａｂｃ\u{200D} ", "\u{3000}x\u{FEFF}", "plain"] {
            let once = normalize_code(s);
            assert_eq!(normalize_code(&once), once);
        }
    }
}
