//! Property tests: path expansion keeps every value inside the path and
//! reversible, and no document, however mangled, makes the generator panic.

use std::sync::atomic::{AtomicUsize, Ordering};

use integration_tests::paths::{check_joined, check_validation, expand};
use integration_tests::percent::Mode;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::Value;

/// Strings rich in the characters that matter to URLs.
fn url_strings() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z/?#%:@ .\\-_~é日\u{202e}\u{0}]{0,24}",
        "(%[0-9A-Fa-f]{2}|[/?#%.]|[a-z]){0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn simple_expansion_is_unreserved_and_reversible(value in url_strings()) {
        let out = expand(Mode::Simple, &value);
        prop_assert_eq!(Mode::Simple.check(&value, &out), Ok(()));
    }

    #[test]
    fn fully_encoded_reserved_expansion_keeps_only_slashes_and_is_reversible(value in url_strings()) {
        let out = expand(Mode::FullyEncodedReserved, &value);
        prop_assert_eq!(Mode::FullyEncodedReserved.check(&value, &out), Ok(()));
    }

    #[test]
    fn reserved_expansion_never_adds_a_query_or_fragment(value in url_strings()) {
        let out = expand(Mode::Reserved, &value);
        prop_assert!(!out.contains(['?', '#']), "{out:?}");
        prop_assert_eq!(Mode::Reserved.check(&value, &out), Ok(()));
    }
}

/// Paths made of dots, escaped dots and slashes, `%`, a letter and a line
/// break: many have a dot segment, and many do not.
fn dotted_paths() -> impl Strategy<Value = String> {
    "(\\.|%2E|%2e|%2F|%2f|%252E|%|/|a|é|\n){0,10}"
}

/// Validation rejects a path only for a rule it breaks, and what it accepts
/// expands to no dot segment in any mode ([`check_validation`]). Fails unless
/// the run checked both accepted and rejected paths.
#[test]
fn validated_values_expand_without_dot_segments() {
    let accepted = AtomicUsize::new(0);
    let rejected = AtomicUsize::new(0);
    let config = ProptestConfig {
        cases: 3000,
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let result = TestRunner::new(config).run(&dotted_paths(), |path| {
        // The path is validated twice: alone, and inside an operation name.
        let count = check_validation(&path).map_err(TestCaseError::fail)?;
        accepted.fetch_add(count, Ordering::Relaxed);
        rejected.fetch_add(2 - count, Ordering::Relaxed);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let accepted = accepted.into_inner();
    let rejected = rejected.into_inner();
    assert!(
        accepted > 0 && rejected > 0,
        "{accepted} paths accepted and {rejected} rejected: the strategy must give both"
    );
}

/// Two valid values expanded side by side or around a `/` (`{+a}{+b}`,
/// `{+a}/{+b}`, `{a}{+b}`, `{+a}{b}`) make no dot segment, query or
/// fragment ([`check_joined`]). Fails unless some pairs were valid.
#[test]
fn valid_values_joined_make_no_dot_segment() {
    let valid = AtomicUsize::new(0);
    let config = ProptestConfig {
        cases: 3000,
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let pairs = (dotted_paths(), dotted_paths());
    let result = TestRunner::new(config).run(&pairs, |(a, b)| {
        let both_valid = check_joined(&a, &b).map_err(TestCaseError::fail)?;
        valid.fetch_add(usize::from(both_valid), Ordering::Relaxed);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(valid.into_inner() > 0, "no pair of valid values was tried");
}

/// Every place in the document, as a JSON pointer.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

fn json_values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            any::<String>(),
            Just("object".to_owned()),
            Just("string".to_owned()),
            Just("array".to_owned()),
            Just("Operation".to_owned()),
            Just("v1/{+name}".to_owned()),
            Just("{name}".to_owned()),
            Just("[".to_owned()),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("$ref".to_owned()),
                    Just("items".to_owned()),
                    Just("properties".to_owned()),
                    Just("enum".to_owned()),
                    Just("location".to_owned()),
                    "[a-z$@.]{0,6}",
                ],
                inner,
                0..4
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn base_document() -> Value {
    let path = integration_tests::repository_root().join("discovery/earthengine.v1.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Replacing any part of a real document with arbitrary JSON gives a
    /// crate or an error naming the file, never a panic.
    #[test]
    fn mangled_documents_never_panic(
        choice in any::<prop::sample::Index>(),
        replacement in json_values(),
        all in any::<bool>(),
    ) {
        let mut document = base_document();
        let mut places = Vec::new();
        pointers(&document, String::new(), &mut places);
        let place = choice.get(&places);
        *document.pointer_mut(place).expect("every place is in the document") = replacement;
        let input = codegen::Input {
            file: "mangled.json".to_owned(),
            text: document.to_string(),
        };
        let options = codegen::Options {
            crate_name: "mangled".to_owned(),
            selection: if all {
                codegen::Selection::All
            } else {
                codegen::Selection::Resources(vec!["projects.operations".to_owned()])
            },
            standalone: true,
            runtime_path: integration_tests::runtime_path(),
            package: Default::default(),
        };
        if let Err(error) = codegen::generate(&[input], &options) {
            prop_assert_eq!(error.file.as_str(), "mangled.json");
            prop_assert!(error.to_string().lines().count() <= 2, "{}", error);
        }
    }
}
