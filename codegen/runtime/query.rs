//! Query strings: the parameters a request sets, and how values are written.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::path::encode_simple;
use super::Duration;

/// The query string of a request, built by
/// [`Method::write_query`](super::Method::write_query).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
    /// Parameters that carry credentials (the generator says which), whose
    /// values `Debug` does not show.
    secret: Vec<&'static str>,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = self.pairs.iter().map(|(name, value)| {
            let value = match self.secret.contains(name) {
                true => "<redacted>",
                false => value.as_str(),
            };
            (name, value)
        });
        f.debug_map().entries(shown).finish()
    }
}

impl Query {
    /// Adds `name=value` when the value is set.
    #[doc(hidden)]
    pub fn push<T: ParamValue + ?Sized>(&mut self, name: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.pairs.push((name, value.to_param().into_owned()));
        }
    }

    /// Adds `name=value` once per value, for repeated parameters.
    #[doc(hidden)]
    pub fn push_all<T: ParamValue>(&mut self, name: &'static str, values: &[T]) {
        for value in values {
            self.push(name, Some(value));
        }
    }

    /// Marks the parameter `name` as a credential, which `Debug` hides.
    #[doc(hidden)]
    pub fn mark_secret(&mut self, name: &'static str) {
        self.secret.push(name);
    }

    /// Appends `?name=value&…` to `url`, percent-encoding names and values.
    pub(crate) fn append_to(&self, url: &mut String) {
        for (index, (name, value)) in self.pairs.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            encode_simple(name, url);
            url.push('=');
            encode_simple(value, url);
        }
    }
}

/// Types that add query parameters to a request, such as a version's `StandardParameters`.
#[doc(hidden)]
pub trait WriteQuery {
    /// Appends the parameters that are set.
    fn write_query(&self, query: &mut Query);
}

/// A value that can be sent as a path or query parameter.
#[doc(hidden)]
pub trait ParamValue {
    /// The value as it is written in the URL, before percent-encoding.
    fn to_param(&self) -> Cow<'_, str>;
}

impl ParamValue for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ParamValue for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! param_value_by_display {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            fn to_param(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

param_value_by_display!(bool, i32, u32, i64, u64, f32, f64, Duration);

/// `type: any` parameters: a JSON string is sent as it is, like a string
/// parameter; any other value as its JSON text.
impl ParamValue for serde_json::Value {
    fn to_param(&self) -> Cow<'_, str> {
        match self {
            serde_json::Value::String(text) => Cow::Borrowed(text),
            other => Cow::Owned(other.to_string()),
        }
    }
}

/// `type: object` parameters (maps of scalar or `any` values, as the
/// generator allows them): sent as the map's JSON text.
impl<T: serde::Serialize> ParamValue for BTreeMap<String, T> {
    fn to_param(&self) -> Cow<'_, str> {
        // Maps with string keys of JSON values always serialize.
        Cow::Owned(serde_json::to_string(self).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_credentials() {
        let mut query = Query::default();
        query.push("key", Some("AIza-secret"));
        query.mark_secret("key");
        query.push("pageSize", Some(&10));
        let debug = format!("{query:?}");
        assert!(!debug.contains("AIza-secret"), "{debug}");
        assert!(
            debug.contains("<redacted>") && debug.contains("10"),
            "{debug}"
        );
    }

    fn url_of(query: &Query) -> String {
        let mut url = String::from("https://example.com/v1/x");
        query.append_to(&mut url);
        url
    }

    #[test]
    fn unset_values_are_skipped_and_set_ones_kept_in_order() {
        let mut query = Query::default();
        query.push::<str>("a", None);
        query.push("b", Some("1"));
        query.push::<i32>("c", None);
        query.push("d", Some(&false));
        assert_eq!(
            query.pairs,
            [("b", "1".to_owned()), ("d", "false".to_owned())]
        );
        assert_eq!(url_of(&query), "https://example.com/v1/x?b=1&d=false");
    }

    #[test]
    fn repeated_parameters_repeat_the_name() {
        let mut query = Query::default();
        query.push_all("id", &[3_u64, 1, 2]);
        query.push_all::<String>("none", &[]);
        assert_eq!(url_of(&query), "https://example.com/v1/x?id=3&id=1&id=2");
    }

    #[test]
    fn an_empty_query_adds_nothing() {
        assert_eq!(url_of(&Query::default()), "https://example.com/v1/x");
    }

    #[test]
    fn names_and_values_are_percent_encoded() {
        let mut query = Query::default();
        query.push("filter", Some("a=b&c d/é?#+"));
        query.push("$.xgafv", Some("2"));
        assert_eq!(
            url_of(&query),
            "https://example.com/v1/x?filter=a%3Db%26c%20d%2F%C3%A9%3F%23%2B&%24.xgafv=2"
        );
    }

    #[test]
    fn values_are_written_as_their_wire_text() {
        assert_eq!(true.to_param(), "true");
        assert_eq!((-7_i32).to_param(), "-7");
        assert_eq!(u32::MAX.to_param(), "4294967295");
        assert_eq!(i64::MIN.to_param(), "-9223372036854775808");
        assert_eq!(u64::MAX.to_param(), "18446744073709551615");
        assert_eq!(1.5_f32.to_param(), "1.5");
        assert_eq!(0.1_f64.to_param(), "0.1");
        assert_eq!(Duration::new(3, 500_000_000).to_param(), "3.5s");
        assert_eq!(Duration::new(-1, 0).to_param(), "-1s");
        assert!(matches!("x".to_param(), Cow::Borrowed("x")));
        assert!(matches!(String::from("y").to_param(), Cow::Borrowed("y")));
    }

    #[test]
    fn any_values_are_strings_as_they_are_and_other_values_json() {
        use serde_json::json;
        assert!(matches!(json!("a b").to_param(), Cow::Borrowed("a b")));
        assert_eq!(json!(3).to_param(), "3");
        assert_eq!(json!(null).to_param(), "null");
        assert_eq!(json!({"k": [1, "x"]}).to_param(), r#"{"k":[1,"x"]}"#);
    }

    #[test]
    fn maps_are_sent_as_json_text_in_key_order() {
        let map = BTreeMap::from([("b".to_owned(), 2), ("a".to_owned(), 1)]);
        assert_eq!(map.to_param(), r#"{"a":1,"b":2}"#);
        let mut query = Query::default();
        query.push_all("m", &[map, BTreeMap::new()]);
        assert_eq!(
            url_of(&query),
            "https://example.com/v1/x?m=%7B%22a%22%3A1%2C%22b%22%3A2%7D&m=%7B%7D"
        );
    }

    #[test]
    fn write_query_implementations_add_to_the_query() {
        struct Standard {
            key: Option<String>,
        }
        impl WriteQuery for Standard {
            fn write_query(&self, query: &mut Query) {
                query.push("key", self.key.as_ref());
            }
        }
        let mut query = Query::default();
        Standard { key: None }.write_query(&mut query);
        assert_eq!(query, Query::default());
        Standard {
            key: Some("k 1".to_owned()),
        }
        .write_query(&mut query);
        assert_eq!(url_of(&query), "https://example.com/v1/x?key=k%201");
    }
}
