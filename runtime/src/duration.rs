//! An exposed `core::time::Duration` field as its member: a number in the
//! field's unit (milliseconds under `retry_after = "ms"`, seconds
//! otherwise), whole when the delay is a whole number of units and a
//! fraction when it is not, read back from any non-negative number.
//!
//! The derive asks the field's type through probes picked by autoref: the
//! `Duration` impls are found first, and any other type (chrono's
//! `Duration`, a type parameter) goes as it is. It writes them only for a
//! type written `Duration` or `Option<…Duration>`; every other field keeps
//! the plain calls.

use core::fmt;
use core::marker::PhantomData;
use core::time::Duration;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::decode::{DecodeErrorKind, RawError};
use crate::retry_after::RetryAfterUnit;
use crate::{FieldVisitor, format::NoneAs};

/// Nanoseconds in one `unit`.
const fn nanos_per(unit: RetryAfterUnit) -> u32 {
    match unit {
        RetryAfterUnit::Seconds => 1_000_000_000,
        RetryAfterUnit::Milliseconds => 1_000_000,
    }
}

/// A delay as a number of `unit`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DurationNumber {
    delay: Duration,
    unit: RetryAfterUnit,
}

impl DurationNumber {
    /// `delay` in `unit`.
    pub const fn new(delay: Duration, unit: RetryAfterUnit) -> Self {
        DurationNumber { delay, unit }
    }
}

impl Serialize for DurationNumber {
    #[allow(
        clippy::cast_precision_loss,
        reason = "a fraction is an `f64`, exact to the nanosecond below about 52 days"
    )]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let per = nanos_per(self.unit);
        let whole = match self.unit {
            RetryAfterUnit::Seconds => u128::from(self.delay.as_secs()),
            RetryAfterUnit::Milliseconds => self.delay.as_millis(),
        };
        let rest = self.delay.subsec_nanos() % per;
        match u64::try_from(whole) {
            Ok(whole) if rest == 0 => serializer.serialize_u64(whole),
            _ => serializer.serialize_f64(whole as f64 + f64::from(rest) / f64::from(per)),
        }
    }
}

/// A non-negative JSON number, as received.
#[derive(Clone, Copy, Debug)]
enum Amount {
    Whole(u64),
    Fraction(f64),
}

impl Amount {
    /// The delay this many `unit`s is, rounded to the nanosecond and
    /// saturating.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the float is non-negative, and `as` saturates"
    )]
    fn delay(self, unit: RetryAfterUnit) -> Duration {
        let of = |whole: u64| match unit {
            RetryAfterUnit::Seconds => Duration::from_secs(whole),
            RetryAfterUnit::Milliseconds => Duration::from_millis(whole),
        };
        match self {
            Amount::Whole(whole) => of(whole),
            Amount::Fraction(value) => {
                let whole = value.trunc();
                let rest = ((value - whole) * f64::from(nanos_per(unit))).round();
                of(whole as u64).saturating_add(Duration::from_nanos(rest as u64))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Number;

        impl Visitor<'_> for Number {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative number")
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Amount, E> {
                Ok(Amount::Whole(value))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Amount, E> {
                u64::try_from(value)
                    .map(Amount::Whole)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
            }

            #[allow(
                clippy::cast_precision_loss,
                reason = "past `u64`, a delay is hundreds of millions of years"
            )]
            fn visit_u128<E: de::Error>(self, value: u128) -> Result<Amount, E> {
                Ok(Amount::Fraction(value as f64))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Amount, E> {
                if value.is_finite() && value >= 0.0 {
                    Ok(Amount::Fraction(value))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(value), &self))
                }
            }
        }

        deserializer.deserialize_any(Number)
    }
}

/// An exposed field, with the unit a `Duration` is written in.
pub struct Member<'a, T: ?Sized>(pub &'a T, pub RetryAfterUnit);

/// The member of a `Duration` field: a number.
pub trait DurationValue {
    /// The number, or an `Option` of it.
    type Value: Serialize;
    /// The member's value.
    fn errbook_value(&self) -> Self::Value;
}

impl DurationValue for Member<'_, Duration> {
    type Value = DurationNumber;

    #[inline]
    fn errbook_value(&self) -> DurationNumber {
        DurationNumber::new(*self.0, self.1)
    }
}

impl DurationValue for Member<'_, Option<Duration>> {
    type Value = Option<DurationNumber>;

    #[inline]
    fn errbook_value(&self) -> Option<DurationNumber> {
        self.0.map(|delay| DurationNumber::new(delay, self.1))
    }
}

/// The member of any other field: the field itself.
pub trait PlainValue<'a> {
    /// The field's type.
    type Value: ?Sized;
    /// The member's value.
    fn errbook_value(&self) -> &'a Self::Value;
}

impl<'a, T: ?Sized> PlainValue<'a> for &Member<'a, T> {
    type Value = T;

    #[inline]
    fn errbook_value(&self) -> &'a T {
        self.0
    }
}

/// A value that may be `None`: an `Option`, or a reference to one.
pub trait MaybeNone {
    /// Whether it is `None`.
    fn is_none(&self) -> bool;
}

impl<T> MaybeNone for Option<T> {
    #[inline]
    fn is_none(&self) -> bool {
        Option::is_none(self)
    }
}

impl<T: MaybeNone + ?Sized> MaybeNone for &T {
    #[inline]
    fn is_none(&self) -> bool {
        (**self).is_none()
    }
}

/// An `Option` field's member, for the value of a probed field: `None`
/// through [`FieldVisitor::visit_none`], as the field or the format says.
#[inline]
pub fn visit_option_value<V, O>(
    visitor: &mut V,
    name: &str,
    value: &O,
    none: Option<NoneAs>,
) -> Result<(), V::Error>
where
    V: FieldVisitor + ?Sized,
    O: MaybeNone + Serialize,
{
    if value.is_none() {
        visitor.visit_none(name, none)
    } else {
        visitor.visit(name, value)
    }
}

/// Reads an exposed field of type `T` back from its member.
pub struct ReadMember<T: ?Sized>(PhantomData<fn() -> T>, RetryAfterUnit);

impl<T: ?Sized> ReadMember<T> {
    /// The reader, with the unit a `Duration` is written in.
    pub const fn new(unit: RetryAfterUnit) -> Self {
        ReadMember(PhantomData, unit)
    }
}

/// A `Duration` field (or an `Option` of one) read from a number.
pub trait ReadDuration {
    /// The field's type.
    type Value;
    /// The member `name`; a missing one reads as `null`.
    fn errbook_member(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Self::Value, DecodeErrorKind>;
    /// The member `name`, `None` when the body has no such member.
    fn errbook_member_present(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Option<Self::Value>, DecodeErrorKind> {
        match raw.member_raw(name) {
            Some(_) => self.errbook_member(raw, name).map(Some),
            None => Ok(None),
        }
    }
}

impl ReadDuration for ReadMember<Duration> {
    type Value = Duration;

    fn errbook_member(&self, raw: &RawError<'_>, name: &str) -> Result<Duration, DecodeErrorKind> {
        raw.member::<Amount>(name)
            .map(|amount| amount.delay(self.1))
    }
}

impl ReadDuration for ReadMember<Option<Duration>> {
    type Value = Option<Duration>;

    fn errbook_member(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Option<Duration>, DecodeErrorKind> {
        raw.member::<Option<Amount>>(name)
            .map(|amount| amount.map(|amount| amount.delay(self.1)))
    }
}

/// Any other field, read with its `Deserialize`.
pub trait ReadPlain {
    /// The field's type.
    type Value;
    /// The member `name`; a missing one reads as `null`.
    fn errbook_member(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Self::Value, DecodeErrorKind>;
    /// The member `name`, `None` when the body has no such member.
    fn errbook_member_present(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Option<Self::Value>, DecodeErrorKind>;
}

impl<T: crate::bounds::ParseMember> ReadPlain for &ReadMember<T> {
    type Value = T;

    #[inline]
    fn errbook_member(&self, raw: &RawError<'_>, name: &str) -> Result<T, DecodeErrorKind> {
        T::__member(raw, name)
    }

    #[inline]
    fn errbook_member_present(
        &self,
        raw: &RawError<'_>,
        name: &str,
    ) -> Result<Option<T>, DecodeErrorKind> {
        T::__member_present(raw, name)
    }
}

/// The schema of a `Duration` field: a number, as `f64`'s (or
/// `Option<f64>`'s), found before `SchemaFromUtoipa` by one more autoref.
#[cfg(feature = "utoipa")]
pub trait SchemaDuration {
    /// The schema as JSON.
    fn errbook_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "utoipa")]
impl SchemaDuration for &&crate::__private::SchemaProbe<Duration> {
    fn errbook_schema(&self) -> Option<serde_json::Value> {
        serde_json::to_value(<f64 as utoipa::PartialSchema>::schema()).ok()
    }
}

#[cfg(feature = "utoipa")]
impl SchemaDuration for &&crate::__private::SchemaProbe<Option<Duration>> {
    fn errbook_schema(&self) -> Option<serde_json::Value> {
        serde_json::to_value(<Option<f64> as utoipa::PartialSchema>::schema()).ok()
    }
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use super::{Amount, DurationNumber};
    use crate::retry_after::RetryAfterUnit::{Milliseconds, Seconds};

    #[test]
    fn whole_units_are_integers_and_the_rest_a_fraction() {
        let json = |delay, unit| serde_json::to_string(&DurationNumber::new(delay, unit)).unwrap();
        assert_eq!(json(Duration::from_secs(2), Seconds), "2");
        assert_eq!(json(Duration::from_millis(2500), Seconds), "2.5");
        assert_eq!(json(Duration::from_millis(2500), Milliseconds), "2500");
        assert_eq!(
            json(Duration::from_micros(1_500_250), Milliseconds),
            "1500.25"
        );
        assert_eq!(json(Duration::from_nanos(1), Seconds), "1e-9");
        assert_eq!(json(Duration::ZERO, Milliseconds), "0");
        assert_eq!(
            json(Duration::from_secs(u64::MAX), Seconds),
            u64::MAX.to_string()
        );
    }

    #[test]
    fn numbers_read_back_to_the_nanosecond() {
        let read = |json: &str, unit| {
            serde_json::from_str::<Amount>(json)
                .map(|amount| amount.delay(unit))
                .ok()
        };
        assert_eq!(read("2", Seconds), Some(Duration::from_secs(2)));
        assert_eq!(read("2.5", Seconds), Some(Duration::from_millis(2500)));
        assert_eq!(read("0.1", Seconds), Some(Duration::from_millis(100)));
        assert_eq!(
            read("1500.25", Milliseconds),
            Some(Duration::from_micros(1_500_250))
        );
        assert_eq!(read("1e-9", Seconds), Some(Duration::from_nanos(1)));
        assert_eq!(read("1e30", Seconds), Some(Duration::from_secs(u64::MAX)));
        assert_eq!(read("-1", Seconds), None);
        assert_eq!(read("-0.5", Milliseconds), None);
        assert_eq!(read("\"2\"", Seconds), None);
        // Every delay under 52 days comes back as it was written.
        for nanos in [1, 999_999_999, 123_456_789, 500_000_001] {
            for secs in [0, 1, 59, 86_400, 4_000_000] {
                for unit in [Seconds, Milliseconds] {
                    let delay = Duration::new(secs, nanos);
                    let json = serde_json::to_string(&DurationNumber::new(delay, unit)).unwrap();
                    assert_eq!(read(&json, unit), Some(delay), "{json}");
                }
            }
        }
    }
}
