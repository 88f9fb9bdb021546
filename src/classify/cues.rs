//! Cue rules (severity reasons, escalation flags): a rule is raised by any one of its own cues,
//! or when every one of its `all_of` groups has a cue. Negated cues do not count (没有报警), nor
//! cues about a third party or hearsay (收到诈骗电话, 听说).

use super::compiled::{Hit, Lexicon};
use super::scope::Scope;

/// The rules raised, in rule order, each with the cue occurrences behind it.
///
/// `split` maps a cue's use to (rule index, group index — `None` for a cue that raises its rule
/// alone); `groups` gives each rule's number of groups (missing = none).
pub(crate) fn raised<T: Copy>(
    cues: &Lexicon<T>,
    scope: &Scope<'_>,
    cap: usize,
    rules: usize,
    split: &dyn Fn(T) -> (usize, Option<usize>),
    groups: &[usize],
) -> Vec<(usize, Vec<Hit>)> {
    let mut alone: Vec<Vec<Hit>> = vec![Vec::new(); rules];
    let mut grouped: Vec<Vec<Vec<Hit>>> =
        (0..rules).map(|r| vec![Vec::new(); groups.get(r).copied().unwrap_or(0)]).collect();
    let mut seen = vec![0usize; cues.len()];
    for hit in cues.hits(scope.text) {
        let Some(count) = seen.get_mut(hit.pattern) else { continue };
        if *count >= cap || scope.negated(hit.start, hit.end) || scope.elsewhere(hit.start, hit.end)
        {
            continue;
        }
        *count += 1;
        for &u in cues.uses(hit.pattern) {
            let slot = match split(u) {
                (rule, None) => alone.get_mut(rule),
                (rule, Some(g)) => grouped.get_mut(rule).and_then(|gs| gs.get_mut(g)),
            };
            if let Some(slot) = slot {
                slot.push(hit);
            }
        }
    }
    alone
        .into_iter()
        .zip(grouped)
        .enumerate()
        .filter_map(|(rule, (mut hits, groups))| {
            let all = !groups.is_empty() && groups.iter().all(|g| !g.is_empty());
            if hits.is_empty() && !all {
                return None;
            }
            if all {
                hits.extend(groups.into_iter().flatten());
            }
            hits.sort_by_key(|h| (h.start, h.end));
            hits.dedup();
            Some((rule, hits))
        })
        .collect()
}
