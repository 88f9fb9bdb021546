//! The reference test vectors: every USCC in `tests/vectors/uscc_stdnum.doctest` (copied from
//! ../shared/reference/vectors, python-stdnum's doctests) is checked by the engine.

use complaint_rules::ids::uscc;

#[test]
fn stdnum_uscc_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/uscc_stdnum.doctest"
    ))
    .unwrap();
    // The block of numbers "found online" that "should all be valid".
    let block = text.split("numbers = '''").nth(1).unwrap().split("'''").next().unwrap();
    let numbers: Vec<&str> = block
        .lines()
        .map(|l| l.trim_start_matches("...").trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(numbers.len() > 20, "vector block not found");
    for n in &numbers {
        assert_eq!(uscc::validate(&uscc::canonical(n)), Ok(()), "{n}");
    }
    // The corner cases of the same file.
    assert_eq!(uscc::validate(&uscc::canonical("91 110000 600037341L")), Ok(()));
    assert_eq!(uscc::validate("12345"), Err(uscc::UsccError::Length));
    // stdnum calls this InvalidFormat (it wants 8 leading digits); GB 32100 allows a letter as the
    // registration-department code, so here it fails on its check character instead. Rejected either way.
    assert!(uscc::validate("A1110000600037341L").is_err());
    assert_eq!(uscc::validate("9111000060003IOZSV"), Err(uscc::UsccError::Format));
    assert_eq!(uscc::validate("91110000600037341N"), Err(uscc::UsccError::Checksum));
}
