//! RFC 6570 expansion of path templates into the URL path.

use super::PathSegment;

/// Expands a parsed path template (RFC 6570 levels 1 and 2).
///
/// Values are looked up by name in `values`; a missing variable expands to
/// nothing. On top of the RFC, `?` and `#` are always percent-encoded, so no
/// value can start a query string or fragment. With `fully_encode_reserved`,
/// `{+var}` keeps only unreserved characters and `/`.
#[doc(hidden)]
pub fn expand_path(
    template: &[PathSegment],
    values: &[(&str, &str)],
    fully_encode_reserved: bool,
) -> String {
    let lookup = |name: &str| {
        values
            .iter()
            .find(|(candidate, _)| *candidate == name)
            .map_or("", |(_, value)| *value)
    };
    let mut out = String::new();
    for segment in template {
        match *segment {
            PathSegment::Literal(text) => out.push_str(text),
            PathSegment::Simple(name) => encode_simple(lookup(name), &mut out),
            PathSegment::Reserved(name) if fully_encode_reserved => {
                encode_fully_reserved(lookup(name), &mut out)
            }
            PathSegment::Reserved(name) => encode_reserved(lookup(name), &mut out),
        }
    }
    out
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// RFC 3986 reserved characters, minus `?` and `#`.
fn is_reserved_in_path(byte: u8) -> bool {
    matches!(
        byte,
        b':' | b'/'
            | b'['
            | b']'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
    )
}

fn push_escaped(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0xF)]));
}

fn encode_where(value: &str, keep: impl Fn(u8) -> bool, out: &mut String) {
    for &byte in value.as_bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            push_escaped(byte, out);
        }
    }
}

/// Percent-encodes everything but unreserved characters: `{var}` expansion,
/// and query names and values.
pub(crate) fn encode_simple(value: &str, out: &mut String) {
    encode_where(value, is_unreserved, out);
}

fn encode_fully_reserved(value: &str, out: &mut String) {
    encode_where(value, |byte| is_unreserved(byte) || byte == b'/', out);
}

/// Reserved expansion as RFC 6570 §3.2.3 has it: reserved characters and
/// existing percent-encoded triplets pass through.
fn encode_reserved(value: &str, out: &mut String) {
    let bytes = value.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        let is_triplet = byte == b'%'
            && bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit);
        if is_unreserved(byte) || is_reserved_in_path(byte) || is_triplet {
            out.push(char::from(byte));
        } else {
            push_escaped(byte, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(segment: PathSegment, value: &str, fully: bool) -> String {
        expand_path(&[segment], &[("v", value)], fully)
    }

    #[test]
    fn simple_expansion_keeps_only_unreserved_characters() {
        let value = "a-._~Z9/:?#[]@!$&'()*+,;= %é";
        let expected = "a-._~Z9%2F%3A%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%25%C3%A9";
        for fully in [false, true] {
            assert_eq!(expand(PathSegment::Simple("v"), value, fully), expected);
        }
    }

    #[test]
    fn reserved_expansion_keeps_reserved_characters_but_query_and_fragment() {
        assert_eq!(
            expand(
                PathSegment::Reserved("v"),
                "a/b:c@d!$&'()*+,;=[]?e#f g",
                false
            ),
            "a/b:c@d!$&'()*+,;=[]%3Fe%23f%20g"
        );
    }

    #[test]
    fn reserved_expansion_passes_percent_triplets_only() {
        let reserved = PathSegment::Reserved("v");
        assert_eq!(expand(reserved, "a%2Fb%2e", false), "a%2Fb%2e");
        assert_eq!(expand(reserved, "100%", false), "100%25");
        assert_eq!(expand(reserved, "%4", false), "%254");
        assert_eq!(expand(reserved, "%zz", false), "%25zz");
    }

    #[test]
    fn fully_encoded_reserved_expansion_keeps_unreserved_characters_and_slash() {
        let reserved = PathSegment::Reserved("v");
        assert_eq!(
            expand(reserved, "projects/p/operations/a:b c", true),
            "projects/p/operations/a%3Ab%20c"
        );
        assert_eq!(expand(reserved, "a%2Fb?#", true), "a%252Fb%3F%23");
    }

    #[test]
    fn templates_expand_in_order_and_missing_variables_are_empty() {
        let template = [
            PathSegment::Literal("v1/"),
            PathSegment::Reserved("name"),
            PathSegment::Literal(":copy/"),
            PathSegment::Simple("to"),
            PathSegment::Literal("/"),
            PathSegment::Simple("missing"),
        ];
        let values = [("to", "x y"), ("name", "a/b")];
        assert_eq!(expand_path(&template, &values, true), "v1/a/b:copy/x%20y/");
    }

    #[test]
    fn several_reserved_expansions_each_encode_their_own_query_and_fragment() {
        let template = [
            PathSegment::Literal("v1/"),
            PathSegment::Reserved("a"),
            PathSegment::Reserved("b"),
            PathSegment::Literal("/"),
            PathSegment::Reserved("c"),
        ];
        let values = [("a", "x/y"), ("b", "/z.w"), ("c", "?q#f/%")];
        assert_eq!(
            expand_path(&template, &values, false),
            "v1/x/y/z.w/%3Fq%23f/%25"
        );
        assert_eq!(
            expand_path(&template, &values, true),
            "v1/x/y/z.w/%3Fq%23f/%25"
        );
        // A `%` that ends one value is encoded: it cannot join the next
        // value's first characters into a triplet.
        let values = [("a", "x/%2"), ("b", "E"), ("c", "c")];
        assert_eq!(expand_path(&template, &values, false), "v1/x/%252E/c");
    }

    #[test]
    fn encode_simple_appends() {
        let mut out = String::from("q=");
        encode_simple("a&b", &mut out);
        assert_eq!(out, "q=a%26b");
    }
}
