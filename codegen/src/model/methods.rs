//! A discovery method → a request type: its path template parsed and
//! checked against the declared parameters, its parameters typed and named,
//! its body, response, scopes and media metadata.

use std::collections::BTreeSet;

use super::media::{self, Media};
use super::names::{self, Namespace};
use super::pagination::{self, Pagination};
use super::parameters::{self, MethodParameter, Parameter};
use super::path::{self, Segment};
use super::type_space::{enum_def, TypeSpace};
use super::types::{Home, RustType, TypeDef, TypeId, Types};
use super::{docs, reserved, Context};
use crate::error::{json_key, Error};
use crate::parse::{self, RestMethod};

#[derive(Debug, Clone)]
pub struct Method {
    /// The request type's name, e.g. `CancelRequest`.
    pub type_name: String,
    pub id: String,
    pub doc: String,
    /// The first sentence of `doc`, for one-line docs such as the accessor's.
    pub summary: String,
    pub http_method: HttpMethod,
    pub path_template: String,
    pub flat_path: Option<String>,
    pub path: Vec<Segment>,
    /// Path parameters first (in template order), then query parameters.
    pub parameters: Vec<Parameter>,
    pub body: Option<Body>,
    /// The response type, if the method returns one.
    pub response: Option<TypeId>,
    pub scopes: Vec<MethodScope>,
    pub media: Option<Media>,
    pub deprecated: bool,
    /// The method's name in the resource's stub trait and accessor, e.g. `cancel`.
    pub accessor: String,
    /// Whether a failed attempt may be retried: GET, HEAD and DELETE, and
    /// the `cancel` and `wait` of `google.longrunning` operations.
    pub idempotent: bool,
    /// The request type's constructor takes no argument, so the type
    /// derives `Default` too.
    pub derives_default: bool,
    /// How the method pages, if it is a list method (known once the types
    /// are finished).
    pub pagination: Option<Pagination>,
}

/// The HTTP methods a discovery method can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl HttpMethod {
    const ALL: [HttpMethod; 7] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
        HttpMethod::Head,
        HttpMethod::Options,
    ];

    /// The method's name on the wire, which is also its constant in
    /// `http::Method`: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// `httpMethod` of a document, in any case.
    fn parse(text: &str) -> Option<HttpMethod> {
        Self::ALL
            .into_iter()
            .find(|method| method.as_str().eq_ignore_ascii_case(text))
    }

    /// Safe to repeat by HTTP semantics.
    fn is_idempotent(self) -> bool {
        matches!(
            self,
            HttpMethod::Get | HttpMethod::Head | HttpMethod::Delete
        )
    }
}

/// The request body of a method: a field of the request type.
#[derive(Debug, Clone)]
pub struct Body {
    pub field: String,
    pub ty: TypeId,
    /// Whether accessors take the body as an argument: not when its type
    /// has no members, so that its default is the only value to send
    /// (known once the types are finished).
    pub accessor_argument: bool,
}

impl Method {
    /// Sets what depends on the finished types; `resource` is the last
    /// segment of the resource's path, e.g. `operations`.
    pub(super) fn finish(&mut self, resource: &str, types: &Types) {
        if let Some(body) = &mut self.body {
            body.accessor_argument = !types.as_struct(body.ty).is_some_and(|def| def.is_empty());
        }
        self.pagination = pagination::pagination(
            resource,
            &self.parameters,
            self.body.as_ref(),
            self.response,
            types,
        );
    }
}

impl Method {
    /// The parameters a caller must give: constructor and accessor arguments.
    pub fn required_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(|parameter| parameter.required)
    }

    /// The parameter sent as `wire_name`.
    pub fn parameter(&self, wire_name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.wire_name == wire_name)
    }

    /// The last part of the method's id, e.g. `get`.
    pub fn short_id(&self) -> &str {
        self.id.rsplit('.').next().unwrap_or(&self.id)
    }
}

/// A method's scope: a constant of the `scopes` module, or a URL the
/// document's `auth` block does not list.
#[derive(Debug, Clone)]
pub enum MethodScope {
    Const(String),
    Url(String),
}

/// Where a method is declared and the names it takes in its resource module.
pub struct MethodSite<'a> {
    pub json_path: &'a str,
    /// The dotted path of the method's resource.
    pub resource_path: &'a str,
    /// The names of the version's resource-module types: request types and
    /// parameter enums among them.
    pub type_names: &'a mut Namespace,
    /// The resource module, where parameter enums are declared.
    pub home: &'a Home,
    /// Parameter enums, declared in the resource module.
    pub local_types: &'a mut Vec<TypeId>,
    /// The method's accessor name, already claimed.
    pub accessor: String,
}

pub fn build_method(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
    name: &str,
    method: &RestMethod,
    mut site: MethodSite<'_>,
) -> Result<Method, Error> {
    let json_path = site.json_path;
    // The request type and lifted body types are named after the resource
    // path, the method and a suffix.
    let resource_path = site.resource_path;
    let named = |suffix: &str| format!("{resource_path} {name} {suffix}");
    let type_name = names::claim_type(
        site.type_names,
        names::camel(&named(reserved::REQUEST_SUFFIX)),
    );
    let segments = path::parse_template(&method.path)
        .map_err(|message| context.error(format!("{json_path}.path"), message))?;
    check_path_parameters(context, json_path, method, &segments)?;
    check_parameter_order(context, json_path, method)?;
    let parameters = build_parameters(context, types, method, &segments, &type_name, &mut site)?;
    let body = match &method.request {
        Some(request) => Some(Body {
            field: reserved::BODY_FIELD.to_owned(),
            ty: types.body_type(
                &format!("{json_path}.request"),
                request,
                &named(reserved::REQUEST_BODY_SUFFIX),
            )?,
            accessor_argument: true,
        }),
        None => None,
    };
    let response = match &method.response {
        Some(response) => Some(types.body_type(
            &format!("{json_path}.response"),
            response,
            &named(reserved::RESPONSE_SUFFIX),
        )?),
        None => None,
    };
    let http_method = http_method(context, json_path, method)?;
    let doc = context.doc_or(&method.description, || {
        format!("The method {}.", docs::code(&method.id))
    });
    // `new()` without arguments: clippy wants `Default` too.
    let derives_default = !parameters.iter().any(|parameter| parameter.required) && body.is_none();
    Ok(Method {
        type_name,
        id: method.id.clone(),
        summary: docs::first_sentence(&doc).to_owned(),
        doc,
        idempotent: is_idempotent(http_method, &method.id),
        http_method,
        path_template: method.path.clone(),
        flat_path: method.flat_path.clone(),
        path: segments,
        parameters,
        body,
        response,
        scopes: scopes(context, method),
        media: media::media(method),
        deprecated: method.deprecated,
        accessor: site.accessor,
        derives_default,
        pagination: None,
    })
}

/// The method's parameters in constructor order; enums become types of the
/// resource module named after the request type.
fn build_parameters(
    context: &Context<'_>,
    types: &mut TypeSpace<'_>,
    method: &RestMethod,
    segments: &[Segment],
    type_name: &str,
    site: &mut MethodSite<'_>,
) -> Result<Vec<Parameter>, Error> {
    let json_path = site.json_path;
    let mut field_names = Namespace::with_reserved(reserved::REQUEST_FIELDS);
    ordered_parameters(method, segments)
        .into_iter()
        .map(|(wire_name, parameter)| {
            let parameter_path = format!("{json_path}.parameters.{}", json_key(wire_name));
            let hint = format!("{type_name} {wire_name}");
            let input = MethodParameter {
                json_path: &parameter_path,
                wire_name,
                parameter,
            };
            parameters::method_parameter(context, &mut field_names, input, || {
                if parameter.enum_values.is_empty() {
                    return types.resolve(&parameter_path, parameter, &hint);
                }
                let name = names::claim_type(site.type_names, names::camel(&hint));
                let def = TypeDef::Enum(enum_def(context, name, parameter));
                let id = types.declare(def, site.home.clone());
                site.local_types.push(id);
                Ok(RustType::Named(id))
            })
        })
        .collect()
}

fn http_method(
    context: &Context<'_>,
    json_path: &str,
    method: &RestMethod,
) -> Result<HttpMethod, Error> {
    HttpMethod::parse(&method.http_method).ok_or_else(|| {
        context.error(
            format!("{json_path}.httpMethod"),
            format!("unsupported HTTP method {:?}: expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS", method.http_method),
        )
    })
}

fn scopes(context: &Context<'_>, method: &RestMethod) -> Vec<MethodScope> {
    method
        .scopes
        .iter()
        .map(|url| match context.scope_names.get(url) {
            Some(name) => MethodScope::Const(name.clone()),
            None => MethodScope::Url(url.clone()),
        })
        .collect()
}

/// GET, HEAD and DELETE by HTTP semantics; `cancel` and `wait` of
/// `google.longrunning` operations by theirs: cancelling twice is cancelling
/// once, and waiting changes nothing.
fn is_idempotent(http_method: HttpMethod, id: &str) -> bool {
    http_method.is_idempotent()
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

fn check_parameter_order(
    context: &Context<'_>,
    json_path: &str,
    method: &RestMethod,
) -> Result<(), Error> {
    match method
        .parameter_order
        .iter()
        .find(|name| !method.parameters.contains_key(*name))
    {
        Some(name) => Err(context.error(
            format!("{json_path}.parameterOrder"),
            format!("names parameter {name:?}, which the method does not declare"),
        )),
        None => Ok(()),
    }
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
