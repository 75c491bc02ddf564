//! Reading a success response (feature `client`): its JSON body.

use super::service_error::bounded_text;
use super::Error;

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
        .map_err(|error| Error::decode(error, bounded_text(body)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, MAX_ERROR_BODY};

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
        let error = decode::<Vec<i32>>(b"<html>oops</html>").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{error:?}");
        assert_eq!(error.http_payload(), Some("<html>oops</html>"));
        let long = vec![b'x'; MAX_ERROR_BODY * 2];
        let error = decode::<Vec<i32>>(&long).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{error:?}");
        assert_eq!(error.http_payload().map(str::len), Some(MAX_ERROR_BODY));
    }
}
