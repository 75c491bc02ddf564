//! Resources and methods → request types: parameters typed and named, path
//! templates parsed and checked against the declared parameters, patterns
//! compiled, scopes and media metadata collected.

use std::collections::{BTreeMap, BTreeSet};

use super::names::{self, Namespace};
use super::path::{self, Segment};
use super::types::{enum_def, TypeSpace};
use super::{
    docs, Context, Field, Location, Media, Method, MethodScope, Parameter, Resource, RustType,
    Selection, StructDef, TypeDef,
};
use crate::error::{json_key, Error};
use crate::parse::{self, RestMethod, RestResource};

/// Field names of every request type that parameters cannot take.
const REQUEST_FIELDS: &[&str] = &["body", "standard"];

/// A resource picked for generation: its path in the document and which of
/// its children are picked too.
pub struct Picked<'a> {
    name: String,
    resource: &'a RestResource,
    /// False for the ancestors of a selected resource: they are modules only.
    with_methods: bool,
    children: Vec<Picked<'a>>,
    /// The methods at the top level of the document, as a resource.
    root: bool,
}

/// The module of the document's top-level methods.
const ROOT_MODULE: &str = "root";

/// Finds the selected resources; an unknown path is an error listing the
/// resources that exist.
///
/// With every resource selected, `root` (the document's top-level methods)
/// is picked too, as the resource `root`.
pub fn select_resources<'a>(
    context: &Context<'a>,
    selection: &Selection,
    root: &'a RestResource,
) -> Result<Vec<Picked<'a>>, Error> {
    match selection {
        Selection::All => {
            let mut picked = pick_all(&context.document.resources);
            if !root.methods.is_empty() {
                picked.insert(
                    0,
                    Picked {
                        name: ROOT_MODULE.to_owned(),
                        resource: root,
                        with_methods: true,
                        children: Vec::new(),
                        root: true,
                    },
                );
            }
            Ok(picked)
        }
        Selection::Resources(paths) => {
            let mut picked = Vec::new();
            for dotted in paths {
                let parts: Vec<&str> = dotted.split('.').collect();
                insert_path(
                    context,
                    &mut picked,
                    &context.document.resources,
                    &parts,
                    dotted,
                )?;
            }
            Ok(picked)
        }
    }
}

fn pick_all(resources: &BTreeMap<String, RestResource>) -> Vec<Picked<'_>> {
    resources
        .iter()
        .map(|(name, resource)| Picked {
            name: name.clone(),
            resource,
            with_methods: true,
            children: pick_all(&resource.resources),
            root: false,
        })
        .collect()
}

fn insert_path<'a>(
    context: &Context<'a>,
    picked: &mut Vec<Picked<'a>>,
    resources: &'a BTreeMap<String, RestResource>,
    parts: &[&str],
    dotted: &str,
) -> Result<(), Error> {
    let Some((first, rest)) = parts.split_first() else {
        return Ok(());
    };
    let resource = resources.get(*first).ok_or_else(|| {
        let mut known = Vec::new();
        list_resources(&context.document.resources, "", &mut known);
        context.error(
            "resources",
            format!(
                "no resource {dotted:?} in the document; it has: {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ),
        )
    })?;
    let index = match picked.iter().position(|p| p.name == *first) {
        Some(index) => index,
        None => {
            picked.push(Picked {
                name: (*first).to_owned(),
                resource,
                with_methods: false,
                children: Vec::new(),
                root: false,
            });
            picked.len() - 1
        }
    };
    if rest.is_empty() {
        picked[index].with_methods = true;
        picked[index].children = pick_all(&resource.resources);
        return Ok(());
    }
    insert_path(
        context,
        &mut picked[index].children,
        &resource.resources,
        rest,
        dotted,
    )
}

fn list_resources(resources: &BTreeMap<String, RestResource>, prefix: &str, out: &mut Vec<String>) {
    for (name, resource) in resources {
        let path = format!("{prefix}{name}");
        out.push(path.clone());
        list_resources(&resource.resources, &format!("{path}."), out);
    }
}

/// The document's global `parameters`, as the `StandardParameters` struct.
pub fn standard_parameters(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
) -> Result<StructDef, Error> {
    let name = types.claim_name("StandardParameters");
    let mut field_names = Namespace::default();
    let mut fields = Vec::new();
    for (wire_name, parameter) in &context.document.parameters {
        let json_path = format!("parameters.{}", json_key(wire_name));
        let hint = format!("{name} {wire_name}");
        let ty = if parameter.enum_values.is_empty() {
            types.resolve(&json_path, parameter, &hint)?
        } else {
            let def = enum_def(types.claim_name(&hint), parameter);
            let ty = RustType::Named(def.name.clone());
            types.add(TypeDef::Enum(def));
            ty
        };
        fields.push(Field {
            rust_name: field_names.claim(names::snake(wire_name)),
            json_name: wire_name.clone(),
            doc: docs::rustdoc(&parameter.description),
            ty: if parameter.repeated {
                RustType::Vec(Box::new(ty))
            } else {
                ty
            },
            deprecated: parameter.deprecated,
        });
    }
    Ok(StructDef {
        name,
        doc: "Query parameters that every method of this API accepts.".to_owned(),
        fields,
        additional: None,
    })
}

pub fn build_resources(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
    picked: &[Picked<'_>],
) -> Result<Vec<Resource>, Error> {
    let mut seen_ids = BTreeMap::new();
    // Top-level modules are also accessors of the version's `Client`.
    let mut modules =
        Namespace::with_reserved(&["scopes", "runtime", "builder", "from_http", "http"]);
    picked
        .iter()
        .map(|p| {
            build_resource(
                context,
                types,
                p,
                "",
                "resources",
                &mut modules,
                &mut seen_ids,
            )
        })
        .collect()
}

fn build_resource(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
    picked: &Picked<'_>,
    parent: &str,
    parent_json_path: &str,
    siblings: &mut Namespace,
    seen_ids: &mut BTreeMap<String, String>,
) -> Result<Resource, Error> {
    let (path, json_path) = if picked.root {
        (ROOT_MODULE.to_owned(), String::new())
    } else {
        (
            format!("{parent}{}", picked.name),
            format!("{parent_json_path}.{}", json_key(&picked.name)),
        )
    };
    let mut type_names = Namespace::default();
    let accessor_type = names::claim_type(&mut type_names, "Resource".to_owned());
    // Methods and child resources share the accessor's namespace.
    // `new` and `stub` are the accessor's own; the polling helpers are added
    // to resources that serve long-running operations.
    let mut accessors =
        Namespace::with_reserved(&["new", "stub", "poll_until_done", "cancel_and_wait"]);
    let mut local_types = Vec::new();
    let mut methods = Vec::new();
    let picked_methods = picked
        .resource
        .methods
        .iter()
        .filter(|_| picked.with_methods);
    for (name, method) in picked_methods {
        let method_path = match json_path.as_str() {
            "" => format!("methods.{}", json_key(name)),
            parent => format!("{parent}.methods.{}", json_key(name)),
        };
        if let Some(previous) = seen_ids.insert(method.id.clone(), method_path.clone()) {
            return Err(context.error(
                format!("{method_path}.id"),
                format!("method id {:?} is also used at {previous}", method.id),
            ));
        }
        let type_name =
            names::claim_type(&mut type_names, names::camel(&format!("{name} request")));
        let mut built = build_method(
            context,
            types,
            &method_path,
            type_name,
            method,
            &mut type_names,
            &mut local_types,
        )?;
        built.accessor = accessors.claim(names::snake(name));
        methods.push(built);
    }
    let resources = picked
        .children
        .iter()
        .map(|child| {
            build_resource(
                context,
                types,
                child,
                &format!("{path}."),
                &format!("{json_path}.resources"),
                &mut accessors,
                seen_ids,
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(Resource {
        module: siblings.claim(names::snake(&picked.name)),
        doc: if picked.root {
            "The methods declared at the top level of the document.".to_owned()
        } else {
            format!("The `{path}` resource.")
        },
        path,
        accessor_type,
        methods,
        operations: None,
        types: local_types,
        resources,
    })
}

fn build_method(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
    json_path: &str,
    type_name: String,
    method: &RestMethod,
    type_names: &mut Namespace,
    local_types: &mut Vec<TypeDef>,
) -> Result<Method, Error> {
    let segments = path::parse_template(&method.path)
        .map_err(|message| context.error(format!("{json_path}.path"), message))?;
    check_path_parameters(context, json_path, method, &segments)?;
    for name in &method.parameter_order {
        if !method.parameters.contains_key(name) {
            return Err(context.error(
                format!("{json_path}.parameterOrder"),
                format!("names parameter {name:?}, which the method does not declare"),
            ));
        }
    }

    let mut field_names = Namespace::with_reserved(REQUEST_FIELDS);
    let mut parameters = Vec::new();
    for (wire_name, parameter) in ordered_parameters(method, &segments) {
        let parameter_path = format!("{json_path}.parameters.{}", json_key(wire_name));
        let location = match parameter.location.as_deref() {
            Some("path") => Location::Path,
            Some("query") => Location::Query,
            Some(other) => {
                return Err(context.error(
                    format!("{parameter_path}.location"),
                    format!("expected \"path\" or \"query\", found {other:?}"),
                ))
            }
            None => {
                return Err(context.error(
                    parameter_path,
                    "missing `location`: expected \"path\" or \"query\"",
                ))
            }
        };
        if let Some(pattern) = &parameter.pattern {
            regex_lite::Regex::new(pattern).map_err(|error| {
                context.error(
                    format!("{parameter_path}.pattern"),
                    format!("invalid regular expression {pattern:?}: {error}"),
                )
            })?;
        }
        let ty = if parameter.enum_values.is_empty() {
            types.resolve(
                &parameter_path,
                parameter,
                &format!("{type_name} {wire_name}"),
            )?
        } else {
            let name = names::claim_type(
                type_names,
                names::camel(&format!("{type_name} {wire_name}")),
            );
            local_types.push(TypeDef::Enum(enum_def(name.clone(), parameter)));
            RustType::Local(name)
        };
        let rust_name = field_names.claim(names::snake(wire_name));
        parameters.push(Parameter {
            setter: format!("with_{}", rust_name.trim_start_matches("r#")),
            rust_name,
            wire_name: wire_name.clone(),
            doc: docs::rustdoc(&parameter.description),
            ty,
            location,
            required: parameter.required || parameter.location.as_deref() == Some("path"),
            repeated: parameter.repeated,
            pattern: parameter.pattern.clone(),
        });
    }

    let body = match &method.request {
        Some(request) => {
            let RustType::Named(ty) =
                types.reference(&format!("{json_path}.request.$ref"), &request.reference)?
            else {
                unreachable!("a reference resolves to a named type")
            };
            Some(("body".to_owned(), ty))
        }
        None => None,
    };
    let response = match &method.response {
        Some(response) => {
            match types.reference(&format!("{json_path}.response.$ref"), &response.reference)? {
                RustType::Named(ty) => Some(ty),
                _ => None,
            }
        }
        None => None,
    };
    let scopes = method
        .scopes
        .iter()
        .map(|url| match context.scope_names.get(url) {
            Some(name) => MethodScope::Const(name.clone()),
            None => MethodScope::Url(url.clone()),
        })
        .collect();

    let http_method = method.http_method.to_ascii_uppercase();
    if !["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(&http_method.as_str())
    {
        return Err(context.error(
            format!("{json_path}.httpMethod"),
            format!("unsupported HTTP method {:?}: expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS", method.http_method),
        ));
    }
    let idempotent = is_idempotent(&http_method, &method.id);
    Ok(Method {
        type_name,
        id: method.id.clone(),
        doc: docs::rustdoc(&method.description),
        summary: docs::first_sentence(&docs::rustdoc(&method.description)).to_owned(),
        http_method,
        path_template: method.path.clone(),
        flat_path: method.flat_path.clone(),
        path: segments,
        parameters,
        body,
        response,
        scopes,
        media: media(method),
        deprecated: method.deprecated,
        accessor: String::new(),
        idempotent,
        body_is_empty: false,
        pagination: None,
    })
}

/// GET, HEAD and DELETE by HTTP semantics; `cancel` and `wait` of
/// `google.longrunning` operations by theirs: cancelling twice is cancelling
/// once, and waiting changes nothing.
fn is_idempotent(http_method: &str, id: &str) -> bool {
    matches!(http_method, "GET" | "HEAD" | "DELETE")
        || id.ends_with(".operations.cancel")
        || id.ends_with(".operations.wait")
}

/// Every template variable is a declared path parameter and every declared
/// path parameter is in the template.
fn check_path_parameters(
    context: &Context<'_>,
    json_path: &str,
    method: &RestMethod,
    segments: &[Segment],
) -> Result<(), Error> {
    let variables: BTreeSet<&str> = segments.iter().filter_map(Segment::variable).collect();
    for variable in &variables {
        match method.parameters.get(*variable) {
            Some(parameter) if parameter.location.as_deref() == Some("path") => {}
            Some(_) => {
                return Err(context.error(
                    format!("{json_path}.parameters.{}.location", json_key(variable)),
                    format!("parameter {variable:?} is in the path template, so its location must be \"path\""),
                ))
            }
            None => {
                return Err(context.error(
                    format!("{json_path}.path"),
                    format!(
                        "path template {:?} names parameter {variable:?}, which the method does not declare",
                        method.path
                    ),
                ))
            }
        }
    }
    for (name, parameter) in &method.parameters {
        if parameter.location.as_deref() == Some("path") && !variables.contains(name.as_str()) {
            return Err(context.error(
                format!("{json_path}.parameters.{}", json_key(name)),
                format!(
                    "path parameter {name:?} does not appear in the path template {:?}",
                    method.path
                ),
            ));
        }
    }
    Ok(())
}

/// Path parameters in template order, then required parameters in
/// `parameterOrder`, then the rest by name: the constructor's argument order.
fn ordered_parameters<'m>(
    method: &'m RestMethod,
    segments: &[Segment],
) -> Vec<(&'m String, &'m parse::Parameter)> {
    let in_template = segments.iter().filter_map(Segment::variable);
    let in_order = method.parameter_order.iter().map(String::as_str);
    let by_name = method.parameters.keys().map(String::as_str);
    let mut seen = BTreeSet::new();
    in_template
        .chain(in_order)
        .chain(by_name)
        .filter(|name| seen.insert(*name))
        .filter_map(|name| method.parameters.get_key_value(name))
        .collect()
}

fn media(method: &RestMethod) -> Option<Media> {
    if !method.supports_media_upload
        && !method.supports_media_download
        && method.media_upload.is_none()
    {
        return None;
    }
    let upload = method.media_upload.clone().unwrap_or_default();
    Some(Media {
        upload: method.supports_media_upload || method.media_upload.is_some(),
        download: method.supports_media_download,
        accept: upload.accept,
        max_size_bytes: upload.max_size.as_deref().and_then(size_in_bytes),
        max_size: upload.max_size,
        simple_path: upload.protocols.get("simple").map(|p| p.path.clone()),
        resumable_path: upload.protocols.get("resumable").map(|p| p.path.clone()),
    })
}

/// `10MB` → 10 × 1024²; `None` for sizes in another form.
fn size_in_bytes(size: &str) -> Option<u64> {
    let digits = size.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let shift = match &size[digits.len()..] {
        "" | "B" => 0,
        "KB" => 10,
        "MB" => 20,
        "GB" => 30,
        "TB" => 40,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(1 << shift)
}
