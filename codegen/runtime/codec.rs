//! Wire formats that differ from serde's defaults, applied to generated fields
//! with `#[serde(with = "As::<…>")]`: [`Int64`] here, and base64 in
//! `base64.rs`.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes a field through a [`Codec`]: `#[serde(with = "As::<Option<Int64>>")]`.
///
/// Codecs compose: `Option<C>`, `Vec<C>` and `BTreeMap<String, C>` apply `C`
/// to every element.
#[doc(hidden)]
pub struct As<C>(PhantomData<C>);

impl<C> As<C> {
    /// Writes `value` as the codec `C` has it.
    pub fn serialize<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        C: Codec<T>,
        S: Serializer,
    {
        C::write(value, serializer)
    }

    /// Reads a value as the codec `C` has it.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        C: Codec<T>,
        D: Deserializer<'de>,
    {
        C::read(deserializer)
    }
}

/// A wire format for values of type `T` that differs from serde's default.
#[doc(hidden)]
pub trait Codec<T> {
    /// Writes `value`.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Serializes one value through the codec `C`.
pub(super) struct Written<'a, C, T>(pub(super) &'a T, pub(super) PhantomData<C>);

impl<C: Codec<T>, T> Serialize for Written<'_, C, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::write(self.0, serializer)
    }
}

/// Deserializes one value through the codec `C`.
pub(super) struct Read<C, T>(pub(super) T, PhantomData<C>);

impl<'de, C: Codec<T>, T> Deserialize<'de> for Read<C, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::read(deserializer).map(|value| Read(value, PhantomData))
    }
}

impl<C: Codec<T>, T> Codec<Option<T>> for Option<C> {
    fn write<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Written::<C, T>(value, PhantomData)),
            None => serializer.serialize_none(),
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        let value = Option::<Read<C, T>>::deserialize(deserializer)?;
        Ok(value.map(|read| read.0))
    }
}

impl<C: Codec<T>, T> Codec<Vec<T>> for Vec<C> {
    fn write<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(|item| Written::<C, T>(item, PhantomData)))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let values = Vec::<Read<C, T>>::deserialize(deserializer)?;
        Ok(values.into_iter().map(|read| read.0).collect())
    }
}

impl<C: Codec<T>, T> Codec<BTreeMap<String, T>> for BTreeMap<String, C> {
    fn write<S: Serializer>(value: &BTreeMap<String, T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            value
                .iter()
                .map(|(key, item)| (key, Written::<C, T>(item, PhantomData))),
        )
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error> {
        let values = BTreeMap::<String, Read<C, T>>::deserialize(deserializer)?;
        Ok(values
            .into_iter()
            .map(|(key, read)| (key, read.0))
            .collect())
    }
}

/// `int64` and `uint64`: written as JSON strings (JSON numbers lose precision
/// above 2^53); read from a string or a number, range-checked.
#[doc(hidden)]
pub struct Int64;

/// A JSON string or number, for reading 64-bit integers.
#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(serde_json::Number),
}

impl StringOrNumber {
    fn parse<T: std::str::FromStr, E: serde::de::Error>(self) -> Result<T, E> {
        let text = match self {
            StringOrNumber::String(text) => text,
            StringOrNumber::Number(number) => number.to_string(),
        };
        text.parse().map_err(|_| {
            E::custom(format_args!(
                "invalid {} value {text:?}",
                std::any::type_name::<T>()
            ))
        })
    }
}

macro_rules! int64_codec {
    ($($ty:ty),*) => {$(
        impl Codec<$ty> for Int64 {
            fn write<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(value)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                StringOrNumber::deserialize(deserializer)?.parse()
            }
        }
    )*};
}

int64_codec!(i64, u64);

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn write<C: Codec<T>, T>(value: &T) -> Value {
        C::write(value, serde_json::value::Serializer).unwrap()
    }

    fn read<C: Codec<T>, T>(json: Value) -> Result<T, serde_json::Error> {
        C::read(json)
    }

    #[test]
    fn int64_writes_strings_at_both_extremes() {
        assert_eq!(
            write::<Int64, i64>(&i64::MIN),
            json!("-9223372036854775808")
        );
        assert_eq!(write::<Int64, i64>(&0), json!("0"));
        assert_eq!(
            write::<Int64, u64>(&u64::MAX),
            json!("18446744073709551615")
        );
    }

    #[test]
    fn int64_reads_strings_and_numbers() {
        assert_eq!(read::<Int64, i64>(json!("-42")).unwrap(), -42);
        assert_eq!(read::<Int64, i64>(json!(-42)).unwrap(), -42);
        assert_eq!(read::<Int64, i64>(json!(i64::MAX)).unwrap(), i64::MAX);
        assert_eq!(read::<Int64, u64>(json!(u64::MAX)).unwrap(), u64::MAX);
        assert_eq!(
            read::<Int64, u64>(json!("18446744073709551615")).unwrap(),
            u64::MAX
        );
    }

    #[test]
    fn int64_rejects_what_is_out_of_range_or_not_an_integer() {
        for bad in [
            json!("9223372036854775808"),
            json!(1.5),
            json!(1e3),
            json!(" 1"),
            json!("0x10"),
            json!(""),
            json!(true),
            json!(null),
        ] {
            let error = read::<Int64, i64>(bad.clone()).unwrap_err();
            assert!(!error.to_string().is_empty(), "{bad}");
        }
        let error = read::<Int64, u64>(json!(-1)).unwrap_err();
        assert_eq!(error.to_string(), "invalid u64 value \"-1\"");
        assert!(read::<Int64, u64>(json!("18446744073709551616")).is_err());
    }

    #[test]
    fn option_writes_null_for_none_and_applies_the_codec_to_some() {
        assert_eq!(write::<Option<Int64>, Option<i64>>(&None), Value::Null);
        assert_eq!(write::<Option<Int64>, Option<i64>>(&Some(7)), json!("7"));
        assert_eq!(
            read::<Option<Int64>, Option<i64>>(Value::Null).unwrap(),
            None
        );
        assert_eq!(
            read::<Option<Int64>, Option<i64>>(json!(7)).unwrap(),
            Some(7)
        );
    }

    #[test]
    fn lists_and_maps_apply_the_codec_to_every_element() {
        let nested = BTreeMap::from([("a".to_owned(), vec![1_u64, 2]), ("b".to_owned(), vec![])]);
        let written = write::<BTreeMap<String, Vec<Int64>>, _>(&nested);
        assert_eq!(written, json!({"a": ["1", "2"], "b": []}));
        let read_back = read::<BTreeMap<String, Vec<Int64>>, _>(json!({"a": [1, "2"], "b": []}));
        assert_eq!(read_back.unwrap(), nested);
        // One bad element fails the whole value.
        assert!(read::<Vec<Int64>, Vec<i64>>(json!(["1", "x"])).is_err());
    }

    #[test]
    fn as_is_what_serde_with_calls() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Field {
            #[serde(with = "As::<Vec<Int64>>")]
            ids: Vec<i64>,
        }
        let field = Field { ids: vec![-1, 2] };
        let json = serde_json::to_value(&field).unwrap();
        assert_eq!(json, json!({"ids": ["-1", "2"]}));
        assert_eq!(serde_json::from_value::<Field>(json).unwrap(), field);
    }
}
