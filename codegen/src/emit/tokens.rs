//! The building blocks every emitter uses: identifiers, doc attributes and
//! optional values.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::wrap::{wrap, DOC_WIDTH};
use crate::model::names;

/// The one way emit makes an identifier. Names come from `model::names`,
/// which only produces valid ones; this checks again, so that no text from a
/// document reaches `Ident::new` unchecked. `r#` marks raw identifiers.
pub fn ident(name: &str) -> Ident {
    assert!(
        names::is_identifier(name),
        "generator bug: {name:?} is not a valid identifier"
    );
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The one way emit writes a doc: `#[doc]` attributes, one per line, so
/// that prettyplease writes `///` lines, with long lines wrapped.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// `#![doc]` attributes (`//!` lines) for the top of a file.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

/// Each line, wrapped, with the space rustdoc expects after `///`.
fn doc_lines(text: &str) -> Vec<String> {
    wrap(text, DOC_WIDTH)
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `Some(value)` or `None`, as tokens.
pub fn optional<T: quote::ToTokens>(value: Option<&T>) -> TokenStream {
    match value {
        Some(value) => quote! { ::std::option::Option::Some(#value) },
        None => quote! { ::std::option::Option::None },
    }
}

/// `#[allow(deprecated)]` for the generated code that uses deprecated items
/// of its own: only users should be warned.
pub fn allow_deprecated(uses_deprecated: bool) -> Option<TokenStream> {
    uses_deprecated.then(|| quote! { #[allow(deprecated)] })
}
