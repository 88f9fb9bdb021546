//! The offline trainer of the learned category model ([`ClassifyModel`]): multinomial logistic
//! regression over the counts of character 1–3-grams of the normalised text, AdaGrad in an
//! example order fixed by a seed, L2 penalty. The model is trained as `classify` uses it: with
//! the lexicon's logits added to its own (left out at random for some steps), and with a random
//! half of each text's n-grams dropped at each step, so that it learns what the lexicon misses
//! and leans on no single wording (both raised held-out-writer accuracy); then each category keeps its strongest n-grams and
//! every weight is quantised to an integer. Deterministic: the same pack, examples and options
//! give the same model byte for byte (`make train`).

use std::collections::{BTreeMap, HashMap};

use super::compiled::Compiled;
use super::grams;
use super::model::{ClassifyModel, Provenance, WeightTable, Weights, MAX_WEIGHT};
use super::normalise::normalise;
use super::scope::Scope;
use super::score;
use crate::error::{EngineError, PackProblem};
use crate::finding::Bilingual;
use crate::pack::Pack;

/// A labelled text.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// The complaint text.
    pub text: &'a str,
    /// Its business category id.
    pub category: &'a str,
}

/// How to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Seed of the example order.
    pub seed: u64,
    /// Passes over the examples.
    pub epochs: u32,
    /// AdaGrad step size.
    pub learning_rate: f64,
    /// L2 penalty per example.
    pub l2: f64,
    /// Texts an n-gram must occur in to be a feature.
    pub min_count: usize,
    /// N-grams kept per category (largest weights by magnitude). 1100 since the twenty-seven-writer
    /// retrain: 1200 grew the two models past issue 17's 80 KB brotli budget (new writers bring
    /// rarer n-grams, which compress worse) for 0.1 / 0.2 points of leave-one-writer-out top-1.
    pub keep_per_class: usize,
    /// Largest integer weight after quantisation. 15 since the eighteen-writer retrain: the same
    /// held-out accuracy as 31 (leave one writer out, both packs) with 2.4 KB less brotli.
    pub levels: i32,
    /// Copied into the model: logit units per lexicon weight unit.
    pub lexicon_weight: f64,
    /// Copied into the model: n-grams reported as evidence.
    pub explain: usize,
    /// Copied into the model: smallest runner-up probability, in percent.
    pub runner_up_min_percent: u32,
    /// Copied into the model: shortest text the model judges without a lexicon term.
    pub min_chars_without_terms: usize,
    /// Train with the lexicon's logits (`lexicon_weight` × its scores, as `classify` mixes them)
    /// added to the model's, so the model learns what the lexicon leaves unexplained.
    pub lexicon_offset: bool,
    /// Share of a text's n-grams dropped at random at each step (the kept ones scaled up):
    /// trains the model not to lean on any one wording.
    pub dropout: f64,
    /// Share of the steps at which the lexicon's logits are left out (with `lexicon_offset`), so
    /// the model also learns the texts whose words the lexicon lacks.
    pub offset_dropout: f64,
    /// Copied into the provenance: the command that reproduces the model.
    pub command: String,
    /// Copied into the provenance: the data files read.
    pub data: Vec<String>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            seed: 17,
            epochs: 12,
            learning_rate: 0.1,
            l2: 1e-4,
            min_count: 32,
            keep_per_class: 1100,
            levels: 15,
            lexicon_weight: 0.35,
            explain: 5,
            runner_up_min_percent: 5,
            min_chars_without_terms: 4,
            lexicon_offset: true,
            dropout: 0.5,
            offset_dropout: 0.3,
            command: "make train".into(),
            data: Vec::new(),
        }
    }
}

/// SplitMix64: a small deterministic generator for the example order.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `p` (clamped to 0–1).
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p.clamp(0.0, 1.0) * (1u64 << 53) as f64
    }

    /// Fisher–Yates shuffle.
    fn shuffle(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn bad_example(i: usize, ids: &[String]) -> EngineError {
    let ids = ids.join(", ");
    EngineError::Shape {
        path: format!("/examples/{i}/category"),
        expected: Bilingual {
            zh: format!("本包的业务类别之一：{ids}"),
            en: format!("one of the pack's categories: {ids}"),
        },
    }
}

/// N-gram counts of one text: (n-gram key, count), keys ascending.
fn counts(text: &str) -> Vec<(u64, f64)> {
    let mut c: BTreeMap<u64, f64> = BTreeMap::new();
    grams::each(text, |g| *c.entry(g.key).or_insert(0.0) += 1.0);
    c.into_iter().collect()
}

/// The logit a category out of the running gets (as in `classify`).
const OUT_OF_RUNNING: f64 = -1e6;

/// The lexicon's logits of each normalised text, per category index, as `classify` adds them
/// to the model's: `lexicon_weight` × the lexicon's score; a category the text only denies is
/// out of the running (unless it is the label: such a text teaches nothing then).
fn lexicon_logits(
    policy: &super::policy::ClassifyPolicy,
    texts: &[String],
    labels: &[usize],
    k: usize,
    weight: f64,
) -> Result<Vec<Vec<f64>>, EngineError> {
    let compiled = Compiled::build(&policy.with_model(None)).map_err(|detail| {
        EngineError::Pack { problems: vec![PackProblem { path: "/classify".into(), detail }] }
    })?;
    let cap = policy.scoring.max_hits_per_term.max(1);
    Ok(texts
        .iter()
        .zip(labels)
        .map(|(text, &label)| {
            let scope = Scope { text, compiled: &compiled, modifiers: &policy.modifiers };
            let s = score::score(&compiled.categories, k, &scope, cap);
            (0..k)
                .map(|i| {
                    if s.denied(i) && i != label {
                        OUT_OF_RUNNING
                    } else {
                        weight * s.total(i) as f64 / 100.0
                    }
                })
                .collect()
        })
        .collect())
}

/// Trains a category model for `pack` (which must have a classification policy) on `examples`.
pub fn train(
    pack: &Pack,
    examples: &[Example<'_>],
    opts: &TrainOptions,
) -> Result<ClassifyModel, EngineError> {
    let policy = pack.classify.as_ref().ok_or_else(|| EngineError::Pack {
        problems: vec![PackProblem {
            path: "/classify".into(),
            detail: "the pack has no classification policy".into(),
        }],
    })?;
    let ids: Vec<String> = policy.categories.keys().cloned().collect();
    let k = ids.len();
    let mut labels = Vec::with_capacity(examples.len());
    let mut normalised = Vec::with_capacity(examples.len());
    for (i, e) in examples.iter().enumerate() {
        labels.push(ids.iter().position(|c| c == e.category).ok_or_else(|| bad_example(i, &ids))?);
        normalised.push(normalise(e.text, &policy.normalise.variants));
    }
    let offsets = if opts.lexicon_offset {
        lexicon_logits(policy, &normalised, &labels, k, opts.lexicon_weight)?
    } else {
        Vec::new()
    };
    let texts: Vec<Vec<(u64, f64)>> = normalised.iter().map(|t| counts(t)).collect();
    let mut df: HashMap<u64, usize> = HashMap::new();
    for t in &texts {
        for (key, _) in t {
            *df.entry(*key).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<u64> =
        df.into_iter().filter(|&(_, n)| n >= opts.min_count).map(|(key, _)| key).collect();
    vocab.sort_unstable();
    let index: HashMap<u64, usize> = vocab.iter().enumerate().map(|(i, &key)| (key, i)).collect();
    let features: Vec<Vec<(usize, f64)>> = texts
        .iter()
        .map(|t| t.iter().filter_map(|(key, n)| index.get(key).map(|&j| (j, *n))).collect())
        .collect();
    let mut w = vec![vec![0.0f64; k]; vocab.len()];
    let mut acc = vec![vec![0.0f64; k]; vocab.len()];
    let (mut bias, mut bias_acc) = (vec![0.0f64; k], vec![0.0f64; k]);
    let mut rng = SplitMix(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let step = |weight: &mut f64, sum: &mut f64, grad: f64| {
        *sum += grad * grad;
        *weight -= opts.learning_rate * grad / (sum.sqrt() + 1e-8);
    };
    // Dropout draws come from a generator of their own, so the example order does not depend
    // on them.
    let mut drop_rng = SplitMix(opts.seed ^ 0xD0_D0);
    let dropout = opts.dropout.clamp(0.0, 0.95);
    let keep_scale = 1.0 / (1.0 - dropout);
    let mut kept: Vec<(usize, f64)> = Vec::new();
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let (Some(feats), Some(&label)) = (features.get(i), labels.get(i)) else { continue };
            let feats: &[(usize, f64)] = if dropout > 0.0 {
                kept.clear();
                kept.extend(
                    feats
                        .iter()
                        .filter(|_| !drop_rng.chance(dropout))
                        .map(|&(j, x)| (j, x * keep_scale)),
                );
                &kept
            } else {
                feats
            };
            let mut z = bias.clone();
            let skip_offset = opts.offset_dropout > 0.0 && drop_rng.chance(opts.offset_dropout);
            if let Some(off) = offsets.get(i).filter(|_| !skip_offset) {
                for (zk, o) in z.iter_mut().zip(off) {
                    *zk += o;
                }
            }
            for &(j, x) in feats {
                for (zk, wk) in z.iter_mut().zip(w.get(j).into_iter().flatten()) {
                    *zk += x * wk;
                }
            }
            let grad: Vec<f64> = super::model::softmax(&z)
                .iter()
                .enumerate()
                .map(|(c, p)| if c == label { p - 1.0 } else { *p })
                .collect();
            for &(j, x) in feats {
                let (Some(row), Some(sums)) = (w.get_mut(j), acc.get_mut(j)) else { continue };
                for ((wk, sk), gk) in row.iter_mut().zip(sums.iter_mut()).zip(&grad) {
                    let g = gk * x + opts.l2 * *wk;
                    step(wk, sk, g);
                }
            }
            for ((bk, sk), gk) in bias.iter_mut().zip(bias_acc.iter_mut()).zip(&grad) {
                step(bk, sk, *gk);
            }
        }
    }
    quantised(&ids, &vocab, &w, &bias, examples.len(), opts)
}

/// Keeps each category's strongest n-grams and turns every weight into an integer. Each
/// n-gram's weights are first centred on their mean over the categories (the probabilities do
/// not change), so the weights pruned away are the ones closest to that n-gram's common share.
fn quantised(
    ids: &[String],
    vocab: &[u64],
    w: &[Vec<f64>],
    bias: &[f64],
    texts: usize,
    opts: &TrainOptions,
) -> Result<ClassifyModel, EngineError> {
    let w: Vec<Vec<f64>> = w
        .iter()
        .map(|row| {
            let mean = row.iter().sum::<f64>() / row.len().max(1) as f64;
            row.iter().map(|x| x - mean).collect()
        })
        .collect();
    let kept: Vec<Vec<(u64, f64)>> = (0..ids.len())
        .map(|c| {
            let mut col: Vec<(u64, f64)> = vocab
                .iter()
                .zip(&w)
                .map(|(&key, row)| (key, row.get(c).copied().unwrap_or(0.0)))
                .collect();
            col.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
            col.truncate(opts.keep_per_class);
            col
        })
        .collect();
    let largest = kept
        .iter()
        .flatten()
        .map(|(_, x)| x.abs())
        .chain(bias.iter().map(|b| b.abs()))
        .fold(0.0f64, f64::max);
    let levels = opts.levels.clamp(1, MAX_WEIGHT);
    let scale = if largest > 0.0 { largest / f64::from(levels) } else { 1.0 };
    // Rounded to 6 significant decimals so the JSON text is short and reproducible.
    let scale = (scale * 1e6).round() / 1e6;
    let int = |x: f64| (x / scale).round().clamp(-f64::from(levels), f64::from(levels)) as i32;
    let table: WeightTable = ids
        .iter()
        .zip(&kept)
        .map(|(id, col)| {
            let grams = col
                .iter()
                .map(|&(key, x)| (grams::text_of(key), int(x)))
                .filter(|(_, v)| *v != 0)
                .collect();
            (id.clone(), grams)
        })
        .collect();
    let weights = Weights::from_table(&table).map_err(|e| EngineError::Pack {
        problems: vec![PackProblem {
            path: "/classify/model/weights".into(),
            detail: e.to_string(),
        }],
    })?;
    Ok(ClassifyModel {
        trained: Provenance {
            command: opts.command.clone(),
            data: opts.data.clone(),
            texts,
            seed: opts.seed,
            epochs: opts.epochs,
            learning_rate: opts.learning_rate,
            l2: opts.l2,
            min_count: opts.min_count,
            keep_per_class: opts.keep_per_class,
            levels: opts.levels.clamp(1, MAX_WEIGHT),
            lexicon_offset: opts.lexicon_offset,
            dropout: opts.dropout,
            offset_dropout: opts.offset_dropout,
        },
        scale,
        lexicon_weight: opts.lexicon_weight,
        explain: opts.explain,
        runner_up_min_percent: opts.runner_up_min_percent,
        min_chars_without_terms: opts.min_chars_without_terms,
        bias: ids.iter().zip(bias).map(|(id, &b)| (id.clone(), int(b))).collect(),
        weights,
    })
}
