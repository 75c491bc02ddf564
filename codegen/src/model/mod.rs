//! The resolved, validated description of one API version that `emit` turns
//! into Rust: names chosen, `$ref`s resolved, inline schemas lifted, recursion
//! boxed, path templates parsed. Every error about the document comes from here.
//!
//! [`build`] makes it in one pass: the selected resources and their methods,
//! then the types they reach. What depends on the finished types (empty
//! bodies, pagination, long-running operations) is computed once they are
//! finished, before `build` returns: an [`Api`] is never half-known.

pub(crate) mod docs;
mod features;
mod long_running;
mod media;
mod methods;
pub mod names;
mod pagination;
mod parameters;
pub mod path;
mod recursion;
pub mod reserved;
mod resources;
mod rpc_status;
mod select;
pub use select::has_resource;
mod sendable;
mod type_space;
mod types;

use std::collections::BTreeMap;

use crate::error::Error;
use crate::parse::{RestDescription, RestResource};

pub use features::Features;
pub use long_running::{OperationType, Operations, Wait};
pub use media::Media;
pub use methods::{Body, HttpMethod, Method, MethodScope};
pub use pagination::{ItemList, PageToken, Pagination};
pub use parameters::{Parameter, StandardParameters};
pub use path::Segment;
pub use resources::{client_chains, Resource};
pub use types::{
    AliasDef, Argument, Codec, EnumDef, Field, Holding, Home, Location, RustType, StructDef,
    TypeDef, TypeId, Types, Variant,
};

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
    /// How code outside the crate names it, e.g. `earthengine`, for the
    /// examples in its docs; set by `generate`.
    pub crate_path: String,
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
    /// `servicePath`, which the client adds to an endpoint given as a root.
    pub service_path: String,
    /// `mtlsRootUrl` + `servicePath`, if the document has an mTLS endpoint.
    pub mtls_base_url: Option<String>,
    pub fully_encode_reserved_expansion: bool,
    pub scopes: Vec<Scope>,
    pub types: Types,
    /// The structs shaped like `google.longrunning.Operation`.
    pub operation_types: Vec<OperationType>,
    /// For each type a method sends or returns, those methods: its id and
    /// whether the type is its request body or its response.
    pub used_by: BTreeMap<TypeId, Vec<(String, Use)>>,
    /// The cargo features of the top-level resources, and the types they gate.
    pub features: Features,
    /// The document's global parameters, sent with every method.
    pub standard_parameters: StandardParameters,
    pub resources: Vec<Resource>,
}

/// An OAuth scope: a constant in the `scopes` module.
#[derive(Debug, Clone)]
pub struct Scope {
    pub const_name: String,
    pub url: String,
    pub doc: String,
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
    let site = docs::site_of(document.documentation_link.as_deref());
    let context = Context {
        file,
        document,
        scope_names: &scope_names,
        site: &site,
    };
    let root = RestResource {
        methods: document.methods.clone(),
        resources: BTreeMap::new(),
    };
    let picked = select::select_resources(&context, selection, &root)?;
    let mut type_space = type_space::TypeSpace::new(&context);
    let standard_parameters = parameters::standard_parameters(&context, &mut type_space)?;
    let mut resources = resources::build_resources(&context, &mut type_space, &picked)?;
    if *selection == Selection::All {
        type_space.add_all_schemas()?;
    }
    let types = type_space.finish()?;
    let operation_types = long_running::operation_types(&types);
    resources::finish_resources(&mut resources, &types, &operation_types);
    let features = Features::new(&types, &resources, &standard_parameters);
    let used_by = used_by(&resources);
    Ok(Api {
        crate_path: String::new(),
        module: module.to_owned(),
        id: document.id.clone(),
        title: document.title.clone(),
        doc: context.doc(&document.description),
        revision: document.revision.clone(),
        documentation_link: document.documentation_link.clone(),
        base_url: format!("{}{}", document.root_url, document.service_path),
        service_path: document.service_path.clone(),
        mtls_base_url: document
            .mtls_root_url
            .as_ref()
            .map(|root| format!("{root}{}", document.service_path)),
        fully_encode_reserved_expansion: document.fully_encode_reserved_expansion,
        scopes,
        types,
        operation_types,
        used_by,
        features,
        standard_parameters,
        resources,
    })
}

/// How a method uses a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    RequestBody,
    Response,
}

/// The methods of `resources` (and their children) by the types they send
/// and return, in document order.
fn used_by(resources: &[Resource]) -> BTreeMap<TypeId, Vec<(String, Use)>> {
    fn walk(resources: &[Resource], out: &mut BTreeMap<TypeId, Vec<(String, Use)>>) {
        for resource in resources {
            for method in &resource.methods {
                let uses = [
                    method.body.as_ref().map(|body| (body.ty, Use::RequestBody)),
                    method.response.map(|id| (id, Use::Response)),
                ];
                for (id, role) in uses.into_iter().flatten() {
                    out.entry(id).or_default().push((method.id.clone(), role));
                }
            }
            walk(&resource.resources, out);
        }
    }
    let mut out = BTreeMap::new();
    walk(resources, &mut out);
    out
}

/// The document being resolved, for error messages and lookups.
#[derive(Clone, Copy)]
struct Context<'a> {
    file: &'a str,
    document: &'a RestDescription,
    /// Scope URL → constant name in the `scopes` module.
    scope_names: &'a BTreeMap<String, String>,
    /// Where site-relative links of descriptions point (`docs::site_of`).
    site: &'a str,
}

impl Context<'_> {
    /// A description as rustdoc, its site-relative links resolved.
    fn doc(&self, description: &str) -> String {
        docs::rustdoc_at(description, self.site)
    }

    /// [`Context::doc`], or what `fallback` says the item is when the
    /// document says nothing: no item is left without a doc.
    fn doc_or(&self, description: &str, fallback: impl FnOnce() -> String) -> String {
        let doc = self.doc(description);
        if doc.is_empty() {
            fallback()
        } else {
            doc
        }
    }

    fn error(&self, json_path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(self.file, json_path, message)
    }
}

fn scopes(document: &RestDescription) -> Vec<Scope> {
    let mut namespace = names::Namespace::default();
    let site = docs::site_of(document.documentation_link.as_deref());
    document
        .auth
        .oauth2
        .scopes
        .iter()
        .map(|(url, info)| Scope {
            const_name: namespace.claim(names::shouty(scope_short_name(url))),
            url: url.clone(),
            doc: docs::rustdoc_at(&info.description, &site),
        })
        .collect()
}

/// `https://www.googleapis.com/auth/cloud-platform` → `cloud-platform`;
/// other URLs keep their host and path.
fn scope_short_name(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    without_scheme
        .strip_prefix("www.googleapis.com/auth/")
        .unwrap_or(without_scheme)
}
