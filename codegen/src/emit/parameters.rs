//! How a request type writes a parameter into the query string.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{Holding, Parameter};

/// The statement that appends `parameter` to `query` (a `runtime::Query`).
pub fn query_write(parameter: &Parameter) -> TokenStream {
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
