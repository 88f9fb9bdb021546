//! Every finding code the validator can emit. Pack loading checks that each has a message.

/// A value has the wrong JSON type or an unknown enumeration value.
pub const FIELD_TYPE: &str = "field.type";
/// A required field is empty.
pub const FIELD_REQUIRED: &str = "field.required";
/// Identity number: not 17 digits + digit/X.
pub const ID_NUMBER_FORMAT: &str = "id_number.format";
/// Identity number: impossible or future birth date.
pub const ID_NUMBER_BIRTH_DATE: &str = "id_number.birth_date";
/// Identity number: wrong check character.
pub const ID_NUMBER_CHECKSUM: &str = "id_number.checksum";
/// Credit code: not 18 characters.
pub const USCC_LENGTH: &str = "uscc.length";
/// Credit code: character outside the alphabet.
pub const USCC_FORMAT: &str = "uscc.format";
/// Credit code: wrong check character.
pub const USCC_CHECKSUM: &str = "uscc.checksum";
/// Mobile number malformed.
pub const MOBILE_FORMAT: &str = "mobile.format";
/// E-mail malformed.
pub const EMAIL_FORMAT: &str = "email.format";
/// Money not a plain decimal.
pub const MONEY_FORMAT: &str = "money.format";
/// Money negative.
pub const MONEY_NEGATIVE: &str = "money.negative";
/// Money with more than two decimals.
pub const MONEY_PRECISION: &str = "money.precision";
/// Money too large.
pub const MONEY_OVERFLOW: &str = "money.overflow";
/// Time not RFC 3339.
pub const TIME_FORMAT: &str = "time.format";
/// Times out of order (or in the future).
pub const TIME_ORDER: &str = "time.order";
/// Text shorter than the minimum.
pub const TEXT_TOO_SHORT: &str = "text.too_short";
/// Text longer than the maximum.
pub const TEXT_TOO_LONG: &str = "text.too_long";
/// More evidence items than allowed.
pub const EVIDENCE_TOO_MANY: &str = "evidence.too_many";
/// An evidence file larger than allowed.
pub const EVIDENCE_TOO_LARGE: &str = "evidence.too_large";
/// An evidence file of a media type not accepted.
pub const EVIDENCE_MEDIA_TYPE: &str = "evidence.media_type";
/// A required material is not attached.
pub const MATERIAL_MISSING: &str = "material.missing";
/// A declaration was not made.
pub const DECLARATION_REQUIRED: &str = "declaration.required";
/// A claimed amount exceeds its cap (e.g. refund above the order amount).
pub const AMOUNT_EXCEEDS_CAP: &str = "amount.exceeds_cap";

/// A field the pack does not accept is filled in (e.g. an agent where only the complainant in
/// person may file).
pub const FIELD_REFUSED: &str = "field.refused";

/// Message key (not a code) for a required field that alternatives can satisfy.
pub const FIELD_REQUIRED_ANY_MESSAGE: &str = "field.required_any";

/// Message key (not a code): how "now" is named in time-order messages.
pub const TIME_NOW_LABEL: &str = "time.now";

/// Every message key the validator looks up: all codes above plus the alternative wordings.
pub const ALL: &[&str] = &[
    FIELD_REQUIRED_ANY_MESSAGE,
    TIME_NOW_LABEL,
    FIELD_TYPE,
    FIELD_REQUIRED,
    ID_NUMBER_FORMAT,
    ID_NUMBER_BIRTH_DATE,
    ID_NUMBER_CHECKSUM,
    USCC_LENGTH,
    USCC_FORMAT,
    USCC_CHECKSUM,
    MOBILE_FORMAT,
    EMAIL_FORMAT,
    MONEY_FORMAT,
    MONEY_NEGATIVE,
    MONEY_PRECISION,
    MONEY_OVERFLOW,
    TIME_FORMAT,
    TIME_ORDER,
    TEXT_TOO_SHORT,
    TEXT_TOO_LONG,
    EVIDENCE_TOO_MANY,
    EVIDENCE_TOO_LARGE,
    EVIDENCE_MEDIA_TYPE,
    MATERIAL_MISSING,
    DECLARATION_REQUIRED,
    AMOUNT_EXCEEDS_CAP,
    FIELD_REFUSED,
];
