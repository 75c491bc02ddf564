//! The API diff (`codegen::diff`): reports between the Earth Engine versions
//! and between a fixture document and a revision of it made by documented
//! edits here, locked with insta; a document against itself; symmetry.

use codegen::diff::{diff_documents, Effect, Format};
use codegen::Input;
use serde_json::{json, Value};

fn input(file: &str, text: String) -> Input {
    Input {
        file: file.to_owned(),
        text,
    }
}

fn committed(path: &str) -> Input {
    let text = std::fs::read_to_string(integration_tests::repository_root().join(path)).unwrap();
    input(path, text)
}

fn datastore() -> Value {
    let text = committed("tests/fixtures/discovery/datastore.v1.json").text;
    serde_json::from_str(&text).unwrap()
}

/// A later revision of Datastore v1, by documented edits: one of each kind
/// of change the report knows.
fn datastore_revised() -> Value {
    let mut d = datastore();
    let projects = &mut d["resources"]["projects"];
    // A method removed, a parameter added as required, a pattern changed.
    projects["methods"]
        .as_object_mut()
        .unwrap()
        .remove("reserveIds");
    projects["methods"]["lookup"]["parameters"]["region"] =
        json!({"type": "string", "location": "query", "required": true});
    projects["methods"]["lookup"]["httpMethod"] = json!("PUT");
    // A new optional parameter and a new method.
    projects["methods"]["runQuery"]["parameters"]["trace"] =
        json!({"type": "boolean", "location": "query"});
    let mut export = projects["methods"]["export"].clone();
    export["id"] = json!("datastore.projects.exportLater");
    projects["methods"]["exportLater"] = export;
    // Schemas: a property removed, one retyped, one added, an enum value
    // added and one removed, a description changed, a new schema.
    let schemas = &mut d["schemas"];
    schemas["Key"]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("partitionId");
    schemas["PathElement"]["properties"]["id"] = json!({"type": "integer", "format": "int32"});
    schemas["Entity"]["properties"]["revision"] = json!({"type": "string"});
    let mode = &mut schemas["CommitRequest"]["properties"]["mode"];
    mode["enum"].as_array_mut().unwrap().push(json!("EVENTUAL"));
    mode["enumDescriptions"]
        .as_array_mut()
        .unwrap()
        .push(json!("Later."));
    let consistency = &mut schemas["ReadOptions"]["properties"]["readConsistency"];
    consistency["enum"]
        .as_array_mut()
        .unwrap()
        .retain(|v| v != "EVENTUAL");
    schemas["Query"]["description"] = json!("A query, described anew.");
    schemas["Trace"] =
        json!({"id": "Trace", "type": "object", "properties": {"id": {"type": "string"}}});
    d
}

fn text(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

#[test]
fn earth_engine_v1beta_to_v1() {
    let report = diff_documents(
        &committed("discovery/earthengine.v1beta.json"),
        &committed("discovery/earthengine.v1.json"),
    )
    .unwrap();
    insta::assert_snapshot!(report.render(Format::Text));
}

#[test]
fn earth_engine_v1alpha_to_v1beta() {
    let report = diff_documents(
        &committed("discovery/earthengine.v1alpha.json"),
        &committed("discovery/earthengine.v1beta.json"),
    )
    .unwrap();
    insta::assert_snapshot!(report.render(Format::Markdown));
}

#[test]
fn datastore_revision() {
    let report = diff_documents(
        &input("datastore.v1.json", text(&datastore())),
        &input("datastore.v1.revised.json", text(&datastore_revised())),
    )
    .unwrap();
    assert!(report.is_breaking());
    insta::assert_snapshot!(report.render(Format::Text));
    let json: Value = serde_json::from_str(&report.render(Format::Json)).unwrap();
    assert_eq!(json["counts"]["breaking"], report.counts().breaking);
    assert_eq!(
        json["changes"].as_array().unwrap().len(),
        report.changes.len()
    );
}

#[test]
fn a_document_against_itself_has_no_changes() {
    for path in [
        "discovery/earthengine.v1.json",
        "tests/fixtures/discovery/datastore.v1.json",
        "tests/fixtures/discovery/translate.v3.json",
        "tests/fixtures/corner-cases/cornercases.v1.json",
    ] {
        let report = diff_documents(&committed(path), &committed(path)).unwrap();
        assert!(report.changes.is_empty(), "{path}: {:?}", report.changes);
        assert_eq!(report.documentation, 0, "{path}");
    }
}

#[test]
fn the_diff_is_symmetric_in_what_it_finds() {
    let (old, new) = (text(&datastore()), text(&datastore_revised()));
    let forward = diff_documents(&input("a", old.clone()), &input("b", new.clone())).unwrap();
    let backward = diff_documents(&input("b", new), &input("a", old)).unwrap();
    let added = |report: &codegen::diff::Report, reason: &str| -> Vec<String> {
        let mut items: Vec<String> = report
            .changes
            .iter()
            .filter(|c| c.reason.starts_with(reason))
            .map(|c| c.item.clone())
            .collect();
        items.sort();
        items
    };
    for (added_reason, removed_reason) in [
        ("new method", "method"),
        ("new type", "type removed"),
        ("new property", "property"),
        ("new enum value", "enum value"),
    ] {
        let forward_added = added(&forward, added_reason);
        let backward_removed: Vec<String> = added(&backward, removed_reason)
            .into_iter()
            .filter(|item| {
                backward.changes.iter().any(|c| {
                    &c.item == item && c.effect == Effect::Breaking && c.reason.contains("removed")
                })
            })
            .collect();
        assert_eq!(forward_added, backward_removed, "{added_reason}");
        assert!(
            !forward_added.is_empty(),
            "the revision has a {added_reason}"
        );
    }
    assert_eq!(forward.documentation, backward.documentation);
}
