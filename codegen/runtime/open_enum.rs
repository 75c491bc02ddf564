//! Open enums: generated enums that keep values this crate does not know.

use std::fmt;

/// A value of an open enum that this crate does not know, kept as it was
/// received. Only the enum's `from_wire` makes one, and only for a value
/// that is none of its variants, so that an unknown value never stands for
/// a known one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownEnumValue(String);

/// For `from_wire` of generated enums, and nothing else: the value must be
/// none of the enum's variants.
pub fn unknown_enum_value(value: String) -> UnknownEnumValue {
    UnknownEnumValue(value)
}

impl UnknownEnumValue {
    /// The value as it was received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Implements serde, `Display` and `ParamValue` for an open enum
/// (one with `as_str` and `from_wire` and an `UnknownValue(UnknownEnumValue)` variant):
/// values this crate does not know are kept and written back unchanged.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::ParamValue for $name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::__private::ParamValue;
    use crate::UnknownEnumValue;

    /// Shaped as the generator writes open enums.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum State {
        Running,
        Done,
        UnknownValue(UnknownEnumValue),
    }

    impl State {
        fn as_str(&self) -> &str {
            match self {
                State::Running => "RUNNING",
                State::Done => "DONE",
                State::UnknownValue(value) => value.as_str(),
            }
        }

        fn from_wire(value: String) -> Self {
            match value.as_str() {
                "RUNNING" => State::Running,
                "DONE" => State::Done,
                _ => State::UnknownValue(crate::__private::unknown_enum_value(value)),
            }
        }
    }

    crate::__private::open_enum!(State);

    #[test]
    fn known_values_read_and_write_by_name() {
        let state: State = serde_json::from_str("\"DONE\"").unwrap();
        assert_eq!(state, State::Done);
        assert_eq!(
            serde_json::to_string(&State::Running).unwrap(),
            "\"RUNNING\""
        );
    }

    #[test]
    fn unknown_values_are_kept_and_written_back_unchanged() {
        let state: State = serde_json::from_str("\"PAUSED_FOR_LUNCH\"").unwrap();
        assert_eq!(state.as_str(), "PAUSED_FOR_LUNCH");
        assert!(matches!(state, State::UnknownValue(_)));
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            "\"PAUSED_FOR_LUNCH\""
        );
        // Case matters: `done` is not `DONE`.
        let state: State = serde_json::from_str("\"done\"").unwrap();
        assert!(matches!(&state, State::UnknownValue(value) if value.as_str() == "done"));
    }

    #[test]
    fn only_strings_are_values() {
        assert!(serde_json::from_str::<State>("1").is_err());
        assert!(serde_json::from_str::<State>("null").is_err());
    }

    #[test]
    fn display_and_parameters_use_the_wire_name() {
        assert_eq!(State::Done.to_string(), "DONE");
        assert_eq!(State::Running.to_param(), "RUNNING");
        let unknown = State::from_wire("X".to_owned());
        assert_eq!(unknown.to_param(), "X");
        assert_eq!(unknown.to_string(), "X");
    }
}
