//! The runtime's wire formats: int64 as strings, base64 in both alphabets,
//! composed codecs for lists and maps.

use std::collections::BTreeMap;

use earthengine::runtime::__private::{base64_decode, base64_encode, As, Base64, Int64};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Wire {
    #[serde(with = "As::<Option<Int64>>", skip_serializing_if = "Option::is_none")]
    signed: Option<i64>,
    #[serde(with = "As::<Option<Int64>>", skip_serializing_if = "Option::is_none")]
    unsigned: Option<u64>,
    #[serde(
        with = "As::<Option<Vec<Int64>>>",
        skip_serializing_if = "Option::is_none"
    )]
    list: Option<Vec<i64>>,
    #[serde(
        with = "As::<Option<BTreeMap<String, Vec<Int64>>>>",
        skip_serializing_if = "Option::is_none"
    )]
    map: Option<BTreeMap<String, Vec<i64>>>,
    #[serde(with = "As::<Option<Base64>>", skip_serializing_if = "Option::is_none")]
    bytes: Option<Vec<u8>>,
}

#[test]
fn int64_is_written_as_a_string_and_read_from_either() {
    let value = Wire {
        signed: Some(i64::MIN),
        unsigned: Some(u64::MAX),
        list: Some(vec![1, -2]),
        map: Some(BTreeMap::from([("k".to_owned(), vec![3])])),
        ..Wire::default()
    };
    let written = serde_json::to_value(&value).unwrap();
    assert_eq!(
        written,
        json!({
            "signed": "-9223372036854775808",
            "unsigned": "18446744073709551615",
            "list": ["1", "-2"],
            "map": {"k": ["3"]},
        })
    );
    let read: Wire = serde_json::from_value(json!({"signed": 42, "list": [1, "2"]})).unwrap();
    assert_eq!(read.signed, Some(42));
    assert_eq!(read.list, Some(vec![1, 2]));
}

#[test]
fn int64_out_of_range_or_not_a_number_is_an_error() {
    for bad in [
        json!({"signed": "9223372036854775808"}),
        json!({"unsigned": "-1"}),
        json!({"unsigned": -1}),
        json!({"signed": "12abc"}),
        json!({"signed": 1.5}),
        json!({"signed": true}),
    ] {
        assert!(
            serde_json::from_value::<Wire>(bad.clone()).is_err(),
            "{bad} was accepted"
        );
    }
}

#[test]
fn base64_writes_standard_and_reads_both_alphabets() {
    let bytes = vec![0xfb, 0xff, 0xbf, 0x00, 0x61];
    assert_eq!(base64_encode(&bytes), "+/+/AGE=");
    for text in ["+/+/AGE=", "-_-_AGE=", "+/+/AGE", "-_-_AGE"] {
        assert_eq!(base64_decode(text), Some(bytes.clone()), "{text}");
    }
    let wire: Wire = serde_json::from_value(json!({"bytes": "aGVsbG8"})).unwrap();
    assert_eq!(wire.bytes.as_deref(), Some(&b"hello"[..]));
    assert_eq!(
        serde_json::to_value(&wire).unwrap(),
        json!({"bytes": "aGVsbG8="})
    );
}

#[test]
fn base64_round_trips_every_length() {
    let data: Vec<u8> = (0..=255).collect();
    for length in 0..40 {
        let encoded = base64_encode(&data[..length]);
        assert_eq!(encoded.len() % 4, 0);
        assert_eq!(base64_decode(&encoded).as_deref(), Some(&data[..length]));
    }
}

#[test]
fn invalid_base64_is_rejected() {
    for text in ["a", "ab$c", "aGVsbG8gd29ybGQ*", "aR=="] {
        assert_eq!(base64_decode(text), None, "{text:?}");
    }
    assert!(serde_json::from_value::<Wire>(json!({"bytes": "%%"})).is_err());
}
