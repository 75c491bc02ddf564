//! Three generated crates in one program share one runtime: the Earth
//! Engine crate of `generated/` and the crates of two fixture documents
//! (Drive Activity v2, and Cloud Translation v3's `projects.locations`).
//!
//! The program, `tests/fixtures/three-apis/main.rs`, serves the three
//! clients from one token source, sends one `CallOptions` with a call of
//! each and handles the three errors with one function; this test builds and
//! runs it, and checks that cargo resolves one runtime package.
//!
//! The crates are written under `target/three-apis/` and built with the
//! target directory of `fixtures.rs`, so later runs are incremental. Ignored
//! by default for its build time; CI runs it with `--include-ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use codegen::{Input, Options, Selection};

#[test]
#[ignore = "compiles whole generated crates; run with --ignored (CI does)"]
fn three_generated_apis_share_one_runtime_in_one_program() {
    let root = integration_tests::repository_root();
    let dir = root.join("target/three-apis");
    write_api(
        &dir.join("driveactivity"),
        "driveactivity.v2.json",
        Selection::All,
    );
    let locations = Selection::Resources(vec!["projects.locations".to_owned()]);
    write_api(&dir.join("translate"), "translate.v3.json", locations);
    let program = write_program(&dir.join("program"), &root);
    let target = root.join("target/fixture-target");

    let run = cargo(&program, &target, &["run", "--quiet"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("three APIs, one runtime: ok"), "{stdout}");
    for api in ["earthengine", "driveactivity", "translate"] {
        assert!(stdout.contains(&format!("{api}: Service")), "{stdout}");
    }

    // One runtime package in the graph, reached from all three crates.
    let inverted = cargo(
        &program,
        &target,
        &[
            "tree",
            "--invert",
            "google-discovery-runtime",
            "--edges",
            "normal",
        ],
    );
    let inverted = String::from_utf8_lossy(&inverted.stdout);
    let runtime_lines = inverted
        .lines()
        .filter(|line| line.contains("google-discovery-runtime v"))
        .count();
    assert_eq!(runtime_lines, 1, "{inverted}");
    for api in ["earthengine v", "driveactivity v", "translate v"] {
        assert!(inverted.contains(api), "{inverted}");
    }
    let duplicates = cargo(
        &program,
        &target,
        &["tree", "--duplicates", "--edges", "normal"],
    );
    let duplicates = String::from_utf8_lossy(&duplicates.stdout);
    // Each duplicated package heads a tree of its dependents, unindented.
    let duplicated: Vec<&str> = duplicates
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphanumeric()))
        .collect();
    assert!(
        !duplicated
            .iter()
            .any(|line| line.starts_with("google-discovery-runtime ")),
        "{duplicates}"
    );
}

/// Generates the crate of a fixture document into `crate_dir`, depending on
/// the workspace's runtime crate.
fn write_api(crate_dir: &Path, document: &str, selection: Selection) {
    let path = integration_tests::repository_root()
        .join("tests/fixtures/discovery")
        .join(document);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let input = Input {
        file: path.display().to_string(),
        text,
    };
    let name = crate_dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let options = Options {
        crate_name: name,
        selection,
        standalone: true,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    let files = codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"));
    codegen::files::write_crate(crate_dir, &files).unwrap_or_else(|e| panic!("{e}"));
}

/// The program's crate: `main.rs` from the fixtures, the three APIs as path
/// dependencies, and the workspace's lock file, so that it builds with the
/// dependencies the tests were run with.
fn write_program(program: &Path, root: &Path) -> PathBuf {
    let manifest = format!(
        "[package]\nname = \"three-apis\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nearthengine = {{ path = {:?} }}\n\
         driveactivity = {{ path = \"../driveactivity\" }}\ntranslate = {{ path = \"../translate\" }}\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n\n[workspace]\n",
        root.join("generated").display().to_string(),
    );
    let main = std::fs::read_to_string(root.join("tests/fixtures/three-apis/main.rs")).unwrap();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let files = codegen::Files::from([
        ("Cargo.toml".to_owned(), manifest),
        ("Cargo.lock".to_owned(), lock),
        ("src/main.rs".to_owned(), main),
    ]);
    codegen::files::write_crate(program, &files).unwrap_or_else(|e| panic!("{e}"));
    program.to_owned()
}

/// Runs cargo in `dir` and returns its output; fails the test if cargo does.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
