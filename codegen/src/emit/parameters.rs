//! The parts of a request type (or of `StandardParameters`) that set and
//! send a parameter.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::{argument_type, setter_value};
use super::tokens::{doc_attrs, ident};
use crate::model::{Api, Holding, Parameter};

/// The `with_*` setter of an optional parameter.
pub fn setter(api: &Api, parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.rust_name);
    let setter = ident(&parameter.setter);
    let doc = doc_attrs(&format!("Sets `{}`.", parameter.wire_name));
    let deprecated = parameter.deprecated.then(|| quote! { #[deprecated] });
    let ty = argument_type(api, parameter);
    let value = setter_value(parameter.holding, parameter.argument());
    quote! {
        #doc
        #deprecated
        pub fn #setter(mut self, value: #ty) -> Self {
            self.#field = #value;
            self
        }
    }
}

/// The statement that appends `parameter` to `query` (a `runtime::Query`).
pub fn query_write(parameter: &Parameter) -> TokenStream {
    let wire = &parameter.wire_name;
    let write = push(parameter);
    // Credentials stay out of the query's `Debug`.
    let mark = parameter
        .secret
        .then(|| quote! { query.mark_secret(#wire); });
    quote! { #write #mark }
}

fn push(parameter: &Parameter) -> TokenStream {
    let wire = &parameter.wire_name;
    let field = ident(&parameter.rust_name);
    match parameter.holding {
        Holding::Repeated => quote! { query.push_all(#wire, &self.#field); },
        Holding::Plain => {
            quote! { query.push(#wire, ::std::option::Option::Some(&self.#field)); }
        }
        Holding::Optional => quote! { query.push(#wire, self.#field.as_ref()); },
    }
}
