//! The runtime of generated crates, compiled as a crate of its own so that
//! its unit tests run and clippy checks it under every feature set.
//!
//! The generator copies the other `.rs` files of this directory into each
//! crate it writes, as `src/runtime/`, without their test modules; this file
//! is not copied. It mounts them where a generated crate has them, so that
//! `crate::runtime::…` and `$crate::runtime::…` resolve the same way here.

#[path = "mod.rs"]
pub mod runtime;
