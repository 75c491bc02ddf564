//! Generation speed, stage by stage (parse, model, emit) and whole, against
//! serde_json parsing the same bytes into a `Value` in the same run.
//!
//! `emit` is `emit::version_files`, the path `codegen::generate` takes:
//! tokens made and formatted into files, on every core. `pipeline` is
//! `codegen::generate`, all stages and every file of the crate.
//!
//! `cargo bench -p benches --bench generate` (BENCHMARKS.md has the figures).

use std::path::Path;

use codegen::{emit, model, parse, Input, Options, Selection};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The documents, relative to the repository root.
const DOCUMENTS: &[(&str, &str)] = &[
    ("earthengine_v1", "discovery/earthengine.v1.json"),
    ("datastore_v1", "tests/fixtures/discovery/datastore.v1.json"),
    ("compute_v1", "tests/fixtures/scale/compute.v1.json"),
];

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (name, path) in DOCUMENTS {
        let text = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|error| panic!("{path}: {error}"));
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
        group.bench_function("emit", |b| {
            b.iter(|| emit::version_files(black_box(&api), "// header"))
        });
        let input = Input {
            file: (*path).to_owned(),
            text: text.clone(),
        };
        let options = Options {
            crate_name: "bench".to_owned(),
            selection: Selection::All,
            standalone: true,
            runtime_path: "../codegen/runtime".to_owned(),
            package: Default::default(),
        };
        group.bench_function("pipeline", |b| {
            b.iter(|| codegen::generate(black_box(std::slice::from_ref(&input)), &options).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
