//! The HTTP client (feature `client`): a [`Client`] of one API version and
//! its builder, over an [`HttpClient`].

use std::sync::Arc;
use std::time::Duration;

use super::{CallOptions, HttpClient, RetryPolicy, TokenSource};

/// An API version, for [`Client`]: generated code implements it for each
/// version's marker type.
#[doc(hidden)]
pub trait ApiVersion: Sized {
    /// `rootUrl` + `servicePath` of the version's document.
    const DEFAULT_BASE_URL: &'static str;
    /// `servicePath` of the version's document, which
    /// [`ClientBuilder::endpoint`] adds to a root URL.
    const SERVICE_PATH: &'static str;
    /// The `user-agent` of its requests: the generated crate's name and
    /// version, e.g. `earthengine/0.1.0`.
    const USER_AGENT: &'static str;
    /// What [`ClientBuilder::build`] returns: the version's own client
    /// (`v1::Client`), which wraps a `Client<Self>` and adds the accessors
    /// of its resources.
    type Client: From<Client<Self>>;
}

/// A client of one API version (`V`) over HTTP. Each version module wraps
/// it in a client of its own, e.g. `v1::Client`, with accessors for its
/// resources.
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
    /// token source and default options: the default retries, a 60 s
    /// timeout per attempt and the default polling policy.
    pub fn builder() -> ClientBuilder<V> {
        ClientBuilder {
            http: None,
            base_url: V::DEFAULT_BASE_URL.to_owned(),
            tokens: None,
            defaults: CallOptions::default(),
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

/// Configures a [`Client`].
pub struct ClientBuilder<V> {
    http: Option<reqwest::Client>,
    base_url: String,
    tokens: Option<Arc<dyn TokenSource>>,
    defaults: CallOptions,
    version: std::marker::PhantomData<fn() -> V>,
}

impl<V> std::fmt::Debug for ClientBuilder<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("authenticated", &self.tokens.is_some())
            .field("defaults", &self.defaults)
            .finish_non_exhaustive()
    }
}

impl<V> ClientBuilder<V> {
    /// The full base URL that method paths are appended to, `servicePath`
    /// included: e.g. `v1::MTLS_BASE_URL`. To give only the scheme and host
    /// of a server, use [`ClientBuilder::endpoint`].
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

    /// The options of every call, which a call's own options override
    /// setting by setting. Replaces what `retry_policy` and `timeout` set.
    pub fn default_options(mut self, options: CallOptions) -> Self {
        self.defaults = options;
        self
    }

    /// The retry policy for idempotent methods: a default option.
    pub fn retry_policy(mut self, retry: impl RetryPolicy + 'static) -> Self {
        self.defaults = self.defaults.with_retry_policy(retry);
        self
    }

    /// The time each attempt may take, from sending to the whole body; `None`
    /// for no limit: a default option.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.defaults = self.defaults.with_attempt_timeout(timeout);
        self
    }

    /// A preconfigured `reqwest` client (proxies, TLS roots, …).
    pub fn reqwest_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }
}

impl<V: ApiVersion> ClientBuilder<V> {
    /// The endpoint as a root URL, e.g. an emulator at
    /// `http://127.0.0.1:9023` or a regional endpoint: the client adds the
    /// document's `servicePath` (`storage/v1/` for Cloud Storage), as
    /// google-api-python-client's `api_endpoint` does. To give the full
    /// base URL instead, use [`ClientBuilder::base_url`].
    pub fn endpoint(self, root_url: impl Into<String>) -> Self {
        let base_url = super::method::join_endpoint(&root_url.into(), V::SERVICE_PATH);
        self.base_url(base_url)
    }

    /// The client of the version, e.g. `v1::Client`.
    pub fn build(self) -> V::Client {
        V::Client::from(Client::from_http(HttpClient {
            http: self.http.unwrap_or_default(),
            base_url: self.base_url,
            user_agent: V::USER_AGENT,
            tokens: self.tokens,
            defaults: self.defaults,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StaticToken;

    struct Test;

    impl ApiVersion for Test {
        const DEFAULT_BASE_URL: &'static str = "https://test.googleapis.com/test/v1/";
        const SERVICE_PATH: &'static str = "test/v1/";
        const USER_AGENT: &'static str = "test/1.0.0";
        type Client = Client<Test>;
    }

    #[test]
    fn an_endpoint_is_a_root_url_and_a_base_url_is_taken_whole() {
        for root in ["http://127.0.0.1:9023", "http://127.0.0.1:9023/"] {
            let client = Client::<Test>::builder().endpoint(root).build();
            assert_eq!(client.http().base_url(), "http://127.0.0.1:9023/test/v1/");
        }
        let client = Client::<Test>::builder()
            .base_url("http://127.0.0.1:9023/")
            .build();
        assert_eq!(client.http().base_url(), "http://127.0.0.1:9023/");
    }

    #[test]
    fn the_builder_starts_from_the_version_defaults() {
        let client = Client::<Test>::builder().build();
        assert_eq!(client.http().base_url(), Test::DEFAULT_BASE_URL);
        let debug = format!("{client:?}");
        assert!(debug.contains("authenticated: false"), "{debug}");
        assert!(debug.contains("timeout: Some(60s)"), "{debug}");

        let builder = Client::<Test>::builder()
            .base_url("http://127.0.0.1:1")
            .token_source(StaticToken("ya29.secret".to_owned()))
            .timeout(None);
        let debug = format!("{builder:?}");
        assert!(debug.contains("authenticated: true"), "{debug}");
        assert!(debug.contains("attempt_timeout: Some(None)"), "{debug}");
        assert!(!debug.contains("secret"), "{debug}");
        let client = builder.build();
        assert_eq!(client.clone().http().base_url(), "http://127.0.0.1:1");
        let debug = format!("{client:?}");
        assert!(debug.contains("authenticated: true"), "{debug}");
        assert!(debug.contains("timeout: None"), "{debug}");
        assert!(!debug.contains("secret"), "{debug}");
    }
}
