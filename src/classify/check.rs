//! Load-time checks of a pack's classification policy: every category and cause id exists in the
//! taxonomy and has terms, every clause id exists, weights, scopes and limits are sane, variants
//! keep UTF-16 lengths, and the term lists compile.

use super::compiled::Compiled;
use super::policy::{ClassifyPolicy, Terms};
use crate::error::PackProblem;
use crate::pack::{Pack, TaxonomyEntry};

const MAX_WEIGHT: u32 = 100;
const MAX_SCOPE: u32 = 200;
const MAX_BONUS: u32 = 1_000;
const STRUCTURED_FIELDS: &[&str] = &["request_type", "respondent_kind", "complainant_kind"];

struct Checker<'a> {
    pack: &'a Pack,
    problems: Vec<PackProblem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: String, detail: impl Into<String>) {
        self.problems.push(PackProblem { path, detail: detail.into() });
    }

    fn clause(&mut self, path: String, id: &str) {
        self.problems.extend(self.pack.unknown_clause(path, id));
    }

    fn id(&mut self, path: String, entries: &[TaxonomyEntry], id: &str) {
        if !entries.iter().any(|e| e.id == id) {
            self.problem(path, format!("{id:?} is not in the taxonomy"));
        }
    }

    fn terms(&mut self, path: &str, terms: &Terms, max: u32) {
        if terms.is_empty() {
            self.problem(path.to_string(), "must list at least one term");
        }
        for (term, value) in terms {
            if term.trim().is_empty() {
                self.problem(path.to_string(), "empty term");
            }
            if *value > max {
                self.problem(
                    format!("{path}/{term}"),
                    format!("{value} is above the maximum {max}"),
                );
            }
        }
    }

    fn weights(&mut self, path: &str, terms: &Terms) {
        self.terms(path, terms, MAX_WEIGHT);
        for (term, w) in terms {
            if *w == 0 {
                self.problem(format!("{path}/{term}"), "weight must be at least 1");
            }
        }
    }

    fn cues(&mut self, path: &str, cues: &[String]) {
        if cues.iter().any(|c| c.trim().is_empty()) {
            self.problem(path.to_string(), "empty cue");
        }
    }

    fn classes(
        &mut self,
        name: &str,
        map: &std::collections::BTreeMap<String, Terms>,
        entries: &[TaxonomyEntry],
    ) {
        for (id, terms) in map {
            self.id(format!("/classify/{name}/{id}"), entries, id);
            self.weights(&format!("/classify/{name}/{id}"), terms);
        }
        for e in entries {
            if !map.contains_key(&e.id) && e.id != "other" {
                self.problem(format!("/classify/{name}"), format!("no terms for {:?}", e.id));
            }
        }
    }

    fn run(&mut self, p: &ClassifyPolicy) {
        let tax = &self.pack.taxonomy;
        self.classes("categories", &p.categories, &tax.categories);
        self.classes("cause_classes", &p.cause_classes, &tax.cause_classes);
        self.id("/classify/default_category".into(), &tax.categories, &p.default_category);
        self.id("/classify/default_cause_class".into(), &tax.cause_classes, &p.default_cause_class);
        for (cat, causes) in &p.category_causes {
            self.id(format!("/classify/category_causes/{cat}"), &tax.categories, cat);
            for id in causes.keys() {
                self.id(format!("/classify/category_causes/{cat}/{id}"), &tax.cause_classes, id);
            }
            self.weights(&format!("/classify/category_causes/{cat}"), causes);
        }
        for (field, values) in &p.structured {
            if !STRUCTURED_FIELDS.contains(&field.as_str()) {
                self.problem(format!("/classify/structured/{field}"), "not a structured field");
            }
            for (value, cats) in values {
                let path = format!("/classify/structured/{field}/{value}");
                for id in cats.keys() {
                    self.id(format!("{path}/{id}"), &tax.categories, id);
                }
                self.weights(&path, cats);
            }
        }
        for (from, to) in &p.normalise.variants {
            if from.len_utf16() != to.len_utf16() {
                self.problem(
                    format!("/classify/normalise/variants/{from}"),
                    "must keep the UTF-16 length",
                );
            }
        }
        let m = &p.modifiers;
        for (name, cues) in [
            ("negation_before", &m.negation_before),
            ("negation_after", &m.negation_after),
            ("intensifiers", &m.intensifiers),
            ("contrast", &m.contrast),
        ] {
            self.terms(&format!("/classify/modifiers/{name}"), cues, MAX_SCOPE);
        }
        for (name, bonus) in
            [("intensifier", m.intensifier_bonus_percent), ("contrast", m.contrast_bonus_percent)]
        {
            if bonus > MAX_BONUS {
                self.problem(
                    format!("/classify/modifiers/{name}_bonus_percent"),
                    format!("above {MAX_BONUS}"),
                );
            }
        }
        let s = &p.scoring;
        if s.max_hits_per_term == 0 || s.max_text_bytes == 0 || s.confident_score == 0 {
            self.problem("/classify/scoring".into(), "limits must be at least 1");
        }
        self.clause("/classify/severity/amount/clause".into(), &p.severity.amount.clause);
        for (i, r) in p.severity.reasons.iter().enumerate() {
            self.clause(format!("/classify/severity/reasons/{i}/clause"), &r.clause);
            self.cues(&format!("/classify/severity/reasons/{i}/terms"), &r.terms);
        }
        for (id, principle) in &p.principles {
            self.id(format!("/classify/principles/{id}"), &tax.cause_classes, id);
            for (i, c) in principle.clauses.iter().enumerate() {
                self.clause(format!("/classify/principles/{id}/clauses/{i}"), c);
            }
        }
        for e in &tax.cause_classes {
            if !p.principles.contains_key(&e.id) {
                self.problem("/classify/principles".into(), format!("no principle for {:?}", e.id));
            }
        }
        for (i, f) in p.flags.iter().enumerate() {
            self.clause(format!("/classify/flags/{i}/clause"), &f.clause);
            self.cues(&format!("/classify/flags/{i}/terms"), &f.terms);
            if f.terms.is_empty() && f.all_of.is_empty() {
                self.problem(format!("/classify/flags/{i}"), "needs terms or all_of");
            }
        }
        self.learned(p);
        if let Err(e) = Compiled::build(p) {
            self.problem("/classify".into(), format!("term lists do not compile: {e}"));
        }
    }
}

impl Checker<'_> {
    /// Dominance rules, attribution cues and the learned model.
    fn learned(&mut self, p: &ClassifyPolicy) {
        let tax = &self.pack.taxonomy;
        for (i, r) in p.dominance.rules.iter().enumerate() {
            self.id(
                format!("/classify/dominance/rules/{i}/category"),
                &tax.categories,
                &r.category,
            );
            for (j, id) in r.over.iter().enumerate() {
                self.id(format!("/classify/dominance/rules/{i}/over/{j}"), &tax.categories, id);
            }
            self.cues(&format!("/classify/dominance/rules/{i}/when"), &r.when);
        }
        self.cues("/classify/money_words/before", &p.money_words.before);
        if p.dominance.min_share_percent > 100 {
            self.problem("/classify/dominance/min_share_percent".into(), "above 100");
        }
        let a = &p.attribution;
        for (name, cues) in [
            ("third_party_before", &a.third_party_before),
            ("hearsay_before", &a.hearsay_before),
            ("third_party_after", &a.third_party_after),
        ] {
            if !cues.is_empty() {
                self.terms(&format!("/classify/attribution/{name}"), cues, MAX_SCOPE);
            }
        }
        let Some(m) = &p.model else { return };
        if !(m.scale.is_finite() && m.scale > 0.0) {
            self.problem("/classify/model/scale".into(), "must be a positive number");
        }
        if !(m.lexicon_weight.is_finite() && m.lexicon_weight >= 0.0) {
            self.problem("/classify/model/lexicon_weight".into(), "must be zero or more");
        }
        if m.runner_up_min_percent > 100 {
            self.problem("/classify/model/runner_up_min_percent".into(), "above 100");
        }
        let (weights, problems) = m.weights.read();
        for p in problems {
            self.problem(format!("/classify/model/weights{}", p.pointer), p.detail);
        }
        for id in m.bias.keys() {
            self.id(format!("/classify/model/bias/{id}"), &tax.categories, id);
        }
        for id in weights.keys() {
            self.id(format!("/classify/model/weights/{id}"), &tax.categories, id);
        }
    }
}

/// Every problem of `pack`'s classification policy (none when the pack has no policy).
pub fn check_pack(pack: &Pack) -> Vec<PackProblem> {
    let mut c = Checker { pack, problems: Vec::new() };
    if let Some(policy) = &pack.classify {
        c.run(policy);
    }
    c.problems
}
