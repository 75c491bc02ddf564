//! The generated crate's `README.md`, which is also its crate documentation:
//! what the crate binds, the dependency line, a quick start that compiles
//! (a doctest of the crate), where the scopes are, and its features.

use crate::model::{docs, Api, Holding, HttpMethod, Method, Resource, RustType};
use crate::runtime_crate;

/// What the README says about the crate besides its APIs.
pub struct Crate<'a> {
    /// The package name, e.g. `earthengine`.
    pub name: &'a str,
    /// The version users write in their dependency line, without build
    /// metadata.
    pub version: &'a str,
    /// The crate's own features (the resources'), besides `client`,
    /// `gcp-auth` and `tracing`.
    pub resource_features: &'a [String],
}

/// The README of a crate binding `apis`, in the order of their modules.
pub fn readme(krate: &Crate, apis: &[Api]) -> String {
    let mut text = format!("# {}\n\n{}\n", krate.name, summary(apis));
    if let Some(first) = apis.first() {
        if !first.doc.is_empty() {
            text.push_str(&format!("\n{}\n", first_paragraph(&first.doc)));
        }
    }
    text.push_str("\n| module | API | revision |\n| --- | --- | --- |\n");
    for api in apis {
        let revision = api.revision.as_deref().unwrap_or("–");
        text.push_str(&format!(
            "| `{}` | {} (`{}`) | {revision} |\n",
            api.module, api.title, api.id
        ));
    }
    if let Some(api) = apis.first() {
        text.push_str(&quick_start(krate, api));
        text.push_str(&scopes(api));
    }
    text.push_str(&features(krate));
    text.push_str(&format!(
        "\n## The runtime\n\n\
         Errors, call options, token sources, retries, paging and the HTTP client come from \
         the crate `{runtime}`, re-exported as `{krate}::runtime`: every crate generated from \
         a discovery document shares it, so one token source, one set of options and one \
         error type serve them all.\n\n\
         This crate is generated from the discovery documents; do not edit it by hand.\n",
        runtime = runtime_crate::NAME,
        krate = rust_name(krate.name),
    ));
    text
}

/// The package description: what the crate binds, from the documents.
pub fn description(apis: &[Api]) -> String {
    format!(
        "{} Generated from Google's discovery documents.",
        summary(apis)
    )
}

/// One sentence: `Rust bindings for the Google Earth Engine API (`earthengine:v1`, …).`
fn summary(apis: &[Api]) -> String {
    let mut titles: Vec<&str> = apis.iter().map(|api| api.title.as_str()).collect();
    titles.dedup();
    let ids: Vec<String> = apis.iter().map(|api| format!("`{}`", api.id)).collect();
    format!(
        "Rust bindings for the {} ({}).",
        titles.join(", "),
        ids.join(", ")
    )
}

fn first_paragraph(doc: &str) -> &str {
    doc.split("\n\n").next().unwrap_or(doc).trim()
}

/// `earthengine` as Rust code names the crate.
fn rust_name(package: &str) -> String {
    package.replace('-', "_")
}

/// The dependency lines and a program that builds a client and makes one
/// call, compiled (not run) as a doctest of the crate.
fn quick_start(krate: &Crate, api: &Api) -> String {
    let name = rust_name(krate.name);
    let module = &api.module;
    let call = sample_call(api).map_or_else(String::new, |(chain, method)| {
        format!(
            "    // {method}\n    let response = client{chain}.send().await?;\n    println!(\"{{response:?}}\");\n",
        )
    });
    format!(
        "\n## Quick start\n\n\
         ```toml\n[dependencies]\n{package} = \"{version}\"\n\
         # Any async runtime; tokio, for example.\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n```\n\n\
         An OAuth 2.0 access token (from `gcloud auth print-access-token`, say; the \
         `gcp-auth` feature gets tokens from the environment's credentials instead), a \
         client, and one call, awaited from `#[tokio::main] async fn main()`:\n\n\
         ```rust\n\
         use {name}::runtime::{{Error, StaticToken}};\n\
         use {name}::{module};\n\n\
         async fn quick_start(token: String) -> Result<(), Error> {{\n    \
         let client = {module}::Client::builder().token_source(StaticToken(token)).build();\n\
         {call}    \
         Ok(())\n}}\n```\n",
        package = krate.name,
        version = krate.version,
    )
}

/// The accessor chain of one method worth showing (`.projects().operations().get("…")`)
/// and its id: the first `GET` whose required parameters are strings, else
/// the first method without arguments.
fn sample_call(api: &Api) -> Option<(String, String)> {
    find(&api.resources, "", &|method| {
        method.http_method == HttpMethod::Get && string_arguments_only(method)
    })
    .or_else(|| {
        find(&api.resources, "", &|method| {
            method.required_parameters().next().is_none() && string_arguments_only(method)
        })
    })
}

/// Whether the accessor takes strings only: no body, no other type.
fn string_arguments_only(method: &Method) -> bool {
    method
        .required_parameters()
        .all(|p| p.ty == RustType::String && p.holding == Holding::Plain)
        && method
            .body
            .as_ref()
            .is_none_or(|body| !body.accessor_argument)
}

fn find(
    resources: &[Resource],
    chain: &str,
    rule: &dyn Fn(&Method) -> bool,
) -> Option<(String, String)> {
    for resource in resources {
        let chain = format!("{chain}.{}()", resource.module);
        if let Some(method) = resource.methods.iter().find(|method| rule(method)) {
            let arguments: Vec<String> = method
                .required_parameters()
                .map(|p| {
                    format!(
                        "{:?}",
                        docs::example_value(p.pattern.as_deref(), &p.wire_name)
                    )
                })
                .collect();
            let call = format!("{chain}.{}({})", method.accessor, arguments.join(", "));
            return Some((call, method.id.clone()));
        }
        if let Some(found) = find(&resource.resources, &chain, rule) {
            return Some(found);
        }
    }
    None
}

fn scopes(api: &Api) -> String {
    let Some(scope) = api.scopes.first() else {
        return String::new();
    };
    format!(
        "\n## Scopes\n\n\
         Each version's OAuth 2.0 scopes are constants of its `scopes` module, e.g. \
         `{}::scopes::{}` (`{}`). A token source is given the scopes of the method it \
         serves; any one of them grants access.\n",
        api.module, scope.const_name, scope.url
    )
}

fn features(krate: &Crate) -> String {
    let resources: Vec<String> = krate
        .resource_features
        .iter()
        .map(|feature| format!("`{feature}`"))
        .collect();
    format!(
        "\n## Features\n\n\
         - `client` (default): the HTTP client, reqwest with rustls; without it, the types \
         and request builders remain.\n\
         - `gcp-auth`: access tokens from the `gcp_auth` crate (application default \
         credentials, service accounts, the metadata server).\n\
         - `tracing`: a span per call and an event per attempt.\n\
         - One per top-level resource, all on by default: {}. Turn off the default features \
         and name the ones you use to compile less.\n",
        resources.join(", ")
    )
}
