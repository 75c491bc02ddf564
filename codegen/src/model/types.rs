//! The named types of a version module and the type expressions that refer
//! to them. Types are referred to by [`TypeId`], issued by the type space
//! that builds them.

use std::collections::BTreeMap;

/// A named type of a version module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

impl TypeId {
    pub(super) fn new(index: usize) -> Self {
        TypeId(index)
    }
}

/// Where a named type is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// The version's `model` module: the schemas and the types lifted from them.
    Model,
    /// The version module itself: the enums of `StandardParameters`.
    Version,
    /// A resource module, by its modules from the version's down: the enums
    /// of its methods' parameters.
    Resource(Vec<String>),
}

/// A named type of the version module (or of a resource module).
#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    /// A schema that is not an object, e.g. an array: `pub type Name = …;`
    Alias(AliasDef),
    /// A schema that is not an object and that an alias cannot express: one
    /// that contains itself (an array of itself), or whose values need a
    /// codec: `pub struct Name(pub …);`
    Newtype(AliasDef),
}

impl TypeDef {
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(def) => &def.name,
            TypeDef::Enum(def) => &def.name,
            TypeDef::Alias(def) | TypeDef::Newtype(def) => &def.name,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field>,
    /// `additionalProperties` next to `properties`: the remaining keys.
    pub additional: Option<Field>,
}

impl StructDef {
    /// The field of JSON member `json_name`.
    pub fn field(&self, json_name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|field| field.json_name == json_name)
    }

    /// Whether the struct has no members at all, so that its default is
    /// its only value.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.additional.is_none()
    }

    /// Whether a field is deprecated, so that the struct's own code must
    /// allow using it.
    pub fn has_deprecated_fields(&self) -> bool {
        self.fields.iter().any(|field| field.deprecated)
    }

    /// Whether the struct keeps the members it does not know in a field of
    /// its own; with `additionalProperties` they are its map's entries.
    pub fn keeps_unknown_members(&self) -> bool {
        self.additional.is_none()
    }

    /// Whether the struct lists members to send as `null`: when it has
    /// members to clear.
    pub fn has_null_fields(&self) -> bool {
        !self.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub rust_name: String,
    pub json_name: String,
    /// The setter, e.g. `with_page_size`.
    pub setter: String,
    pub doc: String,
    pub ty: RustType,
    /// `Optional` for properties, `Plain` for the map of `additionalProperties`.
    pub holding: Holding,
    pub deprecated: bool,
}

impl Field {
    /// What the field's setter takes.
    pub fn argument(&self) -> Argument {
        match self.holding {
            Holding::Optional => Argument::for_value(&self.ty),
            Holding::Plain | Holding::Repeated => Argument::Value,
        }
    }
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
}

/// How a struct or request type holds a value of type `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// `T`: one value, always sent (a required parameter, or the map of
    /// `additionalProperties`).
    Plain,
    /// `Option<T>`: sent when set.
    Optional,
    /// `Vec<T>`: one `name=value` pair per element.
    Repeated,
}

/// What a constructor or setter takes for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argument {
    /// `impl Into<String>`, for single strings.
    IntoString,
    /// The held value itself: `T`, or `Vec<T>` for repeated parameters.
    Value,
    /// `T` for a field of type `Box<T>`, boxed by the setter.
    Boxed,
}

impl Argument {
    /// What a setter takes for a single value of type `ty`.
    pub fn for_value(ty: &RustType) -> Argument {
        match ty {
            RustType::String => Argument::IntoString,
            RustType::Boxed(_) => Argument::Boxed,
            _ => Argument::Value,
        }
    }
}

/// An open enum: known values as variants, anything else kept as the
/// generator's unknown variant.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub doc: String,
    pub variants: Vec<Variant>,
}

impl EnumDef {
    /// Whether a variant is deprecated, so that the enum's own code must
    /// allow using it.
    pub fn has_deprecated_variants(&self) -> bool {
        self.variants.iter().any(|variant| variant.deprecated)
    }
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub rust_name: String,
    pub value: String,
    pub doc: String,
    pub deprecated: bool,
}

#[derive(Debug, Clone)]
pub struct AliasDef {
    pub name: String,
    pub doc: String,
    pub ty: RustType,
}

/// The Rust type of a field or parameter, before `Option` is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Bool,
    I32,
    U32,
    /// `int64`: a JSON string on the wire.
    I64,
    /// `uint64`: a JSON string on the wire.
    U64,
    F32,
    F64,
    /// `google-duration`: `"3.5s"` on the wire.
    Duration,
    /// `byte`: base64 on the wire.
    Bytes,
    /// `type: any`.
    Any,
    /// `google.rpc.Status`: the runtime's `Status` (see `rpc_status`).
    RpcStatus,
    /// A named type, declared where its [`Home`] says.
    Named(TypeId),
    Vec(Box<RustType>),
    Map(Box<RustType>),
    /// A named type that contains itself.
    Boxed(Box<RustType>),
}

/// How a value is written when serde's default is not the wire format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codec {
    /// 64-bit integers as JSON strings.
    Int64,
    /// Bytes as base64.
    Base64,
    /// The element codec, applied to each item.
    Vec(Box<Codec>),
    /// The element codec, applied to each value.
    Map(Box<Codec>),
}

impl RustType {
    /// The codec of values of this type; `None` when serde's default is right.
    pub fn codec(&self) -> Option<Codec> {
        match self {
            RustType::I64 | RustType::U64 => Some(Codec::Int64),
            RustType::Bytes => Some(Codec::Base64),
            RustType::Vec(inner) => inner.codec().map(|codec| Codec::Vec(Box::new(codec))),
            RustType::Map(inner) => inner.codec().map(|codec| Codec::Map(Box::new(codec))),
            RustType::Boxed(inner) => inner.codec(),
            _ => None,
        }
    }

    /// The named types this type mentions, at any depth.
    pub(super) fn mentioned(&self, out: &mut Vec<TypeId>) {
        match self {
            RustType::Named(id) => out.push(*id),
            RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => {
                inner.mentioned(out)
            }
            _ => {}
        }
    }
}

/// The finished named types of a version: those of its `model` module, and
/// the parameter enums declared elsewhere.
///
/// Every [`TypeId`] in a model was issued by the type space these types come
/// from, and that type space builds every type it issues an id for (a
/// schema's id is issued when the schema is queued, and finishing drains the
/// queue), so lookups by id always find their type.
#[derive(Debug, Clone)]
pub struct Types {
    defs: BTreeMap<TypeId, TypeDef>,
    /// The types declared outside the `model` module, and where.
    elsewhere: BTreeMap<TypeId, Home>,
    /// The ids of the `model` module's types in the order of their names:
    /// the order of the generated code.
    by_name: Vec<TypeId>,
    /// Discovery schema name → its type, for the schemas generated.
    schemas: BTreeMap<String, TypeId>,
}

impl Types {
    pub(super) fn new(
        defs: BTreeMap<TypeId, TypeDef>,
        elsewhere: BTreeMap<TypeId, Home>,
        schemas: BTreeMap<String, TypeId>,
    ) -> Self {
        let mut by_name: Vec<TypeId> = defs
            .keys()
            .copied()
            .filter(|id| !elsewhere.contains_key(id))
            .collect();
        by_name.sort_by(|a, b| defs[a].name().cmp(defs[b].name()));
        Types {
            defs,
            elsewhere,
            by_name,
            schemas,
        }
    }

    /// Where `id` is declared.
    pub fn home(&self, id: TypeId) -> &Home {
        self.elsewhere.get(&id).unwrap_or(&Home::Model)
    }

    /// The enum `id` is, if it is one.
    pub fn as_enum(&self, id: TypeId) -> Option<&EnumDef> {
        match self.get(id) {
            TypeDef::Enum(def) => Some(def),
            _ => None,
        }
    }

    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[&id]
    }

    pub fn name(&self, id: TypeId) -> &str {
        self.get(id).name()
    }

    /// The struct `id` is, if it is one.
    pub fn as_struct(&self, id: TypeId) -> Option<&StructDef> {
        match self.get(id) {
            TypeDef::Struct(def) => Some(def),
            _ => None,
        }
    }

    /// The types declared outside the `model` module, with where.
    pub fn elsewhere(&self) -> impl Iterator<Item = (&Home, &TypeDef)> {
        self.elsewhere
            .iter()
            .map(|(id, home)| (home, &self.defs[id]))
    }

    /// The types of the `model` module, in the order of their names.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.by_name.iter().map(|id| (*id, &self.defs[id]))
    }

    /// Discovery schema name → its type, for every schema generated.
    pub fn schemas(&self) -> impl Iterator<Item = (&str, TypeId)> {
        self.schemas
            .iter()
            .map(|(schema, id)| (schema.as_str(), *id))
    }

    /// Discovery schema name → Rust type name, for every schema generated.
    pub fn schema_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.schemas
            .iter()
            .map(|(schema, id)| (schema.as_str(), self.name(*id)))
    }
}
