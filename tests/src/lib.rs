//! Integration tests of the generator and the generated crate; see `tests/`.
//!
//! The library holds what the tests and the fuzz targets share: a reference
//! for percent-encoding ([`percent`]), which uses nothing but the standard
//! library, and the checks of the runtime's path expansion and validation
//! against it ([`paths`]).

pub mod paths;
pub mod percent;

/// The Rust examples of the README, compiled (and those that are not
/// `async fn`s run) as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
