//! What depends on all the types of a version at once: `$ref` chains that
//! define nothing, aliases that cannot be aliases, and fields that would
//! make a type contain itself.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{RustType, TypeDef, TypeId};
use super::Context;
use crate::error::{json_key, Error};

/// Whether `to` can be reached from `start` along `edges`; `start` itself
/// counts only when a path leads back to it.
fn reaches(edges: &BTreeMap<TypeId, Vec<TypeId>>, start: TypeId, to: TypeId) -> bool {
    let mut stack = edges.get(&start).cloned().unwrap_or_default();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if seen.insert(id) {
            stack.extend(edges.get(&id).into_iter().flatten().copied());
        }
    }
    false
}

/// Two kinds of alias become newtype structs: one that reaches itself
/// through other aliases (e.g. an array of itself), which an alias cannot
/// express, and one whose values need a codec (e.g. `Vec<i64>`, written as
/// strings), which an alias cannot carry.
pub fn make_newtypes_of_aliases_that_cannot_be(types: &mut BTreeMap<TypeId, TypeDef>) {
    let alias_mentions: BTreeMap<TypeId, Vec<TypeId>> = types
        .iter()
        .filter_map(|(id, def)| match def {
            TypeDef::Alias(alias) => {
                let mut mentioned = Vec::new();
                alias.ty.mentioned(&mut mentioned);
                Some((*id, mentioned))
            }
            _ => None,
        })
        .collect();
    let newtypes: Vec<TypeId> = alias_mentions
        .keys()
        .copied()
        .filter(|id| {
            let needs_codec =
                matches!(&types[id], TypeDef::Alias(alias) if alias.ty.codec().is_some());
            needs_codec || reaches(&alias_mentions, *id, *id)
        })
        .collect();
    for id in newtypes {
        if let Some(TypeDef::Alias(alias)) = types.remove(&id) {
            types.insert(id, TypeDef::Newtype(alias));
        }
    }
}

/// Boxes every field whose type would otherwise contain itself: a field of
/// named type `T` in struct `S` where `T` reaches `S` without passing through
/// a `Vec` or map (which are already indirect).
pub fn box_recursive_fields(types: &mut BTreeMap<TypeId, TypeDef>) {
    let edges: BTreeMap<TypeId, Vec<TypeId>> = types
        .iter()
        .map(|(id, def)| (*id, direct_children(def)))
        .collect();
    for (id, def) in types.iter_mut() {
        let TypeDef::Struct(def) = def else { continue };
        for field in &mut def.fields {
            if let RustType::Named(target) = field.ty {
                if target == *id || reaches(&edges, target, *id) {
                    field.ty = RustType::Boxed(Box::new(field.ty.clone()));
                }
            }
        }
    }
}

/// The types a value of `def` holds directly, not behind a `Vec` or map.
fn direct_children(def: &TypeDef) -> Vec<TypeId> {
    match def {
        TypeDef::Struct(def) => def
            .fields
            .iter()
            .filter_map(|field| match field.ty {
                RustType::Named(id) => Some(id),
                _ => None,
            })
            .collect(),
        TypeDef::Alias(alias) => match alias.ty {
            RustType::Named(id) => vec![id],
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A schema that is only a `$ref` names another type; a chain of them
/// that comes back to where it started defines no type at all.
pub fn check_alias_cycles(
    context: &Context<'_>,
    types: &BTreeMap<TypeId, TypeDef>,
    schema_ids: &BTreeMap<String, TypeId>,
) -> Result<(), Error> {
    let alias_of = |id: TypeId| match types.get(&id) {
        Some(TypeDef::Alias(alias)) => match alias.ty {
            RustType::Named(target) => Some(target),
            _ => None,
        },
        _ => None,
    };
    let schema_of = |id: TypeId| {
        schema_ids
            .iter()
            .find(|(_, schema_id)| **schema_id == id)
            .map_or_else(|| types[&id].name().to_owned(), |(name, _)| name.clone())
    };
    for (schema, start) in schema_ids {
        let mut chain = vec![schema.clone()];
        let mut current = *start;
        while let Some(target) = alias_of(current) {
            chain.push(schema_of(target));
            if target == *start {
                return Err(context.error(
                    format!("schemas.{}.$ref", json_key(schema)),
                    format!(
                        "schema {schema:?} refers to itself through `$ref`s alone ({}), so it defines no type",
                        chain.join(" → ")
                    ),
                ));
            }
            if chain.len() > schema_ids.len() {
                break;
            }
            current = target;
        }
    }
    Ok(())
}
