//! The runtime every generated crate carries: the source files of
//! `codegen/runtime/`, copied into `src/runtime/` of each crate without
//! their unit tests.
//!
//! `codegen/runtime/` is also the workspace crate `runtime` (its `lib.rs`
//! mounts `mod.rs` as `crate::runtime`), where those tests run; `lib.rs` and
//! `Cargo.toml` are not copied.

/// Source files of the runtime: name under `src/runtime/` → text.
const FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../runtime/mod.rs")),
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
    ("method.rs", include_str!("../runtime/method.rs")),
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

/// Where a file's unit tests start: a line `#[cfg(test)]` followed by a line
/// `mod tests {`, both at the start of a line. By convention the test module
/// is the last item of its file, so it runs to the end.
const TEST_MODULE: &str = "\n#[cfg(test)]\nmod tests {";

/// Each runtime file as a generated crate gets it: its name under
/// `src/runtime/` and its text, without its test module.
pub fn runtime_files() -> impl Iterator<Item = (&'static str, String)> {
    FILES.iter().map(|(name, text)| (*name, strip_tests(text)))
}

/// `text` up to its test module, if it has one, ending in one newline.
fn strip_tests(text: &str) -> String {
    match text.find(TEST_MODULE) {
        Some(start) => format!("{}\n", text[..start].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn runtime_dir() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime"))
    }

    #[test]
    fn stripping_cuts_the_trailing_test_module_and_nothing_else() {
        let code =
            "//! Doc.\n\nfn f() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n";
        assert_eq!(strip_tests(code), "//! Doc.\n\nfn f() {}\n");
        let without = "//! Doc.\n\nfn f() {}\n";
        assert_eq!(strip_tests(without), without);
        // Only at the start of a line, and only `mod tests` directly after.
        let nested = "mod a {\n    #[cfg(test)]\n    mod tests {}\n}\n";
        assert_eq!(strip_tests(nested), nested);
        let other = "fn f() {}\n#[cfg(test)]\nfn helper() {}\n";
        assert_eq!(strip_tests(other), other);
        let first = "fn f() {}\n#[cfg(test)]\nmod tests {}\nfn g() {}\n";
        assert_eq!(strip_tests(first), "fn f() {}\n");
    }

    #[test]
    fn generated_runtime_files_carry_no_test_code() {
        for (name, stripped) in runtime_files() {
            for test_only in ["cfg(test)", "#[test]", "mod tests", "tokio::test"] {
                assert!(!stripped.contains(test_only), "{name} keeps `{test_only}`");
            }
            assert!(
                stripped.ends_with("}\n") || stripped.ends_with(";\n"),
                "{name}"
            );
            assert!(!stripped.ends_with("\n\n"), "{name}");
            syn::parse_file(&stripped).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn stripping_keeps_every_line_before_the_test_module() {
        let mut with_tests = 0;
        for (name, text) in FILES {
            let stripped = strip_tests(text);
            let start = text.find(TEST_MODULE);
            assert!(text.starts_with(stripped.trim_end()), "{name}");
            if let Some(start) = start {
                with_tests += 1;
                assert_eq!(stripped.trim_end(), text[..start].trim_end(), "{name}");
                // The test module is the file's last item: nothing follows
                // its closing brace.
                assert!(text.ends_with("\n}\n"), "{name}");
            } else {
                assert_eq!(stripped, *text, "{name}");
            }
        }
        // Every file but `mod.rs` has unit tests.
        assert_eq!(with_tests, FILES.len() - 1);
    }

    #[test]
    fn the_copied_files_are_the_runtime_directory() {
        let mut on_disk: Vec<String> = std::fs::read_dir(runtime_dir())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs") && name != "lib.rs")
            .collect();
        on_disk.sort();
        let mut listed: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
        listed.sort_unstable();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn runtime_files_stay_short() {
        for (name, text) in FILES {
            let lines = text.lines().count();
            assert!(lines <= 400, "{name} has {lines} lines");
        }
    }

    /// The runtime crate builds with the dependencies and features that a
    /// generated crate gets (a generated crate adds one feature per
    /// top-level resource).
    #[test]
    fn the_runtime_crate_has_the_generated_crates_dependencies() {
        fn dependencies(manifest: &str) -> &str {
            let start = manifest.find("[dependencies]").expect("[dependencies]");
            let rest = &manifest[start..];
            rest[..rest.find("\n[dev-dependencies]").unwrap_or(rest.len())].trim()
        }
        let runtime = std::fs::read_to_string(runtime_dir().join("Cargo.toml")).unwrap();
        let generated = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/Cargo.toml");
        let generated = std::fs::read_to_string(generated).unwrap();
        assert_eq!(dependencies(&runtime), dependencies(&generated));
        for feature in ["rust-version = ", "client = ", "gcp-auth = ", "tracing = "] {
            let line = |manifest: &str| {
                manifest
                    .lines()
                    .find(|line| line.starts_with(feature))
                    .map(str::to_owned)
            };
            assert!(line(&runtime).is_some(), "{feature}");
            assert_eq!(line(&runtime), line(&generated), "{feature}");
        }
    }
}
