//! The batch subcommands (`assess`, `validate`, `classify`) over many lines: output in input
//! order with several jobs (equal to one job's), the summary on stderr, no progress bar when
//! stderr is not a terminal.

mod support;

use serde_json::{json, Value};

const NOW: &str = "2026-11-23T10:00:00+08:00";

/// Runs the binary with `args` on `input`; returns stdout and stderr.
fn run(args: &[&str], input: &str) -> (String, String) {
    let out = support::run_cli(args, input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// `n` lines: base cases with a numbered order id and varying problems, some bad lines between.
fn lines(n: usize) -> (String, usize) {
    let bases = ["natural_ecommerce", "legal_ecommerce", "natural_trading", "legal_trading"];
    let mut out = String::new();
    let mut invalid = 0;
    for i in 0..n {
        if i % 97 == 13 {
            out.push_str("{not json\n");
            invalid += 1;
            continue;
        }
        let mut case = support::base_case(bases[i % bases.len()]);
        case["order"]["id"] = json!(format!("E{i:08}"));
        if i % 3 == 0 {
            case["complainant"]["mobile"] = json!("1381234");
        }
        out.push_str(&format!("{case}\n"));
    }
    (out, invalid)
}

#[test]
fn many_lines_come_out_in_input_order_with_several_jobs() {
    let (input, invalid) = lines(1500);
    let (one, _) = run(&["validate", "--now", NOW, "--jobs", "1"], &input);
    let (four, stderr) = run(&["validate", "--now", NOW, "--jobs", "4"], &input);
    assert_eq!(one, four, "--jobs 4 must write exactly what --jobs 1 writes");
    let results: Vec<Value> = four.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 1500);
    for (i, r) in results.iter().enumerate() {
        if i % 97 == 13 {
            assert_eq!(r["status"], "invalid", "line {i}");
        } else {
            assert_eq!(r["normalized"]["order"]["id"], format!("E{i:08}"), "line {i} out of order");
        }
    }
    assert!(stderr.contains(&format!("invalid {invalid}")), "{stderr}");
}

/// `--no-normalized`: every line is the default line without its `normalized` member (bad
/// lines unchanged), and the summary is the same.
#[test]
fn no_normalized_lines_are_the_default_lines_without_the_case() {
    let (input, _) = lines(200);
    let (whole, whole_summary) = run(&["validate", "--now", NOW, "--jobs", "2"], &input);
    let (brief, brief_summary) =
        run(&["validate", "--now", NOW, "--jobs", "2", "--no-normalized"], &input);
    let parse = |text: &str| -> Vec<Value> {
        text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let (whole, brief) = (parse(&whole), parse(&brief));
    assert_eq!(whole.len(), brief.len());
    let mut with_case = 0;
    for (i, (mut w, b)) in whole.into_iter().zip(brief).enumerate() {
        with_case += usize::from(w.as_object_mut().unwrap().remove("normalized").is_some());
        assert_eq!(b, w, "line {i}");
    }
    assert!(with_case > 150, "{with_case} lines had a normalised case");
    let counts =
        |s: &str| s.lines().filter(|l| !l.contains("lines/s")).collect::<Vec<_>>().join("\n");
    assert_eq!(counts(&brief_summary), counts(&whole_summary));
}

#[test]
fn the_summary_counts_statuses_and_categories() {
    let (input, invalid) = lines(300);
    let (out, stderr) = run(&["assess", "--now", NOW, "--jobs", "2"], &input);
    let results: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let count = |s: &str| results.iter().filter(|r| r["status"] == s).count();
    assert_eq!(count("invalid"), invalid);
    assert!(stderr.contains("complaint-rules assess: 300 lines in "), "{stderr}");
    for status in ["ready", "blocked", "invalid"] {
        let n = count(status);
        if n > 0 {
            assert!(
                stderr.contains(&format!("{status} {n}")),
                "{status} {n} missing from {stderr}"
            );
        }
    }
    let mut categories = std::collections::BTreeMap::<String, usize>::new();
    for r in &results {
        if let Some(id) = r.pointer("/classification/category/id").and_then(Value::as_str) {
            *categories.entry(id.to_string()).or_default() += 1;
        }
    }
    assert!(!categories.is_empty());
    for (id, n) in categories {
        assert!(stderr.contains(&format!("{id} {n}")), "category {id} {n} missing from {stderr}");
    }
}

#[test]
fn classify_batches_keep_ids_in_order_and_stderr_has_no_progress_bar_when_piped() {
    let input: String = (0..700)
        .map(|i| format!("{}\n", json!({"id": i, "text": "收到的手机屏幕有裂痕，要求退款"})))
        .collect();
    let (out, stderr) = run(&["classify", "--jobs", "3"], &input);
    let ids: Vec<i64> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, (0..700).collect::<Vec<i64>>());
    // Only the summary: no spinner frames or carriage returns when stderr is a pipe.
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(stderr.starts_with("complaint-rules classify: 700 lines in "), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 3, "{stderr:?}");
}
