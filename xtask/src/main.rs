//! `cargo xtask`: the command line of the generator.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
use codegen::files;
use codegen::{Options, Selection};
use xtask::{runtime_copy, Failure};

/// The generator's commands, run from anywhere in the repository.
///
/// Exit status: 0 on success, 1 when a command fails (the error is one line
/// on stderr), 2 on a usage error. A command whose stdout is closed early
/// (`cargo xtask diff A B | head -1`) stops at its next write and exits
/// quietly with 0.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate every crate of discovery/crates.toml and the version record.
    ///
    /// Each crate is generated from its documents and resources, at the
    /// version the API diff gives it (discovery/versions.toml). Prints each
    /// crate whose version changed, and a summary line for each document
    /// that changed since the last commit.
    Codegen {
        /// Write nothing; fail with a unified diff when a crate, or the
        /// version record, is not what the generator writes today.
        #[arg(long)]
        check: bool,
    },
    /// Write a standalone crate for any discovery documents.
    ///
    /// Every resource of the documents, unless `--resource` narrows it. The
    /// crate depends by path on a copy of the runtime crate, written to
    /// `--runtime` (by default `google-discovery-runtime` beside DIR, which
    /// crates generated into one directory share). Each is built in memory
    /// and swapped in only when everything was written; files the generator
    /// did not write make it refuse.
    Generate(GenerateArgs),
    /// The API changes between two revisions of a discovery document.
    ///
    /// Computed on the generator's model: each change is classified as
    /// breaking, additive, behaviour or documentation by its effect on the
    /// generated Rust API, with the item it affects.
    Diff(xtask::diff::DiffArgs),
    /// Download the Earth Engine discovery documents into discovery/.
    ///
    /// Runs the `fetch` crate (`xtask/fetch/`), passing the arguments on;
    /// `cargo xtask fetch --help` lists its options.
    #[command(disable_help_flag = true)]
    Fetch {
        /// The arguments of the `fetch` crate.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// Compare what compiling a generated crate costs with google-apis-rs.
    ///
    /// Runs the `build-cost` crate (`xtask/build-cost/`), passing the
    /// arguments on; `cargo xtask build-cost --help` lists its options.
    #[command(disable_help_flag = true)]
    BuildCost {
        /// The arguments of the `build-cost` crate.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// Generate every discovery document of a directory, in memory.
    ///
    /// Each `*.json` of DIR with every resource (other kinds of JSON, such
    /// as the directory list index.json, are skipped); reports how many
    /// generated and each failure's error. With --check, also writes the
    /// crates under OUT and runs `cargo check` on each, with the shared
    /// target directory OUT/target, counting warnings. Exits 1 if a document
    /// failed or a checked crate was not clean.
    Corpus(xtask::corpus::CorpusArgs),
}

#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// A discovery document; repeat it for several versions of one API.
    #[arg(long = "discovery", value_name = "FILE", required = true)]
    discovery: Vec<PathBuf>,
    /// The directory to write the crate to.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name [default: the name of DIR]
    #[arg(long, value_name = "NAME", value_parser = crate_name)]
    crate_name: Option<String>,
    /// Where to write the runtime crate the generated crate depends on
    /// [default: DIR/../google-discovery-runtime]
    #[arg(long, value_name = "RUNTIME_DIR")]
    runtime: Option<PathBuf>,
    /// Generate only this resource (with its nested resources and the
    /// schemas its methods reach), e.g. `projects.locations`; repeatable.
    #[arg(long = "resource", value_name = "DOTTED.PATH")]
    resources: Vec<String>,
}

fn main() -> ExitCode {
    let cli = match xtask::parse_command_line::<Cli>() {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    let root = xtask::repository_root();
    let result = match cli.command {
        Command::Codegen { check } => xtask::codegen(&root, check),
        Command::Generate(args) => generate(&args),
        Command::Diff(args) => xtask::diff::run(&args),
        Command::Fetch { args } => return delegate(&root, "fetch", &args),
        Command::BuildCost { args } => return delegate(&root, "build-cost", &args),
        Command::Corpus(args) => xtask::corpus::run(&args, &root),
    };
    xtask::exit_code(result)
}

fn generate(args: &GenerateArgs) -> Result<(), Failure> {
    let crate_name = match &args.crate_name {
        Some(name) => name.clone(),
        None => default_crate_name(&args.out),
    };
    let selection = if args.resources.is_empty() {
        Selection::All
    } else {
        Selection::Resources(args.resources.clone())
    };
    let runtime = runtime_copy::runtime_dir(&args.out, args.runtime.as_deref());
    let options = Options {
        crate_name,
        selection,
        standalone: true,
        runtime_path: runtime_copy::dependency_path(&args.out, &runtime)?,
        package: Default::default(),
    };
    let inputs = args
        .discovery
        .iter()
        .map(|path| files::read_input(path, &path.display().to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let files = codegen::generate(&inputs, &options)?;
    runtime_copy::write_runtime(&runtime)?;
    Ok(files::write_crate(&args.out, &files)?)
}

/// The output directory's name, when no `--crate-name` is given; a usage
/// error when it is no crate name.
fn default_crate_name(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let checked = match name {
        Some(name) => crate_name(&name).map_err(|rule| {
            format!(
                "the crate name {name:?} taken from --out is invalid: {rule}; pass --crate-name"
            )
        }),
        None => Err(format!(
            "cannot derive a crate name from --out {}; pass --crate-name",
            out.display()
        )),
    };
    checked.unwrap_or_else(|message| {
        let mut cli = Cli::command();
        cli.build();
        let generate = cli
            .find_subcommand_mut("generate")
            .expect("generate is a command");
        generate.error(ErrorKind::ValueValidation, message).exit()
    })
}

/// A crate name cargo accepts, as the codegen config checks it.
fn crate_name(name: &str) -> Result<String, String> {
    codegen::config::check_crate_name(name)
        .map(|()| name.to_owned())
        .map_err(str::to_owned)
}

/// Runs `cargo run --quiet --package PACKAGE -- ARGS` in the
/// repository's workspace and exits as it does: the commands whose
/// dependencies `cargo xtask codegen` should not have to build (an HTTP
/// client, TLS) are crates of their own, built the first time they are run.
fn delegate(root: &Path, package: &str, args: &[OsString]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(&cargo)
        .args(["run", "--quiet", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .args(["--package", package, "--"])
        .args(args)
        .status();
    match status {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => {
                eprintln!("error: `cargo run --package {package}` ended: {status}");
                ExitCode::from(1)
            }
        },
        Err(error) => xtask::exit_code(Err(Failure::Command(format!(
            "cannot run {}: {error}",
            Path::new(&cargo).display()
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(text.split_whitespace()))
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn generate_takes_every_resource_unless_narrowed() {
        let Command::Generate(args) = parse("generate --discovery a.json --out x")
            .unwrap()
            .command
        else {
            panic!("not generate");
        };
        assert!(args.resources.is_empty());
        let Command::Generate(args) = parse(
            "generate --discovery a.json --discovery b.json --out x/y --crate-name y_1 \
             --resource projects.locations --resource projects.operations",
        )
        .unwrap()
        .command
        else {
            panic!("not generate");
        };
        assert_eq!(args.discovery.len(), 2);
        assert_eq!(args.crate_name.as_deref(), Some("y_1"));
        assert_eq!(
            args.resources,
            ["projects.locations", "projects.operations"]
        );
    }

    #[test]
    fn usage_errors_are_reported_by_clap() {
        for text in [
            "",
            "frobnicate",
            "codegen --bogus",
            "generate --out x",
            "generate --discovery",
            "generate --discovery a.json --out x --all-resources",
            "generate --discovery a.json --out x --crate-name 1x",
            "generate --discovery a.json --out x --crate-name a.b",
            "diff a.json",
            "corpus",
            "corpus dir --check 0",
            "corpus dir --seed x",
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{text:?}: {error}");
        }
    }

    #[test]
    fn delegated_commands_keep_their_arguments_unparsed() {
        let Command::Fetch { args } = parse("fetch --help --version v1 -x").unwrap().command else {
            panic!("not fetch");
        };
        assert_eq!(args, ["--help", "--version", "v1", "-x"]);
        let Command::BuildCost { args } = parse("build-cost").unwrap().command else {
            panic!("not build-cost");
        };
        assert!(args.is_empty());
    }

    #[test]
    fn crate_names_are_checked() {
        assert_eq!(crate_name("compute-v1_x").as_deref(), Ok("compute-v1_x"));
        let long = "x".repeat(65);
        for bad in ["", "1x", "-x", "a.b", "é", long.as_str()] {
            assert!(crate_name(bad).is_err(), "{bad:?}");
        }
    }
}
