//! `google-duration`: a signed span of time, written as `"3.5s"`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A signed span of time, written on the wire as `google-duration`: seconds
/// with up to nine fractional digits and an `s` suffix, e.g. `"3.5s"`.
///
/// Made only by [`Duration::new`], parsing and conversion, so that it is
/// always normalized: `nanos` has the sign of `seconds` and is less than a
/// second.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    seconds: i64,
    nanos: i32,
}

impl Duration {
    /// `seconds` plus `nanos`, normalized so that both have the same sign
    /// and `nanos` is less than a second (saturating at the extremes).
    pub const fn new(seconds: i64, nanos: i32) -> Self {
        const NANOS: i128 = 1_000_000_000;
        let total = seconds as i128 * NANOS + nanos as i128;
        let whole = total / NANOS;
        let seconds = if whole > i64::MAX as i128 {
            i64::MAX
        } else if whole < i64::MIN as i128 {
            i64::MIN
        } else {
            whole as i64
        };
        Duration {
            seconds,
            nanos: (total % NANOS) as i32,
        }
    }

    /// Whole seconds; negative for negative durations.
    pub const fn seconds(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds, `-999_999_999..=999_999_999`, with the sign of [`Self::seconds`].
    pub const fn nanos(&self) -> i32 {
        self.nanos
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Duration {
            seconds: i64::try_from(value.as_secs()).unwrap_or(i64::MAX),
            nanos: i32::try_from(value.subsec_nanos()).unwrap_or(0),
        }
    }
}

impl TryFrom<Duration> for std::time::Duration {
    type Error = DurationError;

    /// Fails for negative durations, which `std::time::Duration` cannot hold.
    fn try_from(value: Duration) -> Result<Self, Self::Error> {
        match (u64::try_from(value.seconds), u32::try_from(value.nanos)) {
            (Ok(seconds), Ok(nanos)) => Ok(std::time::Duration::new(seconds, nanos)),
            _ => Err(DurationError(format!("{value} is negative"))),
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.seconds < 0 || self.nanos < 0;
        let seconds = self.seconds.unsigned_abs();
        let nanos = self.nanos.unsigned_abs();
        if negative {
            f.write_str("-")?;
        }
        if nanos == 0 {
            return write!(f, "{seconds}s");
        }
        let fraction = format!("{nanos:09}");
        write!(f, "{seconds}.{}s", fraction.trim_end_matches('0'))
    }
}

/// A string that is not a valid `google-duration`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DurationError {}

impl std::str::FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            DurationError(format!(
                "invalid duration {text:?}: expected seconds with up to nine fractional digits and an `s` suffix, e.g. \"3.5s\""
            ))
        };
        let body = text.strip_suffix('s').ok_or_else(invalid)?;
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
            return Err(invalid());
        }
        if body.contains('.') && fraction.is_empty() {
            return Err(invalid());
        }
        // Read with the sign, so that the most negative number of seconds,
        // which `Display` writes, reads back.
        let signed = if negative {
            format!("-{whole}")
        } else {
            whole.to_owned()
        };
        let seconds: i64 = signed.parse().map_err(|_| invalid())?;
        let nanos: i32 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<9}").parse().map_err(|_| invalid())?
        };
        Ok(Duration::new(
            seconds,
            if negative { -nanos } else { nanos },
        ))
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(seconds: i64, nanos: i32) -> Duration {
        Duration { seconds, nanos }
    }

    #[test]
    fn new_normalizes_nanos_into_seconds_with_one_sign() {
        assert_eq!(Duration::new(1, 500), d(1, 500));
        assert_eq!(Duration::new(1, -5), d(0, 999_999_995));
        assert_eq!(Duration::new(-1, 5), d(0, -999_999_995));
        assert_eq!(Duration::new(0, 1_500_000_000), d(1, 500_000_000));
        assert_eq!(Duration::new(0, -1_500_000_000), d(-1, -500_000_000));
        assert_eq!(Duration::new(2, -2_000_000_000), d(0, 0));
        assert_eq!(Duration::new(-3, 0), d(-3, 0));
    }

    #[test]
    fn new_saturates_at_the_extremes() {
        assert_eq!(
            Duration::new(i64::MAX, 999_999_999),
            d(i64::MAX, 999_999_999)
        );
        assert_eq!(Duration::new(i64::MAX, i32::MAX).seconds, i64::MAX);
        assert_eq!(Duration::new(i64::MIN, i32::MIN).seconds, i64::MIN);
        assert_eq!(
            Duration::new(i64::MIN, -999_999_999),
            d(i64::MIN, -999_999_999)
        );
    }

    #[test]
    fn formats_seconds_with_the_shortest_fraction() {
        let cases = [
            (d(0, 0), "0s"),
            (d(3, 0), "3s"),
            (d(3, 500_000_000), "3.5s"),
            (d(0, 1), "0.000000001s"),
            (d(1, 10_000), "1.00001s"),
            (d(-1, -500_000_000), "-1.5s"),
            (d(0, -1), "-0.000000001s"),
            (d(i64::MIN, 0), "-9223372036854775808s"),
        ];
        for (duration, text) in cases {
            assert_eq!(duration.to_string(), text);
        }
    }

    #[test]
    fn parses_what_it_formats() {
        for text in [
            "0s",
            "3.5s",
            "-1.5s",
            "0.000000001s",
            "-0.25s",
            "315576000000s",
            "-9223372036854775808s",
            "9223372036854775807.999999999s",
        ] {
            let duration: Duration = text.parse().unwrap();
            assert_eq!(duration.to_string(), text);
        }
        assert_eq!("1.500s".parse(), Ok(d(1, 500_000_000)));
        assert_eq!("-0s".parse(), Ok(d(0, 0)));
        assert_eq!("007s".parse(), Ok(d(7, 0)));
    }

    #[test]
    fn rejects_malformed_text() {
        for text in [
            "",
            "s",
            "3",
            "3.5",
            "-s",
            ".5s",
            "3.s",
            "3.1234567891s",
            "+3s",
            "3 s",
            " 3s",
            "3.5ms",
            "1e3s",
            "--1s",
            "0x10s",
            "99999999999999999999s",
            "3,5s",
            "٣s",
        ] {
            let error = text.parse::<Duration>().unwrap_err();
            assert!(error.to_string().contains(&format!("{text:?}")), "{error}");
        }
    }

    #[test]
    fn converts_to_and_from_std() {
        let std = std::time::Duration::new(5, 250);
        assert_eq!(Duration::from(std), d(5, 250));
        assert_eq!(std::time::Duration::try_from(d(5, 250)), Ok(std));
        assert_eq!(
            Duration::from(std::time::Duration::from_secs(u64::MAX)).seconds,
            i64::MAX
        );
        let error = std::time::Duration::try_from(d(-1, 0)).unwrap_err();
        assert_eq!(error.to_string(), "-1s is negative");
        assert!(std::time::Duration::try_from(d(0, -1)).is_err());
    }

    #[test]
    fn serde_uses_the_text_form() {
        let json = serde_json::to_string(&d(-2, -100_000_000)).unwrap();
        assert_eq!(json, "\"-2.1s\"");
        let read: Duration = serde_json::from_str("\"60s\"").unwrap();
        assert_eq!(read, d(60, 0));
        assert!(serde_json::from_str::<Duration>("60").is_err());
        assert!(serde_json::from_str::<Duration>("\"60\"").is_err());
    }

    #[test]
    fn orders_by_value() {
        assert!(d(-1, 0) < d(0, -1));
        assert!(d(0, -1) < d(0, 0));
        assert!(d(1, 0) < d(1, 1));
    }
}
