//! Helpers of the backend tests (tests/server.rs, tests/server_robustness.rs): the real binary on
//! a free port of 127.0.0.1 with a temporary SQLite file or a fresh database of the PostgreSQL
//! server named by `CR_TEST_POSTGRES_URL` (`scripts/postgres.sh start`), a tiny HTTP/1.1 client
//! over `TcpStream`, and envelopes built like the JS shell builds them.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{SecondsFormat, TimeDelta, Utc};
use complaint_rules::engine::{china_offset, Engine, Options};
use serde_json::{json, Value};

/// The database of a test server: a SQLite file or a PostgreSQL database URL.
#[derive(Debug, Clone)]
pub enum Db {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database.
    Postgres(String),
}

impl Db {
    /// The `--db` argument.
    pub fn arg(&self) -> String {
        match self {
            Db::Sqlite(p) => p.display().to_string(),
            Db::Postgres(url) => url.clone(),
        }
    }

    /// The rows of a query, each as its columns' text (NULL as "").
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        match self {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).unwrap();
                let mut stmt = conn.prepare(sql).unwrap();
                let n = stmt.column_count();
                stmt.query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Null => String::new(),
                                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                                rusqlite::types::ValueRef::Text(t)
                                | rusqlite::types::ValueRef::Blob(t) => {
                                    String::from_utf8_lossy(t).to_string()
                                }
                            })
                        })
                        .collect()
                })
                .unwrap()
                .map(Result::unwrap)
                .collect()
            }
            Db::Postgres(url) => {
                let out = psql(url, sql);
                out.split('\u{1e}')
                    .map(|row| row.trim_matches('\n'))
                    .filter(|row| !row.is_empty())
                    .map(|row| row.split('\u{1f}').map(str::to_string).collect())
                    .collect()
            }
        }
    }

    /// Rows in the cases table.
    pub fn rows(&self) -> i64 {
        self.query("SELECT count(*) FROM cases")[0][0].parse().unwrap()
    }

    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }
}

/// Runs SQL through `psql` (fields separated by U+001F, rows by U+001E) and returns stdout.
pub fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([
            url,
            "-X",
            "-q",
            "-tA",
            "-F",
            "\u{1f}",
            "-R",
            "\u{1e}",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "psql {sql}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The backends to run a test on: SQLite, and PostgreSQL when `CR_TEST_POSTGRES_URL` is set.
pub fn backends() -> Vec<&'static str> {
    if std::env::var("CR_TEST_POSTGRES_URL").is_ok() {
        vec!["sqlite", "postgres"]
    } else {
        eprintln!("CR_TEST_POSTGRES_URL not set: SQLite only (make test-postgres runs both)");
        vec!["sqlite"]
    }
}

/// A fresh database of `backend` for a test named `name` in `dir`.
pub fn fresh_db(backend: &str, dir: &Path, name: &str) -> Db {
    if backend == "postgres" {
        let url = std::env::var("CR_TEST_POSTGRES_URL").unwrap();
        let db = format!(
            "cr_{}_{}",
            std::process::id(),
            name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        );
        psql(&url, &format!("DROP DATABASE IF EXISTS {db}"));
        psql(&url, &format!("CREATE DATABASE {db}"));
        Db::Postgres(format!("{}/{db}", url.rsplit_once('/').unwrap().0))
    } else {
        Db::Sqlite(dir.join("cases.sqlite"))
    }
}

/// A running `serve` killed on drop.
pub struct Server {
    /// The server process.
    pub child: Child,
    /// Its `host:port`.
    pub addr: String,
    /// Its database.
    pub db: Db,
    /// Its directory (www, key file).
    pub dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh temporary directory named after the test, with a demo page.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cr-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::write(dir.join("www/index.html"), "<!doctype html><title>demo</title>").unwrap();
    dir
}

/// A SQLite server on a fresh temporary directory named after the test.
pub fn start(name: &str) -> Server {
    start_on("sqlite", name, &[])
}

/// A server of `backend` on a fresh directory and database named after the test.
pub fn start_on(backend: &str, name: &str, extra: &[&str]) -> Server {
    let name = format!("{name}-{backend}");
    let dir = fresh_dir(&name);
    let db = fresh_db(backend, &dir, &name);
    start_with(&dir, &db, extra)
}

/// A SQLite server on `dir` (its database `dir/cases.sqlite` kept from any earlier run), with
/// more `serve` arguments.
pub fn start_in(dir: &Path, extra: &[&str]) -> Server {
    start_with(dir, &Db::Sqlite(dir.join("cases.sqlite")), extra)
}

/// A server on `dir` and `db` (both kept from any earlier run), with more `serve` arguments.
/// Its key ring is `dir/keys` (generated when missing); the rate limit is off unless `extra`
/// sets one.
pub fn start_with(dir: &Path, db: &Db, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db.arg()])
        .arg("--key-file")
        .arg(dir.join("keys"))
        .arg("--generate-key")
        .arg("--www")
        .arg(dir.join("www"))
        .arg("--pkg")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg"))
        .args(if extra.contains(&"--rate-limit") { &[][..] } else { &["--rate-limit", "0"][..] })
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr, db: db.clone(), dir: dir.to_path_buf() }
}

/// `complaint-rules staff add NAME --role ROLE --db DB`: the printed token.
pub fn add_staff(db: &Db, name: &str, role: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(["staff", "add", name, "--role", role, "--db", &db.arg()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// One request on a fresh connection: (status, JSON body or Null, raw body).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Value, String) {
    try_request(addr, method, path, headers, body)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// As [`request`], but an I/O failure (e.g. the server was killed) is returned, not a panic.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<(u16, Value, String)> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut raw = head.into_bytes();
    raw.extend_from_slice(body);
    exchange(addr, &raw, head_len(&raw))
}

fn head_len(raw: &[u8]) -> usize {
    raw.windows(4).position(|w| w == b"\r\n\r\n").map_or(raw.len(), |i| i + 4)
}

/// Sends raw bytes (a whole request, possibly malformed) and parses the answer.
pub fn send_raw(addr: &str, raw: &[u8]) -> (u16, Value, String) {
    exchange(addr, raw, head_len(raw)).unwrap_or_else(|e| panic!("raw request: {e}"))
}

fn exchange(addr: &str, raw: &[u8], head: usize) -> std::io::Result<(u16, Value, String)> {
    let bad = |what: String| std::io::Error::new(std::io::ErrorKind::InvalidData, what);
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    s.write_all(&raw[..head])?;
    // The server may answer (413) and close before reading all of a large body.
    let _ = s.write_all(&raw[head..]);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if !raw.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => return Err(e),
        }
    }
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) =
        text.split_once("\r\n\r\n").ok_or_else(|| bad(format!("no response head in {text:?}")))?;
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad(format!("no status in {head:?}")))?;
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        unchunk(body)
    } else {
        body.to_string()
    };
    Ok((status, serde_json::from_str(&body).unwrap_or(Value::Null), body))
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// `POST /v1/cases` with a content type and an optional Idempotency-Key.
pub fn post(
    addr: &str,
    key: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> (u16, Value, String) {
    let mut headers = vec![("Content-Type", content_type)];
    if let Some(k) = key {
        headers.push(("Idempotency-Key", k));
    }
    request(addr, "POST", "/v1/cases", &headers, body)
}

/// Posts an envelope under its own idempotency key.
pub fn post_envelope(addr: &str, envelope: &Value) -> (u16, Value, String) {
    let key = envelope["idempotency_key"].as_str().unwrap().to_string();
    post(addr, Some(&key), "application/json", envelope.to_string().as_bytes())
}

/// The base case with its dates moved around the current clock, so that it is ready now.
pub fn fresh_case() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/base/natural_ecommerce.json");
    let mut case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let now = Utc::now().with_timezone(&china_offset());
    let at =
        |hours: i64| (now - TimeDelta::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, false);
    case["order"]["paid_at"] = json!(at(24 * 5));
    case["order"]["delivered_at"] = json!(at(24 * 3));
    case["occurred_at"] = json!(at(24 * 3 - 1));
    case["submitted_at"] = json!(at(1));
    case
}

/// A valid envelope for `case`, built like the JS shell does: the engine's preview at the
/// client's clock.
pub fn envelope(case: Value, key: &str) -> Value {
    let engine = Engine::new().unwrap();
    let now = Utc::now().with_timezone(&china_offset());
    let preview = engine.preview(case.clone(), &Options::at(now)).unwrap();
    let preview = serde_json::to_value(&preview).unwrap();
    json!({
        "schema": "complaint-rules/envelope@1",
        "case": case,
        "preview_summary": preview["summary"],
        "pack": preview["pack"],
        "engine_version": env!("CARGO_PKG_VERSION"),
        "idempotency_key": key,
        "client_time": now.to_rfc3339(),
        "_status": preview["status"],
        "_findings": preview["findings"],
    })
}

/// `GET path` with a bearer token.
pub fn get_with(addr: &str, path: &str, token: &str) -> (u16, Value, String) {
    request(addr, "GET", path, &[("Authorization", &format!("Bearer {token}"))], b"")
}
