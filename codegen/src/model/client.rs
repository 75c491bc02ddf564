//! What the client layer needs beyond single requests: which list methods
//! paginate, which bodies can default, and which resources serve
//! long-running operations.

use super::{OperationType, Operations, Pagination, Resource, RustType, StructDef, TypeDef};

/// Structs shaped like `google.longrunning.Operation`: a `done` boolean and
/// an `error` that is a struct (a status).
pub fn operation_types(types: &[TypeDef]) -> Vec<OperationType> {
    let is_struct = |name: &str| {
        types
            .iter()
            .any(|def| matches!(def, TypeDef::Struct(def) if def.name == name))
    };
    types
        .iter()
        .filter_map(|def| {
            let TypeDef::Struct(def) = def else {
                return None;
            };
            let field = |json_name: &str| def.fields.iter().find(|f| f.json_name == json_name);
            let done = field("done").filter(|f| f.ty == RustType::Bool)?;
            let error = field("error")
                .filter(|f| matches!(&f.ty, RustType::Named(name) if is_struct(name)))?;
            Some(OperationType {
                name: def.name.clone(),
                done_field: done.rust_name.clone(),
                error_field: error.rust_name.clone(),
            })
        })
        .collect()
}

/// Fills in what depends on the types: empty bodies, pagination, and the
/// operations helpers of each resource.
pub fn link_methods_to_types(
    resources: &mut [Resource],
    types: &[TypeDef],
    operations: &[OperationType],
) {
    let find_struct = |name: &str| {
        types.iter().find_map(|def| match def {
            TypeDef::Struct(def) if def.name == name => Some(def),
            _ => None,
        })
    };
    for resource in resources.iter_mut() {
        for method in &mut resource.methods {
            if let Some((_, body)) = &method.body {
                method.body_is_empty = find_struct(body)
                    .is_some_and(|def| def.fields.is_empty() && def.additional.is_none());
            }
            let response = method.response.as_deref().and_then(find_struct);
            method.pagination = response.and_then(|response| pagination(method, response));
        }
        resource.operations = operations_helpers(resource, operations, &find_struct);
        link_methods_to_types(&mut resource.resources, types, operations);
    }
}

/// A list method: an optional string `pageToken`, a `nextPageToken` in the
/// response, and one list in the response (besides `unreachable`).
fn pagination(method: &super::Method, response: &StructDef) -> Option<Pagination> {
    let page_token = method
        .parameters
        .iter()
        .find(|p| p.wire_name == "pageToken" && !p.required && p.ty == RustType::String)?;
    let next_page_token = response
        .fields
        .iter()
        .find(|f| f.json_name == "nextPageToken" && f.ty == RustType::String)?;
    let mut lists = response.fields.iter().filter_map(|field| match &field.ty {
        RustType::Vec(item) if field.json_name != "unreachable" => Some((field, item)),
        _ => None,
    });
    let (items, item_type) = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    Some(Pagination {
        page_token: page_token.rust_name.clone(),
        next_page_token: next_page_token.rust_name.clone(),
        items: items.rust_name.clone(),
        item_type: (**item_type).clone(),
    })
}

/// Polling helpers for a resource whose `get` takes only a `name` and
/// returns an operation; `wait` is used when its body has a duration
/// `timeout`, `cancel` when it takes only a `name` and an empty body.
fn operations_helpers<'t>(
    resource: &Resource,
    operations: &[OperationType],
    find_struct: &impl Fn(&str) -> Option<&'t StructDef>,
) -> Option<Operations> {
    let by_name = |name: &str| {
        resource.methods.iter().find(|method| {
            method.id.rsplit('.').next() == Some(name)
                && method.parameters.iter().filter(|p| p.required).count() == 1
                && method
                    .parameters
                    .iter()
                    .any(|p| p.wire_name == "name" && p.required)
        })
    };
    let get = by_name("get")?;
    let operation_type = get.response.clone()?;
    if !operations.iter().any(|o| o.name == operation_type) {
        return None;
    }
    let wait = by_name("wait").and_then(|wait| {
        let (_, body) = wait.body.as_ref()?;
        let timeout = find_struct(body)?
            .fields
            .iter()
            .find(|f| f.json_name == "timeout" && f.ty == RustType::Duration)?;
        (wait.response.as_ref() == Some(&operation_type)).then(|| {
            (
                wait.accessor.clone(),
                body.clone(),
                timeout.rust_name.clone(),
            )
        })
    });
    let cancel = by_name("cancel")
        .filter(|cancel| cancel.body.is_none() || cancel.body_is_empty)
        .map(|cancel| cancel.accessor.clone());
    Some(Operations {
        operation_type,
        get: get.accessor.clone(),
        wait,
        cancel,
    })
}
