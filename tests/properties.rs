//! Properties over generated input (proptest): validation never panics and answers the same twice
//! (and the same from text as from the parsed case),
//! normalising is idempotent, masking never shows more than the pack's policy allows, money
//! round-trips fen ↔ yuan text, and classify spans lie on character boundaries of the input with
//! UTF-16 and scalar offsets that agree.

use complaint_rules::case::mask::{Keep, MaskKind, MaskPolicy};
use complaint_rules::case::normalize::normalize;
use complaint_rules::case::read::read_normalized;
use complaint_rules::classify::ClassifyInput;
use complaint_rules::engine::{parse_time, Engine, Options};
use complaint_rules::money::Fen;
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

fn options() -> Options {
    Options::at(parse_time("now", "2026-11-23T10:00:00+08:00").expect("time"))
}

/// The base cases of the test corpus, the starting points of mutated cases.
fn base_cases() -> &'static [Value] {
    static CASES: OnceLock<Vec<Value>> = OnceLock::new();
    CASES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/base");
        let mut names: Vec<_> =
            std::fs::read_dir(dir).expect("cases").map(|e| e.expect("entry").path()).collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json")
            })
            .collect()
    })
}

/// Text mixing ASCII, CJK, full-width forms, invisible and bidi characters, astral-plane scalars
/// and the lexicon's own words.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 .,@:+-]{0,6}",
        "[\u{4e00}-\u{4fff}]{0,4}",
        "[\u{ff01}-\u{ff5e}\u{3000}]{0,4}",
        "[\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}]{0,3}",
        "[\u{1f600}-\u{1f64f}\u{20000}-\u{20010}]{0,3}",
        Just("假冒".to_string()),
        Just("退款 1299.00元".to_string()),
        Just("￥１２９９．５".to_string()),
        Just("不是假货".to_string()),
        Just("人身伤害".to_string()),
        Just("2026-02-30T25:00:00+08:00".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|parts| parts.concat())
}

/// Any JSON value, a few levels deep, with hostile strings and extreme numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// A base case with one field (at any depth) replaced by an arbitrary value, or a new key added.
fn mutated_case() -> impl Strategy<Value = Value> {
    (0..base_cases().len(), any::<prop::sample::Index>(), any_json(), "[a-z_]{1,12}").prop_map(
        |(i, at, value, key)| {
            let mut case = base_cases().get(i).cloned().unwrap_or(Value::Null);
            let mut pointers = Vec::new();
            collect_pointers(&case, String::new(), &mut pointers);
            match pointers.get(at.index(pointers.len().max(1))).and_then(|p| case.pointer_mut(p)) {
                Some(slot) if at.index(5) != 0 => *slot = value,
                _ => {
                    if let Some(map) = case.as_object_mut() {
                        map.insert(key, value);
                    }
                }
            }
            case
        },
    )
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            map.iter().for_each(|(k, v)| collect_pointers(v, format!("{at}/{k}"), out))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| collect_pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

/// Characters of `shown` that are not the mask character.
fn visible(shown: &str) -> usize {
    shown.chars().filter(|c| *c != '*').count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn validating_any_case_answers_and_answers_the_same_twice(case in prop_oneof![mutated_case(), any_json()]) {
        let text = case.to_string();
        let first = engine().validate_str(&text, &options());
        let second = engine().validate_str(&text, &options());
        let json = |r: &Result<_, complaint_rules::error::EngineError>| match r {
            Ok(v) => serde_json::to_value(v).expect("serialise"),
            Err(e) => serde_json::to_value(e.report()).expect("serialise"),
        };
        prop_assert_eq!(json(&first), json(&second));
        // A case that is not an object is an error naming the root; an object always gets a status.
        prop_assert_eq!(first.is_ok(), case.is_object());
    }

    #[test]
    fn validating_text_in_one_pass_equals_validating_the_parsed_case(case in prop_oneof![mutated_case(), any_json()]) {
        // `validate_str` parses and normalises in one pass and rules read the typed case;
        // `validate_value` normalises the parsed tree: both must answer alike.
        let json = |r: Result<_, complaint_rules::error::EngineError>| match r {
            Ok(v) => serde_json::to_value(v).expect("serialise"),
            Err(e) => serde_json::to_value(e.report()).expect("serialise"),
        };
        let text = case.to_string();
        // Parsed back from the text: a float need not read back as the bits it was written from.
        let parsed: Value = serde_json::from_str(&text).expect("parses");
        let from_text = json(engine().validate_str(&text, &options()));
        prop_assert_eq!(from_text, json(engine().validate_value(parsed, &options())));
    }

    #[test]
    fn reading_text_in_one_pass_equals_parsing_then_normalising(case in prop_oneof![mutated_case(), any_json()]) {
        let text = case.to_string();
        let mut expected: Value = serde_json::from_str(&text).expect("parses");
        normalize(&mut expected);
        prop_assert_eq!(read_normalized(&text).expect("reads"), expected);
    }

    #[test]
    fn validating_arbitrary_text_never_panics(text in hostile_text()) {
        let _ = engine().validate_str(&text, &options());
        let _ = engine().classify_str(&text, &Options::default());
    }

    #[test]
    fn normalising_twice_equals_normalising_once(case in prop_oneof![mutated_case(), any_json()]) {
        let mut once = case;
        normalize(&mut once);
        let mut twice = once.clone();
        normalize(&mut twice);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn normalising_strings_of_identifier_fields_is_idempotent(text in hostile_text()) {
        let mut once = serde_json::json!({
            "complainant": {"id_number": text, "uscc": text, "mobile": text, "email": text, "name": text},
            "order": {"amount": text}, "request": {"amount": text}, "submitted_at": text,
            "evidence": [{"media_type": text}],
        });
        normalize(&mut once);
        let mut twice = once.clone();
        normalize(&mut twice);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn masking_never_shows_more_than_the_policy_keeps(
        value in "[^*@]{0,40}",
        local in "[^*@]{0,20}",
        start in 0usize..12,
        end in 0usize..12,
    ) {
        let keep = Keep { start, end };
        let policy = MaskPolicy { id_number: keep, mobile: keep, email: keep, name: keep, other: keep, fields: Vec::new() };
        let n = value.chars().count();
        for kind in [MaskKind::IdNumber, MaskKind::Mobile, MaskKind::Name, MaskKind::Other] {
            let shown = policy.mask(kind, &value);
            let limit = if start + end >= n { start.min(n / 2) } else { start + end };
            prop_assert!(visible(&shown) <= limit, "{kind:?} {value:?} → {shown:?} shows more than {limit}");
            prop_assert!(shown.contains('*'), "{shown:?} hides nothing");
            let head: String = value.chars().take(visible(&shown).min(start)).collect();
            prop_assert!(shown.starts_with(&head));
        }
        let email = format!("{local}@example.com");
        let shown = policy.mask(MaskKind::Email, &email);
        let (shown_local, domain) = shown.rsplit_once('@').expect("the domain stays");
        prop_assert_eq!(domain, "example.com");
        prop_assert!(visible(shown_local) <= start.min(local.chars().count()));
    }

    #[test]
    fn masking_a_case_keeps_no_more_than_the_pack_allows(case in mutated_case()) {
        let now = options().now().expect("now");
        let masked = engine().mask_value(&case, &options()).expect("mask");
        let pack = engine().pack(None, now.date_naive()).expect("pack");
        let mut normalized = case;
        normalize(&mut normalized);
        for field in &pack.masking.fields {
            let (Some(Value::String(before)), Some(Value::String(after))) = (normalized.pointer(&field.path), masked.pointer(&field.path)) else {
                continue;
            };
            let keep = match field.kind {
                MaskKind::IdNumber => pack.masking.id_number,
                MaskKind::Mobile => pack.masking.mobile,
                MaskKind::Email => pack.masking.email,
                MaskKind::Name => pack.masking.name,
                MaskKind::Other => pack.masking.other,
            };
            let domain = if field.kind == MaskKind::Email { before.rsplit_once('@').map_or(0, |(_, d)| d.chars().count() + 1) } else { 0 };
            let allowed = keep.start + keep.end + domain;
            prop_assert!(visible(after) <= allowed, "{} {before:?} → {after:?}", field.path);
        }
    }

    #[test]
    fn money_round_trips_fen_and_yuan_text(fen in any::<u64>()) {
        let text = Fen(fen).to_string();
        prop_assert_eq!(Fen::parse_yuan(&text), Ok(Fen(fen)));
    }

    #[test]
    fn yuan_text_that_parses_formats_back_to_the_same_amount(yuan in 0u64..10_000_000_000, frac in prop::option::of("[0-9]{1,2}")) {
        let text = match &frac { Some(f) => format!("{yuan}.{f}"), None => yuan.to_string() };
        let fen = Fen::parse_yuan(&text).expect("a valid amount");
        let cents: u64 = frac.as_deref().map_or(0, |f| if f.len() == 1 { f.parse::<u64>().expect("digit") * 10 } else { f.parse().expect("digits") });
        prop_assert_eq!(fen, Fen(yuan * 100 + cents));
        prop_assert_eq!(Fen::parse_yuan(&fen.to_string()), Ok(fen));
    }

    #[test]
    fn arbitrary_yuan_text_never_panics_and_accepted_text_round_trips(text in "[0-9.+\\-e,１２ ]{0,24}") {
        if let Ok(fen) = Fen::parse_yuan(&text) {
            prop_assert_eq!(Fen::parse_yuan(&fen.to_string()), Ok(fen));
        }
    }

    #[test]
    fn classify_spans_lie_on_character_boundaries(text in hostile_text()) {
        let result = engine().classify(&ClassifyInput::text(text.clone()), &Options::default()).expect("classify");
        let json = serde_json::to_value(&result).expect("serialise");
        let mut spans = Vec::new();
        collect_spans(&json, &mut spans);
        let chars: Vec<char> = text.chars().collect();
        let utf16_at = |k: usize| chars.iter().take(k).map(|c| c.len_utf16()).sum::<usize>();
        for span in spans {
            let (start, end, start_char, end_char, ref written) = span;
            prop_assert!(start_char <= end_char && end_char <= chars.len(), "{span:?} outside {text:?}");
            prop_assert_eq!(start, utf16_at(start_char), "UTF-16 start of {:?} in {:?}", span, text);
            prop_assert_eq!(end, utf16_at(end_char), "UTF-16 end of {:?} in {:?}", span, text);
            if let Some(written) = written {
                let covered: String = chars.iter().skip(start_char).take(end_char - start_char).collect();
                prop_assert_eq!(written, &covered);
            }
        }
    }
}

/// (start, end, start_char, end_char, text as written for amounts) of every span in a result.
type FoundSpan = (usize, usize, usize, usize, Option<String>);

fn collect_spans(value: &Value, out: &mut Vec<FoundSpan>) {
    match value {
        Value::Object(map) => {
            let num =
                |k: &str| map.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
            if let (Some(s), Some(e), Some(sc), Some(ec)) =
                (num("start"), num("end"), num("start_char"), num("end_char"))
            {
                let written =
                    map.get("fen").and(map.get("text")).and_then(Value::as_str).map(str::to_string);
                out.push((s, e, sc, ec, written));
            }
            map.values().for_each(|v| collect_spans(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_spans(v, out)),
        _ => {}
    }
}

#[test]
fn spans_of_a_known_text_are_found_and_checked() {
    // Guards the property above against vacuity: this text has lexicon words and an amount.
    let text = "\u{200b}😀买到假冒手机，要求退款１２９９元";
    let result =
        engine().classify(&ClassifyInput::text(text), &Options::default()).expect("classify");
    let mut spans = Vec::new();
    collect_spans(&serde_json::to_value(&result).expect("json"), &mut spans);
    assert!(spans.iter().any(|s| s.4.is_some()), "an amount span: {spans:?}");
    assert!(spans.len() >= 2, "{spans:?}");
}

#[test]
fn a_pack_with_an_extreme_clock_skew_validates_without_panicking() {
    // Duration::seconds(i64::MAX) panics in chrono; the skew is now converted with try_seconds and
    // added with checked_add_signed.
    let doc = complaint_rules::pack::embedded::document("ecommerce").expect("pack");
    let mut doc: Value = serde_json::from_str(doc).expect("json");
    for skew in [i64::MAX, i64::MIN, -1] {
        doc["limits"]["clock_skew_seconds"] = Value::from(skew);
        let mut engine = Engine::new().expect("engine");
        if engine.add_pack(&doc.to_string()).is_err() {
            continue;
        }
        let case = base_cases().first().cloned().unwrap_or(Value::Null).to_string();
        let result = engine.validate_str(&case, &options()).expect("validates");
        assert_eq!(
            result.status,
            complaint_rules::validate::Status::Ready,
            "skew {skew}: {:?}",
            result.problems
        );
    }
}
