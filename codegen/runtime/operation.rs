//! Long-running operations (feature `client`): polling until an operation
//! is done, with backoff and a deadline.

use std::future::Future;
use std::time::{Duration, Instant};

use super::{Code, Error, PollPolicy, Status};

/// A long-running operation (`google.longrunning.Operation`) as a response.
#[doc(hidden)]
pub trait LongRunningOperation {
    /// Whether the operation has finished, with a response or an error.
    fn is_done(&self) -> bool;
    /// The error it finished with, if it failed.
    fn error_status(&self) -> Option<Status>;
}

/// The `google.rpc.Status` of an operation's `error`, whatever its generated
/// type; an error that does not read as a status is still an error
/// (`UNKNOWN`, with the error as JSON for its message).
#[doc(hidden)]
pub fn status_of<T: serde::Serialize>(error: &T) -> Status {
    let json = serde_json::to_value(error).unwrap_or_default();
    serde_json::from_value(json.clone()).unwrap_or_else(|_| {
        Status::default()
            .with_code(Code::Unknown as i32)
            .with_message(json.to_string())
    })
}

/// Calls `poll` until the operation is done or the deadline passes: the
/// done operation, or an error of kind
/// [`OperationFailed`](super::ErrorKind::OperationFailed) with the status it
/// failed with ([`Error::status`]).
/// `poll` receives the time left, e.g. to bound a `wait` call's `timeout`;
/// a poll still running at the deadline is abandoned.
#[doc(hidden)]
pub async fn poll_until_done<O, F, Fut>(policy: &PollPolicy, mut poll: F) -> Result<O, Error>
where
    O: LongRunningOperation,
    F: FnMut(Duration) -> Fut,
    Fut: Future<Output = Result<O, Error>>,
{
    // A deadline too far to represent is no deadline.
    let deadline = Instant::now().checked_add(policy.deadline);
    let left = || {
        deadline.map_or(FAR, |deadline| {
            deadline.saturating_duration_since(Instant::now())
        })
    };
    let mut delay = policy.initial_delay;
    loop {
        let remaining = left();
        let operation = tokio::time::timeout(remaining, poll(remaining))
            .await
            .map_err(|_| Error::deadline())??;
        if operation.is_done() {
            return match operation.error_status() {
                Some(status) => Err(Error::operation_failed(status)),
                None => Ok(operation),
            };
        }
        let remaining = left();
        if remaining.is_zero() {
            return Err(Error::deadline());
        }
        tokio::time::sleep(delay.min(remaining)).await;
        delay = policy.next_delay(delay);
    }
}

/// What stands for "no deadline": longer than any operation, short enough
/// for every timer.
const FAR: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use serde_json::json;

    use super::*;
    use crate::ErrorKind;

    #[test]
    fn status_of_reads_a_google_rpc_status() {
        let status = status_of(&json!({"code": 5, "message": "gone", "details": []}));
        assert_eq!(
            (status.canonical_code(), status.message_text()),
            (Code::NotFound, "gone")
        );
    }

    #[test]
    fn an_error_that_is_not_a_status_is_unknown_with_its_json() {
        let status = status_of(&json!({"code": "RESOURCE_EXHAUSTED"}));
        assert_eq!(status.canonical_code(), Code::Unknown);
        assert_eq!(status.message_text(), r#"{"code":"RESOURCE_EXHAUSTED"}"#);
        let status = status_of(&"boom");
        assert_eq!((status.code, status.message_text()), (Some(2), r#""boom""#));
    }

    /// An operation as a poll returns it.
    #[derive(Debug)]
    struct Operation {
        done: bool,
        error: Option<Status>,
    }

    impl LongRunningOperation for Operation {
        fn is_done(&self) -> bool {
            self.done
        }

        fn error_status(&self) -> Option<Status> {
            self.error.clone()
        }
    }

    fn policy(initial_ms: u64, max_ms: u64, deadline_ms: u64) -> PollPolicy {
        PollPolicy {
            initial_delay: Duration::from_millis(initial_ms),
            max_delay: Duration::from_millis(max_ms),
            multiplier: 2.0,
            deadline: Duration::from_millis(deadline_ms),
            ..PollPolicy::default()
        }
    }

    /// Polls until the `done_at`-th poll, recording when each poll started
    /// and the time left it was given.
    async fn poll(
        policy: &PollPolicy,
        done_at: usize,
        error: Option<Status>,
    ) -> (Result<Operation, Error>, Vec<(Instant, Duration)>) {
        let polls = Arc::new(Mutex::new(Vec::new()));
        let result = poll_until_done(policy, |remaining| {
            let polls = polls.clone();
            let error = error.clone();
            async move {
                let mut polls = polls.lock().unwrap();
                polls.push((Instant::now(), remaining));
                let done = polls.len() >= done_at;
                Ok(Operation { done, error })
            }
        })
        .await;
        let polls = polls.lock().unwrap().clone();
        (result, polls)
    }

    #[tokio::test]
    async fn polls_with_growing_delays_until_done() {
        let (result, polls) = poll(&policy(10, 40, 60_000), 5, None).await;
        assert!(result.unwrap().done);
        assert_eq!(polls.len(), 5);
        // The delays double from 10 ms and stop growing at 40 ms.
        let least = [10, 20, 40, 40].map(Duration::from_millis);
        for (pair, least) in polls.windows(2).zip(least) {
            assert!(
                pair[1].0 - pair[0].0 >= least,
                "{:?}",
                pair[1].0 - pair[0].0
            );
        }
        // Each poll is told the time left, which only shrinks.
        assert!(polls[0].1 <= Duration::from_secs(60));
        assert!(polls.windows(2).all(|pair| pair[1].1 < pair[0].1));
    }

    #[tokio::test]
    async fn an_operation_that_failed_is_an_operation_error() {
        let status = Status::default().with_code(1).with_message("cancelled");
        let (result, polls) = poll(&policy(1, 1, 60_000), 2, Some(status.clone())).await;
        assert_eq!(polls.len(), 2);
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::OperationFailed, "{error:?}");
        assert_eq!(error.status(), Some(&status));
    }

    #[tokio::test]
    async fn a_deadline_too_far_to_represent_means_no_deadline() {
        let mut policy = policy(1, 1, 0);
        policy.deadline = Duration::MAX;
        policy.multiplier = f64::NAN;
        let (result, polls) = poll(&policy, 3, None).await;
        assert!(result.unwrap().done);
        assert_eq!(polls.len(), 3);
        assert!(polls[0].1 > Duration::from_secs(365 * 24 * 3600));
    }

    #[tokio::test]
    async fn polling_stops_at_the_deadline_even_mid_delay() {
        let start = Instant::now();
        let (result, polls) = poll(&policy(10_000, 10_000, 50), usize::MAX, None).await;
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Deadline, "{error:?}");
        // The 10 s delay is cut short at the deadline, where a last poll
        // (with no time left) may still find the operation done.
        assert!((1..=3).contains(&polls.len()), "{} polls", polls.len());
        assert!(polls[1..]
            .iter()
            .all(|(_, left)| *left < Duration::from_millis(50)));
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn a_poll_still_running_at_the_deadline_is_abandoned() {
        let start = Instant::now();
        let result = poll_until_done(&policy(1, 1, 50), |_| async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(Operation {
                done: true,
                error: None,
            })
        })
        .await;
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Deadline, "{error:?}");
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn a_poll_error_is_returned_as_it_is() {
        let result = poll_until_done::<Operation, _, _>(&policy(1, 1, 60_000), |_| async {
            Err(Error::unimplemented("test.operations.wait"))
        })
        .await;
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Unimplemented, "{error:?}");
        assert_eq!(error.unimplemented_method(), Some("test.operations.wait"));
    }
}
