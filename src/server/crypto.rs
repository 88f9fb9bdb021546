//! Personal data at rest: the case is sealed with XChaCha20-Poly1305 (RustCrypto's
//! `chacha20poly1305`) under the current key of a key ring; the key id is stored with each row
//! so that rows sealed under an older key stay readable after a rotation. The ring is read from
//! a file or an environment variable: one `ID:HEX` entry per line (or separated by commas or
//! spaces), 64 hex digits (32 bytes) each, `#` comments; the **last** entry is the current key.

use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use super::secrets::{hex, random_bytes, unhex};

/// A key-ring or sealing failure.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The ring could not be read.
    #[error("key file {0}: {1}")]
    Read(String, std::io::Error),
    /// An entry is not `ID:64-hex-digits`.
    #[error("key entry {0} is not ID:64-hex-digits")]
    Entry(usize),
    /// The ring is empty.
    #[error("no key in {0}")]
    Empty(String),
    /// The environment variable is not set.
    #[error("environment variable {0} is not set")]
    Env(String),
    /// A row was sealed under a key the ring does not have.
    #[error("no key {0} in the key ring (was it removed after a rotation?)")]
    UnknownKey(String),
    /// The ciphertext does not open under its key (tampered or wrong key).
    #[error("sealed data does not open")]
    Open,
    /// Sealing failed.
    #[error("sealing failed")]
    Seal,
    /// No randomness.
    #[error(transparent)]
    Random(#[from] super::secrets::RandomError),
}

/// The keys: every id with its cipher; the last one seals.
pub struct KeyRing {
    keys: Vec<(String, XChaCha20Poly1305)>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key material.
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("KeyRing").field("ids", &ids).finish()
    }
}

impl KeyRing {
    /// Parses the ring text (`source` names it in errors).
    pub fn parse(text: &str, source: &str) -> Result<KeyRing, CryptoError> {
        let mut keys = Vec::new();
        let entries = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default())
            .flat_map(|l| l.split([',', ' ', '\t']))
            .map(str::trim)
            .filter(|e| !e.is_empty());
        for (n, entry) in entries.enumerate() {
            let (id, key) = entry.split_once(':').ok_or(CryptoError::Entry(n + 1))?;
            let bytes = unhex(key).filter(|b| b.len() == 32).ok_or(CryptoError::Entry(n + 1))?;
            let cipher =
                XChaCha20Poly1305::new_from_slice(&bytes).map_err(|_| CryptoError::Entry(n + 1))?;
            if id.is_empty() {
                return Err(CryptoError::Entry(n + 1));
            }
            keys.push((id.to_string(), cipher));
        }
        if keys.is_empty() {
            return Err(CryptoError::Empty(source.to_string()));
        }
        Ok(KeyRing { keys })
    }

    /// Reads the ring from a file.
    pub fn from_file(path: &Path) -> Result<KeyRing, CryptoError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| CryptoError::Read(name.clone(), e))?;
        KeyRing::parse(&text, &name)
    }

    /// Reads the ring from an environment variable.
    pub fn from_env(var: &str) -> Result<KeyRing, CryptoError> {
        let text = std::env::var(var).map_err(|_| CryptoError::Env(var.to_string()))?;
        KeyRing::parse(&text, var)
    }

    /// A new ring entry line `ID:HEX` with a fresh random key.
    pub fn new_entry(id: &str) -> Result<String, CryptoError> {
        Ok(format!("{id}:{}", hex(&random_bytes::<32>()?)))
    }

    /// Writes a new one-key ring file (mode 0600 on Unix), refusing to overwrite one.
    pub fn generate_file(path: &Path) -> Result<(), CryptoError> {
        let name = path.display().to_string();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| CryptoError::Read(name.clone(), e))?;
        let entry = KeyRing::new_entry("k1")?;
        std::io::Write::write_all(
            &mut file,
            format!("# complaint-rules case keys: ID:HEX, the last one seals\n{entry}\n")
                .as_bytes(),
        )
        .map_err(|e| CryptoError::Read(name, e))
    }

    /// The id of the sealing key.
    pub fn current_id(&self) -> &str {
        self.keys.last().map_or("", |(id, _)| id.as_str())
    }

    /// Seals `plain` bound to `context` (the case id) under the current key: hex of nonce and
    /// ciphertext, with the key id.
    pub fn seal(&self, plain: &[u8], context: &str) -> Result<(String, String), CryptoError> {
        let (id, cipher) = self.keys.last().ok_or(CryptoError::Seal)?;
        let nonce_bytes = random_bytes::<24>()?;
        let nonce = XNonce::from(nonce_bytes);
        let sealed = cipher
            .encrypt(&nonce, Payload { msg: plain, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Seal)?;
        Ok((format!("{}{}", hex(&nonce_bytes), hex(&sealed)), id.clone()))
    }

    /// Opens what [`seal`](Self::seal) gave, with the key it names.
    pub fn open(&self, sealed: &str, key_id: &str, context: &str) -> Result<Vec<u8>, CryptoError> {
        let (_, cipher) = self
            .keys
            .iter()
            .find(|(id, _)| id == key_id)
            .ok_or_else(|| CryptoError::UnknownKey(key_id.to_string()))?;
        let bytes = unhex(sealed).ok_or(CryptoError::Open)?;
        let (nonce, body) = bytes.split_at_checked(24).ok_or(CryptoError::Open)?;
        let nonce = XNonce::try_from(nonce).map_err(|_| CryptoError::Open)?;
        cipher
            .decrypt(&nonce, Payload { msg: body, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Open)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rows_sealed_before_a_rotation_stay_readable() {
        let old = KeyRing::new_entry("k1").unwrap();
        let ring = KeyRing::parse(&old, "test").unwrap();
        let (sealed, id) = ring.seal(b"11010519491231002X", "case-1").unwrap();
        assert_eq!(id, "k1");
        assert!(!sealed.contains("11010519491231002X"));
        let rotated =
            KeyRing::parse(&format!("# ring\n{old}\n{}\n", KeyRing::new_entry("k2").unwrap()), "t")
                .unwrap();
        assert_eq!(rotated.current_id(), "k2");
        assert_eq!(rotated.open(&sealed, &id, "case-1").unwrap(), b"11010519491231002X");
        let (newer, id2) = rotated.seal(b"x", "case-2").unwrap();
        assert_eq!(id2, "k2");
        assert!(matches!(ring.open(&newer, &id2, "case-2"), Err(CryptoError::UnknownKey(_))));
        // Bound to its row: another case id does not open it.
        assert!(matches!(rotated.open(&sealed, &id, "case-2"), Err(CryptoError::Open)));
    }

    #[test]
    fn malformed_rings_are_refused() {
        assert!(matches!(KeyRing::parse("", "t"), Err(CryptoError::Empty(_))));
        assert!(matches!(KeyRing::parse("k1:abcd", "t"), Err(CryptoError::Entry(1))));
        assert!(matches!(KeyRing::parse("nohex", "t"), Err(CryptoError::Entry(1))));
    }
}
