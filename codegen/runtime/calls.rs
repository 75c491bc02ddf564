//! Calls through a stub: the HTTP client, or a mock.

use std::future::Future;
use std::ops::{Deref, DerefMut};

use super::{CallOptions, Error, Method};

/// A request type that stubs of type `S` can send: each resource's `Stub`
/// trait has one method per request type, and this picks it.
pub trait Dispatch<S: ?Sized>: Method + Sized {
    /// Sends the request through `stub`, with the call's options.
    fn dispatch(
        self,
        stub: &S,
        options: CallOptions,
    ) -> impl Future<Output = Result<Self::Response, Error>> + Send;
}

/// A request ready to be sent through a stub, with its options. It
/// dereferences to the request, so fields can be set before [`Call::send`].
#[derive(Debug)]
pub struct Call<'a, S: ?Sized, M> {
    pub(super) stub: &'a S,
    pub(super) request: M,
    pub(super) options: CallOptions,
}

impl<'a, S: ?Sized, M: Dispatch<S>> Call<'a, S, M> {
    /// A call of `request` through `stub`.
    #[doc(hidden)]
    pub fn new(stub: &'a S, request: M) -> Self {
        Call {
            stub,
            request,
            options: CallOptions::default(),
        }
    }

    /// Changes the request, e.g. `.map(|r| r.with_page_size(10))`.
    pub fn map(self, change: impl FnOnce(M) -> M) -> Self {
        Call {
            request: change(self.request),
            ..self
        }
    }

    /// Sets the options of this call (timeout, retries, headers, …); what
    /// they leave unset comes from the client.
    pub fn with_options(self, options: CallOptions) -> Self {
        Call { options, ..self }
    }

    /// The options of this call.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// The request.
    pub fn into_request(self) -> M {
        self.request
    }

    /// Sends the request and returns the response.
    pub async fn send(self) -> Result<M::Response, Error> {
        self.request.dispatch(self.stub, self.options).await
    }
}

impl<S: ?Sized, M> Deref for Call<'_, S, M> {
    type Target = M;

    fn deref(&self) -> &M {
        &self.request
    }
}

impl<S: ?Sized, M> DerefMut for Call<'_, S, M> {
    fn deref_mut(&mut self) -> &mut M {
        &mut self.request
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::task::{Context, Poll};

    use super::*;
    use crate::{ErrorKind, MethodDescriptor, PathParameter, PathSegment, Query};

    #[derive(Debug, Default, PartialEq)]
    struct Get {
        name: String,
        view: Option<String>,
    }

    impl Method for Get {
        const DESCRIPTOR: MethodDescriptor = MethodDescriptor {
            id: "test.things.get",
            http_method: http::Method::GET,
            path_template: "v1/{+name}",
            flat_path: None,
            path: &[PathSegment::Literal("v1/"), PathSegment::Reserved("name")],
            path_parameters: &[PathParameter {
                name: "name",
                pattern: None,
            }],
            scopes: &[],
            fully_encode_reserved_expansion: false,
            idempotent: true,
            default_base_url: "https://example.com/",
            service_path: "",
            media: None,
        };
        type RequestBody = ();
        type Response = String;

        fn path_values(&self) -> Vec<Cow<'_, str>> {
            vec![Cow::Borrowed(&self.name)]
        }

        fn write_query(&self, query: &mut Query) {
            query.push("view", self.view.as_ref());
        }

        fn body(&self) -> Option<&()> {
            None
        }
    }

    /// Answers with the URL the request would have gone to.
    struct Echo;

    impl Dispatch<Echo> for Get {
        fn dispatch(
            self,
            _: &Echo,
            options: CallOptions,
        ) -> impl Future<Output = Result<String, Error>> + Send {
            let url = self.http_request("https://example.com");
            let quota = options.quota_project().map(|p| format!(" for {p}"));
            std::future::ready(
                url.map(|request| format!("{}{}", request.uri(), quota.unwrap_or_default())),
            )
        }
    }

    /// Runs a future that never waits, as the stub's do not.
    fn ready<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the stub never waits"),
        }
    }

    fn get(name: &str) -> Get {
        Get {
            name: name.to_owned(),
            ..Get::default()
        }
    }

    #[test]
    fn send_dispatches_the_request_through_the_stub() {
        let url = ready(Call::new(&Echo, get("things/a")).send()).unwrap();
        assert_eq!(url, "https://example.com/v1/things/a");
        let error = ready(Call::new(&Echo, get("")).send()).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidParameter, "{error:?}");
        assert_eq!(error.parameter_name(), Some("name"));
    }

    #[test]
    fn a_call_can_be_changed_before_it_is_sent() {
        let mut call = Call::new(&Echo, get("things/a")).map(|mut request| {
            request.view = Some("FULL".to_owned());
            request
        });
        assert_eq!(call.view.as_deref(), Some("FULL"));
        call.name.push_str("/b");
        assert_eq!(
            ready(call.send()).unwrap(),
            "https://example.com/v1/things/a/b?view=FULL"
        );
    }

    #[test]
    fn a_calls_options_reach_the_stub() {
        let call = Call::new(&Echo, get("things/a"))
            .with_options(CallOptions::new().with_quota_project("billing"));
        assert_eq!(call.options().quota_project(), Some("billing"));
        let call = call.map(|request| get(&format!("{}/b", request.name)));
        assert_eq!(
            ready(call.send()).unwrap(),
            "https://example.com/v1/things/a/b for billing"
        );
    }

    #[test]
    fn into_request_gives_the_request_back() {
        let call =
            Call::new(&Echo, get("things/a")).map(|request| get(&request.name.to_uppercase()));
        assert_eq!(call.into_request(), get("THINGS/A"));
    }
}
