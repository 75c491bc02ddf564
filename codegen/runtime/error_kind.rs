//! What went wrong, for [`Error`]: the kinds of error, the reasons a path
//! parameter or a header is rejected, and the message of each error.

use std::fmt;

use super::error::Repr;
use super::Error;

/// The outcome an [`Error`] reports, as [`Error::kind`] returns it.
///
/// New kinds may be added, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A path parameter's value was rejected before anything was built; see
    /// [`Error::parameter_name`], [`Error::parameter_value`] and
    /// [`Error::invalid_reason`].
    InvalidParameter,
    /// The request body could not be serialized; the serializer's error is
    /// the [`source`](std::error::Error::source).
    Serialization,
    /// The URL or a header was not valid for an HTTP request; the `http`
    /// crate's error is the [`source`](std::error::Error::source).
    InvalidRequest,
    /// A header of the call's or the client's options cannot be sent, and
    /// nothing was sent; see [`Error::header_name`] and
    /// [`Error::header_reason`].
    InvalidHeader,
    /// The stub does not implement the method; see
    /// [`Error::unimplemented_method`].
    Unimplemented,
    /// No access token could be obtained; the token source's error is the
    /// [`source`](std::error::Error::source).
    Auth,
    /// The request could not be sent, or the response not received; the
    /// transport's error is the [`source`](std::error::Error::source).
    Transport,
    /// No complete response arrived within the attempt's timeout.
    Timeout,
    /// The service answered with an error status; see
    /// [`Error::service_error`] and the accessors that read it.
    Service,
    /// The service answered with success, but not with the JSON the method
    /// returns; see [`Error::http_payload`]. The decoder's error is the
    /// [`source`](std::error::Error::source).
    Decode,
    /// A long-running operation finished with an error; see
    /// [`Error::status`].
    OperationFailed,
    /// A long-running operation was not done by the polling deadline.
    Deadline,
    /// A list method returned the page token it was sent, which would page
    /// forever; see [`Error::repeated_page_token`].
    RepeatedPageToken,
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

/// Why a header of the call's or the client's options cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InvalidHeaderReason {
    /// The client sets this header itself (see
    /// [`OWNED_HEADERS`](super::OWNED_HEADERS)).
    SetByClient,
    /// The name is not a valid header name.
    InvalidName,
    /// The value is not a valid header value.
    InvalidValue,
    /// The user agent prefix does not make a valid `user-agent` value.
    InvalidUserAgentPrefix,
}

impl fmt::Display for InvalidHeaderReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InvalidHeaderReason::SetByClient => "the client sets it",
            InvalidHeaderReason::InvalidName => "not a valid header name",
            InvalidHeaderReason::InvalidValue => "not a valid header value",
            InvalidHeaderReason::InvalidUserAgentPrefix => "the prefix is not a valid header value",
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            Repr::InvalidParameter {
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
            Repr::Serialization(error) => write!(f, "cannot serialize the request body: {error}"),
            Repr::InvalidRequest(error) => write!(f, "cannot build the HTTP request: {error}"),
            Repr::InvalidHeader { name, reason } => {
                write!(f, "cannot send the header `{name}`: {reason}")
            }
            Repr::Unimplemented(id) => write!(f, "{id} is not implemented by this stub"),
            Repr::Auth(error) => write!(f, "cannot get an access token: {error}"),
            Repr::Transport(error) => write!(f, "transport error: {error}"),
            Repr::Timeout => f.write_str("no response within the timeout"),
            Repr::Service(error) => write!(f, "{error}"),
            Repr::Decode { error, body } => {
                write!(f, "unexpected response body ({error}): {body}")
            }
            Repr::OperationFailed(status) => write!(f, "the operation failed: {status}"),
            Repr::Deadline => f.write_str("the operation was not done by the deadline"),
            Repr::RepeatedPageToken(token) => {
                write!(
                    f,
                    "the service returned the page token {token:?} it was sent"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ServiceError, Status};

    fn invalid(reason: InvalidReason) -> String {
        Error::invalid_parameter("name", "a/../b", reason).to_string()
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
    fn invalid_headers_name_the_header_and_the_reason() {
        let cases = [
            (InvalidHeaderReason::SetByClient, "the client sets it"),
            (InvalidHeaderReason::InvalidName, "not a valid header name"),
            (
                InvalidHeaderReason::InvalidValue,
                "not a valid header value",
            ),
            (
                InvalidHeaderReason::InvalidUserAgentPrefix,
                "the prefix is not a valid header value",
            ),
        ];
        for (reason, text) in cases {
            assert_eq!(
                Error::invalid_header("x-a", reason).to_string(),
                format!("cannot send the header `x-a`: {text}")
            );
        }
    }

    #[test]
    fn messages_of_the_other_kinds() {
        let status = Status::default().with_code(1).with_message("stopped");
        let cases = [
            (
                Error::operation_failed(status),
                "the operation failed: CANCELLED: stopped",
            ),
            (
                Error::deadline(),
                "the operation was not done by the deadline",
            ),
            (Error::timeout(), "no response within the timeout"),
            (
                Error::unimplemented("a.b.get"),
                "a.b.get is not implemented by this stub",
            ),
            (
                Error::page_token_repeated("t"),
                "the service returned the page token \"t\" it was sent",
            ),
            (
                Error::service(ServiceError::new(404, http::HeaderMap::new(), b"gone")),
                "the service answered HTTP 404: gone",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
        let json_error = || serde_json::from_str::<u8>("x").unwrap_err();
        let decode = Error::decode(json_error(), "x".to_owned());
        assert!(decode.to_string().ends_with("): x"), "{decode}");
        assert!(decode.to_string().starts_with("unexpected response body ("));
        let serialization = Error::serialization(json_error());
        assert!(serialization
            .to_string()
            .starts_with("cannot serialize the request body: "));
        let http_error = http::Request::builder()
            .uri("not a uri")
            .body(())
            .unwrap_err();
        let request = Error::invalid_request(http_error);
        assert!(request
            .to_string()
            .starts_with("cannot build the HTTP request: "));
    }
}
