//! The building blocks every emitter uses: identifiers, doc attributes,
//! optional values, and formatting a whole file.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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

/// `#[doc]` attributes, one per line, so that prettyplease writes `///` lines.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// `#![doc]` attributes (`//!` lines) for the top of a file.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
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

/// Formats items for a file that others are appended to, each item under
/// `gate` (a `#[cfg]` attribute) if there is one.
pub fn format_items(tokens: TokenStream, gate: Option<TokenStream>) -> String {
    let mut file = parse_file(tokens);
    if let Some(gate) = gate {
        let gate: syn::Attribute = syn::parse_quote! { #gate };
        for item in &mut file.items {
            let attrs = item_attrs(item);
            let after_docs = attrs
                .iter()
                .take_while(|attr| attr.path().is_ident("doc"))
                .count();
            attrs.insert(after_docs, gate.clone());
        }
    }
    prettyplease::unparse(&file)
}

/// The attributes of the kinds of item a type is made of. Any other kind
/// would go ungated, so it is a generator bug.
fn item_attrs(item: &mut syn::Item) -> &mut Vec<syn::Attribute> {
    match item {
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        other => panic!(
            "generator bug: a type emitted an item that cannot be gated: {}",
            quote::ToTokens::to_token_stream(other)
        ),
    }
}

fn parse_file(tokens: TokenStream) -> syn::File {
    match syn::parse2(tokens) {
        Ok(file) => file,
        // Emit builds only valid items; this would be a generator bug.
        Err(error) => panic!("generated tokens do not parse as a Rust file: {error}"),
    }
}

/// Formats tokens that form a whole file.
pub fn format_file(header: &str, tokens: TokenStream) -> String {
    format!("{header}\n{}", prettyplease::unparse(&parse_file(tokens)))
}
