//! A report row's dates, serialized as chrono writes them (`2026-11-30`) without going through
//! `fmt`: a tenant's rows are encoded once to fingerprint them (see [`super::settle`]), twelve
//! dates a user, and formatting was a few percent of reading a portfolio's Graph folders.

use chrono::{Datelike, NaiveDate};
use serde::ser::{SerializeTuple, Serializer};

/// Serializes six dates as `[Option<NaiveDate>; 6]` does, to the same bytes and text.
pub(super) fn serialize<S: Serializer>(
    days: &[Option<NaiveDate>; 6],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut t = s.serialize_tuple(days.len())?;
    for day in days {
        t.serialize_element(&day.map(Day))?;
    }
    t.end()
}

/// One date, written `YYYY-MM-DD` by hand for the years chrono writes with four digits and no
/// sign (0 to 9999), else by chrono itself.
#[derive(Clone, Copy)]
struct Day(NaiveDate);

impl serde::Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let Ok(year) = u32::try_from(d.year()) else {
            return d.serialize(s);
        };
        if year > 9999 {
            return d.serialize(s);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (m, day) = (d.month(), d.day());
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        // Digits and dashes only: always UTF-8.
        s.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Plain([Option<NaiveDate>; 6]);

    #[derive(serde::Serialize)]
    struct Fast(#[serde(serialize_with = "serialize")] [Option<NaiveDate>; 6]);

    /// Every date chrono can hold, sampled across its range (negative years, years before 1000
    /// and after 9999 included), and none: the same bytes (postcard) and text (JSON) as chrono.
    #[test]
    fn dates_serialize_as_chrono_writes_them() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (min, max) = (
            NaiveDate::MIN.num_days_from_ce(),
            NaiveDate::MAX.num_days_from_ce(),
        );
        let span = (max - min) as u64 + 1;
        let mut near = |n: u64| {
            // Half anywhere, half within a few thousand years of now.
            let day = if n.is_multiple_of(2) {
                min + (next() % span) as i32
            } else {
                730_000 - 1_500_000 + (next() % 3_000_000) as i32
            };
            NaiveDate::from_num_days_from_ce_opt(day)
        };
        for round in 0..20_000u64 {
            let mut days = [None; 6];
            for (i, d) in days.iter_mut().enumerate() {
                *d = if (round + i as u64).is_multiple_of(5) {
                    None
                } else {
                    near(round + i as u64)
                };
            }
            let (plain, fast) = (Plain(days), Fast(days));
            assert_eq!(
                postcard::to_allocvec(&plain).unwrap(),
                postcard::to_allocvec(&fast).unwrap(),
                "{days:?}"
            );
            assert_eq!(
                serde_json::to_string(&plain).unwrap(),
                serde_json::to_string(&fast).unwrap(),
                "{days:?}"
            );
        }
        for edge in [
            "0000-01-01",
            "0999-12-31",
            "1000-01-01",
            "9999-12-31",
            "2024-02-29",
        ] {
            let d: NaiveDate = edge.parse().unwrap();
            let fast = serde_json::to_string(&Fast([Some(d); 6])).unwrap();
            assert!(fast.contains(edge), "{fast}");
        }
    }
}
