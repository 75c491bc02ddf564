//! Method parameters and the document's global parameters: where they go,
//! how a request type holds them, and how callers pass them.

use super::names::{self, Namespace};
use super::type_space::{enum_def, TypeSpace};
use super::types::{RustType, TypeDef};
use super::{docs, reserved, Context};
use crate::error::{json_key, Error};
use crate::parse;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
}

/// How a request type holds a parameter's value of type `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// `T`: one value, always sent.
    Plain,
    /// `Option<T>`: sent when set.
    Optional,
    /// `Vec<T>`: one `name=value` pair per element.
    Repeated,
}

/// What a constructor or setter takes for a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argument {
    /// `impl Into<String>`, for single strings.
    IntoString,
    /// The held value itself: `T`, or `Vec<T>` for repeated parameters.
    Value,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub rust_name: String,
    /// The setter of an optional parameter, e.g. `with_page_size`.
    pub setter: String,
    pub wire_name: String,
    pub doc: String,
    /// The type of one value.
    pub ty: RustType,
    pub location: Location,
    /// Required parameters are constructor arguments; the others have setters.
    pub required: bool,
    pub holding: Holding,
    pub argument: Argument,
    pub pattern: Option<String>,
    /// Whether the field is marked `#[deprecated]`: standard parameters
    /// are; a method's are only documented, since its setters would warn.
    pub deprecated: bool,
}

/// The document's global parameters: a struct every request type holds.
#[derive(Debug, Clone)]
pub struct StandardParameters {
    pub name: String,
    pub doc: String,
    pub parameters: Vec<Parameter>,
}

/// The document's global `parameters`, as the `StandardParameters` struct.
/// Their enums are types of the version module.
pub fn standard_parameters(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
) -> Result<StandardParameters, Error> {
    let name = types.claim_name(reserved::STANDARD_PARAMETERS);
    let mut field_names = Namespace::default();
    let mut parameters = Vec::new();
    for (wire_name, parameter) in &context.document.parameters {
        let json_path = format!("parameters.{}", json_key(wire_name));
        let hint = format!("{name} {wire_name}");
        let ty = if parameter.enum_values.is_empty() {
            types.resolve(&json_path, parameter, &hint)?
        } else {
            let def = enum_def(types.claim_name(&hint), parameter);
            RustType::Named(types.add(TypeDef::Enum(def)))
        };
        let placement = Placement {
            location: Location::Query,
            required: false,
            pattern: None,
            deprecated: parameter.deprecated,
        };
        parameters.push(named_parameter(
            &mut field_names,
            wire_name,
            parameter,
            ty,
            placement,
        ));
    }
    Ok(StandardParameters {
        name,
        doc: "Query parameters that every method of this API accepts.".to_owned(),
        parameters,
    })
}

/// A method parameter at `json_path` of the document.
pub struct MethodParameter<'a> {
    pub json_path: &'a str,
    pub wire_name: &'a str,
    pub parameter: &'a parse::Parameter,
}

/// A parameter of a method, named in `field_names` (the request type's
/// fields). `resolve_type` gives the type of its values once the parameter
/// is known to be well formed (the caller declares enums where they belong).
pub fn method_parameter(
    context: &Context<'_>,
    field_names: &mut Namespace,
    input: MethodParameter<'_>,
    resolve_type: impl FnOnce() -> Result<RustType, Error>,
) -> Result<Parameter, Error> {
    let MethodParameter {
        json_path,
        wire_name,
        parameter,
    } = input;
    let location = location(context, json_path, parameter)?;
    if let Some(pattern) = &parameter.pattern {
        regex_lite::Regex::new(pattern).map_err(|error| {
            context.error(
                format!("{json_path}.pattern"),
                format!("invalid regular expression {pattern:?}: {error}"),
            )
        })?;
    }
    let ty = resolve_type()?;
    let placement = Placement {
        location,
        required: parameter.required || location == Location::Path,
        pattern: parameter.pattern.clone(),
        deprecated: false,
    };
    Ok(named_parameter(
        field_names,
        wire_name,
        parameter,
        ty,
        placement,
    ))
}

/// Where a parameter goes and what the request type says about it.
struct Placement {
    location: Location,
    required: bool,
    pattern: Option<String>,
    deprecated: bool,
}

/// A parameter named in `field_names`, whose values are of type `ty`.
fn named_parameter(
    field_names: &mut Namespace,
    wire_name: &str,
    source: &parse::Parameter,
    ty: RustType,
    placement: Placement,
) -> Parameter {
    let rust_name = field_names.claim(names::snake(wire_name));
    Parameter {
        setter: setter_name(&rust_name),
        rust_name,
        wire_name: wire_name.to_owned(),
        doc: docs::rustdoc(&source.description),
        holding: holding(placement.required, source.repeated),
        argument: argument(&ty, source.repeated),
        ty,
        location: placement.location,
        required: placement.required,
        pattern: placement.pattern,
        deprecated: placement.deprecated,
    }
}

fn location(
    context: &Context<'_>,
    json_path: &str,
    parameter: &parse::Parameter,
) -> Result<Location, Error> {
    match parameter.location.as_deref() {
        Some("path") => Ok(Location::Path),
        Some("query") => Ok(Location::Query),
        Some(other) => Err(context.error(
            format!("{json_path}.location"),
            format!("expected \"path\" or \"query\", found {other:?}"),
        )),
        None => Err(context.error(
            json_path,
            "missing `location`: expected \"path\" or \"query\"",
        )),
    }
}

fn setter_name(rust_name: &str) -> String {
    format!(
        "{}{}",
        reserved::SETTER_PREFIX,
        rust_name.trim_start_matches("r#")
    )
}

fn holding(required: bool, repeated: bool) -> Holding {
    match (required, repeated) {
        (_, true) => Holding::Repeated,
        (true, false) => Holding::Plain,
        (false, false) => Holding::Optional,
    }
}

fn argument(ty: &RustType, repeated: bool) -> Argument {
    if *ty == RustType::String && !repeated {
        Argument::IntoString
    } else {
        Argument::Value
    }
}
