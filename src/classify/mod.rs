//! Classification of a complaint from the complainant's own words (SPEC §2.2; S000/S001 二(一),
//! S003 第三/四/十四条): business category with runners-up, cause class with its handling
//! principle, major/general severity with reasons, escalation flags and every money amount —
//! each with the matched words as spans in UTF-16 code units and in Unicode scalar offsets.
//!
//! Every term, weight, cue, scope, threshold, principle and clause comes from the pack's
//! classification policy ([`ClassifyPolicy`], `packs/*/classify.json`). Pure and deterministic.
//!
//! ```
//! use complaint_rules::classify::ClassifyInput;
//! use complaint_rules::engine::{Engine, Options};
//! let engine = Engine::new()?;
//! let input = ClassifyInput::text("不是质量问题，是物流太慢，快递一周都没到");
//! let result = engine.classify(&input, &Options::default())?; // no `now`: the latest pack version
//! assert_eq!(result.category.id, "delivery_logistics");
//! # Ok::<(), complaint_rules::error::EngineError>(())
//! ```

mod amounts;
mod check;
mod compiled;
mod cues;
mod decide;
mod grams;
mod model;
mod normalise;
mod overrides;
mod policy;
mod scope;
mod score;
mod spans;
mod train;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{ComplainantKind, RequestType, RespondentKind};
use crate::engine::{Engine, Options};
use crate::error::{EngineError, PackProblem};
use crate::finding::Bilingual;
use crate::money::Fen;
use crate::pack::Pack;
use compiled::{Compiled, Hit};
use cues::Cue;
use scope::Scope;
use spans::Offsets;

pub use check::check_pack;
pub use model::{ClassifyModel, GroupedTable, Provenance, TableProblem, WeightTable, Weights};
pub use normalise::{fold_char, normalise};
pub use overrides::{Overrides, SetBy, SetSeverity, SetValue};
pub use policy::{
    AmountRule, Attribution, ClassifyPolicy, CueRule, Dominance, DominanceRule, FlagRule,
    Modifiers, NormalisePolicy, Principle, Scoring, SeverityPolicy, Terms,
};
pub use spans::Span;
pub use train::{train, Example, TrainOptions};

/// Structured fields known besides the text (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Structured {
    /// The request type chosen in the form.
    #[serde(default)]
    pub request_type: Option<RequestType>,
    /// The amount in dispute, in yuan as a decimal string.
    #[serde(default)]
    pub amount: Option<String>,
    /// Who the complaint is about.
    #[serde(default)]
    pub respondent_kind: Option<RespondentKind>,
    /// Natural or legal person.
    #[serde(default)]
    pub complainant_kind: Option<ComplainantKind>,
}

/// What `classify` reads: the text, structured fields beside it, and overrides by user or staff.
/// Its JSON form is one flat object: `{"text": …, "request_type": …, "amount": …, "overrides": …}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassifyInput {
    /// Facts and request in the complainant's words.
    pub text: String,
    /// Structured fields.
    #[serde(flatten)]
    pub structured: Structured,
    /// Values fixed by the user or staff.
    #[serde(default)]
    pub overrides: Overrides,
}

impl ClassifyInput {
    /// An input with only a text.
    pub fn text(text: impl Into<String>) -> ClassifyInput {
        ClassifyInput { text: text.into(), ..ClassifyInput::default() }
    }
}

/// A matched term and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The lexicon term (normalised), or the amount as written.
    pub term: String,
    /// Where it is in the original text.
    #[serde(flatten)]
    pub span: Span,
}

/// A suggested (or user-set) category or cause class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// Taxonomy id.
    pub id: String,
    /// 0–1.
    pub confidence: f64,
    /// The terms that point to it.
    pub matches: Vec<Match>,
    /// Terms of this choice found but negated (不是质量问题).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub negated: Vec<Match>,
    /// The n-grams that pushed the learned model hardest towards this choice (categories of
    /// packs with a model only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub model_matches: Vec<Contribution>,
    /// The handling principle (cause classes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principle: Option<Principle>,
    /// Who set it, when overridden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_by: Option<SetBy>,
    /// The engine's own suggestion, kept beside an override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Box<Choice>>,
}

/// An n-gram of the text and how much it added to the model's score of a choice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The n-gram as written in the text.
    pub term: String,
    /// What it added, in logit units (two decimals).
    pub weight: f64,
    /// Where it is in the original text.
    #[serde(flatten)]
    pub span: Span,
}

/// Another category that scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunnerUp {
    /// Category id.
    pub id: String,
    /// Its lexicon score, in weight units.
    pub score: f64,
    /// Its combined probability of lexicon and model, 0–1 (packs with a model only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

/// Major or general complaint (S003 第四条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 重大投诉.
    Major,
    /// 一般投诉.
    General,
}

/// Why a complaint is major.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Reason code from the pack (`illegal_conduct`, `amount_threshold`, …).
    pub code: String,
    /// Clause id.
    pub clause: String,
    /// The words (or amounts) behind it; empty when it comes from a structured field.
    pub matches: Vec<Match>,
}

/// Severity with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Severity {
    /// Major or general.
    pub level: Level,
    /// Every reason found (none for general).
    pub reasons: Vec<Reason>,
    /// Who set it, when overridden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_by: Option<SetBy>,
    /// The engine's own suggestion, kept beside an override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Box<Severity>>,
}

/// An escalation flag raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// `litigation_risk` or `police` (ids from the pack).
    pub id: String,
    /// Clause id.
    pub clause: String,
    /// What staff must do.
    pub action: Bilingual,
    /// The cues found.
    pub matches: Vec<Match>,
}

/// A money amount in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The amount in fen.
    pub fen: u64,
    /// As written.
    pub text: String,
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
}

/// The result of `classify`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// Business category.
    pub category: Choice,
    /// Up to three other categories that scored.
    pub runners_up: Vec<RunnerUp>,
    /// Cause class with its handling principle.
    pub cause_class: Choice,
    /// Major or general, with reasons.
    pub severity: Severity,
    /// Escalation flags.
    pub flags: Vec<Flag>,
    /// Every money amount found (up to the pack's limit).
    pub amounts: Vec<Amount>,
}

impl Engine {
    /// Classifies a complaint text with the pack chosen by `opts` (`pack`, and the version in
    /// force at `now` — the latest version when `now` is unset). The other options are not
    /// read: overrides and structured fields come with the input.
    pub fn classify(
        &self,
        input: &ClassifyInput,
        opts: &Options,
    ) -> Result<Classification, EngineError> {
        let day = opts.now.map_or(NaiveDate::MAX, |now| now.date_naive());
        let pack = self.pack(opts.pack.as_deref(), day)?;
        classify(&pack, input)
    }

    /// Classifies an input given as JSON text (`{"text": …, …structured fields, "overrides": …}`).
    pub fn classify_str(
        &self,
        input_json: &str,
        opts: &Options,
    ) -> Result<Classification, EngineError> {
        let input: ClassifyInput =
            serde_json::from_str(input_json).map_err(|e| EngineError::Json {
                path: format!("line {} column {}", e.line(), e.column()),
                detail: e.to_string(),
            })?;
        self.classify(&input, opts)
    }
}

fn policy_error(detail: impl Into<String>) -> EngineError {
    EngineError::Pack {
        problems: vec![PackProblem { path: "/classify".into(), detail: detail.into() }],
    }
}

/// Classifies `input` with `pack`'s classification policy.
pub fn classify(pack: &Pack, input: &ClassifyInput) -> Result<Classification, EngineError> {
    let policy = pack
        .classify
        .as_ref()
        .ok_or_else(|| policy_error("the pack has no classification policy"))?;
    let limit = policy.scoring.max_text_bytes;
    if input.text.len() > limit {
        return Err(EngineError::TooLarge { size: input.text.len(), limit });
    }
    let structured_fen = structured_amount(&input.structured)?;
    let cache = policy.cache.get(policy);
    let compiled = cache.as_ref().as_ref().map_err(|e| policy_error(e.clone()))?;
    let text = compiled.variants.normalise(&input.text);
    let scope = Scope { text: &text, compiled, modifiers: &policy.modifiers };
    let raw = Raw::collect(policy, compiled, &scope, &input.structured, structured_fen);
    let mut wanted = Vec::with_capacity(raw.positions().count());
    wanted.extend(raw.positions());
    let offsets = Offsets::new(&input.text, &text, wanted);
    let mut result = raw.resolve(policy, compiled, &offsets);
    overrides::apply(&mut result, &input.overrides, pack)?;
    Ok(result)
}

fn structured_amount(s: &Structured) -> Result<Option<Fen>, EngineError> {
    s.amount
        .as_deref()
        .map(|a| {
            Fen::parse_yuan(&crate::text::normalize_code(a)).map_err(|_| EngineError::Shape {
                path: "/amount".into(),
                expected: Bilingual {
                    zh: "以元为单位、最多两位小数的金额".into(),
                    en: "an amount in yuan with at most two decimals".into(),
                },
            })
        })
        .transpose()
}

/// The structured fields as (field, value) pairs, values as in JSON.
fn structured_values(s: &Structured) -> Vec<(&'static str, String)> {
    let name = |v: serde_json::Result<serde_json::Value>| {
        v.ok().and_then(|v| v.as_str().map(str::to_string))
    };
    [
        ("request_type", s.request_type.map(serde_json::to_value).and_then(name)),
        ("respondent_kind", s.respondent_kind.map(serde_json::to_value).and_then(name)),
        ("complainant_kind", s.complainant_kind.map(serde_json::to_value).and_then(name)),
    ]
    .into_iter()
    .filter_map(|(field, value)| value.map(|v| (field, v)))
    .collect()
}

/// Results in byte offsets of the normalised text, before spans are resolved.
struct Raw {
    categories: score::Scores,
    category: Option<usize>,
    decision: decide::Decision,
    evidence: Vec<(grams::Gram, i16)>,
    causes: score::Scores,
    cause: Option<usize>,
    reasons: Vec<Cue>,
    amount_reason: Option<Vec<amounts::Found>>,
    flags: Vec<Cue>,
    amounts: Vec<amounts::Found>,
}

impl Raw {
    fn collect(
        policy: &ClassifyPolicy,
        compiled: &Compiled,
        scope: &Scope<'_>,
        structured: &Structured,
        structured_fen: Option<Fen>,
    ) -> Raw {
        let cap = policy.scoring.max_hits_per_term.max(1);
        let mut categories =
            score::score(&compiled.categories, compiled.category_ids.len(), scope, cap);
        for (field, value) in structured_values(structured) {
            for (id, weight) in
                policy.structured.get(field).and_then(|m| m.get(&value)).into_iter().flatten()
            {
                if let Some(i) = compiled.category_ids.iter().position(|c| c == id) {
                    categories.add(i, *weight);
                }
            }
        }
        let mut decision = decide::decide(policy, compiled, &categories, scope);
        let category = decision.top;
        let evidence = match (&compiled.model, &policy.model, decision.reading.take(), category) {
            (Some(model), Some(data), Some(reading), Some(top)) => {
                model.evidence(reading, top, data.explain)
            }
            _ => Vec::new(),
        };
        let detected = category.and_then(|i| compiled.category_ids.get(i));
        let mut causes = score::score(&compiled.causes, compiled.cause_ids.len(), scope, cap);
        for (id, weight) in
            detected.and_then(|c| policy.category_causes.get(c)).into_iter().flatten()
        {
            if let Some(i) = compiled.cause_ids.iter().position(|c| c == id) {
                causes.add(i, *weight);
            }
        }
        let cause = causes.best();
        let threshold = policy.severity.amount.threshold_yuan.saturating_mul(100);
        let (mut found, mut over) = (Vec::new(), Vec::new());
        let money_words = (compiled.money_words.as_slice(), policy.money_words.window_chars);
        amounts::find(scope.text, money_words, |a| {
            if found.len() < policy.scoring.max_amounts {
                found.push(a);
            }
            if a.fen >= threshold && over.len() < cap {
                over.push(a);
            }
        });
        let amount_reason =
            (!over.is_empty() || structured_fen.is_some_and(|f| f.0 >= threshold)).then_some(over);
        Raw {
            categories,
            category,
            decision,
            evidence,
            causes,
            cause,
            reasons: cues::raised(&compiled.severity, scope, cap, &|i| (i, None), &|_| 0),
            amount_reason,
            flags: cues::raised(&compiled.flags, scope, cap, &|u| u, &|rule| {
                policy.flags.get(rule).map_or(0, |f| f.all_of.len())
            }),
            amounts: found,
        }
    }

    /// Every byte offset the result needs as a span.
    fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        let hits = self
            .categories
            .matches(self.category)
            .chain(self.categories.negated(self.category))
            .chain(self.causes.matches(self.cause))
            .chain(self.reasons.iter().chain(&self.flags).map(|c| c.hit))
            .map(|h| (h.start, h.end));
        let amounts = self.amounts.iter().chain(self.amount_reason.iter().flatten());
        let evidence = self.evidence.iter().map(|(g, _)| (g.start, g.end));
        hits.chain(amounts.map(|a| (a.start, a.end)))
            .chain(evidence)
            .flat_map(|(start, end)| [start, end])
    }

    fn resolve(
        self,
        policy: &ClassifyPolicy,
        compiled: &Compiled,
        offsets: &Offsets<'_>,
    ) -> Classification {
        let category_term = |p| compiled.categories.term(p);
        let cat_ids = &compiled.category_ids;
        let category_id =
            self.category.and_then(|i| cat_ids.get(i)).unwrap_or(&policy.default_category).clone();
        let top = self.category.map_or(0, |i| self.categories.total(i));
        let probability =
            |i: usize| self.decision.probability.as_ref().and_then(|p| p.get(i)).copied();
        let two_decimals = |x: f64| (x * 100.0).round() / 100.0;
        let scale = compiled.model.as_ref().map_or(0.0, |m| m.scale);
        let category = Choice {
            id: category_id,
            confidence: match self.category.and_then(probability) {
                Some(p) => two_decimals(p),
                None => {
                    score::confidence(top, self.categories.sum(), policy.scoring.confident_score)
                }
            },
            matches: matches(category_term, self.categories.matches(self.category), offsets),
            negated: matches(category_term, self.categories.negated(self.category), offsets),
            model_matches: self
                .evidence
                .iter()
                .map(|(g, w)| Contribution {
                    term: offsets.original(g.start, g.end).to_string(),
                    weight: two_decimals(f64::from(*w) * scale),
                    span: offsets.span(g.start, g.end),
                })
                .collect(),
            principle: None,
            set_by: None,
            suggested: None,
        };
        let min_share = policy.model.as_ref().map_or(0.0, |m| f64::from(m.runner_up_min_percent));
        let runners_up = self
            .decision
            .ranking
            .iter()
            .filter(|&&i| Some(i) != self.category)
            .filter(|&&i| match probability(i) {
                Some(p) => p * 100.0 >= min_share,
                None => self.categories.total(i) > 0,
            })
            .take(3)
            .filter_map(|&i| {
                let score = two_decimals(self.categories.total(i) as f64 / 100.0);
                let probability = probability(i).map(two_decimals);
                cat_ids.get(i).map(|id| RunnerUp { id: id.clone(), score, probability })
            })
            .collect();
        let cause_id = self
            .cause
            .and_then(|i| compiled.cause_ids.get(i))
            .unwrap_or(&policy.default_cause_class)
            .clone();
        let cause_top = self.cause.map_or(0, |i| self.causes.total(i));
        let cause_term = |p| compiled.causes.term(p);
        let cause_class = Choice {
            confidence: score::confidence(
                cause_top,
                self.causes.sum(),
                policy.scoring.confident_score,
            ),
            matches: matches(cause_term, self.causes.matches(self.cause), offsets),
            negated: Vec::new(),
            model_matches: Vec::new(),
            principle: policy.principles.get(&cause_id).cloned(),
            id: cause_id,
            set_by: None,
            suggested: None,
        };
        let amount = |a: &amounts::Found| Match {
            term: offsets.original(a.start, a.end).to_string(),
            span: offsets.span(a.start, a.end),
        };
        let raised = by_rule(&self.reasons);
        let mut reasons: Vec<Reason> =
            Vec::with_capacity(usize::from(self.amount_reason.is_some()) + raised.clone().count());
        reasons.extend(self.amount_reason.iter().map(|found| Reason {
            code: policy.severity.amount.code.clone(),
            clause: policy.severity.amount.clause.clone(),
            matches: found.iter().map(amount).collect(),
        }));
        let severity_term = |p| compiled.severity.term(p);
        reasons.extend(raised.filter_map(|(i, hits)| {
            policy.severity.reasons.get(i).map(|r| Reason {
                code: r.code.clone(),
                clause: r.clause.clone(),
                matches: matches(severity_term, hits, offsets),
            })
        }));
        let level = if reasons.is_empty() { Level::General } else { Level::Major };
        let flag_term = |p| compiled.flags.term(p);
        let flags = by_rule(&self.flags)
            .filter_map(|(i, hits)| {
                policy.flags.get(i).map(|f| Flag {
                    id: f.id.clone(),
                    clause: f.clause.clone(),
                    action: f.action.clone(),
                    matches: matches(flag_term, hits, offsets),
                })
            })
            .collect();
        Classification {
            category,
            runners_up,
            cause_class,
            severity: Severity { level, reasons, set_by: None, suggested: None },
            flags,
            amounts: self
                .amounts
                .iter()
                .map(|a| Amount {
                    fen: a.fen,
                    text: offsets.original(a.start, a.end).to_string(),
                    span: offsets.span(a.start, a.end),
                })
                .collect(),
        }
    }
}

/// The matches of `hits`, each with its lexicon term (`term` of its pattern).
fn matches<'t>(
    term: impl Fn(usize) -> &'t str,
    hits: impl Iterator<Item = Hit> + Clone,
    offsets: &Offsets<'_>,
) -> Vec<Match> {
    let mut out = Vec::with_capacity(hits.clone().count());
    out.extend(
        hits.map(|h| Match {
            term: term(h.pattern).to_string(),
            span: offsets.span(h.start, h.end),
        }),
    );
    out
}

/// Raised cue rules one by one: (rule index, its cues' occurrences).
fn by_rule(
    cues: &[Cue],
) -> impl Iterator<Item = (usize, impl Iterator<Item = Hit> + Clone + '_)> + Clone {
    cues.chunk_by(|a, b| a.rule == b.rule)
        .filter_map(|rule| rule.first().map(|c| (c.rule, rule.iter().map(|c| c.hit))))
}
