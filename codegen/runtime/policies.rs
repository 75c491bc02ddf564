//! The policies of calls: when to retry (the [`RetryPolicy`] trait,
//! exponential backoff with full jitter, and no retries at all) and how to
//! poll a long-running operation ([`PollPolicy`]).
//!
//! They hold no client, so that [`CallOptions`](super::CallOptions), which
//! every stub receives, exists without the `client` feature too.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Decides whether and when a failed attempt is tried again. It is asked
/// only for idempotent methods (see [`MethodDescriptor::idempotent`](super::MethodDescriptor::idempotent)) and only after
/// failures worth retrying: HTTP 429, 502, 503, 504 and connection errors.
pub trait RetryPolicy: Send + Sync {
    /// The delay before attempt `attempt + 1`, or `None` to give up.
    /// `elapsed` is the time since the first attempt; `retry_after` is the
    /// service's `Retry-After`, if it sent one.
    fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration>;
}

/// Exponential backoff with full jitter, bounded by attempts and total time.
#[derive(Debug, Clone)]
pub struct ExponentialBackoff {
    /// The largest delay before the first retry.
    pub initial_delay: Duration,
    /// The largest delay of any retry.
    pub max_delay: Duration,
    /// How much the largest delay grows after each attempt.
    pub multiplier: f64,
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// No retry starts after this much time since the first attempt.
    pub max_elapsed: Duration,
}

impl Default for ExponentialBackoff {
    fn default() -> Self {
        ExponentialBackoff {
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(30),
            multiplier: 2.0,
            max_attempts: 5,
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl ExponentialBackoff {
    /// The delay ceiling after `attempt` attempts, before jitter.
    fn ceiling(&self, attempt: u32) -> Duration {
        let exponent = i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX);
        scaled(
            self.initial_delay,
            self.multiplier.powi(exponent),
            self.max_delay,
        )
    }
}

/// `delay` times `factor`, at most `max`. Computed in f64, since the
/// product can exceed what a `Duration` holds; a product that is not a
/// finite, non-negative number of seconds (a NaN or negative multiplier)
/// gives `max` rather than a panic. Backoff and operation polling share it.
pub(super) fn scaled(delay: Duration, factor: f64, max: Duration) -> Duration {
    let seconds = delay.as_secs_f64() * factor;
    if seconds.is_finite() && seconds >= 0.0 && seconds < max.as_secs_f64() {
        Duration::from_secs_f64(seconds)
    } else {
        max
    }
}

impl RetryPolicy for ExponentialBackoff {
    fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let jittered = self.ceiling(attempt).mul_f64(random_fraction());
        let delay = retry_after.map_or(jittered, |asked| asked.max(jittered));
        let retry_at = elapsed.checked_add(delay)?;
        (retry_at <= self.max_elapsed).then_some(delay)
    }
}

/// Never retries.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoRetry;

impl RetryPolicy for NoRetry {
    fn delay(&self, _: u32, _: Duration, _: Option<Duration>) -> Option<Duration> {
        None
    }
}

/// How a long-running operation is polled. Any value is safe: a delay
/// or multiplier that would overflow, or is not a number, gives `max_delay`,
/// and a deadline too far to represent is no deadline.
#[derive(Debug, Clone)]
pub struct PollPolicy {
    /// The delay after the first poll.
    pub initial_delay: Duration,
    /// The largest delay between polls.
    pub max_delay: Duration,
    /// How much the delay grows after each poll.
    pub multiplier: f64,
    /// When polling stops with an error of kind
    /// [`Deadline`](super::ErrorKind::Deadline).
    pub deadline: Duration,
    /// The `timeout` sent with each `wait` call, where the API has one.
    pub wait_timeout: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            multiplier: 1.5,
            deadline: Duration::from_secs(600),
            wait_timeout: Duration::from_secs(30),
        }
    }
}

#[cfg(feature = "client")]
impl PollPolicy {
    /// The delay after the one given: grown by the multiplier, at most `max_delay`.
    pub(super) fn next_delay(&self, delay: Duration) -> Duration {
        scaled(delay, self.multiplier, self.max_delay)
    }
}

/// A number in `[0, 1)` for jitter: splitmix64 over a counter seeded by the clock.
fn random_fraction() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut z = STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(seed);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn the_default_is_five_attempts_within_a_minute() {
        let backoff = ExponentialBackoff::default();
        assert_eq!(backoff.max_attempts, 5);
        assert_eq!(backoff.max_elapsed, Duration::from_secs(60));
        assert_eq!(backoff.initial_delay, 100 * MS);
        assert_eq!(backoff.max_delay, Duration::from_secs(30));
        assert_eq!(backoff.multiplier, 2.0);
    }

    #[test]
    fn the_ceiling_grows_by_the_multiplier_up_to_the_max_delay() {
        let backoff = ExponentialBackoff::default();
        let ceilings: Vec<_> = (0..=11).map(|attempt| backoff.ceiling(attempt)).collect();
        let expected = [
            100, 100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000,
        ];
        for (ceiling, millis) in ceilings.iter().zip(expected) {
            assert_eq!(ceiling.as_millis(), millis);
        }
        assert_eq!(ceilings[11], backoff.max_delay);
    }

    #[test]
    fn a_ceiling_that_overflows_or_is_not_a_number_is_the_max_delay() {
        let mut backoff = ExponentialBackoff::default();
        assert_eq!(backoff.ceiling(u32::MAX), backoff.max_delay);
        backoff.multiplier = 1e300;
        assert_eq!(backoff.ceiling(3), backoff.max_delay);
        backoff.multiplier = f64::NAN;
        assert_eq!(backoff.ceiling(2), backoff.max_delay);
        backoff.multiplier = -1.0;
        assert_eq!(backoff.ceiling(2), backoff.max_delay);
    }

    #[test]
    fn delays_stay_under_the_ceiling_and_stop_after_the_last_attempt() {
        let backoff = ExponentialBackoff::default();
        for attempt in 1..backoff.max_attempts {
            for _ in 0..200 {
                let delay = backoff.delay(attempt, Duration::ZERO, None).unwrap();
                assert!(delay <= backoff.ceiling(attempt), "{attempt}: {delay:?}");
            }
        }
        for attempt in [backoff.max_attempts, backoff.max_attempts + 1, u32::MAX] {
            assert_eq!(backoff.delay(attempt, Duration::ZERO, None), None);
        }
    }

    #[test]
    fn retry_after_is_the_least_delay() {
        let backoff = ExponentialBackoff::default();
        let asked = Duration::from_secs(7);
        for _ in 0..100 {
            let delay = backoff.delay(1, Duration::ZERO, Some(asked)).unwrap();
            assert_eq!(delay, asked, "the ceiling of attempt 1 is 100 ms");
        }
    }

    #[test]
    fn no_retry_starts_after_max_elapsed() {
        let backoff = ExponentialBackoff::default();
        let elapsed = Duration::from_secs(55);
        assert_eq!(
            backoff.delay(1, elapsed, Some(Duration::from_secs(5))),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            backoff.delay(1, elapsed, Some(Duration::from_secs(6))),
            None
        );
        assert_eq!(backoff.delay(1, Duration::from_secs(61), None), None);
        assert_eq!(backoff.delay(1, Duration::MAX, None), None);
        assert_eq!(backoff.delay(1, Duration::ZERO, Some(Duration::MAX)), None);
    }

    #[test]
    fn no_retry_never_retries() {
        for attempt in [0, 1, 4] {
            assert_eq!(NoRetry.delay(attempt, Duration::ZERO, Some(MS)), None);
        }
    }

    #[test]
    fn the_default_poll_policy_polls_for_ten_minutes() {
        let policy = PollPolicy::default();
        assert_eq!(policy.initial_delay, Duration::from_millis(500));
        assert_eq!(policy.max_delay, Duration::from_secs(30));
        assert_eq!(policy.multiplier, 1.5);
        assert_eq!(policy.deadline, Duration::from_secs(600));
        assert_eq!(policy.wait_timeout, Duration::from_secs(30));
    }

    #[test]
    fn poll_delays_grow_to_the_maximum_and_odd_multipliers_do_not_panic() {
        let (second, minute) = (Duration::from_secs(1), Duration::from_secs(60));
        assert_eq!(scaled(second, 2.0, minute), Duration::from_secs(2));
        assert_eq!(scaled(Duration::from_secs(40), 2.0, minute), minute);
        assert_eq!(scaled(second, 0.5, minute), Duration::from_millis(500));
        for odd in [1e300, f64::NAN, -1.5, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(scaled(second, odd, minute), minute, "{odd}");
        }
        assert_eq!(scaled(Duration::MAX, 1.0, minute), minute);
        #[cfg(feature = "client")]
        {
            let policy = PollPolicy {
                multiplier: f64::NAN,
                ..PollPolicy::default()
            };
            assert_eq!(policy.next_delay(second), policy.max_delay);
        }
    }

    #[test]
    fn jitter_is_spread_over_zero_to_one() {
        let samples: Vec<f64> = (0..1000).map(|_| random_fraction()).collect();
        assert!(samples.iter().all(|x| (0.0..1.0).contains(x)));
        assert!(samples.iter().any(|&x| x < 0.25));
        assert!(samples.iter().any(|&x| x > 0.75));
        let distinct: std::collections::BTreeSet<u64> =
            samples.iter().map(|x| x.to_bits()).collect();
        assert!(distinct.len() > 990, "{} distinct", distinct.len());
    }
}
