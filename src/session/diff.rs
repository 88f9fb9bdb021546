//! The difference between two lists of findings, as a multiset.

use std::borrow::Borrow;

use crate::finding::Finding;

use super::Change;

/// Adds to `change` the findings of `before` missing from `after` (removed) and those of
/// `after` missing from `before` (added); equal findings pair off one to one.
pub fn changes<B: Borrow<Finding>, A: Borrow<Finding>>(
    before: &[B],
    after: &[A],
    change: &mut Change,
) {
    let same = |(old, new): (&B, &A)| old.borrow() == new.borrow();
    if before.len() == after.len() && before.iter().zip(after).all(same) {
        return;
    }
    let mut matched = vec![false; after.len()];
    for old in before.iter().map(Borrow::borrow) {
        let pair = after
            .iter()
            .zip(matched.iter_mut())
            .find(|(new, used)| !**used && (*new).borrow() == old);
        match pair {
            Some((_, used)) => *used = true,
            None => change.removed.push(old.clone()),
        }
    }
    let unmatched =
        after.iter().zip(matched).filter(|(_, used)| !used).map(|(new, _)| new.borrow().clone());
    change.added.extend(unmatched);
}
