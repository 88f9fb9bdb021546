//! Findings: what every check returns — a stable code, where, how bad, a bilingual message and
//! the clause that backs it.

use serde::{Deserialize, Serialize};

/// A text in both languages the engine speaks.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// Simplified Chinese (zh-CN), the default display language.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// Replaces every `{name}` placeholder in both languages with the matching argument, where an
    /// argument is itself bilingual (so a field label is shown in the message's own language).
    pub fn fill(&self, args: &[(&str, &Bilingual)]) -> Bilingual {
        Bilingual {
            zh: fill_one(&self.zh, args, |b| &b.zh),
            en: fill_one(&self.en, args, |b| &b.en),
        }
    }

    /// The same text in both languages (numbers, identifiers).
    pub fn same(text: impl Into<String>) -> Bilingual {
        let text = text.into();
        Bilingual { zh: text.clone(), en: text }
    }
}

/// Fills `{name}` placeholders of one template in one pass (no `str::replace` per argument, which
/// dominated message building); a placeholder without an argument is kept as written. `pick`
/// chooses the argument's language.
pub fn fill_one(
    template: &str,
    args: &[(&str, &Bilingual)],
    pick: impl Fn(&Bilingual) -> &str,
) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let name_and_more = from_open.get(1..).unwrap_or_default();
        let arg = name_and_more
            .find('}')
            .and_then(|close| name_and_more.get(..close).map(|name| (close, name)))
            .and_then(|(close, name)| {
                args.iter().find(|(k, _)| *k == name).map(|(_, v)| (close, *v))
            });
        match arg {
            Some((close, value)) => {
                out.push_str(pick(value));
                rest = name_and_more.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = name_and_more;
            }
        }
    }
    out.push_str(rest);
    out
}

/// How serious a finding is: an `error` blocks submission, a `warning` does not.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the case.
    Error,
    /// Shown, but the case may still be submitted.
    Warning,
}

/// Whom a finding binds: the complainant (who submits) or the handler (the platform or member
/// company that acknowledges, accepts, investigates, decides, …). Only complainant-side errors
/// may keep a complainant from submitting.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The person complaining (or their agent): their own form, materials and rights.
    #[default]
    Complainant,
    /// The platform or member company handling the complaint: its duties and time limits.
    Handler,
}

/// One problem or observation about a case, citing the clause it comes from.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable machine code, e.g. `field.required` or `id_number.checksum`.
    pub code: String,
    /// JSON pointer (RFC 6901) of the field the finding belongs to; empty for the whole case.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// Message in zh-CN and en, naming the field.
    pub message: Bilingual,
    /// Id of the clause in the pack's clause catalogue that backs this finding.
    pub clause: String,
    /// Whom the finding binds.
    #[serde(default)]
    pub audience: Audience,
}

impl Finding {
    /// Whether the finding keeps the complainant from submitting: a complainant-side error.
    /// Handler-side findings (the platform's lateness, its procedure) never block a submission.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error && self.audience == Audience::Complainant
    }
}
