//! `cargo xtask fetch` (the crate `xtask/fetch/`): downloads the Earth
//! Engine discovery documents, checks them, writes them in the committed
//! form and prints what changed.
//!
//! A crate of its own so that `cargo xtask codegen` does not build its HTTP
//! client and TLS stack; `cargo xtask fetch` runs it with `cargo run`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use codegen::diff::{diff_documents, Format};
use codegen::Input;
use serde_json::Value;

use xtask::Failure;

/// Where the documents come from unless `--base-url` says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://earthengine.googleapis.com";
/// The API whose documents are fetched.
pub const API: &str = "earthengine";
/// The budget of one download, from connecting to the last byte of the body.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// The largest document accepted (the full Earth Engine documents are a few MB).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// Downloads the Earth Engine discovery documents into discovery/.
///
/// Fetches URL/$discovery/rest?version=V for each version, checks that it is
/// the Earth Engine document of V, writes it to discovery/earthengine.V.json
/// (keys sorted, 2-space indentation) and prints the API changes. 30 s
/// timeout per document; honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
/// Exit status: 0 on success, 1 on a failure (one line naming the version
/// and URL; that version's file is left as it was), 2 on a usage error; a
/// closed stdout ends it quietly with 0.
#[derive(Debug, Clone, PartialEq, Eq, clap::Parser)]
#[command(name = "cargo xtask fetch", bin_name = "cargo xtask fetch")]
pub struct Config {
    /// A version to fetch, e.g. v1beta; repeatable [default: each V with a
    /// discovery/earthengine.V.json]
    #[arg(long = "version", value_name = "V", value_parser = version)]
    pub versions: Vec<String>,
    /// Where the documents come from.
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL, value_parser = base_url)]
    pub base_url: String,
}

fn version(text: &str) -> Result<String, String> {
    if is_valid_version(text) {
        Ok(text.to_owned())
    } else {
        Err("use ASCII letters and digits, e.g. v1beta".to_owned())
    }
}

fn base_url(text: &str) -> Result<String, String> {
    if text.starts_with("http://") || text.starts_with("https://") {
        Ok(text.to_owned())
    } else {
        Err("it must start with http:// or https://".to_owned())
    }
}

/// A version names a file, so it is kept to letters and digits.
fn is_valid_version(version: &str) -> bool {
    !version.is_empty() && version.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The URL of the discovery document of `version`.
pub fn document_url(base_url: &str, version: &str) -> String {
    format!(
        "{}/$discovery/rest?version={version}",
        base_url.trim_end_matches('/')
    )
}

/// The versions that have a document `earthengine.V.json` in `dir`, sorted.
pub fn committed_versions(dir: &Path) -> Result<Vec<String>, Failure> {
    let entries = fs::read_dir(dir).map_err(xtask::io(dir))?;
    let mut versions: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let version = name.strip_prefix("earthengine.")?.strip_suffix(".json")?;
            is_valid_version(version).then(|| version.to_owned())
        })
        .collect();
    versions.sort();
    Ok(versions)
}

/// `cargo xtask fetch`: fetches each version in turn into `dir` (the
/// repository's `discovery/`), printing progress and the API changes to
/// `out`. Stops at the first failure; the file of the version that failed
/// is left as it was, those fetched before it are already replaced.
pub fn fetch(
    dir: &Path,
    config: &Config,
    timeout: Duration,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let versions = if config.versions.is_empty() {
        committed_versions(dir)?
    } else {
        let mut versions = config.versions.clone();
        let mut seen = std::collections::BTreeSet::new();
        versions.retain(|version| seen.insert(version.clone()));
        versions
    };
    if versions.is_empty() {
        return Err(Failure::Command(format!(
            "no {API}.VERSION.json in {}; name the versions with --version",
            dir.display()
        )));
    }
    let agent = agent(timeout);
    for version in &versions {
        fetch_version(&agent, dir, &config.base_url, version, out)?;
    }
    Ok(())
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into()
}

fn fetch_version(
    agent: &ureq::Agent,
    dir: &Path,
    base_url: &str,
    version: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let url = document_url(base_url, version);
    let fail =
        |reason: String| Failure::Command(format!("fetching {API} {version} from {url}: {reason}"));
    let file_name = format!("{API}.{version}.json");
    let path = dir.join(&file_name);
    let label = format!("discovery/{file_name}");
    print(out, &format!("fetching {API} {version} from {url}"))?;

    let body = download(agent, &url).map_err(&fail)?;
    let (text, revision) = normalize(&body, version).map_err(&fail)?;

    let old = match fs::read_to_string(&path) {
        Ok(old) => Some(old),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(xtask::io(&path)(error)),
    };
    if old.as_deref() == Some(text.as_str()) {
        return print(out, &format!("{label}: unchanged (revision {revision})"));
    }
    write_atomically(&path, &text)?;
    print(
        out,
        &format!(
            "{label}: written, revision {revision}, {} bytes",
            text.len()
        ),
    )?;
    if let Some(old) = old {
        let old = Input {
            file: label,
            text: old,
        };
        let new = Input { file: url, text };
        match diff_documents(&old, &new) {
            Ok(report) => xtask::write_to(out, &report.render(Format::Text))?,
            // The document is written and valid as a discovery document;
            // what the generator makes of it is `cargo xtask codegen`'s call.
            Err(error) => print(out, &format!("no API diff: {error}"))?,
        }
    }
    Ok(())
}

/// Writes `line` and a newline to `out`, which is stdout outside tests.
fn print(out: &mut dyn Write, line: &str) -> Result<(), Failure> {
    xtask::write_to(out, &format!("{line}\n"))
}

/// The body of a successful response, as text; any failure in one line.
fn download(agent: &ureq::Agent, url: &str) -> Result<String, String> {
    let mut response = agent.get(url).call().map_err(describe)?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_owned());
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_string()
        .map_err(describe)
}

fn describe(error: ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::Io(error) => match error.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::TimedOut => "timed out".to_owned(),
            _ => error.to_string(),
        },
        other => other.to_string(),
    }
}

/// Checks that `body` is the Earth Engine document of `version` and returns
/// it in the committed form, with its revision.
pub fn normalize(body: &str, version: &str) -> Result<(String, String), String> {
    let value: Value =
        serde_json::from_str(body).map_err(|error| format!("the body is not JSON: {error}"))?;
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    let expect = |name: &str, expected: &str| match field(name) {
        Some(actual) if actual == expected => Ok(()),
        Some(actual) => Err(format!("`{name}` is {actual:?}, expected {expected:?}")),
        None => Err(format!("no string `{name}`, expected {expected:?}")),
    };
    expect("kind", "discovery#restDescription")?;
    expect("name", API)?;
    expect("version", version)?;
    let revision = field("revision").unwrap_or("unknown").to_owned();
    Ok((normalized(&value), revision))
}

/// The form the committed documents are written in: keys sorted, two-space
/// indentation, a final newline.
pub fn normalized(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    text.push('\n');
    text
}

/// Writes `path` through a temporary file in the same directory, renamed
/// over it only once complete.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary: PathBuf = path.with_file_name(format!(".{name}.tmp"));
    let written = fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })
        .map_err(xtask::io(&temporary))
        .and_then(|()| fs::rename(&temporary, path).map_err(xtask::io(path)));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
