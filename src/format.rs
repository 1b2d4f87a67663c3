//! How numbers, percentages and dates are written for people (screen and `show` text).
//! JSON output never goes through here: it carries full-precision numbers.

use crate::model::Timestamp;

/// A percentage for display: whole numbers, except where rounding would cross 0 or 100 and so
/// change the meaning (`0.3` → `<1 %`, `99.7` → `99.7 %`, `100.2` → `100.2 %`). `None` is `n/a`.
pub fn percent(p: Option<f64>) -> String {
    let Some(p) = p else {
        return "n/a".to_string();
    };
    if p > 0.0 && p < 0.5 {
        return "<1 %".to_string();
    }
    if p > 99.5 && p < 100.0 {
        return format!("{:.1} %", (p * 10.0).floor() / 10.0);
    }
    if p > 100.0 && p < 100.5 {
        return format!("{:.1} %", (p * 10.0).ceil() / 10.0);
    }
    format!("{:.0} %", p.round())
}

/// A count grouped by thousands with a space: `1 284`, `1 000 000`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// `1 warning`, `3 warnings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as u64), if n == 1 { one } else { many })
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

/// A calendar date: `2025-06-14`.
pub fn date(t: Timestamp) -> String {
    t.format("%Y-%m-%d").to_string()
}

/// `5 days old`, `today`, `1 day old`.
pub fn age(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_string(),
        1 => "1 day old".to_string(),
        d => format!("{d} days old"),
    }
}

/// `data as of 2025-06-14 (5 days old)`, or a note that the export carries no date.
pub fn as_of(t: Option<Timestamp>, now: Timestamp) -> String {
    match t {
        Some(t) => format!("{} ({})", date(t), age((now - t).num_days())),
        None => "date unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounding_never_crosses_0_or_100() {
        let cases = [
            (None, "n/a"),
            (Some(0.0), "0 %"),
            (Some(0.3), "<1 %"),
            (Some(0.5), "1 %"),
            (Some(65.333), "65 %"),
            (Some(92.5), "93 %"),
            (Some(99.4), "99 %"),
            (Some(99.96), "99.9 %"),
            (Some(100.0), "100 %"),
            (Some(100.02), "100.1 %"),
            (Some(100.5), "101 %"),
            (Some(113.333), "113 %"),
            (Some(250.0), "250 %"),
        ];
        for (p, want) in cases {
            assert_eq!(percent(p), want, "{p:?}");
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1284), "1 284");
        assert_eq!(count(1_000_000), "1 000 000");
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
        assert_eq!(age(0), "today");
        assert_eq!(age(-2), "today");
        assert_eq!(age(1), "1 day old");
        assert_eq!(age(5), "5 days old");
    }
}
