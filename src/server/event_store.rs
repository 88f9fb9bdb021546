//! Storage of handling records: the small surface the lifecycle routes need — append one event
//! (refused when another writer appended first), list a case's events, list the open cases.
//! One table beside `cases` in the same SQLite file, created at startup.

use rusqlite::{params, TransactionBehavior};
use serde_json::Value;

use super::store::{Store, StoreError};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS case_events (
    case_id TEXT NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
)";

/// Event types after which a case is no longer open.
const CLOSING: &[&str] = &["archived", "records_purged"];

impl Store {
    /// Creates the events table when missing (called once at startup, after [`Store::open`]).
    pub fn open_events(&self) -> Result<(), StoreError> {
        self.connect()?.execute_batch(SCHEMA)?;
        Ok(())
    }

    /// The events of case `id`, in record order.
    pub fn events(&self, id: &str) -> Result<Vec<Value>, StoreError> {
        let conn = self.connect()?;
        let mut stmt =
            conn.prepare("SELECT event FROM case_events WHERE case_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        rows.map(|text| Ok(serde_json::from_str(&text?)?)).collect()
    }

    /// Appends `event` as number `seq` (the count of events the caller checked against).
    /// Returns false, storing nothing, when the record has changed since (another writer).
    pub fn append_event(&self, id: &str, seq: usize, event: &Value) -> Result<bool, StoreError> {
        let mut conn = self.connect()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let count: i64 =
            tx.query_row("SELECT count(*) FROM case_events WHERE case_id = ?1", [id], |r| {
                r.get(0)
            })?;
        if usize::try_from(count).ok() != Some(seq) {
            return Ok(false);
        }
        let kind = event.get("type").and_then(Value::as_str).unwrap_or_default();
        tx.execute(
            "INSERT INTO case_events (case_id, seq, type, event) VALUES (?1, ?2, ?3, ?4)",
            params![id, count, kind, serde_json::to_string(event)?],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Ids of the cases whose record does not end in `archived` or `records_purged`.
    pub fn open_case_ids(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.connect()?;
        let mut stmt = conn.prepare(
            "SELECT c.id, (SELECT e.type FROM case_events e WHERE e.case_id = c.id
                           ORDER BY e.seq DESC LIMIT 1)
             FROM cases c ORDER BY c.received_at",
        )?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
        let mut open = Vec::new();
        for row in rows {
            let (id, last) = row?;
            if !last.is_some_and(|t| CLOSING.contains(&t.as_str())) {
                open.push(id);
            }
        }
        Ok(open)
    }
}
