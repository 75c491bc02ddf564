//! The part of a request type (or of `StandardParameters`) that sends a
//! parameter.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{Holding, Parameter};

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
