//! The generated crate's `README.md`, which is also its crate documentation:
//! what the crate binds, the dependency line, a quick start that compiles
//! (a doctest of the crate), the resources and their methods, where the
//! scopes are, how calls work, its features and the runtime.

use crate::model::{client_chains, docs, Api, Holding, HttpMethod, Method, RustType};
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
        let revision = api.revision.as_deref().map_or("–".to_owned(), table_cell);
        text.push_str(&format!(
            "| `{}` | {} ({}) | {revision} |\n",
            api.module,
            table_cell(&api.title),
            docs::code(&api.id)
        ));
    }
    let link = apis
        .first()
        .and_then(|api| api.documentation_link.as_deref());
    let linkable = |link: &&str| {
        link.starts_with("https://")
            && !link.contains(|c: char| c.is_whitespace() || c == '>' || c == '<')
    };
    if let Some(link) = link.filter(linkable) {
        text.push_str(&format!("\nThe API's documentation: <{link}>\n"));
    }
    if let Some(api) = apis.first() {
        text.push_str(&quick_start(krate, api));
        text.push_str(&resources(api));
        text.push_str(&scopes(api));
    }
    text.push_str(GUIDE);
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

/// How calls work, the same in every generated crate.
const GUIDE: &str = "
## Calls

Each method is an accessor of its resource that takes the required parameters and returns a \
`runtime::Call`: set optional parameters on the request type and send it with \
`call(request)`, or change the call's options with `with_options`, then `.send().await`.

- **Paging.** Methods that take a page token give `.pages()`, a stream of whole responses, \
and, when the response has one list of resources, `.items()`, a stream of its elements; both \
follow `nextPageToken` to the last page.
- **Long-running operations.** Resources that serve operations have `poll_until_done(name, \
options)` and, where the service can cancel, `cancel_and_wait`, which poll with backoff until \
the operation is done or the polling policy's deadline passes.
- **Errors.** Every failure is one `runtime::Error`: `kind()` says what happened (the service \
answered with an error, the transport failed, a parameter was invalid, …), and accessors read \
the rest: `code()`, `status()`, `http_status_code()`, `is_not_found()`, `is_transient()`, …
- **Per-call options.** `runtime::CallOptions` sets a call's timeout, retry policy, polling \
policy, extra headers, quota project and user-agent prefix; a client's defaults come from \
`ClientBuilder::default_options`.
- **Explicit nulls.** `with_null(\"member\")` on a struct sends JSON `null`, which clears a \
field in a patch; `member.key` removes an entry of a map.
";

/// The resources of the first version and their methods, as a user reaches
/// them from its `Client`.
fn resources(api: &Api) -> String {
    let lines: Vec<String> = client_chains(&api.resources)
        .into_iter()
        .filter(|(resource, _)| !resource.methods.is_empty())
        .map(|(resource, chain)| {
            let methods: Vec<String> = resource
                .methods
                .iter()
                .map(|method| format!("`{}`", method.accessor))
                .collect();
            format!("- `client{chain}`: {}", methods.join(", "))
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!(
        "\n## Resources and methods of `{}`\n\n{}\n",
        api.module,
        lines.join("\n")
    )
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
    let mut titles: Vec<String> = apis.iter().map(|api| table_cell(&api.title)).collect();
    titles.dedup();
    let ids: Vec<String> = apis.iter().map(|api| docs::code(&api.id)).collect();
    format!(
        "Rust bindings for the {} ({}).",
        titles.join(", "),
        ids.join(", ")
    )
}

fn first_paragraph(doc: &str) -> &str {
    doc.split("\n\n").next().unwrap_or(doc).trim()
}

/// Text for a Markdown table cell, which is also rustdoc: sanitized as
/// descriptions are, and no `|` to end the cell early.
fn table_cell(text: &str) -> String {
    docs::rustdoc_at(text, docs::DEFAULT_SITE)
        .replace('|', "\\|")
        .replace('\n', " ")
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
            "    // {method}\n    match client{chain}.send().await {{\n        \
             Ok(response) => println!(\"{{response:?}}\"),\n        \
             // The service's error, e.g. 404 NOT_FOUND: `code()`, `http_status_code()`, …\n        \
             Err(error) if error.code() == Some(Code::NotFound) => println!(\"not found\"),\n        \
             Err(error) => return Err(error),\n    }}\n",
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
         use {name}::runtime::{{Code, Error, StaticToken}};\n\
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
    let preferred =
        |method: &Method| method.http_method == HttpMethod::Get && string_arguments_only(method);
    let no_arguments = |method: &Method| {
        method.required_parameters().next().is_none() && string_arguments_only(method)
    };
    find(api, &preferred).or_else(|| find(api, &no_arguments))
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

fn find(api: &Api, rule: &dyn Fn(&Method) -> bool) -> Option<(String, String)> {
    client_chains(&api.resources)
        .into_iter()
        .find_map(|(resource, chain)| {
            let method = resource.methods.iter().find(|method| rule(method))?;
            let arguments = crate::emit::example_arguments(api, method);
            let call = format!("{chain}.{}({})", method.accessor, arguments.join(", "));
            Some((call, method.id.clone()))
        })
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
    let per_resource = if resources.is_empty() {
        String::new()
    } else {
        format!(
            "- One per top-level resource, all on by default: {}. Turn off the default features \
             and name the ones you use to compile less.\n",
            resources.join(", ")
        )
    };
    format!(
        "\n## Features\n\n\
         - `client` (default): the HTTP client, reqwest with rustls; without it, the types \
         and request builders remain.\n\
         - `gcp-auth`: access tokens from the `gcp_auth` crate (application default \
         credentials, service accounts, the metadata server).\n\
         - `tracing`: a span per call and an event per attempt.\n\
         {per_resource}"
    )
}
