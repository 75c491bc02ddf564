//! The parts of the Rust API that the generator derives rather than copies
//! from the document, compared between two models: a change of a schema can
//! change them without any change of the method or resource that shows
//! them. Paging (`.pages()`, `.items()` and the item type), whether an
//! accessor takes the body, the names of accessors, request types and
//! features, and the polling helpers of operations.

use super::compare::Diff;
use super::items::type_name;
use super::Effect;
use crate::model::{Api, Method, Operations, Resource};

/// The derived parts of a method present in both models.
pub(super) fn method(diff: &mut Diff, item: &str, old: &Method, new: &Method) {
    names(diff, item, "accessor method", &old.accessor, &new.accessor);
    names(diff, item, "request type", &old.type_name, &new.type_name);
    body_argument(diff, item, old, new);
    paging(diff, item, old, new);
}

/// The derived parts of a resource present in both models.
pub(super) fn resource(diff: &mut Diff, item: &str, old: &Resource, new: &Resource) {
    names(diff, item, "module and accessor", &old.module, &new.module);
    names(
        diff,
        item,
        "accessor type",
        &old.accessor_type,
        &new.accessor_type,
    );
    names(diff, item, "stub trait", &old.stub_trait, &new.stub_trait);
    // Top-level resources are cargo features.
    let (old_feature, new_feature) = (old.feature(), new.feature());
    if !old.path.contains('.') && old_feature != new_feature {
        let reason = format!("cargo feature `{old_feature}` → `{new_feature}`");
        diff.push(Effect::Breaking, item.to_owned(), reason);
    }
    let (old_ops, new_ops) = (old.operations.as_ref(), new.operations.as_ref());
    let helpers = |ops: Option<&Operations>| {
        let Some(ops) = ops else { return Vec::new() };
        let mut helpers = vec!["poll_until_done"];
        if ops.cancel.is_some() {
            helpers.push("cancel_and_wait");
        }
        helpers
    };
    let (before, after) = (helpers(old_ops), helpers(new_ops));
    for gone in before.iter().filter(|helper| !after.contains(helper)) {
        let reason = format!("`{gone}` is gone: the operations no longer fit the polling rule");
        diff.push(Effect::Breaking, format!("{item}::{gone}"), reason);
    }
    for added in after.iter().filter(|helper| !before.contains(helper)) {
        let reason = format!("new `{added}`");
        diff.push(Effect::Additive, format!("{item}::{added}"), reason);
    }
    if let (Some(old_ops), Some(new_ops)) = (old_ops, new_ops) {
        let (old_type, new_type) = (
            diff.old.types.name(old_ops.operation_type).to_owned(),
            diff.new.types.name(new_ops.operation_type).to_owned(),
        );
        if old_type != new_type {
            let reason = format!("`poll_until_done` returns `{old_type}` → `{new_type}`");
            diff.push(Effect::Breaking, format!("{item}::poll_until_done"), reason);
        }
    }
}

/// A name the generator derived that changed, e.g. when a new sibling took
/// it: code naming the old one no longer compiles.
fn names(diff: &mut Diff, item: &str, what: &str, old: &str, new: &str) {
    if old != new {
        let reason = format!("{what} `{old}` → `{new}`");
        diff.push(Effect::Breaking, item.to_owned(), reason);
    }
}

/// The accessor takes the body as an argument unless its type has no
/// members: an empty body that gains its first property adds an argument.
fn body_argument(diff: &mut Diff, item: &str, old: &Method, new: &Method) {
    let takes = |method: &Method| {
        method
            .body
            .as_ref()
            .is_some_and(|body| body.accessor_argument)
    };
    match (takes(old), takes(new)) {
        (false, true) => {
            let reason = "the accessor now takes the request body as an argument".to_owned();
            diff.push(Effect::Breaking, item.to_owned(), reason);
        }
        (true, false) if old.body.is_some() && new.body.is_some() => {
            let reason = "the accessor no longer takes the request body as an argument".to_owned();
            diff.push(Effect::Breaking, item.to_owned(), reason);
        }
        _ => {}
    }
}

/// `.pages()` exists when the method pages, `.items()` when one list is
/// its items; either appearing is additive, and either going away, or the
/// items changing type, breaks code that calls them.
fn paging(diff: &mut Diff, item: &str, old: &Method, new: &Method) {
    let (old_paging, new_paging) = (old.pagination.as_ref(), new.pagination.as_ref());
    match (old_paging.is_some(), new_paging.is_some()) {
        (true, false) => {
            let reason = "no longer pages: `.pages()` and `.items()` are gone".to_owned();
            diff.push(Effect::Breaking, item.to_owned(), reason);
            return;
        }
        (false, true) => {
            diff.push(
                Effect::Additive,
                item.to_owned(),
                "now pages: new `.pages()`".to_owned(),
            );
        }
        _ => {}
    }
    let items = |api: &Api, method: &Method| {
        let list = method.pagination.as_ref()?.items.as_ref()?;
        Some((list.field.clone(), type_name(api, &list.item_type)))
    };
    match (items(diff.old, old), items(diff.new, new)) {
        (Some((field, _)), None) if new_paging.is_some() => {
            let reason =
                format!("`.items()` is gone: the response's lists no longer single out `{field}`");
            diff.push(Effect::Breaking, item.to_owned(), reason);
        }
        (None, Some((field, _))) => {
            let reason = format!("new `.items()`, the elements of `{field}`");
            diff.push(Effect::Additive, item.to_owned(), reason);
        }
        (Some((old_field, old_type)), Some((new_field, new_type))) if old_type != new_type => {
            let reason = format!(
                "`.items()` yields `{old_type}` of `{old_field}` → `{new_type}` of `{new_field}`"
            );
            diff.push(Effect::Breaking, item.to_owned(), reason);
        }
        (Some((old_field, _)), Some((new_field, _))) if old_field != new_field => {
            let reason = format!(
                "`.items()` reads `{new_field}` instead of `{old_field}`, of the same type: \
                 the same code reads another list"
            );
            diff.push(Effect::Behaviour, item.to_owned(), reason);
        }
        _ => {}
    }
}
