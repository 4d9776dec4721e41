use serde::de::DeserializeOwned;
use serde_json::Value;

use super::from_json_string;

/// The probe succeeds exactly when `serde_json` does, with the same
/// value.
fn same<T: DeserializeOwned + PartialEq + core::fmt::Debug>(json: &str) {
    let ours = from_json_string::<T>(json).ok();
    let theirs = serde_json::from_str::<T>(json).ok();
    assert_eq!(ours, theirs, "{json} as {}", core::any::type_name::<T>());
}

#[derive(Debug, PartialEq, serde::Deserialize)]
enum Unit {
    A,
    B,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Wrapper(String);

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Fields {
    a: u8,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
enum Either {
    Int(u64),
    Text(String),
}

/// `read` reads what `serde_json` reads: the member, else the JSON
/// its text holds, else the first message.
fn reads<T: DeserializeOwned + PartialEq + core::fmt::Debug>(json: &str) {
    let reference = match serde_json::from_str::<T>(json) {
        Ok(value) => Ok(value),
        Err(err) => match crate::decode::unquote(json)
            .and_then(|text| serde_json::from_str::<T>(&text).ok())
        {
            Some(value) => Ok(value),
            None => Err(err.to_string()),
        },
    };
    assert_eq!(
        super::read::<T>(json),
        reference,
        "{json} as {}",
        core::any::type_name::<T>()
    );
}

#[test]
fn reads_members_as_serde_json_does() {
    for json in [
        "0",
        "7",
        "-7",
        "-0",
        "00",
        "07",
        "-",
        "-07",
        "1.5",
        "1e3",
        "-1e3",
        "true",
        "false",
        "null",
        "nul",
        "truex",
        "9999999999999999999",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "-999999999999999999",
        "-9223372036854775808",
        "-9223372036854775809",
        "300",
        "65536",
        "4294967296",
        "[1,2]",
        "{\"a\":1}",
        "[]",
        "{}",
        r#""""#,
        r#""7""#,
        r#""-7""#,
        r#""x""#,
        r#""é""#,
        r#""\u00e9""#,
        r#""true""#,
        r#""null""#,
        r#""[1,2]""#,
        r#""{\"a\":1}""#,
        r#""A""#,
        r#""1.5""#,
        r#"" 7""#,
        r#""7 ""#,
        r#""\ud800""#,
        r#""a\"b""#,
        " 7",
        "7 ",
    ] {
        reads::<u64>(json);
        reads::<u8>(json);
        reads::<i64>(json);
        reads::<i8>(json);
        reads::<u128>(json);
        reads::<i128>(json);
        reads::<f64>(json);
        reads::<f32>(json);
        reads::<bool>(json);
        reads::<()>(json);
        reads::<char>(json);
        reads::<String>(json);
        reads::<Box<str>>(json);
        reads::<Option<u64>>(json);
        reads::<Option<String>>(json);
        reads::<Option<Option<bool>>>(json);
        reads::<Option<()>>(json);
        reads::<Vec<u32>>(json);
        reads::<(u8, u8)>(json);
        reads::<std::collections::BTreeMap<String, u8>>(json);
        reads::<Value>(json);
        reads::<Option<Value>>(json);
        reads::<Unit>(json);
        reads::<Wrapper>(json);
        reads::<Fields>(json);
        reads::<Either>(json);
        reads::<serde::de::IgnoredAny>(json);
    }
}

#[test]
fn reads_a_string_as_serde_json_does() {
    for json in [
        r#""""#,
        r#""7""#,
        r#""-3""#,
        r#""true""#,
        r#""null""#,
        r#""A""#,
        r#""B""#,
        r#""x""#,
        r#""é""#,
        r#""\u00e9""#,
        r#""\"q\"""#,
        r#""[1,2]""#,
        r#""{\"a\":1}""#,
        r#""\ud800""#,
        r#""1e999""#,
    ] {
        same::<String>(json);
        same::<Option<String>>(json);
        same::<Option<Option<String>>>(json);
        same::<u64>(json);
        same::<i8>(json);
        same::<u128>(json);
        same::<f64>(json);
        same::<bool>(json);
        same::<()>(json);
        same::<char>(json);
        same::<Vec<u32>>(json);
        same::<(u8, u8)>(json);
        same::<std::collections::BTreeMap<String, u8>>(json);
        same::<Value>(json);
        same::<Option<u64>>(json);
        same::<Unit>(json);
        same::<Wrapper>(json);
        same::<Fields>(json);
        same::<Either>(json);
        same::<Box<str>>(json);
        assert_eq!(
            from_json_string::<Box<serde_json::value::RawValue>>(json)
                .ok()
                .map(|raw| raw.get().to_owned()),
            serde_json::from_str::<Box<serde_json::value::RawValue>>(json)
                .ok()
                .map(|raw| raw.get().to_owned()),
        );
    }
}
