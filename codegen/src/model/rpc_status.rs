//! `google.rpc.Status`: the schema of errors in Google APIs, which the
//! runtime has as `runtime::Status`. A schema of exactly its shape becomes
//! an alias of that type, so that an operation's error is decoded once, into
//! the type `runtime::Error` reports.

use crate::parse::JsonSchema;

/// Whether `schema` is `google.rpc.Status`: an object with exactly `code`
/// (int32), `message` (string) and `details` (an array of objects of any
/// members), and nothing else. Its name does not matter (`Status`,
/// `GoogleRpcStatus`, …); a schema of another shape stays a struct.
pub fn is_rpc_status(schema: &JsonSchema) -> bool {
    let is_object = matches!(schema.kind.as_deref(), Some("object") | None)
        && schema.reference.is_none()
        && schema.additional_properties.is_none();
    let properties = &schema.properties;
    is_object
        && properties.len() == 3
        && properties
            .get("code")
            .is_some_and(|code| is_scalar(code, "integer", Some("int32")))
        && properties
            .get("message")
            .is_some_and(|message| is_scalar(message, "string", None))
        && properties.get("details").is_some_and(is_details)
}

fn is_scalar(schema: &JsonSchema, kind: &str, format: Option<&str>) -> bool {
    schema.kind.as_deref() == Some(kind)
        && schema.format.as_deref() == format
        && schema.reference.is_none()
        && schema.enum_values.is_empty()
}

/// `details`: an array of objects whose members are of `type: any`.
fn is_details(schema: &JsonSchema) -> bool {
    let Some(item) = schema.items.as_deref() else {
        return false;
    };
    schema.kind.as_deref() == Some("array")
        && item.kind.as_deref() == Some("object")
        && item.properties.is_empty()
        && item.reference.is_none()
        && item
            .additional_properties
            .as_deref()
            .is_some_and(|value| value.kind.as_deref() == Some("any"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema(value: serde_json::Value) -> JsonSchema {
        serde_json::from_value(value).unwrap()
    }

    fn status() -> serde_json::Value {
        json!({
            "id": "Status",
            "type": "object",
            "properties": {
                "code": {"type": "integer", "format": "int32"},
                "message": {"type": "string"},
                "details": {
                    "type": "array",
                    "items": {"type": "object", "additionalProperties": {"type": "any"}}
                }
            }
        })
    }

    #[test]
    fn the_google_rpc_status_shape_is_recognised() {
        assert!(is_rpc_status(&schema(status())));
    }

    #[test]
    fn any_other_shape_is_not() {
        let edits: [fn(&mut serde_json::Value); 6] = [
            |s| s["properties"]["code"]["format"] = json!("int64"),
            |s| s["properties"]["message"] = json!({"type": "integer"}),
            |s| s["properties"]["extra"] = json!({"type": "string"}),
            |s| s["properties"]["details"]["items"] = json!({"$ref": "Detail"}),
            |s| s["additionalProperties"] = json!({"type": "string"}),
            |s| {
                s["properties"].as_object_mut().unwrap().remove("details");
            },
        ];
        for (index, edit) in edits.into_iter().enumerate() {
            let mut value = status();
            edit(&mut value);
            assert!(!is_rpc_status(&schema(value)), "edit {index}");
        }
    }
}
