//! Which types are `google.longrunning.Operation`s and which resources
//! serve them, for the client's polling helpers.

use super::methods::Method;
use super::types::{RustType, TypeDef, TypeId, Types};

/// A struct shaped like `google.longrunning.Operation`, with the Rust names
/// of its `done` and `error` fields.
#[derive(Debug, Clone)]
pub struct OperationType {
    pub ty: TypeId,
    pub done_field: String,
    pub error_field: String,
    /// The error is `google.rpc.Status` (`runtime::Status`), not a struct of
    /// another shape that must be converted.
    pub error_is_status: bool,
}

/// Structs shaped like `google.longrunning.Operation`: a `done` boolean and
/// an `error` that is a status (`google.rpc.Status`, or a struct the
/// runtime reads as one), in the order of their names.
pub(super) fn operation_types(types: &Types) -> Vec<OperationType> {
    types
        .iter()
        .filter_map(|(id, def)| {
            let TypeDef::Struct(def) = def else {
                return None;
            };
            let done = def.field("done").filter(|f| f.ty == RustType::Bool)?;
            let error = def.field("error")?;
            let RustType::Named(error_type) = error.ty else {
                return None;
            };
            let error_is_status = matches!(
                types.get(error_type),
                TypeDef::Alias(alias) if alias.ty == RustType::RpcStatus
            );
            if !error_is_status && types.as_struct(error_type).is_none() {
                return None;
            }
            Some(OperationType {
                ty: id,
                done_field: done.rust_name.clone(),
                error_field: error.rust_name.clone(),
                error_is_status,
            })
        })
        .collect()
}

/// A resource of `google.longrunning` operations: `get` (and perhaps `wait`
/// and `cancel`) take a `name` and return the operation type.
#[derive(Debug, Clone)]
pub struct Operations {
    pub operation_type: TypeId,
    /// The accessor of `get`.
    pub get: String,
    pub wait: Option<Wait>,
    /// The accessor of `cancel`.
    pub cancel: Option<String>,
}

/// A `wait` method that takes a duration `timeout` in its body.
#[derive(Debug, Clone)]
pub struct Wait {
    pub accessor: String,
    pub body: TypeId,
    /// The body's `timeout` field.
    pub timeout_field: String,
}

/// The polling helpers of a resource with `methods` whose `get` takes only
/// a `name` and returns one of `operation_types`; `wait` is used when its
/// body has a duration `timeout`, `cancel` when it takes only a `name` and
/// an empty body.
pub(super) fn operations(
    methods: &[Method],
    types: &Types,
    operation_types: &[OperationType],
) -> Option<Operations> {
    let get = method_taking_name(methods, "get")?;
    let operation_type = get.response?;
    if !operation_types
        .iter()
        .any(|operation| operation.ty == operation_type)
    {
        return None;
    }
    let wait = method_taking_name(methods, "wait").and_then(|wait| {
        let body = wait.body.as_ref()?;
        let timeout = types
            .as_struct(body.ty)?
            .field("timeout")
            .filter(|f| f.ty == RustType::Duration)?;
        (wait.response == Some(operation_type)).then(|| Wait {
            accessor: wait.accessor.clone(),
            body: body.ty,
            timeout_field: timeout.rust_name.clone(),
        })
    });
    let cancel = method_taking_name(methods, "cancel")
        .filter(|cancel| {
            cancel
                .body
                .as_ref()
                .is_none_or(|body| !body.accessor_argument)
        })
        .map(|cancel| cancel.accessor.clone());
    Some(Operations {
        operation_type,
        get: get.accessor.clone(),
        wait,
        cancel,
    })
}

/// The method whose id ends in `short_id` and whose only required parameter
/// is `name`.
fn method_taking_name<'m>(methods: &'m [Method], short_id: &str) -> Option<&'m Method> {
    methods.iter().find(|method| {
        method.short_id() == short_id
            && method.required_parameters().count() == 1
            && method.parameter("name").is_some_and(|p| p.required)
    })
}
