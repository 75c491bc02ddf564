//! The codegen config, `discovery/crates.toml`: which crates `cargo xtask
//! codegen` writes, from which documents, and their cargo metadata.
//!
//! Paths in it are relative to the repository root. Every key is checked
//! before anything is generated, and a bad config is one line naming the
//! file, the line and the key.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::model::Selection;

/// Where the config is, relative to the repository root.
pub const CONFIG_FILE: &str = "discovery/crates.toml";

/// The whole config: one `[[crate]]` table per crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(rename = "crate")]
    pub crates: Vec<CrateConfig>,
}

/// One generated crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// The package name, e.g. `earthengine`.
    pub name: String,
    /// The crate's directory, e.g. `generated`.
    pub out: String,
    /// Its discovery documents, one version module each.
    pub documents: Vec<String>,
    /// Dotted paths of the resources to generate; every resource when
    /// absent.
    pub resources: Option<Vec<String>>,
    /// Whether the crate may be published; `publish = false` otherwise.
    #[serde(default)]
    pub publish: bool,
    /// Whether the crate is a workspace of its own (an empty `[workspace]`
    /// table), for a crate that is not a member of the repository's.
    #[serde(default)]
    pub standalone: bool,
    /// The package description; by default written from the documents'
    /// titles, descriptions and revisions.
    pub description: Option<String>,
    pub license: Option<String>,
    pub repository: Option<String>,
    pub documentation: Option<String>,
    pub homepage: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
}

impl CrateConfig {
    /// The resources to generate.
    pub fn selection(&self) -> Selection {
        match &self.resources {
            Some(resources) => Selection::Resources(resources.clone()),
            None => Selection::All,
        }
    }
}

/// A config that cannot be used: where, and why, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// The 1-based line, when the error has a place in the text.
    pub line: Option<usize>,
    /// The key, e.g. `crate[1].documents[0]`.
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Reads the config text of `file` and checks it against the repository
/// at `root`: documents exist, names and output directories are unique
/// and valid, and each selected resource is in every document.
pub fn parse(file: &str, text: &str, root: &Path) -> Result<Config, ConfigError> {
    let config = deserialize(file, text)?;
    check(file, text, &config, root)?;
    Ok(config)
}

fn deserialize(file: &str, text: &str) -> Result<Config, ConfigError> {
    let error = |line: Option<usize>, key: String, message: String| ConfigError {
        file: file.to_owned(),
        line,
        key,
        message,
    };
    let deserializer = toml::de::Deserializer::parse(text).map_err(|e| {
        error(
            line_of(text, e.span()),
            String::new(),
            e.message().to_owned(),
        )
    })?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let key = e.path().to_string();
        let key = if key == "." { String::new() } else { key };
        let inner = e.into_inner();
        error(line_of(text, inner.span()), key, inner.message().to_owned())
    })
}

/// The 1-based line of the start of `span`.
fn line_of(text: &str, span: Option<std::ops::Range<usize>>) -> Option<usize> {
    let start = span?.start.min(text.len());
    Some(text[..start].matches('\n').count() + 1)
}

fn check(file: &str, text: &str, config: &Config, root: &Path) -> Result<(), ConfigError> {
    // The line of a crate's table, for errors found after parsing.
    let table_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[crate]]")
        .map(|(index, _)| index + 1)
        .collect();
    let error = |index: usize, key: String, message: String| ConfigError {
        file: file.to_owned(),
        line: table_lines.get(index).copied(),
        key: format!("crate[{index}]{key}"),
        message,
    };
    if config.crates.is_empty() {
        return Err(ConfigError {
            file: file.to_owned(),
            line: None,
            key: String::new(),
            message: "no [[crate]] table: nothing to generate".to_owned(),
        });
    }
    let (mut names, mut outs) = (BTreeSet::new(), BTreeSet::new());
    for (index, krate) in config.crates.iter().enumerate() {
        if let Err(rule) = check_crate_name(&krate.name) {
            return Err(error(
                index,
                ".name".to_owned(),
                format!("{:?}: {rule}", krate.name),
            ));
        }
        if !names.insert(krate.name.as_str()) {
            let message = format!("another crate is also named {:?}", krate.name);
            return Err(error(index, ".name".to_owned(), message));
        }
        let Some(out) = plain_relative_path(&krate.out) else {
            let message = format!(
                "{:?}: a directory inside the repository, as names joined by `/` \
                 (no `.`, `..`, `\\` or leading `/`)",
                krate.out
            );
            return Err(error(index, ".out".to_owned(), message));
        };
        if let Some(other) = outs.iter().find(|other: &&String| nested(other, &out)) {
            let message = format!(
                "{:?} is or holds the output of another crate, {other:?}",
                krate.out
            );
            return Err(error(index, ".out".to_owned(), message));
        }
        outs.insert(out);
        if krate.documents.is_empty() {
            let message = "no documents: a crate needs at least one".to_owned();
            return Err(error(index, ".documents".to_owned(), message));
        }
        for (position, document) in krate.documents.iter().enumerate() {
            check_document(
                root,
                document,
                krate.resources.as_deref().unwrap_or_default(),
            )
            .map_err(|(key, message)| {
                let key = match key {
                    DocumentKey::Document => format!(".documents[{position}]"),
                    DocumentKey::Resource(at) => format!(".resources[{at}]"),
                };
                error(index, key, message)
            })?;
        }
    }
    Ok(())
}

/// `path` as names joined by single `/`s, if it is one: no `.` or `..`,
/// no backslash, not absolute, not empty.
pub fn plain_relative_path(path: &str) -> Option<String> {
    let names: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let plain = |name: &&str| {
        !name.is_empty() && *name != "." && *name != ".." && !name.contains(['\\', ':'])
    };
    (!names.is_empty() && names.iter().all(plain)).then(|| names.join("/"))
}

/// Whether one of two plain paths is the other or inside it.
fn nested(a: &str, b: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    inside(a, b) || inside(b, a)
}

/// Which key a document's error is about.
enum DocumentKey {
    Document,
    /// The index of the resource in `resources`.
    Resource(usize),
}

/// The document exists, parses, and has each of `resources`.
fn check_document(
    root: &Path,
    document: &str,
    resources: &[String],
) -> Result<(), (DocumentKey, String)> {
    let path = root.join(document);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| (DocumentKey::Document, format!("{document}: {e}")))?;
    let parsed =
        crate::parse::parse(document, &text).map_err(|e| (DocumentKey::Document, e.to_string()))?;
    for (at, resource) in resources.iter().enumerate() {
        if !crate::model::has_resource(&parsed, resource) {
            let message = format!("{document} has no resource {resource:?}");
            return Err((DocumentKey::Resource(at), message));
        }
    }
    Ok(())
}

/// A crate name cargo accepts: ASCII letters, digits, `-` and `_`,
/// starting with a letter, at most 64 characters.
pub fn check_crate_name(name: &str) -> Result<(), &'static str> {
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err("use at most 64 ASCII letters, digits, `-` and `_`, starting with a letter")
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_owned()
    }

    const EARTH_ENGINE: &str = r#"
[[crate]]
name = "earthengine"
out = "generated"
documents = ["discovery/earthengine.v1.json", "discovery/earthengine.v1beta.json"]
resources = ["projects.operations"]
publish = true
keywords = ["google", "earthengine"]
"#;

    fn error(text: &str) -> String {
        parse("crates.toml", text, &root()).unwrap_err().to_string()
    }

    #[test]
    fn a_crate_with_its_documents_and_selection() {
        let config = parse("crates.toml", EARTH_ENGINE, &root()).unwrap();
        let [krate] = config.crates.as_slice() else {
            panic!("{config:?}")
        };
        assert_eq!(krate.name, "earthengine");
        assert_eq!(krate.documents.len(), 2);
        assert!(krate.publish);
        assert!(
            matches!(krate.selection(), Selection::Resources(r) if r == ["projects.operations"])
        );
    }

    #[test]
    fn an_unknown_key_names_its_line_and_path() {
        let text = EARTH_ENGINE.replace("publish = true", "publsh = true");
        let message = error(&text);
        assert!(
            message.starts_with("crates.toml:7: crate[0].publsh: unknown field `publsh`"),
            "{message}"
        );
    }

    #[test]
    fn a_missing_document_names_its_key() {
        let text = EARTH_ENGINE.replace("earthengine.v1beta.json", "earthengine.v9.json");
        let message = error(&text);
        assert!(
            message.starts_with(
                "crates.toml:2: crate[0].documents[1]: discovery/earthengine.v9.json: "
            ),
            "{message}"
        );
    }

    #[test]
    fn a_resource_the_document_lacks_names_its_key() {
        let text = EARTH_ENGINE.replace("projects.operations", "projects.images");
        let message = error(&text);
        assert_eq!(
            message,
            "crates.toml:2: crate[0].resources[0]: discovery/earthengine.v1.json has no resource \"projects.images\""
        );
    }

    #[test]
    fn names_and_output_directories_are_unique() {
        let twice = format!("{EARTH_ENGINE}{EARTH_ENGINE}");
        assert_eq!(
            error(&twice),
            "crates.toml:10: crate[1].name: another crate is also named \"earthengine\""
        );
        let other_name = format!(
            "{EARTH_ENGINE}{}",
            EARTH_ENGINE.replace("\"earthengine\"", "\"ee\"")
        );
        assert_eq!(
            error(&other_name),
            "crates.toml:10: crate[1].out: \"generated\" is or holds the output of another crate, \"generated\""
        );
        let nested = other_name.replacen("out = \"generated\"", "out = \"generated/inner\"", 2);
        let nested = nested.replacen("out = \"generated/inner\"", "out = \"generated\"", 1);
        assert!(
            error(&nested).contains("crate[1].out: \"generated/inner\" is or holds"),
            "{}",
            error(&nested)
        );
    }

    #[test]
    fn bad_names_outputs_and_empty_configs_are_rejected() {
        let message = error(&EARTH_ENGINE.replace("name = \"earthengine\"", "name = \"1ee\""));
        assert!(
            message.starts_with("crates.toml:2: crate[0].name: \"1ee\": "),
            "{message}"
        );
        for out in [
            "../elsewhere",
            "/abs",
            "./generated",
            "a/./b",
            "a\\\\b",
            "C:/x",
            "",
        ] {
            let message =
                error(&EARTH_ENGINE.replace("out = \"generated\"", &format!("out = {out:?}")));
            assert!(
                message.starts_with("crates.toml:2: crate[0].out: "),
                "{out}: {message}"
            );
        }
        assert_eq!(error(""), "crates.toml:1: missing field `crate`");
        assert_eq!(
            error("crate = []"),
            "crates.toml: no [[crate]] table: nothing to generate"
        );
        let message = error("[[crate]\nname = 1");
        assert!(message.starts_with("crates.toml:1: "), "{message}");
    }
}
