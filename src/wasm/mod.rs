//! The WebAssembly binding: the only module that knows about wasm-bindgen, js-sys and
//! serde-wasm-bindgen. Every call answers `{"ok": …}` or `{"error": {…}}` — as JSON text, or as a
//! JS object where the answer is a module object (`RawEngine.create`, `session`) — so no exception
//! and no panic crosses the boundary; `pkg/engine.js` turns errors into `EngineError` objects.

use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

#[cfg(feature = "full")]
mod full;

use crate::engine::{parse_time, Engine, Options, View};
use crate::error::EngineError;
use crate::finding::Locale;
use crate::session::{Change, Session};
use crate::validate::Validation;

/// `{"ok": value}` written straight from the typed value (no JSON tree in between — building
/// one cost more than the rules), or `{"error": report}`. Keys come in declaration order.
fn respond<T: Serialize>(result: Result<T, EngineError>) -> String {
    #[derive(Serialize)]
    enum Answer<T> {
        #[serde(rename = "ok")]
        Ok(T),
        #[serde(rename = "error")]
        Error(crate::error::ErrorReport),
    }
    let answer = match result {
        Ok(value) => Answer::Ok(value),
        Err(e) => Answer::Error(e.report()),
    };
    serde_json::to_string(&answer).unwrap_or_else(|_| r#"{"error":{"code":"internal","path":"","message":{"zh":"内部错误","en":"internal error"}}}"#.to_string())
}

/// `{ok: value}` or `{error: report}` as a JS object, for the calls whose answer is a module
/// object (an engine, a session) rather than JSON text; the report is the one `respond` writes.
fn answer_object<T: Into<JsValue>>(result: Result<T, EngineError>) -> JsValue {
    let answer = js_sys::Object::new();
    let (key, value) = match result {
        Ok(value) => ("ok", value.into()),
        Err(e) => ("error", error_value(e)),
    };
    // Setting a property of a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&answer, &JsValue::from_str(key), &value);
    answer.into()
}

/// An error report as a JS value: the `error` of the JSON `respond` writes, so both kinds of
/// answer carry the same report.
fn error_value(e: EngineError) -> JsValue {
    let text = respond::<()>(Err(e));
    js_sys::JSON::parse(&text)
        .and_then(|answer| js_sys::Reflect::get(&answer, &JsValue::from_str("error")))
        .unwrap_or_else(|_| JsValue::from_str(&text))
}

/// Options as JS passes them: `{ now, pack?, locale?, normalized? }` (`normalized`: validate
/// only).
#[derive(serde::Deserialize)]
struct JsOptions {
    now: Option<String>,
    pack: Option<String>,
    locale: Option<String>,
    normalized: Option<bool>,
}

/// A call's options object as JS passes it (JSON text), read into the call's own shape; a bad
/// object is the option error `name` (`options`, or the member at fault).
fn js_options<T: serde::de::DeserializeOwned>(json: &str, name: &str) -> Result<T, EngineError> {
    serde_json::from_str(json)
        .map_err(|e| EngineError::Option { name: name.into(), detail: e.to_string() })
}

fn options(json: &str) -> Result<Options, EngineError> {
    validate_options(json).map(|(opts, _)| opts)
}

/// The options of `validateJson` / `validateValue`, and whether the answer carries the
/// normalised case (`normalized`, default true).
fn validate_options(json: &str) -> Result<(Options, bool), EngineError> {
    let opts: JsOptions = js_options(json, "options")?;
    let now = parse_time("now", &required_now(opts.now)?)?;
    let locale = locale(opts.locale.as_deref())?;
    Ok((Options { pack: opts.pack, locale, ..Options::at(now) }, opts.normalized.unwrap_or(true)))
}

/// Validates with the options JS passed: `run` is the engine call, the answer without the
/// normalised case when the options say `normalized: false`.
fn validate_with(
    options_json: &str,
    run: impl FnOnce(&Options) -> Result<Validation, EngineError>,
) -> String {
    respond(validate_options(options_json).and_then(|(opts, normalized)| {
        run(&opts).map(|v| if normalized { v } else { v.without_normalized() })
    }))
}

/// The `now` option of every call but `classifyJson`.
fn required_now(now: Option<String>) -> Result<String, EngineError> {
    now.ok_or_else(|| EngineError::Option { name: "now".into(), detail: "is required".into() })
}

/// The `locale` option: both languages when absent.
fn locale(text: Option<&str>) -> Result<Locale, EngineError> {
    text.map_or(Ok(Locale::Both), str::parse)
}

/// The engine as JS sees it (wrapped by `pkg/index.js`).
#[wasm_bindgen(js_name = RawEngine)]
pub struct RawEngine {
    inner: Engine,
    /// The documents given to the constructor, by id (the last one given for an id), so that
    /// `packDocumentJson` returns them as given.
    added: std::collections::BTreeMap<String, Value>,
}

impl RawEngine {
    /// Creates an engine with the embedded packs, plus `packs_json` (a JSON array of pack
    /// documents), with `default_pack` as the default (Rust callers; JS calls
    /// [`create`](Self::create)).
    pub fn new(
        default_pack: Option<String>,
        packs_json: Option<String>,
    ) -> Result<RawEngine, EngineError> {
        let mut inner = Engine::new()?;
        let mut added = std::collections::BTreeMap::new();
        if let Some(packs) = packs_json {
            let docs: Vec<Value> = serde_json::from_str(&packs)
                .map_err(|e| EngineError::Option { name: "packs".into(), detail: e.to_string() })?;
            for doc in docs {
                let r = inner.add_pack(&doc.to_string())?;
                added.insert(r.id, doc);
            }
        }
        if let Some(id) = default_pack {
            inner.set_default_pack(&id)?;
        }
        Ok(RawEngine { inner, added })
    }
}

#[wasm_bindgen(js_class = RawEngine)]
impl RawEngine {
    /// Creates an engine with the embedded packs, plus `packs_json` (a JSON array of pack
    /// documents), with `default_pack` as the default → `{ok: RawEngine}` or `{error: report}`,
    /// like every other call (nothing is thrown).
    pub fn create(default_pack: Option<String>, packs_json: Option<String>) -> JsValue {
        answer_object(RawEngine::new(default_pack, packs_json))
    }

    /// Starts a live-form session on a case given as JSON text; options as `previewJson` →
    /// `{ok: RawSession}` or `{error: report}` (nothing is thrown).
    pub fn session(&self, case_json: &str, options_json: &str) -> JsValue {
        let start = || -> Result<RawSession, EngineError> {
            let opts = preview_options(options_json)?;
            let case = case_value(&self.inner, case_json, &opts)?;
            Ok(RawSession { inner: Session::new(&self.inner, case, opts)?, answer: String::new() })
        };
        answer_object(start())
    }

    /// Validates a case given as JSON text; `options_json` is `{"now": "...", "pack"?, "locale"?,
    /// "normalized"?}` (`normalized: false`: the answer without the normalised case).
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&self, case_json: &str, options_json: &str) -> String {
        validate_with(options_json, |o| self.inner.validate_str(case_json, o))
    }

    /// Validates a case given as a JS object (decoded with serde-wasm-bindgen).
    #[wasm_bindgen(js_name = validateValue)]
    pub fn validate_value(&self, case: JsValue, options_json: &str) -> String {
        let value: Result<Value, EngineError> = serde_wasm_bindgen::from_value(case)
            .map_err(|e| EngineError::Json { path: String::new(), detail: e.to_string() });
        validate_with(options_json, |o| self.inner.validate_value(value?, o))
    }

    /// Masks the personal data of a case given as JSON text.
    #[wasm_bindgen(js_name = maskJson)]
    pub fn mask_json(&self, case_json: &str, options_json: &str) -> String {
        let run = || -> Result<Value, EngineError> {
            let o = options(options_json)?;
            let case: Value = serde_json::from_str(case_json)
                .map_err(|e| EngineError::Json { path: String::new(), detail: e.to_string() })?;
            self.inner.mask_value(&case, &o)
        };
        respond(run())
    }

    /// The JSON document of a pack given to the constructor (the last one with that id), else
    /// the assembled document of an embedded pack.
    #[wasm_bindgen(js_name = packDocumentJson)]
    pub fn pack_document_json(&self, id: &str) -> String {
        if let Some(doc) = self.added.get(id) {
            return respond::<&Value>(Ok(doc));
        }
        let doc = crate::pack::embedded::document(id).and_then(|text| {
            serde_json::from_str::<Value>(text)
                .map_err(|e| EngineError::Json { path: String::new(), detail: e.to_string() })
        });
        respond(doc)
    }

    /// Every loaded pack as `[{id, version, effective_from}]`.
    #[wasm_bindgen(js_name = packsJson)]
    pub fn packs_json(&self) -> String {
        let list: Vec<Value> = self
            .inner
            .packs()
            .into_iter()
            .map(|(id, version, from)| json!({"id": id, "version": version, "effective_from": from.to_string()}))
            .collect();
        respond::<Vec<Value>>(Ok(list))
    }
}

/// The engine's version (the crate version).
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Preview (and session) options: `{"now", "pack"?, "overrides"?, "handling"?, "locale"?,
/// "view"?: "complainant" | "staff"}` (the complainant's view by default; findings in both
/// languages and the rendering in zh-CN when `locale` is absent).
fn preview_options(options_json: &str) -> Result<Options, EngineError> {
    #[derive(serde::Deserialize)]
    struct PreviewJsOptions {
        now: Option<String>,
        pack: Option<String>,
        #[cfg(feature = "full")]
        #[serde(default)]
        overrides: Option<crate::classify::Overrides>,
        #[cfg(feature = "full")]
        #[serde(default)]
        handling: Option<crate::preview::Handling>,
        locale: Option<String>,
        #[serde(default)]
        view: Option<View>,
    }
    let o: PreviewJsOptions = js_options(options_json, "options")?;
    let now = parse_time("now", &required_now(o.now)?)?;
    Ok(Options {
        pack: o.pack,
        #[cfg(feature = "full")]
        overrides: o.overrides.unwrap_or_default(),
        #[cfg(feature = "full")]
        handling: o.handling.unwrap_or_default(),
        locale: locale(o.locale.as_deref())?,
        view: o.view,
        ..Options::at(now)
    })
}

/// A case given as JSON text, refused before parsing when larger than the pack's limit.
fn case_value(engine: &Engine, case_json: &str, opts: &Options) -> Result<Value, EngineError> {
    let limit = engine.pack(opts.pack.as_deref(), opts.now()?.date_naive())?.limits.max_case_bytes;
    if case_json.len() > limit {
        return Err(EngineError::TooLarge { size: case_json.len(), limit });
    }
    serde_json::from_str(case_json).map_err(|e| EngineError::Json {
        path: format!("line {} column {}", e.line(), e.column()),
        detail: e.to_string(),
    })
}

/// A live-form session (wrapped by `Session` in `pkg/index.js`): one case kept inside the
/// module; each edit re-runs only the rules that read the edited field.
#[wasm_bindgen(js_name = RawSession)]
pub struct RawSession {
    inner: Session,
    /// The answer of the last [`edit`](Self::edit) that had one, until taken by
    /// [`answer`](Self::answer).
    answer: String,
}

#[wasm_bindgen(js_class = RawSession)]
impl RawSession {
    /// Sets the field at `pointer` to the JSON value `value_json`. Most keystrokes change no
    /// finding, and their answer crosses the boundary as a number, not text: `0` (nothing changed,
    /// ready) or `1` (nothing changed, blocked); `2` when there is an answer to take with
    /// [`answer`](Self::answer): `{"ok": {"status", "added": [finding], "removed": [finding]}}`
    /// or `{"error": report}`.
    pub fn edit(&mut self, pointer: &str, value_json: &str) -> u8 {
        match self.apply(pointer, value_json) {
            Ok(change) if change.added.is_empty() && change.removed.is_empty() => {
                match change.status {
                    crate::validate::Status::Ready => 0,
                    crate::validate::Status::Blocked => 1,
                }
            }
            result => {
                self.answer = respond(result);
                2
            }
        }
    }

    /// The answer of the last [`edit`](Self::edit) that returned `2` (taken: empty afterwards).
    pub fn answer(&mut self) -> String {
        std::mem::take(&mut self.answer)
    }

    /// As [`edit`](Self::edit), always answered as text:
    /// `{"ok": {"status", "added": [finding], "removed": [finding]}}` or `{"error": report}`.
    pub fn set(&mut self, pointer: &str, value_json: &str) -> String {
        respond(self.apply(pointer, value_json))
    }

    /// Sets the field at `pointer` to the JSON value `value_json` in the session.
    fn apply(&mut self, pointer: &str, value_json: &str) -> Result<Change, EngineError> {
        let value = serde_json::from_str(value_json)
            .map_err(|e| EngineError::Json { path: pointer.to_string(), detail: e.to_string() })?;
        self.inner.set(pointer, value)
    }

    /// Every current finding (as `validateJson`'s `problems`).
    #[wasm_bindgen(js_name = findingsJson)]
    pub fn findings_json(&self) -> String {
        respond::<Vec<crate::finding::Finding>>(Ok(self.inner.findings()))
    }
}
