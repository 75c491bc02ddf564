//! Google's error model: `google.rpc.Status` and its canonical codes.

use std::collections::BTreeMap;
use std::fmt;

use super::object::{write_entries, write_member, JsonObject, MemberKey};
use crate::json_object;

/// The canonical error codes of `google.rpc.Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// Not an error (0).
    Ok = 0,
    /// The operation was cancelled, typically by the caller (1).
    Cancelled = 1,
    /// An error the service could not classify (2).
    Unknown = 2,
    /// The request is invalid whatever the state of the system (3).
    InvalidArgument = 3,
    /// The deadline passed before the operation could finish (4).
    DeadlineExceeded = 4,
    /// A requested entity was not found (5).
    NotFound = 5,
    /// The entity a request tried to create already exists (6).
    AlreadyExists = 6,
    /// The caller may not do this; see also `Unauthenticated` (7).
    PermissionDenied = 7,
    /// A quota or other resource ran out (8).
    ResourceExhausted = 8,
    /// The system is not in the state the operation needs (9).
    FailedPrecondition = 9,
    /// The operation was aborted, typically by a concurrency conflict (10).
    Aborted = 10,
    /// The operation went past the valid range (11).
    OutOfRange = 11,
    /// The operation is not implemented or not supported (12).
    Unimplemented = 12,
    /// An internal error of the service (13).
    Internal = 13,
    /// The service is unavailable for now; retrying may succeed (14).
    Unavailable = 14,
    /// Unrecoverable data loss or corruption (15).
    DataLoss = 15,
    /// The request has no valid credentials (16).
    Unauthenticated = 16,
}

const CODES: [(Code, &str); 17] = [
    (Code::Ok, "OK"),
    (Code::Cancelled, "CANCELLED"),
    (Code::Unknown, "UNKNOWN"),
    (Code::InvalidArgument, "INVALID_ARGUMENT"),
    (Code::DeadlineExceeded, "DEADLINE_EXCEEDED"),
    (Code::NotFound, "NOT_FOUND"),
    (Code::AlreadyExists, "ALREADY_EXISTS"),
    (Code::PermissionDenied, "PERMISSION_DENIED"),
    (Code::ResourceExhausted, "RESOURCE_EXHAUSTED"),
    (Code::FailedPrecondition, "FAILED_PRECONDITION"),
    (Code::Aborted, "ABORTED"),
    (Code::OutOfRange, "OUT_OF_RANGE"),
    (Code::Unimplemented, "UNIMPLEMENTED"),
    (Code::Internal, "INTERNAL"),
    (Code::Unavailable, "UNAVAILABLE"),
    (Code::DataLoss, "DATA_LOSS"),
    (Code::Unauthenticated, "UNAUTHENTICATED"),
];

impl Code {
    /// The code named by a `status` string such as `NOT_FOUND`.
    pub fn from_name(name: &str) -> Option<Code> {
        CODES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(code, _)| *code)
    }

    /// The code with this number.
    pub fn from_number(number: i32) -> Option<Code> {
        CODES
            .iter()
            .find(|(code, _)| *code as i32 == number)
            .map(|(code, _)| *code)
    }

    /// The name, e.g. `NOT_FOUND`.
    pub fn name(self) -> &'static str {
        CODES[self as usize].1
    }
}

/// `google.rpc.Status`: the error of a failed call or operation. Generated
/// crates use this type for every schema of that shape (`code`, `message`,
/// `details`), e.g. `v1::model::Status` and an `Operation`'s `error`, so that
/// an operation's error is decoded once, and the same type is what
/// [`Error::status`](super::Error::status) returns. Like generated structs, it
/// keeps the members it does not know and writes them back.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Status {
    /// The canonical code, a value of `google.rpc.Code` (see [`Code`]).
    pub code: Option<i32>,
    /// Typed details, each with an `@type`.
    pub details: Option<Vec<BTreeMap<String, serde_json::Value>>>,
    /// A developer-facing message.
    pub message: Option<String>,
    /// Members this type does not know, such as the `status` name of an
    /// HTTP error body.
    pub _unknown_fields: serde_json::Map<String, serde_json::Value>,
}

impl Status {
    /// Sets the code.
    pub fn with_code(mut self, value: i32) -> Self {
        self.code = Some(value);
        self
    }

    /// Sets the details.
    pub fn with_details(mut self, value: Vec<BTreeMap<String, serde_json::Value>>) -> Self {
        self.details = Some(value);
        self
    }

    /// Sets the message.
    pub fn with_message(mut self, value: impl Into<String>) -> Self {
        self.message = Some(value.into());
        self
    }

    /// The canonical code: `Unknown` for a number `google.rpc.Code` does
    /// not define, `Ok` when there is none.
    pub fn canonical_code(&self) -> Code {
        match self.code {
            Some(number) => Code::from_number(number).unwrap_or(Code::Unknown),
            None => Code::Ok,
        }
    }

    /// The message, or `""`.
    pub fn message_text(&self) -> &str {
        self.message.as_deref().unwrap_or_default()
    }
}

impl JsonObject for Status {
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: MemberKey<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match key.as_str() {
            "code" => self.code = map.next_value()?,
            "details" => self.details = map.next_value()?,
            "message" => self.message = map.next_value()?,
            _ => {
                self._unknown_fields
                    .insert(key.into_string(), map.next_value()?);
            }
        }
        Ok(())
    }

    fn write_members<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        write_member(map, "code", &self.code)?;
        write_member(map, "details", &self.details)?;
        write_member(map, "message", &self.message)?;
        write_entries(map, &self._unknown_fields)
    }
}

json_object!(Status);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.canonical_code().name(),
            self.message_text()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_their_names_and_numbers_and_back() {
        assert_eq!(CODES.len(), 17);
        for (number, (code, name)) in (0..).zip(CODES) {
            assert_eq!(code as i32, number);
            assert_eq!(code.name(), name);
            assert_eq!(Code::from_name(name), Some(code));
            assert_eq!(Code::from_number(number), Some(code));
        }
        assert_eq!(Code::from_name("not_found"), None);
        assert_eq!(Code::from_name(""), None);
        assert_eq!(Code::from_number(17), None);
        assert_eq!(Code::from_number(-1), None);
    }

    #[test]
    fn the_canonical_code_is_the_codes_number() {
        let status = |code| Status::default().with_code(code);
        assert_eq!(status(5).canonical_code(), Code::NotFound);
        assert_eq!(status(1).canonical_code(), Code::Cancelled);
        assert_eq!(status(404).canonical_code(), Code::Unknown);
        assert_eq!(status(-1).canonical_code(), Code::Unknown);
        assert_eq!(Status::default().canonical_code(), Code::Ok);
    }

    #[test]
    fn status_reads_and_writes_google_rpc_status_with_unknown_members() {
        let json = serde_json::json!({
            "code": 9,
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo"}],
            "message": "not yet",
            "status": "FAILED_PRECONDITION",
        });
        let status: Status = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(status.canonical_code(), Code::FailedPrecondition);
        assert_eq!(status.to_string(), "FAILED_PRECONDITION: not yet");
        assert_eq!(status._unknown_fields["status"], "FAILED_PRECONDITION");
        assert_eq!(serde_json::to_value(&status).unwrap(), json);
        let empty: Status = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Status::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
        assert_eq!(empty.to_string(), "OK: ");
    }
}
