//! The calls of the full module (feature `full`): calendar and deadlines, rule changes and their
//! impact, classification, preview and handling. The form module (validation, masking, the
//! editing session) is [`super`] alone.

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{
    case_value, js_options, locale, options, preview_options, required_now, respond, RawEngine,
    RawSession,
};
use crate::calendar::Calendar;
use crate::engine::{parse_time, Engine, Options, View};
use crate::error::EngineError;
use crate::finding::Locale;
use crate::pack::Pack;

#[wasm_bindgen(js_class = RawEngine)]
impl RawEngine {
    // Calendar, complaint time limits and platform-rule changes (SPEC §2.3). Options are
    // `{"now", "pack"?, "holidays"?: [holiday-cn years], "locale"?}`; `now` picks the pack
    // version in force.

    /// The timeline of a case (its event times and extensions) with findings for every limit
    /// missed or at risk.
    #[wasm_bindgen(js_name = deadlinesJson)]
    pub fn deadlines_json(&self, case_json: &str, options_json: &str) -> String {
        respond(calendar_options(options_json).and_then(|o| {
            self.inner.deadlines(&crate::deadline::CaseTimes::from_json(case_json)?, &o)
        }))
    }

    /// `{"from", "working_days" | "days"}` → `{"due", "warnings"?}`, as the `deadline` CLI.
    #[wasm_bindgen(js_name = dueJson)]
    pub fn due_json(&self, query_json: &str, options_json: &str) -> String {
        respond(
            calendar_options(options_json)
                .and_then(|o| self.inner.due(&crate::deadline::query::parse(query_json)?, &o)),
        )
    }

    /// The `n`-th working day after `date` → `{"value", "warnings"?}`.
    #[wasm_bindgen(js_name = addWorkingDaysJson)]
    pub fn add_working_days_json(&self, date: &str, n: u32, options_json: &str) -> String {
        respond(calendar(&self.inner, options_json).and_then(|(pack, cal, locale)| {
            Ok(cal.add_working_days(js_date("date", date)?, n)?.warned(&pack, locale))
        }))
    }

    /// `n` calendar days after `date`, rolled to a working day (Civil Code Art. 201, 203).
    #[wasm_bindgen(js_name = addDaysCivilJson)]
    pub fn add_days_civil_json(&self, date: &str, n: u32, options_json: &str) -> String {
        respond(calendar(&self.inner, options_json).and_then(|(pack, cal, locale)| {
            Ok(cal.add_days_civil(js_date("date", date)?, n)?.warned(&pack, locale))
        }))
    }

    /// Whether `date` is a working day → `{"value": bool, "warnings"?}`.
    #[wasm_bindgen(js_name = isWorkingDayJson)]
    pub fn is_working_day_json(&self, date: &str, options_json: &str) -> String {
        respond(calendar(&self.inner, options_json).and_then(|(pack, cal, locale)| {
            Ok(cal.is_working_day(js_date("date", date)?).warned(&pack, locale))
        }))
    }

    /// Working days in (`from`, `to`] → `{"value": n, "warnings"?}`.
    #[wasm_bindgen(js_name = workingDaysBetweenJson)]
    pub fn working_days_between_json(&self, from: &str, to: &str, options_json: &str) -> String {
        respond(calendar(&self.inner, options_json).and_then(|(pack, cal, locale)| {
            let between = cal.working_days_between(js_date("from", from)?, js_date("to", to)?)?;
            Ok(between.warned(&pack, locale))
        }))
    }

    /// The findings of a platform-rule change.
    #[wasm_bindgen(js_name = ruleChangeJson)]
    pub fn rule_change_json(&self, change_json: &str, options_json: &str) -> String {
        respond(calendar_options(options_json).and_then(|o| {
            let change: crate::rule_change::RuleChange = serde_json::from_str(change_json)
                .map_err(|e| EngineError::Json {
                    path: format!("line {} column {}", e.line(), e.column()),
                    detail: e.to_string(),
                })?;
            self.inner.rule_change(&change, &o)
        }))
    }

    /// Which cases (a JSON array) two pack documents treat differently, and the summary:
    /// `{"ok": {"cases": [case impact], "summary": {...}}}`; `options_json` is `{"now"}`.
    #[wasm_bindgen(js_name = impactJson)]
    pub fn impact_json(
        &self,
        old_json: &str,
        new_json: &str,
        cases_json: &str,
        options_json: &str,
    ) -> String {
        #[derive(Serialize)]
        struct Answer {
            cases: Vec<crate::impact::CaseImpact>,
            summary: crate::impact::Summary,
        }
        let run = || -> Result<Answer, EngineError> {
            let o = options(options_json)?;
            let cases: Vec<Value> = serde_json::from_str(cases_json)
                .map_err(|e| EngineError::Option { name: "cases".into(), detail: e.to_string() })?;
            let impact = crate::impact::Impact::new(old_json, new_json, o.now()?)?;
            let (cases, summary) = impact.run(0, cases);
            Ok(Answer { cases, summary })
        };
        respond(run())
    }

    /// Two pack documents → the rule-change summary `ruleChangeJson` takes.
    #[wasm_bindgen(js_name = packDiffJson)]
    pub fn pack_diff_json(&self, old_json: &str, new_json: &str) -> String {
        respond(crate::rule_change::diff_packs(old_json, new_json))
    }

    /// Classifies `{"text", …structured fields, "overrides"?}`; `options_json` is
    /// `{"pack"?: "...", "now"?: "RFC 3339"}` (`now` picks the pack version; default the latest).
    #[wasm_bindgen(js_name = classifyJson)]
    pub fn classify_json(&self, input_json: &str, options_json: &str) -> String {
        #[derive(serde::Deserialize)]
        struct ClassifyJsOptions {
            pack: Option<String>,
            now: Option<String>,
        }
        let run = || -> Result<crate::classify::Classification, EngineError> {
            let o: ClassifyJsOptions = js_options(options_json, "options")?;
            let now = o.now.map(|t| parse_time("now", &t)).transpose()?;
            self.inner
                .classify_str(input_json, &Options { now, pack: o.pack, ..Options::default() })
        };
        respond(run())
    }

    /// The rule preview of a case given as JSON text (SPEC §2.7); `options_json` is
    /// `{"now", "pack"?, "overrides"?, "handling"?, "locale"?: "zh-CN" | "en" | "both",
    /// "view"?: "complainant" | "staff"}`.
    #[wasm_bindgen(js_name = previewJson)]
    pub fn preview_json(&self, case_json: &str, options_json: &str) -> String {
        let run = || -> Result<crate::preview::Preview, EngineError> {
            let opts = preview_options(options_json)?;
            self.inner.preview(case_value(&self.inner, case_json, &opts)?, &opts)
        };
        respond(run())
    }

    /// The handling evaluation of a case and its record `{"events": [...]}`, both JSON text;
    /// `options_json` is `{"now", "pack"?, "view"?: "staff" | "complainant", "locale"?}`.
    #[wasm_bindgen(js_name = handlingJson)]
    pub fn handling_json(&self, case_json: &str, record_json: &str, options_json: &str) -> String {
        #[derive(serde::Deserialize)]
        struct HandlingJsOptions {
            now: Option<String>,
            pack: Option<String>,
            #[serde(default)]
            view: Option<View>,
            locale: Option<String>,
        }
        let run = || -> Result<crate::handling::HandlingReport, EngineError> {
            let o: HandlingJsOptions = js_options(options_json, "options")?;
            let mut opts = Options::at(parse_time("now", &required_now(o.now)?)?);
            opts.pack = o.pack;
            opts.view = o.view;
            opts.locale = locale(o.locale.as_deref())?;
            let case = case_value(&self.inner, case_json, &opts)?;
            let record: Value =
                serde_json::from_str(record_json).map_err(|e| EngineError::Json {
                    path: format!("record line {} column {}", e.line(), e.column()),
                    detail: e.to_string(),
                })?;
            self.inner.handling(case, &record, &opts)
        };
        respond(run())
    }
}

#[wasm_bindgen(js_class = RawSession)]
impl RawSession {
    /// The full preview of the case as it stands.
    #[wasm_bindgen(js_name = previewJson)]
    pub fn preview_json(&self) -> String {
        respond(self.inner.preview())
    }
}

/// Calendar-call options as JS passes them: `{"now", "pack"?, "holidays"?: [holiday-cn years],
/// "locale"?}`.
fn calendar_options(options_json: &str) -> Result<Options, EngineError> {
    #[derive(serde::Deserialize)]
    struct Holidays {
        #[serde(default)]
        holidays: Vec<crate::calendar::HolidayYear>,
    }
    let o = options(options_json)?;
    let h: Holidays = js_options(options_json, "holidays")?;
    Ok(Options { holidays: h.holidays, ..o })
}

/// The pack in force, its calendar and the locale of the warnings for a calendar call's options.
fn calendar(
    engine: &Engine,
    options_json: &str,
) -> Result<(Arc<Pack>, Calendar, Locale), EngineError> {
    let opts = calendar_options(options_json)?;
    let (pack, cal) = engine.calendar(&opts)?;
    Ok((pack, cal, opts.locale))
}

/// A `YYYY-MM-DD` argument.
fn js_date(name: &str, text: &str) -> Result<chrono::NaiveDate, EngineError> {
    text.trim().parse().map_err(|e| EngineError::Option {
        name: name.into(),
        detail: format!("{text:?} is not a YYYY-MM-DD date: {e}"),
    })
}
