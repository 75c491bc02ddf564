//! Property tests of the client's configuration: retry and polling policies
//! and durations take any value a user can write, extremes included (NaN,
//! ±∞, zero, `u64::MAX` seconds, `Duration::MAX`), without a panic, and keep
//! their bounds.

use std::time::Duration;

use earthengine::runtime::__private::{poll_until_done, LongRunningOperation};
use earthengine::runtime::{
    self, Error, ErrorKind, ExponentialBackoff, PollPolicy, RetryPolicy, Status,
};
use proptest::prelude::*;

/// Multipliers, the extremes more often than chance would pick them.
fn multipliers() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -1e3..1e3f64,
        any::<f64>(),
    ]
}

/// Durations from zero to `Duration::MAX`.
fn durations() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::ZERO),
        Just(Duration::MAX),
        Just(Duration::from_secs(u64::MAX)),
        Just(Duration::from_nanos(1)),
        (0..120_000u64).prop_map(Duration::from_millis),
        (any::<u64>(), 0..1_000_000_000u32).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

fn backoffs() -> impl Strategy<Value = ExponentialBackoff> {
    (
        durations(),
        durations(),
        multipliers(),
        any::<u32>(),
        durations(),
    )
        .prop_map(
            |(initial_delay, max_delay, multiplier, max_attempts, max_elapsed)| {
                ExponentialBackoff {
                    initial_delay,
                    max_delay,
                    multiplier,
                    max_attempts,
                    max_elapsed,
                }
            },
        )
}

fn poll_policies() -> impl Strategy<Value = PollPolicy> {
    (
        durations(),
        durations(),
        multipliers(),
        durations(),
        durations(),
    )
        .prop_map(
            |(initial_delay, max_delay, multiplier, deadline, wait_timeout)| PollPolicy {
                initial_delay,
                max_delay,
                multiplier,
                deadline,
                wait_timeout,
            },
        )
}

/// An operation that is done at the `done_at`-th poll.
struct Operation {
    done: bool,
}

impl LongRunningOperation for Operation {
    fn is_done(&self) -> bool {
        self.done
    }

    fn error_status(&self) -> Option<Status> {
        None
    }
}

/// Polls with `policy` until the third poll says done, on a paused clock
/// (sleeps advance it at once), and reports the polls made and the result.
fn poll_three_times(policy: &PollPolicy) -> (u32, Result<(), Error>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut polls = 0;
        let result = poll_until_done(policy, |remaining| {
            polls += 1;
            let done = polls >= 3;
            // The time left is what a `wait` may ask for: a valid duration.
            let _ = runtime::Duration::from(remaining);
            async move { Ok(Operation { done }) }
        })
        .await;
        (polls, result.map(|_| ()))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn backoff_delays_stay_within_the_policys_bounds(
        backoff in backoffs(),
        attempt in prop_oneof![Just(0u32), Just(1), Just(u32::MAX), any::<u32>()],
        elapsed in durations(),
        retry_after in proptest::option::of(durations()),
    ) {
        if let Some(delay) = backoff.delay(attempt, elapsed, retry_after) {
            prop_assert!(attempt < backoff.max_attempts);
            let ceiling = backoff.max_delay.max(retry_after.unwrap_or_default());
            prop_assert!(delay <= ceiling, "{delay:?} > {ceiling:?}");
            let retry_at = elapsed.checked_add(delay);
            prop_assert!(retry_at.is_some_and(|at| at <= backoff.max_elapsed));
        }
    }

    #[test]
    fn durations_are_normalized_whatever_they_are_made_from(
        seconds in prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0i64), any::<i64>()],
        nanos in prop_oneof![Just(i32::MIN), Just(i32::MAX), Just(0i32), any::<i32>()],
        std in durations(),
    ) {
        let made = [
            runtime::Duration::new(seconds, nanos),
            runtime::Duration::from(std),
        ];
        for duration in made {
            prop_assert!(duration.nanos().unsigned_abs() < 1_000_000_000);
            prop_assert!(
                duration.seconds() == 0
                    || duration.nanos() == 0
                    || (duration.seconds() < 0) == (duration.nanos() < 0),
                "{duration:?}"
            );
            // What is written reads back as the same duration.
            let json = serde_json::to_string(&duration).unwrap();
            let read: runtime::Duration = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(read, duration, "{}", json);
        }
        // A std duration that fits comes back unchanged.
        if i64::try_from(std.as_secs()).is_ok() {
            let back = Duration::try_from(runtime::Duration::from(std)).unwrap();
            prop_assert_eq!(back, std);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn polling_never_panics_and_ends_done_or_at_the_deadline(policy in poll_policies()) {
        let (polls, result) = poll_three_times(&policy);
        match result {
            Ok(()) => prop_assert_eq!(polls, 3),
            Err(error) if error.kind() == ErrorKind::Deadline => {
                prop_assert!(polls < 3 || policy.deadline.is_zero())
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}
