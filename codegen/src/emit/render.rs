//! Tokens → formatted source: syn reads the tokens, prettyplease prints
//! them.
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
    match syn::parse2(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Emit builds only valid items; this would be a generator bug.
        Err(error) => panic!("generated tokens do not parse as a Rust file: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "/// A.\n#[cfg(feature = \"x\")]\npub struct A;\n#[cfg(feature = \"x\")]\nimpl A {}\n"
        );
    }
}
