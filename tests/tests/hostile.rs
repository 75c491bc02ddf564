//! Hostile names and descriptions (`tests/fixtures/corner-cases/hostile.v1.json`)
//! become a crate whose code means what the document says and whose docs show
//! the text. The fixture test (`fixtures.rs`, ignored by default, run by CI)
//! compiles that crate and builds its docs with warnings denied; this one
//! reads the emitted source.

use codegen::{Input, Options, Selection};

fn hostile_files() -> Vec<String> {
    let path =
        integration_tests::repository_root().join("tests/fixtures/corner-cases/hostile.v1.json");
    let input = Input {
        file: "hostile.v1.json".to_owned(),
        text: std::fs::read_to_string(path).unwrap(),
    };
    let options = Options {
        crate_name: "hostile".to_owned(),
        selection: Selection::All,
        standalone: true,
        runtime_path: integration_tests::runtime_path(),
        package: Default::default(),
    };
    let files = codegen::generate(&[input], &options).unwrap();
    files
        .into_iter()
        .filter(|(path, _)| path.starts_with("src/v1/"))
        .map(|(_, source)| source)
        .collect()
}

/// The version module's files, one after the other.
fn hostile_module() -> String {
    hostile_files().concat()
}

#[test]
fn descriptions_are_shown_without_control_characters() {
    let source = hostile_module();
    assert!(!source.contains(['\0', '\u{202e}', '\u{202c}']));
    let expected =
        "Hostile: */ and \"# and \\</code> and \\`unclosed and \\[x\\] and \\<b>bold\\</b> \
                    and \\`\\`\\` fence and NUL and bidievil and #\\[doc = \"x\"\\] and \\ backslash \
                    and { braces } and <https://example.com/a_(b)>.";
    assert!(
        doc_comments(&source)
            .iter()
            .any(|doc| doc.contains(expected)),
        "{source}"
    );
}

/// The text of each run of `///` lines, its lines joined with spaces (long
/// docs are wrapped over several lines).
fn doc_comments(source: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        match line.trim_start().strip_prefix("///") {
            Some(text) => {
                let text = text.strip_prefix(' ').unwrap_or(text);
                match &mut current {
                    Some(doc) => {
                        doc.push(' ');
                        doc.push_str(text);
                    }
                    None => current = Some(text.to_owned()),
                }
            }
            None => docs.extend(current.take()),
        }
    }
    docs.extend(current);
    docs
}

#[test]
fn strings_keep_their_exact_values() {
    let literals: Vec<String> = hostile_files()
        .iter()
        .flat_map(|source| literal_strings(&syn::parse_file(source).unwrap()))
        .collect();
    for value in [
        "https://hostile.example.com/auth/a b\"c",
        "https://other.example.com/unlisted",
        "it's",
        "say \"hi\"",
        "back\\slash",
        "nul\0",
        "\u{202e}",
        "x\"y",
        "v1/{+a.b}/{c_d}",
        "^[^\"]*$",
    ] {
        assert!(
            literals.iter().any(|l| l == value),
            "{value:?} not among the literals"
        );
    }
}

#[test]
fn odd_names_become_distinct_identifiers() {
    let source = hostile_module();
    for item in [
        "pub struct MySchema",
        "pub struct Self_",
        "pub crate_: ::std::option::Option<::std::boxed::Box<crate::v1::model::Self_>>",
        "pub mod r#type",
        "pub struct TypeSelfRequest",
        "pub mod weird_res_name",
        "pub struct WeirdResNameGetThingRequest",
        "pub body_2: ::std::option::Option<::std::string::String>",
        "pub standard_2: ::std::option::Option<::std::string::String>",
        "pub foo_bar:",
        "pub a_b:",
        "pub const V1ST: &str",
    ] {
        assert!(source.contains(item), "{item:?} missing");
    }
}

/// Every string literal in the file, decoded.
fn literal_strings(file: &syn::File) -> Vec<String> {
    let mut out = Vec::new();
    collect(&quote_tokens(file), &mut out);
    out
}

fn quote_tokens(file: &syn::File) -> proc_macro2::TokenStream {
    use quote::ToTokens;
    file.to_token_stream()
}

fn collect(tokens: &proc_macro2::TokenStream, out: &mut Vec<String>) {
    for token in tokens.clone() {
        match token {
            proc_macro2::TokenTree::Literal(literal) => {
                if let Ok(syn::Lit::Str(text)) = syn::parse_str::<syn::Lit>(&literal.to_string()) {
                    out.push(text.value());
                }
            }
            proc_macro2::TokenTree::Group(group) => collect(&group.stream(), out),
            _ => {}
        }
    }
}
