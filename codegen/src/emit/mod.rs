//! The model → Rust source: `quote!` → `syn::File` → `prettyplease`.
//!
//! One function per kind of item. Emit decides nothing about names or types;
//! it writes what the model says. Imports go one way, with no cycle: `mod`
//! → `model_files`, `resources` → `requests`, `client` → `long_running`,
//! `types` → `objects`, `parameters` and `setters` → the leaves
//! `rust_types`, `features`, `render` and `tokens` (→ `wrap`).

mod client;
mod features;
mod long_running;
mod method_docs;
pub(crate) use method_docs::example_arguments;
mod model_files;
mod objects;
mod parameters;
mod render;
mod requests;
mod resources;
mod rust_types;
mod setters;
mod tokens;
mod types;
mod wrap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{names, reserved, Api, TypeDef, TypeId};
use render::render_file;
use tokens::{doc_attrs, ident, inner_doc_attrs};

/// The files of one version module, relative to its directory (`src/v1/`):
/// `mod.rs`, the model's file or files, and one file per top-level resource.
///
/// Types and resources are emitted and formatted on every core (tokens
/// cannot cross threads, so each thread makes its own from the model), then
/// put back in order: the output is the same as one thread's.
pub fn version_files(api: &Api, header: &str) -> Vec<(String, String)> {
    let types: Vec<(TypeId, &TypeDef)> = api.types.iter().collect();
    let jobs = types.len() + api.resources.len();
    let render = |job: usize| match types.get(job) {
        Some(&(id, def)) => Rendered::Type(model_files::type_source(api, id, def)),
        None => {
            let resource = &api.resources[job - types.len()];
            Rendered::Resource(render_file(header, resources::resource_file(api, resource)))
        }
    };
    let mut type_sources = Vec::with_capacity(types.len());
    let mut resource_sources = Vec::with_capacity(api.resources.len());
    for rendered in in_parallel(jobs, render) {
        match rendered {
            Rendered::Type(source) => type_sources.push(source),
            Rendered::Resource(source) => resource_sources.push(source),
        }
    }
    let mut files = vec![("mod.rs".to_owned(), render_file(header, version_root(api)))];
    files.extend(model_files::model_files(api, &type_sources, header));
    for (resource, source) in api.resources.iter().zip(resource_sources) {
        let name = names::unescaped(&resource.module);
        files.push((format!("{name}.rs"), source));
    }
    files
}

/// What one job of `version_files` makes: a type of the model, or the file
/// of a top-level resource.
enum Rendered {
    Type(model_files::TypeSource),
    Resource(String),
}

/// `render(0..jobs)`, spread over the available cores, in job order.
fn in_parallel<T: Send>(jobs: usize, render: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, jobs.max(1));
    let render = &render;
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..jobs)
                        .step_by(workers)
                        .map(|job| (job, render(job)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(job, _)| *job);
    results.into_iter().map(|(_, result)| result).collect()
}

/// `mod.rs` of a version: its constants, scopes, standard parameters and
/// client, and the declarations of its other files.
fn version_root(api: &Api) -> TokenStream {
    let module_doc = inner_doc_attrs(&module_doc(api));
    let base_url_name = ident(reserved::BASE_URL);
    let base_url = &api.base_url;
    let service_path_name = ident(reserved::SERVICE_PATH);
    let service_path = &api.service_path;
    let mtls = api.mtls_base_url.as_ref().map(|url| {
        let name = ident(reserved::MTLS_BASE_URL);
        quote! {
            /// The mutual-TLS endpoint: `mtlsRootUrl` + `servicePath`.
            pub const #name: &str = #url;
        }
    });
    let scopes_module = ident(reserved::SCOPES_MODULE);
    let scopes = api.scopes.iter().map(|scope| {
        let doc = doc_attrs(&format!("{}\n\n`{}`", scope.doc, scope.url));
        let name = ident(&scope.const_name);
        let url = &scope.url;
        quote! { #doc pub const #name: &str = #url; }
    });
    let standard = types::standard_parameters(api);
    let model_module = ident(reserved::MODEL_MODULE);
    let resources = api.resources.iter().map(|resource| {
        let gate = features::resource_gate(resource);
        let module = ident(&resource.module);
        quote! { #gate #[rustfmt::skip] pub mod #module; }
    });
    let version_client = client::version_client(api);
    quote! {
            #module_doc

            /// The default base URL of requests: `rootUrl` + `servicePath`.
            pub const #base_url_name: &str = #base_url;

            /// `servicePath`: what the client adds to an endpoint given as a
            /// root URL (`ClientBuilder::endpoint`).
            pub const #service_path_name: &str = #service_path;
            #mtls

            /// The OAuth 2.0 scopes of this API.
            pub mod #scopes_module {
                #(#scopes)*
            }

            #standard

            #[rustfmt::skip]
            pub mod #model_module;

            #version_client
            #(#resources)*
    }
}

fn module_doc(api: &Api) -> String {
    let mut doc = format!("{} (`{}`", api.title, api.id);
    if let Some(revision) = &api.revision {
        doc.push_str(&format!(", revision {revision}"));
    }
    doc.push_str(").");
    if !api.doc.is_empty() {
        doc.push_str(&format!("\n\n{}", api.doc));
    }
    if let Some(link) = &api.documentation_link {
        doc.push_str(&format!("\n\nDocumentation: <{link}>"));
    }
    doc
}

/// The crate root: the README as the crate's documentation (so that its
/// quick start is a doctest), the runtime and the version modules.
pub fn lib_rs(modules: &[String], header: &str) -> String {
    let readme = format!("../{}", crate::manifest::README);
    let runtime = ident(reserved::RUNTIME_MODULE);
    let runtime_crate = ident(&crate::runtime_crate::NAME.replace('-', "_"));
    let modules = modules.iter().map(|module| {
        let module = ident(module);
        quote! { #[rustfmt::skip] pub mod #module; }
    });
    render_file(
        header,
        quote! {
            #![doc = include_str!(#readme)]
            // Every item carries the document's description, or says what it is.
            #![warn(missing_docs)]
            // docs.rs shows which feature each gated item needs.
            #![cfg_attr(docsrs, feature(doc_cfg))]
            // Accessor methods are named after the document's resources and
            // methods: `from_x(&self)` is an API call, not a conversion.
            #![allow(clippy::wrong_self_convention)]
            /// The runtime every generated crate shares: errors, options, token
            /// sources and the HTTP client, one type each whatever the API.
            #[doc(inline)]
            pub use ::#runtime_crate as #runtime;
            // Formatted by the generator (prettyplease), not by rustfmt.
            #(#modules)*
        },
    )
}
