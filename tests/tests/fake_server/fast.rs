//! Policies that retry and poll at once, so that tests against the fake
//! server do not sleep.

use std::time::Duration;

use earthengine::runtime::{ExponentialBackoff, PollPolicy};

/// Retries after at most 5 ms, up to `max_attempts` attempts in all.
pub fn retries(max_attempts: u32) -> ExponentialBackoff {
    ExponentialBackoff {
        initial_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_attempts,
        ..ExponentialBackoff::default()
    }
}

/// Polls every few milliseconds; each `wait` asks for at most 1.5 s.
pub fn polling() -> PollPolicy {
    PollPolicy {
        initial_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        wait_timeout: Duration::from_millis(1500),
        ..PollPolicy::default()
    }
}
