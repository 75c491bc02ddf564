//! What the HTTP client reports through `tracing` (the generated crate's
//! feature `tracing`), captured by a small subscriber: a span per call with
//! the method and its path template, an event per attempt, one per retry,
//! and never a credential, a resource name or a body.

mod fake_server;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use earthengine::runtime::{CallOptions, NoRetry, StaticToken};
use earthengine::v1 as api;
use fake_server::{fast, FakeServer, Fault};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

const TOKEN: &str = "ya29.token-secret";
const KEY: &str = "AIza-key-secret";
const NAME: &str = "projects/secret-project/operations/secret-op";

/// A span or an event as the subscriber saw it.
#[derive(Debug, Clone)]
struct Captured {
    is_span: bool,
    /// The span's name, or the event's message.
    name: String,
    level: Level,
    /// The module it came from, e.g. `earthengine::runtime::trace`.
    target: String,
    /// The span's own id, or the id of the span the event happened in.
    span: Option<u64>,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Field values as text: strings as they are, numbers in decimal.
struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
}

/// Records every span and event of the thread it is the default of.
#[derive(Default)]
struct Recorder {
    captured: Arc<Mutex<Vec<Captured>>>,
    next_id: AtomicU64,
    entered: Mutex<Vec<u64>>,
}

impl Subscriber for Recorder {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::always()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        self.captured.lock().unwrap().push(Captured {
            is_span: true,
            name: span.metadata().name().to_owned(),
            level: *span.metadata().level(),
            target: span.metadata().target().to_owned(),
            span: Some(id),
            fields,
        });
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut captured = self.captured.lock().unwrap();
        let span = captured
            .iter_mut()
            .find(|c| c.is_span && c.span == Some(span.into_u64()))
            .expect("a known span");
        values.record(&mut Fields(&mut span.fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let message = fields
            .iter()
            .position(|(name, _)| name == "message")
            .map(|at| fields.remove(at).1)
            .unwrap_or_default();
        let span = match event.parent() {
            Some(parent) => Some(parent.into_u64()),
            None if event.is_contextual() => self.entered.lock().unwrap().last().copied(),
            None => None,
        };
        self.captured.lock().unwrap().push(Captured {
            is_span: false,
            name: message,
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            span,
            fields,
        });
    }

    fn enter(&self, span: &Id) {
        self.entered.lock().unwrap().push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut entered = self.entered.lock().unwrap();
        let at = entered.iter().rposition(|id| *id == span.into_u64());
        entered.remove(at.expect("exits a span it entered"));
    }
}

/// Installs a [`Recorder`] for this thread; what it captured is in the
/// returned vector, as long as the guard lives.
fn record() -> (Arc<Mutex<Vec<Captured>>>, tracing::subscriber::DefaultGuard) {
    let recorder = Recorder::default();
    let captured = recorder.captured.clone();
    (captured, tracing::subscriber::set_default(recorder))
}

fn client(server: &FakeServer) -> api::Client {
    api::Client::builder()
        .base_url(server.base_url())
        .token_source(StaticToken(TOKEN.to_owned()))
        .retry_policy(fast::retries(3))
        .build()
}

fn spans(captured: &[Captured]) -> Vec<&Captured> {
    captured
        .iter()
        .filter(|c| c.is_span && c.name == "google_api_call")
        .collect()
}

fn events<'a>(captured: &'a [Captured], message: &str) -> Vec<&'a Captured> {
    captured
        .iter()
        .filter(|c| !c.is_span && c.name == message)
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn a_retried_call_has_one_span_two_attempts_and_a_retry() {
    let server = FakeServer::start();
    server.add_operation(NAME, 0);
    let response_secret = "response-body-secret";
    let envelope = format!(
        r#"{{"error":{{"code":503,"message":"{response_secret}","status":"UNAVAILABLE"}}}}"#
    );
    server.fail_next([Fault::Reply {
        status: 503,
        headers: vec![],
        body: envelope,
    }]);
    let client = client(&server);
    let mut body = api::model::WaitOperationRequest::default();
    body._unknown_fields
        .insert("note".to_owned(), "request-body-secret".into());

    let (captured, guard) = record();
    let operation = client
        .projects()
        .operations()
        .wait(NAME, body)
        .map(|r| r.with_standard(api::StandardParameters::default().with_key(KEY)))
        .with_options(
            CallOptions::new()
                .with_header("x-custom", "header-secret")
                .with_quota_project("quota-secret"),
        )
        .send()
        .await
        .unwrap();
    drop(guard);
    assert_eq!(operation.done, Some(true));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests[1].query.as_deref().unwrap().contains(KEY),
        "sent, but not traced"
    );
    assert!(requests[1].body.contains("request-body-secret"));
    let captured = captured.lock().unwrap().clone();

    let spans = spans(&captured);
    assert_eq!(spans.len(), 1, "{captured:#?}");
    let span = spans[0];
    assert_eq!(span.level, Level::INFO);
    assert_eq!(
        span.field("method"),
        Some("earthengine.projects.operations.wait")
    );
    assert_eq!(span.field("http.method"), Some("POST"));
    assert_eq!(span.field("path_template"), Some("v1/{+name}:wait"));

    let failed = events(&captured, "attempt failed");
    let succeeded = events(&captured, "attempt succeeded");
    let retrying = events(&captured, "retrying");
    assert_eq!(
        (failed.len(), succeeded.len(), retrying.len()),
        (1, 1, 1),
        "{captured:#?}"
    );
    assert!(events(&captured, "not retried").is_empty());

    let (failed, succeeded, retrying) = (failed[0], succeeded[0], retrying[0]);
    assert_eq!(failed.level, Level::DEBUG);
    assert_eq!(failed.field("attempt"), Some("1"));
    assert_eq!(failed.field("http.status"), Some("503"));
    assert_eq!(failed.field("error.kind"), Some("service"));
    assert!(failed.field("latency_ms").unwrap().parse::<u64>().is_ok());

    assert_eq!(retrying.level, Level::INFO);
    assert_eq!(retrying.field("attempt"), Some("1"));
    let delay: u64 = retrying.field("delay_ms").unwrap().parse().unwrap();
    assert!(delay <= 5, "at most the policy's max_delay: {delay}");
    assert_eq!(retrying.field("reason"), Some("HTTP 503 unavailable"));

    assert_eq!(succeeded.level, Level::DEBUG);
    assert_eq!(succeeded.field("attempt"), Some("2"));
    assert_eq!(succeeded.field("http.status"), Some("200"));
    assert!(succeeded
        .field("latency_ms")
        .unwrap()
        .parse::<u64>()
        .is_ok());

    // In order, and inside the call's span; the HTTP stack has events too.
    let order: Vec<&str> = captured
        .iter()
        .filter(|c| !c.is_span && c.target.starts_with("google_discovery_runtime::"))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(order, ["attempt failed", "retrying", "attempt succeeded"]);
    for event in [failed, retrying, succeeded] {
        assert_eq!(event.span, span.span, "{event:?}");
    }

    // Nothing captured, the HTTP stack's events included, shows a secret.
    let secrets = [
        TOKEN,
        KEY,
        NAME,
        "secret-project",
        "secret-op",
        "header-secret",
        "quota-secret",
        "request-body-secret",
        response_secret,
        "OperationMetadata",
    ];
    for captured in &captured {
        let text = format!("{captured:?}");
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn calls_that_are_not_retried_say_why() {
    let server = FakeServer::start();
    server.add_operation("projects/p/operations/op", 0);
    let client = client(&server);
    let operations = client.projects().operations();

    let (captured, guard) = record();
    // Not transient: a 404.
    operations
        .get("projects/p/operations/missing")
        .send()
        .await
        .unwrap_err();
    // Transient, but the call is not idempotent.
    server.fail_next([Fault::Status(503)]);
    operations
        .get("projects/p/operations/op")
        .with_options(CallOptions::new().with_idempotent(false))
        .send()
        .await
        .unwrap_err();
    // Transient and idempotent, but the policy does not retry.
    server.fail_next([Fault::Status(502)]);
    operations
        .get("projects/p/operations/op")
        .with_options(CallOptions::new().with_retry_policy(NoRetry))
        .send()
        .await
        .unwrap_err();
    drop(guard);
    let captured = captured.lock().unwrap().clone();

    assert_eq!(spans(&captured).len(), 3);
    assert!(events(&captured, "retrying").is_empty());
    let failed = events(&captured, "attempt failed");
    let statuses: Vec<Option<&str>> = failed.iter().map(|e| e.field("http.status")).collect();
    assert_eq!(statuses, [Some("404"), Some("503"), Some("502")]);
    let not_retried = events(&captured, "not retried");
    let reasons: Vec<Option<&str>> = not_retried.iter().map(|e| e.field("reason")).collect();
    assert_eq!(
        reasons,
        [
            Some("the error is not transient"),
            Some("the method is not idempotent"),
            Some("the retry policy gave up"),
        ]
    );
    for event in not_retried {
        assert_eq!(event.level, Level::DEBUG);
        assert_eq!(event.field("attempt"), Some("1"));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_timed_out_attempt_has_a_kind_and_no_http_status() {
    let server = FakeServer::start();
    server.add_operation("projects/p/operations/op", 0);
    server.fail_next([Fault::Slow(Duration::from_millis(500))]);
    let client = client(&server);

    let (captured, guard) = record();
    let error = client
        .projects()
        .operations()
        .get("projects/p/operations/op")
        .with_options(CallOptions::new().with_attempt_timeout(Some(Duration::from_millis(50))))
        .send()
        .await
        .unwrap_err();
    drop(guard);
    assert!(error.is_timeout(), "{error:?}");
    let captured = captured.lock().unwrap().clone();
    let failed = events(&captured, "attempt failed");
    assert_eq!(failed.len(), 1, "{captured:#?}");
    assert_eq!(failed[0].field("error.kind"), Some("timeout"));
    assert_eq!(failed[0].field("http.status"), None);
    assert_eq!(
        events(&captured, "not retried")[0].field("reason"),
        Some("the error is not transient")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_call_that_sends_nothing_has_no_attempt() {
    let server = FakeServer::start();
    let client = client(&server);

    let (captured, guard) = record();
    client
        .projects()
        .operations()
        .get("projects/p/operations/op")
        .with_options(CallOptions::new().with_header("authorization", "Bearer mine"))
        .send()
        .await
        .unwrap_err();
    drop(guard);
    assert!(server.requests().is_empty());
    let captured = captured.lock().unwrap().clone();
    assert!(
        captured.iter().all(|c| !c.name.starts_with("attempt")),
        "{captured:#?}"
    );
    assert!(!format!("{captured:?}").contains("Bearer mine"));
}
