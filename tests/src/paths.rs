//! The runtime's path expansion and validation, checked against the
//! reference in [`crate::percent`]: the checks that the property tests and
//! the `path_expansion` fuzz target run on every value.

use earthengine::runtime::__private::{expand_path, validate_path_value};
use earthengine::runtime::{
    ErrorKind, InvalidReason, PathParameter, PathPattern, PathSegment, PatternRef,
};

use crate::percent::{has_dot_segment, Mode};

/// The pattern of the Earth Engine operation names.
pub const OPERATION_PATTERN: &str = "^projects/[^/]+/operations/.*$";

/// [`OPERATION_PATTERN`], as a path parameter holds it.
pub const OPERATION_PATTERN_REF: PatternRef = PatternRef(|| {
    static PATTERN: PathPattern = PathPattern::new(OPERATION_PATTERN);
    &PATTERN
});

/// The runtime's expansion of `value`, alone in the template, in `mode`.
pub fn expand(mode: Mode, value: &str) -> String {
    let (reserved, fully_encode_reserved) = mode.flags();
    let variable = if reserved {
        PathSegment::Reserved("v")
    } else {
        PathSegment::Simple("v")
    };
    expand_path(&[variable], &[("v", value)], fully_encode_reserved)
}

/// Checks the runtime's expansion of `value` in every mode against the
/// reference ([`Mode::check`]).
pub fn check_expansions(value: &str) -> Result<(), String> {
    Mode::ALL
        .into_iter()
        .try_for_each(|mode| mode.check(value, &expand(mode, value)))
}

/// Validates `value` as a parameter without a pattern, and inside an
/// operation name (`projects/p/operations/{value}`) with
/// [`OPERATION_PATTERN`], which it matches unless it has a line break; so
/// that most values are accepted at least once. Each verdict is checked: a
/// value is rejected only for a rule it breaks (not empty, no dot segment as
/// [`has_dot_segment`] sees it, the pattern), and an accepted value expands
/// to no dot segment in any mode. Returns how many of the two were accepted.
pub fn check_validation(value: &str) -> Result<usize, String> {
    let operation = format!("projects/p/operations/{value}");
    let mut accepted = 0;
    for (pattern, value) in [
        (None, value),
        (Some(OPERATION_PATTERN_REF), operation.as_str()),
    ] {
        let breaks_pattern = pattern.is_some() && value.contains('\n');
        match validate_path_value(
            &PathParameter {
                name: "name",
                pattern,
            },
            value,
        ) {
            Ok(()) if value.is_empty() || has_dot_segment(value) || breaks_pattern => {
                return Err(format!(
                    "{value:?} was accepted with the pattern {pattern:?}"
                ));
            }
            Ok(()) => {
                for mode in Mode::ALL {
                    let expanded = expand(mode, value);
                    if has_dot_segment(&expanded) {
                        return Err(format!(
                            "{value:?} was accepted and expanded ({mode:?}) to {expanded:?}"
                        ));
                    }
                }
                accepted += 1;
            }
            Err(error) if error.kind() == ErrorKind::InvalidParameter => {
                let Some(reason) = error.invalid_reason() else {
                    return Err(format!("{value:?}: no reason in {error:?}"));
                };
                let broken = match reason {
                    InvalidReason::Empty => value.is_empty(),
                    InvalidReason::DotSegment => has_dot_segment(value),
                    InvalidReason::Pattern(_) => breaks_pattern,
                    _ => false,
                };
                if !broken {
                    return Err(format!(
                        "{value:?} was rejected with the pattern {pattern:?}: {reason:?}"
                    ));
                }
            }
            Err(error) => return Err(format!("{value:?}: {error}")),
        }
    }
    Ok(accepted)
}

/// Templates with two expansions side by side, or with a `/` between them.
const JOINED_TEMPLATES: &[&[PathSegment]] = &[
    &[PathSegment::Reserved("a"), PathSegment::Reserved("b")],
    &[
        PathSegment::Reserved("a"),
        PathSegment::Literal("/"),
        PathSegment::Reserved("b"),
    ],
    &[PathSegment::Simple("a"), PathSegment::Reserved("b")],
    &[PathSegment::Reserved("a"), PathSegment::Simple("b")],
];

/// When `a` and `b` are both valid path values (no pattern), expanding
/// them side by side or around a `/`, in either reserved mode, makes no dot
/// segment and no raw `?` or `#`: each value's own checks are enough, since
/// a dot segment across the join needs `.` or `..` as the last segment of
/// `a` or the first of `b`, which the checks reject. Returns whether both
/// were valid.
pub fn check_joined(a: &str, b: &str) -> Result<bool, String> {
    let valid = |name, value| {
        validate_path_value(
            &PathParameter {
                name,
                pattern: None,
            },
            value,
        )
    };
    if valid("a", a).is_err() || valid("b", b).is_err() {
        return Ok(false);
    }
    for template in JOINED_TEMPLATES {
        for fully_encode_reserved in [false, true] {
            let expanded = expand_path(template, &[("a", a), ("b", b)], fully_encode_reserved);
            if has_dot_segment(&expanded) || expanded.contains(['?', '#']) {
                return Err(format!(
                    "{a:?} and {b:?} expanded in {template:?} (fully encoded: \
                     {fully_encode_reserved}) to {expanded:?}"
                ));
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_count_what_was_accepted() {
        assert_eq!(check_validation("a/b"), Ok(2));
        assert_eq!(check_validation(""), Ok(1));
        assert_eq!(check_validation("a\nb"), Ok(1));
        assert_eq!(check_validation("a/%2E%2E"), Ok(0));
        assert_eq!(check_expansions("a/b c?%2E"), Ok(()));
        assert_eq!(check_joined("a/", "/b?#"), Ok(true));
        assert_eq!(check_joined("a/.", "b"), Ok(false));
        assert_eq!(check_joined("a%2F", "%2E"), Ok(false));
    }
}
