//! The preview summary: a compact, deterministic digest of a preview.

use serde::{Deserialize, Serialize};

use super::notes::{PreviewFinding, Severity};
use crate::classify::{Classification, Level};
use crate::validate::{PackRef, Status};

/// A compact, deterministic digest of a preview that a backend can recompute natively (by
/// running `Engine::preview` on the same case and options) and compare with the one a client
/// sent, to detect a tampered envelope: the status, the pack applied (id and version), the
/// effective category id and severity level (after overrides), and the sorted, de-duplicated
/// codes of every error or warning finding. Info findings (route, rights, burden notes) are
/// left out; the same inputs always give an equal summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewSummary {
    /// Ready or blocked.
    pub status: Status,
    /// The pack version applied.
    pub pack: PackRef,
    /// The effective category id (the override when one is set).
    pub category: String,
    /// The effective severity level (the override when one is set).
    pub severity: Level,
    /// Codes of the error and warning findings, sorted and unique.
    pub codes: Vec<String>,
}

impl PreviewSummary {
    /// The summary of a preview's parts.
    pub fn of(
        status: Status,
        pack: &PackRef,
        classification: &Classification,
        findings: &[PreviewFinding],
    ) -> PreviewSummary {
        let mut codes: Vec<String> = findings
            .iter()
            .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
            .map(|f| f.code.clone())
            .collect();
        codes.sort();
        codes.dedup();
        PreviewSummary {
            status,
            pack: pack.clone(),
            category: classification.category.id.clone(),
            severity: classification.severity.level,
            codes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{parse_time, Engine, Options};

    #[test]
    fn summary_is_sorted_unique_errors_and_warnings_and_deterministic() {
        let engine = Engine::new().unwrap();
        let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
        let case = serde_json::json!({"facts": "收到的电视机屏幕有裂痕", "request": {"type": "refund", "amount": "999"}});
        let p = engine.preview(case.clone(), &Options::at(now)).unwrap();
        let s = &p.summary;
        assert_eq!(s.status, p.status);
        assert_eq!(s.pack, p.pack);
        assert_eq!(s.category, p.classification.category.id);
        assert_eq!(s.severity, p.classification.severity.level);
        let mut expected: Vec<String> = p
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| f.code.clone())
            .collect();
        expected.sort();
        expected.dedup();
        assert_eq!(s.codes, expected);
        assert!(s.codes.windows(2).all(|w| w[0] < w[1]));
        let again = engine.preview(case, &Options::at(now)).unwrap();
        assert_eq!(again.summary, p.summary);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["summary"], serde_json::to_value(s).unwrap());
        assert!(json["summary"]["pack"]["version"].is_string());
    }

    #[test]
    fn duplicate_codes_collapse_and_info_is_left_out() {
        let finding = |code: &str, severity| PreviewFinding {
            code: code.into(),
            severity,
            audience: crate::finding::Audience::Complainant,
            path: String::new(),
            message: Default::default(),
            clause: super::super::notes::ClauseRef {
                id: String::new(),
                source: String::new(),
                article: String::new(),
                title: Default::default(),
                text: String::new(),
            },
        };
        let engine = Engine::new().unwrap();
        let now = parse_time("now", "2026-11-23T10:00:00+08:00").unwrap();
        let p = engine
            .preview(serde_json::json!({"facts": "商品质量问题"}), &Options::at(now))
            .unwrap();
        let findings = vec![
            finding("b", Severity::Warning),
            finding("a", Severity::Error),
            finding("b", Severity::Error),
            finding("c", Severity::Info),
        ];
        let s = PreviewSummary::of(Status::Blocked, &p.pack, &p.classification, &findings);
        assert_eq!(s.codes, vec!["a".to_string(), "b".to_string()]);
    }
}
