//! Generation speed, stage by stage (parse, model, emit, format) and whole,
//! against serde_json parsing the same bytes into a `Value` in the same run.
//!
//! `cargo bench -p codegen --bench generate` (BENCHMARKS.md has the figures).

use std::path::Path;

use codegen::{emit, model, parse, Input, Options, Selection};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};

/// The documents, relative to the repository root; the scale document
/// lives beside the repository and is skipped when it is not there.
const DOCUMENTS: &[(&str, &str)] = &[
    ("earthengine_v1", "discovery/earthengine.v1.json"),
    ("datastore_v1", "tests/fixtures/discovery/datastore.v1.json"),
    ("compute_v1", "../shared/fixtures/discovery/compute.v1.json"),
];

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (name, path) in DOCUMENTS {
        let Ok(text) = std::fs::read_to_string(root.join(path)) else {
            eprintln!("{path} not found: skipped");
            continue;
        };
        let document = parse::parse(path, &text).unwrap();
        let api = model::build(path, &document, "v1", &Selection::All).unwrap();
        let mut group = c.benchmark_group(*name);
        group.sample_size(if text.len() > 1_000_000 { 10 } else { 30 });
        group.bench_function("serde_json_value_baseline", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
        });
        group.bench_function("parse", |b| {
            b.iter(|| parse::parse(path, black_box(&text)).unwrap())
        });
        group.bench_function("model", |b| {
            b.iter(|| model::build(path, black_box(&document), "v1", &Selection::All).unwrap())
        });
        group.bench_function("emit", |b| b.iter(|| emit::version_tokens(black_box(&api))));
        group.bench_function("format", |b| {
            b.iter_batched(
                || emit::version_tokens(&api),
                |tokens| emit::format_version(tokens, "// header"),
                BatchSize::PerIteration,
            )
        });
        let input = Input {
            file: (*path).to_owned(),
            text: text.clone(),
        };
        let options = Options {
            crate_name: "bench".to_owned(),
            selection: Selection::All,
            standalone: true,
        };
        group.bench_function("pipeline", |b| {
            b.iter(|| codegen::generate(black_box(std::slice::from_ref(&input)), &options).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
