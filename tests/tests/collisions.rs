//! Resources, methods, parameters, members and enum values named after every name
//! the generator defines, every Rust keyword, the crate roots and the
//! prelude's items take no name from the generated crate.
//!
//! The document, `tests/fixtures/corner-cases/collisions.v1.json`, is built
//! here from those lists and committed; the fixture test compiles its crate
//! with warnings denied, and this test checks that the committed document is
//! the one the lists give (rewriting it when not, as `cargo xtask codegen`
//! does for `generated/`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use codegen::{Input, Options, Selection};
use serde_json::{json, Map, Value};

/// Every string constant of `codegen/src/model/reserved.rs`: the names the
/// generator defines, read from the source so that a name added there is
/// covered here without a second list to keep.
fn generator_names() -> Vec<String> {
    let source = include_str!("../../codegen/src/model/reserved.rs");
    let names: Vec<String> = source
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("pub const ")?;
            let (_, value) = rest.split_once(": &str = \"")?;
            Some(value.strip_suffix("\";")?.to_owned())
        })
        .collect();
    assert!(
        names.len() > 30,
        "read {} names from reserved.rs",
        names.len()
    );
    names
}

/// Strict keywords of every edition.
const STRICT_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];
/// Keywords reserved for future use, `gen` and `try` among them.
const RESERVED_KEYWORDS: &[&str] = &[
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
/// Keywords only in some positions.
const WEAK_KEYWORDS: &[&str] = &["auto", "default", "macro_rules", "raw", "safe", "union"];
/// Paths the generated code starts from.
const ROOTS: &[&str] = &["std", "core", "alloc", "crate", "self", "super"];
/// Items of the standard prelude (and derives the generated code uses).
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "AsyncFn",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    "drop",
];
/// Names of generic parameters, locals and crates in generated code.
const GENERATED_CODE: &[&str] = &["S", "a", "http", "options", "request", "serde", "value"];

fn all_names() -> Vec<String> {
    let mut seen = BTreeSet::new();
    generator_names()
        .into_iter()
        .chain(
            [
                STRICT_KEYWORDS,
                RESERVED_KEYWORDS,
                WEAK_KEYWORDS,
                ROOTS,
                PRELUDE,
                GENERATED_CODE,
            ]
            .concat()
            .into_iter()
            .map(str::to_owned),
        )
        .filter(|name| seen.insert(name.clone()))
        .collect()
}

/// A path variable for `name`: template variables are identifiers.
fn variable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// One top-level resource per name, with a method of that name whose path
/// parameter has it too; and the resource `every`, whose methods and child
/// resources take every name, and one of whose methods has a query
/// parameter of every name and an enum parameter with every name as value.
fn document(names: &[String]) -> Value {
    let scope = "https://collisions.example.com/auth/all";
    let mut resources = Map::new();
    for (index, name) in names.iter().enumerate() {
        let variable = variable(name);
        resources.insert(
            name.clone(),
            json!({"methods": {name: {
                "id": format!("collisions.r{index}.{variable}"),
                "path": format!("v1/{{+{variable}}}"),
                "httpMethod": "GET",
                "description": format!("The method `{name}` of the resource `{name}`."),
                "parameters": {&variable: {
                    "type": "string", "location": "path", "required": true,
                    "pattern": "^things/[^/]+$", "description": "A path parameter.",
                }},
                "parameterOrder": [variable],
                "response": {"$ref": "Thing"},
                "scopes": [scope],
            }}}),
        );
    }
    let mut every_parameter: Map<String, Value> = names
        .iter()
        .map(|name| {
            let doc = format!("The parameter `{name}`.");
            (
                name.clone(),
                json!({"type": "string", "location": "query", "description": doc}),
            )
        })
        .collect();
    every_parameter.insert(
        "choice".to_owned(),
        json!({
            "type": "string", "location": "query", "enum": names,
            "enumDescriptions": names.iter().map(|name| format!("The value `{name}`.")).collect::<Vec<_>>(),
            "description": "An enum whose values are every name.",
        }),
    );
    let methods: Map<String, Value> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let method = json!({
                "id": format!("collisions.every.m{index}"),
                "path": format!("v1/every/m{index}"),
                "httpMethod": "POST",
                "description": format!("The method `{name}`."),
                "request": {"$ref": "Thing"},
                "response": {"$ref": "Thing"},
                "scopes": [scope],
            });
            (name.clone(), method)
        })
        .collect();
    let children: Map<String, Value> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let parameters = if index == 0 {
                Value::Object(every_parameter.clone())
            } else {
                json!({})
            };
            let child = json!({"methods": {"get": {
                "id": format!("collisions.every.c{index}.get"),
                "path": format!("v1/every/c{index}"),
                "httpMethod": "GET",
                "parameters": parameters,
                "response": {"$ref": "Thing"},
                "scopes": [scope],
            }}});
            (name.clone(), child)
        })
        .collect();
    resources.insert(
        "every".to_owned(),
        json!({"methods": methods, "resources": children}),
    );
    let every_property: Map<String, Value> = names
        .iter()
        .map(|name| {
            let doc = format!("The member `{name}`.");
            (name.clone(), json!({"type": "string", "description": doc}))
        })
        .collect();
    json!({
        "kind": "discovery#restDescription",
        "discoveryVersion": "v1",
        "id": "collisions:v1",
        "name": "collisions",
        "version": "v1",
        "revision": "20261207",
        // One word, which the crate's doc must not turn into a link definition.
        "title": "Collisions",
        "description": "Synthetic: resources, methods, parameters, members and enum values named after every \
            name the generator defines, every Rust keyword, std/core/alloc/crate/self/super and the \
            prelude's items. Written by tests/tests/collisions.rs.",
        "protocol": "rest",
        "rootUrl": "https://collisions.example.com/",
        "servicePath": "",
        "parameters": {},
        "auth": {"oauth2": {"scopes": {scope: {"description": "Everything."}}}},
        "schemas": {
            "Thing": {
                "id": "Thing", "type": "object",
                "properties": {"name": {"type": "string"}, "every": {"$ref": "Every"}},
            },
            "Every": {
                "id": "Every", "type": "object",
                "description": "A member named after every name.",
                "properties": every_property,
            },
        },
        "resources": resources,
    })
}

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/corner-cases/collisions.v1.json")
}

#[test]
fn committed_document_covers_every_name() {
    let expected = format!("{:#}\n", document(&all_names()));
    let path = fixture_path();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        std::fs::write(&path, &expected).unwrap();
        panic!(
            "{} was not what the name lists give; it has been rewritten: review and commit it",
            path.display()
        );
    }
}

#[test]
fn every_name_generates_and_the_generator_keeps_its_own() {
    let text = std::fs::read_to_string(fixture_path()).unwrap();
    let input = Input {
        file: "collisions.v1.json".to_owned(),
        text,
    };
    let options = Options {
        crate_name: "collisions".to_owned(),
        selection: Selection::All,
        standalone: true,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    let files = codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"));
    let root = &files["src/v1/mod.rs"];
    // The version's own items are still declared once each, under their names.
    for item in [
        "pub const BASE_URL: &str",
        "pub mod scopes {",
        "pub struct StandardParameters {",
        "pub struct Api;",
        "pub struct Client(",
        "pub mod model;",
    ] {
        assert_eq!(root.matches(item).count(), 1, "{item:?} in mod.rs");
    }
    // The resources named after them moved aside: no file of a top-level
    // resource takes the name of `mod.rs` or of the schemas' module.
    for taken in ["model", "mod", "scopes", "runtime", "new", "clone"] {
        assert!(
            files.contains_key(&format!("src/v1/{taken}_2.rs")),
            "{taken}_2.rs"
        );
    }
    assert!(files.contains_key("src/v1/model.rs"));
    let cargo_toml = &files["Cargo.toml"];
    let features = cargo_toml
        .split_once("[features]")
        .and_then(|(_, rest)| rest.split_once("\n["))
        .map(|(features, _)| features)
        .expect("Cargo.toml has a [features] table");
    for feature in ["tracing", "client", "default", "gcp-auth"] {
        assert_eq!(
            features.matches(&format!("\n{feature} = ")).count(),
            1,
            "feature {feature} is declared once"
        );
    }
}

/// The features every generated crate has besides its resources' are names
/// no top-level resource can take, so that a feature added to the
/// generator's Cargo.toml without reserving its name fails here.
#[test]
fn the_crate_features_are_reserved_against_resources() {
    let input = Input {
        file: "none.v1.json".to_owned(),
        text: serde_json::json!({
            "kind": "discovery#restDescription", "discoveryVersion": "v1",
            "id": "none:v1", "name": "none", "version": "v1", "title": "None",
            "rootUrl": "https://none.example.com/", "servicePath": "",
        })
        .to_string(),
    };
    let options = Options {
        crate_name: "none".to_owned(),
        selection: Selection::All,
        standalone: true,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    let files = codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"));
    let features: Vec<&str> = files["Cargo.toml"]
        .split_once("[features]\n")
        .and_then(|(_, rest)| rest.split_once("\n["))
        .map(|(table, _)| table)
        .expect("Cargo.toml has a [features] table")
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
        .collect();
    assert!(features.len() >= 4, "{features:?}");
    let reserved = codegen::model::reserved::TOP_LEVEL_RESOURCE_RESERVED;
    for feature in features {
        // A module name spells `-` as `_`.
        let module = feature.replace('-', "_");
        assert!(
            reserved.contains(&module.as_str()),
            "feature {feature} is not reserved against top-level resources"
        );
    }
}
