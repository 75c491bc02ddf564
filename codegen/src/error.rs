//! The one error type of the generator: what went wrong, in which file, and
//! where in the document (a JSON path such as `resources.projects.methods.get`).

use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub json_path: String,
    pub message: String,
}

impl Error {
    pub fn new(file: &str, json_path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            file: file.to_owned(),
            json_path: json_path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.json_path.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: at {}: {}", self.file, self.json_path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// A document key as a JSON path segment: quoted (with escapes) when it
/// holds characters that would make the path ambiguous or span lines.
pub fn json_key(key: &str) -> Cow<'_, str> {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '@' | '-'));
    if plain {
        Cow::Borrowed(key)
    } else {
        Cow::Owned(format!("{key:?}"))
    }
}
