//! Runtime support shared by every generated module: the [`Method`] trait that
//! request types implement, RFC 6570 path expansion with parameter validation,
//! query encoding, the [`Error`] type, serde helpers for Google's wire formats,
//! calls and pagination over any stub, and (with the `client` feature) the
//! HTTP client.
//!
//! These files are copied verbatim into every crate the generator writes, so
//! a generated crate is self-contained.

mod calls;
#[cfg(feature = "client")]
mod client;
mod status;

pub use calls::*;
#[cfg(feature = "client")]
pub use client::*;
pub use status::*;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Mutex, OnceLock};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
    /// The regular expression the value must match, if the document gives one.
    pub pattern: Option<&'static str>,
}

/// A request type for one API method.
///
/// The associated constants describe the method as the discovery document does;
/// [`Method::http_request`] turns a value into an [`http::Request`].
pub trait Method {
    /// The method's discovery id, e.g. `earthengine.projects.operations.cancel`.
    const ID: &'static str;
    /// The HTTP method.
    const HTTP_METHOD: http::Method;
    /// The path template exactly as in the document, e.g. `v1/{+name}:cancel`.
    const PATH_TEMPLATE: &'static str;
    /// The document's `flatPath`, with one variable per path segment, if it has one.
    const FLAT_PATH: Option<&'static str>;
    /// [`Self::PATH_TEMPLATE`], parsed.
    const PATH: &'static [PathSegment];
    /// The path parameters, in the order [`Method::path_values`] returns their values.
    const PATH_PARAMETERS: &'static [PathParameter];
    /// The OAuth scopes that grant access to this method; any one of them is enough.
    const SCOPES: &'static [&'static str];
    /// Whether `{+var}` expansions percent-encode every reserved character but `/`
    /// (the document's `fullyEncodeReservedExpansion`).
    const FULLY_ENCODE_RESERVED_EXPANSION: bool;
    /// The base URL requests go to unless another is given: `rootUrl` + `servicePath`.
    const DEFAULT_BASE_URL: &'static str;
    /// What the method accepts and returns as media, for methods that do.
    const MEDIA: Option<Media> = None;
    /// Whether sending the request twice has the effect of sending it once,
    /// so that a failed attempt may be retried.
    const IDEMPOTENT: bool;

    /// The JSON body sent with the request; `()` for methods without one.
    type RequestBody: Serialize;
    /// The JSON body the service answers with; `()` for methods without one.
    type Response: DeserializeOwned;

    /// The values of the path parameters, in the order of [`Self::PATH_PARAMETERS`].
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
        for (parameter, value) in Self::PATH_PARAMETERS.iter().zip(&values) {
            validate_path_value(parameter, value)?;
            checked.push((parameter.name, value.as_ref()));
        }
        Ok(expand_path(
            Self::PATH,
            &checked,
            Self::FULLY_ENCODE_RESERVED_EXPANSION,
        ))
    }

    /// Builds the HTTP request against `base_url` (see [`Self::DEFAULT_BASE_URL`]).
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

        let mut builder = http::Request::builder().method(Self::HTTP_METHOD).uri(url);
        let body = match self.body() {
            Some(body) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(body).map_err(Error::Body)?
            }
            None => Vec::new(),
        };
        builder.body(body).map_err(Error::Http)
    }
}

/// Why a request could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A path parameter's value was rejected before anything was built.
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The rejected value.
        value: String,
        /// What the value must satisfy.
        reason: InvalidReason,
    },
    /// The request body could not be serialized.
    Body(serde_json::Error),
    /// The URL or a header was not valid for an HTTP request.
    Http(http::Error),
    /// The stub does not implement the method with this id.
    Unimplemented(&'static str),
    /// No access token could be obtained.
    Auth(Box<dyn std::error::Error + Send + Sync>),
    /// The request could not be sent, or the response not received.
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// No complete response arrived within the client's timeout.
    Timeout,
    /// The service answered with an error status.
    Service(Box<ServiceError>),
    /// The service answered with success, but not with the JSON the method returns.
    Decode {
        /// The decoding error.
        error: serde_json::Error,
        /// The start of the body, at most [`MAX_ERROR_BODY`] bytes.
        body: String,
    },
    /// A long-running operation finished with an error.
    Operation(Status),
    /// A long-running operation was not done by the deadline.
    Deadline,
    /// A list method returned the page token it was sent, which would page forever.
    RepeatedPageToken(String),
}

/// The rule a path parameter's value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidReason {
    /// The value does not match the parameter's `pattern`.
    Pattern(&'static str),
    /// The value is empty.
    Empty,
    /// The value has a `.` or `..` path segment (`%2E` counts as `.`), which would make the request
    /// address another resource once the URL is normalized.
    DotSegment,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter {
                name,
                value,
                reason,
            } => {
                write!(f, "invalid value {value:?} for path parameter `{name}`: ")?;
                match reason {
                    InvalidReason::Pattern(pattern) => {
                        write!(f, "it does not match the pattern `{pattern}`")
                    }
                    InvalidReason::Empty => f.write_str("it must not be empty"),
                    InvalidReason::DotSegment => {
                        f.write_str("it must not contain `.` or `..` as a path segment")
                    }
                }
            }
            Error::Body(error) => write!(f, "cannot serialize the request body: {error}"),
            Error::Http(error) => write!(f, "cannot build the HTTP request: {error}"),
            Error::Unimplemented(id) => write!(f, "{id} is not implemented by this stub"),
            Error::Auth(error) => write!(f, "cannot get an access token: {error}"),
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::Timeout => f.write_str("no response within the timeout"),
            Error::Service(error) => write!(f, "{error}"),
            Error::Decode { error, body } => {
                write!(f, "unexpected response body ({error}): {body}")
            }
            Error::Operation(status) => write!(f, "the operation failed: {status}"),
            Error::Deadline => f.write_str("the operation was not done by the deadline"),
            Error::RepeatedPageToken(token) => {
                write!(
                    f,
                    "the service returned the page token {token:?} it was sent"
                )
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Body(error) | Error::Decode { error, .. } => Some(error),
            Error::Http(error) => Some(error),
            Error::Auth(error) | Error::Transport(error) => Some(error.as_ref()),
            _ => None,
        }
    }
}

/// Checks a path parameter's value before it is expanded.
pub fn validate_path_value(parameter: &PathParameter, value: &str) -> Result<(), Error> {
    let invalid = |reason| Error::InvalidParameter {
        name: parameter.name,
        value: value.to_owned(),
        reason,
    };
    if value.is_empty() {
        return Err(invalid(InvalidReason::Empty));
    }
    // `%2F` counts as `/`: servers that decode it before normalizing the
    // path see a segment boundary there.
    let separated = value.replace("%2F", "/").replace("%2f", "/");
    if separated.split('/').any(is_dot_segment) {
        return Err(invalid(InvalidReason::DotSegment));
    }
    if let Some(pattern) = parameter.pattern {
        if !pattern_matches(pattern, value) {
            return Err(invalid(InvalidReason::Pattern(pattern)));
        }
    }
    Ok(())
}

/// `.` or `..`, also spelled with `%2E`, which URL normalization decodes.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.replace("%2E", ".").replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Matches `value` against a pattern from the discovery document. Patterns are
/// compiled once and cached; the generator has already checked that they compile.
fn pattern_matches(pattern: &'static str, value: &str) -> bool {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, regex_lite::Regex>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(regex) = cache.get(pattern) {
        return regex.is_match(value);
    }
    match regex_lite::Regex::new(pattern) {
        Ok(regex) => {
            let matched = regex.is_match(value);
            cache.insert(pattern, regex);
            matched
        }
        // Unreachable for generated code; refuse rather than send unchecked input.
        Err(_) => false,
    }
}

/// Expands a parsed path template (RFC 6570 levels 1 and 2).
///
/// Values are looked up by name in `values`; a missing variable expands to
/// nothing. On top of the RFC, `?` and `#` are always percent-encoded, so no
/// value can start a query string or fragment. With `fully_encode_reserved`,
/// `{+var}` keeps only unreserved characters and `/`.
pub fn expand_path(
    template: &[PathSegment],
    values: &[(&str, &str)],
    fully_encode_reserved: bool,
) -> String {
    let lookup = |name: &str| {
        values
            .iter()
            .find(|(candidate, _)| *candidate == name)
            .map_or("", |(_, value)| *value)
    };
    let mut out = String::new();
    for segment in template {
        match *segment {
            PathSegment::Literal(text) => out.push_str(text),
            PathSegment::Simple(name) => encode_simple(lookup(name), &mut out),
            PathSegment::Reserved(name) if fully_encode_reserved => {
                encode_fully_reserved(lookup(name), &mut out)
            }
            PathSegment::Reserved(name) => encode_reserved(lookup(name), &mut out),
        }
    }
    out
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// RFC 3986 reserved characters, minus `?` and `#`.
fn is_reserved_in_path(byte: u8) -> bool {
    matches!(
        byte,
        b':' | b'/'
            | b'['
            | b']'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
    )
}

fn push_escaped(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0xF)]));
}

fn encode_where(value: &str, keep: impl Fn(u8) -> bool, out: &mut String) {
    for &byte in value.as_bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            push_escaped(byte, out);
        }
    }
}

fn encode_simple(value: &str, out: &mut String) {
    encode_where(value, is_unreserved, out);
}

fn encode_fully_reserved(value: &str, out: &mut String) {
    encode_where(value, |byte| is_unreserved(byte) || byte == b'/', out);
}

/// Reserved expansion as RFC 6570 §3.2.3 has it: reserved characters and
/// existing percent-encoded triplets pass through.
fn encode_reserved(value: &str, out: &mut String) {
    let bytes = value.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        let is_triplet = byte == b'%'
            && bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit);
        if is_unreserved(byte) || is_reserved_in_path(byte) || is_triplet {
            out.push(char::from(byte));
        } else {
            push_escaped(byte, out);
        }
    }
}

/// The query string of a request, built by [`Method::write_query`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
}

impl Query {
    /// Adds `name=value` when the value is set.
    pub fn push<T: ParamValue + ?Sized>(&mut self, name: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.pairs.push((name, value.to_param().into_owned()));
        }
    }

    /// Adds `name=value` once per value, for repeated parameters.
    pub fn push_all<T: ParamValue>(&mut self, name: &'static str, values: &[T]) {
        for value in values {
            self.push(name, Some(value));
        }
    }

    /// The pairs added so far, in order.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    /// Appends `?name=value&…` to `url`, percent-encoding names and values.
    pub fn append_to(&self, url: &mut String) {
        for (index, (name, value)) in self.pairs.iter().enumerate() {
            url.push(if index == 0 { '?' } else { '&' });
            encode_simple(name, url);
            url.push('=');
            encode_simple(value, url);
        }
    }
}

/// Types that add query parameters to a request, such as a version's `StandardParameters`.
pub trait WriteQuery {
    /// Appends the parameters that are set.
    fn write_query(&self, query: &mut Query);
}

/// A value that can be sent as a path or query parameter.
pub trait ParamValue {
    /// The value as it is written in the URL, before percent-encoding.
    fn to_param(&self) -> Cow<'_, str>;
}

impl ParamValue for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ParamValue for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! param_value_by_display {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            fn to_param(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

param_value_by_display!(bool, i32, u32, i64, u64, f32, f64, Duration);

/// Implements serde, [`fmt::Display`] and [`ParamValue`] for an open enum
/// (one with `as_str` and `from_wire` and an `UnknownValue(String)` variant):
/// values this crate does not know are kept and written back unchanged.
// Unused in crates whose documents have no enums.
#[allow(unused_macros)]
macro_rules! open_enum {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value =
                    <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::runtime::ParamValue for $name {
            fn to_param(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use open_enum;

/// A signed span of time, written on the wire as `google-duration`: seconds
/// with up to nine fractional digits and an `s` suffix, e.g. `"3.5s"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    /// Whole seconds; negative for negative durations.
    pub seconds: i64,
    /// Nanoseconds, `-999_999_999..=999_999_999`, with the sign of `seconds`.
    pub nanos: i32,
}

impl Duration {
    /// `seconds` plus `nanos`, normalized so that both have the same sign
    /// and `nanos` is less than a second (saturating at the extremes).
    pub const fn new(seconds: i64, nanos: i32) -> Self {
        const NANOS: i128 = 1_000_000_000;
        let total = seconds as i128 * NANOS + nanos as i128;
        let whole = total / NANOS;
        let seconds = if whole > i64::MAX as i128 {
            i64::MAX
        } else if whole < i64::MIN as i128 {
            i64::MIN
        } else {
            whole as i64
        };
        Duration {
            seconds,
            nanos: (total % NANOS) as i32,
        }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Duration {
            seconds: i64::try_from(value.as_secs()).unwrap_or(i64::MAX),
            nanos: i32::try_from(value.subsec_nanos()).unwrap_or(0),
        }
    }
}

impl TryFrom<Duration> for std::time::Duration {
    type Error = DurationError;

    /// Fails for negative durations, which `std::time::Duration` cannot hold.
    fn try_from(value: Duration) -> Result<Self, Self::Error> {
        match (u64::try_from(value.seconds), u32::try_from(value.nanos)) {
            (Ok(seconds), Ok(nanos)) => Ok(std::time::Duration::new(seconds, nanos)),
            _ => Err(DurationError(format!("{value} is negative"))),
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.seconds < 0 || self.nanos < 0;
        let seconds = self.seconds.unsigned_abs();
        let nanos = self.nanos.unsigned_abs();
        if negative {
            f.write_str("-")?;
        }
        if nanos == 0 {
            return write!(f, "{seconds}s");
        }
        let fraction = format!("{nanos:09}");
        write!(f, "{seconds}.{}s", fraction.trim_end_matches('0'))
    }
}

/// A string that is not a valid `google-duration`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DurationError {}

impl std::str::FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            DurationError(format!(
                "invalid duration {text:?}: expected seconds with up to nine fractional digits and an `s` suffix, e.g. \"3.5s\""
            ))
        };
        let body = text.strip_suffix('s').ok_or_else(invalid)?;
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
            return Err(invalid());
        }
        if body.contains('.') && fraction.is_empty() {
            return Err(invalid());
        }
        let seconds: i64 = whole.parse().map_err(|_| invalid())?;
        let nanos: i32 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<9}").parse().map_err(|_| invalid())?
        };
        Ok(if negative {
            Duration::new(-seconds, -nanos)
        } else {
            Duration::new(seconds, nanos)
        })
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Serializes a field through a [`Codec`]: `#[serde(with = "As::<Option<Int64>>")]`.
///
/// Codecs compose: `Option<C>`, `Vec<C>` and `BTreeMap<String, C>` apply `C`
/// to every element.
pub struct As<C>(PhantomData<C>);

impl<C> As<C> {
    /// Writes `value` as the codec `C` has it.
    pub fn serialize<T, S>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        C: Codec<T>,
        S: Serializer,
    {
        C::write(value, serializer)
    }

    /// Reads a value as the codec `C` has it.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, D::Error>
    where
        C: Codec<T>,
        D: Deserializer<'de>,
    {
        C::read(deserializer)
    }
}

/// A wire format for values of type `T` that differs from serde's default.
pub trait Codec<T> {
    /// Writes `value`.
    fn write<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads a value.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Serializes one value through the codec `C`.
struct Written<'a, C, T>(&'a T, PhantomData<C>);

impl<C: Codec<T>, T> Serialize for Written<'_, C, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::write(self.0, serializer)
    }
}

/// Deserializes one value through the codec `C`.
struct Read<C, T>(T, PhantomData<C>);

impl<'de, C: Codec<T>, T> Deserialize<'de> for Read<C, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        C::read(deserializer).map(|value| Read(value, PhantomData))
    }
}

impl<C: Codec<T>, T> Codec<Option<T>> for Option<C> {
    fn write<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Written::<C, T>(value, PhantomData)),
            None => serializer.serialize_none(),
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        let value = Option::<Read<C, T>>::deserialize(deserializer)?;
        Ok(value.map(|read| read.0))
    }
}

impl<C: Codec<T>, T> Codec<Vec<T>> for Vec<C> {
    fn write<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(|item| Written::<C, T>(item, PhantomData)))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let values = Vec::<Read<C, T>>::deserialize(deserializer)?;
        Ok(values.into_iter().map(|read| read.0).collect())
    }
}

impl<C: Codec<T>, T> Codec<BTreeMap<String, T>> for BTreeMap<String, C> {
    fn write<S: Serializer>(value: &BTreeMap<String, T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            value
                .iter()
                .map(|(key, item)| (key, Written::<C, T>(item, PhantomData))),
        )
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, T>, D::Error> {
        let values = BTreeMap::<String, Read<C, T>>::deserialize(deserializer)?;
        Ok(values
            .into_iter()
            .map(|(key, read)| (key, read.0))
            .collect())
    }
}

/// `int64` and `uint64`: written as JSON strings (JSON numbers lose precision
/// above 2^53); read from a string or a number, range-checked.
pub struct Int64;

/// A JSON string or number, for reading 64-bit integers.
#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(serde_json::Number),
}

impl StringOrNumber {
    fn parse<T: std::str::FromStr, E: serde::de::Error>(self) -> Result<T, E> {
        let text = match self {
            StringOrNumber::String(text) => text,
            StringOrNumber::Number(number) => number.to_string(),
        };
        text.parse().map_err(|_| {
            E::custom(format_args!(
                "invalid {} value {text:?}",
                std::any::type_name::<T>()
            ))
        })
    }
}

macro_rules! int64_codec {
    ($($ty:ty),*) => {$(
        impl Codec<$ty> for Int64 {
            fn write<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(value)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                StringOrNumber::deserialize(deserializer)?.parse()
            }
        }
    )*};
}

int64_codec!(i64, u64);

/// `byte`: base64. Written in the standard alphabet with padding; read in
/// the standard or the URL-safe alphabet, padded or not.
pub struct Base64;

impl Codec<Vec<u8>> for Base64 {
    fn write<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(value))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64_decode(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("invalid base64 {text:?}")))
    }
}

impl ParamValue for Vec<u8> {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(base64_encode(self))
    }
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &byte)| n | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (n >> (18 - 6 * i)) & 0x3F;
                out.push(char::from(BASE64_ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard or URL-safe base64, with or without padding.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let unpadded = text.trim_end_matches('=');
    let padding = text.len() - unpadded.len();
    // Padding, when present, completes the last group of four.
    if unpadded.len() % 4 == 1 || (padding > 0 && (padding > 2 || !text.len().is_multiple_of(4))) {
        return None;
    }
    let text = unpadded;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    // Leftover bits must be zero, so that every text decodes one way only.
    (bits == 0).then_some(out)
}
