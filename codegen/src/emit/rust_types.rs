//! Model types → Rust type expressions, written with full paths so that no
//! schema name can shadow them.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{
    reserved, Api, Argument, Codec, Holding, Home, Method, Parameter, RustType, TypeId,
};

/// The Rust type of a value (without the `Option` of optional fields).
pub fn rust_type(api: &Api, ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote! { ::std::string::String },
        RustType::Bool => quote! { bool },
        RustType::I32 => quote! { i32 },
        RustType::U32 => quote! { u32 },
        RustType::I64 => quote! { i64 },
        RustType::U64 => quote! { u64 },
        RustType::F32 => quote! { f32 },
        RustType::F64 => quote! { f64 },
        RustType::Duration => quote! { crate::runtime::Duration },
        RustType::Bytes => quote! { ::std::vec::Vec<u8> },
        RustType::Any => quote! { ::serde_json::Value },
        RustType::RpcStatus => quote! { crate::runtime::Status },
        RustType::Named(id) => named(api, *id),
        RustType::Vec(inner) => {
            let inner = rust_type(api, inner);
            quote! { ::std::vec::Vec<#inner> }
        }
        RustType::Map(inner) => {
            let inner = rust_type(api, inner);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
        RustType::Boxed(inner) => {
            let inner = rust_type(api, inner);
            quote! { ::std::boxed::Box<#inner> }
        }
    }
}

/// A named type: one of the model by its full path
/// (`crate::v1::model::Operation`); a parameter enum by its name, since it is
/// declared in the module of the only items that use it (the request types
/// of its resource, or `StandardParameters`).
pub fn named(api: &Api, id: TypeId) -> TokenStream {
    let name = ident(api.types.name(id));
    match api.types.home(id) {
        Home::Model => {
            let version = ident(&api.module);
            let model = ident(reserved::MODEL_MODULE);
            quote! { crate::#version::#model::#name }
        }
        Home::Version | Home::Resource(_) => quote! { #name },
    }
}

/// An item the generator defines in the version module, by its full path:
/// `crate::v1::StandardParameters`.
pub fn version_item(api: &Api, name: &str) -> TokenStream {
    let module = ident(&api.module);
    let name = ident(name);
    quote! { crate::#module::#name }
}

/// The `runtime::__private::As` path of a codec, as `#[serde(with)]` takes it, with the
/// codec wrapped by `wrap` (e.g. in `Option<…>` for optional fields).
pub fn codec_path(codec: &Codec, wrap: impl FnOnce(String) -> String) -> String {
    format!(
        "crate::runtime::__private::As::<{}>",
        wrap(codec_type(codec))
    )
}

/// A codec as a type, e.g. `crate::runtime::__private::Int64`.
pub fn codec_tokens(codec: &Codec) -> TokenStream {
    match codec {
        Codec::Int64 => quote! { crate::runtime::__private::Int64 },
        Codec::Base64 => quote! { crate::runtime::__private::Base64 },
        Codec::Vec(inner) => {
            let inner = codec_tokens(inner);
            quote! { ::std::vec::Vec<#inner> }
        }
        Codec::Map(inner) => {
            let inner = codec_tokens(inner);
            quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
        }
    }
}

fn codec_type(codec: &Codec) -> String {
    match codec {
        Codec::Int64 => "crate::runtime::__private::Int64".to_owned(),
        Codec::Base64 => "crate::runtime::__private::Base64".to_owned(),
        Codec::Vec(inner) => format!("::std::vec::Vec<{}>", codec_type(inner)),
        Codec::Map(inner) => format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            codec_type(inner)
        ),
    }
}

/// The type of the field that holds a parameter: `T`, `Option<T>` or `Vec<T>`.
pub fn parameter_field_type(api: &Api, parameter: &Parameter) -> TokenStream {
    let ty = rust_type(api, &parameter.ty);
    match parameter.holding {
        Holding::Plain => ty,
        Holding::Optional => quote! { ::std::option::Option<#ty> },
        Holding::Repeated => quote! { ::std::vec::Vec<#ty> },
    }
}

/// The type a constructor or setter takes for a parameter.
pub fn argument_type(api: &Api, parameter: &Parameter) -> TokenStream {
    match parameter.holding {
        Holding::Repeated => parameter_field_type(api, parameter),
        Holding::Plain | Holding::Optional => {
            value_argument_type(api, parameter.argument(), &parameter.ty)
        }
    }
}

/// The type a setter takes for one value of type `ty`.
pub fn value_argument_type(api: &Api, argument: Argument, ty: &RustType) -> TokenStream {
    match (argument, ty) {
        (Argument::IntoString, _) => quote! { impl ::std::convert::Into<::std::string::String> },
        (Argument::Boxed, RustType::Boxed(inner)) => rust_type(api, inner),
        _ => rust_type(api, ty),
    }
}

/// The expression a setter stores for `value`, a value of its argument type.
pub fn setter_value(holding: Holding, argument: Argument) -> TokenStream {
    let value = match argument {
        Argument::IntoString => quote! { value.into() },
        Argument::Boxed => quote! { ::std::boxed::Box::new(value) },
        Argument::Value => quote! { value },
    };
    match holding {
        Holding::Optional => quote! { ::std::option::Option::Some(#value) },
        Holding::Plain | Holding::Repeated => value,
    }
}

/// The method's response type; `()` for methods without one.
pub fn response_type(api: &Api, method: &Method) -> TokenStream {
    match method.response {
        Some(id) => named(api, id),
        None => quote! { () },
    }
}
