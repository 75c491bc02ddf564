//! The runtime crate that generated crates depend on, `codegen/runtime/`.
//!
//! Inside this workspace a generated crate names it by path. A crate
//! generated elsewhere (`cargo xtask generate --out DIR`) gets a copy of it,
//! written byte for byte from the files below, so that it builds with
//! nothing but crates.io.

use crate::generate::Files;

/// The runtime's package name, as generated `Cargo.toml`s depend on it.
pub const NAME: &str = "google-discovery-runtime";
/// The runtime's version, as generated `Cargo.toml`s require it.
pub const VERSION: &str = "0.1.0";

/// Every file of `codegen/runtime/`: path in the crate → text.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../runtime/Cargo.toml")),
    ("README.md", include_str!("../runtime/README.md")),
    ("auth.rs", include_str!("../runtime/auth.rs")),
    ("base64.rs", include_str!("../runtime/base64.rs")),
    ("calls.rs", include_str!("../runtime/calls.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    ("codec.rs", include_str!("../runtime/codec.rs")),
    ("duration.rs", include_str!("../runtime/duration.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    (
        "error_access.rs",
        include_str!("../runtime/error_access.rs"),
    ),
    ("error_kind.rs", include_str!("../runtime/error_kind.rs")),
    ("lib.rs", include_str!("../runtime/lib.rs")),
    ("method.rs", include_str!("../runtime/method.rs")),
    ("nulls.rs", include_str!("../runtime/nulls.rs")),
    ("object.rs", include_str!("../runtime/object.rs")),
    ("open_enum.rs", include_str!("../runtime/open_enum.rs")),
    ("operation.rs", include_str!("../runtime/operation.rs")),
    ("options.rs", include_str!("../runtime/options.rs")),
    ("pages.rs", include_str!("../runtime/pages.rs")),
    ("path.rs", include_str!("../runtime/path.rs")),
    ("path_check.rs", include_str!("../runtime/path_check.rs")),
    ("policies.rs", include_str!("../runtime/policies.rs")),
    ("query.rs", include_str!("../runtime/query.rs")),
    ("response.rs", include_str!("../runtime/response.rs")),
    (
        "service_error.rs",
        include_str!("../runtime/service_error.rs"),
    ),
    ("status.rs", include_str!("../runtime/status.rs")),
    ("trace.rs", include_str!("../runtime/trace.rs")),
    ("transport.rs", include_str!("../runtime/transport.rs")),
];

/// The runtime crate's files, to write beside a generated crate.
pub fn files() -> Files {
    FILES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::reserved::{FEATURE_CLIENT, FEATURE_GCP_AUTH, FEATURE_TRACING};

    fn runtime_dir() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime"))
    }

    #[test]
    fn the_listed_files_are_the_runtime_directory() {
        let mut on_disk: Vec<String> = std::fs::read_dir(runtime_dir())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs") || name == "Cargo.toml" || name == "README.md")
            .collect();
        on_disk.sort();
        let listed: Vec<String> = files().into_keys().collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn runtime_files_stay_short() {
        for (name, text) in FILES {
            let lines = text.lines().count();
            assert!(lines <= 400, "{name} has {lines} lines");
        }
    }

    /// The manifest names this package, its version and the features that
    /// generated crates forward, and inherits nothing from a workspace, so
    /// that its copy builds anywhere.
    #[test]
    fn the_manifest_stands_alone_and_matches_the_constants() {
        let manifest = std::fs::read_to_string(runtime_dir().join("Cargo.toml")).unwrap();
        let line = |key: &str| {
            manifest
                .lines()
                .find(|line| line.starts_with(key))
                .map(str::to_owned)
        };
        assert_eq!(line("name = "), Some(format!("name = {NAME:?}")));
        assert_eq!(line("version = "), Some(format!("version = {VERSION:?}")));
        assert!(
            !manifest.contains(".workspace"),
            "inherits from a workspace"
        );
        for feature in [FEATURE_CLIENT, FEATURE_GCP_AUTH, FEATURE_TRACING] {
            assert!(line(&format!("{feature} = ")).is_some(), "{feature}");
        }
    }
}
