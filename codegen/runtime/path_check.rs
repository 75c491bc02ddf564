//! Path parameters: validation against the document's pattern and dot
//! segments, each value alone and all of them in the expanded path.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::path::expand_path;
use super::{Error, InvalidReason, PathParameter, PathSegment};

/// Checks a path parameter's value before it is expanded.
#[doc(hidden)]
pub fn validate_path_value(parameter: &PathParameter, value: &str) -> Result<(), Error> {
    let invalid = |reason| Error::InvalidParameter {
        name: parameter.name,
        value: value.to_owned(),
        reason,
    };
    if value.is_empty() {
        return Err(invalid(InvalidReason::Empty));
    }
    // `%2F` counts as `/`: servers that decode it before normalizing the
    // path see a segment boundary there.
    if has_dot_segment(value) {
        return Err(invalid(InvalidReason::DotSegment));
    }
    if let Some(pattern) = parameter.pattern {
        if !pattern_matches(pattern, value) {
            return Err(invalid(InvalidReason::Pattern(pattern)));
        }
    }
    Ok(())
}

/// Whether `text` has a `.` or `..` segment. `%2F` counts as `/`: servers
/// that decode it before normalizing the path see a segment boundary there.
fn has_dot_segment(text: &str) -> bool {
    let separated = text.replace("%2F", "/").replace("%2f", "/");
    separated.split('/').any(is_dot_segment)
}

/// The parameter whose value, next to the template's literals or another
/// value, makes a dot segment of the expanded path (`{+a}./x` with `a` =
/// `y/` gives `y/./x`), which the check of each value alone cannot see. The
/// first value whose replacement by a neutral one removes the dot segment is
/// named (else the last). The generator refuses templates whose literals
/// alone make a dot segment, so there always is a value to blame.
pub(crate) fn dot_segment_across_values(
    template: &[PathSegment],
    values: &[(&'static str, &str)],
    fully_encode_reserved: bool,
    expanded: &str,
) -> Option<(&'static str, String)> {
    if !has_dot_segment(expanded) {
        return None;
    }
    let removes_it = |index: usize| {
        let mut neutral = values.to_vec();
        neutral[index].1 = "x";
        !has_dot_segment(&expand_path(template, &neutral, fully_encode_reserved))
    };
    let index = (0..values.len())
        .find(|&index| removes_it(index))
        .or(values.len().checked_sub(1))?;
    Some((values[index].0, values[index].1.to_owned()))
}

/// `.` or `..`, also spelled with `%2E`, which URL normalization decodes.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.replace("%2E", ".").replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Matches `value` against a pattern from the discovery document. Patterns are
/// compiled once and cached; the generator has already checked that they compile.
fn pattern_matches(pattern: &'static str, value: &str) -> bool {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, regex_lite::Regex>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(regex) = cache.get(pattern) {
        return regex.is_match(value);
    }
    match regex_lite::Regex::new(pattern) {
        Ok(regex) => {
            let matched = regex.is_match(value);
            cache.insert(pattern, regex);
            matched
        }
        // Unreachable for generated code; refuse rather than send unchecked input.
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: PathParameter = PathParameter {
        name: "name",
        pattern: Some("^projects/[^/]+/operations/.+$"),
    };
    const ANY: PathParameter = PathParameter {
        name: "any",
        pattern: None,
    };

    fn reason(parameter: &PathParameter, value: &str) -> Option<InvalidReason> {
        match validate_path_value(parameter, value) {
            Ok(()) => None,
            Err(Error::InvalidParameter {
                name,
                value: rejected,
                reason,
            }) => {
                assert_eq!((name, rejected.as_str()), (parameter.name, value));
                Some(reason)
            }
            Err(other) => panic!("{value:?}: unexpected {other:?}"),
        }
    }

    #[test]
    fn values_matching_the_pattern_are_accepted() {
        for value in [
            "projects/p/operations/o",
            "projects/p/operations/a/b",
            "projects/p/operations/...",
            "projects/p/operations/a.b",
            "projects/p/operations/.a",
        ] {
            assert_eq!(reason(&NAME, value), None, "{value}");
        }
    }

    #[test]
    fn values_not_matching_the_pattern_are_rejected_with_it() {
        let pattern = InvalidReason::Pattern("^projects/[^/]+/operations/.+$");
        for value in [
            "projects/p",
            "x/projects/p/operations/o",
            "projects//operations/o",
        ] {
            assert_eq!(reason(&NAME, value), Some(pattern.clone()), "{value}");
        }
    }

    #[test]
    fn empty_values_are_rejected_before_the_pattern() {
        assert_eq!(reason(&NAME, ""), Some(InvalidReason::Empty));
        assert_eq!(reason(&ANY, ""), Some(InvalidReason::Empty));
    }

    #[test]
    fn dot_segments_are_rejected_in_every_spelling() {
        for value in [
            ".",
            "..",
            "a/./b",
            "a/../b",
            "a/..",
            "../a",
            "a/",
            "%2E",
            "%2e%2E",
            "a/%2E%2E/b",
            "a/.%2e",
            "a%2F..%2Fb",
            "a%2f.",
        ] {
            // `a/` ends in an empty segment, which is not a dot segment.
            let expected = (value != "a/").then_some(InvalidReason::DotSegment);
            assert_eq!(reason(&ANY, value), expected, "{value}");
        }
        // Checked before the pattern, which `..` would match.
        let dots = "projects/p/operations/..";
        assert_eq!(reason(&NAME, dots), Some(InvalidReason::DotSegment));
    }

    #[test]
    fn dots_inside_a_segment_are_not_dot_segments() {
        for value in ["...", ".a", "a.", "a..b", "%2E%2E%2E", "%2Ea", "a/.../b"] {
            assert_eq!(reason(&ANY, value), None, "{value}");
        }
    }

    #[test]
    fn an_invalid_pattern_rejects_every_value() {
        let broken = PathParameter {
            name: "broken",
            pattern: Some("(unclosed"),
        };
        assert_eq!(
            reason(&broken, "anything"),
            Some(InvalidReason::Pattern("(unclosed"))
        );
    }

    #[test]
    fn cached_patterns_keep_matching_the_same_way() {
        for _ in 0..3 {
            assert!(pattern_matches("^a+$", "aaa"));
            assert!(!pattern_matches("^a+$", "aab"));
        }
    }

    #[test]
    fn a_dot_segment_made_across_values_names_the_value() {
        let template = [
            PathSegment::Literal("v1/"),
            PathSegment::Reserved("a"),
            PathSegment::Literal("./"),
            PathSegment::Reserved("b"),
        ];
        let check = |a, b| {
            let values = [("a", a), ("b", b)];
            let expanded = expand_path(&template, &values, false);
            dot_segment_across_values(&template, &values, false, &expanded)
        };
        assert_eq!(check("x/", "y"), Some(("a", "x/".to_owned())));
        assert_eq!(check("x", "y"), None, "x./y has no dot segment");
        let template = [
            PathSegment::Reserved("a"),
            PathSegment::Literal("."),
            PathSegment::Reserved("b"),
        ];
        let values = [("a", "x/"), ("b", "/y")];
        let expanded = expand_path(&template, &values, false);
        assert_eq!(expanded, "x/./y");
        let culprit = dot_segment_across_values(&template, &values, false, &expanded);
        assert_eq!(culprit, Some(("a", "x/".to_owned())));
    }
}
