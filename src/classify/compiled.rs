//! The policy's term lists compiled into Aho–Corasick automata (leftmost-longest), one per kind
//! of term, built once per loaded pack and cached beside the policy.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};

use super::model::CompiledModel;
use super::normalise::{normalise, Variants};
use super::policy::{ClassifyPolicy, Terms};

/// One compiled term list: the automaton plus, per pattern, every use of that term.
pub(crate) struct Lexicon<T> {
    ac: AhoCorasick,
    terms: Vec<String>,
    uses: Vec<Vec<T>>,
}

/// A term occurrence: pattern index and byte range in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Pattern index in its lexicon.
    pub pattern: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// How many occurrences of each pattern a scan has counted, for the cap per term: a short list
/// sorted by pattern (a text names few distinct terms), not a counter for every pattern of the
/// lexicon zeroed for every text.
#[derive(Debug, Default)]
pub(crate) struct Seen(Vec<(usize, usize)>);

impl Seen {
    /// Whether `pattern` has been counted `cap` times already.
    pub fn full(&self, pattern: usize, cap: usize) -> bool {
        match self.0.binary_search_by_key(&pattern, |&(p, _)| p) {
            Ok(at) => self.0.get(at).is_some_and(|&(_, n)| n >= cap),
            Err(_) => cap == 0,
        }
    }

    /// Counts one occurrence of `pattern`.
    pub fn add(&mut self, pattern: usize) {
        match self.0.binary_search_by_key(&pattern, |&(p, _)| p) {
            Ok(at) => {
                if let Some((_, n)) = self.0.get_mut(at) {
                    *n = n.saturating_add(1);
                }
            }
            Err(at) => self.0.insert(at, (pattern, 1)),
        }
    }

    /// Counts one occurrence of `pattern` unless it has been counted `cap` times already;
    /// whether it was counted.
    pub fn admit(&mut self, pattern: usize, cap: usize) -> bool {
        let full = self.full(pattern, cap);
        if !full {
            self.add(pattern);
        }
        !full
    }
}

impl<T: Clone> Lexicon<T> {
    /// Builds the automaton; terms are normalised the same way as the text, duplicates merged.
    fn build(
        entries: impl IntoIterator<Item = (String, T)>,
        fold: &dyn Fn(&str) -> String,
    ) -> Result<Self, String> {
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<T>> = Vec::new();
        for (term, value) in entries {
            let term = fold(&term);
            if let Some(u) = index.get(&term).and_then(|&i| uses.get_mut(i)) {
                u.push(value);
            } else {
                index.insert(term.clone(), terms.len());
                terms.push(term);
                uses.push(vec![value]);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .map_err(|e| e.to_string())?;
        Ok(Lexicon { ac, terms, uses })
    }

    /// Every non-overlapping, leftmost-longest occurrence in `text`.
    pub fn hits<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Hit> + 'a {
        self.ac.find_iter(text).map(|m| Hit {
            pattern: m.pattern().as_usize(),
            start: m.start(),
            end: m.end(),
        })
    }

    /// The (normalised) term of a pattern.
    pub fn term(&self, pattern: usize) -> &str {
        self.terms.get(pattern).map_or("", String::as_str)
    }

    /// The uses of a pattern.
    pub fn uses(&self, pattern: usize) -> &[T] {
        self.uses.get(pattern).map_or(&[], Vec::as_slice)
    }

    /// Longest pattern, in characters.
    fn longest_chars(&self) -> usize {
        self.terms.iter().map(|t| t.chars().count()).max().unwrap_or(0)
    }
}

/// A cue list whose uses are scopes in characters, with how far from a term it can reach (its
/// widest scope plus its longest cue), worked out once when the pack is compiled.
pub(crate) struct Cues {
    /// The cues → scope in characters.
    pub lexicon: Lexicon<u32>,
    /// Characters the list can reach.
    pub reach: usize,
}

impl Cues {
    fn build(
        entries: impl IntoIterator<Item = (String, u32)>,
        fold: &dyn Fn(&str) -> String,
    ) -> Result<Self, String> {
        let lexicon = Lexicon::build(entries, fold)?;
        let widest = lexicon.uses.iter().flatten().copied().max().unwrap_or(0);
        let reach =
            usize::try_from(widest).unwrap_or(usize::MAX).saturating_add(lexicon.longest_chars());
        Ok(Cues { lexicon, reach })
    }
}

/// A set of break characters, compiled for the cue windows, which test every character they
/// walk over: a bit per ASCII character, the others (a few punctuation marks) in a list with a
/// bit per code point modulo 64 in front of it, so most characters (ideographs) are turned away
/// by one bit test. A scan of the whole list for every character cost more than the window's
/// own search.
pub(crate) struct Breaks {
    ascii: u128,
    other_bits: u64,
    other: Vec<char>,
}

impl Breaks {
    /// The set of the characters of `chars`.
    fn new(chars: &str) -> Breaks {
        let mut breaks = Breaks { ascii: 0, other_bits: 0, other: Vec::new() };
        for c in chars.chars() {
            if c.is_ascii() {
                breaks.ascii |= 1 << u32::from(c);
            } else if !breaks.other.contains(&c) {
                breaks.other_bits |= 1 << (u32::from(c) % 64);
                breaks.other.push(c);
            }
        }
        breaks
    }

    /// Whether `c` is one of the break characters.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> u32::from(c) & 1 == 1
        } else {
            self.other_bits >> (u32::from(c) % 64) & 1 == 1 && self.other.contains(&c)
        }
    }
}

/// What a flag cue contributes: the flag rule's index, and the `all_of` group it belongs to
/// (`None` for a cue that raises the flag alone).
pub(crate) type FlagUse = (usize, Option<usize>);

/// All automata of a policy.
pub(crate) struct Compiled {
    /// Category terms → (category index, weight).
    pub categories: Lexicon<(usize, u32)>,
    /// Category ids, in the index order used above.
    pub category_ids: Vec<String>,
    /// Cause terms → (class index, weight).
    pub causes: Lexicon<(usize, u32)>,
    /// Cause class ids, in the index order used above.
    pub cause_ids: Vec<String>,
    /// Negation cues before a term → scope in characters.
    pub negation_before: Cues,
    /// Negation cues after a term → scope in characters.
    pub negation_after: Cues,
    /// Intensifiers → scope in characters.
    pub intensifiers: Cues,
    /// Contrast cues → scope in characters.
    pub contrast: Cues,
    /// The characters that end a clause (the scope of most cues).
    pub clause_breaks: Breaks,
    /// The characters that end a sentence (the scope of contrast cues).
    pub sentence_breaks: Breaks,
    /// Severity cues → index of the severity reason.
    pub severity: Lexicon<usize>,
    /// Flag cues.
    pub flags: Lexicon<FlagUse>,
    /// Third-party and hearsay cues before a severity or flag cue → scope in characters.
    pub attribution_before: Cues,
    /// Third-party cues after a severity or flag cue → scope in characters.
    pub attribution_after: Cues,
    /// Dominance rules' `when` terms → rule index.
    pub dominance_when: Lexicon<usize>,
    /// The words that make a bare number money, normalised like the text.
    pub money_words: Vec<String>,
    /// The learned model, when the pack has one.
    pub model: Option<CompiledModel>,
    /// The pack's character variants, compiled for normalising texts.
    pub variants: Variants,
}

/// A weighted term: (term, (class index, weight)).
type Weighted = (String, (usize, u32));

/// Class ids in index order, and every weighted term.
fn weighted(map: &BTreeMap<String, Terms>) -> (Vec<String>, Vec<Weighted>) {
    let ids: Vec<String> = map.keys().cloned().collect();
    let entries = map
        .values()
        .enumerate()
        .flat_map(|(i, terms)| terms.iter().map(move |(t, w)| (t.clone(), (i, *w))))
        .collect();
    (ids, entries)
}

fn scoped(terms: &Terms) -> impl Iterator<Item = (String, u32)> + '_ {
    terms.iter().map(|(t, s)| (t.clone(), *s))
}

impl Compiled {
    /// Compiles every term list of `policy`.
    pub fn build(policy: &ClassifyPolicy) -> Result<Compiled, String> {
        let fold = |t: &str| normalise(t, &policy.normalise.variants);
        let (category_ids, category_entries) = weighted(&policy.categories);
        let (cause_ids, cause_entries) = weighted(&policy.cause_classes);
        let m = &policy.modifiers;
        let severity = policy
            .severity
            .reasons
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.terms.iter().map(move |t| (t.clone(), i)));
        let flags = policy.flags.iter().enumerate().flat_map(|(i, f)| {
            let alone = f.terms.iter().map(move |t| (t.clone(), (i, None)));
            let groups =
                f.all_of.iter().enumerate().flat_map(move |(g, terms)| {
                    terms.iter().map(move |t| (t.clone(), (i, Some(g))))
                });
            alone.chain(groups)
        });
        let dominance_when = policy
            .dominance
            .rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.when.iter().map(move |t| (t.clone(), i)));
        let model = policy
            .model
            .as_ref()
            .map(|m| CompiledModel::build(m, &category_ids, &fold))
            .transpose()?;
        Ok(Compiled {
            categories: Lexicon::build(category_entries, &fold)?,
            causes: Lexicon::build(cause_entries, &fold)?,
            cause_ids,
            negation_before: Cues::build(scoped(&m.negation_before), &fold)?,
            negation_after: Cues::build(scoped(&m.negation_after), &fold)?,
            intensifiers: Cues::build(scoped(&m.intensifiers), &fold)?,
            contrast: Cues::build(scoped(&m.contrast), &fold)?,
            clause_breaks: Breaks::new(&m.clause_breaks),
            sentence_breaks: Breaks::new(&m.sentence_breaks),
            severity: Lexicon::build(severity, &fold)?,
            flags: Lexicon::build(flags, &fold)?,
            category_ids,
            attribution_after: Cues::build(scoped(&policy.attribution.third_party_after), &fold)?,
            attribution_before: Cues::build(
                scoped(&policy.attribution.third_party_before)
                    .chain(scoped(&policy.attribution.hearsay_before)),
                &fold,
            )?,
            dominance_when: Lexicon::build(dominance_when, &fold)?,
            money_words: policy.money_words.before.iter().map(|w| fold(w)).collect(),
            model,
            variants: Variants::new(&policy.normalise.variants),
        })
    }
}

/// The compiled form of a policy, built on first use. Clones share it; it takes no part in
/// equality, debug output or serialisation.
#[derive(Default, Clone)]
pub(crate) struct Cache(OnceLock<Arc<Result<Compiled, String>>>);

impl Cache {
    /// The compiled automata of `policy` (built now if needed), or why they could not be built.
    pub fn get(&self, policy: &ClassifyPolicy) -> Arc<Result<Compiled, String>> {
        self.0.get_or_init(|| Arc::new(Compiled::build(policy))).clone()
    }
}

impl PartialEq for Cache {
    fn eq(&self, _: &Cache) -> bool {
        true
    }
}

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cache")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_hold_exactly_the_characters_of_their_string() {
        let chars = ",.!?;:。；：…\n\r\u{7F}𠀀";
        let breaks = Breaks::new(chars);
        // Every character below U+10000 (and a few beyond), including the ones that share a
        // bit of the code point modulo 64 with a break.
        for c in (0..0x1_0000).chain([0x2_0000, 0x2_0040, 0x10_FFFF]).filter_map(char::from_u32) {
            assert_eq!(breaks.contains(c), chars.contains(c), "U+{:04X}", u32::from(c));
        }
    }
}
