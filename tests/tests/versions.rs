//! Versions cut by `cargo xtask codegen` in a repository of its own: the
//! first version, a bump that follows the API diff once per commit, the
//! changelog, and `--check` failing when the record was not bumped.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::files::{self, Failure};
use serde_json::{json, Value};

/// A scratch git repository with the Earth Engine v1 document and a config
/// of one crate.
struct Repository {
    root: PathBuf,
}

impl Repository {
    fn new(name: &str) -> Repository {
        let root =
            std::env::temp_dir().join(format!("codegen-versions-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("discovery")).unwrap();
        let repository = Repository { root };
        repository.git(&["init", "--quiet"]);
        let source = integration_tests::repository_root().join("discovery/earthengine.v1.json");
        std::fs::copy(source, repository.document()).unwrap();
        let config = "[[crate]]\nname = \"ee\"\nout = \"out/ee\"\n\
                      documents = [\"discovery/earthengine.v1.json\"]\n\
                      resources = [\"projects.operations\"]\n";
        std::fs::write(repository.root.join("discovery/crates.toml"), config).unwrap();
        repository
    }

    fn document(&self) -> PathBuf {
        self.root.join("discovery/earthengine.v1.json")
    }

    fn edit(&self, apply: impl FnOnce(&mut Value)) {
        let mut document: Value =
            serde_json::from_str(&std::fs::read_to_string(self.document()).unwrap()).unwrap();
        apply(&mut document);
        std::fs::write(
            self.document(),
            serde_json::to_string_pretty(&document).unwrap(),
        )
        .unwrap();
    }

    /// `cargo xtask codegen`: the version it cut.
    fn regenerate(&self) -> String {
        let configured = files::configured_crates(&self.root).unwrap_or_else(|e| panic!("{e}"));
        files::write_configured(&self.root, &configured).unwrap_or_else(|e| panic!("{e}"));
        configured.crates[0].record.version.clone()
    }

    /// `cargo xtask codegen --check`.
    fn check(&self) -> Result<(), Failure> {
        let configured = files::configured_crates(&self.root)?;
        files::check_configured(&self.root, &configured)
    }

    fn commit(&self) {
        self.git(&["add", "--all"]);
        self.git(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "--quiet",
            "-m",
            "x",
        ]);
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }
}

impl Drop for Repository {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn revision(root: &Path) -> String {
    let document: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("discovery/earthengine.v1.json")).unwrap(),
    )
    .unwrap();
    document["revision"].as_str().unwrap().to_owned()
}

#[test]
fn versions_are_cut_once_per_commit_and_check_catches_a_missing_bump() {
    let repository = Repository::new("bump");
    let first = repository.regenerate();
    assert_eq!(first, format!("0.1.0+{}", revision(&repository.root)));
    assert!(repository
        .read("out/ee/Cargo.toml")
        .contains(&format!("version = \"{first}\"")));
    repository.check().unwrap_or_else(|e| panic!("{e}"));
    repository.commit();

    // A new optional field: additive, so the patch before 1.0.
    repository.edit(|d| {
        d["schemas"]["Operation"]["properties"]["newField"] = json!({"type": "string"});
        d["revision"] = json!("20991231");
    });
    let stale_record = repository.read("discovery/versions.toml");
    assert_eq!(repository.regenerate(), "0.1.1+20991231");
    // Regenerating again before the commit cuts no second version.
    assert_eq!(repository.regenerate(), "0.1.1+20991231");
    repository.check().unwrap_or_else(|e| panic!("{e}"));
    let changelog = repository.read("out/ee/CHANGELOG.md");
    assert!(
        changelog.contains("## 0.1.1+20991231 — additive"),
        "{changelog}"
    );
    assert!(
        changelog.contains("`v1::model::Operation::new_field`: new property"),
        "{changelog}"
    );
    assert!(
        changelog.find("0.1.1+").unwrap() < changelog.find("0.1.0+").unwrap(),
        "{changelog}"
    );

    // The crate regenerated, the record not: --check fails on the record.
    std::fs::write(
        repository.root.join("discovery/versions.toml"),
        &stale_record,
    )
    .unwrap();
    let error = repository.check().unwrap_err().to_string();
    assert!(
        error
            .contains("discovery/versions.toml: the recorded versions do not follow the documents"),
        "{error}"
    );
    repository.regenerate();
    repository.commit();

    // A removed method: breaking, so the minor before 1.0, from the
    // committed 0.1.1.
    repository.edit(|d| {
        d["resources"]["projects"]["resources"]["operations"]["methods"]
            .as_object_mut()
            .unwrap()
            .remove("wait");
    });
    assert_eq!(repository.regenerate(), "0.2.0+20991231");
    let record = repository.read("discovery/versions.toml");
    assert_eq!(
        record.matches("[[crate.ee.release]]").count(),
        3,
        "{record}"
    );
}
