//! Google API discovery documents → Rust bindings.
//!
//! Three stages, one module each: [`parse`] reads the JSON, [`model`] resolves
//! and validates it into what the bindings need, [`emit`] writes Rust.
//! [`generate()`] runs them over a set of documents and returns a crate's files;
//! [`files`] reads documents from disk and writes a crate to it.

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod files;
pub mod generate;
pub mod git;
mod manifest;
pub mod model;
pub mod parse;
mod readme;
pub mod runtime_crate;
pub mod versions;

pub use error::Error;
pub use generate::{generate, Files, Input, Options, Package};
pub use model::Selection;
