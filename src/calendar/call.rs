//! The engine's calendar calls — deadlines of a case, a due date, the working-day helpers and the
//! check of a platform-rule change — taking the engine's [`Options`] (`now`, `pack`, `holidays`,
//! `locale`), so the CLI, the server and the wasm binding ask the engine instead of each
//! assembling the pack in force and its calendar.

use std::sync::Arc;

use super::{holidays, Calendar};
use crate::deadline::query::{self, DueAnswer, DueQuery};
use crate::deadline::{CaseTimes, Timeline};
use crate::engine::{Engine, Options};
use crate::error::{EngineError, PackProblem};
use crate::finding::Finding;
use crate::pack::Pack;
use crate::rule_change::RuleChange;

impl Engine {
    /// The pack in force at `opts.now` and its calendar: the embedded years, the pack's, then the
    /// caller's (each checked; every problem is reported at `/holidays/<i>`).
    pub fn calendar(&self, opts: &Options) -> Result<(Arc<Pack>, Calendar), EngineError> {
        let pack = self.pack(opts.pack.as_deref(), opts.now()?.date_naive())?;
        let problems: Vec<PackProblem> = opts
            .holidays
            .iter()
            .enumerate()
            .flat_map(|(i, y)| holidays::problems(y, &format!("/holidays/{i}")))
            .collect();
        if !problems.is_empty() {
            return Err(EngineError::Pack { problems });
        }
        let mut cal = Calendar::for_pack(&pack)?;
        opts.holidays.iter().cloned().for_each(|y| cal.add_year(y));
        Ok((pack, cal))
    }

    /// The timeline of a case's event times, with findings for every limit missed or at risk.
    pub fn deadlines(&self, times: &CaseTimes, opts: &Options) -> Result<Timeline, EngineError> {
        let (pack, cal) = self.calendar(opts)?;
        crate::deadline::timeline(&pack, &cal, times, (opts.now()?, opts.locale))
    }

    /// A due date: `working_days` working days or `days` calendar days after `from`.
    pub fn due(&self, q: &DueQuery, opts: &Options) -> Result<DueAnswer, EngineError> {
        let (pack, cal) = self.calendar(opts)?;
        query::answer(&pack, &cal, q, opts.locale)
    }

    /// The findings of a platform-rule change under the pack in force.
    pub fn rule_change(
        &self,
        change: &RuleChange,
        opts: &Options,
    ) -> Result<Vec<Finding>, EngineError> {
        let pack = self.pack(opts.pack.as_deref(), opts.now()?.date_naive())?;
        crate::rule_change::check(&pack, change, opts.locale)
    }
}
