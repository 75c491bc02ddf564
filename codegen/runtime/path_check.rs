//! Path parameters: validation against the document's pattern and dot
//! segments, each value alone and all of them in the expanded path.

use std::fmt;
use std::sync::OnceLock;

use super::path::expand_path;
use super::{Error, InvalidReason, PathParameter, PathSegment};

/// Checks a path parameter's value before it is expanded.
#[doc(hidden)]
pub fn validate_path_value(parameter: &PathParameter, value: &str) -> Result<(), Error> {
    let invalid = |reason| Error::invalid_parameter(parameter.name, value, reason);
    if value.is_empty() {
        return Err(invalid(InvalidReason::Empty));
    }
    // `%2F` counts as `/`: servers that decode it before normalizing the
    // path see a segment boundary there.
    if has_dot_segment(value) {
        return Err(invalid(InvalidReason::DotSegment));
    }
    if let Some(pattern) = parameter.pattern {
        let pattern = pattern.get();
        if !pattern.is_match(value) {
            return Err(invalid(InvalidReason::Pattern(pattern.source())));
        }
    }
    Ok(())
}

/// A path parameter's `pattern` from the discovery document, compiled the
/// first time a value is checked against it and kept for every later check.
///
/// Generated code declares one per parameter in a `static`, so that once it
/// is compiled a check takes no lock: it reads the compiled expression from
/// a [`OnceLock`] and matches.
pub struct PathPattern {
    source: &'static str,
    /// `None` if the pattern does not compile.
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl PathPattern {
    /// A pattern, not compiled yet.
    pub const fn new(source: &'static str) -> Self {
        PathPattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The regular expression as the document writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches; the first call compiles the pattern. A pattern
    /// that does not compile matches nothing: the generator refuses such
    /// patterns, and unchecked input must not be sent.
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(value))
    }
}

impl fmt::Debug for PathPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PathPattern")
            .field("source", &self.source)
            .field("compiled", &self.compiled.get().is_some())
            .finish()
    }
}

/// Where a [`PathParameter`] finds its [`PathPattern`]: a function that
/// returns the `static` holding it. A constant such as
/// [`Method::DESCRIPTOR`](super::Method::DESCRIPTOR) cannot refer to a
/// `static` directly (not before Rust 1.83), but it can hold a function
/// pointer: generated code writes a closure that declares the `static` in
/// its body and returns a reference to it.
///
/// Two are equal when their patterns' sources are.
#[derive(Clone, Copy)]
pub struct PatternRef(pub fn() -> &'static PathPattern);

impl PatternRef {
    /// The pattern.
    pub fn get(self) -> &'static PathPattern {
        (self.0)()
    }

    /// The regular expression as the document writes it.
    pub fn source(self) -> &'static str {
        self.get().source()
    }
}

impl PartialEq for PatternRef {
    fn eq(&self, other: &Self) -> bool {
        self.source() == other.source()
    }
}

impl Eq for PatternRef {}

impl fmt::Debug for PatternRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.source(), f)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const NAME: PathParameter = PathParameter {
        name: "name",
        pattern: Some(PatternRef(|| {
            static PATTERN: PathPattern = PathPattern::new("^projects/[^/]+/operations/.+$");
            &PATTERN
        })),
    };
    const ANY: PathParameter = PathParameter {
        name: "any",
        pattern: None,
    };

    fn reason(parameter: &PathParameter, value: &str) -> Option<InvalidReason> {
        match validate_path_value(parameter, value) {
            Ok(()) => None,
            Err(error) if error.kind() == ErrorKind::InvalidParameter => {
                assert_eq!(
                    (error.parameter_name(), error.parameter_value()),
                    (Some(parameter.name), Some(value))
                );
                error.invalid_reason().cloned()
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
            pattern: Some(PatternRef(|| {
                static PATTERN: PathPattern = PathPattern::new("(unclosed");
                &PATTERN
            })),
        };
        assert_eq!(
            reason(&broken, "anything"),
            Some(InvalidReason::Pattern("(unclosed"))
        );
    }

    #[test]
    fn compiled_patterns_keep_matching_the_same_way() {
        let pattern = PathPattern::new("^a+$");
        for _ in 0..3 {
            assert!(pattern.is_match("aaa"));
            assert!(!pattern.is_match("aab"));
        }
        assert_eq!(pattern.source(), "^a+$");
    }

    #[test]
    fn a_pattern_is_compiled_once_and_shared_by_concurrent_checks() {
        static PATTERN: PathPattern = PathPattern::new("^things/[^/]+$");
        const THING: PathParameter = PathParameter {
            name: "thing",
            pattern: Some(PatternRef(|| &PATTERN)),
        };
        assert!(
            PATTERN.compiled.get().is_none(),
            "compiled before any check"
        );
        let threads = 64;
        let start = std::sync::Barrier::new(threads);
        let verdicts: Vec<(usize, bool)> = std::thread::scope(|scope| {
            let checks: Vec<_> = (0..threads)
                .map(|index| {
                    let start = &start;
                    scope.spawn(move || {
                        let value = match index % 3 {
                            0 => format!("things/t{index}"),
                            1 => format!("things/t{index}/more"),
                            _ => format!("other/t{index}"),
                        };
                        start.wait();
                        (index, validate_path_value(&THING, &value).is_ok())
                    })
                })
                .collect();
            checks
                .into_iter()
                .map(|check| check.join().unwrap())
                .collect()
        });
        for (index, accepted) in verdicts {
            assert_eq!(accepted, index % 3 == 0, "thread {index}");
        }
        let compiled = |pattern: &'static PathPattern| {
            let regex = pattern.compiled.get().expect("compiled by the checks");
            regex.as_ref().expect("the pattern compiles") as *const regex_lite::Regex
        };
        let first = compiled(&PATTERN);
        // Later checks, through other copies of the descriptor constant,
        // reach the same static and reuse the expression compiled then.
        for value in ["things/a", "things/b"] {
            assert_eq!(reason(&THING, value), None);
            assert!(std::ptr::eq(THING.pattern.unwrap().get(), &PATTERN));
            assert_eq!(compiled(THING.pattern.unwrap().get()), first);
        }
    }

    #[test]
    fn pattern_refs_compare_and_show_their_source() {
        let other = PatternRef(|| {
            static PATTERN: PathPattern = PathPattern::new("^projects/[^/]+/operations/.+$");
            &PATTERN
        });
        assert_eq!(NAME.pattern, Some(other));
        assert_ne!(NAME, ANY);
        assert_eq!(
            format!("{:?}", other),
            r#""^projects/[^/]+/operations/.+$""#
        );
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
