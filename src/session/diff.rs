//! The difference between two lists of findings, as a multiset.

use crate::finding::Finding;

use super::Change;

/// Adds to `change` the findings of `before` missing from `after` (removed) and those of
/// `after` missing from `before` (added); equal findings pair off one to one.
pub fn changes(before: &[Finding], after: &[Finding], change: &mut Change) {
    if before == after {
        return;
    }
    let mut matched = vec![false; after.len()];
    for old in before {
        let pair = after.iter().zip(matched.iter_mut()).find(|(new, used)| !**used && *new == old);
        match pair {
            Some((_, used)) => *used = true,
            None => change.removed.push(old.clone()),
        }
    }
    let unmatched = after.iter().zip(matched).filter(|(_, used)| !used).map(|(new, _)| new.clone());
    change.added.extend(unmatched);
}
