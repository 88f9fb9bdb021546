//! Findings: what every check returns — a stable code, where, how bad, a message in the locale
//! the call asked for (both languages unless told otherwise) and the clause that backs it.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::EngineError;

/// The language(s) a call's findings are written in: the `locale` option of every call that
/// returns findings. With one language, a finding's message carries only that language's text
/// (the other is never formatted: it is left empty and not serialised); `Both` (the default, and
/// what a call without the option gets) formats both. A rendering in one language (the preview's
/// `render`) uses zh-CN for `Both`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    /// Simplified Chinese only.
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English only.
    #[serde(rename = "en")]
    En,
    /// Both languages.
    #[default]
    #[serde(rename = "both")]
    Both,
}

impl Locale {
    /// The text of `b` in the language of a one-language rendering (zh-CN for `Both`).
    pub fn pick(self, b: &Bilingual) -> &str {
        match self {
            Locale::En => &b.en,
            Locale::ZhCn | Locale::Both => &b.zh,
        }
    }

    /// The language of a one-language rendering: zh-CN for `Both`.
    pub fn rendering(self) -> Locale {
        match self {
            Locale::En => Locale::En,
            Locale::ZhCn | Locale::Both => Locale::ZhCn,
        }
    }

    /// Whether messages are written in Chinese.
    pub fn zh(self) -> bool {
        self != Locale::En
    }

    /// Whether messages are written in English.
    pub fn en(self) -> bool {
        self != Locale::ZhCn
    }
}

impl std::str::FromStr for Locale {
    type Err = EngineError;

    /// `"zh-CN"`, `"en"` or `"both"`; anything else is the bilingual option error naming `locale`.
    fn from_str(text: &str) -> Result<Locale, EngineError> {
        match text {
            "zh-CN" => Ok(Locale::ZhCn),
            "en" => Ok(Locale::En),
            "both" => Ok(Locale::Both),
            _ => Err(EngineError::Option {
                name: "locale".into(),
                detail: format!("{text:?} is not \"zh-CN\", \"en\" or \"both\""),
            }),
        }
    }
}

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
    /// Replaces every `{name}` placeholder with the matching argument, where an argument is itself
    /// bilingual (so a field label is shown in the message's own language), writing only the
    /// language(s) of `locale`: a language not asked for is left empty (no string is built for it).
    pub fn fill(&self, args: &[(&str, &Bilingual)], locale: Locale) -> Bilingual {
        let one = |wanted: bool, template: &str, pick: fn(&Bilingual) -> &str| {
            if wanted {
                fill_one(template, args, pick)
            } else {
                String::new()
            }
        };
        Bilingual {
            zh: one(locale.zh(), &self.zh, |b| &b.zh),
            en: one(locale.en(), &self.en, |b| &b.en),
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
    // Byte scans: `{` and `}` are ASCII, so their byte positions are character boundaries (and
    // a byte loop beats `str::find`'s searcher set-up on templates this short).
    let find = |text: &str, byte: u8| text.bytes().position(|b| b == byte);
    while let Some(open) = find(rest, b'{') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let name_and_more = from_open.get(1..).unwrap_or_default();
        let arg = find(name_and_more, b'}')
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
    /// Message naming the field, in zh-CN and en, or in the one language the call asked for.
    #[serde(serialize_with = "message")]
    pub message: Bilingual,
    /// Id of the clause in the pack's clause catalogue that backs this finding.
    pub clause: String,
    /// Whom the finding binds.
    #[serde(default)]
    pub audience: Audience,
    /// What the message was made from: the pack message's key and its placeholders' values.
    /// Not serialised (the answer's shape is unchanged); two findings with the same code, path,
    /// severity, clause and arguments have the same message, so a session compares them before
    /// formatting anything ([`Finding::made_from`]).
    #[serde(skip)]
    pub args: MessageArgs,
}

/// The pack message a finding's message was filled from and the values of its placeholders
/// (the field's label aside: it follows from the finding's `path`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessageArgs {
    /// The message's key in the pack, when it is not the finding's code.
    pub key: Option<String>,
    /// The placeholders' values, by name, as the check gave them.
    pub values: Vec<(String, Bilingual)>,
}

impl MessageArgs {
    /// The record of a message filled from `key` (for a finding with code `code`) and `values`.
    pub fn new(code: &str, key: &str, values: &[(&str, Bilingual)]) -> MessageArgs {
        MessageArgs {
            key: (key != code).then(|| key.to_string()),
            values: values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }
}

impl Finding {
    /// Whether this finding is what a check reporting `code` (message `key`) at `path` with
    /// `severity`, `clause` and placeholder values `values` would make — decided without
    /// formatting a message.
    pub fn made_from(
        &self,
        (code, key): (&str, &str),
        (path, severity, clause): (&str, Severity, &str),
        values: &[(&str, Bilingual)],
    ) -> bool {
        self.code == code
            && self.path == path
            && self.severity == severity
            && self.clause == clause
            && self.args.key.as_deref().unwrap_or(&self.code) == key
            && self.args.values.len() == values.len()
            && self.args.values.iter().zip(values).all(|((k, v), (k2, v2))| k == k2 && v == v2)
    }

    /// Whether the finding keeps the complainant from submitting: a complainant-side error.
    /// Handler-side findings (the platform's lateness, its procedure) never block a submission.
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error && self.audience == Audience::Complainant
    }
}

/// Serialises a finding's message as `{"zh", "en"}`, leaving out a language that was not asked
/// for (empty while the other is not; see [`Locale`]). A message in both languages is written as
/// [`Bilingual`] is.
pub fn message<S: Serializer>(m: &Bilingual, s: S) -> Result<S::Ok, S::Error> {
    let zh = !m.zh.is_empty() || m.en.is_empty();
    let en = !m.en.is_empty() || m.zh.is_empty();
    let mut map = s.serialize_map(Some(usize::from(zh) + usize::from(en)))?;
    if zh {
        map.serialize_entry("zh", &m.zh)?;
    }
    if en {
        map.serialize_entry("en", &m.en)?;
    }
    map.end()
}
