//! Reading a response (feature `client`): its `Retry-After` and its JSON body.

use std::time::Duration;

use super::service_error::bounded_text;
use super::Error;

/// `Retry-After` in seconds (the HTTP-date form is ignored), at most a day.
pub(super) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    const DAY: u64 = 24 * 60 * 60;
    let seconds: u64 = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds.min(DAY)))
}

/// Decodes a success body; an empty one counts as `{}` (or `null` for `()`).
pub(super) fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let body_is_empty = body.iter().all(u8::is_ascii_whitespace);
    let text: &[u8] = if body_is_empty { b"{}" } else { body };
    serde_json::from_slice(text)
        .or_else(|error| {
            if body_is_empty {
                serde_json::from_slice(b"null")
            } else {
                Err(error)
            }
        })
        .map_err(|error| Error::Decode {
            error,
            body: bounded_text(body),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::MAX_ERROR_BODY;

    fn headers(value: &[u8]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        let value = http::HeaderValue::from_bytes(value).unwrap();
        headers.insert(http::header::RETRY_AFTER, value);
        headers
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_capped_at_a_day() {
        assert_eq!(
            retry_after(&headers(b"120")),
            Some(Duration::from_secs(120))
        );
        assert_eq!(retry_after(&headers(b" 7 ")), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers(b"0")), Some(Duration::ZERO));
        let day = Some(Duration::from_secs(24 * 60 * 60));
        assert_eq!(retry_after(&headers(b"999999999999")), day);
        for ignored in [
            &b"Wed, 21 Oct 2015 07:28:00 GMT"[..],
            b"-1",
            b"1.5",
            b"",
            b"\xff",
        ] {
            assert_eq!(retry_after(&headers(ignored)), None, "{ignored:?}");
        }
        assert_eq!(retry_after(&http::HeaderMap::new()), None);
    }

    #[test]
    fn an_empty_success_body_reads_as_an_empty_object_or_nothing() {
        for body in [&b""[..], b"  \n"] {
            let value: serde_json::Value = decode(body).unwrap();
            assert_eq!(value, serde_json::json!({}));
            decode::<()>(body).unwrap();
        }
        let value: Vec<i32> = decode(b"[1, 2]").unwrap();
        assert_eq!(value, [1, 2]);
    }

    #[test]
    fn an_unexpected_body_is_a_decode_error_with_its_start() {
        match decode::<Vec<i32>>(b"<html>oops</html>") {
            Err(Error::Decode { body, .. }) => assert_eq!(body, "<html>oops</html>"),
            other => panic!("{other:?}"),
        }
        let long = vec![b'x'; MAX_ERROR_BODY * 2];
        match decode::<Vec<i32>>(&long) {
            Err(Error::Decode { body, .. }) => assert_eq!(body.len(), MAX_ERROR_BODY),
            other => panic!("{other:?}"),
        }
    }
}
