//! Which parameter schemas can be written into a URL. A parameter's value
//! becomes text through `runtime::__private::ParamValue`: scalars and string enums in
//! the path or the query; in the query also `any` (a JSON string as it is,
//! anything else as JSON text) and objects of scalar or `any` values (as JSON
//! text). Every other shape is rejected here, with its JSON path, so that no
//! document yields a crate that does not compile.

use super::types::Location;
use super::Context;
use crate::error::{json_key, Error};
use crate::parse::JsonSchema;

/// How many `$ref`s in a row a parameter's schema may go through before it
/// is taken for a cycle.
const MAX_REFS: usize = 64;

/// What a parameter's values may be, for error messages.
const EXPECTED_PATH: &str = "expected a string, integer, number or boolean schema";
const EXPECTED_QUERY: &str = "expected a string, integer, number, boolean or `any` schema, \
                              or an object of such values without `properties`";

/// Fails unless values of `parameter`, at `json_path`, can be written at `location`.
pub fn check_sendable(
    context: &Context<'_>,
    json_path: &str,
    parameter: &JsonSchema,
    location: Location,
) -> Result<(), Error> {
    if location == Location::Path && parameter.repeated {
        return Err(context.error(
            format!("{json_path}.repeated"),
            "a path parameter cannot be repeated: expected one value",
        ));
    }
    let (schema, schema_path, at) = follow_refs(context, json_path, parameter)?;
    let expected = match location {
        Location::Path => EXPECTED_PATH,
        Location::Query => EXPECTED_QUERY,
    };
    if let Some(generated) = parameter.reference.as_ref().and(named_type(schema)) {
        return Err(context.error(
            at,
            format!(
                "`$ref` leads to {}, which becomes {generated} that cannot be sent as a {} \
                 parameter: expected the `type` and `format` on the parameter itself",
                describe(schema),
                location_name(location)
            ),
        ));
    }
    let kind = schema.kind.as_deref();
    match (kind, location) {
        (Some("string" | "integer" | "number" | "boolean"), _) => Ok(()),
        (Some("any"), Location::Query) => Ok(()),
        (Some("object"), Location::Query) if schema.properties.is_empty() => {
            match &schema.additional_properties {
                Some(values) => check_map_values(context, &schema_path, values),
                None => Ok(()),
            }
        }
        _ => Err(context.error(
            at,
            format!(
                "{} cannot be sent as a {} parameter: {expected}",
                describe(schema),
                location_name(location)
            ),
        )),
    }
}

/// The kind of named type that a schema a `$ref` leads to becomes, when
/// that type is not the plain value a parameter needs: int64 and byte
/// aliases become newtypes (which carry the codec), and empty objects
/// structs. (Objects with `properties` are rejected for every parameter.)
fn named_type(schema: &JsonSchema) -> Option<&'static str> {
    let needs_codec = matches!(schema.format.as_deref(), Some("int64" | "uint64" | "byte"));
    match schema.kind.as_deref() {
        Some("string" | "integer") if needs_codec => Some("a newtype"),
        Some("object")
            if schema.properties.is_empty() && schema.additional_properties.is_none() =>
        {
            Some("a struct")
        }
        _ => None,
    }
}

/// The values of an object query parameter, which is sent as JSON text:
/// only values whose JSON is their wire form (not int64 or bytes, which
/// need a codec).
fn check_map_values(
    context: &Context<'_>,
    json_path: &str,
    values: &JsonSchema,
) -> Result<(), Error> {
    let json_path = format!("{json_path}.additionalProperties");
    let (schema, _, at) = follow_refs(context, &json_path, values)?;
    let needs_codec = matches!(schema.format.as_deref(), Some("int64" | "uint64" | "byte"));
    match schema.kind.as_deref() {
        Some("string" | "integer" | "number" | "boolean" | "any") if !needs_codec => Ok(()),
        _ => Err(context.error(
            at,
            format!(
                "{} cannot be a value of an object query parameter, which is sent as JSON text: \
                 expected a string (not int64, uint64 or byte), integer (not int64 or uint64), \
                 number, boolean or `any` schema",
                describe(schema)
            ),
        )),
    }
}

/// The schema that `schema` (at `json_path`) is, through its `$ref`s; that
/// schema's JSON path; and the JSON path of the key that decides what it
/// is: its own `type`, or its `$ref`.
fn follow_refs<'s>(
    context: &Context<'s>,
    json_path: &str,
    schema: &'s JsonSchema,
) -> Result<(&'s JsonSchema, String, String), Error> {
    if schema.reference.is_none() {
        return Ok((schema, json_path.to_owned(), format!("{json_path}.type")));
    }
    let at = format!("{json_path}.$ref");
    let mut target = schema;
    let mut target_path = json_path.to_owned();
    for _ in 0..MAX_REFS {
        let Some(reference) = &target.reference else {
            return Ok((target, target_path, at));
        };
        target = context.document.schemas.get(reference).ok_or_else(|| {
            context.error(
                &at,
                format!("`$ref` leads to schema {reference:?}, which the document does not define"),
            )
        })?;
        target_path = format!("schemas.{}", json_key(reference));
    }
    Err(context.error(at, "`$ref` leads to a cycle of `$ref`s"))
}

fn describe(schema: &JsonSchema) -> String {
    match schema.kind.as_deref() {
        Some("object") if !schema.properties.is_empty() => {
            "an object schema with `properties`".to_owned()
        }
        Some(kind) => match &schema.format {
            Some(format) => format!("a schema of type {kind:?} and format {format:?}"),
            None => format!("a schema of type {kind:?}"),
        },
        None => "a schema without `type`".to_owned(),
    }
}

fn location_name(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
    }
}
