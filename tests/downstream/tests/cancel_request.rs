//! The cancel request of every version, as a downstream crate builds it.

use downstream::build;
use earthengine::runtime::Method;
use earthengine::{v1, v1alpha, v1beta};

const NAME: &str = "projects/my-project/operations/abc";

fn assert_cancel(request: earthengine::runtime::HttpRequest, version: &str) {
    assert_eq!(request.method().as_str(), "POST");
    assert_eq!(
        request.uri().to_string(),
        format!("https://earthengine.googleapis.com/{version}/projects/my-project/operations/abc:cancel")
    );
    assert_eq!(request.body().as_slice(), b"{}");
    assert_eq!(
        request.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/json"[..])
    );
}

#[test]
fn v1_cancel() {
    let request =
        v1::projects::operations::ProjectsOperationsCancelRequest::new(NAME, Default::default());
    assert_cancel(build(&request).unwrap(), "v1");
}

#[test]
fn v1alpha_cancel() {
    let request = v1alpha::projects::operations::ProjectsOperationsCancelRequest::new(
        NAME,
        Default::default(),
    );
    assert_cancel(build(&request).unwrap(), "v1alpha");
}

#[test]
fn v1beta_cancel() {
    let request = v1beta::projects::operations::ProjectsOperationsCancelRequest::new(
        NAME,
        Default::default(),
    );
    assert_cancel(build(&request).unwrap(), "v1beta");
}

#[test]
fn list_sends_query_parameters_and_no_body() {
    let request =
        v1::projects::operations::ProjectsOperationsListRequest::new("projects/my-project")
            .with_page_size(50)
            .with_page_token("next page")
            .with_filter("done=true")
            .with_standard(
                v1::StandardParameters::default()
                    .with_xgafv(v1::StandardParametersXgafv::V2)
                    .with_pretty_print(false),
            );
    let request = build(&request).unwrap();
    assert_eq!(request.method().as_str(), "GET");
    assert_eq!(
        request.uri().to_string(),
        "https://earthengine.googleapis.com/v1/projects/my-project/operations\
         ?filter=done%3Dtrue&pageSize=50&pageToken=next%20page&%24.xgafv=2&prettyPrint=false"
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn wait_sends_its_timeout() {
    let body = v1beta::model::WaitOperationRequest::default().with_timeout("3.5s".parse().unwrap());
    let request = v1beta::projects::operations::ProjectsOperationsWaitRequest::new(NAME, body);
    let request = request.http_request("http://127.0.0.1:8080").unwrap();
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:8080/v1beta/projects/my-project/operations/abc:wait"
    );
    assert_eq!(request.body().as_slice(), br#"{"timeout":"3.5s"}"#);
}

#[test]
fn an_invalid_name_builds_nothing() {
    let request =
        v1::projects::operations::ProjectsOperationsGetRequest::new("projects/my-project");
    let error = build(&request).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid value \"projects/my-project\" for path parameter `name`: \
         it does not match the pattern `^projects/[^/]+/operations/.*$`"
    );
}

#[test]
fn an_invalid_name_is_an_error_read_through_its_kind_and_accessors() {
    use earthengine::runtime::{ErrorKind, InvalidReason};
    let request =
        v1::projects::operations::ProjectsOperationsCancelRequest::new("", Default::default());
    let error = build(&request).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidParameter, "{error:?}");
    assert_eq!(error.parameter_name(), Some("name"));
    assert_eq!(error.parameter_value(), Some(""));
    assert_eq!(error.invalid_reason(), Some(&InvalidReason::Empty));
    assert!(std::error::Error::source(&error).is_none());
}
