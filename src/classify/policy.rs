//! The classification policy as a pack carries it (`packs/*/classify.json`): lexicon terms and
//! weights, negation and other modifier cues, severity cues and the amount threshold, handling
//! principles and flag cues. Nothing here is interpreted; see the sibling modules for that.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::compiled::Cache;
use super::model::ClassifyModel;
use crate::finding::Bilingual;

/// Terms and their weights (weight units; 1–100).
pub type Terms = BTreeMap<String, u32>;

/// Everything the classifier reads from a pack.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyPolicy {
    /// Text normalisation data.
    pub normalise: NormalisePolicy,
    /// Lexicon per business category id.
    pub categories: BTreeMap<String, Terms>,
    /// Category chosen when no term matches.
    pub default_category: String,
    /// Lexicon per cause class id.
    pub cause_classes: BTreeMap<String, Terms>,
    /// Cause class chosen when nothing points anywhere.
    pub default_cause_class: String,
    /// Prior weight of cause classes given the detected category: category id → class id → weight.
    #[serde(default)]
    pub category_causes: BTreeMap<String, Terms>,
    /// Prior weights from structured fields: field → value → category id → weight.
    #[serde(default)]
    pub structured: BTreeMap<String, BTreeMap<String, Terms>>,
    /// Cues that change how a matched term counts.
    pub modifiers: Modifiers,
    /// Scoring limits and the confidence scale.
    pub scoring: Scoring,
    /// Words that make a bare number with a scale money (亏了两万, 投了八万多).
    #[serde(default)]
    pub money_words: MoneyWords,
    /// Major / general severity.
    pub severity: SeverityPolicy,
    /// Handling principle per cause class id.
    pub principles: BTreeMap<String, Principle>,
    /// Escalation flags.
    pub flags: Vec<FlagRule>,
    /// Which category wins when several are named.
    #[serde(default)]
    pub dominance: Dominance,
    /// Cues saying a severity or flag cue is not the complainant's own case against the company:
    /// a third party did it (收到诈骗电话) or it is hearsay (听说).
    #[serde(default)]
    pub attribution: Attribution,
    /// The learned category model (`packs/*/model.json`), used together with the lexicon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ClassifyModel>,
    /// Compiled matchers, built on first use.
    #[serde(skip)]
    pub(crate) cache: Cache,
}

impl ClassifyPolicy {
    /// This policy with another learned model (or none), compiled afresh on first use: how a
    /// compliance team tries a model trained on its own texts.
    pub fn with_model(&self, model: Option<ClassifyModel>) -> ClassifyPolicy {
        ClassifyPolicy { model, cache: Cache::default(), ..self.clone() }
    }
}

/// Text normalisation data.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalisePolicy {
    /// Character variants folded before matching (traditional → simplified), one character each.
    pub variants: BTreeMap<char, char>,
}

/// Negation, intensifier and contrast cues.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modifiers {
    /// Characters that end a negation or intensifier scope (clause punctuation).
    pub clause_breaks: String,
    /// Characters that end a contrast scope (sentence punctuation).
    pub sentence_breaks: String,
    /// Cues negating a term that follows within the given number of characters (不是, 并非 …).
    pub negation_before: Terms,
    /// Cues negating a term that precedes within the given number of characters (…没问题, …很快).
    pub negation_after: Terms,
    /// Cues strengthening the next term (非常, 严重 …): cue → scope in characters.
    pub intensifiers: Terms,
    /// Extra weight of an intensified term, in percent.
    pub intensifier_bonus_percent: u32,
    /// Cues after which the rest of the sentence is what the complaint is about (但是, 而是 …):
    /// cue → scope in characters.
    pub contrast: Terms,
    /// Extra weight of a term after a contrast cue, in percent.
    pub contrast_bonus_percent: u32,
}

/// Scoring limits.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Occurrences of one term that count (and are reported); later ones are ignored.
    pub max_hits_per_term: usize,
    /// Amounts reported (all are still considered for the threshold).
    pub max_amounts: usize,
    /// Largest text accepted, in bytes of UTF-8.
    pub max_text_bytes: usize,
    /// Score (in weight units) at which a clear winner is fully confident.
    pub confident_score: u32,
}

/// Severity rules (S003 第四条).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityPolicy {
    /// The amount rule.
    pub amount: AmountRule,
    /// Cue-based reasons, checked in order.
    pub reasons: Vec<CueRule>,
}

/// Words before a bare number written with a scale (`千`, `万`, `k`, `w`, `亿`) and no unit that make
/// it money: the clause says it was lost, paid, moved or owed (亏了两万, 投了八万多, 亏了15k).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyWords {
    /// The words, looked for in the same clause before the number.
    #[serde(default)]
    pub before: Vec<String>,
    /// How far before the number they are looked for, in characters.
    #[serde(default)]
    pub window_chars: usize,
}

/// Major when an amount in the text or the structured amount reaches the threshold.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountRule {
    /// Reason code.
    pub code: String,
    /// Threshold in whole yuan.
    pub threshold_yuan: u64,
    /// Clause id backing the threshold.
    pub clause: String,
}

/// A reason that holds when any of its cues matches (not negated).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueRule {
    /// Reason code.
    pub code: String,
    /// Clause id.
    pub clause: String,
    /// Cue terms.
    pub terms: Vec<String>,
}

/// How a cause class is to be handled.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// The principle, as shown to staff.
    pub text: Bilingual,
    /// Clause ids it comes from.
    pub clauses: Vec<String>,
}

/// An escalation flag: raised by any single cue, or by one cue from each group of `all_of`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    /// Flag id (`litigation_risk`, `police`).
    pub id: String,
    /// Clause id.
    pub clause: String,
    /// What staff must do.
    pub action: Bilingual,
    /// Cues any one of which raises the flag.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Groups of cues: the flag is also raised when every group has a match.
    #[serde(default)]
    pub all_of: Vec<Vec<String>>,
}

/// Which category wins when several are named: a rule's category replaces a chosen category it
/// dominates when its lexicon found it and its score is at least `min_share_percent` of the
/// chosen one's (model probability when the pack has a model, lexicon score otherwise). A rule
/// with `when` terms is decided by those terms alone, before the others.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dominance {
    /// Share of the chosen category's score the dominating one needs, in percent.
    #[serde(default)]
    pub min_share_percent: u32,
    /// Rules, checked in order; the first that applies decides.
    #[serde(default)]
    pub rules: Vec<DominanceRule>,
}

/// A category that dominates others when both are named.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DominanceRule {
    /// The dominating category id.
    pub category: String,
    /// Category ids it wins over.
    pub over: Vec<String>,
    /// Why (pack policy, shown to reviewers).
    pub why: Bilingual,
    /// Terms that make the rule apply on their own: when the text names one of them (not
    /// negated), the rule's category wins over `over`, with no share needed, and keeps winning
    /// against the rules without terms. Empty: the share rule above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
}

/// Cues around a severity or flag cue (within the clause) that take it out of the complainant's
/// case: cue → scope in characters.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// A third party did it to the complainant (收到诈骗电话, 骗子冒充客服).
    #[serde(default)]
    pub third_party_before: Terms,
    /// Hearsay (听说, 据说).
    #[serde(default)]
    pub hearsay_before: Terms,
    /// Cues right after a cue naming a third party's doing (诈骗电话, 诈骗短信): cue → scope.
    #[serde(default)]
    pub third_party_after: Terms,
}
