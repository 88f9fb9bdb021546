//! `complaint-rules handle` end to end: the scenario files as JSON lines in, one evaluation per
//! line out — the same JSON the library gives — and `invalid` lines for bad input.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options, View};
use serde_json::{json, Value};

fn handle(args: &[&str], input: &str) -> (Vec<Value>, std::process::ExitStatus) {
    let out = support::run_cli(&[&["handle"], args].concat(), input);
    let text = String::from_utf8(out.stdout).unwrap();
    (text.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), out.status)
}

/// Scenario files of one pack evaluated at one `now` (the CLI takes `now` and the pack per run).
#[test]
fn the_cli_gives_what_the_library_gives_in_both_views() {
    let engine = Engine::new().unwrap();
    let now = "2026-04-01T10:00:00+08:00";
    let scenarios: Vec<(String, Value)> = support::load_all("handling")
        .into_iter()
        .filter(|(_, s)| s["pack"] == "trading-member" && s["expect"]["error_path"].is_null())
        .collect();
    assert!(scenarios.len() >= 5);
    let input: String = scenarios
        .iter()
        .map(|(_, s)| {
            json!({"case": support::scenario_case(s), "record": s["record"]}).to_string() + "\n"
        })
        .collect();
    for view in [View::Staff, View::Complainant] {
        let name = serde_json::to_value(view).unwrap();
        let (lines, status) = handle(
            &["--pack", "trading-member", "--now", now, "--view", name.as_str().unwrap()],
            &input,
        );
        assert!(status.success());
        assert_eq!(lines.len(), scenarios.len());
        for ((file, s), line) in scenarios.iter().zip(&lines) {
            let mut opts = Options::at(parse_time("now", now).unwrap());
            opts.pack = Some("trading-member".into());
            opts.view = Some(view);
            let native = engine.handling(support::scenario_case(s), &s["record"], &opts).unwrap();
            assert_eq!(line, &serde_json::to_value(&native).unwrap(), "{file} {view:?}");
            assert_eq!(line["view"], name);
        }
    }
}

#[test]
fn bad_lines_are_invalid_and_the_run_goes_on() {
    let good =
        json!({"case": {"submitted_at": "2026-03-02T09:00:00+08:00"}, "record": {"events": []}});
    let bad_event = json!({"case": {}, "record": {"events": [{"type": "accepted", "at": "soon", "by": {"role": "cs"}}]}});
    let input = format!("{good}\n{{oops\n{bad_event}\n{}\n", json!({"record": {"events": []}}));
    let (lines, status) = handle(&["--now", "2026-03-02T20:00:00+08:00"], &input);
    assert!(status.success());
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["stage"], "submitted");
    assert_eq!(lines[0]["next_actions"][0]["action"], "acknowledge");
    assert_eq!(lines[1]["status"], "invalid");
    assert_eq!(lines[1]["error"]["code"], "json");
    assert_eq!(lines[2]["error"]["code"], "shape");
    assert_eq!(lines[2]["error"]["path"], "/events/0/at");
    assert!(lines[2]["error"]["message"]["zh"].as_str().unwrap().contains("第 0 个事件"));
    assert_eq!(lines[3]["error"]["path"], "/case");
}

#[test]
fn a_bad_view_fails_the_run() {
    let out = support::run_cli(&["handle", "--view", "manager"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--view"));
}
