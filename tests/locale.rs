//! The `locale` option (issue 20): with one language, every finding's message carries only that
//! language's text — exactly the text of the both-languages run — and nothing else of the result
//! changes (but the preview's rendering, which follows the locale); without the option (or with
//! `both`) every message has both; a bad value is the option error naming `locale`. For
//! validation, preview, handling and the deadline timeline, over every scenario file.

mod support;

use complaint_rules::deadline::CaseTimes;
use complaint_rules::engine::{parse_time, Engine, Options, View};
use complaint_rules::error::EngineError;
use complaint_rules::finding::Locale;
use serde::Serialize;
use serde_json::Value;

/// Every `message` object of `v` (a finding's, a route's), with its JSON pointer.
fn messages<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let here = format!("{at}/{k}");
                if k == "message" && child.is_object() {
                    out.push((here, child));
                } else {
                    messages(child, here, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                messages(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `v` with every message cut to `lang` (`zh` or `en`).
fn cut(v: &Value, lang: &str) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, child)| {
                    let cut_child = if k == "message" && child.is_object() {
                        serde_json::json!({ lang: child[lang].clone() })
                    } else {
                        cut(child, lang)
                    };
                    (k.clone(), cut_child)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|c| cut(c, lang)).collect()),
        other => other.clone(),
    }
}

/// Checks the three runs of one call: `both` has both languages in every message, and each
/// one-language run is `both` with its messages cut to that language. Returns the number of
/// messages. `render` (the preview's) follows the locale, so it is compared only for zh-CN.
fn check_runs<T: Serialize>(what: &str, both: &T, zh: &T, en: &T) -> usize {
    let both = serde_json::to_value(both).unwrap();
    let mut all = Vec::new();
    messages(&both, String::new(), &mut all);
    for (at, m) in &all {
        let keys: Vec<&String> = m.as_object().unwrap().keys().collect(); // sorted
        assert_eq!(keys, ["en", "zh"], "{what}: {at} both languages by default");
        assert!(!m["zh"].as_str().unwrap().is_empty() && !m["en"].as_str().unwrap().is_empty());
    }
    let without_render = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("render");
        }
        v
    };
    assert_eq!(serde_json::to_value(zh).unwrap(), cut(&both, "zh"), "{what}: zh-CN");
    assert_eq!(
        without_render(&serde_json::to_value(en).unwrap()),
        without_render(&cut(&both, "en")),
        "{what}: en"
    );
    all.len()
}

fn now(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    parse_time("now", text).unwrap()
}

#[test]
fn validation_messages_in_the_locale_asked() {
    let engine = Engine::new().unwrap();
    let (mut total, mut several) = (0, 0);
    for (name, s) in support::load_all("validate") {
        let run = |locale| {
            let opts = Options {
                pack: s["pack"].as_str().map(str::to_string),
                locale,
                ..Options::at(now(s["now"].as_str().unwrap()))
            };
            engine.validate_value(support::scenario_case(&s), &opts).unwrap()
        };
        let n = check_runs(&name, &run(Locale::Both), &run(Locale::ZhCn), &run(Locale::En));
        total += n;
        several += usize::from(n >= 2);
    }
    // A shape problem too (its message comes from another path than the rules').
    let case = serde_json::json!({"complainant": {"mobile": 5}, "facts": []});
    let run = |locale| {
        let opts = Options { locale, ..Options::at(now("2026-11-23T10:00:00+08:00")) };
        engine.validate_value(case.clone(), &opts).unwrap()
    };
    let both = run(Locale::Both);
    assert!(both.problems.iter().any(|p| p.code == "field.type"));
    total += check_runs("shape", &both, &run(Locale::ZhCn), &run(Locale::En));
    assert!(several >= 5 && total >= 60, "{several} scenarios with several, {total} messages");
}

#[test]
fn preview_and_session_messages_in_the_locale_asked() {
    let engine = Engine::new().unwrap();
    let (mut total, mut routes) = (0, 0);
    for (name, s) in support::load_all("preview") {
        let run = |locale| {
            let opts = support::scenario_options(&s, locale);
            engine.preview(support::scenario_case(&s), &opts).unwrap()
        };
        let (both, zh, en) = (run(Locale::Both), run(Locale::ZhCn), run(Locale::En));
        assert_eq!(both.render, zh.render, "{name}: both renders in zh-CN");
        assert_eq!(serde_json::to_value(en.render.locale).unwrap(), "en");
        routes += both.route.applied.len();
        total += check_runs(&name, &both, &zh, &en);
    }
    assert!(total >= 200 && routes >= 1, "{total} messages, {routes} routes");

    // A session keeps its options' locale for every edit.
    let at = |locale| Options { locale, ..Options::at(now("2026-11-23T10:00:00+08:00")) };
    let mut sessions: Vec<_> = [Locale::Both, Locale::ZhCn, Locale::En]
        .into_iter()
        .map(|l| {
            complaint_rules::session::Session::new(&engine, serde_json::json!({}), at(l)).unwrap()
        })
        .collect();
    let changes: Vec<_> = sessions
        .iter_mut()
        .map(|s| s.set("/complainant/mobile", "1381234".into()).unwrap())
        .collect();
    check_runs("session set", &changes[0], &changes[1], &changes[2]);
    let findings: Vec<_> = sessions.iter().map(|s| s.findings()).collect();
    assert!(check_runs("session findings", &findings[0], &findings[1], &findings[2]) >= 5);
}

#[test]
fn handling_messages_in_the_locale_asked() {
    let engine = Engine::new().unwrap();
    let (mut total, mut several) = (0, 0);
    for (name, s) in support::load_all("handling") {
        let run = |locale| {
            let mut opts = Options::at(now(s["now"].as_str().unwrap()));
            opts.pack = s["pack"].as_str().map(str::to_string);
            opts.view = Some(serde_json::from_value(s["view"].clone()).unwrap_or(View::Staff));
            opts.locale = locale;
            engine.handling(support::scenario_case(&s), &s["record"], &opts)
        };
        let Ok(both) = run(Locale::Both) else { continue };
        let n = check_runs(&name, &both, &run(Locale::ZhCn).unwrap(), &run(Locale::En).unwrap());
        total += n;
        several += usize::from(n >= 2);
    }
    assert!(several >= 3 && total >= 20, "{several} scenarios with several, {total} messages");
}

#[test]
fn deadline_messages_in_the_locale_asked() {
    let engine = Engine::new().unwrap();
    let text =
        std::fs::read_to_string(support::cases_dir("deadlines").join("timelines.jsonl")).unwrap();
    let (mut total, mut several) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let s: Value = serde_json::from_str(line).unwrap();
        let times = CaseTimes::from_json(&s["times"].to_string()).unwrap();
        let run = |locale| {
            let opts = Options { locale, ..Options::at(now(s["now"].as_str().unwrap())) };
            engine.deadlines(&times, &opts).unwrap()
        };
        let name = s["name"].as_str().unwrap();
        let n = check_runs(name, &run(Locale::Both), &run(Locale::ZhCn), &run(Locale::En));
        total += n;
        several += usize::from(n >= 2);
    }
    assert!(several >= 3 && total >= 10, "{several} scenarios with several, {total} messages");
}

#[test]
fn a_bad_locale_is_the_option_error_naming_locale() {
    for bad in ["fr", "zh", "EN", "", "zh-cn"] {
        let err = bad.parse::<Locale>().unwrap_err();
        assert!(matches!(&err, EngineError::Option { name, .. } if name == "locale"), "{bad}");
        let report = err.report();
        assert_eq!((report.code, report.path.as_str()), ("option", "locale"));
        assert!(!report.message.zh.is_empty() && !report.message.en.is_empty(), "bilingual");
    }
    for (text, locale) in [("zh-CN", Locale::ZhCn), ("en", Locale::En), ("both", Locale::Both)] {
        assert_eq!(text.parse::<Locale>().unwrap(), locale);
        assert_eq!(serde_json::to_value(locale).unwrap(), text);
    }
    assert_eq!(Locale::default(), Locale::Both);
}

#[test]
fn the_cli_takes_locale() {
    let case = serde_json::json!({"complainant": {"mobile": "1381234"}}).to_string() + "\n";
    let lines = |args: &[&str]| -> Vec<Value> {
        let out = support::run_cli(args, &case);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let base = ["validate", "--now", "2026-11-23T10:00:00+08:00"];
    let both = lines(&base);
    let with = |locale: &str| lines(&[&base[..], &["--locale", locale]].concat());
    assert_eq!(with("both"), both);
    assert_eq!(with("en"), vec![cut(&both[0], "en")]);
    assert_eq!(with("zh-CN"), vec![cut(&both[0], "zh")]);
    assert!(both[0]["problems"].as_array().unwrap().len() >= 5);

    let out = support::run_cli(&[&base[..], &["--locale", "fr"]].concat(), &case);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--locale"));
}
