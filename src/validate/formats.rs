//! Format and length rules: identity numbers, credit codes, phone, e-mail, money, times, text
//! lengths. Which field gets which check is pack data.

use chrono::DateTime;

use crate::finding::Bilingual;
use crate::ids::{resident_id, uscc};
use crate::money::{Fen, MoneyError};
use crate::pack::{Format, Pack};
use crate::text::char_len;
use crate::validate::codes;
use crate::validate::context::{num, Context};

/// Format rule `i`, on every field its path matches.
pub(super) fn format(ctx: &mut Context<'_>, i: usize) {
    let Some(rule) = ctx.pack.formats.get(i) else { return };
    for path in ctx.expand(&rule.path) {
        if let Some(value) = ctx.text(&path) {
            if let Some(code) = format_problem(rule.format, value, ctx) {
                ctx.error(code, &path, &rule.clause, &[]);
            }
        }
    }
}

/// What format rule `i` reads: its path.
pub(super) fn format_reads(pack: &Pack, i: usize) -> Vec<&str> {
    pack.formats.get(i).map(|r| r.path.as_str()).into_iter().collect()
}

/// Length rule `i`, on every field its path matches.
pub(super) fn length(ctx: &mut Context<'_>, i: usize) {
    let Some(rule) = ctx.pack.lengths.get(i) else { return };
    for path in ctx.expand(&rule.path) {
        let Some(value) = ctx.text(&path) else { continue };
        let len = char_len(value);
        if len > rule.max {
            ctx.error(
                codes::TEXT_TOO_LONG,
                &path,
                &rule.clause,
                &[("max", num(rule.max)), ("len", num(len))],
            );
        } else if let Some(min) = rule.min.filter(|m| len < *m) {
            ctx.error(
                codes::TEXT_TOO_SHORT,
                &path,
                &rule.clause,
                &[("min", num(min)), ("len", num(len))],
            );
        }
    }
}

/// What length rule `i` reads: its path.
pub(super) fn length_reads(pack: &Pack, i: usize) -> Vec<&str> {
    pack.lengths.get(i).map(|r| r.path.as_str()).into_iter().collect()
}

/// The code of the first problem with `value` in `format`, if any.
fn format_problem(format: Format, value: &str, ctx: &Context<'_>) -> Option<&'static str> {
    match format {
        Format::ResidentId => {
            resident_id::validate(value, ctx.now.date_naive()).err().map(|e| match e {
                resident_id::ResidentIdError::Format => codes::ID_NUMBER_FORMAT,
                resident_id::ResidentIdError::BirthDate => codes::ID_NUMBER_BIRTH_DATE,
                resident_id::ResidentIdError::Checksum => codes::ID_NUMBER_CHECKSUM,
            })
        }
        Format::Uscc => uscc::validate(value).err().map(|e| match e {
            uscc::UsccError::Length => codes::USCC_LENGTH,
            uscc::UsccError::Format => codes::USCC_FORMAT,
            uscc::UsccError::Checksum => codes::USCC_CHECKSUM,
        }),
        Format::Mobile => (!is_mobile(value)).then_some(codes::MOBILE_FORMAT),
        Format::Email => (!is_email(value)).then_some(codes::EMAIL_FORMAT),
        Format::Money => Fen::parse_yuan(value).err().map(|e| match e {
            MoneyError::Empty | MoneyError::Format => codes::MONEY_FORMAT,
            MoneyError::Negative => codes::MONEY_NEGATIVE,
            MoneyError::TooPrecise => codes::MONEY_PRECISION,
            MoneyError::Overflow => codes::MONEY_OVERFLOW,
        }),
        Format::Time => DateTime::parse_from_rfc3339(value).is_err().then_some(codes::TIME_FORMAT),
    }
}

/// `^(?:\+86|0086)?1[3-9]\d{9}$`
pub fn is_mobile(value: &str) -> bool {
    let rest = value.strip_prefix("+86").or_else(|| value.strip_prefix("0086")).unwrap_or(value);
    let b = rest.as_bytes();
    b.len() == 11
        && b.first() == Some(&b'1')
        && b.get(1).is_some_and(|d| (b'3'..=b'9').contains(d))
        && b.iter().all(u8::is_ascii_digit)
}

/// A practical e-mail check: one `@`, a local part of printable ASCII without spaces, a domain of
/// at least two dot-separated labels of letters, digits and hyphens, 254 characters at most.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'@' | b'"' | b'(' | b')' | b',' | b';' | b'<' | b'>' | b'[' | b']' | b'\\'
                )
        })
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    value.len() <= 254 && local_ok && domain_ok
}

/// A bilingual rendering of an amount for messages.
pub fn yuan(fen: Fen) -> Bilingual {
    Bilingual { zh: format!("{fen} 元"), en: format!("CNY {fen}") }
}
