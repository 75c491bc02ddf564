//! The files of a version's `model` module: one file, or, for large APIs,
//! one per initial letter of the type names (and numbered parts of a letter
//! that is still too large), so that no file is too large to open.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::type_gate;
use super::render::{render_file, Section};
use super::tokens::{ident, inner_doc_attrs};
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

/// One type of the model, emitted and formatted.
pub struct TypeSource {
    /// The lower-case initial of its name, which picks its file.
    initial: char,
    source: String,
}

/// One type, emitted under its `#[cfg]` gate and formatted.
pub fn type_source(api: &Api, id: TypeId, def: &TypeDef) -> TypeSource {
    let section = Section {
        cfg: type_gate(api, id),
        ..type_def(api, id, def)
    };
    TypeSource {
        initial: initial(def),
        source: section.render(),
    }
}

/// One file of a large model: its module name (`a`, or `a1`, `a2`, …) and
/// its types.
struct Part<'a> {
    name: String,
    types: Vec<&'a TypeSource>,
}

/// The model's files from its types' sources, in the order of their names.
pub fn model_files(api: &Api, types: &[TypeSource], header: &str) -> Vec<(String, String)> {
    let doc = model_doc(api);
    let total: usize = types.iter().map(|ty| ty.source.len()).sum();
    if total <= MAX_FILE_BYTES {
        let mut start = render_file(header, doc);
        if !types.is_empty() {
            start.push('\n');
        }
        let text = join(start, types.iter());
        return vec![("model.rs".to_owned(), text)];
    }
    let parts = split(types);
    let declarations = parts.iter().map(|part| {
        let module = ident(&part.name);
        // A part may hold only types whose features are off.
        quote! { mod #module; #[allow(unused_imports)] pub use self::#module::*; }
    });
    let mut files = vec![(
        "model/mod.rs".to_owned(),
        render_file(header, quote! { #doc #(#declarations)* }),
    )];
    for Part { name, types } in parts {
        let text = join(format!("{header}\n"), types.into_iter());
        files.push((format!("model/{name}.rs"), text));
    }
    files
}

/// `start` followed by the types' sources, with a blank line between each two.
fn join<'a>(start: String, types: impl Iterator<Item = &'a TypeSource>) -> String {
    let mut text = start;
    for (index, ty) in types.enumerate() {
        if index > 0 {
            text.push('\n');
        }
        text.push_str(&ty.source);
    }
    text
}

/// Groups the types by initial, each group cut into parts of at most
/// `MAX_FILE_BYTES`.
fn split(types: &[TypeSource]) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    // One group per initial, whatever the order of the names.
    let mut groups: BTreeMap<char, Vec<&TypeSource>> = BTreeMap::new();
    for ty in types {
        groups.entry(ty.initial).or_default().push(ty);
    }
    for (initial, group) in groups {
        let mut chunks: Vec<Vec<&TypeSource>> = Vec::new();
        let mut chunk = Vec::new();
        let mut size = 0;
        for ty in group {
            if size + ty.source.len() > MAX_FILE_BYTES && !chunk.is_empty() {
                chunks.push(std::mem::take(&mut chunk));
                size = 0;
            }
            size += ty.source.len();
            chunk.push(ty);
        }
        chunks.push(chunk);
        let numbered = chunks.len() > 1;
        for (index, types) in chunks.into_iter().enumerate() {
            let name = match numbered {
                true => format!("{initial}{}", index + 1),
                false => initial.to_string(),
            };
            parts.push(Part { name, types });
        }
    }
    parts
}
