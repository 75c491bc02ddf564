//! Explicit JSON nulls: the members of a generated struct to send as `null`,
//! which is how a patch clears a field or removes an entry of a map.

use std::collections::BTreeSet;
use std::fmt;

use serde::ser::{Error as _, SerializeMap};
use serde::Serialize;
use serde_json::Value;

/// The members of a struct to send as JSON `null`, by their JSON names as
/// the document spells them: `"storageClass"` for a field, and
/// `"labels.env"` for the entry `env` of the map field `labels` (the name
/// ends at the first dot, so the key may contain dots).
///
/// Each generated struct has one, `_null_fields`, set with its `with_null`
/// method. A null replaces what the struct holds: `"labels.env"` writes
/// `"labels": {"env": null}` when `labels` is unset, and adds the entry to
/// the others when it is set. Nulls received from the service read as
/// unset fields, so a decoded struct has none.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct NullFields(BTreeSet<String>);

impl NullFields {
    /// No member is sent as `null`.
    pub fn new() -> Self {
        NullFields::default()
    }

    /// Sends `path` as `null`: a member, or `member.key` for a map's entry.
    pub fn insert(&mut self, path: impl Into<String>) {
        self.0.insert(path.into());
    }

    /// No longer sends `path` as `null`; whether it was.
    pub fn remove(&mut self, path: &str) -> bool {
        self.0.remove(path)
    }

    /// Whether `path` is sent as `null`.
    pub fn contains(&self, path: &str) -> bool {
        self.0.contains(path)
    }

    /// Whether nothing is sent as `null`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The paths, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The keys of the member `member`'s map to send as `null`.
    fn entries_of<'a>(&'a self, member: &'a str) -> impl Iterator<Item = &'a str> {
        self.iter().filter_map(move |path| {
            let (name, key) = path.split_once('.')?;
            (name == member).then_some(key)
        })
    }

    /// The members named by the paths, each once.
    fn members(&self) -> BTreeSet<&str> {
        self.iter()
            .map(|path| path.split_once('.').map_or(path, |(member, _)| member))
            .collect()
    }
}

impl fmt::Debug for NullFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

/// A map being written that applies `nulls` to the members written
/// through it, then writes the members `nulls` names that nothing wrote.
pub(crate) struct WithNulls<'a, M> {
    map: &'a mut M,
    nulls: &'a NullFields,
    written: BTreeSet<String>,
    /// The key of `serialize_key`, until its value comes.
    pending_key: Option<String>,
}

impl<'a, M: SerializeMap> WithNulls<'a, M> {
    pub(crate) fn new(map: &'a mut M, nulls: &'a NullFields) -> Self {
        WithNulls {
            map,
            nulls,
            written: BTreeSet::new(),
            pending_key: None,
        }
    }

    /// Writes `key: value`, or `null` in its place, or its map with the
    /// entries `nulls` names.
    fn write<V: Serialize + ?Sized>(&mut self, key: String, value: &V) -> Result<(), M::Error> {
        let result = if self.nulls.contains(&key) {
            self.map.serialize_entry(&key, &Value::Null)
        } else if self.nulls.entries_of(&key).next().is_some() {
            let mut value = serde_json::to_value(value).map_err(M::Error::custom)?;
            if let Value::Object(entries) = &mut value {
                for entry in self.nulls.entries_of(&key) {
                    entries.insert(entry.to_owned(), Value::Null);
                }
            }
            self.map.serialize_entry(&key, &value)
        } else {
            self.map.serialize_entry(&key, value)
        };
        self.written.insert(key);
        result
    }

    /// Writes the members `nulls` names that were not written: `null`, or
    /// an object of the entries to remove.
    pub(crate) fn finish(self) -> Result<(), M::Error> {
        for member in self.nulls.members() {
            if self.written.contains(member) {
                continue;
            }
            if self.nulls.contains(member) {
                self.map.serialize_entry(member, &Value::Null)?;
            } else {
                let entries: serde_json::Map<String, Value> = self
                    .nulls
                    .entries_of(member)
                    .map(|key| (key.to_owned(), Value::Null))
                    .collect();
                self.map.serialize_entry(member, &entries)?;
            }
        }
        Ok(())
    }
}

/// The key of a member as text: generated code writes `&str` and `String`
/// keys only.
fn key_text<K: Serialize + ?Sized, E: serde::ser::Error>(key: &K) -> Result<String, E> {
    match serde_json::to_value(key).map_err(E::custom)? {
        Value::String(text) => Ok(text),
        other => Err(E::custom(format!(
            "a member name must be text, not {other}"
        ))),
    }
}

impl<M: SerializeMap> SerializeMap for WithNulls<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), M::Error> {
        self.pending_key = Some(key_text(key)?);
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), M::Error> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| M::Error::custom("a member's value came before its name"))?;
        self.write(key, value)
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), M::Error> {
        let key = key_text(key)?;
        self.write(key, value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::de::MapAccess;
    use serde_json::{json, Map};

    use super::*;
    use crate::__private::{
        read_with, write_entries, write_member, write_member_with, Int64, JsonObject, MemberKey,
    };

    /// Shaped as the generator writes a struct with a map field.
    #[derive(Debug, Default, PartialEq)]
    struct Bucket {
        name: Option<String>,
        size: Option<i64>,
        labels: Option<BTreeMap<String, String>>,
        _unknown_fields: Map<String, Value>,
        _null_fields: NullFields,
    }

    impl JsonObject for Bucket {
        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            key: MemberKey<'de>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match key.as_str() {
                "name" => self.name = map.next_value()?,
                "size" => self.size = read_with::<Option<Int64>, _, _>(map)?,
                "labels" => self.labels = map.next_value()?,
                _ => {
                    self._unknown_fields
                        .insert(key.into_string(), map.next_value()?);
                }
            }
            Ok(())
        }

        fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            write_member(map, "name", &self.name)?;
            write_member_with::<Int64, _, _>(map, "size", &self.size)?;
            write_member(map, "labels", &self.labels)?;
            write_entries(map, &self._unknown_fields)
        }

        fn null_fields(&self) -> Option<&NullFields> {
            Some(&self._null_fields)
        }
    }

    crate::json_object!(Bucket);

    fn with_nulls(bucket: Bucket, paths: &[&str]) -> Bucket {
        let mut bucket = bucket;
        for path in paths {
            bucket._null_fields.insert(*path);
        }
        bucket
    }

    fn labels(entries: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
        Some(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn removing_a_label_sends_exactly_the_entry_as_null() {
        let patch = with_nulls(Bucket::default(), &["labels.env"]);
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"labels":{"env":null}}"#
        );
    }

    #[test]
    fn entry_nulls_join_the_entries_that_are_set() {
        let bucket = Bucket {
            labels: labels(&[("team", "geo"), ("env", "prod")]),
            ..Bucket::default()
        };
        let patch = with_nulls(bucket, &["labels.env", "labels.old.key"]);
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            json!({"labels": {"team": "geo", "env": null, "old.key": null}})
        );
    }

    #[test]
    fn a_cleared_field_is_null_in_place_of_its_value_and_others_are_unchanged() {
        let bucket = Bucket {
            name: Some("b".to_owned()),
            size: Some(7),
            ..Bucket::default()
        };
        let patch = with_nulls(bucket, &["size", "storageClass"]);
        // The codec of `size` is not applied to a null; a member the struct
        // does not know is cleared too.
        assert_eq!(
            serde_json::to_value(&patch).unwrap(),
            json!({"name": "b", "size": null, "storageClass": null})
        );
    }

    #[test]
    fn without_nulls_nothing_changes() {
        let bucket = Bucket {
            name: Some("b".to_owned()),
            size: Some(7),
            ..Bucket::default()
        };
        assert_eq!(
            serde_json::to_string(&bucket).unwrap(),
            r#"{"name":"b","size":"7"}"#
        );
    }

    #[test]
    fn nulls_received_read_as_unset_and_list_no_null_fields() {
        let read: Bucket =
            serde_json::from_str(r#"{"name": null, "labels": null, "size": "3"}"#).unwrap();
        assert_eq!(read.name, None);
        assert_eq!(read.labels, None);
        assert!(read._null_fields.is_empty());
        assert_eq!(read.size, Some(3));
    }

    #[test]
    fn the_set_of_paths_is_ordered_and_debug_shows_it() {
        let mut nulls = NullFields::new();
        nulls.insert("b");
        nulls.insert("a.x");
        assert!(nulls.contains("a.x"));
        assert_eq!(nulls.iter().collect::<Vec<_>>(), ["a.x", "b"]);
        assert_eq!(format!("{nulls:?}"), r#"{"a.x", "b"}"#);
        assert!(nulls.remove("b"));
        assert!(!nulls.remove("b"));
    }
}
