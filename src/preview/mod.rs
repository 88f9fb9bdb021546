//! The rule preview (SPEC §2.4–2.7): one call composes validation, classification, the
//! proof-burden checklist, the deadline timeline, the approval route, procedure checks and the
//! complainant's rights into one result, with a rendering in zh-CN or en that a page can show
//! as is. Everything a compliance team might tune is in the pack's `preview` section.
//!
//! ```
//! use complaint_rules::engine::{parse_time, Engine, Options, View};
//! let engine = Engine::new()?;
//! let now = parse_time("now", "2026-11-23T10:00:00+08:00")?;
//! let case = serde_json::json!({"facts": "收到的电视机屏幕有裂痕", "request": {"type": "refund", "amount": "999"}});
//! let mut opts = Options::at(now);
//! opts.view = Some(View::Staff); // approval routes are for staff; the complainant's view has none
//! let preview = engine.preview(case, &opts)?;
//! assert!(preview.route.applied.iter().any(|r| r.id == "amount_below"));
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

mod checklist;
pub mod codes;
mod notes;
mod policy;
mod render;
mod rights;
mod routing;
mod summary;

use chrono::DateTime;
use serde::Serialize;
use serde_json::Value;

pub use checklist::{ChecklistItem, ItemStatus};
pub use notes::{ClauseRef, PreviewFinding, Severity};
pub use policy::{
    check_pack, clause_ids_of, AppealPolicy, BurdenPolicy, BurdenPrompt, CheckRule, EvidenceRule,
    Need, PreviewPolicy, ReversedBurden, Right, RouteRule, RouteStep, RoutingPolicy, Trigger,
};
pub use render::{Render, Section};
pub use rights::{Acceptance, Handling, Reviewer, RightItem};
pub use routing::{AppliedRoute, Route};
pub use summary::PreviewSummary;

use crate::calendar::Calendar;
use crate::case::Case;
use crate::classify::{self, Classification, ClassifyInput, Overrides, Structured};
use crate::deadline::{self, TimelineEntry};
use crate::engine::{Engine, Options, View};
use crate::error::{EngineError, PackProblem};
use crate::money::Fen;
use crate::pack::Pack;
use crate::validate::{PackRef, Status};

/// The language(s) of the preview's findings and of its rendering (one place for every call's
/// `locale` option; kept here under its old name).
pub use crate::finding::Locale;

/// The composed preview of one case.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// May the complainant submit now: blocked only by a complainant-side error, never by the
    /// handler's findings (in either view).
    pub status: Status,
    /// Whose view this is: the complainant's (their own problems, supplements, checklist,
    /// timeline and rights) or the staff's (everything, including approval routes and the
    /// handler's compliance findings).
    pub view: View,
    /// The pack version applied.
    pub pack: PackRef,
    /// The compact, deterministic digest a backend recomputes to detect a tampered envelope.
    pub summary: PreviewSummary,
    /// Every finding, errors first: validation problems, checklist, burden notes, timeline,
    /// route, procedure checks and rights — each with its clause and audience. The
    /// complainant's view keeps only the complainant's findings.
    pub findings: Vec<PreviewFinding>,
    /// What the complainant may add after submitting, and by when (S002 二(二)2).
    pub supplements: Vec<crate::supplement::Supplement>,
    /// Category, cause class, severity and flags; overrides carry `set_by` and the engine's
    /// suggestion beside them.
    pub classification: Classification,
    /// The proof-burden checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Every time limit with its calendar due date.
    pub timeline: Vec<TimelineEntry>,
    /// Who decides and who is told (staff view; empty in the complainant's).
    pub route: Route,
    /// The complainant's rights, for display.
    pub rights: Vec<RightItem>,
    /// The ready-to-show rendering.
    pub render: Render,
}

/// The pack's `preview` section, or an error naming the pack that lacks one.
pub fn policy_of(pack: &Pack) -> Result<&PreviewPolicy, EngineError> {
    pack.preview.as_ref().ok_or_else(|| EngineError::Pack {
        problems: vec![PackProblem {
            path: "/preview".into(),
            detail: format!("pack {} {} has no preview section", pack.id, pack.version),
        }],
    })
}

impl Engine {
    /// Composes the preview of a case (SPEC §2.7), in the complainant's view unless
    /// `opts.view` says otherwise.
    pub fn preview(&self, case: Value, opts: &Options) -> Result<Preview, EngineError> {
        let now = opts.now()?;
        // A preview is what a form shows: the complainant's view unless asked otherwise.
        let view = opts.view.unwrap_or(View::Complainant);
        let validation = self.validate_value(case, opts)?;
        let pack =
            self.pack(Some(&validation.pack.id), self.case_day(&validation.normalized, now))?;
        let policy = policy_of(&pack)?;
        let typed = Case::from_json(&validation.normalized).unwrap_or_default();
        let classification = classify::classify(&pack, &classify_input(&typed, &opts.overrides))?;
        let day = self.case_day(&validation.normalized, now);
        let mut notes = notes::Notes::new(&pack, day, opts.locale);
        notes.extend(validation.problems);
        let mut gaps = Vec::new();
        let checklist =
            checklist::build(&mut notes, &mut gaps, policy, &typed, &classification, now);
        let mut supplements = validation.supplements;
        supplements.extend(crate::supplement::list(&pack, gaps, day)?);
        let mut times = opts.handling.times.clone();
        if times.submitted_at.is_none() {
            times.submitted_at =
                typed.submitted_at.as_deref().and_then(|t| DateTime::parse_from_rfc3339(t).ok());
        }
        let cal = Calendar::for_pack(&pack)?;
        let timeline = deadline::timeline(&pack, &cal, &times, (now, opts.locale))?;
        notes.extend(timeline.findings);
        let mut route =
            routing::route(&mut notes, &policy.routing, &typed, &classification, &opts.handling);
        rights::check(&mut notes, &policy.appeal, &opts.handling);
        let rights = rights::list(&pack, &policy.rights, &policy.settings, day);
        let mut findings = notes.finish();
        let status = if findings.iter().any(PreviewFinding::blocks) {
            Status::Blocked
        } else {
            Status::Ready
        };
        // The digest covers every finding whatever the view, so a backend recomputes it alike.
        let summary = PreviewSummary::of(status, &validation.pack, &classification, &findings);
        if view == View::Complainant {
            findings.retain(|f| f.audience == crate::finding::Audience::Complainant);
            route.applied.clear();
        }
        let mut preview = Preview {
            status,
            view,
            pack: validation.pack,
            summary,
            findings,
            supplements,
            classification,
            checklist,
            timeline: timeline.entries,
            route,
            rights,
            render: Render::default(),
        };
        preview.render = render::render(&pack, opts.locale, &preview);
        Ok(preview)
    }
}

/// What classification reads from a case: facts and request text, the structured fields, and
/// the overrides. An amount that is not valid money is left out (validation reports it).
pub(crate) fn classify_input(case: &Case, overrides: &Overrides) -> ClassifyInput {
    let request = case.request.as_ref();
    let text = [case.facts.as_deref(), request.and_then(|r| r.text.as_deref())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    ClassifyInput {
        text,
        structured: Structured {
            request_type: request.and_then(|r| r.kind),
            amount: request_amount(case).map(|f| f.to_string()),
            respondent_kind: case.respondent.as_ref().and_then(|r| r.kind),
            complainant_kind: case.complainant.as_ref().and_then(|c| c.kind),
        },
        overrides: overrides.clone(),
    }
}

/// The amount claimed in the request, when it is valid money.
fn request_amount(case: &Case) -> Option<Fen> {
    let text = case.request.as_ref()?.amount.as_deref()?;
    Fen::parse_yuan(&crate::text::normalize_code(text)).ok()
}
