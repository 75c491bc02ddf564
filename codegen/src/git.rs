//! What the generator asks of git: the committed text of a file (the
//! record of the last commit, or a document `cargo xtask codegen` reports
//! on), and the text of a recorded document by its blob id. Without git (a tarball, say)
//! the record on disk is the base, and only a version that must be cut
//! from a changed document fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::files::{io, Failure};
use crate::versions::{DocumentStore, Record, RECORD_FILE};

/// The record versions are cut from: the last commit's, so that a crate
/// is bumped once per commit however often it is regenerated; else the one
/// on disk; else none.
pub fn base_record(root: &Path) -> Result<Record, Failure> {
    let (file, text) = match show_head(root, RECORD_FILE) {
        Some(text) => (format!("HEAD:{RECORD_FILE}"), text),
        None => {
            let path = root.join(RECORD_FILE);
            match std::fs::read_to_string(&path) {
                Ok(text) => (RECORD_FILE.to_owned(), text),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    return Ok(Record::default())
                }
                Err(error) => return Err(io(&path)(error)),
            }
        }
    };
    Record::parse(&file, &text).map_err(Failure::Version)
}

/// Documents by blob id, from the repository's git objects.
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: &Path) -> Store {
        Store {
            root: root.to_owned(),
        }
    }
}

impl DocumentStore for Store {
    fn text(&self, id: &str) -> Option<String> {
        let valid = id.len() == 40 && id.chars().all(|c| c.is_ascii_hexdigit());
        valid
            .then(|| git(&self.root, &["cat-file", "blob", id]))
            .flatten()
    }
}

/// The committed text of `path` (relative to `root`, which may be below
/// the git repository's top), if git knows it.
pub fn show_head(root: &Path, path: &str) -> Option<String> {
    // `./` makes git read the path from `-C root`, not from the top.
    git(root, &["show", &format!("HEAD:./{path}")])
}

/// The standard output of `git -C root ARGS`, if it succeeds.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).ok())
        .flatten()
}
