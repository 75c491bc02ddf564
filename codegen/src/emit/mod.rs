//! The model → Rust source: `quote!` → `syn::File` → `prettyplease`.
//!
//! One function per kind of item. Emit decides nothing about names or types;
//! it writes what the model says.

mod client;
mod methods;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{names, Api};

/// The one way emit makes an identifier. Names come from `model::names`,
/// which only produces valid ones; this checks again, so that no text from a
/// document reaches `Ident::new` unchecked. `r#` marks raw identifiers.
pub(crate) fn ident(name: &str) -> Ident {
    assert!(
        names::is_identifier(name),
        "generator bug: {name:?} is not a valid identifier"
    );
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes, one per line, so that prettyplease writes `///` lines.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// `#![doc]` attributes (`//!` lines) for the top of a file.
fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

/// Each line with the space rustdoc expects after `///`.
fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// Formats tokens that form a whole file.
pub(crate) fn format_file(header: &str, tokens: TokenStream) -> String {
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        // Emit builds only valid items; this would be a generator bug.
        Err(error) => panic!("generated tokens do not parse as a Rust file: {error}"),
    };
    format!("{header}\n{}", prettyplease::unparse(&file))
}

/// The source of one version module.
pub fn version_module(api: &Api, header: &str) -> String {
    let module_doc = inner_doc_attrs(&module_doc(api));
    let base_url = &api.base_url;
    let mtls = api.mtls_base_url.as_ref().map(|url| {
        quote! {
            /// The mutual-TLS endpoint: `mtlsRootUrl` + `servicePath`.
            pub const MTLS_BASE_URL: &str = #url;
        }
    });
    let scopes = api.scopes.iter().map(|scope| {
        let doc = doc_attrs(&format!("{}\n\n`{}`", scope.doc, scope.url));
        let name = ident(&scope.const_name);
        let url = &scope.url;
        quote! { #doc pub const #name: &str = #url; }
    });
    let standard = types::standard_parameters(api);
    let types = api.types.iter().map(|def| types::type_def(api, def));
    let resources = api
        .resources
        .iter()
        .map(|resource| methods::resource_module(api, resource));
    let version_client = client::version_client(api);
    format_file(
        header,
        quote! {
            #module_doc

            /// The default base URL of requests: `rootUrl` + `servicePath`.
            pub const BASE_URL: &str = #base_url;
            #mtls

            /// The OAuth 2.0 scopes of this API.
            pub mod scopes {
                #(#scopes)*
            }

            #standard
            #(#types)*
            #version_client
            #(#resources)*
        },
    )
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

/// The crate root: module declarations.
pub fn lib_rs(doc: &str, modules: &[String], header: &str) -> String {
    let doc = inner_doc_attrs(doc);
    let modules = modules.iter().map(|module| {
        let module = ident(module);
        quote! { #[rustfmt::skip] pub mod #module; }
    });
    format_file(
        header,
        quote! {
            #doc
            // Formatted by the generator (prettyplease), not by rustfmt.
            #[rustfmt::skip]
            pub mod runtime;
            #(#modules)*
        },
    )
}
