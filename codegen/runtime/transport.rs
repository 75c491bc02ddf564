//! Sending requests over HTTP (feature `client`): one [`HttpClient`] per
//! [`Client`](super::Client), attempts with retries, and decoding of
//! answers and error answers.

use std::sync::Arc;
use std::time::Instant;

use super::response::decode;
use super::{trace, CallOptions, Error, InvalidHeaderReason, Method, ServiceError, TokenSource};

/// The `x-goog-api-client` header: the language and this runtime's version.
pub(crate) const API_CLIENT_HEADER: &str = concat!("gl-rust gdcl/", env!("CARGO_PKG_VERSION"));

/// Sends requests over HTTP: the transport behind every resource's `Stub`.
#[derive(Clone)]
pub struct HttpClient {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    /// The generated crate's name and version, from its `ApiVersion`.
    pub(super) user_agent: &'static str,
    pub(super) tokens: Option<Arc<dyn TokenSource>>,
    /// The client's options: the defaults of every call.
    pub(super) defaults: CallOptions,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("base_url", &self.base_url)
            .field("authenticated", &self.tokens.is_some())
            .field("timeout", &self.defaults.effective_attempt_timeout())
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The client's options, which calls' options are laid over.
    pub fn default_options(&self) -> &CallOptions {
        &self.defaults
    }

    /// Sends `request` with `options` over the client's, and decodes the
    /// response, retrying idempotent methods as the retry policy says.
    #[doc(hidden)]
    pub async fn execute<M: Method>(
        &self,
        request: &M,
        options: CallOptions,
    ) -> Result<M::Response, Error> {
        let options = options.over(&self.defaults);
        trace::in_call_span(&M::DESCRIPTOR, async {
            // Path parameters and headers are checked before anything is sent.
            let prepared = self.prepare(request, &options)?;
            self.attempts::<M>(&prepared, &options).await
        })
        .await
    }

    /// The request every attempt sends: built once, its body shared.
    fn prepare<M: Method>(
        &self,
        request: &M,
        options: &CallOptions,
    ) -> Result<reqwest::Request, Error> {
        let mut http_request = request.http_request(&self.base_url)?;
        let extra = options.header_map()?;
        let headers = http_request.headers_mut();
        headers.extend(extra);
        headers.insert(
            http::header::USER_AGENT,
            user_agent(self.user_agent, options)?,
        );
        headers.insert(
            "x-goog-api-client",
            http::HeaderValue::from_static(API_CLIENT_HEADER),
        );
        let mut prepared = reqwest::Request::try_from(http_request)
            .map_err(|error| Error::transport(error.without_url()))?;
        *prepared.timeout_mut() = options.effective_attempt_timeout();
        Ok(prepared)
    }

    /// Attempts until one succeeds, fails for good, or the retry policy
    /// gives up.
    async fn attempts<M: Method>(
        &self,
        prepared: &reqwest::Request,
        options: &CallOptions,
    ) -> Result<M::Response, Error> {
        let idempotent = options.idempotent().unwrap_or(M::DESCRIPTOR.idempotent);
        let retry = options.effective_retry_policy();
        let start = Instant::now();
        let mut attempt = 1;
        loop {
            let began = Instant::now();
            let error = match self.attempt::<M>(prepared).await {
                Ok((response, status)) => {
                    trace::attempt_succeeded(attempt, status, began.elapsed());
                    return Ok(response);
                }
                Err(error) => error,
            };
            trace::attempt_failed(attempt, &error, began.elapsed());
            // The errors worth another attempt are those `is_transient` names.
            let transient = error.is_transient();
            let delay = if idempotent && transient {
                retry.delay(attempt, start.elapsed(), error.retry_after())
            } else {
                None
            };
            let Some(delay) = delay else {
                trace::not_retried(attempt, transient, idempotent);
                return Err(error);
            };
            trace::retrying(attempt, delay, &error);
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One attempt: the decoded response and its HTTP status.
    async fn attempt<M: Method>(
        &self,
        prepared: &reqwest::Request,
    ) -> Result<(M::Response, u16), Error> {
        // A buffered body clones by reference count.
        let mut request = prepared
            .try_clone()
            .ok_or_else(|| Error::transport("the body cannot be resent"))?;
        if let Some(tokens) = &self.tokens {
            let token = tokens.token(M::DESCRIPTOR.scopes).await?;
            request
                .headers_mut()
                .insert(http::header::AUTHORIZATION, bearer(&token)?);
        }
        let response = self.http.execute(request).await.map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(body_error)?;
        if !(200..300).contains(&status) {
            let error = ServiceError::new(status, headers, &body);
            return Err(Error::service(error));
        }
        Ok((decode(&body)?, status))
    }
}

/// `prefix user-agent`, or the generated crate's own.
fn user_agent(own: &'static str, options: &CallOptions) -> Result<http::HeaderValue, Error> {
    let text = match options.user_agent_prefix() {
        Some(prefix) => format!("{prefix} {own}"),
        None => return Ok(http::HeaderValue::from_static(own)),
    };
    http::HeaderValue::from_str(&text).map_err(|_| {
        Error::invalid_header("user-agent", InvalidHeaderReason::InvalidUserAgentPrefix)
    })
}

/// `Bearer <token>`, marked sensitive so that `http` never shows it.
fn bearer(token: &str) -> Result<http::HeaderValue, Error> {
    let mut value = http::HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| Error::auth("the access token is not a valid header value"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// Timeouts are reported as such (and not retried); other transport errors
/// keep the reqwest error, which `Error::is_transient` reads.
fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::timeout()
    } else {
        // The URL would show the query string, and with it an API key.
        Error::transport(error.without_url())
    }
}

/// A response body that could not be read to its end: a timeout, or else
/// a transport error that says so. reqwest reports such a body as an error
/// "decoding" it, which would read like a [`Decode`](super::ErrorKind::Decode) error.
fn body_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::timeout()
    } else {
        Error::transport(IncompleteBody(error.without_url()))
    }
}

/// A response body cut short, by the connection closing or being reset
/// before the announced length or the last chunk. Its source is reqwest's error.
#[derive(Debug)]
struct IncompleteBody(reqwest::Error);

impl std::fmt::Display for IncompleteBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the response body was cut short and could not be read completely")
    }
}

impl std::error::Error for IncompleteBody {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Whether the error of a [`Transport`](super::ErrorKind::Transport) error is worth another attempt:
/// a refused or reset connection, a request that failed on the way, or a
/// response body cut short; not redirect or builder errors.
pub(super) fn is_transient_transport(error: &(dyn std::error::Error + 'static)) -> bool {
    if error.is::<IncompleteBody>() {
        return true;
    }
    error
        .downcast_ref::<reqwest::Error>()
        .is_some_and(|error| error.is_connect() || error.is_request() || error.is_body())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::__private::ApiVersion;
    use crate::{Client, ErrorKind, MethodDescriptor, RetryPolicy};

    struct Test;

    impl ApiVersion for Test {
        const DEFAULT_BASE_URL: &'static str = "https://test.googleapis.com/";
        const SERVICE_PATH: &'static str = "";
        const USER_AGENT: &'static str = "test/1.0.0";
        type Client = Client<Test>;
    }

    /// Counts how often it is asked, and retries at once up to `limit` times.
    struct Counting {
        asked: Arc<AtomicU32>,
        limit: u32,
    }

    impl RetryPolicy for Counting {
        fn delay(&self, attempt: u32, _: Duration, _: Option<Duration>) -> Option<Duration> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            (attempt < self.limit).then_some(Duration::ZERO)
        }
    }

    /// `GET` or `POST` `v1/ping`, answered by nobody.
    struct Ping<const RETRY: bool>;

    impl<const RETRY: bool> Method for Ping<RETRY> {
        const DESCRIPTOR: MethodDescriptor = MethodDescriptor {
            id: "test.ping",
            http_method: http::Method::GET,
            path_template: "v1/ping",
            flat_path: None,
            path: &[crate::PathSegment::Literal("v1/ping")],
            path_parameters: &[],
            scopes: &[],
            fully_encode_reserved_expansion: false,
            idempotent: RETRY,
            default_base_url: "http://127.0.0.1:1/",
            service_path: "",
            media: None,
        };
        type RequestBody = ();
        type Response = ();

        fn path_values(&self) -> Vec<std::borrow::Cow<'_, str>> {
            Vec::new()
        }

        fn write_query(&self, query: &mut crate::Query) {
            query.push("key", Some("AIza-secret-key"));
        }

        fn body(&self) -> Option<&()> {
            None
        }
    }

    /// How often the policy was asked after connections to a closed port.
    async fn retries_when_refused<M: Method<Response = ()>>(
        request: M,
        options: CallOptions,
    ) -> u32 {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let asked = Arc::new(AtomicU32::new(0));
        let client = Client::<Test>::builder()
            .base_url(base_url)
            .reqwest_client(reqwest::Client::builder().no_proxy().build().unwrap())
            .retry_policy(Counting {
                asked: asked.clone(),
                limit: 3,
            })
            .build();
        let result = client.http().execute(&request, options).await;
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Transport, "{error:?}");
        let source = std::error::Error::source(&error).unwrap();
        assert!(source.is::<reqwest::Error>(), "{source:?}");
        for shown in [format!("{error}"), format!("{error:?}")] {
            assert!(!shown.contains("AIza-secret-key"), "{shown}");
        }
        asked.load(Ordering::SeqCst)
    }

    #[tokio::test]
    async fn refused_connections_are_retried_for_idempotent_methods_only() {
        let options = CallOptions::new;
        assert_eq!(retries_when_refused(Ping::<true>, options()).await, 3);
        assert_eq!(retries_when_refused(Ping::<false>, options()).await, 0);
    }

    #[tokio::test]
    async fn a_calls_idempotency_overrides_the_methods() {
        let options = CallOptions::new;
        let retried = options().with_idempotent(true);
        assert_eq!(retries_when_refused(Ping::<false>, retried).await, 3);
        let not_retried = options().with_idempotent(false);
        assert_eq!(retries_when_refused(Ping::<true>, not_retried).await, 0);
    }

    #[tokio::test]
    async fn a_body_cut_short_is_a_transient_transport_error_that_says_so() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut head = Vec::new();
            let mut byte = [0; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
                head.push(byte[0]);
            }
            // 100 bytes announced, 6 sent, then the connection closes.
            let reply = "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\":1";
            stream.write_all(reply.as_bytes()).unwrap();
        });
        let client = Client::<Test>::builder()
            .base_url(base_url)
            .reqwest_client(reqwest::Client::builder().no_proxy().build().unwrap())
            .retry_policy(crate::NoRetry)
            .build();
        let result = client
            .http()
            .execute(&Ping::<true>, CallOptions::new())
            .await;
        server.join().unwrap();
        let error = result.unwrap_err();
        assert!(
            error.kind() == ErrorKind::Transport && error.is_transient(),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "transport error: the response body was cut short and could not be read completely"
        );
        let cut_short = std::error::Error::source(&error).unwrap();
        let reqwest = cut_short.source().unwrap();
        assert!(
            reqwest.downcast_ref::<reqwest::Error>().is_some(),
            "{reqwest:?}"
        );
    }
}
