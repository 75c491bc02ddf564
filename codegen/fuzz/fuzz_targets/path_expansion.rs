//! Path expansion and validation on arbitrary values, checked against the
//! reference in `integration_tests::percent` (see `integration_tests::paths`):
//! in every mode the expansion is the reference's, a value never leaves the
//! path (no raw `?` or `#`), `{var}` writes only unreserved characters and
//! escapes, `{+var}` only reserved and unreserved ones, and the expansion
//! decodes back to the value. Validation rejects a value only for a rule it
//! breaks, and what it accepts expands to no dot segment in any mode.
#![no_main]

use integration_tests::paths::{check_expansions, check_validation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: &str| {
    if let Err(problem) = check_expansions(value).and_then(|()| check_validation(value)) {
        panic!("{problem}");
    }
});
