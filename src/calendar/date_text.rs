//! A date written `YYYY-MM-DD`, read exactly as chrono's `NaiveDate::from_str` reads it (tested
//! against it below, errors included) without chrono's general format-string parser, which
//! brought RFC 2822 parsing, month and weekday names and time-zone scanning into the form module.
//!
//! As chrono: whitespace may come before each number and after each, a year has up to four
//! digits (any number after a `+` or `-`), a month and a day one or two digits.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{Deserializer, Error, Visitor};

/// Why a text is not a date, in chrono's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// A number out of its range, or a day the month does not have.
    #[error("input is out of range")]
    OutOfRange,
    /// A character where a digit or `-` belongs.
    #[error("input contains invalid characters")]
    Invalid,
    /// The text ends too soon.
    #[error("premature end of input")]
    TooShort,
    /// Something follows the day.
    #[error("trailing input")]
    TooLong,
}

/// Reads a date written `YYYY-MM-DD`.
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let mut rest = text.trim_start();
    let year = match rest.as_bytes().first() {
        Some(b'-') => {
            number(&mut rest, 1, usize::MAX)?.checked_neg().ok_or(DateError::OutOfRange)?
        }
        Some(b'+') => number(&mut rest, 1, usize::MAX)?,
        _ => number(&mut rest, 0, 4)?,
    };
    let year = i32::try_from(year).map_err(|_| DateError::OutOfRange)?;
    dash(&mut rest)?;
    let month = in_range(number(&mut rest, 0, 2)?, 12)?;
    dash(&mut rest)?;
    let day = in_range(number(&mut rest, 0, 2)?, 31)?;
    if !rest.trim_start().is_empty() {
        return Err(DateError::TooLong);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::OutOfRange)
}

/// Reads the number after `skip` bytes of `rest` (leading whitespace skipped first): at least
/// one digit, at most `max`; `rest` moves past it.
fn number(rest: &mut &str, skip: usize, max: usize) -> Result<i64, DateError> {
    let digits = rest.get(skip..).unwrap_or_default();
    if digits.is_empty() {
        return Err(DateError::TooShort);
    }
    let len = digits.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return Err(DateError::Invalid);
    }
    let n = digits.bytes().take(len).try_fold(0i64, |n, c| {
        n.checked_mul(10).and_then(|n| n.checked_add(i64::from(c.wrapping_sub(b'0'))))
    });
    let n = n.ok_or(DateError::OutOfRange)?;
    *rest = digits.get(len..).unwrap_or_default();
    Ok(n)
}

/// `n` as a month or day number: 1 to `max`.
fn in_range(n: i64, max: u32) -> Result<u32, DateError> {
    u32::try_from(n).ok().filter(|n| (1..=max).contains(n)).ok_or(DateError::OutOfRange)
}

/// Skips whitespace, a `-` and the whitespace after it.
fn dash(rest: &mut &str) -> Result<(), DateError> {
    let text = rest.trim_start();
    let after = text.strip_prefix('-').ok_or(if text.is_empty() {
        DateError::TooShort
    } else {
        DateError::Invalid
    })?;
    *rest = after.trim_start();
    Ok(())
}

/// Reads a date member (`#[serde(deserialize_with = "…::date")]`), as chrono's `Deserialize`
/// does: a string, read by [`parse`].
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(DateVisitor)
}

/// Reads an optional date member (`#[serde(default, deserialize_with = "…::optional_date")]`):
/// `null` is none, as serde reads an `Option`.
pub fn optional_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(OptionalDateVisitor)
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text).map_err(E::custom)
    }
}

struct OptionalDateVisitor;

impl<'de> Visitor<'de> for OptionalDateVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: Error>(self) -> Result<Option<NaiveDate>, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Option<NaiveDate>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        date(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    /// chrono's answer: the date, or its error's words.
    fn chrono(text: &str) -> Result<NaiveDate, String> {
        NaiveDate::from_str(text).map_err(|e| e.to_string())
    }

    fn ours(text: &str) -> Result<NaiveDate, String> {
        parse(text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_as_chrono_reads() {
        let texts = [
            "2026-01-05",
            "2026-1-5",
            " 2026 - 01 - 05 ",
            "2026-01-05 ",
            "+2026-01-05",
            "-0044-03-15",
            "+99999-01-01",
            "99999-01-01",
            "0-1-1",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-01",
            "2026-01-32",
            "2026-01-00",
            "2026-001-01",
            "2026-01-5x",
            "2026-01",
            "2026-01-",
            "2026",
            "",
            " ",
            "-",
            "+",
            "x",
            "２０２６-01-05",
            "2026/01/05",
            "2026-01-05T00:00",
            "+9223372036854775807-01-01",
            "-9223372036854775808-01-01",
            "+99999999999999999999-01-01",
            "2026\u{3000}-01-05",
            "2026-\u{a0}1-05",
            "2026--01-05",
        ];
        for text in texts {
            assert_eq!(ours(text), chrono(text), "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_text_reads_as_chrono_reads(text in "[ 0-9+\\-x\u{3000}]{0,14}") {
            prop_assert_eq!(ours(&text), chrono(&text), "{:?}", text);
        }

        #[test]
        fn any_date_reads_back(days in -800_000i64..800_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).unwrap()).unwrap();
            prop_assert_eq!(parse(&date.to_string()), Ok(date));
        }
    }

    /// A member read through `date` / `optional_date` answers as chrono's `Deserialize`,
    /// errors included.
    #[test]
    fn members_read_as_chrono_deserialises() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Ours {
            #[serde(deserialize_with = "date")]
            day: NaiveDate,
            #[serde(default, deserialize_with = "optional_date")]
            until: Option<NaiveDate>,
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Chrono {
            day: NaiveDate,
            until: Option<NaiveDate>,
        }
        let documents = [
            r#"{"day": "2026-01-05"}"#,
            r#"{"day": "2026-01-05", "until": null}"#,
            r#"{"day": "2026-01-05", "until": "2026-12-31"}"#,
            r#"{"day": "2026-1-32"}"#,
            r#"{"day": 20260105}"#,
            r#"{"day": "2026-01-05", "until": 5}"#,
            r#"{"day": "2026-01-05", "until": "x"}"#,
            r#"{"day": null}"#,
            r#"{"until": "2026-01-05"}"#,
        ];
        for document in documents {
            let ours = serde_json::from_str::<Ours>(document)
                .map(|o| (o.day, o.until))
                .map_err(|e| e.to_string());
            let chrono = serde_json::from_str::<Chrono>(document)
                .map(|c| (c.day, c.until))
                .map_err(|e| e.to_string());
            assert_eq!(ours, chrono, "{document}");
        }
    }
}
