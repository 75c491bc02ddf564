//! `cargo xtask corpus`: generates every discovery document of a directory
//! (such as the documents shipped with google-api-python-client) with every
//! resource, and reports how many generated and why the others failed; with
//! `--check`, also `cargo check`s all or a random sample of the crates.

mod check;
mod sample;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::{Options, Selection};

use crate::Failure;

/// What `cargo xtask corpus` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusArgs {
    pub dir: PathBuf,
    /// Which generated crates to `cargo check`.
    pub check: Check,
    /// The seed of the random sample.
    pub seed: u64,
    /// Where checked crates and their shared target directory go.
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    None,
    All,
    Sample(usize),
}

pub fn parse_args(args: &[String], root: &Path) -> Result<CorpusArgs, String> {
    let mut dir = None;
    let mut check = Check::None;
    let mut seed = 1;
    let mut out = root.join("target/corpus");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => {
                check = match crate::flag_value(&mut args, arg)? {
                    "all" => Check::All,
                    n => match n.parse() {
                        Ok(n) if n > 0 => Check::Sample(n),
                        _ => return Err(format!("--check takes `all` or a count, not {n:?}")),
                    },
                }
            }
            "--seed" => {
                let value = crate::flag_value(&mut args, arg)?;
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed takes a number, not {value:?}"))?;
            }
            "--out" => out = PathBuf::from(crate::flag_value(&mut args, arg)?),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag:?}")),
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let dir = dir.ok_or("corpus needs a directory of discovery documents")?;
    Ok(CorpusArgs {
        dir,
        check,
        seed,
        out,
    })
}

/// What happened to one file of the corpus.
enum Outcome {
    Generated,
    Failed(String),
    /// Not a discovery document (e.g. the directory listing `index.json`).
    Skipped(String),
}

/// Generates every document, prints a line per failure and a summary, and
/// then checks the crates asked for. Fails if anything did.
pub fn run(args: &CorpusArgs) -> Result<(), Failure> {
    let files = json_files(&args.dir)?;
    let start = Instant::now();
    let mut generated = Vec::new();
    let (mut failed, mut skipped) = (0, Vec::new());
    for path in &files {
        match generate_one(path) {
            Outcome::Generated => generated.push(path.clone()),
            Outcome::Failed(error) => {
                failed += 1;
                println!("failed: {error}");
            }
            Outcome::Skipped(why) => skipped.push(format!("{} ({why})", file_name(path))),
        }
    }
    println!(
        "corpus {}: {} documents, {} generated, {failed} failed, {} skipped{} in {:.1} s",
        args.dir.display(),
        files.len() - skipped.len(),
        generated.len(),
        skipped.len(),
        if skipped.is_empty() {
            String::new()
        } else {
            format!(": {}", skipped.join(", "))
        },
        start.elapsed().as_secs_f64()
    );
    let checked = match args.check {
        Check::None => Ok(()),
        Check::All => check::check_crates(&generated, &args.out),
        Check::Sample(n) => {
            check::check_crates(&sample::choose(&generated, n, args.seed), &args.out)
        }
    };
    if failed > 0 {
        let documents = files.len() - skipped.len();
        return Err(Failure::Command(format!(
            "{failed} of {documents} documents failed to generate"
        )));
    }
    checked
}

/// The `*.json` files of `dir`, sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = fs::read_dir(dir).map_err(crate::io(dir))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn generate_one(path: &Path) -> Outcome {
    let input = match crate::read_input(path, &path.display().to_string()) {
        Ok(input) => input,
        Err(error) => return Outcome::Failed(error.to_string()),
    };
    // Other kinds of JSON (the directory list) are no API to generate.
    let kind = serde_json::from_str::<serde_json::Value>(&input.text)
        .ok()
        .and_then(|json| {
            json.get("kind")
                .and_then(|kind| kind.as_str().map(str::to_owned))
        });
    if let Some(kind) = kind.filter(|kind| kind != "discovery#restDescription") {
        return Outcome::Skipped(format!("kind {kind}"));
    }
    match codegen::generate(&[input], &options(path)) {
        Ok(_) => Outcome::Generated,
        Err(error) => Outcome::Failed(error.to_string()),
    }
}

/// `--all-resources`, standalone, named after the file.
fn options(path: &Path) -> Options {
    Options {
        crate_name: crate_name(path),
        selection: Selection::All,
        standalone: true,
    }
}

/// `aiplatform.v1beta1.json` → `corpus-aiplatform-v1beta1`.
fn crate_name(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("corpus-{cleaned}")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
