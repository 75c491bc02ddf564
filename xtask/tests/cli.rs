//! The command line as users and outside checks call it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    repository_root()
        .join("tests/fixtures/discovery")
        .join(name)
        .display()
        .to_string()
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// A fresh, empty directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = repository_root().join("target/xtask-cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["codegen", "--bogus"],
        &["generate", "--out", "x"],
        &["generate", "--discovery"],
        &["build-cost", "--runs", "0"],
        &["build-cost", "--api", "storage"],
        &["corpus"],
        &["corpus", "dir", "--check", "0"],
        &["corpus", "dir", "--seed", "x"],
    ] {
        let output = xtask(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("usage:"), "{args:?}");
    }
}

#[test]
fn generate_writes_a_standalone_crate() {
    let out = scratch("translate");
    let output = xtask(&[
        "generate",
        "--discovery",
        &fixture("translate.v3.json"),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "translate",
        "--resource",
        "projects.locations.operations",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let cargo_toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("name = \"translate\""));
    assert!(cargo_toml.contains("[workspace]"));
    let module = std::fs::read_to_string(out.join("src/v3/projects.rs")).unwrap();
    assert!(module.contains("pub mod locations"));
    assert!(module.contains("\"translate.projects.locations.operations.wait\""));
    assert!(
        !module.contains("pub mod glossaries"),
        "only the selected resource"
    );
}

#[test]
fn generate_refuses_to_delete_files_it_did_not_write() {
    let out = scratch("foreign");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let output = xtask(&[
        "generate",
        "--discovery",
        &fixture("datastore.v1.json"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("notes.txt"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(!out.join("Cargo.toml").exists());
}

#[test]
fn an_unknown_resource_lists_the_ones_that_exist() {
    let out = scratch("unknown-resource");
    let output = xtask(&[
        "generate",
        "--discovery",
        &fixture("driveactivity.v2.json"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("no resource \"projects.operations\""),
        "{message}"
    );
    assert!(message.contains("it has: activity"), "{message}");
    assert!(!message.contains("panicked"));
    assert!(!out.exists(), "nothing written");
}

/// The corpus check counts what generated, what failed (with the error) and
/// what it skipped, and fails when a document failed.
#[test]
fn corpus_reports_generated_failed_and_skipped_documents() {
    let dir = scratch("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let translate = std::fs::read_to_string(fixture("translate.v3.json")).unwrap();
    std::fs::write(dir.join("translate.v3.json"), translate).unwrap();
    std::fs::write(
        dir.join("broken.v1.json"),
        "{\"kind\": \"discovery#restDescription\"}",
    )
    .unwrap();
    std::fs::write(
        dir.join("index.json"),
        "{\"kind\": \"discovery#directoryList\"}",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a document").unwrap();
    let output = xtask(&["corpus", dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}{}", stderr(&output));
    assert!(
        stdout.contains("broken.v1.json: missing field `name`"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "2 documents, 1 generated, 1 failed, 1 skipped: index.json (kind discovery#directoryList)"
        ),
        "{stdout}"
    );
    assert!(
        stderr(&output).contains("1 of 2 documents failed to generate"),
        "{}",
        stderr(&output)
    );
}
