//! The generator's files on disk: reading discovery documents, writing a
//! generated crate atomically, and checking that a committed crate is what
//! the generator writes today.
//!
//! The command line (`cargo xtask`) and the integration tests both go
//! through this module, so that they read and write the same way.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{self, ConfigError, CrateConfig};
use crate::versions::{self, CrateRecord, Record, VersionError};
use crate::{git, Files, Input, Options, Package};

/// The runtime crate, relative to the repository root.
pub const RUNTIME_DIR: &str = "codegen/runtime";

/// What went wrong reading, generating, writing or checking a crate's files.
#[derive(Debug)]
pub enum Failure {
    /// The codegen config cannot be used.
    Config(ConfigError),
    /// No version could be cut.
    Version(VersionError),
    /// The generator rejected a document.
    Codegen(crate::Error),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The files on disk differ from what the generator writes; the
    /// unified diff.
    Stale(String),
    /// The output directory holds files the generator did not write.
    Foreign { dir: PathBuf, files: Vec<String> },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Config(error) => write!(f, "{error}"),
            Failure::Version(error) => write!(f, "{error}"),
            Failure::Codegen(error) => write!(f, "{error}"),
            Failure::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Failure::Stale(diff) => write!(
                f,
                "{diff}\ngenerated code is stale: run `cargo xtask codegen` and commit the result"
            ),
            Failure::Foreign { dir, files } => write!(
                f,
                "{} holds files the generator did not write, which replacing it would delete: {}; \
                 move them away or choose another output directory",
                dir.display(),
                files.join(", ")
            ),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Config(error) => Some(error),
            Failure::Version(error) => Some(error),
            Failure::Codegen(error) => Some(error),
            Failure::Io { error, .. } => Some(error),
            Failure::Stale(_) | Failure::Foreign { .. } => None,
        }
    }
}

impl From<crate::Error> for Failure {
    fn from(error: crate::Error) -> Self {
        Failure::Codegen(error)
    }
}

/// The mapping of an I/O error on `path` to a [`Failure`].
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Failure + '_ {
    move |error| Failure::Io {
        path: path.to_owned(),
        error,
    }
}

/// Reads a discovery document; `label` names it in errors and headers.
pub fn read_input(path: &Path, label: &str) -> Result<Input, Failure> {
    Ok(Input {
        file: label.to_owned(),
        text: fs::read_to_string(path).map_err(io(path))?,
    })
}

/// The crates of the codegen config, generated in memory, and the version
/// record that goes with them.
#[derive(Debug)]
pub struct Configured {
    pub crates: Vec<ConfiguredCrate>,
    /// The record to write to `discovery/versions.toml`.
    pub record: Record,
}

/// A crate of the codegen config, generated in memory.
#[derive(Debug)]
pub struct ConfiguredCrate {
    pub config: CrateConfig,
    /// Its directory: the root joined with the config's `out`.
    pub dir: PathBuf,
    pub files: Files,
    /// Its version before this regeneration, if it had one.
    pub previous: Option<String>,
    /// Its version and releases now.
    pub record: CrateRecord,
}

/// Reads the codegen config under the repository root `root`, cuts each
/// crate's version against the record of the last commit (see
/// [`crate::versions`]) and generates every crate, in memory. A bad config
/// fails before anything is generated.
pub fn configured_crates(root: &Path) -> Result<Configured, Failure> {
    let path = root.join(config::CONFIG_FILE);
    let text = fs::read_to_string(&path).map_err(io(&path))?;
    let config = config::parse(config::CONFIG_FILE, &text, root).map_err(Failure::Config)?;
    let base = git::base_record(root)?;
    let store = git::Store::new(root);
    let mut record = Record::default();
    let mut crates = Vec::new();
    for krate in config.crates {
        let inputs = krate
            .documents
            .iter()
            .map(|document| read_input(&root.join(document), document))
            .collect::<Result<Vec<_>, _>>()?;
        let previous = base.crates.get(&krate.name);
        let cut = versions::cut(previous, &inputs, &krate.selection(), &store)
            .map_err(Failure::Version)?;
        let mut files = generate_configured(&krate, &inputs, &cut.version)?;
        files.insert(CHANGELOG.to_owned(), versions::changelog(&krate.name, &cut));
        record.crates.insert(krate.name.clone(), cut.clone());
        crates.push(ConfiguredCrate {
            dir: root.join(&krate.out),
            previous: previous.map(|record| record.version.clone()),
            record: cut,
            config: krate,
            files,
        });
    }
    Ok(Configured { crates, record })
}

/// Fails when a crate of `configured` or the version record on disk is not
/// what the generator writes today: with the crate's unified diff, or
/// saying that the versions do not follow the documents.
pub fn check_configured(root: &Path, configured: &Configured) -> Result<(), Failure> {
    for krate in &configured.crates {
        check_fresh(&krate.dir, &krate.files)?;
    }
    let path = root.join(versions::RECORD_FILE);
    let committed = fs::read_to_string(&path).unwrap_or_default();
    if committed != configured.record.to_text() {
        return Err(Failure::Stale(format!(
            "{}: the recorded versions do not follow the documents\n",
            versions::RECORD_FILE
        )));
    }
    Ok(())
}

/// Writes every crate of `configured`, then the version record.
pub fn write_configured(root: &Path, configured: &Configured) -> Result<(), Failure> {
    for krate in &configured.crates {
        write_crate(&krate.dir, &krate.files)?;
    }
    write_file(
        &root.join(versions::RECORD_FILE),
        &configured.record.to_text(),
    )
}

/// The changelog of a configured crate, beside its README.
pub const CHANGELOG: &str = "CHANGELOG.md";

/// The files of one crate of the config, at `version`.
fn generate_configured(
    krate: &CrateConfig,
    inputs: &[Input],
    version: &str,
) -> Result<Files, Failure> {
    // The runtime crate, from the crate's directory: one `..` per level.
    let depth = Path::new(&krate.out).components().count();
    let runtime_path = format!("{}{RUNTIME_DIR}", "../".repeat(depth));
    let options = Options {
        crate_name: krate.name.clone(),
        selection: krate.selection(),
        standalone: krate.standalone,
        runtime_path,
        package: Package {
            version: Some(version.to_owned()),
            description: krate.description.clone(),
            license: krate.license.clone(),
            repository: krate.repository.clone(),
            documentation: krate.documentation.clone(),
            homepage: krate.homepage.clone(),
            keywords: krate.keywords.clone(),
            categories: krate.categories.clone(),
            publish: krate.publish,
        },
    };
    Ok(crate::generate(inputs, &options)?)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Fails with a unified diff when `dir` differs from `files`.
pub fn check_fresh(dir: &Path, files: &Files) -> Result<(), Failure> {
    let mut diff = String::new();
    for (path, expected) in files {
        let actual = fs::read_to_string(dir.join(path)).unwrap_or_default();
        if actual != *expected {
            let text = similar::TextDiff::from_lines(&actual, expected);
            diff.push_str(
                &text
                    .unified_diff()
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
    }
    for extra in extra_files(dir, files)? {
        diff.push_str(&format!("{extra} is not written by the generator\n"));
    }
    if diff.is_empty() {
        Ok(())
    } else {
        Err(Failure::Stale(diff))
    }
}

/// Files under `dir` that are not in `files`, apart from build output.
fn extra_files(dir: &Path, files: &Files) -> Result<Vec<String>, Failure> {
    let mut found = Vec::new();
    if dir.exists() {
        collect_files(dir, dir, &mut found)?;
    }
    Ok(found
        .into_iter()
        .filter(|path| !files.contains_key(path))
        .filter(|path| path != "Cargo.lock" && !path.starts_with("target/"))
        .collect())
}

/// The extra files the generator did not write: those not marked
/// `@generated` on their first line (which an earlier run wrote, e.g. for a
/// version since removed).
fn foreign_files(dir: &Path, files: &Files) -> Result<Vec<String>, Failure> {
    let mut extra = extra_files(dir, files)?;
    extra.retain(|path| !is_marked_generated(&dir.join(path)));
    Ok(extra)
}

fn is_marked_generated(path: &Path) -> bool {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .next()
        .is_some_and(|line| line.contains("@generated"))
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Failure> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Writes `files` as the directory `dir`: everything goes to a temporary
/// directory beside it first, which then replaces `dir`, so a failure leaves
/// the previous contents as they were.
pub fn write_crate(dir: &Path, files: &Files) -> Result<(), Failure> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = file_name(dir);
    let staging = parent.join(format!(".{name}.new"));
    let previous = parent.join(format!(".{name}.old"));
    // A run stopped between the two renames below left `dir` as `previous`.
    if !dir.exists() && previous.exists() {
        fs::rename(&previous, dir).map_err(io(&previous))?;
    }
    if check_fresh(dir, files).is_ok() {
        // Unchanged: leave the files and their timestamps alone.
        return Ok(());
    }
    let foreign = foreign_files(dir, files)?;
    if !foreign.is_empty() {
        return Err(Failure::Foreign {
            dir: dir.to_owned(),
            files: foreign,
        });
    }
    fs::create_dir_all(parent).map_err(io(parent))?;
    for stale in [&staging, &previous] {
        if stale.exists() {
            fs::remove_dir_all(stale).map_err(io(stale))?;
        }
    }
    if let Err(error) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    swap_in(dir, &staging, &previous)
}

/// Replaces `dir` with `staging`; if that fails, `dir` is put back. Build
/// output and the lock file of a standalone crate move into the new `dir`.
fn swap_in(dir: &Path, staging: &Path, previous: &Path) -> Result<(), Failure> {
    let had_previous = dir.exists();
    if had_previous {
        if let Err(error) = fs::rename(dir, previous) {
            let _ = fs::remove_dir_all(staging);
            return Err(io(dir)(error));
        }
    }
    if let Err(error) = fs::rename(staging, dir) {
        if had_previous {
            let _ = fs::rename(previous, dir);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(io(dir)(error));
    }
    if !had_previous {
        return Ok(());
    }
    for kept in ["target", "Cargo.lock"] {
        let (from, to) = (previous.join(kept), dir.join(kept));
        if from.exists() && !to.exists() {
            // On failure `previous` stays, with what could not be moved.
            fs::rename(&from, &to).map_err(io(&from))?;
        }
    }
    fs::remove_dir_all(previous).map_err(io(previous))
}

/// Writes one file whole: to a temporary file beside it, then renamed over
/// it, so that a reader never sees it half-written.
pub fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    if fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.new"));
    fs::write(&temporary, text).map_err(io(&temporary))?;
    fs::rename(&temporary, path).map_err(|error| {
        let _ = fs::remove_file(&temporary);
        io(path)(error)
    })
}

fn write_all(dir: &Path, files: &Files) -> Result<(), Failure> {
    for (path, contents) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, contents).map_err(io(&path))?;
    }
    Ok(())
}
