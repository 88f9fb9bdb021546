//! Cue rules (severity reasons, escalation flags): a rule is raised by any one of its own cues,
//! or when every one of its `all_of` groups has a cue. Negated cues do not count (没有报警), nor
//! cues about a third party or hearsay (收到诈骗电话, 听说).

use super::compiled::{Hit, Lexicon, Seen};
use super::scope::Scope;

/// A cue occurrence behind a raised rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    /// The rule's index.
    pub rule: usize,
    /// The rule's `all_of` group it belongs to (`None` for a cue that raises its rule alone).
    group: Option<usize>,
    /// Where it is.
    pub hit: Hit,
}

/// The rule index that marks a cue to drop.
const GONE: usize = usize::MAX;

/// The cues of the rules raised, in one list: by rule, each rule's cues in text order without
/// repeats.
///
/// `split` maps a cue's use to (rule index, group index — `None` for a cue that raises its rule
/// alone); `groups` gives a rule's number of groups.
pub(crate) fn raised<T: Copy>(
    cues: &Lexicon<T>,
    scope: &Scope<'_>,
    cap: usize,
    split: &dyn Fn(T) -> (usize, Option<usize>),
    groups: &dyn Fn(usize) -> usize,
) -> Vec<Cue> {
    let mut found: Vec<Cue> = Vec::new();
    let mut seen = Seen::default();
    for hit in cues.hits(scope.text) {
        if seen.full(hit.pattern, cap)
            || scope.negated(hit.start, hit.end)
            || scope.elsewhere(hit.start, hit.end)
        {
            continue;
        }
        seen.add(hit.pattern);
        found.extend(cues.uses(hit.pattern).iter().map(|&u| {
            let (rule, group) = split(u);
            Cue { rule, group, hit }
        }));
    }
    // By rule, its own cues before its groups' (in group order); a rule's cues in groups count
    // only when every group has one: the others are marked to go.
    found.sort_unstable_by_key(|c| (c.rule, c.group, c.hit.start));
    for rule_cues in found.chunk_by_mut(|a, b| a.rule == b.rule) {
        let wanted = rule_cues.first().map_or(0, |c| groups(c.rule));
        let filled = rule_cues
            .chunk_by(|a, b| a.group == b.group)
            .filter(|g| g.first().is_some_and(|c| c.group.is_some()))
            .count();
        if wanted == 0 || filled < wanted {
            rule_cues.iter_mut().filter(|c| c.group.is_some()).for_each(|c| c.rule = GONE);
        }
    }
    found.retain(|c| c.rule != GONE);
    found.sort_unstable_by_key(|c| (c.rule, c.hit.start, c.hit.end));
    found.dedup_by_key(|c| (c.rule, c.hit));
    found
}
