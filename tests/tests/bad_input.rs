//! Bad discovery documents: every one must be rejected with an error naming
//! the file, the exact JSON path of the fault and a short, clear message —
//! never a panic, never a stack overflow.
//!
//! Where the message is ours (what the generator says was expected), a row
//! checks its text. Where it comes from the JSON parser (syntax errors and
//! JSON types, worded by serde and serde_json), a row checks only that the
//! error is the parser's own for that text and of the expected kind, so that
//! a new wording in a serde_json release breaks nothing here.

use std::panic::{self, AssertUnwindSafe};
use std::thread;

use codegen::parse::RestDescription;
use codegen::{Error, Files, Input, Options, Selection};
use serde_json::error::Category;
use serde_json::{json, Value};

/// How errors name the document in these tests.
const FILE: &str = "discovery/bad.v1.json";

const CANCEL: &str = "resources.projects.resources.operations.methods.cancel";
const LIST: &str = "resources.projects.resources.operations.methods.list";

fn base_text() -> String {
    let path = integration_tests::repository_root().join("discovery/earthengine.v1.json");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn base_document() -> Value {
    serde_json::from_str(&base_text()).expect("the base document is JSON")
}

/// Runs the generator, turning a panic into `Err(panic message)`.
fn run(text: String, selection: Selection) -> Result<Result<Files, Error>, String> {
    let inputs = [Input {
        file: FILE.to_owned(),
        text,
    }];
    let options = Options {
        crate_name: "bad".to_owned(),
        selection,
        standalone: true,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    panic::catch_unwind(AssertUnwindSafe(|| codegen::generate(&inputs, &options))).map_err(
        |payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".to_owned())
        },
    )
}

/// The value at a dotted path, `""` for the root (no key of the base
/// document has a dot).
fn at<'a>(document: &'a mut Value, dotted: &str) -> &'a mut Value {
    let keys = dotted.split('.').filter(|key| !key.is_empty());
    keys.fold(document, |value, key| {
        value
            .get_mut(key)
            .unwrap_or_else(|| panic!("the base document has no {dotted:?} (at {key:?})"))
    })
}

fn object<'a>(document: &'a mut Value, dotted: &str) -> &'a mut serde_json::Map<String, Value> {
    at(document, dotted)
        .as_object_mut()
        .unwrap_or_else(|| panic!("{dotted:?} is not an object"))
}

fn cancel(document: &mut Value) -> &mut Value {
    at(document, CANCEL)
}

/// What a row feeds the generator.
#[derive(Clone, Copy)]
enum Doc {
    /// The base document, changed.
    Mutate(fn(&mut Value)),
    /// Text made from the base document's text.
    Raw(fn(&str) -> String),
}

/// Which resources a row generates.
#[derive(Clone, Copy)]
enum Pick {
    /// One resource, by its dotted path; rows default to
    /// `projects.operations`, as the checked-in crate does.
    Only(&'static str),
    All,
}

/// What a row expects the error's message to be.
#[derive(Clone, Copy)]
enum Says {
    /// Our own words: the message contains this text.
    Ours(&'static str),
    /// The JSON parser's: the message is the error serde_json reports for
    /// the same text (its wording is serde_json's to change), of this kind.
    Parser(Category),
}

struct Case {
    name: &'static str,
    doc: Doc,
    pick: Pick,
    json_path: &'static str,
    says: Says,
}

/// A row whose error message is ours and contains `message`.
const fn case(
    name: &'static str,
    doc: Doc,
    json_path: &'static str,
    message: &'static str,
) -> Case {
    Case {
        name,
        doc,
        pick: Pick::Only("projects.operations"),
        json_path,
        says: Says::Ours(message),
    }
}

/// A row rejected by the JSON parser with an error of kind `category`.
const fn parser_case(
    name: &'static str,
    doc: Doc,
    json_path: &'static str,
    category: Category,
) -> Case {
    Case {
        says: Says::Parser(category),
        ..case(name, doc, json_path, "")
    }
}

impl Case {
    const fn pick(self, pick: Pick) -> Case {
        Case { pick, ..self }
    }
}

use Doc::{Mutate, Raw};

fn cases() -> Vec<Case> {
    vec![
        // Syntax.
        parser_case(
            "not JSON",
            Raw(|_| "<!DOCTYPE html><title>404</title>".to_owned()),
            "",
            Category::Syntax,
        ),
        parser_case("empty text", Raw(|_| String::new()), "", Category::Eof),
        parser_case(
            "truncated: last brace missing",
            Raw(|text| text.trim_end().strip_suffix('}').unwrap().to_owned()),
            "",
            Category::Eof,
        ),
        parser_case(
            "truncated inside a method",
            Raw(|text| {
                let compact = serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap());
                let compact = compact.unwrap();
                let cut = r#""operations":{"methods":{"cancel":{"#;
                let end = compact.find(cut).unwrap() + cut.len();
                compact[..end].to_owned()
            }),
            "resources.projects.resources.operations.methods.cancel",
            Category::Eof,
        ),
        case(
            "method key with line breaks",
            Mutate(|d| {
                let methods = object(d, "resources.projects.resources.operations.methods");
                let mut method = methods.remove("cancel").unwrap();
                method["httpMethod"] = json!("FETCH");
                methods.insert("can\n\ncel".to_owned(), method);
            }),
            r#"resources.projects.resources.operations.methods."can\n\ncel".httpMethod"#,
            r#"unsupported HTTP method "FETCH""#,
        ),
        parser_case(
            "truncated inside a string",
            Raw(|_| r#"{"kind": "discovery#restDescription", "name": "earth"#.to_owned()),
            "name",
            Category::Eof,
        ),
        parser_case(
            "trailing characters",
            Raw(|text| format!("{text} {{}}")),
            "",
            Category::Syntax,
        ),
        parser_case(
            "duplicate key",
            Raw(|text| text.replacen('{', r#"{"name": "x","#, 1)),
            "",
            Category::Data,
        ),
        // The document's own fields.
        case(
            "wrong kind",
            Mutate(|d| d["kind"] = json!("discovery#directoryList")),
            "kind",
            r#"expected "discovery#restDescription", found "discovery#directoryList""#,
        ),
        parser_case(
            "missing name",
            Mutate(|d| drop(object(d, "").remove("name"))),
            "",
            Category::Data,
        ),
        parser_case(
            "missing version",
            Mutate(|d| drop(object(d, "").remove("version"))),
            "",
            Category::Data,
        ),
        parser_case(
            "missing rootUrl",
            Mutate(|d| drop(object(d, "").remove("rootUrl"))),
            "",
            Category::Data,
        ),
        // JSON types of method fields.
        parser_case(
            "parameterOrder is a string",
            Mutate(|d| cancel(d)["parameterOrder"] = json!("name")),
            "resources.projects.resources.operations.methods.cancel.parameterOrder",
            Category::Data,
        ),
        parser_case(
            "httpMethod is a number",
            Mutate(|d| cancel(d)["httpMethod"] = json!(5)),
            "resources.projects.resources.operations.methods.cancel.httpMethod",
            Category::Data,
        ),
        parser_case(
            "method without id",
            Mutate(|d| drop(object(d, CANCEL).remove("id"))),
            "resources.projects.resources.operations.methods.cancel",
            Category::Data,
        ),
        parser_case(
            "parameter `required` is a string",
            Mutate(|d| cancel(d)["parameters"]["name"]["required"] = json!("yes")),
            "resources.projects.resources.operations.methods.cancel.parameters.name.required",
            Category::Data,
        ),
        parser_case(
            "parameter `type` is a number",
            Mutate(|d| cancel(d)["parameters"]["name"]["type"] = json!(5)),
            "resources.projects.resources.operations.methods.cancel.parameters.name.type",
            Category::Data,
        ),
        parser_case(
            "standard parameter `type` is a number",
            Mutate(|d| d["parameters"]["alt"]["type"] = json!(5)),
            "parameters.alt.type",
            Category::Data,
        ),
        // References.
        case(
            "dangling $ref in a method response",
            Mutate(|d| cancel(d)["response"]["$ref"] = json!("Nope")),
            "resources.projects.resources.operations.methods.cancel.response.$ref",
            r#"`$ref` names schema "Nope", which the document does not define"#,
        ),
        case(
            "dangling $ref in a method request",
            Mutate(|d| cancel(d)["request"]["$ref"] = json!("Nope")),
            "resources.projects.resources.operations.methods.cancel.request.$ref",
            r#"`$ref` names schema "Nope", which the document does not define"#,
        ),
        case(
            "dangling $ref in a schema property",
            Mutate(|d| d["schemas"]["Operation"]["properties"]["error"]["$ref"] = json!("Nope")),
            "schemas.Operation.properties.error.$ref",
            r#"`$ref` names schema "Nope", which the document does not define"#,
        ),
        case(
            "$ref to a schema of another document",
            Mutate(|d| cancel(d)["response"]["$ref"] = json!("other.v1.Foo")),
            "resources.projects.resources.operations.methods.cancel.response.$ref",
            r#"`$ref` names schema "other.v1.Foo", which the document does not define"#,
        ),
        // Methods.
        case(
            "two methods with the same id",
            Mutate(|d| {
                let copy = cancel(d).clone();
                object(d, "resources.projects.resources")
                    .insert("copies".to_owned(), json!({ "methods": { "cancel": copy } }));
            }),
            "resources.projects.resources.operations.methods.cancel.id",
            r#"method id "earthengine.projects.operations.cancel" is also used at resources.projects.resources.copies.methods.cancel"#,
        )
        .pick(Pick::All),
        case(
            "unknown httpMethod",
            Mutate(|d| cancel(d)["httpMethod"] = json!("FETCH")),
            "resources.projects.resources.operations.methods.cancel.httpMethod",
            r#"unsupported HTTP method "FETCH""#,
        ),
        case(
            "parameterOrder names an unknown parameter",
            Mutate(|d| cancel(d)["parameterOrder"] = json!(["name", "bogus"])),
            "resources.projects.resources.operations.methods.cancel.parameterOrder",
            r#"names parameter "bogus", which the method does not declare"#,
        ),
        // Path templates and parameters.
        case(
            "template names an undeclared parameter",
            Mutate(|d| cancel(d)["path"] = json!("v1/{+name}/{other}:cancel")),
            "resources.projects.resources.operations.methods.cancel.path",
            r#"names parameter "other", which the method does not declare"#,
        ),
        case(
            "path parameter missing from the template",
            Mutate(|d| {
                cancel(d)["parameters"]["extra"] = json!({ "type": "string", "location": "path" });
            }),
            "resources.projects.resources.operations.methods.cancel.parameters.extra",
            r#"path parameter "extra" does not appear in the path template "v1/{+name}:cancel""#,
        ),
        case(
            "template parameter whose location is query",
            Mutate(|d| cancel(d)["parameters"]["name"]["location"] = json!("query")),
            "resources.projects.resources.operations.methods.cancel.parameters.name.location",
            r#"parameter "name" is in the path template, so its location must be "path""#,
        ),
        case(
            "unsupported template operator",
            Mutate(|d| cancel(d)["path"] = json!("v1/{#name}")),
            "resources.projects.resources.operations.methods.cancel.path",
            "unsupported expression `{#name}`",
        ),
        case(
            "a dot segment in the template's literals",
            Mutate(|d| cancel(d)["path"] = json!("v1/../{+name}:cancel")),
            "resources.projects.resources.operations.methods.cancel.path",
            "has a `.` or `..` segment whatever its values",
        ),
        case(
            "unclosed brace in the template",
            Mutate(|d| cancel(d)["path"] = json!("v1/{+name:cancel")),
            "resources.projects.resources.operations.methods.cancel.path",
            "unclosed `{`",
        ),
        case(
            "invalid pattern",
            Mutate(|d| cancel(d)["parameters"]["name"]["pattern"] = json!("^projects/[^/+$")),
            "resources.projects.resources.operations.methods.cancel.parameters.name.pattern",
            r#"invalid regular expression "^projects/[^/+$""#,
        ),
        case(
            "unknown location",
            Mutate(|d| at(d, LIST)["parameters"]["filter"]["location"] = json!("body")),
            "resources.projects.resources.operations.methods.list.parameters.filter.location",
            r#"expected "path" or "query", found "body""#,
        ),
        case(
            "missing location",
            Mutate(|d| drop(object(d, &format!("{LIST}.parameters.filter")).remove("location"))),
            "resources.projects.resources.operations.methods.list.parameters.filter",
            "missing `location`: expected \"path\" or \"query\"",
        ),
        // Parameters whose values cannot be written into a URL.
        case(
            "object query parameter with properties",
            Mutate(|d| {
                at(d, LIST)["parameters"]["filter"] = json!({
                    "type": "object", "location": "query",
                    "properties": { "a": { "type": "string" } },
                });
            }),
            "resources.projects.resources.operations.methods.list.parameters.filter.type",
            "an object schema with `properties` cannot be sent as a query parameter",
        ),
        case(
            "array query parameter",
            Mutate(|d| {
                at(d, LIST)["parameters"]["filter"] = json!({
                    "type": "array", "location": "query", "items": { "type": "string" },
                });
            }),
            "resources.projects.resources.operations.methods.list.parameters.filter.type",
            r#"a schema of type "array" cannot be sent as a query parameter"#,
        ),
        case(
            "object query parameter with int64 values",
            Mutate(|d| {
                at(d, LIST)["parameters"]["filter"] = json!({
                    "type": "object", "location": "query",
                    "additionalProperties": { "type": "string", "format": "int64" },
                });
            }),
            "resources.projects.resources.operations.methods.list.parameters.filter.additionalProperties.type",
            r#"a schema of type "string" and format "int64" cannot be a value of an object query parameter"#,
        ),
        case(
            "query parameter that is a $ref to an object schema",
            Mutate(|d| {
                at(d, LIST)["parameters"]["filter"] =
                    json!({ "$ref": "Operation", "location": "query" });
            }),
            "resources.projects.resources.operations.methods.list.parameters.filter.$ref",
            "an object schema with `properties` cannot be sent as a query parameter",
        ),
        case(
            "query parameter that is a $ref to an int64 schema",
            Mutate(|d| {
                d["schemas"]["Count"] = json!({ "type": "string", "format": "int64" });
                at(d, LIST)["parameters"]["filter"] = json!({ "$ref": "Count", "location": "query" });
            }),
            "resources.projects.resources.operations.methods.list.parameters.filter.$ref",
            r#"`$ref` leads to a schema of type "string" and format "int64", which becomes a newtype"#,
        ),
        case(
            "query parameter that is a $ref to an empty object schema",
            Mutate(|d| at(d, LIST)["parameters"]["filter"] = json!({ "$ref": "Empty", "location": "query" })),
            "resources.projects.resources.operations.methods.list.parameters.filter.$ref",
            r#"`$ref` leads to a schema of type "object", which becomes a struct"#,
        ),
        case(
            "path parameter of type any",
            Mutate(|d| cancel(d)["parameters"]["name"]["type"] = json!("any")),
            "resources.projects.resources.operations.methods.cancel.parameters.name.type",
            r#"a schema of type "any" cannot be sent as a path parameter"#,
        ),
        case(
            "repeated path parameter",
            Mutate(|d| cancel(d)["parameters"]["name"]["repeated"] = json!(true)),
            "resources.projects.resources.operations.methods.cancel.parameters.name.repeated",
            "a path parameter cannot be repeated",
        ),
        case(
            "global parameter of an object schema with properties",
            Mutate(|d| {
                d["parameters"]["fields"] = json!({
                    "type": "object", "location": "query",
                    "properties": { "a": { "type": "string" } },
                });
            }),
            "parameters.fields.type",
            "an object schema with `properties` cannot be sent as a query parameter",
        ),
        // Inline request and response schemas.
        case(
            "inline request of an unknown type",
            Mutate(|d| cancel(d)["request"] = json!({ "type": "bogus" })),
            "resources.projects.resources.operations.methods.cancel.request.type",
            r#"unknown type "bogus""#,
        ),
        case(
            "inline response array without items",
            Mutate(|d| cancel(d)["response"] = json!({ "type": "array" })),
            "resources.projects.resources.operations.methods.cancel.response",
            "an array schema must have `items`",
        ),
        // Schemas.
        case(
            "unknown type in a schema property",
            Mutate(|d| d["schemas"]["Operation"]["properties"]["done"]["type"] = json!("bool")),
            "schemas.Operation.properties.done.type",
            r#"unknown type "bool": expected one of string, integer, number, boolean, array, object, any"#,
        ),
        case(
            "schema property with neither type nor $ref",
            Mutate(|d| {
                d["schemas"]["Operation"]["properties"]["done"] = json!({ "description": "?" });
            }),
            "schemas.Operation.properties.done",
            "expected a `type` or a `$ref`, found neither",
        ),
        case(
            "array schema without items",
            Mutate(|d| {
                drop(object(d, "schemas.ListOperationsResponse.properties.operations").remove("items"));
            }),
            "schemas.ListOperationsResponse.properties.operations",
            "an array schema must have `items`",
        ),
        case(
            "schema that is a $ref to itself",
            Mutate(|d| d["schemas"]["Empty"] = json!({ "$ref": "Empty" })),
            "schemas.Empty.$ref",
            "Empty",
        ),
        case(
            "schemas that are $refs to each other",
            Mutate(|d| {
                d["schemas"]["Empty"] = json!({ "$ref": "Status" });
                d["schemas"]["Status"] = json!({ "$ref": "Empty" });
            }),
            "schemas.Empty.$ref",
            "Status",
        ),
        // Selection.
        case(
            "selected resource does not exist",
            Mutate(|_| {}),
            "resources",
            r#"no resource "nope" in the document; it has: projects, projects.operations"#,
        )
        .pick(Pick::Only("nope")),
        case(
            "selected nested resource does not exist",
            Mutate(|_| {}),
            "resources",
            r#"no resource "projects.nope" in the document; it has: projects, projects.operations"#,
        )
        .pick(Pick::Only("projects.nope")),
        case(
            "empty resources",
            Mutate(|d| d["resources"] = json!({})),
            "resources",
            r#"no resource "projects.operations" in the document; it has: none"#,
        ),
    ]
}

/// A 50 MB document (schemas no method reaches, with long descriptions)
/// parses, and the crate is the one its methods need.
#[test]
fn a_50_megabyte_document_generates_what_its_methods_need() {
    let description = "A long description of a schema nobody uses. ".repeat(100);
    // The schemas are written as text: serializing a 50 MB `Value` in this
    // unoptimized test crate takes seconds. One is checked as JSON.
    let member = |index: usize| {
        format!(
            r#""Unused{index}":{{"id":"Unused{index}","type":"object","description":"{description}","properties":{{"value":{{"type":"string","description":"{description}"}}}}}}"#
        )
    };
    let first: Value = serde_json::from_str(&format!("{{{}}}", member(0))).unwrap();
    let expected = json!({"Unused0": {"id": "Unused0", "type": "object", "description": description,
                          "properties": {"value": {"type": "string", "description": description}}}});
    assert_eq!(first, expected);
    let members: String = (0..12_000).map(|index| member(index) + ",").collect();
    let base = serde_json::to_string(&base_document()).unwrap();
    assert_eq!(base.matches(r#""schemas":{"#).count(), 1);
    let text = base.replacen(r#""schemas":{"#, &format!(r#""schemas":{{{members}"#), 1);
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let only_operations = Selection::Resources(vec!["projects.operations".into()]);
    let large = run(text, only_operations.clone()).unwrap().unwrap();
    let small = run(base_text(), only_operations).unwrap().unwrap();
    assert_eq!(large, small);
}

/// The error serde_json reports for `text` read as a discovery document, if
/// any: what the generator must pass on, in serde_json's words, for a fault
/// the parser finds.
fn parser_error(text: &str) -> Option<serde_json::Error> {
    serde_json::from_str::<RestDescription>(text).err()
}

/// What is wrong with `case`'s outcome, if anything.
fn check(case: &Case) -> Result<(), String> {
    let text = match case.doc {
        Mutate(mutate) => {
            let mut document = base_document();
            mutate(&mut document);
            serde_json::to_string_pretty(&document).unwrap()
        }
        Raw(make) => make(&base_text()),
    };
    let selection = match case.pick {
        Pick::Only(dotted) => Selection::Resources(vec![dotted.to_owned()]),
        Pick::All => Selection::All,
    };
    let parser = parser_error(&text);
    let error = match run(text, selection) {
        Err(panic) => return Err(format!("panicked: {panic}")),
        Ok(Ok(_)) => return Err("generated a crate".to_owned()),
        Ok(Err(error)) => error,
    };
    let mut problems = Vec::new();
    if error.file != FILE {
        problems.push(format!("file is {:?}, expected {FILE:?}", error.file));
    }
    if error.json_path != case.json_path {
        problems.push(format!(
            "json_path is {:?}, expected {:?}",
            error.json_path, case.json_path
        ));
    }
    match (case.says, parser) {
        (Says::Ours(message), _) if !error.message.contains(message) => {
            problems.push(format!("message lacks {message:?}"));
        }
        (Says::Ours(_), _) => {}
        (Says::Parser(_), None) => problems.push("serde_json accepts the text".to_owned()),
        (Says::Parser(category), Some(parser)) => {
            if parser.classify() != category {
                problems.push(format!(
                    "serde_json's error is of kind {:?}, expected {category:?}",
                    parser.classify()
                ));
            }
            if error.message != parser.to_string() {
                problems.push(format!("message is not serde_json's {parser:?}"));
            }
        }
    }
    let display = error.to_string();
    if display.lines().count() > 2 {
        problems.push(format!("Display has {} lines", display.lines().count()));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let display = display.replace('\n', "\\n");
        Err(format!("{} (error: {display})", problems.join("; ")))
    }
}

#[test]
fn bad_documents_are_rejected_with_path_and_message() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(problem) = check(case) {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

/// `format` values the generator does not know leave the type a `String`:
/// the crate is the same as without them.
#[test]
fn unknown_string_format_falls_back_to_string() {
    let mut document = base_document();
    at(&mut document, "schemas.Operation.properties.name")["format"] = json!("uuid");
    cancel(&mut document)["parameters"]["name"]["format"] = json!("uuid");
    let text = serde_json::to_string(&document).unwrap();
    for selection in [
        Selection::Resources(vec!["projects.operations".into()]),
        Selection::All,
    ] {
        let generate = |text: String| match run(text, selection.clone()) {
            Ok(Ok(files)) => files,
            Ok(Err(error)) => panic!("{selection:?}: {error}"),
            Err(panic) => panic!("{selection:?}: panicked: {panic}"),
        };
        let with_uuid = generate(text.clone());
        let without = generate(base_text());
        assert_eq!(with_uuid, without, "{selection:?}");
    }
}

/// Runs the generator on a thread with the default stack size, so that a
/// stack overflow would abort the test rather than pass on a big main stack.
fn run_on_default_stack(text: String) -> Result<Result<Files, Error>, String> {
    thread::spawn(move || run(text, Selection::All))
        .join()
        .expect("the generator thread ends")
}

/// The base document with `key: null` (the only such pair) replaced by `nested`.
fn with_nested(key: &str, place: fn(&mut Value) -> &mut Value, nested: &str) -> String {
    let mut document = base_document();
    place(&mut document)[key] = json!(null);
    let text = serde_json::to_string(&document).unwrap();
    let null = format!("{key:?}:null");
    assert_eq!(text.matches(&null).count(), 1, "{null}");
    text.replacen(&null, &format!("{key:?}:{nested}"), 1)
}

/// Whether a nesting case must fail, and with what.
enum Expect {
    AnyError,
    /// serde_json's nesting limit: its own error, a syntax error, found
    /// deep inside the nested `items` (at least `LIMIT_DEPTH` of them).
    RecursionLimit,
    /// Unknown keys are skipped by serde_json without recursion: accepting
    /// them is fine, overflowing is not.
    NoCrash,
}

/// How deep in nested `items` the nesting limit must stop the parser: far
/// below the 100,000 levels of the documents, and close to serde_json's
/// limit of 128 levels in all, which counts the levels above the items too.
const LIMIT_DEPTH: usize = 100;

/// Whether `error` is the nesting limit of the parser: serde_json's error
/// for the same text, a syntax error, and at a JSON path deep in `items`.
fn is_nesting_limit(error: &Error, parser: Option<&serde_json::Error>) -> bool {
    parser.is_some_and(|parser| {
        parser.classify() == Category::Syntax
            && error.message == parser.to_string()
            && error.json_path.matches(".items").count() >= LIMIT_DEPTH
    })
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let brackets = "[".repeat(DEPTH);
    let balanced = format!("{brackets}{}", "]".repeat(DEPTH));
    let items = format!(
        "{}{{\"type\":\"string\"}}{}",
        "{\"type\":\"array\",\"items\":".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let root: fn(&mut Value) -> &mut Value = |d| d;
    let schemas: fn(&mut Value) -> &mut Value = |d| at(d, "schemas");
    let parameter: fn(&mut Value) -> &mut Value = |d| at(d, &format!("{CANCEL}.parameters.name"));
    let cases = [
        ("unclosed brackets", brackets.clone(), Expect::AnyError),
        ("balanced brackets", balanced.clone(), Expect::AnyError),
        (
            "unclosed brackets under an unknown key",
            with_nested("x-nested", root, &brackets),
            Expect::AnyError,
        ),
        (
            "balanced brackets under an unknown key",
            with_nested("x-nested", root, &balanced),
            Expect::NoCrash,
        ),
        (
            "array items in a schema",
            with_nested("Deep", schemas, &items),
            Expect::RecursionLimit,
        ),
        (
            "balanced brackets under an unknown key of a parameter",
            with_nested("x-nested", parameter, &balanced),
            Expect::NoCrash,
        ),
        (
            "array items in a parameter",
            with_nested("items", parameter, &items),
            Expect::RecursionLimit,
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, expect) in cases {
        let parser = match expect {
            Expect::RecursionLimit => {
                let text = text.clone();
                let parse = thread::spawn(move || parser_error(&text));
                parse.join().expect("the parser thread ends")
            }
            _ => None,
        };
        let outcome = match run_on_default_stack(text) {
            Err(panic) => Err(format!("panicked: {panic}")),
            Ok(Ok(_)) if matches!(expect, Expect::NoCrash) => Ok(()),
            Ok(Ok(_)) => Err("generated a crate".to_owned()),
            Ok(Err(error)) => {
                let display = error.to_string();
                if error.file != FILE {
                    Err(format!("file is {:?}: {display}", error.file))
                } else if display.lines().count() > 2 {
                    Err(format!("Display has more than 2 lines: {display:?}"))
                } else if matches!(expect, Expect::RecursionLimit)
                    && !is_nesting_limit(&error, parser.as_ref())
                {
                    Err(format!("not the recursion limit: {display}"))
                } else {
                    Ok(())
                }
            }
        };
        if let Err(problem) = outcome {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
