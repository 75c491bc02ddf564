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
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use codegen::{Files, Options, Selection};

use crate::Failure;

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
        let mut value = || {
            args.next()
                .map(String::as_str)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
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
        plans.push(prepare(root, &scratch, api)?);
    }
    write_workspace(&scratch, &config.apis)?;

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
    let metadata = cargo.metadata()?;
    for plan in &mut plans {
        plan.resolve_peer(&metadata)?;
    }

    for run in 1..=config.runs {
        for mode in Mode::ALL {
            for row in plans.iter_mut().flat_map(|plan| &mut plan.rows) {
                let subject = &row.subject;
                cargo.run(&["clean", "-p", &subject.package])?;
                let sample = cargo.timed(&subject.cargo_args(mode), &subject.package)?;
                progress(format_args!(
                    "run {run}/{}: {} {}: {:.2} s",
                    config.runs,
                    mode.command(),
                    subject.label,
                    sample.seconds
                ));
                row.samples.of(mode).push(sample);
            }
        }
    }

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

fn progress(message: fmt::Arguments<'_>) {
    eprintln!("build-cost: {message}");
}

/// A crate to measure.
#[derive(Debug, Clone)]
struct Subject {
    /// How the tables name it.
    label: String,
    /// Its package name, for `-p`.
    package: String,
    /// `--features` and the like.
    features: Vec<String>,
    /// Lines of Rust in its sources.
    lines: usize,
    methods: Option<usize>,
    ours: bool,
}

impl Subject {
    fn cargo_args(&self, mode: Mode) -> Vec<&str> {
        let mut args = vec![mode.command(), "-p", &self.package];
        args.extend(self.features.iter().map(String::as_str));
        args
    }
}

/// One API's crates and their measurements.
struct Plan {
    api: Api,
    peer: Peer,
    /// Ours (in one or two variants), then the peer, whose label and lines
    /// come from `cargo metadata` once it is downloaded.
    rows: Vec<Row>,
    /// What was not measured, and why; printed under the table.
    notes: Vec<String>,
}

impl Plan {
    fn resolve_peer(&mut self, metadata: &serde_json::Value) -> Result<(), Failure> {
        let name = self.peer.name;
        let (version, manifest) = package_in_metadata(metadata, name).ok_or_else(|| {
            Failure::Command(format!(
                "`cargo metadata` does not list {name}, which {PEERS} depends on"
            ))
        })?;
        let src = manifest.parent().unwrap_or(Path::new(".")).join("src");
        let lines = rust_lines_in(&src)?;
        if let Some(peer) = self.rows.iter_mut().find(|row| !row.subject.ours) {
            peer.subject.label = format!("{name} {version}");
            peer.subject.lines = lines;
        }
        Ok(())
    }
}

/// Generates our crate for `api` into the scratch workspace.
fn prepare(root: &Path, scratch: &Path, api: Api) -> Result<Plan, Failure> {
    let path = root.join(api.document());
    let input = crate::read_input(&path, api.document())?;
    let document: serde_json::Value = serde_json::from_str(&input.text)
        .map_err(|error| Failure::Command(format!("{}: {error}", path.display())))?;
    let name = api.crate_name();
    progress(format_args!("generating {name} from {}", api.document()));
    let options = Options {
        crate_name: name.clone(),
        selection: Selection::All,
        standalone: false,
    };
    let files = codegen::generate(&[input], &options)?;
    crate::write_crate(&scratch.join(&name), &files)?;
    let lines = generated_rust_lines(&files);
    let mut notes = Vec::new();
    let mut subjects = vec![Subject {
        label: format!("{name} (all resources)"),
        package: name.clone(),
        features: Vec::new(),
        lines,
        methods: Some(count_methods(&document)),
        ours: true,
    }];
    if api == Api::Compute {
        let cargo_toml = files.get("Cargo.toml").map_or("", String::as_str);
        if has_feature(cargo_toml, COMPUTE_FEATURE) {
            let features = format!("client,{COMPUTE_FEATURE}");
            subjects.push(Subject {
                label: format!("{name} (features {features})"),
                package: name.clone(),
                features: vec![
                    "--no-default-features".to_owned(),
                    "--features".to_owned(),
                    features,
                ],
                lines,
                methods: document
                    .pointer(&format!("/resources/{COMPUTE_FEATURE}"))
                    .map(count_methods),
                ours: true,
            });
        } else {
            let note = format!(
                "{name} with only the `{COMPUTE_FEATURE}` resource feature is not measured: \
                 the generated Cargo.toml has no `{COMPUTE_FEATURE}` feature yet."
            );
            eprintln!("note: {note}");
            notes.push(note);
        }
    }
    let peer = api.peer();
    subjects.push(Subject {
        label: peer.name.to_owned(),
        package: peer.name.to_owned(),
        features: Vec::new(),
        lines: 0,
        methods: peer.methods,
        ours: false,
    });
    Ok(Plan {
        api,
        peer,
        rows: subjects
            .into_iter()
            .map(|subject| Row {
                subject,
                samples: Samples::default(),
            })
            .collect(),
        notes,
    })
}

/// Writes the scratch workspace's manifest and the `peers` crate, leaving
/// files that are already right untouched.
fn write_workspace(scratch: &Path, apis: &[Api]) -> Result<(), Failure> {
    let members: Vec<String> = apis
        .iter()
        .map(|api| format!("{:?}", api.crate_name()))
        .chain([format!("{PEERS:?}")])
        .collect();
    let workspace = format!(
        "# Written by `cargo xtask build-cost`: a scratch workspace, rewritten on each run.\n\
         [workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    let dependencies: String = apis
        .iter()
        .map(|api| {
            let peer = api.peer();
            format!("{} = \"{}\"\n", peer.name, peer.requirement)
        })
        .collect();
    let peers_toml = format!(
        "# Written by `cargo xtask build-cost`: the peer crates, as dependencies.\n\
         [package]\nname = \"{PEERS}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{dependencies}"
    );
    write_if_changed(&scratch.join("Cargo.toml"), &workspace)?;
    write_if_changed(&scratch.join(PEERS).join("Cargo.toml"), &peers_toml)?;
    write_if_changed(&scratch.join(PEERS).join("src/lib.rs"), "")
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), Failure> {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    let io = |error| Failure::Io {
        path: path.to_owned(),
        error,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    fs::write(path, contents).map_err(io)
}

/// The methods of a discovery document (or of one of its resources): its
/// `methods` and those of its `resources`, at every depth.
pub fn count_methods(node: &serde_json::Value) -> usize {
    let methods = node
        .get("methods")
        .and_then(serde_json::Value::as_object)
        .map_or(0, serde_json::Map::len);
    let nested: usize = node
        .get("resources")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |resources| resources.values().map(count_methods).sum());
    methods + nested
}

/// Whether a `Cargo.toml` declares `feature` in its `[features]` table.
pub fn has_feature(cargo_toml: &str, feature: &str) -> bool {
    let mut in_features = false;
    for line in cargo_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if in_features {
            let key = line.split('=').next().unwrap_or("").trim();
            if key == feature || key == format!("{feature:?}") {
                return true;
            }
        }
    }
    false
}

/// Lines of the `.rs` files among the generated files.
fn generated_rust_lines(files: &Files) -> usize {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(_, text)| text.lines().count())
        .sum()
}

/// Lines of the `.rs` files under `dir`, at every depth.
fn rust_lines_in(dir: &Path) -> Result<usize, Failure> {
    let io = |error| Failure::Io {
        path: dir.to_owned(),
        error,
    };
    let mut lines = 0;
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            lines += rust_lines_in(&path)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = fs::read_to_string(&path).map_err(|error| Failure::Io {
                path: path.clone(),
                error,
            })?;
            lines += text.lines().count();
        }
    }
    Ok(lines)
}

/// The version and manifest path of the package `name` in the output of
/// `cargo metadata --format-version 1`.
fn package_in_metadata(metadata: &serde_json::Value, name: &str) -> Option<(String, PathBuf)> {
    let package = metadata
        .get("packages")?
        .as_array()?
        .iter()
        .find(|package| package.get("name").and_then(|n| n.as_str()) == Some(name))?;
    let version = package.get("version")?.as_str()?.to_owned();
    let manifest = PathBuf::from(package.get("manifest_path")?.as_str()?);
    Some((version, manifest))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Build,
    Check,
}

impl Mode {
    const ALL: [Mode; 2] = [Mode::Build, Mode::Check];

    fn command(self) -> &'static str {
        match self {
            Mode::Build => "build",
            Mode::Check => "check",
        }
    }
}

/// One timed cargo command.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sample {
    seconds: f64,
    /// Peak resident set in KiB, with `/usr/bin/time -v`.
    peak_kib: Option<u64>,
}

#[derive(Debug, Clone, Default)]
struct Samples {
    build: Vec<Sample>,
    check: Vec<Sample>,
}

impl Samples {
    fn of(&mut self, mode: Mode) -> &mut Vec<Sample> {
        match mode {
            Mode::Build => &mut self.build,
            Mode::Check => &mut self.check,
        }
    }
}

/// Runs cargo in the scratch workspace.
struct Cargo {
    program: std::ffi::OsString,
    dir: PathBuf,
    /// `/usr/bin/time -v` works here.
    time_v: bool,
}

const TIME: &str = "/usr/bin/time";

impl Cargo {
    fn new(dir: &Path) -> Self {
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

    fn run(&self, args: &[&str]) -> Result<(), Failure> {
        self.output(args, false).map(drop)
    }

    /// Runs a build or check of `package`, timed; warns when it compiled
    /// other crates too (its dependencies were not all built).
    fn timed(&self, args: &[&str], package: &str) -> Result<Sample, Failure> {
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

    fn version(&self) -> Result<String, Failure> {
        let output = self.output(&["--version"], false)?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    fn metadata(&self) -> Result<serde_json::Value, Failure> {
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

/// The median and the range of some measurements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// `None` for no values.
pub fn spread(values: &[f64]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = match n {
        0 => return None,
        _ if !n.is_multiple_of(2) => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Some(Spread {
        median,
        min: sorted[0],
        max: sorted[n - 1],
    })
}

/// `ours / peer`, `None` when either is missing or the peer is zero.
pub fn ratio(ours: Option<f64>, peer: Option<f64>) -> Option<f64> {
    match (ours, peer) {
        (Some(ours), Some(peer)) if peer > 0.0 => Some(ours / peer),
        _ => None,
    }
}

/// A measured crate.
struct Row {
    subject: Subject,
    samples: Samples,
}

impl Row {
    fn seconds(&self, mode: Mode) -> Option<Spread> {
        let samples = match mode {
            Mode::Build => &self.samples.build,
            Mode::Check => &self.samples.check,
        };
        spread(&samples.iter().map(|s| s.seconds).collect::<Vec<_>>())
    }

    fn median(&self, mode: Mode) -> Option<f64> {
        self.seconds(mode).map(|s| s.median)
    }

    /// Milliseconds per method, from the median.
    fn per_method(&self, mode: Mode) -> Option<f64> {
        let methods = self.subject.methods.filter(|&m| m > 0)?;
        Some(self.median(mode)? * 1000.0 / methods as f64)
    }

    /// The largest peak resident set of its builds, in MiB.
    fn peak_mib(&self) -> Option<f64> {
        self.samples
            .build
            .iter()
            .filter_map(|s| s.peak_kib)
            .max()
            .map(|kib| kib as f64 / 1024.0)
    }
}

struct Report {
    runs: usize,
    cargo_version: String,
    cpus: usize,
    /// Peak memory was measured.
    memory: bool,
    plans: Vec<Plan>,
}

/// A table: a header and rows of cells; all but the first column are
/// numbers, right-aligned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns padded to their widest cell, two spaces apart.
    pub fn plain(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|column| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(column, &width)| {
                    let cell = row.get(column).map_or("", String::as_str);
                    if column == 0 {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
        let rule: Vec<String> = (0..self.header.len())
            .map(|column| if column == 0 { "---" } else { "---:" }.to_owned())
            .collect();
        let mut out = line(&self.header);
        out.push_str(&line(&rule));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

impl Report {
    fn preamble(&self) -> String {
        let range = if self.runs > 1 { " (min–max)" } else { "" };
        format!(
            "Compiling one crate, its dependencies already built: `cargo clean -p CRATE`, \
             then `cargo build -p CRATE` (dev profile) or `cargo check -p CRATE`; \
             incremental compilation off. Seconds: median{range} of {runs} run{s}. \
             {cargo}, {cpus} CPUs.",
            runs = self.runs,
            s = if self.runs == 1 { "" } else { "s" },
            cargo = self.cargo_version,
            cpus = self.cpus,
        )
    }

    fn heading(api: Api, rows: &[Row]) -> String {
        let peer = rows
            .iter()
            .find(|row| !row.subject.ours)
            .map_or("", |row| row.subject.label.as_str());
        format!("{}: ours from {} vs {peer}", api.name(), api.document())
    }

    fn table(&self, rows: &[Row]) -> Table {
        let per_method = rows
            .iter()
            .any(|row| !row.subject.ours && row.subject.methods.is_some());
        let mut header = vec!["crate", "lines", "methods", "build s", "check s"];
        if self.memory {
            header.push("build peak MiB");
        }
        if per_method {
            header.extend(["build ms/method", "check ms/method"]);
        }
        let mut table = Table {
            header: header.into_iter().map(str::to_owned).collect(),
            rows: Vec::new(),
        };
        for row in rows {
            let mut cells = vec![
                row.subject.label.clone(),
                thousands(row.subject.lines),
                row.subject.methods.map_or("–".to_owned(), thousands),
                seconds(row.seconds(Mode::Build)),
                seconds(row.seconds(Mode::Check)),
            ];
            if self.memory {
                cells.push(
                    row.peak_mib()
                        .map_or("–".to_owned(), |mib| thousands(mib.round() as usize)),
                );
            }
            if per_method {
                cells.push(milliseconds(row.per_method(Mode::Build)));
                cells.push(milliseconds(row.per_method(Mode::Check)));
            }
            table.rows.push(cells);
        }
        let Some(peer) = rows.iter().find(|row| !row.subject.ours) else {
            return table;
        };
        for ours in rows.iter().filter(|row| row.subject.ours) {
            let mut cells = vec![
                format!("{} / peer", ours.subject.label),
                times(ratio(
                    Some(ours.subject.lines as f64),
                    Some(peer.subject.lines as f64),
                )),
                String::new(),
                times(ratio(ours.median(Mode::Build), peer.median(Mode::Build))),
                times(ratio(ours.median(Mode::Check), peer.median(Mode::Check))),
            ];
            if self.memory {
                cells.push(times(ratio(ours.peak_mib(), peer.peak_mib())));
            }
            if per_method {
                cells.push(times(ratio(
                    ours.per_method(Mode::Build),
                    peer.per_method(Mode::Build),
                )));
                cells.push(times(ratio(
                    ours.per_method(Mode::Check),
                    peer.per_method(Mode::Check),
                )));
            }
            table.rows.push(cells);
        }
        table
    }

    fn plain(&self) -> String {
        let mut out = format!("{}\n", self.preamble());
        for plan in &self.plans {
            out.push_str(&format!("\n{}\n\n", Self::heading(plan.api, &plan.rows)));
            out.push_str(&self.table(&plan.rows).plain());
            for note in &plan.notes {
                out.push_str(&format!("\nNote: {note}\n"));
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("{}\n", self.preamble());
        for plan in &self.plans {
            out.push_str(&format!(
                "\n### {}\n\n",
                Self::heading(plan.api, &plan.rows)
            ));
            out.push_str(&self.table(&plan.rows).markdown());
            for note in &plan.notes {
                out.push_str(&format!("\nNote: {note}\n"));
            }
        }
        out
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn seconds(spread: Option<Spread>) -> String {
    match spread {
        None => "–".to_owned(),
        Some(s) if s.min == s.max => format!("{:.2}", s.median),
        Some(s) => format!("{:.2} ({:.2}–{:.2})", s.median, s.min, s.max),
    }
}

fn milliseconds(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |ms| format!("{ms:.1}"))
}

fn times(value: Option<f64>) -> String {
    value.map_or("–".to_owned(), |r| format!("{r:.2}×"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
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

    #[test]
    fn spread_is_median_min_and_max() {
        assert_eq!(spread(&[]), None);
        assert_eq!(
            spread(&[2.0]),
            Some(Spread {
                median: 2.0,
                min: 2.0,
                max: 2.0
            })
        );
        assert_eq!(
            spread(&[3.0, 1.0, 2.0]),
            Some(Spread {
                median: 2.0,
                min: 1.0,
                max: 3.0
            })
        );
        assert_eq!(
            spread(&[4.0, 1.0, 3.0, 10.0]),
            Some(Spread {
                median: 3.5,
                min: 1.0,
                max: 10.0
            })
        );
    }

    #[test]
    fn ratio_is_ours_over_peer() {
        assert_eq!(ratio(Some(3.0), Some(6.0)), Some(0.5));
        assert_eq!(ratio(Some(3.0), Some(0.0)), None);
        assert_eq!(ratio(None, Some(6.0)), None);
        assert_eq!(ratio(Some(3.0), None), None);
        assert_eq!(times(ratio(Some(1.0), Some(3.0))), "0.33×");
        assert_eq!(times(None), "–");
    }

    #[test]
    fn methods_are_counted_at_every_depth() {
        let document = serde_json::json!({
            "methods": {"batch": {}},
            "resources": {
                "projects": {
                    "methods": {"get": {}, "list": {}},
                    "resources": {
                        "operations": {"methods": {"get": {}, "cancel": {}, "delete": {}}},
                        "empty": {}
                    }
                },
                "regions": {"methods": {"list": {}}}
            },
            "schemas": {"Operation": {"methods": {"not": {}, "a": {}, "method": {}}}}
        });
        assert_eq!(count_methods(&document), 7);
        assert_eq!(count_methods(&document["resources"]["projects"]), 5);
        assert_eq!(count_methods(&serde_json::json!({})), 0);
    }

    #[test]
    fn features_are_found_in_the_features_table_only() {
        let cargo_toml = "[package]\nname = \"instances\"\n\n[features]\ndefault = [\"client\"]\n\
                          client = [\"dep:reqwest\"]\ninstances = []\n\n[dependencies]\nzones = \"1\"\n";
        assert!(has_feature(cargo_toml, "instances"));
        assert!(has_feature(cargo_toml, "client"));
        assert!(!has_feature(cargo_toml, "zones"));
        assert!(!has_feature(cargo_toml, "name"));
        assert!(!has_feature(
            "[features]\ninstances-extra = []\n",
            "instances"
        ));
    }

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

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_025), "1,025");
        assert_eq!(thousands(326_451), "326,451");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(seconds(spread(&[1.0, 2.0, 4.0])), "2.00 (1.00–4.00)");
        assert_eq!(seconds(spread(&[1.5])), "1.50");
        assert_eq!(seconds(None), "–");
    }

    #[test]
    fn tables_render_as_text_and_markdown() {
        let table = Table {
            header: args("crate lines"),
            rows: vec![args("ours 1,000"), args("google-datastore1 12")],
        };
        assert_eq!(
            table.plain(),
            "crate              lines\nours               1,000\ngoogle-datastore1     12\n"
        );
        assert_eq!(
            table.markdown(),
            "| crate | lines |\n| --- | ---: |\n| ours | 1,000 |\n| google-datastore1 | 12 |\n"
        );
    }

    fn row(label: &str, lines: usize, methods: usize, ours: bool, build: &[f64]) -> Row {
        let sample = |seconds: f64| Sample {
            seconds,
            peak_kib: Some(2_048_000),
        };
        Row {
            subject: Subject {
                label: label.to_owned(),
                package: label.to_owned(),
                features: Vec::new(),
                lines,
                methods: Some(methods),
                ours,
            },
            samples: Samples {
                build: build.iter().copied().map(sample).collect(),
                check: build.iter().map(|s| sample(s / 2.0)).collect(),
            },
        }
    }

    #[test]
    fn the_report_compares_medians_and_methods_and_keeps_notes() {
        let report = Report {
            runs: 3,
            cargo_version: "cargo 1.0.0".to_owned(),
            cpus: 2,
            memory: true,
            plans: vec![Plan {
                api: Api::Compute,
                peer: Api::Compute.peer(),
                rows: vec![
                    row("ours-compute", 2_000, 1_000, true, &[30.0, 10.0, 20.0]),
                    row(
                        "google-compute1 6.0.0",
                        1_000,
                        500,
                        false,
                        &[40.0, 40.0, 40.0],
                    ),
                ],
                notes: vec!["one variant is not measured.".to_owned()],
            }],
        };
        let plain = report.plain();
        assert!(
            plain.contains("median (min–max) of 3 runs. cargo 1.0.0, 2 CPUs."),
            "{plain}"
        );
        assert!(plain.contains("compute: ours from ../shared/fixtures/discovery/compute.v1.json vs google-compute1 6.0.0\n"), "{plain}");
        let lines: Vec<&str> = plain.lines().collect();
        let cells = |prefix: &str| -> Vec<String> {
            let line = lines
                .iter()
                .find(|line| line.starts_with(prefix))
                .expect(prefix);
            line[prefix.len()..]
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(
            cells("ours-compute / peer"),
            ["2.00×", "0.50×", "0.50×", "1.00×", "0.25×", "0.25×"]
        );
        assert_eq!(
            cells("ours-compute "),
            [
                "2,000",
                "1,000",
                "20.00 (10.00–30.00)",
                "10.00 (5.00–15.00)",
                "2,000",
                "20.0",
                "10.0"
            ]
        );
        assert!(
            plain.ends_with("\nNote: one variant is not measured.\n"),
            "{plain}"
        );
        let markdown = report.markdown();
        assert!(markdown.contains("\n### compute: ours from"), "{markdown}");
        assert!(
            markdown.contains(
                "| google-compute1 6.0.0 | 1,000 | 500 | 40.00 | 20.00 | 2,000 | 80.0 | 40.0 |\n"
            ),
            "{markdown}"
        );
    }
}
