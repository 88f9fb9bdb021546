//! Weighted lexicon scoring shared by categories and cause classes: every occurrence of a term
//! adds its weight (plus intensifier / contrast bonus) to each class listing it, unless negated.
//! Only the first `cap` occurrences of a term count, which bounds work and memory on long or
//! repetitive texts.

use super::compiled::{Hit, Lexicon};
use super::scope::Scope;

/// Scores per class, in hundredths of a weight unit, with the evidence behind them.
pub(crate) struct Scores {
    /// Total per class index.
    pub totals: Vec<u64>,
    /// Counted occurrences per class index.
    pub matches: Vec<Vec<Hit>>,
    /// Negated occurrences per class index.
    pub negated: Vec<Vec<Hit>>,
}

impl Scores {
    /// Adds a prior weight (whole units) to a class.
    pub fn add(&mut self, class: usize, weight: u32) {
        if let Some(t) = self.totals.get_mut(class) {
            *t = t.saturating_add(u64::from(weight) * 100);
        }
    }

    /// Class indices by descending score, ties in index order.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.totals.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.totals.get(i).copied().unwrap_or(0)));
        order
    }

    /// The score of a class.
    pub fn total(&self, class: usize) -> u64 {
        self.totals.get(class).copied().unwrap_or(0)
    }

    /// Sum of every class's score.
    pub fn sum(&self) -> u64 {
        self.totals.iter().fold(0u64, |a, b| a.saturating_add(*b))
    }
}

/// Scores `classes` classes from the occurrences of `lexicon` in the scope's text.
pub(crate) fn score(
    lexicon: &Lexicon<(usize, u32)>,
    classes: usize,
    scope: &Scope<'_>,
    cap: usize,
) -> Scores {
    let mut scores = Scores {
        totals: vec![0; classes],
        matches: vec![Vec::new(); classes],
        negated: vec![Vec::new(); classes],
    };
    let mut seen = vec![0usize; lexicon.len()];
    for hit in lexicon.hits(scope.text) {
        let Some(count) = seen.get_mut(hit.pattern) else { continue };
        if *count >= cap {
            continue;
        }
        *count += 1;
        let negated = scope.negated(hit.start, hit.end);
        let percent = u64::from(100u32.saturating_add(if negated {
            0
        } else {
            scope.bonus_percent(hit.start)
        }));
        for &(class, weight) in lexicon.uses(hit.pattern) {
            if negated {
                if let Some(n) = scores.negated.get_mut(class) {
                    n.push(hit);
                }
                continue;
            }
            if let (Some(t), Some(m)) =
                (scores.totals.get_mut(class), scores.matches.get_mut(class))
            {
                *t = t.saturating_add(u64::from(weight) * percent);
                m.push(hit);
            }
        }
    }
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
