//! Locks, per API version, what the generated cancel method says about
//! itself (read at run time from its generated `Method::DESCRIPTOR`) and the
//! emitted source of its request type.

use earthengine::runtime::{Method, PathParameter, PatternRef};
use earthengine::{v1, v1alpha, v1beta};

/// The cancel method's metadata, as its generated descriptor has it.
fn describe<M: Method>() -> String {
    let descriptor = M::DESCRIPTOR;
    let patterns: Vec<String> = descriptor
        .path_parameters
        .iter()
        .map(|PathParameter { name, pattern }| {
            format!("{name}: {}", pattern.map_or("(none)", PatternRef::source))
        })
        .collect();
    format!(
        "id: {}\nhttp method: {}\npath template: {}\nflat path: {}\npath parameter patterns:\n  {}\nscopes:\n  {}\nrequest body: {}\nresponse: {}\n",
        descriptor.id,
        descriptor.http_method,
        descriptor.path_template,
        descriptor.flat_path.unwrap_or("(none)"),
        patterns.join("\n  "),
        descriptor.scopes.join("\n  "),
        std::any::type_name::<M::RequestBody>(),
        std::any::type_name::<M::Response>(),
    )
}

#[test]
fn v1_cancel_metadata() {
    insta::assert_snapshot!(describe::<
        v1::projects::operations::ProjectsOperationsCancelRequest,
    >());
}

#[test]
fn v1alpha_cancel_metadata() {
    insta::assert_snapshot!(describe::<
        v1alpha::projects::operations::ProjectsOperationsCancelRequest,
    >());
}

#[test]
fn v1beta_cancel_metadata() {
    insta::assert_snapshot!(describe::<
        v1beta::projects::operations::ProjectsOperationsCancelRequest,
    >());
}

/// The items of `generated/src/<version>/projects.rs` that make up the cancel stub:
/// the `ProjectsOperationsCancelRequest` struct and its impl blocks, found with syn.
fn cancel_stub_source(version: &str) -> String {
    let path = format!(
        "{}/../generated/src/{version}/projects.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file = syn::parse_file(&source).expect("generated source parses");
    let operations = find_module(&file.items, &["operations"]);
    let items: Vec<syn::Item> = operations
        .iter()
        .filter(|item| match item {
            syn::Item::Struct(item) => item.ident == "ProjectsOperationsCancelRequest",
            syn::Item::Impl(item) => {
                let for_cancel = matches!(
                    &*item.self_ty,
                    syn::Type::Path(ty) if ty.path.is_ident("ProjectsOperationsCancelRequest")
                );
                // The inherent impl and `runtime::Method`; not the client's `Dispatch`.
                let inherent_or_method = item.trait_.as_ref().is_none_or(|(_, path, _)| {
                    path.segments.last().is_some_and(|s| s.ident == "Method")
                });
                for_cancel && inherent_or_method
            }
            _ => false,
        })
        .cloned()
        .collect();
    assert_eq!(items.len(), 3, "struct, inherent impl and Method impl");
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

fn find_module<'a>(items: &'a [syn::Item], path: &[&str]) -> &'a [syn::Item] {
    let Some((first, rest)) = path.split_first() else {
        return items;
    };
    let found = items.iter().find_map(|item| match item {
        syn::Item::Mod(module) if module.ident == first => module.content.as_ref(),
        _ => None,
    });
    let (_, content) = found.unwrap_or_else(|| panic!("module {first} not found"));
    find_module(content, rest)
}

#[test]
fn v1_cancel_source() {
    insta::assert_snapshot!(cancel_stub_source("v1"));
}

#[test]
fn v1alpha_cancel_source() {
    insta::assert_snapshot!(cancel_stub_source("v1alpha"));
}

#[test]
fn v1beta_cancel_source() {
    insta::assert_snapshot!(cancel_stub_source("v1beta"));
}
