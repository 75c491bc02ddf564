//! The accessors and predicates of [`Error`]: what an error carries, read
//! without matching on its representation.

use std::time::Duration;

use super::error::Repr;
use super::service_error::is_transient_status;
use super::{Code, Error, InvalidHeaderReason, InvalidReason, ServiceError, Status};

impl Error {
    /// The name of the path parameter whose value was rejected.
    pub fn parameter_name(&self) -> Option<&'static str> {
        match &*self.0 {
            Repr::InvalidParameter { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The rejected value of a path parameter.
    pub fn parameter_value(&self) -> Option<&str> {
        match &*self.0 {
            Repr::InvalidParameter { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The rule a rejected path parameter's value broke.
    pub fn invalid_reason(&self) -> Option<&InvalidReason> {
        match &*self.0 {
            Repr::InvalidParameter { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The name, in lower case, of a header that cannot be sent.
    pub fn header_name(&self) -> Option<&str> {
        match &*self.0 {
            Repr::InvalidHeader { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Why a header cannot be sent.
    pub fn header_reason(&self) -> Option<InvalidHeaderReason> {
        match &*self.0 {
            Repr::InvalidHeader { reason, .. } => Some(*reason),
            _ => None,
        }
    }

    /// The id of the method a stub does not implement, e.g.
    /// `earthengine.projects.operations.wait`.
    pub fn unimplemented_method(&self) -> Option<&'static str> {
        match &*self.0 {
            Repr::Unimplemented(id) => Some(id),
            _ => None,
        }
    }

    /// The service's error response.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match &*self.0 {
            Repr::Service(error) => Some(error),
            _ => None,
        }
    }

    /// The page token a list method returned although it was sent it.
    pub fn repeated_page_token(&self) -> Option<&str> {
        match &*self.0 {
            Repr::RepeatedPageToken(token) => Some(token),
            _ => None,
        }
    }

    /// The `google.rpc.Status` of a service error (when its body is the
    /// error envelope) or of a failed operation.
    pub fn status(&self) -> Option<&Status> {
        match &*self.0 {
            Repr::Service(error) => error.status.as_ref(),
            Repr::OperationFailed(status) => Some(status),
            _ => None,
        }
    }

    /// The canonical code of a service error or a failed operation;
    /// `DeadlineExceeded` for timeouts and deadlines.
    pub fn code(&self) -> Option<Code> {
        match &*self.0 {
            Repr::Service(error) => Some(error.code()),
            Repr::OperationFailed(status) => Some(status.canonical_code()),
            Repr::Timeout | Repr::Deadline => Some(Code::DeadlineExceeded),
            _ => None,
        }
    }

    /// The HTTP status of a service error.
    pub fn http_status_code(&self) -> Option<u16> {
        self.service_error().map(|error| error.http_status)
    }

    /// The response headers of a service error.
    pub fn http_headers(&self) -> Option<&http::HeaderMap> {
        self.service_error().map(|error| &error.headers)
    }

    /// The start of the body of a service error or of an undecodable
    /// response, at most [`MAX_ERROR_BODY`](super::MAX_ERROR_BODY) bytes.
    pub fn http_payload(&self) -> Option<&str> {
        match &*self.0 {
            Repr::Service(error) => Some(&error.body),
            Repr::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The `Retry-After` of a service error, in seconds, at most a day; see
    /// [`ServiceError::retry_after`].
    pub fn retry_after(&self) -> Option<Duration> {
        self.service_error()?.retry_after()
    }

    /// No response within the attempt's timeout, or an operation not done
    /// by the polling deadline.
    pub fn is_timeout(&self) -> bool {
        matches!(&*self.0, Repr::Timeout | Repr::Deadline)
    }

    /// An error that another attempt may not meet, the kind the client
    /// retries for idempotent methods: HTTP 429, 502, 503 and 504, and
    /// refused, reset or cut-short connections.
    pub fn is_transient(&self) -> bool {
        match &*self.0 {
            Repr::Service(error) => is_transient_status(error.http_status),
            #[cfg(feature = "client")]
            Repr::Transport(error) => super::transport::is_transient_transport(error.as_ref()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::tests::service;
    use crate::ErrorKind;

    #[test]
    fn accessors_read_service_errors_and_failed_operations_alike() {
        let envelope = r#"{"error": {"code": 404, "message": "gone", "status": "NOT_FOUND"}}"#;
        let not_found = service(404, envelope);
        assert_eq!(not_found.status().map(Status::message_text), Some("gone"));
        assert_eq!(not_found.code(), Some(Code::NotFound));
        assert_eq!(not_found.http_status_code(), Some(404));
        assert_eq!(not_found.http_payload(), Some(envelope));
        assert_eq!(not_found.http_headers().map(|h| h.len()), Some(0));
        assert_eq!(not_found.service_error().unwrap().http_status, 404);
        assert!(not_found.is_not_found() && !not_found.is_transient());

        let failed = Error::operation_failed(Status::default().with_code(7).with_message("no"));
        assert_eq!(failed.code(), Some(Code::PermissionDenied));
        assert_eq!(failed.status().map(Status::message_text), Some("no"));
        assert!(failed.is_permission_denied());
        assert_eq!(failed.http_status_code(), None);
        assert!(failed.service_error().is_none() && failed.http_payload().is_none());

        let unauthenticated = service(401, "not an envelope");
        assert!(unauthenticated.status().is_none() && unauthenticated.is_unauthenticated());
    }

    #[test]
    fn a_service_error_built_from_a_status_reads_like_a_received_one() {
        let status = Status::default().with_code(8).with_message("slow down");
        let error = Error::service_status(429, status.clone());
        assert_eq!(error.kind(), ErrorKind::Service);
        assert_eq!(error.status(), Some(&status));
        assert_eq!(error.code(), Some(Code::ResourceExhausted));
        assert_eq!(error.http_status_code(), Some(429));
        assert!(error.is_transient());
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 429 (RESOURCE_EXHAUSTED): slow down"
        );
        assert!(error.http_payload().unwrap().contains("\"slow down\""));
        assert_eq!(error.retry_after(), None);
    }

    #[test]
    fn retry_after_is_read_from_the_service_error() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("3"),
        );
        let error = Error::service(ServiceError::new(503, headers, b""));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(Error::timeout().retry_after(), None);
    }

    #[test]
    fn accessors_of_the_other_kinds() {
        let invalid = Error::invalid_parameter("name", "a/../b", InvalidReason::DotSegment);
        assert_eq!(invalid.parameter_name(), Some("name"));
        assert_eq!(invalid.parameter_value(), Some("a/../b"));
        assert_eq!(invalid.invalid_reason(), Some(&InvalidReason::DotSegment));

        let header = Error::invalid_header("content-type", InvalidHeaderReason::SetByClient);
        assert_eq!(header.header_name(), Some("content-type"));
        assert_eq!(
            header.header_reason(),
            Some(InvalidHeaderReason::SetByClient)
        );

        let unimplemented = Error::unimplemented("a.b.get");
        assert_eq!(unimplemented.unimplemented_method(), Some("a.b.get"));

        let json_error = serde_json::from_str::<u8>("x").unwrap_err();
        let decode = Error::decode(json_error, "<html>".to_owned());
        assert_eq!(decode.http_payload(), Some("<html>"));
        assert_eq!(decode.http_status_code(), None);

        let repeated = Error::page_token_repeated("t");
        assert_eq!(repeated.repeated_page_token(), Some("t"));
    }

    #[test]
    fn timeouts_and_transient_statuses() {
        assert!(Error::timeout().is_timeout() && Error::deadline().is_timeout());
        assert_eq!(Error::deadline().code(), Some(Code::DeadlineExceeded));
        assert_eq!(Error::timeout().code(), Some(Code::DeadlineExceeded));
        for status in [429, 502, 503, 504] {
            assert!(service(status, "").is_transient(), "{status}");
        }
        for status in [400, 404, 500, 501] {
            assert!(!service(status, "").is_transient(), "{status}");
        }
        assert!(!Error::unimplemented("x").is_transient());
        assert_eq!(Error::unimplemented("x").code(), None);
        // A transport error that is not the HTTP client's is not retried.
        assert!(!Error::transport("reset").is_transient());
    }
}
