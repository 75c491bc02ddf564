//! Serde for generated structs: a `runtime::__private::JsonObject` impl that reads each
//! member with one match on its name and keeps the members it does not know,
//! instead of serde's derive (no field enum, no sequence visitor).

use proc_macro2::TokenStream;
use quote::quote;

use super::render::Item;
use super::rust_types::codec_tokens;
use super::tokens::{allow_deprecated, ident};
use crate::model::{reserved, Codec, Field, StructDef};

/// The `JsonObject` impl and the `json_object!` call that builds serde on it.
pub fn json_object(def: &StructDef) -> [Item; 2] {
    let name = ident(&def.name);
    let read = read_members(def);
    let writes = def.fields.iter().map(write_member);
    let rest = write_rest(def);
    let allow_deprecated = allow_deprecated(def.has_deprecated_fields());
    let null_fields = def.has_null_fields().then(|| {
        let field = ident(reserved::NULL_FIELDS);
        quote! {
            fn null_fields(&self) -> ::std::option::Option<&crate::runtime::NullFields> {
                ::std::option::Option::Some(&self.#field)
            }
        }
    });
    let object = quote! {
        #allow_deprecated
        impl crate::runtime::__private::JsonObject for #name {
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: crate::runtime::__private::MemberKey<'de>,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                #read
                ::std::result::Result::Ok(())
            }

            fn write_members<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> ::std::result::Result<(), M::Error> {
                #(#writes)*
                #rest
            }

            #null_fields
        }
    };
    [
        Item::undocumented(object),
        Item::undocumented(quote! { crate::runtime::__private::json_object!(#name); }),
    ]
}

/// One arm per known member; the others go to the unknown members, or to
/// the map of `additionalProperties`.
fn read_members(def: &StructDef) -> TokenStream {
    let other = read_other(def);
    if def.fields.is_empty() {
        return other;
    }
    let arms = def.fields.iter().map(|field| {
        let json_name = &field.json_name;
        let name = ident(&field.rust_name);
        let value = match field.ty.codec() {
            Some(codec) => {
                let codec = codec_tokens(&codec);
                quote! { crate::runtime::__private::read_with::<::std::option::Option<#codec>, _, _>(map)? }
            }
            None => quote! { map.next_value()? },
        };
        quote! { #json_name => self.#name = #value, }
    });
    quote! {
        match key.as_str() {
            #(#arms)*
            _ => { #other }
        }
    }
}

fn read_other(def: &StructDef) -> TokenStream {
    match &def.additional {
        Some(field) => {
            let name = ident(&field.rust_name);
            let value = match map_value_codec(field) {
                Some(codec) => {
                    quote! { crate::runtime::__private::read_with::<#codec, _, _>(map)? }
                }
                None => quote! { map.next_value()? },
            };
            quote! { self.#name.insert(key.into_string(), #value); }
        }
        None => {
            let unknown = ident(reserved::UNKNOWN_FIELDS);
            quote! { self.#unknown.insert(key.into_string(), map.next_value()?); }
        }
    }
}

fn write_member(field: &Field) -> TokenStream {
    let json_name = &field.json_name;
    let name = ident(&field.rust_name);
    match field.ty.codec() {
        Some(codec) => {
            let codec = codec_tokens(&codec);
            quote! { crate::runtime::__private::write_member_with::<#codec, _, _>(map, #json_name, &self.#name)?; }
        }
        None => quote! { crate::runtime::__private::write_member(map, #json_name, &self.#name)?; },
    }
}

/// The members besides the known ones, written last.
fn write_rest(def: &StructDef) -> TokenStream {
    match &def.additional {
        Some(field) => {
            let name = ident(&field.rust_name);
            match map_value_codec(field) {
                Some(codec) => {
                    quote! { crate::runtime::__private::write_entries_with::<#codec, _, _>(map, &self.#name) }
                }
                None => quote! { crate::runtime::__private::write_entries(map, &self.#name) },
            }
        }
        None => {
            let unknown = ident(reserved::UNKNOWN_FIELDS);
            quote! { crate::runtime::__private::write_entries(map, &self.#unknown) }
        }
    }
}

/// The codec of the values of an `additionalProperties` map, if they need one.
fn map_value_codec(field: &Field) -> Option<TokenStream> {
    match field.ty.codec()? {
        Codec::Map(values) => Some(codec_tokens(&values)),
        _ => None,
    }
}
