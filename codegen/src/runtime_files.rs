//! The runtime every generated crate carries: the source files of
//! `codegen/runtime/`, copied into `src/runtime/` of each crate.

/// Source files of the runtime: name under `src/runtime/` → text.
const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/mod.rs")),
    ("calls.rs", include_str!("../runtime/calls.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    ("status.rs", include_str!("../runtime/status.rs")),
];

/// Each runtime file as a generated crate gets it: its name under
/// `src/runtime/` and its text.
pub fn runtime_files() -> impl Iterator<Item = (&'static str, String)> {
    FILES.iter().map(|(name, text)| (*name, (*text).to_owned()))
}
