//! Access tokens (feature `client`): the [`TokenSource`] trait, a fixed
//! token, and (feature `gcp-auth`) the `gcp_auth` crate's providers.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::Error;

/// A boxed future, as object-safe traits return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Supplies OAuth 2.0 access tokens. It receives the scopes of the method
/// being called; any one of them grants access. A source that cannot get a
/// token returns [`Error::auth`] with the reason.
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

/// One source shared by several clients, of one API or of several: each
/// client holds a clone of the `Arc`, and a source that caches its token
/// refreshes it once for all of them.
impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn token<'a>(
        &'a self,
        scopes: &'static [&'static str],
    ) -> BoxFuture<'a, Result<String, Error>> {
        T::token(self, scopes)
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
                .map_err(Error::auth)?;
            Ok(token.as_str().to_owned())
        })
    }
}

#[cfg(test)]
mod tests {
    use std::task::{Context, Poll};

    use super::*;

    fn token_of(source: &dyn TokenSource, scopes: &'static [&'static str]) -> String {
        let mut future = source.token(scopes);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(token) => token.unwrap(),
            Poll::Pending => panic!("a static token is ready at once"),
        }
    }

    #[test]
    fn a_static_token_is_the_same_for_every_scope() {
        let source = StaticToken("ya29.secret".to_owned());
        assert_eq!(token_of(&source, &[]), "ya29.secret");
        let scopes = &["https://www.googleapis.com/auth/cloud-platform"];
        assert_eq!(token_of(&source, scopes), "ya29.secret");
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let source = StaticToken("ya29.secret".to_owned());
        let debug = format!("{source:?} {source:#?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(debug.starts_with("StaticToken(..)"), "{debug}");
    }

    #[test]
    fn a_shared_source_answers_through_every_arc() {
        let shared = Arc::new(StaticToken("ya29.shared".to_owned()));
        let as_dyn: Arc<dyn TokenSource> = shared.clone();
        assert_eq!(token_of(&shared, &[]), "ya29.shared");
        assert_eq!(token_of(&as_dyn, &[]), "ya29.shared");
        assert_eq!(Arc::strong_count(&shared), 2);
    }
}
