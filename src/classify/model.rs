//! The learned part of classification (issue 17): a linear model over the character 1–3-grams of
//! the normalised text, one integer weight per (n-gram, category), trained offline by
//! [`super::train`] and shipped as pack data (`packs/*/model.json`, merged into `classify`).
//! The lexicon keeps giving the explanation; the model gives robustness on wordings the lexicon
//! does not list, and its own evidence: the n-grams that pushed hardest towards the category.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::grams::{self, Gram};

/// A trained category model, as a pack carries it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyModel {
    /// How the weights were made (provenance; not read by the classifier).
    pub trained: Provenance,
    /// Logit units per integer weight.
    pub scale: f64,
    /// Logit units one lexicon weight unit adds to its category (the mix of lexicon and model).
    pub lexicon_weight: f64,
    /// How many n-grams are reported as the model's evidence for the chosen category.
    pub explain: usize,
    /// Smallest probability, in percent, of a category listed as a runner-up.
    pub runner_up_min_percent: u32,
    /// Texts shorter than this (characters) in which the lexicon names no category are left to
    /// the lexicon (too little to judge).
    pub min_chars_without_terms: usize,
    /// Integer bias per category id.
    pub bias: BTreeMap<String, i32>,
    /// Integer weights of n-grams per category id, grouped by weight: category id → weight
    /// (an integer written as a key, e.g. `"-3"`) → the n-grams with that weight, separated by
    /// single spaces (normalised text, ASCII digits written `0`; whitespace never occurs in an
    /// n-gram). An n-gram not listed for a category weighs 0 there.
    #[cfg_attr(test, schemars(with = "GroupedTable"))]
    pub weights: Weights,
}

/// Integer weight per category id and n-gram.
pub type WeightTable = BTreeMap<String, BTreeMap<String, i32>>;

/// The weight table as a pack writes it: category id → weight (as a key) → n-grams separated
/// by single spaces. One key per weight instead of one per n-gram: a fifth smaller than a map
/// of n-grams once brotli-compressed in the module, and still a table a person can read.
pub type GroupedTable = BTreeMap<String, BTreeMap<String, String>>;

/// A problem of a weight table, at a JSON pointer below the table (`/account/-3`).
#[derive(Debug, Clone, PartialEq)]
pub struct TableProblem {
    /// JSON pointer relative to the table (empty for the table itself).
    pub pointer: String,
    /// What is wrong.
    pub detail: String,
}

impl std::fmt::Display for TableProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "weights{}: {}", self.pointer, self.detail)
    }
}

impl std::error::Error for TableProblem {}

/// `key` escaped as one JSON pointer token.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A model's weight table, kept as its JSON text until the model is compiled (on the first
/// classification), so that an engine that only validates never reads the table: most of an
/// embedded pack's text, and most of its start-up, is the weights.
#[derive(Debug, Clone)]
pub struct Weights(Box<RawValue>);

impl Weights {
    /// The weights of a table, grouped by weight (weights of 0 are left out; each group's
    /// n-grams in code-point order, the groups in numeric order of their weight).
    pub fn from_table(table: &WeightTable) -> Result<Weights, serde_json::Error> {
        let grouped: BTreeMap<&str, BTreeMap<i32, String>> = table
            .iter()
            .map(|(id, grams)| {
                let mut by_weight: BTreeMap<i32, Vec<&str>> = BTreeMap::new();
                for (gram, &w) in grams.iter().filter(|(_, w)| **w != 0) {
                    by_weight.entry(w).or_default().push(gram);
                }
                let groups = by_weight.into_iter().map(|(w, g)| (w, g.join(" "))).collect();
                (id.as_str(), groups)
            })
            .collect();
        serde_json::value::to_raw_value(&grouped).map(Weights)
    }

    /// The table as the pack writes it, grouped by weight.
    pub fn grouped(&self) -> Result<GroupedTable, TableProblem> {
        serde_json::from_str(self.0.get())
            .map_err(|e| TableProblem { pointer: String::new(), detail: e.to_string() })
    }

    /// The table read from its JSON text, and every problem found in it (each at its pointer;
    /// the table holds the entries without problems).
    pub fn read(&self) -> (WeightTable, Vec<TableProblem>) {
        let grouped = match self.grouped() {
            Ok(g) => g,
            Err(e) => return (WeightTable::new(), vec![e]),
        };
        let mut problems = Vec::new();
        let mut table = WeightTable::new();
        for (id, groups) in grouped {
            let mut grams: BTreeMap<String, i32> = BTreeMap::new();
            for (weight, list) in groups {
                let pointer = format!("/{}/{}", token(&id), token(&weight));
                let mut problem = |detail: String| {
                    problems.push(TableProblem { pointer: pointer.clone(), detail });
                };
                let w = match weight.parse::<i32>() {
                    Ok(w) if w != 0 && w.abs() <= MAX_WEIGHT => w,
                    _ => {
                        problem(format!("{weight:?} is not a weight (a non-zero integer between -{MAX_WEIGHT} and {MAX_WEIGHT})"));
                        continue;
                    }
                };
                for gram in list.split(' ') {
                    if grams::key_of(gram).is_none() {
                        problem(format!(
                            "{gram:?} is not an n-gram of 1–{} characters without whitespace (n-grams are separated by single spaces)",
                            grams::MAX_N
                        ));
                    } else if grams.insert(gram.to_string(), w).is_some() {
                        problem(format!("{gram:?} is listed more than once for this category"));
                    }
                }
            }
            table.insert(id, grams);
        }
        (table, problems)
    }

    /// The table read from its JSON text (its first problem, if any).
    pub fn table(&self) -> Result<WeightTable, TableProblem> {
        let (table, mut problems) = self.read();
        if problems.is_empty() {
            Ok(table)
        } else {
            Err(problems.swap_remove(0))
        }
    }
}

/// Two weight tables are equal when their JSON texts are (packs read from the same text).
impl PartialEq for Weights {
    fn eq(&self, other: &Weights) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Serialize for Weights {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Weights, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Weights)
    }
}

/// Where a model's weights come from.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The command that reproduces the weights byte for byte.
    pub command: String,
    /// The labelled data files read.
    pub data: Vec<String>,
    /// Number of labelled texts of this pack.
    pub texts: usize,
    /// Seed of the example order.
    pub seed: u64,
    /// Passes over the data.
    pub epochs: u32,
    /// AdaGrad step size.
    pub learning_rate: f64,
    /// L2 penalty per example.
    pub l2: f64,
    /// Texts an n-gram must occur in to be a feature.
    pub min_count: usize,
    /// N-grams kept per category after training (largest weights by magnitude).
    pub keep_per_class: usize,
    /// Largest integer weight after quantisation.
    pub levels: i32,
    /// Whether the lexicon's logits were added to the model's during training.
    #[serde(default)]
    pub lexicon_offset: bool,
    /// Share of each text's n-grams dropped at random at each training step.
    #[serde(default)]
    pub dropout: f64,
    /// Share of the training steps without the lexicon's logits.
    #[serde(default)]
    pub offset_dropout: f64,
}

/// Largest magnitude of an integer weight or bias.
pub(crate) const MAX_WEIGHT: i32 = i16::MAX as i32;

/// The model compiled for lookup: an open-addressing table from n-gram key to a dense row of
/// one weight per category. The keys are an array of their own (8 bytes a slot), so probing for
/// the n-grams of a text that the model does not know touches little memory; a known n-gram
/// adds its whole row to the scores (the n-grams kept are frequent ones, most of a text's
/// n-grams are known, and each has weights in several categories). A row is stored as blocks of
/// [`LANES`] weights (the last one padded with zeros) and added into 32-bit sums block by block:
/// fixed-size arrays, so the addition is unrolled and vectorised, not a loop over the
/// categories widening each weight to 64 bits.
pub(crate) struct CompiledModel {
    keys: Vec<u64>,
    /// Per slot, where its row starts in `weights` (a block index).
    rows: Vec<u32>,
    /// `blocks` blocks per row.
    weights: Vec<Block>,
    blocks: usize,
    mask: usize,
    /// Bias per category index.
    pub bias: Vec<i64>,
    /// Logit units per integer weight.
    pub scale: f64,
}

/// Categories per block of a row.
const LANES: usize = 8;

/// The weights of [`LANES`] consecutive categories.
type Block = [i16; LANES];

/// Sums of [`LANES`] consecutive categories.
type Sums = [i32; LANES];

/// Rows added into 32-bit sums before they are moved into the 64-bit scores: 2^15 rows of at
/// most 2^15 in magnitude each keep a sum within `i32`.
const ROWS_PER_FLUSH: usize = 1 << 15;

fn slot_of(key: u64, mask: usize) -> usize {
    // Fibonacci hashing; the top bits are the best mixed.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl CompiledModel {
    /// Compiles `model` for the categories `ids` (index order of the lexicon); n-grams are
    /// normalised by `fold` the same way as the text.
    pub fn build(
        model: &ClassifyModel,
        ids: &[String],
        fold: &dyn Fn(&str) -> String,
    ) -> Result<CompiledModel, String> {
        let index = |id: &str| {
            ids.iter()
                .position(|c| c == id)
                .ok_or_else(|| format!("model category {id:?} has no lexicon"))
        };
        let classes = ids.len();
        let mut by_key: BTreeMap<u64, Vec<i16>> = BTreeMap::new();
        for (id, grams) in &model.weights.table().map_err(|e| e.to_string())? {
            let class = index(id)?;
            for (gram, &w) in grams {
                let key = grams::key_of(&fold(gram))
                    .ok_or_else(|| format!("{gram:?} is not a 1–3 character n-gram"))?;
                let w = i16::try_from(w).map_err(|_| format!("weight of {gram:?} out of range"))?;
                let row = by_key.entry(key).or_insert_with(|| vec![0; classes]);
                if let Some(slot) = row.get_mut(class) {
                    *slot = slot.saturating_add(w);
                }
            }
        }
        let mut bias = vec![0i64; classes];
        for (id, &b) in &model.bias {
            if let Some(slot) = bias.get_mut(index(id)?) {
                *slot = i64::from(b);
            }
        }
        let size = (by_key.len() * 2).next_power_of_two().max(2);
        let mask = size - 1;
        let mut keys = vec![0u64; size];
        let mut rows = vec![0u32; size];
        let blocks = classes.div_ceil(LANES);
        let mut weights = Vec::with_capacity(by_key.len() * blocks);
        for (key, row) in by_key {
            let r = u32::try_from(weights.len()).map_err(|e| e.to_string())?;
            weights.extend(row.chunks(LANES).map(|chunk| {
                let mut block = [0; LANES];
                block.iter_mut().zip(chunk).for_each(|(b, &w)| *b = w);
                block
            }));
            let mut at = slot_of(key, mask);
            while keys.get(at).is_some_and(|&k| k != 0) {
                at = (at + 1) & mask;
            }
            if let (Some(k), Some(slot)) = (keys.get_mut(at), rows.get_mut(at)) {
                *k = key;
                *slot = r;
            }
        }
        Ok(CompiledModel { keys, rows, weights, blocks, mask, bias, scale: model.scale })
    }

    /// Where the row of an n-gram key starts (`None` when the model does not know it).
    fn find(&self, key: u64) -> Option<u32> {
        let mut at = slot_of(key, self.mask);
        loop {
            match self.keys.get(at) {
                Some(&k) if k == key => return self.rows.get(at).copied(),
                Some(0) | None => return None,
                Some(_) => at = (at + 1) & self.mask,
            }
        }
    }

    /// The blocks of the row starting at block `row`.
    fn row(&self, row: u32) -> &[Block] {
        let start = row as usize;
        self.weights.get(start..start + self.blocks).unwrap_or(&[])
    }

    /// The weight for a category index of the row starting at block `row`.
    fn weight(&self, row: u32, class: usize) -> i16 {
        let block = self.row(row).get(class / LANES);
        block.and_then(|b| b.get(class % LANES)).copied().unwrap_or(0)
    }

    /// Reads the normalised `text` once: integer scores per category index (bias plus every
    /// n-gram occurrence's weight) and the n-grams the model knows, for [`Self::evidence`].
    pub fn read(&self, text: &str) -> Reading {
        let mut scores = self.bias.clone();
        let mut sums: Vec<Sums> = vec![[0; LANES]; self.blocks];
        // At most three n-grams end at each character.
        let mut known = Vec::with_capacity(text.len());
        grams::each(text, |g| {
            let Some(row) = self.find(g.key) else { return };
            for (sum, block) in sums.iter_mut().zip(self.row(row)) {
                add(sum, block);
            }
            known.push((g, row));
            if known.len() % ROWS_PER_FLUSH == 0 {
                flush(&mut scores, &mut sums);
            }
        });
        flush(&mut scores, &mut sums);
        Reading { scores, known }
    }

    /// Up to `k` non-overlapping n-grams of a reading with the largest positive weight for
    /// `class`, each at its first occurrence, strongest first (ties in text order). The
    /// reading's list of n-grams is sorted in place, not copied.
    pub fn evidence(&self, reading: Reading, class: usize, k: usize) -> Vec<(Gram, i16)> {
        // Each n-gram with its weight for `class` in place of its row.
        let mut found = reading.known;
        found.retain_mut(|(_, row)| {
            let w = self.weight(*row, class);
            *row = u32::try_from(w).unwrap_or(0);
            w > 0
        });
        // First occurrence of each n-gram, then strongest first (ties in text order, then by
        // key: both orders are total, so the unstable sorts are deterministic).
        found.sort_unstable_by_key(|(g, _)| (g.key, g.start));
        found.dedup_by_key(|(g, _)| g.key);
        found.sort_unstable_by_key(|(g, w)| (std::cmp::Reverse(*w), g.start, g.key));
        let found = found.into_iter().map(|(g, w)| (g, i16::try_from(w).unwrap_or(0)));
        let mut chosen: Vec<(Gram, i16)> = Vec::with_capacity(k);
        for (g, w) in found {
            if chosen.len() == k {
                break;
            }
            if !chosen.iter().any(|(c, _)| c.start < g.end && g.start < c.end) {
                chosen.push((g, w));
            }
        }
        chosen
    }
}

/// Adds a block of weights to its sums.
fn add(sums: &mut Sums, block: &Block) {
    for (s, &w) in sums.iter_mut().zip(block) {
        *s = s.wrapping_add(i32::from(w));
    }
}

/// Moves the 32-bit sums into the scores (one per category index; the padding's sums are 0)
/// and zeroes them. No overflow: a text has at most 3 n-grams per byte, each adding at most
/// 2^15.
fn flush(scores: &mut [i64], sums: &mut [Sums]) {
    for (s, sum) in scores.iter_mut().zip(sums.iter_mut().flatten()) {
        *s = s.wrapping_add(i64::from(*sum));
        *sum = 0;
    }
}

/// What one read of a text by the model gives.
pub(crate) struct Reading {
    /// Integer score per category index.
    pub scores: Vec<i64>,
    /// The occurrences of n-grams the model knows, with where their rows start.
    known: Vec<(Gram, u32)>,
}

/// Softmax of `logits`, two-decimal-stable (largest subtracted first).
pub(crate) fn softmax(logits: &[f64]) -> Vec<f64> {
    let mut p = logits.to_vec();
    softmax_in_place(&mut p);
    p
}

/// [`softmax`] written over the logits themselves (no allocation).
pub(crate) fn softmax_in_place(logits: &mut [f64]) {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for z in logits.iter_mut() {
        *z = (*z - max).exp();
    }
    let sum: f64 = logits.iter().sum();
    for e in logits.iter_mut() {
        *e = if sum > 0.0 { *e / sum } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_round_trips_through_its_grouped_text_without_zero_weights() {
        let mut table = WeightTable::new();
        table.insert(
            "a".into(),
            [("退款", 3), ("退", 3), ("款0", -12), ("没", 0)]
                .iter()
                .map(|(g, w)| (g.to_string(), *w))
                .collect(),
        );
        let weights = Weights::from_table(&table).unwrap();
        assert_eq!(weights.0.get(), r#"{"a":{"-12":"款0","3":"退 退款"}}"#);
        if let Some(grams) = table.get_mut("a") {
            grams.remove("没");
        }
        assert_eq!(weights.table().unwrap(), table);
    }
}
