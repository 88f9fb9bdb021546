//! The reference intake backend end to end: the real binary on a free port, a temporary SQLite
//! file, and a tiny HTTP/1.1 client over `TcpStream`.
#![cfg(feature = "native")]

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
struct Server {
    child: Child,
    addr: String,
    db: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("cr-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::write(
        dir.join("www/index.html"),
        "<!doctype html><title>demo</title>",
    )
    .unwrap();
    let db = dir.join("cases.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .arg("--www")
        .arg(dir.join("www"))
        .arg("--pkg")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr, db }
}

/// One request on a fresh connection: (status, JSON body or Null, raw body).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Value, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) and close before reading all of a large body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if !raw.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("read: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {text:?}"));
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        unchunk(body)
    } else {
        body.to_string()
    };
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::Null),
        body,
    )
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

fn post(addr: &str, key: Option<&str>, content_type: &str, body: &[u8]) -> (u16, Value, String) {
    let mut headers = vec![("Content-Type", content_type)];
    if let Some(k) = key {
        headers.push(("Idempotency-Key", k));
    }
    request(addr, "POST", "/v1/cases", &headers, body)
}

fn post_envelope(addr: &str, envelope: &Value) -> (u16, Value, String) {
    let key = envelope["idempotency_key"].as_str().unwrap().to_string();
    post(
        addr,
        Some(&key),
        "application/json",
        envelope.to_string().as_bytes(),
    )
}

/// The base case with its dates moved around the current clock, so that it is ready now.
fn fresh_case() -> Value {
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
fn envelope(case: Value, key: &str) -> Value {
    let engine = Engine::new().unwrap();
    let now = Utc::now().with_timezone(&china_offset());
    let preview = engine
        .preview(case.clone(), &PreviewOptions::at(now))
        .unwrap();
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

fn rows(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn accepted_case_is_stored_once_and_read_back_masked() {
    let server = start("accept");
    let env = envelope(fresh_case(), "key-accept-1");
    assert_eq!(
        env["_status"], "ready",
        "the fixture must be ready: {}",
        env["_findings"]
    );
    let (status, body, raw) = post_envelope(&server.addr, &env);
    assert_eq!(status, 201, "{raw}");
    let id = body["id"].as_str().unwrap().to_string();
    assert!(body["received_at"].is_string());
    assert!(
        body["deadlines"].as_array().is_some_and(|d| !d.is_empty()),
        "{raw}"
    );
    assert_eq!(rows(&server.db), 1);
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    let (key, code, case): (String, i64, String) = conn
        .query_row(
            "SELECT idempotency_key, status_code, \"case\" FROM cases WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((key.as_str(), code), ("key-accept-1", 201));
    assert_eq!(serde_json::from_str::<Value>(&case).unwrap(), env["case"]);

    // The same key again: the first response, nothing new stored.
    let (status, again, _) = post_envelope(&server.addr, &env);
    assert_eq!(status, 200);
    assert_eq!(again, body);
    assert_eq!(rows(&server.db), 1);

    let (status, got, raw) = request(&server.addr, "GET", &format!("/v1/cases/{id}"), &[], b"");
    assert_eq!(status, 200, "{raw}");
    assert_eq!(
        got["case"]["complainant"]["id_number"],
        "110105********002X"
    );
    assert!(
        !raw.contains("11010519491231002X") && !raw.contains("13812341234"),
        "{raw}"
    );
    let (status, _, _) = request(&server.addr, "GET", "/v1/cases/nope", &[], b"");
    assert_eq!(status, 404);
}

#[test]
fn concurrent_duplicates_store_exactly_one_row() {
    let server = start("concurrent");
    let env = envelope(fresh_case(), "key-concurrent");
    let results: Vec<(u16, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50)
            .map(|_| {
                s.spawn(|| {
                    let (status, body, _) = post_envelope(&server.addr, &env);
                    (status, body)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        results.iter().filter(|(s, _)| *s == 201).count(),
        1,
        "{results:?}"
    );
    assert!(
        results.iter().all(|(s, _)| *s == 200 || *s == 201),
        "{results:?}"
    );
    let first = &results[0].1["id"];
    assert!(results.iter().all(|(_, b)| &b["id"] == first));
    assert_eq!(rows(&server.db), 1);
}

#[test]
fn tampered_blocked_and_malformed_submissions_are_refused() {
    let server = start("refuse");
    let addr = server.addr.as_str();

    let mut tampered = envelope(fresh_case(), "key-tampered");
    tampered["preview_summary"]["category"] = json!("not_the_real_category");
    let (status, body, raw) = post_envelope(addr, &tampered);
    assert_eq!(status, 422, "{raw}");
    assert_eq!(body["code"], "tampered");
    assert!(body["findings"].is_array());

    let mut case = fresh_case();
    case["complainant"]["id_number"] = json!("110105194912310021");
    case["declarations"]["truthful"] = json!(false);
    let mut blocked = envelope(case, "key-blocked");
    assert_eq!(blocked["_status"], "blocked");
    // A client that lies about the status is caught by the native re-validation.
    blocked["preview_summary"]["status"] = json!("ready");
    let (status, body, raw) = post_envelope(addr, &blocked);
    assert_eq!(status, 422, "{raw}");
    assert_eq!(body["code"], "blocked");
    assert!(
        body["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["severity"] == "error")),
        "{raw}"
    );

    let mut schema = envelope(fresh_case(), "key-schema");
    schema["schema"] = json!("complaint-rules/envelope@2");
    let (status, body, _) = post_envelope(addr, &schema);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("unknown_schema"))
    );

    let mut pack = envelope(fresh_case(), "key-pack");
    pack["pack"]["version"] = json!("0.0.0-none");
    let (status, body, _) = post_envelope(addr, &pack);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("unknown_pack_version"))
    );

    let mut old = envelope(fresh_case(), "key-old");
    old["client_time"] = json!((Utc::now() - TimeDelta::hours(30)).to_rfc3339());
    let (status, body, _) = post_envelope(addr, &old);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("client_time"))
    );
    old["client_time"] = json!("yesterday");
    let (status, _, _) = post_envelope(addr, &old);
    assert_eq!(status, 422);

    let good = envelope(fresh_case(), "key-good").to_string();
    let (status, body, _) = post(addr, None, "application/json", good.as_bytes());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("idempotency_key"))
    );
    let (status, body, _) = post(addr, Some("other-key"), "application/json", good.as_bytes());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("idempotency_key_mismatch"))
    );
    let (status, body, _) = post(addr, Some("k"), "text/plain", good.as_bytes());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (415, Some("content_type"))
    );
    let (status, body, _) = post(addr, Some("k"), "application/json", b"{\"schema\": ");
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "json");
    assert!(
        body["error"]["message"]["zh"].is_string() && body["error"]["message"]["en"].is_string()
    );
    let big = vec![b' '; 1024 * 1024 + 1024];
    let (status, _, _) = post(addr, Some("k"), "application/json", &big);
    assert_eq!(status, 413);

    assert_eq!(rows(&server.db), 0);
}

#[test]
fn healthz_and_static_files() {
    let server = start("static");
    let (status, body, _) = request(&server.addr, "GET", "/healthz", &[], b"");
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    let (status, _, raw) = request(&server.addr, "GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(raw.contains("<title>demo</title>"));
    let (status, _, raw) = request(&server.addr, "GET", "/pkg/shell.js", &[], b"");
    assert_eq!(status, 200);
    assert!(raw.contains("createClient"));
}
