//! Partner Center date/time strings: with or without offset, 0–7 fractional digits,
//! date-only, and the `0001-01-01T00:00:00` "never" sentinel.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::domain::model::Timestamp;

/// The earliest plausible processed date (Partner Center's insights are much younger).
pub const EARLIEST: Timestamp = chrono::DateTime::from_timestamp_nanos(946_684_800_000_000_000);

/// Parses a processed date. `Ok(None)` is the "no date" sentinel (year 1).
pub fn parse(raw: &str) -> Result<Option<Timestamp>, String> {
    let s = raw.trim();
    let parsed = DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%#z").map(|d| d.to_utc()))
        .or_else(|_| naive(s).map(|n| n.and_utc()));
    match parsed {
        Ok(t) if t.date_naive() <= NaiveDate::from_ymd_opt(1, 1, 2).expect("valid date") => {
            Ok(None)
        }
        Ok(t) => Ok(Some(t)),
        Err(_) => Err(format!(
            "cannot read date {} (expected e.g. 2025-06-14T03:25:16.36+00:00)",
            crate::text::quote(s)
        )),
    }
}

fn naive(s: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(Default::default()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
