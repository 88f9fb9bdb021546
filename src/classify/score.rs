//! Weighted lexicon scoring shared by categories and cause classes: every occurrence of a term
//! adds its weight (plus intensifier / contrast bonus) to each class listing it, unless negated.
//! Only the first `cap` occurrences of a term count, which bounds work and memory on long or
//! repetitive texts.

use super::compiled::{Hit, Lexicon, Seen};
use super::scope::Scope;

/// An occurrence of a term for one class listing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tagged {
    class: usize,
    negated: bool,
    hit: Hit,
}

impl Tagged {
    /// The group it belongs to, in the order of [`Scores::hits`].
    fn group(&self) -> (usize, bool) {
        (self.class, self.negated)
    }
}

/// Scores per class, in hundredths of a weight unit, with the evidence behind them.
pub(crate) struct Scores {
    /// Total per class index.
    pub totals: Vec<u64>,
    /// Every occurrence behind the totals, once per class listing its term, in one list (not
    /// a list per class): grouped by class, counted before negated, each group in text order.
    hits: Vec<Tagged>,
}

impl Scores {
    /// Adds a prior weight (whole units) to a class.
    pub fn add(&mut self, class: usize, weight: u32) {
        if let Some(t) = self.totals.get_mut(class) {
            *t = t.saturating_add(u64::from(weight) * 100);
        }
    }

    /// The class with the highest score (the first of equals), if any scored.
    pub fn best(&self) -> Option<usize> {
        let mut best: Option<(usize, u64)> = None;
        for (i, &t) in self.totals.iter().enumerate() {
            if t > 0 && best.is_none_or(|(_, b)| t > b) {
                best = Some((i, t));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The score of a class.
    pub fn total(&self, class: usize) -> u64 {
        self.totals.get(class).copied().unwrap_or(0)
    }

    /// Sum of every class's score.
    pub fn sum(&self) -> u64 {
        self.totals.iter().fold(0u64, |a, b| a.saturating_add(*b))
    }

    /// One group of [`Self::hits`]: the counted or the negated occurrences of a class.
    fn group(&self, class: usize, negated: bool) -> impl Iterator<Item = Hit> + Clone + '_ {
        let key = (class, negated);
        let from = self.hits.partition_point(|t| t.group() < key);
        let rest = self.hits.get(from..).unwrap_or(&[]);
        rest.iter().take_while(move |t| t.group() == key).map(|t| t.hit)
    }

    /// Counted occurrences of a class (none for `None`), in text order.
    pub fn matches(&self, class: Option<usize>) -> impl Iterator<Item = Hit> + Clone + '_ {
        class.into_iter().flat_map(|c| self.group(c, false))
    }

    /// Negated occurrences of a class (none for `None`), in text order.
    pub fn negated(&self, class: Option<usize>) -> impl Iterator<Item = Hit> + Clone + '_ {
        class.into_iter().flat_map(|c| self.group(c, true))
    }

    /// Whether the text names some class (an occurrence that is not negated).
    pub fn named(&self) -> bool {
        self.hits.iter().any(|t| !t.negated)
    }

    /// Whether the text names a class only to deny it (质量没问题).
    pub fn denied(&self, class: usize) -> bool {
        self.negated(Some(class)).next().is_some() && self.matches(Some(class)).next().is_none()
    }
}

/// Scores `classes` classes from the occurrences of `lexicon` in the scope's text.
pub(crate) fn score(
    lexicon: &Lexicon<(usize, u32)>,
    classes: usize,
    scope: &Scope<'_>,
    cap: usize,
) -> Scores {
    let mut scores = Scores { totals: vec![0; classes], hits: Vec::new() };
    let mut seen = Seen::default();
    for hit in lexicon.hits(scope.text) {
        if !seen.admit(hit.pattern, cap) {
            continue;
        }
        let negated = scope.negated(hit.start, hit.end);
        let percent = u64::from(100u32.saturating_add(if negated {
            0
        } else {
            scope.bonus_percent(hit.start)
        }));
        for &(class, weight) in lexicon.uses(hit.pattern) {
            if let Some(t) = scores.totals.get_mut(class) {
                if !negated {
                    *t = t.saturating_add(u64::from(weight) * percent);
                }
                scores.hits.push(Tagged { class, negated, hit });
            }
        }
    }
    // Occurrences of one class never start at the same byte unless they are the same one (the
    // matches do not overlap), so this order is total up to equal entries.
    scores.hits.sort_unstable_by_key(|t| (t.group(), t.hit.start));
    scores
}

/// A confidence in 0–1 from a winner's score, the sum of all scores and the score at which a
/// clear winner is fully confident; two decimals.
pub(crate) fn confidence(top: u64, sum: u64, confident: u32) -> f64 {
    if top == 0 || sum == 0 {
        return 0.0;
    }
    let share = top as f64 / sum as f64;
    let strength = (top as f64 / (f64::from(confident.max(1)) * 100.0)).min(1.0);
    (share * strength * 100.0).round() / 100.0
}
