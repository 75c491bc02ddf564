//! The docs of a method's request type and accessor: beside the
//! description, the HTTP request it makes, its parameters and its scopes,
//! so that a reader need not open the discovery document.

use crate::model::{names, reserved, Api, Method, MethodScope};

/// The request type's doc: the description, then the HTTP method and path,
/// the required and optional parameters (linked to their fields) and the
/// scopes (linked to their constants).
pub fn request_doc(api: &Api, method: &Method) -> String {
    let mut doc = method.doc.clone();
    doc.push_str(&format!("\n\n{}", http_line(method)));
    let field_link = |rust_name: &str| {
        let shown = names::unescaped(rust_name);
        if rust_name.starts_with("r#") {
            format!("`{shown}`")
        } else {
            format!("[`{shown}`](Self::{rust_name})")
        }
    };
    let list = |required: bool| -> Vec<String> {
        method
            .parameters
            .iter()
            .filter(|parameter| parameter.required == required)
            .map(|parameter| field_link(&parameter.rust_name))
            .collect()
    };
    let (required, optional) = (list(true), list(false));
    let mut facts = Vec::new();
    if !required.is_empty() {
        facts.push(format!("- Required parameters: {}.", required.join(", ")));
    }
    if let Some(body) = &method.body {
        facts.push(format!("- Request body: {}.", field_link(&body.field)));
    }
    if !optional.is_empty() {
        facts.push(format!(
            "- Optional parameters, set with their setters: {}.",
            optional.join(", ")
        ));
    }
    let scopes: Vec<String> = method
        .scopes
        .iter()
        .map(|scope| match scope {
            MethodScope::Const(name) => format!(
                "[`{name}`](crate::{}::{}::{name})",
                api.module,
                reserved::SCOPES_MODULE
            ),
            MethodScope::Url(url) => format!("`{url}`"),
        })
        .collect();
    if !scopes.is_empty() {
        facts.push(format!("- Scopes, any one of: {}.", scopes.join(", ")));
    }
    if !facts.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(&facts.join("\n"));
    }
    doc
}

/// The accessor's doc: the method's id and summary, and its HTTP request.
pub fn accessor_doc(method: &Method) -> String {
    format!(
        "`{}`: {}\n\n{}",
        method.id,
        method.summary,
        http_line(method)
    )
}

/// `` `POST v1/{+name}:cancel` ``.
fn http_line(method: &Method) -> String {
    let request = format!("{} {}", method.http_method.as_str(), method.path_template);
    format!("HTTP: {}", crate::model::docs::code(&request))
}
