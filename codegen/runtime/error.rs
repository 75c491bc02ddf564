//! The one error type of the runtime, from building a request to polling an
//! operation: its representation, constructors and kind.
//!
//! [`Error`] is opaque: what went wrong is its [`ErrorKind`], what it carries
//! is read through accessors (`error_access.rs`), and the errors of other
//! crates it wraps are reachable only through [`std::error::Error::source`].
//! Its representation can change without breaking the code that inspects it.

use std::fmt;

use super::{ErrorKind, InvalidHeaderReason, InvalidReason, ServiceError, Status};

/// Why a request could not be built, sent or answered.
///
/// Match on [`kind`](Error::kind) to tell outcomes apart, and read what an
/// error carries with its accessors, each of which returns `None` for the
/// kinds that do not carry it.
pub struct Error(pub(super) Box<Repr>);

/// What an [`Error`] holds; private to the runtime, so that it can change.
/// The accessors are in `error_access.rs`, the messages in `error_kind.rs`.
#[derive(Debug)]
pub(super) enum Repr {
    InvalidParameter {
        name: &'static str,
        value: String,
        reason: InvalidReason,
    },
    Serialization(serde_json::Error),
    InvalidRequest(http::Error),
    InvalidHeader {
        name: String,
        reason: InvalidHeaderReason,
    },
    Unimplemented(&'static str),
    Auth(Box<dyn std::error::Error + Send + Sync>),
    Transport(Box<dyn std::error::Error + Send + Sync>),
    Timeout,
    Service(ServiceError),
    Decode {
        error: serde_json::Error,
        body: String,
    },
    OperationFailed(Status),
    Deadline,
    RepeatedPageToken(String),
}

/// Shows the kind and what the error carries, e.g.
/// `Error(Service(ServiceError { http_status: 404, .. }))`.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Error").field(&self.0).finish()
    }
}

/// Constructors for code that stands in for a service, such as a mock of a
/// stub trait, or for a token source.
impl Error {
    /// An error response of the service.
    pub fn service(error: ServiceError) -> Self {
        Error::new(Repr::Service(error))
    }

    /// An error response of the service with this HTTP status, whose body
    /// is the error envelope of `status`; see [`ServiceError::from_status`].
    pub fn service_status(http_status: u16, status: Status) -> Self {
        Error::service(ServiceError::from_status(http_status, status))
    }

    /// A request that could not be sent, or whose response was not
    /// received, because of `error` (anything that converts into a boxed
    /// error: an error type, a `String` or a `&str`). It becomes the
    /// [`source`](std::error::Error::source). The client retries transport
    /// errors of its own HTTP client only, so one built here is not
    /// [transient](Error::is_transient).
    pub fn transport(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::new(Repr::Transport(error.into()))
    }

    /// No access token could be obtained, because of `error` (as for
    /// [`transport`](Error::transport)), which becomes the
    /// [`source`](std::error::Error::source). For implementations of
    /// `TokenSource` (feature `client`).
    pub fn auth(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::new(Repr::Auth(error.into()))
    }

    /// No complete response within the attempt's timeout.
    pub fn timeout() -> Self {
        Error::new(Repr::Timeout)
    }

    /// The error of a stub method that is not implemented, named by its
    /// method id. For the default bodies of generated stub traits.
    #[doc(hidden)]
    pub fn unimplemented(method_id: &'static str) -> Self {
        Error::new(Repr::Unimplemented(method_id))
    }

    fn new(repr: Repr) -> Self {
        Error(Box::new(repr))
    }
}

/// Constructors of the runtime. Without the `client` feature some are unused.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
impl Error {
    pub(crate) fn invalid_parameter(
        name: &'static str,
        value: impl Into<String>,
        reason: InvalidReason,
    ) -> Self {
        Error::new(Repr::InvalidParameter {
            name,
            value: value.into(),
            reason,
        })
    }

    pub(crate) fn serialization(error: serde_json::Error) -> Self {
        Error::new(Repr::Serialization(error))
    }

    pub(crate) fn invalid_request(error: http::Error) -> Self {
        Error::new(Repr::InvalidRequest(error))
    }

    pub(crate) fn invalid_header(name: impl Into<String>, reason: InvalidHeaderReason) -> Self {
        Error::new(Repr::InvalidHeader {
            name: name.into(),
            reason,
        })
    }

    pub(crate) fn decode(error: serde_json::Error, body: String) -> Self {
        Error::new(Repr::Decode { error, body })
    }

    pub(crate) fn operation_failed(status: Status) -> Self {
        Error::new(Repr::OperationFailed(status))
    }

    pub(crate) fn deadline() -> Self {
        Error::new(Repr::Deadline)
    }

    pub(crate) fn page_token_repeated(token: impl Into<String>) -> Self {
        Error::new(Repr::RepeatedPageToken(token.into()))
    }
}

impl Error {
    /// The outcome this error reports.
    pub fn kind(&self) -> ErrorKind {
        match &*self.0 {
            Repr::InvalidParameter { .. } => ErrorKind::InvalidParameter,
            Repr::Serialization(_) => ErrorKind::Serialization,
            Repr::InvalidRequest(_) => ErrorKind::InvalidRequest,
            Repr::InvalidHeader { .. } => ErrorKind::InvalidHeader,
            Repr::Unimplemented(_) => ErrorKind::Unimplemented,
            Repr::Auth(_) => ErrorKind::Auth,
            Repr::Transport(_) => ErrorKind::Transport,
            Repr::Timeout => ErrorKind::Timeout,
            Repr::Service(_) => ErrorKind::Service,
            Repr::Decode { .. } => ErrorKind::Decode,
            Repr::OperationFailed(_) => ErrorKind::OperationFailed,
            Repr::Deadline => ErrorKind::Deadline,
            Repr::RepeatedPageToken(_) => ErrorKind::RepeatedPageToken,
        }
    }
}

/// The source is the error of another crate (or of a token source or
/// transport) that the error wraps: for [`ErrorKind::Serialization`],
/// [`InvalidRequest`](ErrorKind::InvalidRequest), [`Auth`](ErrorKind::Auth),
/// [`Transport`](ErrorKind::Transport) and [`Decode`](ErrorKind::Decode).
/// Other kinds have none.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            Repr::Serialization(error) | Repr::Decode { error, .. } => Some(error),
            Repr::InvalidRequest(error) => Some(error),
            Repr::Auth(error) | Repr::Transport(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::error::Error as _;

    use super::*;

    /// A service error with `body`, as the transport builds one; the
    /// accessors' tests use it too.
    pub(crate) fn service(http_status: u16, body: &str) -> Error {
        Error::service(ServiceError::new(
            http_status,
            http::HeaderMap::new(),
            body.as_bytes(),
        ))
    }

    fn json_error() -> serde_json::Error {
        serde_json::from_str::<u8>("x").unwrap_err()
    }

    fn http_error() -> http::Error {
        http::Request::builder()
            .uri("not a uri")
            .body(())
            .unwrap_err()
    }

    /// One error of every kind, with the kind it must report.
    fn one_of_each_kind() -> Vec<(Error, ErrorKind)> {
        vec![
            (
                Error::invalid_parameter("name", "", InvalidReason::Empty),
                ErrorKind::InvalidParameter,
            ),
            (Error::serialization(json_error()), ErrorKind::Serialization),
            (
                Error::invalid_request(http_error()),
                ErrorKind::InvalidRequest,
            ),
            (
                Error::invalid_header("x-a", InvalidHeaderReason::InvalidValue),
                ErrorKind::InvalidHeader,
            ),
            (Error::unimplemented("a.b.get"), ErrorKind::Unimplemented),
            (Error::auth("no token"), ErrorKind::Auth),
            (Error::transport("reset"), ErrorKind::Transport),
            (Error::timeout(), ErrorKind::Timeout),
            (service(404, "gone"), ErrorKind::Service),
            (
                Error::decode(json_error(), "x".to_owned()),
                ErrorKind::Decode,
            ),
            (
                Error::operation_failed(Status::default().with_code(1)),
                ErrorKind::OperationFailed,
            ),
            (Error::deadline(), ErrorKind::Deadline),
            (
                Error::page_token_repeated("t"),
                ErrorKind::RepeatedPageToken,
            ),
        ]
    }

    #[test]
    fn an_error_is_one_pointer_and_can_cross_threads() {
        fn send_sync_static<T: Send + Sync + 'static>() {}
        send_sync_static::<Error>();
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn every_kind_has_its_constructor() {
        for (error, kind) in one_of_each_kind() {
            assert_eq!(error.kind(), kind, "{error:?}");
        }
    }

    #[test]
    fn accessors_are_none_for_the_kinds_that_do_not_carry_it() {
        for (error, kind) in one_of_each_kind() {
            let has = |expected: ErrorKind, present: bool| {
                assert_eq!(present, kind == expected, "{kind:?}: {error:?}");
            };
            has(
                ErrorKind::InvalidParameter,
                error.parameter_name().is_some(),
            );
            has(
                ErrorKind::InvalidParameter,
                error.parameter_value().is_some(),
            );
            has(
                ErrorKind::InvalidParameter,
                error.invalid_reason().is_some(),
            );
            has(ErrorKind::InvalidHeader, error.header_name().is_some());
            has(ErrorKind::InvalidHeader, error.header_reason().is_some());
            has(
                ErrorKind::Unimplemented,
                error.unimplemented_method().is_some(),
            );
            has(ErrorKind::Service, error.service_error().is_some());
            has(ErrorKind::Service, error.http_status_code().is_some());
            has(ErrorKind::Service, error.http_headers().is_some());
            has(
                ErrorKind::RepeatedPageToken,
                error.repeated_page_token().is_some(),
            );
        }
    }

    #[test]
    fn the_source_is_the_wrapped_error_and_only_that() {
        for (error, kind) in one_of_each_kind() {
            let wraps = matches!(
                kind,
                ErrorKind::Serialization
                    | ErrorKind::InvalidRequest
                    | ErrorKind::Auth
                    | ErrorKind::Transport
                    | ErrorKind::Decode
            );
            assert_eq!(error.source().is_some(), wraps, "{kind:?}");
            if let Some(source) = error.source() {
                // The message quotes the source's.
                assert!(
                    error.to_string().contains(&source.to_string()),
                    "{kind:?}: {error}"
                );
            }
        }

        let serialization = Error::serialization(json_error());
        let source = serialization.source().unwrap();
        assert!(source.downcast_ref::<serde_json::Error>().is_some());
        let decode = Error::decode(json_error(), "x".to_owned());
        assert!(decode.source().unwrap().is::<serde_json::Error>());
        let request = Error::invalid_request(http_error());
        assert!(request.source().unwrap().is::<http::Error>());

        #[derive(Debug)]
        struct Refused;
        impl fmt::Display for Refused {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("refused")
            }
        }
        impl std::error::Error for Refused {}
        let transport = Error::transport(Refused);
        assert!(transport.source().unwrap().is::<Refused>());
        assert_eq!(transport.to_string(), "transport error: refused");
        let auth = Error::auth(Refused);
        assert!(auth.source().unwrap().is::<Refused>());
        assert_eq!(auth.to_string(), "cannot get an access token: refused");
    }

    #[test]
    fn debug_shows_the_kind_and_what_the_error_carries() {
        let invalid = Error::invalid_parameter("name", "a/../b", InvalidReason::DotSegment);
        let debug = format!("{invalid:?}");
        for part in ["InvalidParameter", "name", "a/../b", "DotSegment"] {
            assert!(debug.contains(part), "{part}: {debug}");
        }
        let header = format!(
            "{:?}",
            Error::invalid_header("x-a", InvalidHeaderReason::InvalidName)
        );
        assert!(
            header.contains("x-a") && header.contains("InvalidName"),
            "{header}"
        );
        let service = format!("{:?}", service(503, "down"));
        for part in ["Service", "503", "down"] {
            assert!(service.contains(part), "{part}: {service}");
        }
        let transport = format!("{:?}", Error::transport("connection reset"));
        assert!(transport.contains("Transport") && transport.contains("connection reset"));
        let decode = format!("{:?}", Error::decode(json_error(), "<html>".to_owned()));
        assert!(
            decode.contains("Decode") && decode.contains("<html>"),
            "{decode}"
        );
        assert!(format!("{:?}", Error::deadline()).contains("Deadline"));
    }
}
