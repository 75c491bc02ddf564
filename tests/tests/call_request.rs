//! `call(request)`: a request type built with its setters is sent through
//! the resource's stub, pages with `.items()` and `.pages()`, and carries
//! the call's options, with a mock as with the HTTP client.

use std::sync::Mutex;

use earthengine::runtime::{CallOptions, Error};
use earthengine::v1;
use earthengine::v1::projects::operations::{
    ProjectsOperations as Operations, ProjectsOperationsListRequest as ListRequest,
    ProjectsOperationsStub as Stub,
};

/// Serves three pages of one operation each and records every request.
#[derive(Default)]
struct Pages {
    seen: Mutex<Vec<(ListRequest, Option<String>)>>,
}

impl Stub for Pages {
    async fn list(
        &self,
        request: ListRequest,
        options: CallOptions,
    ) -> Result<v1::model::ListOperationsResponse, Error> {
        let page: u32 = request
            .page_token
            .as_deref()
            .map_or(0, |t| t.parse().unwrap());
        let quota = options.quota_project().map(str::to_owned);
        self.seen.lock().unwrap().push((request, quota));
        let operation = v1::model::Operation::default().with_name(format!("operations/{page}"));
        let response =
            v1::model::ListOperationsResponse::default().with_operations(vec![operation]);
        Ok(match page {
            2 => response,
            _ => response.with_next_page_token((page + 1).to_string()),
        })
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_request_built_with_setters_pages_without_a_closure() {
    let mock = Pages::default();
    let operations = Operations::new(&mock);
    let mut request = ListRequest::new("projects/p").with_page_size(1);
    // A parameter set on a condition is a plain `if`.
    let only_done = true;
    if only_done {
        request = request.with_filter("done=true");
    }
    let mut items = operations
        .call(request)
        .with_options(CallOptions::new().with_quota_project("billing"))
        .items();
    let mut names = Vec::new();
    while let Some(operation) = items.next().await {
        names.push(operation.unwrap().name.unwrap());
    }
    assert_eq!(names, ["operations/0", "operations/1", "operations/2"]);

    let seen = mock.seen.lock().unwrap();
    let tokens: Vec<Option<&str>> = seen.iter().map(|(r, _)| r.page_token.as_deref()).collect();
    assert_eq!(tokens, [None, Some("1"), Some("2")]);
    for (request, quota) in seen.iter() {
        assert_eq!(request.name, "projects/p");
        assert_eq!(request.page_size, Some(1));
        assert_eq!(request.filter.as_deref(), Some("done=true"));
        assert_eq!(quota.as_deref(), Some("billing"));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn call_and_the_accessor_send_the_same_request() {
    let mock = Pages::default();
    let operations = Operations::new(&mock);
    let built = ListRequest::new("projects/p").with_page_size(7);
    operations.call(built.clone()).send().await.unwrap();
    operations
        .list("projects/p")
        .map(|r| r.with_page_size(7))
        .send()
        .await
        .unwrap();
    let seen = mock.seen.lock().unwrap();
    assert_eq!(seen[0].0, built);
    assert_eq!(seen[1].0, built);
}
