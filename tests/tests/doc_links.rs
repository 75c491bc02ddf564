//! The generated documentation of every fixture has no link that rustdoc
//! would print as raw text: no site-relative target (`](/drive/…)`) and no
//! escaped link (`\[label\](…)`, which the generator writes when it cannot
//! keep a link).

use codegen::{Input, Options, Selection};

#[test]
fn fixture_docs_have_no_relative_or_escaped_links() {
    let root = integration_tests::repository_root();
    let mut documents = 0;
    let mut scanned = 0;
    // The corner-case document has a site-relative link and a link whose
    // label is code: both must come out as links.
    let (mut relative_resolved, mut code_label_kept) = (false, false);
    for dir in ["tests/fixtures/discovery", "tests/fixtures/corner-cases"] {
        let entries = std::fs::read_dir(root.join(dir)).unwrap();
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            documents += 1;
            let input = Input {
                file: path.display().to_string(),
                text: std::fs::read_to_string(&path).unwrap(),
            };
            let options = Options {
                crate_name: "fixture".to_owned(),
                selection: Selection::All,
                standalone: true,
                runtime_path: integration_tests::runtime_path(),
                package: Default::default(),
            };
            let files = codegen::generate(&[input], &options).unwrap_or_else(|e| panic!("{e}"));
            for (file, source) in &files {
                for line in source.lines().map(str::trim_start) {
                    let Some(doc) = line
                        .strip_prefix("///")
                        .or_else(|| line.strip_prefix("//!"))
                    else {
                        continue;
                    };
                    scanned += 1;
                    let where_ = format!("{}: {file}: {doc}", path.display());
                    assert!(!doc.contains("](/"), "site-relative link: {where_}");
                    assert!(!doc.contains("\\](http"), "escaped link: {where_}");
                    assert!(!doc.contains("\\](/"), "escaped link: {where_}");
                    relative_resolved |= doc.contains(
                        "[`about`](https://cornercases.example.com/drive/api/reference/rest/v3/about)",
                    );
                    code_label_kept |=
                        doc.contains("[`jobs.query`](https://cloud.google.com/bigquery/");
                }
            }
        }
    }
    assert!(documents >= 6, "{documents} documents");
    assert!(relative_resolved, "the site-relative link is resolved");
    assert!(code_label_kept, "the link with a code label is kept");
    assert!(scanned > 10_000, "{scanned} doc lines");
}
