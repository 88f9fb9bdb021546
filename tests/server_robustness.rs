//! The backend's bad-input matrix (issue 10), over the real binary on 127.0.0.1: malformed and
//! truncated JSON, wrong content types, oversize and trickling bodies, unknown fields, SQL
//! metacharacters stored verbatim, 1 000 concurrent duplicates, tampered summaries, and a kill -9
//! in the middle of 5 000 posts. Every figure is printed, none is asserted as a time.
#![cfg(feature = "native")]

#[path = "server_support/mod.rs"]
mod server_support;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use server_support::{
    add_staff, backends, envelope, fresh_case, fresh_db, fresh_dir, get_with, post_envelope,
    request, send_raw, start, start_in, start_on, start_with, try_request,
};

/// (kind, content type, idempotency key, body, expected status, expected error code).
type BadRequest<'a> = (&'a str, &'a str, &'a str, Vec<u8>, u16, &'a str);

fn error_code(body: &Value) -> Option<&str> {
    body["error"]["code"].as_str().or(body["code"].as_str())
}

#[test]
fn malformed_bodies_content_types_and_unknown_fields_get_their_answers() {
    let server = start("robust-matrix");
    let addr = server.addr.as_str();
    let good = envelope(fresh_case(), "k-matrix").to_string();
    let bytes = good.as_bytes();
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let mut unknown = envelope(fresh_case(), "k-unknown");
    unknown["x_client_note"] = json!({"nested": [1, 2, 3]});
    unknown["case"]["x_unknown_field"] = json!("kept verbatim");
    let mut case_string = envelope(fresh_case(), "k-case-string");
    case_string["case"] = json!("not a case");
    let mut no_case = envelope(fresh_case(), "k-no-case");
    no_case.as_object_mut().map(|o| o.remove("case"));
    let mut key_number = envelope(fresh_case(), "k-key-number");
    key_number["idempotency_key"] = json!(7);
    let long_key = "k".repeat(201);

    let rows_table: Vec<BadRequest> = vec![
        (
            "truncated at a quarter",
            "application/json",
            "k-matrix",
            bytes[..bytes.len() / 4].to_vec(),
            400,
            "json",
        ),
        (
            "truncated at half",
            "application/json",
            "k-matrix",
            bytes[..bytes.len() / 2].to_vec(),
            400,
            "json",
        ),
        (
            "truncated one byte short",
            "application/json",
            "k-matrix",
            bytes[..bytes.len() - 1].to_vec(),
            400,
            "json",
        ),
        ("empty body", "application/json", "k-matrix", Vec::new(), 400, "json"),
        (
            "invalid UTF-8",
            "application/json",
            "k-matrix",
            [&bytes[..20], b"\xff\xfe\xc3", &bytes[20..]].concat(),
            400,
            "json",
        ),
        ("trailing garbage", "application/json", "k-matrix", [bytes, b"}{"].concat(), 400, "json"),
        (
            "single quotes",
            "application/json",
            "k-matrix",
            good.replace('"', "'").into_bytes(),
            400,
            "json",
        ),
        ("200-deep nesting", "application/json", "k-matrix", deep.into_bytes(), 400, "json"),
        (
            "a JSON array",
            "application/json",
            "k-matrix",
            b"[1,2,3]".to_vec(),
            422,
            "unknown_schema",
        ),
        ("JSON null", "application/json", "k-matrix", b"null".to_vec(), 422, "unknown_schema"),
        (
            "a case as a string",
            "application/json",
            "k-case-string",
            case_string.to_string().into_bytes(),
            422,
            "invalid_case",
        ),
        (
            "no case",
            "application/json",
            "k-no-case",
            no_case.to_string().into_bytes(),
            422,
            "envelope_shape",
        ),
        (
            "a numeric idempotency_key",
            "application/json",
            "7",
            key_number.to_string().into_bytes(),
            422,
            "envelope_shape",
        ),
        ("text/plain", "text/plain", "k-matrix", bytes.to_vec(), 415, "content_type"),
        ("no content type", "", "k-matrix", bytes.to_vec(), 415, "content_type"),
        ("application/jsonp", "application/jsonp", "k-matrix", bytes.to_vec(), 415, "content_type"),
        (
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "k-matrix",
            bytes.to_vec(),
            415,
            "content_type",
        ),
        (
            "form-urlencoded",
            "application/x-www-form-urlencoded",
            "k-matrix",
            bytes.to_vec(),
            415,
            "content_type",
        ),
        (
            "oversize body",
            "application/json",
            "k-matrix",
            vec![b' '; 1024 * 1024 + 64 * 1024 + 1],
            413,
            "too_large",
        ),
        (
            "an idempotency key of 201 characters",
            "application/json",
            &long_key,
            bytes.to_vec(),
            400,
            "idempotency_key",
        ),
        ("no idempotency key", "application/json", "", bytes.to_vec(), 400, "idempotency_key"),
        (
            "unknown fields in the envelope and the case",
            "application/json",
            "k-unknown",
            unknown.to_string().into_bytes(),
            201,
            "",
        ),
    ];
    let mut failures = Vec::new();
    for (kind, content_type, key, body, status, code) in &rows_table {
        let mut headers = Vec::new();
        if !content_type.is_empty() {
            headers.push(("Content-Type", *content_type));
        }
        if !key.is_empty() {
            headers.push(("Idempotency-Key", *key));
        }
        let (got, answer, raw) = request(addr, "POST", "/v1/cases", &headers, body);
        let bilingual = got == 201
            || answer["error"]["message"]["zh"].is_string()
            || answer["message"]["zh"].is_string();
        if got != *status || (!code.is_empty() && error_code(&answer) != Some(code)) || !bilingual {
            failures.push(format!("{kind}: {got} {}", raw.chars().take(200).collect::<String>()));
        }
    }
    // An oversize body sent chunked (no Content-Length to refuse up front).
    let mut chunked = format!("POST /v1/cases HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nIdempotency-Key: k-chunked\r\nTransfer-Encoding: chunked\r\n\r\n").into_bytes();
    for _ in 0..18 {
        chunked.extend_from_slice(format!("{:x}\r\n", 65_536).as_bytes());
        chunked.extend_from_slice(&[b' '; 65_536]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (got, answer, _) = send_raw(addr, &chunked);
    if got != 413 || error_code(&answer) != Some("too_large") {
        failures.push(format!("chunked oversize: {got} {answer}"));
    }
    assert!(failures.is_empty(), "{failures:#?}");
    println!("backend matrix: {} kinds of bad request answered as expected", rows_table.len() + 1);

    // Only the envelope with unknown fields was stored, and stored verbatim.
    assert_eq!(server.db.rows(), 1);
    let id = &server.db.query("SELECT id FROM cases WHERE idempotency_key = 'k-unknown'")[0][0];
    let admin = add_staff(&server.db, "admin", "admin");
    let (status, got, raw) = get_with(addr, &format!("/v1/staff/cases/{id}?unmasked=1"), &admin);
    assert_eq!(status, 200, "{raw}");
    assert_eq!(got["case"], unknown["case"]);
}

#[test]
fn a_trickling_body_is_cut_off_with_408() {
    let dir = std::env::temp_dir().join(format!("cr-server-{}-robust-slow", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    let server = start_in(&dir, &["--body-timeout", "2"]);
    let body = envelope(fresh_case(), "k-slow").to_string();
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /v1/cases HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\nIdempotency-Key: k-slow\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let started = Instant::now();
    // One byte every 100 ms: the whole body would take minutes; the writer stops when cut off.
    let trickle = std::thread::spawn(move || {
        for b in body.bytes().take(600) {
            if writer.write_all(&[b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let waited = started.elapsed();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("body_timeout"), "{text}");
    println!("slow client: answered 408 after {:.1} s (body timeout 2 s)", waited.as_secs_f64());
    let _ = stream.shutdown(std::net::Shutdown::Both);
    trickle.join().unwrap();
    assert_eq!(server.db.rows(), 0);
}

#[test]
fn sql_metacharacters_in_every_text_field_are_stored_verbatim() {
    let server = start("robust-sql");
    let nasty = [
        "'; DROP TABLE cases; --",
        "\" OR \"1\"=\"1",
        "Robert'); DELETE FROM cases WHERE ('1'='1",
        "%_\\ LIKE '%' ESCAPE '\\'",
        "?1 :name @p $1",
        "/* */ UNION SELECT * FROM sqlite_master --",
        "\u{0}nul\u{0}",
        "😀\u{202e}混合 mixed",
    ];
    let mut stored = Vec::new();
    let mut tokens = std::collections::BTreeMap::new();
    for (i, text) in nasty.iter().enumerate() {
        let mut case = fresh_case();
        for field in [
            "/complainant/name",
            "/complainant/address",
            "/complainant/account",
            "/respondent/name",
            "/respondent/shop",
            "/request/text",
            "/evidence/0/name",
            "/evidence/1/name",
        ] {
            *case.pointer_mut(field).unwrap() = json!(format!("张三{text}"));
        }
        let facts = format!("{}{text}", case["facts"].as_str().unwrap());
        case["facts"] = json!(facts);
        let key = format!("k-sql-{i}-'\"; DROP TABLE cases;--");
        let env = envelope(case.clone(), &key);
        let (status, body, raw) = post_envelope(&server.addr, &env);
        assert_eq!(status, 201, "{text:?}: {raw}");
        let id = body["id"].as_str().unwrap().to_string();
        tokens.insert(id.clone(), body["access_token"].as_str().unwrap().to_string());
        stored.push((id, key, case));
    }
    let admin = add_staff(&server.db, "admin", "admin");
    for (id, key, case) in &stored {
        let got_key =
            &server.db.query(&format!("SELECT idempotency_key FROM cases WHERE id = '{id}'"))[0][0];
        assert_eq!(got_key, key);
        let (status, clear, raw) =
            get_with(&server.addr, &format!("/v1/staff/cases/{id}?unmasked=1"), &admin);
        assert_eq!(status, 200, "{raw}");
        assert_eq!(&clear["case"], case);
        // Read back through the complainant's route: the free text that is not personal data
        // comes back equal.
        let token = &tokens[id];
        let (status, got, raw) = get_with(&server.addr, &format!("/v1/cases/{id}"), token);
        assert_eq!(status, 200, "{raw}");
        for field in ["/facts", "/respondent/name", "/respondent/shop", "/request/text"] {
            assert_eq!(got["case"].pointer(field), case.pointer(field), "{field}");
        }
    }
    assert_eq!(server.db.rows(), i64::try_from(nasty.len()).unwrap());
    // An id made of SQL is just an unknown id.
    let (status, _, _) = request(&server.addr, "GET", "/v1/cases/'%20OR%20'1'='1", &[], b"");
    assert_eq!(status, 404);
}

#[test]
fn a_thousand_concurrent_posts_with_one_key_over_two_processes_store_exactly_one_row() {
    for backend in backends() {
        // Two `serve` processes on one database, the posts spread over both.
        let first = start_on(backend, "robust-race", &[]);
        let second = start_with(&first.dir, &first.db, &[]);
        let addrs = [first.addr.clone(), second.addr.clone()];
        let env = envelope(fresh_case(), "k-race").to_string();
        let barrier = std::sync::Barrier::new(1000);
        let started = Instant::now();
        let answers: Vec<(u16, Value, u64)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..1000)
                .map(|n| {
                    let (addr, env, barrier) = (&addrs[n % 2], &env, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        // A connection the kernel resets before any answer (a full accept
                        // queue) is retried with the same key, as the JS shell does.
                        let headers =
                            [("Content-Type", "application/json"), ("Idempotency-Key", "k-race")];
                        let mut attempt = 0;
                        loop {
                            attempt += 1;
                            match try_request(addr, "POST", "/v1/cases", &headers, env.as_bytes()) {
                                Ok((status, body, _)) => {
                                    break (status, body["id"].clone(), attempt)
                                }
                                Err(e) if attempt < 20 => {
                                    let _ = e;
                                    std::thread::sleep(Duration::from_millis(50 * attempt));
                                }
                                Err(e) => panic!("no answer after {attempt} attempts: {e}"),
                            }
                        }
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
        for (status, _, _) in &answers {
            *by_status.entry(*status).or_default() += 1;
        }
        let retried = answers.iter().filter(|(_, _, attempts)| *attempts > 1).count();
        println!("{backend}, 2 processes: 1000 racing duplicates in {:.1} s: {by_status:?}, {retried} retried after a reset connection", started.elapsed().as_secs_f64());
        assert_eq!(by_status.get(&201), Some(&1), "{by_status:?}");
        assert_eq!(by_status.get(&200), Some(&999), "{by_status:?}");
        let first_id = &answers[0].1;
        assert!(first_id.is_string() && answers.iter().all(|(_, id, _)| id == first_id));
        assert_eq!(first.db.rows(), 1);
    }
}

#[test]
fn a_tampered_summary_field_is_refused_with_422() {
    let server = start("robust-tamper");
    let base = envelope(fresh_case(), "k-tamper");
    let summary = base["preview_summary"].as_object().unwrap().clone();
    assert!(summary.len() >= 3, "{summary:?}");
    for (i, (field, value)) in summary.iter().enumerate() {
        let mut env = base.clone();
        env["idempotency_key"] = json!(format!("k-tamper-{i}"));
        env["preview_summary"][field] = match value {
            Value::String(s) => json!(format!("{s}x")),
            Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + 1.0),
            Value::Bool(b) => json!(!b),
            Value::Null => json!("x"),
            _ => json!(null),
        };
        let (status, body, raw) = post_envelope(&server.addr, &env);
        assert_eq!((status, body["code"].as_str()), (422, Some("tampered")), "{field}: {raw}");
    }
    let mut dropped = base.clone();
    dropped["idempotency_key"] = json!("k-tamper-empty");
    dropped["preview_summary"] = json!({});
    let (status, _, raw) = post_envelope(&server.addr, &dropped);
    assert_eq!(status, 422, "{raw}");
    assert_eq!(server.db.rows(), 0);
}

/// What the client saw for one post of the load.
#[derive(Debug, Clone)]
enum Seen {
    Created(String),
    Other(u16),
    NoAnswer,
}

#[test]
fn kill_minus_nine_of_one_of_two_processes_during_four_thousand_posts_loses_no_acknowledged_case() {
    const POSTS: usize = 4000;
    const KILL_AFTER: usize = 800;
    for backend in backends() {
        let name = format!("robust-kill-{backend}");
        let dir = fresh_dir(&name);
        let db = fresh_db(backend, &dir, &name);
        let mut victim = start_with(&dir, &db, &[]);
        let survivor = start_with(&dir, &db, &[]);
        let case = fresh_case();
        let template = envelope(case.clone(), "KEY-PLACEHOLDER").to_string();
        let body_for = |key: &str| template.replace("KEY-PLACEHOLDER", key);
        let key_of = |i: usize| format!("load-{i:05}");
        let addrs = [victim.addr.clone(), survivor.addr.clone()];

        let next = AtomicUsize::new(0);
        let created = AtomicUsize::new(0);
        let seen: Mutex<Vec<(usize, Seen)>> = Mutex::new(Vec::with_capacity(POSTS));
        let started = Instant::now();
        let killed_at = std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= POSTS {
                        break;
                    }
                    let key = key_of(i);
                    let outcome = match try_request(
                        &addrs[i % 2],
                        "POST",
                        "/v1/cases",
                        &[("Content-Type", "application/json"), ("Idempotency-Key", &key)],
                        body_for(&key).as_bytes(),
                    ) {
                        Ok((201, body, _)) => {
                            created.fetch_add(1, Ordering::SeqCst);
                            Seen::Created(body["id"].as_str().unwrap_or_default().to_string())
                        }
                        Ok((status, _, _)) => Seen::Other(status),
                        Err(_) => Seen::NoAnswer,
                    };
                    seen.lock().unwrap().push((i, outcome));
                });
            }
            while created.load(Ordering::SeqCst) < KILL_AFTER
                && started.elapsed() < Duration::from_secs(60)
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            victim.child.kill().unwrap(); // SIGKILL
            victim.child.wait().unwrap();
            started.elapsed()
        });
        let total = started.elapsed();
        let seen = seen.into_inner().unwrap();
        let acked: Vec<(usize, String)> = seen
            .iter()
            .filter_map(
                |(i, s)| if let Seen::Created(id) = s { Some((*i, id.clone())) } else { None },
            )
            .collect();
        let unanswered: Vec<usize> =
            seen.iter().filter_map(|(i, s)| matches!(s, Seen::NoAnswer).then_some(*i)).collect();
        let other: Vec<u16> = seen
            .iter()
            .filter_map(|(_, s)| if let Seen::Other(status) = s { Some(*status) } else { None })
            .collect();
        println!(
            "{backend}: kill -9 of one of two processes after {:.1} s; load done in {:.1} s: {} posts answered 201 ({:.0}/s), {} unanswered, {} other",
            killed_at.as_secs_f64(),
            total.as_secs_f64(),
            acked.len(),
            acked.len() as f64 / total.as_secs_f64(),
            unanswered.len(),
            other.len()
        );
        assert!(other.is_empty(), "{other:?}");
        assert!(acked.len() >= KILL_AFTER, "the kill came after {KILL_AFTER} acknowledgements");

        // Restart the killed process on the same database: every acknowledged case is there
        // and whole (its response, its envelope, its sealed case that an admin can open).
        drop(victim);
        let restarted = start_with(&dir, &db, &[]);
        if let server_support::Db::Sqlite(path) = &db {
            let conn = rusqlite::Connection::open(path).unwrap();
            let integrity: String =
                conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(integrity, "ok");
        }
        let stored: BTreeMap<String, Vec<String>> = db
            .query("SELECT id, idempotency_key, status_code, envelope, response, case_sealed, key_id FROM cases")
            .into_iter()
            .map(|row| (row[0].clone(), row))
            .collect();
        for (i, id) in &acked {
            let row = stored
                .get(id)
                .unwrap_or_else(|| panic!("acknowledged case {id} ({}) lost", key_of(*i)));
            assert_eq!((row[1].as_str(), row[2].as_str()), (key_of(*i).as_str(), "201"));
            assert_eq!(
                serde_json::from_str::<Value>(&row[3]).unwrap()["idempotency_key"],
                json!(key_of(*i))
            );
            assert_eq!(serde_json::from_str::<Value>(&row[4]).unwrap()["id"], json!(id));
        }
        // No row is half-written: every row parses and belongs to a key of the load.
        for row in stored.values() {
            assert!(
                row[1].starts_with("load-") && !row[5].is_empty() && !row[6].is_empty(),
                "{row:?}"
            );
            assert!(serde_json::from_str::<Value>(&row[4]).is_ok_and(|r| r["id"] == json!(row[0])));
        }
        // Spot checks: the sealed case opens to the case posted.
        let admin = add_staff(&db, "admin", "admin");
        for (_, id) in acked.iter().step_by(200) {
            let (status, got, raw) =
                get_with(&restarted.addr, &format!("/v1/staff/cases/{id}?unmasked=1"), &admin);
            assert_eq!(status, 200, "{raw}");
            assert_eq!(got["case"], case);
        }
        // Retrying every unanswered key completes the load: exactly one row per key.
        let mut replayed = 0;
        for i in &unanswered {
            let key = key_of(*i);
            let (status, _, raw) = request(
                &restarted.addr,
                "POST",
                "/v1/cases",
                &[("Content-Type", "application/json"), ("Idempotency-Key", &key)],
                body_for(&key).as_bytes(),
            );
            assert!(status == 201 || status == 200, "{key}: {raw}");
            replayed += usize::from(status == 200);
        }
        println!(
            "{backend} after restart: {} rows recovered ({} acknowledged), {} unanswered keys retried, {replayed} of them already stored",
            stored.len(),
            acked.len(),
            unanswered.len()
        );
        assert_eq!(db.rows(), i64::try_from(POSTS).unwrap());
        drop(survivor);
    }
}
