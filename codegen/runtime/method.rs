//! The [`Method`] trait that every generated request type implements, and
//! the metadata its constants carry.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::path::expand_path;
use super::path_check::{dot_segment_across_values, validate_path_value};
use super::{Error, InvalidReason, PatternRef, Query};

/// The HTTP request a [`Method`] builds: a JSON body, or an empty one.
pub type HttpRequest = http::Request<Vec<u8>>;

/// One piece of a method's path template, parsed by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment {
    /// Text copied into the path as it is.
    Literal(&'static str),
    /// `{var}`: simple expansion; everything but unreserved characters is percent-encoded.
    Simple(&'static str),
    /// `{+var}`: reserved expansion; reserved characters such as `/` are kept.
    Reserved(&'static str),
}

/// Media upload and download support of a method, as the document declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Media {
    /// The method accepts a media upload (`supportsMediaUpload`).
    pub upload: bool,
    /// The method can return media (`alt=media`, `supportsMediaDownload`).
    pub download: bool,
    /// MIME types the upload accepts, e.g. `image/*`.
    pub accept: &'static [&'static str],
    /// The largest upload, as the document writes it, e.g. `10MB`.
    pub max_size: Option<&'static str>,
    /// [`Self::max_size`] in bytes (binary multiples: 1KB = 1024 bytes).
    pub max_size_bytes: Option<u64>,
    /// The path template of simple uploads, relative to `rootUrl`.
    pub simple_upload_path: Option<&'static str>,
    /// The path template of resumable uploads, relative to `rootUrl`.
    pub resumable_upload_path: Option<&'static str>,
}

/// A path parameter as the discovery document declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathParameter {
    /// The parameter's name in the path template.
    pub name: &'static str,
    /// The regular expression the value must match, if the document gives
    /// one: compiled on the first check, then shared by every later one.
    pub pattern: Option<PatternRef>,
}

/// A method as the discovery document describes it: one constant per
/// request type, [`Method::DESCRIPTOR`].
///
/// Generated crates build it with a struct expression in a constant, which
/// a `#[non_exhaustive]` struct from another crate forbids; so a new field
/// is a breaking change of this crate, released as a new major version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodDescriptor {
    /// The method's discovery id, e.g. `earthengine.projects.operations.cancel`.
    pub id: &'static str,
    /// The HTTP method.
    pub http_method: http::Method,
    /// The path template exactly as in the document, e.g. `v1/{+name}:cancel`.
    pub path_template: &'static str,
    /// The document's `flatPath`, with one variable per path segment, if it has one.
    pub flat_path: Option<&'static str>,
    /// [`Self::path_template`], parsed.
    pub path: &'static [PathSegment],
    /// The path parameters, in the order [`Method::path_values`] returns their values.
    pub path_parameters: &'static [PathParameter],
    /// The OAuth scopes that grant access to this method; any one of them is enough.
    pub scopes: &'static [&'static str],
    /// Whether `{+var}` expansions percent-encode every reserved character but `/`
    /// (the document's `fullyEncodeReservedExpansion`).
    pub fully_encode_reserved_expansion: bool,
    /// Whether sending the request twice has the effect of sending it once,
    /// so that a failed attempt may be retried.
    pub idempotent: bool,
    /// The base URL requests go to unless another is given: `rootUrl` + `servicePath`.
    pub default_base_url: &'static str,
    /// `servicePath`, which an endpoint given as a root URL is completed with.
    pub service_path: &'static str,
    /// What the method accepts and returns as media, for methods that do.
    pub media: Option<Media>,
}

/// A request type for one API method.
///
/// [`Self::DESCRIPTOR`] describes the method as the discovery document does;
/// [`Method::http_request`] turns a value into an [`http::Request`].
pub trait Method {
    /// The method, as the discovery document describes it.
    const DESCRIPTOR: MethodDescriptor;

    /// The JSON body sent with the request; `()` for methods without one.
    type RequestBody: Serialize;
    /// The JSON body the service answers with; `()` for methods without one.
    type Response: DeserializeOwned;

    /// The values of the path parameters, in the order of the descriptor's `path_parameters`.
    fn path_values(&self) -> Vec<Cow<'_, str>>;
    /// Appends the query parameters that are set.
    fn write_query(&self, query: &mut Query);
    /// The request body, if the method takes one.
    fn body(&self) -> Option<&Self::RequestBody>;

    /// The URL path (relative to the base URL) with every path parameter
    /// validated and expanded.
    fn path(&self) -> Result<String, Error> {
        let values = self.path_values();
        let mut checked = Vec::with_capacity(values.len());
        let descriptor = Self::DESCRIPTOR;
        for (parameter, value) in descriptor.path_parameters.iter().zip(&values) {
            validate_path_value(parameter, value)?;
            checked.push((parameter.name, value.as_ref()));
        }
        let fully = descriptor.fully_encode_reserved_expansion;
        let path = expand_path(descriptor.path, &checked, fully);
        match dot_segment_across_values(descriptor.path, &checked, fully, &path) {
            None => Ok(path),
            Some((name, value)) => Err(Error::invalid_parameter(
                name,
                value,
                InvalidReason::DotSegment,
            )),
        }
    }

    /// Builds the HTTP request against `base_url` (the descriptor's
    /// `default_base_url`, or another such as a local server).
    ///
    /// Nothing is built when a path parameter is invalid.
    fn http_request(&self, base_url: &str) -> Result<HttpRequest, Error> {
        let mut url = String::from(base_url);
        if !url.ends_with('/') {
            url.push('/');
        }
        url.push_str(&self.path()?);
        let mut query = Query::default();
        self.write_query(&mut query);
        query.append_to(&mut url);

        let mut builder = http::Request::builder()
            .method(Self::DESCRIPTOR.http_method)
            .uri(url);
        let body = match self.body() {
            Some(body) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(body).map_err(Error::serialization)?
            }
            None => Vec::new(),
        };
        builder.body(body).map_err(Error::invalid_request)
    }

    /// Builds the HTTP request against an endpoint given as a root URL
    /// (`http://127.0.0.1:9023`), to which the descriptor's `service_path`
    /// is added.
    fn http_request_for_endpoint(&self, root_url: &str) -> Result<HttpRequest, Error> {
        self.http_request(&join_endpoint(root_url, Self::DESCRIPTOR.service_path))
    }
}

/// `root_url` and `service_path` joined by exactly one `/`.
pub(crate) fn join_endpoint(root_url: &str, service_path: &str) -> String {
    let root = root_url.trim_end_matches('/');
    let path = service_path.trim_start_matches('/');
    format!("{root}/{path}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, InvalidReason, PathPattern};

    /// `POST v1/{+name}:move/{target}` with a JSON body and one query parameter.
    struct Move {
        name: String,
        target: String,
        body: Option<serde_json::Value>,
        page_size: Option<i32>,
    }

    impl Method for Move {
        const DESCRIPTOR: MethodDescriptor = MethodDescriptor {
            id: "test.things.move",
            http_method: http::Method::POST,
            path_template: "v1/{+name}:move/{target}",
            flat_path: None,
            path: &[
                PathSegment::Literal("v1/"),
                PathSegment::Reserved("name"),
                PathSegment::Literal(":move/"),
                PathSegment::Simple("target"),
            ],
            path_parameters: &[
                PathParameter {
                    name: "name",
                    pattern: Some(PatternRef(|| {
                        static PATTERN: PathPattern = PathPattern::new("^things/[^/]+$");
                        &PATTERN
                    })),
                },
                PathParameter {
                    name: "target",
                    pattern: None,
                },
            ],
            scopes: &[],
            fully_encode_reserved_expansion: true,
            idempotent: false,
            default_base_url: "https://example.com/",
            service_path: "things/",
            media: None,
        };
        type RequestBody = serde_json::Value;
        type Response = ();

        fn path_values(&self) -> Vec<Cow<'_, str>> {
            vec![Cow::Borrowed(&self.name), Cow::Borrowed(&self.target)]
        }

        fn write_query(&self, query: &mut Query) {
            query.push("pageSize", self.page_size.as_ref());
        }

        fn body(&self) -> Option<&serde_json::Value> {
            self.body.as_ref()
        }
    }

    fn request(name: &str, target: &str) -> Move {
        Move {
            name: name.to_owned(),
            target: target.to_owned(),
            body: None,
            page_size: None,
        }
    }

    #[test]
    fn media_defaults_to_none() {
        assert_eq!(Move::DESCRIPTOR.media, None);
    }

    #[test]
    fn path_expands_each_parameter_by_its_segment_kind() {
        let path = request("things/a:b c", "x/y").path().unwrap();
        assert_eq!(path, "v1/things/a%3Ab%20c:move/x%2Fy");
    }

    #[test]
    fn an_endpoint_gets_the_service_path_and_joins_with_one_slash() {
        assert_eq!(
            join_endpoint("http://h:1", "storage/v1/"),
            "http://h:1/storage/v1/"
        );
        assert_eq!(
            join_endpoint("http://h:1/", "/storage/v1/"),
            "http://h:1/storage/v1/"
        );
        assert_eq!(join_endpoint("http://h:1/", ""), "http://h:1/");
        let built = request("things/a", "b")
            .http_request_for_endpoint("http://127.0.0.1:8080/")
            .unwrap();
        let expected = format!(
            "http://127.0.0.1:8080/{}v1/things/a:move/b",
            Move::DESCRIPTOR.service_path
        );
        assert_eq!(built.uri().to_string(), expected);
    }

    #[test]
    fn http_request_joins_base_url_path_and_query() {
        let mut move_ = request("things/a", "b");
        move_.page_size = Some(5);
        for base in ["http://127.0.0.1:8080", "http://127.0.0.1:8080/"] {
            let built = move_.http_request(base).unwrap();
            assert_eq!(
                built.uri().to_string(),
                "http://127.0.0.1:8080/v1/things/a:move/b?pageSize=5"
            );
            assert_eq!(built.method(), http::Method::POST);
        }
    }

    #[test]
    fn a_body_is_json_with_its_content_type_and_none_is_empty() {
        let mut move_ = request("things/a", "b");
        let built = move_
            .http_request(Move::DESCRIPTOR.default_base_url)
            .unwrap();
        assert!(built.body().is_empty());
        assert!(built.headers().get(http::header::CONTENT_TYPE).is_none());

        move_.body = Some(serde_json::json!({"k": [1, "2"]}));
        let built = move_
            .http_request(Move::DESCRIPTOR.default_base_url)
            .unwrap();
        assert_eq!(built.body().as_slice(), br#"{"k":[1,"2"]}"#);
        assert_eq!(
            built.headers()[http::header::CONTENT_TYPE],
            "application/json"
        );
    }

    #[test]
    fn an_invalid_parameter_names_itself_and_nothing_is_built() {
        let cases = [
            (
                "other/a",
                "b",
                "name",
                InvalidReason::Pattern("^things/[^/]+$"),
            ),
            ("things/a", "", "target", InvalidReason::Empty),
            ("things/a", "..", "target", InvalidReason::DotSegment),
        ];
        for (name, target, parameter, expected) in cases {
            match request(name, target).http_request(Move::DESCRIPTOR.default_base_url) {
                Err(error) if error.kind() == ErrorKind::InvalidParameter => assert_eq!(
                    (error.parameter_name(), error.invalid_reason()),
                    (Some(parameter), Some(&expected))
                ),
                other => panic!("{name:?} {target:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn a_base_url_that_is_not_a_uri_is_an_http_error() {
        let result = request("things/a", "b").http_request("http://exa mple.com");
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{error:?}");
        let source = std::error::Error::source(&error).unwrap();
        assert!(source.is::<http::Error>(), "{source:?}");
    }
}
