//! `byte`: base64, written in the standard alphabet and read in either.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serializer};

use super::codec::Codec;
use super::query::ParamValue;

/// `byte`: base64. Written in the standard alphabet with padding; read in
/// the standard or the URL-safe alphabet, padded or not.
#[doc(hidden)]
pub struct Base64;

impl Codec<Vec<u8>> for Base64 {
    fn write<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64_encode(value))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64_decode(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("invalid base64 {text:?}")))
    }
}

impl ParamValue for Vec<u8> {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Owned(base64_encode(self))
    }
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
#[doc(hidden)]
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &byte)| n | u32::from(byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (n >> (18 - 6 * i)) & 0x3F;
                out.push(char::from(BASE64_ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard or URL-safe base64, with or without padding.
#[doc(hidden)]
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let unpadded = text.trim_end_matches('=');
    let padding = text.len() - unpadded.len();
    // Padding, when present, completes the last group of four.
    if unpadded.len() % 4 == 1 || (padding > 0 && (padding > 2 || text.len() % 4 != 0)) {
        return None;
    }
    let text = unpadded;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    // Leftover bits must be zero, so that every text decodes one way only.
    (bits == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// RFC 4648 §10.
    const VECTORS: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn encodes_the_rfc_4648_vectors() {
        for (plain, encoded) in VECTORS {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn decodes_the_rfc_4648_vectors_padded_or_not() {
        for (plain, encoded) in VECTORS {
            let expected = Some(plain.as_bytes().to_vec());
            assert_eq!(base64_decode(encoded), expected, "{encoded}");
            assert_eq!(base64_decode(encoded.trim_end_matches('=')), expected);
        }
    }

    #[test]
    fn the_last_two_symbols_of_each_alphabet_decode_alike() {
        let bytes = vec![0xfb, 0xef, 0xff];
        assert_eq!(base64_encode(&bytes), "++//");
        for text in ["++//", "--__", "+-/_"] {
            assert_eq!(base64_decode(text), Some(bytes.clone()), "{text}");
        }
    }

    #[test]
    fn every_length_and_byte_round_trips() {
        let data: Vec<u8> = (0..=255).rev().collect();
        for length in 0..=data.len() {
            let encoded = base64_encode(&data[..length]);
            assert_eq!(encoded.len(), length.div_ceil(3) * 4);
            assert_eq!(base64_decode(&encoded).as_deref(), Some(&data[..length]));
        }
    }

    #[test]
    fn bad_padding_is_rejected() {
        for text in [
            "Zg=", "Zg===", "Zm9v=", "Zm9v====", "Z===", "=", "==", "Zg==Zg==", "Zm8==",
        ] {
            assert_eq!(base64_decode(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_lone_symbol_or_a_foreign_character_is_rejected() {
        for text in ["Z", "Zm9vY", "Zm 9v", "Zm9v\n", "Zm.v", "Zm9vÿ", "%%"] {
            assert_eq!(base64_decode(text), None, "{text:?}");
        }
    }

    #[test]
    fn nonzero_leftover_bits_are_rejected() {
        // `Zh` has the same first byte as `Zg` but sets a bit beyond it.
        assert_eq!(base64_decode("Zg"), Some(b"f".to_vec()));
        assert_eq!(base64_decode("Zh"), None);
        assert_eq!(base64_decode("Zm9="), None);
        assert_eq!(base64_decode("Zm8="), Some(b"fo".to_vec()));
    }

    #[test]
    fn the_codec_and_parameters_use_standard_padded_text() {
        let bytes = b"hi?".to_vec();
        let json = Base64::write(&bytes, serde_json::value::Serializer).unwrap();
        assert_eq!(json, json!("aGk/"));
        assert_eq!(Base64::read(json!("aGk_")).unwrap(), bytes);
        let error = Base64::read(json!("a")).unwrap_err();
        assert_eq!(error.to_string(), "invalid base64 \"a\"");
        assert!(Base64::read(json!(12)).is_err());
        assert_eq!(vec![0xff_u8].to_param(), "/w==");
    }
}
