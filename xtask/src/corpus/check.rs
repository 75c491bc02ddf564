//! `cargo check` of generated corpus crates, one after another, with one
//! shared target directory so that the dependencies build once.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::files;

use crate::Failure;

/// The verdict of one crate.
enum Verdict {
    Clean,
    Warnings(usize),
    /// cargo failed; the first error lines.
    Failed(String),
}

/// Writes each document's crate under `out` and checks it; prints a line per
/// crate and a summary. Fails if any crate had a warning or an error.
pub(super) fn check_crates(documents: &[PathBuf], out: &Path, root: &Path) -> Result<(), Failure> {
    let start = Instant::now();
    let target = out.join("target");
    let (mut clean, mut warned, mut failed) = (0, 0, 0);
    for document in documents {
        let crate_dir = write_crate(document, out, root)?;
        let crate_start = Instant::now();
        let verdict = cargo_check(&crate_dir, &target)?;
        let seconds = crate_start.elapsed().as_secs_f64();
        let name = super::file_name(document);
        match verdict {
            Verdict::Clean => {
                clean += 1;
                crate::write_stdout_line(&format!("checked {name}: clean ({seconds:.1} s)"))?;
            }
            Verdict::Warnings(count) => {
                warned += 1;
                crate::write_stdout_line(&format!(
                    "checked {name}: {count} warnings ({seconds:.1} s)"
                ))?;
            }
            Verdict::Failed(errors) => {
                failed += 1;
                crate::write_stdout_line(&format!(
                    "checked {name}: FAILED ({seconds:.1} s)\n{errors}"
                ))?;
            }
        }
    }
    crate::write_stdout_line(&format!(
        "cargo check of {} crates: {clean} clean, {warned} with warnings, {failed} failed in {:.1} s \
         (crates and target directory in {})",
        documents.len(),
        start.elapsed().as_secs_f64(),
        out.display()
    ))?;
    if warned + failed > 0 {
        return Err(Failure::Command(format!(
            "{} of {} crates did not check cleanly",
            warned + failed,
            documents.len()
        )));
    }
    Ok(())
}

/// Generates the crate of `document` into `out/<crate name>`, with the
/// workspace's lock file so that it builds with the dependencies the
/// workspace was tested with.
fn write_crate(document: &Path, out: &Path, root: &Path) -> Result<PathBuf, Failure> {
    let options = super::options(document, root);
    let input = files::read_input(document, &document.display().to_string())?;
    let mut files = codegen::generate(&[input], &options)?;
    let lock_path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path).map_err(crate::io(&lock_path))?;
    files.insert("Cargo.lock".to_owned(), lock);
    let dir = out.join(&options.crate_name);
    files::write_crate(&dir, &files)?;
    Ok(dir)
}

fn cargo_check(crate_dir: &Path, target: &Path) -> Result<Verdict, Failure> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|error| Failure::Command(format!("running cargo check: {error}")))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("error"))
            .take(5)
            .collect();
        return Ok(Verdict::Failed(errors.join("\n")));
    }
    let warnings = stderr
        .lines()
        .filter(|line| line.contains("warning:") && !line.contains(" generated "))
        .count();
    Ok(if warnings == 0 {
        Verdict::Clean
    } else {
        Verdict::Warnings(warnings)
    })
}
