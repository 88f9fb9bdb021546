//! A validation session for a live form (issue 9): the engine keeps one case, a form sends one
//! edited field at a time, and only the rules that read that field run again. Each rule's
//! read-set is declared beside its code ([`Unit::reads`]); `tests/session.rs` checks that after
//! any sequence of edits the session agrees with validating the whole case.
//!
//! ```
//! use complaint_rules::engine::{parse_time, Engine, Options};
//! use complaint_rules::session::Session;
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2026-11-23T10:00:00+08:00")?;
//! let mut session = Session::new(&engine, serde_json::json!({}), Options::at(now))?;
//! let change = session.set("/complainant/mobile", serde_json::json!("1381234"))?;
//! assert!(change.added.iter().any(|f| f.code == "mobile.format"));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

mod diff;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::case::normalize::{normalize_at, normalize_text_at};
use crate::case::pointer::{self, overlaps, unescape};
use crate::engine::{case_object, read_typed, Engine, Options, Shaped};
use crate::error::EngineError;
use crate::finding::{Bilingual, Finding};
use crate::pack::Pack;
#[cfg(feature = "full")]
use crate::preview::Preview;
use crate::validate::{self, Context, Status, Unit};

/// What one edit changed: the status after it, the findings that appeared and those that went.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Change {
    /// Ready or blocked after the edit.
    pub status: Status,
    /// Findings the edit brought.
    pub added: Vec<Finding>,
    /// Findings the edit cleared.
    pub removed: Vec<Finding>,
}

/// One case under edit, with the findings of every rule kept per rule.
#[derive(Debug, Clone)]
pub struct Session {
    engine: Engine,
    opts: Options,
    /// `opts.now`, checked once when the session starts.
    now: DateTime<FixedOffset>,
    /// The day whose law applies ([`validate::case_day`]), read again only when an edit can
    /// move `submitted_at`.
    day: NaiveDate,
    /// The normalised case.
    case: Value,
    pack: Arc<Pack>,
    shaped: Shaped,
    /// Every rule of the pack with the fields it reads.
    units: Vec<(Unit, Vec<String>)>,
    /// The findings of each rule, by position in `units`.
    results: Vec<Vec<Finding>>,
    /// For each pointer edited so far, the positions in `units` of the rules that read it (a
    /// form edits the same few fields over and over).
    readers: HashMap<String, Arc<[usize]>>,
}

impl Session {
    /// Starts a session on `case` (an object) with `opts` (`now`, pack, locale; the rest is
    /// used by [`preview`](Self::preview)).
    pub fn new(engine: &Engine, mut case: Value, opts: Options) -> Result<Session, EngineError> {
        let now = opts.now()?;
        if !case.is_object() {
            return Err(EngineError::Shape { path: String::new(), expected: case_object() });
        }
        normalize_at(&mut case, "");
        let pack = engine.pack(opts.pack.as_deref(), engine.case_day(&case, now))?;
        let shaped = engine.check_shape(&pack, &case, opts.locale)?;
        let day = validate::case_day(&shaped.typed, now);
        let mut session = Session {
            engine: engine.clone(),
            opts,
            now,
            day,
            case,
            pack,
            shaped,
            units: Vec::new(),
            results: Vec::new(),
            readers: HashMap::new(),
        };
        session.rerun_all();
        Ok(session)
    }

    /// Sets the field at `pointer` (RFC 6901; missing parent objects are created, `-` appends to
    /// a list) to `value` and re-runs the rules that read it. On error the session is unchanged.
    pub fn set(&mut self, pointer: &str, value: Value) -> Result<Change, EngineError> {
        if pointer.is_empty() && !value.is_object() {
            return Err(EngineError::Shape { path: String::new(), expected: case_object() });
        }
        // Compiled when the session started; asked for before the edit so that an error leaves
        // the session unchanged.
        let compiled = crate::case::schema::compiled()?;
        // Only an edit that can move `submitted_at` can fail after the change (no pack version in
        // force that day), so only then is the old case kept to roll back to.
        let undo = overlaps(pointer, "/submitted_at").then(|| self.case.clone());
        // `pointer::set` changes nothing when it fails.
        let Some((written, slot)) = pointer::set(&mut self.case, pointer, value) else {
            return Err(EngineError::Shape { path: pointer.to_string(), expected: container() });
        };
        // A text (a keystroke) is normalised where it was written and kept for the typed case;
        // anything else is normalised with what it holds.
        let edited_text = normalize_text_at(slot, &written).then(|| slot.clone());
        let pointer = written.as_ref();
        if edited_text.is_none() {
            normalize_at(&mut self.case, pointer);
        }
        // The pack version in force is chosen by `submitted_at`: only an edit that can move it
        // looks the version up again.
        let moves_day = undo.is_some();
        let pack = match undo {
            None => Arc::clone(&self.pack),
            Some(old) => match self
                .engine
                .pack(self.opts.pack.as_deref(), self.engine.case_day(&self.case, self.now))
            {
                Ok(pack) => pack,
                Err(e) => {
                    self.case = old;
                    return Err(e);
                }
            },
        };
        let before_shape = std::mem::take(&mut self.shaped.shape);
        let (mut shape, cleaned) = self.engine.shape_after_edit(
            compiled,
            &pack,
            &self.case,
            (pointer, self.opts.locale),
            &before_shape,
        );
        // Re-read only the edited text field of the typed case, else its top-level member, unless
        // the case did not fit the model before (a finding at "") or the member does not now.
        let clean = cleaned.as_ref().unwrap_or(&self.case);
        let top = pointer::split_first(pointer).map(|(top, _)| top);
        let fitted = !before_shape.iter().any(|f| f.path.is_empty());
        let typed = &mut self.shaped.typed;
        let refreshed = fitted
            && (typed.refresh_text(
                pointer,
                match (&edited_text, &cleaned) {
                    (Some(text), None) => Some(text),
                    _ => pointer::lookup(clean, pointer),
                },
            ) || top.is_some_and(|key| typed.refresh(clean, &unescape(key)).is_ok()));
        if !refreshed {
            self.shaped.typed = read_typed(&pack, clean, &mut shape, self.opts.locale);
        }
        self.shaped.shape = shape;
        self.shaped.cleaned = cleaned;
        if moves_day {
            self.day = validate::case_day(&self.shaped.typed, self.now);
        }
        let mut change = Change::default();
        if Arc::ptr_eq(&pack, &self.pack) {
            diff::changes(&before_shape, &self.shaped.shape, &mut change);
            let readers = self.readers_of(pointer);
            self.rerun(&readers, &mut change);
        } else {
            // `submitted_at` moved the case into another pack version: every rule changes.
            let before: Vec<Finding> =
                before_shape.into_iter().chain(self.results.drain(..).flatten()).collect();
            self.pack = pack;
            self.rerun_all();
            diff::changes(&before, &self.findings(), &mut change);
        }
        change.status = self.status();
        Ok(change)
    }

    /// Every current finding, as [`Engine::validate_value`] would return them.
    pub fn findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> =
            self.shaped.shape.iter().chain(self.results.iter().flatten()).cloned().collect();
        all.sort_by_key(|f| f.severity);
        all
    }

    /// Ready unless a finding blocks the complainant (as [`crate::validate::status_of`]).
    pub fn status(&self) -> Status {
        let mut all = self.shaped.shape.iter().chain(self.results.iter().flatten());
        if all.any(Finding::blocks) {
            Status::Blocked
        } else {
            Status::Ready
        }
    }

    /// The case as it stands, normalised.
    pub fn case(&self) -> &Value {
        &self.case
    }

    /// The full preview of the case as it stands.
    #[cfg(feature = "full")]
    pub fn preview(&self) -> Result<Preview, EngineError> {
        self.engine.preview(self.case.clone(), &self.opts)
    }

    /// Runs every rule of the pack from scratch.
    fn rerun_all(&mut self) {
        self.units = validate::units(&self.pack)
            .map(|u| (u, u.reads(&self.pack).into_iter().map(str::to_string).collect()))
            .collect();
        self.results = vec![Vec::new(); self.units.len()];
        self.readers.clear();
        let all: Vec<usize> = (0..self.units.len()).collect();
        self.rerun(&all, &mut Change::default());
    }

    /// The positions of the rules that read the field at `pointer`.
    fn readers_of(&mut self, pointer: &str) -> Arc<[usize]> {
        if let Some(found) = self.readers.get(pointer) {
            return Arc::clone(found);
        }
        let found: Arc<[usize]> = self
            .units
            .iter()
            .enumerate()
            .filter(|(_, (_, reads))| reads.iter().any(|r| overlaps(r, pointer)))
            .map(|(i, _)| i)
            .collect();
        self.readers.insert(pointer.to_string(), Arc::clone(&found));
        found
    }

    /// Re-runs the rules at positions `which`, recording what changed.
    fn rerun(&mut self, which: &[usize], change: &mut Change) {
        let clean = self.shaped.cleaned.as_ref().unwrap_or(&self.case);
        for &i in which {
            let (Some((unit, _)), Some(result)) = (self.units.get(i), self.results.get_mut(i))
            else {
                continue;
            };
            // The rule's earlier findings are handed to the run: one it makes again (same code,
            // place and arguments) is kept as it is, so only new or changed findings are formatted.
            let mut ctx = Context::new(
                &self.pack,
                clean,
                &self.shaped.typed,
                (self.now, self.day, self.opts.locale),
                &self.shaped.shape,
            )
            .reusing(std::mem::take(result));
            unit.run(&mut ctx);
            let (gone, fresh) = ctx.changed();
            diff::changes(gone, &fresh, change);
            *result = ctx.findings;
        }
    }
}

/// What a pointer's parent must be.
fn container() -> Bilingual {
    Bilingual {
        zh: "可写入的位置（父级为对象或列表）".into(),
        en: "a writable place (its parent an object or a list)".into(),
    }
}
