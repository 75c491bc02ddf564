//! The runtime that every crate generated from a Google API discovery
//! document depends on: the [`Method`] trait that request types implement,
//! RFC 6570 path expansion with parameter validation, query encoding, the
//! [`Error`] type, serde helpers for Google's wire formats, calls and
//! pagination over any stub, and (with the `client` feature) the HTTP client.
//!
//! Generated crates re-export this crate as their module `runtime`, so
//! `earthengine::runtime::Error` and `storage::runtime::Error` are one type:
//! a program using several generated APIs implements `TokenSource` once,
//! passes the same [`CallOptions`] to every client and handles every error
//! with one function.
//!
//! What users call is documented here. Items hidden from the documentation
//! (`#[doc(hidden)]`) are plumbing for generated code: the codecs of
//! `#[serde(with)]` attributes, path expansion, query writing and operation
//! polling. They are public only because generated modules reach them by
//! path, and are not part of the API.

#![warn(missing_docs)]

mod base64;
mod calls;
mod codec;
mod duration;
mod error;
mod error_access;
mod error_kind;
mod method;
mod nulls;
mod object;
mod open_enum;
mod options;
mod pages;
mod path;
mod path_check;
mod policies;
mod query;
mod service_error;
mod status;

#[cfg(feature = "client")]
mod auth;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod operation;
#[cfg(feature = "client")]
mod response;
#[cfg(feature = "client")]
mod trace;
#[cfg(feature = "client")]
mod transport;

pub use self::calls::{Call, Dispatch};
pub use self::duration::{Duration, DurationError};
pub use self::error::Error;
pub use self::error_kind::{ErrorKind, InvalidHeaderReason, InvalidReason};
pub use self::method::{HttpRequest, Media, Method, MethodDescriptor, PathParameter, PathSegment};
pub use self::nulls::NullFields;
pub use self::open_enum::UnknownEnumValue;
pub use self::options::{CallOptions, DEFAULT_ATTEMPT_TIMEOUT, OWNED_HEADERS};
pub use self::pages::{Items, PageItems, Pages, Paginated};
pub use self::path_check::{PathPattern, PatternRef};
pub use self::policies::{ExponentialBackoff, NoRetry, PollPolicy, RetryPolicy};
pub use self::query::Query;
pub use self::service_error::{ServiceError, MAX_ERROR_BODY};
pub use self::status::{Code, Status};

#[cfg(feature = "client")]
pub use self::auth::{BoxFuture, StaticToken, TokenSource};
#[cfg(feature = "client")]
pub use self::client::{Client, ClientBuilder};
#[cfg(feature = "client")]
pub use self::transport::HttpClient;

/// Plumbing for generated code, in one place: the codecs of
/// `#[serde(with)]` attributes, JSON objects, path expansion and validation,
/// query writing and operation polling. Public only because generated
/// modules reach it by path; not part of the API, and free to change.
#[doc(hidden)]
pub mod __private {
    pub use super::base64::{base64_decode, base64_encode, Base64};
    #[cfg(feature = "client")]
    pub use super::client::ApiVersion;
    pub use super::codec::{As, Codec, Int64};
    pub use super::object::{
        deserialize_object, read_with, serialize_object, write_entries, write_entries_with,
        write_member, write_member_with, JsonObject, MemberKey,
    };
    pub use super::open_enum::unknown_enum_value;
    #[cfg(feature = "client")]
    pub use super::operation::{poll_until_done, status_of, LongRunningOperation};
    pub use super::path::expand_path;
    pub use super::path_check::validate_path_value;
    pub use super::query::{ParamValue, WriteQuery};

    pub use crate::{json_object, open_enum};
}
