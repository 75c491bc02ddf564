//! Options of one call, and of a client as the defaults of its calls.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::{Error, ExponentialBackoff, InvalidHeaderReason, PollPolicy, RetryPolicy};

/// How one call is made: its attempt timeout, retry policy, idempotency,
/// polling policy, extra headers, quota project and user-agent prefix.
///
/// Every setting is optional. A client's options (see
/// `ClientBuilder::default_options`) are the defaults of its calls; what a
/// call sets wins, and its headers are added to the client's, replacing
/// those of the same name. Stubs receive the call's options, so a mock can
/// check them.
#[derive(Clone, Default)]
pub struct CallOptions {
    attempt_timeout: Option<Option<Duration>>,
    retry_policy: Option<Arc<dyn RetryPolicy>>,
    idempotent: Option<bool>,
    poll_policy: Option<PollPolicy>,
    headers: Vec<(String, String)>,
    quota_project: Option<String>,
    user_agent_prefix: Option<String>,
}

/// The time each attempt may take when neither the call nor the client says.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

/// Headers the client sets itself. A call or client that sets one of them
/// with [`CallOptions::with_header`] fails with an error of kind
/// [`InvalidHeader`](super::ErrorKind::InvalidHeader)
/// before anything is sent; `user-agent` and `x-goog-user-project` have
/// options of their own.
pub const OWNED_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "content-length",
    "host",
    "transfer-encoding",
    "user-agent",
    "x-goog-api-client",
    "x-goog-user-project",
];

impl CallOptions {
    /// Options that set nothing: the client's apply.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// The time each attempt may take, from sending to the whole body;
    /// `None` for no limit.
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Whether and when failed attempts are tried again, including the
    /// backoff between them (e.g. an [`ExponentialBackoff`] of your own).
    pub fn with_retry_policy(mut self, policy: impl RetryPolicy + 'static) -> Self {
        self.retry_policy = Some(Arc::new(policy));
        self
    }

    /// Whether the call may be retried: by default, what the method's
    /// descriptor says. Say `true` for a request made safe to repeat, e.g. by
    /// a request id the service deduplicates.
    pub fn with_idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// How `poll_until_done` and `cancel_and_wait` poll.
    pub fn with_poll_policy(mut self, policy: PollPolicy) -> Self {
        self.poll_policy = Some(policy);
        self
    }

    /// Adds a header to the request, replacing an earlier one of the same
    /// name (names are case-insensitive). See [`OWNED_HEADERS`] for those
    /// that cannot be set this way.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into().to_ascii_lowercase();
        self.headers.retain(|(existing, _)| *existing != name);
        self.headers.push((name, value.into()));
        self
    }

    /// The project billed for quota: the `x-goog-user-project` header.
    pub fn with_quota_project(mut self, project: impl Into<String>) -> Self {
        self.quota_project = Some(project.into());
        self
    }

    /// Put before the crate's own `user-agent`, e.g. `my-app/1.2`.
    pub fn with_user_agent_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.user_agent_prefix = Some(prefix.into());
        self
    }

    /// The attempt timeout, if set: `Some(None)` means no limit.
    pub fn attempt_timeout(&self) -> Option<Option<Duration>> {
        self.attempt_timeout
    }

    /// The retry policy, if set.
    pub fn retry_policy(&self) -> Option<&Arc<dyn RetryPolicy>> {
        self.retry_policy.as_ref()
    }

    /// The idempotency override, if set.
    pub fn idempotent(&self) -> Option<bool> {
        self.idempotent
    }

    /// The polling policy, if set.
    pub fn poll_policy(&self) -> Option<&PollPolicy> {
        self.poll_policy.as_ref()
    }

    /// The extra headers, names in lower case, in the order they were added.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// The quota project, if set.
    pub fn quota_project(&self) -> Option<&str> {
        self.quota_project.as_deref()
    }

    /// The user-agent prefix, if set.
    pub fn user_agent_prefix(&self) -> Option<&str> {
        self.user_agent_prefix.as_deref()
    }
}

/// What the HTTP client makes of the options; nothing else needs it.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
impl CallOptions {
    /// These options over `defaults`: each setting of `self` wins, headers
    /// are merged.
    pub(crate) fn over(self, defaults: &CallOptions) -> CallOptions {
        let mut headers = defaults.headers.clone();
        headers.retain(|(name, _)| !self.headers.iter().any(|(own, _)| own == name));
        headers.extend(self.headers);
        CallOptions {
            attempt_timeout: self.attempt_timeout.or(defaults.attempt_timeout),
            retry_policy: self.retry_policy.or_else(|| defaults.retry_policy.clone()),
            idempotent: self.idempotent.or(defaults.idempotent),
            poll_policy: self.poll_policy.or_else(|| defaults.poll_policy.clone()),
            headers,
            quota_project: self
                .quota_project
                .or_else(|| defaults.quota_project.clone()),
            user_agent_prefix: self
                .user_agent_prefix
                .or_else(|| defaults.user_agent_prefix.clone()),
        }
    }

    /// The attempt timeout in effect: [`DEFAULT_ATTEMPT_TIMEOUT`] unless set.
    pub(crate) fn effective_attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
            .unwrap_or(Some(DEFAULT_ATTEMPT_TIMEOUT))
    }

    /// The retry policy in effect: the default [`ExponentialBackoff`] unless set.
    pub(crate) fn effective_retry_policy(&self) -> Arc<dyn RetryPolicy> {
        self.retry_policy
            .clone()
            .unwrap_or_else(|| Arc::new(ExponentialBackoff::default()))
    }

    /// The headers these options add: the extra headers and the quota
    /// project, checked. The user-agent prefix is left to the transport,
    /// which owns the rest of that header.
    pub(crate) fn header_map(&self) -> Result<http::HeaderMap, Error> {
        let mut map = http::HeaderMap::with_capacity(self.headers.len() + 1);
        for (name, value) in &self.headers {
            if OWNED_HEADERS.contains(&name.as_str()) {
                return Err(Error::invalid_header(
                    name,
                    InvalidHeaderReason::SetByClient,
                ));
            }
            let header = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::invalid_header(name, InvalidHeaderReason::InvalidName))?;
            map.insert(header, header_value(name, value)?);
        }
        if let Some(project) = &self.quota_project {
            let value = header_value("x-goog-user-project", project)?;
            map.insert("x-goog-user-project", value);
        }
        Ok(map)
    }
}

fn header_value(name: &str, value: &str) -> Result<http::HeaderValue, Error> {
    http::HeaderValue::from_str(value)
        .map_err(|_| Error::invalid_header(name, InvalidHeaderReason::InvalidValue))
}

/// Shows which settings are made, and header names without their values,
/// which may be credentials.
impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("attempt_timeout", &self.attempt_timeout)
            .field("retry_policy", &self.retry_policy.as_ref().map(|_| ".."))
            .field("idempotent", &self.idempotent)
            .field("poll_policy", &self.poll_policy)
            .field("headers", &header_names)
            .field("quota_project", &self.quota_project)
            .field("user_agent_prefix", &self.user_agent_prefix)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoRetry;

    #[test]
    fn a_calls_settings_win_over_the_clients() {
        let client = CallOptions::new()
            .with_attempt_timeout(Some(Duration::from_secs(30)))
            .with_quota_project("client-project")
            .with_user_agent_prefix("app/1")
            .with_header("X-Trace", "client")
            .with_header("x-keep", "kept");
        let call = CallOptions::new()
            .with_attempt_timeout(None)
            .with_retry_policy(NoRetry)
            .with_idempotent(false)
            .with_header("x-trace", "call");
        let merged = call.over(&client);
        assert_eq!(merged.attempt_timeout(), Some(None));
        assert_eq!(merged.effective_attempt_timeout(), None);
        assert!(merged.retry_policy().is_some());
        assert_eq!(merged.idempotent(), Some(false));
        assert_eq!(merged.quota_project(), Some("client-project"));
        assert_eq!(merged.user_agent_prefix(), Some("app/1"));
        let headers: Vec<_> = merged.headers().collect();
        assert_eq!(headers, [("x-keep", "kept"), ("x-trace", "call")]);
    }

    #[test]
    fn unset_options_fall_back_to_the_defaults() {
        let none = CallOptions::new().over(&CallOptions::new());
        assert_eq!(
            none.effective_attempt_timeout(),
            Some(DEFAULT_ATTEMPT_TIMEOUT)
        );
        assert_eq!(none.idempotent(), None);
        assert!(none.header_map().unwrap().is_empty());
    }

    #[test]
    fn owned_and_malformed_headers_are_refused_by_name() {
        for owned in [
            "Authorization",
            "content-type",
            "X-Goog-Api-Client",
            "user-agent",
        ] {
            let options = CallOptions::new().with_header(owned, "x");
            let error = options.header_map().unwrap_err();
            let lower = owned.to_ascii_lowercase();
            assert_eq!(
                error.to_string(),
                format!("cannot send the header `{lower}`: the client sets it")
            );
        }
        let error = CallOptions::new().with_header("bad name", "x").header_map();
        assert!(error
            .unwrap_err()
            .to_string()
            .contains("not a valid header name"));
        let error = CallOptions::new()
            .with_header("x-ok", "line\nbreak")
            .header_map();
        assert!(error
            .unwrap_err()
            .to_string()
            .contains("not a valid header value"));
        let error = CallOptions::new().with_quota_project("p\r\n").header_map();
        assert!(error
            .unwrap_err()
            .to_string()
            .contains("x-goog-user-project"));
    }

    #[test]
    fn the_quota_project_and_extra_headers_are_sent_as_given() {
        let map = CallOptions::new()
            .with_header("x-goog-request-params", "name=projects/p")
            .with_quota_project("billing-project")
            .header_map()
            .unwrap();
        assert_eq!(map["x-goog-request-params"], "name=projects/p");
        assert_eq!(map["x-goog-user-project"], "billing-project");
    }

    #[test]
    fn debug_shows_header_names_but_not_their_values() {
        let options = CallOptions::new().with_header("x-goog-iam-authorization-token", "secret");
        let debug = format!("{options:?}");
        assert!(debug.contains("x-goog-iam-authorization-token"), "{debug}");
        assert!(!debug.contains("secret"), "{debug}");
    }
}
