//! Integration tests of the generator and the generated crate; see `tests/`.
//!
//! The library holds what the tests and the fuzz targets share: a reference
//! for percent-encoding ([`percent`]), which uses nothing but the standard
//! library, and the checks of the runtime's path expansion and validation
//! against it ([`paths`]); and where the repository is ([`repository_root`]).

pub mod paths;
pub mod percent;

/// The repository root (the parent of `tests/`).
pub fn repository_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_owned()
}

/// The runtime crate's directory, `codegen/runtime/`, as generated crates
/// written outside the workspace name it (`Options::runtime_path`).
pub fn runtime_path() -> String {
    repository_root()
        .join("codegen/runtime")
        .display()
        .to_string()
}

/// The Rust examples of the README, compiled (and those that are not
/// `async fn`s run) as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
