//! An in-memory fake of the Earth Engine operations API on 127.0.0.1,
//! speaking just enough HTTP/1.1, with faults that can be switched on.
// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{json, Value};

pub mod fast;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// What the server does to the next request instead of serving it.
#[derive(Debug, Clone)]
pub enum Fault {
    Status(u16),
    TooManyRequests {
        retry_after_seconds: u64,
    },
    NotJson,
    CloseMidBody,
    Slow(Duration),
    /// Answers with this status, extra headers and body.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
}

#[derive(Debug, Clone)]
struct Operation {
    polls_left: u32,
    done: bool,
    error: Option<Value>,
}

#[derive(Default)]
struct State {
    operations: BTreeMap<String, Operation>,
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

    /// Adds an operation (`projects/<p>/operations/<id>`) that is done after
    /// `polls` more reads of it.
    pub fn add_operation(&self, name: &str, polls: u32) {
        self.state.lock().unwrap().operations.insert(
            name.to_owned(),
            Operation {
                polls_left: polls,
                done: polls == 0,
                error: None,
            },
        );
    }

    /// Adds an operation that finishes with `error` (a `google.rpc.Status`)
    /// after `polls` more reads of it.
    pub fn add_failed_operation(&self, name: &str, polls: u32, error: Value) {
        self.add_operation(name, polls);
        let mut state = self.state.lock().unwrap();
        state.operations.get_mut(name).unwrap().error = Some(error);
    }

    /// Makes the next requests fail as `faults` say, one each.
    pub fn fail_next(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.lock().unwrap().faults.extend(faults);
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
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

    /// The operations API: `/<version>/projects/<p>/operations[/<id>][:verb]`.
    fn route(&self, request: &Recorded) -> (u16, String) {
        let mut state = self.state.lock().unwrap();
        let path = request.path.splitn(3, '/').nth(2).unwrap_or_default();
        let (name, verb) = match path.rsplit_once(':') {
            Some((name, verb)) => (name.to_owned(), Some(verb)),
            None => (path.to_owned(), None),
        };
        if name.ends_with("/operations") && request.method == "GET" {
            return (200, list(&state, &name, request.query.as_deref()));
        }
        let Some(operation) = state.operations.get_mut(&name) else {
            let message = format!("Operation {name} not found.");
            return (404, envelope(404, "NOT_FOUND", &message));
        };
        match (request.method.as_str(), verb) {
            ("GET", None) | ("POST", Some("wait")) => {
                if !operation.done && operation.polls_left > 0 {
                    operation.polls_left -= 1;
                    operation.done = operation.polls_left == 0;
                }
                (200, operation_json(&name, operation))
            }
            ("POST", Some("cancel")) => {
                operation.done = true;
                operation.error = Some(json!({"code": 1, "message": "Operation cancelled."}));
                (200, "{}".to_owned())
            }
            ("DELETE", None) => {
                state.operations.remove(&name);
                (200, "{}".to_owned())
            }
            _ => (400, envelope(400, "INVALID_ARGUMENT", "unsupported")),
        }
    }
}

fn operation_json(name: &str, operation: &Operation) -> String {
    let mut value = json!({
        "name": name,
        "done": operation.done,
        "metadata": {"@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata", "state": "RUNNING"},
    });
    if operation.done {
        match &operation.error {
            Some(error) => value["error"] = error.clone(),
            None => {
                value["response"] = json!({"@type": "type.googleapis.com/google.protobuf.Empty"})
            }
        }
    }
    value.to_string()
}

/// Lists the operations of a project; the page token is the offset.
fn list(state: &State, parent: &str, query: Option<&str>) -> String {
    let parameter = |key: &str| {
        query?
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{key}=")))
            .map(str::to_owned)
    };
    let size: usize = parameter("pageSize")
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let offset: usize = parameter("pageToken")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let prefix = format!("{parent}/");
    let names: Vec<&String> = state
        .operations
        .keys()
        .filter(|name| name.starts_with(&prefix))
        .collect();
    let page: Vec<Value> = names
        .iter()
        .skip(offset)
        .take(size)
        .map(|name| serde_json::from_str(&operation_json(name, &state.operations[*name])).unwrap())
        .collect();
    let mut response = json!({ "operations": page });
    if offset + size < names.len() {
        response["nextPageToken"] = json!((offset + size).to_string());
    }
    response.to_string()
}

fn envelope(code: u16, status: &str, message: &str) -> String {
    json!({"error": {
        "code": code,
        "message": message,
        "status": status,
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "FAKE"}],
    }})
    .to_string()
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
