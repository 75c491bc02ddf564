//! The generated client against a fake Earth Engine operations API on
//! 127.0.0.1, for every API version: what reaches the server and what the
//! caller gets.

mod fake_server;

use std::time::Duration;

use earthengine::runtime::{
    CallOptions, Code, ErrorKind, InvalidReason, NoRetry, PollPolicy, StaticToken,
};
use fake_server::{fast, FakeServer, Fault};

const TOKEN: &str = "test-token";

macro_rules! version_tests {
    ($($version:ident),*) => {$(
        mod $version {
            use super::*;
            use earthengine::$version as api;
            use earthengine::runtime::Method;

            const VERSION: &str = stringify!($version);

            fn client(server: &FakeServer) -> api::Client {
                api::Client::builder()
                    .base_url(server.base_url())
                    .token_source(StaticToken(TOKEN.to_owned()))
                    .retry_policy(fast::retries(3))
                    .timeout(Some(Duration::from_secs(5)))
                    .build()
            }

            #[test]
            fn debug_of_clients_builders_and_calls_shows_no_credentials() {
                let builder = api::Client::builder().token_source(StaticToken(TOKEN.to_owned()));
                let builder_debug = format!("{builder:?}");
                let client = builder.build();
                let standard = api::StandardParameters::default()
                    .with_key("AIza-key-value")
                    .with_access_token("ya29-access-value");
                let call = client
                    .projects()
                    .operations()
                    .get("projects/p/operations/o")
                    .map(|request| request.with_standard(standard));
                let mut query = earthengine::runtime::Query::default();
                call.write_query(&mut query);
                for debug in [builder_debug, format!("{client:?}"), format!("{call:?}"), format!("{query:?}")] {
                    for secret in [TOKEN, "AIza-key-value", "ya29-access-value"] {
                        assert!(!debug.contains(secret), "{debug}");
                    }
                }
                assert!(format!("{call:?}").contains("<redacted>"));
                assert!(format!("{query:?}").contains(r#""key": "<redacted>""#), "{query:?}");
            }

            #[tokio::test]
            async fn cancel_sends_post_with_auth_headers_and_empty_body() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op1", 5);
                let client = client(&server);
                let operations = client.projects().operations();
                let empty = operations.cancel("projects/p/operations/op1").send().await.unwrap();
                assert_eq!(empty, api::model::Empty::default());

                let requests = server.requests();
                assert_eq!(requests.len(), 1);
                let request = &requests[0];
                assert_eq!(request.method, "POST");
                assert_eq!(request.path, format!("/{VERSION}/projects/p/operations/op1:cancel"));
                assert_eq!(request.query, None);
                assert_eq!(request.body, "{}");
                assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
                assert_eq!(request.headers["content-type"], "application/json");
                assert!(request.headers["user-agent"].starts_with("earthengine/"));
                assert!(request.headers["x-goog-api-client"].contains("gdcl/"));
            }

            #[tokio::test]
            async fn cancel_and_wait_ends_cancelled() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op1", 5);
                let client = client(&server);
                let error = client
                    .projects()
                    .operations()
                    .cancel_and_wait("projects/p/operations/op1", CallOptions::new().with_poll_policy(fast::polling()))
                    .await
                    .unwrap_err();
                assert_eq!(error.kind(), ErrorKind::OperationFailed, "{error:?}");
                let status = error.status().expect("the operation's status");
                assert_eq!(status.code, Some(1));
                assert_eq!(status.canonical_code(), Code::Cancelled);
                let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
                assert_eq!(
                    paths,
                    [
                        format!("/{VERSION}/projects/p/operations/op1:cancel"),
                        format!("/{VERSION}/projects/p/operations/op1:wait"),
                    ]
                );
            }

            #[tokio::test]
            async fn poll_until_done_waits_with_a_timeout() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op2", 3);
                let client = client(&server);
                let operation = client
                    .projects()
                    .operations()
                    .poll_until_done("projects/p/operations/op2", CallOptions::new().with_poll_policy(fast::polling()))
                    .await
                    .unwrap();
                assert_eq!(operation.done, Some(true));
                assert_eq!(
                    operation.response.unwrap()["@type"],
                    "type.googleapis.com/google.protobuf.Empty"
                );
                let requests = server.requests();
                assert_eq!(requests.len(), 3, "done after three polls");
                for request in &requests {
                    assert_eq!(request.method, "POST");
                    assert_eq!(request.path, format!("/{VERSION}/projects/p/operations/op2:wait"));
                    assert_eq!(request.body, r#"{"timeout":"1.5s"}"#);
                }
            }

            #[tokio::test]
            async fn polling_stops_at_the_deadline() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/slow", 1000);
                let client = client(&server);
                let policy = PollPolicy { deadline: Duration::from_millis(30), ..fast::polling() };
                let error = client
                    .projects()
                    .operations()
                    .poll_until_done("projects/p/operations/slow", CallOptions::new().with_poll_policy(policy))
                    .await
                    .unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Deadline, "{error:?}");
            }

            #[tokio::test]
            async fn list_pages_and_items_follow_next_page_token() {
                let server = FakeServer::start();
                for id in ["a", "b", "c", "d", "e"] {
                    server.add_operation(&format!("projects/p/operations/{id}"), 0);
                }
                server.add_operation("projects/other/operations/z", 0);
                let client = client(&server);
                let operations = client.projects().operations();

                let mut items = operations.list("projects/p").map(|r| r.with_page_size(2)).items();
                let mut names = Vec::new();
                while let Some(item) = items.next().await {
                    names.push(item.unwrap().name.unwrap());
                }
                let expected: Vec<String> =
                    ["a", "b", "c", "d", "e"].iter().map(|id| format!("projects/p/operations/{id}")).collect();
                assert_eq!(names, expected);

                let mut pages = operations.list("projects/p").map(|r| r.with_page_size(2)).pages();
                let mut sizes = Vec::new();
                while let Some(page) = pages.next().await {
                    sizes.push(page.unwrap().operations.unwrap_or_default().len());
                }
                assert_eq!(sizes, [2, 2, 1]);

                let queries: Vec<Option<String>> =
                    server.requests().into_iter().map(|r| r.query).collect();
                let pages_queries = [
                    Some("pageSize=2".to_owned()),
                    Some("pageSize=2&pageToken=2".to_owned()),
                    Some("pageSize=2&pageToken=4".to_owned()),
                ];
                assert_eq!(queries[..3], pages_queries);
                assert_eq!(queries[3..], pages_queries);
                assert!(server.requests().iter().all(|r| r.method == "GET"
                    && r.path == format!("/{VERSION}/projects/p/operations")));
            }

            #[tokio::test]
            async fn delete_then_get_is_not_found_with_the_envelope() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/gone", 0);
                let client = client(&server);
                let operations = client.projects().operations();
                operations.delete("projects/p/operations/gone").send().await.unwrap();
                let error = operations.get("projects/p/operations/gone").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Service, "{error:?}");
                let error = error.service_error().expect("the service error");
                assert_eq!(error.http_status, 404);
                assert_eq!(error.code(), Code::NotFound);
                let status = error.status.as_ref().unwrap();
                assert_eq!(status.message_text(), "Operation projects/p/operations/gone not found.");
                assert_eq!(status.code, Some(Code::NotFound as i32), "the canonical code, not 404");
                assert_eq!(status.details.as_ref().unwrap()[0]["reason"], "FAKE");
                let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
                assert_eq!(methods, ["DELETE", "GET"], "a 404 is not retried");
            }

            #[tokio::test]
            async fn unavailable_then_success_is_retried() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op", 0);
                server.fail_next([Fault::Status(503), Fault::Status(502)]);
                let client = client(&server);
                let operation = client.projects().operations().get("projects/p/operations/op").send().await.unwrap();
                assert_eq!(operation.done, Some(true));
                assert_eq!(server.requests().len(), 3);
            }

            #[tokio::test]
            async fn too_many_requests_honours_retry_after() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op", 0);
                server.fail_next([Fault::TooManyRequests { retry_after_seconds: 1 }]);
                let client = client(&server);
                let started = std::time::Instant::now();
                client.projects().operations().get("projects/p/operations/op").send().await.unwrap();
                assert!(started.elapsed() >= Duration::from_secs(1), "waited as asked");
                assert_eq!(server.requests().len(), 2);
            }

            #[tokio::test]
            async fn retries_are_bounded_by_attempts() {
                let server = FakeServer::start();
                server.fail_next([Fault::Status(503), Fault::Status(503), Fault::Status(503), Fault::Status(503)]);
                let client = client(&server);
                let error = client.projects().operations().get("projects/p/operations/op").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Service, "{error:?}");
                let error = error.service_error().expect("the service error");
                assert_eq!(error.code(), Code::Unavailable);
                assert_eq!(server.requests().len(), 3, "max_attempts");
            }

            #[tokio::test]
            async fn a_body_that_is_not_json_keeps_status_and_text() {
                let server = FakeServer::start();
                server.fail_next([Fault::NotJson]);
                let client = api::Client::builder()
                    .base_url(server.base_url())
                    .retry_policy(NoRetry)
                    .build();
                let error = client.projects().operations().get("projects/p/operations/op").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Service, "{error:?}");
                let error = error.service_error().expect("the service error");
                assert_eq!(error.http_status, 500);
                assert_eq!(error.status, None);
                assert_eq!(error.body, "<html>upstream connect error</html>");
                assert_eq!(error.code(), Code::Internal);
                assert!(!server.requests()[0].headers.contains_key("authorization"), "no token source");
            }

            #[tokio::test]
            async fn a_connection_closed_mid_body_is_a_transport_error_and_retried() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op", 0);
                server.fail_next([Fault::CloseMidBody]);
                let client = client(&server);
                let operation = client.projects().operations().get("projects/p/operations/op").send().await;
                assert!(operation.is_ok(), "{operation:?}");
                assert_eq!(server.requests().len(), 2);

                server.fail_next([Fault::CloseMidBody]);
                let no_retry = api::Client::builder().base_url(server.base_url()).retry_policy(NoRetry).build();
                let error = no_retry.projects().operations().get("projects/p/operations/op").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
                assert!(std::error::Error::source(&error).is_some(), "{error:?}");
            }

            #[tokio::test]
            async fn a_body_shorter_than_its_content_length_is_reported_as_cut_short() {
                use std::error::Error as _;
                let server = FakeServer::start();
                // Announces 100 bytes, sends 8 and closes the connection.
                server.fail_next([Fault::CloseMidBody]);
                let no_retry = api::Client::builder().base_url(server.base_url()).retry_policy(NoRetry).build();
                let error = no_retry.projects().operations().get("projects/p/operations/op").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
                assert!(error.is_transient(), "{error:?}");
                let message = error.to_string();
                assert!(message.contains("response body was cut short"), "{message}");
                assert!(!message.contains("decod"), "{message}");
                // The chain goes on to reqwest's own error.
                let cut_short = error.source().expect("the cut-short body");
                assert_eq!(cut_short.to_string(), "the response body was cut short and could not be read completely");
                let reqwest = cut_short.source().expect("reqwest's error");
                assert!(reqwest.to_string().contains("response body"), "{reqwest}");
                assert_eq!(server.requests().len(), 1);
            }

            #[tokio::test]
            async fn a_slow_response_times_out() {
                let server = FakeServer::start();
                server.add_operation("projects/p/operations/op", 0);
                server.fail_next([Fault::Slow(Duration::from_millis(800))]);
                let client = api::Client::builder()
                    .base_url(server.base_url())
                    .timeout(Some(Duration::from_millis(100)))
                    .build();
                let error = client.projects().operations().get("projects/p/operations/op").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
                assert!(std::error::Error::source(&error).is_none(), "{error:?}");
            }

            #[tokio::test]
            async fn an_invalid_name_sends_nothing() {
                let server = FakeServer::start();
                let client = client(&server);
                let error = client.projects().operations().get("projects/p").send().await.unwrap_err();
                assert_eq!(error.kind(), ErrorKind::InvalidParameter, "{error:?}");
                assert_eq!(error.parameter_name(), Some("name"));
                assert_eq!(error.parameter_value(), Some("projects/p"));
                assert!(matches!(error.invalid_reason(), Some(InvalidReason::Pattern(_))), "{error:?}");
                assert!(server.requests().is_empty());
            }

            #[test]
            fn idempotency_of_each_method() {
                use api::projects::operations::*;
                assert!(ProjectsOperationsCancelRequest::DESCRIPTOR.idempotent && ProjectsOperationsWaitRequest::DESCRIPTOR.idempotent);
                assert!(ProjectsOperationsGetRequest::DESCRIPTOR.idempotent && ProjectsOperationsListRequest::DESCRIPTOR.idempotent && ProjectsOperationsDeleteRequest::DESCRIPTOR.idempotent);
            }
        }
    )*};
}

version_tests!(v1, v1alpha, v1beta);

/// A mock of the operations stub, with no server at all.
mod mock {
    use std::sync::atomic::{AtomicU32, Ordering};

    use earthengine::runtime::{CallOptions, Code, Error, ErrorKind, PollPolicy, Status};
    use earthengine::v1;
    use earthengine::v1::projects::operations::{
        ProjectsOperations as Resource, ProjectsOperationsGetRequest,
        ProjectsOperationsStub as Stub,
    };

    #[derive(Default)]
    struct Mock {
        gets: AtomicU32,
    }

    impl Stub for Mock {
        async fn get(
            &self,
            request: ProjectsOperationsGetRequest,
            options: CallOptions,
        ) -> Result<v1::model::Operation, Error> {
            let count = self.gets.fetch_add(1, Ordering::SeqCst) + 1;
            // The operation's name says which quota project the call named.
            let name = match options.quota_project() {
                Some(project) => format!("{} for {project}", request.name),
                None => request.name,
            };
            Ok(v1::model::Operation::default()
                .with_name(name)
                .with_done(count == 2))
        }
    }

    #[tokio::test]
    async fn a_mocked_stub_serves_calls_and_polling() {
        let mock = Mock::default();
        let operations = Resource::new(&mock);
        let operation = operations
            .get("projects/p/operations/x")
            .send()
            .await
            .unwrap();
        assert_eq!(operation.name.as_deref(), Some("projects/p/operations/x"));
        assert_eq!(operation.done, Some(false));
        let operation = operations
            .get("projects/p/operations/x")
            .with_options(CallOptions::new().with_quota_project("billing"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            operation.name.as_deref(),
            Some("projects/p/operations/x for billing")
        );

        let policy = PollPolicy {
            initial_delay: std::time::Duration::from_millis(1),
            ..PollPolicy::default()
        };
        // This mock has no `wait`: polling uses `wait`, which is unimplemented.
        let error = operations
            .poll_until_done(
                "projects/p/operations/x",
                CallOptions::new().with_poll_policy(policy),
            )
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unimplemented, "{error:?}");
        assert_eq!(
            error.unimplemented_method(),
            Some("earthengine.projects.operations.wait")
        );
        let error = operations
            .delete("projects/p/operations/x")
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "earthengine.projects.operations.delete is not implemented by this stub"
        );
    }

    /// A mock that fails the way a service or a network does, with the
    /// public constructors of `Error`.
    struct Failing;

    impl Stub for Failing {
        async fn get(
            &self,
            request: ProjectsOperationsGetRequest,
            _: CallOptions,
        ) -> Result<v1::model::Operation, Error> {
            Err(match request.name.as_str() {
                "projects/p/operations/gone" => Error::service_status(
                    404,
                    Status::default()
                        .with_code(Code::NotFound as i32)
                        .with_message("no such operation"),
                ),
                "projects/p/operations/reset" => {
                    Error::transport(std::io::Error::from(std::io::ErrorKind::ConnectionReset))
                }
                _ => Error::timeout(),
            })
        }
    }

    #[tokio::test]
    async fn a_mock_returns_the_errors_a_service_would() {
        use std::error::Error as _;
        let operations = Resource::new(&Failing);
        let get = |name: &'static str| operations.get(name).send();

        let error = get("projects/p/operations/gone").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Service, "{error:?}");
        assert!(error.is_not_found());
        assert_eq!(error.http_status_code(), Some(404));
        assert_eq!(
            error.status().map(Status::message_text),
            Some("no such operation")
        );
        assert_eq!(
            error.to_string(),
            "the service answered HTTP 404 (NOT_FOUND): no such operation"
        );

        let error = get("projects/p/operations/reset").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
        let io = error
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>());
        assert_eq!(
            io.map(std::io::Error::kind),
            Some(std::io::ErrorKind::ConnectionReset)
        );

        let error = get("projects/p/operations/slow").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
        assert_eq!(error.code(), Some(Code::DeadlineExceeded));
    }
}

/// Edge cases of the runtime's policies, found in review.
mod policies {
    use std::time::{Duration, Instant};

    use earthengine::runtime::__private::status_of;
    use earthengine::runtime::{
        CallOptions, Code, ErrorKind, ExponentialBackoff, PollPolicy, RetryPolicy, StaticToken,
    };
    use earthengine::v1;
    use serde_json::json;

    use super::fake_server::{FakeServer, Fault};

    #[test]
    fn backoff_never_overflows() {
        let policy = ExponentialBackoff {
            max_attempts: u32::MAX,
            max_elapsed: Duration::from_secs(3600),
            ..ExponentialBackoff::default()
        };
        for attempt in [1, 68, 69, 1000, u32::MAX - 1] {
            let delay = policy.delay(attempt, Duration::ZERO, None).unwrap();
            assert!(delay <= policy.max_delay, "{attempt}: {delay:?}");
        }
        let huge = Some(Duration::from_secs(u64::MAX));
        assert_eq!(policy.delay(1, Duration::from_secs(2), huge), None);
        let broken = ExponentialBackoff {
            multiplier: f64::NAN,
            ..ExponentialBackoff::default()
        };
        assert!(broken.delay(3, Duration::ZERO, None).unwrap() <= broken.max_delay);
    }

    #[tokio::test]
    async fn a_huge_retry_after_gives_up_instead_of_waiting() {
        let server = FakeServer::start();
        server.fail_next([Fault::TooManyRequests {
            retry_after_seconds: u64::MAX,
        }]);
        let client = v1::Client::builder()
            .base_url(server.base_url())
            .token_source(StaticToken("t".into()))
            .build();
        let started = Instant::now();
        let error = client
            .projects()
            .operations()
            .get("projects/p/operations/op")
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Service, "{error:?}");
        let error = error.service_error().expect("the service error");
        assert_eq!(error.code(), Code::ResourceExhausted);
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(server.requests().len(), 1);
    }

    #[test]
    fn an_error_that_is_not_a_status_is_still_an_error() {
        let status = status_of(&json!({"code": "RESOURCE_EXHAUSTED"}));
        assert_eq!(status.canonical_code(), Code::Unknown);
        assert!(status.message_text().contains("RESOURCE_EXHAUSTED"));
        let status = status_of(&json!({"code": 5, "message": "gone"}));
        assert_eq!(
            (status.canonical_code(), status.message_text()),
            (Code::NotFound, "gone")
        );
    }

    #[tokio::test]
    async fn polling_gives_up_at_the_deadline_even_inside_a_slow_wait() {
        let server = FakeServer::start();
        server.add_operation("projects/p/operations/op", 100);
        server.fail_next([Fault::Slow(Duration::from_secs(3))]);
        let client = v1::Client::builder().base_url(server.base_url()).build();
        let policy = PollPolicy {
            deadline: Duration::from_millis(300),
            ..PollPolicy::default()
        };
        let started = Instant::now();
        let error = client
            .projects()
            .operations()
            .poll_until_done(
                "projects/p/operations/op",
                CallOptions::new().with_poll_policy(policy),
            )
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Deadline, "{error:?}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        let wait: serde_json::Value = serde_json::from_str(&server.requests()[0].body).unwrap();
        let timeout = wait["timeout"].as_str().unwrap().strip_suffix('s').unwrap();
        let timeout: f64 = timeout.parse().unwrap();
        assert!(
            timeout > 0.2 && timeout <= 0.3,
            "bounded by the time left: {timeout}"
        );
    }
}

/// A list whose service repeats its page token.
mod repeated_page_token {
    use earthengine::runtime::{CallOptions, Error, ErrorKind};
    use earthengine::v1;
    use earthengine::v1::projects::operations::{
        ProjectsOperations as Resource, ProjectsOperationsListRequest,
        ProjectsOperationsStub as Stub,
    };

    struct Stuck;

    impl Stub for Stuck {
        async fn list(
            &self,
            _: ProjectsOperationsListRequest,
            _: CallOptions,
        ) -> Result<v1::model::ListOperationsResponse, Error> {
            Ok(v1::model::ListOperationsResponse::default()
                .with_next_page_token("same")
                .with_operations(vec![v1::model::Operation::default()]))
        }
    }

    #[tokio::test]
    async fn ends_with_an_error_instead_of_paging_forever() {
        let mut pages = Resource::new(&Stuck).list("projects/p").pages();
        assert!(pages.next().await.unwrap().is_ok(), "first page");
        assert!(
            pages.next().await.unwrap().is_ok(),
            "second page, sent with 'same'"
        );
        let error = pages.next().await.unwrap().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::RepeatedPageToken, "{error:?}");
        assert_eq!(error.repeated_page_token(), Some("same"));
        assert!(pages.next().await.is_none());
    }
}
