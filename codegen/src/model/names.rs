//! The naming policy: every Rust name the generator writes comes from here.
//!
//! Names are derived with heck, made valid identifiers, escaped when they are
//! keywords, and made unique within their namespace with numeric suffixes.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2015–2024 that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they take a `_` suffix instead.
const SUFFIXED_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Keeps only characters valid in identifiers; heck then splits words on the rest.
fn identifier_words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Makes `name` a valid identifier: never empty, never starting with a digit,
/// keywords escaped.
fn valid_identifier(name: String, fallback: &str) -> String {
    let name = if name.is_empty() {
        fallback.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!(
            "{}{name}",
            if fallback.starts_with(char::is_uppercase) {
                "V"
            } else {
                "_"
            }
        )
    } else {
        name
    };
    if SUFFIXED_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Whether `name` is what this module produces: ASCII letters, digits and
/// `_`, not starting with a digit, not a keyword unless raw (`r#type`), and
/// not a keyword that cannot be raw.
pub fn is_identifier(name: &str) -> bool {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    let well_formed = !bare.is_empty()
        && !bare.starts_with(|c: char| c.is_ascii_digit())
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !SUFFIXED_KEYWORDS.contains(&bare);
    well_formed && raw == RAW_KEYWORDS.contains(&bare)
}

/// A field, parameter or module name: `pageSize` → `page_size`, `type` → `r#type`.
pub fn snake(text: &str) -> String {
    valid_identifier(identifier_words(text).to_snake_case(), "field")
}

/// A type or variant name: `google.rpc.Status` → `GoogleRpcStatus`.
pub fn camel(text: &str) -> String {
    valid_identifier(identifier_words(text).to_upper_camel_case(), "Value")
}

/// A constant name: `cloud-platform.read-only` → `CLOUD_PLATFORM_READ_ONLY`.
pub fn shouty(text: &str) -> String {
    valid_identifier(identifier_words(text).to_shouty_snake_case(), "VALUE")
}

/// The names taken in one namespace (a module's types, a struct's fields, …).
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved
                .iter()
                .map(|name| unescaped(name).to_owned())
                .collect(),
        }
    }

    /// Takes `name`, or `name2`, `name3`, … if it is taken.
    pub fn claim(&mut self, name: String) -> String {
        let base = unescaped(&name).to_owned();
        if self.taken.insert(base.clone()) {
            return name;
        }
        (2..)
            .map(|n| format!("{base}{}{n}", if base.ends_with('_') { "" } else { "_" }))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .map(|candidate| valid_identifier(candidate, &base))
            .unwrap_or(name)
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(unescaped(name))
    }
}

/// A name without the `r#` of raw identifiers: `r#type` → `type`, for text
/// (feature and file names, docs) rather than code.
pub fn unescaped(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Type names use no underscore before the numeric suffix, and drop the one
/// a keyword took (`Self_` → `Self2`), which camel case would warn about.
pub fn claim_type(namespace: &mut Namespace, name: String) -> String {
    if namespace.taken.insert(name.clone()) {
        return name;
    }
    let base = name.trim_end_matches('_');
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|candidate| namespace.taken.insert(candidate.clone()))
        .unwrap_or(name)
}

/// `with_` and the field's name, without the `r#` of raw identifiers or
/// the `_` that names starting with a digit take (`with_1st`, not `with__1st`).
pub fn setter(rust_name: &str) -> String {
    let bare = unescaped(rust_name).trim_start_matches('_');
    format!("{}{bare}", super::reserved::SETTER_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_identifiers() {
        assert_eq!(snake("pageSize"), "page_size");
        assert_eq!(snake("$.xgafv"), "xgafv");
        assert_eq!(snake("@type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("gen"), "r#gen");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(camel("google.rpc.Status"), "GoogleRpcStatus");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("1"), "V1");
        assert_eq!(
            shouty("cloud-platform.read-only"),
            "CLOUD_PLATFORM_READ_ONLY"
        );
    }

    #[test]
    fn checks_identifiers() {
        for valid in ["a", "_1st", "r#type", "Self_", "GET", "page_size"] {
            assert!(is_identifier(valid), "{valid}");
        }
        for invalid in [
            "", "1st", "type", "r#foo", "self", "r#self", "a-b", "é", "a b",
        ] {
            assert!(!is_identifier(invalid), "{invalid}");
        }
    }

    #[test]
    fn disambiguates_with_suffixes() {
        let mut fields = Namespace::with_reserved(&["body"]);
        assert_eq!(fields.claim(snake("fooBar")), "foo_bar");
        assert_eq!(fields.claim(snake("foo_bar")), "foo_bar_2");
        assert_eq!(fields.claim(snake("body")), "body_2");
        assert_eq!(fields.claim(snake("type")), "r#type");
        assert_eq!(fields.claim(snake("@type")), "type_2");
        let mut types = Namespace::default();
        assert_eq!(claim_type(&mut types, camel("Foo")), "Foo");
        assert_eq!(claim_type(&mut types, camel("foo")), "Foo2");
        assert_eq!(claim_type(&mut types, camel("self")), "Self_");
        assert_eq!(claim_type(&mut types, camel("Self")), "Self2");
    }
}
