//! An in-memory fake of Google APIs on 127.0.0.1, speaking just enough
//! HTTP/1.1 (one request per connection), with faults that can be switched
//! on; for the integration tests and the tests of generated fixture crates.
//!
//! It serves two APIs side by side:
//!
//! - the Earth Engine operations API ([`operations`]):
//!   `/<version>/projects/<p>/operations[/<id>][:verb]`;
//! - a part of the Cloud Storage JSON API ([`storage`]) under `/storage/v1/`:
//!   reading and patching buckets, listing and reading objects' metadata.
//!
//! Every request is recorded ([`FakeServer::requests`]) before it is served.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::json;

pub mod operations;
pub mod storage;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The path of the target, still percent-encoded, e.g. `/storage/v1/b/x/o`.
    pub path: String,
    /// The query of the target as sent (percent-encoded), without the `?`.
    pub query: Option<String>,
    /// The headers, names in lower case; a repeated header's values joined with `, `.
    pub headers: BTreeMap<String, String>,
    /// The body, as text.
    pub body: String,
}

impl Recorded {
    /// The decoded values of the query parameter `key`, in order.
    pub fn query_values(&self, key: &str) -> Vec<String> {
        query_values(self.query.as_deref(), key)
    }

    /// The decoded value of the query parameter `key`, the first if repeated.
    pub fn query_value(&self, key: &str) -> Option<String> {
        self.query_values(key).into_iter().next()
    }
}

/// What the server does to the next request instead of serving it.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answers with this status and an `UNAVAILABLE` error envelope.
    Status(u16),
    /// Answers 429 with a `Retry-After` header.
    TooManyRequests { retry_after_seconds: u64 },
    /// Answers 500 with a body that is not JSON.
    NotJson,
    /// Announces a body of 100 bytes and closes the connection after a few.
    CloseMidBody,
    /// Serves the request after this delay.
    Slow(Duration),
    /// Answers with this status, extra headers and body.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
}

#[derive(Default)]
struct State {
    operations: operations::Operations,
    storage: storage::Storage,
    requests: Vec<Recorded>,
    faults: VecDeque<Fault>,
}

/// The server; it runs until the test process ends.
#[derive(Clone)]
pub struct FakeServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl FakeServer {
    /// Starts a server on a free loopback port.
    pub fn start() -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binds a loopback port");
        let server = FakeServer {
            address: listener.local_addr().unwrap(),
            state: Arc::default(),
        };
        let handler = server.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                thread::spawn(move || handler.serve(stream));
            }
        });
        server
    }

    /// The base URL for clients, e.g. `http://127.0.0.1:1234/`.
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// The root URL without a trailing slash, e.g. `http://127.0.0.1:1234`.
    pub fn root_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Makes the next requests fail as `faults` say, one each.
    pub fn fail_next(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.lock().unwrap().faults.extend(faults);
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }

    fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let Some(request) = read_request(&mut reader) else {
            return;
        };
        let fault = {
            let mut state = self.state.lock().unwrap();
            state.requests.push(request.clone());
            state.faults.pop_front()
        };
        let mut stream = stream;
        match fault {
            Some(Fault::Status(status)) => {
                let body = envelope(status, "UNAVAILABLE", "try again");
                respond(&mut stream, status, &[], &body)
            }
            Some(Fault::TooManyRequests {
                retry_after_seconds,
            }) => {
                let retry = retry_after_seconds.to_string();
                let body = envelope(429, "RESOURCE_EXHAUSTED", "slow down");
                respond(&mut stream, 429, &[("retry-after", &retry)], &body)
            }
            Some(Fault::NotJson) => {
                respond(&mut stream, 500, &[], "<html>upstream connect error</html>")
            }
            Some(Fault::CloseMidBody) => {
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                            content-length: 100\r\nconnection: close\r\n\r\n{\"name\":";
                let _ = stream.write_all(head.as_bytes());
            }
            Some(Fault::Reply {
                status,
                headers,
                body,
            }) => {
                let headers: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
                    .collect();
                respond(&mut stream, status, &headers, &body)
            }
            Some(Fault::Slow(delay)) => {
                thread::sleep(delay);
                let (status, body) = self.route(&request);
                respond(&mut stream, status, &[], &body)
            }
            None => {
                let (status, body) = self.route(&request);
                respond(&mut stream, status, &[], &body)
            }
        }
    }

    /// Cloud Storage under `/storage/v1/`, Earth Engine operations elsewhere.
    fn route(&self, request: &Recorded) -> (u16, String) {
        let mut state = self.state.lock().unwrap();
        match request.path.strip_prefix(storage::SERVICE_PATH) {
            Some(path) => state.storage.route(request, path),
            None => state.operations.route(request),
        }
    }
}

/// The Google error envelope of an API that reports canonical codes:
/// `{"error": {"code", "message", "status", "details"}}`.
pub fn envelope(code: u16, status: &str, message: &str) -> String {
    json!({"error": {
        "code": code,
        "message": message,
        "status": status,
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "FAKE"}],
    }})
    .to_string()
}

/// The decoded values of the query parameter `key` in `query`, in order.
pub fn query_values(query: Option<&str>, key: &str) -> Vec<String> {
    query
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name) == key).then(|| percent_decode(value))
        })
        .collect()
}

/// Decodes `%XX` escapes; other bytes, and malformed escapes, stay as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escape = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escape {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Recorded> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        // A repeated header is kept as one, its values joined as HTTP allows.
        headers
            .entry(name.trim().to_ascii_lowercase())
            .and_modify(|values: &mut String| {
                values.push_str(", ");
                values.push_str(value.trim());
            })
            .or_insert_with(|| value.trim().to_owned());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (target, None),
    };
    Some(Recorded {
        method,
        path,
        query,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_and_query_values() {
        assert_eq!(percent_decode("a%2Fb%20c%zz%"), "a/b c%zz%");
        let query = Some("prefix=a%2F&maxResults=2&tag=x&tag=y&flag");
        assert_eq!(query_values(query, "prefix"), ["a/"]);
        assert_eq!(query_values(query, "tag"), ["x", "y"]);
        assert_eq!(query_values(query, "flag"), [""]);
        assert!(query_values(query, "missing").is_empty());
        assert!(query_values(None, "prefix").is_empty());
    }
}
