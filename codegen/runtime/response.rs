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
        .map_err(|error| Error::Decode {
            error,
            body: bounded_text(body),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::MAX_ERROR_BODY;

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
