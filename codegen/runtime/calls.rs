//! Calls through a stub (the HTTP client, or a mock), and pagination as
//! streams of pages and of items.

use std::collections::VecDeque;
use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::{Error, Method};

/// A request type that stubs of type `S` can send: each resource's `Stub`
/// trait has one method per request type, and this picks it.
pub trait Dispatch<S: ?Sized>: Method + Sized {
    /// Sends the request through `stub`.
    fn dispatch(self, stub: &S) -> impl Future<Output = Result<Self::Response, Error>> + Send;
}

/// A list method: it takes a `pageToken` and its response has a `nextPageToken`.
pub trait Paginated: Method {
    /// The element of the response's list.
    type Item;
    /// The `pageToken` of this request.
    fn page_token(&self) -> Option<&str>;
    /// Sets the `pageToken` of the next request.
    fn set_page_token(&mut self, token: String);
    /// The response's `nextPageToken`; empty or absent on the last page.
    fn next_page_token(response: &Self::Response) -> Option<&str>;
    /// The response's list.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// A request ready to be sent through a stub. It dereferences to the
/// request, so fields can be set before [`Call::send`].
#[derive(Debug)]
pub struct Call<'a, S: ?Sized, M> {
    stub: &'a S,
    request: M,
}

impl<'a, S: ?Sized, M: Dispatch<S>> Call<'a, S, M> {
    /// A call of `request` through `stub`.
    pub fn new(stub: &'a S, request: M) -> Self {
        Call { stub, request }
    }

    /// Changes the request, e.g. `.map(|r| r.with_page_size(10))`.
    pub fn map(self, change: impl FnOnce(M) -> M) -> Self {
        Call {
            stub: self.stub,
            request: change(self.request),
        }
    }

    /// The request.
    pub fn into_request(self) -> M {
        self.request
    }

    /// Sends the request and returns the response.
    pub async fn send(self) -> Result<M::Response, Error> {
        self.request.dispatch(self.stub).await
    }
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
            state: PagesState::Next(self.request),
        }
    }

    /// Every item of every page.
    pub fn items(self) -> Items<'a, S, M> {
        Items {
            pages: self.pages(),
            buffer: VecDeque::new(),
        }
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
                    this.state = PagesState::Fetching(Box::pin(async move {
                        let result = request.clone().dispatch(stub).await;
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
                                let error = Error::RepeatedPageToken(token.to_owned());
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
pub struct Items<'a, S: ?Sized, M: Paginated> {
    pages: Pages<'a, S, M>,
    buffer: VecDeque<M::Item>,
}

impl<'a, S, M> Items<'a, S, M>
where
    S: Sync + ?Sized,
    M: Dispatch<S> + Paginated + Clone + Send + Unpin + 'a,
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
    M: Dispatch<S> + Paginated + Clone + Send + Unpin + 'a,
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
