//! Durable storage behind one interface ([`Store`]) with two implementations: SQLite (one file,
//! WAL; the embedded default) and PostgreSQL (several `serve` processes on one database).
//! Correctness lives in the database, never in the process: idempotency is a `UNIQUE`
//! constraint, an event's per-case sequence number is a `UNIQUE (case_id, seq)` constraint, the
//! rate limit is a counter row, and the audit log and event log refuse `UPDATE` / `DELETE`.

mod migrations;
mod postgres;
mod sqlite;

use std::fmt::Debug;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use serde::Serialize;
use serde_json::Value;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL reported an error.
    #[error("postgres: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// No PostgreSQL connection could be had from the pool.
    #[error("postgres pool: {0}")]
    Pool(String),
    /// A stored JSON column could not be read back.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Blocking work could not be joined.
    #[error("worker: {0}")]
    Join(#[from] tokio::task::JoinError),
    /// A row that must exist was not there (e.g. the winner of an idempotency race).
    #[error("missing row: {0}")]
    Missing(&'static str),
    /// The database was migrated by a newer version of this program.
    #[error("database schema version {found} is newer than this program's {known}")]
    TooNew {
        /// The version found.
        found: i64,
        /// The newest version this program knows.
        known: i64,
    },
}

/// One accepted case to store.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// The new case id (random, 128 bits).
    pub id: String,
    /// The client's idempotency key.
    pub key: String,
    /// When the server accepted it (RFC 3339).
    pub received_at: String,
    /// The envelope as received, without its case.
    pub envelope: Value,
    /// The case with every personal field masked (for lists and complainant reads).
    pub case_masked: Value,
    /// The whole case, sealed (see `crypto`): hex of nonce and ciphertext.
    pub case_sealed: String,
    /// The id of the key that sealed it.
    pub key_id: String,
    /// SHA-256 (hex) of the complainant's access token.
    pub token_hash: String,
    /// The response to give for this key, now and on every retry (without the token).
    pub response: Value,
}

/// What storing a case gave.
#[derive(Debug, PartialEq)]
pub enum Stored {
    /// Newly stored: answer 201.
    Created,
    /// The key was already stored (by this or another process): answer 200 with its response.
    Existing(Value),
}

/// A stored case read back.
#[derive(Debug, Clone)]
pub struct StoredCase {
    /// The case id.
    pub id: String,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// The envelope without its case.
    pub envelope: Value,
    /// The masked case.
    pub case_masked: Value,
    /// The sealed case.
    pub case_sealed: String,
    /// The id of the key that sealed it.
    pub key_id: String,
    /// SHA-256 (hex) of the complainant's access token.
    pub token_hash: String,
}

/// One handling event to append (the lifecycle's event log).
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// A fresh random event id.
    pub id: String,
    /// The case it belongs to.
    pub case_id: String,
    /// Event type (the lifecycle's vocabulary).
    pub kind: String,
    /// When it happened (RFC 3339, as stated by the recorder).
    pub at: String,
    /// The recorder's role (`complainant`, `staff`, `admin`, …).
    pub by_role: String,
    /// The recorder's id.
    pub by_id: String,
    /// Event details.
    pub payload: Value,
    /// When the server recorded it (RFC 3339).
    pub recorded_at: String,
}

impl NewEvent {
    /// The event as stored with sequence number `seq`.
    pub fn stored(&self, seq: i64) -> Event {
        Event {
            id: self.id.clone(),
            case_id: self.case_id.clone(),
            seq,
            kind: self.kind.clone(),
            at: self.at.clone(),
            by_role: self.by_role.clone(),
            by_id: self.by_id.clone(),
            payload: self.payload.clone(),
            recorded_at: self.recorded_at.clone(),
        }
    }
}

/// A stored handling event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Event id.
    pub id: String,
    /// Case id.
    pub case_id: String,
    /// Per-case sequence number, from 1, unique per case.
    pub seq: i64,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// When it happened.
    pub at: String,
    /// The recorder's role.
    pub by_role: String,
    /// The recorder's id.
    pub by_id: String,
    /// Event details.
    pub payload: Value,
    /// When the server recorded it.
    pub recorded_at: String,
}

/// A case in a work list: its id, when it came, the masked case and its last event, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenCase {
    /// Case id.
    pub id: String,
    /// When it was received.
    pub received_at: String,
    /// The masked case.
    pub case_masked: Value,
    /// The type of its latest event, if any.
    pub last_event: Option<String>,
}

/// A staff account (the token itself is never stored).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Staff {
    /// Account id.
    pub id: String,
    /// Unique name.
    pub name: String,
    /// `staff` or `admin`.
    pub role: String,
    /// When it was created.
    pub created_at: String,
}

/// One audit-log row: who did what to which case, and the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// When (RFC 3339).
    pub at: String,
    /// The staff account id.
    pub staff_id: String,
    /// Its role at the time.
    pub role: String,
    /// What was done (`read_case`, `read_case_unmasked`, `read_audit`, …).
    pub action: String,
    /// The case concerned, if any.
    pub case_id: Option<String>,
    /// The HTTP status answered.
    pub outcome: i64,
}

/// The storage interface of the server. Every method is one short transaction.
#[async_trait]
pub trait Store: Send + Sync + Debug {
    /// Checks the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// The first response stored for an idempotency key, if any.
    async fn response_for_key(&self, key: &str) -> Result<Option<Value>, StoreError>;
    /// Stores a case; when the key is taken (by any process) its stored response is returned.
    async fn insert_case(&self, new: &NewCase) -> Result<Stored, StoreError>;
    /// The stored case `id`, if any.
    async fn get_case(&self, id: &str) -> Result<Option<StoredCase>, StoreError>;
    /// Appends an event as number `expected + 1`, `expected` being the count of events the
    /// caller checked it against; `None`, storing nothing, when that number is taken (another
    /// writer appended first: the `UNIQUE (case_id, seq)` constraint decides, in any process).
    async fn append_event_after(
        &self,
        new: &NewEvent,
        expected: i64,
    ) -> Result<Option<Event>, StoreError>;
    /// The events of a case in sequence order.
    async fn events(&self, case_id: &str) -> Result<Vec<Event>, StoreError>;
    /// Cases whose latest event is none of `closing` (oldest first, at most `limit`).
    async fn open_cases(&self, closing: &[String], limit: i64)
        -> Result<Vec<OpenCase>, StoreError>;
    /// Adds a staff account with the hash of its token.
    async fn add_staff(&self, staff: &Staff, token_hash: &str) -> Result<(), StoreError>;
    /// The staff account whose token hashes to `token_hash`.
    async fn staff_by_token(&self, token_hash: &str) -> Result<Option<Staff>, StoreError>;
    /// Appends an audit row.
    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The latest audit rows, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;
    /// Counts one request of `client` in the window starting at `window` and returns the count
    /// so far (one shared counter row, whichever process answers).
    async fn hit(&self, client: &str, window: i64) -> Result<i64, StoreError>;
}

/// Opens the store named by `db`: a `postgres://` / `postgresql://` URL or a SQLite file path.
/// Migrations are applied before it is returned.
pub async fn open(db: &str, pool_size: usize) -> Result<Arc<dyn Store>, StoreError> {
    if is_postgres(db) {
        Ok(Arc::new(postgres::PgStore::open(db, pool_size).await?))
    } else {
        let path = Path::new(db).to_path_buf();
        Ok(Arc::new(tokio::task::spawn_blocking(move || sqlite::SqliteStore::open(&path)).await??))
    }
}

/// Whether `db` names a PostgreSQL database.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

#[cfg(test)]
mod tests;
