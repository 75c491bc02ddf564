//! Pagination: the pages of a list method, and their items, as streams.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::{Call, CallOptions, Dispatch, Error, Method};

/// A method that pages: it takes a `pageToken` (a query parameter or a
/// member of its body) and its response has a `nextPageToken`.
pub trait Paginated: Method {
    /// The `pageToken` of this request.
    fn page_token(&self) -> Option<&str>;
    /// Sets the `pageToken` of the next request.
    fn set_page_token(&mut self, token: String);
    /// The response's `nextPageToken`; empty or absent on the last page.
    fn next_page_token(response: &Self::Response) -> Option<&str>;
}

/// A method that pages through a list of resources: the response's one
/// list of items (other lists of a page, such as Cloud Storage's
/// `prefixes`, are read from [`Call::pages`]).
pub trait PageItems: Paginated {
    /// The element of the response's list.
    type Item;
    /// The response's list.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

impl<'a, S, M> Call<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + Paginated + Clone + Send + Unpin + 'a,
{
    /// Every page, following `nextPageToken` until the last page.
    pub fn pages(self) -> Pages<'a, S, M> {
        Pages {
            stub: self.stub,
            options: self.options,
            state: PagesState::Next(self.request),
        }
    }

    /// Every item of every page.
    pub fn items(self) -> Items<'a, S, M>
    where
        M: PageItems,
    {
        Items {
            pages: self.pages(),
            buffer: VecDeque::new(),
        }
    }
}

type PageFuture<'a, M> =
    Pin<Box<dyn Future<Output = (M, Result<<M as Method>::Response, Error>)> + Send + 'a>>;

enum PagesState<'a, M: Method> {
    Next(M),
    Fetching(PageFuture<'a, M>),
    /// An error to report after the page that caused it.
    Failed(Error),
    Done,
}

/// The pages of a list method: a [`Stream`], also usable with [`Pages::next`].
pub struct Pages<'a, S: ?Sized, M: Method> {
    stub: &'a S,
    /// The call's options, sent with every page's request.
    options: CallOptions,
    state: PagesState<'a, M>,
}

impl<'a, S, M> Pages<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + Paginated + Clone + Send + Unpin + 'a,
{
    /// The next page, or `None` after the last one or an error.
    pub async fn next(&mut self) -> Option<Result<M::Response, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'a, S, M> Stream for Pages<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + Paginated + Clone + Send + Unpin + 'a,
{
    type Item = Result<M::Response, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match std::mem::replace(&mut this.state, PagesState::Done) {
                PagesState::Done => return Poll::Ready(None),
                PagesState::Failed(error) => return Poll::Ready(Some(Err(error))),
                PagesState::Next(request) => {
                    let stub = this.stub;
                    let options = this.options.clone();
                    this.state = PagesState::Fetching(Box::pin(async move {
                        let result = request.clone().dispatch(stub, options).await;
                        (request, result)
                    }));
                }
                PagesState::Fetching(mut fetching) => {
                    let Poll::Ready((mut request, result)) = fetching.as_mut().poll(cx) else {
                        this.state = PagesState::Fetching(fetching);
                        return Poll::Pending;
                    };
                    if let Ok(page) = &result {
                        match M::next_page_token(page) {
                            Some(token)
                                if !token.is_empty() && Some(token) == request.page_token() =>
                            {
                                // The page is good; paging on would repeat it forever.
                                let error = Error::page_token_repeated(token);
                                this.state = PagesState::Failed(error);
                            }
                            Some(token) if !token.is_empty() => {
                                request.set_page_token(token.to_owned());
                                this.state = PagesState::Next(request);
                            }
                            _ => {}
                        }
                    }
                    return Poll::Ready(Some(result));
                }
            }
        }
    }
}

/// The items of every page of a list method: a [`Stream`], also usable
/// with [`Items::next`].
pub struct Items<'a, S: ?Sized, M: PageItems> {
    pages: Pages<'a, S, M>,
    buffer: VecDeque<M::Item>,
}

impl<'a, S, M> Items<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + PageItems + Clone + Send + Unpin + 'a,
    M::Item: Unpin,
{
    /// The next item, or `None` after the last one or an error.
    pub async fn next(&mut self) -> Option<Result<M::Item, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'a, S, M> Stream for Items<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + PageItems + Clone + Send + Unpin + 'a,
    M::Item: Unpin,
{
    type Item = Result<M::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(M::into_items(page)),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Mutex;

    use super::*;
    use crate::{ErrorKind, MethodDescriptor, PathSegment, Query};

    /// A list request: `pageToken` in, `nextPageToken` out.
    #[derive(Debug, Clone, Default, PartialEq)]
    struct List {
        page_token: Option<String>,
        page_size: Option<i32>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        items: Vec<u32>,
        next_page_token: Option<String>,
    }

    impl Method for List {
        const DESCRIPTOR: MethodDescriptor = MethodDescriptor {
            id: "test.things.list",
            http_method: http::Method::GET,
            path_template: "v1/things",
            flat_path: None,
            path: &[PathSegment::Literal("v1/things")],
            path_parameters: &[],
            scopes: &[],
            fully_encode_reserved_expansion: false,
            idempotent: true,
            default_base_url: "https://example.com/",
            service_path: "",
            media: None,
        };
        type RequestBody = ();
        type Response = Page;

        fn path_values(&self) -> Vec<Cow<'_, str>> {
            Vec::new()
        }

        fn write_query(&self, query: &mut Query) {
            query.push("pageToken", self.page_token.as_ref());
        }

        fn body(&self) -> Option<&()> {
            None
        }
    }

    impl Paginated for List {
        fn page_token(&self) -> Option<&str> {
            self.page_token.as_deref()
        }

        fn set_page_token(&mut self, token: String) {
            self.page_token = Some(token);
        }

        fn next_page_token(response: &Page) -> Option<&str> {
            response.next_page_token.as_deref()
        }
    }

    impl PageItems for List {
        type Item = u32;

        fn into_items(response: Page) -> Vec<u32> {
            response.items
        }
    }

    /// For each page token: the page's items and next page token, or an error.
    type Script = Vec<(
        Option<&'static str>,
        Result<(Vec<u32>, Option<&'static str>), ()>,
    )>;

    /// Answers each page token from a script and records the requests with
    /// the quota project of their options.
    struct Mock(Script, Mutex<Vec<(List, Option<String>)>>);

    fn mock(script: Script) -> Mock {
        Mock(script, Mutex::default())
    }

    impl Mock {
        fn tokens_sent(&self) -> Vec<Option<String>> {
            let requests = self.1.lock().unwrap();
            requests.iter().map(|(r, _)| r.page_token.clone()).collect()
        }
    }

    impl Dispatch<Mock> for List {
        fn dispatch(
            self,
            stub: &Mock,
            options: CallOptions,
        ) -> impl Future<Output = Result<Page, Error>> + Send {
            let token = self.page_token.as_deref();
            let answer = match stub.0.iter().find(|(sent, _)| *sent == token) {
                Some((_, Ok((items, next)))) => Ok(Page {
                    items: items.clone(),
                    next_page_token: next.map(str::to_owned),
                }),
                Some((_, Err(()))) => Err(Error::unimplemented(List::DESCRIPTOR.id)),
                None => panic!("unexpected page token {token:?}"),
            };
            let quota_project = options.quota_project().map(str::to_owned);
            stub.1.lock().unwrap().push((self, quota_project));
            std::future::ready(answer)
        }
    }

    /// Runs a future that the mock never makes wait.
    fn ready<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(std::task::Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the mock never waits"),
        }
    }

    fn all_items(mock: &Mock) -> Vec<Result<u32, String>> {
        let options = CallOptions::new().with_quota_project("billing");
        let mut items = Call::new(mock, List::default())
            .with_options(options)
            .items();
        let mut out = Vec::new();
        while let Some(item) = ready(items.next()) {
            out.push(item.map_err(|error| error.to_string()));
        }
        out
    }

    #[test]
    fn pages_follow_next_page_token_until_it_is_empty_or_absent() {
        for last in [None, Some("")] {
            let mock = mock(vec![
                (None, Ok((vec![1, 2], Some("b")))),
                (Some("b"), Ok((vec![], Some("c")))),
                (Some("c"), Ok((vec![3], last))),
            ]);
            assert_eq!(all_items(&mock), [Ok(1), Ok(2), Ok(3)]);
            assert_eq!(
                mock.tokens_sent(),
                [None, Some("b".to_owned()), Some("c".to_owned())]
            );
            let requests = mock.1.lock().unwrap();
            assert!(requests
                .iter()
                .all(|(_, quota)| quota.as_deref() == Some("billing")));
        }
    }

    #[test]
    fn a_repeated_page_token_ends_after_its_page_with_an_error() {
        let mock = mock(vec![
            (None, Ok((vec![1], Some("a")))),
            (Some("a"), Ok((vec![2], Some("a")))),
        ]);
        let mut pages = Call::new(&mock, List::default()).pages();
        assert_eq!(ready(pages.next()).unwrap().unwrap().items, [1]);
        assert_eq!(ready(pages.next()).unwrap().unwrap().items, [2]);
        let error = ready(pages.next()).unwrap().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::RepeatedPageToken, "{error:?}");
        assert_eq!(error.repeated_page_token(), Some("a"));
        assert!(ready(pages.next()).is_none());
        assert_eq!(mock.tokens_sent().len(), 2);
    }

    #[test]
    fn an_error_ends_the_stream() {
        let mock = mock(vec![(None, Ok((vec![1], Some("a")))), (Some("a"), Err(()))]);
        assert_eq!(
            all_items(&mock),
            [
                Ok(1),
                Err("test.things.list is not implemented by this stub".to_owned())
            ]
        );
    }
}
