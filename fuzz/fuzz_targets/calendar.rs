//! Dates and periods → calendar: working days, civil-code days, spans between dates, `due`
//! queries and holiday years, from arbitrary numbers and text.
#![no_main]

use chrono::{DateTime, NaiveDate};
use complaint_rules::calendar::{Calendar, HolidayYear};
use complaint_rules::deadline::query;
use complaint_rules::engine::{Engine, Options};
use complaint_rules::finding::Locale;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn setup() -> &'static (Engine, Calendar) {
    static SETUP: OnceLock<(Engine, Calendar)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let engine = Engine::new().expect("embedded packs load");
        let cal = Calendar::embedded().expect("embedded calendar");
        (engine, cal)
    })
}

fuzz_target!(|input: (i32, u32, i32, u32, u32, &str)| {
    let (from_days, n, to_days, m, y, text) = input;
    let (engine, cal) = setup();
    let a = NaiveDate::from_num_days_from_ce_opt(from_days);
    let b = NaiveDate::from_num_days_from_ce_opt(to_days);
    if let Some(a) = a {
        let _ = cal.is_working_day(a);
        if let Ok(r) = cal.add_working_days(a, n) {
            assert!(r.value > a || n == 0, "{a} + {n} working days went back to {}", r.value);
        }
        if let Ok(r) = cal.add_days_civil(a, m) {
            assert!(r.value >= a, "{a} + {m} days went back to {}", r.value);
        }
        let _ = cal.roll_to_working_day(a);
        let _ = complaint_rules::calendar::civil::add_years(a, y);
        let _ = complaint_rules::calendar::civil::end_of_day(a);
        if let Some(b) = b {
            let _ = cal.working_days_between(a, b);
        }
    }
    let Ok(pack) = engine.pack(None, NaiveDate::MAX) else { return };
    if let Ok(q) = query::parse(text) {
        let _ = query::answer(&pack, cal, &q, Locale::Both);
    }
    let mut custom = cal.clone();
    let _ = custom.add_year_json(text);
    // The caller's holiday years of a calendar call, checked by the engine before use.
    if let Ok(holidays) = serde_json::from_str::<Vec<HolidayYear>>(text) {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").expect("fixed time");
        let _ = engine.calendar(&Options { holidays, ..Options::at(now) });
    }
    let _ = complaint_rules::deadline::CaseTimes::from_json(text);
});
