//! `cargo xtask corpus`: generates every discovery document of a directory
//! (such as the documents shipped with google-api-python-client) with every
//! resource, and reports how many generated and why the others failed; with
//! `--check`, also `cargo check`s all or a random sample of the crates.

mod check;
mod sample;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::files::read_input;
use codegen::{Options, Selection};

use crate::Failure;

/// The arguments of `cargo xtask corpus`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct CorpusArgs {
    /// A directory of discovery documents (`*.json`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Also write and `cargo check` the generated crates: `all` of them, or
    /// N chosen at random.
    #[arg(long, value_name = "all|N", value_parser = parse_check)]
    pub check: Option<Check>,
    /// The seed of the random sample of `--check N`.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Where checked crates and their shared target directory go
    /// [default: target/corpus]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Which generated crates to `cargo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    All,
    Sample(usize),
}

fn parse_check(value: &str) -> Result<Check, String> {
    match value {
        "all" => Ok(Check::All),
        n => match n.parse() {
            Ok(n) if n > 0 => Ok(Check::Sample(n)),
            _ => Err("use `all` or a count of at least 1".to_owned()),
        },
    }
}

/// What happened to one file of the corpus.
enum Outcome {
    /// Generated, with the counts of methods that page.
    Generated(Paging),
    Failed(String),
    /// Not a discovery document (e.g. the directory listing `index.json`).
    Skipped(String),
}

/// Generates every document, prints a line per failure and a summary, and
/// then checks the crates asked for. Fails if anything did.
pub fn run(args: &CorpusArgs, root: &Path) -> Result<(), Failure> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("target/corpus"));
    let files = json_files(&args.dir)?;
    let start = Instant::now();
    let mut generated = Vec::new();
    let (mut failed, mut skipped) = (0, Vec::new());
    let mut paging = Paging::default();
    for path in &files {
        match generate_one(path, root) {
            Outcome::Generated(counts) => {
                generated.push(path.clone());
                paging.add(counts);
            }
            Outcome::Failed(error) => {
                failed += 1;
                crate::write_stdout_line(&format!("failed: {error}"))?;
            }
            Outcome::Skipped(why) => skipped.push(format!("{} ({why})", file_name(path))),
        }
    }
    crate::write_stdout_line(&format!(
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
    ))?;
    crate::write_stdout_line(&format!(
        "paging: {} methods have .pages(), {} of them .items()",
        paging.pages, paging.items
    ))?;
    let checked = match args.check {
        None => Ok(()),
        Some(Check::All) => check::check_crates(&generated, &out, root),
        Some(Check::Sample(n)) => {
            check::check_crates(&sample::choose(&generated, n, args.seed), &out, root)
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

fn generate_one(path: &Path, root: &Path) -> Outcome {
    let input = match read_input(path, &path.display().to_string()) {
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
    match codegen::generate(&[input], &options(path, root)) {
        Ok(files) => Outcome::Generated(Paging::of(&files)),
        Err(error) => Outcome::Failed(error.to_string()),
    }
}

/// How many generated methods page, and how many of those have items.
#[derive(Debug, Default, Clone, Copy)]
struct Paging {
    pages: usize,
    items: usize,
}

impl Paging {
    /// Counted in the generated code: one `Paginated` impl per method that
    /// pages, and one `PageItems` impl per method with `.items()`.
    fn of(files: &codegen::Files) -> Paging {
        let count = |needle: &str| -> usize {
            files
                .values()
                .map(|text| text.matches(needle).count())
                .sum()
        };
        Paging {
            // Without ` for `: a long type name moves to the next line.
            pages: count("impl crate::runtime::Paginated"),
            items: count("impl crate::runtime::PageItems"),
        }
    }

    fn add(&mut self, other: Paging) {
        self.pages += other.pages;
        self.items += other.items;
    }
}

/// Every resource, standalone, named after the file, depending on the
/// repository's runtime crate.
fn options(path: &Path, root: &Path) -> Options {
    Options {
        crate_name: crate_name(path),
        selection: Selection::All,
        standalone: true,
        runtime_path: root.join("codegen/runtime").display().to_string(),
        package: Default::default(),
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
