//! The reference intake backend end to end: the real binary on a free port, a temporary SQLite
//! file, and a tiny HTTP/1.1 client over `TcpStream`.
#![cfg(feature = "native")]

#[path = "server_support/mod.rs"]
mod server_support;

use chrono::{TimeDelta, Utc};
use serde_json::{json, Value};
use server_support::{envelope, fresh_case, post, post_envelope, request, rows, start};

#[test]
fn accepted_case_is_stored_once_and_read_back_masked() {
    let server = start("accept");
    let env = envelope(fresh_case(), "key-accept-1");
    assert_eq!(env["_status"], "ready", "the fixture must be ready: {}", env["_findings"]);
    let (status, body, raw) = post_envelope(&server.addr, &env);
    assert_eq!(status, 201, "{raw}");
    let id = body["id"].as_str().unwrap().to_string();
    assert!(body["received_at"].is_string());
    assert!(body["deadlines"].as_array().is_some_and(|d| !d.is_empty()), "{raw}");
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
    assert_eq!(got["case"]["complainant"]["id_number"], "110105********002X");
    assert!(!raw.contains("11010519491231002X") && !raw.contains("13812341234"), "{raw}");
    let (status, _, _) = request(&server.addr, "GET", "/v1/cases/nope", &[], b"");
    assert_eq!(status, 404);
}

#[test]
fn a_complete_case_is_accepted_whatever_the_handlers_lateness() {
    let server = start("late-handler");
    // Submitted three days ago and never acknowledged: the platform is late, not the complainant.
    let mut case = fresh_case();
    let at = |hours: i64| {
        (Utc::now() - TimeDelta::hours(hours))
            .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
            .to_rfc3339()
    };
    case["submitted_at"] = json!(at(72));
    case["occurred_at"] = json!(at(80));
    case["order"]["delivered_at"] = json!(at(90));
    case["order"]["paid_at"] = json!(at(120));
    let env = envelope(case, "key-late-handler");
    assert_eq!(env["_status"], "ready", "{}", env["_findings"]);
    let (status, _, raw) = post_envelope(&server.addr, &env);
    assert_eq!(status, 201, "{raw}");
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
    assert_eq!(results.iter().filter(|(s, _)| *s == 201).count(), 1, "{results:?}");
    assert!(results.iter().all(|(s, _)| *s == 200 || *s == 201), "{results:?}");
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
        body["findings"].as_array().is_some_and(|f| f.iter().any(|f| f["severity"] == "error")),
        "{raw}"
    );

    let mut schema = envelope(fresh_case(), "key-schema");
    schema["schema"] = json!("complaint-rules/envelope@2");
    let (status, body, _) = post_envelope(addr, &schema);
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("unknown_schema")));

    let mut pack = envelope(fresh_case(), "key-pack");
    pack["pack"]["version"] = json!("0.0.0-none");
    let (status, body, _) = post_envelope(addr, &pack);
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("unknown_pack_version")));

    let mut old = envelope(fresh_case(), "key-old");
    old["client_time"] = json!((Utc::now() - TimeDelta::hours(30)).to_rfc3339());
    let (status, body, _) = post_envelope(addr, &old);
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("client_time")));
    old["client_time"] = json!("yesterday");
    let (status, _, _) = post_envelope(addr, &old);
    assert_eq!(status, 422);

    let good = envelope(fresh_case(), "key-good").to_string();
    let (status, body, _) = post(addr, None, "application/json", good.as_bytes());
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("idempotency_key")));
    let (status, body, _) = post(addr, Some("other-key"), "application/json", good.as_bytes());
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("idempotency_key_mismatch")));
    let (status, body, _) = post(addr, Some("k"), "text/plain", good.as_bytes());
    assert_eq!((status, body["error"]["code"].as_str()), (415, Some("content_type")));
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
