//! GB 32100-2015 unified social credit code: 18 characters over a 31-symbol alphabet with a
//! mod-31 check character.

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Why a credit code was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters.
    Length,
    /// A character outside the alphabet (I, O, Z, S, V are never used) or a malformed region part.
    Format,
    /// The check character does not match.
    Checksum,
}

/// Canonical form: spaces and hyphens removed, ASCII letters in upper case (the code's alphabet
/// is ASCII; any other letter is kept as written, and refused by [`validate`]).
pub fn canonical(code: &str) -> String {
    code.chars().filter(|c| !matches!(c, ' ' | '-')).map(|c| c.to_ascii_uppercase()).collect()
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).and_then(|p| u32::try_from(p).ok())
}

/// Validates a canonical credit code.
pub fn validate(code: &str) -> Result<(), UsccError> {
    let bytes = code.as_bytes();
    if bytes.len() != 18 || code.chars().count() != 18 {
        return Err(UsccError::Length);
    }
    // Positions 3–8 are the administrative division code: digits only.
    if !bytes.get(2..8).is_some_and(|r| r.iter().all(u8::is_ascii_digit)) {
        return Err(UsccError::Format);
    }
    let values: Option<Vec<u32>> = bytes.iter().map(|b| value_of(*b)).collect();
    let values = values.ok_or(UsccError::Format)?;
    let (body, check) = values.split_at(17);
    let mut weight: u32 = 1;
    let mut sum: u32 = 0;
    for v in body {
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    let expected = (31 - sum % 31) % 31;
    if check.first() == Some(&expected) {
        Ok(())
    } else {
        Err(UsccError::Checksum)
    }
}
