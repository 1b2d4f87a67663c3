//! `older.bin`: what the current snapshot takes from the older ones (the Graph tenants it
//! lacks, each customer's roll-up history), kept in its folder so that a cache of two years
//! of snapshots opens as fast as one. It is a cache of what [`tenants::older_graph_files`]
//! read and [`rollup::attach_history`] give, used while the files they read are unchanged
//! (names, sizes and modified times); otherwise both are computed again and the file
//! rewritten. The tenants are kept with their figures, as the index keeps the current
//! snapshot's: an open never parses the older snapshots' Graph files (35 000 of them took
//! seconds at 100 000 customers); a tenant's users are read from its file when shown.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::index::Stamp;
use super::{rollup, tenants};
use crate::domain::graph::Tenant;
use crate::domain::model::{Customer, Portfolio, Sums, Timestamp};
use crate::text::Clean;

/// The file name, in the current snapshot's folder.
pub const FILE: &str = "older.bin";

const VERSION: u32 = 3;

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
    /// The tenants older snapshots give, as read from their Graph files.
    carried: Vec<Carried>,
    /// The points' dates (nanoseconds), each once: a few dozen across every customer.
    dates: Vec<Option<i64>>,
    customers: u32,
}

/// A tenant an older snapshot gives: the customer its Graph files make (its id, and its
/// account name or else its id), with the figures of its report and SKUs but not its rows;
/// its report file is named relative to the `snapshots` folder.
#[derive(Serialize, Deserialize)]
struct Carried {
    id: Option<String>,
    name: String,
    tenant: Tenant,
}

impl Carried {
    fn of(c: &Customer, snapshots: &Path) -> Option<Self> {
        let mut tenant = Tenant::clone(c.graph.as_deref()?);
        tenant.report = None;
        if let Some(f) = &tenant.report_file {
            let relative = Path::new(f).strip_prefix(snapshots).ok()?;
            tenant.report_file = Some(relative.to_str()?.to_string());
        }
        Some(Self {
            id: c.id.as_ref().map(ToString::to_string),
            name: c.name.to_string(),
            tenant,
        })
    }

    /// The customer, its report file resolved as the index resolves the current snapshot's
    /// (`None` when the kept name is not a file inside the `snapshots` folder).
    fn customer(self, snapshots: &Path) -> Option<Customer> {
        let mut tenant = self.tenant;
        if let Some(f) = tenant.report_file.take() {
            if !tenants::inside(&f) {
                return None;
            }
            tenant.report_file = Some(crate::text::display(&snapshots.join(f)));
        }
        let id = self.id.as_deref().map(Clean::new);
        let mut c = Customer::new(id, Clean::new(&self.name), Vec::new());
        c.graph = Some(std::sync::Arc::new(tenant));
        Some(c)
    }
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
    let Some((mut head, rest)) = kept else {
        return fresh(portfolio, current, older, inputs);
    };
    let carried = std::mem::take(&mut head.carried)
        .into_iter()
        .map(|c| c.customer(snapshots))
        .collect::<Option<Vec<_>>>();
    let Some(carried) = carried else {
        // A kept name outside the snapshots: computed again from the files.
        return fresh(portfolio, current, older, inputs);
    };
    let tenants = tenants::attach(portfolio, carried.clone());
    if read_history(portfolio, &head, rest).is_none() {
        // Cut or damaged after its head: the history is computed again and kept anew.
        let notes = portfolio.warnings.len();
        rollup::attach_history(portfolio, current, older);
        if portfolio.warnings.len() == notes {
            let _ = write(portfolio, current, inputs, &carried);
        }
    }
    tenants
}

/// [`compute`], kept in [`FILE`] unless a note was made (an older snapshot left out: said
/// each time, so nothing is kept).
fn fresh(
    portfolio: &mut Portfolio,
    current: &Path,
    older: &[PathBuf],
    inputs: Vec<Stamp<'static>>,
) -> usize {
    let (tenants, carried) = compute(portfolio, current, older);
    if let Some(carried) = carried {
        let _ = write(portfolio, current, inputs, &carried);
    }
    tenants
}

/// Attaches the older snapshots' Graph tenants and history as they are; the tenants' customers
/// as read from their files (`None` when a snapshot was left out of the trends, noted among
/// the warnings).
fn compute(
    portfolio: &mut Portfolio,
    current: &Path,
    older: &[PathBuf],
) -> (usize, Option<Vec<Customer>>) {
    let files = tenants::older_graph_files(portfolio, older);
    let carried = tenants::read_graph_files(&files);
    let tenants = tenants::attach(portfolio, carried.clone());
    let notes = portfolio.warnings.len();
    rollup::attach_history(portfolio, current, older);
    let clean = portfolio.warnings.len() == notes;
    (tenants, clean.then_some(carried))
}

/// Writes [`FILE`] (a temporary file renamed over it: a reader sees the old or the new).
fn write(
    portfolio: &Portfolio,
    current: &Path,
    inputs: Vec<Stamp<'static>>,
    carried: &[Customer],
) -> Option<()> {
    let snapshots = current.parent()?;
    let carried = (carried.iter())
        .map(|c| Carried::of(c, snapshots))
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
        carried,
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

/// The stamps of what [`compute`] reads: the current snapshot's index and joined index (its
/// customers), each older snapshot's roll-up and Graph listing (or manifest), and the pruned
/// snapshots' history; a file that is not there is stamped as missing.
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
    let mut out = vec![
        stamp(current.join(super::index::FILE)),
        stamp(current.join(super::index::JOINED)),
    ];
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
