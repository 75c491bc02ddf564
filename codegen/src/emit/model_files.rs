//! The files of a version's `model` module: one file, or, for large APIs,
//! one per initial letter of the type names (and numbered parts of a letter
//! that is still too large), so that no file is too large to open.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::type_gate;
use super::tokens::{format_file, format_items, ident, inner_doc_attrs};
use super::types::type_def;
use crate::model::{Api, TypeDef, TypeId};

/// The most text one file of the model holds, unless one type is larger.
const MAX_FILE_BYTES: usize = 512 * 1024;

fn model_doc(api: &Api) -> TokenStream {
    inner_doc_attrs(&format!(
        "The types of the API's schemas, as `{}` names them.",
        api.id
    ))
}

/// The lower-case initial of a type's name, which picks its file.
fn initial(def: &TypeDef) -> char {
    // Type names start with an ASCII letter (see `model::names`).
    def.name()
        .chars()
        .next()
        .map_or('x', |c| c.to_ascii_lowercase())
}

/// One type, emitted and formatted: its initial and its source.
pub fn type_source(api: &Api, id: TypeId, def: &TypeDef) -> (char, String) {
    let tokens = type_def(api, def);
    (initial(def), format_items(tokens, type_gate(api, id)))
}

/// The model's files from its types' sources, in the order of their names.
pub fn model_files(api: &Api, types: &[(char, String)], header: &str) -> Vec<(String, String)> {
    let doc = model_doc(api);
    let total: usize = types.iter().map(|(_, text)| text.len()).sum();
    if total <= MAX_FILE_BYTES {
        let mut text = format_file(header, doc);
        types.iter().for_each(|(_, source)| text.push_str(source));
        return vec![("model.rs".to_owned(), text)];
    }
    let parts = split(types);
    let declarations = parts.iter().map(|(name, _)| {
        let module = ident(name);
        // A part may hold only types whose features are off.
        quote! { mod #module; #[allow(unused_imports)] pub use self::#module::*; }
    });
    let mut files = vec![(
        "model/mod.rs".to_owned(),
        format_file(header, quote! { #doc #(#declarations)* }),
    )];
    for (name, sources) in parts {
        let mut text = format!("{header}\n");
        sources.iter().for_each(|source| text.push_str(source));
        files.push((format!("model/{name}.rs"), text));
    }
    files
}

/// Groups the types by initial, each group cut into parts of at most
/// `MAX_FILE_BYTES`: `a`, or `a1`, `a2`, ….
fn split(types: &[(char, String)]) -> Vec<(String, Vec<&str>)> {
    let mut parts = Vec::new();
    // One group per initial, whatever the order of the names.
    let mut groups: BTreeMap<char, Vec<&str>> = BTreeMap::new();
    for (initial, source) in types {
        groups.entry(*initial).or_default().push(source);
    }
    for (initial, group) in groups {
        let mut chunks: Vec<Vec<&str>> = Vec::new();
        let mut chunk = Vec::new();
        let mut size = 0;
        for source in group {
            if size + source.len() > MAX_FILE_BYTES && !chunk.is_empty() {
                chunks.push(std::mem::take(&mut chunk));
                size = 0;
            }
            size += source.len();
            chunk.push(source);
        }
        chunks.push(chunk);
        let numbered = chunks.len() > 1;
        for (index, chunk) in chunks.into_iter().enumerate() {
            let name = match numbered {
                true => format!("{initial}{}", index + 1),
                false => initial.to_string(),
            };
            parts.push((name, chunk));
        }
    }
    parts
}
