//! `codegen::files::write_crate` replaces a directory only when everything was written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::files::{check_fresh, write_crate};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/atomic-write")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect()
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_failure_while_writing_leaves_the_previous_output_untouched() {
    let dir = scratch("mid-write");
    let first = files(&[
        ("Cargo.toml", "# @generated\na"),
        ("src/lib.rs", "// @generated\nb"),
        ("src/v1.rs", "// @generated\nc"),
    ]);
    write_crate(&dir, &first).unwrap();
    let before = snapshot(&dir);

    // `src/lib.rs` is written as a file, then `src/lib.rs/x` cannot be.
    let broken = files(&[
        ("Cargo.toml", "new"),
        ("src/lib.rs", "new"),
        ("src/lib.rs/x", "new"),
    ]);
    let error = write_crate(&dir, &broken).unwrap_err();
    assert!(error.to_string().contains("lib.rs"), "{error}");

    assert_eq!(snapshot(&dir), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("mid-write") && name != "mid-write")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn earlier_output_is_replaced_and_files_of_others_are_kept() {
    let dir = scratch("replace");
    let first = files(&[
        ("Cargo.toml", "# @generated\na"),
        ("src/v1.rs", "// @generated\nold version"),
    ]);
    write_crate(&dir, &first).unwrap();
    let removed = files(&[("Cargo.toml", "# @generated\na")]);
    let stale = check_fresh(&dir, &removed).unwrap_err().to_string();
    assert!(stale.contains("src/v1.rs is not written"), "{stale}");
    std::fs::write(dir.join("src/notes.rs"), "mine").unwrap();
    let second = files(&[
        ("Cargo.toml", "# @generated\nb"),
        ("src/v2.rs", "// @generated\nnew"),
    ]);

    let error = write_crate(&dir, &second).unwrap_err();
    assert!(error.to_string().contains("src/notes.rs"), "{error}");
    assert!(!error.to_string().contains("src/v1.rs"), "{error}");
    assert_eq!(snapshot(&dir).len(), 3, "nothing changed");

    std::fs::remove_file(dir.join("src/notes.rs")).unwrap();
    write_crate(&dir, &second).unwrap();
    assert_eq!(
        snapshot(&dir).keys().collect::<Vec<_>>(),
        ["Cargo.toml", "src/v2.rs"]
    );
    assert!(check_fresh(&dir, &second).is_ok());
    let changed = files(&[
        ("Cargo.toml", "# @generated\nc"),
        ("src/v2.rs", "// @generated\nnew"),
    ]);
    let stale = check_fresh(&dir, &changed).unwrap_err().to_string();
    assert!(stale.contains("-b") && stale.contains("+c"), "{stale}");
}

#[test]
fn a_run_stopped_between_the_renames_is_recovered() {
    let dir = scratch("interrupted");
    let first = files(&[("Cargo.toml", "# @generated\na")]);
    write_crate(&dir, &first).unwrap();
    // As if a run stopped after moving `dir` aside and before the new one arrived.
    let previous = dir.with_file_name(".interrupted.old");
    std::fs::rename(&dir, &previous).unwrap();

    write_crate(&dir, &first).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
        "# @generated\na"
    );
    assert!(!previous.exists());
}

#[test]
fn build_output_and_lock_file_are_kept() {
    let dir = scratch("kept");
    write_crate(&dir, &files(&[("Cargo.toml", "# @generated\na")])).unwrap();
    std::fs::create_dir_all(dir.join("target/debug")).unwrap();
    std::fs::write(dir.join("target/debug/x"), "build").unwrap();
    std::fs::write(dir.join("Cargo.lock"), "lock").unwrap();
    write_crate(&dir, &files(&[("Cargo.toml", "# @generated\nb")])).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("target/debug/x")).unwrap(),
        "build"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("Cargo.lock")).unwrap(),
        "lock"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
        "# @generated\nb"
    );
}
