//! The discovery format as serde sees it: close to the JSON, unknown keys
//! tolerated (Google adds keys over time). Nothing here is validated beyond
//! JSON types; `model` checks meaning.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;

/// A discovery document (`kind: discovery#restDescription`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestDescription {
    pub kind: String,
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub documentation_link: Option<String>,
    #[serde(default)]
    pub revision: Option<String>,
    pub root_url: String,
    #[serde(default)]
    pub service_path: String,
    #[serde(default)]
    pub mtls_root_url: Option<String>,
    #[serde(default)]
    pub fully_encode_reserved_expansion: bool,
    #[serde(default)]
    pub auth: Auth,
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    #[serde(default)]
    pub schemas: BTreeMap<String, JsonSchema>,
    #[serde(default)]
    pub resources: BTreeMap<String, RestResource>,
    #[serde(default)]
    pub methods: BTreeMap<String, RestMethod>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Auth {
    #[serde(default)]
    pub oauth2: OAuth2,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OAuth2 {
    #[serde(default)]
    pub scopes: BTreeMap<String, ScopeInfo>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScopeInfo {
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RestResource {
    #[serde(default)]
    pub methods: BTreeMap<String, RestMethod>,
    #[serde(default)]
    pub resources: BTreeMap<String, RestResource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestMethod {
    pub id: String,
    pub path: String,
    pub http_method: String,
    #[serde(default)]
    pub flat_path: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    #[serde(default)]
    pub parameter_order: Vec<String>,
    /// The request body: a `$ref` or an inline schema of any type.
    #[serde(default)]
    pub request: Option<JsonSchema>,
    /// The response body: a `$ref` or an inline schema of any type.
    #[serde(default)]
    pub response: Option<JsonSchema>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub supports_media_upload: bool,
    #[serde(default)]
    pub supports_media_download: bool,
    #[serde(default)]
    pub media_upload: Option<MediaUpload>,
    #[serde(default)]
    pub deprecated: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaUpload {
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default)]
    pub max_size: Option<String>,
    #[serde(default)]
    pub protocols: BTreeMap<String, MediaProtocol>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MediaProtocol {
    #[serde(default)]
    pub path: String,
}

/// A method or global parameter: a schema plus where it goes in the request
/// (`location`, `required`, `repeated`). One struct for both, rather than a
/// flattened one, keeps full JSON paths in errors.
pub type Parameter = JsonSchema;

/// A JSON schema in discovery's dialect.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonSchema {
    #[serde(default, rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, JsonSchema>,
    #[serde(default)]
    pub additional_properties: Option<Box<JsonSchema>>,
    #[serde(default)]
    pub items: Option<Box<JsonSchema>>,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    #[serde(default)]
    pub enum_descriptions: Vec<String>,
    #[serde(default)]
    pub enum_deprecated: Vec<bool>,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub deprecated: bool,
    /// Parameters only: `path` or `query`.
    #[serde(default)]
    pub location: Option<String>,
    /// Parameters only.
    #[serde(default)]
    pub required: bool,
    /// Parameters only: the parameter may be given several times.
    #[serde(default)]
    pub repeated: bool,
}

/// Parses a discovery document; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<RestDescription, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: RestDescription =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            Error::new(file, json_path(&path), error.into_inner().to_string())
        })?;
    deserializer
        .end()
        .map_err(|error| Error::new(file, "", error.to_string()))?;
    if document.kind != "discovery#restDescription" {
        return Err(Error::new(
            file,
            "kind",
            format!(
                "expected \"discovery#restDescription\", found {:?}",
                document.kind
            ),
        ));
    }
    Ok(document)
}

/// serde_path_to_error writes `.` for the root and `?` where it does not
/// know the key (e.g. at the end of truncated input); we write neither.
fn json_path(path: &str) -> &str {
    let path = path.trim_end_matches('?').trim_end_matches('.');
    if path == "." {
        ""
    } else {
        path
    }
}
