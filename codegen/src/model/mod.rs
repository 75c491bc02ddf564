//! The resolved, validated description of one API version that `emit` turns
//! into Rust: names chosen, `$ref`s resolved, inline schemas lifted, recursion
//! boxed, path templates parsed. Every error about the document comes from here.

mod client;
mod docs;
mod methods;
pub mod names;
pub mod path;
mod types;

use std::collections::BTreeMap;

use crate::error::Error;
use crate::parse::RestDescription;

pub use path::Segment;

/// Which resources of a document to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every resource and method, and every schema.
    All,
    /// These resources (dotted paths such as `projects.operations`), with
    /// their nested resources, and the schemas their methods reach.
    Resources(Vec<String>),
}

/// One API version: becomes one module of the generated crate.
#[derive(Debug, Clone)]
pub struct Api {
    /// The module name, e.g. `v1`.
    pub module: String,
    /// The discovery `id`, e.g. `earthengine:v1`.
    pub id: String,
    pub title: String,
    pub doc: String,
    pub revision: Option<String>,
    pub documentation_link: Option<String>,
    /// `rootUrl` + `servicePath`.
    pub base_url: String,
    /// `mtlsRootUrl` + `servicePath`, if the document has an mTLS endpoint.
    pub mtls_base_url: Option<String>,
    pub fully_encode_reserved_expansion: bool,
    pub scopes: Vec<Scope>,
    pub types: Vec<TypeDef>,
    /// Discovery schema name → Rust type name, for the schemas generated.
    pub schema_types: BTreeMap<String, String>,
    /// The document's global parameters, sent with every method.
    pub standard_parameters: StructDef,
    /// The marker type of this version for `runtime::Client`, and the alias
    /// of the client.
    pub version_marker: String,
    pub client_alias: String,
    /// Types that are `google.longrunning.Operation`s: `done` and `error`.
    pub operation_types: Vec<OperationType>,
    pub resources: Vec<Resource>,
}

/// An OAuth scope: a constant in the `scopes` module.
#[derive(Debug, Clone)]
pub struct Scope {
    pub const_name: String,
    pub url: String,
    pub doc: String,
}

/// A named type of the version module (or of a resource module).
#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    /// A schema that is not an object, e.g. an array: `pub type Name = …;`
    Alias {
        name: String,
        doc: String,
        ty: RustType,
    },
    /// A schema that is not an object and contains itself, e.g. an array of
    /// itself, which an alias cannot express: `pub struct Name(pub …);`
    Newtype {
        name: String,
        doc: String,
        ty: RustType,
    },
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(def) => &def.name,
            TypeDef::Enum(def) => &def.name,
            TypeDef::Alias { name, .. } | TypeDef::Newtype { name, .. } => name,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field>,
    /// `additionalProperties` next to `properties`: the remaining keys.
    pub additional: Option<Field>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub rust_name: String,
    pub json_name: String,
    pub doc: String,
    pub ty: RustType,
    pub deprecated: bool,
}

/// An open enum: known values as variants, anything else kept as `UnknownValue`.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub doc: String,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub rust_name: String,
    pub value: String,
    pub doc: String,
    pub deprecated: bool,
}

/// The Rust type of a field or parameter, before `Option` is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Bool,
    I32,
    U32,
    /// `int64`: a JSON string on the wire.
    I64,
    /// `uint64`: a JSON string on the wire.
    U64,
    F32,
    F64,
    /// `google-duration`: `"3.5s"` on the wire.
    Duration,
    /// `byte`: base64 on the wire.
    Bytes,
    /// `type: any`.
    Any,
    /// A type of the version module, by its Rust name.
    Named(String),
    /// A type of the resource module that holds the method.
    Local(String),
    Vec(Box<RustType>),
    Map(Box<RustType>),
    /// A named type that contains itself.
    Boxed(Box<RustType>),
}

impl RustType {
    /// Whether the value is written differently from serde's default (int64 as strings).
    pub fn needs_codec(&self) -> bool {
        match self {
            RustType::I64 | RustType::U64 | RustType::Bytes => true,
            RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => {
                inner.needs_codec()
            }
            _ => false,
        }
    }
}

/// A resource: a module with one request type per method.
#[derive(Debug, Clone)]
pub struct Resource {
    pub module: String,
    /// The dotted path, e.g. `projects.operations`.
    pub path: String,
    /// The module's doc, e.g. "The `projects.operations` resource."
    pub doc: String,
    /// The name of the accessor struct through which a stub calls the
    /// resource's methods, e.g. `Resource`.
    pub accessor_type: String,
    pub methods: Vec<Method>,
    /// Polling helpers, when the resource serves long-running operations.
    pub operations: Option<Operations>,
    /// Enums of method parameters, declared beside the request types.
    pub types: Vec<TypeDef>,
    pub resources: Vec<Resource>,
}

#[derive(Debug, Clone)]
pub struct Method {
    /// The request type's name, e.g. `CancelRequest`.
    pub type_name: String,
    pub id: String,
    pub doc: String,
    /// The first sentence of `doc`, for one-line docs such as the accessor's.
    pub summary: String,
    /// Upper case, e.g. `POST`.
    pub http_method: String,
    pub path_template: String,
    pub flat_path: Option<String>,
    pub path: Vec<Segment>,
    /// Path parameters first (in template order), then query parameters.
    pub parameters: Vec<Parameter>,
    /// The field holding the request body and its type, if the method takes one.
    pub body: Option<(String, String)>,
    /// The response type, if the method returns one.
    pub response: Option<String>,
    pub scopes: Vec<MethodScope>,
    pub media: Option<Media>,
    pub deprecated: bool,
    /// The method's name in the resource's `Stub` trait and accessor, e.g. `cancel`.
    pub accessor: String,
    /// Whether a failed attempt may be retried: GET, HEAD and DELETE, and
    /// the `cancel` and `wait` of `google.longrunning` operations.
    pub idempotent: bool,
    /// Whether the body type has no properties, so that accessors can send
    /// its default instead of taking it as an argument.
    pub body_is_empty: bool,
    pub pagination: Option<Pagination>,
}

/// A struct shaped like `google.longrunning.Operation`, with the Rust names
/// of its `done` and `error` fields.
#[derive(Debug, Clone)]
pub struct OperationType {
    pub name: String,
    pub done_field: String,
    pub error_field: String,
}

/// A list method's page token and items.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The request's `pageToken` field.
    pub page_token: String,
    /// The response's `nextPageToken` field.
    pub next_page_token: String,
    /// The response's list field and its element type.
    pub items: String,
    pub item_type: RustType,
}

/// A resource of `google.longrunning` operations: `get` (and perhaps `wait`
/// and `cancel`) take a `name` and return the operation type.
#[derive(Debug, Clone)]
pub struct Operations {
    pub operation_type: String,
    /// The accessor of `get`.
    pub get: String,
    /// The accessor of `wait` and its body's type and `timeout` field.
    pub wait: Option<(String, String, String)>,
    /// The accessor of `cancel`.
    pub cancel: Option<String>,
}

/// A method's scope: a constant of the `scopes` module, or a URL the
/// document's `auth` block does not list.
#[derive(Debug, Clone)]
pub enum MethodScope {
    Const(String),
    Url(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub rust_name: String,
    /// The setter of an optional parameter, e.g. `with_page_size`.
    pub setter: String,
    pub wire_name: String,
    pub doc: String,
    pub ty: RustType,
    pub location: Location,
    pub required: bool,
    pub repeated: bool,
    pub pattern: Option<String>,
}

/// What a method says about media upload and download.
#[derive(Debug, Clone, Default)]
pub struct Media {
    pub upload: bool,
    pub download: bool,
    pub accept: Vec<String>,
    pub max_size: Option<String>,
    pub max_size_bytes: Option<u64>,
    pub simple_path: Option<String>,
    pub resumable_path: Option<String>,
}

/// Resolves one document. `file` names it in errors; `module` is the version
/// module's name.
pub fn build(
    file: &str,
    document: &RestDescription,
    module: &str,
    selection: &Selection,
) -> Result<Api, Error> {
    let scopes = scopes(document);
    let scope_names = scopes
        .iter()
        .map(|scope| (scope.url.clone(), scope.const_name.clone()))
        .collect();
    let context = Context {
        file,
        document,
        scope_names: &scope_names,
    };
    let root = crate::parse::RestResource {
        methods: document.methods.clone(),
        resources: BTreeMap::new(),
    };
    let resources = methods::select_resources(&context, selection, &root)?;
    let mut type_space = types::TypeSpace::new(&context);
    let standard_parameters = methods::standard_parameters(&context, &mut type_space)?;
    let mut resources = methods::build_resources(&context, &mut type_space, &resources)?;
    if *selection == Selection::All {
        type_space.add_all_schemas()?;
    }
    let version_marker = type_space.claim_name("Api");
    let client_alias = type_space.claim_name("Client");
    let (types, schema_types) = type_space.finish()?;
    let operation_types = client::operation_types(&types);
    client::link_methods_to_types(&mut resources, &types, &operation_types);
    Ok(Api {
        module: module.to_owned(),
        id: document.id.clone(),
        title: document.title.clone(),
        doc: docs::rustdoc(&document.description),
        revision: document.revision.clone(),
        documentation_link: document.documentation_link.clone(),
        base_url: format!("{}{}", document.root_url, document.service_path),
        mtls_base_url: document
            .mtls_root_url
            .as_ref()
            .map(|root| format!("{root}{}", document.service_path)),
        fully_encode_reserved_expansion: document.fully_encode_reserved_expansion,
        scopes,
        types,
        schema_types,
        standard_parameters,
        version_marker,
        client_alias,
        operation_types,
        resources,
    })
}

/// The document being resolved, for error messages and lookups.
#[derive(Clone, Copy)]
struct Context<'a> {
    file: &'a str,
    document: &'a RestDescription,
    /// Scope URL → constant name in the `scopes` module.
    scope_names: &'a BTreeMap<String, String>,
}

impl Context<'_> {
    fn error(&self, json_path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(self.file, json_path, message)
    }
}

fn scopes(document: &RestDescription) -> Vec<Scope> {
    let mut namespace = names::Namespace::default();
    document
        .auth
        .oauth2
        .scopes
        .iter()
        .map(|(url, info)| Scope {
            const_name: namespace.claim(names::shouty(scope_short_name(url))),
            url: url.clone(),
            doc: docs::rustdoc(&info.description),
        })
        .collect()
}

/// `https://www.googleapis.com/auth/cloud-platform` → `cloud-platform`;
/// other URLs keep their host and path.
pub(crate) fn scope_short_name(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    without_scheme
        .strip_prefix("www.googleapis.com/auth/")
        .unwrap_or(without_scheme)
}
