//! RFC 6570 path expansion in the generated runtime, and path parameter
//! validation through the real generated Earth Engine request types.

use earthengine::runtime::__private::{expand_path, validate_path_value};
use earthengine::runtime::{ErrorKind, InvalidReason, Method, PathParameter, PathSegment};
use earthengine::v1::model::{CancelOperationRequest, WaitOperationRequest};
use earthengine::v1::projects::operations::{
    ProjectsOperationsCancelRequest, ProjectsOperationsDeleteRequest, ProjectsOperationsGetRequest,
    ProjectsOperationsListRequest, ProjectsOperationsWaitRequest,
};
use integration_tests::paths::{OPERATION_PATTERN, OPERATION_PATTERN_REF};
use integration_tests::percent::{has_dot_segment, Mode};

/// The template kind of the variable in `v1/{…}:cancel`.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// `{+name}`
    Reserved,
    /// `{name}`
    Simple,
}

use Kind::{Reserved, Simple};

/// The reference's name for the expansion of `kind` under the flag.
fn mode(kind: Kind, fully_encode_reserved: bool) -> Mode {
    Mode::of(matches!(kind, Reserved), fully_encode_reserved)
}

/// The flag value Earth Engine's documents use.
const FULL: bool = true;
/// Plain RFC 6570 reserved expansion.
const RFC: bool = false;

const PREFIX: &str = "v1/";
const SUFFIX: &str = ":cancel";

/// Expands `v1/{+name}:cancel` or `v1/{name}:cancel` with `name = value`.
fn expand(kind: Kind, fully_encode_reserved: bool, value: &str) -> String {
    let variable = match kind {
        Reserved => PathSegment::Reserved("name"),
        Simple => PathSegment::Simple("name"),
    };
    let template = [
        PathSegment::Literal(PREFIX),
        variable,
        PathSegment::Literal(SUFFIX),
    ];
    expand_path(&template, &[("name", value)], fully_encode_reserved)
}

/// What the variable expanded to, without the template's literal parts.
fn expand_variable(kind: Kind, fully_encode_reserved: bool, value: &str) -> String {
    let expanded = expand(kind, fully_encode_reserved, value);
    expanded
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .unwrap_or_else(|| panic!("{expanded:?} lost the template's literals"))
        .to_owned()
}

/// Every expansion case: (kind, fullyEncodeReservedExpansion, value, expected variable expansion).
/// The reference expansion of `integration_tests::percent` must agree too.
#[rustfmt::skip]
const CASES: &[(Kind, bool, &str, &str)] = &[
    // {+var} with fullyEncodeReservedExpansion: only unreserved characters and `/` are kept.
    (Reserved, FULL, "projects/p/operations/a/b", "projects/p/operations/a/b"),
    (Reserved, FULL, "-._~AZaz09", "-._~AZaz09"),
    (Reserved, FULL, "a b", "a%20b"),
    (Reserved, FULL, "a?b", "a%3Fb"),
    (Reserved, FULL, "a#b", "a%23b"),
    (Reserved, FULL, "100%", "100%25"),
    (Reserved, FULL, "a%2Fb", "a%252Fb"),
    (Reserved, FULL, "/", "/"),
    (Reserved, FULL, "é", "%C3%A9"),
    (Reserved, FULL, "日本", "%E6%97%A5%E6%9C%AC"),
    (Reserved, FULL, ":@!$&'()*+,;=[]", "%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%5B%5D"),
    (Reserved, FULL, "\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D"),
    (Reserved, FULL, "", ""),
    // {+var} without it: reserved characters other than `?` and `#` are kept, and so
    // are existing percent-encoded triplets.
    (Reserved, RFC, "projects/p/operations/a/b", "projects/p/operations/a/b"),
    (Reserved, RFC, "-._~AZaz09", "-._~AZaz09"),
    (Reserved, RFC, "a b", "a%20b"),
    (Reserved, RFC, "a?b", "a%3Fb"),
    (Reserved, RFC, "a#b", "a%23b"),
    (Reserved, RFC, "100%", "100%25"),
    (Reserved, RFC, "a%2Fb", "a%2Fb"),
    (Reserved, RFC, "%e9", "%e9"),
    (Reserved, RFC, "%zz", "%25zz"),
    (Reserved, RFC, "%2", "%252"),
    (Reserved, RFC, "/", "/"),
    (Reserved, RFC, "é", "%C3%A9"),
    (Reserved, RFC, "日本", "%E6%97%A5%E6%9C%AC"),
    (Reserved, RFC, ":@!$&'()*+,;=[]", ":@!$&'()*+,;=[]"),
    (Reserved, RFC, "\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D"),
    (Reserved, RFC, "", ""),
    // {var}: everything but unreserved characters is encoded, whatever the flag.
    (Simple, FULL, "projects/p/operations/a/b", "projects%2Fp%2Foperations%2Fa%2Fb"),
    (Simple, RFC, "projects/p/operations/a/b", "projects%2Fp%2Foperations%2Fa%2Fb"),
    (Simple, FULL, "-._~AZaz09", "-._~AZaz09"),
    (Simple, FULL, "a b", "a%20b"),
    (Simple, FULL, "a?b", "a%3Fb"),
    (Simple, FULL, "a#b", "a%23b"),
    (Simple, FULL, "100%", "100%25"),
    (Simple, FULL, "a%2Fb", "a%252Fb"),
    (Simple, RFC, "a%2Fb", "a%252Fb"),
    (Simple, FULL, "/", "%2F"),
    (Simple, FULL, "é", "%C3%A9"),
    (Simple, FULL, "日本", "%E6%97%A5%E6%9C%AC"),
    (Simple, FULL, ":@!$&'()*+,;=[]", "%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%5B%5D"),
    (Simple, RFC, ":@!$&'()*+,;=[]", "%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%5B%5D"),
    (Simple, FULL, "", ""),
];

#[test]
fn expansion_table() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(kind, full, value, expected)| {
            let actual = expand_variable(kind, full, value);
            let reference = mode(kind, full).expand(value);
            (actual != expected || reference != expected).then(|| {
                format!(
                    "{kind:?} full={full} {value:?}: got {actual:?}, the reference \
                     {reference:?}, want {expected:?}"
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn literals_are_copied_and_values_looked_up_by_name() {
    let template = [
        PathSegment::Literal("v1/"),
        PathSegment::Reserved("parent"),
        PathSegment::Literal("/items/"),
        PathSegment::Simple("item"),
    ];
    let values = [("item", "x y"), ("parent", "projects/p")];
    assert_eq!(
        expand_path(&template, &values, FULL),
        "v1/projects/p/items/x%20y"
    );
    // A variable without a value expands to nothing.
    assert_eq!(expand_path(&template, &[], FULL), "v1//items/");
}

/// Values meant to break out of the path: query and fragment starters, escapes,
/// dot segments, control characters, non-ASCII and every ASCII punctuation mark.
const HOSTILE: &[&str] = &[
    "?",
    "#",
    "a?b#c",
    "?x=1&y=2",
    "#frag",
    "%3F",
    "%23",
    "%",
    "%%",
    "%2",
    "%g0",
    "../x",
    "./..",
    "a/../../b",
    "%2E%2E",
    "\n\r\t\0",
    " ",
    "é日本🙂",
    "\u{7f}\u{80}\u{ff}",
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "http://evil.example/?q#f",
    "",
];

#[test]
fn hostile_values_never_leave_the_path() {
    for &value in HOSTILE {
        for (kind, full) in [
            (Reserved, FULL),
            (Reserved, RFC),
            (Simple, FULL),
            (Simple, RFC),
        ] {
            let expanded = expand_variable(kind, full, value);
            assert!(
                !expanded.contains(['?', '#']),
                "{kind:?} full={full} {value:?} expanded to {expanded:?}"
            );
            assert!(
                expanded.is_ascii() && !expanded.contains(|c: char| c.is_ascii_control()),
                "{kind:?} full={full} {value:?} expanded to {expanded:?}"
            );
        }
    }
}

#[test]
fn simple_expansion_is_unreserved_and_triplets_only_and_decodes_back() {
    for &value in HOSTILE {
        for full in [FULL, RFC] {
            let expanded = expand_variable(Simple, full, value);
            assert_eq!(Mode::Simple.check(value, &expanded), Ok(()));
        }
    }
}

#[test]
fn fully_encoded_reserved_expansion_keeps_only_unreserved_and_slash_and_decodes_back() {
    for &value in HOSTILE {
        let expanded = expand_variable(Reserved, FULL, value);
        assert_eq!(Mode::FullyEncodedReserved.check(value, &expanded), Ok(()));
    }
}

#[test]
fn reserved_expansion_keeps_reserved_characters_and_triplets_and_decodes_like_the_value() {
    for &value in HOSTILE {
        let expanded = expand_variable(Reserved, RFC, value);
        assert_eq!(Mode::Reserved.check(value, &expanded), Ok(()));
    }
}

/// A parameter validated like the generated code does, without a pattern.
const ANY_NAME: PathParameter = PathParameter {
    name: "name",
    pattern: None,
};

/// The `name` of the Earth Engine operations methods, with its pattern.
const OPERATION_NAME: PathParameter = PathParameter {
    name: "name",
    pattern: Some(OPERATION_PATTERN_REF),
};

/// Dot segments spelled with escapes: `%2E` counts as `.` and `%2F` as `/`.
const ESCAPED_DOT_SEGMENTS: &[&str] = &[
    "a/%2E%2E/b",
    "a/%2e%2e",
    "a/.%2E/b",
    "%2E/b",
    "a/%2e",
    "a%2F..",
    "a%2f%2E%2Fb",
];

/// Path segments that come close to `.` or `..` without being one, even
/// decoded once: dots beside other text, runs of three or more dots, escaped
/// dots beside other text, escapes of escapes (`%252E` is `%2E` once
/// decoded), a `%` that starts no escape, white space, backslashes, NUL and
/// fullwidth full stops.
const NEAR_DOT_SEGMENTS: &[&str] = &[
    "...",
    "....",
    ".a",
    "a.",
    "..a",
    "a..",
    "a..b",
    "._",
    "~.",
    ". ",
    " ..",
    ".\t",
    "%2E%2E%2E",
    ".%2e.",
    "%2Ea",
    "a%2E",
    "%2E%2Ea",
    "%2e%2E.",
    "%252E",
    "%252E%252E",
    "%25%32%45",
    "%%2E",
    "%2E%",
    "%2E%2",
    "%2E%2E%25",
    "..%00",
    "..\\",
    "\\..",
    "\u{FF0E}",
    "\u{FF0E}\u{FF0E}",
];

/// Values made of near-dot segments, each with the parameter it is validated
/// against: alone, between others, beside `%2F`, and in an operation name.
fn near_dot_values() -> Vec<(PathParameter, String)> {
    let mut values = Vec::new();
    for segment in NEAR_DOT_SEGMENTS {
        for value in [
            (*segment).to_owned(),
            format!("{segment}/{segment}"),
            format!("a/{segment}/b"),
            format!("{segment}%2F{segment}"),
            format!("{segment}%2f/"),
        ] {
            values.push((ANY_NAME, value));
        }
        for value in [
            format!("projects/{segment}/operations/{segment}"),
            format!("projects/p/operations/{segment}/{segment}"),
        ] {
            values.push((OPERATION_NAME, value));
        }
    }
    values
}

#[test]
fn validated_values_expand_to_no_dot_segment_in_any_mode() {
    for (parameter, value) in near_dot_values() {
        assert!(
            !has_dot_segment(&value),
            "{value:?} is meant to have no dot segment"
        );
        let validated = validate_path_value(&parameter, &value);
        assert!(
            validated.is_ok(),
            "{value:?} with {:?}: {validated:?}",
            parameter.pattern
        );
        for (kind, full) in [
            (Reserved, FULL),
            (Reserved, RFC),
            (Simple, FULL),
            (Simple, RFC),
        ] {
            let expanded = expand_variable(kind, full, &value);
            assert!(
                !has_dot_segment(&expanded),
                "{value:?} was accepted and expanded ({kind:?}, full={full}) to {expanded:?}"
            );
        }
    }
}

#[test]
fn escaped_dot_segments_are_rejected() {
    for &value in ESCAPED_DOT_SEGMENTS {
        assert!(has_dot_segment(value), "{value:?}");
        for parameter in [ANY_NAME, OPERATION_NAME] {
            let value = match parameter.pattern {
                Some(_) => format!("projects/p/operations/{value}"),
                None => value.to_owned(),
            };
            match validate_path_value(&parameter, &value) {
                Err(error) if error.invalid_reason() == Some(&InvalidReason::DotSegment) => {
                    assert_eq!(error.kind(), ErrorKind::InvalidParameter);
                    assert_eq!(error.parameter_value(), Some(value.as_str()));
                }
                other => panic!("{value:?} was not rejected as a dot segment: {other:?}"),
            }
        }
    }
}

#[test]
fn fully_encoded_expansion_never_produces_a_dot_segment_from_escapes() {
    for &value in ESCAPED_DOT_SEGMENTS {
        let expanded = expand_variable(Reserved, FULL, value);
        assert!(
            !has_dot_segment(&expanded),
            "{value:?} expanded to {expanded:?}"
        );
    }
}

// Through the generated request types.

const PROJECT_PATTERN: &str = "^projects/[^/]+$";
const BASE_URL: &str = "https://earthengine.googleapis.com/";

fn cancel(name: &str) -> ProjectsOperationsCancelRequest {
    ProjectsOperationsCancelRequest::new(name, CancelOperationRequest::default())
}

#[test]
fn cancel_request_path_keeps_slashes() {
    let request = cancel("projects/p/operations/a/b");
    assert_eq!(
        request.path().unwrap(),
        "v1/projects/p/operations/a/b:cancel"
    );
}

#[test]
fn cancel_request_builds_the_http_request() {
    let request = cancel("projects/p/operations/a/b")
        .http_request(BASE_URL)
        .unwrap();
    assert_eq!(request.method().as_str(), "POST");
    assert_eq!(
        request.uri().to_string(),
        "https://earthengine.googleapis.com/v1/projects/p/operations/a/b:cancel"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body(), b"{}");
    // A base URL without a trailing slash gets one.
    let request = cancel("projects/p/operations/a")
        .http_request("http://localhost:8080/prefix")
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "http://localhost:8080/prefix/v1/projects/p/operations/a:cancel"
    );
}

#[test]
fn every_operation_method_expands_its_path() {
    let name = "projects/p/operations/a/b";
    assert_eq!(
        ProjectsOperationsGetRequest::new(name).path().unwrap(),
        "v1/projects/p/operations/a/b"
    );
    assert_eq!(
        ProjectsOperationsDeleteRequest::new(name).path().unwrap(),
        "v1/projects/p/operations/a/b"
    );
    assert_eq!(
        ProjectsOperationsWaitRequest::new(name, WaitOperationRequest::default())
            .path()
            .unwrap(),
        "v1/projects/p/operations/a/b:wait"
    );
    assert_eq!(
        ProjectsOperationsListRequest::new("projects/p")
            .path()
            .unwrap(),
        "v1/projects/p/operations"
    );
}

#[test]
fn operation_ids_are_encoded_in_the_path() {
    let cases = [
        (
            "projects/p/operations/a b",
            "v1/projects/p/operations/a%20b:cancel",
        ),
        (
            "projects/p/operations/a?b",
            "v1/projects/p/operations/a%3Fb:cancel",
        ),
        (
            "projects/p/operations/a#b",
            "v1/projects/p/operations/a%23b:cancel",
        ),
        (
            "projects/p/operations/é",
            "v1/projects/p/operations/%C3%A9:cancel",
        ),
        (
            "projects/p/operations/日本",
            "v1/projects/p/operations/%E6%97%A5%E6%9C%AC:cancel",
        ),
        (
            "projects/p/operations/a:b",
            "v1/projects/p/operations/a%3Ab:cancel",
        ),
        (
            "projects/p/operations/50%",
            "v1/projects/p/operations/50%25:cancel",
        ),
        (
            "projects/p/operations/a%2Fb",
            "v1/projects/p/operations/a%252Fb:cancel",
        ),
        // The pattern allows anything but `/` as the project id.
        (
            "projects/p?x/operations/a",
            "v1/projects/p%3Fx/operations/a:cancel",
        ),
    ];
    for (name, expected) in cases {
        assert_eq!(cancel(name).path().unwrap(), expected, "name = {name:?}");
    }
}

#[test]
fn hostile_operation_ids_stay_in_the_uri_path() {
    let mut checked = 0;
    for &id in HOSTILE {
        let name = format!("projects/p/operations/x{id}");
        let request = match cancel(&name).http_request(BASE_URL) {
            Ok(request) => request,
            // Rejected by validation: nothing is built, so nothing can leave the path.
            Err(error) if error.kind() == ErrorKind::InvalidParameter => continue,
            Err(error) => panic!("{name:?}: {error}"),
        };
        let uri = request.uri();
        assert_eq!(uri.host(), Some("earthengine.googleapis.com"), "{name:?}");
        assert_eq!(uri.query(), None, "{name:?}");
        assert!(uri.path().ends_with(":cancel"), "{name:?} -> {uri}");
        checked += 1;
    }
    assert!(checked > 0, "validation rejected every hostile id");
}

/// Asserts that `request` is rejected, by both `path` and `http_request`,
/// with an [`ErrorKind::InvalidParameter`] error for `name` holding `value` and `reason`.
fn assert_rejected(request: &impl Method, value: &str, reason: &InvalidReason) {
    for result in [
        request.path().map(drop),
        request.http_request(BASE_URL).map(drop),
    ] {
        match result {
            Err(error) if error.kind() == ErrorKind::InvalidParameter => {
                assert_eq!(error.parameter_name(), Some("name"));
                assert_eq!(error.parameter_value(), Some(value));
                assert_eq!(error.invalid_reason(), Some(reason), "value = {value:?}");
            }
            other => panic!("{value:?} was not rejected: {other:?}"),
        }
    }
}

#[test]
fn invalid_operation_names_are_rejected() {
    let pattern = InvalidReason::Pattern(OPERATION_PATTERN);
    let cases = [
        ("projects/p", pattern.clone()),
        ("other/p/operations/x", pattern.clone()),
        ("projects/p/operations", pattern.clone()),
        ("projects//operations/x", pattern.clone()),
        ("", InvalidReason::Empty),
        ("projects/p/operations/..", InvalidReason::DotSegment),
        ("projects/p/operations/../../x", InvalidReason::DotSegment),
        ("projects/p/operations/./x", InvalidReason::DotSegment),
        ("projects/./operations/x", InvalidReason::DotSegment),
    ];
    for (value, reason) in &cases {
        assert_rejected(&cancel(value), value, reason);
        assert_rejected(&ProjectsOperationsGetRequest::new(*value), value, reason);
        assert_rejected(&ProjectsOperationsDeleteRequest::new(*value), value, reason);
        assert_rejected(
            &ProjectsOperationsWaitRequest::new(*value, WaitOperationRequest::default()),
            value,
            reason,
        );
    }
}

#[test]
fn dots_inside_a_segment_are_allowed() {
    for name in [
        "projects/p/operations/...",
        "projects/p/operations/a..b",
        "projects/p.q/operations/.x",
    ] {
        assert!(cancel(name).path().is_ok(), "{name:?}");
    }
}

#[test]
fn list_request_pattern_rejects_nested_names() {
    assert_rejected(
        &ProjectsOperationsListRequest::new("projects/a/b"),
        "projects/a/b",
        &InvalidReason::Pattern(PROJECT_PATTERN),
    );
    assert_rejected(
        &ProjectsOperationsListRequest::new("projects/p/operations/x"),
        "projects/p/operations/x",
        &InvalidReason::Pattern(PROJECT_PATTERN),
    );
    assert_rejected(
        &ProjectsOperationsListRequest::new(""),
        "",
        &InvalidReason::Empty,
    );
}

#[test]
fn list_request_query_is_encoded() {
    let request = ProjectsOperationsListRequest::new("projects/p")
        .with_page_size(10)
        .with_page_token("a&b=c#d e")
        .http_request(BASE_URL)
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://earthengine.googleapis.com/v1/projects/p/operations?pageSize=10&pageToken=a%26b%3Dc%23d%20e"
    );
    assert_eq!(request.body(), b"");
}

#[test]
fn invalid_parameter_display_names_parameter_value_and_pattern() {
    let error = cancel("other/p/operations/x").path().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid value \"other/p/operations/x\" for path parameter `name`: \
         it does not match the pattern `^projects/[^/]+/operations/.*$`"
    );

    let error = ProjectsOperationsListRequest::new("projects/a/b")
        .path()
        .unwrap_err();
    let text = error.to_string();
    for part in ["`name`", "\"projects/a/b\"", "`^projects/[^/]+$`"] {
        assert!(text.contains(part), "{text:?} lacks {part}");
    }

    let error = cancel("").path().unwrap_err();
    let text = error.to_string();
    assert!(text.contains("`name`") && text.contains("\"\""), "{text:?}");
    assert!(text.contains("empty"), "{text:?}");

    let error = cancel("projects/p/operations/..").path().unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("`name`") && text.contains("\"projects/p/operations/..\""),
        "{text:?}"
    );
    assert!(text.contains("`..`"), "{text:?}");
}
