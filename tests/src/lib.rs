//! Integration tests of the generator and the generated crate; see `tests/`.
