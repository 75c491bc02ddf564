//! The docs of a method's request type and accessor: beside the
//! description, the HTTP request it makes, its parameters and its scopes,
//! so that a reader need not open the discovery document.

use super::rust_types::rust_type;
use crate::model::{docs, names, reserved, Api, Holding, Method, MethodScope, Parameter, RustType};

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

/// The accessor's doc: the method's id and summary, its HTTP request, and
/// an example that calls it through the version's `Client`, reached with
/// `chain` (`.projects().operations()`). The example is a `no_run`
/// doctest: it compiles with the crate's tests.
pub fn accessor_doc(api: &Api, chain: &str, method: &Method) -> String {
    format!(
        "`{}`: {}\n\n{}. Sends a [`{}`], whose optional parameters are set \
         with its setters and sent with `call(request)`.\n\n{}",
        method.id,
        method.summary,
        http_line(method),
        method.type_name,
        example(api, chain, method)
    )
}

/// A call of `method` with example arguments, and its result handled.
fn example(api: &Api, chain: &str, method: &Method) -> String {
    let krate = &api.crate_path;
    let arguments = example_arguments(api, method);
    format!(
        "```rust,no_run\n\
         # async fn example(client: &{krate}::{module}::Client) -> Result<(), {krate}::runtime::Error> {{\n\
         let result = client{chain}\n    .{accessor}({arguments})\n    .send()\n    .await;\n\
         match result {{\n    \
         Ok(response) => println!(\"{{response:?}}\"),\n    \
         Err(error) if error.is_not_found() => println!(\"not found\"),\n    \
         Err(error) => return Err(error),\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        module = api.module,
        accessor = method.accessor,
        arguments = arguments.join(", "),
    )
}

/// The accessor's arguments in an example, as Rust source: each required
/// parameter's example value, then the body's default if it takes one.
pub(crate) fn example_arguments(api: &Api, method: &Method) -> Vec<String> {
    let mut arguments: Vec<String> = method
        .required_parameters()
        .map(|parameter| argument(api, parameter))
        .collect();
    if method
        .body
        .as_ref()
        .is_some_and(|body| body.accessor_argument)
    {
        arguments.push("Default::default()".to_owned());
    }
    arguments
}

/// An example value of a required parameter, as Rust source: a string that
/// fits the parameter's pattern, a number, or the first value of an enum.
fn argument(api: &Api, parameter: &Parameter) -> String {
    if parameter.holding == Holding::Repeated {
        return "Vec::new()".to_owned();
    }
    match &parameter.ty {
        RustType::String => format!(
            "{:?}",
            docs::example_value(parameter.pattern.as_deref(), &parameter.wire_name)
        ),
        RustType::I32 | RustType::U32 | RustType::I64 | RustType::U64 => "1".to_owned(),
        RustType::F32 | RustType::F64 => "1.0".to_owned(),
        RustType::Bool => "true".to_owned(),
        RustType::Named(id) => match api.types.as_enum(*id).and_then(|e| e.variants.first()) {
            Some(variant) => {
                let path = rust_type(api, &parameter.ty)
                    .to_string()
                    .replace(' ', "")
                    .replacen("crate::", &format!("{}::", api.crate_path), 1);
                format!("{path}::from_wire({:?}.to_owned())", variant.value)
            }
            None => "Default::default()".to_owned(),
        },
        _ => "Default::default()".to_owned(),
    }
}

/// `` `POST v1/{+name}:cancel` ``.
fn http_line(method: &Method) -> String {
    let request = format!("{} {}", method.http_method.as_str(), method.path_template);
    format!("HTTP: {}", crate::model::docs::code(&request))
}
