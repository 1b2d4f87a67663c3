//! How numbers, percentages and dates are written for people (screen and `show` text).
//! JSON output never goes through here: it carries full-precision numbers.

use crate::domain::model::Timestamp;
use crate::i18n::{Lang, Msg};
use crate::tr;

/// The decimal separator: `92.5` / `92,5`.
fn decimal_mark(lang: Lang) -> char {
    match lang {
        Lang::De => ',',
        Lang::En | Lang::ZhTw => '.',
    }
}

/// The thousands separator: `1,284` / `1.284`.
fn group_mark(lang: Lang) -> char {
    match lang {
        Lang::De => '.',
        Lang::En | Lang::ZhTw => ',',
    }
}

/// A number and the percent sign: `92.5%`, German `92,5 %` (DIN 5008), Chinese `92.5%`.
fn with_percent_sign(lang: Lang, number: &str) -> String {
    match lang {
        Lang::De => format!("{number} %"),
        Lang::En | Lang::ZhTw => format!("{number}%"),
    }
}

/// `value` with `decimals` fraction digits and the language's decimal mark.
fn fixed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match decimal_mark(lang) {
        '.' => text,
        mark => text.replace('.', &mark.to_string()),
    }
}

/// A percentage for display: whole numbers, except where rounding would cross 0 or 100 and so
/// change the meaning (`0.3` → `<1%`, `99.7` → `99.7%`, `100.2` → `100.2%`). `None` is `n/a`.
pub fn percent(lang: Lang, p: Option<f64>) -> String {
    let Some(p) = p else {
        return tr!(lang, Na).to_string();
    };
    if p > 0.0 && p < 0.5 {
        return with_percent_sign(lang, "<1");
    }
    if p > 99.5 && p < 100.0 {
        return with_percent_sign(lang, &fixed(lang, (p * 10.0).floor() / 10.0, 1));
    }
    if p > 100.0 && p < 100.5 {
        return with_percent_sign(lang, &fixed(lang, (p * 10.0).ceil() / 10.0, 1));
    }
    with_percent_sign(lang, &fixed(lang, p.round(), 0))
}

/// A percentage compared with a limit (`limit`: the figure it is measured against): as
/// [`percent`], with one decimal where the whole number would read as the limit itself
/// ("49.6% is below 50%", never "50% is below 50%").
pub fn percent_against(lang: Lang, p: f64, limit: f64) -> String {
    if p == limit || p.round() != limit.round() || !(1.0..=99.0).contains(&p) {
        return percent(lang, Some(p));
    }
    let tenths = if p < limit {
        (p * 10.0).floor()
    } else {
        (p * 10.0).ceil()
    };
    with_percent_sign(lang, &fixed(lang, tenths / 10.0, 1))
}

/// A compact whole percentage for narrow columns: never rounds across 0 or 100 (`<1%`,
/// `99%`, `100%` for 100.4), `n/a` in its short form.
pub fn percent_short(lang: Lang, p: Option<f64>) -> String {
    match p {
        None => tr!(lang, NaShort).to_string(),
        Some(p) if p > 0.0 && p < 0.5 => with_percent_sign(lang, "<1"),
        Some(p) if p > 99.0 && p < 100.0 => with_percent_sign(lang, "99"),
        Some(p) => with_percent_sign(lang, &fixed(lang, p.round(), 0)),
    }
}

/// A configured limit as a percentage, exactly as configured: `50%`, `92,5 %`.
pub fn limit(lang: Lang, value: f64) -> String {
    with_percent_sign(lang, &number(lang, value))
}

/// A plain number as given, with the language's marks: `30`, `1,284`, `12.5` / `12,5`,
/// `81.63` / `81,63`.
pub fn number(lang: Lang, value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return count_signed(lang, value as i64);
    }
    let text = value.to_string();
    match decimal_mark(lang) {
        '.' => text,
        mark => text.replace('.', &mark.to_string()),
    }
}

fn count_signed(lang: Lang, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", count(lang, n.unsigned_abs()))
}

/// A count grouped by thousands: `1,284` (English, Chinese), `1.284` (German).
pub fn count(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let mark = group_mark(lang);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(ch);
    }
    out
}

/// Money: `€1,234.56` (English), `1.234,56 €` (German, DIN 5008), `€1,234.56` (Chinese);
/// the yen without cents. The amount is exact (cents, no float).
pub fn money(lang: Lang, m: crate::domain::commerce::Money) -> String {
    let (whole, cents) = (m.cents / 100, m.cents % 100);
    let number = if m.currency.code == "JPY" {
        count(lang, whole + u64::from(cents >= 50))
    } else {
        format!("{}{}{cents:02}", count(lang, whole), decimal_mark(lang))
    };
    match lang {
        Lang::De => format!("{number}\u{a0}{}", m.currency.symbol),
        Lang::En | Lang::ZhTw => format!("{}{number}", m.currency.symbol),
    }
}

/// A price as configured: cents, and up to four more digits where the price has them
/// (`€33.70`, `€33.705`, `€0.004`).
pub fn price(lang: Lang, p: crate::domain::commerce::Price) -> String {
    let (whole, micros) = (p.micros / 1_000_000, p.micros % 1_000_000);
    let mut frac = format!("{micros:06}");
    while frac.len() > 2 && frac.ends_with('0') {
        frac.pop();
    }
    let number = format!("{}{}{frac}", count(lang, whole), decimal_mark(lang));
    match lang {
        Lang::De => format!("{number}\u{a0}{}", p.currency.symbol),
        Lang::En | Lang::ZhTw => format!("{}{number}", p.currency.symbol),
    }
}

/// A money figure for a narrow column, never cut and never wrong: whole units up to 9,999
/// (`€741`, `€9,999`), above that three significant digits and a scale (`€117k`, `€1.25M`;
/// German `117\u{a0}Tsd.\u{a0}€`). Rounded half up at the last digit shown, never truncated.
pub fn money_compact(lang: Lang, m: crate::domain::commerce::Money) -> String {
    let cents = u128::from(m.cents);
    let units = (cents + 50) / 100;
    let number = if units < 10_000 {
        count(lang, units as u64)
    } else {
        let scales: [(u128, &str, &str); 5] = [
            (1_000, "k", "\u{a0}Tsd."),
            (1_000_000, "M", "\u{a0}Mio."),
            (1_000_000_000, "B", "\u{a0}Mrd."),
            (1_000_000_000_000, "T", "\u{a0}Bio."),
            (1_000_000_000_000_000, "Q", "\u{a0}Brd."),
        ];
        let mut out = String::new();
        for (scale, en, de) in scales {
            let unit = scale * 100; // in cents
            let decimals: u32 = if cents < 10 * unit {
                2
            } else if cents < 100 * unit {
                1
            } else {
                0
            };
            let pow = 10u128.pow(decimals);
            let r = (cents * pow + unit / 2) / unit;
            if decimals == 0 && r >= 1000 && scale < 1_000_000_000_000_000 {
                continue;
            }
            let whole = count(lang, (r / pow) as u64);
            let frac = if decimals == 0 {
                String::new()
            } else {
                format!(
                    "{}{:0width$}",
                    decimal_mark(lang),
                    r % pow,
                    width = decimals as usize
                )
            };
            let suffix = if lang == Lang::De { de } else { en };
            out = format!("{whole}{frac}{suffix}");
            break;
        }
        out
    };
    match lang {
        Lang::De => format!("{number}\u{a0}{}", m.currency.symbol),
        Lang::En | Lang::ZhTw => format!("{}{number}", m.currency.symbol),
    }
}

/// A year of a monthly amount.
pub fn per_year(m: crate::domain::commerce::Money) -> crate::domain::commerce::Money {
    crate::domain::commerce::Money {
        cents: m.cents.saturating_mul(12),
        ..m
    }
}

/// `1 warning`, `3 warnings`: a count in the catalogue's singular or plural form (English and
/// German; Chinese has one form, so both keys read alike).
pub fn plural(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    let msg = if n == 1 { one } else { many };
    lang.fill(msg, &[("n", &count(lang, n as u64))])
}

/// A change in percentage points: `▲ +7`, `▼ −12`, `= 0`.
pub fn delta(points: f64) -> String {
    let rounded = points.round();
    if rounded > 0.0 {
        format!("▲ +{rounded:.0}")
    } else if rounded < 0.0 {
        format!("▼ −{:.0}", -rounded)
    } else {
        "= 0".to_string()
    }
}

/// A sparkline of percentages (n/a is a gap), scaled to 100 % or the largest value.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = values.iter().flatten().fold(100.0_f64, |a, b| a.max(*b));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) => BARS[((v / top) * 7.0).round().clamp(0.0, 7.0) as usize],
        })
        .collect()
}

/// A calendar date: `2025-06-14` (English, ISO 8601), `14.06.2025`, `2025/06/14`.
pub fn date(lang: Lang, t: Timestamp) -> String {
    let pattern = match lang {
        Lang::En => "%Y-%m-%d",
        Lang::De => "%d.%m.%Y",
        Lang::ZhTw => "%Y/%m/%d",
    };
    t.format(pattern).to_string()
}

/// `5 days old`, `today`, `1 day old`.
pub fn age(lang: Lang, days: i64) -> String {
    match days {
        i64::MIN..=0 => tr!(lang, Today).to_string(),
        d => plural(lang, d as usize, Msg::DayOld, Msg::DaysOld),
    }
}

/// `deployment as of 2025-06-14 (5 days old)` (`key`, with `{when}`), or `absent` (e.g. "no
/// deployment data") when the data holds no rows of that source at all.
pub fn source_as_of(
    lang: Lang,
    (key, absent): (Msg, Msg),
    present: bool,
    t: Option<Timestamp>,
    now: Timestamp,
) -> String {
    if present {
        lang.fill(key, &[("when", &as_of(lang, t, now))])
    } else {
        lang.get(absent).to_string()
    }
}

/// `2025-06-14 (5 days old)`, or a note that the export carries no date.
pub fn as_of(lang: Lang, t: Option<Timestamp>, now: Timestamp) -> String {
    match t {
        // A clock or an export ahead of today: never "today".
        Some(t) if t.date_naive() > now.date_naive() => tr!(
            lang,
            AgeAsOf,
            date = date(lang, t),
            age = tr!(lang, FutureDated)
        ),
        // Calendar days between the dates shown: two sources of one day, processed at 00:00
        // and 03:00, are the same age.
        Some(t) => tr!(
            lang,
            AgeAsOf,
            date = date(lang, t),
            age = age(lang, (now.date_naive() - t.date_naive()).num_days())
        ),
        None => tr!(lang, DateUnknown).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_never_reads_as_the_limit_it_is_compared_with() {
        let en = |p: f64, limit: f64| percent_against(Lang::En, p, limit);
        assert_eq!(en(49.6, 50.0), "49.6%");
        assert_eq!(en(49.96, 50.0), "49.9%", "never rounded up to the limit");
        assert_eq!(en(50.3, 50.0), "50.3%");
        assert_eq!(en(50.04, 50.0), "50.1%", "above: never rounded down to it");
        assert_eq!(en(50.0, 50.0), "50%");
        assert_eq!(en(48.6, 50.0), "49%", "another whole number: as always");
        assert_eq!(percent_against(Lang::De, 79.7, 80.0), "79,7 %");
    }

    #[test]
    fn percent_rounding_never_crosses_0_or_100() {
        let cases = [
            (None, "n/a"),
            (Some(0.0), "0%"),
            (Some(0.3), "<1%"),
            (Some(0.5), "1%"),
            (Some(65.333), "65%"),
            (Some(92.5), "93%"),
            (Some(99.4), "99%"),
            (Some(99.96), "99.9%"),
            (Some(100.0), "100%"),
            (Some(100.02), "100.1%"),
            (Some(100.5), "101%"),
            (Some(113.333), "113%"),
            (Some(250.0), "250%"),
        ];
        for (p, want) in cases {
            assert_eq!(percent(Lang::En, p), want, "{p:?}");
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(Lang::En, 0), "0");
        assert_eq!(count(Lang::En, 999), "999");
        assert_eq!(count(Lang::En, 1284), "1,284");
        assert_eq!(count(Lang::En, 1_000_000), "1,000,000");
        assert_eq!(count(Lang::De, 1284), "1.284");
        assert_eq!(count(Lang::De, 1_000_000), "1.000.000");
        assert_eq!(count(Lang::ZhTw, 1284), "1,284");
    }

    #[test]
    fn deltas_and_sparklines() {
        assert_eq!(delta(6.6), "▲ +7");
        assert_eq!(delta(-12.2), "▼ −12");
        assert_eq!(delta(0.3), "= 0");
        assert_eq!(
            sparkline(&[Some(0.0), Some(50.0), None, Some(100.0)]),
            "▁▅ █"
        );
        assert_eq!(
            sparkline(&[Some(100.0), Some(200.0)]),
            "▅█",
            "scaled to the largest above 100"
        );
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(Lang::En, 0), "today");
        assert_eq!(age(Lang::En, -2), "today");
        assert_eq!(age(Lang::En, 1), "1 day old");
        assert_eq!(age(Lang::En, 5), "5 days old");
        assert_eq!(age(Lang::De, 1), "1 Tag alt");
        assert_eq!(age(Lang::De, 5), "5 Tage alt");
        assert_eq!(age(Lang::ZhTw, 5), "5 天前");
        assert_eq!(age(Lang::ZhTw, 0), "今天");
    }

    /// Two dates of one day are the same age, whatever their hours (user test: 00:00 and
    /// 03:00 of one day were 5 and 4 days old).
    #[test]
    fn an_age_counts_calendar_days() {
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let now = at("2026-12-20T00:00:00Z");
        for t in [
            "2026-12-15T00:00:00Z",
            "2026-12-15T03:00:00Z",
            "2026-12-15T23:59:00Z",
        ] {
            assert!(
                as_of(Lang::En, Some(at(t)), now).ends_with("(5 days old)"),
                "{t}"
            );
        }
        let late = at("2026-12-20T23:00:00Z");
        assert!(as_of(Lang::En, Some(at("2026-12-19T23:30:00Z")), late).ends_with("(1 day old)"));
    }
}

#[cfg(test)]
mod lang_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn percentages_follow_the_language() {
        let cases = [
            (Some(92.0), "92%", "92 %", "92%"),
            (Some(99.96), "99.9%", "99,9 %", "99.9%"),
            (Some(100.02), "100.1%", "100,1 %", "100.1%"),
            (Some(0.3), "<1%", "<1 %", "<1%"),
            (Some(113.333), "113%", "113 %", "113%"),
            (None, "n/a", "n. v.", "不適用"),
        ];
        for (p, en, de, zh) in cases {
            assert_eq!(percent(Lang::En, p), en, "{p:?}");
            assert_eq!(percent(Lang::De, p), de, "{p:?}");
            assert_eq!(percent(Lang::ZhTw, p), zh, "{p:?}");
        }
        assert_eq!(percent_short(Lang::De, Some(100.4)), "100 %");
        assert_eq!(percent_short(Lang::En, Some(99.6)), "99%");
        assert_eq!(percent_short(Lang::ZhTw, None), "無");
        // Over 100 %, the list's figure is the detail's, rounded (the `!` beside it marks
        // anything over 100): 100.79 % is 101 %, never 100 % (a user test found 118 rows).
        assert_eq!(percent_short(Lang::En, Some(100.79)), "101%");
        assert_eq!(percent_short(Lang::En, Some(100.5)), "101%");
        for hundredths in 10_050..100_000 {
            let p = f64::from(hundredths) / 100.0;
            assert_eq!(
                percent_short(Lang::En, Some(p)),
                format!("{}%", p.round()),
                "{p}"
            );
        }
    }

    #[test]
    fn limits_and_numbers_keep_their_decimals() {
        assert_eq!(limit(Lang::En, 92.5), "92.5%");
        assert_eq!(limit(Lang::De, 92.5), "92,5 %");
        assert_eq!(limit(Lang::ZhTw, 50.0), "50%");
        assert_eq!(number(Lang::De, 12.5), "12,5");
        assert_eq!(number(Lang::De, 1284.0), "1.284");
        assert_eq!(number(Lang::En, -20.0), "-20");
        assert_eq!(number(Lang::De, 81.63), "81,63");
    }

    #[test]
    fn money_follows_the_language() {
        use crate::domain::commerce::{Currency, Money};
        let m = |cents, code| Money {
            cents,
            currency: Currency::parse(code).unwrap(),
        };
        let table = [
            (Lang::En, m(123_456, "EUR"), "€1,234.56"),
            (Lang::De, m(123_456, "EUR"), "1.234,56\u{a0}€"),
            (Lang::ZhTw, m(123_456, "EUR"), "€1,234.56"),
            (Lang::ZhTw, m(4_050_000, "TWD"), "NT$40,500.00"),
            (Lang::De, m(5, "USD"), "0,05\u{a0}US$"),
            (Lang::En, m(0, "GBP"), "£0.00"),
            (Lang::En, m(123_450, "JPY"), "¥1,235"),
            (Lang::De, m(100_000_000, "CHF"), "1.000.000,00\u{a0}CHF"),
        ];
        for (lang, money, want) in table {
            assert_eq!(super::money(lang, money), want, "{lang:?}");
        }
        assert_eq!(super::per_year(m(3370, "EUR")).cents, 40_440);
    }

    #[test]
    fn dates_follow_the_language() {
        let t = chrono::Utc
            .with_ymd_and_hms(2025, 6, 14, 3, 25, 16)
            .unwrap();
        assert_eq!(date(Lang::En, t), "2025-06-14");
        assert_eq!(date(Lang::De, t), "14.06.2025");
        assert_eq!(date(Lang::ZhTw, t), "2025/06/14");
        let now = t + chrono::TimeDelta::days(5);
        assert_eq!(as_of(Lang::En, Some(t), now), "2025-06-14 (5 days old)");
        assert_eq!(as_of(Lang::De, Some(t), now), "14.06.2025 (5 Tage alt)");
        assert_eq!(as_of(Lang::ZhTw, Some(t), now), "2025/06/14（5 天前）");
        assert_eq!(as_of(Lang::De, None, now), "Datum unbekannt");
    }

    #[test]
    fn future_dates_are_not_today() {
        let now: Timestamp = "2025-06-19T12:00:00Z".parse().unwrap();
        let later: Timestamp = "2025-06-21T00:00:00Z".parse().unwrap();
        let earlier_today: Timestamp = "2025-06-19T01:00:00Z".parse().unwrap();
        assert_eq!(
            as_of(Lang::En, Some(later), now),
            "2025-06-21 (dated in the future)"
        );
        assert_eq!(
            as_of(Lang::En, Some(earlier_today), now),
            "2025-06-19 (today)"
        );
    }

    /// Reads a compact figure back (English) into cents, and the half-width of its last digit.
    fn read_back(text: &str) -> (f64, f64) {
        let body = text.trim_start_matches('€');
        let (num, scale) = match body.chars().last().unwrap() {
            'k' => (&body[..body.len() - 1], 1e3),
            'M' => (&body[..body.len() - 1], 1e6),
            'B' => (&body[..body.len() - 1], 1e9),
            'T' => (&body[..body.len() - 1], 1e12),
            'Q' => (&body[..body.len() - 1], 1e15),
            _ => (body, 1.0),
        };
        let num = num.replace(',', "");
        let decimals = num.split('.').nth(1).map_or(0, str::len);
        let value: f64 = num.parse().unwrap();
        let half = 0.5 * scale / 10f64.powi(decimals as i32);
        (value * scale * 100.0, half * 100.0)
    }

    #[test]
    fn compact_money_is_never_cut_and_never_wrong() {
        let eur = crate::domain::commerce::Currency::parse("EUR").unwrap();
        let mut cents = 1u64;
        let mut seen = Vec::new();
        // Amounts of every magnitude, including the edges where a scale rolls over.
        let mut amounts = vec![0, 49, 50, 74_080, 999_949, 999_950, 11_690_900, 99_999_999];
        amounts.extend([
            99_950_000,
            99_949_999,
            142_800,
            9_999_499_999,
            u64::MAX / 1000,
        ]);
        while cents < u64::MAX / 30 {
            amounts.push(cents);
            amounts.push(cents * 7 + 3);
            cents = cents * 13 + 1;
        }
        for c in amounts {
            let m = crate::domain::commerce::Money {
                cents: c,
                currency: eur,
            };
            let text = money_compact(Lang::En, m);
            assert!(!text.contains('…'), "{c}: {text}");
            assert!(crate::text::width(&text) <= 8, "{c}: {text}");
            let (value, half) = read_back(&text);
            // The true amount lies within half the last digit shown (float slack for huge ones).
            assert!(
                (value - c as f64).abs() <= half * (1.0 + 1e-9) + 1e-6 * c as f64 / 1e9,
                "{c}: {text} reads {value}"
            );
            seen.push(text);
        }
        assert!(
            seen.iter().any(|t| t == "€116.91k" || t == "€117k"),
            "{seen:?}"
        );
        let de = money_compact(
            Lang::De,
            crate::domain::commerce::Money {
                cents: 11_690_900,
                currency: eur,
            },
        );
        assert_eq!(de, "117\u{a0}Tsd.\u{a0}€");
    }
}
