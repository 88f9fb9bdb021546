//! The engine: the one entry point. Holds the loaded packs and runs every capability on a case
//! given as JSON text or as a parsed value. Pure: no clock, no I/O — `now` is always passed in.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use serde_json::Value;

use crate::case::read::read_normalized;
use crate::case::schema;
use crate::case::{normalize, Case};
use crate::error::EngineError;
use crate::finding::{Bilingual, Finding, Locale, MessageArgs, Severity};
use crate::pack::embedded::{self, DEFAULT_PACK};
use crate::pack::load::load_pack;
use crate::pack::registry::Registry;
use crate::pack::Pack;
use crate::validate::{self, codes, PackRef, Validation};
use std::sync::Arc;

pub use crate::options::{Options, View};

/// UTC+08:00, the offset every date is evaluated in.
pub fn china_offset() -> FixedOffset {
    // 28 800 s is within range, so the fallback (UTC) is never taken; it keeps this panic-free.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// Parses an RFC 3339 time (e.g. the `now` option) and moves it to UTC+08:00.
pub fn parse_time(name: &str, text: &str) -> Result<DateTime<FixedOffset>, EngineError> {
    DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&china_offset())).map_err(
        |e| EngineError::Option {
            name: name.to_string(),
            detail: format!("{text:?} is not an RFC 3339 time: {e}"),
        },
    )
}

/// The rules engine.
#[derive(Debug, Clone)]
pub struct Engine {
    registry: Registry,
    default_pack: String,
}

impl Engine {
    /// An engine with every embedded pack and `ecommerce` as the default. A pack's document is
    /// read the first time a call needs that pack (clones of the engine share what was read);
    /// listing the packs or choosing the default reads none.
    pub fn new() -> Result<Engine, EngineError> {
        let mut engine = Engine::empty(DEFAULT_PACK)?;
        for pack in embedded::all() {
            engine.registry.insert_embedded(pack?);
        }
        Ok(engine)
    }

    /// An engine holding only `pack`, applied whatever the day (its `effective_from` is not
    /// consulted): for comparing two drafts of a pack on the same cases.
    pub fn with_pack(mut pack: Pack) -> Result<Engine, EngineError> {
        let mut engine = Engine::empty(&pack.id)?;
        pack.effective_from = NaiveDate::MIN;
        engine.registry.insert(pack);
        Ok(engine)
    }

    /// An engine with no pack yet and `default_pack` as the default. The case schema is compiled
    /// the first time a case is checked ([`schema::compiled`]).
    fn empty(default_pack: &str) -> Result<Engine, EngineError> {
        Ok(Engine { registry: Registry::default(), default_pack: default_pack.to_string() })
    }

    /// Loads another pack (or another version of one) from its JSON document.
    pub fn add_pack(&mut self, json: &str) -> Result<PackRef, EngineError> {
        let pack = load_pack(json)?;
        let r = PackRef { id: pack.id.clone(), version: pack.version.clone() };
        self.registry.insert(pack);
        Ok(r)
    }

    /// Chooses the pack used when a call names none.
    pub fn set_default_pack(&mut self, id: &str) -> Result<(), EngineError> {
        if !self.registry.list().iter().any(|(pid, _, _)| pid == id) {
            return Err(EngineError::UnknownPack { id: id.to_string(), at: "any time".into() });
        }
        self.default_pack = id.to_string();
        Ok(())
    }

    /// Every loaded (id, version, effective_from).
    pub fn packs(&self) -> Vec<(String, String, NaiveDate)> {
        self.registry.list()
    }

    /// The version of `id` (or the default pack) in force on `day`.
    pub fn pack(&self, id: Option<&str>, day: NaiveDate) -> Result<Arc<Pack>, EngineError> {
        self.registry.in_force(id.unwrap_or(&self.default_pack), day)
    }

    /// Validates a case given as JSON text. Text larger than the pack's limit is refused before
    /// parsing.
    pub fn validate_str(&self, case_json: &str, opts: &Options) -> Result<Validation, EngineError> {
        let limit =
            self.pack(opts.pack.as_deref(), opts.now()?.date_naive())?.limits.max_case_bytes;
        if case_json.len() > limit {
            return Err(EngineError::TooLarge { size: case_json.len(), limit });
        }
        // One pass: the text is parsed and normalised together.
        let case = read_normalized(case_json).map_err(|e| EngineError::Json {
            path: format!("line {} column {}", e.line(), e.column()),
            detail: e.to_string(),
        })?;
        self.validate_normalized(case, opts)
    }

    /// Validates a parsed case: normalise, check the shape against the schema, then run every
    /// rule of the pack in force at the case's `submitted_at` (or `now`).
    pub fn validate_value(
        &self,
        mut case: Value,
        opts: &Options,
    ) -> Result<Validation, EngineError> {
        normalize::normalize(&mut case);
        self.validate_normalized(case, opts)
    }

    /// As [`validate_value`](Self::validate_value) for a case already normalised.
    fn validate_normalized(&self, case: Value, opts: &Options) -> Result<Validation, EngineError> {
        let now = opts.now()?;
        if !case.is_object() {
            return Err(EngineError::Shape { path: String::new(), expected: case_object() });
        }
        let pack = self.pack(opts.pack.as_deref(), self.case_day(&case, now))?;
        let checked = self.check_shape(&pack, &case, opts.locale)?;
        let clean = checked.cleaned.as_ref().unwrap_or(&case);
        let (problems, gaps) =
            validate::validate(&pack, clean, &checked.typed, (now, opts.locale), checked.shape);
        let supplements = crate::supplement::list(&pack, gaps, self.case_day(&case, now))?;
        Ok(Validation {
            status: validate::status_of(&problems),
            problems,
            normalized: case,
            pack: PackRef { id: pack.id.clone(), version: pack.version.clone() },
            supplements,
        })
    }

    /// Checks a normalised case against the schema and reads it as a typed [`Case`]; the
    /// findings' messages in `locale`.
    pub(crate) fn check_shape(
        &self,
        pack: &Pack,
        case: &Value,
        locale: Locale,
    ) -> Result<Shaped, EngineError> {
        let (mut shape, cleaned) = self.shape_of(pack, case, locale)?;
        let typed = read_typed(pack, cleaned.as_ref().unwrap_or(case), &mut shape, locale);
        Ok(Shaped { shape, cleaned, typed })
    }

    /// The shape problems of a normalised case as findings, and the case without the values
    /// of the wrong shape when there are any (a well-shaped case is read as is).
    pub(crate) fn shape_of(
        &self,
        pack: &Pack,
        case: &Value,
        locale: Locale,
    ) -> Result<(Vec<Finding>, Option<Value>), EngineError> {
        Ok(self.shape_after_edit(schema::compiled()?, pack, case, ("", locale), &[]))
    }

    /// As [`shape_of`](Self::shape_of) after an edit at `pointer`, given the findings before
    /// it and the compiled schema: when every earlier problem lay inside the edited value, only
    /// that value is checked again (the order of the problems is then the same as a whole
    /// check's). Messages in `locale`.
    pub(crate) fn shape_after_edit(
        &self,
        compiled: &schema::Compiled,
        pack: &Pack,
        case: &Value,
        (pointer, locale): (&str, Locale),
        before: &[Finding],
    ) -> (Vec<Finding>, Option<Value>) {
        let inside = |path: &str| {
            path.strip_prefix(pointer).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let mut shape_problems = Vec::new();
        let partial = !pointer.is_empty()
            && before.iter().all(|f| inside(&f.path))
            && schema::check_at(compiled, case, pointer, &mut shape_problems);
        if !partial {
            shape_problems.clear();
            schema::check(compiled, case, &schema::Path::Root, &mut shape_problems);
        }
        let cleaned = (!shape_problems.is_empty()).then(|| schema::without(case, &shape_problems));
        let shape = shape_problems
            .into_iter()
            .map(|p| shape_finding(pack, &p.path, p.expected.describe(), locale))
            .collect();
        (shape, cleaned)
    }

    /// A copy of the case with personal data masked per the pack (`opts.pack`) in force at
    /// `opts.now`.
    pub fn mask_value(&self, case: &Value, opts: &Options) -> Result<Value, EngineError> {
        let pack = self.pack(opts.pack.as_deref(), opts.now()?.date_naive())?;
        let mut normalized = case.clone();
        normalize::normalize(&mut normalized);
        Ok(pack.masking.mask_case(&normalized))
    }

    /// The day (UTC+08:00) whose pack applies: the case's `submitted_at` when valid, else `now`.
    pub(crate) fn case_day(&self, case: &Value, now: DateTime<FixedOffset>) -> NaiveDate {
        day_of(case.get("submitted_at").and_then(Value::as_str), now)
    }
}

/// The day (UTC+08:00) whose law applies to a case submitted at `submitted_at` (RFC 3339): that
/// day when the time reads, else `now`'s.
pub(crate) fn day_of(submitted_at: Option<&str>, now: DateTime<FixedOffset>) -> NaiveDate {
    submitted_at
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map_or(now, |t| t.with_timezone(&china_offset()))
        .date_naive()
}

/// A normalised case after the shape check.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    /// The shape problems as findings.
    pub shape: Vec<Finding>,
    /// The case without the values of the wrong shape, when there were any.
    pub cleaned: Option<Value>,
    /// The typed case read from the clean one.
    pub typed: Case,
}

/// The typed case read from a clean one; when it does not fit the model, a shape finding for
/// the whole case (its message in `locale`) and an empty case.
pub(crate) fn read_typed(
    pack: &Pack,
    clean: &Value,
    shape: &mut Vec<Finding>,
    locale: Locale,
) -> Case {
    Case::from_json(clean).unwrap_or_else(|e| {
        shape.push(shape_finding(pack, "", Bilingual::same(e.to_string()), locale));
        Case::default()
    })
}

fn shape_finding(pack: &Pack, path: &str, expected: Bilingual, locale: Locale) -> Finding {
    let label = pack.field_label(path);
    let message =
        pack.fill_message(codes::FIELD_TYPE, &[("field", &label), ("expected", &expected)], locale);
    Finding {
        code: codes::FIELD_TYPE.to_string(),
        path: path.to_string(),
        severity: Severity::Error,
        message,
        clause: pack.limits.clause.clone(),
        audience: crate::finding::Audience::Complainant,
        args: MessageArgs::new(codes::FIELD_TYPE, codes::FIELD_TYPE, &[("expected", expected)]),
    }
}

/// What a case must be at the top level.
pub fn case_object() -> Bilingual {
    Bilingual { zh: "一个对象（投诉案件）".into(), en: "an object (the case)".into() }
}
