//! Per-call and per-client options against the fake operations API: what
//! reaches the server (headers, quota project, user agent), and how a
//! call's timeout, retry policy, idempotency and polling policy win over
//! the client's.

mod fake_server;

use std::time::{Duration, Instant};

use earthengine::runtime::{
    CallOptions, ClientBuilder, Code, Error, ErrorKind, InvalidHeaderReason, NoRetry, PollPolicy,
    StaticToken, OWNED_HEADERS,
};
use earthengine::v1 as api;
use fake_server::{fast, FakeServer, Fault, Recorded};

const TOKEN: &str = "test-token";
const OPERATION: &str = "projects/p/operations/op";

/// A builder for a client of `server`, with a token and nothing else set.
fn builder(server: &FakeServer) -> ClientBuilder<api::Api> {
    api::Client::builder()
        .base_url(server.base_url())
        .token_source(StaticToken(TOKEN.to_owned()))
}

/// A client with fast retries (3 attempts) and a 5 s timeout.
fn client(server: &FakeServer) -> api::Client {
    builder(server)
        .retry_policy(fast::retries(3))
        .timeout(Some(Duration::from_secs(5)))
        .build()
}

/// A server with the done operation [`OPERATION`].
fn server_with_operation() -> FakeServer {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 0);
    server
}

/// Gets [`OPERATION`] through `client`, with `options`.
async fn get(client: &api::Client, options: CallOptions) -> Result<api::model::Operation, Error> {
    client
        .projects()
        .operations()
        .get(OPERATION)
        .with_options(options)
        .send()
        .await
}

fn only_request(server: &FakeServer) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().unwrap()
}

fn header<'a>(request: &'a Recorded, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(String::as_str)
}

#[tokio::test]
async fn a_calls_headers_and_quota_project_reach_the_server() {
    let server = server_with_operation();
    let client = client(&server);
    let options = CallOptions::new()
        .with_header("X-Request-Reason", "audit")
        .with_header("x-trace", "first")
        .with_header("X-Trace", "second")
        .with_quota_project("billing-project");
    get(&client, options).await.unwrap();
    let request = only_request(&server);
    assert_eq!(header(&request, "x-request-reason"), Some("audit"));
    assert_eq!(
        header(&request, "x-trace"),
        Some("second"),
        "the later one replaces"
    );
    assert_eq!(
        header(&request, "x-goog-user-project"),
        Some("billing-project")
    );
    assert_eq!(header(&request, "authorization"), Some("Bearer test-token"));
    assert!(header(&request, "x-goog-api-client")
        .unwrap()
        .contains("gdcl/"));
    assert!(header(&request, "user-agent")
        .unwrap()
        .starts_with("earthengine/"));
}

#[tokio::test]
async fn a_call_without_options_sends_no_quota_project_or_extra_header() {
    let server = server_with_operation();
    get(&client(&server), CallOptions::new()).await.unwrap();
    let request = only_request(&server);
    let names: Vec<&str> = request.headers.keys().map(String::as_str).collect();
    assert!(!names.contains(&"x-goog-user-project"), "{names:?}");
    assert!(
        names.iter().all(|name| OWNED_HEADERS.contains(name)
            || ["accept", "connection", "accept-encoding"].contains(name)),
        "{names:?}"
    );
}

#[tokio::test]
async fn client_defaults_arrive_and_a_calls_values_replace_them() {
    let server = server_with_operation();
    let defaults = CallOptions::new()
        .with_header("x-team", "client-team")
        .with_header("x-client-only", "1")
        .with_quota_project("client-project")
        .with_user_agent_prefix("client-app/1.0");
    let client = builder(&server).default_options(defaults).build();
    let operations = client.projects().operations();

    operations.get(OPERATION).send().await.unwrap();
    let call = CallOptions::new()
        .with_header("X-Team", "call-team")
        .with_header("x-call-only", "2")
        .with_quota_project("call-project")
        .with_user_agent_prefix("call-app/2.0");
    operations
        .get(OPERATION)
        .with_options(call)
        .send()
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let (defaults, overridden) = (&requests[0], &requests[1]);
    assert_eq!(header(defaults, "x-team"), Some("client-team"));
    assert_eq!(header(defaults, "x-client-only"), Some("1"));
    assert_eq!(header(defaults, "x-call-only"), None);
    assert_eq!(
        header(defaults, "x-goog-user-project"),
        Some("client-project")
    );
    assert_eq!(
        header(defaults, "user-agent"),
        Some(format!("client-app/1.0 {}", crate_user_agent()).as_str())
    );

    assert_eq!(header(overridden, "x-team"), Some("call-team"), "not both");
    assert_eq!(header(overridden, "x-client-only"), Some("1"), "merged");
    assert_eq!(header(overridden, "x-call-only"), Some("2"));
    assert_eq!(
        header(overridden, "x-goog-user-project"),
        Some("call-project")
    );
    assert_eq!(
        header(overridden, "user-agent"),
        Some(format!("call-app/2.0 {}", crate_user_agent()).as_str())
    );
    for request in &requests {
        assert!(header(request, "x-goog-api-client")
            .unwrap()
            .contains("gdcl/"));
        assert_eq!(header(request, "authorization"), Some("Bearer test-token"));
    }
}

/// `earthengine/<version>`, the version as the generated `Cargo.toml` says.
fn crate_user_agent() -> String {
    let manifest = include_str!("../../generated/Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = "))
        .expect("a version line");
    format!("earthengine/{}", version.trim_matches('"'))
}

#[tokio::test]
async fn a_user_agent_prefix_goes_before_the_crates_own() {
    let server = server_with_operation();
    get(
        &client(&server),
        CallOptions::new().with_user_agent_prefix("my-app/1.2"),
    )
    .await
    .unwrap();
    let request = only_request(&server);
    let user_agent = header(&request, "user-agent").unwrap();
    assert!(
        user_agent.starts_with("my-app/1.2 earthengine/"),
        "{user_agent}"
    );
    assert_eq!(user_agent, format!("my-app/1.2 {}", crate_user_agent()));
    assert!(header(&request, "x-goog-api-client")
        .unwrap()
        .contains("gdcl/"));
}

#[tokio::test]
async fn an_owned_header_fails_the_call_before_anything_is_sent() {
    let server = server_with_operation();
    let client = client(&server);
    let cases = [
        ("authorization", "authorization"),
        ("Authorization", "authorization"),
        ("CONTENT-TYPE", "content-type"),
        ("Content-Length", "content-length"),
        ("X-Goog-Api-Client", "x-goog-api-client"),
        ("x-goog-user-project", "x-goog-user-project"),
        ("User-Agent", "user-agent"),
        ("Host", "host"),
    ];
    for (name, lower) in cases {
        let error = get(&client, CallOptions::new().with_header(name, "sneaky"))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidHeader, "{name}: {error:?}");
        assert_eq!(error.header_name(), Some(lower));
        assert_eq!(
            error.header_reason(),
            Some(InvalidHeaderReason::SetByClient)
        );
        assert_eq!(error.code(), None);
        assert!(!error.is_transient());
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[tokio::test]
async fn an_owned_header_in_the_clients_defaults_fails_every_call() {
    let server = server_with_operation();
    let defaults = CallOptions::new().with_header("Content-Type", "text/plain");
    let client = builder(&server).default_options(defaults).build();
    let error = client
        .projects()
        .operations()
        .cancel(OPERATION)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidHeader, "{error:?}");
    assert_eq!(error.header_name(), Some("content-type"));
    assert_eq!(
        error.header_reason(),
        Some(InvalidHeaderReason::SetByClient)
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn an_invalid_header_name_or_value_fails_before_anything_is_sent() {
    let server = server_with_operation();
    let client = client(&server);
    let cases = [
        (
            CallOptions::new().with_header("bad header", "x"),
            "bad header",
            InvalidHeaderReason::InvalidName,
        ),
        (
            CallOptions::new().with_header("x-ok", "line\nbreak"),
            "x-ok",
            InvalidHeaderReason::InvalidValue,
        ),
        (
            CallOptions::new().with_quota_project("a\r\nb"),
            "x-goog-user-project",
            InvalidHeaderReason::InvalidValue,
        ),
        (
            CallOptions::new().with_user_agent_prefix("app\n1"),
            "user-agent",
            InvalidHeaderReason::InvalidUserAgentPrefix,
        ),
    ];
    for (options, name, reason) in cases {
        let error = get(&client, options).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidHeader, "{error:?}");
        assert_eq!(error.header_name(), Some(name), "{error:?}");
        assert_eq!(error.header_reason(), Some(reason), "{error:?}");
    }
    assert!(server.requests().is_empty());
}

/// How long the server takes in the timeout tests: far longer than the
/// call's timeout, far shorter than the client's.
const SLOW: Duration = Duration::from_millis(1000);

#[tokio::test]
async fn a_calls_attempt_timeout_wins_over_the_clients() {
    let server = server_with_operation();
    let client = client(&server);
    server.fail_next([Fault::Slow(SLOW)]);
    let started = Instant::now();
    let error = get(
        &client,
        CallOptions::new().with_attempt_timeout(Some(Duration::from_millis(200))),
    )
    .await
    .unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
    assert_eq!(error.code(), Some(Code::DeadlineExceeded));
    assert!(elapsed < SLOW / 2, "{elapsed:?}");
    assert_eq!(server.requests().len(), 1, "a timeout is not retried");

    server.fail_next([Fault::Slow(SLOW)]);
    let started = Instant::now();
    let operation = get(&client, CallOptions::new()).await;
    assert!(operation.is_ok(), "{operation:?}");
    assert!(started.elapsed() >= SLOW, "waited for the slow answer");
}

#[tokio::test]
async fn a_call_can_lift_the_clients_timeout() {
    let server = server_with_operation();
    let client = builder(&server)
        .timeout(Some(Duration::from_millis(100)))
        .build();
    server.fail_next([Fault::Slow(Duration::from_millis(300))]);
    let operation = get(&client, CallOptions::new().with_attempt_timeout(None)).await;
    assert!(operation.is_ok(), "{operation:?}");

    server.fail_next([Fault::Slow(Duration::from_millis(300))]);
    let error = get(&client, CallOptions::new()).await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn a_calls_no_retry_wins_over_the_clients_retries() {
    let server = server_with_operation();
    let client = client(&server);
    server.fail_next([Fault::Status(503)]);
    let error = get(&client, CallOptions::new().with_retry_policy(NoRetry))
        .await
        .unwrap_err();
    assert_eq!(error.http_status_code(), Some(503));
    assert_eq!(server.requests().len(), 1);

    // The client's own policy still retries.
    server.fail_next([Fault::Status(503)]);
    get(&client, CallOptions::new()).await.unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_calls_retries_win_over_the_clients_no_retry() {
    let server = server_with_operation();
    let client = builder(&server).retry_policy(NoRetry).build();
    server.fail_next([Fault::Status(503)]);
    let error = get(&client, CallOptions::new()).await.unwrap_err();
    assert_eq!(error.http_status_code(), Some(503));
    assert_eq!(server.requests().len(), 1, "the client does not retry");

    server.fail_next([Fault::Status(503), Fault::Status(502)]);
    let operation = get(
        &client,
        CallOptions::new().with_retry_policy(fast::retries(3)),
    )
    .await
    .unwrap();
    assert_eq!(operation.done, Some(true));
    assert_eq!(server.requests().len(), 4, "1, then 3 attempts");
}

#[test]
fn every_operations_method_is_idempotent_by_its_descriptor() {
    use api::projects::operations::*;
    use earthengine::runtime::Method;
    let descriptors = [
        ProjectsOperationsCancelRequest::DESCRIPTOR,
        ProjectsOperationsDeleteRequest::DESCRIPTOR,
        ProjectsOperationsGetRequest::DESCRIPTOR,
        ProjectsOperationsListRequest::DESCRIPTOR,
        ProjectsOperationsWaitRequest::DESCRIPTOR,
    ];
    for descriptor in descriptors {
        assert!(descriptor.idempotent, "{}", descriptor.id);
    }
}

#[tokio::test]
async fn a_call_made_not_idempotent_is_not_retried() {
    let server = server_with_operation();
    let client = client(&server);
    // `cancel` is idempotent by its descriptor, so it is retried by default.
    server.fail_next([Fault::Status(503)]);
    client
        .projects()
        .operations()
        .cancel(OPERATION)
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);

    server.fail_next([Fault::Status(503)]);
    let error = client
        .projects()
        .operations()
        .cancel(OPERATION)
        .with_options(CallOptions::new().with_idempotent(false))
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.http_status_code(), Some(503));
    assert!(error.is_transient(), "transient, but not safe to repeat");
    assert_eq!(server.requests().len(), 3, "one more request, not retried");
}

#[tokio::test]
async fn idempotency_from_the_client_and_overridden_by_the_call() {
    let server = server_with_operation();
    let defaults = CallOptions::new()
        .with_idempotent(false)
        .with_retry_policy(fast::retries(3));
    let client = builder(&server).default_options(defaults).build();
    server.fail_next([Fault::Status(503)]);
    let error = get(&client, CallOptions::new()).await.unwrap_err();
    assert_eq!(error.http_status_code(), Some(503));
    assert_eq!(server.requests().len(), 1);

    server.fail_next([Fault::Status(503)]);
    get(&client, CallOptions::new().with_idempotent(true))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn every_poll_carries_the_options_quota_project_and_headers() {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 3);
    let client = client(&server);
    let options = CallOptions::new()
        .with_poll_policy(fast::polling())
        .with_quota_project("poll-project")
        .with_header("x-poll", "yes");
    let operation = client
        .projects()
        .operations()
        .poll_until_done(OPERATION, options)
        .await
        .unwrap();
    assert_eq!(operation.done, Some(true));
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "done after three polls");
    for request in &requests {
        assert!(request.path.ends_with(":wait"), "{}", request.path);
        assert_eq!(header(request, "x-goog-user-project"), Some("poll-project"));
        assert_eq!(header(request, "x-poll"), Some("yes"));
    }
}

#[tokio::test]
async fn cancel_and_wait_sends_the_cancel_and_every_poll_with_the_options() {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 5);
    let client = client(&server);
    let options = CallOptions::new()
        .with_poll_policy(fast::polling())
        .with_quota_project("cancel-project");
    let error = client
        .projects()
        .operations()
        .cancel_and_wait(OPERATION, options)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(Code::Cancelled));
    let requests = server.requests();
    assert!(requests.len() >= 2, "{requests:?}");
    assert!(requests[0].path.ends_with(":cancel"));
    for request in &requests {
        assert_eq!(
            header(request, "x-goog-user-project"),
            Some("cancel-project")
        );
    }
}

#[tokio::test]
async fn the_clients_poll_policy_applies_when_the_call_sets_none() {
    let server = FakeServer::start();
    server.add_operation("projects/p/operations/slow", 1000);
    let tiny = PollPolicy {
        deadline: Duration::from_millis(30),
        ..fast::polling()
    };
    let client = builder(&server)
        .default_options(CallOptions::new().with_poll_policy(tiny))
        .build();
    let started = Instant::now();
    let error = client
        .projects()
        .operations()
        .poll_until_done("projects/p/operations/slow", CallOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Deadline, "{error:?}");
    assert!(error.is_timeout());
    assert_eq!(error.code(), Some(Code::DeadlineExceeded));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(!server.requests().is_empty());
}

#[tokio::test]
async fn a_calls_poll_policy_wins_over_the_clients() {
    let server = FakeServer::start();
    server.add_operation(OPERATION, 3);
    let tiny = PollPolicy {
        deadline: Duration::ZERO,
        ..fast::polling()
    };
    let client = builder(&server)
        .default_options(CallOptions::new().with_poll_policy(tiny))
        .build();
    let operation = client
        .projects()
        .operations()
        .poll_until_done(
            OPERATION,
            CallOptions::new().with_poll_policy(fast::polling()),
        )
        .await
        .unwrap();
    assert_eq!(operation.done, Some(true));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn every_page_request_carries_the_calls_headers() {
    let server = FakeServer::start();
    for id in ["a", "b", "c", "d", "e"] {
        server.add_operation(&format!("projects/p/operations/{id}"), 0);
    }
    let client = client(&server);
    let options = CallOptions::new()
        .with_header("x-page", "all")
        .with_quota_project("list-project");
    let mut items = client
        .projects()
        .operations()
        .list("projects/p")
        .map(|r| r.with_page_size(2))
        .with_options(options)
        .items();
    let mut count = 0;
    while let Some(item) = items.next().await {
        item.unwrap();
        count += 1;
    }
    assert_eq!(count, 5);
    let requests = server.requests();
    let queries: Vec<Option<&str>> = requests.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(
        queries,
        [
            Some("pageSize=2"),
            Some("pageSize=2&pageToken=2"),
            Some("pageSize=2&pageToken=4")
        ]
    );
    for request in &requests {
        assert_eq!(header(request, "x-page"), Some("all"));
        assert_eq!(header(request, "x-goog-user-project"), Some("list-project"));
    }
}

#[tokio::test]
async fn a_page_request_is_retried_with_the_calls_retry_policy() {
    let server = FakeServer::start();
    for id in ["a", "b", "c"] {
        server.add_operation(&format!("projects/p/operations/{id}"), 0);
    }
    let client = builder(&server).retry_policy(NoRetry).build();
    let mut pages = client
        .projects()
        .operations()
        .list("projects/p")
        .map(|r| r.with_page_size(2))
        .with_options(CallOptions::new().with_retry_policy(fast::retries(3)))
        .pages();
    assert!(pages.next().await.unwrap().is_ok());
    server.fail_next([Fault::Status(503)]);
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.operations.unwrap_or_default().len(), 1);
    assert!(pages.next().await.is_none());
    let queries: Vec<Option<String>> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(queries.len(), 3, "{queries:?}");
    assert_eq!(queries[1], queries[2], "the same page again");
}
