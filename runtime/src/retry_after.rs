//! `Retry-After`: the units of a `retry_after` field, the delay a field
//! says, the field a delay rebuilds, whole seconds for the header, and the
//! delay a received header asks for (delay-seconds or an HTTP-date).

use core::time::Duration;
use std::time::SystemTime;

use http::HeaderMap;

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
        let delay = Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX);
        // Nanoseconds cannot hold every float: a delay that came out
        // shorter than asked (1e-300 s is no nanosecond at all) gets one
        // more, so that whole seconds still round it up.
        if delay.as_secs_f64() < secs || (delay.is_zero() && *self > 0.0) {
            Some(delay.saturating_add(Duration::from_nanos(1)))
        } else {
            Some(delay)
        }
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

/// The delay a `Retry-After` header asks for: delay-seconds, or an
/// IMF-fixdate HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`) counted from
/// `now` (a date in the past is no delay). Anything else is ignored.
pub fn from_headers(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = http_date(value)?;
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the Unix epoch of an IMF-fixdate.
fn http_date(text: &str) -> Option<u64> {
    let mut words = text.split_ascii_whitespace();
    let weekday = words.next()?;
    if weekday.len() != 4 || !weekday.ends_with(',') {
        return None;
    }
    let day: u64 = words.next()?.parse().ok()?;
    let month = match words.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = words.next()?.parse().ok()?;
    let mut clock = words.next()?.split(':');
    let hour: u64 = clock.next()?.parse().ok()?;
    let minute: u64 = clock.next()?.parse().ok()?;
    let second: u64 = clock.next()?.parse().ok()?;
    if words.next()? != "GMT" || words.next().is_some() || clock.next().is_some() {
        return None;
    }
    // Years past 9999 are not HTTP-dates, and would overflow below.
    if !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
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
            0.0f64.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::ZERO)
        );
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

    #[test]
    fn float_delays_round_up_to_a_whole_second() {
        for (value, unit) in [
            (1e-300, RetryAfterUnit::Seconds),
            (f64::from_bits(1), RetryAfterUnit::Seconds),
            (f64::from_bits(1), RetryAfterUnit::Milliseconds),
            (1e-7, RetryAfterUnit::Milliseconds),
        ] {
            let delay = value.retry_after(unit).unwrap();
            assert_eq!(whole_seconds(delay), 1, "{value:e} in {unit:?}");
        }
        // Just above a whole second, below a nanosecond's precision.
        let delay = 1.000_000_000_01f64.retry_after(RetryAfterUnit::Seconds);
        assert_eq!(delay.map(whole_seconds), Some(2));
        let delay = 1e-30f32.retry_after(RetryAfterUnit::Seconds);
        assert_eq!(delay.map(whole_seconds), Some(1));
        assert_eq!(
            2.0f64.retry_after(RetryAfterUnit::Seconds),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        for bad in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 01 Jan 584554051224 00:00:00 GMT",
            "Sun, 01 Jan 18446744073709551615 00:00:00 GMT",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let mut headers = HeaderMap::new();
        assert_eq!(from_headers(&headers, now), None);
        headers.insert(http::header::RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(from_headers(&headers, now), Some(Duration::from_secs(120)));
        headers.insert(
            http::header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:50:37 GMT".parse().unwrap(),
        );
        assert_eq!(from_headers(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(
            http::header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(from_headers(&headers, now), Some(Duration::ZERO));
        headers.insert(
            http::header::RETRY_AFTER,
            "99999999999999999999999".parse().unwrap(),
        );
        assert_eq!(
            from_headers(&headers, now),
            Some(Duration::from_secs(u64::MAX))
        );
        headers.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(from_headers(&headers, now), None);
    }
}
