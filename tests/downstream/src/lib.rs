//! A crate that uses the generated Earth Engine bindings the way a downstream
//! user does: through a path dependency on `generated/`, and nothing else.

use earthengine::runtime::{Error, Method};

/// Builds `request` against the API's default base URL.
pub fn build<M: Method>(request: &M) -> Result<earthengine::runtime::HttpRequest, Error> {
    request.http_request(M::DESCRIPTOR.default_base_url)
}
