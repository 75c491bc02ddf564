//! Path expansion and validation on arbitrary values: a parameter value
//! never leaves the path (no raw `?` or `#`), `{var}` writes only unreserved
//! characters and escapes, `{+var}` only reserved and unreserved ones, and
//! with `fullyEncodeReservedExpansion` the expansion decodes back to the value.
#![no_main]

use earthengine::runtime::{expand_path, validate_path_value, PathParameter, PathSegment};
use libfuzzer_sys::fuzz_target;

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

fn reserved(b: u8) -> bool {
    b":/[]@!$&'()*+,;=".contains(&b)
}

/// Only `allowed` bytes and well-formed escapes; the decoded bytes.
fn check(out: &str, allowed: impl Fn(u8) -> bool) -> Vec<u8> {
    let bytes = out.as_bytes();
    let mut decoded = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            decoded.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            assert!(allowed(bytes[i]), "{out:?} has {:?}", char::from(bytes[i]));
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    decoded
}

fuzz_target!(|value: &str| {
    let simple = expand_path(&[PathSegment::Simple("v")], &[("v", value)], false);
    assert_eq!(check(&simple, unreserved), value.as_bytes());

    let full = expand_path(&[PathSegment::Reserved("v")], &[("v", value)], true);
    assert_eq!(
        check(&full, |b| unreserved(b) || b == b'/'),
        value.as_bytes()
    );

    let reserved_out = expand_path(&[PathSegment::Reserved("v")], &[("v", value)], false);
    check(&reserved_out, |b| unreserved(b) || reserved(b));

    let parameter = PathParameter {
        name: "name",
        pattern: Some("^projects/[^/]+/operations/.*$"),
    };
    if validate_path_value(&parameter, value).is_ok() {
        assert!(value.starts_with("projects/"));
        assert!(!value.split('/').any(|s| s == "." || s == ".."));
    }
});
