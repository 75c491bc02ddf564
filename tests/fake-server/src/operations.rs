//! The Earth Engine operations API:
//! `/<version>/projects/<p>/operations[/<id>][:verb]`, with `list`, `get`,
//! `wait`, `cancel` and `delete`. An operation is done after a number of
//! reads of it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::{envelope, query_values, FakeServer, Recorded};

#[derive(Debug, Clone)]
struct Operation {
    polls_left: u32,
    done: bool,
    error: Option<Value>,
}

/// The operations the server holds.
#[derive(Default)]
pub(crate) struct Operations {
    operations: BTreeMap<String, Operation>,
}

impl FakeServer {
    /// Adds an operation (`projects/<p>/operations/<id>`) that is done after
    /// `polls` more reads of it.
    pub fn add_operation(&self, name: &str, polls: u32) {
        self.state.lock().unwrap().operations.operations.insert(
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
        state.operations.operations.get_mut(name).unwrap().error = Some(error);
    }
}

impl Operations {
    /// Serves `/<version>/projects/<p>/operations[/<id>][:verb]`.
    pub(crate) fn route(&mut self, request: &Recorded) -> (u16, String) {
        let path = request.path.splitn(3, '/').nth(2).unwrap_or_default();
        let (name, verb) = match path.rsplit_once(':') {
            Some((name, verb)) => (name.to_owned(), Some(verb)),
            None => (path.to_owned(), None),
        };
        if name.ends_with("/operations") && request.method == "GET" {
            return (200, self.list(&name, request.query.as_deref()));
        }
        let Some(operation) = self.operations.get_mut(&name) else {
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
                self.operations.remove(&name);
                (200, "{}".to_owned())
            }
            _ => (400, envelope(400, "INVALID_ARGUMENT", "unsupported")),
        }
    }

    /// Lists the operations of a project; the page token is the offset.
    fn list(&self, parent: &str, query: Option<&str>) -> String {
        let parameter = |key: &str| query_values(query, key).into_iter().next();
        let size: usize = parameter("pageSize")
            .and_then(|s| s.parse().ok())
            .unwrap_or(100);
        let offset: usize = parameter("pageToken")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let prefix = format!("{parent}/");
        let names: Vec<&String> = self
            .operations
            .keys()
            .filter(|name| name.starts_with(&prefix))
            .collect();
        let page: Vec<Value> = names
            .iter()
            .skip(offset)
            .take(size)
            .map(|name| {
                serde_json::from_str(&operation_json(name, &self.operations[*name])).unwrap()
            })
            .collect();
        let mut response = json!({ "operations": page });
        if offset + size < names.len() {
            response["nextPageToken"] = json!((offset + size).to_string());
        }
        response.to_string()
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
