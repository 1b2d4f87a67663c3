//! `older.bin`: what the current snapshot takes from the older ones (the Graph files of tenants
//! it lacks, each customer's roll-up history), kept in its folder so that a cache of two years
//! of snapshots opens as fast as one. It is a cache of what [`tenants::older_graph_files`] and
//! [`rollup::attach_history`] give, used while the files they read are unchanged (names, sizes
//! and modified times); otherwise both are computed again and the file rewritten.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::index::Stamp;
use super::{rollup, tenants};
use crate::domain::model::{Portfolio, Sums, Timestamp};

/// The file name, in the current snapshot's folder.
pub const FILE: &str = "older.bin";

const VERSION: u32 = 2;

/// The file's head; then, for each customer with history, its place in the portfolio (a
/// `u32`), its history key (a string, checked against the customer in that place), the number
/// of its points and the points ([`Point`]), each read on its own (no list of every customer's
/// points is ever held, no map of every customer's key is built).
#[derive(Serialize, Deserialize)]
struct Head<'a> {
    version: u32,
    /// The files read to make it, relative to the `snapshots` folder.
    #[serde(borrow)]
    inputs: Vec<Stamp<'a>>,
    /// Older snapshots' Graph files to read, relative to the `snapshots` folder.
    #[serde(borrow)]
    graph_files: Vec<Cow<'a, str>>,
    /// The points' dates (nanoseconds), each once: a few dozen across every customer.
    dates: Vec<Option<i64>>,
    customers: u32,
}

/// A [`Sums`] with its dates as places in [`Head::dates`].
#[derive(Clone, Copy, Serialize, Deserialize)]
struct Point {
    as_of: u32,
    usage_as_of: u32,
    assigned: u64,
    sold: u64,
    active: u64,
    qualified: u64,
}

/// The dates of the points being written, each given a place once.
#[derive(Default)]
struct Dates {
    places: std::collections::HashMap<Option<i64>, u32>,
    list: Vec<Option<i64>>,
}

impl Dates {
    fn place(&mut self, t: Option<Timestamp>) -> Option<u32> {
        let nanos = match t {
            None => None,
            Some(t) => Some(t.timestamp_nanos_opt()?),
        };
        let next = u32::try_from(self.list.len()).ok()?;
        let place = *self.places.entry(nanos).or_insert(next);
        if place == next {
            self.list.push(nanos);
        }
        Some(place)
    }

    fn point(&mut self, s: &Sums) -> Option<Point> {
        Some(Point {
            as_of: self.place(s.as_of)?,
            usage_as_of: self.place(s.usage_as_of)?,
            assigned: s.assigned,
            sold: s.sold,
            active: s.active,
            qualified: s.qualified,
        })
    }
}

/// Reads the kept history after `head` (the bytes `rest`) into the customers of `portfolio`;
/// `None` when the bytes do not decode (then nothing is attached).
fn read_history(portfolio: &mut Portfolio, head: &Head<'_>, mut rest: &[u8]) -> Option<()> {
    let dates: Vec<Option<Timestamp>> = head
        .dates
        .iter()
        .map(|d| d.map(Timestamp::from_timestamp_nanos))
        .collect();
    let date = |i: u32| dates.get(i as usize).copied();
    let mut found: Vec<(usize, Vec<Sums>)> = Vec::with_capacity(head.customers as usize);
    for _ in 0..head.customers {
        let (place, after) = postcard::take_from_bytes::<u32>(rest).ok()?;
        let (key, after) = postcard::take_from_bytes::<&str>(after).ok()?;
        // The portfolio is the one the file was written for (its index is among the inputs);
        // a customer elsewhere than its place says means the file is not: computed again.
        let place = place as usize;
        if !portfolio
            .customers
            .get(place)
            .is_some_and(|c| c.has_history_key(key))
        {
            return None;
        }
        let (n, after) = postcard::take_from_bytes::<u32>(after).ok()?;
        rest = after;
        let mut points = Vec::with_capacity((n as usize).min(rollup::HISTORY_SNAPSHOTS));
        for _ in 0..n {
            let (p, after) = postcard::take_from_bytes::<Point>(rest).ok()?;
            rest = after;
            points.push(Sums {
                as_of: date(p.as_of)?,
                usage_as_of: date(p.usage_as_of)?,
                assigned: p.assigned,
                sold: p.sold,
                active: p.active,
                qualified: p.qualified,
            });
        }
        found.push((place, points));
    }
    for (i, points) in found {
        portfolio.customers[i].history = points;
    }
    Some(())
}

/// Adds to `portfolio` (the current snapshot `current`'s) what the `older` snapshots give it:
/// the Graph data of tenants it lacks and each customer's history. Returns how many tenants
/// came from older snapshots.
pub fn attach(portfolio: &mut Portfolio, current: &Path, older: &[PathBuf]) -> usize {
    let Some(snapshots) = current.parent().filter(|_| !older.is_empty()) else {
        return compute(portfolio, current, older).0;
    };
    let inputs = inputs(snapshots, current, older);
    let bytes = std::fs::read(current.join(FILE)).unwrap_or_default();
    let kept = postcard::take_from_bytes::<Head<'_>>(&bytes)
        .ok()
        .filter(|(head, _)| head.version == VERSION && head.inputs == inputs);
    let Some((head, rest)) = kept else {
        let (tenants, files) = compute(portfolio, current, older);
        // Notes (an older snapshot left out) are said each time: nothing is kept then.
        if let Some(files) = files {
            let _ = write(portfolio, current, snapshots, inputs, &files);
        }
        return tenants;
    };
    let files: Vec<PathBuf> = head
        .graph_files
        .iter()
        .map(|f| snapshots.join(f.as_ref()))
        .collect();
    let tenants = tenants::attach_graph_files(portfolio, &files);
    if read_history(portfolio, &head, rest).is_none() {
        // Cut or damaged after its head: the history is computed again and kept anew.
        let notes = portfolio.warnings.len();
        rollup::attach_history(portfolio, current, older);
        if portfolio.warnings.len() == notes {
            let _ = write(portfolio, current, snapshots, inputs, &files);
        }
    }
    tenants
}

/// Attaches the older snapshots' Graph files and history as they are; the Graph files read
/// (`None` when a snapshot was left out of the trends, noted among the warnings).
fn compute(
    portfolio: &mut Portfolio,
    current: &Path,
    older: &[PathBuf],
) -> (usize, Option<Vec<PathBuf>>) {
    let files = tenants::older_graph_files(portfolio, older);
    let tenants = tenants::attach_graph_files(portfolio, &files);
    let notes = portfolio.warnings.len();
    rollup::attach_history(portfolio, current, older);
    let clean = portfolio.warnings.len() == notes;
    (tenants, clean.then_some(files))
}

/// Writes [`FILE`] (a temporary file renamed over it: a reader sees the old or the new).
fn write(
    portfolio: &Portfolio,
    current: &Path,
    snapshots: &Path,
    inputs: Vec<Stamp<'static>>,
    files: &[PathBuf],
) -> Option<()> {
    let graph_files = files
        .iter()
        .map(|f| {
            Some(Cow::Owned(
                f.strip_prefix(snapshots).ok()?.to_str()?.to_string(),
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut dates = Dates::default();
    let mut body = Vec::new();
    let mut customers = 0u32;
    for (place, c) in portfolio
        .customers
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.history.is_empty())
    {
        let points = c
            .history
            .iter()
            .map(|s| dates.point(s))
            .collect::<Option<Vec<_>>>()?;
        body = postcard::to_extend(&u32::try_from(place).ok()?, body).ok()?;
        body = postcard::to_extend(c.history_key().as_str(), body).ok()?;
        body = postcard::to_extend(&u32::try_from(points.len()).ok()?, body).ok()?;
        for p in &points {
            body = postcard::to_extend(p, body).ok()?;
        }
        customers += 1;
    }
    let head = Head {
        version: VERSION,
        inputs,
        graph_files,
        dates: dates.list,
        customers,
    };
    let mut bytes = postcard::to_allocvec(&head).ok()?;
    bytes.extend_from_slice(&body);
    let tmp = current.join(format!(".{FILE}.{}", std::process::id()));
    std::fs::write(&tmp, bytes).ok()?;
    std::fs::rename(&tmp, current.join(FILE))
        .or_else(|_| std::fs::remove_file(&tmp))
        .ok()
}

/// The stamps of what [`compute`] reads: the current snapshot's index (its customers), each
/// older snapshot's roll-up and Graph listing (or manifest), and the pruned snapshots'
/// history; a file that is not there is stamped as missing.
fn inputs(snapshots: &Path, current: &Path, older: &[PathBuf]) -> Vec<Stamp<'static>> {
    let stamp = |path: PathBuf| {
        let name = path
            .strip_prefix(snapshots)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        match std::fs::metadata(&path) {
            Ok(meta) => super::index::stamp(name, &meta),
            Err(_) => Stamp {
                name: Cow::Owned(name),
                size: u64::MAX,
                modified_ns: 0,
            },
        }
    };
    let mut out = vec![stamp(current.join(super::index::FILE))];
    for dir in older {
        out.push(stamp(dir.join(rollup::ROLLUP)));
        out.push(stamp(dir.join(tenants::FILE)));
        out.push(stamp(dir.join("manifest.json")));
    }
    if let Some(root) = snapshots.parent() {
        out.push(stamp(root.join(rollup::HISTORY)));
    }
    out
}
