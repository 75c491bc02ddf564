//! What the HTTP client reports through `tracing` (feature `tracing`): a
//! span per call and an event per attempt. Without the feature every
//! function here does nothing and compiles away.
//!
//! Only what the descriptor and the outcome say is reported: the method id,
//! the HTTP method and the path *template*, never the expanded URL, its
//! query (which may carry an API key), a header, a token or a body.

use std::future::Future;
use std::time::Duration;

use super::{Error, MethodDescriptor};

/// Runs `call` in a span `google_api_call` with the method's id, HTTP method
/// and path template.
#[cfg(feature = "tracing")]
pub(crate) fn in_call_span<F: Future>(
    descriptor: &MethodDescriptor,
    call: F,
) -> impl Future<Output = F::Output> {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "google_api_call",
        method = descriptor.id,
        http.method = descriptor.http_method.as_str(),
        path_template = descriptor.path_template,
    );
    call.instrument(span)
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn in_call_span<F: Future>(_: &MethodDescriptor, call: F) -> F {
    call
}

/// An attempt that got a success response.
pub(crate) fn attempt_succeeded(attempt: u32, http_status: u16, latency: Duration) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        attempt,
        http.status = http_status,
        latency_ms = millis(latency),
        "attempt succeeded"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, http_status, latency);
}

/// An attempt that failed, with the HTTP status or the kind of error.
pub(crate) fn attempt_failed(attempt: u32, error: &Error, latency: Duration) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        attempt,
        http.status = error.http_status_code(),
        error.kind = error_kind(error),
        latency_ms = millis(latency),
        "attempt failed"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, error, latency);
}

/// Another attempt follows after `delay`, because of `error`.
pub(crate) fn retrying(attempt: u32, delay: Duration, error: &Error) {
    #[cfg(feature = "tracing")]
    tracing::info!(
        attempt,
        delay_ms = millis(delay),
        reason = retry_reason(error),
        "retrying"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, delay, error);
}

/// The last attempt failed and no other follows.
pub(crate) fn not_retried(attempt: u32, retryable: bool, idempotent: bool) {
    #[cfg(feature = "tracing")]
    {
        let reason = if !retryable {
            "the error is not transient"
        } else if !idempotent {
            "the method is not idempotent"
        } else {
            "the retry policy gave up"
        };
        tracing::debug!(attempt, reason, "not retried");
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (attempt, retryable, idempotent);
}

#[cfg(feature = "tracing")]
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A name for the kind of error, never its message (which may quote a body).
#[cfg(feature = "tracing")]
fn error_kind(error: &Error) -> &'static str {
    use super::ErrorKind;
    match error.kind() {
        ErrorKind::Service => "service",
        ErrorKind::Timeout => "timeout",
        ErrorKind::Transport => "transport",
        ErrorKind::Auth => "auth",
        ErrorKind::Decode => "decode",
        _ => "other",
    }
}

/// Why a failed attempt is retried.
#[cfg(feature = "tracing")]
fn retry_reason(error: &Error) -> &'static str {
    match error.http_status_code() {
        Some(429) => "HTTP 429 too many requests",
        Some(502) => "HTTP 502 bad gateway",
        Some(503) => "HTTP 503 unavailable",
        Some(504) => "HTTP 504 gateway timeout",
        _ => "connection error",
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "tracing")]
    #[test]
    fn errors_are_reported_by_kind_and_retries_by_reason() {
        use super::*;
        use crate::ServiceError;

        let service =
            |status| Error::service(ServiceError::new(status, http::HeaderMap::new(), b""));
        assert_eq!(error_kind(&service(503)), "service");
        assert_eq!(error_kind(&Error::timeout()), "timeout");
        assert_eq!(error_kind(&Error::transport("reset")), "transport");
        assert_eq!(error_kind(&Error::deadline()), "other");
        assert_eq!(retry_reason(&service(503)), "HTTP 503 unavailable");
        assert_eq!(retry_reason(&service(429)), "HTTP 429 too many requests");
        assert_eq!(retry_reason(&Error::transport("reset")), "connection error");
        assert_eq!(millis(Duration::from_micros(2_500)), 2);
        assert_eq!(millis(Duration::MAX), u64::MAX);
    }
}
