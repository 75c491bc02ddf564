//! Which methods page, and what their items are.
//!
//! A method pages when it takes an optional string `pageToken` (a query
//! parameter, or a member of its request body) and its response has a
//! string `nextPageToken`. Its items are the response's one list of
//! resources, picked by [`item_list`]; a method without one still pages.

use super::methods::Body;
use super::parameters::Parameter;
use super::types::{Field, RustType, StructDef, TypeId, Types};

/// How a method pages.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Where the request's page token is.
    pub page_token: PageToken,
    /// The response's `nextPageToken` field.
    pub next_page_token: String,
    /// The response's list of items, if it has one list of resources.
    pub items: Option<ItemList>,
}

/// The field of the request that holds the page token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageToken {
    /// A query parameter: the request type's field.
    Query(String),
    /// A member of the request body: the body's field, and the member's
    /// field in the body type.
    Body { body: String, field: String },
}

/// The response's list of items and their type.
#[derive(Debug, Clone)]
pub struct ItemList {
    pub field: String,
    pub item_type: RustType,
}

/// Lists a response carries beside its items: the locations that did not
/// answer, the common prefixes of a listing by delimiter, and warnings.
/// They are never the items, and stay reachable through each page.
fn is_side_list(json_name: &str) -> bool {
    json_name.starts_with("unreachable")
        || json_name.starts_with("failed")
        || matches!(json_name, "prefixes" | "warnings" | "scopedWarnings")
}

/// How a method of the resource `resource` (its last path segment, e.g.
/// `instances`) with `parameters`, `body` and `response` pages, if it does.
pub(super) fn pagination(
    resource: &str,
    parameters: &[Parameter],
    body: Option<&Body>,
    response: Option<TypeId>,
    types: &Types,
) -> Option<Pagination> {
    let response = types.as_struct(response?)?;
    let next_page_token = response
        .field("nextPageToken")
        .filter(|f| f.ty == RustType::String)?;
    let page_token = query_page_token(parameters).or_else(|| body_page_token(body?, types))?;
    Some(Pagination {
        page_token,
        next_page_token: next_page_token.rust_name.clone(),
        items: item_list(resource, response),
    })
}

fn query_page_token(parameters: &[Parameter]) -> Option<PageToken> {
    parameters
        .iter()
        .find(|p| p.wire_name == "pageToken")
        .filter(|p| !p.required && p.ty == RustType::String)
        .map(|p| PageToken::Query(p.rust_name.clone()))
}

fn body_page_token(body: &Body, types: &Types) -> Option<PageToken> {
    let field = types
        .as_struct(body.ty)?
        .field("pageToken")
        .filter(|f| f.ty == RustType::String)?;
    Some(PageToken::Body {
        body: body.field.clone(),
        field: field.rust_name.clone(),
    })
}

/// The response's list of items: its only list that is not a side list;
/// among several, the one named `items`, else the one named after the
/// resource (`instances` of `instances.list`), else `results`. `None` when
/// no rule picks one: such methods page without `.items()`.
pub fn item_list(resource: &str, response: &StructDef) -> Option<ItemList> {
    let lists: Vec<(&Field, &RustType)> = response
        .fields
        .iter()
        .filter(|field| !is_side_list(&field.json_name))
        .filter_map(|field| match &field.ty {
            RustType::Vec(item) => Some((field, &**item)),
            _ => None,
        })
        .collect();
    let picked = match lists.as_slice() {
        [only] => Some(*only),
        _ => ["items", resource, "results"]
            .into_iter()
            .find_map(|name| lists.iter().find(|(field, _)| field.json_name == name))
            .copied(),
    };
    picked.map(|(field, item_type)| ItemList {
        field: field.rust_name.clone(),
        item_type: item_type.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Holding;

    fn response(members: &[(&str, RustType)]) -> StructDef {
        let fields = members
            .iter()
            .map(|(json_name, ty)| Field {
                rust_name: json_name.to_lowercase(),
                json_name: (*json_name).to_owned(),
                setter: format!("with_{}", json_name.to_lowercase()),
                doc: String::new(),
                ty: ty.clone(),
                holding: Holding::Optional,
                deprecated: false,
            })
            .collect();
        StructDef {
            name: "Response".to_owned(),
            doc: String::new(),
            fields,
            additional: None,
        }
    }

    fn list() -> RustType {
        RustType::Vec(Box::new(RustType::String))
    }

    fn picked(resource: &str, members: &[(&str, RustType)]) -> Option<String> {
        item_list(resource, &response(members)).map(|list| list.field)
    }

    #[test]
    fn the_only_list_besides_side_lists_is_the_items() {
        let storage = [
            ("items", list()),
            ("prefixes", list()),
            ("nextPageToken", RustType::String),
        ];
        assert_eq!(picked("objects", &storage).as_deref(), Some("items"));
        let with_unreachable = [("operations", list()), ("unreachable", list())];
        assert_eq!(
            picked("operations", &with_unreachable).as_deref(),
            Some("operations")
        );
        let side_only = [("unreachableLocations", list()), ("warnings", list())];
        assert_eq!(picked("things", &side_only), None);
        assert_eq!(picked("things", &[("count", RustType::I32)]), None);
    }

    #[test]
    fn among_several_lists_items_then_the_resource_then_results() {
        let named_items = [
            ("items", list()),
            ("instances", list()),
            ("results", list()),
        ];
        assert_eq!(picked("instances", &named_items).as_deref(), Some("items"));
        let named_after_resource = [("instances", list()), ("results", list())];
        assert_eq!(
            picked("instances", &named_after_resource).as_deref(),
            Some("instances")
        );
        let search = [("facets", list()), ("results", list())];
        assert_eq!(
            picked("servingConfigs", &search).as_deref(),
            Some("results")
        );
        let ambiguous = [("deletedSession", list()), ("session", list())];
        assert_eq!(picked("sessions", &ambiguous), None);
    }
}
