//! The `with_*` setters of the fields of model structs, request types and
//! `StandardParameters`, all written by one emitter with one doc.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::{argument_type, setter_value, value_argument_type};
use super::tokens::{doc_attrs, ident};
use crate::model::{docs, names, Api, Field, Parameter};

/// The setter of an optional parameter of a request or of `StandardParameters`.
pub fn parameter_setter(api: &Api, parameter: &Parameter) -> TokenStream {
    setter(Setter {
        field: &parameter.rust_name,
        field_doc: &parameter.doc,
        name: &parameter.setter,
        deprecated: parameter.deprecated,
        argument: argument_type(api, parameter),
        value: setter_value(parameter.holding, parameter.argument()),
    })
}

/// The setter of a field of a struct of the model.
pub fn field_setter(api: &Api, field: &Field) -> TokenStream {
    let argument = field.argument();
    setter(Setter {
        field: &field.rust_name,
        field_doc: &field.doc,
        name: &field.setter,
        deprecated: field.deprecated,
        argument: value_argument_type(api, argument, &field.ty),
        value: setter_value(field.holding, argument),
    })
}

/// What a setter sets and how.
struct Setter<'a> {
    /// The field's Rust name (`r#type` for a raw one).
    field: &'a str,
    /// The field's doc, whose first sentence the setter repeats.
    field_doc: &'a str,
    /// The setter's name, e.g. `with_page_size`.
    name: &'a str,
    deprecated: bool,
    /// The type of the setter's `value`.
    argument: TokenStream,
    /// What the setter stores for `value`.
    value: TokenStream,
}

/// `pub fn with_x(mut self, value: T) -> Self`, documented with a link to
/// the field and the first sentence of its doc.
fn setter(setter: Setter) -> TokenStream {
    let Setter {
        field,
        field_doc,
        name,
        deprecated,
        argument,
        value,
    } = setter;
    let doc = doc_attrs(&setter_doc(field, field_doc));
    let deprecated = deprecated.then(|| quote! { #[deprecated] });
    let name = ident(name);
    let field = ident(field);
    quote! {
        #doc
        #deprecated
        pub fn #name(mut self, value: #argument) -> Self {
            self.#field = #value;
            self
        }
    }
}

/// "Sets [`x`](Self::x): <the field's first sentence>". A raw field name
/// (`r#type`) is named, not linked.
fn setter_doc(field: &str, field_doc: &str) -> String {
    let shown = names::unescaped(field);
    let named = if field.starts_with("r#") {
        format!("`{shown}`")
    } else {
        format!("[`{shown}`](Self::{field})")
    };
    match docs::first_sentence(field_doc) {
        "" => format!("Sets {named}."),
        summary => format!("Sets {named}: {summary}"),
    }
}
