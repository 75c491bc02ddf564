//! The benchmarks of the generator (`benches/generate.rs`) and of the
//! generated crate (`benches/serde_operations.rs`); BENCHMARKS.md has the
//! commands and figures. A package of their own, so that `cargo test` does
//! not build criterion.
