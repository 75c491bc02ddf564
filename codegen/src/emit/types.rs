//! Structs, open enums and aliases.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident};
use crate::model::{Api, EnumDef, Field, RustType, StructDef, TypeDef};

pub fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Struct(def) => struct_def(api, def),
        TypeDef::Enum(def) => enum_def(def),
        TypeDef::Alias { name, doc, ty } => {
            let doc = doc_attrs(doc);
            let name = ident(name);
            let ty = rust_type(api, ty);
            quote! { #doc pub type #name = #ty; }
        }
        TypeDef::Newtype { name, doc, ty } => {
            let doc = doc_attrs(doc);
            let name = ident(name);
            let with = codec(ty).map(|codec| {
                let path = format!("crate::runtime::As::<{codec}>");
                quote! { #[serde(with = #path)] }
            });
            let ty = rust_type(api, ty);
            quote! {
                #doc
                #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(#with pub #ty);
            }
        }
    }
}

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
        RustType::Named(name) => named(api, name),
        RustType::Local(name) => {
            let name = ident(name);
            quote! { #name }
        }
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

/// A type of the version module, by its full path: `crate::v1::Operation`.
pub fn named(api: &Api, name: &str) -> TokenStream {
    let module = ident(&api.module);
    let name = ident(name);
    quote! { crate::#module::#name }
}

/// The codec of a value that serde's default does not write right (see
/// `runtime::As`), as the path `#[serde(with)]` takes.
/// `None` when serde's default is right (see `RustType::needs_codec`).
fn codec(ty: &RustType) -> Option<String> {
    match ty {
        RustType::I64 | RustType::U64 => Some("crate::runtime::Int64".to_owned()),
        RustType::Bytes => Some("crate::runtime::Base64".to_owned()),
        RustType::Vec(inner) => codec(inner).map(|inner| format!("::std::vec::Vec<{inner}>")),
        RustType::Map(inner) => codec(inner)
            .map(|inner| format!("::std::collections::BTreeMap<::std::string::String, {inner}>")),
        RustType::Boxed(inner) => codec(inner),
        _ => None,
    }
}

fn struct_def(api: &Api, def: &StructDef) -> TokenStream {
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let fields = def.fields.iter().map(|field| {
        let attrs = serde_field_attrs(field);
        let ty = rust_type(api, &field.ty);
        field_tokens(field, attrs, quote! { ::std::option::Option<#ty> })
    });
    let additional = def.additional.as_ref().map(|field| {
        let ty = rust_type(api, &field.ty);
        let attrs = match codec(&field.ty) {
            Some(codec) => {
                let path = format!("crate::runtime::As::<{codec}>");
                quote! { #[serde(flatten, with = #path)] }
            }
            None => quote! { #[serde(flatten)] },
        };
        field_tokens(field, attrs, ty)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default)]
        pub struct #name {
            #(#fields)*
            #additional
        }
    }
}

fn field_tokens(field: &Field, serde_attrs: TokenStream, ty: TokenStream) -> TokenStream {
    let doc = doc_attrs(&field.doc);
    let name = ident(&field.rust_name);
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #doc
        #deprecated
        #serde_attrs
        pub #name: #ty,
    }
}

fn serde_field_attrs(field: &Field) -> TokenStream {
    let unescaped = field.rust_name.trim_start_matches("r#");
    let rename = (unescaped != field.json_name).then(|| {
        let json_name = &field.json_name;
        quote! { rename = #json_name, }
    });
    let with = codec(&field.ty).map(|codec| {
        let path = format!("crate::runtime::As::<::std::option::Option<{codec}>>");
        quote! { with = #path, }
    });
    quote! {
        #[serde(#rename #with skip_serializing_if = "::std::option::Option::is_none")]
    }
}

fn enum_def(def: &EnumDef) -> TokenStream {
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let variants = def.variants.iter().map(|variant| {
        let doc = doc_attrs(&variant.doc);
        let deprecated = variant.deprecated.then(|| quote! { #[deprecated] });
        let variant = ident(&variant.rust_name);
        quote! { #doc #deprecated #variant, }
    });
    let to_wire = def.variants.iter().map(|variant| {
        let value = &variant.value;
        let variant = ident(&variant.rust_name);
        quote! { Self::#variant => #value, }
    });
    let from_wire = def.variants.iter().map(|variant| {
        let value = &variant.value;
        let variant = ident(&variant.rust_name);
        quote! { #value => Self::#variant, }
    });
    let allow_deprecated = def
        .variants
        .iter()
        .any(|variant| variant.deprecated)
        .then(|| quote! { #[allow(deprecated)] });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept as it was received.
            UnknownValue(::std::string::String),
        }

        #allow_deprecated
        impl #name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::UnknownValue(value) => value,
                }
            }

            /// The variant for a wire value; unknown values are kept.
            pub fn from_wire(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#from_wire)*
                    _ => Self::UnknownValue(value),
                }
            }
        }

        crate::runtime::open_enum!(#name);
    }
}

/// The struct of the document's global parameters and the code that writes them.
pub fn standard_parameters(api: &Api) -> TokenStream {
    let def = &api.standard_parameters;
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let fields = def.fields.iter().map(|field| {
        let ty = rust_type(api, &field.ty);
        let ty = match field.ty {
            RustType::Vec(_) => ty,
            _ => quote! { ::std::option::Option<#ty> },
        };
        field_tokens(field, TokenStream::new(), ty)
    });
    let writes = def.fields.iter().map(|field| {
        let wire = &field.json_name;
        let repeated = matches!(field.ty, RustType::Vec(_));
        let field = ident(&field.rust_name);
        if repeated {
            quote! { query.push_all(#wire, &self.#field); }
        } else {
            quote! { query.push(#wire, self.#field.as_ref()); }
        }
    });
    // A document without global parameters writes nothing.
    let query = if def.fields.is_empty() {
        ident("_query")
    } else {
        ident("query")
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl crate::runtime::WriteQuery for #name {
            fn write_query(&self, #query: &mut crate::runtime::Query) {
                #(#writes)*
            }
        }
    }
}
