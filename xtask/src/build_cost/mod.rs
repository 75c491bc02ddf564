//! `cargo xtask build-cost`: what compiling a generated crate costs a user,
//! side by side with the crate people use today for the same API
//! (google-apis-rs, from crates.io).
//!
//! Everything happens in a scratch workspace, `target/build-cost/`, with its
//! own `[workspace]`, `Cargo.lock` and target directory: our crates are
//! generated there as members (`Options { standalone: false }`), next to a
//! member `peers` whose dependencies are the peer crates. Each crate is first
//! built and checked once, which downloads and compiles its dependencies;
//! then, run after run and alternating ours and the peer, `cargo clean -p
//! CRATE` and a timed `cargo build -p CRATE`, and the same with `cargo
//! check`. A figure is therefore the cost of compiling that one crate, its
//! dependencies already built, in the dev profile a user's `cargo build`
//! uses.
//!
//! Every cargo command runs with `CARGO_INCREMENTAL=0`: cargo never compiles
//! a crates.io dependency incrementally, and would compile our crates, as
//! workspace members, incrementally, charging them for writing the
//! incremental cache. One difference remains: lints run on our crates
//! (members) and are capped on the peers (dependencies).
//!
//! Peak memory is the largest resident set of the build's processes (the
//! `rustc` of the crate), from `/usr/bin/time -v` when it is there; without
//! it, the column is left out.

use std::fmt;
use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::Failure;

mod cargo;
mod report;
mod stats;
mod table;
mod workspace;

pub use cargo::summarize_error;
pub use stats::{ratio, spread, Spread};
pub use table::{thousands, Table};
pub use workspace::{count_methods, has_feature};

use cargo::{Cargo, Mode};
use report::Report;
use workspace::Plan;

/// The scratch workspace, relative to the repository root.
const SCRATCH: &str = "target/build-cost";
/// The member crate that depends on the peer crates.
const PEERS: &str = "peers";
/// The resource feature of the one-feature variant of our compute crate.
const COMPUTE_FEATURE: &str = "instances";

/// An API measured by `cargo xtask build-cost`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Datastore,
    Compute,
}

impl Api {
    pub const ALL: [Api; 2] = [Api::Datastore, Api::Compute];

    fn name(self) -> &'static str {
        match self {
            Api::Datastore => "datastore",
            Api::Compute => "compute",
        }
    }

    /// Our document, relative to the repository root.
    fn document(self) -> &'static str {
        match self {
            Api::Datastore => "tests/fixtures/discovery/datastore.v1.json",
            Api::Compute => "../shared/fixtures/discovery/compute.v1.json",
        }
    }

    /// The name of our crate in the scratch workspace.
    fn crate_name(self) -> String {
        format!("ours-{}", self.name())
    }

    fn peer(self) -> Peer {
        match self {
            Api::Datastore => Peer {
                name: "google-datastore1",
                requirement: "=7.0.0",
                methods: None,
            },
            Api::Compute => Peer {
                name: "google-compute1",
                requirement: "=6.0.0",
                // google-compute1 6.0.0 (`6.0.0+20240604`) was generated from
                // the compute v1 document of revision 20240604, which has 779
                // methods: the crate has one call builder (`pub struct …Call`)
                // per method, 779 of them. That document is not in this
                // repository; ours is a later revision, and its count is read
                // from it.
                methods: Some(779),
            },
        }
    }
}

/// A google-apis-rs crate from crates.io.
#[derive(Debug, Clone, Copy)]
struct Peer {
    name: &'static str,
    requirement: &'static str,
    /// The method count of the document it was generated from, where known.
    methods: Option<usize>,
}

/// The arguments of `cargo xtask build-cost`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Timed builds (and checks) per crate.
    pub runs: usize,
    /// In the order given, without repeats.
    pub apis: Vec<Api>,
    /// Also print the tables as Markdown.
    pub markdown: bool,
}

/// Parses the arguments after `build-cost`; an error is a usage error.
pub fn parse_args(args: &[String]) -> Result<Config, String> {
    let mut runs = None;
    let mut apis = Vec::new();
    let mut markdown = false;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || crate::flag_value(&mut args, flag);
        match flag.as_str() {
            "--runs" => {
                let text = value()?;
                if runs.is_some() {
                    return Err("--runs given twice".to_owned());
                }
                match text.parse::<usize>() {
                    Ok(n) if n > 0 => runs = Some(n),
                    _ => return Err(format!("--runs needs a positive number, not {text:?}")),
                }
            }
            "--api" => {
                let api = match value()? {
                    "datastore" => Api::Datastore,
                    "compute" => Api::Compute,
                    other => {
                        return Err(format!("unknown API {other:?}: use datastore or compute"))
                    }
                };
                if !apis.contains(&api) {
                    apis.push(api);
                }
            }
            "--markdown" => markdown = true,
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    if apis.is_empty() {
        apis = Api::ALL.to_vec();
    }
    Ok(Config {
        runs: runs.unwrap_or(3),
        apis,
        markdown,
    })
}

/// `cargo xtask build-cost`: measures, then prints the tables on stdout
/// (progress goes to stderr).
pub fn build_cost(root: &Path, config: &Config) -> Result<(), Failure> {
    let scratch = root.join(SCRATCH);
    fs::create_dir_all(&scratch).map_err(|error| Failure::Io {
        path: scratch.clone(),
        error,
    })?;
    let cargo = Cargo::new(&scratch);
    let cargo_version = cargo.version()?;
    let mut plans = Vec::new();
    for &api in &config.apis {
        plans.push(workspace::prepare(root, &scratch, api)?);
    }
    workspace::write_workspace(&scratch, &config.apis)?;

    build_once(&cargo, &plans)?;
    let metadata = cargo.metadata()?;
    for plan in &mut plans {
        plan.resolve_peer(&metadata)?;
    }
    measure(&cargo, &mut plans, config.runs)?;

    let report = Report {
        runs: config.runs,
        cargo_version,
        cpus: std::thread::available_parallelism().map_or(0, |n| n.get()),
        memory: cargo.time_v,
        plans,
    };
    print!("{}", report.plain());
    if config.markdown {
        print!("\n{}", report.markdown());
    }
    Ok(())
}

/// Builds and checks every crate once, untimed, so that its dependencies
/// are downloaded and compiled before the timed runs.
fn build_once(cargo: &Cargo, plans: &[Plan]) -> Result<(), Failure> {
    progress(format_args!(
        "building each crate once with its dependencies (the first time, this downloads and compiles them)"
    ));
    for row in plans.iter().flat_map(|plan| &plan.rows) {
        for mode in Mode::ALL {
            let started = Instant::now();
            cargo.run(&row.subject.cargo_args(mode))?;
            progress(format_args!(
                "{} {}: {:.1} s",
                mode.command(),
                row.subject.label,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    Ok(())
}

/// The timed runs: in each, every crate is cleaned and built, then every
/// crate is cleaned and checked; the samples go to the rows.
fn measure(cargo: &Cargo, plans: &mut [Plan], runs: usize) -> Result<(), Failure> {
    for run in 1..=runs {
        for mode in Mode::ALL {
            for row in plans.iter_mut().flat_map(|plan| &mut plan.rows) {
                let subject = &row.subject;
                cargo.run(&["clean", "-p", &subject.package])?;
                let sample = cargo.timed(&subject.cargo_args(mode), &subject.package)?;
                progress(format_args!(
                    "run {run}/{runs}: {} {}: {:.2} s",
                    mode.command(),
                    subject.label,
                    sample.seconds
                ));
                row.samples.of(mode).push(sample);
            }
        }
    }
    Ok(())
}

fn progress(message: fmt::Arguments<'_>) {
    eprintln!("build-cost: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words, split at white space.
    pub(super) fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn arguments_default_to_three_runs_of_both_apis() {
        assert_eq!(
            parse_args(&[]),
            Ok(Config {
                runs: 3,
                apis: vec![Api::Datastore, Api::Compute],
                markdown: false,
            })
        );
    }

    #[test]
    fn arguments_are_parsed() {
        assert_eq!(
            parse_args(&args(
                "--api compute --runs 5 --markdown --api compute --api datastore"
            )),
            Ok(Config {
                runs: 5,
                apis: vec![Api::Compute, Api::Datastore],
                markdown: true,
            })
        );
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        for (text, message) in [
            ("--runs", "--runs needs a value"),
            ("--runs 0", "--runs needs a positive number, not \"0\""),
            (
                "--runs three",
                "--runs needs a positive number, not \"three\"",
            ),
            ("--runs 1 --runs 2", "--runs given twice"),
            ("--api", "--api needs a value"),
            (
                "--api storage",
                "unknown API \"storage\": use datastore or compute",
            ),
            ("--verbose", "unknown flag \"--verbose\""),
        ] {
            assert_eq!(parse_args(&args(text)), Err(message.to_owned()), "{text}");
        }
    }
}
