//! Where a crate generated with `cargo xtask generate --out DIR` finds the
//! runtime crate: a copy written beside it, named by a relative path.

use std::path::{Component, Path, PathBuf};

use codegen::runtime_crate;

use crate::Failure;

/// The runtime's directory for a crate written to `out`: `runtime` if
/// given, else `google-discovery-runtime` beside `out`, so that crates
/// generated into one directory share one runtime.
pub fn runtime_dir(out: &Path, runtime: Option<&Path>) -> PathBuf {
    match runtime {
        Some(runtime) => runtime.to_owned(),
        None => out
            .parent()
            .unwrap_or(Path::new(""))
            .join(runtime_crate::NAME),
    }
}

/// Writes the runtime crate to `dir`, as every write of the generator:
/// whole or not at all.
pub fn write_runtime(dir: &Path) -> Result<(), Failure> {
    Ok(codegen::files::write_crate(dir, &runtime_crate::files())?)
}

/// `runtime` as the generated `Cargo.toml` in `out` names it: relative to
/// `out` when the two share a root, else absolute. Both are made absolute
/// against the current directory first, `.` and `..` resolved by name.
pub fn dependency_path(out: &Path, runtime: &Path) -> Result<String, Failure> {
    let current = std::env::current_dir().map_err(crate::io(Path::new(".")))?;
    let (out, runtime) = (absolute(&current, out), absolute(&current, runtime));
    let path = relative(&out, &runtime).unwrap_or(runtime);
    // TOML and Cargo take `/` on every platform.
    Ok(path.to_string_lossy().replace('\\', "/"))
}

fn absolute(current: &Path, path: &Path) -> PathBuf {
    let mut absolute = PathBuf::new();
    for component in current.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                absolute.pop();
            }
            other => absolute.push(other),
        }
    }
    absolute
}

/// `to` relative to `from`, both absolute; `None` when they have no common
/// root (another drive).
fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path: PathBuf = from[common..]
        .iter()
        .map(|_| Component::ParentDir)
        .collect();
    path.extend(&to[common..]);
    if path.as_os_str().is_empty() {
        path.push(".");
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_runtime_is_beside_the_crate() {
        let dir = runtime_dir(Path::new("out/storage"), None);
        assert_eq!(dir, Path::new("out/google-discovery-runtime"));
        let given = runtime_dir(Path::new("out/storage"), Some(Path::new("rt")));
        assert_eq!(given, Path::new("rt"));
    }

    #[test]
    fn relative_paths_climb_to_the_common_directory() {
        let rel = |from: &str, to: &str| relative(Path::new(from), Path::new(to)).unwrap();
        assert_eq!(rel("/a/b/crate", "/a/b/runtime"), Path::new("../runtime"));
        assert_eq!(rel("/a/crate", "/a/crate/runtime"), Path::new("runtime"));
        assert_eq!(rel("/a/b/c", "/a/x"), Path::new("../../x"));
        assert_eq!(rel("/a", "/a"), Path::new("."));
    }

    #[test]
    fn dot_segments_resolve_before_comparing() {
        let current = Path::new("/work/here");
        assert_eq!(
            absolute(current, Path::new("../out/./x")),
            Path::new("/work/out/x")
        );
        assert_eq!(absolute(current, Path::new("/abs/y")), Path::new("/abs/y"));
    }
}
