//! One module per resource: its request types, parameter enums, client
//! layer and child resources. A top-level resource is a file of its own.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::resource_client;
use super::requests::request_type;
use super::tokens::{doc_attrs, ident, inner_doc_attrs};
use super::types::type_def;
use crate::model::{Api, Resource};

/// A nested resource module, inline in its parent's file.
fn resource_module(api: &Api, resource: &Resource) -> TokenStream {
    let module = ident(&resource.module);
    let doc = doc_attrs(&resource.doc);
    let body = resource_items(api, resource);
    quote! {
        #doc
        pub mod #module {
            #body
        }
    }
}

/// The file of a top-level resource: its module's doc and items.
pub fn resource_file(api: &Api, resource: &Resource) -> TokenStream {
    let doc = inner_doc_attrs(&resource.doc);
    let body = resource_items(api, resource);
    quote! {
        #doc
        #body
    }
}

fn resource_items(api: &Api, resource: &Resource) -> TokenStream {
    let client = resource_client(api, resource);
    let allow_deprecated = resource
        .uses_deprecated
        .then(|| quote! { #![allow(deprecated)] });
    let types = resource
        .types
        .iter()
        .map(|id| type_def(api, *id, api.types.get(*id)));
    let methods = resource
        .methods
        .iter()
        .map(|method| request_type(api, method));
    let children = resource
        .resources
        .iter()
        .map(|child| resource_module(api, child));
    quote! {
        #allow_deprecated
        #(#methods)*
        #(#types)*
        #client
        #(#children)*
    }
}
