//! Policy packs: the data every rule reads — limits, required fields and materials, formats,
//! messages, field labels, masking, taxonomy and the clause catalogue. Nothing a compliance team
//! might tune lives in code.

pub mod embedded;
mod error_pointer;
pub mod load;
pub mod merge;
pub mod parts;
pub mod placeholders;
pub mod registry;
pub mod report;
#[cfg(test)]
mod schema_gen;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::mask::MaskPolicy;
use crate::case::{ComplainantKind, EvidenceKind};
use crate::finding::{Bilingual, Locale};

/// A policy pack, as loaded from its JSON document.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Stable id, e.g. `ecommerce`.
    pub id: String,
    /// Version label, e.g. `2026.1`.
    pub version: String,
    /// First day (UTC+08:00) on which this version applies.
    #[serde(deserialize_with = "crate::calendar::date_text::date")]
    pub effective_from: NaiveDate,
    /// Human title.
    pub title: Bilingual,
    /// Where the pack's rules come from (seeds, laws); each names an entry of
    /// `source_catalogue`.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The sources catalogue: every document a clause may cite, by id, with its kind and dates.
    /// A clause's `source` names an entry by id or by one of its `cited_as` spellings, each
    /// optionally followed by a pinpoint after a space or `（` (several
    /// joined by `/`).
    #[serde(default)]
    pub source_catalogue: BTreeMap<String, Source>,
    /// Global limits.
    pub limits: Limits,
    /// Display labels of case fields, keyed by JSON pointer with `*` for array indices.
    pub fields: BTreeMap<String, Bilingual>,
    /// Required-field rules.
    pub required: Vec<RequiredRule>,
    /// Format rules.
    pub formats: Vec<FormatRule>,
    /// Text length rules.
    pub lengths: Vec<LengthRule>,
    /// Time ordering rules.
    pub chronology: Vec<ChronologyRule>,
    /// Declarations that must be `true`.
    pub declarations: Vec<DeclarationRule>,
    /// Fields whose presence the pack does not accept (e.g. an agent where only the
    /// complainant in person may file).
    #[serde(default)]
    pub refused: Vec<RefusedRule>,
    /// Evidence limits.
    pub evidence: EvidencePolicy,
    /// Required materials (evidence kinds) per complainant kind / agent.
    pub materials: Vec<MaterialRule>,
    /// Cross-field amount rules.
    #[serde(default)]
    pub amounts: Vec<AmountRule>,
    /// Masking of personal data.
    pub masking: MaskPolicy,
    /// Business categories and cause classes.
    pub taxonomy: Taxonomy,
    /// Message templates by finding code.
    pub messages: BTreeMap<String, Bilingual>,
    /// The clause catalogue: every finding's `clause` is a key here.
    pub clauses: BTreeMap<String, Clause>,
    /// Time limits, notice periods and calendar additions (see [`crate::deadline`]).
    #[cfg(feature = "full")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<crate::deadline::DeadlinePolicy>,
    /// The calendar additions of the `deadlines` section (the form build reads nothing else).
    #[cfg(not(feature = "full"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<crate::calendar::policy::DeadlineCalendar>,
    /// Classification lexicon, cues, severity and flags (see [`crate::classify`]).
    #[cfg(feature = "full")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classify: Option<crate::classify::ClassifyPolicy>,
    /// The reasonable period given to supplement missing material (S002 二(二)2), when any rule
    /// of the pack asks for a supplement instead of blocking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplement: Option<SupplementPolicy>,
    /// Proof burden, routing, procedure checks and rights (see [`crate::preview`]).
    #[cfg(feature = "full")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<crate::preview::PreviewPolicy>,
    /// The handler's duties after submission, checked on a case's event record (see
    /// [`crate::handling`]).
    #[cfg(feature = "full")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<crate::handling::HandlingPolicy>,
    /// The form build skips the sections only the full build reads (`classify`, `preview`,
    /// `handling`), so a full pack still loads; they are neither kept nor checked.
    #[cfg(not(feature = "full"))]
    #[serde(default, skip_serializing, rename = "classify")]
    pub skipped_classify: Option<serde::de::IgnoredAny>,
    /// See `skipped_classify`.
    #[cfg(not(feature = "full"))]
    #[serde(default, skip_serializing, rename = "preview")]
    pub skipped_preview: Option<serde::de::IgnoredAny>,
    /// See `skipped_classify`.
    #[cfg(not(feature = "full"))]
    #[serde(default, skip_serializing, rename = "handling")]
    pub skipped_handling: Option<serde::de::IgnoredAny>,
}

/// Global limits.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Largest case document accepted, in bytes of JSON.
    pub max_case_bytes: usize,
    /// Tolerated clock difference between the client's `submitted_at` and `now`, in seconds.
    pub clock_skew_seconds: i64,
    /// Clause backing the size limit.
    pub clause: String,
}

/// What the absence of a required item does.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnMissing {
    /// The complaint cannot be registered without it: an error that blocks submission.
    #[default]
    Block,
    /// The complaint is registered and the complainant is asked to add it within the pack's
    /// reasonable period: a warning and an entry in `supplements`.
    Supplement,
}

impl OnMissing {
    /// The severity of the finding an absent item gives.
    pub fn severity(self) -> crate::finding::Severity {
        match self {
            OnMissing::Block => crate::finding::Severity::Error,
            OnMissing::Supplement => crate::finding::Severity::Warning,
        }
    }
}

/// The reasonable period to supplement missing material, counted on the working-day calendar
/// from the day of submission.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementPolicy {
    /// Working days after the day of submission.
    pub working_days: u32,
    /// Clause id (the duty to say once what to add and give a reasonable time; the number of
    /// days is the pack's choice).
    pub clause: String,
}

/// When a rule applies.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Only for this complainant kind.
    #[serde(default)]
    pub complainant_kind: Option<ComplainantKind>,
    /// Only when an agent is (true) or is not (false) present.
    #[serde(default)]
    pub has_agent: Option<bool>,
}

/// At least one of the listed fields must be filled in.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredRule {
    /// Pointers, any one of which satisfies the rule; the finding is reported at the first.
    pub any_of: Vec<String>,
    /// When the rule applies.
    #[serde(default)]
    pub when: Condition,
    /// What its absence does (block, the default, or ask for a supplement).
    #[serde(default)]
    pub on_missing: OnMissing,
    /// Clause id.
    pub clause: String,
}

/// Named formats the engine knows how to check.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// GB 11643 resident identity number.
    ResidentId,
    /// GB 32100 unified social credit code.
    Uscc,
    /// Mainland mobile number.
    Mobile,
    /// E-mail address.
    Email,
    /// Yuan amount as a decimal string.
    Money,
    /// RFC 3339 timestamp.
    Time,
}

/// A field that must have a given format when present.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatRule {
    /// Pointer of the field.
    pub path: String,
    /// The format.
    pub format: Format,
    /// Clause id.
    pub clause: String,
}

/// Length limits of a text field, in characters.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthRule {
    /// Pointer of the field (`*` for every array item).
    pub path: String,
    /// Minimum length when present.
    #[serde(default)]
    pub min: Option<usize>,
    /// Maximum length.
    pub max: usize,
    /// Clause id.
    pub clause: String,
}

/// `earlier` must not be after `later` (either may be `$now`).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronologyRule {
    /// Pointer of the earlier time, or `$now`.
    pub earlier: String,
    /// Pointer of the later time, or `$now`.
    pub later: String,
    /// Clause id.
    pub clause: String,
}

/// A declaration that must be `true`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclarationRule {
    /// Pointer of the boolean.
    pub path: String,
    /// What a missing confirmation does (block, the default, or ask for a supplement).
    #[serde(default)]
    pub on_missing: OnMissing,
    /// Clause id.
    pub clause: String,
}

/// A field that must be absent: a filing with it is not accepted (an error that blocks).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedRule {
    /// Pointer of the field.
    pub path: String,
    /// Clause id.
    pub clause: String,
}

/// Limits on attached evidence.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidencePolicy {
    /// Most items accepted.
    pub max_items: usize,
    /// Largest single file, in bytes.
    pub max_bytes: u64,
    /// Accepted media types.
    pub media_types: Vec<String>,
    /// Clause id for these limits.
    pub clause: String,
}

/// Materials that must be attached: for each group, at least one item of one of its kinds.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialRule {
    /// Message key naming the material (looked up in `messages` as `material.<name>`).
    pub name: String,
    /// Evidence kinds any one of which satisfies the rule.
    pub any_kind: Vec<EvidenceKind>,
    /// When the rule applies.
    #[serde(default)]
    pub when: Condition,
    /// What its absence does (block, the default, or ask for a supplement).
    #[serde(default)]
    pub on_missing: OnMissing,
    /// Clause id.
    pub clause: String,
}

/// A cross-field amount rule: `amount` should not exceed `cap` for the listed request types.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountRule {
    /// Pointer of the claimed amount.
    pub amount: String,
    /// Pointer of the cap.
    pub cap: String,
    /// Request types the rule applies to.
    pub request_types: Vec<crate::case::RequestType>,
    /// Clause id.
    pub clause: String,
}

/// Business categories and cause classes.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Business categories, ids fixed per pack.
    pub categories: Vec<TaxonomyEntry>,
    /// Cause classes (`company_fault`, `objective`, `customer_side`, `other`).
    pub cause_classes: Vec<TaxonomyEntry>,
}

/// One category or class.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyEntry {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: Bilingual,
    /// Clause id describing it.
    pub clause: String,
    /// What the category covers and what it leaves to others, where the clause alone does not
    /// say (the pack's own choice, labelled 本包规则 / pack policy): the labelling guide the
    /// training texts follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Bilingual>,
}

/// What kind of document a source is.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// One of the seed documents (a platform's or company's own rules).
    Seed,
    /// A law adopted by the NPC or its Standing Committee.
    Law,
    /// A departmental regulation (部门规章), e.g. an SAMR order.
    Regulation,
    /// A national standard (GB).
    Standard,
    /// The pack's own choice (本包规则), not law.
    Pack,
}

/// One entry of the sources catalogue.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What kind of document it is.
    pub kind: SourceKind,
    /// Full title, as the document gives it.
    pub title: String,
    /// Day adopted or published (required for laws and regulations).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub adopted: Option<NaiveDate>,
    /// Day of the latest amendment the pack relies on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub amended: Option<NaiveDate>,
    /// First day in force (required for laws and regulations).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub in_force_from: Option<NaiveDate>,
    /// Last day in force, when replaced or repealed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub in_force_until: Option<NaiveDate>,
    /// Other spellings clauses use for this source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_as: Vec<String>,
    /// A remark for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One entry of the clause catalogue.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Source document, e.g. `S002` or `电子商务法`.
    pub source: String,
    /// Article or section within the source, e.g. `二(一)2`.
    pub article: String,
    /// Short title.
    pub title: Bilingual,
    /// Text excerpt (original language).
    pub text: String,
    /// True when the value is the pack author's choice rather than the source's (e.g. a digit
    /// lost in the seed).
    #[serde(default)]
    pub pack_choice: bool,
    /// First day the clause is in force (inclusive), when known; a rule citing it applies only
    /// to events on or after this day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub valid_from: Option<chrono::NaiveDate>,
    /// Last day the clause is in force (inclusive), when it was replaced or repealed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::calendar::date_text::optional_date"
    )]
    pub valid_until: Option<chrono::NaiveDate>,
}

impl Clause {
    /// Whether the clause is in force on `day` (inside `valid_from ..= valid_until`; a bound
    /// not given is open).
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day)
            && self.valid_until.is_none_or(|until| day <= until)
    }
}

impl Pack {
    /// Whether the clause `id` is in force on `day`; a rule citing a clause applies only inside
    /// the clause's window (an unknown id, which pack loading refuses, counts as in force).
    pub fn clause_in_force(&self, id: &str, day: NaiveDate) -> bool {
        self.clauses.get(id).is_none_or(|c| c.in_force(day))
    }

    /// The pack problem "unknown clause id" at `path` when `id` is not in the clause catalogue;
    /// every section's semantic check reports a dangling clause reference through this.
    pub fn unknown_clause(&self, path: String, id: &str) -> Option<crate::error::PackProblem> {
        (!self.clauses.contains_key(id)).then(|| crate::error::PackProblem {
            path,
            detail: format!("unknown clause id {id:?}"),
        })
    }

    /// The catalogue id a source citation names, if any: the citation is an entry's id or one of
    /// its `cited_as` spellings, alone or followed by a pinpoint after a space or an opening
    /// parenthesis (`S000 二 处理原则2`, `期货和衍生品法（适用于期货经营机构）`). The longest
    /// matching name wins.
    pub fn source_id(&self, citation: &str) -> Option<&str> {
        let names = |citation: &str, name: &str| {
            citation
                .strip_prefix(name)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '（', '(']))
        };
        self.source_catalogue
            .iter()
            .flat_map(|(id, s)| {
                std::iter::once(id.as_str())
                    .chain(s.cited_as.iter().map(String::as_str))
                    .map(move |name| (id.as_str(), name))
            })
            .filter(|(_, name)| !name.is_empty() && names(citation, name))
            .max_by_key(|(_, name)| name.len())
            .map(|(id, _)| id)
    }

    /// The label of a field for messages; array indices in `path` match `*` in the catalogue.
    /// Borrowed from the catalogue for a plain field pointer (the common case: no copy).
    pub fn field_label(&self, path: &str) -> Cow<'_, Bilingual> {
        let has_index =
            path.split('/').any(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()));
        let found = if has_index {
            let pattern: String = path
                .split('/')
                .map(|seg| {
                    if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                        "*"
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            self.fields.get(&pattern)
        } else {
            self.fields.get(path)
        };
        found.map_or_else(|| Cow::Owned(Bilingual::same(path)), Cow::Borrowed)
    }

    /// The message template for a finding code (the code itself if the pack lacks it; pack
    /// loading checks that every code the engine emits has one).
    pub fn message(&self, code: &str) -> Bilingual {
        self.messages.get(code).cloned().unwrap_or_else(|| Bilingual::same(code))
    }

    /// The message for `code` with its placeholders filled from `args`, without copying the
    /// template first (the code itself when the pack lacks it, as [`message`](Self::message)),
    /// in the language(s) of `locale` (the other language left empty).
    pub fn fill_message(
        &self,
        code: &str,
        args: &[(&str, &Bilingual)],
        locale: Locale,
    ) -> Bilingual {
        match self.messages.get(code) {
            Some(template) => template.fill(args, locale),
            None => Bilingual::same(code).fill(&[], locale),
        }
    }

    /// The message for `code` in one language, filled from `args` (for renderings in a single
    /// locale: the other language is never built).
    pub fn fill_message_in(
        &self,
        code: &str,
        args: &[(&str, &Bilingual)],
        pick: impl Fn(&Bilingual) -> &str,
    ) -> String {
        match self.messages.get(code) {
            Some(template) => crate::finding::fill_one(pick(template), args, pick),
            None => code.to_string(),
        }
    }
}
