//! Preview findings: a validation or deadline finding, or one of the preview's own, with the
//! clause resolved from the pack's catalogue (id, title and text excerpt).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::finding::{self, Audience, Bilingual, Finding, Locale};
use crate::pack::Pack;

/// How serious a preview finding is.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the case.
    Error,
    /// Shown; the case may go on.
    Warning,
    /// Information for the complainant or staff (route, burden, rights).
    Info,
}

/// A clause of the pack's catalogue, as shown beside a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseRef {
    /// Clause id.
    pub id: String,
    /// Source document.
    pub source: String,
    /// Article within the source.
    pub article: String,
    /// Short title.
    pub title: Bilingual,
    /// Text excerpt.
    pub text: String,
}

impl ClauseRef {
    /// The catalogue entry `id` (pack loading checks every id the preview cites exists).
    pub fn of(pack: &Pack, id: &str) -> ClauseRef {
        let c = pack.clauses.get(id);
        ClauseRef {
            id: id.to_string(),
            source: c.map(|c| c.source.clone()).unwrap_or_default(),
            article: c.map(|c| c.article.clone()).unwrap_or_default(),
            title: c.map(|c| c.title.clone()).unwrap_or_default(),
            text: c.map(|c| c.text.clone()).unwrap_or_default(),
        }
    }
}

/// One finding of a preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewFinding {
    /// Stable machine code.
    pub code: String,
    /// Error, warning or info.
    pub severity: Severity,
    /// Whom it binds: the complainant, or the handler (never blocks a submission).
    #[serde(default)]
    pub audience: Audience,
    /// JSON pointer in the case (`/handling/…` for the handling object); empty for the whole case.
    pub path: String,
    /// Message in zh-CN and en, or in the one language the call asked for.
    #[serde(serialize_with = "finding::message")]
    pub message: Bilingual,
    /// The clause that backs it.
    pub clause: ClauseRef,
}

impl PreviewFinding {
    /// Whether it keeps the complainant from submitting: a complainant-side error.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error && self.audience == Audience::Complainant
    }
}

/// Findings collected while a preview is composed; a finding whose clause is not in force on
/// the day its rule looks at is left out (a rule applies only inside its clause's window).
pub(crate) struct Notes<'a> {
    pack: &'a Pack,
    day: NaiveDate,
    locale: Locale,
    findings: Vec<PreviewFinding>,
}

impl<'a> Notes<'a> {
    /// Notes for a case whose law is that of `day` (its submission, else `now`), with messages
    /// in `locale`.
    pub(crate) fn new(pack: &'a Pack, day: NaiveDate, locale: Locale) -> Self {
        Notes { pack, day, locale, findings: Vec::new() }
    }

    /// The language(s) of the messages.
    pub(crate) fn locale(&self) -> Locale {
        self.locale
    }

    /// The day whose law applies.
    pub(crate) fn day(&self) -> NaiveDate {
        self.day
    }

    /// The pack being applied.
    pub(crate) fn pack(&self) -> &'a Pack {
        self.pack
    }

    fn push(&mut self, f: Finding, severity: Severity) {
        if !self.pack.clause_in_force(&f.clause, self.day) {
            return;
        }
        let clause = ClauseRef::of(self.pack, &f.clause);
        self.findings.push(PreviewFinding {
            code: f.code,
            severity,
            audience: f.audience,
            path: f.path,
            message: f.message,
            clause,
        });
    }

    /// Adds findings of the validator or the timeline, keeping their severity.
    pub(crate) fn extend(&mut self, findings: Vec<Finding>) {
        for f in findings {
            let severity = match f.severity {
                finding::Severity::Error => Severity::Error,
                finding::Severity::Warning => Severity::Warning,
            };
            self.push(f, severity);
        }
    }

    /// Adds a finding with the pack's message for `code`, placeholders filled from `args`.
    pub(crate) fn add(
        &mut self,
        code: &str,
        (severity, audience): (Severity, Audience),
        path: &str,
        clause: &str,
        args: &[(&str, Bilingual)],
    ) {
        let mut f = crate::deadline::codes::finding(
            (self.pack, self.locale),
            code,
            path,
            finding::Severity::Warning,
            clause,
            args,
        );
        f.audience = audience;
        self.push(f, severity);
    }

    /// Every finding, errors first (stable within a severity).
    pub(crate) fn finish(mut self) -> Vec<PreviewFinding> {
        self.findings.sort_by_key(|f| f.severity);
        self.findings
    }
}
