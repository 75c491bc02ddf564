//! Google's error model: `google.rpc.Status`, its canonical codes, and the
//! error envelope `{"error": {"code", "message", "status", "details"}}`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The most of an error body kept as text.
pub const MAX_ERROR_BODY: usize = 8 * 1024;

/// The canonical error codes of `google.rpc.Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
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

/// `google.rpc.Status`: the error of a failed call or operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    /// The numeric code; in HTTP error bodies this is the HTTP status.
    pub code: i32,
    /// A developer-facing message.
    pub message: String,
    /// The canonical code's name, e.g. `NOT_FOUND` (HTTP error bodies only).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// Typed details, each with an `@type`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<serde_json::Value>,
}

impl Status {
    /// The canonical code: from `status` when present (HTTP error bodies put
    /// the HTTP status in `code`), else from `code`.
    pub fn canonical_code(&self) -> Code {
        Code::from_name(&self.status)
            .or_else(|| Code::from_number(self.code))
            .unwrap_or(Code::Unknown)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.canonical_code().name(), self.message)
    }
}

/// An error response of the service.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status code.
    pub http_status: u16,
    /// The decoded error envelope, when the body is one.
    pub status: Option<Status>,
    /// The start of the body as text, at most [`MAX_ERROR_BODY`] bytes.
    pub body: String,
    /// The `Retry-After` header in seconds, if the service sent one.
    pub retry_after: Option<std::time::Duration>,
    /// The response's headers.
    pub headers: http::HeaderMap,
}

impl ServiceError {
    /// Decodes an error response; a body that is not the envelope keeps its text.
    pub fn new(http_status: u16, body: &[u8], retry_after: Option<std::time::Duration>) -> Self {
        #[derive(Deserialize)]
        struct Envelope {
            error: Status,
        }
        ServiceError {
            http_status,
            status: serde_json::from_slice::<Envelope>(body)
                .ok()
                .map(|e| e.error),
            body: bounded_text(body),
            retry_after,
            headers: http::HeaderMap::new(),
        }
    }

    /// The same error with the response's headers.
    pub fn with_headers(self, headers: http::HeaderMap) -> Self {
        ServiceError { headers, ..self }
    }

    /// The canonical code: from the envelope's `status`, else from the HTTP status.
    pub fn code(&self) -> Code {
        match &self.status {
            Some(status) if Code::from_name(&status.status).is_some() => status.canonical_code(),
            _ => code_of_http_status(self.http_status),
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered HTTP {}", self.http_status)?;
        match &self.status {
            Some(status) => write!(f, " ({}): {}", self.code().name(), status.message),
            None => write!(f, ": {}", self.body),
        }
    }
}

/// At most [`MAX_ERROR_BODY`] bytes of `body`, as text.
pub(crate) fn bounded_text(body: &[u8]) -> String {
    let end = body.len().min(MAX_ERROR_BODY);
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// HTTP statuses worth another attempt: too many requests, and a gateway or
/// service that is unavailable for now.
pub(crate) fn is_transient_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The canonical code Google maps an HTTP status to.
fn code_of_http_status(status: u16) -> Code {
    match status {
        200..=299 => Code::Ok,
        400 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::NotFound,
        409 => Code::Aborted,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        501 => Code::Unimplemented,
        503 => Code::Unavailable,
        504 => Code::DeadlineExceeded,
        500..=599 => Code::Internal,
        _ => Code::Unknown,
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
    fn the_canonical_code_comes_from_status_then_code() {
        let status = |code, name: &str| Status {
            code,
            status: name.to_owned(),
            ..Status::default()
        };
        // HTTP error bodies carry the HTTP status in `code`.
        assert_eq!(status(404, "NOT_FOUND").canonical_code(), Code::NotFound);
        assert_eq!(status(5, "").canonical_code(), Code::NotFound);
        assert_eq!(status(1, "").canonical_code(), Code::Cancelled);
        assert_eq!(status(404, "").canonical_code(), Code::Unknown);
        assert_eq!(
            status(3, "NO_SUCH_CODE").canonical_code(),
            Code::InvalidArgument
        );
    }

    #[test]
    fn status_reads_and_writes_google_rpc_status() {
        let json = serde_json::json!({
            "code": 9,
            "message": "not yet",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo"}],
        });
        let status: Status = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(status.canonical_code(), Code::FailedPrecondition);
        assert_eq!(status.to_string(), "FAILED_PRECONDITION: not yet");
        // An empty `status` and empty `details` are left out.
        assert_eq!(serde_json::to_value(&status).unwrap(), json);
        let empty: Status = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Status::default());
        assert_eq!(empty.canonical_code(), Code::Ok);
    }

    #[test]
    fn service_errors_decode_the_envelope_and_keep_the_body() {
        let body =
            br#"{"error": {"code": 429, "message": "slow down", "status": "RESOURCE_EXHAUSTED"}}"#;
        let retry = Some(std::time::Duration::from_secs(3));
        let error = ServiceError::new(429, body, retry);
        let status = error.status.as_ref().unwrap();
        assert_eq!((status.code, status.message.as_str()), (429, "slow down"));
        assert_eq!(error.code(), Code::ResourceExhausted);
        assert_eq!(error.body.as_bytes(), body);
        assert_eq!(error.retry_after, retry);
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 429 (RESOURCE_EXHAUSTED): slow down"
        );
    }

    #[test]
    fn service_errors_without_a_known_status_use_the_http_status() {
        let error = ServiceError::new(503, b"<html>down</html>", None);
        assert_eq!(error.status, None);
        assert_eq!(error.code(), Code::Unavailable);
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 503: <html>down</html>"
        );
        let error = ServiceError::new(403, br#"{"error": {"code": 403, "status": "NEW"}}"#, None);
        assert!(error.status.is_some());
        assert_eq!(error.code(), Code::PermissionDenied);
    }

    #[test]
    fn http_statuses_map_as_google_maps_them() {
        let cases = [
            (200, Code::Ok),
            (204, Code::Ok),
            (400, Code::InvalidArgument),
            (401, Code::Unauthenticated),
            (403, Code::PermissionDenied),
            (404, Code::NotFound),
            (409, Code::Aborted),
            (429, Code::ResourceExhausted),
            (499, Code::Cancelled),
            (500, Code::Internal),
            (501, Code::Unimplemented),
            (502, Code::Internal),
            (503, Code::Unavailable),
            (504, Code::DeadlineExceeded),
            (599, Code::Internal),
            (302, Code::Unknown),
            (418, Code::Unknown),
            (600, Code::Unknown),
        ];
        for (http_status, code) in cases {
            assert_eq!(code_of_http_status(http_status), code, "{http_status}");
        }
    }

    #[test]
    fn bodies_are_kept_up_to_the_limit_as_lossy_text() {
        let long = vec![b'x'; MAX_ERROR_BODY + 10];
        assert_eq!(bounded_text(&long).len(), MAX_ERROR_BODY);
        assert_eq!(bounded_text(b"ok"), "ok");
        assert_eq!(bounded_text(b"a\xffb"), "a\u{fffd}b");
        let error = ServiceError::new(500, &long, None);
        assert_eq!(error.body.len(), MAX_ERROR_BODY);
    }
}
