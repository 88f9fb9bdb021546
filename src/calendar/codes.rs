//! The calendar's finding code.

/// Finding code: a computation used a year without holiday data (Mon–Fri fallback).
pub const YEAR_MISSING: &str = "calendar.year_missing";
