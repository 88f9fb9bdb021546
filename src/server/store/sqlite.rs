//! The SQLite store: one file in WAL mode, one connection per call (on the blocking pool), so
//! that concurrent duplicates meet at the database's constraints.

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde_json::Value;

use super::migrations::{self, sql};
use super::{
    AuditEntry, Event, NewCase, NewEvent, OpenCase, Staff, Store, StoreError, Stored, StoredCase,
};

/// How long a writer waits for another writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating when needed) the file, switches it to WAL and applies the migrations.
    /// A database of the unversioned first release keeps its table as `cases_unversioned`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let store = SqliteStore { path: path.to_path_buf() };
        let mut conn = store.connect()?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let versioned: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )?;
        let legacy: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'cases'",
            [],
            |r| r.get(0),
        )?;
        if !versioned && legacy {
            eprintln!("serve: kept the unversioned cases table as cases_unversioned");
            tx.execute_batch("ALTER TABLE cases RENAME TO cases_unversioned")?;
        }
        tx.execute_batch(migrations::VERSION_TABLE)?;
        let current: i64 =
            tx.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| {
                r.get(0)
            })?;
        for (version, statements) in migrations::pending(migrations::SQLITE, current)? {
            tx.execute_batch(statements)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, datetime('now'))",
                [version],
            )?;
        }
        tx.commit()?;
        Ok(store)
    }

    fn connect(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open(&self.path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(conn)
    }

    /// Runs `f` on a fresh connection on the blocking pool.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || f(&mut store.connect()?)).await?
    }
}

fn json(text: &str) -> Result<Value, StoreError> {
    Ok(serde_json::from_str(text)?)
}

fn read_response(conn: &Connection, key: &str) -> Result<Option<Value>, StoreError> {
    let text =
        conn.query_row(sql::RESPONSE_FOR_KEY, [key], |r| r.get::<_, String>(0)).optional()?;
    text.map(|t| json(&t)).transpose()
}

fn event(r: &Row<'_>) -> rusqlite::Result<(Event, String)> {
    Ok((
        Event {
            id: r.get(0)?,
            case_id: r.get(1)?,
            seq: r.get(2)?,
            kind: r.get(3)?,
            at: r.get(4)?,
            by_role: r.get(5)?,
            by_id: r.get(6)?,
            payload: Value::Null,
            recorded_at: r.get(8)?,
        },
        r.get(7)?,
    ))
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.with(|c| Ok(c.query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))?))
            .await
            .map(drop)
    }

    async fn response_for_key(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let key = key.to_string();
        self.with(move |c| read_response(c, &key)).await
    }

    async fn insert_case(&self, new: &NewCase) -> Result<Stored, StoreError> {
        let new = new.clone();
        self.with(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = tx.execute(
                sql::INSERT_CASE,
                params![
                    new.id,
                    new.key,
                    new.received_at,
                    new.envelope.to_string(),
                    new.case_masked.to_string(),
                    new.case_sealed,
                    new.key_id,
                    new.token_hash,
                    new.response.to_string(),
                ],
            )?;
            let result = if changed == 1 {
                Stored::Created
            } else {
                Stored::Existing(
                    read_response(&tx, &new.key)?.ok_or(StoreError::Missing("case of the key"))?,
                )
            };
            tx.commit()?;
            Ok(result)
        })
        .await
    }

    async fn get_case(&self, id: &str) -> Result<Option<StoredCase>, StoreError> {
        let id = id.to_string();
        self.with(move |c| {
            let row = c
                .query_row(sql::GET_CASE, [&id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                })
                .optional()?;
            row.map(|(id, received_at, envelope, masked, case_sealed, key_id, token_hash)| {
                Ok(StoredCase {
                    id,
                    received_at,
                    envelope: json(&envelope)?,
                    case_masked: json(&masked)?,
                    case_sealed,
                    key_id,
                    token_hash,
                })
            })
            .transpose()
        })
        .await
    }

    async fn append_event_after(
        &self,
        new: &NewEvent,
        expected: i64,
    ) -> Result<Option<Event>, StoreError> {
        let new = new.clone();
        let seq = expected.saturating_add(1);
        self.with(move |conn| {
            let inserted = conn.execute(
                sql::APPEND_EVENT_AT,
                params![
                    new.id,
                    new.case_id,
                    seq,
                    new.kind,
                    new.at,
                    new.by_role,
                    new.by_id,
                    new.payload.to_string(),
                    new.recorded_at
                ],
            );
            match inserted {
                Ok(_) => Ok(Some(new.stored(seq))),
                Err(e) if is_unique_violation(&e) => Ok(None),
                Err(e) => Err(e.into()),
            }
        })
        .await
    }

    async fn events(&self, case_id: &str) -> Result<Vec<Event>, StoreError> {
        let case_id = case_id.to_string();
        self.with(move |c| {
            let mut stmt = c.prepare(sql::EVENTS)?;
            let rows = stmt.query_map([&case_id], event)?;
            rows.map(|row| {
                let (mut e, payload) = row?;
                e.payload = json(&payload)?;
                Ok(e)
            })
            .collect()
        })
        .await
    }

    async fn open_cases(
        &self,
        closing: &[String],
        limit: i64,
    ) -> Result<Vec<OpenCase>, StoreError> {
        let closing = closing.to_vec();
        self.with(move |c| {
            let mut stmt = c.prepare(sql::OPEN_CASES)?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?;
            let mut open = Vec::new();
            for row in rows {
                let (id, received_at, masked, last_event) = row?;
                if last_event.as_ref().is_some_and(|t| closing.contains(t)) {
                    continue;
                }
                open.push(OpenCase { id, received_at, case_masked: json(&masked)?, last_event });
                if i64::try_from(open.len()).unwrap_or(i64::MAX) >= limit {
                    break;
                }
            }
            Ok(open)
        })
        .await
    }

    async fn add_staff(&self, staff: &Staff, token_hash: &str) -> Result<(), StoreError> {
        let (staff, hash) = (staff.clone(), token_hash.to_string());
        self.with(move |c| {
            c.execute(
                sql::ADD_STAFF,
                params![staff.id, staff.name, staff.role, hash, staff.created_at],
            )?;
            Ok(())
        })
        .await
    }

    async fn staff_by_token(&self, token_hash: &str) -> Result<Option<Staff>, StoreError> {
        let hash = token_hash.to_string();
        self.with(move |c| {
            Ok(c.query_row(sql::STAFF_BY_TOKEN, [&hash], |r| {
                Ok(Staff { id: r.get(0)?, name: r.get(1)?, role: r.get(2)?, created_at: r.get(3)? })
            })
            .optional()?)
        })
        .await
    }

    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let e = entry.clone();
        self.with(move |c| {
            c.execute(
                sql::AUDIT,
                params![e.at, e.staff_id, e.role, e.action, e.case_id, e.outcome],
            )?;
            Ok(())
        })
        .await
    }

    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.with(move |c| {
            let mut stmt = c.prepare(sql::AUDIT_LOG)?;
            let rows = stmt.query_map([limit], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    staff_id: r.get(1)?,
                    role: r.get(2)?,
                    action: r.get(3)?,
                    case_id: r.get(4)?,
                    outcome: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }

    async fn hit(&self, client: &str, window: i64) -> Result<i64, StoreError> {
        let client = client.to_string();
        self.with(move |c| {
            let n = c.query_row(sql::HIT, params![client, window], |r| r.get(0))?;
            c.execute(sql::FORGET_HITS, [window])?;
            Ok(n)
        })
        .await
    }
}
