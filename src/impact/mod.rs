//! Rule-change impact preview: run every case through the old and the new pack and report the
//! cases whose result differs — status, problems, supplements, category, severity, route,
//! deadlines — seen as staff see them (every finding, the approval route), with
//! the clauses responsible, then a summary. This is what a platform weighs before publishing a
//! rule change (令116号 Art. 10–13: consultation, notice, transition by impact).
//!
//! ```
//! use complaint_rules::engine::parse_time;
//! use complaint_rules::impact::Impact;
//! use complaint_rules::pack::embedded;
//! let old = embedded::document("ecommerce")?;
//! let mut doc: serde_json::Value = serde_json::from_str(old).unwrap_or_default();
//! doc["evidence"]["max_items"] = 1.into();
//! let impact = Impact::new(old, &doc.to_string(), parse_time("now", "2026-11-23T10:00:00+08:00")?)?;
//! let case = serde_json::json!({"evidence": [{"kind": "evidence"}, {"kind": "evidence"}]});
//! let changed = impact.case(0, case).expect("two items are now one too many");
//! assert!(changed.changes.iter().any(|c| c.kind == complaint_rules::impact::Kind::Problems));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

mod outcome;
mod summary;

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

pub use outcome::Outcome;
pub use summary::Summary;

use crate::engine::Engine;
use crate::engine::{Options, View};
use crate::error::EngineError;
use crate::pack::load::load_pack;

/// The kinds of difference, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One pack could evaluate the case and the other could not (or the errors differ).
    Error,
    /// `ready` ↔ `blocked`.
    Status,
    /// Findings added or removed.
    Problems,
    /// Items the complainant may add later, or their due dates.
    Supplements,
    /// Business category.
    Category,
    /// Severity level.
    Severity,
    /// Approval route.
    Route,
    /// Time limits or their due dates.
    Deadlines,
}

/// One difference of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What differs.
    pub kind: Kind,
    /// The old value (for lists: the items only the old result has).
    pub old: Value,
    /// The new value (for lists: the items only the new result has).
    pub new: Value,
}

/// A case the change treats differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseImpact {
    /// Position of the case in the input (0-based).
    pub case: usize,
    /// The case's `id`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Every difference.
    pub changes: Vec<Change>,
    /// The clauses behind the added or removed findings, and the route rules that now apply
    /// or no longer do.
    pub rules: Vec<String>,
}

/// The two packs to compare and the evaluation time.
#[derive(Debug, Clone)]
pub struct Impact {
    old: Engine,
    new: Engine,
    now: DateTime<FixedOffset>,
}

impl Impact {
    /// Loads both pack documents (each checked); every case is evaluated at `now` with exactly
    /// these packs, whatever their `effective_from`, in the staff view (every finding, the
    /// approval route).
    pub fn new(
        old_json: &str,
        new_json: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Impact, EngineError> {
        Ok(Impact {
            old: Engine::with_pack(load_pack(old_json)?)?,
            new: Engine::with_pack(load_pack(new_json)?)?,
            now,
        })
    }

    /// The outcome of one case under one engine, or the error's code and path.
    fn outcome(&self, engine: &Engine, case: Value) -> Result<Outcome, String> {
        let opts = Options { view: Some(View::Staff), ..Options::at(self.now) };
        engine.preview(case, &opts).map(|p| Outcome::of(&p)).map_err(|e| {
            let r = e.report();
            format!("{} {}", r.code, r.path)
        })
    }

    /// How the change treats case number `index`; `None` when both packs agree.
    pub fn case(&self, index: usize, case: Value) -> Option<CaseImpact> {
        let id = case.get("id").and_then(Value::as_str).map(str::to_string);
        let old = self.outcome(&self.old, case.clone());
        let new = self.outcome(&self.new, case);
        let (changes, rules) = match (&old, &new) {
            (Ok(a), Ok(b)) => compare(a, b),
            (a, b) if a == b => (Vec::new(), Vec::new()),
            (a, b) => {
                let show = |r: &Result<Outcome, String>| match r {
                    Ok(o) => Value::String(o.status.clone()),
                    Err(e) => Value::String(e.clone()),
                };
                (vec![Change { kind: Kind::Error, old: show(a), new: show(b) }], Vec::new())
            }
        };
        (!changes.is_empty()).then_some(CaseImpact { case: index, id, changes, rules })
    }

    /// Every case that differs, and the summary, over a sequence of cases numbered from
    /// `first` (a run split into chunks numbers each chunk from its own start).
    pub fn run(
        &self,
        first: usize,
        cases: impl IntoIterator<Item = Value>,
    ) -> (Vec<CaseImpact>, Summary) {
        let mut summary = Summary::default();
        let mut impacts = Vec::new();
        for (i, case) in cases.into_iter().enumerate() {
            summary.cases += 1;
            if let Some(impact) = self.case(first + i, case) {
                summary.add(&impact);
                impacts.push(impact);
            }
        }
        (impacts, summary)
    }
}

/// The differences between two outcomes, and the rules behind them.
fn compare(a: &Outcome, b: &Outcome) -> (Vec<Change>, Vec<String>) {
    let mut changes = Vec::new();
    let mut rules = BTreeSet::new();
    let mut scalar = |kind, x: &String, y: &String| {
        if x != y {
            changes.push(Change { kind, old: x.as_str().into(), new: y.as_str().into() });
        }
    };
    scalar(Kind::Status, &a.status, &b.status);
    scalar(Kind::Category, &a.category, &b.category);
    scalar(Kind::Severity, &a.severity, &b.severity);
    for (kind, x, y) in [
        (Kind::Problems, &a.problems, &b.problems),
        (Kind::Supplements, &a.supplements, &b.supplements),
        (Kind::Route, &a.route, &b.route),
        (Kind::Deadlines, &a.deadlines, &b.deadlines),
    ] {
        let only = |p: &[String], q: &[String]| -> Vec<String> {
            p.iter().filter(|i| !q.contains(i)).cloned().collect()
        };
        let (gone, added) = (only(x, y), only(y, x));
        if gone.is_empty() && added.is_empty() {
            continue;
        }
        for item in &gone {
            rules.extend(blame(kind, item, &a.clauses));
        }
        for item in &added {
            rules.extend(blame(kind, item, &b.clauses));
        }
        changes.push(Change { kind, old: gone.into(), new: added.into() });
    }
    changes.sort_by_key(|c| c.kind);
    (changes, rules.into_iter().collect())
}

/// The rule behind a list item: a finding's clause, a route rule's id, a time limit's id.
fn blame(
    kind: Kind,
    item: &str,
    clauses: &std::collections::BTreeMap<String, String>,
) -> Option<String> {
    match kind {
        Kind::Problems | Kind::Supplements => clauses.get(item).map(|c| format!("clause {c}")),
        Kind::Route => item.split(':').next().map(|id| format!("route {id}")),
        Kind::Deadlines => item.split(' ').next().map(|id| format!("limit {id}")),
        _ => None,
    }
}
