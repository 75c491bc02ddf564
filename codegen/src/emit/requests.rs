//! One request type per method: its fields, constructor and setters, and
//! its `runtime::Method` implementation.

use proc_macro2::TokenStream;
use quote::quote;

use super::method_docs;
use super::parameters::query_write;
use super::rust_types::{argument_type, named, parameter_field_type, response_type, version_item};
use super::setters::parameter_setter;
use super::tokens::{doc_attrs, ident, optional};
use crate::model::{
    reserved, Api, Argument, Location, Media, Method, MethodScope, Parameter, Segment,
};

/// The request type of one method and its `runtime::Method` implementation.
pub fn request_type(api: &Api, method: &Method) -> TokenStream {
    let definition = request_struct(api, method);
    let constructor = constructor_and_setters(api, method);
    let method_impl = method_impl(api, method);
    quote! {
        #definition
        #constructor
        #method_impl
    }
}

fn request_struct(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let doc = doc_attrs(&method_docs::request_doc(api, method));
    let deprecated = method.deprecated.then(|| quote! { #[deprecated] });
    let parameter_fields = method.parameters.iter().map(|parameter| {
        let doc = doc_attrs(&parameter.doc);
        let field = ident(&parameter.rust_name);
        let ty = parameter_field_type(api, parameter);
        quote! { #doc pub #field: #ty, }
    });
    let body_field = method.body.as_ref().map(|body| {
        let field = ident(&body.field);
        let ty = named(api, body.ty);
        quote! {
            /// The request body.
            pub #field: #ty,
        }
    });
    let standard_field = ident(reserved::STANDARD_FIELD);
    let standard = version_item(api, reserved::STANDARD_PARAMETERS);
    let default = method.derives_default.then(|| quote! { Default, });
    quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, #default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#parameter_fields)*
            #body_field
            /// The query parameters every method accepts.
            pub #standard_field: #standard,
        }
    }
}

fn constructor_and_setters(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let constructor = ident(reserved::CONSTRUCTOR);
    let arguments = method.required_parameters().map(|parameter| {
        let field = ident(&parameter.rust_name);
        let ty = argument_type(api, parameter);
        quote! { #field: #ty, }
    });
    let body_argument = method.body.as_ref().map(|body| {
        let field = ident(&body.field);
        let ty = named(api, body.ty);
        quote! { #field: #ty, }
    });
    let initializers = method.parameters.iter().map(initializer);
    let body_initializer = method.body.as_ref().map(|body| {
        let field = ident(&body.field);
        quote! { #field, }
    });
    let setters = method
        .parameters
        .iter()
        .filter(|parameter| !parameter.required)
        .map(|parameter| parameter_setter(api, parameter));
    let standard_field = ident(reserved::STANDARD_FIELD);
    let standard_setter = ident(reserved::STANDARD_SETTER);
    let standard = version_item(api, reserved::STANDARD_PARAMETERS);
    quote! {
        impl #name {
            /// A request with the required parameters; the others are unset.
            pub fn #constructor(#(#arguments)* #body_argument) -> Self {
                Self {
                    #(#initializers)*
                    #body_initializer
                    #standard_field: ::std::default::Default::default(),
                }
            }

            #(#setters)*

            /// Sets the query parameters every method accepts.
            pub fn #standard_setter(mut self, standard: #standard) -> Self {
                self.#standard_field = standard;
                self
            }
        }
    }
}

/// How the constructor sets a parameter's field.
fn initializer(parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.rust_name);
    match (parameter.required, parameter.argument()) {
        (false, _) => quote! { #field: ::std::default::Default::default(), },
        (true, Argument::IntoString) => quote! { #field: #field.into(), },
        (true, _) => quote! { #field, },
    }
}

fn method_impl(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let metadata = metadata(api, method);
    let path_values = method
        .parameters
        .iter()
        .filter(|parameter| parameter.location == Location::Path)
        .map(|parameter| {
            let field = ident(&parameter.rust_name);
            quote! { crate::runtime::__private::ParamValue::to_param(&self.#field), }
        });
    let query_writes = method
        .parameters
        .iter()
        .filter(|parameter| parameter.location == Location::Query)
        .map(query_write);
    let standard_field = ident(reserved::STANDARD_FIELD);
    let (body_type, body) = match &method.body {
        Some(body) => {
            let field = ident(&body.field);
            (
                named(api, body.ty),
                quote! { ::std::option::Option::Some(&self.#field) },
            )
        }
        None => (quote! { () }, quote! { ::std::option::Option::None }),
    };
    let response_type = response_type(api, method);
    quote! {
        impl crate::runtime::Method for #name {
            #metadata
            type RequestBody = #body_type;
            type Response = #response_type;

            fn path_values(&self) -> ::std::vec::Vec<::std::borrow::Cow<'_, str>> {
                ::std::vec::Vec::from([#(#path_values)*])
            }

            fn write_query(&self, query: &mut crate::runtime::Query) {
                #(#query_writes)*
                crate::runtime::__private::WriteQuery::write_query(&self.#standard_field, query);
            }

            fn body(&self) -> ::std::option::Option<&Self::RequestBody> {
                #body
            }
        }
    }
}

/// The method as the document describes it: `runtime::Method::DESCRIPTOR`.
fn metadata(api: &Api, method: &Method) -> TokenStream {
    let module = ident(&api.module);
    let id = &method.id;
    let http_method = ident(method.http_method.as_str());
    let template = &method.path_template;
    let flat_path = optional(method.flat_path.as_ref());
    let segments = method.path.iter().map(|segment| match segment {
        Segment::Literal(text) => quote! { crate::runtime::PathSegment::Literal(#text) },
        Segment::Simple(name) => quote! { crate::runtime::PathSegment::Simple(#name) },
        Segment::Reserved(name) => quote! { crate::runtime::PathSegment::Reserved(#name) },
    });
    let path_parameters = method
        .parameters
        .iter()
        .filter(|parameter| parameter.location == Location::Path)
        .map(|parameter| {
            let wire = &parameter.wire_name;
            let pattern = optional(parameter.pattern.as_deref().map(pattern_ref).as_ref());
            quote! { crate::runtime::PathParameter { name: #wire, pattern: #pattern }, }
        });
    let scopes_module = ident(reserved::SCOPES_MODULE);
    let scopes = method.scopes.iter().map(|scope| match scope {
        MethodScope::Const(name) => {
            let name = ident(name);
            quote! { crate::#module::#scopes_module::#name, }
        }
        MethodScope::Url(url) => quote! { #url, },
    });
    let fully_encode = api.fully_encode_reserved_expansion;
    let idempotent = method.idempotent;
    let base_url = ident(reserved::BASE_URL);
    let service_path = ident(reserved::SERVICE_PATH);
    let media = optional(method.media.as_ref().map(media).as_ref());
    quote! {
        const DESCRIPTOR: crate::runtime::MethodDescriptor = crate::runtime::MethodDescriptor {
            id: #id,
            http_method: ::http::Method::#http_method,
            path_template: #template,
            flat_path: #flat_path,
            path: &[#(#segments),*],
            path_parameters: &[#(#path_parameters)*],
            scopes: &[#(#scopes)*],
            fully_encode_reserved_expansion: #fully_encode,
            idempotent: #idempotent,
            default_base_url: crate::#module::#base_url,
            service_path: crate::#module::#service_path,
            media: #media,
        };
    }
}

/// A parameter's pattern, in a `static` of its own so that it is compiled
/// once; a closure returns it, since the descriptor constant cannot refer to
/// a static.
fn pattern_ref(source: &str) -> TokenStream {
    quote! {
        crate::runtime::PatternRef(|| {
            static PATTERN: crate::runtime::PathPattern = crate::runtime::PathPattern::new(#source);
            &PATTERN
        })
    }
}

fn media(media: &Media) -> TokenStream {
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
        crate::runtime::Media {
            upload: #upload,
            download: #download,
            accept: &[#(#accept),*],
            max_size: #max_size,
            max_size_bytes: #max_size_bytes,
            simple_upload_path: #simple_path,
            resumable_upload_path: #resumable_path,
        }
    }
}
