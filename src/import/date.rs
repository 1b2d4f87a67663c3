//! Partner Center date/time strings: with or without offset, 0–7 fractional digits,
//! date-only, and the `0001-01-01T00:00:00` "never" sentinel.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::domain::model::Timestamp;

/// The earliest plausible processed date (Partner Center's insights are much younger).
pub const EARLIEST: Timestamp = chrono::DateTime::from_timestamp_nanos(946_684_800_000_000_000);

/// Parses a processed date. `Ok(None)` is the "no date" sentinel (year 1).
pub fn parse(raw: &str) -> Result<Option<Timestamp>, String> {
    let s = raw.trim();
    // The usual form of a month or a day, read by hand (an Insights download has one per row).
    if let Some(d) = iso_date(s) {
        return Ok((d > year_one()).then(|| d.and_time(Default::default()).and_utc()));
    }
    let parsed = DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%#z").map(|d| d.to_utc()))
        .or_else(|_| naive(s).map(|n| n.and_utc()));
    match parsed {
        Ok(t) if t.date_naive() <= year_one() => Ok(None),
        Ok(t) => Ok(Some(t)),
        Err(_) => Err(format!(
            "cannot read date {} (expected e.g. 2025-06-14T03:25:16.36+00:00)",
            crate::text::quote(s)
        )),
    }
}

/// Dates up to this one are the "no date" sentinel (year 1, in any time zone).
fn year_one() -> NaiveDate {
    NaiveDate::from_ymd_opt(1, 1, 2).expect("valid date")
}

fn naive(s: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(Default::default()))
        })
}

/// A `yyyy-mm-dd` date read by hand (chrono's format parser costs a tenth of reading a Graph
/// report, which has a date per user and workload); `None` for anything else or an
/// impossible date.
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Parses a month: `2025-05-01`, `2025-05`, `2025/05/01`, `5/1/2025`, `01.05.2025`, `202505`,
/// or a date-time.
pub(super) fn month(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(Some(t)) = parse(s) {
        return Some(t.date_naive());
    }
    for fmt in [
        "%Y/%m/%d",
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%Y-%m-%d %H:%M:%S",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %I:%M:%S %p",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d.date());
        }
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let (y, m) = match (s.len(), digits.len()) {
        (7, 6) => (digits[..4].parse().ok()?, digits[4..].parse().ok()?), // 2025-05
        (6, 6) => (digits[..4].parse().ok()?, digits[4..].parse().ok()?), // 202505
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// A month of Insights data is as of its last day, or of `today` while the month runs (the
/// download of a month in progress is as of the day it was made, never in the future).
pub(super) fn month_as_of(day: NaiveDate, today: NaiveDate) -> NaiveDate {
    month_end(day).min(today.max(day))
}

/// The last day of `day`'s month.
fn month_end(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let (y, m) = (day.year(), day.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The hand-read date agrees with chrono's `%Y-%m-%d`: on every canonical form, and
        /// whenever it reads one at all (chrono also takes looser forms, `    0-1- 1`, which
        /// callers still hand to it).
        #[test]
        fn iso_date_agrees_with_chrono(
            canonical in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            noise in "[0-9 +-]{10}|[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}"
        ) {
            let chrono = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(iso_date(&canonical), chrono(&canonical));
            // `parse` reads that form by hand: what chrono reads, year 1 as no date, the
            // rest an error.
            let expected = match chrono(&canonical) {
                Some(d) if d <= year_one() => Ok(None),
                Some(d) => Ok(Some(d.and_hms_opt(0, 0, 0).unwrap().and_utc())),
                None => Err(()),
            };
            proptest::prop_assert_eq!(parse(&canonical).map_err(drop), expected);
            proptest::prop_assert_eq!(
                month(&canonical),
                chrono(&canonical).filter(|d| *d > year_one())
            );
            if let Some(d) = iso_date(&noise) {
                proptest::prop_assert_eq!(Some(d), chrono(&noise));
            }
        }
    }

    fn iso(raw: &str) -> String {
        parse(raw).unwrap().unwrap().to_rfc3339()
    }

    #[test]
    fn accepts_the_documented_variants() {
        let cases = [
            (
                "2017-03-14T03:25:16.36+00:00",
                "2017-03-14T03:25:16.360+00:00",
            ),
            ("2017-03-09T00:00:00+00:00", "2017-03-09T00:00:00+00:00"),
            ("2018-10-14T00:00:00", "2018-10-14T00:00:00+00:00"),
            ("2018-10-14T00:00:00Z", "2018-10-14T00:00:00+00:00"),
            (
                "2025-06-14T03:25:16.1234567Z",
                "2025-06-14T03:25:16.123456700+00:00",
            ),
            (
                "2025-06-14T03:25:16.1234567",
                "2025-06-14T03:25:16.123456700+00:00",
            ),
            ("2025-06-14T05:25:16+02:00", "2025-06-14T03:25:16+00:00"),
            (
                "2025-06-14T05:25:16.5+0200",
                "2025-06-14T03:25:16.500+00:00",
            ),
            ("2025-06-14", "2025-06-14T00:00:00+00:00"),
            ("2025-06-14 03:25:16", "2025-06-14T03:25:16+00:00"),
        ];
        for (raw, want) in cases {
            assert_eq!(iso(raw), want, "{raw}");
        }
    }

    #[test]
    fn year_one_is_no_date() {
        assert_eq!(parse("0001-01-01T00:00:00").unwrap(), None);
    }

    #[test]
    fn garbage_is_an_error_quoting_the_value() {
        let err = parse("14/06/2025").unwrap_err();
        assert!(err.contains("\"14/06/2025\""), "{err}");
    }

    #[test]
    fn months_in_the_formats_seen() {
        let may = NaiveDate::from_ymd_opt(2025, 5, 1);
        for raw in [
            "2025-05-01",
            "2025-05",
            "2025/05/01",
            "5/1/2025",
            "01.05.2025",
            "202505",
            "2025-05-01T00:00:00Z",
            "5/1/2025 12:00:00 AM",
        ] {
            assert_eq!(month(raw), may, "{raw}");
        }
        assert_eq!(month("May"), None);
    }

    #[test]
    fn a_month_is_as_of_its_end_or_of_today_while_it_runs() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-12-10");
        assert_eq!(month_as_of(d("2026-11-01"), today), d("2026-11-30"));
        assert_eq!(month_as_of(d("2024-02-01"), today), d("2024-02-29"));
        assert_eq!(month_as_of(d("2026-12-01"), today), d("2026-12-10"));
        assert_eq!(
            month_as_of(d("2026-12-31"), today),
            d("2026-12-31"),
            "never before the row's own day"
        );
    }
}
