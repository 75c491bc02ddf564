//! parse → model → emit on arbitrary bytes: an error or a crate, never a
//! panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let input = codegen::Input {
        file: "fuzz.json".to_owned(),
        text: text.to_owned(),
    };
    for selection in [
        codegen::Selection::All,
        codegen::Selection::Resources(vec!["projects.operations".to_owned()]),
    ] {
        let options = codegen::Options {
            crate_name: "fuzz".to_owned(),
            selection,
            standalone: true,
        };
        let _ = codegen::generate(std::slice::from_ref(&input), &options);
    }
});
