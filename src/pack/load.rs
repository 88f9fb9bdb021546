//! Loading a pack: JSON → [`Pack`], then a semantic check that reports every problem with its
//! JSON pointer inside the pack (unknown clause ids, pointers that are not case fields, codes
//! without messages, …).

use serde_json::Value;

use super::parts::SCHEMA_KEY;
use super::{Pack, SourceKind};
use crate::case::schema::{escape_pointer, CASE_SCHEMA};
use crate::error::{EngineError, PackProblem};
use crate::validate::codes;

/// The pseudo-pointer for the evaluation time in chronology rules.
pub const NOW: &str = "$now";

/// Parses and checks a pack document (a top-level `$schema` reference is allowed and ignored).
pub fn load_pack(json: &str) -> Result<Pack, EngineError> {
    let pack = parse(document(json)?).map_err(|p| EngineError::Pack { problems: vec![p] })?;
    let problems = check(&pack);
    if problems.is_empty() {
        Ok(pack)
    } else {
        Err(EngineError::Pack { problems })
    }
}

/// Reads an embedded pack's compiled document (see [`super::embedded`]) straight into a
/// [`Pack`]: one typed parse, no intermediate JSON tree. The semantic checks of [`check`] are not
/// repeated at every start-up: the build compiled the document, and `cargo test` checks every
/// embedded pack (tests/packs_embedded.rs). A document that does not read is an error with the
/// pointer of its first structural problem.
pub fn load_embedded(document: &str) -> Result<Pack, EngineError> {
    parse_str(document).map_err(|p| EngineError::Pack { problems: vec![p] })
}

/// The most structural problems reported in one go by [`all_problems`].
const MAX_STRUCTURAL: usize = 50;

/// Every problem of a pack document at once, for authors. Each structural problem (unknown key,
/// wrong type, missing member) is recorded and mended so reading can go on: an unknown or
/// ill-typed member is set aside, and a required member that is missing (or was set aside) is
/// borrowed from the default embedded pack. Then the semantic checks run on the result,
/// leaving out what they would say about borrowed members. Returns the pack when there is no
/// problem.
pub fn all_problems(json: &str) -> (Option<Pack>, Vec<PackProblem>) {
    let mut value = match document(json) {
        Ok(v) => v,
        Err(EngineError::Pack { problems }) => return (None, problems),
        Err(e) => return (None, vec![PackProblem { path: String::new(), detail: e.to_string() }]),
    };
    let stand_in: Value = super::embedded::document(super::embedded::DEFAULT_PACK)
        .ok()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    let mut problems: Vec<PackProblem> = Vec::new();
    let (mut set_aside, mut borrowed) = (Vec::<String>::new(), Vec::<String>::new());
    while problems.len() < MAX_STRUCTURAL {
        let problem = match parse(value.clone()) {
            Ok(pack) => {
                let inside = |p: &PackProblem, at: &String| {
                    p.path
                        .strip_prefix(at.as_str())
                        .is_some_and(|r| r.is_empty() || r.starts_with('/'))
                };
                problems.extend(
                    check(&pack).into_iter().filter(|p| !borrowed.iter().any(|b| inside(p, b))),
                );
                let ok = problems.is_empty();
                return (ok.then_some(pack), problems);
            }
            Err(problem) => problem,
        };
        let mended = match missing_member(&problem) {
            Some(member) => {
                let at = format!("{}/{}", problem.path, escape_pointer(&member));
                if !set_aside.contains(&at) {
                    problems.push(problem.clone());
                }
                let lent = stand_in.pointer(&at).cloned();
                let mended = match (value.pointer_mut(&problem.path), lent) {
                    (Some(Value::Object(map)), Some(lent)) if !borrowed.contains(&at) => {
                        map.insert(member, lent);
                        true
                    }
                    _ => false,
                };
                borrowed.push(at);
                mended
            }
            None => {
                problems.push(problem.clone());
                set_aside.push(problem.path.clone());
                remove_at(&mut value, &problem.path)
            }
        };
        if !mended {
            return (None, problems);
        }
    }
    (None, problems)
}

/// The member a "missing field `x`" problem names.
fn missing_member(problem: &PackProblem) -> Option<String> {
    let rest = problem.detail.strip_prefix("missing field `")?;
    rest.split_once('`').map(|(name, _)| name.to_string())
}

/// Removes the member at a JSON pointer; false when there is none, or when it is an array item
/// (removing it would shift the pointers of the items after it).
fn remove_at(value: &mut Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else { return false };
    let key = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => map.remove(&key).is_some(),
        _ => false,
    }
}

/// The JSON value of a pack document, without its `$schema` reference.
fn document(json: &str) -> Result<Value, EngineError> {
    let mut value: Value = serde_json::from_str(json).map_err(|e| EngineError::Pack {
        problems: vec![PackProblem {
            path: String::new(),
            detail: format!("line {} column {}: {e}", e.line(), e.column()),
        }],
    })?;
    if let Some(map) = value.as_object_mut() {
        map.remove(SCHEMA_KEY);
    }
    Ok(value)
}

/// Reads a pack from its JSON value; the first structural problem, with its pointer. The value
/// is read back from text so that the engine carries one deserialiser of [`Pack`] (from text,
/// the embedded packs' route), not a second one from JSON trees: this is the rare path.
fn parse(value: Value) -> Result<Pack, PackProblem> {
    parse_str(&value.to_string())
}

/// Reads a pack from JSON text; the first structural problem, with the pointer of the member
/// it is about (found from where reading stopped: [`super::error_pointer`]).
fn parse_str(json: &str) -> Result<Pack, PackProblem> {
    serde_json::from_str(json).map_err(|e| PackProblem {
        path: super::error_pointer::pointer_at(json, e.line(), e.column()),
        detail: e.to_string(),
    })
}

/// Semantic checks of a parsed pack; returns every problem found.
pub fn check(pack: &Pack) -> Vec<PackProblem> {
    let schema: Value = serde_json::from_str(CASE_SCHEMA).unwrap_or(Value::Null);
    let mut c = Checker { pack, schema, problems: Vec::new() };
    c.run();
    #[cfg(feature = "full")]
    {
        c.problems.extend(crate::deadline::check_pack(pack));
        c.problems.extend(crate::classify::check_pack(pack));
        c.problems.extend(crate::preview::check_pack(pack));
        c.problems.extend(crate::handling::check_pack(pack));
    }
    c.problems
}

struct Checker<'a> {
    pack: &'a Pack,
    schema: Value,
    problems: Vec<PackProblem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: String, detail: impl Into<String>) {
        self.problems.push(PackProblem { path, detail: detail.into() });
    }

    fn clause(&mut self, path: String, id: &str) {
        self.problems.extend(self.pack.unknown_clause(path, id));
    }

    /// A case pointer must name a property of the case schema (`*` for array items).
    fn field(&mut self, path: String, pointer: &str) {
        let mut node = &self.schema;
        let mut ok = pointer.starts_with('/');
        for seg in pointer.split('/').skip(1) {
            let next = if seg == "*" {
                node.get("items")
            } else {
                node.get("properties").and_then(|p| p.get(seg))
            };
            match next {
                Some(n) => node = n,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            self.problem(path, format!("{pointer:?} is not a field of the case"));
        }
    }

    /// Every message uses only the placeholders its key declares, and all required ones.
    fn messages(&mut self) {
        for (key, message) in &self.pack.messages {
            let at = format!("/messages/{}", escape_pointer(key));
            for (lang, text) in [("zh", &message.zh), ("en", &message.en)] {
                for detail in super::placeholders::problems(key, text) {
                    self.problem(format!("{at}/{lang}"), detail);
                }
            }
        }
    }

    /// Every source citation names a catalogue entry; laws and regulations carry their dates.
    fn sources(&mut self) {
        let pack = self.pack;
        let unknown = |citation: &str| {
            citation.split('/').map(str::trim).find(|c| pack.source_id(c).is_none()).map(|c| {
                format!("source {c:?} is not in source_catalogue (add it, or one of its cited_as)")
            })
        };
        for (i, citation) in pack.sources.iter().enumerate() {
            if let Some(detail) = unknown(citation) {
                self.problem(format!("/sources/{i}"), detail);
            }
        }
        for (id, clause) in &pack.clauses {
            if let Some(detail) = unknown(&clause.source) {
                self.problem(format!("/clauses/{}/source", escape_pointer(id)), detail);
            }
            self.clause_dates(id, clause);
        }
        for (id, source) in &pack.source_catalogue {
            let dated = !matches!(source.kind, SourceKind::Law | SourceKind::Regulation)
                || (source.adopted.is_some() && source.in_force_from.is_some());
            if !dated {
                self.problem(
                    format!("/source_catalogue/{}", escape_pointer(id)),
                    "a law or regulation needs its adopted and in_force_from dates",
                );
            }
        }
    }

    /// A clause citing a law or regulation is dated inside the time that source is in force:
    /// `valid_from` on or after its `in_force_from`, and, once the source is replaced,
    /// `valid_until` on or before its `in_force_until`.
    fn clause_dates(&mut self, id: &str, clause: &super::Clause) {
        let pack = self.pack;
        let at = |key: &str| format!("/clauses/{}/{key}", escape_pointer(id));
        let laws = clause
            .source
            .split('/')
            .filter_map(|c| pack.source_id(c.trim()))
            .filter_map(|s| pack.source_catalogue.get_key_value(s))
            .filter(|(_, s)| matches!(s.kind, SourceKind::Law | SourceKind::Regulation));
        for (name, source) in laws {
            if let Some(from) = source.in_force_from {
                if clause.valid_from.is_none_or(|v| v < from) {
                    self.problem(
                        at("valid_from"),
                        format!("a clause citing {name:?} is valid from {from} at the earliest (its in_force_from)"),
                    );
                }
            }
            if let Some(until) = source.in_force_until {
                if clause.valid_until.is_none_or(|v| v > until) {
                    self.problem(
                        at("valid_until"),
                        format!("a clause citing {name:?} is valid until {until} at the latest (its in_force_until)"),
                    );
                }
            }
        }
    }

    fn run(&mut self) {
        let pack = self.pack;
        if pack.id.is_empty() {
            self.problem("/id".into(), "pack id must not be empty");
        }
        self.clause("/limits/clause".into(), &pack.limits.clause);
        for (i, rule) in pack.required.iter().enumerate() {
            if rule.any_of.is_empty() {
                self.problem(format!("/required/{i}/any_of"), "must list at least one field");
            }
            for (j, p) in rule.any_of.iter().enumerate() {
                self.field(format!("/required/{i}/any_of/{j}"), p);
            }
            self.clause(format!("/required/{i}/clause"), &rule.clause);
        }
        for (i, rule) in pack.formats.iter().enumerate() {
            self.field(format!("/formats/{i}/path"), &rule.path);
            self.clause(format!("/formats/{i}/clause"), &rule.clause);
        }
        for (i, rule) in pack.lengths.iter().enumerate() {
            self.field(format!("/lengths/{i}/path"), &rule.path);
            self.clause(format!("/lengths/{i}/clause"), &rule.clause);
            if rule.min.is_some_and(|m| m > rule.max) {
                self.problem(format!("/lengths/{i}/min"), "min is greater than max");
            }
        }
        for (i, rule) in pack.chronology.iter().enumerate() {
            for (name, p) in [("earlier", &rule.earlier), ("later", &rule.later)] {
                if p != NOW {
                    self.field(format!("/chronology/{i}/{name}"), p);
                }
            }
            self.clause(format!("/chronology/{i}/clause"), &rule.clause);
        }
        for (i, rule) in pack.declarations.iter().enumerate() {
            self.field(format!("/declarations/{i}/path"), &rule.path);
            self.clause(format!("/declarations/{i}/clause"), &rule.clause);
        }
        for (i, rule) in pack.refused.iter().enumerate() {
            self.field(format!("/refused/{i}/path"), &rule.path);
            self.clause(format!("/refused/{i}/clause"), &rule.clause);
        }
        self.supplement();
        self.clause("/evidence/clause".into(), &pack.evidence.clause);
        for (i, rule) in pack.materials.iter().enumerate() {
            if rule.any_kind.is_empty() {
                self.problem(
                    format!("/materials/{i}/any_kind"),
                    "must list at least one evidence kind",
                );
            }
            let key = format!("material.{}", rule.name);
            if !pack.messages.contains_key(&key) {
                self.problem(format!("/materials/{i}/name"), format!("no message {key:?}"));
            }
            self.clause(format!("/materials/{i}/clause"), &rule.clause);
        }
        for (i, rule) in pack.amounts.iter().enumerate() {
            self.field(format!("/amounts/{i}/amount"), &rule.amount);
            self.field(format!("/amounts/{i}/cap"), &rule.cap);
            self.clause(format!("/amounts/{i}/clause"), &rule.clause);
        }
        for (i, f) in pack.masking.fields.iter().enumerate() {
            self.field(format!("/masking/fields/{i}/path"), &f.path);
        }
        for (i, e) in pack.taxonomy.categories.iter().enumerate() {
            self.clause(format!("/taxonomy/categories/{i}/clause"), &e.clause);
        }
        for (i, e) in pack.taxonomy.cause_classes.iter().enumerate() {
            self.clause(format!("/taxonomy/cause_classes/{i}/clause"), &e.clause);
        }
        for code in codes::ALL {
            if !pack.messages.contains_key(*code) {
                self.problem("/messages".into(), format!("no message for code {code:?}"));
            }
        }
        self.messages();
        self.sources();
        for key in pack.fields.keys() {
            self.field(format!("/fields/{}", crate::case::schema::escape_pointer(key)), key);
        }
    }

    /// A rule that asks for a supplement needs the pack's reasonable period.
    fn supplement(&mut self) {
        let pack = self.pack;
        match &pack.supplement {
            Some(s) => self.clause("/supplement/clause".into(), &s.clause),
            None => {
                let asks = pack
                    .required
                    .iter()
                    .map(|r| r.on_missing)
                    .chain(pack.materials.iter().map(|r| r.on_missing))
                    .chain(pack.declarations.iter().map(|r| r.on_missing))
                    .any(|m| m == super::OnMissing::Supplement);
                if asks {
                    self.problem(
                        "/supplement".into(),
                        "a rule asks for a supplement but the pack gives no period",
                    );
                }
            }
        }
    }
}
