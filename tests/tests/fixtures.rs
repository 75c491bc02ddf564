//! Every discovery document under `tests/fixtures/` generates, with every
//! resource, a crate that compiles with zero warnings, is clippy-clean, has
//! warning-free docs, and round-trips a synthesized JSON value through every
//! schema's type unchanged.
//!
//! The crates are written under `target/fixture-crates/` and built with one
//! shared target directory, so later runs are incremental.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{Input, Options, Selection};
use serde_json::{json, Map, Value};

/// The fixture documents: real Google documents and a synthetic one of corner cases.
fn fixture_documents() -> Vec<PathBuf> {
    let root = xtask::repository_root().join("tests/fixtures");
    let mut documents = Vec::new();
    for dir in ["discovery", "corner-cases"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        documents.extend(
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "json")),
        );
    }
    documents.sort();
    documents
}

#[test]
fn fixture_crates_compile_cleanly_and_round_trip_every_schema() {
    let target = xtask::repository_root().join("target");
    let crates_dir = target.join("fixture-crates");
    let documents = fixture_documents();
    assert!(documents.len() >= 3, "fixtures found: {documents:?}");
    for document in &documents {
        let crate_dir = write_fixture_crate(document, &crates_dir);
        let target_dir = target.join("fixture-target");
        cargo(
            &crate_dir,
            &target_dir,
            &["clippy", "--all-targets", "--", "-D", "warnings"],
        );
        cargo(&crate_dir, &target_dir, &["test"]);
        cargo(&crate_dir, &target_dir, &["doc", "--no-deps"]);
    }
}

/// Generates the crate for `document` with a round-trip test added.
fn write_fixture_crate(document: &Path, crates_dir: &Path) -> PathBuf {
    let stem = document
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .replace('.', "-");
    let crate_name = format!("fixture-{stem}");
    let text = std::fs::read_to_string(document).unwrap();
    let input = Input {
        file: document.display().to_string(),
        text: text.clone(),
    };
    let options = Options {
        crate_name: crate_name.clone(),
        selection: Selection::All,
        standalone: true,
    };
    let mut files = codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"));
    files.insert(
        "tests/round_trip.rs".to_owned(),
        round_trip_test(&crate_name, document, &text),
    );
    // Hand-written tests of a fixture's generated API sit beside it.
    if let Ok(requests) = std::fs::read_to_string(document.with_file_name("requests.rs")) {
        files.insert("tests/requests.rs".to_owned(), requests);
    }
    let crate_dir = crates_dir.join(&crate_name);
    // The workspace's lock file pins the dependencies the tests were run with.
    let lock = std::fs::read_to_string(xtask::repository_root().join("Cargo.lock")).unwrap();
    files.insert("Cargo.lock".to_owned(), lock);
    xtask::write_crate(&crate_dir, &files).unwrap_or_else(|e| panic!("{e}"));
    crate_dir
}

fn cargo(crate_dir: &Path, target_dir: &Path, args: &[&str]) {
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .status()
        .expect("cargo runs");
    assert!(
        status.success(),
        "`cargo {}` failed in {}",
        args.join(" "),
        crate_dir.display()
    );
}

/// A test file that, for every schema of the document, deserializes a
/// synthesized value into the generated type and serializes it back.
fn round_trip_test(crate_name: &str, document: &Path, text: &str) -> String {
    let parsed = codegen::parse::parse("fixture", text).unwrap();
    let module = codegen::model::names::snake(&parsed.version);
    let api = codegen::model::build("fixture", &parsed, &module, &Selection::All).unwrap();
    let raw: Value = serde_json::from_str(text).unwrap();
    let schemas = raw["schemas"].as_object().cloned().unwrap_or_default();
    let krate = crate_name.replace('-', "_");
    let mut checks = String::new();
    for (id, rust_name) in &api.schema_types {
        let sample = Synthesizer { schemas: &schemas }.sample(&schemas[id], 0);
        let sample = sample.unwrap_or_else(|| json!({}));
        checks.push_str(&format!(
            "    check::<{krate}::{module}::{rust_name}>({id:?}, {:?});\n",
            sample.to_string()
        ));
    }
    format!(
        "//! Round trips of synthesized JSON through every schema of {}.\n\n\
         fn check<T: serde::Serialize + serde::de::DeserializeOwned>(schema: &str, json: &str) {{\n\
         \x20   let input: serde_json::Value = serde_json::from_str(json).unwrap();\n\
         \x20   let value: T = serde_json::from_value(input.clone())\n\
         \x20       .unwrap_or_else(|e| panic!(\"{{schema}}: {{e}}\\n{{json}}\"));\n\
         \x20   let output = serde_json::to_value(&value).unwrap();\n\
         \x20   assert_eq!(output, input, \"{{schema}} did not round-trip\");\n\
         }}\n\n\
         #[test]\n\
         fn every_schema_round_trips() {{\n{checks}}}\n",
        document.file_name().unwrap().to_string_lossy()
    )
}

/// Builds a JSON value that sets every property a schema has, following
/// `$ref`s to a bounded depth so that recursive schemas end.
struct Synthesizer<'a> {
    schemas: &'a Map<String, Value>,
}

const MAX_DEPTH: usize = 4;

impl Synthesizer<'_> {
    fn sample(&self, schema: &Value, depth: usize) -> Option<Value> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if depth >= MAX_DEPTH {
                return None;
            }
            return self.sample(&self.schemas[reference], depth + 1);
        }
        let format = schema.get("format").and_then(Value::as_str);
        Some(
            match schema
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("object")
            {
                "string" => match schema.get("enum").and_then(Value::as_array) {
                    Some(values) => values[depth % values.len()].clone(),
                    None => string_sample(format),
                },
                "integer" => match format {
                    Some("uint32") => json!(4_000_000_000u32),
                    _ => json!(-42),
                },
                "number" => json!(1.5),
                "boolean" => json!(depth.is_multiple_of(2)),
                "any" => json!({"any": [1, "two", null, {"three": 3.5}]}),
                "array" => {
                    let item = self.sample(&schema["items"], depth)?;
                    json!([item])
                }
                _ => {
                    let mut object = Map::new();
                    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                        for (name, property) in properties {
                            if let Some(value) = self.sample(property, depth) {
                                object.insert(name.clone(), value);
                            }
                        }
                    }
                    if let Some(values) = schema.get("additionalProperties") {
                        if let Some(value) = self.sample(values, depth) {
                            object.insert("extraKey".to_owned(), value);
                        }
                    }
                    Value::Object(object)
                }
            },
        )
    }
}

fn string_sample(format: Option<&str>) -> Value {
    match format {
        Some("int64") => json!("-9007199254740993"),
        Some("uint64") => json!("18446744073709551615"),
        Some("byte") => json!("aGVsbG8gd29ybGQ="),
        Some("google-duration") => json!("-3.5s"),
        Some("date") => json!("2024-02-29"),
        Some("date-time" | "google-datetime") => json!("2024-02-29T12:34:56.789Z"),
        Some("google-fieldmask") => json!("name,metadata.state"),
        _ => json!("text with \"quotes\" and é"),
    }
}
