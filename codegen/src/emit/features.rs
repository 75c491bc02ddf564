//! `#[cfg(feature = …)]` attributes: the HTTP client's feature on what
//! needs the client, a top-level resource's feature on its module and
//! accessor, and on each type the features of the resources that reach it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{reserved, Api, Resource, TypeId};

/// `#[cfg(feature = "client")]`, of what needs the HTTP client.
pub fn client_gate() -> TokenStream {
    let feature = reserved::FEATURE_CLIENT;
    gate(quote! { feature = #feature })
}

/// `#[cfg(feature = "…")]` of a top-level resource.
pub fn resource_gate(resource: &Resource) -> TokenStream {
    let feature = resource.feature();
    gate(quote! { feature = #feature })
}

/// `#[cfg(predicate)]`, and on docs.rs (`--cfg docsrs`) the same predicate
/// shown on the item's page.
fn gate(predicate: TokenStream) -> TokenStream {
    quote! {
        #[cfg(#predicate)]
        #[cfg_attr(docsrs, doc(cfg(#predicate)))]
    }
}

/// `#[cfg(any(feature = "…", …))]` of a type that only some resources
/// reach; nothing for a type that is always built.
pub fn type_gate(api: &Api, id: TypeId) -> Option<TokenStream> {
    let features: Vec<&str> = api.features.gates(id).collect();
    match features.as_slice() {
        [] => None,
        [feature] => Some(gate(quote! { feature = #feature })),
        _ => Some(gate(quote! { any(#(feature = #features),*) })),
    }
}
