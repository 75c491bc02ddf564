//! Every name the generator itself defines in generated code, in one place.
//!
//! The naming policy reserves these before it names anything after the
//! document, and emit writes them from here, so that a name cannot drift
//! between the two. Names the runtime defines (`as_str` and `from_wire`,
//! which `open_enum!` calls) must match `codegen/runtime`.

/// The crate's re-export of the runtime crate.
pub const RUNTIME_MODULE: &str = "runtime";

/// Items of each version module.
pub const BASE_URL: &str = "BASE_URL";
pub const MTLS_BASE_URL: &str = "MTLS_BASE_URL";
pub const SERVICE_PATH: &str = "SERVICE_PATH";
pub const SCOPES_MODULE: &str = "scopes";
/// The module of the schemas' types, so that no schema can take the name
/// of an item the generator defines.
pub const MODEL_MODULE: &str = "model";
pub const STANDARD_PARAMETERS: &str = "StandardParameters";
/// The version's marker type for `runtime::Client`.
pub const VERSION_MARKER: &str = "Api";
/// The version's client, which wraps `runtime::Client<Api>`.
pub const CLIENT: &str = "Client";
/// Type and constant names of a version module the generator defines.
pub const VERSION_ITEMS: &[&str] = &[
    BASE_URL,
    MTLS_BASE_URL,
    SERVICE_PATH,
    STANDARD_PARAMETERS,
    VERSION_MARKER,
    CLIENT,
];

/// The stem of a version module's file, `mod.rs`, beside which each
/// top-level resource has a file named after its module.
pub const VERSION_FILE_STEM: &str = "mod";

/// Features of every generated crate, beside one per top-level resource.
pub const FEATURE_DEFAULT: &str = "default";
pub const FEATURE_CLIENT: &str = "client";
pub const FEATURE_GCP_AUTH: &str = "gcp-auth";
pub const FEATURE_TRACING: &str = "tracing";

/// Methods of the version's client besides the accessors of its resources,
/// named after those of `runtime::Client` (see `codegen/runtime/client.rs`).
pub const CLIENT_BUILDER: &str = "builder";
pub const CLIENT_FROM_HTTP: &str = "from_http";
pub const CLIENT_HTTP: &str = "http";
/// Not a method of `runtime::Client`, but a reader of `client.new()` would
/// take it for a constructor.
pub const CLIENT_NEW: &str = "new";

/// Methods of the traits that clients and accessors implement (`Clone`,
/// `Debug`) and of the prelude's blanket impls: an inherent method of the
/// same name would silently take their place in `client.clone()`.
pub const TRAIT_METHODS: &[&str] = &["clone", "clone_from", "fmt", "to_owned", "into", "try_into"];

/// Names a top-level resource's module cannot take: it sits beside the
/// version's own modules and its file beside `mod.rs`, it is also an accessor
/// method of the version's `Client`, and a cargo feature of the crate.
pub const TOP_LEVEL_RESOURCE_RESERVED: &[&str] = &[
    SCOPES_MODULE,
    MODEL_MODULE,
    RUNTIME_MODULE,
    VERSION_FILE_STEM,
    CLIENT_BUILDER,
    CLIENT_FROM_HTTP,
    CLIENT_HTTP,
    CLIENT_NEW,
    FEATURE_DEFAULT,
    FEATURE_CLIENT,
    FEATURE_TRACING,
    // `gcp-auth` as a module name would spell it, and the optional
    // dependency behind it.
    "gcp_auth",
];

/// The module of the methods declared at the top level of a document.
pub const ROOT_RESOURCE: &str = "root";

/// Types of each resource module are named after the resource's dotted
/// path, so that the types of two resources never clash when imported side
/// by side: the accessor `ProjectsOperations`, the stub trait
/// `ProjectsOperationsStub` (this suffix) and the request types
/// `ProjectsOperationsCancelRequest` (the method's name and this suffix).
pub const STUB_SUFFIX: &str = "stub";
pub const REQUEST_SUFFIX: &str = "request";

/// Inline request and response schemas of a method become types of the
/// `model` module named after the resource path and the method, with these
/// suffixes (`ProjectsRunRequestBody`, `ProjectsRunResponse`).
pub const REQUEST_BODY_SUFFIX: &str = "request body";
pub const RESPONSE_SUFFIX: &str = "response";

/// The type parameter of accessors and stub dispatch, the stub (`S`), which
/// the types of resource modules cannot take.
pub const STUB_TYPE_PARAMETER: &str = "S";

/// Members of a resource accessor.
pub const ACCESSOR_NEW: &str = "new";
pub const ACCESSOR_STUB: &str = "stub";
pub const POLL_UNTIL_DONE: &str = "poll_until_done";
pub const CANCEL_AND_WAIT: &str = "cancel_and_wait";
/// The stub method that gives the polling policy of calls that set none.
pub const DEFAULT_POLL_POLICY: &str = "default_poll_policy";
/// The accessor's method that sends a request type built with its setters.
pub const ACCESSOR_CALL: &str = "call";
/// Accessor and stub members that methods and child resources cannot take.
pub const ACCESSOR_MEMBERS: &[&str] = &[
    ACCESSOR_NEW,
    ACCESSOR_STUB,
    ACCESSOR_CALL,
    POLL_UNTIL_DONE,
    CANCEL_AND_WAIT,
    DEFAULT_POLL_POLICY,
];

/// Members of a request type.
pub const BODY_FIELD: &str = "body";
pub const STANDARD_FIELD: &str = "standard";
/// Request fields that parameters cannot take.
pub const REQUEST_FIELDS: &[&str] = &[BODY_FIELD, STANDARD_FIELD];
pub const CONSTRUCTOR: &str = "new";
/// Optional parameters are set with `with_<field>`.
pub const SETTER_PREFIX: &str = "with_";
pub const STANDARD_SETTER: &str = "with_standard";

/// Members of an open enum.
pub const UNKNOWN_VARIANT: &str = "UnknownValue";
pub const AS_STR: &str = "as_str";
pub const FROM_WIRE: &str = "from_wire";

/// The field of a struct that keeps `additionalProperties` beside `properties`.
pub const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";
/// The field of a struct that keeps the JSON members it does not know. No
/// JSON name becomes it: derived field names never start with `_` and a
/// letter.
pub const UNKNOWN_FIELDS: &str = "_unknown_fields";
/// The field of a struct with fields that lists the members to send as
/// JSON `null` (`runtime::NullFields`), and its setter. No field takes the
/// name `null`, whose setter would be `with_null`.
pub const NULL_FIELDS: &str = "_null_fields";
pub const WITH_NULL: &str = "with_null";
pub const NULL_FIELD: &str = "null";
pub const STRUCT_FIELDS_RESERVED: &[&str] = &[NULL_FIELD];
