//! A loopback load generator for the intake backend (docs/scale.md):
//! `cargo run --profile bench --example intake_load -- ADDR[,ADDR…] POSTS CLIENTS`
//! posts POSTS distinct valid envelopes from CLIENTS threads, spread round-robin over the
//! addresses (several `serve` processes on one database), one connection per post, and prints one
//! JSON line: accepted posts per second, p50 / p99 / max latency in ms, and the status counts.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{SecondsFormat, TimeDelta, Utc};
use complaint_rules::engine::{china_offset, Engine, Options};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addrs: Vec<String> = args
        .first()
        .ok_or("usage: ADDR[,ADDR] POSTS CLIENTS")?
        .split(',')
        .map(str::to_string)
        .collect();
    let posts: usize = args.get(1).map_or(Ok(2000), |s| s.parse())?;
    let clients: usize = args.get(2).map_or(Ok(16), |s| s.parse())?;
    let template = envelope_template()?;
    let next = AtomicUsize::new(0);
    let samples: Mutex<Vec<(u16, Duration)>> = Mutex::new(Vec::with_capacity(posts));
    let run = format!("{:x}", Utc::now().timestamp_micros());
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= posts {
                    break;
                }
                let key = format!("load-{run}-{i}");
                let body = template.replace("KEY-PLACEHOLDER", &key);
                let addr = addrs.get(i % addrs.len()).map_or("", String::as_str);
                let t = Instant::now();
                let status = post(addr, &key, &body).unwrap_or(0);
                if let Ok(mut v) = samples.lock() {
                    v.push((status, t.elapsed()));
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let samples = samples.into_inner().map_err(|_| "poisoned")?;
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    for (status, _) in &samples {
        *by_status.entry(*status).or_default() += 1;
    }
    let mut ok: Vec<Duration> =
        samples.iter().filter(|(s, _)| *s == 201).map(|(_, d)| *d).collect();
    ok.sort();
    let pct = |p: f64| {
        let idx = ((ok.len() as f64 - 1.0) * p).round() as usize;
        ok.get(idx).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let line = json!({
        "processes": addrs.len(),
        "posts": posts,
        "clients": clients,
        "seconds": elapsed.as_secs_f64(),
        "accepted_per_s": ok.len() as f64 / elapsed.as_secs_f64(),
        "p50_ms": pct(0.5),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
        "status": by_status,
    });
    println!("{line}");
    Ok(())
}

/// A valid envelope (the base case, dated around now) with `KEY-PLACEHOLDER` as its key.
fn envelope_template() -> Result<String, Box<dyn std::error::Error>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/base/natural_ecommerce.json");
    let mut case: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let now = Utc::now().with_timezone(&china_offset());
    let at =
        |hours: i64| (now - TimeDelta::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, false);
    case["order"]["paid_at"] = json!(at(24 * 5));
    case["order"]["delivered_at"] = json!(at(24 * 3));
    case["occurred_at"] = json!(at(24 * 3 - 1));
    case["submitted_at"] = json!(at(1));
    let preview = serde_json::to_value(Engine::new()?.preview(case.clone(), &Options::at(now))?)?;
    Ok(json!({
        "schema": "complaint-rules/envelope@1",
        "case": case,
        "preview_summary": preview["summary"],
        "pack": preview["pack"],
        "idempotency_key": "KEY-PLACEHOLDER",
        "client_time": now.to_rfc3339(),
    })
    .to_string())
}

/// One POST on a fresh connection; the status, or an error.
fn post(addr: &str, key: &str, body: &str) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        s,
        "POST /v1/cases HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer)?;
    let text = String::from_utf8_lossy(&answer);
    Ok(text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0))
}
