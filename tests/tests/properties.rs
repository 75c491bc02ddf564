//! Property tests: path expansion keeps every value inside the path and
//! reversible, and no document, however mangled, makes the generator panic.

use earthengine::runtime::{expand_path, PathSegment};
use proptest::prelude::*;
use serde_json::Value;

fn expand(segment: PathSegment, value: &str, fully_encode: bool) -> String {
    expand_path(&[segment], &[("v", value)], fully_encode)
}

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~".contains(c)
}

fn is_reserved(c: char) -> bool {
    ":/?#[]@!$&'()*+,;=".contains(c)
}

/// Percent-decodes `text`, or `None` if an escape is malformed.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Only `allowed` characters and well-formed `%XX` escapes.
fn only(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = &bytes[i + 1..(i + 3).min(bytes.len())];
            if hex.len() != 2 || !hex.iter().all(u8::is_ascii_hexdigit) {
                return false;
            }
            i += 3;
        } else {
            if !allowed(char::from(bytes[i])) || !bytes[i].is_ascii() {
                return false;
            }
            i += 1;
        }
    }
    true
}

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
        let out = expand(PathSegment::Simple("v"), &value, false);
        prop_assert!(only(&out, is_unreserved), "{out:?}");
        prop_assert_eq!(decode(&out), Some(value));
    }

    #[test]
    fn fully_encoded_reserved_expansion_keeps_only_slashes_and_is_reversible(value in url_strings()) {
        let out = expand(PathSegment::Reserved("v"), &value, true);
        prop_assert!(only(&out, |c| is_unreserved(c) || c == '/'), "{out:?}");
        prop_assert_eq!(decode(&out), Some(value));
    }

    #[test]
    fn reserved_expansion_never_adds_a_query_or_fragment(value in url_strings()) {
        let out = expand(PathSegment::Reserved("v"), &value, false);
        prop_assert!(!out.contains(['?', '#']), "{out:?}");
        prop_assert!(
            only(&out, |c| (is_unreserved(c) || is_reserved(c)) && c != '?' && c != '#'),
            "{out:?}"
        );
    }
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
    let path = xtask::repository_root().join("discovery/earthengine.v1.json");
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
        if let Some(target) = document.pointer_mut(place) {
            *target = replacement;
        }
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
        };
        if let Err(error) = codegen::generate(&[input], &options) {
            prop_assert_eq!(error.file.as_str(), "mangled.json");
            prop_assert!(error.to_string().lines().count() <= 2, "{}", error);
        }
    }
}
