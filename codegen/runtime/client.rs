//! The HTTP client (feature `client`): authentication, retries with
//! backoff, typed errors, and polling of long-running operations.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{bounded_text, Error, Method, ServiceError, Status};

/// The `user-agent` of requests.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
/// The `x-goog-api-client` header: the language and this library's version.
pub const API_CLIENT_HEADER: &str = concat!("gl-rust gdcl/", env!("CARGO_PKG_VERSION"));

/// A boxed future, as object-safe traits return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Supplies OAuth 2.0 access tokens. It receives the scopes of the method
/// being called; any one of them grants access.
pub trait TokenSource: Send + Sync {
    /// An access token for `scopes`.
    fn token<'a>(&'a self, scopes: &'static [&'static str])
        -> BoxFuture<'a, Result<String, Error>>;
}

/// A fixed access token, e.g. from `gcloud auth print-access-token`.
#[derive(Clone)]
pub struct StaticToken(pub String);

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token<'a>(
        &'a self,
        _scopes: &'static [&'static str],
    ) -> BoxFuture<'a, Result<String, Error>> {
        Box::pin(async move { Ok(self.0.clone()) })
    }
}

/// Tokens from the `gcp_auth` crate: application default credentials, a
/// service account key, the metadata server or `gcloud`.
#[cfg(feature = "gcp-auth")]
impl TokenSource for Arc<dyn gcp_auth::TokenProvider> {
    fn token<'a>(
        &'a self,
        scopes: &'static [&'static str],
    ) -> BoxFuture<'a, Result<String, Error>> {
        Box::pin(async move {
            let token = gcp_auth::TokenProvider::token(self.as_ref(), scopes)
                .await
                .map_err(|error| Error::Auth(Box::new(error)))?;
            Ok(token.as_str().to_owned())
        })
    }
}

/// Decides whether and when a failed attempt is tried again. It is asked
/// only for idempotent methods (see [`Method::IDEMPOTENT`]) and only after
/// failures worth retrying: HTTP 429, 502, 503, 504 and connection errors.
pub trait RetryPolicy: Send + Sync {
    /// The delay before attempt `attempt + 1`, or `None` to give up.
    /// `elapsed` is the time since the first attempt; `retry_after` is the
    /// service's `Retry-After`, if it sent one.
    fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration>;
}

/// Exponential backoff with full jitter, bounded by attempts and total time.
#[derive(Debug, Clone)]
pub struct ExponentialBackoff {
    /// The largest delay before the first retry.
    pub initial_delay: Duration,
    /// The largest delay of any retry.
    pub max_delay: Duration,
    /// How much the largest delay grows after each attempt.
    pub multiplier: f64,
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// No retry starts after this much time since the first attempt.
    pub max_elapsed: Duration,
}

impl Default for ExponentialBackoff {
    fn default() -> Self {
        ExponentialBackoff {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(30),
            multiplier: 2.0,
            max_attempts: 5,
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl ExponentialBackoff {
    /// The delay ceiling after `attempt` attempts, before jitter.
    fn ceiling(&self, attempt: u32) -> Duration {
        // In f64 first: the product can exceed what a Duration holds.
        let exponent = i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX);
        let seconds = self.initial_delay.as_secs_f64() * self.multiplier.powi(exponent);
        let max = self.max_delay.as_secs_f64();
        if seconds.is_finite() && seconds >= 0.0 && seconds < max {
            Duration::from_secs_f64(seconds)
        } else {
            self.max_delay
        }
    }
}

impl RetryPolicy for ExponentialBackoff {
    fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let jittered = self.ceiling(attempt).mul_f64(random_fraction());
        let delay = retry_after.map_or(jittered, |asked| asked.max(jittered));
        let retry_at = elapsed.checked_add(delay)?;
        (retry_at <= self.max_elapsed).then_some(delay)
    }
}

/// Never retries.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRetry;

impl RetryPolicy for NoRetry {
    fn delay(&self, _: u32, _: Duration, _: Option<Duration>) -> Option<Duration> {
        None
    }
}

/// A number in `[0, 1)` for jitter: splitmix64 over a counter seeded by the clock.
fn random_fraction() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut z = STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(seed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// An API version, for [`Client`].
pub trait ApiVersion {
    /// `rootUrl` + `servicePath` of the version's document.
    const DEFAULT_BASE_URL: &'static str;
}

/// A client of one API version (`V`) over HTTP. Each version module has an
/// alias, e.g. `v1::Client`, with accessors for its resources.
pub struct Client<V> {
    http: HttpClient,
    version: std::marker::PhantomData<fn() -> V>,
}

impl<V> Clone for Client<V> {
    fn clone(&self) -> Self {
        Client {
            http: self.http.clone(),
            version: std::marker::PhantomData,
        }
    }
}

impl<V> std::fmt::Debug for Client<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.http.fmt(f)
    }
}

impl<V: ApiVersion> Client<V> {
    /// A builder for a client of the version's default base URL, with no
    /// token source, the default retries and a 60 s timeout per attempt.
    pub fn builder() -> ClientBuilder<V> {
        ClientBuilder {
            http: None,
            base_url: V::DEFAULT_BASE_URL.to_owned(),
            tokens: None,
            retry: Arc::new(ExponentialBackoff::default()),
            timeout: Some(Duration::from_secs(60)),
            version: std::marker::PhantomData,
        }
    }
}

impl<V> Client<V> {
    /// A client that sends through `http`.
    pub fn from_http(http: HttpClient) -> Self {
        Client {
            http,
            version: std::marker::PhantomData,
        }
    }

    /// The HTTP transport, which implements every resource's `Stub`.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }
}

/// Sends requests over HTTP: the transport behind every resource's `Stub`.
#[derive(Clone)]
pub struct HttpClient {
    http: reqwest::Client,
    base_url: String,
    tokens: Option<Arc<dyn TokenSource>>,
    retry: Arc<dyn RetryPolicy>,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("base_url", &self.base_url)
            .field("authenticated", &self.tokens.is_some())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder<V> {
    http: Option<reqwest::Client>,
    base_url: String,
    tokens: Option<Arc<dyn TokenSource>>,
    retry: Arc<dyn RetryPolicy>,
    timeout: Option<Duration>,
    version: std::marker::PhantomData<fn() -> V>,
}

impl<V> ClientBuilder<V> {
    /// Another base URL, e.g. the mTLS endpoint or a local server.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Where access tokens come from; without one, requests carry no
    /// `Authorization` header.
    pub fn token_source(mut self, tokens: impl TokenSource + 'static) -> Self {
        self.tokens = Some(Arc::new(tokens));
        self
    }

    /// The retry policy for idempotent methods.
    pub fn retry_policy(mut self, retry: impl RetryPolicy + 'static) -> Self {
        self.retry = Arc::new(retry);
        self
    }

    /// The time each attempt may take, from sending to the whole body; `None` for no limit.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// A preconfigured `reqwest` client (proxies, TLS roots, …).
    pub fn reqwest_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The client.
    pub fn build(self) -> Client<V> {
        Client::from_http(HttpClient {
            http: self.http.unwrap_or_default(),
            base_url: self.base_url,
            tokens: self.tokens,
            retry: self.retry,
            timeout: self.timeout,
        })
    }
}

/// Why one attempt failed, and whether another may succeed.
struct Failure {
    error: Error,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl HttpClient {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `request` and decodes the response, retrying idempotent
    /// methods as the retry policy says.
    pub async fn execute<M: Method>(&self, request: &M) -> Result<M::Response, Error> {
        // Validates the path parameters before anything is sent.
        let http_request = request.http_request(&self.base_url)?;
        let start = Instant::now();
        let mut attempt = 1;
        loop {
            let failure = match self.attempt::<M>(&http_request).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if !(M::IDEMPOTENT && failure.retryable) {
                return Err(failure.error);
            }
            match self
                .retry
                .delay(attempt, start.elapsed(), failure.retry_after)
            {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return Err(failure.error),
            }
            attempt += 1;
        }
    }

    async fn attempt<M: Method>(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<M::Response, Failure> {
        let fail = |error, retryable| Failure {
            error,
            retryable,
            retry_after: None,
        };
        let mut builder = self
            .http
            .request(request.method().clone(), request.uri().to_string())
            .headers(request.headers().clone())
            .header(http::header::USER_AGENT, USER_AGENT)
            .header("x-goog-api-client", API_CLIENT_HEADER)
            .body(request.body().clone());
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(tokens) = &self.tokens {
            let token = tokens.token(M::SCOPES).await.map_err(|e| fail(e, false))?;
            builder = builder.bearer_auth(token);
        }
        let response = builder.send().await.map_err(|e| fail_transport(e, fail))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = response
            .bytes()
            .await
            .map_err(|e| fail_transport(e, fail))?;
        if !status.is_success() {
            let retryable = matches!(status.as_u16(), 429 | 502 | 503 | 504);
            return Err(Failure {
                error: Error::Service(Box::new(ServiceError::new(
                    status.as_u16(),
                    &body,
                    retry_after,
                ))),
                retryable,
                retry_after,
            });
        }
        decode(&body).map_err(|error| fail(error, false))
    }
}

/// Timeouts are reported as such and not retried; other transport errors
/// (refused or reset connections, bodies cut short) may be retried.
fn fail_transport(error: reqwest::Error, fail: impl Fn(Error, bool) -> Failure) -> Failure {
    if error.is_timeout() {
        fail(Error::Timeout, false)
    } else {
        // Refused, reset, or cut short (a body read cut short is reported
        // as a decode error); not redirect or builder errors.
        let retryable =
            error.is_connect() || error.is_request() || error.is_body() || error.is_decode();
        fail(Error::Transport(Box::new(error)), retryable)
    }
}

/// `Retry-After` in seconds (the HTTP-date form is ignored), at most a day.
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    const DAY: u64 = 24 * 60 * 60;
    let seconds: u64 = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds.min(DAY)))
}

/// Decodes a success body; an empty one counts as `{}` (or `null` for `()`).
fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let body_is_empty = body.iter().all(u8::is_ascii_whitespace);
    let text: &[u8] = if body_is_empty { b"{}" } else { body };
    serde_json::from_slice(text)
        .or_else(|error| {
            if body_is_empty {
                serde_json::from_slice(b"null")
            } else {
                Err(error)
            }
        })
        .map_err(|error| Error::Decode {
            error,
            body: bounded_text(body),
        })
}

/// A long-running operation (`google.longrunning.Operation`) as a response.
pub trait LongRunningOperation {
    /// Whether the operation has finished, with a response or an error.
    fn is_done(&self) -> bool;
    /// The error it finished with, if it failed.
    fn error_status(&self) -> Option<Status>;
}

/// The `google.rpc.Status` of an operation's `error`, whatever its generated
/// type; an error that does not read as a status is still an error
/// (`UNKNOWN`, with the error as JSON for its message).
pub fn status_of<T: serde::Serialize>(error: &T) -> Status {
    let json = serde_json::to_value(error).unwrap_or_default();
    serde_json::from_value(json.clone()).unwrap_or_else(|_| Status {
        code: super::Code::Unknown as i32,
        message: json.to_string(),
        ..Status::default()
    })
}

/// How a long-running operation is polled.
#[derive(Debug, Clone)]
pub struct PollPolicy {
    /// The delay after the first poll.
    pub initial_delay: Duration,
    /// The largest delay between polls.
    pub max_delay: Duration,
    /// How much the delay grows after each poll.
    pub multiplier: f64,
    /// When polling stops with [`Error::Deadline`].
    pub deadline: Duration,
    /// The `timeout` sent with each `wait` call, where the API has one.
    pub wait_timeout: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            multiplier: 1.5,
            deadline: Duration::from_secs(600),
            wait_timeout: Duration::from_secs(30),
        }
    }
}

/// Calls `poll` until the operation is done or the deadline passes: the
/// done operation, or [`Error::Operation`] with the status it failed with.
/// `poll` receives the time left, e.g. to bound a `wait` call's `timeout`;
/// a poll still running at the deadline is abandoned.
pub async fn poll_until_done<O, F, Fut>(policy: &PollPolicy, mut poll: F) -> Result<O, Error>
where
    O: LongRunningOperation,
    F: FnMut(Duration) -> Fut,
    Fut: Future<Output = Result<O, Error>>,
{
    let deadline = Instant::now() + policy.deadline;
    let mut delay = policy.initial_delay;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let operation = tokio::time::timeout(remaining, poll(remaining))
            .await
            .map_err(|_| Error::Deadline)??;
        if operation.is_done() {
            return match operation.error_status() {
                Some(status) => Err(Error::Operation(status)),
                None => Ok(operation),
            };
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(Error::Deadline);
        }
        tokio::time::sleep(delay.min(remaining)).await;
        delay = delay.mul_f64(policy.multiplier).min(policy.max_delay);
    }
}
