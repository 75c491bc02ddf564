//! The accessors of `runtime::Error` on what the fake operations API
//! answers: service errors with and without the JSON envelope, retried
//! transient errors, failed operations and bounded payloads.

mod fake_server;

use earthengine::runtime::{
    CallOptions, Code, Error, ErrorKind, NoRetry, StaticToken, MAX_ERROR_BODY,
};
use earthengine::v1 as api;
use fake_server::{fast, FakeServer, Fault};
use serde_json::json;

const OPERATION: &str = "projects/p/operations/op";

fn client(server: &FakeServer, max_attempts: u32) -> api::Client {
    api::Client::builder()
        .base_url(server.base_url())
        .token_source(StaticToken("test-token".to_owned()))
        .retry_policy(fast::retries(max_attempts))
        .build()
}

/// The error of getting [`OPERATION`] when the server answers with `fault`.
async fn error_of(fault: Fault) -> (Error, FakeServer) {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 0);
    server.fail_next([fault]);
    let error = client(&server, 3)
        .projects()
        .operations()
        .get(OPERATION)
        .send()
        .await
        .unwrap_err();
    (error, server)
}

fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<String>) -> Fault {
    Fault::Reply {
        status,
        headers: headers
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        body: body.into(),
    }
}

#[tokio::test]
async fn permission_denied_with_the_envelope_and_a_header() {
    let message = "The caller does not have permission on projects/p.";
    let body = json!({"error": {"code": 403, "message": message, "status": "PERMISSION_DENIED"}});
    let fault = reply(403, &[("x-debug-id", "abc123")], body.to_string());
    let (error, server) = error_of(fault).await;

    assert!(error.is_permission_denied(), "{error:?}");
    assert!(!error.is_not_found() && !error.is_unauthenticated() && !error.is_timeout());
    assert!(!error.is_transient());
    assert_eq!(error.code(), Some(Code::PermissionDenied));
    assert_eq!(error.http_status_code(), Some(403));
    assert!(error.http_payload().unwrap().contains(message));
    assert_eq!(error.http_payload(), Some(body.to_string().as_str()));
    let headers = error.http_headers().unwrap();
    assert_eq!(headers.get("x-debug-id").unwrap(), "abc123");
    assert_eq!(headers.get("content-type").unwrap(), "application/json");
    assert_eq!(
        error.status().map(|s| s.to_string()),
        Some(format!("PERMISSION_DENIED: {message}"))
    );
    assert_eq!(server.requests().len(), 1, "a 403 is not retried");
}

#[tokio::test]
async fn unauthenticated_from_the_http_status_alone() {
    let (error, _) = error_of(reply(401, &[], "no credentials")).await;
    assert!(error.is_unauthenticated(), "{error:?}");
    assert_eq!(error.code(), Some(Code::Unauthenticated));
    assert!(error.status().is_none(), "not the envelope");
    assert_eq!(error.http_payload(), Some("no credentials"));
}

#[tokio::test]
async fn not_found_from_the_server() {
    let server = FakeServer::start();
    let error = client(&server, 3)
        .projects()
        .operations()
        .get("projects/p/operations/missing")
        .send()
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error:?}");
    assert!(!error.is_permission_denied() && !error.is_transient());
    assert_eq!(error.code(), Some(Code::NotFound));
    assert_eq!(error.http_status_code(), Some(404));
    assert_eq!(
        error.status().map(|s| s.to_string()),
        Some("NOT_FOUND: Operation projects/p/operations/missing not found.".to_owned())
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn unavailable_past_the_retry_limit_is_transient() {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 0);
    let max_attempts = 4;
    server.fail_next((0..max_attempts + 1).map(|_| Fault::Status(503)));
    let error = client(&server, max_attempts)
        .projects()
        .operations()
        .get(OPERATION)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    assert_eq!(error.http_status_code(), Some(503));
    assert_eq!(error.code(), Some(Code::Unavailable));
    assert!(error.http_payload().unwrap().contains("try again"));
    assert_eq!(server.requests().len(), max_attempts as usize);
}

#[tokio::test]
async fn too_many_requests_is_transient_and_keeps_retry_after() {
    let server = FakeServer::start();
    server.fail_next([Fault::TooManyRequests {
        retry_after_seconds: 7,
    }]);
    let error = api::Client::builder()
        .base_url(server.base_url())
        .retry_policy(NoRetry)
        .build()
        .projects()
        .operations()
        .get(OPERATION)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_transient());
    assert_eq!(error.code(), Some(Code::ResourceExhausted));
    assert_eq!(
        error.http_headers().unwrap().get("retry-after").unwrap(),
        "7"
    );
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(7)));
    assert_eq!(error.kind(), ErrorKind::Service);
    assert_eq!(error.service_error().map(|e| e.http_status), Some(429));
}

#[tokio::test]
async fn a_failed_operation_has_a_status_but_no_http_status() {
    let server = FakeServer::start();
    let message = "Computation failed: image too large.";
    server.add_failed_operation(OPERATION, 2, json!({"code": 9, "message": message}));
    let error = client(&server, 3)
        .projects()
        .operations()
        .poll_until_done(
            OPERATION,
            CallOptions::new().with_poll_policy(fast::polling()),
        )
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OperationFailed, "{error:?}");
    assert!(error.service_error().is_none());
    assert!(std::error::Error::source(&error).is_none());
    assert_eq!(
        error.status().map(|s| s.to_string()),
        Some(format!("FAILED_PRECONDITION: {message}"))
    );
    assert_eq!(error.code(), Some(Code::FailedPrecondition));
    assert_eq!(error.http_status_code(), None);
    assert!(error.http_headers().is_none() && error.http_payload().is_none());
    assert!(!error.is_transient() && !error.is_timeout());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_cancelled_operation_is_cancelled() {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 5);
    let error = client(&server, 3)
        .projects()
        .operations()
        .cancel_and_wait(
            OPERATION,
            CallOptions::new().with_poll_policy(fast::polling()),
        )
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OperationFailed, "{error:?}");
    assert_eq!(error.code(), Some(Code::Cancelled));
    assert_eq!(
        error.status().map(|s| s.to_string()),
        Some("CANCELLED: Operation cancelled.".to_owned())
    );
    assert_eq!(error.http_status_code(), None);
}

#[tokio::test]
async fn a_large_error_body_is_bounded() {
    let body = format!("{}{}", "x".repeat(MAX_ERROR_BODY), "tail-of-the-body");
    let (error, _) = error_of(reply(500, &[], body.clone())).await;
    let payload = error.http_payload().unwrap();
    assert!(payload.len() <= MAX_ERROR_BODY, "{}", payload.len());
    assert!(body.starts_with(payload));
    assert!(!payload.contains("tail-of-the-body"));
    assert_eq!(error.code(), Some(Code::Internal));
    assert!(error.to_string().len() < MAX_ERROR_BODY + 200);
}

#[tokio::test]
async fn a_large_error_body_cut_inside_a_character_is_still_bounded() {
    // "é" is two bytes; the cut falls between them.
    let body = format!("{}{}", "x".repeat(MAX_ERROR_BODY - 1), "é".repeat(100));
    let (error, _) = error_of(reply(500, &[], body.clone())).await;
    let payload = error.http_payload().unwrap();
    assert!(payload.len() <= MAX_ERROR_BODY, "{} bytes", payload.len());
}

#[tokio::test]
async fn a_success_that_is_not_json_has_a_payload_but_no_http_status() {
    let (error, server) = error_of(reply(200, &[], "<html>not json</html>")).await;
    assert_eq!(error.kind(), ErrorKind::Decode, "{error:?}");
    let source = std::error::Error::source(&error).expect("the JSON error");
    assert!(source.is::<serde_json::Error>(), "{source:?}");
    assert_eq!(error.http_payload(), Some("<html>not json</html>"));
    assert_eq!(error.http_status_code(), None);
    assert_eq!(error.code(), None);
    assert!(!error.is_transient());
    assert_eq!(server.requests().len(), 1, "not retried");
}

#[tokio::test]
async fn an_envelope_status_wins_over_the_http_status() {
    let body =
        json!({"error": {"code": 400, "message": "bad filter", "status": "FAILED_PRECONDITION"}});
    let (error, _) = error_of(reply(400, &[], body.to_string())).await;
    assert_eq!(error.code(), Some(Code::FailedPrecondition));
    assert_eq!(error.http_status_code(), Some(400));
    assert_eq!(
        error.status().map(|s| s.to_string()),
        Some("FAILED_PRECONDITION: bad filter".to_owned())
    );
}
