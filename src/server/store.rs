//! Durable storage of accepted cases: one SQLite file in WAL mode, one connection per request
//! so that concurrent duplicates meet at the `UNIQUE` constraint on the idempotency key.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    envelope TEXT NOT NULL,
    \"case\" TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response TEXT NOT NULL
)";

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON column could not be read back.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The stored-case database.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

/// One accepted case to store.
#[derive(Debug)]
pub struct NewCase<'a> {
    /// The new case id.
    pub id: &'a str,
    /// The client's idempotency key.
    pub key: &'a str,
    /// When the server accepted it (RFC 3339).
    pub received_at: &'a str,
    /// The whole envelope as received.
    pub envelope: &'a Value,
    /// The case as received.
    pub case: &'a Value,
    /// The response to give for this key, now and on every retry.
    pub response: &'a Value,
}

/// What storing a case gave.
#[derive(Debug, PartialEq)]
pub enum Stored {
    /// Newly stored: answer 201 with this response.
    Created(Value),
    /// The key was already stored: answer 200 with the first response.
    Existing(Value),
}

/// A stored case read back.
#[derive(Debug)]
pub struct StoredCase {
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// The envelope.
    pub envelope: Value,
    /// The case as received (unmasked — mask before showing).
    pub case: Value,
}

impl Store {
    /// Opens (creating when needed) the database, switches it to WAL and creates the schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let store = Store { path: path.to_path_buf() };
        let conn = store.connect()?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(store)
    }

    /// A new connection with the busy timeout and full synchronous writes.
    pub(super) fn connect(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open(&self.path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(conn)
    }

    /// Checks the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        let conn = self.connect()?;
        conn.query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    }

    /// The first response stored for `key`, if any.
    pub fn response_for_key(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let conn = self.connect()?;
        read_response(&conn, key)
    }

    /// Stores a case in one transaction. When another request stored the same key first, the
    /// `UNIQUE` constraint leaves its row alone and its response is returned instead.
    pub fn insert(&self, new: &NewCase<'_>) -> Result<Stored, StoreError> {
        let mut conn = self.connect()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "INSERT INTO cases (id, idempotency_key, received_at, envelope, \"case\", status_code, response)
             VALUES (?1, ?2, ?3, ?4, ?5, 201, ?6) ON CONFLICT(idempotency_key) DO NOTHING",
            params![
                new.id,
                new.key,
                new.received_at,
                serde_json::to_string(new.envelope)?,
                serde_json::to_string(new.case)?,
                serde_json::to_string(new.response)?,
            ],
        )?;
        let result = if changed == 1 {
            Stored::Created(new.response.clone())
        } else {
            match read_response(&tx, new.key)? {
                Some(first) => Stored::Existing(first),
                None => return Err(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)),
            }
        };
        tx.commit()?;
        Ok(result)
    }

    /// The stored case `id`, if any.
    pub fn get(&self, id: &str) -> Result<Option<StoredCase>, StoreError> {
        let conn = self.connect()?;
        let row = conn
            .query_row(
                "SELECT received_at, envelope, \"case\" FROM cases WHERE id = ?1",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
            )
            .optional()?;
        row.map(|(received_at, envelope, case)| {
            Ok(StoredCase {
                received_at,
                envelope: serde_json::from_str(&envelope)?,
                case: serde_json::from_str(&case)?,
            })
        })
        .transpose()
    }
}

fn read_response(conn: &Connection, key: &str) -> Result<Option<Value>, StoreError> {
    let text = conn
        .query_row("SELECT response FROM cases WHERE idempotency_key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?;
    Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn second_insert_with_the_same_key_returns_the_first_response() {
        let dir = std::env::temp_dir().join(format!("cr-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("unit.sqlite");
        let _ = std::fs::remove_file(&path);
        let store = Store::open(&path).unwrap();
        let v = json!({});
        let first = NewCase {
            id: "a",
            key: "k",
            received_at: "t",
            envelope: &v,
            case: &v,
            response: &json!({"id": "a"}),
        };
        assert_eq!(store.insert(&first).unwrap(), Stored::Created(json!({"id": "a"})));
        let second = NewCase { id: "b", response: &json!({"id": "b"}), ..first };
        assert_eq!(store.insert(&second).unwrap(), Stored::Existing(json!({"id": "a"})));
        assert!(store.get("b").unwrap().is_none());
        assert_eq!(store.get("a").unwrap().unwrap().received_at, "t");
        store.ping().unwrap();
    }
}
