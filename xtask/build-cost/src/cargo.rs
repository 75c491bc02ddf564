//! Running cargo in the scratch workspace, timed, and reading what it
//! writes on stderr (with `/usr/bin/time -v`, the peak memory).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use xtask::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Build,
    Check,
}

impl Mode {
    pub(super) const ALL: [Mode; 2] = [Mode::Build, Mode::Check];

    pub(super) fn command(self) -> &'static str {
        match self {
            Mode::Build => "build",
            Mode::Check => "check",
        }
    }
}

/// One timed cargo command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Sample {
    pub(super) seconds: f64,
    /// Peak resident set in KiB, with `/usr/bin/time -v`.
    pub(super) peak_kib: Option<u64>,
}

/// The samples of a crate, by mode.
#[derive(Debug, Clone, Default)]
pub(super) struct Samples {
    pub(super) build: Vec<Sample>,
    pub(super) check: Vec<Sample>,
}

impl Samples {
    /// The samples of `mode`, to add to.
    pub(super) fn of(&mut self, mode: Mode) -> &mut Vec<Sample> {
        match mode {
            Mode::Build => &mut self.build,
            Mode::Check => &mut self.check,
        }
    }

    /// The samples of `mode`.
    pub(super) fn get(&self, mode: Mode) -> &[Sample] {
        match mode {
            Mode::Build => &self.build,
            Mode::Check => &self.check,
        }
    }
}

/// Runs cargo in the scratch workspace.
pub(super) struct Cargo {
    program: std::ffi::OsString,
    dir: PathBuf,
    /// `/usr/bin/time -v` works here.
    pub(super) time_v: bool,
}

const TIME: &str = "/usr/bin/time";

impl Cargo {
    pub(super) fn new(dir: &Path) -> Self {
        let time_v = Command::new(TIME)
            .args(["-v", "true"])
            .output()
            .is_ok_and(|output| {
                output.status.success()
                    && peak_kib(&String::from_utf8_lossy(&output.stderr)).is_some()
            });
        Cargo {
            program: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            dir: dir.to_owned(),
            time_v,
        }
    }

    fn command(&self, args: &[&str], timed: bool) -> Command {
        let mut command = if timed && self.time_v {
            let mut command = Command::new(TIME);
            command.arg("-v").arg(&self.program);
            command
        } else {
            Command::new(&self.program)
        };
        command
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_TERM_PROGRESS_WHEN", "never");
        command
    }

    fn output(&self, args: &[&str], timed: bool) -> Result<Output, Failure> {
        let output = self.command(args, timed).output().map_err(|error| {
            Failure::Command(format!("cannot run `cargo {}`: {error}", args.join(" ")))
        })?;
        if output.status.success() {
            Ok(output)
        } else {
            Err(Failure::Command(format!(
                "`cargo {}` failed: {}",
                args.join(" "),
                summarize_error(&String::from_utf8_lossy(&output.stderr))
            )))
        }
    }

    pub(super) fn run(&self, args: &[&str]) -> Result<(), Failure> {
        self.output(args, false).map(drop)
    }

    /// Runs a build or check of `package`, timed; warns when it compiled
    /// other crates too (its dependencies were not all built).
    pub(super) fn timed(&self, args: &[&str], package: &str) -> Result<Sample, Failure> {
        let started = Instant::now();
        let output = self.output(args, true)?;
        let seconds = started.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let others: Vec<&str> = compiled_crates(&stderr)
            .into_iter()
            .filter(|name| *name != package)
            .collect();
        if !others.is_empty() {
            eprintln!(
                "warning: `cargo {}` also compiled {}; its time includes them",
                args.join(" "),
                others.join(", ")
            );
        }
        Ok(Sample {
            seconds,
            peak_kib: peak_kib(&stderr),
        })
    }

    pub(super) fn version(&self) -> Result<String, Failure> {
        let output = self.output(&["--version"], false)?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    pub(super) fn metadata(&self) -> Result<serde_json::Value, Failure> {
        let output = self.output(&["metadata", "--format-version", "1"], false)?;
        serde_json::from_slice(&output.stdout)
            .map_err(|error| Failure::Command(format!("cannot read `cargo metadata`: {error}")))
    }
}

/// The one line of cargo's error output worth showing: the first `error`
/// line, with the last cause when there is one.
pub fn summarize_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let Some(first) = lines.iter().position(|line| line.starts_with("error")) else {
        return lines
            .last()
            .map_or("no output".to_owned(), |line| (*line).to_owned());
    };
    let mut summary = lines[first].to_owned();
    if let Some(caused) = lines.iter().rposition(|line| *line == "Caused by:") {
        if let Some(cause) = lines.get(caused + 1) {
            summary.push_str(": ");
            summary.push_str(cause);
        }
    }
    summary
}

/// The crates cargo reports compiling or checking.
fn compiled_crates(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("Compiling ")
                .or_else(|| line.strip_prefix("Checking "))?;
            rest.split_whitespace().next()
        })
        .collect()
}

/// The peak resident set from `/usr/bin/time -v`, in KiB.
fn peak_kib(stderr: &str) -> Option<u64> {
    stderr.lines().rev().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|value| value.trim().parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_output_is_read() {
        let stderr = "   Compiling ours-datastore v0.1.0 (/x)\n    Checking serde v1.0.0\n\
                      \tMaximum resident set size (kbytes): 812345\n";
        assert_eq!(compiled_crates(stderr), ["ours-datastore", "serde"]);
        assert_eq!(peak_kib(stderr), Some(812_345));
        assert_eq!(peak_kib("Finished"), None);
        assert_eq!(
            summarize_error(
                "    Updating crates.io index\nerror: failed to get `x` as a dependency\n\n\
                 Caused by:\n  download failed\n\nCaused by:\n  could not resolve host\n"
            ),
            "error: failed to get `x` as a dependency: could not resolve host"
        );
        assert_eq!(summarize_error("just this\n"), "just this");
        assert_eq!(summarize_error(""), "no output");
    }
}
