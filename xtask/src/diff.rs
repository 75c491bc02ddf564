//! `cargo xtask diff OLD.json NEW.json`: the API changes between two
//! revisions of a discovery document, and what each does to the generated
//! Rust API.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use codegen::diff::{self, Format};
use codegen::Input;

use crate::{read_input, Failure};

/// The arguments of `cargo xtask diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffArgs {
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: Format,
    /// `--deny breaking`: fail when anything breaks.
    pub deny_breaking: bool,
}

/// `OLD.json NEW.json [--format text|json|markdown] [--deny breaking]`.
pub fn parse_args(args: &[String]) -> Result<DiffArgs, String> {
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut deny_breaking = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some("markdown") => Format::Markdown,
                    other => {
                        return Err(format!(
                            "--format takes text, json or markdown, not {other:?}"
                        ))
                    }
                }
            }
            "--deny" => match args.next().map(String::as_str) {
                Some("breaking") => deny_breaking = true,
                other => return Err(format!("--deny takes `breaking`, not {other:?}")),
            },
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag:?}")),
            file => files.push(PathBuf::from(file)),
        }
    }
    match <[PathBuf; 2]>::try_from(files) {
        Ok([old, new]) => Ok(DiffArgs {
            old,
            new,
            format,
            deny_breaking,
        }),
        Err(files) => Err(format!(
            "diff takes two documents, OLD and NEW, not {}",
            files.len()
        )),
    }
}

/// Prints the report; with `--deny breaking`, fails when anything breaks.
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let old = read_input(&args.old, &args.old.display().to_string())?;
    let new = read_input(&args.new, &args.new.display().to_string())?;
    let report = diff::diff_documents(&old, &new)?;
    print!("{}", report.render(args.format));
    if args.deny_breaking && report.is_breaking() {
        return Err(Failure::Denied(format!(
            "{} breaking changes ({})",
            report.counts().breaking,
            report.summary()
        )));
    }
    Ok(())
}

/// One line per document of `discovery/` that differs from its committed
/// version (`git show HEAD:…`), with the counts of its changes; nothing for
/// documents git does not know or that did not change.
pub fn changed_documents(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("discovery")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let name = format!("discovery/{}", path.file_name()?.to_string_lossy());
            let committed = git_show(root, &name)?;
            let current = read_input(path, &name).ok()?;
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

/// The committed text of `path`, if git knows it.
fn git_show(root: &Path, path: &str) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", &format!("HEAD:{path}")])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_files_format_and_deny() {
        let parsed = parse_args(&args("a.json b.json --format markdown --deny breaking")).unwrap();
        assert_eq!(parsed.old, PathBuf::from("a.json"));
        assert_eq!(parsed.new, PathBuf::from("b.json"));
        assert_eq!(parsed.format, Format::Markdown);
        assert!(parsed.deny_breaking);
        assert_eq!(parse_args(&args("a b")).unwrap().format, Format::Text);
    }

    #[test]
    fn rejects_bad_usage() {
        assert!(parse_args(&args("a.json"))
            .unwrap_err()
            .contains("two documents"));
        assert!(parse_args(&args("a b c"))
            .unwrap_err()
            .contains("two documents"));
        assert!(parse_args(&args("a b --format yaml"))
            .unwrap_err()
            .contains("--format"));
        assert!(parse_args(&args("a b --deny additive"))
            .unwrap_err()
            .contains("--deny"));
        assert!(parse_args(&args("a b --fast"))
            .unwrap_err()
            .contains("unknown flag"));
    }
}
