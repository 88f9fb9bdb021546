//! Money amounts in free text → fen: Arabic (`3999元`, `1,299.00元`, `¥58`), with a multiplier
//! (`1.2万`, `3千元`, `5w`), and Chinese numerals (`一千五百元`, `两万三千块`, `壹仟元`). Runs on
//! normalised text (full-width already folded). All arithmetic is checked: an amount too large to
//! hold is skipped, never a panic.
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

/// An amount found in the text: fen and byte range in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// The amount in fen.
    pub fen: u64,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

const PREFIXES: &[&str] = &["¥", "￥", "rmb", "人民币"];
const UNITS: &[&str] = &["块钱", "元钱", "元", "块", "圆", "rmb", "人民币"];
const APPROX: &[char] = &['多', '余', '来', '几'];

/// Calls `each` for every amount in `text`, left to right. `money_words` are the pack's words
/// that make a bare number with a scale money, and how many characters before it they reach.
pub(crate) fn find(text: &str, money_words: (&[String], usize), mut each: impl FnMut(Found)) {
    let mut before: (Option<char>, Option<char>) = (None, None);
    // The end of the last amount found: the characters before it are read.
    let mut read_to = 0;
    for (i, c) in text.char_indices() {
        if i < read_to {
            continue;
        }
        if may_start(c) && can_start(c, before) {
            let rest = text.get(i..).unwrap_or("");
            let money = || money_context(text.get(..i).unwrap_or(""), money_words);
            if let Some((fen, len)) = parse_at(rest, money) {
                each(Found { fen, start: i, end: i.saturating_add(len) });
                let mut tail = rest.get(..len).unwrap_or("").chars().rev();
                let last = tail.next();
                before = (tail.next(), last);
                read_to = i.saturating_add(len);
                continue;
            }
        }
        before = (before.1, Some(c));
    }
}

/// Every character [`can_start`] accepts.
const STARTS: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'r', '¥', '￥', '人', '零', '〇', '一', '壹',
    '二', '两', '贰', '三', '叁', '四', '肆', '五', '伍', '六', '陆', '七', '柒', '八', '捌', '九',
    '玖', '十', '拾', '百', '佰', '千', '仟', '万', '亿',
];

/// [`STARTS`] as a bit per code point modulo 256 (low and high half).
const START_BITS: [u128; 2] = start_bits(STARTS);

const fn start_bits(chars: &[char]) -> [u128; 2] {
    let (mut low, mut high) = (0u128, 0u128);
    let mut rest = chars;
    while let [c, tail @ ..] = rest {
        let i = *c as u32 & 0xFF;
        if i < 128 {
            low |= 1u128.wrapping_shl(i);
        } else {
            high |= 1u128.wrapping_shl(i & 127);
        }
        rest = tail;
    }
    [low, high]
}

/// False for most characters that cannot start an amount, by one bit test; true for every one
/// that can (and for the few others that share a code point modulo 256 with one). Walking a
/// text, this turns away nearly every character before [`can_start`] is asked.
fn may_start(c: char) -> bool {
    let i = u32::from(c) & 0xFF;
    let [low, high] = START_BITS;
    let word = if i < 128 { low } else { high };
    word.wrapping_shr(i & 127) & 1 == 1
}

/// Whether an amount may start at `c`, given the two characters before it: not inside a number
/// (`1,299`, `12.5`, `iphone15`, `一千五`).
fn can_start(c: char, (before, prev): (Option<char>, Option<char>)) -> bool {
    // Asked only of a character that can start a number (most characters cannot).
    let glued = || {
        let separator =
            matches!(prev, Some('.' | ',')) && before.is_some_and(|b| b.is_ascii_digit());
        separator || prev.is_some_and(|p| p.is_ascii_alphanumeric() || chinese_digit(p).is_some())
    };
    match c {
        '¥' | '￥' | '人' => true,
        'r' => !prev.is_some_and(|p| p.is_ascii_alphanumeric()),
        _ => {
            (c.is_ascii_digit() || chinese_digit(c).is_some() || chinese_unit(c).is_some())
                && !glued()
        }
    }
}

/// Whether the clause just before a number (`before` is the text up to it) says the number is
/// money: one of `words` within `window` characters, with no clause break between.
fn money_context(before: &str, (words, window): (&[String], usize)) -> bool {
    let start = before
        .char_indices()
        .rev()
        .take(window)
        .take_while(|(_, c)| {
            !matches!(c, '，' | '。' | '！' | '？' | '；' | ',' | '!' | '?' | ';' | '\n')
        })
        .last()
        .map_or(before.len(), |(at, _)| at);
    let clause = before.get(start..).unwrap_or("");
    words.iter().any(|word| clause.contains(word.as_str()))
}

/// Parses an amount at the start of `s`: (fen, byte length). `money_context` says whether the
/// clause before calls a bare number with a scale money (asked only for such a number).
fn parse_at(s: &str, money_context: impl FnOnce() -> bool) -> Option<(u64, usize)> {
    let prefix = PREFIXES.iter().find(|p| s.starts_with(**p)).map_or(0, |p| p.len());
    let mut p = prefix;
    if prefix > 0 && s.get(p..)?.starts_with(' ') {
        p = p.saturating_add(1);
    }
    let body = s.get(p..)?;
    // `scaled`: written with 千 / 万 / k / w / 亿, so a count of something only rarely.
    let (value, scale, len, multiplied, scaled) = match arabic(body) {
        Some((mantissa, decimals, len)) => {
            let (multiplier, mlen) = multiplier(body.get(len..)?);
            (
                mantissa.checked_mul(multiplier)?,
                decimals,
                len.saturating_add(mlen),
                multiplier >= 10_000,
                multiplier > 1,
            )
        }
        None => {
            let (value, len) = chinese(body)?;
            let scaled = body.get(..len)?.contains(['千', '仟', '万', '亿']);
            (value, 0, len, false, scaled)
        }
    };
    p = p.saturating_add(len);
    let after_number = p;
    if let Some(a) = s.get(p..)?.chars().next().filter(|c| APPROX.contains(c)) {
        p = p.saturating_add(a.len_utf8());
    }
    let unit = UNITS.iter().find(|u| s.get(p..).is_some_and(|r| r.starts_with(**u)));
    let fen = to_fen(value, scale)?;
    let end = match unit {
        Some(u) if *u == "块" && !block_is_money(s.get(p.saturating_add(u.len())..)?, fen) => {
            return None
        }
        Some(u) => p.saturating_add(u.len()),
        None if prefix > 0 || multiplied => after_number,
        None if scaled && money_context() => after_number,
        None => return None,
    };
    Some((fen, end))
}

/// `块` is also a measure word (一块手表): count it as money only before 钱 or a non-Han
/// character, or for at least ten yuan.
fn block_is_money(after: &str, fen: u64) -> bool {
    let next = after.chars().next();
    fen >= 1_000 || next.is_none_or(|c| !is_han(c))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// `value / 10^scale` yuan in fen, if it is a whole number of fen that fits.
fn to_fen(value: u128, scale: u32) -> Option<u64> {
    let fen = value.checked_mul(100)?;
    let divisor = 10u128.checked_pow(scale)?;
    if fen.checked_rem(divisor)? != 0 {
        return None;
    }
    u64::try_from(fen.checked_div(divisor)?).ok()
}

/// Arabic digits with optional `,` thousands groups and a decimal part: (mantissa, decimals, len).
fn arabic(s: &str) -> Option<(u128, u32, usize)> {
    let bytes = s.as_bytes();
    let mut mantissa: u128 = 0;
    let mut decimals: u32 = 0;
    let mut i = 0;
    let mut in_fraction = false;
    let mut digits: u32 = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                mantissa =
                    mantissa.checked_mul(10)?.checked_add(u128::from(b.checked_sub(b'0')?))?;
                digits = digits.saturating_add(1);
                if in_fraction {
                    decimals = decimals.saturating_add(1);
                }
            }
            b',' if !in_fraction
                && digits > 0
                && group_follows(bytes.get(i.saturating_add(1)..)) => {}
            b'.' if !in_fraction
                && digits > 0
                && bytes.get(i.saturating_add(1)).is_some_and(u8::is_ascii_digit) =>
            {
                in_fraction = true;
            }
            _ => break,
        }
        i = i.saturating_add(1);
    }
    (digits > 0).then_some((mantissa, decimals, i))
}

/// True when exactly three digits follow (a thousands group).
fn group_follows(rest: Option<&[u8]>) -> bool {
    let rest = rest.unwrap_or(&[]);
    rest.len() >= 3
        && rest.iter().take(3).all(u8::is_ascii_digit)
        && !rest.get(3).is_some_and(u8::is_ascii_digit)
}

/// A multiplier after Arabic digits: (factor, byte length).
fn multiplier(s: &str) -> (u128, usize) {
    match s.chars().next() {
        Some(c @ ('万' | 'w')) => (10_000, c.len_utf8()),
        Some(c @ ('千' | 'k')) => (1_000, c.len_utf8()),
        Some(c @ '亿') => (100_000_000, c.len_utf8()),
        _ => (1, 0),
    }
}

fn chinese_digit(c: char) -> Option<u128> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u128> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// A Chinese numeral: (value, byte length). `一千五` and `一万五` read as 1500 and 15000.
fn chinese(s: &str) -> Option<(u128, usize)> {
    let (mut total, mut section, mut number): (u128, u128, u128) = (0, 0, 0);
    let mut unit_before: Option<u128> = None;
    let mut last_unit: Option<u128> = None;
    let mut len: usize = 0;
    let mut seen_digit = false;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            unit_before = if d == 0 {
                last_unit = None;
                None
            } else {
                last_unit.take()
            };
            number = if seen_digit && unit_before.is_none() {
                number.checked_mul(10)?.checked_add(d)?
            } else {
                d
            };
            seen_digit = d != 0 || seen_digit;
        } else if let Some(u) = chinese_unit(c) {
            let n = if number == 0 && u == 10 { 1 } else { number };
            match u {
                10_000 => total = total.checked_add(section.checked_add(n)?.checked_mul(u)?)?,
                100_000_000 => {
                    total = total.checked_add(section)?.checked_add(n)?.checked_mul(u)?
                }
                _ => section = section.checked_add(n.checked_mul(u)?)?,
            }
            if u >= 10_000 {
                section = 0;
            }
            number = 0;
            seen_digit = false;
            last_unit = Some(u);
            unit_before = None;
        } else {
            break;
        }
        len = len.saturating_add(c.len_utf8());
    }
    if len == 0 || (total == 0 && section == 0 && number == 0 && !s.starts_with(['零', '〇'])) {
        return None;
    }
    let tail = match unit_before {
        Some(u) if u >= 100 => number.checked_mul(u / 10)?,
        _ => number,
    };
    Some((total.checked_add(section)?.checked_add(tail)?, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_can_start_an_amount_passes_the_bit_test() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let can = can_start(c, (None, None));
            assert_eq!(can, STARTS.contains(&c), "U+{:04X}", u32::from(c));
            assert!(!can || may_start(c), "U+{:04X}", u32::from(c));
        }
    }
}
