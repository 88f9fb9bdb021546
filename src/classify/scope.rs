//! Modifier scopes around a matched term: negation before (不是…, 并非…) and after (…没问题),
//! intensifiers (非常…) and contrast (但是…). A cue applies when it lies within its scope in
//! characters and no break character (clause or sentence punctuation, from the pack) stands
//! between it and the term. Only a bounded window around each term is searched, so cost does not
//! grow with the text.

use super::compiled::{Breaks, Compiled, Cues};
use super::policy::Modifiers;

/// The text and cues a term is judged against.
pub(crate) struct Scope<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// Compiled cue lists.
    pub compiled: &'a Compiled,
    /// The pack's modifier settings.
    pub modifiers: &'a Modifiers,
}

impl Scope<'_> {
    /// True when the term at `start..end` is negated by a cue before or after it.
    pub fn negated(&self, start: usize, end: usize) -> bool {
        let breaks = &self.compiled.clause_breaks;
        cue_before(&self.compiled.negation_before, self.text, start, breaks)
            || cue_after(&self.compiled.negation_after, self.text, end, breaks)
    }

    /// True when the cue at `start..end` is about a third party or hearsay (收到诈骗电话,
    /// 听说有人报警), not the complainant's own case against the company.
    pub fn elsewhere(&self, start: usize, end: usize) -> bool {
        let breaks = &self.compiled.clause_breaks;
        cue_before(&self.compiled.attribution_before, self.text, start, breaks)
            || cue_after(&self.compiled.attribution_after, self.text, end, breaks)
    }

    /// Extra weight, in percent, of the term starting at `start`.
    pub fn bonus_percent(&self, start: usize) -> u32 {
        let (m, c) = (self.modifiers, self.compiled);
        let mut bonus = 0;
        if cue_before(&c.intensifiers, self.text, start, &c.clause_breaks) {
            bonus += m.intensifier_bonus_percent;
        }
        if cue_before(&c.contrast, self.text, start, &c.sentence_breaks) {
            bonus += m.contrast_bonus_percent;
        }
        bonus
    }
}

fn within(gap: &str, scope: &[u32]) -> bool {
    let chars = gap.chars().count();
    scope.iter().any(|&s| usize::try_from(s).is_ok_and(|s| chars <= s))
}

/// A cue ending at most its scope before byte `pos`, with no break in between.
fn cue_before(cues: &Cues, text: &str, pos: usize, breaks: &Breaks) -> bool {
    let Some(head) = text.get(..pos) else { return false };
    let mut from = pos;
    for (i, c) in head.char_indices().rev().take(cues.reach) {
        if breaks.contains(c) {
            break;
        }
        from = i;
    }
    let Some(window) = text.get(from..pos) else { return false };
    let cues = &cues.lexicon;
    cues.hits(window).any(|h| within(window.get(h.end..).unwrap_or(""), cues.uses(h.pattern)))
}

/// A cue starting at most its scope after byte `pos`, with no break in between.
fn cue_after(cues: &Cues, text: &str, pos: usize, breaks: &Breaks) -> bool {
    let Some(tail) = text.get(pos..) else { return false };
    let mut to = 0;
    for (i, c) in tail.char_indices().take(cues.reach) {
        if breaks.contains(c) {
            break;
        }
        to = i + c.len_utf8();
    }
    let Some(window) = tail.get(..to) else { return false };
    let cues = &cues.lexicon;
    cues.hits(window).any(|h| within(window.get(..h.start).unwrap_or(""), cues.uses(h.pattern)))
}
