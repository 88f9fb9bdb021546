//! Choosing the category from the evidence: the lexicon's scores alone, or — when the pack has a
//! learned model — the model's logits plus the lexicon's scores (weighted by the model's
//! `lexicon_weight`) turned into probabilities; then the pack's dominance rules. The model does
//! not judge a text shorter than its `min_chars_without_terms` in which the lexicon names no
//! category (你好), and a category named only to be denied (质量没问题) is out of the running.

use super::compiled::Compiled;
use super::model::{softmax_in_place, Reading};
use super::policy::ClassifyPolicy;
use super::scope::Scope;
use super::score::Scores;

/// The logit of a category out of the running: its probability is zero in practice.
const OUT_OF_RUNNING: f64 = -1e6;

/// The category decision.
pub(crate) struct Decision {
    /// The chosen category index (`None` when nothing points anywhere).
    pub top: Option<usize>,
    /// Category indices by descending combined score, the chosen one first.
    pub ranking: Vec<usize>,
    /// Combined probability per category index (packs with a model only).
    pub probability: Option<Vec<f64>>,
    /// The model's read of the text (packs with a model only).
    pub reading: Option<Reading>,
}

/// Decides the category of the normalised text of `scope` from the lexicon's `lexicon` scores.
pub(crate) fn decide(
    policy: &ClassifyPolicy,
    compiled: &Compiled,
    lexicon: &Scores,
    scope: &Scope<'_>,
) -> Decision {
    let text = scope.text;
    let n = compiled.category_ids.len();
    let lexicon_units = |i: usize| lexicon.total(i) as f64 / 100.0;
    let model = match (&compiled.model, &policy.model) {
        (Some(model), Some(data))
            if lexicon.named() || text.chars().count() >= data.min_chars_without_terms =>
        {
            Some((model, data))
        }
        _ => None,
    };
    // The combined score per category: the probabilities, or the lexicon's units alone.
    let (combined, reading) = match model {
        Some((model, data)) => {
            let reading = model.read(text);
            let mut logits: Vec<f64> = (0..n)
                .map(|i| {
                    let m = reading.scores.get(i).copied().unwrap_or(0) as f64 * model.scale;
                    // A category the text names only to deny it (质量没问题) is out of the running.
                    if lexicon.denied(i) {
                        OUT_OF_RUNNING
                    } else {
                        m + data.lexicon_weight * lexicon_units(i)
                    }
                })
                .collect();
            softmax_in_place(&mut logits);
            (logits, Some(reading))
        }
        None => ((0..n).map(lexicon_units).collect(), None),
    };

    let score = |i: usize| combined.get(i).copied().unwrap_or(0.0);
    let mut ranking: Vec<usize> = (0..n).collect();
    ranking.sort_by(|&a, &b| score(b).total_cmp(&score(a)));
    let top = ranking.first().copied().filter(|&i| score(i) > 0.0);
    let top = top.map(|t| dominant(policy, (compiled, scope), lexicon, &score, t));
    if let Some(t) = top {
        ranking.retain(|&i| i != t);
        ranking.insert(0, t);
    }
    let probability = reading.is_some().then_some(combined);
    Decision { top, ranking, probability, reading }
}

/// The category that wins over `chosen` by the pack's dominance rules (`chosen` when none
/// applies). First the rules with `when` terms: the first whose terms the text names (not
/// negated) and that lists `chosen`, or is `chosen`'s own, decides. Then the others: the first
/// rule listing `chosen` whose category the lexicon found, with a score at least the rule set's
/// share of `chosen`'s.
fn dominant(
    policy: &ClassifyPolicy,
    (compiled, scope): (&Compiled, &Scope<'_>),
    lexicon: &Scores,
    score: &dyn Fn(usize) -> f64,
    chosen: usize,
) -> usize {
    let Some(chosen_id) = compiled.category_ids.get(chosen) else { return chosen };
    let index_of = |id: &str| compiled.category_ids.iter().position(|c| c == id);
    let rules = &policy.dominance.rules;
    let concerns = |r: &&super::policy::DominanceRule| r.over.contains(chosen_id);
    // Only the rules with terms that bear on `chosen` are worth a scan of the text.
    let guards = |r: &&super::policy::DominanceRule| {
        !r.when.is_empty() && (concerns(r) || r.category == *chosen_id)
    };
    if rules.iter().any(|r| guards(&r)) {
        let named = compiled
            .dominance_when
            .hits(scope.text)
            .filter(|h| !scope.negated(h.start, h.end))
            .flat_map(|h| compiled.dominance_when.uses(h.pattern).iter().copied())
            .filter(|&i| rules.get(i).is_some_and(|r| guards(&r)))
            .min();
        if let Some(r) = named.and_then(|i| rules.get(i)).and_then(|r| index_of(&r.category)) {
            return r;
        }
    }
    let share = f64::from(policy.dominance.min_share_percent) / 100.0;
    rules
        .iter()
        .filter(|r| r.when.is_empty())
        .filter(concerns)
        .filter_map(|r| index_of(&r.category))
        .find(|&r| lexicon.total(r) > 0 && score(r) >= share * score(chosen))
        .unwrap_or(chosen)
}
