//! `cargo xtask diff OLD.json NEW.json`: the API changes between two
//! revisions of a discovery document, and what each does to the generated
//! Rust API.

use std::path::{Path, PathBuf};

use codegen::diff::{self, Format};
use codegen::files::read_input;
use codegen::Input;

use crate::Failure;

/// The arguments of `cargo xtask diff`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct DiffArgs {
    /// The earlier revision of the document.
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The later revision of the document.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
    /// How to print the report: text for people, json for machines,
    /// markdown for a changelog entry.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Exit with 1 when any change is of this kind.
    #[arg(long, value_enum, value_name = "KIND")]
    pub deny: Option<Deny>,
}

/// The formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Markdown,
}

impl From<OutputFormat> for Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
            OutputFormat::Markdown => Format::Markdown,
        }
    }
}

/// What `--deny` can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Anything that breaks code written against the old revision.
    Breaking,
}

/// Prints the report; with `--deny breaking`, fails when anything breaks
/// (also when stdout was closed before the report was written).
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let old = read_input(&args.old, &args.old.display().to_string())?;
    let new = read_input(&args.new, &args.new.display().to_string())?;
    let report = diff::diff_documents(&old, &new)?;
    let printed = crate::write_stdout(&report.render(args.format.into()));
    if args.deny == Some(Deny::Breaking) && report.is_breaking() {
        return Err(Failure::Denied(format!(
            "{} breaking changes ({})",
            report.counts().breaking,
            report.summary()
        )));
    }
    printed
}

/// One line per document of the codegen config (`documents`, each path
/// relative to `root`) that differs from its committed version
/// (`git show HEAD:…`), with the counts of its changes; nothing for
/// documents git does not know or that did not change.
pub fn changed_documents(root: &Path, documents: &[String]) -> Vec<String> {
    documents
        .iter()
        .filter_map(|name| {
            let committed = codegen::git::show_head(root, name)?;
            let current = read_input(&root.join(name), name).ok()?;
            if committed == current.text {
                return None;
            }
            let before = Input {
                file: format!("HEAD:{name}"),
                text: committed,
            };
            Some(match diff::diff_documents(&before, &current) {
                Ok(report) => format!("{name} changed since the last commit: {}", report.summary()),
                Err(error) => {
                    format!("{name} changed since the last commit; cannot compare: {error}")
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        diff: DiffArgs,
    }

    fn parse(text: &str) -> Result<DiffArgs, clap::Error> {
        Cli::try_parse_from(std::iter::once("diff").chain(text.split_whitespace()))
            .map(|cli| cli.diff)
    }

    #[test]
    fn parses_files_format_and_deny() {
        let parsed = parse("a.json b.json --format markdown --deny breaking").unwrap();
        assert_eq!(parsed.old, PathBuf::from("a.json"));
        assert_eq!(parsed.new, PathBuf::from("b.json"));
        assert_eq!(parsed.format, OutputFormat::Markdown);
        assert_eq!(parsed.deny, Some(Deny::Breaking));
        let plain = parse("a b").unwrap();
        assert_eq!((plain.format, plain.deny), (OutputFormat::Text, None));
    }

    #[test]
    fn rejects_bad_usage() {
        for text in [
            "a.json",
            "a b c",
            "a b --format yaml",
            "a b --deny additive",
            "a b --fast",
        ] {
            let error = parse(text).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{text}: {error}");
        }
    }
}
