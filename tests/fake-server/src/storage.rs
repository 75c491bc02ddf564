//! Just enough of the Cloud Storage JSON API, under `/storage/v1/`:
//!
//! - `GET b/{bucket}`: the bucket's metadata;
//! - `PATCH b/{bucket}`: merges the JSON body into the bucket, as GCS does:
//!   a member whose value is null is removed, objects (such as `labels`)
//!   are merged member by member, so a label whose value is null is
//!   removed and the others are kept; the metageneration goes up by one;
//! - `GET b/{bucket}/o`: lists objects by name, with `prefix`, `delimiter`,
//!   `maxResults` and `pageToken`;
//! - `GET b/{bucket}/o/{object}`: an object's metadata.
//!
//! Errors have GCS's envelope,
//! `{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::{percent_decode, query_values, FakeServer, Recorded};

/// Where the API is served: the document's `servicePath` under the root.
pub const SERVICE_PATH: &str = "/storage/v1/";

/// The most items plus prefixes of a page, and the default page size.
pub const MAX_RESULTS: usize = 1000;

/// The buckets and objects the server holds.
#[derive(Default)]
pub(crate) struct Storage {
    buckets: BTreeMap<String, Value>,
    /// Objects by bucket, then by name.
    objects: BTreeMap<String, BTreeMap<String, Value>>,
}

impl FakeServer {
    /// Adds (or replaces) a bucket named `name`; `metadata` is a JSON
    /// object of its other members (e.g. `{"labels": {"env": "dev"}}`),
    /// to which `kind`, `id`, `name` and `metageneration` are added.
    pub fn add_bucket(&self, name: &str, metadata: Value) {
        let mut bucket = match metadata {
            Value::Object(members) => members,
            Value::Null => Map::new(),
            other => panic!("bucket metadata must be a JSON object, not {other}"),
        };
        bucket.insert("kind".into(), json!("storage#bucket"));
        bucket.insert("id".into(), json!(name));
        bucket.insert("name".into(), json!(name));
        bucket.entry("metageneration").or_insert_with(|| json!("1"));
        let mut state = self.state.lock().unwrap();
        state
            .storage
            .buckets
            .insert(name.to_owned(), Value::Object(bucket));
        state.storage.objects.entry(name.to_owned()).or_default();
    }

    /// Adds (or replaces) an object named `name`, of `size` bytes, to the
    /// bucket `bucket`, which must have been added.
    pub fn add_object(&self, bucket: &str, name: &str, size: u64) {
        let mut state = self.state.lock().unwrap();
        let objects = state
            .storage
            .objects
            .get_mut(bucket)
            .unwrap_or_else(|| panic!("no bucket {bucket}: add it first"));
        let object = json!({
            "kind": "storage#object",
            "id": format!("{bucket}/{name}/1"),
            "name": name,
            "bucket": bucket,
            "generation": "1",
            "metageneration": "1",
            "size": size.to_string(),
            "contentType": "application/octet-stream",
        });
        objects.insert(name.to_owned(), object);
    }

    /// The bucket's metadata as the server holds it.
    pub fn bucket(&self, name: &str) -> Option<Value> {
        self.state
            .lock()
            .unwrap()
            .storage
            .buckets
            .get(name)
            .cloned()
    }

    /// The object's metadata as the server holds it.
    pub fn object(&self, bucket: &str, name: &str) -> Option<Value> {
        let state = self.state.lock().unwrap();
        state.storage.objects.get(bucket)?.get(name).cloned()
    }
}

impl Storage {
    /// Serves `path`, the request's path after [`SERVICE_PATH`].
    pub(crate) fn route(&mut self, request: &Recorded, path: &str) -> (u16, String) {
        let segments: Vec<String> = path.split('/').map(percent_decode).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["b", bucket]) => match self.buckets.get(*bucket) {
                Some(found) => (200, found.to_string()),
                None => no_such_bucket(bucket),
            },
            ("PATCH", ["b", bucket]) => self.patch_bucket(bucket, &request.body),
            ("GET", ["b", bucket, "o"]) => self.list_objects(bucket, request.query.as_deref()),
            ("GET", ["b", bucket, "o", object]) => match self.objects.get(*bucket) {
                None => no_such_bucket(bucket),
                Some(objects) => match objects.get(*object) {
                    Some(found) => (200, found.to_string()),
                    None => error(
                        404,
                        "notFound",
                        &format!("No such object: {bucket}/{object}"),
                    ),
                },
            },
            _ => error(
                400,
                "invalid",
                &format!(
                    "The fake does not serve {} {}",
                    request.method, request.path
                ),
            ),
        }
    }

    fn patch_bucket(&mut self, name: &str, body: &str) -> (u16, String) {
        let Some(bucket) = self.buckets.get_mut(name) else {
            return no_such_bucket(name);
        };
        let patch: Value = match serde_json::from_str(body) {
            Ok(patch @ Value::Object(_)) => patch,
            _ => return error(400, "parseError", "The body is not a JSON object."),
        };
        merge(bucket, &patch);
        let metageneration = bucket["metageneration"]
            .as_str()
            .and_then(|text| text.parse::<u64>().ok())
            .unwrap_or(0);
        bucket["metageneration"] = json!((metageneration + 1).to_string());
        (200, bucket.to_string())
    }

    /// One page of the bucket's objects whose names start with `prefix`, in
    /// order of name. With a delimiter, a name with the delimiter after the
    /// prefix is folded into the prefix up to and including that delimiter,
    /// listed once in `prefixes`. Items and prefixes count together towards
    /// `maxResults`; the page token is where the next page starts.
    fn list_objects(&self, bucket: &str, query: Option<&str>) -> (u16, String) {
        let Some(objects) = self.objects.get(bucket) else {
            return no_such_bucket(bucket);
        };
        let parameter = |key: &str| query_values(query, key).into_iter().next();
        let prefix = parameter("prefix").unwrap_or_default();
        let delimiter = parameter("delimiter").filter(|d| !d.is_empty());
        let max_results = match parameter("maxResults").map(|text| text.parse::<usize>()) {
            None => MAX_RESULTS,
            Some(Ok(0)) => MAX_RESULTS,
            Some(Ok(size)) => size.min(MAX_RESULTS),
            Some(Err(_)) => return error(400, "invalid", "Invalid maxResults."),
        };
        let start = parameter("pageToken").unwrap_or_default();

        // Every entry of the listing, by its key: an object's name or a prefix.
        let mut entries: BTreeMap<String, Option<&Value>> = BTreeMap::new();
        for (name, object) in objects.range(prefix.clone()..) {
            let Some(rest) = name.strip_prefix(&prefix) else {
                break;
            };
            match delimiter
                .as_deref()
                .and_then(|d| rest.find(d).map(|i| i + d.len()))
            {
                Some(end) => entries.insert(format!("{prefix}{}", &rest[..end]), None),
                None => entries.insert(name.clone(), Some(object)),
            };
        }
        let mut page = entries.range(start..);
        let mut items = Vec::new();
        let mut prefixes = BTreeSet::new();
        for (key, entry) in page.by_ref().take(max_results) {
            match entry {
                Some(object) => items.push((*object).clone()),
                None => {
                    prefixes.insert(key.clone());
                }
            }
        }
        let mut response = json!({
            "kind": "storage#objects",
            "items": items,
            "prefixes": prefixes,
        });
        if let Some((next, _)) = page.next() {
            response["nextPageToken"] = json!(next);
        }
        (200, response.to_string())
    }
}

/// Merges `patch` into `target`: a null member removes the member, an
/// object is merged into an object member by member, anything else
/// replaces the member.
fn merge(target: &mut Value, patch: &Value) {
    let (Value::Object(target), Value::Object(patch)) = (target, patch) else {
        return;
    };
    for (name, value) in patch {
        match value {
            Value::Null => {
                target.remove(name);
            }
            Value::Object(_) => {
                let member = target.entry(name.clone()).or_insert_with(|| json!({}));
                if !member.is_object() {
                    *member = json!({});
                }
                merge(member, value);
            }
            _ => {
                target.insert(name.clone(), value.clone());
            }
        }
    }
}

fn no_such_bucket(bucket: &str) -> (u16, String) {
    error(
        404,
        "notFound",
        &format!("The specified bucket does not exist: {bucket}"),
    )
}

/// An error response with GCS's envelope.
fn error(code: u16, reason: &str, message: &str) -> (u16, String) {
    let body = json!({"error": {
        "code": code,
        "message": message,
        "errors": [{"message": message, "domain": "global", "reason": reason}],
    }});
    (code, body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_removes_a_member_and_objects_merge() {
        let mut bucket =
            json!({"name": "b", "labels": {"env": "dev", "team": "x"}, "website": {"a": 1}});
        merge(
            &mut bucket,
            &json!({"labels": {"env": null, "new": "y"}, "website": null, "name": "c"}),
        );
        assert_eq!(
            bucket,
            json!({"name": "c", "labels": {"team": "x", "new": "y"}})
        );
    }
}
