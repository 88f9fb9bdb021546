//! The store contract, run on SQLite always and on PostgreSQL when `CR_TEST_POSTGRES_URL` names
//! a server (`scripts/postgres.sh start` prints one).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::Arc;

use serde_json::json;

use super::*;

/// A fresh store of each kind available, named after the test.
async fn stores(name: &str) -> Vec<Arc<dyn Store>> {
    let dir = std::env::temp_dir().join(format!("cr-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = vec![open(dir.join("unit.sqlite").to_str().unwrap(), 4).await.unwrap()];
    if let Ok(url) = std::env::var("CR_TEST_POSTGRES_URL") {
        let db = format!("cr_unit_{}_{name}", std::process::id());
        let (client, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).await.unwrap();
        client.batch_execute(&format!("CREATE DATABASE {db}")).await.unwrap();
        let base = url.rsplit_once('/').unwrap().0;
        all.push(open(&format!("{base}/{db}"), 8).await.unwrap());
    } else {
        eprintln!("store tests: CR_TEST_POSTGRES_URL not set, SQLite only");
    }
    all
}

fn case(id: &str, key: &str) -> NewCase {
    NewCase {
        id: id.into(),
        key: key.into(),
        received_at: format!("2026-11-23T10:00:00.000+08:00 {id}"),
        envelope: json!({"pack": {"id": "ecommerce"}}),
        case_masked: json!({"complainant": {"name": "张*"}}),
        case_sealed: "00".into(),
        key_id: "k1".into(),
        token_hash: "h".into(),
        response: json!({"id": id}),
    }
}

fn event(case_id: &str, kind: &str) -> NewEvent {
    NewEvent {
        id: crate::server::secrets::new_id("event").unwrap(),
        case_id: case_id.into(),
        kind: kind.into(),
        at: "2026-11-23T10:00:00+08:00".into(),
        by_role: "staff".into(),
        by_id: "staff-1".into(),
        payload: json!({"note": "x"}),
        recorded_at: "2026-11-23T10:00:01+08:00".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_key_is_stored_once_even_when_racing() {
    for store in stores("race").await {
        assert_eq!(store.insert_case(&case("a", "k")).await.unwrap(), Stored::Created);
        let mut other = case("b", "k");
        other.response = json!({"id": "b"});
        assert_eq!(store.insert_case(&other).await.unwrap(), Stored::Existing(json!({"id": "a"})));
        assert!(store.get_case("b").await.unwrap().is_none());
        let got = store.get_case("a").await.unwrap().unwrap();
        assert_eq!(
            (got.key_id.as_str(), got.case_masked["complainant"]["name"].as_str()),
            ("k1", Some("张*"))
        );
        // 32 racers on one new key: one Created, the rest see the winner's response.
        let racers: Vec<_> = (0..32)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store.insert_case(&case(&format!("r{i}"), "race")).await.unwrap()
                })
            })
            .collect();
        let mut created = 0;
        let mut winners = std::collections::BTreeSet::new();
        for r in racers {
            match r.await.unwrap() {
                Stored::Created => created += 1,
                Stored::Existing(v) => {
                    winners.insert(v["id"].to_string());
                }
            }
        }
        assert_eq!(created, 1);
        assert!(winners.len() <= 1, "{winners:?}");
        assert!(store.response_for_key("race").await.unwrap().is_some());
        store.ping().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn events_get_unique_per_case_sequence_numbers_and_cannot_be_edited() {
    for store in stores("events").await {
        store.insert_case(&case("c1", "k1")).await.unwrap();
        store.insert_case(&case("c2", "k2")).await.unwrap();
        // Twelve rounds of four writers racing on the same expected count: one wins each round.
        for round in 0..12 {
            let appends: Vec<_> = (0..4)
                .map(|i| {
                    let store = store.clone();
                    tokio::spawn(async move {
                        let e = event("c1", &format!("t{round}-{i}"));
                        store.append_event_after(&e, round).await.unwrap()
                    })
                })
                .collect();
            let mut won = 0;
            for a in appends {
                if let Some(e) = a.await.unwrap() {
                    assert_eq!(e.seq, round + 1);
                    won += 1;
                }
            }
            assert_eq!(won, 1, "round {round}");
        }
        let events = store.events("c1").await.unwrap();
        assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=12).collect::<Vec<_>>());
        assert_eq!(events[0].payload, json!({"note": "x"}));
        assert_eq!(
            store.append_event_after(&event("c2", "closed"), 0).await.unwrap().unwrap().seq,
            1
        );
        // An event of a case that does not exist is refused by the foreign key.
        assert!(store.append_event_after(&event("nope", "x"), 0).await.is_err());
        // Open cases: c2's latest event closes it.
        let open = store.open_cases(&["closed".to_string()], 10).await.unwrap();
        assert_eq!(open.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c1"]);
        assert!(open[0].last_event.as_deref().is_some_and(|t| t.starts_with('t')), "{open:?}");
        assert_eq!(store.open_cases(&[], 1).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn staff_audit_and_rate_counters() {
    for store in stores("staff").await {
        let staff = Staff {
            id: "s1".into(),
            name: "王五".into(),
            role: "admin".into(),
            created_at: "t".into(),
        };
        store.add_staff(&staff, "hash1").await.unwrap();
        assert!(
            store.add_staff(&Staff { id: "s2".into(), ..staff.clone() }, "hash2").await.is_err(),
            "names are unique"
        );
        assert_eq!(store.staff_by_token("hash1").await.unwrap(), Some(staff));
        assert_eq!(store.staff_by_token("hash2").await.unwrap(), None);
        let entry = AuditEntry {
            at: "t".into(),
            staff_id: "s1".into(),
            role: "admin".into(),
            action: "read_case".into(),
            case_id: Some("c".into()),
            outcome: 200,
        };
        store.audit(&entry).await.unwrap();
        store
            .audit(&AuditEntry { action: "read_audit".into(), case_id: None, ..entry.clone() })
            .await
            .unwrap();
        let log = store.audit_log(10).await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!((log[0].action.as_str(), &log[1]), ("read_audit", &entry));
        assert_eq!(store.hit("1.2.3.4", 60).await.unwrap(), 1);
        assert_eq!(store.hit("1.2.3.4", 60).await.unwrap(), 2);
        assert_eq!(store.hit("5.6.7.8", 60).await.unwrap(), 1);
        assert_eq!(store.hit("1.2.3.4", 120).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn the_audit_log_and_the_event_log_refuse_updates_and_deletes_in_sqlite() {
    let dir = std::env::temp_dir().join(format!("cr-store-{}-append-only", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unit.sqlite");
    let store = open(path.to_str().unwrap(), 1).await.unwrap();
    store.insert_case(&case("c1", "k1")).await.unwrap();
    store.append_event_after(&event("c1", "t"), 0).await.unwrap();
    let entry = AuditEntry {
        at: "t".into(),
        staff_id: "s1".into(),
        role: "staff".into(),
        action: "read_case".into(),
        case_id: None,
        outcome: 200,
    };
    store.audit(&entry).await.unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE audit_log SET outcome = 0",
        "DELETE FROM audit_log",
        "UPDATE case_events SET type = 'x'",
        "DELETE FROM case_events",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(store.audit_log(10).await.unwrap(), vec![entry]);
    // Reopening applies no migration twice.
    drop(store);
    let again = open(path.to_str().unwrap(), 1).await.unwrap();
    assert_eq!(again.events("c1").await.unwrap().len(), 1);
    let versions: i64 =
        conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(versions, 1);
}
