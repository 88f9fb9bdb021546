//! Money: decimal yuan strings ↔ integer fen (分). Never a float.
// Input reaches every computation here (amounts, dates, periods, offsets): no operator that can
// overflow or divide by zero; checked or saturating arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fen(pub u64);

/// Why a yuan string was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Empty string.
    Empty,
    /// A minus sign: amounts are never negative.
    Negative,
    /// Anything but digits with an optional `.` and up to two decimals.
    Format,
    /// More than two decimal places.
    TooPrecise,
    /// Larger than the engine can hold.
    Overflow,
}

impl Fen {
    /// Parses a yuan amount such as `"1299"`, `"1299.5"` or `"1299.00"`. Rejects `""`, `"-0.01"`,
    /// `"1e3"`, `"1,000"`, `"+1"`, `".5"`, `"1."` and more than two decimals.
    pub fn parse_yuan(text: &str) -> Result<Fen, MoneyError> {
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        if text.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (int_part, frac_part) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text, None),
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::Format);
        }
        let frac = frac_part.unwrap_or("");
        if frac_part.is_some() && frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::Format);
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        let yuan: u64 = int_part.parse().map_err(|_| MoneyError::Overflow)?;
        let mut cents: u64 = 0;
        for (i, c) in frac.chars().enumerate() {
            let scale = if i == 0 { 10 } else { 1 };
            cents =
                cents.saturating_add(u64::from(c.to_digit(10).unwrap_or(0)).saturating_mul(scale));
        }
        yuan.checked_mul(100)
            .and_then(|f| f.checked_add(cents))
            .map(Fen)
            .ok_or(MoneyError::Overflow)
    }

    /// Whole yuan, rounded down.
    pub fn yuan(self) -> u64 {
        self.0 / 100
    }
}

impl fmt::Display for Fen {
    /// Formats as a yuan string with two decimals, e.g. `1299.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_amounts_to_fen() {
        assert_eq!(Fen::parse_yuan("1299.00"), Ok(Fen(129_900)));
        assert_eq!(Fen::parse_yuan("1299.5"), Ok(Fen(129_950)));
        assert_eq!(Fen::parse_yuan("0.01"), Ok(Fen(1)));
        assert_eq!(Fen::parse_yuan("0"), Ok(Fen(0)));
    }

    #[test]
    fn rejects_what_the_issue_names() {
        assert_eq!(Fen::parse_yuan(""), Err(MoneyError::Empty));
        assert_eq!(Fen::parse_yuan("-0.01"), Err(MoneyError::Negative));
        assert_eq!(Fen::parse_yuan("1e3"), Err(MoneyError::Format));
        assert_eq!(Fen::parse_yuan("1,000"), Err(MoneyError::Format));
        assert_eq!(Fen::parse_yuan("1."), Err(MoneyError::Format));
        assert_eq!(Fen::parse_yuan(".5"), Err(MoneyError::Format));
        assert_eq!(Fen::parse_yuan("1.005"), Err(MoneyError::TooPrecise));
        assert_eq!(Fen::parse_yuan("99999999999999999999"), Err(MoneyError::Overflow));
    }

    #[test]
    fn round_trips_through_display() {
        for fen in [0u64, 1, 99, 100, 129_900, 123_456_789] {
            assert_eq!(Fen::parse_yuan(&Fen(fen).to_string()), Ok(Fen(fen)));
        }
    }
}
