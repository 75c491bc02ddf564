//! The repository's commands (`cargo xtask …`), and what they share with the
//! command crates beside this one (`xtask/fetch/`, `xtask/build-cost/`):
//! one failure type, command output written to stdout without panicking,
//! and the exit status.
//!
//! Reading documents and writing crates is the generator's
//! ([`codegen::files`]); this crate only drives it.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::files;

pub mod corpus;
pub mod diff;
pub mod runtime_copy;

/// A failure of a command, printed as one message.
#[derive(Debug)]
pub enum Failure {
    /// Reading, generating, writing or checking files failed.
    Files(files::Failure),
    /// `--deny breaking` found breaking changes.
    Denied(String),
    /// An outside command (cargo) failed or could not run, or a download
    /// failed; the message says which and why.
    Command(String),
    /// Writing the command's output to stdout failed. A broken pipe (the
    /// reader went away) ends the command quietly; see [`exit_code`].
    Stdout(std::io::Error),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Files(failure) => write!(f, "{failure}"),
            Failure::Denied(what) => write!(f, "denied: {what}"),
            Failure::Command(message) => write!(f, "{message}"),
            Failure::Stdout(error) => write!(f, "writing to stdout: {error}"),
        }
    }
}

impl From<files::Failure> for Failure {
    fn from(failure: files::Failure) -> Self {
        Failure::Files(failure)
    }
}

impl From<codegen::Error> for Failure {
    fn from(error: codegen::Error) -> Self {
        Failure::Files(files::Failure::Codegen(error))
    }
}

/// The mapping of an I/O error on `path` to a [`Failure`].
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Failure + '_ {
    move |error| Failure::Files(files::io(path)(error))
}

/// The repository root (the parent of `xtask/`).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is inside the repository")
        .to_owned()
}

/// Writes command output to `out` and flushes it; a failure is
/// [`Failure::Stdout`], since `out` is stdout outside tests.
pub fn write_to(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Failure::Stdout)
}

/// Writes command output to the locked stdout and flushes it.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    write_to(&mut std::io::stdout().lock(), text)
}

/// [`write_stdout`] of `line` and a newline.
pub fn write_stdout_line(line: &str) -> Result<(), Failure> {
    write_stdout(&format!("{line}\n"))
}

/// The command line, parsed; or, for a usage error or `--help`, the exit
/// status after clap's message: a usage error goes to stderr with 2, and
/// help to stdout with 0, through [`write_stdout`] so that a closed or full stdout
/// ends it as it ends a command.
pub fn parse_command_line<C: clap::Parser>() -> Result<C, ExitCode> {
    C::try_parse().map_err(|error| {
        if error.use_stderr() {
            error.exit()
        }
        exit_code(write_stdout(&error.render().to_string()))
    })
}

/// The exit status of a command that ended with `result`: 0 on success,
/// and also when stdout was a pipe whose reader went away (the command
/// stops at its next write, quietly, as a reader such as `head` expects);
/// 1 with the failure on stderr otherwise. Usage errors exit with 2 before
/// a command runs.
pub fn exit_code(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Stdout(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(1)
        }
    }
}

/// `cargo xtask codegen [--check]`: regenerates every crate of the codegen
/// config and the version record, or with `check` fails with a diff when
/// one is stale. Every crate is generated before any is written.
pub fn codegen(root: &Path, check: bool) -> Result<(), Failure> {
    let configured = files::configured_crates(root)?;
    if check {
        return Ok(files::check_configured(root, &configured)?);
    }
    // The crates are written first, so that a closed stdout cannot stop them.
    let documents: std::collections::BTreeSet<String> = configured
        .crates
        .iter()
        .flat_map(|krate| krate.config.documents.iter().cloned())
        .collect();
    let documents: Vec<String> = documents.into_iter().collect();
    let changes = diff::changed_documents(root, &documents);
    files::write_configured(root, &configured)?;
    for krate in &configured.crates {
        if let Some(line) = version_line(krate) {
            write_stdout_line(&line)?;
        }
    }
    changes.iter().try_for_each(|line| write_stdout_line(line))
}

/// `earthengine 0.1.0 → 0.2.0+20261106 (breaking)`, for a crate whose
/// version this regeneration cut.
fn version_line(krate: &files::ConfiguredCrate) -> Option<String> {
    let new = &krate.record.version;
    if krate.previous.as_ref() == Some(new) {
        return None;
    }
    let why = krate
        .record
        .releases
        .last()
        .and_then(|release| release.change)
        .map_or("new crate".to_owned(), |change| change.name().to_owned());
    let old = krate.previous.as_deref().unwrap_or("none");
    Some(format!("{} {old} → {new} ({why})", krate.config.name))
}
