//! The lifecycle routes over the real binary, on SQLite and (with `CR_TEST_POSTGRES_URL`)
//! PostgreSQL, with a staff account made by `complaint-rules staff add`: staff record events through a
//! case's life with the engine's check before each append (409 on a late extension or an
//! out-of-order event), the complainant reads the status view, and the queue puts the overdue
//! case first.

#[path = "server_support/mod.rs"]
mod server_support;

use chrono::{SecondsFormat, TimeDelta, Utc};
use complaint_rules::engine::china_offset;
use serde_json::{json, Value};
use server_support::*;

/// A server of `backend` and the token of a fresh staff account on it.
fn staff_server(backend: &str, name: &str) -> (Server, String) {
    let server = start_on(backend, &format!("handling-{name}"), &[]);
    let token = add_staff(&server.db, "clerk", "staff");
    (server, token)
}

fn ago(hours: i64) -> String {
    (Utc::now().with_timezone(&china_offset()) - TimeDelta::hours(hours))
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Submits a fresh case (its times moved back by `hours`: a case submitted long ago); its id
/// and the complainant's access token.
fn new_case(server: &Server, key: &str, hours: i64) -> (String, String) {
    let mut case = fresh_case();
    for (field, extra) in [
        ("/submitted_at", 0),
        ("/occurred_at", 8),
        ("/order/delivered_at", 18),
        ("/order/paid_at", 48),
    ] {
        if let Some(v) = case.pointer_mut(field) {
            *v = json!(ago(hours + extra));
        }
    }
    let (status, body, raw) = post_envelope(&server.addr, &envelope(case, key));
    assert_eq!(status, 201, "{raw}");
    (body["id"].as_str().unwrap().to_string(), body["access_token"].as_str().unwrap().to_string())
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
    let rows = server.db.query(&format!("SELECT count(*) FROM case_events WHERE case_id = '{id}'"));
    rows[0][0].parse().unwrap()
}

#[test]
fn events_are_checked_before_they_are_appended() {
    for backend in backends() {
        events_checked_on(backend);
    }
}

fn events_checked_on(backend: &str) {
    let (server, token) = staff_server(backend, "events");
    let (id, access) = new_case(&server, "h-events-1", 0);

    // Staff only.
    let ack = event("acknowledged", 0, json!({}));
    assert_eq!(post_event(&server, &id, None, &ack).0, 401);
    assert_eq!(post_event(&server, &id, Some("wrong"), &ack).0, 401);
    assert_eq!(
        post_event(&server, &id, Some(&access), &ack).0,
        401,
        "the complainant is not staff"
    );
    assert_eq!(stored_events(&server, &id), 0);

    let (status, body, raw) = post_event(&server, &id, Some(&token), &ack);
    assert_eq!(status, 201, "{raw}");
    assert_eq!(body["stage"], "acknowledged");
    assert_eq!(body["seq"], 0);

    // A result before acceptance is out of order: refused with the finding, nothing stored.
    let result =
        event("resolved", 0, json!({"result": "退款", "reasons": "属实", "basis": "规则"}));
    let (status, body, raw) = post_event(&server, &id, Some(&token), &result);
    assert_eq!(status, 409, "{raw}");
    assert_eq!(body["code"], "refused");
    assert_eq!(body["findings"][0]["code"], "handling.out_of_order");
    assert_eq!(stored_events(&server, &id), 1);

    // A malformed event names its index and field.
    let bad = json!({"type": "accepted", "at": "later", "by": {"role": "cs"}});
    let (status, body, raw) = post_event(&server, &id, Some(&token), &bad);
    assert_eq!(status, 422, "{raw}");
    assert_eq!(body["error"]["path"], "/events/1/at");

    let accepted = event("accepted", 0, json!({}));
    let result =
        event("resolved", 0, json!({"result": "退款", "reasons": "属实", "basis": "规则"}));
    for e in [accepted, result] {
        let (status, _, raw) = post_event(&server, &id, Some(&token), &e);
        assert_eq!(status, 201, "{raw}");
    }
    assert_eq!(stored_events(&server, &id), 3);

    // The staff view of the record.
    let auth = format!("Bearer {token}");
    let path = format!("/v1/cases/{id}/events");
    let (status, body, raw) =
        request(&server.addr, "GET", &path, &[("Authorization", auth.as_str())], b"");
    assert_eq!(status, 200, "{raw}");
    assert_eq!(body["events"].as_array().unwrap().len(), 3);
    assert_eq!(body["handling"]["timeline"][2]["stage"], "resolved");
    assert_eq!(request(&server.addr, "GET", &path, &[], b"").0, 401);

    // The complainant's view: what happens next, no handler findings, no personal data.
    let status_path = format!("/v1/cases/{id}/status");
    assert_eq!(request(&server.addr, "GET", &status_path, &[], b"").0, 404, "no token");
    assert_eq!(
        get_with(&server.addr, &status_path, &token).0,
        404,
        "a staff token is not the case's"
    );
    let (status, by_header, raw) = get_with(&server.addr, &status_path, &access);
    assert_eq!(status, 200, "{raw}");
    let (status, body, raw) =
        request(&server.addr, "GET", &format!("{status_path}?token={access}"), &[], b"");
    assert_eq!(status, 200, "{raw}");
    assert_eq!(body, by_header);
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
    assert_eq!(get_with(&server.addr, "/v1/cases/nope/status", &access).0, 404);
    // Every staff access above is in the audit log, refused ones with their status.
    let rows = server
        .db
        .query(&format!("SELECT action, outcome FROM audit_log WHERE case_id = '{id}' ORDER BY n"));
    let rows: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(
        rows,
        [
            ("record_event", "201"),
            ("record_event", "409"),
            ("record_event", "422"),
            ("record_event", "201"),
            ("record_event", "201"),
            ("read_case", "200"),
        ],
        "{backend}"
    );
}

#[test]
fn a_late_extension_is_refused_and_the_overdue_case_leads_the_queue() {
    for backend in backends() {
        late_extension_on(backend);
    }
}

fn late_extension_on(backend: &str) {
    let (server, token) = staff_server(backend, "queue");
    let (fresh, _) = new_case(&server, "h-queue-fresh", 0);
    // The old case was received 40 days ago and accepted then: its 15 working days have run out.
    let (old, _) = new_case(&server, "h-queue-old", 24 * 40);
    for e in
        [event("acknowledged", 24 * 40 - 1, json!({})), event("accepted", 24 * 40 - 2, json!({}))]
    {
        let (status, _, raw) = post_event(&server, &old, Some(&token), &e);
        assert_eq!(status, 201, "{raw}");
    }
    let late =
        event("extension_granted", 1, json!({"working_days": 10, "approved_by": "dept_head"}));
    let (status, body, raw) = post_event(&server, &old, Some(&token), &late);
    assert_eq!(status, 409, "{raw}");
    assert_eq!(body["findings"][0]["code"], "handling.extension_late");
    assert_eq!(stored_events(&server, &old), 2);

    // A late acknowledgement is a fact to record, not a reason to refuse it.
    let (status, _, raw) =
        post_event(&server, &fresh, Some(&token), &event("acknowledged", 0, json!({})));
    assert_eq!(status, 201, "{raw}");

    let auth = format!("Bearer {token}");
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
fn staff_routes_need_a_staff_account() {
    let server = start("handling-closed");
    let (id, access) = new_case(&server, "h-closed-1", 0);
    let ack = event("acknowledged", 0, json!({}));
    for token in [None, Some("anything"), Some(access.as_str())] {
        let (status, body, raw) = post_event(&server, &id, token, &ack);
        assert_eq!((status, body["error"]["code"].as_str()), (401, Some("unauthorized")), "{raw}");
    }
    assert_eq!(request(&server.addr, "GET", "/v1/queue", &[], b"").0, 401);
    assert_eq!(get_with(&server.addr, "/v1/queue", &access).0, 401);
    assert_eq!(stored_events(&server, &id), 0);
}
