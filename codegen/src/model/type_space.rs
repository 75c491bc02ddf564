//! Schemas → Rust types: formats mapped, `$ref`s resolved, inline objects
//! and enums lifted to named types. Types are built on demand, as methods
//! and other schemas refer to them.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::names::{self, Namespace};
use super::types::{
    AliasDef, EnumDef, Field, Holding, Home, RustType, StructDef, TypeDef, TypeId, Types, Variant,
};
use super::{docs, recursion, reserved, rpc_status, Context};
use crate::error::{json_key, Error};
use crate::parse::JsonSchema;

/// The named types of one version module while they are being built.
pub struct TypeSpace<'a> {
    context: Context<'a>,
    names: Namespace,
    /// Discovery schema name → Rust type name, for every schema of the document.
    schema_names: BTreeMap<String, String>,
    /// The schemas referred to so far, with their ids.
    schema_ids: BTreeMap<String, TypeId>,
    /// Schemas referred to but not built yet.
    queue: VecDeque<String>,
    built: BTreeMap<TypeId, TypeDef>,
    /// The types declared outside the `model` module, and where.
    elsewhere: BTreeMap<TypeId, Home>,
    next_id: usize,
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
            schema_ids: BTreeMap::new(),
            queue: VecDeque::new(),
            built: BTreeMap::new(),
            elsewhere: BTreeMap::new(),
            next_id: 0,
        }
    }

    /// Claims a name for a type lifted from an inline schema.
    fn claim_name(&mut self, name: &str) -> String {
        names::claim_type(&mut self.names, names::camel(name))
    }

    fn issue_id(&mut self) -> TypeId {
        self.next_id += 1;
        TypeId::new(self.next_id - 1)
    }

    /// Adds a type under a name from [`Self::claim_name`].
    fn add(&mut self, def: TypeDef) -> TypeId {
        let id = self.issue_id();
        self.built.insert(id, def);
        id
    }

    /// A type declared in `home`, outside the `model` module, named by the
    /// caller in that module's namespace.
    pub fn declare(&mut self, def: TypeDef, home: Home) -> TypeId {
        let id = self.add(def);
        self.elsewhere.insert(id, home);
        id
    }

    /// Schema `id`, which will be generated.
    pub fn reference(&mut self, json_path: &str, schema: &str) -> Result<TypeId, Error> {
        if !self.schema_names.contains_key(schema) {
            return Err(self.context.error(
                json_path,
                format!("`$ref` names schema {schema:?}, which the document does not define"),
            ));
        }
        if let Some(id) = self.schema_ids.get(schema) {
            return Ok(*id);
        }
        let id = self.issue_id();
        self.schema_ids.insert(schema.to_owned(), id);
        self.queue.push_back(schema.to_owned());
        Ok(id)
    }

    /// Generates every schema of the document, reachable or not.
    pub fn add_all_schemas(&mut self) -> Result<(), Error> {
        let schemas: Vec<String> = self.schema_names.keys().cloned().collect();
        for schema in schemas {
            self.reference(&format!("schemas.{}", json_key(&schema)), &schema)?;
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
            return Ok(RustType::Named(
                self.reference(&format!("{json_path}.$ref"), id)?,
            ));
        }
        let kind = schema.kind.as_deref().ok_or_else(|| {
            self.context
                .error(json_path, "expected a `type` or a `$ref`, found neither")
        })?;
        Ok(match kind {
            "string" if !schema.enum_values.is_empty() => {
                let name = self.claim_name(hint);
                RustType::Named(self.add(TypeDef::Enum(enum_def(&self.context, name, schema))))
            }
            "string" | "integer" | "number" | "boolean" | "any" => {
                scalar(kind, schema.format.as_deref())
            }
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
                let def = self.struct_def(json_path, name, schema)?;
                RustType::Named(self.add(TypeDef::Struct(def)))
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
        let mut field_names = Namespace::with_reserved(reserved::STRUCT_FIELDS_RESERVED);
        let mut fields = Vec::new();
        for (json_name, property) in &schema.properties {
            let ty = self.resolve(
                &format!("{json_path}.properties.{}", json_key(json_name)),
                property,
                &format!("{name} {json_name}"),
            )?;
            let rust_name = field_names.claim(names::snake(json_name));
            fields.push(Field {
                setter: names::setter(&rust_name),
                rust_name,
                json_name: json_name.clone(),
                doc: property_doc(&self.context, json_name, property),
                holding: Holding::Optional,
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
                let rust_name = field_names.claim(reserved::ADDITIONAL_PROPERTIES_FIELD.to_owned());
                Some(Field {
                    setter: names::setter(&rust_name),
                    rust_name,
                    json_name: String::new(),
                    doc: "Properties not named above.".to_owned(),
                    ty: RustType::Map(Box::new(ty)),
                    holding: Holding::Plain,
                    deprecated: false,
                })
            }
            _ => None,
        };
        Ok(StructDef {
            doc: self
                .context
                .doc_or(&schema.description, || format!("The JSON object `{name}`.")),
            name,
            fields,
            additional,
        })
    }

    /// Builds every schema referred to, then settles what depends on all of
    /// them: alias cycles are rejected, aliases that cannot be aliases become
    /// newtypes, and fields that would make a type contain itself are boxed.
    pub fn finish(mut self) -> Result<Types, Error> {
        while let Some(schema_name) = self.queue.pop_front() {
            let def = self.schema_def(&schema_name)?;
            self.built.insert(self.schema_ids[&schema_name], def);
        }
        let mut types = self.built;
        recursion::check_alias_cycles(&self.context, &types, &self.schema_ids)?;
        recursion::make_newtypes_of_aliases_that_cannot_be(&mut types);
        recursion::box_recursive_fields(&mut types);
        Ok(Types::new(types, self.elsewhere, self.schema_ids))
    }

    fn schema_def(&mut self, schema_name: &str) -> Result<TypeDef, Error> {
        let schema = &self.context.document.schemas[schema_name];
        let name = self.schema_names[schema_name].clone();
        self.named_def(&format!("schemas.{}", json_key(schema_name)), name, schema)
    }

    /// The type of a method's request or response body: the schema a `$ref`
    /// names, or an inline schema of any type lifted to a type of the
    /// version module named after `hint` (made unique), as a schema of the
    /// document would be.
    pub fn body_type(
        &mut self,
        json_path: &str,
        schema: &JsonSchema,
        hint: &str,
    ) -> Result<TypeId, Error> {
        if let Some(reference) = &schema.reference {
            return self.reference(&format!("{json_path}.$ref"), reference);
        }
        let name = self.claim_name(hint);
        let def = self.named_def(json_path, name, schema)?;
        Ok(self.add(def))
    }

    /// The type named `name` of a schema that gets a name of its own: the
    /// runtime's `Status` for `google.rpc.Status`, a struct for objects
    /// (unless only `additionalProperties` makes them a map), an enum for
    /// string enums, else an alias.
    fn named_def(
        &mut self,
        json_path: &str,
        name: String,
        schema: &JsonSchema,
    ) -> Result<TypeDef, Error> {
        if rpc_status::is_rpc_status(schema) {
            return Ok(TypeDef::Alias(AliasDef {
                name,
                doc: self.context.doc(&schema.description),
                ty: RustType::RpcStatus,
            }));
        }
        Ok(match schema.kind.as_deref() {
            Some("object") | None if schema.reference.is_none() => {
                if schema.properties.is_empty() && schema.additional_properties.is_some() {
                    self.alias(json_path, name, schema)?
                } else {
                    TypeDef::Struct(self.struct_def(json_path, name, schema)?)
                }
            }
            Some("string") if !schema.enum_values.is_empty() => {
                TypeDef::Enum(enum_def(&self.context, name, schema))
            }
            _ => self.alias(json_path, name, schema)?,
        })
    }

    fn alias(
        &mut self,
        json_path: &str,
        name: String,
        schema: &JsonSchema,
    ) -> Result<TypeDef, Error> {
        let hint = format!("{name} item");
        let ty = self.resolve(json_path, schema, &hint)?;
        Ok(TypeDef::Alias(AliasDef {
            doc: self
                .context
                .doc_or(&schema.description, || format!("The type `{name}`.")),
            name,
            ty,
        }))
    }
}

/// The Rust type of a scalar `type` and `format`. Strings whose `format`
/// is not listed (`date`, `date-time`, `google-datetime`,
/// `google-fieldmask`, unknown ones) stay `String`, documented by the field.
fn scalar(kind: &str, format: Option<&str>) -> RustType {
    match (kind, format) {
        ("string", Some("int64")) | ("integer", Some("int64")) => RustType::I64,
        ("string", Some("uint64")) | ("integer", Some("uint64")) => RustType::U64,
        ("string", Some("google-duration")) => RustType::Duration,
        ("string", Some("byte")) => RustType::Bytes,
        ("string", _) => RustType::String,
        ("integer", Some("uint32")) => RustType::U32,
        ("integer", _) => RustType::I32,
        ("number", Some("float")) => RustType::F32,
        ("number", _) => RustType::F64,
        ("boolean", _) => RustType::Bool,
        _ => RustType::Any,
    }
}

fn property_doc(context: &Context, json_name: &str, property: &JsonSchema) -> String {
    let mut doc = context.doc_or(&property.description, || {
        format!("The member {}.", docs::code(json_name))
    });
    if property.read_only {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str("Output only: set by the service, ignored in requests.");
    }
    doc
}

/// A variant's doc: its wire value, then its description if it has one.
fn variant_doc(context: &Context, value: &str, description: Option<&String>) -> String {
    let doc = description
        .map(|text| context.doc(text))
        .unwrap_or_default();
    let value = docs::code(value);
    if doc.is_empty() {
        format!("The value {value}.")
    } else {
        format!("{value}: {doc}")
    }
}

/// The open enum of a string schema with `enum` values; a value listed
/// twice is one variant.
pub(super) fn enum_def(context: &Context, name: String, schema: &JsonSchema) -> EnumDef {
    let mut variant_names = Namespace::with_reserved(&[reserved::UNKNOWN_VARIANT]);
    let mut seen = BTreeSet::new();
    let variants = schema
        .enum_values
        .iter()
        .enumerate()
        .filter(|(_, value)| seen.insert(value.as_str()))
        .map(|(index, value)| Variant {
            rust_name: names::claim_type(&mut variant_names, names::camel(value)),
            value: value.clone(),
            doc: variant_doc(context, value, schema.enum_descriptions.get(index)),
            deprecated: schema.enum_deprecated.get(index).copied().unwrap_or(false),
        })
        .collect();
    EnumDef {
        doc: context.doc_or(&schema.description, || format!("The values of `{name}`.")),
        name,
        variants,
    }
}
