//! JSON objects of the generated struct types: each member read with one
//! match on its name, and members this crate does not know kept and
//! written back, so that a read-modify-write through an older crate loses
//! nothing a newer revision of the API added.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::codec::{Codec, Read, Written};
use super::nulls::{NullFields, WithNulls};

/// A generated struct that is a JSON object. [`json_object!`] implements
/// serde for it through this trait.
#[doc(hidden)]
pub trait JsonObject: Default {
    /// Reads the value of the member `key` from `map`.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        key: MemberKey<'de>,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Writes every member that is set, known or not.
    fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// The members to write as `null`, for structs that have fields.
    fn null_fields(&self) -> Option<&NullFields> {
        None
    }
}

/// Serializes a [`JsonObject`] as a JSON object, with its explicit nulls.
#[doc(hidden)]
pub fn serialize_object<T: JsonObject, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    match value.null_fields().filter(|nulls| !nulls.is_empty()) {
        None => value.write_members(&mut map)?,
        Some(nulls) => {
            let mut with_nulls = WithNulls::new(&mut map, nulls);
            value.write_members(&mut with_nulls)?;
            with_nulls.finish()?;
        }
    }
    map.end()
}

/// Deserializes a [`JsonObject`] from a JSON object.
#[doc(hidden)]
pub fn deserialize_object<'de, T: JsonObject, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: JsonObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<MemberKey<'de>>()? {
            value.read_member(key, &mut map)?;
        }
        Ok(value)
    }
}

/// The name of a member, borrowed from the input where it can be, so that
/// known names are matched without allocating.
#[doc(hidden)]
pub struct MemberKey<'de>(Cow<'de, str>);

impl MemberKey<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for MemberKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = MemberKey<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Borrowed(key)))
            }

            fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E>(self, key: String) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Owned(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads a member's value through the codec `C`.
#[doc(hidden)]
pub fn read_with<'de, C: Codec<T>, T, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
    map.next_value::<Read<C, T>>().map(|read| read.0)
}

/// Writes a member whose value is set.
#[doc(hidden)]
pub fn write_member<T: Serialize, M: SerializeMap>(
    map: &mut M,
    key: &str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes a member whose value is set, through the codec `C`.
#[doc(hidden)]
pub fn write_member_with<C: Codec<T>, T, M: SerializeMap>(
    map: &mut M,
    key: &str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, &Written::<C, T>(value, PhantomData)),
        None => Ok(()),
    }
}

/// Writes each entry of a map as a member: the members a struct does not
/// know, or its `additionalProperties`.
#[doc(hidden)]
pub fn write_entries<'a, T: Serialize + 'a, M: SerializeMap>(
    map: &mut M,
    entries: impl IntoIterator<Item = (&'a String, &'a T)>,
) -> Result<(), M::Error> {
    entries
        .into_iter()
        .try_for_each(|(key, value)| map.serialize_entry(key, value))
}

/// [`write_entries`] through the codec `C`.
#[doc(hidden)]
pub fn write_entries_with<'a, C: Codec<T>, T: 'a, M: SerializeMap>(
    map: &mut M,
    entries: impl IntoIterator<Item = (&'a String, &'a T)>,
) -> Result<(), M::Error> {
    entries
        .into_iter()
        .try_for_each(|(key, value)| map.serialize_entry(key, &Written::<C, T>(value, PhantomData)))
}

/// Implements serde for a generated struct through its [`JsonObject`] impl.
#[doc(hidden)]
#[macro_export]
macro_rules! json_object {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::__private::serialize_object(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_object(deserializer)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::*;
    use crate::__private::Int64;

    /// Shaped as the generator writes structs.
    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        name: Option<String>,
        size: Option<i64>,
        child: Option<Box<Thing>>,
        _unknown_fields: Map<String, Value>,
    }

    impl JsonObject for Thing {
        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            key: MemberKey<'de>,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match key.as_str() {
                "name" => self.name = map.next_value()?,
                "size" => self.size = read_with::<Option<Int64>, _, _>(map)?,
                "child" => self.child = map.next_value()?,
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
            write_member(map, "child", &self.child)?;
            write_entries(map, &self._unknown_fields)
        }
    }

    json_object!(Thing);

    #[test]
    fn known_members_are_typed_and_unknown_ones_kept_at_every_depth() {
        let input = json!({
            "name": "a",
            "size": "9007199254740993",
            "child": {"name": "b", "later": [1, {"x": null}]},
            "added": {"nested": true},
        });
        let thing: Thing = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(thing.name.as_deref(), Some("a"));
        assert_eq!(thing.size, Some(9_007_199_254_740_993));
        let child = thing.child.as_deref().unwrap();
        assert_eq!(child._unknown_fields["later"], json!([1, {"x": null}]));
        assert_eq!(thing._unknown_fields["added"], json!({"nested": true}));
        assert_eq!(serde_json::to_value(&thing).unwrap(), input);
    }

    #[test]
    fn unset_members_are_not_written_and_null_reads_as_unset() {
        let thing: Thing = serde_json::from_str(r#"{"name": null, "size": 5}"#).unwrap();
        assert_eq!(
            thing,
            Thing {
                size: Some(5),
                ..Thing::default()
            }
        );
        assert_eq!(serde_json::to_string(&thing).unwrap(), r#"{"size":"5"}"#);
    }

    #[test]
    fn keys_with_escapes_and_from_readers_are_read() {
        let thing: Thing = serde_json::from_str(r#"{"na\u006de": "x", "n\"q": 1}"#).unwrap();
        assert_eq!(thing.name.as_deref(), Some("x"));
        assert_eq!(thing._unknown_fields["n\"q"], json!(1));
        let from_reader: Thing = serde_json::from_reader(&br#"{"name": "y"}"#[..]).unwrap();
        assert_eq!(from_reader.name.as_deref(), Some("y"));
    }

    #[test]
    fn values_of_the_wrong_type_are_errors() {
        let error = serde_json::from_str::<Thing>(r#"{"size": "ten"}"#).unwrap_err();
        assert!(error.to_string().contains("invalid"), "{error}");
        assert!(serde_json::from_str::<Thing>("[1, 2]").is_err());
    }
}
