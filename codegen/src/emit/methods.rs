//! Resource modules and one request type per method.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{named, rust_type, type_def};
use super::{doc_attrs, ident};
use crate::model::{
    Api, Location, Media, Method, MethodScope, Parameter, Resource, RustType, Segment,
};

pub fn resource_module(api: &Api, resource: &Resource) -> TokenStream {
    let module = ident(&resource.module);
    let doc = doc_attrs(&resource.doc);
    let client = super::client::resource_client(api, resource);
    // The module's own code uses its deprecated methods' types; only users
    // should be warned.
    let allow_deprecated = resource
        .methods
        .iter()
        .any(|method| method.deprecated)
        .then(|| quote! { #![allow(deprecated)] });
    let types = resource.types.iter().map(|def| type_def(api, def));
    let methods = resource
        .methods
        .iter()
        .map(|method| request_type(api, method));
    let children = resource
        .resources
        .iter()
        .map(|child| resource_module(api, child));
    quote! {
        #doc
        pub mod #module {
            #allow_deprecated
            #(#methods)*
            #(#types)*
            #client
            #(#children)*
        }
    }
}

/// The request type of one method: its fields, constructor and setters, and
/// its `runtime::Method` implementation.
pub fn request_type(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let doc = doc_attrs(&method.doc);
    let deprecated = method.deprecated.then(|| quote! { #[deprecated] });

    let parameter_fields = method.parameters.iter().map(|parameter| {
        let doc = doc_attrs(&parameter.doc);
        let field = ident(&parameter.rust_name);
        let ty = field_type(api, parameter);
        quote! { #doc pub #field: #ty, }
    });
    let body_field = method.body.as_ref().map(|(field, ty)| {
        let field = ident(field);
        let ty = named(api, ty);
        quote! {
            /// The request body.
            pub #field: #ty,
        }
    });

    let required: Vec<&Parameter> = method.parameters.iter().filter(|p| p.required).collect();
    let constructor_arguments = required.iter().map(|parameter| {
        let field = ident(&parameter.rust_name);
        let ty = argument_type(api, parameter);
        quote! { #field: #ty, }
    });
    let body_argument = method.body.as_ref().map(|(field, ty)| {
        let field = ident(field);
        let ty = named(api, ty);
        quote! { #field: #ty, }
    });
    let initializers = method.parameters.iter().map(|parameter| {
        let field = ident(&parameter.rust_name);
        if !parameter.required {
            quote! { #field: ::std::default::Default::default(), }
        } else if parameter.ty == RustType::String && !parameter.repeated {
            quote! { #field: #field.into(), }
        } else {
            quote! { #field, }
        }
    });
    let body_initializer = method.body.as_ref().map(|(field, _)| {
        let field = ident(field);
        quote! { #field, }
    });
    let setters = method
        .parameters
        .iter()
        .filter(|parameter| !parameter.required)
        .map(|parameter| setter(api, parameter));

    let standard = named(api, &api.standard_parameters.name);
    let method_impl = method_impl(api, method);
    // `new()` without arguments: clippy wants `Default` too.
    let default = (required.is_empty() && method.body.is_none()).then(|| quote! { Default, });
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#parameter_fields)*
            #body_field
            /// The query parameters every method accepts.
            pub standard: #standard,
        }

        impl #name {
            /// A request with the required parameters; the others are unset.
            pub fn new(#(#constructor_arguments)* #body_argument) -> Self {
                Self {
                    #(#initializers)*
                    #body_initializer
                    standard: ::std::default::Default::default(),
                }
            }

            #(#setters)*

            /// Sets the query parameters every method accepts.
            pub fn with_standard(mut self, standard: #standard) -> Self {
                self.standard = standard;
                self
            }
        }

        #method_impl
    }
}

/// A parameter's field type: required ones are plain, optional ones `Option`,
/// repeated ones `Vec`.
fn field_type(api: &Api, parameter: &Parameter) -> TokenStream {
    let ty = rust_type(api, &parameter.ty);
    if parameter.repeated {
        quote! { ::std::vec::Vec<#ty> }
    } else if parameter.required {
        ty
    } else {
        quote! { ::std::option::Option<#ty> }
    }
}

/// The type a constructor or setter takes: strings as `impl Into<String>`.
pub(crate) fn argument_type(api: &Api, parameter: &Parameter) -> TokenStream {
    if parameter.repeated {
        field_type(api, parameter)
    } else if parameter.ty == RustType::String {
        quote! { impl ::std::convert::Into<::std::string::String> }
    } else {
        rust_type(api, &parameter.ty)
    }
}

fn setter(api: &Api, parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.rust_name);
    let setter = ident(&parameter.setter);
    let doc = doc_attrs(&format!("Sets `{}`.", parameter.wire_name));
    let ty = argument_type(api, parameter);
    let value = if parameter.repeated {
        quote! { value }
    } else if parameter.ty == RustType::String {
        quote! { ::std::option::Option::Some(value.into()) }
    } else {
        quote! { ::std::option::Option::Some(value) }
    };
    quote! {
        #doc
        pub fn #setter(mut self, value: #ty) -> Self {
            self.#field = #value;
            self
        }
    }
}

fn method_impl(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let module = ident(&api.module);
    let id = &method.id;
    let http_method = ident(&method.http_method);
    let template = &method.path_template;
    let flat_path = optional(method.flat_path.as_ref());
    let segments = method.path.iter().map(|segment| match segment {
        Segment::Literal(text) => quote! { crate::runtime::PathSegment::Literal(#text) },
        Segment::Simple(name) => quote! { crate::runtime::PathSegment::Simple(#name) },
        Segment::Reserved(name) => quote! { crate::runtime::PathSegment::Reserved(#name) },
    });
    let path_parameters: Vec<&Parameter> = method
        .parameters
        .iter()
        .filter(|parameter| parameter.location == Location::Path)
        .collect();
    let path_parameter_consts = path_parameters.iter().map(|parameter| {
        let wire = &parameter.wire_name;
        let pattern = optional(parameter.pattern.as_ref());
        quote! { crate::runtime::PathParameter { name: #wire, pattern: #pattern }, }
    });
    let path_values = path_parameters.iter().map(|parameter| {
        let field = ident(&parameter.rust_name);
        quote! { crate::runtime::ParamValue::to_param(&self.#field), }
    });
    let scopes = method.scopes.iter().map(|scope| match scope {
        MethodScope::Const(name) => {
            let name = ident(name);
            quote! { crate::#module::scopes::#name, }
        }
        MethodScope::Url(url) => quote! { #url, },
    });
    let query_writes = method
        .parameters
        .iter()
        .filter(|parameter| parameter.location == Location::Query)
        .map(|parameter| {
            let wire = &parameter.wire_name;
            let field = ident(&parameter.rust_name);
            if parameter.repeated {
                quote! { query.push_all(#wire, &self.#field); }
            } else if parameter.required {
                quote! { query.push(#wire, ::std::option::Option::Some(&self.#field)); }
            } else {
                quote! { query.push(#wire, self.#field.as_ref()); }
            }
        });
    let fully_encode = api.fully_encode_reserved_expansion;
    let idempotent = method.idempotent;
    let (body_type, body) = match &method.body {
        Some((field, ty)) => {
            let field = ident(field);
            (
                named(api, ty),
                quote! { ::std::option::Option::Some(&self.#field) },
            )
        }
        None => (quote! { () }, quote! { ::std::option::Option::None }),
    };
    let response_type = response_type(api, method);
    let media = method.media.as_ref().map(|media| {
        let Media {
            upload,
            download,
            accept,
            max_size,
            max_size_bytes,
            simple_path,
            resumable_path,
        } = media;
        let max_size = optional(max_size.as_ref());
        let max_size_bytes = optional(max_size_bytes.as_ref());
        let simple_path = optional(simple_path.as_ref());
        let resumable_path = optional(resumable_path.as_ref());
        quote! {
            const MEDIA: ::std::option::Option<crate::runtime::Media> =
                ::std::option::Option::Some(crate::runtime::Media {
                    upload: #upload,
                    download: #download,
                    accept: &[#(#accept),*],
                    max_size: #max_size,
                    max_size_bytes: #max_size_bytes,
                    simple_upload_path: #simple_path,
                    resumable_upload_path: #resumable_path,
                });
        }
    });
    quote! {
        impl crate::runtime::Method for #name {
            const ID: &'static str = #id;
            const HTTP_METHOD: ::http::Method = ::http::Method::#http_method;
            const PATH_TEMPLATE: &'static str = #template;
            const FLAT_PATH: ::std::option::Option<&'static str> = #flat_path;
            const PATH: &'static [crate::runtime::PathSegment] = &[#(#segments),*];
            const PATH_PARAMETERS: &'static [crate::runtime::PathParameter] = &[#(#path_parameter_consts)*];
            const SCOPES: &'static [&'static str] = &[#(#scopes)*];
            const FULLY_ENCODE_RESERVED_EXPANSION: bool = #fully_encode;
            const IDEMPOTENT: bool = #idempotent;
            const DEFAULT_BASE_URL: &'static str = crate::#module::BASE_URL;
            #media
            type RequestBody = #body_type;
            type Response = #response_type;

            fn path_values(&self) -> ::std::vec::Vec<::std::borrow::Cow<'_, str>> {
                ::std::vec::Vec::from([#(#path_values)*])
            }

            fn write_query(&self, query: &mut crate::runtime::Query) {
                #(#query_writes)*
                crate::runtime::WriteQuery::write_query(&self.standard, query);
            }

            fn body(&self) -> ::std::option::Option<&Self::RequestBody> {
                #body
            }
        }
    }
}

/// The method's response type; `()` for methods without one.
pub(crate) fn response_type(api: &Api, method: &Method) -> TokenStream {
    match &method.response {
        Some(ty) => named(api, ty),
        None => quote! { () },
    }
}

/// `Some(value)` or `None`, as tokens.
fn optional<T: quote::ToTokens>(value: Option<&T>) -> TokenStream {
    match value {
        Some(value) => quote! { ::std::option::Option::Some(#value) },
        None => quote! { ::std::option::Option::None },
    }
}
