//! Structs, open enums, aliases and newtypes, and the struct of the
//! document's global parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::parameters::query_write;
use super::rust_types::{codec_path, parameter_field_type, rust_type};
use super::tokens::{doc_attrs, ident};
use crate::model::{reserved, AliasDef, Api, EnumDef, Field, StructDef, TypeDef};

pub fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Struct(def) => struct_def(api, def),
        TypeDef::Enum(def) => enum_def(def),
        TypeDef::Alias(AliasDef { name, doc, ty }) => {
            let doc = doc_attrs(doc);
            let name = ident(name);
            let ty = rust_type(api, ty);
            quote! { #doc pub type #name = #ty; }
        }
        TypeDef::Newtype(AliasDef { name, doc, ty }) => {
            let doc = doc_attrs(doc);
            let name = ident(name);
            let with = ty.codec().map(|codec| {
                let path = codec_path(&codec, |codec| codec);
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
        let attrs = match field.ty.codec() {
            Some(codec) => {
                let path = codec_path(&codec, |codec| codec);
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
    let with = field.ty.codec().map(|codec| {
        let path = codec_path(&codec, |codec| format!("::std::option::Option<{codec}>"));
        quote! { with = #path, }
    });
    quote! {
        #[serde(#rename #with skip_serializing_if = "::std::option::Option::is_none")]
    }
}

fn enum_def(def: &EnumDef) -> TokenStream {
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let unknown = ident(reserved::UNKNOWN_VARIANT);
    let variants = def.variants.iter().map(|variant| {
        let doc = doc_attrs(&variant.doc);
        let deprecated = variant.deprecated.then(|| quote! { #[deprecated] });
        let variant = ident(&variant.rust_name);
        quote! { #doc #deprecated #variant, }
    });
    let conversions = enum_conversions(def);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept as it was received.
            #unknown(::std::string::String),
        }

        #conversions

        crate::runtime::open_enum!(#name);
    }
}

/// `as_str` and `from_wire`, which `open_enum!` builds serde and `Display` on.
fn enum_conversions(def: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(reserved::UNKNOWN_VARIANT);
    let as_str = ident(reserved::AS_STR);
    let from_wire = ident(reserved::FROM_WIRE);
    let to_wire = def.variants.iter().map(|variant| {
        let value = &variant.value;
        let variant = ident(&variant.rust_name);
        quote! { Self::#variant => #value, }
    });
    let from_wire_arms = def.variants.iter().map(|variant| {
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
        #allow_deprecated
        impl #name {
            /// The value as it is written on the wire.
            pub fn #as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#unknown(value) => value,
                }
            }

            /// The variant for a wire value; unknown values are kept.
            pub fn #from_wire(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#from_wire_arms)*
                    _ => Self::#unknown(value),
                }
            }
        }
    }
}

/// The struct of the document's global parameters and the code that writes them.
pub fn standard_parameters(api: &Api) -> TokenStream {
    let standard = &api.standard_parameters;
    let doc = doc_attrs(&standard.doc);
    let name = ident(&standard.name);
    let fields = standard.parameters.iter().map(|parameter| {
        let doc = doc_attrs(&parameter.doc);
        let field = ident(&parameter.rust_name);
        let deprecated = parameter.deprecated.then(|| quote! { #[deprecated] });
        let ty = parameter_field_type(api, parameter);
        quote! {
            #doc
            #deprecated
            pub #field: #ty,
        }
    });
    let writes = standard.parameters.iter().map(query_write);
    // A document without global parameters writes nothing.
    let query = if standard.parameters.is_empty() {
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
