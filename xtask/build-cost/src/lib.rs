//! `cargo xtask build-cost` (the crate `xtask/build-cost/`): what compiling a
//! generated crate costs a user, side by side with the crate people use today
//! for the same API (google-apis-rs, from crates.io).
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

use xtask::Failure;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Api {
    /// Every resource of tests/fixtures/discovery/datastore.v1.json, next to
    /// google-datastore1 7.0.0.
    Datastore,
    /// Every resource of tests/fixtures/scale/compute.v1.json, and the same
    /// crate with only the `instances` feature, next to google-compute1 6.0.0
    /// (takes long).
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
            Api::Compute => "tests/fixtures/scale/compute.v1.json",
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

/// Measures what compiling our generated crate costs next to the
/// google-apis-rs crate of the same API from crates.io.
///
/// In a scratch workspace under target/build-cost/: the median and min-max
/// seconds of N `cargo build` and `cargo check` runs per crate, its
/// dependencies prebuilt, with lines of Rust, peak memory (where
/// /usr/bin/time -v exists) and the ours/peer ratios. The tables go to
/// stdout, progress to stderr. Exit status: 0 on success, 1 on a failure,
/// 2 on a usage error; a closed stdout ends it quietly with 0.
#[derive(Debug, Clone, PartialEq, Eq, clap::Parser)]
#[command(name = "cargo xtask build-cost", bin_name = "cargo xtask build-cost")]
pub struct Config {
    /// Timed builds (and checks) per crate.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = positive)]
    pub runs: usize,
    /// An API to measure; repeatable [default: datastore and compute]
    #[arg(long = "api", value_enum, value_name = "API")]
    pub apis: Vec<Api>,
    /// Also print the tables as Markdown.
    #[arg(long)]
    pub markdown: bool,
}

impl Config {
    /// The APIs to measure: those given, in order and without repeats, or
    /// all of them.
    pub fn apis(&self) -> Vec<Api> {
        if self.apis.is_empty() {
            return Api::ALL.to_vec();
        }
        let mut apis = Vec::new();
        for &api in &self.apis {
            if !apis.contains(&api) {
                apis.push(api);
            }
        }
        apis
    }
}

fn positive(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("use a whole number of at least 1".to_owned()),
    }
}

/// `cargo xtask build-cost`: measures, then prints the tables on stdout
/// (progress goes to stderr).
pub fn build_cost(root: &Path, config: &Config) -> Result<(), Failure> {
    let scratch = root.join(SCRATCH);
    fs::create_dir_all(&scratch).map_err(xtask::io(&scratch))?;
    let cargo = Cargo::new(&scratch);
    let cargo_version = cargo.version()?;
    let apis = config.apis();
    let mut plans = Vec::new();
    for &api in &apis {
        plans.push(workspace::prepare(root, &scratch, api)?);
    }
    workspace::write_workspace(&scratch, &apis)?;

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
    let mut tables = report.plain();
    if config.markdown {
        tables.push('\n');
        tables.push_str(&report.markdown());
    }
    xtask::write_stdout(&tables)
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

    fn parse(text: &str) -> Result<Config, clap::Error> {
        <Config as clap::Parser>::try_parse_from(
            std::iter::once("build-cost").chain(text.split_whitespace()),
        )
    }

    #[test]
    fn arguments_default_to_three_runs_of_both_apis() {
        let config = parse("").unwrap();
        assert_eq!((config.runs, config.markdown), (3, false));
        assert_eq!(config.apis(), [Api::Datastore, Api::Compute]);
    }

    #[test]
    fn arguments_are_parsed() {
        let config =
            parse("--api compute --runs 5 --markdown --api compute --api datastore").unwrap();
        assert_eq!((config.runs, config.markdown), (5, true));
        assert_eq!(config.apis(), [Api::Compute, Api::Datastore]);
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        for (text, message) in [
            ("--runs", "a value is required for '--runs <N>'"),
            (
                "--runs 0",
                "invalid value '0' for '--runs <N>': use a whole number of at least 1",
            ),
            ("--runs three", "invalid value 'three' for '--runs <N>'"),
            (
                "--runs 1 --runs 2",
                "the argument '--runs <N>' cannot be used multiple times",
            ),
            ("--api", "a value is required for '--api <API>'"),
            ("--api storage", "invalid value 'storage' for '--api <API>'"),
            ("--verbose", "unexpected argument '--verbose' found"),
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{text}");
            assert!(error.to_string().contains(message), "{text}: {error}");
        }
    }
}
