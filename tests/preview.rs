//! Preview: data-driven scenarios (base case + merge patch → expected findings and route),
//! the clause walk, and zh/en snapshots of the rendering.

mod support;

use complaint_rules::engine::{parse_time, Engine, Options, View};
use complaint_rules::finding::Audience;
use complaint_rules::preview::{clause_ids_of, Locale, Preview};
use serde_json::Value;

/// Runs the scenario `s` (keys: `base`, `patch`, `pack`, `now`, `handling`, `overrides`,
/// `view`: staff unless it says complainant).
fn run(s: &Value, engine: &Engine, locale: Locale) -> Preview {
    let opts = support::scenario_options(s, locale);
    engine.preview(support::scenario_case(s), &opts).unwrap()
}

fn strings<'a>(s: &'a Value, key: &str) -> Vec<&'a str> {
    s[key].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

#[test]
fn scenarios() {
    let engine = Engine::new().unwrap();
    let all = support::load_all("preview");
    for (name, s) in &all {
        let p = run(s, &engine, Locale::ZhCn);
        let codes: Vec<&str> = p.findings.iter().map(|f| f.code.as_str()).collect();
        let routes: Vec<&str> = p.route.applied.iter().map(|r| r.id.as_str()).collect();
        for c in strings(s, "expect_codes") {
            assert!(codes.contains(&c), "{name}: expected {c} in {codes:?}");
        }
        for c in strings(s, "expect_absent") {
            assert!(!codes.contains(&c), "{name}: unexpected {c} in {codes:?}");
        }
        assert_eq!(routes, strings(s, "expect_routes"), "{name}: routes");
        if s.get("expect_supplements").is_some() {
            let mut got: Vec<&str> = p.supplements.iter().map(|x| x.path.as_str()).collect();
            let mut want = strings(s, "expect_supplements");
            got.sort();
            want.sort();
            assert_eq!(got, want, "{name}: supplements");
        }
        if let Some(due) = s["expect_supplement_due"].as_str() {
            let due = chrono::DateTime::parse_from_rfc3339(due).unwrap();
            assert!(p.supplements.iter().all(|x| x.due_at == due), "{name}: {:?}", p.supplements);
        }
        if s.get("expect_rights").is_some() {
            let got: Vec<&str> = p.rights.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(got, strings(s, "expect_rights"), "{name}: rights");
        }
        for (code, clause) in s["expect_clauses"].as_object().into_iter().flatten() {
            let cited: Vec<&str> = p
                .findings
                .iter()
                .filter(|f| &f.code == code)
                .map(|f| f.clause.id.as_str())
                .collect();
            assert!(!cited.is_empty(), "{name}: no {code}");
            assert!(cited.iter().all(|c| c == clause), "{name}: {code} cites {cited:?}");
        }
        if let Some(status) = s["expect_status"].as_str() {
            assert_eq!(serde_json::to_value(p.status).unwrap(), status, "{name}: status {codes:?}");
        }
        for f in &p.findings {
            if f.path.starts_with("/handling/") && f.code != "rights.external_remedies" {
                assert_eq!(f.audience, Audience::Handler, "{name}: {} binds the handler", f.code);
                assert!(!f.blocks(), "{name}: the handler's {} blocks the complainant", f.code);
            }
            assert!(
                !f.clause.title.zh.is_empty(),
                "{name}: {} cites unknown clause {}",
                f.code,
                f.clause.id
            );
        }
    }
    assert!(all.len() >= 20, "only {} scenarios", all.len());
}

#[test]
fn every_preview_clause_exists() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
    for (id, _, _) in engine.packs() {
        let pack = engine.pack(Some(&id), now.date_naive()).unwrap();
        let policy = pack.preview.as_ref().unwrap();
        for (path, clause) in clause_ids_of(policy) {
            assert!(pack.clauses.contains_key(clause), "{id}{path}: {clause}");
        }
    }
}

#[test]
fn snapshots() {
    let engine = Engine::new().unwrap();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for (name, file) in [
        ("ecommerce-tv", "reversed_inside.json"),
        ("trading-member-police", "tm_police.json"),
        ("ecommerce-complainant-view", "duty_late_handler_complainant.json"),
    ] {
        let s: Value = serde_json::from_str(
            &std::fs::read_to_string(support::cases_dir("preview").join(file)).unwrap(),
        )
        .unwrap();
        for (locale, tag) in [(Locale::ZhCn, "zh"), (Locale::En, "en")] {
            let text = run(&s, &engine, locale).render.to_text();
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/snapshots/preview-{name}.{tag}.txt"));
            if update {
                std::fs::write(&path, &text).unwrap();
            }
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                text,
                "{}; rerun with UPDATE_SNAPSHOTS=1 and review",
                path.display()
            );
        }
        // The summary a backend recomputes; tests/js/preview.test.mjs checks wasm gives the same.
        let summary =
            serde_json::to_string_pretty(&run(&s, &engine, Locale::En).summary).unwrap() + "\n";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/snapshots/preview-{name}.summary.json"));
        if update {
            std::fs::write(&path, &summary).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            summary,
            "{}; rerun with UPDATE_SNAPSHOTS=1 and review",
            path.display()
        );
    }
}

#[test]
fn durable_goods_show_the_longest_term_found() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-20T09:30:00+08:00").unwrap();
    for (facts, term) in [
        ("收到的电视机屏幕有坏点", "电视机"),
        ("电视屏幕有坏点", "电视"),
        ("装饰装修服务有质量问题", "装饰装修"),
    ] {
        let mut case = support::base_case("natural_ecommerce");
        case["facts"] = facts.into();
        let p = engine.preview(case, &Options::at(now)).unwrap();
        let note = p.findings.iter().find(|f| f.code == "burden.reversed").unwrap();
        assert!(
            note.message.zh.starts_with(&format!("{term}属于")),
            "{facts}: {}",
            note.message.zh
        );
    }
}

#[test]
fn follow_up_cites_its_own_clause() {
    let engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-20T09:30:00+08:00").unwrap();
    for pack in ["ecommerce", "trading-member"] {
        let mut opts = Options::at(now);
        opts.pack = Some(pack.into());
        opts.view = Some(View::Staff);
        let p = engine.preview(support::base_case("natural_ecommerce"), &opts).unwrap();
        let route = p.route.applied.iter().find(|r| r.id == "follow_up").unwrap();
        assert!(
            route.clause.text.contains("回访") || route.clause.text.contains("反馈处理结果"),
            "{pack}: {:?}",
            route.clause
        );
        assert!(!route.clause.text.contains("审批"), "{pack}: {:?}", route.clause);
    }
}

#[test]
fn a_futures_firm_member_adds_the_futures_law_rights_and_burden() {
    let mut engine = Engine::new().unwrap();
    let now = parse_time("now", "2026-11-20T09:30:00+08:00").unwrap();
    let mut doc: Value =
        serde_json::from_str(complaint_rules::pack::embedded::document("trading-member").unwrap())
            .unwrap();
    doc["version"] = "2026.1-futures".into();
    doc["effective_from"] = "2024-01-02".into();
    doc["preview"]["settings"] = serde_json::json!(["futures_firm"]);
    let mut opts = Options::at(now);
    opts.pack = Some("trading-member".into());
    let plain = engine.preview(support::base_case("natural_trading"), &opts).unwrap();
    engine.add_pack(&doc.to_string()).unwrap();
    let firm = engine.preview(support::base_case("natural_trading"), &opts).unwrap();
    let ids = |p: &Preview| p.rights.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&plain), ["coordination"]);
    assert_eq!(ids(&firm), ["coordination", "query_records", "mediation"]);
    let prompt = firm.findings.iter().find(|f| f.code == "burden.futures_firm").unwrap();
    assert_eq!(prompt.clause.id, "FDL-51-2");
    assert!(prompt.clause.text.contains("期货经营机构应当证明"));
    assert!(!plain.findings.iter().any(|f| f.code == "burden.futures_firm"));
    // Neither view of a trading-member case shows 12315, 电商法 or 令116号.
    let text = serde_json::to_string(&firm).unwrap();
    for borrowed in ["12315", "电子商务法", "令116号"] {
        assert!(!text.contains(borrowed), "{borrowed} in a trading-member preview");
    }
}
