//! A reference for percent-encoding, written apart from the runtime, that the
//! path expansion tests and the `path_expansion` fuzz target check the
//! runtime's RFC 6570 expansion against: which bytes each mode keeps, the
//! expansion of a value, percent-decoding, and dot segments.
//!
//! The unit tests below pin it to examples from RFC 3986 and RFC 6570, so
//! that it cannot agree with a wrong expansion by being wrong the same way.

/// RFC 3986 §2.3 `unreserved`: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
pub fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~".contains(&byte)
}

/// RFC 3986 §2.2 `reserved`: the `gen-delims` `:/?#[]@` and the `sub-delims`
/// `!$&'()*+,;=`.
pub fn is_reserved(byte: u8) -> bool {
    b":/?#[]@!$&'()*+,;=".contains(&byte)
}

/// How a path variable is expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `{var}` (RFC 6570 §3.2.2): every byte but unreserved ones is encoded.
    Simple,
    /// `{+var}` (RFC 6570 §3.2.3): reserved characters and `%XX` triplets of
    /// the value pass through, except `?` and `#`, which are always encoded
    /// so that no value starts a query or a fragment.
    Reserved,
    /// `{+var}` in a document with `fullyEncodeReservedExpansion: true`:
    /// only unreserved characters and `/` pass through.
    FullyEncodedReserved,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 3] = [Mode::Simple, Mode::Reserved, Mode::FullyEncodedReserved];

    /// The mode of `{+var}` (`reserved`) or `{var}` in a document whose
    /// `fullyEncodeReservedExpansion` is `fully_encode_reserved`.
    pub fn of(reserved: bool, fully_encode_reserved: bool) -> Mode {
        match (reserved, fully_encode_reserved) {
            (false, _) => Mode::Simple,
            (true, false) => Mode::Reserved,
            (true, true) => Mode::FullyEncodedReserved,
        }
    }

    /// Whether the variable is `{+var}` and the document's
    /// `fullyEncodeReservedExpansion`: the arguments of [`Mode::of`].
    pub fn flags(self) -> (bool, bool) {
        match self {
            Mode::Simple => (false, false),
            Mode::Reserved => (true, false),
            Mode::FullyEncodedReserved => (true, true),
        }
    }

    /// Whether the mode writes `byte` as it is rather than as `%XX`.
    pub fn keeps(self, byte: u8) -> bool {
        match self {
            Mode::Simple => is_unreserved(byte),
            Mode::Reserved => {
                is_unreserved(byte) || (is_reserved(byte) && byte != b'?' && byte != b'#')
            }
            Mode::FullyEncodedReserved => is_unreserved(byte) || byte == b'/',
        }
    }

    /// What `value` must expand to: kept bytes as they are, in
    /// [`Mode::Reserved`] `%XX` triplets as they are, and every other byte of
    /// its UTF-8 as `%XX` with uppercase hex digits (RFC 3986 §2.1).
    pub fn expand(self, value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = String::with_capacity(bytes.len() * 3);
        let mut rest = bytes;
        while let Some((&first, tail)) = rest.split_first() {
            if self == Mode::Reserved && triplet(rest).is_some() {
                out.push_str(std::str::from_utf8(&rest[..3]).expect("a triplet is ASCII"));
                rest = &rest[3..];
                continue;
            }
            if self.keeps(first) {
                out.push(char::from(first));
            } else {
                out.push_str(&format!("%{first:02X}"));
            }
            rest = tail;
        }
        out
    }

    /// Whether `text` is made only of bytes the mode keeps and `%XX`
    /// triplets. Triplets the expansion makes have uppercase hex digits and
    /// stand for bytes the mode does not keep; in [`Mode::Reserved`] triplets
    /// copied from the value may be anything.
    pub fn is_expansion(self, text: &str) -> bool {
        let mut rest = text.as_bytes();
        while let Some((&first, tail)) = rest.split_first() {
            if first == b'%' {
                let Some(byte) = triplet(rest) else {
                    return false;
                };
                let canonical =
                    !self.keeps(byte) && rest[1..3] == format!("{byte:02X}").as_bytes()[..];
                if self != Mode::Reserved && !canonical {
                    return false;
                }
                rest = &rest[3..];
            } else if self.keeps(first) {
                rest = tail;
            } else {
                return false;
            }
        }
        true
    }

    /// Checks `expanded`, the runtime's expansion of `value` in this mode,
    /// against the reference; the error names every rule it breaks.
    pub fn check(self, value: &str, expanded: &str) -> Result<(), String> {
        let mut problems = Vec::new();
        let expected = self.expand(value);
        if expanded != expected {
            problems.push(format!("the reference expansion is {expected:?}"));
        }
        if !self.is_expansion(expanded) {
            problems.push(
                "it has a byte the mode does not keep, or an escape the mode does not make"
                    .to_owned(),
            );
        }
        if expanded.contains(['?', '#']) {
            problems.push("it has a raw `?` or `#`".to_owned());
        }
        // The server decodes what was sent: the value itself, or in reserved
        // expansion, the value with its triplets decoded.
        let decoded_value = match self {
            Mode::Reserved => decode(value),
            Mode::Simple | Mode::FullyEncodedReserved => value.as_bytes().to_vec(),
        };
        if decode(expanded) != decoded_value {
            problems.push("it does not decode back to the value".to_owned());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{self:?} expansion of {value:?} is {expanded:?}: {}",
                problems.join("; ")
            ))
        }
    }
}

/// The byte a `%XX` triplet at the start of `bytes` stands for (either case
/// of hex digits), if one is there.
fn triplet(bytes: &[u8]) -> Option<u8> {
    match bytes {
        [b'%', high, low, ..] if high.is_ascii_hexdigit() && low.is_ascii_hexdigit() => {
            let hex = [*high, *low];
            u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()
        }
        _ => None,
    }
}

/// Percent-decodes `text` once: every `%XX` triplet, in either case, becomes
/// its byte; every other byte, a `%` that starts no triplet included, stays.
pub fn decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        match triplet(rest) {
            Some(byte) => {
                out.push(byte);
                rest = &rest[3..];
            }
            None => {
                out.push(first);
                rest = tail;
            }
        }
    }
    out
}

/// Whether `path` has a `.` or `..` segment once decoded: RFC 3986
/// §6.2.2.2 decodes `%2E` to `.` (WHATWG URL parsers also read `.%2e`,
/// `%2e.` and `%2e%2e` as `..`), and servers that decode before they
/// normalize also read `%2F` as `/`. `path` is decoded once, as a server
/// does: `%252E` is `%2E`, not `.`.
pub fn has_dot_segment(path: &str) -> bool {
    decode(path)
        .split(|&byte| byte == b'/')
        .any(|segment| segment == b"." || segment == b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_classes_have_the_sizes_of_rfc_3986() {
        let count = |class: &dyn Fn(u8) -> bool| (0..=u8::MAX).filter(|&b| class(b)).count();
        // 52 letters, 10 digits and `-._~`.
        assert_eq!(count(&is_unreserved), 66);
        // 7 gen-delims and 11 sub-delims.
        assert_eq!(count(&is_reserved), 18);
        assert_eq!(count(&|b| Mode::Simple.keeps(b)), 66);
        assert_eq!(count(&|b| Mode::Reserved.keeps(b)), 66 + 18 - 2);
        assert_eq!(count(&|b| Mode::FullyEncodedReserved.keeps(b)), 67);
        assert!((0x80..=u8::MAX).all(|b| Mode::ALL.iter().all(|mode| !mode.keeps(b))));
        assert!(!Mode::ALL.iter().any(|mode| mode.keeps(b'%')));
    }

    /// RFC 6570 §3.2.2 and §3.2.3 (variables `var`, `hello`, `half`,
    /// `base`, `path`), RFC 3986 §2.5 (UTF-8), and the README's Earth Engine
    /// name for `fullyEncodeReservedExpansion`.
    #[test]
    fn expansions_of_the_rfc_examples() {
        let cases = [
            (Mode::Simple, "value", "value"),
            (Mode::Simple, "Hello World!", "Hello%20World%21"),
            (Mode::Simple, "50%", "50%25"),
            (
                Mode::Simple,
                "http://example.com/home/",
                "http%3A%2F%2Fexample.com%2Fhome%2F",
            ),
            (Mode::Simple, "", ""),
            (Mode::Simple, "\u{C0}", "%C3%80"),
            (Mode::Simple, "\u{30A2}", "%E3%82%A2"),
            (Mode::Reserved, "value", "value"),
            (Mode::Reserved, "Hello World!", "Hello%20World!"),
            (Mode::Reserved, "50%", "50%25"),
            (
                Mode::Reserved,
                "http://example.com/home/",
                "http://example.com/home/",
            ),
            (Mode::Reserved, "/foo/bar", "/foo/bar"),
            (Mode::Reserved, "\u{C0}", "%C3%80"),
            // RFC 6570 §3.2.1: pct-encoded triplets pass through reserved expansion.
            (Mode::Reserved, "a%20b%e9", "a%20b%e9"),
            (Mode::Reserved, "%%41%4", "%25%41%254"),
            // The rule on top of the RFC: no query or fragment from a value.
            (Mode::Reserved, "a?b#c", "a%3Fb%23c"),
            (
                Mode::FullyEncodedReserved,
                "projects/p/operations/a:b c",
                "projects/p/operations/a%3Ab%20c",
            ),
            (
                Mode::FullyEncodedReserved,
                "Hello World!",
                "Hello%20World%21",
            ),
            (Mode::FullyEncodedReserved, "a%20b", "a%2520b"),
        ];
        for (mode, value, expected) in cases {
            assert_eq!(mode.expand(value), expected, "{mode:?} {value:?}");
            assert_eq!(mode.check(value, expected), Ok(()));
        }
        assert_eq!(Mode::of(false, true), Mode::Simple);
        assert_eq!(Mode::of(true, false), Mode::Reserved);
        assert_eq!(Mode::of(true, true), Mode::FullyEncodedReserved);
        for mode in Mode::ALL {
            let (reserved, fully_encode_reserved) = mode.flags();
            assert_eq!(Mode::of(reserved, fully_encode_reserved), mode);
        }
    }

    #[test]
    fn check_names_each_broken_rule() {
        let wrong = [
            // Not encoded, encoded where it is kept, lowercase, malformed.
            (Mode::Simple, "a b", "a b", "does not keep"),
            (Mode::Simple, "a", "%61", "does not keep"),
            (Mode::Simple, "\u{E9}", "%c3%a9", "does not keep"),
            (Mode::Simple, "%", "%", "does not keep"),
            (Mode::FullyEncodedReserved, "a:b", "a:b", "does not keep"),
            (Mode::Reserved, "50%", "50%", "does not keep"),
            (Mode::Reserved, "a?b", "a?b", "raw `?`"),
            (Mode::Reserved, "a#b", "a#b", "or `#`"),
            // Encoded twice, or decoded.
            (Mode::Simple, "a b", "a%2520b", "decode back"),
            (Mode::FullyEncodedReserved, "%41", "%41", "decode back"),
            (Mode::Reserved, "%41", "A", "reference"),
        ];
        for (mode, value, expanded, rule) in wrong {
            let error = mode.check(value, expanded).unwrap_err();
            assert!(error.contains("the reference expansion is"), "{error}");
            assert!(error.contains(rule), "{error}");
        }
        assert!(Mode::Reserved.is_expansion("%e9%2F:"));
        assert!(!Mode::Simple.is_expansion("%2"));
        assert!(!Mode::Simple.is_expansion("%zz"));
        assert!(!Mode::FullyEncodedReserved.is_expansion("%2F"));
    }

    /// RFC 3986 §2.1, §2.4 and §6.2.2.
    #[test]
    fn decoding() {
        assert_eq!(decode("%20"), b" ");
        assert_eq!(decode("%7Euser"), b"~user");
        assert_eq!(decode("%7euser"), b"~user");
        assert_eq!(decode("%C3%80"), "\u{C0}".as_bytes());
        assert_eq!(decode("%FF"), [0xFF]);
        assert_eq!(decode("a%2Fb"), b"a/b");
        // Decoded once only.
        assert_eq!(decode("%2525"), b"%25");
        // A `%` that starts no triplet stays.
        assert_eq!(decode("50%"), b"50%");
        assert_eq!(decode("%2"), b"%2");
        assert_eq!(decode("%zz%"), b"%zz%");
        assert_eq!(decode("%%41"), b"%A");
        assert_eq!(decode(""), b"");
    }

    /// RFC 3986 §5.2.4 and §5.4.2, and the `%2E` spellings of §6.2.2.2.
    #[test]
    fn dot_segments() {
        for path in [
            ".",
            "..",
            "/a/b/c/./../../g",
            "mid/content=5/../6",
            "./g",
            "../g",
            "a/.",
            "a/..",
            "%2E",
            "%2e",
            "a/%2E%2E/b",
            ".%2e",
            "%2E.",
            "a%2F..",
            "a%2f%2E%2Fb",
        ] {
            assert!(has_dot_segment(path), "{path:?}");
        }
        for path in [
            "",
            "/",
            "a//b",
            "g.",
            ".g",
            "g..",
            "..g",
            "...",
            "a/.../b",
            "%2E%2E%2E",
            "%252E",
            "%252E%252E",
            "%2E%20",
            "\u{FF0E}",
        ] {
            assert!(!has_dot_segment(path), "{path:?}");
        }
    }
}
