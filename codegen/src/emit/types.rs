//! Structs, open enums, aliases and newtypes, and the struct of the
//! document's global parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::objects;
use super::parameters::query_write;
use super::render::{Item, Section};
use super::rust_types::{codec_path, parameter_field_type, rust_type};
use super::setters::{field_setter, parameter_setter};
use super::tokens::{allow_deprecated, doc_attrs, ident};
use crate::model::{
    names, reserved, AliasDef, Api, EnumDef, Field, Holding, StandardParameters, StructDef,
    TypeDef, TypeId, Use,
};

/// A type's items, built always: the model gives the section its `#[cfg]`.
pub fn type_def(api: &Api, id: TypeId, def: &TypeDef) -> Section {
    let items = match def {
        TypeDef::Struct(def) => struct_def(api, def, &used_by(api, id)),
        TypeDef::Enum(def) => enum_def(def),
        TypeDef::Alias(AliasDef { name, doc, ty }) => {
            let name = ident(name);
            let ty = rust_type(api, ty);
            vec![Item::new(doc_attrs(doc), quote! { pub type #name = #ty; })]
        }
        TypeDef::Newtype(AliasDef { name, doc, ty }) => {
            let name = ident(name);
            let with = ty.codec().map(|codec| {
                let path = codec_path(&codec, |codec| codec);
                quote! { #[serde(with = #path)] }
            });
            let ty = rust_type(api, ty);
            let body = quote! {
                #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(#with pub #ty);
            };
            vec![Item::new(doc_attrs(doc), body)]
        }
    };
    Section { items, cfg: None }
}

/// The methods that send or return type `id`, as a paragraph of its doc.
fn used_by(api: &Api, id: TypeId) -> String {
    let Some(uses) = api.used_by.get(&id) else {
        return String::new();
    };
    let uses: Vec<String> = uses
        .iter()
        .map(|(method, role)| {
            let role = match role {
                Use::RequestBody => "request body",
                Use::Response => "response",
            };
            format!("`{method}` ({role})")
        })
        .collect();
    format!("\n\nUsed by {}.", uses.join(", "))
}

fn struct_def(api: &Api, def: &StructDef, used_by: &str) -> Vec<Item> {
    let doc = doc_attrs(&format!("{}{used_by}", def.doc));
    let name = ident(&def.name);
    let fields = def.fields.iter().map(|field| {
        let ty = rust_type(api, &field.ty);
        field_tokens(field, quote! { ::std::option::Option<#ty> })
    });
    let additional = def.additional.as_ref().map(|field| {
        let ty = rust_type(api, &field.ty);
        field_tokens(field, ty)
    });
    let unknown = def.keeps_unknown_members().then(|| {
        let field = ident(reserved::UNKNOWN_FIELDS);
        quote! {
            /// The JSON members this crate does not know, kept as they were
            /// received and written back unchanged.
            pub #field: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    });
    let nulls = def.has_null_fields().then(|| {
        let field = ident(reserved::NULL_FIELDS);
        quote! {
            /// The members to send as JSON `null`, by their JSON names
            /// (`labels.env` for an entry of a map); see `with_null`.
            pub #field: crate::runtime::NullFields,
        }
    });
    let definition = quote! {
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
            #unknown
            #nulls
        }
    };
    let mut items = vec![Item::new(doc, definition)];
    items.extend(setters(api, def).map(Item::undocumented));
    items.extend(objects::json_object(def));
    items
}

/// A `with_*` setter per field: a struct that gains fields in a later
/// revision is still built the same way. No impl block for a struct
/// without fields.
fn setters(api: &Api, def: &StructDef) -> Option<TokenStream> {
    if def.fields.is_empty() && def.additional.is_none() {
        return None;
    }
    let name = ident(&def.name);
    let setters = def
        .fields
        .iter()
        .chain(&def.additional)
        .map(|field| field_setter(api, field));
    let allow_deprecated = allow_deprecated(def.has_deprecated_fields());
    let with_null = def.has_null_fields().then(with_null);
    Some(quote! {
        #allow_deprecated
        impl #name {
            #(#setters)*
            #with_null
        }
    })
}

/// `with_null`, which sends a member, or an entry of a map member, as JSON
/// `null`.
fn with_null() -> TokenStream {
    let name = ident(reserved::WITH_NULL);
    let field = ident(reserved::NULL_FIELDS);
    quote! {
        /// Sends the member `path` as JSON `null`, which clears it in a
        /// patch: its JSON name (`storageClass`), or `member.key` for the
        /// entry `key` of a map (`labels.env`). It replaces what the field
        /// holds.
        pub fn #name(mut self, path: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.#field.insert(path);
            self
        }
    }
}

fn field_tokens(field: &Field, ty: TokenStream) -> TokenStream {
    let doc = doc_attrs(&field.doc);
    let name = ident(&field.rust_name);
    let deprecated = field.deprecated.then(|| quote! { #[deprecated] });
    quote! {
        #doc
        #deprecated
        pub #name: #ty,
    }
}

fn enum_def(def: &EnumDef) -> Vec<Item> {
    let doc = doc_attrs(&def.doc);
    let name = ident(&def.name);
    let unknown = ident(reserved::UNKNOWN_VARIANT);
    let variants = def.variants.iter().map(|variant| {
        let doc = doc_attrs(&variant.doc);
        let deprecated = variant.deprecated.then(|| quote! { #[deprecated] });
        let variant = ident(&variant.rust_name);
        quote! { #doc #deprecated #variant, }
    });
    let definition = quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this crate does not know, kept as it was received.
            #unknown(crate::runtime::UnknownEnumValue),
        }
    };
    vec![
        Item::new(doc, definition),
        Item::undocumented(enum_conversions(def)),
        Item::undocumented(quote! { crate::runtime::__private::open_enum!(#name); }),
    ]
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
    let allow_deprecated = allow_deprecated(def.has_deprecated_variants());
    quote! {
        #allow_deprecated
        impl #name {
            /// The value as it is written on the wire.
            pub fn #as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// The variant for a wire value; unknown values are kept.
            pub fn #from_wire(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#from_wire_arms)*
                    _ => Self::#unknown(crate::runtime::__private::unknown_enum_value(value)),
                }
            }
        }
    }
}

/// The struct of the document's global parameters, its enums, and the code
/// that writes them.
pub fn standard_parameters(api: &Api) -> TokenStream {
    let standard = &api.standard_parameters;
    let doc = doc_attrs(&standard.doc);
    let name = ident(reserved::STANDARD_PARAMETERS);
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
    let setters = standard
        .parameters
        .iter()
        .map(|parameter| parameter_setter(api, parameter))
        .collect::<Vec<_>>();
    let writes = standard.parameters.iter().map(query_write);
    // A document without global parameters writes nothing.
    let query = if standard.parameters.is_empty() {
        ident("_query")
    } else {
        ident("query")
    };
    let allow_deprecated = allow_deprecated(standard.has_deprecated());
    // A document without global parameters has no setters.
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            #allow_deprecated
            impl #name {
                #(#setters)*
            }
        }
    });
    let debug = redacted_debug(standard);
    let enums = standard
        .enums
        .iter()
        .filter_map(|id| api.types.as_enum(*id))
        .flat_map(enum_def);
    quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #setters

        #allow_deprecated
        impl crate::runtime::__private::WriteQuery for #name {
            fn write_query(&self, #query: &mut crate::runtime::Query) {
                #(#writes)*
            }
        }

        #debug
        #(#enums)*
    }
}

/// `Debug` that shows whether a credential is set, never its value.
fn redacted_debug(standard: &StandardParameters) -> TokenStream {
    let name = reserved::STANDARD_PARAMETERS;
    let ident_name = ident(name);
    let fields = standard.parameters.iter().map(|parameter| {
        let label = names::unescaped(&parameter.rust_name);
        let field = ident(&parameter.rust_name);
        if parameter.secret && parameter.holding == Holding::Repeated {
            quote! { .field(#label, &self.#field.iter().map(|_| "<redacted>").collect::<::std::vec::Vec<_>>()) }
        } else if parameter.secret {
            quote! { .field(#label, &self.#field.as_ref().map(|_| "<redacted>")) }
        } else {
            quote! { .field(#label, &self.#field) }
        }
    });
    let allow_deprecated = allow_deprecated(standard.has_deprecated());
    quote! {
        #allow_deprecated
        impl ::std::fmt::Debug for #ident_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name)
                    #(#fields)*
                    .finish()
            }
        }
    }
}
