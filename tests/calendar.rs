//! The working-day calendar: the issue's vectors, civil-period rolling, the embedded data read
//! back day by day, the Mon–Fri fallback warning, range errors, and properties (proptest).

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use complaint_rules::calendar::civil::add_years;
use complaint_rules::calendar::{holidays, missing_year_findings, Calendar, YEAR_MISSING};
use complaint_rules::engine::Engine;
use complaint_rules::error::EngineError;
use complaint_rules::finding::Locale;
use proptest::prelude::*;
use serde_json::Value;

fn cal() -> Calendar {
    Calendar::embedded().expect("embedded calendar")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

/// (from, n, expected due) from a JSON-lines vector file; `key` is `working_days` or `days`.
fn vectors(file: &str, key: &str) -> Vec<(NaiveDate, u32, NaiveDate)> {
    let text = std::fs::read_to_string(format!(
        "{}/tests/cases/deadlines/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("vectors");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("vector line");
            let n = v[key].as_u64().and_then(|n| u32::try_from(n).ok()).expect("count");
            (date(v["from"].as_str().expect("from")), n, date(v["due"].as_str().expect("due")))
        })
        .collect()
}

#[test]
fn issue_vectors_in_working_days() {
    let cal = cal();
    let vectors = vectors("working_days.jsonl", "working_days");
    assert_eq!(vectors.len(), 8);
    for (from, n, due) in vectors {
        let got = cal.add_working_days(from, n).expect("in range");
        assert_eq!(got.value, due, "{from} + {n} working days");
        assert!(got.missing_years.is_empty(), "{from} + {n}: all years have data");
        assert_eq!(cal.working_days_between(from, due).expect("in range").value, i64::from(n));
    }
}

#[test]
fn civil_days_roll_to_the_next_working_day() {
    let cal = cal();
    for (from, n, due) in vectors("civil_days.jsonl", "days") {
        assert_eq!(cal.add_days_civil(from, n).expect("in range").value, due, "{from} + {n} days");
    }
}

#[test]
fn years_end_on_the_corresponding_day_or_the_month_end() {
    // 2024-02-29 + 1 year has no corresponding day: the month's last day (Art. 202).
    assert_eq!(add_years(date("2024-02-29"), 1), Some(date("2025-02-28")));
    assert_eq!(add_years(date("2023-10-01"), 3), Some(date("2026-10-01")));
    assert_eq!(add_years(date("2023-10-01"), u32::MAX), None);
    assert_eq!(add_years(NaiveDate::MAX, 1), None);
}

#[test]
fn every_listed_day_follows_the_schedule_and_others_follow_mon_fri() {
    let cal = cal();
    let years = holidays::embedded().expect("embedded years");
    assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), [2024, 2025, 2026]);
    for year in &years {
        let listed: BTreeSet<NaiveDate> = year.days.iter().map(|d| d.date).collect();
        for day in &year.days {
            assert_eq!(
                cal.is_working_day(day.date).value,
                !day.is_off_day,
                "{} {}",
                day.date,
                day.name
            );
        }
        let first = NaiveDate::from_ymd_opt(year.year, 1, 1).expect("jan 1");
        for d in
            first.iter_days().take_while(|d| d.year() == year.year).filter(|d| !listed.contains(d))
        {
            let weekday = !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            let r = cal.is_working_day(d);
            assert_eq!(r.value, weekday, "{d}");
            assert!(r.missing_years.is_empty());
        }
    }
}

#[test]
fn a_year_without_data_falls_back_to_mon_fri_and_warns_naming_it() {
    let cal = cal();
    let r = cal.add_working_days(date("2026-12-30"), 5).expect("in range");
    // 2026-12-31 (Thu), then Mon–Fri in 2027: 01-01 Fri, 01-04 Mon, 01-05, 01-06.
    assert_eq!(r.value, date("2027-01-06"));
    assert_eq!(r.missing_years, BTreeSet::from([2027]));
    let engine = Engine::new().expect("engine");
    let pack = engine.pack(None, date("2027-01-01")).expect("pack");
    let findings = missing_year_findings(&pack, &r.missing_years, Locale::Both);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, YEAR_MISSING);
    assert!(findings[0].message.zh.contains("2027") && findings[0].message.en.contains("2027"));
    assert!(pack.clauses.contains_key(&findings[0].clause));
}

#[test]
fn a_caller_can_add_a_year_in_the_same_shape() {
    let mut cal = cal();
    let json = r#"{"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
        {"name": "春节", "date": "2027-02-20", "isOffDay": false}]}"#;
    assert_eq!(cal.add_year_json(json).expect("valid year"), 2027);
    let r = cal.is_working_day(date("2027-02-20"));
    assert!(r.value && r.missing_years.is_empty());
    // An empty (not yet announced) year stays missing.
    cal.add_year_json(r#"{"year": 2028, "days": []}"#).expect("valid");
    assert_eq!(cal.is_working_day(date("2028-03-01")).missing_years, BTreeSet::from([2028]));
    // A date outside its year is refused.
    let bad = r#"{"year": 2029, "days": [{"name": "x", "date": "2030-01-01", "isOffDay": true}]}"#;
    assert!(matches!(cal.add_year_json(bad), Err(EngineError::Pack { .. })));
}

#[test]
fn counts_out_of_range_are_typed_errors() {
    let cal = cal();
    let d = date("2025-01-01");
    assert!(matches!(cal.add_working_days(d, 0), Err(EngineError::Period { .. })));
    assert!(matches!(cal.add_working_days(d, u32::MAX), Err(EngineError::Period { .. })));
    assert!(matches!(cal.add_days_civil(d, u32::MAX), Err(EngineError::Period { .. })));
    assert!(matches!(cal.add_days_civil(NaiveDate::MAX, 1), Err(EngineError::Period { .. })));
    assert!(matches!(cal.add_working_days(NaiveDate::MAX, 1), Err(EngineError::Period { .. })));
    assert!(matches!(
        cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX),
        Err(EngineError::Period { .. })
    ));
    assert_eq!(
        EngineError::Period { name: "days".into(), value: "2".into(), max: 1 }.report().code,
        "period"
    );
}

#[test]
fn between_is_antisymmetric() {
    let cal = cal();
    let (a, b) = (date("2025-09-26"), date("2025-10-13"));
    assert_eq!(cal.working_days_between(a, b).expect("ok").value, 7);
    assert_eq!(cal.working_days_between(b, a).expect("ok").value, -7);
    assert_eq!(cal.working_days_between(a, a).expect("ok").value, 0);
}

/// Days from 2023-06-01 to 2030-12-31: across the data years and the missing ones around them.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..2770).prop_map(|k| date("2023-06-01") + Duration::days(k))
}

proptest! {
    #[test]
    fn adding_is_monotonic(d in any_date(), n in 1u32..120, extra in 1u32..60) {
        let cal = cal();
        let a = cal.add_working_days(d, n).expect("ok").value;
        let b = cal.add_working_days(d, n + extra).expect("ok").value;
        prop_assert!(a < b);
        prop_assert!(d < a);
    }

    #[test]
    fn later_start_never_gives_an_earlier_due(d in any_date(), shift in 0i64..30, n in 1u32..60) {
        let cal = cal();
        let a = cal.add_working_days(d, n).expect("ok").value;
        let b = cal.add_working_days(d + Duration::days(shift), n).expect("ok").value;
        prop_assert!(a <= b);
    }

    #[test]
    fn between_inverts_adding(d in any_date(), n in 1u32..400) {
        let cal = cal();
        let due = cal.add_working_days(d, n).expect("ok").value;
        prop_assert_eq!(cal.working_days_between(d, due).expect("ok").value, i64::from(n));
    }

    #[test]
    fn the_result_is_a_working_day(d in any_date(), n in 1u32..400, days in 0u32..400) {
        let cal = cal();
        prop_assert!(cal.is_working_day(cal.add_working_days(d, n).expect("ok").value).value);
        prop_assert!(cal.is_working_day(cal.add_days_civil(d, days).expect("ok").value).value);
    }

    #[test]
    fn a_year_without_data_always_warns(d in any_date(), n in 1u32..400) {
        let cal = cal();
        let r = cal.add_working_days(d, n).expect("ok");
        // Exactly the years of the days looked at, (d, due], that have no data.
        let touched: BTreeSet<i32> = ((d + Duration::days(1)).year()..=r.value.year()).filter(|y| !cal.has_year(*y)).collect();
        prop_assert_eq!(&touched, &r.missing_years);
        let single = cal.is_working_day(d);
        prop_assert_eq!(single.missing_years.contains(&d.year()), !cal.has_year(d.year()));
        // With no data at all, every computation warns.
        prop_assert!(!Calendar::default().add_working_days(d, n).expect("ok").missing_years.is_empty());
    }
}

/// The engine's calendar calls take one options type: the pack in force at `now`, its calendar,
/// and the caller's years, checked (a bad year is a pack error at `/holidays/<i>`).
#[test]
fn the_engine_answers_calendar_calls_with_the_callers_years() {
    use complaint_rules::deadline::query::DueQuery;
    use complaint_rules::engine::Options;
    let engine = Engine::new().expect("engine");
    let now = complaint_rules::engine::parse_time("now", "2026-12-28T10:00:00+08:00").expect("now");
    let q = DueQuery { from: date("2026-12-30"), working_days: Some(5), days: None };
    let mut opts = Options::at(now);
    let without = engine.due(&q, &opts).expect("due");
    assert_eq!(without.due, date("2027-01-06"));
    assert_eq!(without.warnings.len(), 1, "2027 has no data: Mon–Fri with a warning");

    let year: holidays::HolidayYear = serde_json::from_str(
        r#"{"year": 2027, "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "元旦", "date": "2027-01-04", "isOffDay": true}]}"#,
    )
    .expect("year");
    opts.holidays = vec![year];
    let with = engine.due(&q, &opts).expect("due");
    assert_eq!(with.due, date("2027-01-08"), "the caller's two days off move the due date");
    assert!(with.warnings.is_empty());
    let (pack, cal) = engine.calendar(&opts).expect("calendar");
    assert_eq!(pack.id, "ecommerce");
    assert!(!cal.is_working_day(date("2027-01-04")).value);

    let bad: holidays::HolidayYear = serde_json::from_str(
        r#"{"year": 2029, "days": [{"name": "x", "date": "2030-01-01", "isOffDay": true}]}"#,
    )
    .expect("shape");
    opts.holidays.push(bad);
    match engine.due(&q, &opts) {
        Err(EngineError::Pack { problems }) => {
            assert!(problems.iter().all(|p| p.path.starts_with("/holidays/1")), "{problems:?}");
        }
        other => panic!("a bad caller year must be refused: {other:?}"),
    }
}
