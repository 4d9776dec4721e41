//! The catalog as JSON: [`Json`].

use core::fmt;
use std::io;

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::catalog::{Catalog, Entry, FieldInfo, RetryAfterUnit, Status};
use crate::format::DocsUrl;

/// A catalog as JSON: [`Serialize`] writes an array with one object per
/// code, in declaration order, nested types included;
/// [`Display`](fmt::Display) writes it compact, or indented with `{:#}`.
///
/// Each object has these members, always present:
///
/// | member | value |
/// |---|---|
/// | `code` | the code: a string, or a number for an integer code |
/// | `status` | the HTTP status as a number, `"varies"` when chosen at run time, `null` when the code never travels over HTTP |
/// | `message` | the message template as written (`"User {id} not found."`), or `null` for the status's reason phrase |
/// | `title` | the problem+json title, or `null` |
/// | `description` | the variant's whole doc comment, or `null` |
/// | `fields` | the exposed members: `[{"name": "id", "type": "u64"}]` |
/// | `retry_after` | the unit of the `retry_after` field, `"s"` or `"ms"`, or `null` |
/// | `deprecated` | whether the variant is `#[deprecated]` |
/// | `type` | the declaring type's name (`UserError`) |
/// | `variant` | the variant's name (`NotFound`) |
/// | `domain` | the declaring type's `#[api(domain)]`, or `null` |
/// | `docs` | the code's documentation URL from `#[api(docs)]`, or `null` |
///
/// ```
/// use errbook::ApiError;
/// use errbook::catalog::render::Json;
///
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "user:", rename_all = "snake_case", domain = "users.example.com")]
/// enum UserError {
///     /// User not found.
///     #[api(status = 404, message = "User {id} not found.")]
///     NotFound { #[api(field)] id: u64 },
/// }
///
/// assert_eq!(
///     serde_json::to_value(Json::new(UserError::catalog())).unwrap(),
///     serde_json::json!([{
///         "code": "user:not_found",
///         "status": 404,
///         "message": "User {id} not found.",
///         "title": null,
///         "description": "User not found.",
///         "fields": [{"name": "id", "type": "u64"}],
///         "retry_after": null,
///         "deprecated": false,
///         "type": "UserError",
///         "variant": "NotFound",
///         "domain": "users.example.com",
///         "docs": null,
///     }]),
/// );
/// assert!(Json::new(UserError::catalog()).to_string().starts_with(r#"[{"code":"user:not_found","#));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Json<'a> {
    catalog: &'a Catalog,
}

impl<'a> Json<'a> {
    /// The JSON rendering of `catalog`.
    ///
    /// ```
    /// use errbook::Catalog;
    /// use errbook::catalog::render::Json;
    ///
    /// assert_eq!(serde_json::to_string(&Json::new(&Catalog::EMPTY)).unwrap(), "[]");
    /// assert_eq!(format!("{:#}", Json::new(&Catalog::EMPTY)), "[]");
    /// ```
    pub fn new(catalog: &'a Catalog) -> Self {
        Json { catalog }
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.catalog.len()))?;
        for (owner, entry) in self.catalog.entries() {
            seq.serialize_element(&JsonEntry { owner, entry })?;
        }
        seq.end()
    }
}

impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pretty = f.alternate();
        let mut out = FmtWriter {
            f,
            pending: [0; 4],
            len: 0,
        };
        let written = if pretty {
            serde_json::to_writer_pretty(&mut out, self)
        } else {
            serde_json::to_writer(&mut out, self)
        };
        match (written, out.len) {
            (Ok(()), 0) => Ok(()),
            _ => Err(fmt::Error),
        }
    }
}

struct JsonEntry<'a> {
    owner: &'a Catalog,
    entry: Entry,
}

impl Serialize for JsonEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.entry;
        let (code, variant, status, title, description, fields, retry_after, deprecated) = (
            entry.code(),
            entry.variant(),
            entry.status(),
            entry.title(),
            entry.description(),
            entry.fields(),
            entry.retry_after(),
            entry.deprecated(),
        );
        let message = entry.message();
        let mut map = serializer.serialize_struct("Entry", 12)?;
        map.serialize_field("code", &code)?;
        map.serialize_field("status", &JsonStatus(status))?;
        map.serialize_field("message", &message)?;
        map.serialize_field("title", &title)?;
        map.serialize_field("description", &description)?;
        map.serialize_field("fields", &JsonFields(fields))?;
        map.serialize_field(
            "retry_after",
            &retry_after.map(|unit| match unit {
                RetryAfterUnit::Seconds => "s",
                RetryAfterUnit::Milliseconds => "ms",
            }),
        )?;
        map.serialize_field("deprecated", &deprecated)?;
        map.serialize_field("type", self.owner.type_name)?;
        map.serialize_field("variant", variant)?;
        map.serialize_field("domain", &self.owner.domain)?;
        map.serialize_field(
            "docs",
            &self.owner.docs.map(|docs| DocsUrl::new(docs, code)),
        )?;
        map.end()
    }
}

struct JsonStatus(Status);

impl Serialize for JsonStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Status::Fixed(status) => serializer.serialize_u16(status),
            Status::Varies => serializer.serialize_str("varies"),
            Status::None => serializer.serialize_none(),
        }
    }
}

struct JsonFields(&'static [FieldInfo]);

impl Serialize for JsonFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for field in self.0 {
            seq.serialize_element(&JsonField(field))?;
        }
        seq.end()
    }
}

struct JsonField<'a>(&'a FieldInfo);

impl Serialize for JsonField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("Field", 2)?;
        map.serialize_field("name", self.0.name)?;
        map.serialize_field("type", self.0.rust_type)?;
        map.end()
    }
}

/// Passes the bytes `serde_json` writes on to a formatter, holding back the
/// start of a character split across two writes.
struct FmtWriter<'f, 'a> {
    f: &'f mut fmt::Formatter<'a>,
    pending: [u8; 4],
    len: usize,
}

impl FmtWriter<'_, '_> {
    fn write_utf8(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = core::str::from_utf8(bytes).map_err(|_| io::ErrorKind::InvalidData)?;
        self.f
            .write_str(text)
            .map_err(|fmt::Error| io::Error::from(io::ErrorKind::Other))
    }
}

impl io::Write for FmtWriter<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        // First complete a character left over from the previous write.
        while self.len > 0 {
            let (Some(&byte), Some(slot)) = (buf.first(), self.pending.get_mut(self.len)) else {
                break;
            };
            *slot = byte;
            self.len += 1;
            buf = buf.get(1..).unwrap_or_default();
            let held = self.pending.get(..self.len).unwrap_or_default();
            match core::str::from_utf8(held) {
                Ok(_) => {
                    let held = self.pending;
                    let len = self.len;
                    self.len = 0;
                    self.write_utf8(held.get(..len).unwrap_or_default())?;
                }
                Err(error) if error.error_len().is_none() => {}
                Err(_) => return Err(io::ErrorKind::InvalidData.into()),
            }
        }
        if buf.is_empty() {
            return Ok(());
        }
        if self.len > 0 {
            return Err(io::ErrorKind::InvalidData.into());
        }
        let (complete, rest) = match core::str::from_utf8(buf) {
            Ok(_) => (buf, &[][..]),
            Err(error) if error.error_len().is_none() => buf.split_at(error.valid_up_to()),
            Err(_) => return Err(io::ErrorKind::InvalidData.into()),
        };
        self.write_utf8(complete)?;
        for (slot, &byte) in self.pending.iter_mut().zip(rest) {
            *slot = byte;
        }
        self.len = rest.len();
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::FmtWriter;

    struct Split<'a>(&'a [&'a [u8]]);

    impl core::fmt::Display for Split<'_> {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            let mut out = FmtWriter {
                f,
                pending: [0; 4],
                len: 0,
            };
            for part in self.0 {
                out.write_all(part).map_err(|_| core::fmt::Error)?;
            }
            if out.len == 0 {
                Ok(())
            } else {
                Err(core::fmt::Error)
            }
        }
    }

    #[test]
    fn characters_split_across_writes_are_joined() {
        let text = "a—b😀c".as_bytes();
        for at in 0..=text.len() {
            let (left, right) = text.split_at(at);
            assert_eq!(Split(&[left, right]).to_string(), "a—b😀c", "split at {at}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(Split(&bytes).to_string(), "a—b😀c");
    }

    #[test]
    fn invalid_bytes_are_an_error() {
        use core::fmt::Write as _;
        let mut out = String::new();
        assert!(write!(out, "{}", Split(&[b"a\xff"])).is_err());
        assert!(write!(out, "{}", Split(&[b"a\xe2\x80"])).is_err());
    }
}
