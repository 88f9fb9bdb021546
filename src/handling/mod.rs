//! The handling lifecycle (issue 16): after submission, every duty of the seeds checked on the
//! case's append-only event record — time limits with their extensions, one-time supplement
//! notices, reasons and basis, review, compensation approval, recusal, mediation, follow-up,
//! archive and retention — with the stage, the next actions and who must take them.
//!
//! ```
//! use complaint_rules::engine::{parse_time, Engine, Options};
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2026-03-03T10:00:00+08:00")?;
//! let case = serde_json::json!({"facts": "商品有质量问题", "submitted_at": "2026-03-02T09:00:00+08:00"});
//! let record = serde_json::json!({"events": []});
//! let report = engine.handling(case, &record, &Options::at(now))?;
//! assert_eq!(report.stage, "submitted");
//! assert!(report.next_actions.iter().any(|a| a.action == "acknowledge"));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```
// Input reaches every computation here (dates, periods, amounts): checked or saturating
// arithmetic only.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod codes;
mod context;
mod duties;
mod limits;
mod obligations;
mod pack_check;
pub mod policy;
pub mod record;
mod stage;

use chrono::DateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use context::{ActionState, NextAction};
pub use duties::CompensationRoute;
pub use pack_check::check_pack;
pub use policy::HandlingPolicy;
pub use record::{Event, RecordError};
pub use stage::TimelineItem;

use crate::calendar::{missing_year_findings, Calendar};
use crate::case::{normalize, Case};
use crate::classify::{self, Overrides};
use crate::engine::{china_offset, Engine, Options, View};
use crate::error::{EngineError, PackProblem};
use crate::finding::{Audience, Finding};
use crate::pack::Pack;
use crate::validate::PackRef;
use context::{Ctx, Facts};

/// Who decides and who is told.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// The compensation route of the offered amount (company-fault cases).
    pub compensation: Option<CompensationRoute>,
    /// Where the case was escalated, in order.
    pub escalations: Vec<String>,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandlingReport {
    /// The pack version applied.
    pub pack: PackRef,
    /// The view this result is for: the staff's (every finding, every action, the route) or
    /// the complainant's (their own findings, the actions the pack shows them — what happens
    /// next and by when, supplements asked — no internal route).
    pub view: View,
    /// Where the case stands.
    pub stage: String,
    /// Every finding, errors first.
    pub findings: Vec<Finding>,
    /// What must happen next, overdue first, then by due time.
    pub next_actions: Vec<NextAction>,
    /// The events with the stage each left the case in.
    pub timeline: Vec<TimelineItem>,
    /// Who decides and who is told (staff view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
}

/// The pack's `handling` section, or an error naming the pack that lacks one.
pub fn policy_of(pack: &Pack) -> Result<&HandlingPolicy, EngineError> {
    pack.handling.as_ref().ok_or_else(|| EngineError::Pack {
        problems: vec![PackProblem {
            path: "/handling".into(),
            detail: format!("pack {} {} has no handling section", pack.id, pack.version),
        }],
    })
}

impl Engine {
    /// Evaluates a case's handling record `{events: [...], overrides?}` at `opts.now` with the
    /// pack in force at the case's submission, in the staff's view unless `opts.view` says
    /// otherwise (`opts.overrides` and `opts.handling` are not read: the record carries both).
    pub fn handling(
        &self,
        mut case: Value,
        record: &Value,
        opts: &Options,
    ) -> Result<HandlingReport, EngineError> {
        let now = opts.now()?;
        // Handling is what a case handler works from: the staff's view unless asked otherwise.
        let view = opts.view.unwrap_or(View::Staff);
        if !case.is_object() {
            return Err(EngineError::Shape {
                path: String::new(),
                expected: crate::engine::case_object(),
            });
        }
        normalize::normalize(&mut case);
        let pack = self.pack(opts.pack.as_deref(), self.case_day(&case, now))?;
        let policy = policy_of(&pack)?;
        let events = record::parse(record, policy.max_events)?;
        let overrides: Overrides = match record.get("overrides") {
            Some(o) => serde_json::from_value(o.clone()).map_err(|e| EngineError::Option {
                name: "overrides".into(),
                detail: e.to_string(),
            })?,
            None => Overrides::default(),
        };
        let typed = Case::from_json(&case).unwrap_or_default();
        let classification =
            classify::classify(&pack, &crate::preview::classify_input(&typed, &overrides))?;
        let facts = Facts {
            submitted_at: typed
                .submitted_at
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&china_offset())),
            category: classification.category.id.clone(),
            cause_class: classification.cause_class.id.clone(),
            severity: serde_json::to_value(classification.severity.level)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            flags: classification.flags.iter().map(|f| f.id.clone()).collect(),
            staff: typed.respondent.as_ref().and_then(|r| r.staff.clone()),
            supplements: self
                .validate_value(case.clone(), opts)?
                .supplements
                .into_iter()
                .map(|s| (s.path, s.item))
                .collect(),
        };
        let mut ctx = Ctx {
            pack: &pack,
            policy,
            cal: Calendar::for_pack(&pack)?,
            now,
            locale: opts.locale,
            events: &events,
            facts,
            findings: Vec::new(),
            actions: Vec::new(),
            missing: Default::default(),
        };
        let timeline = stage::walk(&mut ctx);
        limits::check(&mut ctx)?;
        let compensation = duties::check(&mut ctx, &case)?;
        obligations::check(&mut ctx)?;
        if let Some((ai, _)) = ctx.first("resolved").or_else(|| ctx.first("rejected")) {
            let open_review = ctx
                .actions
                .iter()
                .any(|a| matches!(a.action.as_str(), "decide_review" | "notify_review_result"));
            if ctx.first_after("archived", ai).is_none() && !open_review {
                let clause = policy.archive.clause.clone();
                let day = now.date_naive();
                ctx.action("archive", None, &clause, Audience::Handler, day)?;
            }
        }
        let mut findings = ctx.findings;
        findings.extend(missing_year_findings(&pack, &ctx.missing, opts.locale));
        findings.sort_by_key(|f| f.severity);
        let mut next_actions = ctx.actions;
        next_actions.sort_by(|a, b| {
            (a.state, a.due_at.is_none(), a.due_at).cmp(&(b.state, b.due_at.is_none(), b.due_at))
        });
        let route = Route {
            compensation,
            escalations: events
                .iter()
                .filter_map(|e| match e.kind {
                    record::Kind::Escalated { to } => duties::target_name(to),
                    _ => None,
                })
                .collect(),
        };
        let mut report = HandlingReport {
            pack: PackRef { id: pack.id.clone(), version: pack.version.clone() },
            view,
            stage: timeline
                .last()
                .map_or_else(|| stage::SUBMITTED.to_string(), |t| t.stage.clone()),
            findings,
            next_actions,
            timeline,
            route: Some(route),
        };
        if view == View::Complainant {
            report.findings.retain(|f| f.audience == Audience::Complainant);
            report.next_actions.retain(|a| policy.complainant_actions.contains(&a.action));
            report.route = None;
        }
        Ok(report)
    }
}

/// Whether an event appended to a record should be refused: the errors the new record has that
/// the old one did not, other than lateness (a late step is a fact to record, not a reason to
/// refuse it). Empty when the event may be appended.
pub fn refusals(before: &HandlingReport, after: &HandlingReport) -> Vec<Finding> {
    after
        .findings
        .iter()
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .filter(|f| !codes::LATENESS.contains(&f.code.as_str()))
        .filter(|f| !before.findings.iter().any(|b| b.code == f.code && b.path == f.path))
        .cloned()
        .collect()
}
