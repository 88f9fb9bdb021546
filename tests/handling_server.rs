//! The lifecycle routes over the real binary and SQLite file: staff record events through a
//! case's life with the engine's check before each append (409 on a late extension or an
//! out-of-order event), the complainant reads the status view, and the queue puts the overdue
//! case first.

#[path = "server_support/mod.rs"]
mod server_support;

use chrono::{SecondsFormat, TimeDelta, Utc};
use complaint_rules::engine::china_offset;
use serde_json::{json, Value};
use server_support::*;

const TOKEN: &str = "staff-secret-1";

fn staff_server(name: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("cr-handling-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    start_in(&dir, &["--staff-token", TOKEN])
}

fn ago(hours: i64) -> String {
    (Utc::now().with_timezone(&china_offset()) - TimeDelta::hours(hours))
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn new_case(server: &Server, key: &str) -> String {
    let (status, body, raw) = post_envelope(&server.addr, &envelope(fresh_case(), key));
    assert_eq!(status, 201, "{raw}");
    body["id"].as_str().unwrap().to_string()
}

/// Moves a stored case's submission back by `hours` (a case received long ago).
fn backdate(server: &Server, id: &str, hours: i64) {
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    conn.execute(
        "UPDATE cases SET \"case\" = json_set(\"case\", '$.submitted_at', ?1) WHERE id = ?2",
        rusqlite::params![ago(hours), id],
    )
    .unwrap();
}

fn post_event(
    server: &Server,
    id: &str,
    token: Option<&str>,
    event: &Value,
) -> (u16, Value, String) {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    request(
        &server.addr,
        "POST",
        &format!("/v1/cases/{id}/events"),
        &headers,
        event.to_string().as_bytes(),
    )
}

fn event(kind: &str, hours_ago: i64, extra: Value) -> Value {
    let mut e = json!({"type": kind, "at": ago(hours_ago), "by": {"role": "customer_service", "id": "cs01"}});
    for (k, v) in extra.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

fn stored_events(server: &Server, id: &str) -> i64 {
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    conn.query_row("SELECT count(*) FROM case_events WHERE case_id = ?1", [id], |r| r.get(0))
        .unwrap()
}

#[test]
fn events_are_checked_before_they_are_appended() {
    let server = staff_server("events");
    let id = new_case(&server, "h-events-1");

    // Staff only.
    let ack = event("acknowledged", 0, json!({}));
    assert_eq!(post_event(&server, &id, None, &ack).0, 401);
    assert_eq!(post_event(&server, &id, Some("wrong"), &ack).0, 401);
    assert_eq!(stored_events(&server, &id), 0);

    let (status, body, raw) = post_event(&server, &id, Some(TOKEN), &ack);
    assert_eq!(status, 201, "{raw}");
    assert_eq!(body["stage"], "acknowledged");
    assert_eq!(body["seq"], 0);

    // A result before acceptance is out of order: refused with the finding, nothing stored.
    let result =
        event("resolved", 0, json!({"result": "退款", "reasons": "属实", "basis": "规则"}));
    let (status, body, raw) = post_event(&server, &id, Some(TOKEN), &result);
    assert_eq!(status, 409, "{raw}");
    assert_eq!(body["code"], "refused");
    assert_eq!(body["findings"][0]["code"], "handling.out_of_order");
    assert_eq!(stored_events(&server, &id), 1);

    // A malformed event names its index and field.
    let bad = json!({"type": "accepted", "at": "later", "by": {"role": "cs"}});
    let (status, body, raw) = post_event(&server, &id, Some(TOKEN), &bad);
    assert_eq!(status, 422, "{raw}");
    assert_eq!(body["error"]["path"], "/events/1/at");

    let accepted = event("accepted", 0, json!({}));
    let result =
        event("resolved", 0, json!({"result": "退款", "reasons": "属实", "basis": "规则"}));
    for e in [accepted, result] {
        let (status, _, raw) = post_event(&server, &id, Some(TOKEN), &e);
        assert_eq!(status, 201, "{raw}");
    }
    assert_eq!(stored_events(&server, &id), 3);

    // The staff view of the record.
    let auth = format!("Bearer {TOKEN}");
    let path = format!("/v1/cases/{id}/events");
    let (status, body, raw) =
        request(&server.addr, "GET", &path, &[("Authorization", auth.as_str())], b"");
    assert_eq!(status, 200, "{raw}");
    assert_eq!(body["events"].as_array().unwrap().len(), 3);
    assert_eq!(body["handling"]["timeline"][2]["stage"], "resolved");
    assert_eq!(request(&server.addr, "GET", &path, &[], b"").0, 401);

    // The complainant's view: what happens next, no handler findings, no personal data.
    let (status, body, raw) =
        request(&server.addr, "GET", &format!("/v1/cases/{id}/status"), &[], b"");
    assert_eq!(status, 200, "{raw}");
    assert_eq!(body["stage"], "resolved");
    let actions: Vec<&str> = body["next_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"notify_result") && actions.contains(&"request_review"),
        "{actions:?}"
    );
    assert!(!actions.contains(&"archive"), "{actions:?}");
    assert!(!raw.contains("13812341234") && !raw.contains("张三"), "{raw}");
    assert_eq!(request(&server.addr, "GET", "/v1/cases/nope/status", &[], b"").0, 404);
}

#[test]
fn a_late_extension_is_refused_and_the_overdue_case_leads_the_queue() {
    let server = staff_server("queue");
    let fresh = new_case(&server, "h-queue-fresh");
    let old = new_case(&server, "h-queue-old");
    // The old case was received 40 days ago and accepted then: its 15 working days have run out.
    backdate(&server, &old, 24 * 40);
    for e in
        [event("acknowledged", 24 * 40 - 1, json!({})), event("accepted", 24 * 40 - 2, json!({}))]
    {
        let (status, _, raw) = post_event(&server, &old, Some(TOKEN), &e);
        assert_eq!(status, 201, "{raw}");
    }
    let late =
        event("extension_granted", 1, json!({"working_days": 10, "approved_by": "dept_head"}));
    let (status, body, raw) = post_event(&server, &old, Some(TOKEN), &late);
    assert_eq!(status, 409, "{raw}");
    assert_eq!(body["findings"][0]["code"], "handling.extension_late");
    assert_eq!(stored_events(&server, &old), 2);

    // A late acknowledgement is a fact to record, not a reason to refuse it.
    let (status, _, raw) =
        post_event(&server, &fresh, Some(TOKEN), &event("acknowledged", 0, json!({})));
    assert_eq!(status, 201, "{raw}");

    let auth = format!("Bearer {TOKEN}");
    let (status, body, raw) =
        request(&server.addr, "GET", "/v1/queue", &[("Authorization", auth.as_str())], b"");
    assert_eq!(status, 200, "{raw}");
    let cases = body["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2, "{raw}");
    assert_eq!(cases[0]["id"], old.as_str());
    assert_eq!(cases[0]["next"]["state"], "overdue");
    assert_eq!(cases[0]["next"]["action"], "resolve");
    assert_eq!(cases[1]["id"], fresh.as_str());

    // due_before keeps only cases due before it.
    let path = format!("/v1/queue?due_before={}", ago(24 * 3).replace('+', "%2B"));
    let (status, body, raw) =
        request(&server.addr, "GET", &path, &[("Authorization", auth.as_str())], b"");
    assert_eq!(status, 200, "{raw}");
    let ids: Vec<&str> =
        body["cases"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [old.as_str()]);

    assert_eq!(request(&server.addr, "GET", "/v1/queue", &[], b"").0, 401);
    let (status, _, _) = request(
        &server.addr,
        "GET",
        "/v1/queue?due_before=soon",
        &[("Authorization", auth.as_str())],
        b"",
    );
    assert_eq!(status, 400);
}

#[test]
fn staff_routes_are_closed_without_a_token() {
    let server = start("handling-closed");
    let id = new_case(&server, "h-closed-1");
    let (status, body, _) =
        post_event(&server, &id, Some("anything"), &event("acknowledged", 0, json!({})));
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "staff_disabled");
    assert_eq!(request(&server.addr, "GET", "/v1/queue", &[], b"").0, 403);
}
