//! Helpers of the backend tests (tests/server.rs, tests/server_robustness.rs): the real binary on
//! a free port of 127.0.0.1 with a temporary SQLite file, a tiny HTTP/1.1 client over
//! `TcpStream`, and envelopes built like the JS shell builds them.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use chrono::{SecondsFormat, TimeDelta, Utc};
use complaint_rules::engine::{china_offset, Engine};
use complaint_rules::preview::PreviewOptions;
use serde_json::{json, Value};

/// A running `serve` killed on drop.
pub struct Server {
    /// The server process.
    pub child: Child,
    /// Its `host:port`.
    pub addr: String,
    /// Its SQLite file.
    pub db: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server on a fresh temporary directory named after the test.
pub fn start(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("cr-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::write(dir.join("www/index.html"), "<!doctype html><title>demo</title>").unwrap();
    start_in(&dir, &[])
}

/// A server on `dir` (its database `dir/cases.sqlite` kept from any earlier run), with more
/// `serve` arguments.
pub fn start_in(dir: &Path, extra: &[&str]) -> Server {
    let db = dir.join("cases.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .arg("--www")
        .arg(dir.join("www"))
        .arg("--pkg")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg"))
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
    Server { child, addr, db }
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
    let preview = engine.preview(case.clone(), &PreviewOptions::at(now)).unwrap();
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

/// Rows in the cases table.
pub fn rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0)).unwrap()
}
