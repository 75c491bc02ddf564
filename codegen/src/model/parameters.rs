//! Method parameters and the document's global parameters: where they go,
//! how a request type holds them, and how callers pass them.

use super::names::{self, Namespace};
use super::type_space::{enum_def, TypeSpace};
use super::types::{Argument, Holding, Home, Location, RustType, TypeDef, TypeId};
use super::{docs, reserved, sendable, Context};
use crate::error::{json_key, Error};
use crate::parse;

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
    pub pattern: Option<String>,
    /// Whether the field is marked `#[deprecated]`: standard parameters
    /// are; a method's are only documented, since its setters would warn.
    pub deprecated: bool,
    /// Whether the value is a credential (an access token or API key) that
    /// `Debug` must not show.
    pub secret: bool,
}

/// The global parameters that carry credentials.
const SECRET_PARAMETERS: &[&str] = &["access_token", "oauth_token", "key"];

/// The document's global parameters: the struct `StandardParameters` of the
/// version module, which every request type holds.
#[derive(Debug, Clone)]
pub struct StandardParameters {
    pub doc: String,
    pub parameters: Vec<Parameter>,
    /// Enums of the parameters, declared beside the struct.
    pub enums: Vec<TypeId>,
}

impl StandardParameters {
    /// Whether a parameter is deprecated, so that the struct's own code must
    /// allow using it.
    pub fn has_deprecated(&self) -> bool {
        self.parameters.iter().any(|parameter| parameter.deprecated)
    }
}

/// The document's global `parameters`, as the `StandardParameters` struct.
pub fn standard_parameters(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
) -> Result<StandardParameters, Error> {
    let mut enum_names = Namespace::with_reserved(reserved::VERSION_ITEMS);
    let mut enums = Vec::new();
    let mut field_names = Namespace::default();
    let mut parameters = Vec::new();
    for (wire_name, parameter) in &context.document.parameters {
        let json_path = format!("parameters.{}", json_key(wire_name));
        let hint = format!("{} {wire_name}", reserved::STANDARD_PARAMETERS);
        let ty = if parameter.enum_values.is_empty() {
            let ty = types.resolve(&json_path, parameter, &hint)?;
            sendable::check_sendable(context, &json_path, parameter, Location::Query)?;
            ty
        } else {
            let name = names::claim_type(&mut enum_names, names::camel(&hint));
            let id = types.declare(
                TypeDef::Enum(enum_def(context, name, parameter)),
                Home::Version,
            );
            enums.push(id);
            RustType::Named(id)
        };
        let placement = Placement {
            location: Location::Query,
            required: false,
            pattern: None,
            deprecated: parameter.deprecated,
            secret: SECRET_PARAMETERS.contains(&wire_name.as_str()),
        };
        parameters.push(named_parameter(
            context,
            &mut field_names,
            wire_name,
            parameter,
            ty,
            placement,
        ));
    }
    Ok(StandardParameters {
        doc: "Query parameters that every method of this API accepts.".to_owned(),
        parameters,
        enums,
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
    sendable::check_sendable(context, json_path, parameter, location)?;
    let placement = Placement {
        location,
        required: parameter.required || location == Location::Path,
        pattern: parameter.pattern.clone(),
        deprecated: false,
        secret: false,
    };
    Ok(named_parameter(
        context,
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
    secret: bool,
}

/// A parameter named in `field_names`, whose values are of type `ty`.
fn named_parameter(
    context: &Context<'_>,
    field_names: &mut Namespace,
    wire_name: &str,
    source: &parse::Parameter,
    ty: RustType,
    placement: Placement,
) -> Parameter {
    let rust_name = field_names.claim(names::snake(wire_name));
    Parameter {
        setter: names::setter(&rust_name),
        rust_name,
        wire_name: wire_name.to_owned(),
        doc: context.doc_or(&source.description, || {
            format!("The parameter {}.", docs::code(wire_name))
        }),
        holding: holding(placement.required, source.repeated),
        ty,
        location: placement.location,
        required: placement.required,
        pattern: placement.pattern,
        deprecated: placement.deprecated,
        secret: placement.secret,
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

fn holding(required: bool, repeated: bool) -> Holding {
    match (required, repeated) {
        (_, true) => Holding::Repeated,
        (true, false) => Holding::Plain,
        (false, false) => Holding::Optional,
    }
}

impl Parameter {
    /// What the constructor or setter takes: `Vec<T>` for repeated
    /// parameters, else as for a single value.
    pub fn argument(&self) -> Argument {
        match self.holding {
            Holding::Repeated => Argument::Value,
            Holding::Plain | Holding::Optional => Argument::for_value(&self.ty),
        }
    }
}
