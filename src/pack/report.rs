//! What `pack check` tells an author: every problem of a pack with its JSON pointer, the part
//! file it comes from (for a pack assembled from a manifest) and a message in zh-CN and en.

use serde::Serialize;

use super::load::all_problems;
use super::parts::{assemble, Assembled};
use crate::error::PackProblem;
use crate::finding::Bilingual;

/// One problem, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON pointer inside the assembled pack document.
    pub path: String,
    /// The part file the pointer lies in, when the pack was assembled from parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// What is wrong, in both languages.
    pub message: Bilingual,
}

/// The result of checking one pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The pack id, when the document has one.
    pub id: Option<String>,
    /// The version label, when the document has one.
    pub version: Option<String>,
    /// Every problem found; empty when the pack is valid.
    pub problems: Vec<Problem>,
}

impl Report {
    /// True when the pack loads.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a pack document.
pub fn check_document(json: &str) -> Report {
    report(json, None, None)
}

/// Checks the pack assembled from `(name, text)` parts; `id` is the manifest's id, which the
/// pack's own must equal.
pub fn check_parts(id: &str, parts: &[(String, String)]) -> Report {
    match assemble(parts.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(assembled) => {
            let json = serde_json::Value::Object(assembled.document.clone()).to_string();
            report(&json, Some(&assembled), Some(id))
        }
        Err(crate::error::EngineError::Pack { problems }) => Report {
            id: Some(id.to_string()),
            version: None,
            problems: problems
                .into_iter()
                .map(|p| Problem {
                    path: String::new(),
                    part: Some(p.path.clone()),
                    message: explain(&PackProblem { path: String::new(), detail: p.detail }),
                })
                .collect(),
        },
        Err(e) => Report {
            id: Some(id.to_string()),
            version: None,
            problems: vec![Problem {
                path: String::new(),
                part: None,
                message: Bilingual::same(e.to_string()),
            }],
        },
    }
}

fn report(json: &str, assembled: Option<&Assembled>, manifest_id: Option<&str>) -> Report {
    let (pack, mut problems) = all_problems(json);
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let text_at = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let id = text_at("id");
    if let (Some(want), Some(got)) = (manifest_id, id.as_deref()) {
        if want != got {
            problems.push(PackProblem {
                path: "/id".into(),
                detail: format!("the manifest names pack {want:?} but the pack's id is {got:?}"),
            });
        }
    }
    let version = pack.map(|p| p.version).or_else(|| text_at("version"));
    let problems = problems
        .iter()
        .map(|p| Problem {
            path: p.path.clone(),
            part: assembled.and_then(|a| a.origin_of(&p.path)).map(str::to_string),
            message: explain(p),
        })
        .collect();
    Report { id, version, problems }
}

/// The problem in both languages: the English detail as the loader wrote it, and its Chinese
/// rendering for the kinds of problem authors meet most (other details are shown in English
/// after a Chinese lead-in).
pub fn explain(problem: &PackProblem) -> Bilingual {
    let d = problem.detail.as_str();
    let between = |open: &str, close: &str| {
        d.split_once(open).and_then(|(_, rest)| rest.split_once(close)).map(|(x, _)| x.to_string())
    };
    // The `{name}` a placeholder problem is about ("unknown placeholder {feild}: …").
    let placeholder = d.split_whitespace().nth(2).unwrap_or_default().trim_end_matches(':');
    let zh = if d.starts_with("unknown field") {
        format!(
            "未知字段 {}（拼写错误？本格式不允许多余的键）",
            between("`", "`").unwrap_or_default()
        )
    } else if d.starts_with("missing field") {
        format!("缺少必填字段 {}", between("`", "`").unwrap_or_default())
    } else if d.starts_with("invalid type") || d.starts_with("invalid value") {
        format!("值的类型或取值不对：{d}")
    } else if d.starts_with("unknown variant") {
        format!("取值 {} 不在允许的取值中：{d}", between("`", "`").unwrap_or_default())
    } else if d.starts_with("unknown placeholder") {
        format!("未知占位符 {placeholder}：引擎不会填入它，会原样显示给用户（{d}）")
    } else if d.starts_with("missing placeholder") {
        format!("缺少必需的占位符 {placeholder}（{d}）")
    } else if d.starts_with("source ") && d.contains("source_catalogue") {
        format!(
            "来源 {} 不在来源目录 source_catalogue 中（请添加该来源或其 cited_as 写法）",
            between("\"", "\"").unwrap_or_default()
        )
    } else if d.starts_with("unknown clause id") {
        format!("条款编号 {} 不在条款目录 clauses 中", between("\"", "\"").unwrap_or_default())
    } else if d.ends_with("is not a field of the case") {
        format!(
            "{} 不是案件的字段（见 pkg/case.schema.json）",
            between("\"", "\"").unwrap_or_default()
        )
    } else if d.ends_with("is not in the taxonomy") {
        format!(
            "类别 {} 不在 taxonomy.categories 中（先在分类表中添加）",
            between("\"", "\"").unwrap_or_default()
        )
    } else if d.starts_with("no message") {
        format!("缺少消息文本 {}", between("\"", "\"").unwrap_or_default())
    } else if d.starts_with("a law or regulation needs") {
        "法律或规章须写明通过（公布）日期 adopted 与施行日期 in_force_from".to_string()
    } else if d.starts_with("a clause citing") && d.contains("in_force_from") {
        format!(
            "引用 {} 的条款须写明 valid_from，且不早于其施行日期（{d}）",
            between("\"", "\"").unwrap_or_default()
        )
    } else if d.starts_with("a clause citing") && d.contains("in_force_until") {
        format!(
            "引用 {} 的条款须写明 valid_until，且不晚于其失效日期（{d}）",
            between("\"", "\"").unwrap_or_default()
        )
    } else if d.starts_with("the manifest names pack") {
        format!("清单 manifest.json 的 id 与规则包的 id 不一致：{d}")
    } else {
        format!("规则包问题：{d}")
    };
    Bilingual { zh, en: d.to_string() }
}
