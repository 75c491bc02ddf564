//! Error responses of the service: the HTTP status, the envelope
//! `{"error": {"code", "message", "status", "details"}}` decoded into a
//! [`Status`], the headers and the start of the body.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use super::{Code, Status};

/// The most of an error body kept as text.
pub const MAX_ERROR_BODY: usize = 8 * 1024;

/// An error response of the service.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status code.
    pub http_status: u16,
    /// The envelope's error, when the body is one, with the canonical code
    /// in `code` (the envelope has the HTTP status there).
    pub status: Option<Status>,
    /// The start of the body as text, at most [`MAX_ERROR_BODY`] bytes.
    pub body: String,
    /// The response's headers.
    pub headers: http::HeaderMap,
}

impl ServiceError {
    /// Decodes an error response; a body that is not the envelope keeps its text.
    pub fn new(http_status: u16, headers: http::HeaderMap, body: &[u8]) -> Self {
        ServiceError {
            http_status,
            status: envelope_status(http_status, body),
            body: bounded_text(body),
            headers,
        }
    }

    /// An error response with this HTTP status whose body is the error
    /// envelope of `status`, with no headers: what a service answers, for
    /// code that stands in for one, such as a mock of a stub trait. `status`
    /// keeps its code, which should be a canonical code (see [`Code`]); the
    /// body's envelope has the HTTP status as its `code` and the canonical
    /// code's name as its `status`.
    pub fn from_status(http_status: u16, status: Status) -> Self {
        let mut error = serde_json::to_value(&status).unwrap_or_default();
        if let serde_json::Value::Object(members) = &mut error {
            members.insert("code".to_owned(), http_status.into());
            members.insert("status".to_owned(), status.canonical_code().name().into());
        }
        let envelope = serde_json::json!({ "error": error });
        ServiceError {
            http_status,
            status: Some(status),
            body: bounded_text(envelope.to_string().as_bytes()),
            headers: http::HeaderMap::new(),
        }
    }

    /// The `Retry-After` header in seconds (the HTTP-date form is ignored),
    /// at most a day.
    pub fn retry_after(&self) -> Option<Duration> {
        const DAY: u64 = 24 * 60 * 60;
        let seconds: u64 = self
            .headers
            .get(http::header::RETRY_AFTER)?
            .to_str()
            .ok()?
            .trim()
            .parse()
            .ok()?;
        Some(Duration::from_secs(seconds.min(DAY)))
    }

    /// The canonical code: the envelope's, else the one of the HTTP status.
    pub fn code(&self) -> Code {
        match &self.status {
            Some(status) => status.canonical_code(),
            None => code_of_http_status(self.http_status),
        }
    }
}

/// The envelope's error as a `google.rpc.Status`. The envelope puts the HTTP
/// status in `code` and the canonical code's name in `status`; the status
/// gets the canonical code's number in `code` (from `status`, else from the
/// HTTP status), and keeps the envelope's `status` among its unknown members.
fn envelope_status(http_status: u16, body: &[u8]) -> Option<Status> {
    #[derive(Deserialize)]
    struct Envelope {
        error: Status,
    }
    let mut status = serde_json::from_slice::<Envelope>(body).ok()?.error;
    let named = status
        ._unknown_fields
        .get("status")
        .and_then(|name| Code::from_name(name.as_str()?));
    let code = named.unwrap_or_else(|| code_of_http_status(http_status));
    status.code = Some(code as i32);
    Some(status)
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered HTTP {}", self.http_status)?;
        match &self.status {
            Some(status) => write!(f, " ({}): {}", self.code().name(), status.message_text()),
            None => write!(f, ": {}", self.body),
        }
    }
}

/// At most [`MAX_ERROR_BODY`] bytes of `body`, as text. Bytes that are not
/// UTF-8 become U+FFFD, three bytes each, so the text is cut again, at a
/// character boundary, after the conversion.
pub(crate) fn bounded_text(body: &[u8]) -> String {
    let end = body.len().min(MAX_ERROR_BODY);
    let mut text = String::from_utf8_lossy(&body[..end]).into_owned();
    if text.len() > MAX_ERROR_BODY {
        let mut cut = MAX_ERROR_BODY;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
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

    fn retry_after_header(value: &[u8]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        let value = http::HeaderValue::from_bytes(value).unwrap();
        headers.insert(http::header::RETRY_AFTER, value);
        headers
    }

    fn retry_after_of(headers: http::HeaderMap) -> Option<Duration> {
        ServiceError::new(503, headers, b"").retry_after()
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_capped_at_a_day() {
        assert_eq!(
            retry_after_of(retry_after_header(b"120")),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after_of(retry_after_header(b" 7 ")),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after_of(retry_after_header(b"0")),
            Some(Duration::ZERO)
        );
        let day = Some(Duration::from_secs(24 * 60 * 60));
        assert_eq!(retry_after_of(retry_after_header(b"999999999999")), day);
        for ignored in [
            &b"Wed, 21 Oct 2015 07:28:00 GMT"[..],
            b"-1",
            b"1.5",
            b"",
            b"\xff",
        ] {
            assert_eq!(
                retry_after_of(retry_after_header(ignored)),
                None,
                "{ignored:?}"
            );
        }
        assert_eq!(retry_after_of(http::HeaderMap::new()), None);
    }

    #[test]
    fn service_errors_decode_the_envelope_and_keep_the_body() {
        let body =
            br#"{"error": {"code": 429, "message": "slow down", "status": "RESOURCE_EXHAUSTED"}}"#;
        let error = ServiceError::new(429, retry_after_header(b"3"), body);
        let status = error.status.as_ref().unwrap();
        assert_eq!(status.code, Some(Code::ResourceExhausted as i32));
        assert_eq!(status.message_text(), "slow down");
        assert_eq!(status._unknown_fields["status"], "RESOURCE_EXHAUSTED");
        assert_eq!(error.code(), Code::ResourceExhausted);
        assert_eq!(error.body.as_bytes(), body);
        assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 429 (RESOURCE_EXHAUSTED): slow down"
        );
    }

    #[test]
    fn service_errors_without_a_known_status_use_the_http_status() {
        let error = ServiceError::new(503, http::HeaderMap::new(), b"<html>down</html>");
        assert_eq!(error.status, None);
        assert_eq!(error.code(), Code::Unavailable);
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 503: <html>down</html>"
        );
        let error = ServiceError::new(
            403,
            http::HeaderMap::new(),
            br#"{"error": {"code": 403, "status": "NEW"}}"#,
        );
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
        // A character cut at the limit, and invalid bytes that grow as text.
        let mut cut = vec![b'x'; MAX_ERROR_BODY - 1];
        cut.extend("é".repeat(4).bytes());
        let text = bounded_text(&cut);
        assert!(text.len() <= MAX_ERROR_BODY, "{}", text.len());
        assert!(text.starts_with(&"x".repeat(MAX_ERROR_BODY - 1)));
        let invalid = bounded_text(&[0xff; MAX_ERROR_BODY]);
        assert_eq!(invalid.len(), MAX_ERROR_BODY / 3 * 3);
        let error = ServiceError::new(500, http::HeaderMap::new(), &long);
        assert_eq!(error.body.len(), MAX_ERROR_BODY);
    }

    #[test]
    fn from_status_writes_the_envelope_the_service_would_send() {
        let status = Status::default().with_code(5).with_message("gone");
        let error = ServiceError::from_status(404, status.clone());
        assert_eq!(error.status.as_ref(), Some(&status));
        assert_eq!(error.code(), Code::NotFound);
        assert!(error.headers.is_empty());
        let body: serde_json::Value = serde_json::from_str(&error.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": {"code": 404, "message": "gone", "status": "NOT_FOUND"}})
        );
        // Decoding that body gives back the same code and message.
        let decoded = ServiceError::new(404, http::HeaderMap::new(), error.body.as_bytes());
        assert_eq!(decoded.code(), Code::NotFound);
        assert_eq!(decoded.to_string(), error.to_string());
    }
}
