//! The scratch workspace: our crates generated into it, the crate that
//! depends on the peers, and the lines and methods of what is measured.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::files;
use codegen::{Files, Options, Selection};

use super::cargo::Mode;
use super::report::Row;
use super::{progress, Api, Peer, COMPUTE_FEATURE, PEERS};
use xtask::Failure;

/// A crate to measure.
#[derive(Debug, Clone)]
pub(super) struct Subject {
    /// How the tables name it.
    pub(super) label: String,
    /// Its package name, for `-p`.
    pub(super) package: String,
    /// `--features` and the like.
    pub(super) features: Vec<String>,
    /// Lines of Rust in its sources.
    pub(super) lines: usize,
    pub(super) methods: Option<usize>,
    pub(super) ours: bool,
}

impl Subject {
    /// The peer crate, whose label and lines are known once it is
    /// downloaded (see [`Plan::resolve_peer`]).
    fn peer(peer: Peer) -> Self {
        Subject {
            label: peer.name.to_owned(),
            package: peer.name.to_owned(),
            features: Vec::new(),
            lines: 0,
            methods: peer.methods,
            ours: false,
        }
    }

    pub(super) fn cargo_args(&self, mode: Mode) -> Vec<&str> {
        let mut args = vec![mode.command(), "-p", &self.package];
        args.extend(self.features.iter().map(String::as_str));
        args
    }
}

/// One API's crates and their measurements.
pub(super) struct Plan {
    pub(super) api: Api,
    pub(super) peer: Peer,
    /// Ours (in one or two variants), then the peer, whose label and lines
    /// come from `cargo metadata` once it is downloaded.
    pub(super) rows: Vec<Row>,
    /// What was not measured, and why; printed under the table.
    pub(super) notes: Vec<String>,
}

impl Plan {
    pub(super) fn resolve_peer(&mut self, metadata: &serde_json::Value) -> Result<(), Failure> {
        let name = self.peer.name;
        let (version, manifest) = package_in_metadata(metadata, name).ok_or_else(|| {
            Failure::Command(format!(
                "`cargo metadata` does not list {name}, which {PEERS} depends on"
            ))
        })?;
        let src = manifest.parent().unwrap_or(Path::new(".")).join("src");
        let lines = rust_lines_in(&src)?;
        if let Some(peer) = self.rows.iter_mut().find(|row| !row.subject.ours) {
            peer.subject.label = format!("{name} {version}");
            peer.subject.lines = lines;
        }
        Ok(())
    }
}

/// Generates our crate for `api` into the scratch workspace.
pub(super) fn prepare(root: &Path, scratch: &Path, api: Api) -> Result<Plan, Failure> {
    let (document, files) = generate(root, scratch, api)?;
    let name = api.crate_name();
    let lines = generated_rust_lines(&files);
    let mut notes = Vec::new();
    let mut subjects = vec![Subject {
        label: format!("{name} (all resources)"),
        package: name.clone(),
        features: Vec::new(),
        lines,
        methods: Some(count_methods(&document)),
        ours: true,
    }];
    if api == Api::Compute {
        let cargo_toml = files.get("Cargo.toml").map_or("", String::as_str);
        match one_feature_variant(&name, cargo_toml, &document, lines) {
            Ok(subject) => subjects.push(subject),
            Err(note) => {
                eprintln!("note: {note}");
                notes.push(note);
            }
        }
    }
    let peer = api.peer();
    subjects.push(Subject::peer(peer));
    Ok(Plan {
        api,
        peer,
        rows: subjects.into_iter().map(Row::new).collect(),
        notes,
    })
}

/// Reads the document of `api` and writes our crate for it into the
/// scratch workspace; returns the document and the generated files.
fn generate(root: &Path, scratch: &Path, api: Api) -> Result<(serde_json::Value, Files), Failure> {
    let path = root.join(api.document());
    let input = files::read_input(&path, api.document())?;
    let document: serde_json::Value = serde_json::from_str(&input.text)
        .map_err(|error| Failure::Command(format!("{}: {error}", path.display())))?;
    let name = api.crate_name();
    progress(format_args!("generating {name} from {}", api.document()));
    let options = Options {
        crate_name: name.clone(),
        selection: Selection::All,
        standalone: false,
        runtime_path: root.join("codegen/runtime").display().to_string(),
        package: Default::default(),
    };
    let files = codegen::generate(&[input], &options)?;
    files::write_crate(&scratch.join(&name), &files)?;
    Ok((document, files))
}

/// Our crate `name` with only the `COMPUTE_FEATURE` resource feature; or,
/// when its `Cargo.toml` has no such feature, the note that says it is not
/// measured.
fn one_feature_variant(
    name: &str,
    cargo_toml: &str,
    document: &serde_json::Value,
    lines: usize,
) -> Result<Subject, String> {
    if !has_feature(cargo_toml, COMPUTE_FEATURE) {
        return Err(format!(
            "{name} with only the `{COMPUTE_FEATURE}` resource feature is not measured: \
             the generated Cargo.toml has no `{COMPUTE_FEATURE}` feature yet."
        ));
    }
    let features = format!("client,{COMPUTE_FEATURE}");
    Ok(Subject {
        label: format!("{name} (features {features})"),
        package: name.to_owned(),
        features: vec![
            "--no-default-features".to_owned(),
            "--features".to_owned(),
            features,
        ],
        lines,
        methods: document
            .pointer(&format!("/resources/{COMPUTE_FEATURE}"))
            .map(count_methods),
        ours: true,
    })
}

/// Writes the scratch workspace's manifest and the `peers` crate, leaving
/// files that are already right untouched.
pub(super) fn write_workspace(scratch: &Path, apis: &[Api]) -> Result<(), Failure> {
    let members: Vec<String> = apis
        .iter()
        .map(|api| format!("{:?}", api.crate_name()))
        .chain([format!("{PEERS:?}")])
        .collect();
    let workspace = format!(
        "# Written by `cargo xtask build-cost`: a scratch workspace, rewritten on each run.\n\
         [workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    let dependencies: String = apis
        .iter()
        .map(|api| {
            let peer = api.peer();
            format!("{} = \"{}\"\n", peer.name, peer.requirement)
        })
        .collect();
    let peers_toml = format!(
        "# Written by `cargo xtask build-cost`: the peer crates, as dependencies.\n\
         [package]\nname = \"{PEERS}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{dependencies}"
    );
    write_if_changed(&scratch.join("Cargo.toml"), &workspace)?;
    write_if_changed(&scratch.join(PEERS).join("Cargo.toml"), &peers_toml)?;
    write_if_changed(&scratch.join(PEERS).join("src/lib.rs"), "")
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), Failure> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(xtask::io(parent))?;
    }
    fs::write(path, contents).map_err(xtask::io(path))
}

/// The methods of a discovery document (or of one of its resources): its
/// `methods` and those of its `resources`, at every depth.
pub fn count_methods(node: &serde_json::Value) -> usize {
    let methods = node
        .get("methods")
        .and_then(serde_json::Value::as_object)
        .map_or(0, serde_json::Map::len);
    let nested: usize = node
        .get("resources")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |resources| resources.values().map(count_methods).sum());
    methods + nested
}

/// Whether a `Cargo.toml` declares `feature` in its `[features]` table.
pub fn has_feature(cargo_toml: &str, feature: &str) -> bool {
    let mut in_features = false;
    for line in cargo_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if in_features {
            let key = line.split('=').next().unwrap_or("").trim();
            if key == feature || key == format!("{feature:?}") {
                return true;
            }
        }
    }
    false
}

/// Lines of the `.rs` files among the generated files.
fn generated_rust_lines(files: &Files) -> usize {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text.lines().count())
        .sum()
}

/// Lines of the `.rs` files under `dir`, at every depth.
fn rust_lines_in(dir: &Path) -> Result<usize, Failure> {
    let mut lines = 0;
    for entry in fs::read_dir(dir).map_err(xtask::io(dir))? {
        let path = entry.map_err(xtask::io(dir))?.path();
        if path.is_dir() {
            lines += rust_lines_in(&path)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = fs::read_to_string(&path).map_err(xtask::io(&path))?;
            lines += text.lines().count();
        }
    }
    Ok(lines)
}

/// The version and manifest path of the package `name` in the output of
/// `cargo metadata --format-version 1`.
fn package_in_metadata(metadata: &serde_json::Value, name: &str) -> Option<(String, PathBuf)> {
    let package = metadata
        .get("packages")?
        .as_array()?
        .iter()
        .find(|package| package.get("name").and_then(|n| n.as_str()) == Some(name))?;
    let version = package.get("version")?.as_str()?.to_owned();
    let manifest = PathBuf::from(package.get("manifest_path")?.as_str()?);
    Some((version, manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_counted_at_every_depth() {
        let document = serde_json::json!({
            "methods": {"batch": {}},
            "resources": {
                "projects": {
                    "methods": {"get": {}, "list": {}},
                    "resources": {
                        "operations": {"methods": {"get": {}, "cancel": {}, "delete": {}}},
                        "empty": {}
                    }
                },
                "regions": {"methods": {"list": {}}}
            },
            "schemas": {"Operation": {"methods": {"not": {}, "a": {}, "method": {}}}}
        });
        assert_eq!(count_methods(&document), 7);
        assert_eq!(count_methods(&document["resources"]["projects"]), 5);
        assert_eq!(count_methods(&serde_json::json!({})), 0);
    }

    #[test]
    fn features_are_found_in_the_features_table_only() {
        let cargo_toml = "[package]\nname = \"instances\"\n\n[features]\ndefault = [\"client\"]\n\
                          client = [\"dep:reqwest\"]\ninstances = []\n\n[dependencies]\nzones = \"1\"\n";
        assert!(has_feature(cargo_toml, "instances"));
        assert!(has_feature(cargo_toml, "client"));
        assert!(!has_feature(cargo_toml, "zones"));
        assert!(!has_feature(cargo_toml, "name"));
        assert!(!has_feature(
            "[features]\ninstances-extra = []\n",
            "instances"
        ));
    }
}
