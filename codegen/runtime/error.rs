//! The one error type of the runtime: from building a request to polling an
//! operation.

use std::fmt;

use super::service_error::is_transient_status;
use super::{Code, ServiceError, Status};

/// Why a request could not be built, sent or answered.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A path parameter's value was rejected before anything was built.
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The rejected value.
        value: String,
        /// What the value must satisfy.
        reason: InvalidReason,
    },
    /// The request body could not be serialized.
    Body(serde_json::Error),
    /// The URL or a header was not valid for an HTTP request.
    Http(http::Error),
    /// A header of the call's or the client's options cannot be sent; nothing was sent.
    InvalidHeader {
        /// The header's name, in lower case.
        name: String,
        /// Why: the client sets it, or the name or value is not valid.
        reason: &'static str,
    },
    /// The stub does not implement the method with this id.
    Unimplemented(&'static str),
    /// No access token could be obtained.
    Auth(Box<dyn std::error::Error + Send + Sync>),
    /// The request could not be sent, or the response not received.
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// No complete response arrived within the client's timeout.
    Timeout,
    /// The service answered with an error status.
    Service(Box<ServiceError>),
    /// The service answered with success, but not with the JSON the method returns.
    Decode {
        /// The decoding error.
        error: serde_json::Error,
        /// The start of the body, at most [`MAX_ERROR_BODY`](super::MAX_ERROR_BODY) bytes.
        body: String,
    },
    /// A long-running operation finished with an error.
    Operation(Status),
    /// A long-running operation was not done by the deadline.
    Deadline,
    /// A list method returned the page token it was sent, which would page forever.
    RepeatedPageToken(String),
}

/// The rule a path parameter's value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidReason {
    /// The value does not match the parameter's `pattern`.
    Pattern(&'static str),
    /// The value is empty.
    Empty,
    /// The value has a `.` or `..` path segment (`%2E` counts as `.`), which would make the request
    /// address another resource once the URL is normalized.
    DotSegment,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter {
                name,
                value,
                reason,
            } => {
                write!(f, "invalid value {value:?} for path parameter `{name}`: ")?;
                match reason {
                    InvalidReason::Pattern(pattern) => {
                        write!(f, "it does not match the pattern `{pattern}`")
                    }
                    InvalidReason::Empty => f.write_str("it must not be empty"),
                    InvalidReason::DotSegment => {
                        f.write_str("it must not contain `.` or `..` as a path segment")
                    }
                }
            }
            Error::Body(error) => write!(f, "cannot serialize the request body: {error}"),
            Error::Http(error) => write!(f, "cannot build the HTTP request: {error}"),
            Error::InvalidHeader { name, reason } => {
                write!(f, "cannot send the header `{name}`: {reason}")
            }
            Error::Unimplemented(id) => write!(f, "{id} is not implemented by this stub"),
            Error::Auth(error) => write!(f, "cannot get an access token: {error}"),
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::Timeout => f.write_str("no response within the timeout"),
            Error::Service(error) => write!(f, "{error}"),
            Error::Decode { error, body } => {
                write!(f, "unexpected response body ({error}): {body}")
            }
            Error::Operation(status) => write!(f, "the operation failed: {status}"),
            Error::Deadline => f.write_str("the operation was not done by the deadline"),
            Error::RepeatedPageToken(token) => {
                write!(
                    f,
                    "the service returned the page token {token:?} it was sent"
                )
            }
        }
    }
}

impl Error {
    /// The `google.rpc.Status` of a service error (when its body is the
    /// error envelope) or of a failed operation.
    pub fn status(&self) -> Option<&Status> {
        match self {
            Error::Service(error) => error.status.as_ref(),
            Error::Operation(status) => Some(status),
            _ => None,
        }
    }

    /// The canonical code of a service error or a failed operation;
    /// `DeadlineExceeded` for timeouts and deadlines.
    pub fn code(&self) -> Option<Code> {
        match self {
            Error::Service(error) => Some(error.code()),
            Error::Operation(status) => Some(status.canonical_code()),
            Error::Timeout | Error::Deadline => Some(Code::DeadlineExceeded),
            _ => None,
        }
    }

    /// The HTTP status of a service error.
    pub fn http_status_code(&self) -> Option<u16> {
        match self {
            Error::Service(error) => Some(error.http_status),
            _ => None,
        }
    }

    /// The response headers of a service error.
    pub fn http_headers(&self) -> Option<&http::HeaderMap> {
        match self {
            Error::Service(error) => Some(&error.headers),
            _ => None,
        }
    }

    /// The start of the body of a service error or of an undecodable
    /// response, at most [`MAX_ERROR_BODY`](super::MAX_ERROR_BODY) bytes.
    pub fn http_payload(&self) -> Option<&str> {
        match self {
            Error::Service(error) => Some(&error.body),
            Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// No response within the attempt's timeout, or an operation not done
    /// by the polling deadline.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout | Error::Deadline)
    }

    /// An error that another attempt may not meet, the kind the client
    /// retries for idempotent methods: HTTP 429, 502, 503 and 504, and
    /// refused, reset or cut-short connections.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Service(error) => is_transient_status(error.http_status),
            #[cfg(feature = "client")]
            Error::Transport(error) => super::transport::is_transient_transport(error.as_ref()),
            _ => false,
        }
    }

    /// The service says the resource does not exist.
    pub fn is_not_found(&self) -> bool {
        self.code() == Some(Code::NotFound)
    }

    /// The service says the caller may not do this.
    pub fn is_permission_denied(&self) -> bool {
        self.code() == Some(Code::PermissionDenied)
    }

    /// The service did not accept the credentials, or there were none.
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(Code::Unauthenticated)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Body(error) | Error::Decode { error, .. } => Some(error),
            Error::Http(error) => Some(error),
            Error::Auth(error) | Error::Transport(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    fn service(http_status: u16, body: &str) -> Error {
        Error::Service(Box::new(ServiceError::new(
            http_status,
            http::HeaderMap::new(),
            body.as_bytes(),
        )))
    }

    #[test]
    fn accessors_read_service_errors_and_failed_operations_alike() {
        let envelope = r#"{"error": {"code": 404, "message": "gone", "status": "NOT_FOUND"}}"#;
        let not_found = service(404, envelope);
        assert_eq!(not_found.status().map(Status::message_text), Some("gone"));
        assert_eq!(not_found.code(), Some(Code::NotFound));
        assert_eq!(not_found.http_status_code(), Some(404));
        assert_eq!(not_found.http_payload(), Some(envelope));
        assert!(not_found.is_not_found() && !not_found.is_transient());

        let failed = Error::Operation(Status::default().with_code(7).with_message("no"));
        assert_eq!(failed.code(), Some(Code::PermissionDenied));
        assert!(failed.is_permission_denied());
        assert_eq!(failed.http_status_code(), None);

        let unauthenticated = service(401, "not an envelope");
        assert!(unauthenticated.status().is_none() && unauthenticated.is_unauthenticated());
    }

    #[test]
    fn timeouts_and_transient_statuses() {
        assert!(Error::Timeout.is_timeout() && Error::Deadline.is_timeout());
        assert_eq!(Error::Deadline.code(), Some(Code::DeadlineExceeded));
        for status in [429, 502, 503, 504] {
            assert!(service(status, "").is_transient(), "{status}");
        }
        for status in [400, 404, 500, 501] {
            assert!(!service(status, "").is_transient(), "{status}");
        }
        assert!(!Error::Unimplemented("x").is_transient());
        assert_eq!(Error::Unimplemented("x").code(), None);
    }

    fn invalid(reason: InvalidReason) -> String {
        Error::InvalidParameter {
            name: "name",
            value: "a/../b".to_owned(),
            reason,
        }
        .to_string()
    }

    #[test]
    fn invalid_parameters_name_the_parameter_the_value_and_the_rule() {
        assert_eq!(
            invalid(InvalidReason::Pattern("^a$")),
            "invalid value \"a/../b\" for path parameter `name`: it does not match the pattern `^a$`"
        );
        assert_eq!(
            invalid(InvalidReason::Empty),
            "invalid value \"a/../b\" for path parameter `name`: it must not be empty"
        );
        assert_eq!(
            invalid(InvalidReason::DotSegment),
            "invalid value \"a/../b\" for path parameter `name`: it must not contain `.` or `..` as a path segment"
        );
    }

    #[test]
    fn messages_of_the_other_variants() {
        let status = Status::default().with_code(1).with_message("stopped");
        let cases = [
            (
                Error::Operation(status),
                "the operation failed: CANCELLED: stopped",
            ),
            (
                Error::Deadline,
                "the operation was not done by the deadline",
            ),
            (Error::Timeout, "no response within the timeout"),
            (
                Error::Unimplemented("a.b.get"),
                "a.b.get is not implemented by this stub",
            ),
            (
                Error::RepeatedPageToken("t".to_owned()),
                "the service returned the page token \"t\" it was sent",
            ),
            (
                Error::Service(Box::new(ServiceError::new(
                    404,
                    http::HeaderMap::new(),
                    b"gone",
                ))),
                "the service answered HTTP 404: gone",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn wrapped_errors_are_the_source() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        let expected = json.to_string();
        let decode = Error::Decode {
            error: json,
            body: "x".to_owned(),
        };
        assert_eq!(decode.source().unwrap().to_string(), expected);
        assert!(decode.to_string().ends_with("): x"), "{decode}");

        let transport = Error::Transport("connection reset".into());
        assert_eq!(transport.source().unwrap().to_string(), "connection reset");
        assert_eq!(transport.to_string(), "transport error: connection reset");
        assert!(Error::Timeout.source().is_none());
        assert!(Error::Deadline.source().is_none());
    }
}
