//! Which list methods page: a `pageToken` parameter, a `nextPageToken` in
//! the response, and one list of items in the response.

use super::parameters::Parameter;
use super::types::{RustType, TypeId, Types};

/// A list method's page token and items.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The request's `pageToken` field.
    pub page_token: String,
    /// The response's `nextPageToken` field.
    pub next_page_token: String,
    /// The response's list field and its element type.
    pub items: String,
    pub item_type: RustType,
}

/// How a method with `parameters` and `response` pages, if it is a list
/// method: an optional string `pageToken`, a string `nextPageToken` in the
/// response, and exactly one list in the response besides `unreachable`.
pub(super) fn pagination(
    parameters: &[Parameter],
    response: Option<TypeId>,
    types: &Types,
) -> Option<Pagination> {
    let response = types.as_struct(response?)?;
    let page_token = parameters
        .iter()
        .find(|p| p.wire_name == "pageToken")
        .filter(|p| !p.required && p.ty == RustType::String)?;
    let next_page_token = response
        .field("nextPageToken")
        .filter(|f| f.ty == RustType::String)?;
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
