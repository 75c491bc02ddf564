//! Tokens → formatted source: syn reads the tokens, prettyplease prints
//! them, with a blank line between items, at the top of a file and inside
//! modules, impls and traits.
//!
//! A type of the model is a [`Section`]: its items and the `#[cfg]` they all
//! carry. The items keep their docs apart, so that the `#[cfg]` is written
//! between the docs and the item while the tokens are made, not patched into
//! a parsed file afterwards.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// One item, with its doc attributes apart from the rest.
pub struct Item {
    pub doc: TokenStream,
    pub body: TokenStream,
}

impl Item {
    pub fn new(doc: TokenStream, body: TokenStream) -> Self {
        Item { doc, body }
    }

    /// An item without docs (an impl block, a macro call).
    pub fn undocumented(body: TokenStream) -> Self {
        Item::new(TokenStream::new(), body)
    }
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.doc.to_tokens(tokens);
        self.body.to_tokens(tokens);
    }
}

/// Items that are built under one `#[cfg]`, or always.
pub struct Section {
    pub items: Vec<Item>,
    /// The attribute each item gets after its docs.
    pub cfg: Option<TokenStream>,
}

impl Section {
    /// The section's items, formatted on their own, for a file that holds
    /// others after them.
    pub fn render(&self) -> String {
        render_items(self.to_token_stream())
    }
}

impl ToTokens for Section {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let cfg = &self.cfg;
        for Item { doc, body } in &self.items {
            tokens.extend(quote! { #doc #cfg #body });
        }
    }
}

/// A whole file: `header` (a comment line), then the formatted tokens.
pub fn render_file(header: &str, tokens: TokenStream) -> String {
    format!("{header}\n{}", render_items(tokens))
}

/// Formats tokens that form a file's items (and inner attributes).
fn render_items(tokens: TokenStream) -> String {
    let mut file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        // Emit builds only valid items; this would be a generator bug.
        Err(error) => panic!("generated tokens do not parse as a Rust file: {error}"),
    };
    let after_inner_attrs = !file.attrs.is_empty();
    file.items = spaced(std::mem::take(&mut file.items), after_inner_attrs);
    prettyplease::unparse(&file)
}

/// `items` with a blank line between each two of them, and before the first
/// when `leading` (after inner attributes), in the modules, impls and traits
/// among them too.
///
/// prettyplease keeps no blank lines, but prints an empty verbatim item as a
/// line break of its own: an empty line, with no indentation, between the
/// items around it. The items' tokens, string literals included, are printed
/// as they are.
fn spaced(items: Vec<syn::Item>, leading: bool) -> Vec<syn::Item> {
    interleave(items.into_iter().map(space_within), leading, || {
        syn::Item::Verbatim(TokenStream::new())
    })
}

fn space_within(item: syn::Item) -> syn::Item {
    match item {
        syn::Item::Mod(mut module) => {
            let leading = module
                .attrs
                .iter()
                .any(|attr| matches!(attr.style, syn::AttrStyle::Inner(_)));
            if let Some((_, items)) = &mut module.content {
                *items = spaced(std::mem::take(items), leading);
            }
            syn::Item::Mod(module)
        }
        syn::Item::Impl(mut block) => {
            let items = std::mem::take(&mut block.items);
            block.items = interleave(items.into_iter(), false, || {
                syn::ImplItem::Verbatim(TokenStream::new())
            });
            syn::Item::Impl(block)
        }
        syn::Item::Trait(mut block) => {
            let items = std::mem::take(&mut block.items);
            block.items = interleave(items.into_iter(), false, || {
                syn::TraitItem::Verbatim(TokenStream::new())
            });
            syn::Item::Trait(block)
        }
        other => other,
    }
}

/// `items` with `blank()` between each two, and before the first when `leading`.
fn interleave<T>(items: impl Iterator<Item = T>, leading: bool, blank: impl Fn() -> T) -> Vec<T> {
    let mut out = Vec::new();
    for (index, item) in items.enumerate() {
        if index > 0 || leading {
            out.push(blank());
        }
        out.push(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_separated_by_blank_lines_at_every_level() {
        let source = render_items(quote! {
            //! Doc.
            /// A.
            pub struct A;
            impl A {
                const X: &str = "a\n\nb";
                fn f() {
                    let _ = 1;
                    let _ = 2;
                }
            }
            pub mod m {
                #![allow(unused)]
                pub trait T {
                    fn f();
                    fn g();
                }
                pub struct B;
            }
        });
        assert_eq!(
            source,
            "//! Doc.\n\n/// A.\npub struct A;\n\nimpl A {\n    const X: &str = \"a\\n\\nb\";\n\n    fn f() {\n        let _ = 1;\n        let _ = 2;\n    }\n}\n\npub mod m {\n    #![allow(unused)]\n\n    pub trait T {\n        fn f();\n\n        fn g();\n    }\n\n    pub struct B;\n}\n"
        );
    }

    #[test]
    fn a_section_puts_its_cfg_after_the_docs() {
        let section = Section {
            items: vec![
                Item::new(quote! { #[doc = " A."] }, quote! { pub struct A; }),
                Item::undocumented(quote! { impl A {} }),
            ],
            cfg: Some(quote! { #[cfg(feature = "x")] }),
        };
        assert_eq!(
            section.render(),
            "/// A.\n#[cfg(feature = \"x\")]\npub struct A;\n\n#[cfg(feature = \"x\")]\nimpl A {}\n"
        );
    }
}
