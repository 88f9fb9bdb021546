//! The PostgreSQL store: a deadpool pool of tokio-postgres connections; several `serve`
//! processes share one database and meet at its constraints.

use std::str::FromStr;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use serde_json::Value;
use tokio_postgres::error::SqlState;
use tokio_postgres::{NoTls, Row};

use super::migrations::{self, sql};
use super::{
    AuditEntry, Event, NewCase, NewEvent, OpenCase, Staff, Store, StoreError, Stored, StoredCase,
};

/// Advisory-lock key serialising migrations across processes ("cr-migr").
const MIGRATION_LOCK: i64 = 0x0063_722d_6d69_6772;

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: Pool,
}

impl PgStore {
    /// Connects a pool of `pool_size` to `url` and applies the migrations.
    pub async fn open(url: &str, pool_size: usize) -> Result<PgStore, StoreError> {
        let config = tokio_postgres::Config::from_str(url)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig { recycling_method: RecyclingMethod::Fast },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .build()
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        let store = PgStore { pool };
        store.migrate().await?;
        Ok(store)
    }

    async fn client(&self) -> Result<Object, StoreError> {
        self.pool.get().await.map_err(|e| StoreError::Pool(e.to_string()))
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
        tx.batch_execute(migrations::VERSION_TABLE).await?;
        let current: i64 = tx
            .query_one("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations", &[])
            .await?
            .get(0);
        for (version, statements) in migrations::pending(migrations::POSTGRES, current)? {
            tx.batch_execute(statements).await?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now()::TEXT)",
                &[&version],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn response(&self, client: &Object, key: &str) -> Result<Option<Value>, StoreError> {
        let row = client.query_opt(sql::RESPONSE_FOR_KEY, &[&key]).await?;
        row.map(|r| json(r.try_get(0)?)).transpose()
    }
}

fn json(text: &str) -> Result<Value, StoreError> {
    Ok(serde_json::from_str(text)?)
}

fn event(r: &Row) -> Result<Event, StoreError> {
    Ok(Event {
        id: r.try_get(0)?,
        case_id: r.try_get(1)?,
        seq: r.try_get(2)?,
        kind: r.try_get(3)?,
        at: r.try_get(4)?,
        by_role: r.try_get(5)?,
        by_id: r.try_get(6)?,
        payload: json(r.try_get(7)?)?,
        recorded_at: r.try_get(8)?,
    })
}

fn audit_entry(r: &Row) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        at: r.try_get(0)?,
        staff_id: r.try_get(1)?,
        role: r.try_get(2)?,
        action: r.try_get(3)?,
        case_id: r.try_get(4)?,
        outcome: r.try_get(5)?,
    })
}

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.client().await?.query_one("SELECT count(*) FROM cases", &[]).await?;
        Ok(())
    }

    async fn response_for_key(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let client = self.client().await?;
        self.response(&client, key).await
    }

    async fn insert_case(&self, new: &NewCase) -> Result<Stored, StoreError> {
        let client = self.client().await?;
        // One autocommit statement: a racing insert of the same key waits for the winner's
        // commit, then does nothing; the next statement sees the winner's row.
        let changed = client
            .execute(
                sql::INSERT_CASE,
                &[
                    &new.id,
                    &new.key,
                    &new.received_at,
                    &new.envelope.to_string(),
                    &new.case_masked.to_string(),
                    &new.case_sealed,
                    &new.key_id,
                    &new.token_hash,
                    &new.response.to_string(),
                ],
            )
            .await?;
        if changed == 1 {
            return Ok(Stored::Created);
        }
        let first = self.response(&client, &new.key).await?;
        Ok(Stored::Existing(first.ok_or(StoreError::Missing("case of the key"))?))
    }

    async fn get_case(&self, id: &str) -> Result<Option<StoredCase>, StoreError> {
        let client = self.client().await?;
        let Some(r) = client.query_opt(sql::GET_CASE, &[&id]).await? else {
            return Ok(None);
        };
        Ok(Some(StoredCase {
            id: r.try_get(0)?,
            received_at: r.try_get(1)?,
            envelope: json(r.try_get(2)?)?,
            case_masked: json(r.try_get(3)?)?,
            case_sealed: r.try_get(4)?,
            key_id: r.try_get(5)?,
            token_hash: r.try_get(6)?,
        }))
    }

    async fn append_event_after(
        &self,
        new: &NewEvent,
        expected: i64,
    ) -> Result<Option<Event>, StoreError> {
        let seq = expected.saturating_add(1);
        let inserted = self
            .client()
            .await?
            .execute(
                sql::APPEND_EVENT_AT,
                &[
                    &new.id,
                    &new.case_id,
                    &seq,
                    &new.kind,
                    &new.at,
                    &new.by_role,
                    &new.by_id,
                    &new.payload.to_string(),
                    &new.recorded_at,
                ],
            )
            .await;
        match inserted {
            Ok(_) => Ok(Some(new.stored(seq))),
            Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn events(&self, case_id: &str) -> Result<Vec<Event>, StoreError> {
        let rows = self.client().await?.query(sql::EVENTS, &[&case_id]).await?;
        rows.iter().map(event).collect()
    }

    async fn open_cases(
        &self,
        closing: &[String],
        limit: i64,
    ) -> Result<Vec<OpenCase>, StoreError> {
        let rows = self.client().await?.query(sql::OPEN_CASES, &[]).await?;
        let mut open = Vec::new();
        for r in rows {
            let last_event: Option<String> = r.try_get(3)?;
            if last_event.as_ref().is_some_and(|t| closing.contains(t)) {
                continue;
            }
            open.push(OpenCase {
                id: r.try_get(0)?,
                received_at: r.try_get(1)?,
                case_masked: json(r.try_get(2)?)?,
                last_event,
            });
            if i64::try_from(open.len()).unwrap_or(i64::MAX) >= limit {
                break;
            }
        }
        Ok(open)
    }

    async fn add_staff(&self, staff: &Staff, token_hash: &str) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                sql::ADD_STAFF,
                &[&staff.id, &staff.name, &staff.role, &token_hash, &staff.created_at],
            )
            .await?;
        Ok(())
    }

    async fn staff_by_token(&self, token_hash: &str) -> Result<Option<Staff>, StoreError> {
        let row = self.client().await?.query_opt(sql::STAFF_BY_TOKEN, &[&token_hash]).await?;
        row.map(|r| {
            Ok(Staff {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                role: r.try_get(2)?,
                created_at: r.try_get(3)?,
            })
        })
        .transpose()
    }

    async fn audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(sql::AUDIT, &[&e.at, &e.staff_id, &e.role, &e.action, &e.case_id, &e.outcome])
            .await?;
        Ok(())
    }

    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self.client().await?.query(sql::AUDIT_LOG, &[&limit]).await?;
        rows.iter().map(audit_entry).collect()
    }

    async fn hit(&self, client: &str, window: i64) -> Result<i64, StoreError> {
        let db = self.client().await?;
        let n: i64 = db.query_one(sql::HIT, &[&client, &window]).await?.try_get(0)?;
        db.execute(sql::FORGET_HITS, &[&window]).await?;
        Ok(n)
    }
}
