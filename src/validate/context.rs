//! What every check reads (the pack, the case, `now`) and how it reports a finding.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;

use crate::case::fields::Field;
use crate::case::pointer::lookup;
use crate::case::Case;
use crate::finding::{Bilingual, Finding, Locale, MessageArgs, Severity};
use crate::pack::{Condition, Pack};

/// The state of one validation run.
pub struct Context<'a> {
    /// The pack in force.
    pub pack: &'a Pack,
    /// The normalised case without values of the wrong shape.
    pub clean: &'a Value,
    /// The typed case.
    pub case: &'a Case,
    /// Evaluation time, in UTC+08:00.
    pub now: DateTime<FixedOffset>,
    /// The language(s) of the findings' messages.
    pub locale: Locale,
    /// The problems the shape check found (a field reported there is not also called missing).
    pub shape: &'a [Finding],
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// Items the complainant is asked to supplement later, so far.
    pub gaps: Vec<Gap>,
    /// The day whose law applies, read once per run (every finding asks for it).
    day: NaiveDate,
    /// Whether `case` was read from `clean` (else it is empty and fields are read from `clean`).
    typed: bool,
    /// An earlier run's findings still to be matched ([`reusing`](Self::reusing)).
    earlier: Option<Vec<Finding>>,
    /// With `earlier`: the positions in `findings` of the findings made afresh.
    fresh: Vec<usize>,
}

/// An item the complainant may add after submitting (a rule with `on_missing: supplement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Pointer of the missing field (`/evidence` for materials).
    pub path: String,
    /// What to add, in both languages.
    pub item: Bilingual,
    /// Clause id of the rule.
    pub clause: String,
}

/// The day whose law applies to `case` (UTC+08:00): its submission, else `now`.
pub fn case_day(case: &Case, now: DateTime<FixedOffset>) -> NaiveDate {
    crate::engine::day_of(case.submitted_at.as_deref(), now)
}

impl<'a> Context<'a> {
    /// Starts a run at `now` on `day` (the case's, [`case_day`]) with messages in `locale`.
    pub fn new(
        pack: &'a Pack,
        clean: &'a Value,
        case: &'a Case,
        (now, day, locale): (DateTime<FixedOffset>, NaiveDate, Locale),
        shape: &'a [Finding],
    ) -> Self {
        let (findings, gaps) = (Vec::new(), Vec::new());
        // A case that does not fit the model is reported at "" and read as an empty one.
        let typed = !shape.iter().any(|f| f.path.is_empty());
        let (earlier, fresh) = (None, Vec::new());
        Context {
            pack,
            clean,
            case,
            now,
            locale,
            shape,
            findings,
            gaps,
            day,
            typed,
            earlier,
            fresh,
        }
    }

    /// The day whose law applies (UTC+08:00): the case's submission, else `now`.
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// Reports an absent item: an error when the rule blocks, else a warning and a gap to
    /// supplement. Nothing when the rule's clause is not in force on the case's day.
    pub fn missing(
        &mut self,
        on_missing: crate::pack::OnMissing,
        report: (&str, &str, &str),
        clause: &str,
        item: Bilingual,
        args: &[(&str, Bilingual)],
    ) {
        let (code, message_key, path) = report;
        if !self.pack.clause_in_force(clause, self.day()) {
            return;
        }
        self.report_as(code, message_key, path, on_missing.severity(), clause, args);
        if on_missing == crate::pack::OnMissing::Supplement {
            self.gaps.push(Gap { path: path.to_string(), item, clause: clause.to_string() });
        }
    }

    /// Reports a finding; `{field}` in the message is the label of `path`, other placeholders
    /// come from `args`.
    pub fn report(
        &mut self,
        code: &str,
        path: &str,
        severity: Severity,
        clause: &str,
        args: &[(&str, Bilingual)],
    ) {
        self.report_as(code, code, path, severity, clause, args);
    }

    /// As [`report`](Self::report), with the message taken from `message_key` instead of `code`.
    pub fn report_as(
        &mut self,
        code: &str,
        message_key: &str,
        path: &str,
        severity: Severity,
        clause: &str,
        args: &[(&str, Bilingual)],
    ) {
        if !self.pack.clause_in_force(clause, self.day()) {
            return;
        }
        if let Some(earlier) = &mut self.earlier {
            let made = (code, message_key);
            let same =
                earlier.iter().position(|f| f.made_from(made, (path, severity, clause), args));
            if let Some(finding) = same.map(|i| earlier.swap_remove(i)) {
                self.findings.push(finding);
                return;
            }
            self.fresh.push(self.findings.len());
        }
        let field = self.pack.field_label(path);
        let mut all: Vec<(&str, &Bilingual)> = vec![("field", &field)];
        all.extend(args.iter().map(|(k, v)| (*k, v)));
        let message = self.pack.fill_message(message_key, &all, self.locale);
        self.findings.push(Finding {
            code: code.to_string(),
            path: path.to_string(),
            severity,
            message,
            clause: clause.to_string(),
            audience: crate::finding::Audience::Complainant,
            args: MessageArgs::new(code, message_key, args),
        });
    }

    /// Lets this run reuse the findings an earlier run of the same rule made (a session's
    /// keystroke): a finding reported again with the same code, path, clause and arguments is
    /// taken from `earlier` as it is, without formatting its message again.
    pub fn reusing(mut self, earlier: Vec<Finding>) -> Self {
        self.earlier = Some(earlier);
        self
    }

    /// After a run [`reusing`](Self::reusing) earlier findings: the earlier findings not made
    /// again (gone) and the findings made afresh (new or changed), in the order reported.
    pub fn changed(&self) -> (&[Finding], Vec<&Finding>) {
        let gone = self.earlier.as_deref().unwrap_or_default();
        (gone, self.fresh.iter().filter_map(|&i| self.findings.get(i)).collect())
    }

    /// Reports an error.
    pub fn error(&mut self, code: &str, path: &str, clause: &str, args: &[(&str, Bilingual)]) {
        self.report(code, path, Severity::Error, clause, args);
    }

    /// The field at `pointer` in the typed case, when it is a text or yes/no field there.
    fn typed_field(&self, pointer: &str) -> Field<'a> {
        if self.typed {
            self.case.field(pointer)
        } else {
            Field::Elsewhere
        }
    }

    /// The string at `pointer`, if present and non-empty.
    pub fn text(&self, pointer: &str) -> Option<&'a str> {
        let text = match self.typed_field(pointer) {
            Field::Text(text) => text,
            Field::Flag(_) => None,
            Field::Elsewhere => lookup(self.clean, pointer).and_then(Value::as_str),
        };
        text.filter(|s| !s.is_empty())
    }

    /// The yes/no value at `pointer`, if present.
    pub fn flag(&self, pointer: &str) -> Option<bool> {
        match self.typed_field(pointer) {
            Field::Flag(flag) => flag,
            Field::Text(_) => None,
            Field::Elsewhere => lookup(self.clean, pointer).and_then(Value::as_bool),
        }
    }

    /// True if the field at `pointer` holds something (a non-empty string, a boolean, a number,
    /// a non-empty array or object).
    pub fn present(&self, pointer: &str) -> bool {
        match self.typed_field(pointer) {
            Field::Text(text) => text.is_some_and(filled),
            Field::Flag(flag) => flag.is_some(),
            Field::Elsewhere => match lookup(self.clean, pointer) {
                None | Some(Value::Null) => false,
                Some(Value::String(s)) => filled(s),
                Some(Value::Array(a)) => !a.is_empty(),
                Some(Value::Object(o)) => !o.is_empty(),
                Some(_) => true,
            },
        }
    }

    /// The fields [`applies`](Self::applies) reads.
    pub const CONDITION_READS: [&'static str; 2] = ["/complainant/kind", "/agent"];

    /// Whether a rule's condition holds for this case.
    pub fn applies(&self, when: &Condition) -> bool {
        let kind = self.case.complainant.as_ref().and_then(|c| c.kind);
        let kind_ok = when.complainant_kind.is_none_or(|k| kind == Some(k));
        let agent_ok = when.has_agent.is_none_or(|a| a == self.present("/agent"));
        kind_ok && agent_ok
    }

    /// Pointers matching `pattern`, expanding `*` over the indices of arrays in the case (the
    /// pattern itself, borrowed and without allocating, when it has no `*`).
    pub fn expand<'p>(&self, pattern: &'p str) -> Expanded<'p> {
        if !pattern.as_bytes().contains(&b'*') {
            return Expanded::One(Some(pattern));
        }
        let mut out = Vec::new();
        self.expand_into(pattern, &mut out);
        Expanded::Many(out.into_iter())
    }

    /// Appends the pointers `pattern` matches to `out`: each pointer is written once, at its
    /// first `*` segment, not segment by segment.
    fn expand_into(&self, pattern: &str, out: &mut Vec<String>) {
        let Some((prefix, rest)) = first_star(pattern) else {
            out.push(pattern.to_string());
            return;
        };
        let len = if self.typed && prefix == "/evidence" {
            self.case.evidence.len()
        } else {
            lookup(self.clean, prefix).and_then(Value::as_array).map_or(0, Vec::len)
        };
        for i in 0..len {
            let pointer = format!("{prefix}/{i}{rest}");
            if first_star(rest).is_some() {
                self.expand_into(&pointer, out);
            } else {
                out.push(pointer);
            }
        }
    }
}

/// A pattern split at its first `*` segment: the pointer before it and what follows it (empty
/// or starting with `/`); `None` without a `*` segment.
fn first_star(pattern: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some(at) = pattern.get(from..).and_then(|p| p.find("/*")).map(|at| at + from) {
        let (prefix, star) = pattern.split_at(at);
        let rest = star.get(2..).unwrap_or_default();
        if rest.is_empty() || rest.starts_with('/') {
            return Some((prefix, rest));
        }
        from = at + 2;
    }
    None
}

/// The pointers a rule's pattern matches in a case ([`Context::expand`]).
pub enum Expanded<'p> {
    /// A pattern without `*`: itself (until taken).
    One(Option<&'p str>),
    /// The pointers a pattern with `*` expanded to.
    Many(std::vec::IntoIter<String>),
}

impl<'p> Iterator for Expanded<'p> {
    type Item = Cow<'p, str>;

    fn next(&mut self) -> Option<Cow<'p, str>> {
        match self {
            Expanded::One(pattern) => pattern.take().map(Cow::Borrowed),
            Expanded::Many(pointers) => pointers.next().map(Cow::Owned),
        }
    }
}

/// Whether text holds more than spaces and invisible marks (zero-width, bidi controls): text made
/// only of those is missing.
fn filled(text: &str) -> bool {
    !text.chars().all(|c| c.is_whitespace() || crate::text::is_invisible(c))
}

/// A number as a bilingual argument.
pub fn num(n: impl ToString) -> Bilingual {
    Bilingual::same(n.to_string())
}

#[cfg(test)]
mod tests {
    use super::first_star;

    #[test]
    fn a_star_is_a_whole_segment() {
        assert_eq!(first_star("/evidence/*/name"), Some(("/evidence", "/name")));
        assert_eq!(first_star("/evidence/*"), Some(("/evidence", "")));
        assert_eq!(first_star("/a/*b/*/c"), Some(("/a/*b", "/c")));
        assert_eq!(first_star("/a/*/b/*"), Some(("/a", "/b/*")));
        assert_eq!(first_star("/a/b*"), None);
        assert_eq!(first_star("/a/*b"), None);
    }
}
