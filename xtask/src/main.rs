//! `cargo xtask`: the command line of the generator.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::{Options, Selection};
use xtask::Failure;

const USAGE: &str = "\
usage:
  cargo xtask codegen [--check]
      Regenerates generated/ from discovery/*.json (resource projects.operations).
      With --check, writes nothing and fails with a diff when generated/ is stale.
  cargo xtask generate --discovery FILE [--discovery FILE]... --out DIR
                       [--crate-name NAME] [--resource DOTTED.PATH]... [--all-resources]
      Writes a standalone crate for any discovery documents to DIR.
      Default resource: projects.operations; --all-resources takes every resource.
  cargo xtask diff OLD.json NEW.json [--format text|json|markdown] [--deny breaking]
      The API changes between two revisions of a document, computed on the
      generator's model: each classified as breaking, additive, behaviour or
      documentation by its effect on the generated Rust API, with the item it
      affects. --deny breaking exits 1 when anything breaks.
  cargo xtask build-cost [--runs N] [--api datastore|compute]... [--markdown]
      Measures what compiling our generated crate costs next to the google-apis-rs
      crate from crates.io (datastore: google-datastore1 7.0.0; compute:
      google-compute1 6.0.0, and ours with only the `instances` feature), in a
      scratch workspace under target/build-cost/: median and min-max seconds of
      N (default 3) `cargo build` and `cargo check` runs per crate, dependencies
      prebuilt, lines of Rust, and ours/peer ratios. Default: both APIs (compute
      takes long). --markdown also prints the tables as Markdown.
  cargo xtask fetch [--version V]... [--base-url URL]
      Downloads URL/$discovery/rest?version=V (default URL
      https://earthengine.googleapis.com; default versions: those with a
      discovery/earthengine.V.json), checks that it is the Earth Engine document
      of V, writes it to discovery/earthengine.V.json (keys sorted, 2-space
      indent) and prints the API changes. 30 s timeout per document.
  cargo xtask corpus DIR [--check all|N] [--seed S] [--out DIR]
      Generates every discovery document in DIR (*.json; other kinds of JSON,
      such as the directory list index.json, are skipped) with every resource,
      in memory, and reports how many generated and each failure's error.
      With --check, also writes all crates, or N chosen at random (--seed S,
      default 1), under OUT (default target/corpus) and runs `cargo check` on
      each with the shared target directory OUT/target, counting warnings.
      Exits 1 if a document failed or a checked crate was not clean.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => {
            parse_codegen(&args[1..]).map(|check| xtask::codegen(&xtask::repository_root(), check))
        }
        Some("generate") => parse_generate(&args[1..])
            .map(|(inputs, out, options)| generate(&inputs, &out, &options)),
        Some("diff") => xtask::diff::parse_args(&args[1..]).map(|args| xtask::diff::run(&args)),
        Some("build-cost") => xtask::build_cost::parse_args(&args[1..])
            .map(|config| xtask::build_cost::build_cost(&xtask::repository_root(), &config)),
        Some("fetch") => xtask::fetch::parse_args(&args[1..]).map(|config| {
            xtask::fetch::fetch(
                &xtask::repository_root().join("discovery"),
                &config,
                xtask::fetch::TIMEOUT,
                &mut std::io::stdout(),
            )
        }),
        Some("corpus") => xtask::corpus::parse_args(&args[1..], &xtask::repository_root())
            .map(|args| xtask::corpus::run(&args)),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command {other:?}")),
        None => Err("no command given".to_owned()),
    };
    match result {
        Err(usage_error) => {
            eprintln!("error: {usage_error}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Ok(Err(failure)) => {
            eprintln!("error: {failure}");
            ExitCode::from(1)
        }
        Ok(Ok(())) => ExitCode::SUCCESS,
    }
}

fn parse_codegen(args: &[String]) -> Result<bool, String> {
    match args {
        [] => Ok(false),
        [flag] if flag == "--check" => Ok(true),
        _ => Err(format!(
            "unexpected arguments to codegen: {}",
            args.join(" ")
        )),
    }
}

fn parse_generate(args: &[String]) -> Result<(Vec<PathBuf>, PathBuf, Options), String> {
    let mut discovery = Vec::new();
    let mut out = None;
    let mut crate_name = None;
    let mut resources = Vec::new();
    let mut all_resources = false;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || xtask::flag_value(&mut args, flag).map(str::to_owned);
        match flag.as_str() {
            "--discovery" => discovery.push(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--crate-name" => crate_name = Some(value()?),
            "--resource" => resources.push(value()?),
            "--all-resources" => all_resources = true,
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    if discovery.is_empty() {
        return Err("generate needs at least one --discovery FILE".to_owned());
    }
    let out = out.ok_or("generate needs --out DIR")?;
    if all_resources && !resources.is_empty() {
        return Err("--all-resources and --resource exclude each other".to_owned());
    }
    let crate_name = match crate_name {
        Some(name) => name,
        None => default_crate_name(&out)?,
    };
    if !is_valid_crate_name(&crate_name) {
        return Err(format!(
            "invalid crate name {crate_name:?}: use ASCII letters, digits, `-` and `_`, starting with a letter"
        ));
    }
    let selection = if all_resources {
        Selection::All
    } else if resources.is_empty() {
        Selection::Resources(vec![xtask::RESOURCE.to_owned()])
    } else {
        Selection::Resources(resources)
    };
    let options = Options {
        crate_name,
        selection,
        standalone: true,
    };
    Ok((discovery, out, options))
}

/// The output directory's name, when no `--crate-name` is given.
fn default_crate_name(out: &std::path::Path) -> Result<String, String> {
    out.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            format!(
                "cannot derive a crate name from {}; pass --crate-name",
                out.display()
            )
        })
}

fn is_valid_crate_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn generate(inputs: &[PathBuf], out: &std::path::Path, options: &Options) -> Result<(), Failure> {
    let inputs = inputs
        .iter()
        .map(|path| xtask::read_input(path, &path.display().to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let files = codegen::generate(&inputs, options)?;
    xtask::write_crate(out, &files)
}
