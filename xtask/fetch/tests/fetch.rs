//! `cargo xtask fetch` (the `fetch` crate) against a local server that
//! answers canned HTTP/1.1 responses: each committed document, and each way
//! a download can fail.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use fetch::Config;

const VERSIONS: [&str; 3] = ["v1", "v1alpha", "v1beta"];
/// Short, so that the stalled body fails fast.
const TIMEOUT: Duration = Duration::from_millis(700);

fn discovery() -> PathBuf {
    xtask::repository_root().join("discovery")
}

fn committed(version: &str) -> String {
    std::fs::read_to_string(discovery().join(format!("earthengine.{version}.json"))).unwrap()
}

/// A fresh copy of `discovery/` under the target directory.
fn scratch_discovery(name: &str) -> PathBuf {
    let dir = xtask::repository_root()
        .join("target/xtask-fetch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for version in VERSIONS {
        let file = format!("earthengine.{version}.json");
        std::fs::copy(discovery().join(&file), dir.join(&file)).unwrap();
    }
    dir
}

/// What the server answers to every request.
#[derive(Clone)]
enum Reply {
    /// A complete response.
    Full { status: &'static str, body: String },
    /// Headers announcing a large body, a few bytes of it, then nothing.
    Stall,
}

/// Serves `reply` on 127.0.0.1 until the test ends; returns the base URL and
/// the request targets received.
fn serve(reply: Reply) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let (reply, sender) = (reply.clone(), sender.clone());
            thread::spawn(move || answer(stream, &reply, &sender));
        }
    });
    (base_url, receiver)
}

fn answer(mut stream: TcpStream, reply: &Reply, requests: &mpsc::Sender<String>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("").to_owned();
    let _ = requests.send(target);
    match reply {
        Reply::Full { status, body } => {
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-type: application/json; charset=UTF-8\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Reply::Stall => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                 content-length: 10000000\r\n\r\n{{\"kind\": "
            );
            let _ = stream.flush();
            // Hold the connection open until the client gives up and closes it.
            let mut rest = Vec::new();
            let _ = std::io::Read::read_to_end(&mut reader, &mut rest);
        }
    }
}

fn config(base_url: &str, version: &str) -> Config {
    Config {
        versions: vec![version.to_owned()],
        base_url: base_url.to_owned(),
    }
}

fn run(dir: &Path, config: &Config) -> (Result<(), xtask::Failure>, String) {
    let mut out = Vec::new();
    let result = fetch::fetch(dir, config, TIMEOUT, &mut out);
    (result, String::from_utf8(out).unwrap())
}

#[test]
fn committed_documents_are_normalized() {
    for version in VERSIONS {
        let text = committed(version);
        let (normalized, _) = fetch::normalize(&text, version).unwrap();
        assert!(normalized == text, "{version}: normalizing changes it");
    }
}

#[test]
fn normalizing_sorts_keys_and_indents_by_two() {
    let body = r#"{"version":"v1","name":"earthengine","kind":"discovery#restDescription",
        "revision":"1","b":[1,{"z":null,"a":"é"}],"a":{}}"#;
    let (text, revision) = fetch::normalize(body, "v1").unwrap();
    assert_eq!(revision, "1");
    assert_eq!(
        text,
        "{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"a\": \"é\",\n      \"z\": null\n    }\n  ],\n  \
         \"kind\": \"discovery#restDescription\",\n  \"name\": \"earthengine\",\n  \"revision\": \"1\",\n  \
         \"version\": \"v1\"\n}\n"
    );
}

#[test]
fn fetches_each_version_and_writes_it_normalized() {
    let dir = scratch_discovery("success");
    for version in VERSIONS {
        // Served compact and with its keys in another order than committed.
        let value: serde_json::Value = serde_json::from_str(&committed(version)).unwrap();
        let served = serde_json::to_string(&value).unwrap();
        std::fs::write(dir.join(format!("earthengine.{version}.json")), "{}\n").unwrap();
        let (base_url, requests) = serve(Reply::Full {
            status: "200 OK",
            body: served,
        });
        let (result, out) = run(&dir, &config(&base_url, version));
        result.unwrap();
        assert_eq!(
            requests.try_recv().unwrap(),
            format!("/$discovery/rest?version={version}")
        );
        let written = std::fs::read_to_string(dir.join(format!("earthengine.{version}.json")));
        assert!(written.unwrap() == committed(version), "{version}");
        assert!(
            out.contains(&format!(
                "fetching earthengine {version} from {base_url}/$discovery/rest?version={version}\n"
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!("discovery/earthengine.{version}.json: written")),
            "{out}"
        );
    }
    assert!(
        !std::fs::read_dir(&dir).unwrap().any(|entry| entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")),
        "a temporary file is left"
    );
}

#[test]
fn without_versions_fetches_those_in_the_directory_and_reports_unchanged() {
    let dir = scratch_discovery("default-versions");
    std::fs::remove_file(dir.join("earthengine.v1alpha.json")).unwrap();
    std::fs::remove_file(dir.join("earthengine.v1beta.json")).unwrap();
    assert_eq!(fetch::committed_versions(&dir).unwrap(), ["v1"]);
    let (base_url, requests) = serve(Reply::Full {
        status: "200 OK",
        body: committed("v1"),
    });
    let config = Config {
        versions: Vec::new(),
        base_url: format!("{base_url}/"),
    };
    let (result, out) = run(&dir, &config);
    result.unwrap();
    assert_eq!(requests.try_recv().unwrap(), "/$discovery/rest?version=v1");
    assert!(requests.try_recv().is_err());
    assert!(
        out.contains("discovery/earthengine.v1.json: unchanged (revision 20250801)"),
        "{out}"
    );
}

#[test]
fn a_changed_document_is_written_and_diffed() {
    let dir = scratch_discovery("changed");
    let mut value: serde_json::Value = serde_json::from_str(&committed("v1")).unwrap();
    value["revision"] = "20990101".into();
    value["description"] = "A new description.".into();
    let (base_url, _requests) = serve(Reply::Full {
        status: "200 OK",
        body: value.to_string(),
    });
    let (result, out) = run(&dir, &config(&base_url, "v1"));
    result.unwrap();
    assert!(
        out.contains("discovery/earthengine.v1.json: written, revision 20990101"),
        "{out}"
    );
    // The report's header names both sides: the previous file and the URL.
    assert!(
        out.contains(&format!(
            "discovery/earthengine.v1.json → {base_url}/$discovery/rest?version=v1: "
        )),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("earthengine.v1.json")).unwrap(),
        fetch::normalized(&value)
    );
}

/// Fetches v1 from `base_url` into a copy of `discovery/` and checks that it
/// fails with `reason`, naming the version and URL, and leaves the file as it was.
fn assert_fails(name: &str, base_url: &str, reason: &str) {
    let dir = scratch_discovery(name);
    let before = std::fs::read(dir.join("earthengine.v1.json")).unwrap();
    let (result, _) = run(&dir, &config(base_url, "v1"));
    let message = result.expect_err("the fetch fails").to_string();
    let url = format!("{base_url}/$discovery/rest?version=v1");
    assert_eq!(
        message,
        format!("fetching earthengine v1 from {url}: {reason}"),
        "{name}"
    );
    assert!(!message.contains('\n'), "{name}: {message}");
    assert_eq!(
        std::fs::read(dir.join("earthengine.v1.json")).unwrap(),
        before,
        "{name}: the file changed"
    );
    assert!(
        !dir.join(".earthengine.v1.json.tmp").exists(),
        "{name}: a temporary file is left"
    );
}

fn failing(status: &'static str, body: &str) -> String {
    serve(Reply::Full {
        status,
        body: body.to_owned(),
    })
    .0
}

#[test]
fn an_http_error_status_fails() {
    let body = r#"{"error": {"code": 500, "message": "backend error"}}"#;
    assert_fails(
        "500",
        &failing("500 Internal Server Error", body),
        "HTTP 500 Internal Server Error",
    );
    assert_fails(
        "404",
        &failing("404 Not Found", "Not Found"),
        "HTTP 404 Not Found",
    );
}

/// serde_json's message for `text`, which ours quotes.
fn json_error(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_body_that_is_not_json_fails() {
    assert_fails(
        "not-json",
        &failing("200 OK", "<html>sign in</html>"),
        &format!(
            "the body is not JSON: {}",
            json_error("<html>sign in</html>")
        ),
    );
}

#[test]
fn another_api_or_version_fails() {
    let document = |name: &str, version: &str| {
        let mut value: serde_json::Value = serde_json::from_str(&committed("v1")).unwrap();
        value["name"] = name.into();
        value["version"] = version.into();
        value.to_string()
    };
    assert_fails(
        "wrong-name",
        &failing("200 OK", &document("compute", "v1")),
        r#"`name` is "compute", expected "earthengine""#,
    );
    assert_fails(
        "wrong-version",
        &failing("200 OK", &document("earthengine", "v1beta")),
        r#"`version` is "v1beta", expected "v1""#,
    );
    assert_fails(
        "wrong-kind",
        &failing("200 OK", r#"{"kind": "discovery#directoryList"}"#),
        r#"`kind` is "discovery#directoryList", expected "discovery#restDescription""#,
    );
}

#[test]
fn a_body_that_never_ends_times_out() {
    let (base_url, _requests) = serve(Reply::Stall);
    let started = Instant::now();
    assert_fails("stall", &base_url, "timed out");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= TIMEOUT && elapsed < TIMEOUT * 8,
        "took {elapsed:?}"
    );
}

#[test]
fn a_refused_connection_fails() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    assert_fails(
        "refused",
        &format!("http://127.0.0.1:{port}"),
        "connection refused",
    );
}

fn fetch_command(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_fetch"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_exits_with_1_on_failure_and_2_on_usage_errors() {
    for args in [
        &["--version"][..],
        &["--version", "../v1"],
        &["--base-url", "ftp://example.com"],
        &["--bogus"],
    ] {
        let output = fetch_command(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // A refused port: nothing is written, so the real discovery/ is safe.
    let before = committed("v1");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base_url = format!("http://127.0.0.1:{port}");
    let output = fetch_command(&["--version", "v1", "--base-url", &base_url]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: fetching earthengine v1 from {base_url}/$discovery/rest?version=v1: \
             connection refused\n"
        )
    );
    assert_eq!(committed("v1"), before);
}

#[test]
fn help_lists_the_options() {
    let output = fetch_command(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("Usage: cargo xtask fetch [OPTIONS]"),
        "{help}"
    );
    for flag in ["--version <V>", "--base-url <URL>", "--help"] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    assert!(help.contains(fetch::DEFAULT_BASE_URL), "{help}");
}

#[test]
fn a_repeated_version_is_fetched_once() {
    let dir = scratch_discovery("repeated");
    let (base_url, requests) = serve(Reply::Full {
        status: "200 OK",
        body: committed("v1"),
    });
    let config = Config {
        versions: vec!["v1".to_owned(), "v1".to_owned()],
        base_url,
    };
    let (result, _) = run(&dir, &config);
    result.unwrap();
    assert!(requests.try_recv().is_ok());
    assert!(requests.try_recv().is_err(), "fetched twice");
}

/// Writes nothing: every write fails with `kind`.
struct FailingOutput(std::io::ErrorKind);

impl Write for FailingOutput {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(self.0.into())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A failing stdout stops the command before it downloads anything, with a
/// failure that names stdout; a broken pipe ends it quietly.
#[test]
fn a_failing_output_stops_the_fetch() {
    let dir = scratch_discovery("failing-output");
    let before = std::fs::read(dir.join("earthengine.v1.json")).unwrap();
    let (base_url, requests) = serve(Reply::Full {
        status: "200 OK",
        body: "{}".to_owned(),
    });
    for kind in [std::io::ErrorKind::Other, std::io::ErrorKind::BrokenPipe] {
        let mut out = FailingOutput(kind);
        let result = fetch::fetch(&dir, &config(&base_url, "v1"), TIMEOUT, &mut out);
        let failure = result.expect_err("the output fails");
        assert!(
            matches!(&failure, xtask::Failure::Stdout(error) if error.kind() == kind),
            "{failure:?}"
        );
        assert!(failure.to_string().starts_with("writing to stdout: "));
        let status = xtask::exit_code(Err(failure));
        let expected = if kind == std::io::ErrorKind::BrokenPipe {
            std::process::ExitCode::SUCCESS
        } else {
            std::process::ExitCode::from(1)
        };
        assert_eq!(status, expected, "{kind:?}");
    }
    assert!(requests.try_recv().is_err(), "nothing downloaded");
    assert_eq!(
        std::fs::read(dir.join("earthengine.v1.json")).unwrap(),
        before
    );
}
