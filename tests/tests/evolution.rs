//! Which changes of a discovery document break downstream code, shown by
//! the compiler: a program written against the Earth Engine v1 document
//! (revision A, `tests/fixtures/evolution/user.rs`) is compiled with
//! `cargo check` against crates generated from edited copies of it.
//! Additive edits must leave it compiling; each breaking edit must stop it,
//! with the error the edit explains.
//!
//! One crate directory and one target directory serve every revision, so
//! each check recompiles only the generated crate and the program. That
//! test runs cargo, so it is ignored by default; CI (`.ci/run`) runs it with
//! `cargo test --workspace -- --include-ignored`. The other tests here
//! stay in memory and always run.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{Input, Options, Selection};
use serde_json::{json, Value};

/// An edit of the document, applied to revision A.
struct Edit {
    name: &'static str,
    apply: fn(&mut Value),
}

fn operations(document: &mut Value) -> &mut Value {
    &mut document["resources"]["projects"]["resources"]["operations"]
}

/// Edits a regeneration may bring that must not break downstream code.
const ADDITIVE: &[Edit] = &[
    Edit {
        name: "a list response gains a side list",
        apply: |d| {
            d["schemas"]["ListOperationsResponse"]["properties"]["unreachable"] =
                json!({"type": "array", "items": {"type": "string"}})
        },
    },
    Edit {
        name: "a new optional field on Operation",
        apply: |d| d["schemas"]["Operation"]["properties"]["newField"] = json!({"type": "string"}),
    },
    Edit {
        name: "a new enum value",
        apply: |d| push(&mut d["parameters"]["alt"], "yaml", "YAML."),
    },
    Edit {
        name: "a new optional query parameter on list",
        apply: |d| {
            operations(d)["methods"]["list"]["parameters"]["newFilter"] =
                json!({"type": "string", "location": "query"})
        },
    },
    Edit {
        name: "a new method on operations",
        apply: |d| {
            let mut archive = operations(d)["methods"]["get"].clone();
            archive["id"] = json!("earthengine.projects.operations.archive");
            archive["path"] = json!("v1/{+name}:archive");
            archive["httpMethod"] = json!("POST");
            operations(d)["methods"]["archive"] = archive;
        },
    },
    Edit {
        name: "a new schema",
        apply: |d| {
            d["schemas"]["Archive"] = json!({"id": "Archive", "type": "object", "properties": {"name": {"type": "string"}}})
        },
    },
    Edit {
        name: "a new resource",
        apply: |d| {
            let mut get = operations(d)["methods"]["get"].clone();
            get["id"] = json!("earthengine.projects.archives.get");
            d["resources"]["projects"]["resources"]["archives"] = json!({"methods": {"get": get}});
        },
    },
];

/// Edits that break downstream code, each with a piece of the error it causes.
const BREAKING: &[(Edit, &str)] = &[
    (
        Edit {
            name: "a list response gains a list named items",
            apply: |d| {
                d["schemas"]["ListOperationsResponse"]["properties"]["items"] =
                    json!({"type": "array", "items": {"type": "string"}})
            },
        },
        "no field `name` on type `String`",
    ),
    (
        Edit {
            name: "a list response loses its next page token",
            apply: |d| {
                remove(
                    &mut d["schemas"]["ListOperationsResponse"]["properties"],
                    "nextPageToken",
                )
            },
        },
        "the method `items` exists for struct `Call",
    ),
    (
        Edit {
            name: "an empty request body gains a property",
            apply: |d| {
                d["schemas"]["CancelOperationRequest"]["properties"] =
                    json!({"reason": {"type": "string"}})
            },
        },
        "takes 2 arguments but 1 argument was supplied",
    ),
    (
        Edit {
            name: "a removed field",
            apply: |d| remove(&mut d["schemas"]["Operation"]["properties"], "done"),
        },
        "no method named `with_done`",
    ),
    (
        Edit {
            name: "a field whose type changed",
            apply: |d| d["schemas"]["Operation"]["properties"]["done"] = json!({"type": "string"}),
        },
        "mismatched types",
    ),
    (
        Edit {
            name: "a new required parameter",
            apply: |d| {
                operations(d)["methods"]["list"]["parameters"]["parent"] =
                    json!({"type": "string", "location": "query", "required": true})
            },
        },
        "takes 2 arguments but 1 argument was supplied",
    ),
    (
        Edit {
            name: "a removed method",
            apply: |d| remove(&mut operations(d)["methods"], "wait"),
        },
        "no method named `wait`",
    ),
    (
        Edit {
            name: "a removed enum value",
            apply: |d| {
                let alt = &mut d["parameters"]["alt"];
                alt["enum"] = json!(["json", "media"]);
                alt["enumDescriptions"] = json!(["JSON.", "Media."]);
            },
        },
        "no variant or associated item named `Proto`",
    ),
];

fn push(parameter: &mut Value, value: &str, description: &str) {
    parameter["enum"].as_array_mut().unwrap().push(json!(value));
    parameter["enumDescriptions"]
        .as_array_mut()
        .unwrap()
        .push(json!(description));
}

fn remove(object: &mut Value, key: &str) {
    assert!(
        object.as_object_mut().unwrap().remove(key).is_some(),
        "{key} is not in the document"
    );
}

#[test]
#[ignore = "compiles whole generated crates; run with --ignored (CI does)"]
fn additive_changes_keep_downstream_code_compiling_and_breaking_ones_stop_it() {
    let root = integration_tests::repository_root();
    let text = std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap();
    let revision_a: Value = serde_json::from_str(&text).unwrap();
    let workspace = root.join("target/evolution");
    write_user_crate(&workspace, &root);

    let check_a = check(&workspace, &revision_a);
    assert!(check_a.is_ok(), "revision A:\n{}", check_a.unwrap_err());

    let mut revision_b = revision_a.clone();
    for edit in ADDITIVE {
        (edit.apply)(&mut revision_b);
    }
    let generated = generate(&revision_b);
    for item in [
        "with_new_field",
        "Yaml",
        "with_new_filter",
        "fn archive",
        "pub struct Archive",
        "pub mod archives",
    ] {
        assert!(generated.contains(item), "revision B has no `{item}`");
    }
    let names: Vec<_> = ADDITIVE.iter().map(|edit| edit.name).collect();
    if let Err(errors) = check(&workspace, &revision_b) {
        panic!(
            "revision B ({}) breaks the program:\n{errors}",
            names.join(", ")
        );
    }

    for (edit, expected) in BREAKING {
        let mut revision = revision_a.clone();
        (edit.apply)(&mut revision);
        match check(&workspace, &revision) {
            Ok(()) => panic!("{} did not break the program", edit.name),
            Err(errors) => assert!(
                errors.contains(expected),
                "{} broke the program, but not with {expected:?}:\n{errors}",
                edit.name
            ),
        }
    }
}

/// The source of the document's version module, all its files in one.
fn generate(document: &Value) -> String {
    generated_files(document)
        .into_iter()
        .filter(|(path, _)| path.starts_with("src/v1/"))
        .map(|(_, source)| source)
        .collect()
}

fn generated_files(document: &Value) -> codegen::Files {
    let input = Input {
        file: "earthengine.v1.json (edited)".to_owned(),
        text: serde_json::to_string_pretty(document).unwrap(),
    };
    let options = Options {
        crate_name: "api".to_owned(),
        selection: Selection::All,
        standalone: false,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"))
}

/// A workspace of two crates: the program, and beside it `api/`, the
/// generated crate with its `projects` resource and its HTTP client, whose
/// polling helpers the program calls.
fn write_user_crate(workspace: &Path, root: &Path) {
    std::fs::create_dir_all(workspace.join("src")).unwrap();
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\napi = { path = \"api\", default-features = false, features = [\"projects\", \"client\"] }\n\n[workspace]\n",
    )
    .unwrap();
    let program = std::fs::read_to_string(root.join("tests/fixtures/evolution/user.rs")).unwrap();
    std::fs::write(workspace.join("src/lib.rs"), program).unwrap();
}

/// Writes the crate generated from `document` and checks the program
/// against it; the compiler's errors on failure.
fn check(workspace: &Path, document: &Value) -> Result<(), String> {
    let api = workspace.join("api");
    let _ = std::fs::remove_dir_all(&api);
    for (path, text) in generated_files(document) {
        let path: PathBuf = api.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(workspace)
        .env(
            "CARGO_TARGET_DIR",
            workspace.with_file_name("evolution-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// The API diff of revision A against `revision`.
fn diff(revision_a: &Value, revision: &Value) -> codegen::diff::Report {
    let input = |name: &str, document: &Value| Input {
        file: name.to_owned(),
        text: serde_json::to_string_pretty(document).unwrap(),
    };
    codegen::diff::diff_documents(&input("A", revision_a), &input("B", revision)).unwrap()
}

/// The diff calls each additive edit additive and each breaking edit
/// breaking, as the compiler does in the test above.
#[test]
fn the_api_diff_classifies_edits_as_the_compiler_does() {
    let root = integration_tests::repository_root();
    let text = std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap();
    let revision_a: Value = serde_json::from_str(&text).unwrap();
    for edit in ADDITIVE {
        let mut revision = revision_a.clone();
        (edit.apply)(&mut revision);
        let report = diff(&revision_a, &revision);
        assert!(!report.is_breaking(), "{}: {:?}", edit.name, report.changes);
        assert!(
            report.counts().additive > 0,
            "{}: {:?}",
            edit.name,
            report.changes
        );
    }
    for (edit, _) in BREAKING {
        let mut revision = revision_a.clone();
        (edit.apply)(&mut revision);
        let report = diff(&revision_a, &revision);
        assert!(report.is_breaking(), "{}: {:?}", edit.name, report.changes);
    }
}

/// The generated files of `document` but its model.
fn files_outside_model(document: &Value) -> codegen::Files {
    let mut files = generated_files(document);
    files.retain(|path, _| !path.starts_with("src/v1/model"));
    files
}

#[test]
fn schemas_named_like_generator_items_move_no_name() {
    let root = integration_tests::repository_root();
    let text = std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap();
    let before: Value = serde_json::from_str(&text).unwrap();
    let mut after = before.clone();
    for name in [
        "Client",
        "Api",
        "StandardParameters",
        "StandardParametersAlt",
        "Projects",
    ] {
        after["schemas"][name] = json!({
            "id": name,
            "type": "object",
            "properties": {"name": {"type": "string"}},
        });
    }
    let generated = generate(&after);
    for name in ["Client", "Api", "StandardParameters", "Projects"] {
        let item = format!("pub struct {name} {{");
        assert!(
            generated.contains(&item),
            "no schema type `{name}` in the model"
        );
    }
    assert_eq!(files_outside_model(&before), files_outside_model(&after));
}

/// Documents by blob id, as git would give them back.
struct Documents(std::collections::BTreeMap<String, String>);

impl codegen::versions::DocumentStore for Documents {
    fn text(&self, id: &str) -> Option<String> {
        self.0.get(id).cloned()
    }
}

/// The version after regenerating revision A's crate (at `version`) from
/// `revision`, and the class of the change.
fn bump(version: &str, revision_a: &Value, revision: &Value) -> (String, Option<Change>) {
    let input = |document: &Value| Input {
        file: "discovery/earthengine.v1.json".to_owned(),
        text: serde_json::to_string_pretty(document).unwrap(),
    };
    let (a, b) = (input(revision_a), input(revision));
    let store = Documents([(versions::blob_id(&a.text), a.text.clone())].into());
    let mut base = versions::cut(None, std::slice::from_ref(&a), &Selection::All, &store).unwrap();
    base.version = version.to_owned();
    let cut = versions::cut(Some(&base), &[b], &Selection::All, &store).unwrap();
    let change = cut.releases.last().and_then(|release| release.change);
    if cut == base {
        return (cut.version, None);
    }
    (cut.version, change)
}

use codegen::versions::{self, Change};

/// Each class of edit bumps the version as the API diff classifies it,
/// before and after 1.0.
#[test]
fn versions_follow_the_class_of_each_edit() {
    let root = integration_tests::repository_root();
    let text = std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap();
    let a: Value = serde_json::from_str(&text).unwrap();
    let revision = a["revision"].as_str().unwrap().to_owned();
    let edited = |apply: &dyn Fn(&mut Value)| {
        let mut b = a.clone();
        apply(&mut b);
        b["revision"] = json!("20991231");
        b
    };
    for edit in ADDITIVE {
        let b = edited(&|d| (edit.apply)(d));
        let expected = (("0.1.1+20991231", "1.3.0+20991231"), Some(Change::Additive));
        assert_eq!(
            bump("0.1.0", &a, &b),
            (expected.0 .0.to_owned(), expected.1),
            "{}",
            edit.name
        );
        assert_eq!(
            bump("1.2.7", &a, &b),
            (expected.0 .1.to_owned(), expected.1),
            "{}",
            edit.name
        );
    }
    for (edit, _) in BREAKING {
        let b = edited(&|d| (edit.apply)(d));
        let breaking = Some(Change::Breaking);
        assert_eq!(
            bump("0.1.4", &a, &b),
            ("0.2.0+20991231".to_owned(), breaking),
            "{}",
            edit.name
        );
        assert_eq!(
            bump("1.2.7", &a, &b),
            ("2.0.0+20991231".to_owned(), breaking),
            "{}",
            edit.name
        );
    }
    let behaviour = edited(&|d| {
        operations(d)["methods"]["get"]["parameters"]["name"]["pattern"] =
            json!("^projects/[^/]+/operations/[^/]+$")
    });
    assert_eq!(
        bump("1.2.7", &a, &behaviour),
        ("1.2.8+20991231".to_owned(), Some(Change::Behaviour))
    );
    let documentation = edited(&|d| d["schemas"]["Operation"]["description"] = json!("Reworded."));
    assert_eq!(
        bump("1.2.7", &a, &documentation),
        ("1.2.8+20991231".to_owned(), Some(Change::Documentation))
    );
    // A new revision with the same API and descriptions: the build
    // metadata only, since crates.io sees `1.2.7+a` and `1.2.7+b` as one.
    let revision_only = edited(&|_| {});
    assert_eq!(
        bump("1.2.7", &a, &revision_only),
        ("1.2.7+20991231".to_owned(), Some(Change::Revision))
    );
    // The same document: no new version.
    assert_eq!(bump("1.2.7", &a, &a), ("1.2.7".to_owned(), None));
    assert_ne!(revision, "20991231");
}

/// A declared change of the generator or the runtime bumps a crate whose
/// documents did not change.
#[test]
fn a_raised_api_level_bumps_without_a_document_change() {
    let root = integration_tests::repository_root();
    let text = std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap();
    let input = Input {
        file: "discovery/earthengine.v1.json".to_owned(),
        text,
    };
    let store = Documents(Default::default());
    let documents = std::slice::from_ref(&input);
    let level = versions::API_LEVEL;
    let base = versions::cut_at(level, None, documents, &Selection::All, &store).unwrap();
    let mut raised = level;
    raised.additive += 1;
    let additive =
        versions::cut_at(raised, Some(&base), documents, &Selection::All, &store).unwrap();
    assert_eq!(
        additive.releases.last().unwrap().change,
        Some(Change::Additive)
    );
    raised.breaking += 1;
    let breaking =
        versions::cut_at(raised, Some(&additive), documents, &Selection::All, &store).unwrap();
    assert_eq!(
        breaking.releases.last().unwrap().change,
        Some(Change::Breaking)
    );
    assert_eq!(
        [&base.version, &additive.version, &breaking.version].map(|v| v
            .split('+')
            .next()
            .unwrap()
            .to_owned()),
        ["0.1.0", "0.1.1", "0.2.0"]
    );
}

/// A narrower selection of resources is a breaking change even when the
/// document is the same, and a wider one an additive change.
#[test]
fn a_changed_selection_of_resources_bumps_the_version() {
    let root = integration_tests::repository_root();
    let text =
        std::fs::read_to_string(root.join("tests/fixtures/discovery/datastore.v1.json")).unwrap();
    let input = Input {
        file: "tests/fixtures/discovery/datastore.v1.json".to_owned(),
        text,
    };
    let documents = std::slice::from_ref(&input);
    let store = Documents(Default::default());
    let all = versions::cut(None, documents, &Selection::All, &store).unwrap();
    let narrow = Selection::Resources(vec!["projects.operations".to_owned()]);
    let narrowed = versions::cut(Some(&all), documents, &narrow, &store).unwrap();
    assert_eq!(
        narrowed.releases.last().unwrap().change,
        Some(Change::Breaking)
    );
    assert!(
        narrowed.version.starts_with("0.2.0+"),
        "{}",
        narrowed.version
    );
    let widened = versions::cut(Some(&narrowed), documents, &Selection::All, &store).unwrap();
    assert_eq!(
        widened.releases.last().unwrap().change,
        Some(Change::Additive)
    );
    // The same selection again: no new version.
    assert_eq!(
        versions::cut(Some(&widened), documents, &Selection::All, &store).unwrap(),
        widened
    );
}
