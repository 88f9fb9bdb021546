//! The closing line of an impact run: how many cases were read and how many differ, counts per
//! kind of difference, the rules responsible and a few example cases for each.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CaseImpact, Kind};

/// Examples kept per kind of difference.
const EXAMPLES: usize = 5;

/// Totals over every case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Cases read.
    pub cases: usize,
    /// Cases whose result differs.
    pub affected: usize,
    /// Affected cases per kind of difference.
    pub by_kind: BTreeMap<Kind, usize>,
    /// Affected cases per responsible rule (`clause …`, `route …`, `limit …`).
    pub rules: BTreeMap<String, usize>,
    /// The first affected cases (input positions) per kind of difference.
    pub examples: BTreeMap<Kind, Vec<usize>>,
}

impl Summary {
    /// Counts one affected case.
    pub fn add(&mut self, impact: &CaseImpact) {
        self.affected += 1;
        for change in &impact.changes {
            *self.by_kind.entry(change.kind).or_default() += 1;
            let examples = self.examples.entry(change.kind).or_default();
            if examples.len() < EXAMPLES {
                examples.push(impact.case);
            }
        }
        for rule in &impact.rules {
            *self.rules.entry(rule.clone()).or_default() += 1;
        }
    }

    /// Adds another summary's counts (for runs split over threads); examples stay the earliest.
    pub fn merge(&mut self, other: Summary) {
        self.cases += other.cases;
        self.affected += other.affected;
        for (k, n) in other.by_kind {
            *self.by_kind.entry(k).or_default() += n;
        }
        for (k, n) in other.rules {
            *self.rules.entry(k).or_default() += n;
        }
        for (k, mut cases) in other.examples {
            let mine = self.examples.entry(k).or_default();
            mine.append(&mut cases);
            mine.sort_unstable();
            mine.truncate(EXAMPLES);
        }
    }
}
