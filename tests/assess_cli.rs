//! `complaint-rules assess` end to end: JSON lines in, one preview (or `invalid`) per line out.

mod support;

use serde_json::{json, Value};

/// Runs `assess` with `args` on `input`; returns the output lines parsed and the exit status.
fn assess(args: &[&str], input: &str) -> (Vec<Value>, std::process::ExitStatus) {
    let out = support::run_cli(&[&["assess"], args].concat(), input);
    let text = String::from_utf8(out.stdout).unwrap();
    (text.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), out.status)
}

fn codes(p: &Value) -> Vec<&str> {
    p["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect()
}

#[test]
fn wrapped_plain_and_bad_lines_give_one_line_each() {
    let s: Value = serde_json::from_str(
        &std::fs::read_to_string(support::cases_dir("preview").join("appeal_ai_only.json"))
            .unwrap(),
    )
    .unwrap();
    let case = support::scenario_case(&s);
    let wrapped = json!({"case": case, "handling": s["handling"]});
    let input = format!("{wrapped}\n{case}\n{{\"case\": oops\n\n[1, 2]\n");
    let (lines, status) = assess(&["--now", s["now"].as_str().unwrap(), "--locale", "en"], &input);
    assert!(status.success());
    assert_eq!(lines.len(), 4, "one line per non-empty input line: {lines:?}");

    let [with_handling, plain, bad_json, not_object] = &lines[..] else { unreachable!() };
    assert!(codes(with_handling).contains(&"appeal.ai_only"), "{:?}", codes(with_handling));
    // The handler's breach is shown to staff (the default view) but never blocks the complainant.
    let ai_only = with_handling["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "appeal.ai_only")
        .unwrap();
    assert_eq!((&ai_only["severity"], &ai_only["audience"]), (&json!("error"), &json!("handler")));
    assert_eq!(with_handling["status"], "ready");
    assert_eq!(with_handling["view"], "staff");
    assert!(!codes(plain).contains(&"appeal.ai_only"), "{:?}", codes(plain));
    assert_eq!(plain["status"], "ready");
    for p in [with_handling, plain] {
        let routes: Vec<&str> = p["route"]["applied"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(routes, ["amount_below", "follow_up"]);
        assert_eq!(p["render"]["locale"], "en");
        assert_eq!(p["summary"]["status"], p["status"]);
        assert_eq!(p["summary"]["pack"]["id"], "ecommerce");
    }
    assert_eq!(bad_json["status"], "invalid");
    assert_eq!(bad_json["error"]["code"], "json");
    assert_eq!(not_object["status"], "invalid");
    assert_eq!(not_object["error"]["code"], "shape");
}

#[test]
fn complainant_view_leaves_out_the_handlers_findings_and_routes() {
    let s: Value = serde_json::from_str(
        &std::fs::read_to_string(support::cases_dir("preview").join("appeal_ai_only.json"))
            .unwrap(),
    )
    .unwrap();
    let wrapped = json!({"case": support::scenario_case(&s), "handling": s["handling"]});
    let now = s["now"].as_str().unwrap();
    let (staff, _) = assess(&["--now", now], &format!("{wrapped}\n"));
    let (mine, status) = assess(&["--now", now, "--view", "complainant"], &format!("{wrapped}\n"));
    assert!(status.success());
    assert_eq!(mine[0]["view"], "complainant");
    assert!(codes(&staff[0]).contains(&"appeal.ai_only"));
    assert!(!codes(&mine[0]).contains(&"appeal.ai_only"), "{:?}", codes(&mine[0]));
    assert!(mine[0]["findings"].as_array().unwrap().iter().all(|f| f["audience"] == "complainant"));
    assert_eq!(mine[0]["route"]["applied"], json!([]));
    assert_eq!(mine[0]["summary"], staff[0]["summary"], "the digest does not depend on the view");
    let (bad, status) = assess(&["--now", now, "--view", "regulator"], &format!("{wrapped}\n"));
    assert!(!status.success() && bad.is_empty());
}

#[test]
fn overrides_pack_and_bad_options() {
    let case = support::base_case("natural_ecommerce");
    let line = json!({"case": case, "overrides": {"severity": {"level": "major", "by": "staff"}}});
    let (lines, status) = assess(&["--now", "2026-11-20T09:30:00+08:00"], &format!("{line}\n"));
    assert!(status.success());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["summary"]["severity"], "major");
    assert_eq!(lines[0]["render"]["locale"], "zh-CN");

    let bad_overrides = json!({"case": case, "overrides": {"colour": "red"}});
    let (lines, _) =
        assess(&["--now", "2026-11-20T09:30:00+08:00"], &format!("{bad_overrides}\n{case}\n"));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], "invalid");
    assert_ne!(lines[1]["status"], "invalid");

    let (lines, _) = assess(
        &["--now", "2026-11-20T09:30:00+08:00", "--pack", "trading-member"],
        &format!("{case}\n"),
    );
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["summary"]["pack"]["id"], "trading-member");

    let (lines, status) =
        assess(&["--now", "2026-11-20T09:30:00+08:00", "--locale", "fr"], &format!("{case}\n"));
    assert!(!status.success());
    assert!(lines.is_empty());
}
