//! Helpers shared by the integration tests: reading the data files under `tests/cases/`, and
//! running the built binary on stdin.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// `tests/cases/<sub>`.
pub fn cases_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(sub)
}

/// Every `*.json` file in `tests/cases/<sub>`, sorted, parsed.
pub fn load_all(sub: &str) -> Vec<(String, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir(sub))
        .unwrap_or_else(|e| panic!("read tests/cases/{sub}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            (name, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect()
}

/// A base case from `tests/cases/base/<name>.json`.
pub fn base_case(name: &str) -> Value {
    let text = std::fs::read_to_string(cases_dir("base").join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// RFC 7386 JSON merge patch.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            let t = target.as_object_mut().unwrap();
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// The case a scenario file describes: its `base` (or `{}`) with its `patch` applied.
pub fn scenario_case(scenario: &Value) -> Value {
    let mut case = match scenario["base"].as_str() {
        Some(name) => base_case(name),
        None => Value::Object(Default::default()),
    };
    merge_patch(&mut case, &scenario["patch"]);
    case
}

/// The options of a preview scenario (keys `now`, `pack`, `overrides`, `handling`, `view`: staff
/// unless it says complainant), with findings in `locale`.
pub fn scenario_options(
    scenario: &Value,
    locale: complaint_rules::finding::Locale,
) -> complaint_rules::engine::Options {
    let s = scenario;
    complaint_rules::engine::Options {
        now: Some(complaint_rules::engine::parse_time("now", s["now"].as_str().unwrap()).unwrap()),
        pack: s["pack"].as_str().map(str::to_string),
        overrides: serde_json::from_value(s.get("overrides").cloned().unwrap_or_default())
            .unwrap_or_default(),
        handling: serde_json::from_value(
            s.get("handling").cloned().unwrap_or(Value::Object(Default::default())),
        )
        .unwrap(),
        locale,
        view: Some(
            serde_json::from_value(s.get("view").cloned().unwrap_or("staff".into())).unwrap(),
        ),
        ..complaint_rules::engine::Options::default()
    }
}

/// Runs the built `complaint-rules` binary with `args`, feeding `input` on stdin from another
/// thread (so a large input cannot deadlock against a full stdout pipe); returns its output.
pub fn run_cli(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_complaint-rules"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // A run that refuses its options exits without reading its input; when it has exited before
    // the input is written, the pipe is closed: that is not a failure of the run.
    let feeder = std::thread::spawn(move || match stdin.write_all(input.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}
