//! parse → model → emit on arbitrary bytes: an error or a crate, never a
//! panic or a hang. Bytes that are not UTF-8 are replaced rather than
//! skipped, so that every input reaches the generator.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = codegen::Input {
        file: "fuzz.json".to_owned(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    for selection in [
        codegen::Selection::All,
        codegen::Selection::Resources(vec!["projects.operations".to_owned()]),
    ] {
        let options = codegen::Options {
            crate_name: "fuzz".to_owned(),
            selection,
            standalone: true,
            runtime_path: "../codegen/runtime".to_owned(),
            package: Default::default(),
        };
        let _ = codegen::generate(std::slice::from_ref(&input), &options);
    }
});
