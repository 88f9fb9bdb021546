//! Versioned schema migrations, one list per dialect, applied in order at start inside one
//! transaction (PostgreSQL: under an advisory lock, so two processes starting together migrate
//! once). `schema_migrations` records each applied version.

/// A migration: its version and its statements.
pub type Migration = (i64, &'static str);

/// The SQLite migrations.
pub const SQLITE: &[Migration] = &[(
    1,
    "CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        envelope TEXT NOT NULL,
        case_masked TEXT NOT NULL,
        case_sealed TEXT NOT NULL,
        key_id TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        status_code INTEGER NOT NULL,
        response TEXT NOT NULL
    );
    CREATE INDEX cases_received ON cases (received_at);
    CREATE TABLE case_events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        by_role TEXT NOT NULL,
        by_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (case_id, seq)
    );
    CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
    CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
    CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        case_id TEXT,
        outcome INTEGER NOT NULL
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TABLE rate_hits (
        client TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (client, window_start)
    );",
)];

/// The PostgreSQL migrations.
pub const POSTGRES: &[Migration] = &[(
    1,
    "CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        envelope TEXT NOT NULL,
        case_masked TEXT NOT NULL,
        case_sealed TEXT NOT NULL,
        key_id TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        status_code BIGINT NOT NULL,
        response TEXT NOT NULL
    );
    CREATE INDEX cases_received ON cases (received_at);
    CREATE TABLE case_events (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq BIGINT NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        by_role TEXT NOT NULL,
        by_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (case_id, seq)
    );
    CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
    CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
        FOR EACH ROW EXECUTE FUNCTION append_only();
    CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit_log (
        n BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        case_id TEXT,
        outcome BIGINT NOT NULL
    );
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION append_only();
    CREATE TABLE rate_hits (
        client TEXT NOT NULL,
        window_start BIGINT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (client, window_start)
    );",
)];

/// Creates the version table when missing.
pub const VERSION_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)";

/// The migrations of `list` newer than `current`, or an error when the database is newer than
/// every migration known here.
pub fn pending(
    list: &'static [Migration],
    current: i64,
) -> Result<Vec<Migration>, super::StoreError> {
    let known = list.iter().map(|(v, _)| *v).max().unwrap_or(0);
    if current > known {
        return Err(super::StoreError::TooNew { found: current, known });
    }
    Ok(list.iter().copied().filter(|(v, _)| *v > current).collect())
}

/// The SQL shared by both dialects (placeholders `$1…` in order of first use, which SQLite
/// numbers the same way).
pub mod sql {
    /// Insert a case unless its idempotency key is taken.
    pub const INSERT_CASE: &str = "INSERT INTO cases (id, idempotency_key, received_at, envelope, case_masked, case_sealed, key_id, token_hash, status_code, response)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 201, $9) ON CONFLICT (idempotency_key) DO NOTHING";
    /// The response stored for a key.
    pub const RESPONSE_FOR_KEY: &str = "SELECT response FROM cases WHERE idempotency_key = $1";
    /// One case.
    pub const GET_CASE: &str = "SELECT id, received_at, envelope, case_masked, case_sealed, key_id, token_hash FROM cases WHERE id = $1";
    /// Appends an event with the sequence number given (`$3`).
    pub const APPEND_EVENT_AT: &str =
        "INSERT INTO case_events (id, case_id, seq, type, at, by_role, by_id, payload, recorded_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    /// The events of a case.
    pub const EVENTS: &str = "SELECT id, case_id, seq, type, at, by_role, by_id, payload, recorded_at FROM case_events WHERE case_id = $1 ORDER BY seq";
    /// Every case with the type of its latest event (filtered by the caller's closing list).
    pub const OPEN_CASES: &str = "SELECT c.id, c.received_at, c.case_masked,
        (SELECT e.type FROM case_events e WHERE e.case_id = c.id ORDER BY e.seq DESC LIMIT 1) AS last
        FROM cases c ORDER BY c.received_at, c.id";
    /// Add a staff account.
    pub const ADD_STAFF: &str =
        "INSERT INTO staff (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)";
    /// A staff account by token hash.
    pub const STAFF_BY_TOKEN: &str =
        "SELECT id, name, role, created_at FROM staff WHERE token_hash = $1";
    /// Append an audit row.
    pub const AUDIT: &str = "INSERT INTO audit_log (at, staff_id, role, action, case_id, outcome) VALUES ($1, $2, $3, $4, $5, $6)";
    /// The latest audit rows.
    pub const AUDIT_LOG: &str = "SELECT at, staff_id, role, action, case_id, outcome FROM audit_log ORDER BY n DESC LIMIT $1";
    /// Count one request in a rate window.
    pub const HIT: &str = "INSERT INTO rate_hits (client, window_start, n) VALUES ($1, $2, 1)
        ON CONFLICT (client, window_start) DO UPDATE SET n = rate_hits.n + 1 RETURNING n";
    /// Forget old rate windows (best effort, on the same request).
    pub const FORGET_HITS: &str = "DELETE FROM rate_hits WHERE window_start < $1";
}
