//! `Retry-After`: the units of a `retry_after` field, the delay a field
//! says, the field a delay rebuilds, and whole seconds for the header.

use core::time::Duration;

/// The unit of a `retry_after` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfterUnit {
    /// A `Duration`, or a number of seconds.
    Seconds,
    /// A number of milliseconds.
    Milliseconds,
}

/// `Retry-After` delay-seconds: whole seconds, rounded up, saturating.
pub fn whole_seconds(delay: Duration) -> u64 {
    delay
        .as_secs()
        .saturating_add(u64::from(delay.subsec_nanos() > 0))
}

/// A field that can say how long to wait: a `Duration`, an integer or a float
/// in a [`RetryAfterUnit`], or an `Option` of one.
pub trait RetryAfter {
    /// The delay, or `None` for a negative, NaN or absent value.
    fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration>;
}

impl RetryAfter for Duration {
    fn retry_after(&self, _: RetryAfterUnit) -> Option<Duration> {
        Some(*self)
    }
}

impl<T: RetryAfter + ?Sized> RetryAfter for &T {
    fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
        (**self).retry_after(unit)
    }
}

impl<T: RetryAfter> RetryAfter for Option<T> {
    fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
        self.as_ref().and_then(|value| value.retry_after(unit))
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl RetryAfter for $t {
            fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
                let value = u64::try_from(*self).unwrap_or(u64::MAX);
                Some(match unit {
                    RetryAfterUnit::Milliseconds => Duration::from_millis(value),
                    RetryAfterUnit::Seconds => Duration::from_secs(value),
                })
            }
        }
    )*};
}

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl RetryAfter for $t {
            fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
                u64::try_from(*self).ok().and_then(|value| value.retry_after(unit))
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64, u128, usize);
signed!(i8, i16, i32, i64, i128, isize);

impl RetryAfter for f64 {
    fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
        if self.is_nan() || *self < 0.0 {
            return None;
        }
        let secs = match unit {
            RetryAfterUnit::Milliseconds => *self / 1000.0,
            RetryAfterUnit::Seconds => *self,
        };
        Some(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX))
    }
}

impl RetryAfter for f32 {
    fn retry_after(&self, unit: RetryAfterUnit) -> Option<Duration> {
        f64::from(*self).retry_after(unit)
    }
}

/// A field that can be set from a `Retry-After` delay when parsing: the
/// inverse of [`RetryAfter`].
pub trait FromRetryAfter: Sized {
    /// The field's value for `delay` in `unit`.
    fn from_retry_after(delay: Duration, unit: RetryAfterUnit) -> Self;
}

impl FromRetryAfter for Duration {
    fn from_retry_after(delay: Duration, _: RetryAfterUnit) -> Self {
        delay
    }
}

impl<T: FromRetryAfter> FromRetryAfter for Option<T> {
    fn from_retry_after(delay: Duration, unit: RetryAfterUnit) -> Self {
        Some(T::from_retry_after(delay, unit))
    }
}

macro_rules! from_retry_after_int {
    ($($t:ty),*) => {$(
        impl FromRetryAfter for $t {
            fn from_retry_after(delay: Duration, unit: RetryAfterUnit) -> Self {
                let value = match unit {
                    RetryAfterUnit::Milliseconds => delay.as_millis(),
                    RetryAfterUnit::Seconds => u128::from(delay.as_secs()),
                };
                <$t>::try_from(value).unwrap_or(<$t>::MAX)
            }
        }
    )*};
}

from_retry_after_int!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize
);

impl FromRetryAfter for f64 {
    fn from_retry_after(delay: Duration, unit: RetryAfterUnit) -> Self {
        match unit {
            RetryAfterUnit::Milliseconds => delay.as_secs_f64() * 1000.0,
            RetryAfterUnit::Seconds => delay.as_secs_f64(),
        }
    }
}

impl FromRetryAfter for f32 {
    #[allow(clippy::cast_possible_truncation)]
    fn from_retry_after(delay: Duration, unit: RetryAfterUnit) -> Self {
        f64::from_retry_after(delay, unit) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_seconds_round_up_and_saturate() {
        assert_eq!(whole_seconds(Duration::from_millis(0)), 0);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_secs(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
        assert_eq!(whole_seconds(Duration::MAX), u64::MAX);
    }

    #[test]
    fn numbers_in_units() {
        assert_eq!(
            1500u64.retry_after(RetryAfterUnit::Milliseconds),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            3u8.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::from_secs(3))
        );
        assert_eq!((-1i32).retry_after(RetryAfterUnit::Seconds), None);
        assert_eq!(
            u128::MAX.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            1.25f64.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::from_millis(1250))
        );
        assert_eq!(f64::NAN.retry_after(RetryAfterUnit::Seconds), None);
        assert_eq!(
            f64::INFINITY.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::MAX)
        );
        assert_eq!(
            Some(5u32).retry_after(RetryAfterUnit::Seconds),
            Some(Duration::from_secs(5))
        );
        assert_eq!(None::<u32>.retry_after(RetryAfterUnit::Seconds), None);
    }
}
