//! The benchmark case generator (`examples/gen_cases.rs`): its cases are cases the engine accepts
//! as input, and the engine's verdict on each is the one the generator intended — ready when no
//! blocking problem was injected, and exactly the injected problems' codes otherwise.

#[path = "../examples/gen_cases.rs"]
mod gen_cases;

use std::collections::BTreeSet;

use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::finding::Severity;
use complaint_rules::validate::Status;
use gen_cases::{Generator, Problem, NOW, READY_PERCENT};

const N: usize = 3000;

#[test]
fn every_case_gets_the_intended_verdict() {
    let engine = Engine::new().unwrap();
    let opts = Options::at(parse_time("now", NOW).unwrap());
    let mut failures = Vec::new();
    let (mut ready, mut legal, mut seen) = (0, 0, BTreeSet::new());
    let mut counts = [0usize; 5];
    for (i, g) in Generator::new(42).take(N).enumerate() {
        let line = serde_json::to_string(&g.case).unwrap();
        let v = engine.validate_str(&line, &opts).unwrap();
        let got: BTreeSet<&str> = v.problems.iter().map(|p| p.code.as_str()).collect();
        let want: BTreeSet<&str> = g.problems.iter().map(|p| p.code()).collect();
        let blocks = g.problems.iter().any(|p| p.blocks());
        let status_ok = (v.status == Status::Blocked) == blocks;
        if got != want || !status_ok || v.problems.iter().any(|p| p.code == "field.type") {
            failures.push(format!(
                "case {i}: injected {:?}, engine {:?} {got:?}",
                g.problems, v.status
            ));
        }
        let errors = v.problems.iter().filter(|p| p.severity == Severity::Error).count();
        assert_eq!(errors > 0, blocks, "case {i}");
        ready += usize::from(v.status == Status::Ready);
        legal += usize::from(g.case["complainant"]["kind"] == "legal");
        counts[g.problems.len()] += 1;
        seen.extend(g.problems.iter().copied());
        let facts = g.case["facts"].as_str().unwrap().chars().count();
        assert!((20..=800).contains(&facts), "case {i}: facts of {facts} characters");
    }
    assert!(
        failures.is_empty(),
        "{} of {N} cases:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    // The mix: READY_PERCENT % clean (plus the few whose only problem is a warning), the rest
    // spread over 1–4 problems, a quarter legal persons, every problem kind used.
    let ready_pct = ready * 100 / N;
    assert!(
        (READY_PERCENT as usize..READY_PERCENT as usize + 6).contains(&ready_pct),
        "{ready_pct} % ready"
    );
    assert!((18..32).contains(&(legal * 100 / N)), "{legal} legal persons");
    for (k, c) in counts.iter().enumerate().skip(1) {
        assert!(*c > N / 10, "{c} cases with {k} problems");
    }
    assert_eq!(seen, Problem::ALL.into_iter().collect(), "problem kinds never injected");
}

#[test]
fn the_same_seed_gives_the_same_cases() {
    let a: Vec<String> = Generator::new(7).take(50).map(|g| g.case.to_string()).collect();
    let b: Vec<String> = Generator::new(7).take(50).map(|g| g.case.to_string()).collect();
    let c: Vec<String> = Generator::new(8).take(50).map(|g| g.case.to_string()).collect();
    assert_eq!(a, b);
    assert!(a.iter().zip(&c).all(|(x, y)| x != y));
}

#[test]
fn the_checksums_agree_with_the_ids_module() {
    let today = parse_time("now", NOW).unwrap().date_naive();
    let body = "11010519491231002";
    assert_eq!(gen_cases::resident_id_check(body), 'X');
    assert!(complaint_rules::ids::resident_id::validate(&format!("{body}X"), today).is_ok());
    let code = "91110000600037341";
    assert_eq!(gen_cases::uscc_check(code), 'L');
    assert!(complaint_rules::ids::uscc::validate(&format!("{code}L")).is_ok());
}
