//! A customer's sums, and their points over time: earlier months, older snapshots, the change
//! since the last point.

use super::percent;
use crate::domain::model::{Customer, SAME_RUN, Sums, Timestamp};

/// How much older a figure must be for a change to be counted from it: a usage figure counts
/// the 28 days before its date, so one of a run a week or two earlier (a weekly import, an
/// earlier run of the month, a re-download) counts mostly the same days. The change is counted
/// from the newest figure at least this much older: last month's, whatever the import rhythm.
pub const COMPARABLE: chrono::TimeDelta = chrono::TimeDelta::days(20);

/// Deployment and usage of a customer at one date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub as_of: Timestamp,
    /// The date of the usage figure (usage and deployment are processed on different days).
    pub usage_as_of: Timestamp,
    /// The date of the deployment figure: the current point's own; an earlier point's is at
    /// most its `as_of` (a roll-up keeps the newest of both dates), which stands for it.
    pub deployment_as_of: Timestamp,
    pub deployment: Option<f64>,
    pub usage: Option<f64>,
}

/// A customer's sums as the roll-up rules count them: deployment over products with licenses
/// sold, usage over product × workload rows with entitlements.
pub fn sums(c: &Customer) -> Sums {
    let mut s = Sums {
        as_of: c.newest_as_of(),
        usage_as_of: c.usage_as_of(),
        ..Sums::default()
    };
    for p in &c.products {
        if let Some(d) = p.deployment.filter(|d| d.sold > 0) {
            s.assigned += d.assigned;
            s.sold += d.sold;
        }
        for w in p.workloads.iter().filter(|w| w.qualified > 0) {
            s.active += w.active;
            s.qualified += w.qualified;
        }
    }
    s
}

/// Earlier points of a customer, oldest first, then the current one: the records' own history
/// grouped by calendar month (deployment and usage of one month are processed on different
/// days), and the sums of older snapshots.
pub fn trend(c: &Customer, current: &Sums) -> Vec<TrendPoint> {
    let mut months: std::collections::BTreeMap<(i32, u32), Sums> = Default::default();
    // A current figure of a month before the current point's (its service has nothing newer:
    // Dynamics processed in October, Office in November) is that month's figure too, as the
    // current point holds it beside the newer ones: October's point then counts the same
    // products. It joins a month that other figures make a point of, never makes one alone
    // (from one export, that would be a point of Dynamics only).
    let lagging = |now: Option<Timestamp>, t: Option<Timestamp>| {
        t.is_some_and(|t| now.is_some_and(|now| month_key(t) < month_key(now)))
    };
    let deployment_now = c.deployment_as_of();
    let mut late_deployments = Vec::new();
    let mut late_usage = Vec::new();
    for p in &c.products {
        // One figure per product (or workload) and month, its newest: two processing runs of
        // one month (exports a week apart) are not added together.
        let late = p.deployment.filter(|d| lagging(deployment_now, d.as_of));
        let superseded =
            |t: Option<Timestamp>| late.is_some_and(|d| d.as_of.map(month_key) == t.map(month_key));
        late_deployments.extend(late);
        let deployments = p.deployment_history.iter().filter(|d| !superseded(d.as_of));
        for d in last_of_month(deployments.copied(), |d| d.as_of).filter(|d| d.sold > 0) {
            if let Some(t) = d.as_of {
                let e = month_of(&mut months, t);
                e.assigned += d.assigned;
                e.sold += d.sold;
            }
        }
        // Earlier usage: the workloads' own history, and workloads seen only at earlier dates
        // (their own figure too).
        let point = |w: &crate::domain::model::Workload| {
            w.as_of.map(|as_of| crate::domain::model::UsagePoint {
                as_of,
                active: w.active,
                qualified: w.qualified,
            })
        };
        let mut add = |history: &mut dyn Iterator<Item = crate::domain::model::UsagePoint>| {
            for h in last_of_month(history, |h| Some(h.as_of)).filter(|h| h.qualified > 0) {
                let e = month_of(&mut months, h.as_of);
                e.usage_as_of = e.usage_as_of.max(Some(h.as_of));
                e.active += h.active;
                e.qualified += h.qualified;
            }
        };
        for w in &p.workloads {
            let late = point(w).filter(|h| lagging(current.usage_as_of, Some(h.as_of)));
            late_usage.extend(late);
            let month = late.map(|h| month_key(h.as_of));
            add(&mut (w.history.iter().copied()).filter(|h| Some(month_key(h.as_of)) != month));
        }
        for w in &p.past_workloads {
            add(&mut w.history.iter().copied().chain(point(w)));
        }
    }
    for d in late_deployments.into_iter().filter(|d| d.sold > 0) {
        let Some(e) = d.as_of.and_then(|t| months.get_mut(&month_key(t))) else {
            continue;
        };
        if e.sold > 0 {
            e.as_of = e.as_of.max(d.as_of);
            e.assigned += d.assigned;
            e.sold += d.sold;
        }
    }
    for h in late_usage.into_iter().filter(|h| h.qualified > 0) {
        let Some(e) = months.get_mut(&month_key(h.as_of)) else {
            continue;
        };
        if e.usage_as_of.is_some() {
            e.as_of = e.as_of.max(Some(h.as_of));
            e.usage_as_of = e.usage_as_of.max(Some(h.as_of));
            e.active += h.active;
            e.qualified += h.qualified;
        }
    }
    let point = |s: &Sums| {
        s.as_of.map(|as_of| TrendPoint {
            as_of,
            usage_as_of: s.usage_as_of.unwrap_or(as_of),
            deployment_as_of: as_of,
            deployment: percent(s.assigned, s.sold),
            usage: percent(s.active, s.qualified),
        })
    };
    // A month of the current rows that an older snapshot's roll-up also holds is one point,
    // not two: the rows' figures win (a later download's figures for a month are its final
    // ones; the older snapshot may have read it in progress), and a figure the rows lack is
    // the roll-up's (the snapshot a newer one lacking a source is read with).
    // The same month: the same date, or usage of the same calendar month (the rows' month
    // is one figure per month; the snapshot may have read it in another run).
    let same = |m: &Sums, h: &Sums| {
        h.as_of == m.as_of
            || (m.usage_as_of.is_some()
                && month_key_of(h.usage_as_of) == month_key_of(m.usage_as_of))
    };
    // Older snapshots' points, less what a month of the rows took of them.
    let mut older: Vec<Option<Sums>> = c.history.iter().copied().map(Some).collect();
    let months: Vec<Sums> = months
        .values()
        .map(|m| {
            let Some(h) = older.iter_mut().find(|h| h.is_some_and(|h| same(m, &h))) else {
                return *m;
            };
            let taken = h.take().expect("found by being there");
            if month_key_of(taken.as_of) == month_key_of(m.as_of) {
                return one_point(m, &taken);
            }
            // Matched by the usage date (the rows have usage then), the snapshot's deployment
            // is of a later month (the newest of its dates is its own): the month's usage is
            // the rows', the later deployment stays a point of its own.
            *h = Some(Sums {
                usage_as_of: None,
                active: 0,
                qualified: 0,
                ..taken
            });
            *m
        })
        .collect();
    let older = older.iter().flatten();
    let now = point(current).map(|p| TrendPoint {
        deployment_as_of: c.deployment_as_of().unwrap_or(p.as_of),
        ..p
    });
    // A point of the current point's own processing run (a re-download of the same day, the
    // snapshot a source is carried from holding only the current figures) is the current
    // point again: left out.
    let same_run = same_run_as(now);
    let mut points: Vec<TrendPoint> = months
        .iter()
        .chain(older)
        .filter_map(point)
        .filter(|p| current.as_of.is_none_or(|now| p.as_of < now) && !same_run(p))
        .collect();
    if points.is_empty() {
        return Vec::new();
    }
    points.sort_by_key(|p| p.as_of);
    newest_of_each_month(&mut points);
    points.extend(now);
    points
}

/// Whether a point is of the processing run of `now` (each figure it has within
/// [`SAME_RUN`] of now's). The bounds are worked out once: a date subtracted from another for
/// each of two years of points was a hundredth of a whole-portfolio open.
fn same_run_as(now: Option<TrendPoint>) -> impl Fn(&TrendPoint) -> bool {
    let around = |t: Timestamp| {
        (
            t.checked_sub_signed(SAME_RUN),
            t.checked_add_signed(SAME_RUN),
        )
    };
    let near = |a: Timestamp, (lo, hi): (Option<Timestamp>, Option<Timestamp>)| {
        lo.is_none_or(|lo| lo < a) && hi.is_none_or(|hi| a < hi)
    };
    let bounds = now.map(|n| (around(n.usage_as_of), around(n.deployment_as_of)));
    move |p: &TrendPoint| {
        bounds.is_some_and(|(usage, deployment)| {
            (p.usage.is_none() || near(p.usage_as_of, usage))
                && (p.deployment.is_none() || near(p.deployment_as_of, deployment))
        })
    }
}

/// Of date-ordered earlier points, keeps each source's newest figure of each calendar month
/// (by that figure's own date), as a month of the rows does: snapshots of one month (weekly
/// imports, two runs) count as a month read from one export would. A point left with no
/// figure goes.
fn newest_of_each_month(points: &mut Vec<TrendPoint>) {
    // On every customer's assessment, with up to two years of points: each source's figures
    // sorted by (month, date, place), the last of each month kept (n log n; compared pairwise
    // it was a tenth of a whole-portfolio open with 24 snapshots). Of one date, the later
    // point wins.
    fn superseded(dated: &mut [((i32, u32), Timestamp, usize)]) -> Vec<usize> {
        dated.sort_unstable();
        (dated.windows(2))
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| w[0].2)
            .collect()
    }
    let dated = |date: fn(&TrendPoint) -> Option<Timestamp>, points: &[TrendPoint]| {
        (points.iter().enumerate())
            .filter_map(|(i, p)| date(p).map(|t| (month_key(t), t, i)))
            .collect::<Vec<_>>()
    };
    let mut usage = dated(|p| p.usage.map(|_| p.usage_as_of), points);
    let mut deployment = dated(|p| p.deployment.map(|_| p.deployment_as_of), points);
    for i in superseded(&mut usage) {
        points[i].usage = None;
    }
    for i in superseded(&mut deployment) {
        points[i].deployment = None;
    }
    points.retain(|p| p.usage.is_some() || p.deployment.is_some());
}

/// A month of the current rows and an older snapshot's point of it as one: each figure the
/// rows have (usage, deployment) is theirs, the others the older point's.
fn one_point(month: &Sums, older: &Sums) -> Sums {
    let (usage, deployment) = (month.qualified > 0, month.sold > 0);
    let usage_from = if usage { month } else { older };
    let deployment_from = if deployment { month } else { older };
    Sums {
        as_of: month.as_of.max(older.as_of),
        usage_as_of: usage_from.usage_as_of,
        active: usage_from.active,
        qualified: usage_from.qualified,
        assigned: deployment_from.assigned,
        sold: deployment_from.sold,
    }
}

/// Of date-ordered `items`, the last of each calendar month.
fn last_of_month<T: Copy>(
    items: impl Iterator<Item = T>,
    date: impl Fn(&T) -> Option<Timestamp>,
) -> impl Iterator<Item = T> {
    let mut items = items.peekable();
    std::iter::from_fn(move || {
        loop {
            let item = items.next()?;
            let next = items.peek().and_then(&date);
            if next.is_none() || next.map(month_key) != date(&item).map(month_key) {
                return Some(item);
            }
        }
    })
}

fn month_key_of(t: Option<Timestamp>) -> Option<(i32, u32)> {
    t.map(month_key)
}

fn month_key(t: Timestamp) -> (i32, u32) {
    use chrono::Datelike;
    // In UTC the local date is the UTC date: no offset to add on every call.
    let day = t.naive_utc().date();
    (day.year(), day.month())
}

/// The sums of the calendar month of `t`, dated by the newest record in it.
fn month_of(months: &mut std::collections::BTreeMap<(i32, u32), Sums>, t: Timestamp) -> &mut Sums {
    let e = months.entry(month_key(t)).or_default();
    e.as_of = e.as_of.max(Some(t));
    e
}

/// Whether the current (last) point's value, of the source `date` dates, is carried from an
/// earlier point (one is dated no earlier): the newest data lacks that source. [`delta`]
/// counts such a value's change from before its own date.
pub fn carried(points: &[TrendPoint], date: impl Fn(&TrendPoint) -> Timestamp) -> bool {
    points
        .split_last()
        .is_some_and(|(now, earlier)| earlier.iter().any(|p| date(p) >= date(now)))
}

/// The change of a value, in whole points between the figures as shown, since the last
/// earlier point that has one dated before the current one's, and that point's date (`date`: the date of the value, e.g. the usage date). A figure
/// is never compared with itself: a source the newest snapshot lacks is an older snapshot's,
/// and that snapshot's own point holds the same figure at the same date.
pub(super) fn delta(
    points: &[TrendPoint],
    value: impl Fn(&TrendPoint) -> Option<f64>,
    date: impl Fn(&TrendPoint) -> Timestamp,
) -> Option<(f64, Timestamp)> {
    let (current, earlier) = points.split_last()?;
    let (now, at) = (value(current)?, date(current));
    // A figure is compared with the newest one at least [`COMPARABLE`] older.
    let before = earlier
        .iter()
        .rev()
        .filter(|p| date(p) <= at - COMPARABLE)
        .find_map(|p| Some((value(p)?, date(p))))?;
    // The change between the two figures as shown and read aloud (70 % to 42 % is −28,
    // whatever the decimals: 70.4 → 41.75 is −28.65): the list, the trend line and the
    // suggestion say the same number.
    Some((now.round() - before.0.round(), before.1))
}

#[cfg(test)]
mod month_tests {
    use super::*;
    use proptest::prelude::*;

    /// Independently: per source, the winner of each month ("%Y-%m" of its date) is the
    /// greatest (date, place); every other figure of that month goes.
    fn reference(points: &[TrendPoint]) -> Vec<TrendPoint> {
        use std::collections::HashMap;
        let mut usage: HashMap<String, (Timestamp, usize)> = HashMap::new();
        let mut deployment: HashMap<String, (Timestamp, usize)> = HashMap::new();
        for (i, p) in points.iter().enumerate() {
            let enter = |map: &mut HashMap<String, (Timestamp, usize)>, t: Timestamp| {
                let best = map.entry(t.format("%Y-%m").to_string()).or_insert((t, i));
                *best = (*best).max((t, i));
            };
            if p.usage.is_some() {
                enter(&mut usage, p.usage_as_of);
            }
            if p.deployment.is_some() {
                enter(&mut deployment, p.deployment_as_of);
            }
        }
        let wins = |map: &HashMap<String, (Timestamp, usize)>, t: Timestamp, i: usize| {
            map[&t.format("%Y-%m").to_string()] == (t, i)
        };
        points
            .iter()
            .enumerate()
            .map(|(i, p)| TrendPoint {
                usage: p.usage.filter(|_| wins(&usage, p.usage_as_of, i)),
                deployment: p
                    .deployment
                    .filter(|_| wins(&deployment, p.deployment_as_of, i)),
                ..*p
            })
            .filter(|p| p.usage.is_some() || p.deployment.is_some())
            .collect()
    }

    fn point() -> impl Strategy<Value = TrendPoint> {
        // Dates a few days apart across month and year ends: ties and neighbours are common.
        let day = || {
            (0i64..120).prop_map(|d| {
                "2025-11-20T00:00:00Z".parse::<Timestamp>().unwrap()
                    + chrono::TimeDelta::hours(d * 13)
            })
        };
        (
            day(),
            day(),
            day(),
            proptest::option::of(0.0f64..200.0),
            proptest::option::of(0.0f64..200.0),
        )
            .prop_map(
                |(as_of, usage_as_of, deployment_as_of, usage, deployment)| TrendPoint {
                    as_of,
                    usage_as_of,
                    deployment_as_of,
                    deployment,
                    usage,
                },
            )
    }

    proptest! {
        #[test]
        fn each_month_keeps_its_newest_figure_of_each_source(
            mut points in proptest::collection::vec(point(), 0..26)
        ) {
            points.sort_by_key(|p| p.as_of);
            let expected = reference(&points);
            newest_of_each_month(&mut points);
            prop_assert_eq!(points, expected);
        }
    }
}
