//! Roll-ups: the customer-level sums of a snapshot (`rollup.bin`), the trends they give later
//! snapshots, and `history.bin`, where the roll-ups of pruned snapshots are kept.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::domain::model::{CustomerKey, Sums, Timestamp};
use crate::text::display;

/// Customer-level sums of one snapshot, for the trends of later ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub version: u32,
    pub customers: Vec<(CustomerKey, Sums)>,
}

/// The version `rollup.bin` and [`HISTORY`] are written in. Version 1 had no usage date in
/// its sums ([`SumsV1`]); it is still read.
const VERSION: u32 = 2;

impl Rollup {
    pub fn of(portfolio: &crate::domain::model::Portfolio) -> Self {
        Self {
            version: VERSION,
            customers: portfolio
                .customers
                .iter()
                .map(|c| (c.history_key(), crate::domain::metrics::sums(c)))
                .collect(),
        }
    }
}

/// The file name of a snapshot's roll-up (binary, like the index: opening parses no JSON).
pub const ROLLUP: &str = "rollup.bin";

/// A snapshot's roll-up: `rollup.bin` (version 1 or 2), or computed from its files when there
/// is none or it cannot be read (a snapshot made by hand, a damaged or unknown roll-up).
pub fn rollup(dir: &Path) -> anyhow::Result<Rollup> {
    if let Ok(bytes) = std::fs::read(dir.join(ROLLUP))
        && let Some(customers) = read_sums::<CustomerKey>(&bytes, || usage_date(dir))
    {
        return Ok(Rollup {
            version: VERSION,
            customers,
        });
    }
    from_files(dir)
}

/// A snapshot's roll-up computed from its files.
fn from_files(dir: &Path) -> anyhow::Result<Rollup> {
    let portfolio = crate::import::load_paths(&[dir.to_path_buf()])?;
    Ok(Rollup::of(&portfolio))
}

/// The sums as version 1 wrote them: without the usage date.
#[derive(Deserialize)]
struct SumsV1 {
    #[serde(deserialize_with = "crate::domain::model::deserialize_stamp")]
    as_of: Option<Timestamp>,
    assigned: u64,
    sold: u64,
    active: u64,
    qualified: u64,
}

impl SumsV1 {
    /// The sums, their usage dated `usage_as_of` (the usage date of their whole snapshot,
    /// where it is known, and never after the sums' own date: the best a version 1 roll-up
    /// allows).
    fn with_usage_date(self, usage_as_of: Option<Timestamp>) -> Sums {
        Sums {
            as_of: self.as_of,
            assigned: self.assigned,
            sold: self.sold,
            active: self.active,
            qualified: self.qualified,
            // A customer whose rows are older than the snapshot's usage (a stale one) was
            // never processed later than its own newest row.
            usage_as_of: usage_as_of
                .filter(|_| self.qualified > 0)
                .map(|u| self.as_of.map_or(u, |own| u.min(own))),
        }
    }
}

/// A snapshot's usage date, from its summary: what version 1 roll-ups read from it are dated.
fn usage_date(dir: &Path) -> Option<Timestamp> {
    let summary = super::summary::read(dir)?;
    summary.usage_as_of.as_ref().and_then(|d| d.time())
}

/// One roll-up's keys and sums.
type Customers<K> = Vec<(K, Sums)>;

/// A history file's snapshots as written: each name with its roll-up's version and customers.
type Snapshots<C> = Vec<(String, (u32, C))>;

/// A roll-up's customers, of either version (`None` when it cannot be read), with their keys
/// as `K` (`&str` borrows them from `bytes`). Version 1 sums have their usage dated
/// `usage_as_of()` (asked only for them).
fn read_sums<'a, K: Deserialize<'a>>(
    bytes: &'a [u8],
    usage_as_of: impl FnOnce() -> Option<Timestamp>,
) -> Option<Customers<K>> {
    let (version, rest) = postcard::take_from_bytes::<u32>(bytes).ok()?;
    match version {
        VERSION => postcard::from_bytes(rest).ok(),
        1 => Some(v1(postcard::from_bytes(rest).ok()?, usage_as_of())),
        _ => None,
    }
}

/// Version 1 sums, their usage dated `usage_as_of`.
fn v1<K>(customers: Vec<(K, SumsV1)>, usage_as_of: Option<Timestamp>) -> Customers<K> {
    customers
        .into_iter()
        .map(|(k, s)| (k, s.with_usage_date(usage_as_of)))
        .collect()
}

/// The snapshots of a history file (see [`History`]), of either version, with their keys as
/// `K`. Version 1 sums have no usage date (their snapshots are gone).
fn read_snapshots<'a, K: Deserialize<'a>>(bytes: &'a [u8]) -> Option<Vec<(String, Customers<K>)>> {
    let (version, rest) = postcard::take_from_bytes::<u32>(bytes).ok()?;
    match version {
        VERSION => {
            let snapshots: Snapshots<Customers<K>> = postcard::from_bytes(rest).ok()?;
            Some(snapshots.into_iter().map(|(n, (_, c))| (n, c)).collect())
        }
        1 => {
            let snapshots: Snapshots<Vec<(K, SumsV1)>> = postcard::from_bytes(rest).ok()?;
            Some(
                snapshots
                    .into_iter()
                    .map(|(n, (_, c))| (n, v1(c, None)))
                    .collect(),
            )
        }
        _ => None,
    }
}

/// Calls `each` with every key and sums of `dir`'s roll-up; the error says why there is none.
fn each_sums(dir: &Path, mut each: impl FnMut(&str, Sums)) -> anyhow::Result<()> {
    if let Ok(bytes) = std::fs::read(dir.join(ROLLUP))
        && let Some(customers) = read_sums::<&str>(&bytes, || usage_date(dir))
    {
        customers.into_iter().for_each(|(k, s)| each(k, s));
        return Ok(());
    }
    // (not `rollup`: its bytes were just found unreadable)
    let r = from_files(dir)?;
    r.customers
        .into_iter()
        .for_each(|(k, s)| each(k.as_str(), s));
    Ok(())
}

/// How many older snapshots the trends look back.
pub const HISTORY_SNAPSHOTS: usize = 12;

/// Adds the sums of the older snapshots (newest excluded) and of pruned snapshots (kept in
/// the cache root's [`HISTORY`]) to the matching customers. A snapshot that cannot be read is
/// noted and left out.
pub fn attach_history(
    portfolio: &mut crate::domain::model::Portfolio,
    current: &Path,
    older: &[PathBuf],
) {
    // Pruned snapshots: their folders are gone, their roll-ups are kept in the cache root.
    let pruned = current
        .parent()
        .and_then(Path::parent)
        .and_then(|root| std::fs::read(root.join(HISTORY)).ok());
    if older.is_empty() && pruned.is_none() {
        // No history to look up: no map of every customer's key (8 MB at 100 000
        // customers, for nothing).
        return;
    }
    let index: foldhash::HashMap<CustomerKey, usize> = portfolio
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.history_key(), i))
        .collect();
    let customers = &mut portfolio.customers;
    let room = older.len().min(HISTORY_SNAPSHOTS) + 1;
    let mut add = |key: &str, sums: Sums| {
        if let Some(&i) = index.get(key) {
            // Room for every snapshot at the first one found (most customers have none).
            let history = &mut customers[i].history;
            if history.capacity() == 0 {
                history.reserve_exact(room);
            }
            history.push(sums);
        }
    };
    let mut notes = Vec::new();
    for dir in older.iter().rev().take(HISTORY_SNAPSHOTS) {
        if let Err(e) = each_sums(dir, &mut add) {
            notes.push(crate::domain::model::ImportWarning {
                file: display(dir),
                record: None,
                field: None,
                message: format!("older snapshot left out of the trends: {e:#}"),
                severity: crate::domain::model::Severity::Note,
            });
        }
    }
    let pruned = pruned.as_deref().and_then(read_snapshots::<&str>);
    for (_, customers) in pruned
        .iter()
        .flat_map(|h| h.iter().rev().take(HISTORY_SNAPSHOTS))
    {
        customers.iter().for_each(|&(k, s)| add(k, s));
    }
    portfolio.warnings.extend(notes);
    for c in &mut portfolio.customers {
        c.history.sort_by_key(|s| s.as_of);
        c.history.dedup_by_key(|s| s.as_of);
        // The newest ones, however many folders are kept: pruning never changes the trend.
        let extra = c.history.len().saturating_sub(HISTORY_SNAPSHOTS);
        c.history.drain(..extra);
        c.history.shrink_to_fit();
    }
}

/// The roll-ups of pruned snapshots, in the cache root: pruning keeps the trend.
pub const HISTORY: &str = "history.bin";

/// Roll-ups of snapshots that were pruned, oldest first, each with its snapshot's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub version: u32,
    pub snapshots: Vec<(String, Rollup)>,
}

/// The pruned snapshots' roll-ups (none when there is no history file or it cannot be read).
pub fn read_history(root: &Path) -> History {
    let bytes = std::fs::read(root.join(HISTORY)).unwrap_or_default();
    let snapshots = read_snapshots::<CustomerKey>(&bytes).unwrap_or_default();
    History {
        version: VERSION,
        snapshots: snapshots
            .into_iter()
            .map(|(name, customers)| {
                let version = VERSION;
                (name, Rollup { version, customers })
            })
            .collect(),
    }
}

/// Keeps the roll-ups of `dirs` in the history file (written aside and renamed into place).
pub(super) fn keep_history(root: &Path, dirs: &[PathBuf]) -> anyhow::Result<()> {
    let mut history = read_history(root);
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if history.snapshots.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let rollup =
            rollup(dir).with_context(|| format!("{}: cannot read its roll-up", display(dir)))?;
        history.snapshots.push((name, rollup));
    }
    let path = root.join(HISTORY);
    let tmp = root.join(format!(".{HISTORY}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, postcard::to_allocvec(&history)?)
        .with_context(|| format!("{}: cannot write", display(&tmp)))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot write", display(&path)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roll-ups of older uptakes keyed customers by plain strings: a typed key writes and
    /// reads the same bytes.
    #[test]
    fn customer_keys_are_written_as_the_strings_they_were() {
        let sums = Sums::default();
        let keys = [CustomerKey::id("0a1b-c2"), CustomerKey::name("Ärger GmbH")];
        let old = (
            VERSION,
            vec![
                ("0a1b-c2".to_string(), sums),
                (format!("name:{}", crate::text::fold("Ärger GmbH")), sums),
            ],
        );
        let new = Rollup {
            version: VERSION,
            customers: keys.iter().map(|k| (k.clone(), sums)).collect(),
        };
        let bytes = postcard::to_allocvec(&new).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&old).unwrap());
        assert_eq!(postcard::from_bytes::<Rollup>(&bytes).unwrap(), new);
        assert_eq!(keys[1].as_str(), "name:arger gmbh");
    }

    /// A roll-up as version 1 wrote it: no usage date in the sums.
    #[derive(Serialize)]
    struct OldSums(Option<Timestamp>, u64, u64, u64, u64);

    fn at(day: u32) -> Timestamp {
        use chrono::TimeZone;
        chrono::Utc.with_ymd_and_hms(2025, 5, day, 0, 0, 0).unwrap()
    }

    /// Roll-ups and history files of an uptake before 2026-12 (version 1) are still read:
    /// a snapshot's sums have their usage dated by its summary, and only where they have
    /// usage; pruned ones have no usage date. The history file is rewritten as version 2
    /// when a snapshot is pruned next, and reads back the same.
    #[test]
    fn version_1_roll_ups_and_history_are_read() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("snapshots").join("2025-05");
        std::fs::create_dir_all(&dir).unwrap();
        let old = |active: u64| {
            let customers = vec![
                ("t-1".to_string(), OldSums(Some(at(14)), 40, 50, active, 50)),
                ("c-1".to_string(), OldSums(Some(at(14)), 10, 20, 0, 0)),
                ("s-1".to_string(), OldSums(Some(at(3)), 0, 0, 7, 10)),
            ];
            postcard::to_allocvec(&(1u32, customers)).unwrap()
        };
        std::fs::write(dir.join(ROLLUP), old(45)).unwrap();
        std::fs::write(
            dir.join(super::super::summary::FILE),
            r#"{"data_as_of":"2025-05-14T00:00:00Z","deployment_as_of":"2025-05-14T00:00:00Z",
                "usage_as_of":"2025-05-09T00:00:00Z","prices":[]}"#,
        )
        .unwrap();
        let mut read = Vec::new();
        each_sums(&dir, |k, s| read.push((k.to_string(), s))).unwrap();
        let sums = |active, qualified, usage_as_of| Sums {
            as_of: Some(at(14)),
            assigned: 0,
            sold: 0,
            active,
            qualified,
            usage_as_of,
        };
        let (mut t, mut c) = (sums(45, 50, Some(at(9))), sums(0, 0, None));
        (t.assigned, t.sold, c.assigned, c.sold) = (40, 50, 10, 20);
        // A stale customer (its rows older than the snapshot's usage): its own date.
        let mut stale = sums(7, 10, Some(at(3)));
        stale.as_of = Some(at(3));
        let expected = vec![
            ("t-1".to_string(), t),
            ("c-1".to_string(), c),
            ("s-1".to_string(), stale),
        ];
        assert_eq!(read, expected);
        let owned = rollup(&dir).unwrap();
        assert_eq!(owned.version, VERSION);
        let owned: Vec<_> = owned
            .customers
            .into_iter()
            .map(|(k, s)| (k.to_string(), s))
            .collect();
        assert_eq!(owned, expected);

        // A version 1 history file: a pruned snapshot, no usage date.
        let pruned = (
            1u32,
            vec![(
                "2025-04".to_string(),
                (
                    1u32,
                    vec![("t-1".to_string(), OldSums(Some(at(1)), 40, 50, 30, 50))],
                ),
            )],
        );
        std::fs::write(
            root.path().join(HISTORY),
            postcard::to_allocvec(&pruned).unwrap(),
        )
        .unwrap();
        let mut april = sums(30, 50, None);
        april.as_of = Some(at(1));
        (april.assigned, april.sold) = (40, 50);
        let history = read_history(root.path());
        let expected_history = History {
            version: VERSION,
            snapshots: vec![(
                "2025-04".to_string(),
                Rollup {
                    version: VERSION,
                    customers: vec![(CustomerKey::id("t-1"), april)],
                },
            )],
        };
        assert_eq!(history, expected_history);
        keep_history(root.path(), std::slice::from_ref(&dir)).unwrap();
        let bytes = std::fs::read(root.path().join(HISTORY)).unwrap();
        assert_eq!(postcard::take_from_bytes::<u32>(&bytes).unwrap().0, VERSION);
        let history = read_history(root.path());
        assert_eq!(history.snapshots[0], expected_history.snapshots[0]);
        let (name, may) = &history.snapshots[1];
        assert_eq!(name, "2025-05");
        assert_eq!(may.customers[0], (CustomerKey::id("t-1"), t));
    }
}
