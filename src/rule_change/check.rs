//! The rule-change check (Order 116 Art. 10–15, E-Commerce Law Art. 34, S001 五): one finding
//! per requirement not met, each with its clause, and a warning per fact not given.

use chrono::{Days, Months, NaiveDate};

use super::codes;
use super::input::RuleChange;
use super::policy::{NoticeCounting, RuleChangePolicy, Trigger};
use crate::calendar::civil::add_years;
use crate::deadline::codes::finding;
use crate::error::EngineError;
use crate::finding::{Bilingual, Finding, Locale, Severity};
use crate::pack::Pack;

/// Checks a rule change against the pack's rule-change policy. Errors first; messages in
/// `locale`.
pub fn check(
    pack: &Pack,
    change: &RuleChange,
    locale: Locale,
) -> Result<Vec<Finding>, EngineError> {
    let policy = &crate::deadline::policy_of(pack)?.rule_change;
    let day = change.published_at.map(|t| t.date_naive());
    let mut c = Checker { pack, locale, policy, change, day, findings: Vec::new() };
    c.notice();
    c.consultation();
    c.transition();
    c.history();
    c.exit();
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity);
    Ok(findings)
}

struct Checker<'a> {
    pack: &'a Pack,
    locale: Locale,
    policy: &'a RuleChangePolicy,
    change: &'a RuleChange,
    /// The publication day: a requirement applies only when its clause is in force on it
    /// (令116号's from 2026-02-01; before that only 电子商务法 Art. 34).
    day: Option<NaiveDate>,
    findings: Vec<Finding>,
}

/// A date or number as a message argument.
fn arg(value: impl ToString) -> Bilingual {
    Bilingual::same(value.to_string())
}

impl Checker<'_> {
    /// Whether `clause` applies to this change (in force on its publication day, when known).
    fn applies(&self, clause: &str) -> bool {
        self.day.is_none_or(|day| self.pack.clause_in_force(clause, day))
    }

    fn error(&mut self, code: &str, path: &str, clause: &str, args: &[(&str, Bilingual)]) {
        if self.applies(clause) {
            self.findings.push(finding(
                (self.pack, self.locale),
                code,
                path,
                Severity::Error,
                clause,
                args,
            ));
        }
    }

    /// Reports a fact that was not given; returns it for chaining with `?`-like `let else`.
    fn known<T: Copy>(&mut self, value: Option<T>, path: &str, clause: &str) -> Option<T> {
        if value.is_none() && self.applies(clause) {
            let args = [("field", arg(path))];
            self.findings.push(finding(
                (self.pack, self.locale),
                codes::MISSING_INPUT,
                path,
                Severity::Warning,
                clause,
                &args,
            ));
        }
        value
    }

    /// Whether the longer notice applies; unknown flags are reported and count as not holding.
    fn major(&mut self) -> bool {
        let flags = &self.change.flags;
        let named = [
            ("/flags/huge_user_base", flags.huge_user_base),
            ("/flags/many_changes", flags.many_changes),
            ("/flags/important_rights", flags.important_rights),
        ];
        let decided = match self.policy.major_trigger {
            Trigger::Any => named.iter().any(|(_, f)| *f == Some(true)).then_some(true),
            Trigger::All => named.iter().any(|(_, f)| *f == Some(false)).then_some(false),
        };
        if let Some(major) = decided {
            return major;
        }
        let clause = self.policy.clauses.major_notice.clone();
        for (path, flag) in named {
            self.known(flag, path, &clause);
        }
        named.iter().all(|(_, f)| *f == Some(true))
    }

    /// Art. 12 / E-Commerce Law Art. 34: published at least 7 (or 15) days before taking effect.
    fn notice(&mut self) {
        // Before the longer notice's clause is in force (令116号, 2026-02-01), a major change
        // needs only the ordinary notice (电子商务法 Art. 34).
        let major = self.major() && self.applies(&self.policy.clauses.major_notice);
        let (days, clause) = if major {
            (self.policy.major_notice_days, self.policy.clauses.major_notice.clone())
        } else {
            (self.policy.notice_days, self.policy.clauses.notice.clone())
        };
        let published = self.known(self.change.published_at, "/published_at", &clause);
        let effective = self.known(self.change.effective_at, "/effective_at", &clause);
        let (Some(published), Some(effective)) = (published, effective) else { return };
        let extra = match self.policy.notice_counting {
            NoticeCounting::Civil => 1,
            NoticeCounting::DateDifference => 0,
        };
        let earliest = published.date_naive().checked_add_days(Days::new(u64::from(days) + extra));
        if earliest.is_none_or(|day| effective.date_naive() < day) {
            let args = [
                ("required", arg(days)),
                ("published", arg(published.date_naive())),
                ("effective", arg(effective.date_naive())),
                ("earliest", earliest.map(arg).unwrap_or_default()),
            ];
            self.error(codes::NOTICE_SHORT, "/effective_at", &clause, &args);
        }
    }

    /// Art. 10–11: consultation held; comments kept ≥ N years from its end, somewhere stated.
    /// Before 令116号 is in force, 电子商务法 Art. 34 (the notice clause) already asks for a
    /// public consultation; the retention of comments is 令116号's alone.
    fn consultation(&mut self) {
        let clauses = &self.policy.clauses;
        let held_clause = if self.applies(&clauses.consultation) {
            clauses.consultation.clone()
        } else {
            clauses.notice.clone()
        };
        let comments_clause = clauses.comments.clone();
        let consultation = self.change.consultation.clone().unwrap_or_default();
        match self.known(consultation.held, "/consultation/held", &held_clause) {
            Some(false) => {
                self.error(codes::NO_CONSULTATION, "/consultation/held", &held_clause, &[])
            }
            None => {}
            Some(true) => {
                self.known(
                    consultation.comments_kept_at.as_deref(),
                    "/consultation/comments_kept_at",
                    &comments_clause,
                );
                let ended =
                    self.known(consultation.ended_at, "/consultation/ended_at", &comments_clause);
                let until = self.known(
                    consultation.comments_kept_until,
                    "/consultation/comments_kept_until",
                    &comments_clause,
                );
                let (Some(ended), Some(until)) = (ended, until) else { return };
                let years = self.policy.comments_retention_years;
                let required = add_years(ended.date_naive(), years);
                if required.is_none_or(|r| until < r) {
                    let args = [
                        ("years", arg(years)),
                        ("required", required.map(arg).unwrap_or_default()),
                    ];
                    self.error(
                        codes::COMMENTS_RETENTION_SHORT,
                        "/consultation/comments_kept_until",
                        &comments_clause,
                        &args,
                    );
                }
            }
        }
    }

    /// Art. 13: a reasonable transition period where the impact is major.
    fn transition(&mut self) {
        let clause = self.policy.clauses.transition.clone();
        if self.known(self.change.major_impact, "/major_impact", &clause) != Some(true) {
            return;
        }
        let min = self.policy.min_transition_days;
        if self.change.transition_days.is_none_or(|d| d < min) {
            self.error(codes::NO_TRANSITION, "/transition_days", &clause, &[("min", arg(min))]);
        }
    }

    /// Art. 15: every version of the N years before the new one takes effect, downloadable.
    fn history(&mut self) {
        let clause = self.policy.clauses.history.clone();
        let history = self.change.history.clone();
        if self.known(history.downloadable, "/history/downloadable", &clause) == Some(false) {
            self.error(codes::HISTORY_NOT_DOWNLOADABLE, "/history/downloadable", &clause, &[]);
        }
        let kept_from = self.known(history.kept_from, "/history/kept_from", &clause);
        let (Some(kept_from), Some(effective)) = (kept_from, self.change.effective_at) else {
            return;
        };
        let years = self.policy.history_years;
        let required = years_before(effective.date_naive(), years);
        if required.is_none_or(|r| kept_from > r) {
            let args = [("years", arg(years)), ("required", required.map(arg).unwrap_or_default())];
            self.error(codes::HISTORY_SHORT, "/history/kept_from", &clause, &args);
        }
    }

    /// Art. 14: leaving not blocked; fees refunded under the old rules.
    fn exit(&mut self) {
        let clauses = &self.policy.clauses;
        let (exit_clause, refund_clause) = (clauses.exit.clone(), clauses.refund.clone());
        let exit = self.change.exit.clone();
        if self.known(exit.unreasonable_conditions, "/exit/unreasonable_conditions", &exit_clause)
            == Some(true)
        {
            self.error(codes::EXIT_BLOCKED, "/exit/unreasonable_conditions", &exit_clause, &[]);
        }
        if self.known(exit.refund_under_old_rules, "/exit/refund_under_old_rules", &refund_clause)
            == Some(false)
        {
            self.error(codes::NO_REFUND, "/exit/refund_under_old_rules", &refund_clause, &[]);
        }
    }
}

/// The corresponding day `n` years before `day` (the month's last day when there is none).
fn years_before(day: NaiveDate, n: u32) -> Option<NaiveDate> {
    day.checked_sub_months(Months::new(n.checked_mul(12)?))
}
