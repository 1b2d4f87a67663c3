//! `older.bin`: what the current snapshot takes from the older ones (the Graph tenants it
//! lacks, each customer's roll-up history), kept in its folder so that a cache of two years
//! of snapshots opens as fast as one. It is a cache of what [`tenants::read_older_graph`]
//! read and [`rollup::attach_history`] give, used while the files they read are unchanged
//! (names, sizes and modified times); otherwise both are computed again and the file
//! rewritten. The tenants are kept with their figures, as the index keeps the current
//! snapshot's: an open never parses the older snapshots' Graph files (35 000 of them took
//! seconds at 100 000 customers); a tenant's users are read from its file when shown.
//!
//! Layout (numbers little-endian): the head's length (`u32`) and the head ([`Head`]); a table
//! of the carried tenants, sorted by [`key`] (per tenant its key `u64`, its record's offset
//! `u64` and length `u32`); a table of the customers with history, in portfolio order (per
//! customer its place `u32`, its record's offset `u64` and length `u32`); then the tenants'
//! records ([`Carried`], in the order they attach) and the history records. Offsets are from
//! the file's start. The whole portfolio reads it all; a first frame reads the head, the tables
//! and the records of the few customers it shows ([`attach_first`]), so it shows them as the
//! whole portfolio will.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::index::Stamp;
use super::{rollup, tenants};
use crate::domain::graph::Tenant;
use crate::domain::model::{Customer, Portfolio, Sums, Timestamp};
use crate::import::progress::Progress;
use crate::text::Clean;

/// The file name, in the current snapshot's folder.
pub const FILE: &str = "older.bin";

const VERSION: u32 = 4;
/// Bytes per carried tenant in its table: key, offset, length.
const CARRIED_ROW: usize = 20;
/// Bytes per customer in the history table: place, offset, length.
const HISTORY_ROW: usize = 16;

/// The file's head.
#[derive(Serialize, Deserialize)]
struct Head<'a> {
    version: u32,
    /// The files read to make it, relative to the `snapshots` folder.
    #[serde(borrow)]
    inputs: Vec<Stamp<'a>>,
    /// The points' dates (nanoseconds), each once: a few dozen across every customer.
    dates: Vec<Option<i64>>,
    /// How many tenants older snapshots give.
    carried: u32,
    /// How many customers have history.
    customers: u32,
}

impl Head<'_> {
    /// Where the records start: after the length, the head and both tables.
    fn records_at(&self, head_len: usize) -> Option<usize> {
        let carried = (self.carried as usize).checked_mul(CARRIED_ROW)?;
        let history = (self.customers as usize).checked_mul(HISTORY_ROW)?;
        (4 + head_len).checked_add(carried)?.checked_add(history)
    }

    fn dates(&self) -> Vec<Option<Timestamp>> {
        (self.dates.iter())
            .map(|d| d.map(Timestamp::from_timestamp_nanos))
            .collect()
    }
}

/// A tenant's key in the table: FNV-1a of its id, lower-case (a customer's id finds it).
fn key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Reads a `u32` and a `u64` from `bytes` at `at` (little-endian).
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
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

/// One history record at the start of `bytes`: the customer's place, its history key and its
/// points; and the bytes after it.
fn history_record<'b>(
    bytes: &'b [u8],
    dates: &[Option<Timestamp>],
) -> Option<(usize, &'b str, Vec<Sums>, &'b [u8])> {
    let date = |i: u32| dates.get(i as usize).copied();
    let (place, rest) = postcard::take_from_bytes::<u32>(bytes).ok()?;
    let (key, rest) = postcard::take_from_bytes::<&str>(rest).ok()?;
    let (n, mut rest) = postcard::take_from_bytes::<u32>(rest).ok()?;
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
    Some((place as usize, key, points, rest))
}

/// Reads the kept history (the records `rest`, after the tenants') into the customers of
/// `portfolio`; `None` when the bytes do not decode (then nothing is attached).
fn read_history(portfolio: &mut Portfolio, head: &Head<'_>, mut rest: &[u8]) -> Option<()> {
    let dates = head.dates();
    let mut found: Vec<(usize, Vec<Sums>)> =
        Vec::with_capacity((head.customers as usize).min(rest.len()));
    for _ in 0..head.customers {
        let (place, key, points, after) = history_record(rest, &dates)?;
        rest = after;
        // The portfolio is the one the file was written for (its index is among the inputs);
        // a customer elsewhere than its place says means the file is not: computed again.
        if !portfolio
            .customers
            .get(place)
            .is_some_and(|c| c.has_history_key(key))
        {
            return None;
        }
        found.push((place, points));
    }
    for (i, points) in found {
        portfolio.customers[i].history = points;
    }
    Some(())
}

/// The head of a kept file (`bytes`: the file, or its start up to the head's end) when it was
/// made from `inputs`, and where the records start.
fn kept_head<'b>(bytes: &'b [u8], inputs: &[Stamp<'_>]) -> Option<(Head<'b>, usize)> {
    let len = u32_at(bytes, 0)? as usize;
    let head: Head<'_> = postcard::from_bytes(bytes.get(4..4 + len)?).ok()?;
    let at = head.records_at(len)?;
    (head.version == VERSION && head.inputs == inputs).then_some((head, at))
}

/// The tenants of a kept file (its `bytes`, their records at `at`), in the order they attach,
/// and the bytes after them (the history records).
fn read_carried<'b>(
    bytes: &'b [u8],
    head: &Head<'_>,
    at: usize,
    snapshots: &Path,
) -> Option<(Vec<Customer>, &'b [u8])> {
    let mut rest = bytes.get(at..)?;
    let mut carried = Vec::with_capacity((head.carried as usize).min(rest.len()));
    for _ in 0..head.carried {
        let (c, after) = postcard::take_from_bytes::<Carried>(rest).ok()?;
        rest = after;
        carried.push(c.customer(snapshots)?);
    }
    Some((carried, rest))
}

/// Adds to `portfolio` (the current snapshot `current`'s) what the `older` snapshots give it:
/// the Graph data of tenants it lacks and each customer's history. Returns how many tenants
/// came from older snapshots. Worked out anew (the kept file missing or stale), the older
/// snapshots' Graph reports are read, reporting to `progress`.
pub fn attach(
    portfolio: &mut Portfolio,
    current: &Path,
    older: &[PathBuf],
    progress: Option<Arc<Progress>>,
) -> usize {
    let Some(snapshots) = current.parent().filter(|_| !older.is_empty()) else {
        return compute(portfolio, current, older, progress).0;
    };
    let inputs = inputs(snapshots, current, older);
    let bytes = std::fs::read(current.join(FILE)).unwrap_or_default();
    let kept = kept_head(&bytes, &inputs)
        .and_then(|(head, at)| Some((read_carried(&bytes, &head, at, snapshots)?, head)));
    let Some(((carried, rest), head)) = kept else {
        return fresh(portfolio, current, older, inputs, progress);
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

/// The older snapshots whose Graph data the current snapshot `current` is read with, and how
/// many tenants each gives (oldest first), as the kept file says (`None` when it is missing or stale: the next
/// open works it out).
pub fn carried_from(current: &Path, older: &[PathBuf]) -> Option<Vec<(PathBuf, usize)>> {
    let snapshots = current.parent()?;
    if older.is_empty() {
        return Some(Vec::new());
    }
    let bytes = std::fs::read(current.join(FILE)).ok()?;
    let (head, at) = kept_head(&bytes, &inputs(snapshots, current, older))?;
    let (carried, _) = read_carried(&bytes, &head, at, snapshots)?;
    let mut counts = vec![0; older.len()];
    for c in &carried {
        let file = c.graph.as_ref().and_then(|t| t.report_file.as_deref());
        if let Some(i) = file.and_then(|f| older.iter().position(|d| Path::new(f).starts_with(d))) {
            counts[i] += 1;
        }
    }
    let from = (older.iter().cloned().zip(counts))
        .filter(|(_, n)| *n > 0)
        .collect();
    Some(from)
}

/// Gives the first frame's `customers` (in `places` of the current snapshot's portfolio) what
/// [`attach`] gives them in the whole portfolio: their Graph tenants from older snapshots and
/// their history, read from the kept file (its tables and their records only). `false` when
/// the file is missing, stale or damaged: the whole portfolio may then show these customers
/// otherwise, so a first frame is not shown.
pub fn attach_first(
    customers: &mut [Customer],
    places: &[usize],
    current: &Path,
    older: &[PathBuf],
) -> bool {
    if older.is_empty() {
        return true;
    }
    first(customers, places, current, older).is_some()
}

fn first(
    customers: &mut [Customer],
    places: &[usize],
    current: &Path,
    older: &[PathBuf],
) -> Option<()> {
    let snapshots = current.parent()?;
    let file = std::fs::File::open(current.join(FILE)).ok()?;
    let total = file.metadata().ok()?.len();
    // Lengths come from the file: what lies outside it is refused, never allocated.
    let read = |at: usize, len: usize| {
        if (at as u64).checked_add(len as u64)? > total {
            return None;
        }
        let mut buf = vec![0u8; len];
        super::index::read_exact_at(&file, &mut buf, at as u64).ok()?;
        Some(buf)
    };
    let len = u32_at(&read(0, 4)?, 0)? as usize;
    let start = read(0, 4 + len)?;
    let inputs = inputs(snapshots, current, older);
    let (head, at) = kept_head(&start, &inputs)?;
    let tables = read(4 + len, at - 4 - len)?;
    let (tenants, history) = tables.split_at(head.carried as usize * CARRIED_ROW);
    let dates = head.dates();
    let record = |table: &[u8], row: usize, size: usize| {
        let offset = u64_at(table, row * size + size - 12)?;
        let len = u32_at(table, row * size + size - 4)?;
        read(usize::try_from(offset).ok()?, len as usize)
    };
    for (c, &place) in customers.iter_mut().zip(places) {
        if c.graph.is_none()
            && let Some(id) = &c.id
        {
            let id = id.as_str().to_ascii_lowercase();
            let k = key(&id);
            let rows = tenants.len() / CARRIED_ROW;
            let key_at = |r: usize| u64_at(tenants, r * CARRIED_ROW).unwrap_or(u64::MAX);
            let mut r = partition(rows, |r| key_at(r) < k);
            while r < rows && key_at(r) == k {
                let carried: Carried =
                    postcard::from_bytes(&record(tenants, r, CARRIED_ROW)?).ok()?;
                if carried.tenant.id.as_str() == id {
                    c.graph = carried.customer(snapshots)?.graph;
                    break;
                }
                r += 1;
            }
        }
        let rows = history.len() / HISTORY_ROW;
        let place_at =
            |r: usize| u32_at(history, r * HISTORY_ROW).map_or(usize::MAX, |p| p as usize);
        let r = partition(rows, |r| place_at(r) < place);
        if r < rows && place_at(r) == place {
            let bytes = record(history, r, HISTORY_ROW)?;
            let (at, key, points, _) = history_record(&bytes, &dates)?;
            // The file is of another portfolio than the index read: not this first frame's.
            if at != place || !c.has_history_key(key) {
                return None;
            }
            c.history = points;
        }
    }
    Some(())
}

/// The first of `0..n` for which `before` is false (`before` true for a prefix).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// [`compute`], kept in [`FILE`] unless a note was made (an older snapshot left out: said
/// each time, so nothing is kept).
fn fresh(
    portfolio: &mut Portfolio,
    current: &Path,
    older: &[PathBuf],
    inputs: Vec<Stamp<'static>>,
    progress: Option<Arc<Progress>>,
) -> usize {
    let (tenants, carried) = compute(portfolio, current, older, progress);
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
    progress: Option<Arc<Progress>>,
) -> (usize, Option<Vec<Customer>>) {
    // Tenants that could not be read are not kept as none: the next open reads them again.
    let read = tenants::read_older_graph(portfolio, older, progress);
    let tenants = tenants::attach(portfolio, read.clone().unwrap_or_default());
    let notes = portfolio.warnings.len();
    rollup::attach_history(portfolio, current, older);
    let clean = portfolio.warnings.len() == notes;
    (tenants, read.filter(|_| clean))
}

/// Writes [`FILE`] (a temporary file renamed over it: a reader sees the old or the new).
fn write(
    portfolio: &Portfolio,
    current: &Path,
    inputs: Vec<Stamp<'static>>,
    carried: &[Customer],
) -> Option<()> {
    let snapshots = current.parent()?;
    let mut records = Vec::new();
    // (key, offset in `records`, length) per table row.
    let mut tenants: Vec<(u64, usize, usize)> = Vec::with_capacity(carried.len());
    for c in carried {
        let repr = Carried::of(c, snapshots)?;
        let at = records.len();
        records = postcard::to_extend(&repr, records).ok()?;
        tenants.push((key(repr.tenant.id.as_str()), at, records.len() - at));
    }
    tenants.sort_by_key(|t| t.0);
    let mut dates = Dates::default();
    let mut history: Vec<(u32, usize, usize)> = Vec::new();
    for (place, c) in
        (portfolio.customers.iter().enumerate()).filter(|(_, c)| !c.history.is_empty())
    {
        let points = (c.history.iter())
            .map(|s| dates.point(s))
            .collect::<Option<Vec<_>>>()?;
        let (place, at) = (u32::try_from(place).ok()?, records.len());
        records = postcard::to_extend(&place, records).ok()?;
        records = postcard::to_extend(c.history_key().as_str(), records).ok()?;
        records = postcard::to_extend(&u32::try_from(points.len()).ok()?, records).ok()?;
        for p in &points {
            records = postcard::to_extend(p, records).ok()?;
        }
        history.push((place, at, records.len() - at));
    }
    let head = Head {
        version: VERSION,
        inputs,
        dates: dates.list,
        carried: u32::try_from(tenants.len()).ok()?,
        customers: u32::try_from(history.len()).ok()?,
    };
    let head = postcard::to_allocvec(&head).ok()?;
    let base = 4 + head.len() + tenants.len() * CARRIED_ROW + history.len() * HISTORY_ROW;
    let mut bytes = Vec::with_capacity(base + records.len());
    bytes.extend_from_slice(&u32::try_from(head.len()).ok()?.to_le_bytes());
    bytes.extend_from_slice(&head);
    let row = |bytes: &mut Vec<u8>, at: usize, len: usize| {
        bytes.extend_from_slice(&((base + at) as u64).to_le_bytes());
        bytes.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
    };
    for &(key, at, len) in &tenants {
        bytes.extend_from_slice(&key.to_le_bytes());
        row(&mut bytes, at, len);
    }
    for &(place, at, len) in &history {
        bytes.extend_from_slice(&place.to_le_bytes());
        row(&mut bytes, at, len);
    }
    bytes.extend_from_slice(&records);
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

#[cfg(test)]
#[path = "older_tests.rs"]
mod tests;
