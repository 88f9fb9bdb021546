//! GB 11643-1999 citizen identity number: 17 digits + check character, with a birth date.

use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// Why an identity number was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentIdError {
    /// Not 17 digits followed by a digit or `X`.
    Format,
    /// The embedded birth date does not exist, is before 1900, or is after `today`.
    BirthDate,
    /// The check character does not match.
    Checksum,
}

/// Validates a normalised (half-width, upper-case `X`) 18-character identity number against the
/// checksum and a real birth date not after `today`.
pub fn validate(id: &str, today: NaiveDate) -> Result<NaiveDate, ResidentIdError> {
    let bytes = id.as_bytes();
    let (body, check) = match (bytes.get(..17), bytes.get(17)) {
        (Some(body), Some(check)) if bytes.len() == 18 => (body, *check),
        _ => return Err(ResidentIdError::Format),
    };
    if !body.iter().all(u8::is_ascii_digit) || !(check.is_ascii_digit() || check == b'X') {
        return Err(ResidentIdError::Format);
    }
    // The birth date's eight digits (checked above) as year, month and day: what parsing them
    // as `%Y%m%d` reads, without chrono's format-string parser in the module.
    let number = |from: usize, to: usize| {
        body.get(from..to).map(|d| d.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    let birth = number(6, 10)
        .zip(number(10, 12).zip(number(12, 14)))
        .and_then(|(y, (m, d))| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d))
        .filter(|d| {
            *d >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) && *d <= today
        })
        .ok_or(ResidentIdError::BirthDate)?;
    let sum: u32 = body.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let expected = CHECK_CHARS.get((sum % 11) as usize).copied();
    if expected == Some(check) {
        Ok(birth)
    } else {
        Err(ResidentIdError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn accepts_the_gb11643_example() {
        assert!(validate("11010519491231002X", today()).is_ok());
        assert!(validate("110105194912310029", today()) == Err(ResidentIdError::Checksum));
    }

    /// The birth date is read as chrono reads the eight digits with `%Y%m%d`, for every month
    /// and day number from 0 to 13 / 32 in years around the bounds and leap years.
    #[test]
    fn birth_dates_are_read_as_yyyymmdd() {
        for y in [0, 1, 1899, 1900, 1948, 1949, 2000, 2024, 2026, 2027, 2100, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let body = format!("110105{y:04}{m:02}{d:02}001");
                    let sum: u32 =
                        body.bytes().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
                    let id = format!("{body}{}", char::from(CHECK_CHARS[(sum % 11) as usize]));
                    let chrono =
                        NaiveDate::parse_from_str(&format!("{y:04}{m:02}{d:02}"), "%Y%m%d")
                            .ok()
                            .filter(|b| {
                                *b >= NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() && *b <= today()
                            });
                    let expected = chrono.ok_or(ResidentIdError::BirthDate);
                    assert_eq!(validate(&id, today()), expected, "{id}");
                }
            }
        }
    }

    #[test]
    fn rejects_bad_birth_dates_and_formats() {
        // 2027-01-01 birth is after today; checksum irrelevant.
        assert_eq!(validate("110105202701010011", today()), Err(ResidentIdError::BirthDate));
        assert_eq!(validate("110105202602300011", today()), Err(ResidentIdError::BirthDate));
        assert_eq!(validate("11010519491231002", today()), Err(ResidentIdError::Format));
        assert_eq!(validate("1101051949123100x2", today()), Err(ResidentIdError::Format));
    }
}
