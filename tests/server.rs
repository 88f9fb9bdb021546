//! The reference intake backend end to end: the real binary on a free port, a temporary SQLite
//! file or a fresh PostgreSQL database (both when `CR_TEST_POSTGRES_URL` is set), and a tiny
//! HTTP/1.1 client over `TcpStream`.
#![cfg(feature = "native")]

#[path = "server_support/mod.rs"]
mod server_support;

use chrono::{TimeDelta, Utc};
use serde_json::{json, Value};
use server_support::{
    add_staff, backends, envelope, fresh_case, get_with, post, post_envelope, request, start,
    start_on, Db,
};

#[test]
fn accepted_case_is_stored_once_sealed_and_read_back_masked_with_its_token() {
    for backend in backends() {
        let server = start_on(backend, "accept", &[]);
        let env = envelope(fresh_case(), "key-accept-1");
        assert_eq!(env["_status"], "ready", "the fixture must be ready: {}", env["_findings"]);
        let (status, body, raw) = post_envelope(&server.addr, &env);
        assert_eq!(status, 201, "{raw}");
        let id = body["id"].as_str().unwrap().to_string();
        let token = body["access_token"].as_str().unwrap().to_string();
        // 128 random bits, not derived from time.
        let hex = id.strip_prefix("case-").unwrap();
        assert!(hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
        assert!(body["received_at"].is_string());
        assert!(body["deadlines"].as_array().is_some_and(|d| !d.is_empty()), "{raw}");
        assert_eq!(server.db.rows(), 1);

        // At rest: no personal data in clear anywhere in the row, only the token's hash.
        let row = server.db.query(&format!(
            "SELECT idempotency_key, status_code, envelope, case_masked, case_sealed, key_id, token_hash, response FROM cases WHERE id = '{id}'"
        ));
        let row = row[0].join("\u{1f}");
        for secret in ["11010519491231002X", "13812341234", token.as_str()] {
            assert!(!row.contains(secret), "{backend}: {secret} stored in clear: {row}");
        }
        assert!(row.starts_with("key-accept-1\u{1f}201\u{1f}"), "{row}");
        assert!(row.contains("110105********002X"), "masked form stored beside: {row}");

        // The same key again: the first response (without the token), nothing new stored.
        let (status, again, _) = post_envelope(&server.addr, &env);
        assert_eq!(status, 200);
        assert_eq!(again["id"], body["id"]);
        assert!(again.get("access_token").is_none(), "the token is given once: {again}");
        assert_eq!(server.db.rows(), 1);

        let (status, got, raw) = get_with(&server.addr, &format!("/v1/cases/{id}"), &token);
        assert_eq!(status, 200, "{raw}");
        assert_eq!(got["case"]["complainant"]["id_number"], "110105********002X");
        assert!(!raw.contains("11010519491231002X") && !raw.contains("13812341234"), "{raw}");
        let (status, _, _) =
            request(&server.addr, "GET", &format!("/v1/cases/{id}?token={token}"), &[], b"");
        assert_eq!(status, 200, "?token= works for links sent by SMS");

        // An admin reads the case unsealed: exactly the case submitted.
        let admin = add_staff(&server.db, "admin-1", "admin");
        let (status, clear, raw) =
            get_with(&server.addr, &format!("/v1/staff/cases/{id}?unmasked=1"), &admin);
        assert_eq!(status, 200, "{raw}");
        assert_eq!(clear["case"], env["case"]);
    }
}

#[test]
fn access_matrix_tokens_roles_and_audit() {
    for backend in backends() {
        let server = start_on(backend, "access", &[]);
        let addr = server.addr.as_str();
        let (_, a, _) = post_envelope(addr, &envelope(fresh_case(), "key-a"));
        let (_, b, _) = post_envelope(addr, &envelope(fresh_case(), "key-b"));
        let (id_a, token_a) = (a["id"].as_str().unwrap(), a["access_token"].as_str().unwrap());
        let token_b = b["access_token"].as_str().unwrap();
        let path = format!("/v1/cases/{id_a}");
        let enumerated = format!("/v1/cases/case-{}", "0".repeat(32));
        let not_found = [
            ("no token", request(addr, "GET", &path, &[], b"")),
            ("wrong token", get_with(addr, &path, "cat_0000")),
            ("another case's token", get_with(addr, &path, token_b)),
            ("a staff-looking token", get_with(addr, &path, &format!("x{token_a}"))),
            ("an enumerated id", get_with(addr, &enumerated, token_a)),
            ("an unknown id without token", request(addr, "GET", &enumerated, &[], b"")),
        ];
        for (what, (status, body, raw)) in &not_found {
            assert_eq!(
                (*status, body["error"]["code"].as_str()),
                (404, Some("not_found")),
                "{backend} {what}: {raw}"
            );
        }
        // Staff routes: no / unknown token → 401; the complainant's token is not a staff token.
        assert_eq!(request(addr, "GET", "/v1/queue", &[], b"").0, 401);
        assert_eq!(get_with(addr, "/v1/queue", token_a).0, 401);
        let staff_path = format!("/v1/staff/cases/{id_a}");
        assert_eq!(request(addr, "GET", &staff_path, &[], b"").0, 401);
        assert_eq!(get_with(addr, &staff_path, token_a).0, 401);
        let staff = add_staff(&server.db, "clerk", "staff");
        let admin = add_staff(&server.db, "boss", "admin");
        let (status, masked, raw) = get_with(addr, &staff_path, &staff);
        assert_eq!(status, 200, "{raw}");
        assert_eq!(masked["case"]["complainant"]["id_number"], "110105********002X");
        // The wrong role → 403.
        let (status, body, _) = get_with(addr, &format!("{staff_path}?unmasked=1"), &staff);
        assert_eq!((status, body["error"]["code"].as_str()), (403, Some("forbidden")));
        assert_eq!(get_with(addr, "/v1/staff/audit", &staff).0, 403);
        // Events and the queue.
        let (status, event, raw) = request(
            addr,
            "POST",
            &format!("/v1/cases/{id_a}/events"),
            &[("Authorization", &format!("Bearer {staff}")), ("Content-Type", "application/json")],
            serde_json::to_vec(&json!({
                "type": "acknowledged",
                "at": chrono::Utc::now().to_rfc3339(),
                "by": {"role": "handler"},
            }))
            .unwrap()
            .as_slice(),
        );
        assert_eq!(status, 201, "{raw}");
        assert_eq!(event["seq"].as_i64(), Some(0), "{raw}");
        let recorder = db_by_role(&server.db, id_a);
        assert_eq!(recorder, "staff", "{backend}: the recording account's role is kept");
        let (status, queue, raw) = get_with(addr, "/v1/queue", &staff);
        assert_eq!(status, 200, "{raw}");
        let open: Vec<&str> =
            queue["cases"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert!(open.contains(&id_a) && open.contains(&b["id"].as_str().unwrap()), "{raw}");
        // The audit log has every staff access, allowed and refused, newest first.
        let (status, audit, raw) = get_with(addr, "/v1/staff/audit", &admin);
        assert_eq!(status, 200, "{raw}");
        let rows: Vec<(String, String, i64)> = audit["audit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["role"].as_str().unwrap().into(),
                    r["action"].as_str().unwrap().into(),
                    r["outcome"].as_i64().unwrap(),
                )
            })
            .collect();
        let expected: Vec<(String, String, i64)> = [
            ("staff", "read_queue", 200),
            ("staff", "record_event", 201),
            ("staff", "read_audit", 403),
            ("staff", "read_case_unmasked", 403),
            ("staff", "read_case", 200),
        ]
        .iter()
        .map(|(r, a, o)| (r.to_string(), a.to_string(), *o))
        .collect();
        assert_eq!(rows, expected, "{backend}");
        assert_eq!(audit["audit"][4]["case_id"], json!(id_a));
        // Reading the audit log is audited too.
        let (_, audit, _) = get_with(addr, "/v1/staff/audit?limit=1", &admin);
        assert_eq!(
            (audit["audit"][0]["role"].as_str(), audit["audit"][0]["action"].as_str()),
            (Some("admin"), Some("read_audit"))
        );
        // And nobody can edit it, not even through the database's own client.
        let db = &server.db;
        let edit = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            db.query("DELETE FROM audit_log");
        }));
        assert!(edit.is_err(), "{backend}: the audit log was deleted");
        assert_eq!(db.query("SELECT count(*) FROM audit_log")[0][0], "7");
    }
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
    // The body limit is the pack's max_case_bytes (1 MiB) plus the envelope's 64 KiB overhead.
    let big = vec![b' '; 1024 * 1024 + 64 * 1024 + 1];
    let (status, _, _) = post(addr, Some("k"), "application/json", &big);
    assert_eq!(status, 413);

    assert_eq!(server.db.rows(), 0);
}

#[test]
fn a_case_near_the_packs_limit_reaches_the_case_check() {
    let server = start("near-limit");
    let mut case = fresh_case();
    let size = case.to_string().len();
    // Pad the facts so the case itself is just under 1 MiB: the envelope around it is larger
    // than 1 MiB, and must still be read and checked rather than refused as too large.
    let pad = 1024 * 1024 - size - 1024;
    let facts = format!("{}{}", case["facts"].as_str().unwrap(), "。".repeat(pad / 3));
    case["facts"] = json!(facts);
    let env = envelope(case, "key-near");
    assert!(env.to_string().len() > 1024 * 1024, "the envelope must exceed the old 1 MiB cap");
    let (status, _, raw) = post_envelope(&server.addr, &env);
    assert!(status == 201 || status == 422, "{status} {}", &raw[..raw.len().min(300)]);
}

#[test]
fn rate_limit_cors_and_security_headers() {
    for backend in backends() {
        let server = start_on(
            backend,
            "edges",
            &[
                "--rate-limit",
                "3",
                "--cors-origin",
                "https://shop.example",
                "--max-clock-skew",
                "60",
            ],
        );
        let addr = server.addr.as_str();
        // The limit counts per fixed minute: start early in one, so that the posts below share it.
        let second = u64::from(chrono::Timelike::second(&Utc::now()));
        if second >= 40 {
            std::thread::sleep(std::time::Duration::from_secs(61 - second));
        }
        // Clock skew is a flag: 2 hours is now too far.
        let mut skewed = envelope(fresh_case(), "key-skew");
        skewed["client_time"] = json!((Utc::now() - TimeDelta::hours(2)).to_rfc3339());
        let (status, body, _) = post_envelope(addr, &skewed);
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("client_time")));
        for i in 0..2 {
            let (status, _, raw) =
                post_envelope(addr, &envelope(fresh_case(), &format!("key-rate-{i}")));
            assert_eq!(status, 201, "{raw}");
        }
        let (status, body, raw) = post_envelope(addr, &envelope(fresh_case(), "key-rate-x"));
        assert_eq!((status, body["error"]["code"].as_str()), (429, Some("rate_limited")), "{raw}");
        let head = raw_head(addr, "POST", "/v1/cases", &[("Content-Type", "application/json")]);
        let retry: i64 = header(&head, "retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry), "{head}");

        let page = raw_head(addr, "GET", "/", &[]);
        let csp = header(&page, "content-security-policy").unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{page}"
        );
        assert_eq!(header(&page, "x-content-type-options").as_deref(), Some("nosniff"));
        let allowed = raw_head(
            addr,
            "OPTIONS",
            "/v1/cases",
            &[
                ("Origin", "https://shop.example"),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type,idempotency-key"),
            ],
        );
        assert_eq!(
            header(&allowed, "access-control-allow-origin").as_deref(),
            Some("https://shop.example"),
            "{allowed}"
        );
        let other = raw_head(
            addr,
            "OPTIONS",
            "/v1/cases",
            &[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")],
        );
        assert_eq!(header(&other, "access-control-allow-origin"), None, "{other}");
    }
}

/// The head of an answer, lower-cased.
fn raw_head(addr: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> String {
    let mut raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 0\r\n"
    );
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    raw.push_str("\r\n");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    std::io::Write::write_all(&mut s, raw.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = std::io::Read::read_to_string(&mut s, &mut out);
    out.split("\r\n\r\n").next().unwrap_or_default().to_ascii_lowercase()
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| l.strip_prefix(&format!("{name}: ")).map(|v| v.trim().to_string()))
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

/// A valid envelope whose summary is the validate-only digest the JS shell sends when its engine
/// has no `preview`: `{status, codes}` of the validation at the client's time.
fn validate_only_envelope(key: &str) -> Value {
    let mut env = envelope(fresh_case(), key);
    let engine = complaint_rules::engine::Engine::new().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(env["client_time"].as_str().unwrap()).unwrap();
    let opts = complaint_rules::engine::Options::at(now);
    let v = engine.validate_value(env["case"].clone(), &opts).unwrap();
    let mut codes: Vec<String> = v.problems.iter().map(|p| p.code.clone()).collect();
    codes.sort();
    codes.dedup();
    env["preview_summary"] = json!({"status": v.status, "codes": codes});
    env
}

#[test]
fn the_envelope_schema_is_what_the_server_accepts() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/envelope.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let server = start("schema");
    let addr = server.addr.as_str();
    assert_eq!(schema["properties"]["schema"]["const"], "complaint-rules/envelope@1");
    // Every required field is required by the server too.
    let required: Vec<&str> =
        schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(required.len() >= 6, "{required:?}");
    for (i, field) in required.iter().enumerate() {
        let mut env = envelope(fresh_case(), &format!("key-req-{i}"));
        env.as_object_mut().unwrap().remove(*field);
        let key = format!("key-req-{i}");
        let (status, _, raw) =
            post(addr, Some(&key), "application/json", env.to_string().as_bytes());
        assert!(status == 422 || status == 400, "without {field}: {status} {raw}");
    }
    // An optional field may be missing and unknown fields are ignored.
    let optional: Vec<&String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !required.contains(&k.as_str()))
        .collect();
    assert_eq!(optional, ["engine_version"]);
    let mut env = envelope(fresh_case(), "key-optional");
    env.as_object_mut().unwrap().remove("engine_version");
    env["x_note"] = json!("ignored");
    assert_eq!(post_envelope(addr, &env).0, 201);
    // Both summary forms of the schema are accepted: the preview digest (above) and the
    // validation digest of a validate-only shell; each has exactly the schema's fields.
    let forms = schema["properties"]["preview_summary"]["oneOf"].as_array().unwrap();
    let full = envelope(fresh_case(), "key-forms");
    let digest = validate_only_envelope("key-digest");
    for (form, env) in forms.iter().zip([&full, &digest]) {
        let mut fields: Vec<&str> =
            form["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mut sent: Vec<&str> =
            env["preview_summary"].as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort();
        sent.sort();
        assert_eq!(fields, sent, "{}", form["title"]);
    }
    let (status, body, raw) = post_envelope(addr, &digest);
    assert_eq!(status, 201, "validate-only digest: {raw}");
    assert!(body["access_token"].is_string());
}

#[test]
fn validate_only_digests_and_the_stateless_validate_route() {
    let server = start("validate");
    let addr = server.addr.as_str();
    let digest = validate_only_envelope("key-v1");
    let json_type = [("Content-Type", "application/json")];
    // POST /v1/validate: no key needed, nothing stored.
    let (status, body, raw) =
        request(addr, "POST", "/v1/validate", &json_type, digest.to_string().as_bytes());
    assert_eq!(status, 200, "{raw}");
    assert_eq!(body["status"], "ready");
    assert!(body["deadlines"].as_array().is_some_and(|d| !d.is_empty()));
    let full = envelope(fresh_case(), "key-v2");
    let (status, body, _) =
        request(addr, "POST", "/v1/validate", &json_type, full.to_string().as_bytes());
    assert_eq!((status, &body["summary"]), (200, &full["preview_summary"]));
    // A digest that lies (a dropped code, a wrong status) is tampered, on both routes.
    let mut lying = digest.clone();
    lying["preview_summary"]["codes"] = json!(["not.a.code"]);
    let (status, body, _) =
        request(addr, "POST", "/v1/validate", &json_type, lying.to_string().as_bytes());
    assert_eq!((status, body["code"].as_str()), (422, Some("tampered")));
    lying["idempotency_key"] = json!("key-v3");
    let (status, body, _) = post_envelope(addr, &lying);
    assert_eq!((status, body["code"].as_str()), (422, Some("tampered")));
    let (status, body, _) = request(addr, "POST", "/v1/validate", &json_type, b"{");
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("json")));
    assert_eq!(server.db.rows(), 0);
}

#[test]
fn cases_sealed_before_a_key_rotation_stay_readable_after_it() {
    let mut server = start_on("sqlite", "rotation", &[]);
    let (status, old, raw) = post_envelope(&server.addr, &envelope(fresh_case(), "key-before"));
    assert_eq!(status, 201, "{raw}");
    // Rotate: append a new key (the last one seals) and restart on the same database.
    let keys = server.dir.join("keys");
    let ring = std::fs::read_to_string(&keys).unwrap();
    std::fs::write(&keys, format!("{ring}k2:{}\n", "ab".repeat(32))).unwrap();
    let (dir, db) = (server.dir.clone(), server.db.clone());
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop(server);
    let server = server_support::start_with(&dir, &db, &[]);
    let (status, new, raw) = post_envelope(&server.addr, &envelope(fresh_case(), "key-after"));
    assert_eq!(status, 201, "{raw}");
    let key_ids = db.query("SELECT key_id FROM cases ORDER BY received_at");
    assert_eq!(key_ids, [["k1"], ["k2"]]);
    let admin = add_staff(&db, "admin", "admin");
    for body in [&old, &new] {
        let id = body["id"].as_str().unwrap();
        let (status, got, raw) =
            get_with(&server.addr, &format!("/v1/staff/cases/{id}?unmasked=1"), &admin);
        assert_eq!(status, 200, "{raw}");
        assert_eq!(got["case"]["complainant"]["id_number"], "11010519491231002X");
    }
}

/// The role of the account that recorded a case's first event, as stored.
fn db_by_role(db: &Db, case_id: &str) -> String {
    let rows = db.query(&format!("SELECT by_role FROM case_events WHERE case_id = '{case_id}'"));
    rows[0][0].clone()
}

#[test]
fn a_complete_case_is_accepted_whatever_the_handlers_lateness() {
    let server = start("late-handler");
    // Submitted three days ago and never acknowledged: the platform is late, not the complainant.
    let mut case = fresh_case();
    let at = |hours: i64| {
        (chrono::Utc::now() - chrono::TimeDelta::hours(hours))
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
