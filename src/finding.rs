//! Findings: what every check returns — a stable code, where, how bad, a bilingual message and
//! the clause that backs it.

use serde::{Deserialize, Serialize};

/// A text in both languages the engine speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
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
        let mut zh = self.zh.clone();
        let mut en = self.en.clone();
        for (name, value) in args {
            let key = format!("{{{name}}}");
            zh = zh.replace(&key, &value.zh);
            en = en.replace(&key, &value.en);
        }
        Bilingual { zh, en }
    }

    /// The same text in both languages (numbers, identifiers).
    pub fn same(text: impl Into<String>) -> Bilingual {
        let text = text.into();
        Bilingual { zh: text.clone(), en: text }
    }
}

/// How serious a finding is: an `error` blocks submission, a `warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the case.
    Error,
    /// Shown, but the case may still be submitted.
    Warning,
}

/// One problem or observation about a case, citing the clause it comes from.
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
}
