//! JSON speed of the generated types on a large response: a
//! `ListOperationsResponse` of 10,000 operations, each with metadata, a
//! response and an error `Status` with details. The baseline, measured in
//! the same run, is serde_json's own `Value` on the same bytes.
//!
//! `cargo bench -p benches --bench serde_operations`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use earthengine::v1::model::ListOperationsResponse;
use serde_json::{json, Value};

const OPERATIONS: usize = 10_000;

fn response_json() -> String {
    let operations: Vec<Value> = (0..OPERATIONS)
        .map(|i| {
            json!({
                "name": format!("projects/my-project/operations/{i:08}"),
                "done": i % 3 == 0,
                "metadata": {
                    "@type": "type.googleapis.com/google.earthengine.v1.OperationMetadata",
                    "state": "RUNNING",
                    "createTime": "2026-11-27T12:34:56.789Z",
                    "progress": 0.5,
                },
                "response": {"@type": "type.googleapis.com/google.protobuf.Empty"},
                "error": {
                    "code": 9,
                    "message": format!("operation {i} failed a precondition"),
                    "details": [{
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "QUOTA",
                        "metadata": {"service": "earthengine.googleapis.com"},
                    }],
                },
            })
        })
        .collect();
    json!({"operations": operations, "nextPageToken": "token"}).to_string()
}

fn bench(c: &mut Criterion) {
    let text = response_json();
    let typed: ListOperationsResponse = serde_json::from_str(&text).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let mut group = c.benchmark_group("list_operations_10k");
    group.sample_size(20);
    group.bench_function("deserialize/generated", |b| {
        b.iter(|| serde_json::from_str::<ListOperationsResponse>(black_box(&text)).unwrap())
    });
    group.bench_function("deserialize/value_baseline", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)).unwrap())
    });
    group.bench_function("serialize/generated", |b| {
        b.iter(|| serde_json::to_string(black_box(&typed)).unwrap())
    });
    group.bench_function("serialize/value_baseline", |b| {
        b.iter(|| serde_json::to_string(black_box(&value)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
