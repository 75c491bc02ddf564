//! Schemas → Rust types: formats mapped, `$ref`s resolved, inline objects
//! and enums lifted to named types, recursion boxed.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::names::{self, Namespace};
use super::{docs, Context, EnumDef, Field, RustType, StructDef, TypeDef, Variant};
use crate::error::{json_key, Error};
use crate::parse::JsonSchema;

/// The named types of one version module, built on demand as methods and
/// schemas reference them.
pub struct TypeSpace<'a> {
    context: Context<'a>,
    names: Namespace,
    /// Discovery schema name → Rust type name, for every schema of the document.
    schema_names: BTreeMap<String, String>,
    queue: VecDeque<String>,
    queued: BTreeSet<String>,
    built: BTreeMap<String, TypeDef>,
}

impl<'a> TypeSpace<'a> {
    pub fn new(context: &Context<'a>) -> Self {
        // Schema names are claimed first, so that they keep their own names
        // and lifted types take the suffixes.
        let mut names = Namespace::default();
        let schema_names = context
            .document
            .schemas
            .keys()
            .map(|id| (id.clone(), names::claim_type(&mut names, names::camel(id))))
            .collect();
        TypeSpace {
            context: *context,
            names,
            schema_names,
            queue: VecDeque::new(),
            queued: BTreeSet::new(),
            built: BTreeMap::new(),
        }
    }

    /// Claims a name for a type that is not a schema, e.g. `StandardParameters`.
    pub fn claim_name(&mut self, name: &str) -> String {
        names::claim_type(&mut self.names, names::camel(name))
    }

    /// Adds a type built elsewhere, under a name from [`Self::claim_name`].
    pub fn add(&mut self, def: TypeDef) {
        self.built.insert(def.name().to_owned(), def);
    }

    /// A reference to schema `id`, which will be generated.
    pub fn reference(&mut self, json_path: &str, id: &str) -> Result<RustType, Error> {
        let name = self.schema_names.get(id).ok_or_else(|| {
            self.context.error(
                json_path,
                format!("`$ref` names schema {id:?}, which the document does not define"),
            )
        })?;
        if self.queued.insert(id.to_owned()) {
            self.queue.push_back(id.to_owned());
        }
        Ok(RustType::Named(name.clone()))
    }

    /// Generates every schema of the document, reachable or not.
    pub fn add_all_schemas(&mut self) -> Result<(), Error> {
        let ids: Vec<String> = self.schema_names.keys().cloned().collect();
        for id in ids {
            self.reference(&format!("schemas.{}", json_key(&id)), &id)?;
        }
        Ok(())
    }

    /// The Rust type of `schema`. Inline objects and enums are lifted into
    /// types of the version module named after `hint` (made unique).
    pub fn resolve(
        &mut self,
        json_path: &str,
        schema: &JsonSchema,
        hint: &str,
    ) -> Result<RustType, Error> {
        if let Some(id) = &schema.reference {
            return self.reference(&format!("{json_path}.$ref"), id);
        }
        let kind = schema.kind.as_deref().ok_or_else(|| {
            self.context
                .error(json_path, "expected a `type` or a `$ref`, found neither")
        })?;
        Ok(match kind {
            "string" if !schema.enum_values.is_empty() => {
                let name = self.claim_name(hint);
                let def = enum_def(name.clone(), schema);
                self.add(TypeDef::Enum(def));
                RustType::Named(name)
            }
            "string" => string_format(schema.format.as_deref()),
            "integer" => match schema.format.as_deref() {
                Some("uint32") => RustType::U32,
                Some("int64") => RustType::I64,
                Some("uint64") => RustType::U64,
                _ => RustType::I32,
            },
            "number" => match schema.format.as_deref() {
                Some("float") => RustType::F32,
                _ => RustType::F64,
            },
            "boolean" => RustType::Bool,
            "any" => RustType::Any,
            "array" => {
                let items = schema.items.as_deref().ok_or_else(|| {
                    self.context
                        .error(json_path, "an array schema must have `items`")
                })?;
                let item = self.resolve(&format!("{json_path}.items"), items, hint)?;
                RustType::Vec(Box::new(item))
            }
            "object" if !schema.properties.is_empty() => {
                let name = self.claim_name(hint);
                let def = self.struct_def(json_path, name.clone(), schema)?;
                self.add(TypeDef::Struct(def));
                RustType::Named(name)
            }
            "object" => match &schema.additional_properties {
                Some(values) => {
                    let value =
                        self.resolve(&format!("{json_path}.additionalProperties"), values, hint)?;
                    RustType::Map(Box::new(value))
                }
                None => RustType::Map(Box::new(RustType::Any)),
            },
            other => {
                return Err(self.context.error(
                    format!("{json_path}.type"),
                    format!(
                        "unknown type {other:?}: expected one of string, integer, number, \
                         boolean, array, object, any"
                    ),
                ))
            }
        })
    }

    /// Builds the struct for an object schema; its inline types go to the version module.
    fn struct_def(
        &mut self,
        json_path: &str,
        name: String,
        schema: &JsonSchema,
    ) -> Result<StructDef, Error> {
        let mut field_names = Namespace::default();
        let mut fields = Vec::new();
        for (json_name, property) in &schema.properties {
            let hint = format!("{name} {json_name}");
            let ty = self.resolve(
                &format!("{json_path}.properties.{}", json_key(json_name)),
                property,
                &hint,
            )?;
            fields.push(Field {
                rust_name: field_names.claim(names::snake(json_name)),
                json_name: json_name.clone(),
                doc: property_doc(property),
                ty,
                deprecated: property.deprecated,
            });
        }
        let additional = match &schema.additional_properties {
            Some(values) if !schema.properties.is_empty() => {
                let ty = self.resolve(
                    &format!("{json_path}.additionalProperties"),
                    values,
                    &format!("{name} additional"),
                )?;
                Some(Field {
                    rust_name: field_names.claim("additional_properties".to_owned()),
                    json_name: String::new(),
                    doc: "Properties not named above.".to_owned(),
                    ty: RustType::Map(Box::new(ty)),
                    deprecated: false,
                })
            }
            _ => None,
        };
        Ok(StructDef {
            name,
            doc: docs::rustdoc(&schema.description),
            fields,
            additional,
        })
    }

    /// Builds every queued schema, boxes recursive fields and returns the
    /// types sorted by name, with the Rust name of each schema generated.
    pub fn finish(mut self) -> Result<(Vec<TypeDef>, BTreeMap<String, String>), Error> {
        while let Some(id) = self.queue.pop_front() {
            let schema = &self.context.document.schemas[&id];
            let name = self.schema_names[&id].clone();
            let json_path = format!("schemas.{}", json_key(&id));
            let def = match schema.kind.as_deref() {
                Some("object") | None if schema.reference.is_none() => {
                    if schema.properties.is_empty() && schema.additional_properties.is_some() {
                        self.alias(&json_path, name, schema)?
                    } else {
                        TypeDef::Struct(self.struct_def(&json_path, name, schema)?)
                    }
                }
                Some("string") if !schema.enum_values.is_empty() => {
                    TypeDef::Enum(enum_def(name, schema))
                }
                _ => self.alias(&json_path, name, schema)?,
            };
            self.built.insert(def.name().to_owned(), def);
        }
        let mut types = self.built;
        self.context
            .check_alias_cycles(&types, &self.schema_names)?;
        make_newtypes_of_aliases_that_cannot_be(&mut types);
        box_recursive_fields(&mut types);
        let mut schema_types = self.schema_names;
        schema_types.retain(|id, _| self.queued.contains(id));
        Ok((types.into_values().collect(), schema_types))
    }

    fn alias(
        &mut self,
        json_path: &str,
        name: String,
        schema: &JsonSchema,
    ) -> Result<TypeDef, Error> {
        let hint = format!("{name} item");
        let ty = self.resolve(json_path, schema, &hint)?;
        Ok(TypeDef::Alias {
            name,
            doc: docs::rustdoc(&schema.description),
            ty,
        })
    }
}

/// Strings whose `format` changes the Rust type; the other formats (`date`,
/// `date-time`, `google-datetime`, `google-fieldmask`, unknown ones) stay
/// `String`, documented by the field.
fn string_format(format: Option<&str>) -> RustType {
    match format {
        Some("int64") => RustType::I64,
        Some("uint64") => RustType::U64,
        Some("google-duration") => RustType::Duration,
        Some("byte") => RustType::Bytes,
        _ => RustType::String,
    }
}

fn property_doc(property: &JsonSchema) -> String {
    let mut doc = docs::rustdoc(&property.description);
    if property.read_only {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str("Output only: set by the service, ignored in requests.");
    }
    doc
}

pub(super) fn enum_def(name: String, schema: &JsonSchema) -> EnumDef {
    let mut variant_names = Namespace::with_reserved(&["UnknownValue"]);
    let mut seen = BTreeSet::new();
    let variants = schema
        .enum_values
        .iter()
        .enumerate()
        .filter(|(_, value)| seen.insert(value.as_str()))
        .map(|(index, value)| Variant {
            rust_name: names::claim_type(&mut variant_names, names::camel(value)),
            value: value.clone(),
            doc: schema
                .enum_descriptions
                .get(index)
                .map(|text| docs::rustdoc(text))
                .unwrap_or_default(),
            deprecated: schema.enum_deprecated.get(index).copied().unwrap_or(false),
        })
        .collect();
    EnumDef {
        name,
        doc: docs::rustdoc(&schema.description),
        variants,
    }
}

/// The named types `ty` mentions, at any depth.
fn mentioned_names<'t>(ty: &'t RustType, out: &mut Vec<&'t str>) {
    match ty {
        RustType::Named(name) => out.push(name),
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => {
            mentioned_names(inner, out)
        }
        _ => {}
    }
}

/// Two kinds of alias become newtype structs: one that reaches itself
/// through other aliases (e.g. an array of itself), which an alias cannot
/// express, and one whose values need a codec (e.g. `Vec<i64>`, written as
/// strings), which an alias cannot carry.
fn make_newtypes_of_aliases_that_cannot_be(types: &mut BTreeMap<String, TypeDef>) {
    let alias_mentions: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|(name, def)| match def {
            TypeDef::Alias { ty, .. } => {
                let mut names = Vec::new();
                mentioned_names(ty, &mut names);
                Some((name.clone(), names.into_iter().map(str::to_owned).collect()))
            }
            _ => None,
        })
        .collect();
    let reaches_itself = |start: &String| {
        let mut stack = alias_mentions[start].clone();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if name == *start {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(alias_mentions.get(&name).into_iter().flatten().cloned());
            }
        }
        false
    };
    let needs_codec = |name: &String| matches!(types.get(name), Some(TypeDef::Alias { ty, .. }) if ty.needs_codec());
    let newtypes: Vec<String> = alias_mentions
        .keys()
        .filter(|name| reaches_itself(name) || needs_codec(name))
        .cloned()
        .collect();
    for name in newtypes {
        if let Some(TypeDef::Alias { name, doc, ty }) = types.remove(&name) {
            types.insert(name.clone(), TypeDef::Newtype { name, doc, ty });
        }
    }
}

/// Boxes every field whose type would otherwise contain itself: a field of
/// named type `T` in struct `S` where `T` reaches `S` without passing through
/// a `Vec` or map (which are already indirect).
fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>) {
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_children(def)))
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if name == to {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(edges.get(&name).into_iter().flatten().cloned());
            }
        }
        false
    };
    for (name, def) in types.iter_mut() {
        let TypeDef::Struct(def) = def else { continue };
        for field in &mut def.fields {
            if let RustType::Named(target) = &field.ty {
                if reaches(target, name) {
                    field.ty = RustType::Boxed(Box::new(field.ty.clone()));
                }
            }
        }
    }
}

fn direct_children(def: &TypeDef) -> Vec<String> {
    match def {
        TypeDef::Struct(def) => def
            .fields
            .iter()
            .filter_map(|field| match &field.ty {
                RustType::Named(name) => Some(name.clone()),
                _ => None,
            })
            .collect(),
        TypeDef::Alias {
            ty: RustType::Named(name),
            ..
        } => vec![name.clone()],
        _ => Vec::new(),
    }
}

impl Context<'_> {
    /// A schema that is only a `$ref` names another type; a chain of them
    /// that comes back to where it started defines no type at all.
    fn check_alias_cycles(
        &self,
        types: &BTreeMap<String, TypeDef>,
        schema_names: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        let alias_of = |name: &str| match types.get(name) {
            Some(TypeDef::Alias {
                ty: RustType::Named(target),
                ..
            }) => Some(target.clone()),
            _ => None,
        };
        for (id, name) in schema_names {
            let mut chain = vec![id.clone()];
            let mut current = name.clone();
            while let Some(target) = alias_of(&current) {
                let target_id = schema_names
                    .iter()
                    .find(|(_, rust_name)| **rust_name == target)
                    .map_or(target.clone(), |(id, _)| id.clone());
                chain.push(target_id);
                if target == *name {
                    return Err(self.error(
                        format!("schemas.{}.$ref", json_key(id)),
                        format!(
                            "schema {id:?} refers to itself through `$ref`s alone ({}), so it defines no type",
                            chain.join(" → ")
                        ),
                    ));
                }
                if chain.len() > schema_names.len() {
                    break;
                }
                current = target;
            }
        }
        Ok(())
    }
}
