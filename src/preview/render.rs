//! The ready-to-show rendering: sections with a heading and plain text lines in one language —
//! no markup, so a web page or a mini-program shows it safely. Labels are pack messages.

use serde::{Deserialize, Serialize};

use super::checklist::ItemStatus;
use super::notes::{ClauseRef, Severity};
use super::policy::Need;
use super::{Locale, Preview};
use crate::classify::{Level, SetBy};
use crate::finding::Bilingual;
use crate::pack::Pack;
use crate::validate::Status;

/// The rendering of a preview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Render {
    /// Its language: zh-CN or en (zh-CN when the call asked for both).
    pub locale: Locale,
    /// Title line.
    pub title: String,
    /// Sections, in display order; empty sections are left out.
    pub sections: Vec<Section>,
}

/// One section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id (`status`, `problems`, `supplements`, `classification`, `checklist`,
    /// `timeline`, `route`, `notes`, `rights`).
    pub id: String,
    /// Heading.
    pub heading: String,
    /// Lines of plain text.
    pub lines: Vec<String>,
}

impl Render {
    /// The rendering as plain text, one heading and its lines per block (for snapshots, logs and
    /// terminals).
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for s in &self.sections {
            out.push_str(&format!("\n【{}】\n", s.heading));
            for line in &s.lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }
}

struct Labels<'a> {
    pack: &'a Pack,
    locale: Locale,
}

impl Labels<'_> {
    fn text(&self, key: &str, args: &[(&str, &Bilingual)]) -> String {
        self.pack.fill_message_in(key, args, |b| self.locale.pick(b))
    }

    /// `text` followed by the clause it rests on.
    fn cited(&self, text: &Bilingual, clause: &ClauseRef) -> String {
        let source = Bilingual::same(format!("{} {}", clause.source, clause.article));
        self.text("render.cite", &[("text", text), ("title", &clause.title), ("source", &source)])
    }

    fn section(&self, id: &str, lines: Vec<String>) -> Option<Section> {
        (!lines.is_empty()).then(|| Section {
            id: id.to_string(),
            heading: self.text(&format!("render.section.{id}"), &[]),
            lines,
        })
    }
}

/// Renders `p` in `locale` (zh-CN for both) with the labels of `pack`.
pub(crate) fn render(pack: &Pack, locale: Locale, p: &Preview) -> Render {
    let locale = locale.rendering();
    let l = Labels { pack, locale };
    let status = match p.status {
        Status::Ready => "render.status.ready",
        Status::Blocked => "render.status.blocked",
    };
    let problems = p
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| l.cited(&f.message, &f.clause))
        .collect();
    let notes = p
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info && !f.code.starts_with("route."))
        .map(|f| l.cited(&f.message, &f.clause))
        .collect();
    let checklist = p
        .checklist
        .iter()
        .map(|i| {
            let status = match i.status {
                ItemStatus::Satisfied => "render.item.satisfied",
                ItemStatus::Missing => "render.item.missing",
            };
            let need = match i.need {
                Need::Required => "render.need.required",
                Need::Recommended => "render.need.recommended",
            };
            let line = Bilingual {
                zh: format!("{}（{}）：{}", i.name.zh, pack.message(need).zh, i.reason.zh),
                en: format!("{} ({}): {}", i.name.en, pack.message(need).en, i.reason.en),
            };
            format!("{} {}", l.text(status, &[]), l.cited(&line, &i.clause))
        })
        .collect();
    let timeline = p
        .timeline
        .iter()
        .filter_map(|e| {
            e.due_date.map(|d| {
                l.text(
                    "render.due",
                    &[("name", &e.name), ("date", &Bilingual::same(d.to_string()))],
                )
            })
        })
        .collect();
    let supplements = p
        .supplements
        .iter()
        .map(|s| {
            // `due_at` is 00:00 of the next day: shown as 24:00 of the last day (Civil Code
            // Art. 203).
            let last_day = s.due_at.checked_sub_signed(chrono::Duration::seconds(1));
            let day = last_day.unwrap_or(s.due_at).date_naive();
            let due = Bilingual::same(format!("{day} 24:00"));
            let line =
                pack.fill_message("render.supplement", &[("item", &s.item), ("due", &due)], locale);
            l.cited(&line, &super::notes::ClauseRef::of(pack, &s.clause))
        })
        .collect();
    let route = p.route.applied.iter().map(|r| l.cited(&r.message, &r.clause)).collect();
    let rights = p.rights.iter().map(|r| l.cited(&r.text, &r.clause)).collect();
    let sections = [
        l.section("status", vec![l.text(status, &[])]),
        l.section("problems", problems),
        l.section("supplements", supplements),
        l.section("classification", classification(&l, pack, p)),
        l.section("checklist", checklist),
        l.section("timeline", timeline),
        l.section("route", route),
        l.section("notes", notes),
        l.section("rights", rights),
    ];
    Render {
        locale,
        title: l.text("render.title", &[("pack", &pack.title)]),
        sections: sections.into_iter().flatten().collect(),
    }
}

fn classification(l: &Labels, pack: &Pack, p: &Preview) -> Vec<String> {
    let c = &p.classification;
    let name = |id: &str| {
        pack.taxonomy
            .categories
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| Bilingual::same(id), |e| e.name.clone())
    };
    let level = match c.severity.level {
        Level::Major => "render.severity.major",
        Level::General => "render.severity.general",
    };
    let set_by = |by: Option<SetBy>| {
        by.map(|b| {
            let who = Bilingual::same(
                serde_json::to_value(b)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            );
            format!(" {}", l.text("render.set_by", &[("by", &who)]))
        })
        .unwrap_or_default()
    };
    vec![
        format!(
            "{}{}",
            l.text("render.category", &[("name", &name(&c.category.id))]),
            set_by(c.category.set_by)
        ),
        format!("{}{}", l.text(level, &[]), set_by(c.severity.set_by)),
    ]
}
