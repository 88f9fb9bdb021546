//! Random ids and tokens, their hashes, and the constant-time comparison of hashes.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A random-source failure (the OS gave no randomness).
#[derive(Debug, thiserror::Error)]
#[error("no randomness from the operating system: {0}")]
pub struct RandomError(String);

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| RandomError(e.to_string()))?;
    Ok(bytes)
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of a hex string, or `None` when it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

/// A random id with a prefix and 128 random bits, e.g. `case-3f…` (32 hex digits).
pub fn new_id(prefix: &str) -> Result<String, RandomError> {
    Ok(format!("{prefix}-{}", hex(&random_bytes::<16>()?)))
}

/// A random bearer token: 256 random bits in hex after a prefix naming its kind.
pub fn new_token(prefix: &str) -> Result<String, RandomError> {
    Ok(format!("{prefix}_{}", hex(&random_bytes::<32>()?)))
}

/// SHA-256 of a token, in hex: what the database keeps instead of the token. (The tokens are
/// 256-bit random values, so a plain hash is enough; no password stretching is needed.)
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether the hash of `token` equals `stored`, compared in constant time.
pub fn token_matches(token: &str, stored: &str) -> bool {
    token_hash(token).as_bytes().ct_eq(stored.as_bytes()).into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_128_bits() {
        let a = new_id("case").unwrap();
        let b = new_id("case").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.strip_prefix("case-").unwrap().len(), 32);
        assert!(unhex(a.strip_prefix("case-").unwrap()).is_some());
    }

    #[test]
    fn tokens_match_only_their_hash() {
        let t = new_token("cat").unwrap();
        let h = token_hash(&t);
        assert!(token_matches(&t, &h));
        assert!(!token_matches(&format!("{t}x"), &h));
        assert!(!token_matches(&t, ""));
        assert_eq!(unhex("0aff"), Some(vec![10, 255]));
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
    }
}
