//! serde round trips of the generated Earth Engine v1 types with realistic JSON.

use earthengine::runtime::Duration;
use earthengine::v1::model::{
    CancelOperationRequest, Empty, ListOperationsResponse, Operation, Status, WaitOperationRequest,
};
use earthengine::v1::{StandardParametersAlt, StandardParametersXgafv};
use serde_json::{json, Value};

// `serde` itself is not a dependency of this crate, so generic helpers cannot
// name its traits; macros stand in for them.

/// Parses the JSON value `$input` into `$type`, checks that it serializes back
/// to exactly `$input`, and evaluates to the parsed value.
macro_rules! round_trip {
    ($type:ty, $input:expr) => {{
        let input: &Value = $input;
        let parsed: $type = serde_json::from_value(input.clone())
            .unwrap_or_else(|error| panic!("cannot parse {input}: {error}"));
        let output = serde_json::to_value(&parsed).unwrap();
        assert_eq!(&output, input, "round trip changed the JSON");
        parsed
    }};
}

/// Serializes a value to JSON.
macro_rules! to_json {
    ($value:expr) => {
        serde_json::to_value($value).unwrap()
    };
}

fn failed_operation_json() -> Value {
    json!({
        "name": "projects/my-project/operations/ZXCVBNMASDFGHJ",
        "done": true,
        "error": {
            "code": 3,
            "message": "Image.load: Image asset 'projects/my-project/assets/missing' not found.",
            "details": [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "ASSET_NOT_FOUND",
                    "domain": "earthengine.googleapis.com",
                    "metadata": {
                        "asset": "projects/my-project/assets/missing",
                        "service": "earthengine.googleapis.com"
                    }
                },
                {
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [
                        {"field": "expression", "description": "invalid asset id"}
                    ]
                },
                {
                    "@type": "type.googleapis.com/google.rpc.RetryInfo",
                    "retryDelay": "30s"
                }
            ]
        },
        "metadata": {
            "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
            "state": "FAILED",
            "description": "Export to asset",
            "type": "EXPORT_IMAGE",
            "createTime": "2025-08-01T10:00:00.123456Z",
            "endTime": "2025-08-01T10:05:00Z"
        }
    })
}

#[test]
fn failed_operation_with_error_details() {
    let input = failed_operation_json();
    let operation = round_trip!(Operation, &input);
    assert_eq!(operation.done, Some(true));
    assert_eq!(
        operation.name.as_deref(),
        Some("projects/my-project/operations/ZXCVBNMASDFGHJ")
    );
    assert_eq!(operation.response, None);

    let error = operation.error.unwrap();
    assert_eq!(error.code, Some(3));
    assert!(error.message.unwrap().starts_with("Image.load:"));
    let details = error.details.unwrap();
    let types: Vec<&Value> = details.iter().map(|detail| &detail["@type"]).collect();
    assert_eq!(
        types,
        [
            "type.googleapis.com/google.rpc.ErrorInfo",
            "type.googleapis.com/google.rpc.BadRequest",
            "type.googleapis.com/google.rpc.RetryInfo",
        ]
    );
    assert_eq!(details[0]["reason"], "ASSET_NOT_FOUND");
    assert_eq!(
        details[0]["metadata"]["asset"],
        "projects/my-project/assets/missing"
    );
    assert_eq!(
        details[1]["fieldViolations"][0]["field"],
        json!("expression")
    );
}

#[test]
fn done_operation_with_response() {
    let input = json!({
        "name": "projects/my-project/operations/QWERTYUIOP",
        "done": true,
        "response": {
            "@type": "type.googleapis.com/google.protobuf.Empty"
        },
        "metadata": {
            "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
            "state": "SUCCEEDED",
            "progress": 1,
            "batchEecuUsageSeconds": 12.5
        }
    });
    let operation = round_trip!(Operation, &input);
    assert_eq!(operation.done, Some(true));
    assert_eq!(operation.error, None);
    let response = operation.response.unwrap();
    assert_eq!(
        response["@type"],
        "type.googleapis.com/google.protobuf.Empty"
    );
    assert_eq!(response.len(), 1);
}

#[test]
fn in_progress_operation_with_nested_metadata() {
    let input = json!({
        "name": "projects/my-project/operations/ASDFGHJKL",
        "done": false,
        "metadata": {
            "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
            "state": "RUNNING",
            "progress": 0.42,
            "startTime": "2025-08-01T10:00:00Z",
            "stages": [
                {"displayName": "Create Local Files", "completeWorkUnits": 1, "totalWorkUnits": 1},
                {"displayName": "Upload", "completeWorkUnits": 3, "totalWorkUnits": 10}
            ],
            "scriptUri": null,
            "labels": {"team": "forest", "priority": "high"},
            "attempt": 2,
            "notifications": []
        }
    });
    let operation = round_trip!(Operation, &input);
    assert_eq!(operation.done, Some(false));
    assert_eq!(operation.error, None);
    assert_eq!(operation.response, None);
    let metadata = operation.metadata.unwrap();
    assert_eq!(metadata["state"], "RUNNING");
    assert_eq!(metadata["progress"], 0.42);
    assert_eq!(metadata["stages"][1]["totalWorkUnits"], 10);
    assert_eq!(metadata["labels"]["team"], "forest");
    assert_eq!(metadata["scriptUri"], Value::Null);
}

#[test]
fn list_operations_response_with_two_operations() {
    let input = json!({
        "operations": [
            failed_operation_json(),
            {
                "name": "projects/my-project/operations/RUNNING1",
                "done": false,
                "metadata": {
                    "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
                    "state": "PENDING"
                }
            }
        ],
        "nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA"
    });
    let response = round_trip!(ListOperationsResponse, &input);
    assert_eq!(
        response.next_page_token.as_deref(),
        Some("CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA")
    );
    let operations = response.operations.unwrap();
    assert_eq!(operations.len(), 2);
    assert_eq!(operations[0].done, Some(true));
    assert_eq!(operations[0].error.as_ref().unwrap().code, Some(3));
    assert_eq!(operations[1].done, Some(false));
    assert_eq!(
        operations[1].name.as_deref(),
        Some("projects/my-project/operations/RUNNING1")
    );
}

#[test]
fn empty_list_operations_response() {
    let response = round_trip!(ListOperationsResponse, &json!({}));
    assert_eq!(response, ListOperationsResponse::default());
}

#[test]
fn wait_operation_request_timeout() {
    let request = round_trip!(WaitOperationRequest, &json!({"timeout": "3.5s"}));
    assert_eq!(request.timeout, Some(Duration::new(3, 500_000_000)));
    let request = WaitOperationRequest::default().with_timeout(Duration::new(3, 500_000_000));
    assert_eq!(to_json!(&request), json!({"timeout": "3.5s"}));
    assert_eq!(to_json!(&WaitOperationRequest::default()), json!({}));
}

#[test]
fn wait_operation_request_rejects_an_invalid_timeout() {
    for timeout in [json!("3.5"), json!(3.5), json!("soon")] {
        let result = serde_json::from_value::<WaitOperationRequest>(json!({ "timeout": timeout }));
        assert!(result.is_err(), "{timeout} was accepted: {result:?}");
    }
}

#[test]
fn empty_messages_round_trip() {
    round_trip!(Empty, &json!({}));
    round_trip!(CancelOperationRequest, &json!({}));
    round_trip!(Status, &json!({}));
}

#[test]
fn duration_parses_and_formats() {
    let cases = [
        ("0s", 0, 0),
        ("1s", 1, 0),
        ("3.5s", 3, 500_000_000),
        ("-1.5s", -1, -500_000_000),
        ("-0.5s", 0, -500_000_000),
        ("0.000000001s", 0, 1),
        ("0.123456789s", 0, 123_456_789),
        ("315576000000s", 315_576_000_000, 0),
    ];
    for (text, seconds, nanos) in cases {
        let duration: Duration = text
            .parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(duration, Duration::new(seconds, nanos), "{text}");
        assert_eq!(duration.to_string(), text);
        assert_eq!(to_json!(&duration), json!(text));
        let from_json: Duration = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(from_json, duration);
    }
}

#[test]
fn duration_parsing_normalizes_trailing_zeros() {
    let duration: Duration = "1.500s".parse().unwrap();
    assert_eq!(duration, Duration::new(1, 500_000_000));
    assert_eq!(duration.to_string(), "1.5s");
    let duration: Duration = "2.000000000s".parse().unwrap();
    assert_eq!(duration.to_string(), "2s");
}

#[test]
fn duration_rejects_malformed_text() {
    let invalid = [
        "1",
        "s",
        "1.s",
        ".5s",
        "1.0000000001s",
        "abc",
        "",
        "-s",
        "--1s",
        "+1s",
        "1 s",
        " 1s",
        "1ss",
        "1.5.5s",
        "1e3s",
        "99999999999999999999s",
    ];
    for text in invalid {
        let parsed = text.parse::<Duration>();
        assert!(parsed.is_err(), "{text:?} parsed as {parsed:?}");
        assert!(
            serde_json::from_value::<Duration>(json!(text)).is_err(),
            "{text:?} deserialized"
        );
    }
    let error = "abc".parse::<Duration>().unwrap_err().to_string();
    assert!(error.contains("\"abc\""), "{error}");
}

#[test]
fn unknown_members_are_kept_and_written_back() {
    let input = json!({
        "name": "projects/p/operations/x",
        "done": true,
        "newField": {"a": 1},
        "error": {"code": 1, "message": "m", "extra": "x"}
    });
    let operation: Operation = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(operation.done, Some(true));
    assert_eq!(operation._unknown_fields["newField"], json!({"a": 1}));
    let error = operation.error.as_ref().unwrap();
    assert_eq!(error._unknown_fields["extra"], json!("x"));
    assert_eq!(to_json!(&operation), input);
}

#[test]
fn unknown_members_of_list_items_survive_a_read_modify_write() {
    let input = json!({
        "operations": [
            {"name": "a", "added": [1, 2]},
            {"name": "b", "error": {"code": 5, "details": [], "later": {"x": null}}}
        ],
        "nextPageToken": "t",
        "addedToo": false
    });
    let mut page: ListOperationsResponse = serde_json::from_value(input.clone()).unwrap();
    let operations = page.operations.as_mut().unwrap();
    operations[0].done = Some(true);
    let mut expected = input;
    expected["operations"][0]["done"] = json!(true);
    assert_eq!(to_json!(&page), expected);
}

#[test]
fn unset_optional_fields_are_omitted() {
    assert_eq!(to_json!(&Operation::default()), json!({}));
    assert_eq!(to_json!(&Status::default()), json!({}));
    let operation = Operation::default().with_name("projects/p/operations/x");
    assert_eq!(
        to_json!(&operation),
        json!({"name": "projects/p/operations/x"})
    );
}

#[test]
fn false_and_empty_values_are_kept_when_set() {
    let operation = Operation::default()
        .with_done(false)
        .with_metadata(Default::default())
        .with_error(
            Status::default()
                .with_code(0)
                .with_details(Vec::new())
                .with_message(""),
        );
    let expected = json!({
        "done": false,
        "metadata": {},
        "error": {"code": 0, "details": [], "message": ""}
    });
    assert_eq!(to_json!(&operation), expected);
    let parsed = round_trip!(Operation, &expected);
    assert_eq!(parsed, operation);
}

#[test]
fn null_fields_read_as_unset() {
    let operation: Operation =
        serde_json::from_value(json!({"done": null, "error": null, "name": null})).unwrap();
    assert_eq!(operation, Operation::default());
}

#[test]
fn wrong_types_are_rejected() {
    assert!(serde_json::from_value::<Operation>(json!({"done": "true"})).is_err());
    assert!(serde_json::from_value::<Status>(json!({"code": "3"})).is_err());
    assert!(serde_json::from_value::<Status>(json!({"details": [1]})).is_err());
}

#[test]
fn open_enum_maps_known_values_to_variants() {
    let cases = [
        ("json", StandardParametersAlt::Json),
        ("media", StandardParametersAlt::Media),
        ("proto", StandardParametersAlt::Proto),
    ];
    for (wire, variant) in cases {
        let parsed = round_trip!(StandardParametersAlt, &json!(wire));
        assert_eq!(parsed, variant);
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
    }
    let parsed = round_trip!(StandardParametersXgafv, &json!("2"));
    assert_eq!(parsed, StandardParametersXgafv::V2);
}

#[test]
fn open_enum_keeps_unknown_values() {
    let parsed = round_trip!(StandardParametersAlt, &json!("xml"));
    assert!(
        matches!(&parsed, StandardParametersAlt::UnknownValue(value) if value.as_str() == "xml")
    );
    // Case matters: "JSON" is not "json".
    let parsed = round_trip!(StandardParametersAlt, &json!("JSON"));
    assert!(
        matches!(&parsed, StandardParametersAlt::UnknownValue(value) if value.as_str() == "JSON")
    );
    let parsed = round_trip!(StandardParametersXgafv, &json!("3"));
    assert_eq!(parsed.as_str(), "3");
    assert!(matches!(parsed, StandardParametersXgafv::UnknownValue(_)));
    assert!(serde_json::from_value::<StandardParametersAlt>(json!(1)).is_err());
}

#[test]
fn an_unknown_value_never_stands_for_a_known_one() {
    for wire in ["json", "media", "proto"] {
        let value = StandardParametersAlt::from_wire(wire.to_owned());
        assert!(
            !matches!(value, StandardParametersAlt::UnknownValue(_)),
            "{wire}"
        );
    }
}

#[test]
fn duration_new_normalizes_mixed_signs() {
    use earthengine::runtime::Duration;
    let normalized = Duration::new(1, -5);
    assert_eq!((normalized.seconds(), normalized.nanos()), (0, 999_999_995));
    assert_eq!(Duration::new(-1, 5).to_string(), "-0.999999995s");
    let carried = Duration::new(0, 1_500_000_000);
    assert_eq!((carried.seconds(), carried.nanos()), (1, 500_000_000));
    assert_eq!(Duration::new(i64::MAX, 999_999_999).seconds(), i64::MAX);
}
