//! The handling lifecycle over the scenario files in `tests/cases/handling/`: each gives a case
//! (a base case with a patch), a record of events, `now` and a pack, and expects the stage, the
//! exact set of finding codes and the next actions in order — or a record error at a path.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options, View};
use serde_json::Value;
use support::{load_all, scenario_case};

fn options(scenario: &Value) -> Options {
    let now = parse_time("now", scenario["now"].as_str().unwrap()).unwrap();
    let mut opts = Options::at(now);
    opts.pack = scenario["pack"].as_str().map(str::to_string);
    opts.view = Some(serde_json::from_value(scenario["view"].clone()).unwrap_or(View::Staff));
    opts
}

#[test]
fn every_scenario_gives_its_stage_codes_and_next_actions() {
    let engine = Engine::new().unwrap();
    let scenarios = load_all("handling");
    assert!(scenarios.len() >= 20, "only {} scenarios", scenarios.len());
    let mut failures = Vec::new();
    for (name, s) in &scenarios {
        let result = engine.handling(scenario_case(s), &s["record"], &options(s));
        let expect = &s["expect"];
        if let Some(path) = expect["error_path"].as_str() {
            match result {
                Err(e) => {
                    if e.report().path != path {
                        failures.push(format!(
                            "{name}: error at {:?}, expected {path}",
                            e.report().path
                        ));
                    }
                }
                Ok(_) => failures.push(format!("{name}: no error, expected one at {path}")),
            }
            continue;
        }
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let mut codes: Vec<String> = report.findings.iter().map(|f| f.code.clone()).collect();
        codes.sort();
        codes.dedup();
        let mut want: Vec<String> =
            serde_json::from_value(expect["codes"].clone()).unwrap_or_default();
        want.sort();
        if codes != want {
            failures.push(format!("{name}: codes {codes:?}, expected {want:?}"));
        }
        if let Some(stage) = expect["stage"].as_str() {
            if report.stage != stage {
                failures.push(format!("{name}: stage {}, expected {stage}", report.stage));
            }
        }
        if let Some(actions) = expect["next_actions"].as_array() {
            let got: Vec<&str> = report.next_actions.iter().map(|a| a.action.as_str()).collect();
            let want: Vec<&str> = actions.iter().filter_map(Value::as_str).collect();
            if got != want {
                failures.push(format!("{name}: next actions {got:?}, expected {want:?}"));
            }
        }
        for (pointer, value) in expect["at"].as_object().into_iter().flatten() {
            let whole = serde_json::to_value(&report).unwrap();
            if whole.pointer(pointer) != Some(value) {
                failures.push(format!(
                    "{name}: {pointer} is {:?}, expected {value}",
                    whole.pointer(pointer)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_seed_has_an_end_to_end_flow() {
    let scenarios = load_all("handling");
    for seed in ["S000", "S001", "S002", "S003", "S004"] {
        assert!(
            scenarios
                .iter()
                .any(|(_, s)| s["flow"].as_array().is_some_and(|f| f.iter().any(|x| x == seed))),
            "no end-to-end flow for {seed}"
        );
    }
}

#[test]
fn every_finding_cites_a_clause_in_force_on_the_case_date() {
    let engine = Engine::new().unwrap();
    for (name, s) in load_all("handling") {
        let Ok(report) = engine.handling(scenario_case(&s), &s["record"], &options(&s)) else {
            continue;
        };
        let now = options(&s).now().unwrap();
        let pack = engine.pack(Some(&report.pack.id), now.date_naive()).unwrap();
        for f in &report.findings {
            let clause =
                pack.clauses.get(&f.clause).unwrap_or_else(|| panic!("{name}: {}", f.clause));
            assert!(
                clause.valid_from.is_none_or(|d| d <= now.date_naive()),
                "{name}: {}",
                f.clause
            );
            assert!(!f.message.zh.contains('{'), "{name}: unfilled {}", f.message.zh);
        }
    }
}

#[test]
fn the_complainant_view_hides_handler_findings_and_internal_steps() {
    let engine = Engine::new().unwrap();
    for (name, s) in load_all("handling") {
        let mut opts = options(&s);
        opts.view = Some(View::Complainant);
        let Ok(report) = engine.handling(scenario_case(&s), &s["record"], &opts) else { continue };
        assert!(report.route.is_none(), "{name}");
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.audience == complaint_rules::finding::Audience::Complainant),
            "{name}"
        );
        assert!(
            report.next_actions.iter().all(|a| !matches!(
                a.action.as_str(),
                "approve_compensation" | "escalate" | "archive"
            )),
            "{name}"
        );
    }
}

/// Every scenario's result in both views, as `tests/snapshots/handling.json` holds it; the JS test
/// checks the wasm build against the same file, so native and wasm give the same result.
#[test]
fn results_match_the_snapshot_the_wasm_test_reads() {
    let engine = Engine::new().unwrap();
    let mut all = serde_json::Map::new();
    for (name, s) in load_all("handling") {
        if !s["expect"]["error_path"].is_null() {
            continue;
        }
        let mut views = serde_json::Map::new();
        for view in [View::Staff, View::Complainant] {
            let mut opts = options(&s);
            opts.view = Some(view);
            let report = engine.handling(scenario_case(&s), &s["record"], &opts).unwrap();
            let key = serde_json::to_value(view).unwrap().as_str().unwrap().to_string();
            views.insert(key, serde_json::to_value(report).unwrap());
        }
        all.insert(name, Value::Object(views));
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/handling.json");
    let text = serde_json::to_string_pretty(&Value::Object(all)).unwrap() + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(stored == text, "{} differs; rerun with UPDATE_SNAPSHOTS=1 and review", path.display());
}

/// The statuses of `docs/handling-audit.md`, in the order of its count table's columns.
const AUDIT_STATUSES: [&str; 5] =
    ["checked", "partly", "missing", "not checkable", "not a handling duty"];

/// Scenario names a note of the audit cites: `name.json`, `name / _other.json` (a sibling with
/// the same prefix) and `prefix_*.json`; the flag says the name is a prefix.
fn audit_refs(note: &str) -> Vec<(String, bool)> {
    let b = note.as_bytes();
    let word_end = |mut j: usize| {
        while j < b.len() && (b[j].is_ascii_lowercase() || b[j].is_ascii_digit() || b[j] == b'_') {
            j += 1;
        }
        j
    };
    let text = |from: usize, to: usize| String::from_utf8_lossy(&b[from..to]).to_string();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if !(boundary && (b[i..].starts_with(b"ecom_") || b[i..].starts_with(b"tm_"))) {
            i += 1;
            continue;
        }
        let end = word_end(i);
        let first = text(i, end);
        let prefix = first.rsplit_once('_').map_or(first.clone(), |(p, _)| p.to_string());
        let mut names = vec![first];
        let mut k = end;
        while b[k..].starts_with(b" / _") {
            let e = word_end(k + 3);
            names.push(format!("{prefix}{}", text(k + 3, e)));
            k = e;
        }
        let glob = b[k..].starts_with(b"*.json");
        if glob || b[k..].starts_with(b".json") {
            out.extend(names.into_iter().map(|n| (n, glob)));
        }
        i = k.max(i + 1);
    }
    out
}

/// The scenarios a note cites, and the cited names no scenario file has.
fn audit_scenarios(note: &str, names: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut found, mut unknown) = (Vec::new(), Vec::new());
    for (name, prefix) in audit_refs(note) {
        let hits: Vec<String> = names
            .iter()
            .filter(|n| if prefix { n.starts_with(name.as_str()) } else { **n == name })
            .cloned()
            .collect();
        if hits.is_empty() {
            unknown.push(name);
        }
        found.extend(hits);
    }
    (found, unknown)
}

/// Tokens of an audit note that start with `lead` and run over `allowed` bytes, without a
/// trailing `.` or `-` (clause ids `H-…`, finding codes `handling.…`).
fn audit_tokens(note: &str, lead: &str, allowed: fn(u8) -> bool) -> Vec<String> {
    let b = note.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = note[i..].find(lead).map(|p| p + i) {
        let boundary = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
        let mut end = at + lead.len();
        while end < b.len() && allowed(b[end]) {
            end += 1;
        }
        let token = note[at..end].trim_end_matches(['.', '-']);
        if boundary && token.len() > lead.len() {
            out.push(token.to_string());
        }
        i = end;
    }
    out
}

/// Row ids a note defers to: "as S000-三-d", "as S002-二(五)2-a".
fn audit_see_also(note: &str) -> Vec<String> {
    note.match_indices("as S0")
        .map(|(at, _)| {
            let rest = &note[at + 3..];
            let end = rest.find([' ', ',', ';']).unwrap_or(rest.len());
            rest[..end].trim_end_matches('.').to_string()
        })
        .collect()
}

/// `docs/handling-audit.md` stays recountable and honest: its total row equals its rows counted
/// by status, every scenario a row cites exists, and a row marked checked cites scenarios (itself
/// or through the row it defers to) whose snapshot shows one of the clauses or finding codes the
/// row names — as a finding or an open next action.
#[test]
fn the_audit_counts_its_rows_and_its_checked_rows_fire() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/handling-audit.md")).unwrap();
    let snapshot: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/snapshots/handling.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<String> = load_all("handling").into_iter().map(|(n, _)| n).collect();
    let mut rows = std::collections::BTreeMap::new();
    let mut total_row = None;
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if line.starts_with("| **total** |") {
            total_row = Some(cells[3..8].iter().map(|c| c.trim_matches('*').to_string()).collect());
        } else if line.starts_with("| S0") && cells.len() == 7 {
            rows.insert(cells[1].to_string(), (cells[4].trim_matches('*'), cells[5]));
        }
    }
    let mut counts = [0usize; 5];
    let mut problems = Vec::new();
    for (id, (status, note)) in &rows {
        match AUDIT_STATUSES.iter().position(|s| s == status) {
            Some(at) => counts[at] += 1,
            None => problems.push(format!("{id}: status {status:?}")),
        }
        let (mut scenarios, unknown) = audit_scenarios(note, &names);
        problems.extend(unknown.iter().map(|n| format!("{id}: no scenario {n}")));
        if *status != "checked" {
            continue;
        }
        let see_also: Vec<&str> =
            audit_see_also(note).iter().filter_map(|r| rows.get(r)).map(|(_, n)| *n).collect();
        scenarios.extend(see_also.iter().flat_map(|n| audit_scenarios(n, &names).0));
        let notes: Vec<&str> = std::iter::once(*note).chain(see_also).collect();
        let clause_char =
            |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'.' || c == b'-';
        let clauses: Vec<String> =
            notes.iter().flat_map(|n| audit_tokens(n, "H-", clause_char)).collect();
        // A row naming a clause must show that clause; otherwise one of the codes it names.
        let wanted = if clauses.is_empty() {
            notes
                .iter()
                .flat_map(|n| audit_tokens(n, "handling.", |c| c.is_ascii_lowercase() || c == b'_'))
                .collect()
        } else {
            clauses
        };
        let shown = scenarios.iter().any(|s| {
            let staff = &snapshot[s.as_str()]["staff"];
            let findings = staff["findings"].as_array().into_iter().flatten();
            let actions = staff["next_actions"].as_array().into_iter().flatten();
            findings
                .flat_map(|f| [&f["clause"], &f["code"]])
                .chain(actions.map(|a| &a["clause"]))
                .any(|v| v.as_str().is_some_and(|v| wanted.iter().any(|w| w == v)))
        });
        if !shown {
            problems.push(format!("{id}: checked, but no cited scenario shows {wanted:?}"));
        }
    }
    let counted: Vec<String> = counts.iter().map(ToString::to_string).collect();
    assert_eq!(total_row, Some(counted), "the total row does not match the rows");
    assert!(counts[0] > 0 && problems.is_empty(), "{}", problems.join("\n"));
}
