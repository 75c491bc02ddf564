//! The items of a model the diff compares, keyed so that two revisions
//! line up, and types written as a user reads them.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    reserved, Api, Holding, Home, Method, MethodScope, Parameter, Resource, RustType,
};

/// Dotted resource path → (resource, module path such as `projects::operations`).
pub fn resources(api: &Api) -> BTreeMap<String, (&Resource, String)> {
    fn walk<'a>(
        resources: &'a [Resource],
        prefix: &str,
        out: &mut BTreeMap<String, (&'a Resource, String)>,
    ) {
        for resource in resources {
            let module = format!("{prefix}{}", resource.module);
            out.insert(resource.path.clone(), (resource, module.clone()));
            walk(&resource.resources, &format!("{module}::"), out);
        }
    }
    let mut out = BTreeMap::new();
    walk(&api.resources, "", &mut out);
    out
}

/// Method id → (method, path of its request type).
pub fn methods(api: &Api) -> BTreeMap<String, (&Method, String)> {
    let mut out = BTreeMap::new();
    for (resource, module) in resources(api).into_values() {
        for method in &resource.methods {
            out.insert(
                method.id.clone(),
                (method, format!("{module}::{}", method.type_name)),
            );
        }
    }
    out
}

/// Model types by name; parameter enums keep their module path.
pub fn type_path(name: &str) -> String {
    if name.contains("::") {
        name.to_owned()
    } else {
        format!("{}::{name}", reserved::MODEL_MODULE)
    }
}

pub fn scope_list(method: &Method) -> String {
    let scopes: BTreeSet<String> = method
        .scopes
        .iter()
        .map(|scope| match scope {
            MethodScope::Const(name) | MethodScope::Url(name) => name.clone(),
        })
        .collect();
    scopes.into_iter().collect::<Vec<_>>().join(" ")
}

pub fn parameter_type(api: &Api, parameter: &Parameter) -> String {
    let ty = type_name(api, &parameter.ty);
    match parameter.holding {
        Holding::Repeated => format!("Vec<{ty}>"),
        _ => ty,
    }
}

/// A type as a user reads it: `String`, `Vec<model::Status>`, ….
pub fn type_name(api: &Api, ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_owned(),
        RustType::Bool => "bool".to_owned(),
        RustType::I32 => "i32".to_owned(),
        RustType::U32 => "u32".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::U64 => "u64".to_owned(),
        RustType::F32 => "f32".to_owned(),
        RustType::F64 => "f64".to_owned(),
        RustType::Duration => "runtime::Duration".to_owned(),
        RustType::Bytes => "Vec<u8>".to_owned(),
        RustType::Any => "serde_json::Value".to_owned(),
        RustType::RpcStatus => "runtime::Status".to_owned(),
        RustType::Named(id) => match api.types.home(*id) {
            Home::Model => format!("model::{}", api.types.name(*id)),
            // Parameter enums, named from the request type beside them.
            Home::Version | Home::Resource(_) => api.types.name(*id).to_owned(),
        },
        RustType::Vec(inner) => format!("Vec<{}>", type_name(api, inner)),
        RustType::Map(inner) => format!("BTreeMap<String, {}>", type_name(api, inner)),
        RustType::Boxed(inner) => format!("Box<{}>", type_name(api, inner)),
    }
}

pub fn shown(value: &Option<String>) -> String {
    value
        .as_ref()
        .map_or("none".to_owned(), |v| format!("`{v}`"))
}
